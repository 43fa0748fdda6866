"""Skipping, pausing, finishing early, refusing events that make no sense, and saving the state."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from guided_factories import (
    T0,
    Ticks,
    as_planned,
    catalog,
    context,
    drive,
    machine,
    main_item,
    pain,
    replay,
    restore,
    slot_after,
    superset_day,
    thursday,
    worked,
)

from backcoach.errors import InputError
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    DrillStep,
    Event,
    ExerciseStep,
    Finish,
    GuidedSession,
    GuidedState,
    PainGuidanceStep,
    Pause,
    PausedStep,
    RestStep,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
    Start,
    Step,
    SummaryStep,
)


def matches(step: Step, found: type, where: dict[str, object]) -> bool:
    return isinstance(step, found) and all(getattr(step, k) == v for k, v in where.items())


def advance_to(m: GuidedSession, ticks: Ticks, found: type, **where: object) -> Step:
    """Do everything as planned until a step of type ``found`` with the given fields shows."""
    step = m.step or m.start(Start(ticks()))
    for _ in range(200):
        if matches(step, found, where):
            return step
        step = m.send(as_planned(step, ticks()))
    raise AssertionError(f"no {found.__name__} with {where}")


# ---------------------------------------------------------------------- skipping


def test_skip_a_drill_moves_to_the_next_drill_and_is_not_logged() -> None:
    m, ticks = machine(), Ticks()
    first = m.start(Start(ticks()))
    second = m.send(Skip(ticks()))
    assert isinstance(first, DrillStep) and isinstance(second, DrillStep)
    assert second.number == first.number + 1
    assert m.state.sets == ()
    summary = drive(m, ticks=ticks).summary
    assert summary.drills_done == summary.drills_planned - 1
    assert summary.ended_by == "completed"


def test_skip_a_working_set_goes_straight_to_the_next_set_without_a_rest() -> None:
    m, ticks = machine(), Ticks()
    advance_to(m, ticks, ExerciseStep, role="main", set_number=1)
    nxt = m.send(Skip(ticks()))
    assert isinstance(nxt, ExerciseStep) and (nxt.role, nxt.set_number) == ("main", 2)
    summary = drive(m, ticks=ticks).summary
    main = main_item(thursday())
    row = next(e for e in summary.exercises if e.exercise_id == main.exercise_id)
    assert (row.planned, row.done, row.skipped) == (len(main.sets), len(main.sets) - 1, 1)


def test_skip_exercise_during_the_ramp_skips_only_the_ramp_sets() -> None:
    m, ticks = machine(), Ticks()
    advance_to(m, ticks, ExerciseStep, role="ramp")
    nxt = m.send(SkipExercise(ticks()))
    assert isinstance(nxt, ExerciseStep) and (nxt.role, nxt.set_number) == ("main", 1)
    assert drive(m, ticks=ticks).summary.ramp_sets_done == 0


def test_skip_exercise_skips_the_remaining_sets_of_that_exercise() -> None:
    m, ticks = machine(), Ticks()
    main = main_item(thursday())
    advance_to(m, ticks, ExerciseStep, role="main", set_number=2)
    nxt = m.send(SkipExercise(ticks()))
    # straight on to whatever the plan has after the main exercise's last set
    assert isinstance(nxt, ExerciseStep) and nxt.exercise_id == slot_after(thursday(), main.exercise_id)
    row = next(e for e in drive(m, ticks=ticks).summary.exercises if e.exercise_id == main.exercise_id)
    assert (row.done, row.skipped) == (1, len(main.sets) - 1)


def test_skip_during_a_rest_ends_the_rest_early_and_logs_the_rest_taken() -> None:
    m, ticks = machine(), Ticks()
    first_set = advance_to(m, ticks, ExerciseStep, role="main", set_number=1)
    assert isinstance(m.send(as_planned(first_set, ticks())), RestStep)
    nxt = m.send(Skip(ticks(5)))
    assert isinstance(nxt, ExerciseStep) and (nxt.role, nxt.set_number) == ("main", 2)
    m.send(SetDone(ticks(), reps=10, rir=2))
    assert m.state.sets[-1].rest_s == 5


def test_skip_exercise_during_a_rest_skips_the_exercise_coming_next() -> None:
    m, ticks = machine(), Ticks()
    coming = worked(thursday())[1].exercise_id  # the first exercise reached through a rest
    advance_to(m, ticks, RestStep, next_exercise_id=coming)
    nxt = m.send(SkipExercise(ticks()))
    assert isinstance(nxt, DrillStep | ExerciseStep)
    assert nxt.exercise_id == slot_after(thursday(), coming) != coming


def test_skipping_one_half_of_a_superset_leaves_the_other_with_its_rests() -> None:
    session = superset_day()
    m, ticks = machine(session), Ticks()
    a1, a2_item = [i for i in session.items if i.superset == "A"]
    assert len(a2_item.sets) >= 2, "the superset tests need a second round"
    advance_to(m, ticks, ExerciseStep, superset_position="A1", set_number=1)
    a2 = m.send(SkipExercise(ticks()))
    assert isinstance(a2, ExerciseStep) and a2.superset_position == "A2"
    rest = m.send(as_planned(a2, ticks()))
    # the pair's rest after a round is the longer of the two planned rests
    assert isinstance(rest, RestStep) and rest.seconds == max(a1.sets[0].rest_s, a2_item.sets[0].rest_s)
    again = m.send(Continue(ticks()))
    assert isinstance(again, ExerciseStep) and (again.superset_position, again.set_number) == ("A2", 2)


# ---------------------------------------------------------------------- pause and resume


def test_pause_and_resume_return_to_the_same_set() -> None:
    m, ticks = machine(), Ticks()
    step = advance_to(m, ticks, ExerciseStep, role="main", set_number=2)
    paused = m.send(Pause(ticks()))
    assert isinstance(step, ExerciseStep) and isinstance(paused, PausedStep)
    assert paused.resumes == f"Set 2 of {len(main_item(thursday()).sets)}: {step.name}"
    assert m.send(Resume(ticks(600))) == step


def test_pause_during_a_rest_resumes_the_time_that_was_left() -> None:
    m, ticks = machine(), Ticks()
    first_set = advance_to(m, ticks, ExerciseStep, role="main", set_number=1)
    rest = m.send(as_planned(first_set, ticks()))
    assert isinstance(rest, RestStep) and rest.seconds > 50
    m.send(Pause(ticks(50)))
    resumed = m.send(Resume(ticks(300)))
    assert isinstance(resumed, RestStep)
    assert resumed.seconds == rest.seconds - 50 and resumed.began_at == ticks.now
    assert resumed.next_label == rest.next_label


def test_pause_during_the_pain_guidance_resumes_the_guidance() -> None:
    m, ticks = machine(), Ticks()
    m.start(Start(ticks()))
    guidance = m.send(pain(ticks(), location="elbow"))
    m.send(Pause(ticks()))
    assert m.send(Resume(ticks())) == guidance


@pytest.mark.parametrize(
    "event", [SetDone(T0, reps=5), Skip(T0), SkipExercise(T0), Continue(T0), Pause(T0), AcceptSubstitute(T0)]
)
def test_while_paused_only_resume_finish_or_pain_are_accepted(event: Event) -> None:
    m = machine()
    m.start(Start(T0))
    m.send(Pause(T0))
    before = m.state
    with pytest.raises(InputError, match="paused"):
        m.send(event)
    assert m.state == before


def test_resume_when_not_paused_is_refused() -> None:
    m = machine()
    m.start(Start(T0))
    with pytest.raises(InputError, match="not paused"):
        m.send(Resume(T0))


# ---------------------------------------------------------------------- finishing


def test_finish_early_gives_a_summary_of_what_was_done() -> None:
    m, ticks = machine(), Ticks()
    advance_to(m, ticks, ExerciseStep, role="main", set_number=2)
    summary = m.send(Finish(ticks()))
    assert isinstance(summary, SummaryStep)
    assert summary.ended_by == "finished" and summary.ended_early
    planned = sum(len(i.sets) for i in worked(thursday()))
    assert summary.working_sets_done == 1 and summary.working_sets_planned == planned
    assert summary.workout.ended_at == ticks.now
    assert len(summary.workout.hard_sets) == 1


def test_finish_while_paused_ends_the_session() -> None:
    m = machine()
    m.start(Start(T0))
    m.send(Pause(T0))
    assert isinstance(m.send(Finish(T0)), SummaryStep)


def test_after_the_end_only_finish_and_pain_are_accepted() -> None:
    m = machine()
    run = drive(m)
    with pytest.raises(InputError, match="over"):
        m.send(SetDone(run.events[-1].at, reps=5))
    assert m.send(Finish(run.events[-1].at)) == run.steps[-1]


# ---------------------------------------------------------------------- refusals


def test_events_before_start_are_refused() -> None:
    with pytest.raises(InputError, match="not started"):
        machine().send(SetDone(T0, reps=5))


def test_a_second_start_is_refused() -> None:
    m = machine()
    m.start(Start(T0))
    with pytest.raises(InputError, match="already started"):
        m.send(Start(T0))


@pytest.mark.parametrize("event", [Continue(T0), AcceptSubstitute(T0), DeclineSubstitute(T0)])
def test_a_set_waits_for_set_done_skip_or_pain(event: Event) -> None:
    m = machine()
    m.start(Start(T0))
    with pytest.raises(InputError, match="log the set"):
        m.send(event)


@pytest.mark.parametrize("event", [SetDone(T0, reps=8), AcceptSubstitute(T0), DeclineSubstitute(T0)])
def test_a_rest_waits_for_continue_or_skip(event: Event) -> None:
    m, ticks = machine(), Ticks(now=T0 - timedelta(hours=2))
    advance_to(m, ticks, RestStep)
    with pytest.raises(InputError, match="rest"):
        m.send(event)


def test_accepting_a_substitute_that_was_not_offered_is_refused() -> None:
    m = machine()
    m.start(Start(T0))
    guidance = m.send(pain(T0, location="lower_back", severity=1))  # march in place: no substitute
    assert isinstance(guidance, PainGuidanceStep) and guidance.substitute is None
    with pytest.raises(InputError, match="no substitute"):
        m.send(AcceptSubstitute(T0))


def test_an_event_earlier_than_the_last_is_refused_and_changes_nothing() -> None:
    m = machine()
    m.start(Start(T0))
    before = m.state
    with pytest.raises(InputError, match="before the previous event"):
        m.send(SetDone(T0 - timedelta(seconds=1), reps=5))
    assert m.state == before


@pytest.mark.parametrize(
    "build",
    [
        lambda: Start(datetime(2026, 12, 3, 18, 0)),
        lambda: SetDone(T0, reps=-1),
        lambda: SetDone(T0, reps=5, load_kg=-2),
        lambda: SetDone(T0, reps=5, rir=11),
        lambda: SetDone(T0, reps=5, hold_s=4000),
        lambda: SetDone(T0, reps=True),
        lambda: pain(T0, severity=11),
        lambda: pain(T0, location=" "),
    ],
)
def test_bad_event_values_are_refused_when_the_event_is_built(build: object) -> None:
    with pytest.raises(InputError):
        build()  # type: ignore[operator]


# ---------------------------------------------------------------------- saving the state


class Recorder:
    """A machine whose events are kept, so the same session can be replayed elsewhere."""

    def __init__(self) -> None:
        self.m, self.ticks = machine(superset_day()), Ticks()
        self.events: list[Event] = []
        self.step: Step = self.send(Start(self.ticks()))

    def send(self, event: Event) -> Step:
        self.events.append(event)
        self.step = self.m.send(event)
        return self.step

    def as_planned_until(self, found: type, **where: object) -> None:
        while not (
            isinstance(self.step, found) and all(getattr(self.step, k) == v for k, v in where.items())
        ):
            self.send(as_planned(self.step, self.ticks()))


def mixed_script() -> list[Event]:
    """Skips, pauses in a set and in a rest, pain with an accepted substitute, a finish."""
    r = Recorder()
    r.send(Skip(r.ticks()))
    r.as_planned_until(RestStep)
    r.send(Pause(r.ticks()))
    r.send(Resume(r.ticks()))
    r.as_planned_until(ExerciseStep, role="main", set_number=2)
    r.send(Pause(r.ticks()))
    r.send(Resume(r.ticks()))
    r.send(SkipExercise(r.ticks()))
    r.as_planned_until(ExerciseStep, superset_position="A1", set_number=1)
    r.send(pain(r.ticks(), location="elbow"))  # the test below checks that a substitute was offered
    r.send(AcceptSubstitute(r.ticks()))
    r.send(as_planned(r.step, r.ticks()))
    r.as_planned_until(DrillStep, block="cooldown")
    r.send(Finish(r.ticks()))
    return r.events


# Each script with the session it drives (the mixed one walks through a superset).
SCRIPTS = {
    "happy": (thursday, lambda: drive(machine()).events),
    "mixed": (superset_day, mixed_script),
}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_state_json_round_trip_at_every_step_gives_identical_subsequent_steps(name: str) -> None:
    session, script = SCRIPTS[name]
    events = script()
    _, expected = replay(events, machine(session()))
    for k in range(len(events) + 1):
        m, _ = replay(events[:k], machine(session()))
        restored = restore(m)
        assert restored.state == m.state
        assert restored.step == m.step
        assert [restored.send(e) for e in events[k:]] == expected[k:]


def test_mixed_script_reaches_a_substitute_and_an_early_finish() -> None:
    _, steps = replay(mixed_script(), machine(superset_day()))
    assert any(s.kind == "substitute" for s in steps)
    assert any(s.kind == "paused" for s in steps)
    last = steps[-1]
    assert isinstance(last, SummaryStep) and last.ended_by == "finished" and len(last.pain) == 1


def test_state_json_is_plain_json() -> None:
    m = machine()
    drive(m)
    text = json.dumps(m.state.to_json())
    assert GuidedState.from_json(json.loads(text)) == m.state


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: {**d, "version": 99},
        lambda d: {**d, "phase": "dancing"},
        lambda d: {k: v for k, v in d.items() if k != "slots"},
        lambda d: {**d, "cursor": 999},
        lambda d: {**d, "started_at": "yesterday"},
        lambda d: {**d, "slots": [{**d["slots"][0], "status": "maybe"}]},
        lambda d: {**d, "phase": "pain", "guidance": None},
        lambda d: {**d, "phase": "paused", "paused_from": "over", "paused_at": d["last_at"]},
        lambda d: {**d, "phase": "rest", "rest_after": None},
    ],
)
def test_a_damaged_state_is_refused_with_an_input_error(damage: object) -> None:
    m = machine()
    m.start(Start(T0))
    data = m.state.to_json()
    with pytest.raises(InputError, match="state"):
        GuidedSession.from_state(damage(data), catalog=catalog(), context=context())  # type: ignore[operator]


def test_restored_state_keeps_working_with_a_state_object() -> None:
    m = machine()
    m.start(Start(T0))
    again = GuidedSession.from_state(m.state, catalog=catalog(), context=context())
    assert again.step == m.step


def test_sets_are_logged_in_kg_with_the_unit_the_person_uses() -> None:
    m = machine(unit="lb")
    drive(m)
    assert {s.entered_unit for s in m.state.sets} == {"lb"}
