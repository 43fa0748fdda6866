"""An unsafe request sent again with the same ``Idempotency-Key`` gets the first answer and writes
nothing (Stripe's contract), on the real server, on SQLite and PostgreSQL.

    the same key again, one after the other or eight at once  the same status and the same body,
                                                              byte for byte; one write
    the same key with another body                            422 naming the header; no write
    two keys                                                  two writes
    a key a day old                                           forgotten: the request runs again
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx2 as httpx
import pytest
from served import API, Served, at_once, past
from sqlalchemy import select

from backcoach.store import make_engine, session_scope
from backcoach.store.idempotency import KEY_LIFETIME
from backcoach.store.tables import IdempotencyRow

KEY = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
AT = past(days=3).isoformat()


@pytest.fixture
def client(served: Served) -> httpx.Client:
    return served.client()


@pytest.fixture
def workout_id(client: httpx.Client) -> int:
    """A workout of its own for each test: the sets a test writes are counted there."""
    opened = client.post(
        f"{API}/sets", json={"exercise_id": "dumbbell-shrug", "at": AT, "sets": [{"reps": 5}]}
    )
    assert opened.status_code == 201, opened.text
    found: int = opened.json()["workout_id"]
    return found


def _set(workout_id: int, reps: int = 8) -> dict[str, Any]:
    return {"exercise_id": "dumbbell-shrug", "workout_id": workout_id, "at": AT, "sets": [{"reps": reps}]}


def _sets_in(client: httpx.Client, workout_id: int) -> list[int]:
    read = client.get(f"{API}/workouts/{workout_id}")
    assert read.status_code == 200, read.text
    return [s["reps"] for s in read.json()["sets"]]


def _age(served: Served, key: str, by: timedelta) -> None:
    """Move the key's first use back in time, as the clock moving on would."""
    engine = make_engine(served.database_url)
    try:
        with session_scope(engine) as s:
            row = s.scalars(select(IdempotencyRow).where(IdempotencyRow.key == key)).one()
            row.created_at -= by
    finally:
        engine.dispose()


def test_the_same_key_sent_again_gets_the_first_answer_and_writes_nothing(
    client: httpx.Client, workout_id: int
) -> None:
    first = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "again-1"})
    again = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "again-1"})
    assert (again.status_code, again.content) == (first.status_code, first.content) == (201, first.content)
    assert (first.headers.get(REPLAYED), again.headers.get(REPLAYED)) == (None, "true")
    assert _sets_in(client, workout_id) == [5, 8]


def test_the_same_key_sent_eight_times_at_once_writes_once(served: Served, client: httpx.Client) -> None:
    before = len(client.get(f"{API}/workouts").json())
    body = json.dumps({"exercise_id": "dumbbell-shrug", "at": AT, "sets": [{"reps": 9}]}).encode()
    request = served.request(
        "POST", f"{API}/sets", session=served.session(), body=body, headers={KEY: "at-once"}
    )
    answers = at_once(served, [request] * 8)
    assert {(a.status, a.body) for a in answers} == {(201, answers[0].body)}
    assert sorted(a.headers.get(REPLAYED.lower(), "") for a in answers) == [""] + ["true"] * 7
    workouts = client.get(f"{API}/workouts").json()
    assert len(workouts) == before + 1  # one new workout, not eight
    assert [s["reps"] for s in workouts[-1]["sets"]] == [9]


def test_the_same_key_with_another_body_is_refused_naming_the_header(
    client: httpx.Client, workout_id: int
) -> None:
    first = client.post(f"{API}/sets", json=_set(workout_id, reps=8), headers={KEY: "other-body"})
    other = client.post(f"{API}/sets", json=_set(workout_id, reps=9), headers={KEY: "other-body"})
    assert first.status_code == 201
    assert other.status_code == 422
    assert [e["field"] for e in other.json()["errors"]] == [KEY]
    assert _sets_in(client, workout_id) == [5, 8]


def test_two_keys_are_two_writes(client: httpx.Client, workout_id: int) -> None:
    one = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "two-1"})
    two = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "two-2"})
    assert (one.status_code, two.status_code) == (201, 201)
    assert REPLAYED not in two.headers
    assert _sets_in(client, workout_id) == [5, 8, 8]


def test_a_key_is_remembered_for_a_day_and_forgotten_after(
    served: Served, client: httpx.Client, workout_id: int
) -> None:
    first = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "a-day"})
    _age(served, "a-day", KEY_LIFETIME - timedelta(minutes=1))
    within = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "a-day"})
    _age(served, "a-day", timedelta(minutes=2))
    after = client.post(f"{API}/sets", json=_set(workout_id), headers={KEY: "a-day"})
    assert (first.status_code, within.status_code, after.status_code) == (201, 201, 201)
    assert (within.headers.get(REPLAYED), after.headers.get(REPLAYED)) == ("true", None)
    assert _sets_in(client, workout_id) == [5, 8, 8]  # the day-old key ran again
