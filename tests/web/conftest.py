"""Fixtures for the web app's tests (API, pages, end to end): apps on a temporary SQLite file,
clients, and signed-up users with their CSRF tokens.

    make_app(single_user=..., **settings)  a fresh app on its own SQLite file under tmp_path
    multi_app / single_app                 the app in multi-user mode / in single-user local mode
    anon                                   an anonymous client of multi_app, CSRF token in hand
    local                                  a client of single_app (the local user), CSRF in hand
    sign_up(name, app=None)                a new account (on multi_app by default), own client
    user_a / user_b                        two accounts on multi_app, each with its own client
    PROFILE                                a valid profile body (beginner, mon/wed/fri, dumbbells)

Every ``Visitor`` wraps a ``TestClient`` holding its session cookie and knows its CSRF token;
``visitor.post(path, json=...)`` (and put/delete) send the token in the ``X-CSRF-Token`` header,
``visitor.client.post(...)`` sends nothing extra (to test refusals). Pages can post forms with
``visitor.form(path, {...})``, which adds the ``csrf_token`` field. The helpers themselves
(``Visitor``, ``open_visitor``, ``sign_up_on``, ``API``, ``PASSWORD``, ``PROFILE``) live in
``web_helpers.py``: ``from web_helpers import API, Visitor``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from web_helpers import TEST_SECRET, Visitor, open_visitor, sign_up_on

from backcoach.web import create_app
from backcoach.web.settings import load_web_settings


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., FastAPI]:
    """Build an app on its own SQLite file; ``single_user`` and any other setting can be given."""
    count = 0

    def build(*, single_user: bool = False, **settings: Any) -> FastAPI:
        nonlocal count
        count += 1
        url = f"sqlite:///{tmp_path / f'web-{count}.db'}"
        return create_app(
            load_web_settings(
                environment="test",
                secret_key=TEST_SECRET,
                database_url=url,
                single_user=single_user,
                **settings,
            )
        )

    return build


@pytest.fixture
def multi_app(make_app: Callable[..., FastAPI]) -> Iterator[FastAPI]:
    app = make_app(single_user=False)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def single_app(make_app: Callable[..., FastAPI]) -> Iterator[FastAPI]:
    app = make_app(single_user=True)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def anon(multi_app: FastAPI) -> Iterator[Visitor]:
    visitor = open_visitor(multi_app)
    yield visitor
    _close(visitor)


@pytest.fixture
def local(single_app: FastAPI) -> Iterator[Visitor]:
    visitor = open_visitor(single_app)
    yield visitor
    _close(visitor)


@pytest.fixture
def sign_up(multi_app: FastAPI) -> Iterator[Callable[..., Visitor]]:
    """``sign_up(name)`` on multi_app, or ``sign_up(name, app=other)``; clients closed afterwards."""
    made: list[Visitor] = []

    def make(name: str, *, app: FastAPI | None = None, **kwargs: Any) -> Visitor:
        visitor = sign_up_on(app or multi_app, name, **kwargs)
        made.append(visitor)
        return visitor

    yield make
    for visitor in made:
        _close(visitor)


@pytest.fixture
def user_a(sign_up: Callable[..., Visitor]) -> Visitor:
    return sign_up("Ana")


@pytest.fixture
def user_b(sign_up: Callable[..., Visitor]) -> Visitor:
    return sign_up("Ben")


def _close(visitor: Visitor) -> None:
    visitor.client.close()
    for other in visitor._opened:
        other.close()
