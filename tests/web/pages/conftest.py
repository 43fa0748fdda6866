"""Fixtures for the page tests: visitors of the single-user app (the local user) and accounts on
the multi-user app, all made through the pages themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from page_helpers import sign_up_page, visit
from web_helpers import Visitor


@pytest.fixture
def me(single_app: FastAPI) -> Iterator[Visitor]:
    """The local user of a single-user app, token from the page."""
    visitor = visit(single_app)
    yield visitor
    visitor.client.close()


@pytest.fixture
def account(multi_app: FastAPI) -> Iterator[Callable[[str], Visitor]]:
    """``account(name)``: a new account on the multi-user app, signed up through the form."""
    made: list[Visitor] = []

    def make(name: str) -> Visitor:
        visitor = sign_up_page(multi_app, name)
        made.append(visitor)
        return visitor

    yield make
    for visitor in made:
        visitor.client.close()
