"""Pain at any point: the safety core decides, and the exercise under way never continues as planned."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from guided_factories import Ticks, as_planned, drive, machine, main_item, pain, replay, thursday

from backcoach.errors import InputError, UnknownIdError
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DrillStep,
    Event,
    ExerciseStep,
    Finish,
    GuidedSession,
    PainGuidanceStep,
    PainReported,
    Pause,
    RestStep,
    SetDone,
    Start,
    Step,
    SubstituteStep,
    SummaryStep,
)

HAPPY = drive(machine())
INDICES = range(len(HAPPY.steps))
# The catalogue gives the front plank a gentler substitute (the bear plank, which needs a mat, and
# whose own substitute is the bird dog); the tests of taking a substitute reach it through that.
PLANK = "front-plank"
PLANK_SETS = sum(len(i.sets) for i in thursday().items if i.exercise_id == PLANK)
MAIN = main_item(thursday())


def under_way(step: Step) -> str | None:
    """The exercise a pain report at ``step`` is about."""
    if isinstance(step, DrillStep | ExerciseStep):
        return step.exercise_id
    if isinstance(step, RestStep):
        return step.after
    return None


def first(predicate: Callable[[Step], bool]) -> int:
    """The index of the first happy-path step that ``predicate`` picks."""
    return next(i for i, s in enumerate(HAPPY.steps) if predicate(s))


def at_step(k: int) -> tuple[GuidedSession, Ticks]:
    """A machine showing the happy path's step ``k``, and a clock just after it."""
    m, _ = replay(HAPPY.events[: k + 1])
    return m, Ticks(now=HAPPY.events[k].at)


def says_stop_and_see_a_professional(step: PainGuidanceStep) -> bool:
    text = " ".join(step.reasons).lower()
    return "stop" in text and "persists" in text and ("doctor" in text or "professional" in text)


def accept_substitutes(step: Step, at: datetime) -> Event:
    if isinstance(step, PainGuidanceStep) and step.substitute is not None:
        return AcceptSubstitute(at)
    return as_planned(step, at)


def later_sets(steps: list[Step]) -> list[DrillStep | ExerciseStep]:
    return [s for s in steps if isinstance(s, DrillStep | ExerciseStep)]


# ---------------------------------------------------------------------- pain at every step


@pytest.mark.parametrize("k", INDICES)
def test_mild_pain_at_any_step_stops_that_exercise_for_the_rest_of_the_session(k: int) -> None:
    m, ticks = at_step(k)
    stopped = under_way(HAPPY.steps[k])
    guidance = m.send(pain(ticks(), location="shoulder", severity=2))
    assert isinstance(guidance, PainGuidanceStep)
    assert guidance.exercise_id == stopped
    assert says_stop_and_see_a_professional(guidance)
    assert guidance.action == "stop_exercise"
    rest = drive(m, ticks=ticks)
    assert all(s.exercise_id != stopped for s in later_sets(rest.steps))
    assert [p.exercise_id for p in rest.summary.pain] == [stopped]
    assert rest.summary.workout.pain == rest.summary.pain


@pytest.mark.parametrize("k", INDICES)
def test_accepting_the_substitute_at_any_step_never_brings_the_exercise_back(k: int) -> None:
    m, ticks = at_step(k)
    stopped = under_way(HAPPY.steps[k])
    guidance = m.send(pain(ticks(), location="elbow", severity=3))
    assert isinstance(guidance, PainGuidanceStep) and says_stop_and_see_a_professional(guidance)
    rest = drive(m, accept_substitutes, ticks=ticks)
    sets = later_sets(rest.steps)
    assert all(s.exercise_id != stopped for s in sets)
    if guidance.substitute is not None:
        taken = [s for s in sets if s.replaces == stopped]
        assert len(taken) == guidance.sets_left > 0
        assert all(s.exercise_id == guidance.substitute for s in taken)
        assert isinstance(taken[0], SubstituteStep)


@pytest.mark.parametrize("k", INDICES)
def test_moderate_spinal_pain_at_any_step_ends_the_session_without_a_cooldown(k: int) -> None:
    m, ticks = at_step(k)
    guidance = m.send(pain(ticks(), location="lower_back", severity=5))
    assert isinstance(guidance, PainGuidanceStep)
    assert guidance.action == "end_session" and guidance.session_over
    assert says_stop_and_see_a_professional(guidance)
    assert "no cool-down" in guidance.then
    assert guidance.summary is not None and guidance.summary.pain[-1].action == "end_session"
    with pytest.raises(InputError, match="over"):
        m.send(Continue(ticks()))
    assert isinstance(m.send(Finish(ticks())), SummaryStep)


def test_pain_during_a_rest_stops_the_exercise_just_done() -> None:
    k = first(lambda s: isinstance(s, RestStep) and s.after == "prone-cobra")
    m, ticks = at_step(k)
    guidance = m.send(pain(ticks(), location="shoulder"))
    assert isinstance(guidance, PainGuidanceStep) and guidance.exercise_id == "prone-cobra"
    cobra_sets = sum(len(i.sets) for i in thursday().items if i.exercise_id == "prone-cobra")
    # the catalogue's gentler stand-in for the cobra takes the sets after the first
    assert guidance.substitute == "chin-tuck" and guidance.sets_left == cobra_sets - 1
    sub = m.send(AcceptSubstitute(ticks()))
    assert isinstance(sub, SubstituteStep)
    assert (sub.exercise_id, sub.replaces, sub.replaces_name, sub.sets_left) == (
        "chin-tuck",
        "prone-cobra",
        "Prone Cobra",
        cobra_sets - 1,
    )
    assert sub.load_kg is None and sub.steps and sub.cues


def test_pain_after_the_last_set_of_an_exercise_offers_no_substitute() -> None:
    k = first(lambda s: isinstance(s, RestStep) and s.after != s.next_exercise_id)
    rest = HAPPY.steps[k]
    assert isinstance(rest, RestStep)
    m, ticks = at_step(k)
    guidance = m.send(pain(ticks(), location="shoulder"))
    assert isinstance(guidance, PainGuidanceStep) and guidance.exercise_id == rest.after
    assert guidance.substitute is None and guidance.sets_left == 0
    assert any("no sets left" in r for r in guidance.reasons)
    nxt = m.send(Continue(ticks()))  # on to the exercise the rest was leading to
    assert isinstance(nxt, ExerciseStep) and nxt.exercise_id == rest.next_exercise_id


def test_substitute_takes_the_remaining_sets_at_its_own_gentle_dose() -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.exercise_id == PLANK)
    planned = HAPPY.steps[k]
    assert isinstance(planned, ExerciseStep)
    m, ticks = at_step(k)
    guidance = m.send(pain(ticks(), location="elbow"))
    assert isinstance(guidance, PainGuidanceStep) and guidance.substitute == "bear-plank"
    assert guidance.sets_left == PLANK_SETS and "bear" in guidance.then.lower()
    sub = m.send(AcceptSubstitute(ticks()))
    # the substitute takes the planned exercise's place, in a superset or not
    assert isinstance(sub, SubstituteStep) and sub.superset_position == planned.superset_position
    assert sub.hold_s is not None and (sub.reps_min, sub.reps_max) == (1, 1)
    summary = drive(m, ticks=ticks).summary
    plank = next(e for e in summary.exercises if e.exercise_id == PLANK)
    assert (plank.planned, plank.done, plank.replaced_by) == (PLANK_SETS, PLANK_SETS, "bear-plank")


def test_declining_leaves_the_exercise_out_and_the_summary_counts_it_stopped() -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.exercise_id == PLANK)
    m, ticks = at_step(k)
    m.send(pain(ticks(), location="elbow"))
    summary = drive(m, ticks=ticks).summary
    plank = next(e for e in summary.exercises if e.exercise_id == PLANK)
    assert (plank.done, plank.stopped, plank.replaced_by) == (0, PLANK_SETS, None)
    assert summary.ended_by == "completed"


def test_pain_while_paused_is_about_the_paused_exercise() -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.role == "main")
    m, ticks = at_step(k)
    m.send(Pause(ticks()))
    guidance = m.send(pain(ticks()))
    assert isinstance(guidance, PainGuidanceStep) and guidance.exercise_id == MAIN.exercise_id
    assert not guidance.session_over


def test_pain_in_the_ramp_stops_the_working_sets_of_that_exercise_too() -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.role == "ramp")
    m, ticks = at_step(k)
    m.send(pain(ticks(), location="wrist"))
    rest = drive(m, ticks=ticks)
    assert all(s.exercise_id != MAIN.exercise_id for s in later_sets(rest.steps))
    row = next(e for e in rest.summary.exercises if e.exercise_id == MAIN.exercise_id)
    assert (row.done, row.stopped) == (0, len(MAIN.sets))


def test_a_substitute_stopped_earlier_is_not_offered_again() -> None:
    m, ticks = machine(), Ticks()
    step = m.start(Start(ticks()))
    while not (isinstance(step, DrillStep) and step.exercise_id == "crocodile-breathing"):
        step = m.send(as_planned(step, ticks()))
    m.send(pain(ticks(), location="elbow"))  # crocodile breathing is stopped for today
    step = m.send(Continue(ticks()))
    while not (isinstance(step, DrillStep) and step.exercise_id == "ninety-ninety-breathing"):
        step = m.send(as_planned(step, ticks()))
    guidance = m.send(pain(ticks(), location="elbow"))  # its substitute would be crocodile breathing
    assert isinstance(guidance, PainGuidanceStep) and guidance.substitute is None
    assert any("stopped by pain earlier today" in r for r in guidance.reasons)


def test_a_substitute_needing_missing_equipment_is_not_offered() -> None:
    m, ticks = machine(equipment=frozenset({"dumbbells", "none"})), Ticks()
    step = m.start(Start(ticks()))
    while not (isinstance(step, ExerciseStep) and step.exercise_id == PLANK):
        step = m.send(as_planned(step, ticks()))
    guidance = m.send(pain(ticks(), location="elbow"))  # bear plank needs a mat
    assert isinstance(guidance, PainGuidanceStep) and guidance.substitute is None
    assert any("equipment you have not listed (mat)" in r for r in guidance.reasons)


def test_a_second_worse_report_during_the_guidance_ends_the_session() -> None:
    m, ticks = machine(), Ticks()
    m.start(Start(ticks()))
    m.send(pain(ticks(), location="shoulder", severity=2))
    guidance = m.send(pain(ticks(), location="shoulder", severity=8))
    assert isinstance(guidance, PainGuidanceStep) and guidance.session_over
    assert guidance.summary is not None and len(guidance.summary.pain) == 2
    assert guidance.summary.ended_by == "pain"


# ---------------------------------------------------------------------- serious signs end the session


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_or_bowel_change", "leg_weakness", "both_legs"])
def test_cauda_equina_signs_end_the_session_as_an_emergency(flag: str) -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.role == "main")
    m, ticks = at_step(k)
    guidance = m.send(pain(ticks(), location="lower_back", severity=3, **{flag: True}))
    assert isinstance(guidance, PainGuidanceStep)
    assert guidance.action == "emergency" and guidance.session_over and guidance.substitute is None
    assert "urgent" in guidance.headline.lower() and "urgent" in guidance.then.lower()
    assert guidance.summary is not None
    assert guidance.summary.ended_by == "pain" and guidance.summary.pain[-1].action == "emergency"
    assert guidance.summary.workout.pain[-1].exercise_id == MAIN.exercise_id
    with pytest.raises(InputError):
        m.send(SetDone(ticks(), reps=5))


@pytest.mark.parametrize("signs", [{"numbness": True}, {"radiating": True}, {"sharp": True, "severity": 8}])
def test_nerve_signs_or_severe_sharp_pain_end_the_session_and_send_the_person_to_a_professional(
    signs: dict[str, object],
) -> None:
    m, ticks = machine(), Ticks()
    m.start(Start(ticks()))
    report = PainReported(ticks(), location="lower_back", **{"severity": 3, **signs})  # type: ignore[arg-type]
    guidance = m.send(report)
    assert isinstance(guidance, PainGuidanceStep)
    assert guidance.action == "seek_care" and guidance.session_over
    assert "doctor or physiotherapist" in guidance.then


def test_every_pending_set_is_stopped_when_pain_ends_the_session() -> None:
    m, ticks = machine(), Ticks()
    m.start(Start(ticks()))
    guidance = m.send(pain(ticks(), location="neck", severity=9))
    assert isinstance(guidance, PainGuidanceStep) and guidance.summary is not None
    summary = guidance.summary
    assert summary.working_sets_done == 0 and summary.drills_done == 0
    assert all(e.stopped == e.planned for e in summary.exercises)
    assert all(s.status == "stopped" for s in m.state.slots)


def test_pain_after_the_session_is_over_is_still_answered_and_recorded() -> None:
    m = machine()
    run = drive(m)
    ticks = Ticks(now=run.events[-1].at)
    guidance = m.send(pain(ticks(), location="upper_back", severity=4))
    assert isinstance(guidance, PainGuidanceStep) and guidance.session_over
    assert guidance.exercise_id is None and says_stop_and_see_a_professional(guidance)
    assert guidance.summary is not None and guidance.summary.ended_by == "completed"
    assert len(guidance.summary.workout.pain) == 1
    assert m.step == guidance
    assert m.send(Finish(ticks())) == guidance.summary


def test_unknown_pain_location_is_refused_with_close_matches_and_changes_nothing() -> None:
    m, ticks = machine(), Ticks()
    m.start(Start(ticks()))
    before = m.state
    with pytest.raises(UnknownIdError, match="lower_back"):
        m.send(pain(ticks(), location="lower back pain"))
    assert m.state == before


def test_a_substitute_can_itself_be_replaced_and_still_names_the_planned_exercise() -> None:
    k = first(lambda s: isinstance(s, ExerciseStep) and s.exercise_id == PLANK)
    m, ticks = at_step(k)
    m.send(pain(ticks(), location="elbow"))
    m.send(AcceptSubstitute(ticks()))  # bear plank for the front plank
    guidance = m.send(pain(ticks(), location="wrist"))
    assert isinstance(guidance, PainGuidanceStep)
    assert (guidance.exercise_id, guidance.substitute) == ("bear-plank", "bird-dog")
    sub = m.send(AcceptSubstitute(ticks()))
    assert isinstance(sub, SubstituteStep) and sub.exercise_id == "bird-dog"
    assert sub.replaces == PLANK and sub.sets_left == PLANK_SETS
    rest = drive(m, ticks=ticks)
    assert all(s.exercise_id not in (PLANK, "bear-plank") for s in later_sets(rest.steps))
    plank = next(e for e in rest.summary.exercises if e.exercise_id == PLANK)
    assert (plank.done, plank.replaced_by) == (PLANK_SETS, "bird-dog")
