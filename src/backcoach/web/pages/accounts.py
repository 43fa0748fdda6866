"""Sign-up, sign-in, sign-out and the password change. In single-user mode there are no accounts:
these pages say so.

Passwords are passed on exactly as typed (never stripped), to the same use cases and the same rule
as the API's (``app.accounts``, ``app.passwords``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from backcoach.app import accounts
from backcoach.app.passwords import MIN_PASSWORD_LENGTH, weakness
from backcoach.errors import BackcoachError, InputError, TooManyRequests, Unauthenticated
from backcoach.store import LOCAL_USER
from backcoach.store.accounts import MAX_EMAIL
from backcoach.store.users import MAX_NAME
from backcoach.web.deps import Csrf, SessionDataDep, SettingsDep, Uow, ViewerDep, clock
from backcoach.web.errors import status_of
from backcoach.web.pages.rendering import Form, field_errors, redirect, render, safe_next, text
from backcoach.web.security import ANONYMOUS, SessionData, new_csrf_token, set_session_cookie

router = APIRouter()


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def _password(form: FormData, name: str) -> str:
    """A password field exactly as typed: spaces are part of it."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _signed_in(request: Request, response: Response, done: accounts.SignedIn) -> Response:
    set_session_cookie(request, response, SessionData(done.user.id, new_csrf_token(), done.token))
    return response


# The sign-up form's fields in page order, and where the error summary's links go.
SIGNUP_FIELDS = {"name": "name", "email": "email", "password": "password"}


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def signup_problems(name: str, email: str, password: str) -> dict[str, str]:
    """Every problem of a sign-up form at once, in plain words, never quoting what was typed:
    the same rules as the use case (name length and the reserved name, an address's shape, the
    password rule of ``app.passwords``), checked together so a person fixes them in one go."""
    problems: dict[str, str] = {}
    clean = name.strip()
    if not clean:
        problems["name"] = "Enter your name."
    elif len(clean) > MAX_NAME:
        problems["name"] = f"Your name can be at most {MAX_NAME} characters."
    elif clean.lower() == LOCAL_USER:
        problems["name"] = "That name is kept for this app's own use: choose another."
    address = email.strip()
    local, at, domain = address.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in address):
        problems["email"] = "Enter an email address like name@example.org."
    elif len(address) > MAX_EMAIL:
        problems["email"] = f"An email address can be at most {MAX_EMAIL} characters."
    weak = weakness(password, user_inputs=(name, email))
    if weak is not None:
        problems["password"] = _password_problem(weak)
    return problems


def _password_problem(weak: str) -> str:
    """ "must be at least 15 characters" → "Your password must be at least 15 characters."."""
    return _sentence(f"Your password {weak}" if weak.startswith("must") else weak)


def _signup_errors(exc: BackcoachError) -> dict[str, str]:
    """A refusal of the use case in plain words: a refused address gets the use case's own
    sentence (``accounts.NOT_CREATED``), so the page and the API never tell whether it has an account."""
    field = exc.field or "form"
    if field == "name" and "taken" in str(exc):
        return {"name": "That name is already in use: choose another."}
    if field == "password":
        return {"password": _password_problem(str(exc).split(": ", 1)[-1])}
    return {"form": accounts.NOT_CREATED}


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    """The sign-up form (in single-user mode: a note that no account is needed)."""
    return render(request, "signup.html", _signup_context({}))


def _signup_context(values: dict[str, str], errors: dict[str, str] | None = None) -> dict[str, object]:
    return {
        "values": values,
        "errors": errors or {},
        "anchors": SIGNUP_FIELDS,
        "min_password": MIN_PASSWORD_LENGTH,
        "max_name": MAX_NAME,
        "max_email": MAX_EMAIL,
    }


@router.post("/signup", response_class=HTMLResponse, dependencies=[Csrf])
def signup(request: Request, form: Form, uow: Uow, settings: SettingsDep) -> Response:
    """Create an account and sign in; problems are shown beside their fields."""
    if settings.single_user:
        return redirect("/")
    values = {"name": text(form, "name"), "email": text(form, "email")}
    password = _password(form, "password")
    problems = signup_problems(values["name"], values["email"], password)
    if problems:
        return render(request, "signup.html", _signup_context(values, problems), status=422)
    try:
        done = accounts.sign_up(
            uow,
            name=values["name"],
            email=values["email"],
            password=password,
            now=clock(),
            lifetime=settings.session_lifetime,
        )
    except InputError as exc:  # refused before anything was written
        return render(request, "signup.html", _signup_context(values, _signup_errors(exc)), status=422)
    return _signed_in(request, redirect("/onboarding/screening"), done)


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    """The sign-in form (in single-user mode: a note that no account is needed)."""
    return render(request, "signin.html", {"values": {}, "next": safe_next(request.query_params.get("next"))})


@router.post("/signin", response_class=HTMLResponse, dependencies=[Csrf])
def signin(request: Request, form: Form, uow: Uow, settings: SettingsDep) -> Response:
    """Check the email and password; a new session (and CSRF token) on success."""
    if settings.single_user:
        return redirect("/")
    email = text(form, "email")
    target = safe_next(text(form, "next"))
    try:
        done = accounts.sign_in(
            uow,
            request.app.state.throttle,
            email=email,
            password=_password(form, "password"),
            client=_client(request),
            now=clock(),
            lifetime=settings.session_lifetime,
        )
    except (Unauthenticated, TooManyRequests) as exc:
        return render(
            request,
            "signin.html",
            {"values": {"email": email}, "next": target, "errors": {exc.field or "form": str(exc)}},
            status=status_of(exc)[0],
        )
    return _signed_in(request, redirect(target), done)


@router.post("/signout", dependencies=[Csrf])
def signout(request: Request, uow: Uow, settings: SettingsDep, data: SessionDataDep) -> Response:
    """End every session of yours: the cookie keeps only a fresh CSRF token."""
    accounts.sign_out(uow, token=data.token if data is not None else None, now=clock())
    response = redirect("/" if settings.single_user else "/signin")
    set_session_cookie(request, response, SessionData(ANONYMOUS, new_csrf_token()))
    return response


@router.get("/account/password", response_class=HTMLResponse)
def password_page(request: Request, viewer: ViewerDep) -> HTMLResponse:
    """The password change form (in single-user mode: a note that there is no password)."""
    done = request.query_params.get("changed") == "1"
    return render(request, "password.html", {"min_password": MIN_PASSWORD_LENGTH, "done": done})


@router.post("/account/password", response_class=HTMLResponse, dependencies=[Csrf])
def change_password(
    request: Request, form: Form, uow: Uow, viewer: ViewerDep, settings: SettingsDep
) -> Response:
    """Change the password: every other session ends, this browser stays signed in."""
    if settings.single_user:
        return redirect("/")
    try:
        done = accounts.change_password(
            uow,
            request.app.state.throttle,
            user=viewer.user,
            current_password=_password(form, "current_password"),
            new_password=_password(form, "new_password"),
            now=clock(),
            lifetime=settings.session_lifetime,
        )
    except BackcoachError as exc:
        return render(
            request,
            "password.html",
            {"min_password": MIN_PASSWORD_LENGTH, "done": False, "errors": field_errors(exc)},
            status=status_of(exc)[0],
        )
    return _signed_in(request, redirect("/account/password?changed=1"), done)
