"""A whole planned session done as planned: every drill, ramp set, working set, rest and the summary."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from guided_factories import (
    T0,
    catalog,
    context,
    drive,
    machine,
    main_item,
    monday,
    plan,
    sets_of,
    superset_day,
    thursday,
    worked,
)

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


def test_the_fixture_plan_has_what_these_tests_need() -> None:
    """These tests drive the planner's real output and read their expectations from it; this
    checks only the features they walk through, so a planner change that drops one says so here."""
    for session in plan().weeks[0].sessions:
        blocks = [b.kind for b in session.blocks]
        assert (blocks[0], blocks[-1]) == ("warmup", "cooldown")
        warm = [i.role for i in session.blocks[0].items]
        assert "drill" in warm and warm[-1] == "ramp"
        assert warm == sorted(warm, key=lambda role: role == "ramp")  # the drills, then the ramp
        assert {i.role for i in session.blocks[-1].items} == {"drill"}
        main = main_item(session)
        assert len(main.sets) >= 2 and main.sets[0].load_kg
        assert [i.exercise_id for i in session.items if i.role == "ramp"] == [main.exercise_id]
        assert len(worked(session)) >= 2
    pair = [i for i in superset_day().items if i.superset == "A"]
    assert len(pair) == 2 and all(len(i.sets) >= 2 for i in pair)


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
    drills = sum(i.role == "drill" for i in thursday().blocks[0].items)
    assert (step.exercise_id, step.block, step.number, step.of) == (first.exercise_id, "warmup", 1, drills)
    assert step.steps and step.cues
    assert step.dose


def test_drills_are_followed_by_the_next_drill_without_a_rest() -> None:
    steps = drive(machine()).steps
    for before, after in pairwise(steps):
        if isinstance(before, DrillStep):
            assert not isinstance(after, RestStep)


def test_ramp_sets_have_their_own_short_rests_and_lead_into_the_first_working_set() -> None:
    session = thursday()
    planned = next(i for i in session.items if i.role == "ramp")
    main = main_item(session)
    steps = drive(machine(session)).steps
    ramp = [i for i, s in enumerate(steps) if isinstance(s, ExerciseStep) and s.role == "ramp"]
    assert [steps[i].load_kg for i in ramp] == [s.load_kg for s in planned.sets]  # type: ignore[union-attr]
    assert all(s.load_kg is not None and s.load_kg < main.sets[0].load_kg for s in planned.sets)  # type: ignore[operator]
    rests = [steps[i + 1] for i in ramp]
    assert [r.seconds if isinstance(r, RestStep) else None for r in rests] == [s.rest_s for s in planned.sets]
    first_working = steps[ramp[-1] + 2]
    assert isinstance(first_working, ExerciseStep)
    assert (first_working.role, first_working.set_number, first_working.load_kg) == (
        "main",
        1,
        main.sets[0].load_kg,
    )


def test_working_sets_rest_for_the_planned_rest_of_that_set() -> None:
    steps = drive(machine(monday())).steps
    for i, step in enumerate(steps[:-1]):
        if isinstance(step, ExerciseStep) and step.set_type == "working" and step.superset is None:
            rest = steps[i + 1]
            assert isinstance(rest, RestStep)
            item = next(i for i in monday().items if i.exercise_id == step.exercise_id and i.role != "ramp")
            assert rest.seconds == item.sets[step.set_number - 1].rest_s


def test_superset_alternates_a1_and_a2_with_the_longer_rest_after_each_pair() -> None:
    session = superset_day()
    steps = drive(machine(session)).steps
    pair = [
        (s.superset_position, s.set_number) if isinstance(s, ExerciseStep) else ("rest", s.seconds)
        for s in steps
        if (isinstance(s, ExerciseStep) and s.superset == "A")
        or (isinstance(s, RestStep) and s.next_label.endswith("(A1)"))
    ]
    a1, a2 = [i for i in session.items if i.superset == "A"]
    before = session.items[session.items.index(a1) - 1]  # the rest into the pair is that item's
    expected: list[tuple[str | None, int]] = [("rest", before.sets[-1].rest_s)]
    for n, (x, y) in enumerate(zip(a1.sets, a2.sets, strict=True), start=1):
        if n > 1:
            expected.append(("rest", max(x.rest_s, y.rest_s)))
        expected += [("A1", n), ("A2", n)]
    assert pair == expected
    a1 = [i for i, s in enumerate(steps) if isinstance(s, ExerciseStep) and s.superset_position == "A1"]
    assert all(isinstance(steps[i + 1], ExerciseStep) for i in a1)  # no rest between A1 and A2


def test_exercise_steps_carry_steps_cues_targets_and_set_numbers() -> None:
    main = main_item(thursday())
    steps = [s for s in drive(machine()).steps if isinstance(s, ExerciseStep) and s.role == "main"]
    n = len(main.sets)
    assert [(s.set_number, s.sets) for s in steps] == [(k, n) for k in range(1, n + 1)]
    for s, p in zip(steps, main.sets, strict=True):
        assert s.steps and s.cues
        assert (s.reps_min, s.reps_max, s.rir) == (p.reps_min, p.reps_max, p.rir)
        assert s.load_kg is not None


def test_cooldown_drills_come_last_and_the_summary_ends_the_session() -> None:
    run = drive(machine())
    drills = [s for s in run.steps if isinstance(s, DrillStep) and s.block == "cooldown"]
    assert [d.exercise_id for d in drills] == [i.exercise_id for i in thursday().blocks[-1].items]
    assert isinstance(run.steps[-1], SummaryStep)
    assert isinstance(run.steps[-2], DrillStep) and run.steps[-2].block == "cooldown"


def test_summary_counts_every_planned_set_as_done() -> None:
    session = thursday()
    summary = drive(machine(session)).summary
    assert summary.ended_by == "completed" and not summary.ended_early
    assert (
        summary.working_sets_planned
        == summary.working_sets_done
        == len([s for i in worked(session) for s in i.sets])
    )
    assert summary.ramp_sets_done == sets_of(session, "ramp")
    assert summary.drills_planned == summary.drills_done == sets_of(session, "drill")
    assert [(e.exercise_id, e.planned, e.done) for e in summary.exercises] == [
        (i.exercise_id, len(i.sets), len(i.sets)) for i in worked(session)
    ]
    assert summary.pain == ()


def test_summary_workout_records_targets_beside_actuals() -> None:
    session = thursday()
    run = drive(machine(session))
    workout = run.summary.workout
    assert workout.started_at == run.events[0].at
    assert workout.ended_at == run.events[-1].at
    assert workout.planned_date == session.date
    ramps, drills = sets_of(session, "ramp"), sets_of(session, "drill")
    working = len(workout.sets) - ramps - drills
    assert working == len([s for i in worked(session) for s in i.sets])
    hard = workout.hard_sets
    assert len(hard) == working
    main = main_item(session)
    row = [s for s in hard if s.exercise_id == main.exercise_id]
    assert [s.target.reps_max for s in row] == [p.reps_max for p in main.sets]
    assert all(
        s.target.rir == p.rir == s.rir and s.reps == p.reps_max for s, p in zip(row, main.sets, strict=True)
    )
    assert row[0].target.load_kg == row[0].load_kg == main.sets[0].load_kg
    warm = [s for s in workout.sets if s.set_type is SetType.WARMUP]
    assert len(warm) == ramps + sum(len(i.sets) for i in session.blocks[0].items if i.role == "drill")


def test_cool_down_stretches_are_logged_as_cool_down_not_warm_up() -> None:
    run = drive(machine())
    cooled = {s.exercise_id for s in run.steps if isinstance(s, DrillStep) and s.block == "cooldown"}
    warmed = {s.exercise_id for s in run.steps if isinstance(s, DrillStep) and s.block == "warmup"}
    sets = run.summary.workout.sets
    cool = [s for s in sets if s.set_type is SetType.COOLDOWN]
    assert len(cool) == 3 and {s.exercise_id for s in cool} == cooled
    assert all(s.set_type is SetType.WARMUP for s in sets if s.exercise_id in warmed - cooled)
    assert not any(s.set_type.is_hard for s in cool)


def test_logged_sets_record_the_rest_actually_taken_before_them() -> None:
    run = drive(machine())
    main = main_item(thursday()).exercise_id
    row = [s for s in run.summary.workout.hard_sets if s.exercise_id == main]
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
