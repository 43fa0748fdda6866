"""Response headers: HSTS in production only; ``Cache-Control: no-store`` on every page and every
API answer (errors included) but not on the static files; a 405 names the allowed methods."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import API, TEST_SECRET, Visitor

from backcoach.web import create_app
from backcoach.web.app import HSTS, SECURITY_HEADERS
from backcoach.web.settings import load_web_settings

HSTS_VALUE = "max-age=63072000; includeSubDomains"
PERSONAL_PAGES = [
    "/",
    "/plan",
    "/workout",
    "/history",
    "/progress",
    "/onboarding/screening",
    "/account/password",
]
OTHER_PAGES = ["/signin", "/signup", "/exercises", "/anatomy", "/api/docs"]
API_ANSWERS = [
    f"{API}/auth/me",
    f"{API}/auth/csrf",
    f"{API}/profile",  # 404 until saved: errors too
    f"{API}/workouts",
    f"{API}/exercises",
    f"{API}/no-such-route",
    f"{API}/openapi.json",
    f"{API}/volume?week=not-a-week",  # 422
]
STATIC = ["/static/app.css", "/static/app.js"]


@pytest.fixture
def production(tmp_path: Path) -> Iterator[FastAPI]:
    app = create_app(
        load_web_settings(
            environment="production",
            secret_key=TEST_SECRET,
            single_user=False,
            database_url=f"sqlite:///{tmp_path / 'prod.db'}",
        )
    )
    yield app
    app.state.engine.dispose()


def test_hsts_is_on_every_production_answer(production: FastAPI) -> None:
    assert HSTS == ("Strict-Transport-Security", HSTS_VALUE)
    with TestClient(production, base_url="https://testserver") as client:
        for path in ["/signin", f"{API}/auth/me", *STATIC]:
            assert client.get(path).headers["strict-transport-security"] == HSTS_VALUE, path


@pytest.mark.parametrize("path", ["/signin", f"{API}/auth/me", *STATIC])
def test_hsts_is_never_sent_outside_production(anon: Visitor, local: Visitor, path: str) -> None:
    assert "strict-transport-security" not in anon.get(path).headers
    assert "strict-transport-security" not in local.get(path).headers


@pytest.mark.parametrize("path", PERSONAL_PAGES + OTHER_PAGES)
def test_no_page_is_stored_by_a_browser_or_proxy(user_a: Visitor, path: str) -> None:
    response = user_a.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", PERSONAL_PAGES)
def test_a_personal_page_redirecting_to_sign_in_is_not_stored_either(anon: Visitor, path: str) -> None:
    response = anon.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", API_ANSWERS)
def test_every_api_answer_is_no_store(user_a: Visitor, anon: Visitor, path: str) -> None:
    for visitor in (user_a, anon):
        assert visitor.get(path).headers["cache-control"] == "no-store", path


def test_an_api_write_answer_is_no_store(user_a: Visitor) -> None:
    response = user_a.post(f"{API}/auth/signout")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", STATIC)
def test_static_files_may_be_cached(anon: Visitor, path: str) -> None:
    response = anon.get(path)
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("cache-control", "")
    assert response.headers["etag"]


@pytest.mark.parametrize("path", ["/signin", f"{API}/auth/me", "/static/app.css"])
def test_the_security_headers_are_on_every_answer(anon: Visitor, path: str) -> None:
    response = anon.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", f"{API}/profile", {"GET", "PUT"}),
        ("GET", f"{API}/auth/signout", {"POST"}),
        ("PUT", "/signin", {"GET", "POST"}),
        ("DELETE", "/account/password", {"GET", "POST"}),
    ],
)
def test_a_405_names_the_allowed_methods(anon: Visitor, method: str, path: str, allowed: set[str]) -> None:
    response = anon.request(method, path)
    assert response.status_code == 405
    assert response.headers["cache-control"] == "no-store"
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed
