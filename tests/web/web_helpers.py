"""Helpers for the web app's tests: visitors (a client with its session cookie and CSRF token),
signed-up accounts, and sample request bodies. The fixtures in ``conftest.py`` use them; a test
module imports them as ``from web_helpers import API, Visitor, ...``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

API = "/api/v1"
PASSWORD = "correct horse battery staple"
TEST_SECRET = "test-secret-0123456789-0123456789-abcdef"
PROFILE: dict[str, Any] = {
    "level": "beginner",
    "days": ["mon", "wed", "fri"],
    "minutes": 45,
    "goal": "posture",
    "equipment": ["dumbbells"],
}


@dataclass
class Visitor:
    """One browser's worth of state: a client with its cookie, the CSRF token, maybe an account."""

    client: TestClient
    csrf: str
    email: str | None = None
    user_id: int | None = None
    _opened: list[TestClient] = field(default_factory=list, repr=False)

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf, **(extra or {})}

    def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Any method, with the CSRF header (harmless on safe methods)."""
        return self.client.request(method, path, headers=self._headers(headers), **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, headers=self._headers(headers), **kwargs)

    def put(self, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        return self.client.put(path, headers=self._headers(headers), **kwargs)

    def delete(self, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        return self.client.delete(path, headers=self._headers(headers), **kwargs)

    def form(self, path: str, data: dict[str, Any], **kwargs: Any) -> httpx.Response:
        """Post a form as a page does, with the CSRF token as the ``csrf_token`` field."""
        return self.client.post(path, data={"csrf_token": self.csrf, **data}, **kwargs)

    def refresh_csrf(self) -> str:
        """Read the session's token again (it changes on sign-in and sign-out)."""
        self.csrf = self.client.get(f"{API}/auth/csrf").json()["csrf_token"]
        return self.csrf

    def reloaded(self) -> Visitor:
        """The same session in a new client (a reload, another tab): only the cookie carries over."""
        again = TestClient(self.client.app, base_url=str(self.client.base_url))
        again.cookies.update(self.client.cookies)
        self._opened.append(again)
        return Visitor(again, self.csrf, self.email, self.user_id, self._opened)


def open_visitor(app: FastAPI) -> Visitor:
    """A new anonymous visitor of ``app``: its first request gets the session cookie and token."""
    client = TestClient(app)
    token = client.get(f"{API}/auth/csrf").json()["csrf_token"]
    return Visitor(client, token)


def sign_up_on(app: FastAPI, name: str, *, email: str | None = None, password: str = PASSWORD) -> Visitor:
    """A new account on ``app`` signed in on its own client (the token is the signed-in one)."""
    visitor = open_visitor(app)
    address = email or f"{name.lower()}@example.org"
    response = visitor.post(f"{API}/auth/signup", json={"name": name, "email": address, "password": password})
    assert response.status_code == 201, response.text
    body = response.json()
    visitor.csrf = body["csrf_token"]
    visitor.email = address
    visitor.user_id = body["id"]
    return visitor


def with_plan(visitor: Visitor, profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """Answer the screening (cleared: the safety gate allows nothing before it), save a profile
    (``PROFILE`` by default) and make the active plan; returns the plan's JSON."""
    screened = visitor.post(f"{API}/screening", json={"answers": {}})
    assert screened.status_code == 201, screened.text
    saved = visitor.put(f"{API}/profile", json=profile or PROFILE)
    assert saved.status_code == 200, saved.text
    made = visitor.post(f"{API}/plan")
    assert made.status_code == 201, made.text
    plan: dict[str, Any] = made.json()
    return plan


def first_session_date(plan: dict[str, Any]) -> str:
    day: str = plan["weeks"][0]["sessions"][0]["date"]
    return day


def error_fields(response: httpx.Response) -> list[str | None]:
    """The fields named by an error response (``{"errors": [{"field", "message"}]}``)."""
    return [e["field"] for e in response.json()["errors"]]


# Bound on waiting for a background job: a small file is done in well under a second, but the
# first job also starts the web server's worker process (seconds on a busy machine).
JOB_WAIT_S = 60.0


def job_finished(visitor: Visitor, path: str) -> dict[str, Any]:
    """The job's JSON status (``path`` under the API) once it has finished: a readiness poll of
    the status the worker process commits, bounded by ``JOB_WAIT_S``, never a fixed sleep."""
    deadline = time.monotonic() + JOB_WAIT_S
    while True:
        body: dict[str, Any] = visitor.get(f"{API}{path}").json()
        if body["status"] in ("done", "failed"):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"the job at {path} did not finish within {JOB_WAIT_S:g} s: {body}")
        time.sleep(0.05)
