"""Request dependencies as ``Annotated`` aliases: the unit of work, the catalogue, the
settings, the signed-in user and CSRF protection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from weakref import WeakKeyDictionary

from fastapi import Depends, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine

from backcoach.app import idempotency
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import Forbidden, Unauthenticated
from backcoach.store import User, default_user, get_user
from backcoach.store.auth_sessions import session_user
from backcoach.web.security import COOKIE_NAME, CSRF_FIELD, CSRF_HEADER, SessionData, same_token
from backcoach.web.settings import WebSettings


async def get_uow(request: Request) -> AsyncIterator[UnitOfWork]:
    """The request's unit of work: the use case it calls commits before the route returns.

    A request waits on the event loop, holding no thread, for its turn to have a transaction:
    one of ``worker_threads`` places, and on SQLite, for a request that writes, the one writer's
    place. Waiting inside a worker thread instead (for a pooled connection, for SQLite's lock)
    held that thread while the requests in progress needed free threads to finish: with more
    requests than threads, every thread waited and nothing was answered until a timeout.

    The teardown (after the response) only rolls back what no use case committed (a read) and
    releases the turn; it never commits, so nothing is acknowledged before it is durable.
    """
    async with Turn(request) as uow:
        yield uow


class Turn:
    """``async with Turn(request) as uow``: ``get_uow``'s turn and unit of work, taken by a route
    itself. The hottest route (logging a set) does so: a ``yield`` dependency costs FastAPI an
    exit stack and a shielded context manager on every request. The unit is ended as
    ``get_uow`` ends it, but when the block ends rather than after the response (what a use case
    committed is not touched)."""

    def __init__(self, request: Request) -> None:
        readonly = request.method in ("GET", "HEAD")
        engine: Engine = request.app.state.engine
        turns = _turns(request)
        self._places = turns.places
        self._writer = None if readonly or engine.dialect.name != "sqlite" else turns.writer
        self.uow = UnitOfWork(engine, readonly=readonly)

    async def __aenter__(self) -> UnitOfWork:
        await self._places.acquire()
        if self._writer is not None:
            try:
                await self._writer.acquire()
            except BaseException:  # cancelled while waiting: the place is given back
                self._places.release()
                raise
        return self.uow

    async def __aexit__(self, *_: object) -> None:
        try:
            if self.uow.active:  # a use case that committed left nothing to roll back: no thread hop
                await run_in_threadpool(self.uow.close)
        finally:
            if self._writer is not None:
                self._writer.release()
            self._places.release()


@dataclass(frozen=True)
class Turns:
    places: asyncio.Semaphore
    writer: asyncio.Lock


def _turns(request: Request) -> Turns:
    # One set per event loop: asyncio's locks belong to the loop they first wait on, and tests
    # drive one app from several loops.
    by_loop: WeakKeyDictionary[asyncio.AbstractEventLoop, Turns] = request.app.state.turns
    loop = asyncio.get_running_loop()
    found = by_loop.get(loop)
    if found is None:
        places = request.app.state.settings.worker_threads
        found = by_loop[loop] = Turns(asyncio.Semaphore(places), asyncio.Lock())
    return found


# The dependencies that do no I/O are ``async``: FastAPI runs a plain ``def`` dependency in a worker
# thread, and each such hop cost about as much as the work it carried.


async def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


async def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


async def get_session_data(request: Request) -> SessionData | None:
    # ``web.app.SessionCookieMiddleware`` has checked the cookie's signature already: not twice.
    if SESSION_STATE in request.scope.get("state", ()):
        found: SessionData | None = request.scope["state"][SESSION_STATE]
        return found
    data: SessionData | None = request.app.state.sessions.loads(request.cookies.get(COOKIE_NAME))
    return data


SESSION_STATE = "session_data"  # where the middleware leaves the decoded cookie (request.state)


Uow = Annotated[UnitOfWork, Depends(get_uow)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
SessionDataDep = Annotated[SessionData | None, Depends(get_session_data)]


@dataclass(frozen=True)
class Viewer:
    """Who is asking, and the CSRF token their pages must send back."""

    user: User
    csrf: str | None  # None until the first page sets the cookie (single-user mode)


def get_viewer(request: Request, uow: Uow, settings: SettingsDep, data: SessionDataDep) -> Viewer:
    """Who is asking, read in the request's unit of work (the use case continues it).

    A cookie that claims a sign-in counts only while its session lives on the server: after a
    sign-out or a password change (anywhere), an expiry, or with no session token at all (a cookie
    from before server-side sessions), it is no session, and the response replaces it with an
    anonymous one (``web.app.SessionCookieMiddleware``).
    """
    return _viewer(request, uow, settings, data)


def _viewer(request: Request, uow: UnitOfWork, settings: WebSettings, data: SessionData | None) -> Viewer:
    db = uow.session
    if data is not None and data.claims_sign_in:
        owner = session_user(db, token=data.token, now=clock()) if data.token else None
        if owner is not None and owner == data.user_id:
            return Viewer(get_user(db, user_id=owner), data.csrf)
        request.state.session_ended = True
    if settings.single_user:
        return Viewer(default_user(db), data.csrf if data is not None else None)
    raise Unauthenticated("sign in to continue")


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


@dataclass(frozen=True)
class Asker:
    """Who the cookie says is asking, before the database has confirmed it: for a route that does
    all its database work in one worker thread and resolves the viewer there (``viewer``).

    FastAPI runs ``get_viewer``, a plain ``def``, in a worker thread of its own: on the hottest
    route (logging a set) that hop cost as much CPU as the query it carried.
    """

    request: Request
    settings: WebSettings
    data: SessionData | None

    def viewer(self, uow: UnitOfWork) -> Viewer:
        """``get_viewer``'s answer, read in ``uow`` (call it in a worker thread)."""
        return _viewer(self.request, uow, self.settings, self.data)


async def get_asker(request: Request, data: SessionDataDep) -> Asker:
    """Refuses at once, with no query, a request nobody signed in could have sent (multi-user
    mode, no sign-in claimed): the one refusal of ``get_viewer`` that needs no database.

    The settings are read from the app, not through ``SettingsDep``: on the hot route every
    dependency FastAPI solves costs CPU, and this one would only hand over ``app.state``."""
    settings: WebSettings = request.app.state.settings
    if not settings.single_user and (data is None or not data.claims_sign_in):
        raise Unauthenticated("sign in to continue")
    return Asker(request, settings, data)


AskerDep = Annotated[Asker, Depends(get_asker)]


async def check_csrf(request: Request, data: SessionDataDep) -> None:
    """Unsafe methods must echo the session's CSRF token (form field or header)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if data is None:
        raise Forbidden("your session has expired or is missing: reload the page and try again")
    given = request.headers.get(CSRF_HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not same_token(data.csrf, given):
        raise Forbidden("the form's security token does not match: reload the page and try again")


Csrf = Depends(check_csrf)


@dataclass(frozen=True)
class Idempotency:
    """The ``Idempotency-Key`` of an unsafe API request and the fingerprint of what it asks."""

    key: str | None
    fingerprint: str


async def get_idempotency(
    request: Request,
    key: Annotated[
        str | None,
        Header(
            alias=idempotency.HEADER,
            max_length=idempotency.MAX_KEY_LENGTH,
            description=(
                "Any unique string (a UUID): sending the request again with the same key within "
                "24 hours returns the first answer and changes nothing."
            ),
        ),
    ] = None,
) -> Idempotency:
    if key is None:  # nothing to compare a replay with: no URL to build, no body to hash
        return Idempotency(None, "")
    body = await request.body()
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Idempotency(key, idempotency.fingerprint(request.method, target, body))


IdempotencyDep = Annotated[Idempotency, Depends(get_idempotency)]


def answer_once(
    uow: UnitOfWork,
    viewer: Viewer,
    request: Idempotency,
    response: Response,
    *,
    status: int,
    run: Callable[[], Any],
) -> Any:
    """``run()``'s JSON answer committed with its writes, or the first answer to a repeated key
    (marked ``Idempotent-Replayed: true``); either way nothing is written twice."""
    answer, replayed = idempotency.once(
        uow,
        user_id=viewer.user.id,
        key=request.key,
        fingerprint=request.fingerprint,
        now=clock(),
        status=status,
        run=run,
    )
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return answer


def clock() -> datetime:
    """The web app's clock: the server's local time with its offset (the domain never reads one)."""
    return datetime.now().astimezone()


# Record ids are the tables' integer keys: PostgreSQL's ``integer`` holds at most 2**31 - 1, and a
# larger number sent to it is a database error, not a missing record.
MAX_RECORD_ID = 2**31 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_RECORD_ID, description="The record's id.")]
