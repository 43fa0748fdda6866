"""Input at the edges of the web app, and error answers that leave the connection usable.

- Every date, week and time a client sends is held to the supported range (``app.bounds``,
  1900-01-01 to 2200-12-31): outside it, the API answers 422 naming the field, and a page answers
  422 with the error, never a 500.
- Every number a request body takes has a range (the domain's own where it has one), every
  string and list a maximum length.
- A 405 names every method the path answers.
- Any error answer, a 500 included, leaves a keep-alive connection usable: the next request on
  the same socket is answered. Tested against a real ``backcoach serve`` process with raw HTTP/1.1.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from benchmarks.live import ServerProcess, free_port
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import API, PROFILE, Visitor, error_fields

from backcoach.planning.profile import Profile
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_REST_S, MAX_RIR
from backcoach.web import schemas

EXERCISE = "one-arm-dumbbell-row"


def _sets(at: str) -> dict[str, Any]:
    return {"exercise_id": EXERCISE, "sets": [{"reps": 8, "load_kg": 10}], "at": at}


# ---------------------------------------------------------------------- dates, weeks and times


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("GET", "/workouts?since=0001-01-01", None, "since"),
        ("GET", "/workouts?since=9999-12-31", None, "since"),
        ("GET", "/workouts?since=1899-12-31", None, "since"),
        ("GET", "/workouts?since=2201-01-01", None, "since"),
        ("GET", "/workouts?since=0", None, "since"),  # a number of seconds is not a date
        ("GET", "/volume?week=9999-W52", None, "week"),  # its Sunday would be in the year 10000
        ("GET", "/volume?week=0001-W01", None, "week"),
        ("GET", "/volume?week=1899-W52", None, "week"),
        ("GET", "/volume?week=2026-W54", None, "week"),  # no such week
        ("POST", "/sets", _sets("0001-01-01T07:11:00+14:00"), "at"),  # the year 0 in UTC
        ("POST", "/sets", _sets("9999-12-31T23:11:00-14:00"), "at"),  # the year 10000 in UTC
        ("POST", "/sets", _sets("1900-01-01T00:00:00+14:00"), "at"),  # 1899 in UTC
        ("POST", "/sets", _sets("2200-12-31T23:00:00-02:00"), "at"),  # 2201 in UTC
        ("POST", "/sets", _sets("2026-01-01T10:00:00"), "at"),  # no time zone
        ("POST", "/sets", _sets("1767261600"), "at"),  # seconds since 1970 are not a time
        ("POST", "/guided/start", {"date": "0001-01-01"}, "date"),
        ("POST", "/guided/start", {"date": "9999-12-31"}, "date"),
        ("PUT", "/profile", {**PROFILE, "start": "0001-01-01"}, "start"),
        ("PUT", "/profile", {**PROFILE, "start": "9999-12-31"}, "start"),
        ("GET", "/workouts/99999999999999999999", None, "workout_id"),
        ("GET", "/workouts/2147483648", None, "workout_id"),  # past PostgreSQL's integer
        ("GET", "/guided/99999999999999999999", None, "guided_id"),
    ],
)
def test_api_refuses_a_date_week_time_or_id_out_of_range_naming_the_field(
    local: Visitor, method: str, path: str, body: dict[str, Any] | None, field: str
) -> None:
    answer = local.request(method, f"{API}{path}", json=body)
    assert answer.status_code == 422, answer.text
    assert field in {f.rsplit(".", 1)[-1] for f in error_fields(answer) if f is not None}


def test_a_date_out_of_range_is_refused_before_the_safety_gate(local: Visitor) -> None:
    """Nobody screened yet: a valid date would be held (409); a date in the year 1 is a typo (422)."""
    assert local.post(f"{API}/guided/start", json={"date": "2026-12-07"}).status_code == 409
    assert local.post(f"{API}/guided/start", json={"date": "0001-01-01"}).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/workouts?since=1900-01-01",
        "/workouts?since=2200-12-31",
        "/volume?week=1900-W01",  # its Monday is 1900-01-01
        "/volume?week=2200-W52",  # its Sunday is 2200-12-28
    ],
)
def test_api_takes_the_first_and_last_supported_dates(local: Visitor, path: str) -> None:
    assert local.get(f"{API}{path}").status_code == 200


def test_api_logs_a_set_on_the_first_supported_day(local: Visitor) -> None:
    answer = local.post(f"{API}/sets", json=_sets("1900-01-01T12:00:00+00:00"))
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize(
    "path",
    [
        "/history/99999999999999999999",
        "/history/2147483648",
        "/volume?week=9999-W52",
        "/volume?week=0001-W01",
        "/anatomy?colour=volume&week=9999-W52",
        "/anatomy?colour=volume&week=0001-W01",
        "/plan?week=99999999999999999999",
        "/plan?week=0",
    ],
)
def test_pages_answer_a_value_out_of_range_with_422_never_500(local: Visitor, path: str) -> None:
    answer = local.get(path)
    assert answer.status_code == 422, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html")


def test_volume_page_shows_the_week_error_beside_the_field(local: Visitor) -> None:
    answer = local.get("/volume?week=9999-W52")
    assert answer.status_code == 422
    assert "outside the dates backcoach accepts" in answer.text


# ---------------------------------------------------------------------- request bodies


def _request_schemas(app: FastAPI) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema a client sends: parameters and request bodies, ``$ref`` followed, with a name."""
    doc = app.openapi()
    components = doc["components"]["schemas"]

    def walk(name: str, node: dict[str, Any], seen: frozenset[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        if "$ref" in node:
            ref = node["$ref"].rsplit("/", 1)[-1]
            if ref not in seen:
                yield from walk(name, components[ref], seen | {ref})
            return
        yield name, node
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, []):
                yield from walk(name, option, seen)
        for prop, sub in node.get("properties", {}).items():
            yield from walk(f"{name}.{prop}", sub, seen)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                yield from walk(f"{name}[]", node[key], seen)

    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                yield from walk(f"{where} {parameter['name']}", parameter["schema"], frozenset())
            for media in operation.get("requestBody", {}).get("content", {}).values():
                yield from walk(f"{where} body", media["schema"], frozenset())


def _unbounded(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if kind in ("integer", "number"):
        low = "minimum" in node or "exclusiveMinimum" in node
        high = "maximum" in node or "exclusiveMaximum" in node
        return None if low and high else "a number without a range"
    if kind == "string" and not ("maxLength" in node or "enum" in node or "const" in node):
        return None if node.get("format") in ("date", "date-time") else "a string without a maximum length"
    if kind == "array" and "maxItems" not in node:
        return "a list without a maximum length"
    if kind == "object" and node.get("additionalProperties") not in (None, False):
        return None if "maxProperties" in node else "a map without a maximum size"
    return None


def test_every_number_string_and_list_a_client_sends_is_bounded(single_app: FastAPI) -> None:
    unbounded = [
        f"{name}: {why}"
        for name, node in _request_schemas(single_app)
        if (why := _unbounded(node)) is not None
    ]
    assert unbounded == []


def _bounds(model: type[Any], field: str) -> dict[str, Any]:
    schema = model.model_json_schema()["properties"][field]
    node = next((o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"), schema)
    keys = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minItems", "maxItems")
    return {key: node[key] for key in keys if key in node}


@pytest.mark.parametrize("field", ["days", "sessions", "minutes", "weeks", "bodyweight_kg"])
def test_profile_body_takes_exactly_the_profiles_own_range(field: str) -> None:
    assert _bounds(schemas.ProfileUpdate, field) == _bounds(Profile, field)


@pytest.mark.parametrize("model", [schemas.SetCreate, schemas.GuidedEventCreate])
@pytest.mark.parametrize(
    ("field", "limit"),
    [("reps", MAX_REPS), ("load_kg", MAX_LOAD_KG), ("rir", MAX_RIR), ("hold_s", MAX_REST_S)],
)
def test_set_body_takes_exactly_the_logged_sets_range(model: type[Any], field: str, limit: float) -> None:
    assert _bounds(model, field) == {"minimum": 0, "maximum": limit}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sets": [{"reps": "8"}]}, "reps"),  # text is not a number
        ({"sets": [{"reps": 8.0}]}, "reps"),  # nor is a fraction a count
        ({"sets": [{"reps": True}]}, "reps"),  # nor is yes a number
        ({"sets": [{"reps": 101}]}, "reps"),
        ({"sets": [{"reps": 8, "load_kg": 1000.5}]}, "load_kg"),
        ({"sets": [{"reps": 8, "rir": 11}]}, "rir"),
        ({"sets": [{"reps": 8, "hold_s": 3601}]}, "hold_s"),
        ({"sets": [{"reps": 8}] * 51}, "sets"),
        ({"exercise_id": "x" * 81}, "exercise_id"),
        ({"workout_id": 2**31}, "workout_id"),
    ],
)
def test_set_body_out_of_range_or_of_the_wrong_type_is_refused(
    local: Visitor, body: dict[str, Any], field: str
) -> None:
    answer = local.post(f"{API}/sets", json={"exercise_id": EXERCISE, "sets": [{"reps": 8}], **body})
    assert answer.status_code == 422, answer.text
    assert field in {
        f.split(".")[-1] if not f.endswith("sets") else "sets" for f in error_fields(answer) if f
    }


# ---------------------------------------------------------------------- documented errors


def test_every_error_answer_is_documented_with_the_one_error_schema(single_app: FastAPI) -> None:
    doc = single_app.openapi()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorsPublic"}, (
                        f"{method} {path} {status}"
                    )


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("OPTIONS", "/profile", "GET, PUT"),
        ("DELETE", "/plan", "GET, POST"),
        ("GET", "/guided/start", "POST"),
        ("PUT", "/guided", "GET"),
    ],
)
def test_405_names_every_method_the_path_answers(
    local: Visitor, method: str, path: str, allowed: str
) -> None:
    answer = local.request(method, f"{API}{path}")
    assert answer.status_code == 405
    assert answer.headers["allow"] == allowed


# ---------------------------------------------------------------------- unexpected errors


def _with_a_fault(app: FastAPI) -> FastAPI:
    @app.get(f"{API}/fault", include_in_schema=False)
    def fault() -> None:
        raise RuntimeError("a fault planted by the test")

    @app.get("/fault", include_in_schema=False)
    def page_fault() -> None:
        raise RuntimeError("a fault planted by the test")

    return app


def test_unexpected_error_is_a_500_with_the_error_schema_and_the_security_headers(
    make_app: Callable[..., FastAPI], caplog: pytest.LogCaptureFixture
) -> None:
    app = _with_a_fault(make_app(single_user=True))
    with TestClient(app) as client:
        answer = client.get(f"{API}/fault")
        page = client.get("/fault")
    assert answer.status_code == 500
    assert answer.json() == {
        "errors": [{"field": None, "message": "An unexpected error occurred; it has been logged."}]
    }
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "a fault planted by the test" in caplog.text  # the trace goes to the log, not the answer
    assert "a fault planted by the test" not in answer.text + page.text
    app.state.engine.dispose()


# ---------------------------------------------------------------------- keep-alive after an error

# ``backcoach serve`` itself, in a process of its own, with one route planted that always fails:
# nothing else in the app may fail on purpose.
SERVE_WITH_A_FAULT = """
import sys
import backcoach.web

made = backcoach.web.create_app


def create_app(settings=None):
    app = made(settings)
    for path in ("/api/v1/fault", "/fault"):
        @app.api_route(path, methods=["GET", "POST"], include_in_schema=False)
        def fault() -> None:
            raise RuntimeError("a fault planted by the test")
    return app


backcoach.web.create_app = create_app
from backcoach.cli import run

sys.argv = ["backcoach", "serve", "--port", sys.argv[1], "--db", sys.argv[2]]
run()
"""


@dataclass(frozen=True)
class Served:
    """A served app (single-user, SQLite): its port, its output, and a session (cookie, CSRF token)."""

    port: int
    process: ServerProcess
    cookie: str
    csrf: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("served")
    port = free_port()
    env = {**os.environ, "BACKCOACH_HOME": str(folder / "home"), "BACKCOACH_SINGLE_USER": "true"}
    env.pop("BACKCOACH_SECRET_KEY", None)
    command = [sys.executable, "-c", SERVE_WITH_A_FAULT, str(port), f"sqlite:///{folder / 'served.db'}"]
    server = ServerProcess(command, env, port=port)
    try:
        server.start()  # returns once /healthz answers: the server is listening
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{API}/auth/csrf", timeout=10) as first:
            cookie = first.headers["set-cookie"].split(";", 1)[0]
            csrf = json.load(first)["csrf_token"]
        yield Served(port, server, cookie, csrf)
    finally:
        server.close()


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: nothing reconnects behind our back."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.stream = self.sock.makefile("rb")

    def send(self, *requests: bytes) -> None:
        self.sock.sendall(b"".join(requests))

    def answer(self) -> tuple[int, dict[str, str]] | None:
        """The next response's status and headers (its body read), or None when the server hung up."""
        try:
            status = self.stream.readline()
        except ConnectionError:
            return None
        if not status:
            return None
        headers: dict[str, str] = {}
        while (line := self.stream.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        assert "content-length" in headers, headers  # every answer says where it ends
        self.stream.read(int(headers["content-length"]))
        return int(status.split()[1]), headers

    def close(self) -> None:
        self.stream.close()
        self.sock.close()


def _request(method: str, path: str, body: bytes = b"", session: Served | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if session is not None:
        lines += [f"Cookie: {session.cookie}", f"X-CSRF-Token: {session.csrf}"]
    if body or method in ("POST", "PUT"):
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


GOOD = _request("GET", "/healthz")
ROUNDS = 20
# Each error case: the request (given the session) and the status it gets.
ERRORS: dict[str, tuple[Callable[[Served], bytes], int]] = {
    "500 on a read": (lambda s: _request("GET", f"{API}/fault"), 500),
    "500 on a write, body unread": (lambda s: _request("POST", f"{API}/fault", b'{"reps": 8}', s), 500),
    "500 on a page": (lambda s: _request("GET", "/fault"), 500),
    "403 with 64 KiB of body unread": (
        lambda s: _request("POST", f"{API}/sets", b"[" + b" " * 65536 + b"]"),
        403,
    ),
    "400 on a body that is not JSON": (lambda s: _request("PUT", f"{API}/profile", b"\xff\xfe{", s), 400),
    "422 on a body out of range": (lambda s: _request("POST", f"{API}/sets", b'{"sets": []}', s), 422),
    "422 on a date out of range": (lambda s: _request("GET", f"{API}/workouts?since=0001-01-01"), 422),
    "422 on a page": (lambda s: _request("GET", "/history/99999999999999999999"), 422),
    "405": (lambda s: _request("DELETE", f"{API}/plan"), 405),
    "404": (lambda s: _request("GET", f"{API}/no-such-thing"), 404),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_after_an_error_the_next_request_on_the_connection_is_answered(served: Served, case: str) -> None:
    make, status = ERRORS[case]
    bad = make(served)
    dropped = 0
    for _ in range(ROUNDS):
        connection = Connection(served.port)
        try:
            connection.send(bad)
            first = connection.answer()
            assert first is not None and first[0] == status, first
            assert first[1].get("connection") != "close", first
            connection.send(GOOD)
            second = connection.answer()
            dropped += second is None or second[0] != 200
        finally:
            connection.close()
    assert dropped == 0, f"{dropped} of {ROUNDS} next requests were dropped"


@pytest.mark.parametrize("case", list(ERRORS))
def test_a_request_sent_behind_an_error_is_answered(served: Served, case: str) -> None:
    """Pipelined: the good request is already on the wire when the error is answered."""
    make, status = ERRORS[case]
    bad = make(served)
    connection = Connection(served.port)
    try:
        connection.send(bad, GOOD, bad, GOOD)
        answers = [connection.answer() for _ in range(4)]
    finally:
        connection.close()
    assert [a[0] if a else None for a in answers] == [status, 200, status, 200]


def test_the_served_app_logs_the_unexpected_error(served: Served) -> None:
    connection = Connection(served.port)
    try:
        connection.send(_request("GET", f"{API}/fault"))
        assert connection.answer() is not None
    finally:
        connection.close()
    assert "RuntimeError: a fault planted by the test" in served.process.log()
