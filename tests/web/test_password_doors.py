"""One password rule for every door: what the API accepts, the sign-up page accepts, and a password
set through one door signs in through the other, exactly as typed (spaces count, nothing is
stripped); what one refuses, the other refuses, on the password field."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import NamedTuple

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import API, open_visitor

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')


class Outcome(NamedTuple):
    accepted: bool
    error_field: str | None  # the field a refusal names
    message: str


def _api_sign_up(app: FastAPI, email: str, password: str) -> Outcome:
    visitor = open_visitor(app)
    with visitor.client:
        response = visitor.post(
            f"{API}/auth/signup", json={"name": "Ana", "email": email, "password": password}
        )
    if response.status_code == 201:
        return Outcome(True, None, "")
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    return Outcome(False, error["field"], error["message"])


def _page_csrf(client: TestClient, path: str) -> str:
    match = CSRF_META.search(client.get(path).text)
    assert match is not None
    return match.group(1)


def _page_sign_up(app: FastAPI, email: str, password: str) -> Outcome:
    with TestClient(app) as client:
        token = _page_csrf(client, "/signup")
        form = {"csrf_token": token, "name": "Ana", "email": email, "password": password}
        response = client.post("/signup", data=form, follow_redirects=False)
    if response.status_code == 303:
        return Outcome(True, None, "")
    assert response.status_code == 422, response.text
    fields = re.findall(r'id="([a-z_]+)-error"', response.text)
    message = re.search(r'id="[a-z_]+-error" role="alert">([^<]*)<', response.text)
    return Outcome(False, fields[0] if fields else None, html.unescape(message.group(1)) if message else "")


def _api_sign_in(app: FastAPI, email: str, password: str) -> bool:
    visitor = open_visitor(app)
    with visitor.client:
        answer = visitor.post(f"{API}/auth/signin", json={"email": email, "password": password})
    assert answer.status_code in (200, 401), answer.text
    return answer.status_code == 200


def _page_sign_in(app: FastAPI, email: str, password: str) -> bool:
    with TestClient(app) as client:
        token = _page_csrf(client, "/signin")
        form = {"csrf_token": token, "email": email, "password": password, "next": "/"}
        answer = client.post("/signin", data=form, follow_redirects=False)
    assert answer.status_code in (303, 401), answer.text
    return answer.status_code == 303


SIGN_UP: dict[str, Callable[[FastAPI, str, str], Outcome]] = {"api": _api_sign_up, "page": _page_sign_up}
SIGN_IN: dict[str, Callable[[FastAPI, str, str], bool]] = {"api": _api_sign_in, "page": _page_sign_in}

PADDED = ["  mauve kayak at dawn  ", " kx7-plum-v", "kx7-plum-v\t", "mauve kayak\u00a0"]
ACCEPTED = ["kx7-plum-v", "correct horse battery staple", *PADDED]
REFUSED = [
    ("aaaaaaaaaa", "too easy to guess"),
    ("password12", "too easy to guess"),
    ("0123456789", "too easy to guess"),
    ("ana@example.org", "contains your name or email"),
    ("Ana Ana Ana Ana", "too easy to guess"),
    ("short", "10 characters"),
    (" " * 12, "too easy to guess"),  # long enough, all spaces: kept as typed, then refused
]


@pytest.mark.parametrize("door", SIGN_UP)
@pytest.mark.parametrize("password", ACCEPTED)
def test_a_strong_password_is_accepted_by_every_door(multi_app: FastAPI, door: str, password: str) -> None:
    assert SIGN_UP[door](multi_app, "ana@example.org", password).accepted


@pytest.mark.parametrize("door", SIGN_UP)
@pytest.mark.parametrize(("password", "says"), REFUSED)
def test_a_weak_password_is_refused_by_every_door_on_its_field(
    multi_app: FastAPI, door: str, password: str, says: str
) -> None:
    outcome = SIGN_UP[door](multi_app, "ana@example.org", password)
    assert not outcome.accepted
    assert outcome.error_field == "password"
    assert says in outcome.message.lower()


@pytest.mark.parametrize("password", [p for p, _ in REFUSED])
def test_both_doors_give_the_same_answer(make_app: Callable[..., FastAPI], password: str) -> None:
    answers = [SIGN_UP[door](make_app(), "ana@example.org", password) for door in SIGN_UP]
    assert answers[0].accepted == answers[1].accepted
    assert answers[0].error_field == answers[1].error_field


@pytest.mark.parametrize("set_through", SIGN_UP)
@pytest.mark.parametrize("sign_in_through", SIGN_IN)
@pytest.mark.parametrize("password", PADDED)
def test_a_padded_password_works_through_every_door_exactly_as_typed(
    multi_app: FastAPI, set_through: str, sign_in_through: str, password: str
) -> None:
    assert SIGN_UP[set_through](multi_app, "ana@example.org", password).accepted
    sign_in = SIGN_IN[sign_in_through]
    assert sign_in(multi_app, "ana@example.org", password)
    assert not sign_in(multi_app, "ana@example.org", password.strip())
