"""Request dependencies as ``Annotated`` aliases: the database session, the catalogue, the
settings, the signed-in user and CSRF protection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Annotated
from weakref import WeakKeyDictionary

from fastapi import Depends, Request
from fastapi.concurrency import contextmanager_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.store import User, default_user, get_user, session_scope
from backcoach.web.errors import Forbidden, Unauthenticated
from backcoach.web.security import COOKIE_NAME, CSRF_FIELD, CSRF_HEADER, SessionData, same_token
from backcoach.web.settings import WebSettings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error.

    A request waits on the event loop, holding no thread, for its turn to have a transaction:
    one of ``worker_threads`` places, and on SQLite, for a request that writes, the one writer's
    place. Waiting inside a worker thread instead (for a pooled connection, for SQLite's lock)
    held that thread while the requests in progress needed free threads to finish: with more
    requests than threads, every thread waited and nothing was answered until a timeout.
    """
    readonly = request.method in ("GET", "HEAD")
    engine: Engine = request.app.state.engine
    turns = _turns(request)
    writer = None if readonly or engine.dialect.name != "sqlite" else turns.writer
    transaction = contextmanager_in_threadpool(session_scope(engine, readonly=readonly))
    async with turns.places, writer or nullcontext(), transaction as session:
        yield session


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
    data: SessionData | None = request.app.state.sessions.loads(request.cookies.get(COOKIE_NAME))
    return data


DbSession = Annotated[Session, Depends(get_db)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
SessionDataDep = Annotated[SessionData | None, Depends(get_session_data)]


@dataclass(frozen=True)
class Viewer:
    """Who is asking, and the CSRF token their pages must send back."""

    user: User
    csrf: str | None  # None until the first page sets the cookie (single-user mode)


def get_viewer(db: DbSession, settings: SettingsDep, data: SessionDataDep) -> Viewer:
    if data is not None:
        try:
            return Viewer(get_user(db, user_id=data.user_id), data.csrf)
        except BackcoachError:  # a cookie for a deleted (or anonymous) user is simply not a session
            pass
    if settings.single_user:
        return Viewer(default_user(db), data.csrf if data is not None else None)
    raise Unauthenticated("sign in to continue")


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


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
