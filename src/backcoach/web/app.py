"""The FastAPI application: server-rendered pages and a JSON API under /api/v1, over one core."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from weakref import WeakKeyDictionary

import anyio.to_thread
from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcoach.catalog import curated
from backcoach.store import database_url, default_user, ensure_schema, make_engine, session_scope
from backcoach.web import errors
from backcoach.web.deps import SESSION_STATE
from backcoach.web.security import (
    ANONYMOUS,
    COOKIE_NAME,
    SessionCodec,
    SessionData,
    Throttle,
    new_csrf_token,
    set_session_cookie,
)
from backcoach.web.settings import WebSettings, load_web_settings

__all__ = [
    "ANONYMOUS",
    "CACHEABLE_PREFIXES",
    "HSTS",
    "NO_STORE",
    "SECURITY_HEADERS",
    "SessionCookieMiddleware",
    "create_app",
    "set_session_cookie",
]

# Content Security Policy: only our own scripts, styles and images; no framing (clickjacking).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# HTTPS only, for two years, subdomains included (the max-age hstspreload.org asks for), sent in
# production only: on a local plain-HTTP server it would make the browser refuse that host.
HSTS = ("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
# Pages and API answers hold a person's data and the session's CSRF token: no browser or proxy
# may keep a copy (RFC 9111 §5.2.2.5; OWASP session management: "Cache-Control: no-store").
# Only the static files, the same for everyone, may be cached.
NO_STORE = ("Cache-Control", "no-store")
CACHEABLE_PREFIXES = ("/static/", "/api/docs/assets/")


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("backcoach.web").joinpath(name)))


class SessionCookieMiddleware:
    """Every visitor gets a signed cookie carrying a CSRF token, so the first form already works;
    every response gets the security headers, ``no-store`` unless it is a static file, and HSTS in
    production. A cookie whose server-side session has ended (``web.deps.get_viewer`` says so) is
    replaced by an anonymous one that keeps the CSRF token, so pages already open still post.

    Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``, which runs each request through
    extra tasks and memory streams: that alone cost a third of the throughput of ``/healthz``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        codec: SessionCodec = request.app.state.sessions
        settings: WebSettings = request.app.state.settings
        data = codec.loads(request.cookies.get(COOKIE_NAME))
        fresh = data is None
        session = data if data is not None else SessionData(ANONYMOUS, new_csrf_token())
        request.state.csrf = session.csrf
        request.scope["state"][SESSION_STATE] = data  # ``get_session_data`` takes it: decoded once
        extra = [] if scope["path"].startswith(CACHEABLE_PREFIXES) else [NO_STORE]
        if settings.hsts:
            extra.append(HSTS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                ended = getattr(request.state, "session_ended", False)
                if (fresh or ended) and not any(
                    c.startswith(f"{COOKIE_NAME}=") for c in headers.getlist("set-cookie")
                ):
                    carrier = Response()
                    set_session_cookie(request, carrier, SessionData(ANONYMOUS, session.csrf))
                    headers.append("set-cookie", carrier.headers["set-cookie"])
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                for name, value in extra:
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    settings = settings or load_web_settings()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="backcoach",
        summary="Coaching for a strong upper and lower back, safely.",
        docs_url=None,  # served below from the installed Swagger UI, not a CDN
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    engine = make_engine(settings.database_url or database_url())
    ensure_schema(engine)
    if settings.single_user:
        # The local user exists before the first request, so page views never write: on SQLite a
        # read transaction that turns into a write fails at once when another request wrote
        # first, and a burst of first visits all tried to create the user.
        with session_scope(engine) as session:
            default_user(session)
    app.state.settings = settings
    app.state.engine = engine
    app.state.turns = WeakKeyDictionary()  # web.deps.get_db
    app.state.catalog = curated()
    app.state.sessions = SessionCodec(settings.secret_key.get_secret_value(), settings.session_max_age_s)
    app.state.throttle = Throttle(settings.login_attempts, settings.login_window_s)
    app.state.templates = Jinja2Templates(directory=str(_package_dir("templates")))
    app.add_middleware(SessionCookieMiddleware)
    # The hottest route, logging a set between sets, matched first: FastAPI tries an included
    # router's routes one by one, twice a request (to find the route, then to run it), and
    # POST /api/v1/sets came after twenty others and two mounts: over a third of the Python calls
    # of the whole request (4,300 a set before this and the dependencies trimmed, 2,400 after).
    # The same routes stay in the API router, where the OpenAPI document lists them; this copy
    # is not listed.
    from backcoach.web.api import router as api_router
    from backcoach.web.api import workouts as hot_routes

    app.include_router(hot_routes.router, prefix=api_router.prefix, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    swagger = Path(str(resources.files("fastapi_swagger").joinpath("resources")))
    app.mount("/api/docs/assets", StaticFiles(directory=str(swagger)), name="api-docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """Interactive API documentation (Swagger UI) for the OpenAPI description."""
        return app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
            request, "api_docs.html", {"openapi_url": app.openapi_url}
        )

    errors.install(app)

    from backcoach.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # The catalogue, templates and ORM metadata live as long as the process: moving them out of
    # the collector's reach removes the 100+ ms full-collection pauses seen every few hundred
    # requests (measured on GET /plan: p99 127 ms -> 23 ms in-process).
    gc.collect()
    gc.freeze()
    return app
