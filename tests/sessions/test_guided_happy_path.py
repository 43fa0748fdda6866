"""A whole planned session done as planned: every drill, ramp set, working set, rest and the summary."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from guided_factories import T0, catalog, context, drive, machine, monday, thursday

from backcoach.errors import InputError, UnknownIdError
from backcoach.sessions import (
    Continue,
    DrillStep,
    ExerciseStep,
    GuidedSession,
    RestStep,
    SetType,
    Start,
    SummaryStep,
    sequence,
)


def test_the_fixture_plan_has_the_shape_these_tests_assume() -> None:
    """These tests drive the planner's real output; if the planner changes, this says what moved."""
    blocks = {b.kind: [(i.exercise_id, i.role, i.superset) for i in b.items] for b in thursday().blocks}
    assert [r for _, r, _ in blocks["warmup"]] == ["drill"] * 5 + ["ramp"]
    assert blocks["back"] == [("one-arm-dumbbell-row", "main", None), ("prone-cobra", "accessory", None)]
    assert blocks["core"] == [("front-plank", "core", "A")]
    assert blocks["arms"] == [("hammer-curl", "arms", "A")]
    assert [r for _, r, _ in blocks["cooldown"]] == ["drill"] * 3
    assert all(i.superset is None for i in monday().items)


def test_happy_path_visits_every_planned_drill_and_set_in_order() -> None:
    session = thursday()
    run = drive(machine(session))
    done = [(s.exercise_id, s.kind) for s in run.steps if isinstance(s, DrillStep | ExerciseStep)]
    planned = [(slot.exercise_id, "drill" if slot.is_drill else "exercise") for slot in sequence(session)]
    assert done == planned
    assert sum(len(item.sets) for item in session.items) == len(planned)


def test_happy_path_starts_with_the_first_warmup_drill_and_its_catalogue_cues() -> None:
    m = machine()
    step = drive(m).steps[0]
    first = thursday().blocks[0].items[0]
    assert isinstance(step, DrillStep)
    assert (step.exercise_id, step.block, step.number, step.of) == (first.exercise_id, "warmup", 1, 5)
    assert step.steps and step.cues
    assert step.dose == "60 s"


def test_drills_are_followed_by_the_next_drill_without_a_rest() -> None:
    steps = drive(machine()).steps
    for before, after in pairwise(steps):
        if isinstance(before, DrillStep):
            assert not isinstance(after, RestStep)


def test_ramp_sets_have_their_own_short_rests_and_lead_into_the_first_working_set() -> None:
    steps = drive(machine()).steps
    ramp = [i for i, s in enumerate(steps) if isinstance(s, ExerciseStep) and s.role == "ramp"]
    assert len(ramp) == 3
    assert [steps[i].load_kg for i in ramp] == [2.0, 4.0, 6.0]  # type: ignore[union-attr]
    rests = [steps[i + 1] for i in ramp]
    assert all(isinstance(r, RestStep) and r.seconds == 60 for r in rests)
    first_working = steps[ramp[-1] + 2]
    assert isinstance(first_working, ExerciseStep)
    assert (first_working.role, first_working.set_number, first_working.load_kg) == ("main", 1, 8.0)


def test_working_sets_rest_for_the_planned_rest_of_that_set() -> None:
    steps = drive(machine(monday())).steps
    for i, step in enumerate(steps[:-1]):
        if isinstance(step, ExerciseStep) and step.set_type == "working" and step.superset is None:
            rest = steps[i + 1]
            assert isinstance(rest, RestStep)
            item = next(i for i in monday().items if i.exercise_id == step.exercise_id and i.role != "ramp")
            assert rest.seconds == item.sets[step.set_number - 1].rest_s


def test_superset_alternates_a1_and_a2_with_the_longer_rest_after_each_pair() -> None:
    steps = drive(machine(thursday())).steps
    pair = [
        (s.superset_position, s.set_number) if isinstance(s, ExerciseStep) else ("rest", s.seconds)
        for s in steps
        if (isinstance(s, ExerciseStep) and s.superset == "A")
        or (isinstance(s, RestStep) and s.next_label.endswith("(A1)"))
    ]
    assert pair == [("rest", 120), ("A1", 1), ("A2", 1), ("rest", 75), ("A1", 2), ("A2", 2)]
    a1 = [i for i, s in enumerate(steps) if isinstance(s, ExerciseStep) and s.superset_position == "A1"]
    assert all(isinstance(steps[i + 1], ExerciseStep) for i in a1)  # no rest between A1 and A2


def test_exercise_steps_carry_steps_cues_targets_and_set_numbers() -> None:
    steps = [s for s in drive(machine()).steps if isinstance(s, ExerciseStep) and s.role == "main"]
    assert [(s.set_number, s.sets) for s in steps] == [(1, 3), (2, 3), (3, 3)]
    for s in steps:
        assert s.steps and s.cues
        assert (s.reps_min, s.reps_max, s.rir) == (8, 12, 2)
        assert s.load_kg is not None


def test_cooldown_drills_come_last_and_the_summary_ends_the_session() -> None:
    run = drive(machine())
    drills = [s for s in run.steps if isinstance(s, DrillStep) and s.block == "cooldown"]
    assert [d.exercise_id for d in drills] == [i.exercise_id for i in thursday().blocks[-1].items]
    assert isinstance(run.steps[-1], SummaryStep)
    assert isinstance(run.steps[-2], DrillStep) and run.steps[-2].block == "cooldown"


def test_summary_counts_every_planned_set_as_done() -> None:
    summary = drive(machine()).summary
    assert summary.ended_by == "completed" and not summary.ended_early
    assert summary.working_sets_planned == summary.working_sets_done == 9
    assert summary.ramp_sets_done == 3
    assert summary.drills_planned == summary.drills_done == 8
    assert [(e.exercise_id, e.planned, e.done) for e in summary.exercises] == [
        ("one-arm-dumbbell-row", 3, 3),
        ("prone-cobra", 2, 2),
        ("front-plank", 2, 2),
        ("hammer-curl", 2, 2),
    ]
    assert summary.pain == ()


def test_summary_workout_records_targets_beside_actuals() -> None:
    run = drive(machine())
    workout = run.summary.workout
    assert workout.started_at == run.events[0].at
    assert workout.ended_at == run.events[-1].at
    assert workout.planned_date == thursday().date
    assert len(workout.sets) == 3 + 9 + 8
    hard = workout.hard_sets
    assert len(hard) == 9
    row = [s for s in hard if s.exercise_id == "one-arm-dumbbell-row"]
    assert [s.target.reps_max for s in row] == [12, 12, 12]
    assert all(s.target.rir == 2 and s.rir == 2 and s.reps == 12 for s in row)
    assert row[0].target.load_kg == row[0].load_kg == 8.0
    warm = [s for s in workout.sets if s.set_type is SetType.WARMUP]
    assert len(warm) == 3 + 8


def test_logged_sets_record_the_rest_actually_taken_before_them() -> None:
    run = drive(machine())
    row = [s for s in run.summary.workout.hard_sets if s.exercise_id == "one-arm-dumbbell-row"]
    assert row[0].rest_s == 40  # Ticks: each event 40 s after the one before
    assert all(s.rest_s == 40 for s in row)


def test_volume_is_reps_times_load_over_working_sets() -> None:
    summary = drive(machine()).summary
    expected = sum(s.reps * s.load_kg for s in summary.workout.hard_sets if s.load_kg)
    assert summary.volume_kg == pytest.approx(expected)
    assert summary.volume_kg > 0


def test_same_events_give_the_same_steps() -> None:
    first = drive(machine())
    again = machine()
    assert [again.send(e) for e in first.events] == first.steps


def test_step_is_none_before_start_and_the_last_step_after() -> None:
    m = machine()
    assert m.step is None
    run = drive(m)
    assert m.step == run.steps[-1]


def test_start_refuses_anything_but_a_start_event() -> None:
    with pytest.raises(InputError, match="Start"):
        machine().start(Continue(T0))  # type: ignore[arg-type]


def test_unknown_exercise_in_the_session_fails_at_construction() -> None:
    session = thursday()
    block = session.blocks[0]
    broken = replace(
        session, blocks=(replace(block, items=(replace(block.items[0], exercise_id="no-such"),)),)
    )
    with pytest.raises(UnknownIdError):
        GuidedSession(broken, catalog=catalog(), context=context())


def test_empty_session_ends_at_start_with_an_empty_summary() -> None:
    m = machine(replace(thursday(), blocks=()))
    step = m.start(Start(T0))
    assert isinstance(step, SummaryStep)
    assert step.working_sets_planned == 0 and step.workout.sets == ()
