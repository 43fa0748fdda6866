"""Fixtures of the durability tests: a real ``backcoach serve`` per test module and database kind.

kind          "sqlite" or "postgresql" (PostgreSQL skipped only when it does not answer)
database_url  a fresh database of that kind for the module (``tests/db_urls.py``)
served        ``backcoach serve`` in single-user mode on it, started; closed afterwards
serve         ``serve(single_user=...)``: another server, on a fresh database of the same kind
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from served import Served

from db_urls import KINDS, empty_database_url


@pytest.fixture(scope="module", params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def database_url(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from empty_database_url(kind, tmp_path_factory.mktemp(f"durability-{kind}"))


@pytest.fixture(scope="module")
def served(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(database_url, tmp_path_factory.mktemp("served"))
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def serve(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """``serve(single_user=False)``: a server of its own on a fresh database of this kind."""
    with ExitStack() as stack:

        def make(*, single_user: bool = True) -> Served:
            folder = tmp_path_factory.mktemp("serve")
            urls = empty_database_url(kind, folder)
            url = next(urls)
            stack.callback(lambda: next(urls, None))  # drops the PostgreSQL schema afterwards
            server = Served(url, folder, single_user=single_user)
            stack.callback(server.close)
            server.start()
            return server

        yield make
