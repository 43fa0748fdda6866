"""The first working set of an exercise whose load the person chooses says so once, not twice."""

from __future__ import annotations

from datetime import timedelta

from guided_factories import PROFILE, T0, as_planned, catalog

from backcoach.planning import Plan, build_plan
from backcoach.sessions import ExerciseStep, GuidedContext, GuidedSession, Start


def test_a_load_to_choose_is_explained_by_one_hint_only() -> None:
    profile = PROFILE.model_copy(
        update={"bodyweight_kg": None}
    )  # no body weight, no known strength: calibrate
    plan = build_plan(profile)
    assert isinstance(plan, Plan)
    m = GuidedSession(
        plan.weeks[0].sessions[0], catalog=catalog(), context=GuidedContext.from_profile(profile)
    )
    step = m.start(Start(T0))
    first_sets: list[ExerciseStep] = []
    seen: set[str] = set()
    for tick in range(1, 200):
        if isinstance(step, ExerciseStep) and step.set_type == "working" and step.exercise_id not in seen:
            seen.add(step.exercise_id)
            first_sets.append(step)
        if step.kind == "summary":
            break
        step = m.send(as_planned(step, T0 + timedelta(seconds=40 * tick)))
    chosen = [s for s in first_sets if s.load_kg is None and s.note and "Choose" in s.note]
    assert chosen, "the plan left no load to choose"
    for s in chosen:
        hints = [h for h in (s.load_note, s.note) if h]
        assert hints == [s.note], hints
