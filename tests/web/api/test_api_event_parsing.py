"""Guided events from JSON or form fields, and steps as JSON (``web.guided``), shared by API and pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backcoach.app.guided import EVENT_TYPES, event_from_json, step_to_json
from backcoach.errors import InputError
from backcoach.science.units import lb_to_kg
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    Finish,
    PainReported,
    Pause,
    RestStep,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
)

NOW = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "event"),
    [
        ("skip", Skip),
        ("skip_exercise", SkipExercise),
        ("continue", Continue),
        ("accept_substitute", AcceptSubstitute),
        ("decline_substitute", DeclineSubstitute),
        ("pause", Pause),
        ("resume", Resume),
        ("finish", Finish),
    ],
)
def test_simple_events_take_no_fields_and_the_servers_time(kind: str, event: type) -> None:
    made = event_from_json({"type": kind}, NOW)
    assert type(made) is event
    assert made.at == NOW


def test_every_event_type_is_known() -> None:
    assert set(EVENT_TYPES) == {
        "set_done",
        "pain",
        "skip",
        "skip_exercise",
        "continue",
        "accept_substitute",
        "decline_substitute",
        "pause",
        "resume",
        "finish",
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"reps": 10}, SetDone(at=NOW, reps=10)),
        ({"reps": "10", "load_kg": "22.5", "rir": "2"}, SetDone(at=NOW, reps=10, load_kg=22.5, rir=2.0)),
        ({"reps": 10.0, "load_kg": 20, "rir": ""}, SetDone(at=NOW, reps=10, load_kg=20.0)),
        ({"reps": 1, "hold_s": "30"}, SetDone(at=NOW, reps=1, hold_s=30)),
        ({"reps": 8, "load": "45", "unit": "lb"}, SetDone(at=NOW, reps=8, load_kg=lb_to_kg(45))),
        ({"reps": 8, "load": 20}, SetDone(at=NOW, reps=8, load_kg=20.0)),
    ],
)
def test_set_done_reads_numbers_from_json_or_form_fields(fields: dict[str, Any], expected: SetDone) -> None:
    assert event_from_json({"type": "set_done", **fields}, NOW) == expected


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "reps"),
        ({"reps": ""}, "reps"),
        ({"reps": "ten"}, "reps"),
        ({"reps": "--5"}, "reps"),
        ({"reps": 2.5}, "reps"),
        ({"reps": True}, "reps"),
        ({"reps": -1}, "reps"),
        ({"reps": 5, "load_kg": "heavy"}, "load_kg"),
        ({"reps": 5, "load_kg": "nan"}, "load_kg"),
        ({"reps": 5, "load_kg": "1e400"}, "load_kg"),
        ({"reps": 5, "load_kg": False}, "load_kg"),
        ({"reps": 5, "load_kg": -3}, "load"),
        ({"reps": 5, "load": 10, "load_kg": 10}, "load"),
        ({"reps": 5, "load": 10, "unit": "stone"}, "unit"),
        ({"reps": 5, "rir": 11}, "rir"),
        ({"reps": 5, "hold_s": "long"}, "hold_s"),
    ],
)
def test_set_done_refuses_bad_fields_naming_them(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        event_from_json({"type": "set_done", **fields}, NOW)
    assert str(caught.value).startswith(field)


def test_pain_reads_flags_from_json_or_form_fields() -> None:
    made = event_from_json(
        {"type": "pain", "location": " lower_back ", "severity": "6", "sharp": "on", "numbness": True},
        NOW,
    )
    assert made == PainReported(at=NOW, location="lower_back", severity=6, sharp=True, numbness=True)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"severity": 3}, "location"),
        ({"location": "  ", "severity": 3}, "location"),
        ({"location": "neck"}, "severity"),
        ({"location": "neck", "severity": 11}, "severity"),
        ({"location": "neck", "severity": 3, "sharp": "maybe"}, "sharp"),
        ({"location": "neck", "severity": 3, "radiating": 2}, "radiating"),
    ],
)
def test_pain_refuses_bad_fields_naming_them(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        event_from_json({"type": "pain", **fields}, NOW)
    assert str(caught.value).startswith(field)


@pytest.mark.parametrize("kind", [None, "", "dance", 3])
def test_an_unknown_type_is_refused(kind: object) -> None:
    with pytest.raises(InputError, match=r"^type: "):
        event_from_json({"type": kind}, NOW)


def test_a_rest_step_says_when_it_ends() -> None:
    step = RestStep(
        seconds=90,
        began_at=NOW,
        after="pull-up",
        next_exercise_id="pull-up",
        next_name="Pull-Up",
        next_label="Set 2 of 3: Pull-Up",
    )
    assert step_to_json(step) == {
        "kind": "rest",
        "seconds": 90,
        "began_at": NOW.isoformat(),
        "after": "pull-up",
        "next_exercise_id": "pull-up",
        "next_name": "Pull-Up",
        "next_label": "Set 2 of 3: Pull-Up",
        "ends_at": (NOW + timedelta(seconds=90)).isoformat(),
    }
