"""Accounts: sign up, sign in (throttled), sign out, who am I; and the CSRF token for clients."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from backcoach.store import User
from backcoach.web import services
from backcoach.web.app import ANONYMOUS, set_session_cookie
from backcoach.web.deps import Csrf, DbSession, ViewerDep
from backcoach.web.schemas import CsrfPublic, SignInCreate, SignUpCreate, UserPublic
from backcoach.web.security import SessionData, Throttle, new_csrf_token

router = APIRouter(prefix="/auth", tags=["auth"])


def _public(db: DbSession, user: User, csrf: str) -> UserPublic:
    return UserPublic(
        id=user.id,
        name=user.name,
        email=services.account_email(db, user),
        display_unit=user.display_unit,
        csrf_token=csrf,
    )


def _signed_in(request: Request, response: Response, db: DbSession, user: User) -> UserPublic:
    """A fresh session (new CSRF token: no session fixation) for ``user``."""
    data = SessionData(user.id, new_csrf_token())
    set_session_cookie(request, response, data)
    return _public(db, user, data.csrf)


@router.get("/csrf")
def csrf(request: Request) -> CsrfPublic:
    """The CSRF token of this session, to send back in the X-CSRF-Token header."""
    token: str = request.state.csrf
    return CsrfPublic(csrf_token=token)


@router.post("/signup", status_code=201, dependencies=[Csrf])
def signup(body: SignUpCreate, request: Request, response: Response, db: DbSession) -> UserPublic:
    """Create an account (password of at least 10 characters) and sign in."""
    now = services.clock()
    user = services.sign_up(db, name=body.name, email=body.email, password=body.password, now=now)
    return _signed_in(request, response, db, user)


@router.post("/signin", dependencies=[Csrf])
def signin(body: SignInCreate, request: Request, response: Response, db: DbSession) -> UserPublic:
    """Sign in with email and password; repeated failures are refused for a while (429)."""
    throttle: Throttle = request.app.state.throttle
    client = request.client.host if request.client is not None else "unknown"
    user = services.sign_in(db, throttle, email=body.email, password=body.password, client=client)
    return _signed_in(request, response, db, user)


@router.post("/signout", dependencies=[Csrf])
def signout(request: Request, response: Response) -> CsrfPublic:
    """Sign out: the session is replaced by an anonymous one with a new CSRF token."""
    data = SessionData(ANONYMOUS, new_csrf_token())
    set_session_cookie(request, response, data)
    return CsrfPublic(csrf_token=data.csrf)


@router.get("/me")
def me(db: DbSession, viewer: ViewerDep, request: Request) -> UserPublic:
    """Who is signed in (in single-user mode: the local user)."""
    token: str = viewer.csrf or request.state.csrf
    return _public(db, viewer.user, token)
