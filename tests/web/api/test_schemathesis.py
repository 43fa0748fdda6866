"""The live OpenAPI document, tested by schemathesis: every operation, generated valid and invalid
requests, each answer checked against what the document promises.

What must hold, for every operation:
- no server error (5xx), whatever is sent;
- no status the document does not declare (every route lists its 401, 403, 404, 409, 422, 429);
- every answer, error answers included, conforms to its documented schema and content type;
- a request the schema forbids is refused (4xx), never taken;
- a 405 names exactly the documented methods in ``Allow``.

A request the schema allows may still be refused with 422 (and 404 or 409): the domain knows
what a JSON schema cannot say (a password that is easy to guess, an exercise id the catalogue
does not hold, a week past the supported dates), so 422 counts as an accepted answer there.

The app runs in single-user mode on its own SQLite file, as ``backcoach serve`` runs it; every
request carries the session's cookie and its CSRF token, so the unsafe operations are exercised
past the CSRF check and write for real. The person has a plan and a guided workout under way
(``trained``), and a clean screening before each operation (``cleared``): without them every
plan and guided request would stop at the safety gate, and their deeper paths would go untried.
The request models carry examples (a real exercise id, a valid profile), so valid requests reach
the use cases too. The document is loaded when this module is collected (schemathesis
parametrizes one test per operation from it), so the app is built then. The run is
deterministic (``derandomize``) and bounded by ``MAX_EXAMPLES`` per operation.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import Case
from web_helpers import API, PROFILE, TEST_SECRET

from backcoach.web import create_app
from backcoach.web.security import ANONYMOUS, COOKIE_NAME, CSRF_HEADER, SessionData, new_csrf_token
from backcoach.web.settings import load_web_settings

MAX_EXAMPLES = 50  # per operation and phase: about a minute for the whole document on two cores
# Refusals a schema-valid request may get (see the module docstring).
ACCEPTED = ["2xx", "401", "403", "404", "409", "422", "429"]

_FOLDER = Path(tempfile.mkdtemp(prefix="backcoach-schemathesis-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)


def _app() -> FastAPI:
    url = f"sqlite:///{_FOLDER / 'schemathesis.db'}"
    return create_app(
        load_web_settings(environment="test", secret_key=TEST_SECRET, database_url=url, single_user=True)
    )


def _session_headers(app: FastAPI) -> dict[str, str]:
    """The local person's session: a signed cookie and the CSRF token it carries."""
    csrf = new_csrf_token()
    cookie = app.state.sessions.dumps(SessionData(ANONYMOUS, csrf))
    return {"Cookie": f"{COOKIE_NAME}={cookie}", CSRF_HEADER: csrf}


APP = _app()
SESSION = _session_headers(APP)
schema = schemathesis.openapi.from_asgi(
    f"{API}/openapi.json",
    APP,
    config=schemathesis.config.SchemathesisConfig.from_dict(
        {
            "headers": SESSION,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
            "continue-on-failure": True,
        }
    ),
)


@pytest.fixture(scope="module")
def person() -> Iterator[TestClient]:
    """The local person's own client (the same session as the generated requests)."""
    client = TestClient(APP, headers=SESSION)
    yield client
    client.close()


def _clear(person: TestClient) -> None:
    answer = person.post(f"{API}/screening", json={"answers": {}})
    assert answer.status_code == 201, answer.text


@pytest.fixture(scope="module")
def trained(person: TestClient) -> None:
    """A profile training every day, its plan saved, and its first session started."""
    _clear(person)
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert person.put(f"{API}/profile", json={**PROFILE, "days": week}).status_code == 200
    made = person.post(f"{API}/plan", json={})
    assert made.status_code == 201, made.text
    first = made.json()["weeks"][0]["sessions"][0]["date"]
    started = person.post(f"{API}/guided/start", json={"date": first})
    assert started.status_code == 201, started.text


@pytest.fixture
def cleared(person: TestClient, trained: None) -> None:
    """A clean screening before each operation: it lifts any hold a former one's examples left."""
    _clear(person)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # ``cleared`` runs once per operation, not per example, and that is what it is for.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_operation_keeps_its_documented_promises(case: Case, cleared: None) -> None:
    case.call_and_validate()
