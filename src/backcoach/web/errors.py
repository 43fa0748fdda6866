"""HTTP errors and the one place that renders every error as a page or as JSON.

BackcoachError (domain)            → 400/404/422, its message
 ├── InputError                    → 422, {"errors": [{"field", "message"}]}
 └── UnknownIdError                → 404
WebError                           → its status
 ├── Unauthenticated (401)         → JSON 401; pages redirect to sign-in
 ├── Forbidden (403)               → CSRF failures, another user's data
 ├── NotFound (404)
 └── TooManyRequests (429)         → sign-in throttling
anything else                      → 500, a plain page; the trace goes to the log only
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from backcoach.errors import BackcoachError, InputError, UnknownIdError

log = logging.getLogger("backcoach.web")
UNEXPECTED = "An unexpected error occurred; it has been logged."


class WebError(Exception):
    status = 400
    title = "Something is wrong with that request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unauthenticated(WebError):
    status = 401
    title = "Please sign in"


class Forbidden(WebError):
    status = 403
    title = "Not allowed"


class NotFound(WebError):
    status = 404
    title = "Not found"


class TooManyRequests(WebError):
    status = 429
    title = "Too many attempts"


_FIELD = re.compile(r"^(--)?(?P<field>[a-z_][a-z0-9_.\[\]-]*):\s")


def field_of(message: str) -> str | None:
    """Our error messages start with the field at fault ("reps: 200 must be …")."""
    match = _FIELD.match(message)
    return match.group("field").replace("-", "_") if match else None


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _render(request: Request, status: int, title: str, message: str, field: str | None) -> Response:
    if wants_json(request):
        return JSONResponse({"errors": [{"field": field, "message": message}]}, status_code=status)
    if status == 401:
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, "error.html", {"title": title, "message": message, "status": status}, status_code=status
    )
    return response


def install(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return _render(request, exc.status, exc.title, str(exc), exc.field)

    @app.exception_handler(UnknownIdError)
    async def unknown_id(request: Request, exc: UnknownIdError) -> Response:
        return _render(request, 404, "Not found", str(exc), exc.kind)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _render(request, 422, "Please check what you entered", str(exc), field_of(str(exc)))

    @app.exception_handler(BackcoachError)
    async def domain_error(request: Request, exc: BackcoachError) -> Response:
        return _render(request, 400, "That did not work", str(exc), None)

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
        return _render(request, exc.status_code, title, str(exc.detail), None)

    @app.exception_handler(OperationalError)
    async def busy(request: Request, exc: OperationalError) -> Response:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            return _render(request, 503, "Busy", "The database is busy; please try again in a moment.", None)
        log.exception("database error on %s %s", request.method, request.url.path)
        return _render(
            request, 500, "Something went wrong", "An unexpected error occurred; it has been logged.", None
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _render(
            request, 500, "Something went wrong", "An unexpected error occurred; it has been logged.", None
        )
