"""Invariants under random event sequences: no crash (a valid step or a clean refusal that changes
nothing), nothing continues after pain stopped it, and the state always survives a JSON round trip."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from guided_factories import T0, as_planned, machine, restore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.errors import BackcoachError
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    DrillStep,
    Event,
    ExerciseStep,
    Finish,
    PainGuidanceStep,
    PainReported,
    Pause,
    PausedStep,
    RestStep,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
    Start,
    SubstituteStep,
    SummaryStep,
)

STEP_TYPES = (DrillStep, ExerciseStep, SubstituteStep, RestStep, PainGuidanceStep, PausedStep, SummaryStep)
SIMPLE = {
    "start": Start,
    "skip": Skip,
    "skip_exercise": SkipExercise,
    "continue": Continue,
    "accept": AcceptSubstitute,
    "decline": DeclineSubstitute,
    "pause": Pause,
    "resume": Resume,
    "finish": Finish,
}
LOCATIONS = ["neck", "upper_back", "lower_back", "shoulder", "elbow", "wrist", "hip", "knee", "leg"]

simple = st.tuples(st.sampled_from(sorted(SIMPLE)), st.just({}))
planned = st.tuples(st.just("as_planned"), st.just({}))
set_done = st.tuples(
    st.just("set_done"),
    st.fixed_dictionaries(
        {
            "reps": st.integers(0, 30),
            "load_kg": st.one_of(st.none(), st.floats(0, 60)),
            "rir": st.one_of(st.none(), st.sampled_from([0, 0.5, 1, 2, 3, 4, 6, 10])),
            "hold_s": st.one_of(st.none(), st.integers(0, 120)),
        }
    ),
)
rarely = st.integers(0, 5).map(lambda n: n == 0)  # serious signs end the session; keep them rare
pain_report = st.tuples(
    st.just("pain"),
    st.fixed_dictionaries(
        {
            "location": st.sampled_from(LOCATIONS),
            "severity": st.one_of(st.integers(0, 3), st.integers(0, 10)),  # mild pain lets walks go on
            "sharp": rarely,
            "radiating": rarely,
            "numbness": rarely,
            "leg_weakness": rarely,
        }
    ),
)
# A random stretch done as planned (so that walks reach every part of the session), then mostly
# the answer a step expects, mixed with anything at all.
anything = st.tuples(st.one_of(*[planned] * 6, simple, simple, set_done, pain_report), st.integers(0, 900))
moves = st.tuples(st.integers(0, 45), st.lists(anything, max_size=80)).map(
    lambda pair: [(("as_planned", {}), 30)] * pair[0] + pair[1]
)


Moves = list[tuple[tuple[str, dict[str, Any]], int]]  # ((kind, parameters), seconds since the last)


def build(kind: str, params: dict[str, Any], at: Any, step: Any) -> Event:
    if kind == "as_planned":
        if step is None:
            return Start(at)
        if isinstance(step, SummaryStep) or (isinstance(step, PainGuidanceStep) and step.session_over):
            return Finish(at)
        return as_planned(step, at)
    if kind == "set_done":
        return SetDone(at, **params)
    if kind == "pain":
        return PainReported(at, **params)
    return SIMPLE[kind](at)  # type: ignore[abstract]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=moves)
def test_random_events_never_crash_nor_continue_a_stopped_exercise(
    moves: list[tuple[tuple[str, dict[str, Any]], int]],
) -> None:
    m = machine()
    now = T0
    stopped: set[str] = set()
    over = False
    for (kind, params), gap in moves:
        now += timedelta(seconds=gap)
        event = build(kind, params, now, m.step)
        before = m.state
        try:
            step = m.send(event)
        except BackcoachError:
            assert m.state == before  # a refusal changes nothing
            continue
        assert isinstance(step, STEP_TYPES)
        if isinstance(step, PainGuidanceStep):
            text = " ".join(step.reasons).lower()
            assert "stop" in text and "persists" in text
            if step.exercise_id is not None:
                stopped.add(step.exercise_id)
        if isinstance(step, DrillStep | ExerciseStep):
            assert step.exercise_id not in stopped
            assert not over
        if isinstance(step, SummaryStep) or (isinstance(step, PainGuidanceStep) and step.session_over):
            over = True
        if isinstance(step, ExerciseStep) and step.load_kg is not None:
            assert step.load_kg > 0
    assert restore(m).state == m.state
    assert restore(m).step == m.step


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=moves)
def test_a_reload_at_the_end_of_random_events_continues_exactly_like_the_original(moves: Moves) -> None:
    m = machine()
    now = T0
    for (kind, params), gap in moves:
        now += timedelta(seconds=gap)
        try:
            m.send(build(kind, params, now, m.step))
        except BackcoachError:
            continue
    twin = restore(m)
    for _ in range(40):
        step = m.step
        if step is None or isinstance(step, SummaryStep):
            break
        now += timedelta(seconds=30)
        event = build("as_planned", {}, now, step)
        assert m.send(event) == twin.send(event)
