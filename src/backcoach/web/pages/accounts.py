"""Sign-up, sign-in and sign-out. In single-user mode there are no accounts: these pages say so."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.errors import BackcoachError
from backcoach.web import services
from backcoach.web.app import ANONYMOUS, set_session_cookie
from backcoach.web.deps import Csrf, DbSession, SettingsDep
from backcoach.web.errors import TooManyRequests, Unauthenticated
from backcoach.web.pages.rendering import Form, field_errors, now, redirect, render, safe_next, text
from backcoach.web.security import MIN_PASSWORD_LENGTH, SessionData, new_csrf_token

router = APIRouter()


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The sign-up form (in single-user mode: a note that no account is needed)."""
    return render(request, "signup.html", {"values": {}, "min_password": MIN_PASSWORD_LENGTH})


@router.post("/signup", response_class=HTMLResponse, dependencies=[Csrf])
def signup(request: Request, form: Form, db: DbSession, settings: SettingsDep) -> Response:
    """Create an account and sign in; problems are shown beside their fields."""
    if settings.single_user:
        return redirect("/")
    values = {"name": text(form, "name"), "email": text(form, "email")}
    password = form.get("password")
    try:
        user = services.sign_up(
            db,
            name=values["name"],
            email=values["email"],
            password=password if isinstance(password, str) else "",
            now=now(),
        )
    except BackcoachError as exc:  # refused before anything was written
        return render(
            request,
            "signup.html",
            {"values": values, "errors": field_errors(exc), "min_password": MIN_PASSWORD_LENGTH},
            status=422,
        )
    response = redirect("/onboarding/screening")
    set_session_cookie(request, response, SessionData(user.id, new_csrf_token()))
    return response


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    """The sign-in form (in single-user mode: a note that no account is needed)."""
    return render(request, "signin.html", {"values": {}, "next": safe_next(request.query_params.get("next"))})


@router.post("/signin", response_class=HTMLResponse, dependencies=[Csrf])
def signin(request: Request, form: Form, db: DbSession, settings: SettingsDep) -> Response:
    """Check the email and password; a new session (and CSRF token) on success."""
    if settings.single_user:
        return redirect("/")
    email = text(form, "email")
    password = form.get("password")
    target = safe_next(text(form, "next"))
    try:
        user = services.sign_in(
            db,
            request.app.state.throttle,
            email=email,
            password=password if isinstance(password, str) else "",
            client=_client(request),
        )
    except (Unauthenticated, TooManyRequests) as exc:
        return render(
            request,
            "signin.html",
            {"values": {"email": email}, "next": target, "errors": {exc.field or "form": str(exc)}},
            status=exc.status,
        )
    response = redirect(target)
    set_session_cookie(request, response, SessionData(user.id, new_csrf_token()))
    return response


@router.post("/signout", dependencies=[Csrf])
def signout(request: Request, settings: SettingsDep) -> Response:
    """End the session: the cookie keeps only a fresh CSRF token."""
    response = redirect("/" if settings.single_user else "/signin")
    set_session_cookie(request, response, SessionData(ANONYMOUS, new_csrf_token()))
    return response
