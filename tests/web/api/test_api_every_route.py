"""Every API route at once: the table below must list them all, and each is checked for
authentication (401 JSON), CSRF (403 on unsafe methods), its OpenAPI summary, and isolation:
user B walks every route against user A's ids and A's data never changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from web_helpers import API, PASSWORD, PROFILE, Visitor, first_session_date, with_plan

from backcoach.web.api import ROUTERS
from backcoach.web.app import SECURITY_HEADERS


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # relative to /api/v1; {workout_id}, {guided_id}, {exercise_id}, {muscle_id}
    user_data: bool  # reads or changes the signed-in person's data
    body: dict[str, Any] | None = field(default=None, hash=False)

    @property
    def unsafe(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")

    def url(self, **ids: object) -> str:
        defaults: dict[str, object] = {
            "import_job_id": 1,
            "exercise_id": "pull-up",
            "muscle_id": "rhomboids",
            "set_id": 1,
            "form_check_id": 1,
        }
        return API + self.path.format(**(defaults | ids))


SIGNUP = {"name": "Cleo", "email": "cleo@example.org", "password": PASSWORD}
NEW_PASSWORD = "mauve kayak at dawn"
SETS = {"exercise_id": "one-arm-dumbbell-row", "sets": [{"reps": 10, "load_kg": 20}]}
ROUTES = (
    Route("GET", "/auth/csrf", False),
    Route("POST", "/auth/signup", False, SIGNUP),
    Route("POST", "/auth/signin", False, {"email": "ana@example.org", "password": PASSWORD}),
    Route("POST", "/auth/signout", False),
    Route("POST", "/auth/password", True, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
    Route("GET", "/auth/me", True),
    Route("GET", "/exercises", False),
    Route("GET", "/exercises/{exercise_id}", False),
    Route("GET", "/muscles", False),
    Route("GET", "/muscles/{muscle_id}", False),
    Route("GET", "/equipment", False),
    Route("GET", "/screening/questions", False),
    Route("POST", "/screening", True, {"answers": {"parq1": True}}),
    Route("POST", "/pain", True, {"location": "lower_back", "severity": 8, "sharp": True}),
    Route("GET", "/profile", True),
    Route("PUT", "/profile", True, {**PROFILE, "minutes": 30, "days": ["tue", "thu"]}),
    Route("GET", "/plan", True),
    Route("POST", "/plan", True, {"save": True}),
    Route("GET", "/workouts", True),
    Route("GET", "/workouts/{workout_id}", True),
    Route("POST", "/sets", True, SETS),
    Route("PATCH", "/sets/{set_id}", True, {"reps": 5}),
    Route("DELETE", "/sets/{set_id}", True),
    Route("PATCH", "/workouts/{workout_id}", True, {"feeling": "good"}),
    Route("DELETE", "/workouts/{workout_id}", True),
    Route("POST", "/undo", True, {"token": "not-a-token"}),
    Route("GET", "/guided", True),
    Route("GET", "/guided/{guided_id}", True),
    Route("POST", "/guided/start", True, {}),
    Route("POST", "/guided/events", True, {"type": "finish"}),
    Route("GET", "/progress/{exercise_id}", True),
    Route("GET", "/volume", True),
    Route("GET", "/recovery", True),
    Route("POST", "/imports", True),  # a multipart upload (tests/web/api/test_api_imports.py)
    Route("GET", "/import-jobs/{import_job_id}", True),
    Route("POST", "/exercise-mappings", True, {"name": "Door Frame Row", "exercise_id": "inverted-row"}),
    Route("POST", "/calendar-token", True),
    Route("DELETE", "/calendar-token", True),
    Route("GET", "/calendar.ics", False),  # opened by its secret, not a sign-in (test_api_imports)
    Route("POST", "/form-checks", True),  # a multipart upload (tests/web/test_form_check_doors.py)
    Route("GET", "/form-checks/{form_check_id}", True),
    Route("POST", "/form-checks/{form_check_id}/log", True),
)
USER_ROUTES = [r for r in ROUTES if r.user_data]
UNSAFE_ROUTES = [r for r in ROUTES if r.unsafe]


def _name(route: Route) -> str:
    return f"{route.method} {route.path}"


def _api_routes() -> list[APIRoute]:
    return [r for resource in ROUTERS for r in resource.routes if isinstance(r, APIRoute)]


def _served(spec: dict[str, Any]) -> set[tuple[str, str]]:
    paths: dict[str, dict[str, Any]] = spec["paths"]
    return {(method.upper(), path.removeprefix(API)) for path, item in paths.items() for method in item}


def test_the_table_lists_every_api_route(anon: Visitor) -> None:
    table = {(r.method, r.path) for r in ROUTES}
    assert _served(anon.get(f"{API}/openapi.json").json()) == table
    assert {(m, r.path_format) for r in _api_routes() for m in r.methods} == table
    assert anon.get(f"{API}/no-such-route").status_code == 404


# ---------------------------------------------------------------------- authentication and CSRF


@pytest.mark.parametrize("route", USER_ROUTES, ids=_name)
def test_user_routes_need_a_sign_in_in_multi_user_mode(anon: Visitor, route: Route) -> None:
    response = anon.request(route.method, route.url(workout_id=1, guided_id=1), json=route.body)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"errors": [{"field": None, "message": "sign in to continue"}]}


PUBLIC_READS = [r for r in ROUTES if not r.user_data and not r.unsafe and r.path != "/calendar.ics"]


@pytest.mark.parametrize("route", PUBLIC_READS, ids=_name)
def test_public_routes_answer_anyone(anon: Visitor, route: Route) -> None:
    assert anon.get(route.url()).status_code == 200


@pytest.mark.parametrize("route", UNSAFE_ROUTES, ids=_name)
@pytest.mark.parametrize("token", [None, "", "a-wrong-token"])
def test_unsafe_routes_refuse_a_missing_or_wrong_csrf_token(
    user_a: Visitor, route: Route, token: str | None
) -> None:
    headers = {} if token is None else {"X-CSRF-Token": token}
    response = user_a.client.request(
        route.method, route.url(workout_id=1, guided_id=1), json=route.body, headers=headers
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"]
    assert user_a.get(f"{API}/auth/me").status_code == 200  # still signed in: nothing happened
    assert user_a.get(f"{API}/profile").status_code == 404


def test_another_sessions_csrf_token_is_refused(user_a: Visitor, user_b: Visitor) -> None:
    response = user_b.client.put(f"{API}/profile", json=PROFILE, headers={"X-CSRF-Token": user_a.csrf})
    assert response.status_code == 403
    assert user_b.get(f"{API}/profile").status_code == 404


@pytest.mark.parametrize("route", USER_ROUTES, ids=_name)
def test_user_routes_serve_the_local_user_in_single_user_mode(local: Visitor, route: Route) -> None:
    with_plan(local)
    response = local.request(route.method, route.url(workout_id=1, guided_id=1), json=route.body)
    assert response.status_code not in (401, 403), response.text


# ---------------------------------------------------------------------- OpenAPI and headers


def test_openapi_lists_every_route_with_its_docstring_as_summary(anon: Visitor) -> None:
    spec = anon.get(f"{API}/openapi.json").json()
    operations = {
        (method.upper(), path.removeprefix(API)): op
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }
    assert set(operations) == {(r.method, r.path) for r in ROUTES}
    endpoints = {(m, r.path_format): r.endpoint for r in _api_routes() for m in r.methods}
    for key, op in operations.items():
        doc = endpoints[key].__doc__
        assert doc is not None and "\n" not in doc.strip(), f"{key}: one-line docstring"
        assert op["summary"] == doc.strip(), key


def test_openapi_documents_request_bodies_and_the_error_shape(anon: Visitor) -> None:
    spec = anon.get(f"{API}/openapi.json").json()
    assert "SetsCreate" in spec["components"]["schemas"]
    assert "GuidedEventCreate" in spec["components"]["schemas"]
    assert "ProfileUpdate" in spec["components"]["schemas"]
    assert spec["paths"][f"{API}/plan"]["post"]["responses"]["409"]


@pytest.mark.parametrize(
    "path", [f"{API}/exercises", f"{API}/exercises/nope", f"{API}/profile", f"{API}/openapi.json"]
)
def test_security_headers_are_on_every_api_answer(anon: Visitor, path: str) -> None:
    response = anon.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_an_unexpected_error_shows_no_trace(
    multi_app: FastAPI, user_a: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /srv/backcoach/db.py line 42")

    monkeypatch.setattr("backcoach.app.analytics.recovery", broken)
    with TestClient(multi_app, raise_server_exceptions=False, cookies=user_a.client.cookies) as client:
        response = client.get(f"{API}/recovery")
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert response.json()["errors"][0]["message"].startswith("An unexpected error occurred")


# ---------------------------------------------------------------------- isolation: B against A's ids


@dataclass
class World:
    """User A with a profile, a plan, a logged workout and a guided workout in progress."""

    a: Visitor
    workout_id: int
    guided_id: int
    day: str
    snapshot: Callable[[], dict[str, Any]]
    set_id: int = 0


A_READS = (
    "/auth/me",
    "/profile",
    "/plan",
    "/workouts",
    "/workouts/{workout_id}",
    "/guided",
    "/guided/{guided_id}",
    "/progress/one-arm-dumbbell-row",
    "/volume",
)


@pytest.fixture
def world(user_a: Visitor) -> World:
    day = first_session_date(with_plan(user_a))
    logged = user_a.post(f"{API}/sets", json=SETS | {"sets": [{"reps": 10, "load_kg": 20, "rir": 2}]})
    assert logged.status_code == 201
    started = user_a.post(f"{API}/guided/start", json={"date": day})
    assert started.status_code == 201
    guided = started.json()
    assert user_a.post(f"{API}/guided/events", json={"type": "set_done", "reps": 8}).status_code == 200
    ids = {
        "workout_id": logged.json()["workout_id"],
        "guided_id": guided["id"],
        "set_id": logged.json()["sets"][0]["id"],
    }

    def snapshot() -> dict[str, Any]:
        out = {}
        for path in A_READS:
            response = user_a.get(API + path.format(**ids))
            assert response.status_code == 200, (path, response.text)
            body = response.json()
            if isinstance(body, dict):
                body.pop("csrf_token", None)
            out[path] = body
        return out

    return World(user_a, ids["workout_id"], ids["guided_id"], day, snapshot, ids["set_id"])


# What B gets for each of A's ids: never A's data. 404 for A's ids; B's own (empty) data otherwise.
EXPECTED_FOR_B = {
    ("GET", "/auth/me"): 200,
    ("POST", "/auth/password"): 200,  # B's own password; A's sessions and data untouched
    ("POST", "/screening"): 201,
    ("POST", "/pain"): 201,
    ("GET", "/profile"): 404,
    ("PUT", "/profile"): 200,
    ("GET", "/plan"): 404,
    ("POST", "/plan"): 409,  # B has not answered the safety questions: the gate holds B
    ("GET", "/workouts"): 200,
    ("GET", "/workouts/{workout_id}"): 404,
    ("POST", "/sets"): 404,  # into A's workout
    ("PATCH", "/sets/{set_id}"): 404,
    ("DELETE", "/sets/{set_id}"): 404,
    ("PATCH", "/workouts/{workout_id}"): 404,
    ("DELETE", "/workouts/{workout_id}"): 404,
    ("POST", "/undo"): 422,  # not a token; a token of A's set is refused too (test_api_edits)
    ("GET", "/guided"): 404,
    ("GET", "/guided/{guided_id}"): 404,
    ("POST", "/guided/start"): 409,  # B is held by the gate (no screening), and has no plan
    ("POST", "/guided/events"): 404,  # B has no guided workout; A's must not finish
    ("GET", "/progress/{exercise_id}"): 200,
    ("GET", "/volume"): 200,
    ("GET", "/recovery"): 200,
    ("POST", "/imports"): 422,  # no file uploaded
    ("POST", "/exercise-mappings"): 201,  # B's own mapping; B has no imported sets to move
    ("POST", "/calendar-token"): 201,  # B's own link, which opens B's (absent) plan only
    ("DELETE", "/calendar-token"): 404,  # B has no link; A's stays
    ("POST", "/form-checks"): 422,  # no file uploaded
    ("GET", "/form-checks/{form_check_id}"): 404,  # A's own: tests/web/test_form_check_doors.py
    ("GET", "/import-jobs/{import_job_id}"): 404,  # A's own: tests/web/test_import_job_doors.py
    ("POST", "/form-checks/{form_check_id}/log"): 404,
}


def test_the_isolation_walk_covers_every_user_route() -> None:
    assert set(EXPECTED_FOR_B) == {(r.method, r.path) for r in USER_ROUTES}


@pytest.mark.parametrize("route", USER_ROUTES, ids=_name)
def test_user_b_cannot_read_or_change_user_a_data(world: World, user_b: Visitor, route: Route) -> None:
    before = world.snapshot()
    body = route.body
    if route.path == "/sets":
        body = SETS | {"workout_id": world.workout_id}
    elif route.path == "/guided/start":
        body = {"date": world.day}
    ids = {
        "workout_id": world.workout_id,
        "guided_id": world.guided_id,
        "exercise_id": SETS["exercise_id"],
        "set_id": world.set_id,
    }
    response = user_b.request(route.method, route.url(**ids), json=body)
    assert response.status_code == EXPECTED_FOR_B[(route.method, route.path)], response.text
    text = response.text
    assert f'"id":{world.a.user_id},' not in text.replace(" ", "")
    assert "ana@example.org" not in text
    if route.method == "GET" and response.status_code == 200:
        _assert_empty_for_b(route.path, response.json(), user_b)
    assert world.snapshot() == before


def _assert_empty_for_b(path: str, body: Any, b: Visitor) -> None:
    if path == "/auth/me":
        assert body["id"] == b.user_id
    elif path == "/workouts":
        assert body == []
    elif path == "/progress/{exercise_id}":
        assert body["e1rm"] == [] and body["records"] == []
    elif path == "/volume":
        assert all(m["sets"] == 0 for m in body["muscles"].values())
    elif path == "/recovery":
        assert set(body.values()) == {100.0}


def test_b_own_guided_events_never_touch_a(world: World, user_b: Visitor) -> None:
    day = first_session_date(with_plan(user_b))
    assert user_b.post(f"{API}/guided/start", json={"date": day}).status_code == 201
    before = world.snapshot()
    finished = user_b.post(f"{API}/guided/events", json={"type": "finish"})
    assert finished.status_code == 200
    assert finished.json()["status"] == "finished"
    assert world.snapshot() == before
    assert world.a.get(f"{API}/guided").json()["status"] == "active"
