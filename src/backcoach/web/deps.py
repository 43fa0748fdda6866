"""Request dependencies as ``Annotated`` aliases: the database session, the catalogue, the
settings, the signed-in user and CSRF protection."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.store import User, default_user, get_user, session_scope
from backcoach.web.errors import Forbidden, Unauthenticated
from backcoach.web.security import COOKIE_NAME, CSRF_FIELD, CSRF_HEADER, SessionData, same_token
from backcoach.web.settings import WebSettings


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error."""
    readonly = request.method in ("GET", "HEAD")
    with session_scope(request.app.state.engine, readonly=readonly) as session:
        yield session


def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def get_session_data(request: Request) -> SessionData | None:
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
