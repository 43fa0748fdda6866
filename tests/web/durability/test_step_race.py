"""One guided step is done once, however many times it is sent at the same moment.

Eight connections send the same ``set_done`` with the same step token to the real server at once
(a double tap, a retry, two devices). The step token is a compare-and-set: exactly one is applied
(200) and the other seven are told the workout moved on (409); exactly one set is stored. Several
steps in a row, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import httpx2 as httpx
from served import API, Served, at_once, clear_screening, plan_for_today

RACERS = 8
RACES = 6
MOVE_ON = {"rest": "continue", "guidance": "continue", "paused": "resume"}  # steps with no set to race


def _sets_in(client: httpx.Client, workout_id: int) -> int:
    read = client.get(f"{API}/workouts/{workout_id}")
    assert read.status_code == 200, read.text
    return len(read.json()["sets"])


def _to_a_set_step(client: httpx.Client, view: dict[str, Any]) -> dict[str, Any]:
    while view["step"]["kind"] not in ("exercise", "drill"):
        moved = client.post(
            f"{API}/guided/events", json={"type": MOVE_ON[view["step"]["kind"]], "token": view["token"]}
        )
        assert moved.status_code == 200, moved.text
        view = moved.json()
    return view


def test_one_step_token_sent_eight_times_at_once_is_applied_once(served: Served) -> None:
    client = served.client()
    clear_screening(client)
    plan = plan_for_today(client)
    started = client.post(f"{API}/guided/start", json={"date": plan["weeks"][0]["sessions"][0]["date"]})
    assert started.status_code == 201, started.text
    view = started.json()
    session = served.session()
    outcomes = []
    for _ in range(RACES):
        view = _to_a_set_step(client, view)
        before = _sets_in(client, view["workout_id"])
        event = {"type": "set_done", "token": view["token"], "reps": view["step"]["reps_max"]}
        request = served.request(
            "POST", f"{API}/guided/events", session=session, body=json.dumps(event).encode()
        )
        answers = at_once(served, [request] * RACERS)
        statuses = Counter(a.status for a in answers)
        stored = _sets_in(client, view["workout_id"]) - before
        refusals = {
            json.loads(a.body)["errors"][0]["message"].split(":")[0] for a in answers if a.status == 409
        }
        view = client.get(f"{API}/guided").json()
        applied = [json.loads(a.body)["token"] for a in answers if a.status == 200]
        # (statuses, sets stored, why the others were refused, the one applied is where it is now)
        outcomes.append((dict(statuses), stored, refusals, applied == [view["token"]]))
    moved_on = {"the workout moved on since this page was shown"}
    assert outcomes == [({200: 1, 409: RACERS - 1}, 1, moved_on, True)] * RACES
