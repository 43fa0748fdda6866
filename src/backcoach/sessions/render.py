"""Turning the guided session's state into the step to show (pure; no transitions here)."""

from __future__ import annotations

from typing import Any

from backcoach.catalog.models import Exercise
from backcoach.safety.limits import cap_load
from backcoach.safety.pain import PainAction
from backcoach.sessions.autoregulate import LoadAdvice, SetTarget, next_load
from backcoach.sessions.context import Env
from backcoach.sessions.records import Workout
from backcoach.sessions.sequence import Slot
from backcoach.sessions.state import Guidance, GuidedState
from backcoach.sessions.steps import (
    DrillStep,
    ExerciseStep,
    ExerciseSummary,
    PainGuidanceStep,
    PausedStep,
    RestStep,
    Step,
    SubstituteStep,
    SummaryStep,
)


def render(state: GuidedState, env: Env) -> Step | None:
    if state.phase == "ready":
        return None
    if state.phase == "active":
        return _slot_step(state, state.position, env)
    if state.phase == "rest":
        return _rest_step(state, env)
    if state.phase == "paused":
        assert state.paused_at is not None
        return PausedStep(paused_at=state.paused_at, resumes=_resumes(state, env))
    if state.phase == "pain":
        return _guidance_step(state, env, summary=None)
    summary = _summary(state, env)
    return summary if state.guidance is None else _guidance_step(state, env, summary=summary)


def load_advice(state: GuidedState, slot: Slot, env: Env) -> LoadAdvice:
    if slot.is_drill:
        return LoadAdvice(None, "bodyweight", "A drill: no load.")
    exercise = env.exercise(slot.exercise_id)
    last = None
    if slot.set_type == "working":
        last = next(
            (s for s in reversed(state.sets) if s.exercise_id == slot.exercise_id and s.set_type.is_hard),
            None,
        )
    ctx = env.context
    cap = cap_load(
        exercise, level=ctx.level, body_weight_kg=ctx.body_weight_kg, e1rm_kg=ctx.e1rm_kg.get(exercise.id)
    )
    target = SetTarget(slot.reps_min, slot.reps_max, slot.rir, slot.load_kg)
    return next_load(exercise, target, last, loadable=env.loadable(exercise), cap=cap)


def _slot_step(state: GuidedState, index: int, env: Env) -> Step:
    slot = state.slots[index]
    exercise = env.exercise(slot.exercise_id)
    if slot.is_drill and not slot.intro:
        return DrillStep(
            exercise_id=exercise.id,
            name=exercise.name,
            block=slot.block,
            purpose=slot.note,
            number=slot.number,
            of=slot.of,
            dose=_dose_words(slot, exercise),
            reps_min=slot.reps_min,
            reps_max=slot.reps_max,
            hold_s=slot.hold_s,
            steps=exercise.steps,
            cues=exercise.cues,
            replaces=slot.replaces,
        )
    advice = load_advice(state, slot, env)
    fields: dict[str, Any] = {
        "exercise_id": exercise.id,
        "name": exercise.name,
        "block": slot.block,
        "role": slot.role,
        "set_type": slot.set_type,
        "set_number": slot.number,
        "sets": slot.of,
        "reps_min": slot.reps_min,
        "reps_max": slot.reps_max,
        "hold_s": slot.hold_s,
        "per_side": bool(exercise.dose and exercise.dose.per_side),
        "tempo": exercise.dose.tempo if exercise.dose else None,
        "load_kg": advice.kg,
        # A load left to the person is explained once: the plan's own note says it already.
        "load_note": "" if advice.change == "choose" and slot.note else advice.note,
        "rir": slot.rir,
        "superset": slot.superset,
        "superset_position": slot.label or None,
        "steps": exercise.steps,
        "cues": exercise.cues,
        "note": slot.note,
        "replaces": slot.replaces,
    }
    if slot.intro and slot.replaces is not None:
        left = sum(
            1
            for s in state.slots[index:]
            if s.status == "pending" and s.replaces == slot.replaces and s.exercise_id == slot.exercise_id
        )
        return SubstituteStep(**fields, replaces_name=env.exercise(slot.replaces).name, sets_left=left)
    return ExerciseStep(**fields)


def _dose_words(slot: Slot, exercise: Exercise) -> str:
    side = " per side" if exercise.dose is not None and exercise.dose.per_side else ""
    if slot.hold_s is not None:
        return f"{slot.hold_s} s{side}"
    count = str(slot.reps_min) if slot.reps_min == slot.reps_max else f"{slot.reps_min}–{slot.reps_max}"
    unit = "breaths" if exercise.dose is not None and exercise.dose.kind == "breaths" else "reps"
    return f"{count} {unit}{side}"


def _slot_words(slot: Slot, env: Env) -> str:
    name = env.exercise(slot.exercise_id).name
    if slot.is_drill:
        return f"{name} (drill {slot.number} of {slot.of})"
    pair = f" ({slot.label})" if slot.label else ""
    what = "Warm-up set" if slot.role == "ramp" else "Set"
    return f"{what} {slot.number} of {slot.of}: {name}{pair}"


def _rest_step(state: GuidedState, env: Env) -> RestStep:
    upcoming = state.slots[state.position]
    assert state.rest_after is not None and state.rest_began is not None
    return RestStep(
        seconds=state.rest_s,
        began_at=state.rest_began,
        after=state.slots[state.rest_after].exercise_id,
        next_exercise_id=upcoming.exercise_id,
        next_name=env.exercise(upcoming.exercise_id).name,
        next_label=_slot_words(upcoming, env),
    )


def _resumes(state: GuidedState, env: Env) -> str:
    if state.paused_from == "pain":
        return "the pain guidance"
    if state.cursor is None:
        return "the session"
    words = _slot_words(state.slots[state.cursor], env)
    return f"the rest before {words}" if state.paused_from == "rest" else words


def _guidance_step(state: GuidedState, env: Env, *, summary: SummaryStep | None) -> PainGuidanceStep:
    g = state.guidance
    assert g is not None
    name = env.exercise(g.exercise_id).name if g.exercise_id is not None else None
    sub_name = env.exercise(g.substitute).name if g.substitute is not None else None
    over = state.phase == "over"
    return PainGuidanceStep(
        action=g.action,
        headline=g.headline,
        reasons=g.reasons,
        exercise_id=g.exercise_id,
        exercise_name=name,
        substitute=g.substitute,
        substitute_name=sub_name,
        sets_left=len(g.stopped) if g.substitute is not None else 0,
        session_over=over,
        then=_then(g, name, sub_name, over),
        summary=summary,
    )


_OVER_WORDS = {
    PainAction.STOP_EXERCISE.value: "The session is over. Rest now.",
    PainAction.END_SESSION.value: (
        "The session is over for today, with no cool-down: rest, and breathe slowly if that is comfortable."
    ),
    PainAction.SEEK_CARE.value: (
        "The session is over. See a doctor or physiotherapist before you train again."
    ),
    PainAction.EMERGENCY.value: "The session is over. Get urgent medical care now.",
}


def _then(g: Guidance, name: str | None, sub_name: str | None, over: bool) -> str:
    if over:
        return _OVER_WORDS[g.action]
    if sub_name is not None:
        count = len(g.stopped)
        sets = f"{count} set{'s' if count != 1 else ''}"
        return f"You may switch to {sub_name} for the {sets} left, or leave {name} out today and move on."
    if name is not None:
        return f"Leave {name} out for the rest of today and move on."
    return "Move on to what comes next."


def _summary(state: GuidedState, env: Env) -> SummaryStep:
    assert state.started_at is not None
    rows: dict[int, list[Slot]] = {}
    for slot in state.slots:
        if slot.set_type == "working" and not slot.is_drill:
            rows.setdefault(slot.item, []).append(slot)
    exercises = []
    for slots in rows.values():
        original = slots[0].replaces or slots[0].exercise_id
        replaced_by = next((s.exercise_id for s in slots if s.replaces is not None), None)
        exercises.append(
            ExerciseSummary(
                exercise_id=original,
                name=env.exercise(original).name,
                planned=len(slots),
                done=sum(s.status == "done" for s in slots),
                skipped=sum(s.status == "skipped" for s in slots),
                stopped=sum(s.status == "stopped" for s in slots),
                replaced_by=replaced_by,
            )
        )
    drills = [s for s in state.slots if s.is_drill]
    workout = Workout(
        started_at=state.started_at,
        sets=state.sets,
        ended_at=state.ended_at,
        planned_date=state.session_date,
        pain=state.pain,
    )
    return SummaryStep(
        ended_by=state.ended_by or "finished",
        working_sets_planned=sum(e.planned for e in exercises),
        working_sets_done=sum(e.done for e in exercises),
        ramp_sets_done=sum(s.role == "ramp" and s.status == "done" for s in state.slots),
        drills_planned=len(drills),
        drills_done=sum(s.status == "done" for s in drills),
        volume_kg=round(sum(s.reps * s.load_kg for s in state.sets if s.set_type.is_hard and s.load_kg), 3),
        exercises=tuple(exercises),
        pain=state.pain,
        workout=workout,
    )
