"""The one place that renders every error as a page or as JSON, with its HTTP status.

The errors are the application's (``backcoach.errors``); this module only maps each to a status:

InputError, ImportRejected         → 422, {"errors": [{"field", "message"}]}
UnknownIdError, NotFound           → 404
Conflict                           → 409
SafetyHold                         → 409, {"detail", "code", "errors": [...]}
Unauthenticated                    → 401 (pages redirect to sign-in)
Forbidden                          → 403 (CSRF failures)
TooManyRequests                    → 429
other BackcoachError               → 400
the database busy past its timeout → 503
anything else                      → 500, a plain page; the trace goes to the log only

The API documents each of these statuses with one schema, ``schemas.ErrorsPublic``
(``documented``), and a test holds every route to the statuses it declares.

Every error answer is a complete response on a connection that stays usable. Starlette's
``ServerErrorMiddleware`` renders a 500 and then raises the error again for the server to log;
uvicorn, seeing an error after the response started, closes the connection, and a keep-alive
client's next request on it was dropped (30 of 30 tries on a served app). So the 500 is rendered
here by ``LastResort``, innermost of the app's middleware, and the error goes no further. A
request's unread body needs nothing: uvicorn's parser reads past it to the next request.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcoach.errors import (
    BackcoachError,
    Conflict,
    Forbidden,
    ImportRejected,
    InputError,
    NotFound,
    SafetyHold,
    TooManyRequests,
    Unauthenticated,
    UnknownIdError,
    field_of,
)
from backcoach.web.schemas import ErrorsPublic

__all__ = [
    "DOCUMENTED",
    "Conflict",
    "Forbidden",
    "LastResort",
    "NotFound",
    "SafetyHold",
    "TooManyRequests",
    "Unauthenticated",
    "described",
    "documented",
    "field_of",
    "install",
    "status_of",
    "wants_json",
]

log = logging.getLogger("backcoach.web")
UNEXPECTED = "An unexpected error occurred; it has been logged."

# Most specific first: the first class an error is an instance of gives its status and title.
_STATUS: tuple[tuple[type[BackcoachError], int, str], ...] = (
    (InputError, 422, "Please check what you entered"),
    (ImportRejected, 422, "That file could not be imported"),
    (UnknownIdError, 404, "Not found"),
    (NotFound, 404, "Not found"),
    (SafetyHold, 409, "Training is on hold"),
    (Conflict, 409, "That changed in the meantime"),
    (Unauthenticated, 401, "Please sign in"),
    (Forbidden, 403, "Not allowed"),
    (TooManyRequests, 429, "Too many attempts"),
)


# What each error status means to an API client, the words of its OpenAPI description.
DOCUMENTED: dict[int, str] = {
    400: "The request could not be read (a body that is not UTF-8 JSON).",
    401: "Not signed in (multi-user mode), or the email or password is wrong.",
    403: "The `X-CSRF-Token` header is missing or does not match this session's token.",
    404: "No such record of yours, or no such id in the catalogue.",
    409: "The state changed since it was read (a stale step token, a repeated key), or the safety "
    "gate holds you (`detail` and `code`).",
    422: "A value is missing, malformed or out of range: each error names its field.",
    429: "Too many attempts: wait a few minutes and try again.",
}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each with the one error schema."""
    return {status: described(DOCUMENTED[status]) for status in statuses}


def described(description: str) -> dict[str, Any]:
    """One documented error answer in a route's own words (``{409: described("No plan fits")}``)."""
    return {"model": ErrorsPublic, "description": description}


def status_of(exc: BackcoachError) -> tuple[int, str]:
    for kind, status, title in _STATUS:
        if isinstance(exc, kind):
            return status, title
    return 400, "That did not work"


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _render(
    request: Request,
    status: int,
    title: str,
    message: str,
    field: str | None,
    *,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"errors": [{"field": field, "message": message}], **(extra or {})}
        return JSONResponse(body, status_code=status, headers=headers)
    if status == 401:
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)
    templates = request.app.state.templates
    context: dict[str, Any] = {"title": title, "message": message, "status": status, **(extra or {})}
    response: Response = templates.TemplateResponse(
        request, "error.html", context, status_code=status, headers=headers
    )
    return response


def _unexpected(request: Request) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _render(request, 500, "Something went wrong", UNEXPECTED, None)


class LastResort:
    """Answers an error no handler took with a 500 and keeps it from the server (module docstring).

    An error after the whole answer was sent is only logged. One in the middle of an answer (a
    body cut short) still goes up: a connection cannot carry half an answer, so closing it is right.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = finished = False

        async def tracked(message: Message) -> None:
            nonlocal started, finished
            started = started or message["type"] == "http.response.start"
            finished = message["type"] == "http.response.body" and not message.get("more_body", False)
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if started and not finished:
                raise
            response = _unexpected(Request(scope, receive))
            if not started:
                await response(scope, receive, send)


def install(app: FastAPI) -> None:
    # Innermost of the middleware (``add_middleware`` puts each new one outermost): its 500 still
    # gets the session cookie and the security headers on its way out.
    app.user_middleware.append(Middleware(LastResort))

    @app.exception_handler(BackcoachError)
    async def known(request: Request, exc: BackcoachError) -> Response:
        status, title = status_of(exc)
        extra = {"detail": str(exc), "code": exc.code} if isinstance(exc, SafetyHold) else None
        return _render(request, status, title, str(exc), exc.field, extra=extra)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"field": ".".join(str(p) for p in e["loc"][1:]) or None, "message": e["msg"]}
            for e in exc.errors()
        ]
        if wants_json(request):
            return JSONResponse({"errors": errors}, status_code=422)
        first = errors[0] if errors else {"field": None, "message": "invalid input"}
        return _render(
            request, 422, "Please check what you entered", f"{first['field']}: {first['message']}", None
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Not allowed"}.get(exc.status_code, "Error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # the route's own header names only that one route's methods
            headers["Allow"] = ", ".join(_allowed(request))
        return _render(request, exc.status_code, title, str(exc.detail), None, headers=headers or None)

    @app.exception_handler(OperationalError)
    async def busy(request: Request, exc: OperationalError) -> Response:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            return _render(
                request,
                503,
                "Busy",
                "The database is busy; please try again in a moment.",
                None,
                headers={"Retry-After": "1"},
            )
        log.exception("database error on %s %s", request.method, request.url.path)
        return _render(request, 500, "Something went wrong", UNEXPECTED, None)

    @app.exception_handler(Exception)  # outside every middleware: only what LastResort cannot see
    async def unexpected(request: Request, exc: Exception) -> Response:
        return _unexpected(request)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> list[str]:
    """The methods some route of the app answers on this path (RFC 9110 §15.5.6: a 405 names them).

    Each method is tried as if asked: an included router matches as one route, and says only
    whether one of its routes takes the method asked, not which ones would.
    """
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
