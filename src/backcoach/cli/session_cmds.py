"""``backcoach start``: today's planned session, guided in the terminal.

The state machine (``sessions.GuidedSession``) decides every step; this shell only shows steps,
asks for the numbers and feeds events back. Every logged set is written to the database as soon as
it is entered (one transaction each), so a closed terminal loses nothing already acknowledged.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Annotated

import typer
from rich.panel import Panel

from backcoach.catalog import curated
from backcoach.cli.app import app, console, handles_errors
from backcoach.cli.log_cmds import show_adaptations
from backcoach.cli.storage import DbOption, engine_for, now
from backcoach.coaching import adapt_after_training
from backcoach.errors import InputError
from backcoach.science.units import from_kg, to_kg
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    DrillStep,
    Event,
    ExerciseStep,
    Finish,
    GuidedContext,
    GuidedSession,
    PainGuidanceStep,
    PainReported,
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
from backcoach.store import (
    add_pain,
    add_set,
    current_profile,
    default_user,
    finish_workout,
    planned_session_on,
    session_scope,
    start_workout,
)

KEYS = "Enter = as planned · s = skip set · x = skip exercise · p = pain · q = finish"


@app.command()
@handles_errors
def start(
    day: Annotated[
        str | None, typer.Option("--date", help="The planned session's date (default: today).")
    ] = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Do not count rests down (tests, scripts).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Today's planned session, step by step: warm-up, sets, rests, cool-down; p reports pain."""
    try:
        when = date.fromisoformat(day) if day else now().date()
    except ValueError:
        raise InputError(f"--date: '{day}' is not a date like 2026-12-01") from None
    cat = curated()
    engine = engine_for(db)
    try:
        with session_scope(engine) as s:
            user = default_user(s)
            profile = current_profile(s, user_id=user.id)
            scheduled = planned_session_on(s, user_id=user.id, day=when)
        if profile is None or scheduled is None:
            raise InputError(
                f"no planned session on {when.isoformat()}: make one with 'backcoach plan --save'"
            )
        context = GuidedContext.from_profile(profile, typical_equipment=True)
        machine = GuidedSession(scheduled.session, catalog=cat, context=context)
        started = now()
        with session_scope(engine) as s:
            workout_id = start_workout(s, user_id=user.id, started_at=started, planned_date=when, now=started)
        if scheduled.adapted_reason:
            console.print(
                Panel(scheduled.adapted_reason, title="Adapted from your log", border_style="yellow")
            )
        step: Step = machine.start(Start(at=started))
        logged = pains = 0
        unit = context.unit
        while True:
            event = _ask(step, unit, no_wait)
            step = machine.send(event)
            state = machine.state
            with session_scope(engine) as s:  # one transaction per acknowledged entry
                for entry in state.sets[logged:]:
                    add_set(s, workout_id=workout_id, logged=entry, catalog=cat, now=now())
                for pain in state.pain[pains:]:
                    add_pain(s, user_id=user.id, entry=pain, workout_id=workout_id, catalog=cat, now=now())
            logged, pains = len(state.sets), len(state.pain)
            summary = step if isinstance(step, SummaryStep) else None
            if isinstance(step, PainGuidanceStep) and step.session_over:
                _show_pain(step)
                summary = step.summary
            if summary is not None:
                with session_scope(engine) as s:
                    finish_workout(s, workout_id=workout_id, ended_at=now(), now=now())
                with session_scope(engine) as s:
                    changes = adapt_after_training(s, user_id=user.id, catalog=cat, now=now())
                _show_summary(summary)
                show_adaptations(changes)
                return
    finally:
        engine.dispose()


def _ask(step: Step, unit: str, no_wait: bool) -> Event:
    if isinstance(step, DrillStep):
        console.print(Panel("\n".join(f"• {c}" for c in step.cues[:3]), title=f"{step.name} — {step.dose}"))
        answer = _prompt("Enter when done")
        return _common(answer) or SetDone(at=now(), reps=step.reps_max, hold_s=step.hold_s)
    if isinstance(step, ExerciseStep):
        _show_exercise(step, unit)
        answer = _prompt(f"reps done [{step.reps_max}]")
        common = _common(answer)
        if common is not None:
            return common
        reps = int(answer) if answer.isdigit() else step.reps_max
        load = step.load_kg
        if load is not None:
            shown = round(from_kg(load, unit), 1)
            typed = _prompt(f"load {unit} [{shown:g}]")
            load = to_kg(float(typed), unit) if _number(typed) else load
        target = step.rir if step.rir is not None else 2
        typed = _prompt(f"reps in reserve [{target:g}]")
        rir = float(typed) if _number(typed) else target
        return SetDone(at=now(), reps=reps, load_kg=load, rir=rir, hold_s=step.hold_s)
    if isinstance(step, RestStep):
        _countdown(step.seconds, step.next_label, no_wait)
        return Continue(at=now())
    if isinstance(step, PainGuidanceStep):
        _show_pain(step)
        if step.substitute is not None:
            agree = _prompt(f"switch to {step.substitute_name}? [y/N]").lower().startswith("y")
            return AcceptSubstitute(at=now()) if agree else DeclineSubstitute(at=now())
        _prompt("Enter to carry on")
        return Continue(at=now())
    if isinstance(step, PausedStep):
        _prompt("paused — Enter to resume")
        return Resume(at=now())
    raise InputError(f"unexpected step {step.kind}")


def _common(answer: str) -> Event | None:
    key = answer.strip().lower()
    if key == "s":
        return Skip(at=now())
    if key == "x":
        return SkipExercise(at=now())
    if key == "q":
        return Finish(at=now())
    if key == "p":
        return _pain_report()
    return None


def _pain_report() -> PainReported:
    location = (
        _prompt("where does it hurt? (e.g. lower_back, neck, shoulder, or a muscle id)") or "lower_back"
    )
    severity = _prompt("how bad, 0-10 [5]")
    return PainReported(
        at=now(),
        location=location,
        severity=int(severity) if severity.isdigit() else 5,
        sharp=_yes("is it sharp?"),
        radiating=_yes("does it spread (down an arm or leg)?"),
        numbness=_yes("any numbness or tingling?"),
        saddle_numbness=_yes("numbness between the legs or around the back passage?"),
        bladder_or_bowel_change=_yes("any new trouble controlling bladder or bowel?"),
        leg_weakness=_yes("are your legs getting weak?"),
    )


def _yes(question: str) -> bool:
    return _prompt(f"{question} [y/N]").lower().startswith("y")


def _prompt(text: str) -> str:
    value: str = typer.prompt(text, default="", show_default=False)
    return value.strip()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _show_exercise(step: ExerciseStep, unit: str) -> None:
    reps = f"{step.reps_min}-{step.reps_max}" if step.reps_min != step.reps_max else str(step.reps_max)
    if step.hold_s:
        reps += f" × {step.hold_s} s"
    load = "" if step.load_kg is None else f" @ {round(from_kg(step.load_kg, unit), 1):g} {unit}"
    effort = f", {step.rir:g} in reserve" if step.rir is not None else ""
    lines = [f"Set {step.set_number} of {step.sets}: {reps} reps{load}{effort}"]
    if step.set_number == 1:
        lines += [f"{n}. {text}" for n, text in enumerate(step.steps, 1)]
    lines += [f"• {c}" for c in step.cues[:3]]
    if step.load_note:
        lines.append(f"[dim]{step.load_note}[/dim]")
    title = step.name + (f" [{step.superset_position}]" if step.superset_position else "")
    console.print(Panel("\n".join(lines), title=title, subtitle=KEYS))


def _countdown(seconds: int, next_label: str, no_wait: bool) -> None:
    if no_wait or not sys.stdin.isatty():
        console.print(f"Rest {seconds} s — next: {next_label}")
        return
    try:
        with console.status("") as status:
            for left in range(seconds, 0, -1):
                status.update(f"Rest {left} s — next: {next_label} (Ctrl-C to skip)")
                time.sleep(1)
    except KeyboardInterrupt:
        pass


def _show_pain(step: PainGuidanceStep) -> None:
    colour = "red" if step.action in ("seek_care", "emergency") else "yellow"
    body = "\n".join([step.headline, "", *(f"• {r}" for r in step.reasons), "", step.then])
    console.print(Panel(body, title=f"Pain: {step.action.replace('_', ' ')}", border_style=colour))


def _show_summary(step: SummaryStep) -> None:
    lines = [
        f"Working sets: {step.working_sets_done} of {step.working_sets_planned}",
        f"Drills: {step.drills_done} of {step.drills_planned}",
        f"Volume: {step.volume_kg:g} kg lifted",
    ]
    lines += [
        f"• {e.name}: {e.done}/{e.planned}" + (f" (now {e.replaced_by})" if e.replaced_by else "")
        for e in step.exercises
    ]
    if step.pain:
        lines.append("Pain was reported: if it persists, see a doctor or physiotherapist.")
    console.print(Panel("\n".join(lines), title=f"Session {step.ended_by}", border_style="green"))
