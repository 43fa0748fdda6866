"""Accounts: sign up, sign in (throttled), sign out, change the password, who am I; CSRF tokens.

Signing in (or up, or changing the password) starts a server-side session named by the cookie,
with a new CSRF token (no session fixation). Signing out and changing the password end every
session of the person on the server. These routes take no ``Idempotency-Key``: their answer sets
a cookie, which a replayed answer could not carry, and repeating one is harmless (a second
sign-in is a second session; a repeated password change is refused as a wrong current password).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from backcoach.app import accounts
from backcoach.app.passwords import Throttle
from backcoach.app.uow import UnitOfWork
from backcoach.store import User
from backcoach.web.deps import Csrf, SessionDataDep, SettingsDep, Uow, ViewerDep, clock
from backcoach.web.errors import documented
from backcoach.web.schemas import CsrfPublic, PasswordUpdate, SignInCreate, SignUpCreate, UserPublic
from backcoach.web.security import ANONYMOUS, SessionData, new_csrf_token, set_session_cookie

router = APIRouter(prefix="/auth", tags=["auth"])


def _public(uow: UnitOfWork, user: User, csrf: str) -> UserPublic:
    return UserPublic(
        id=user.id,
        name=user.name,
        email=accounts.account_email(uow, user),
        display_unit=user.display_unit,
        csrf_token=csrf,
    )


def _signed_in(request: Request, response: Response, uow: UnitOfWork, done: accounts.SignedIn) -> UserPublic:
    """The cookie of the new session, with a new CSRF token (no session fixation)."""
    data = SessionData(done.user.id, new_csrf_token(), done.token)
    set_session_cookie(request, response, data)
    return _public(uow, done.user, data.csrf)


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


@router.get("/csrf")
def csrf(request: Request) -> CsrfPublic:
    """The CSRF token of this session, to send back in the X-CSRF-Token header."""
    token: str = request.state.csrf
    return CsrfPublic(csrf_token=token)


@router.post("/signup", status_code=201, dependencies=[Csrf])
def signup(
    body: SignUpCreate, request: Request, response: Response, uow: Uow, settings: SettingsDep
) -> UserPublic:
    """Create an account and sign in; a password that is short or easy to guess is refused (422)."""
    done = accounts.sign_up(
        uow,
        name=body.name,
        email=body.email,
        password=body.password,
        now=clock(),
        lifetime=settings.session_lifetime,
    )
    return _signed_in(request, response, uow, done)


@router.post("/signin", dependencies=[Csrf], responses=documented(401, 429))
def signin(
    body: SignInCreate, request: Request, response: Response, uow: Uow, settings: SettingsDep
) -> UserPublic:
    """Sign in with email and password; repeated failures are refused for a while (429)."""
    throttle: Throttle = request.app.state.throttle
    done = accounts.sign_in(
        uow,
        throttle,
        email=body.email,
        password=body.password,
        client=_client(request),
        now=clock(),
        lifetime=settings.session_lifetime,
    )
    return _signed_in(request, response, uow, done)


@router.post("/signout", dependencies=[Csrf])
def signout(request: Request, response: Response, uow: Uow, data: SessionDataDep) -> CsrfPublic:
    """Sign out: every session of yours ends on the server; this one becomes anonymous."""
    accounts.sign_out(uow, token=data.token if data is not None else None, now=clock())
    fresh = SessionData(ANONYMOUS, new_csrf_token())
    set_session_cookie(request, response, fresh)
    return CsrfPublic(csrf_token=fresh.csrf)


@router.post("/password", dependencies=[Csrf], responses=documented(429))
def change_password(
    body: PasswordUpdate,
    request: Request,
    response: Response,
    uow: Uow,
    viewer: ViewerDep,
    settings: SettingsDep,
) -> UserPublic:
    """Change your password: your other sessions end; this one gets a new cookie and CSRF token."""
    throttle: Throttle = request.app.state.throttle
    done = accounts.change_password(
        uow,
        throttle,
        user=viewer.user,
        current_password=body.current_password,
        new_password=body.new_password,
        now=clock(),
        lifetime=settings.session_lifetime,
    )
    return _signed_in(request, response, uow, done)


@router.get("/me")
def me(uow: Uow, viewer: ViewerDep, request: Request) -> UserPublic:
    """Who is signed in (in single-user mode: the local user)."""
    token: str = viewer.csrf or request.state.csrf
    return _public(uow, viewer.user, token)
