"""``backcoach start``: the planned session, guided in the terminal.

The workout is driven through the same use case as the web's (``app.guided``): ``start`` opens it
(or returns the one in progress, so an interrupted session resumes at its step), then every answer
is one ``send``, committed before the next step is shown, so whatever was acknowledged survives a
closed terminal. Each event carries the step's token: if another device moved the workout on, the
terminal catches up instead of recording the step twice. The safety gate refuses starting, and
moving on, while the person is held (exit 3); reporting pain and finishing are always possible.

This shell only shows steps and asks for numbers; an answer out of range is asked again.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, console, curated, handles_errors
from backcoach.cli.log_cmds import show_adaptations
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import Conflict, InputError, UnknownIdError

if TYPE_CHECKING:
    from datetime import date

    from backcoach.app.guided import GuidedView
    from backcoach.app.uow import UnitOfWork
    from backcoach.catalog import Catalog
    from backcoach.sessions import (
        DrillStep,
        Event,
        ExerciseStep,
        PainGuidanceStep,
        PainReported,
        Step,
        SummaryStep,
    )
    from backcoach.store import User

KEYS = "Enter = as planned · s = skip set · x = skip exercise · p = pain · q = finish"


@app.command(short_help="Today's session, guided step by step.")
@handles_errors
def start(
    day: Annotated[
        str | None,
        typer.Option("--date", help="The planned session's date (default: the one in progress, else today)."),
    ] = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Do not count rests down (tests, scripts).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Today's planned session, step by step: warm-up, sets, rests, cool-down; p reports pain.

    A session left unfinished resumes where it stopped."""
    from backcoach.app import bounds

    wanted = None if day is None else bounds.parse_date(day, "--date")
    cat = curated()
    with unit_of_work(db) as (uow, user):
        view = _begin(uow, cat, user, wanted)
        _guide(uow, cat, user, view, no_wait=no_wait)


def _in_progress(uow: UnitOfWork, cat: Catalog, user: User) -> GuidedView | None:
    from backcoach.app import guided

    try:
        return guided.current(uow, catalog=cat, user=user)
    except (InputError, UnknownIdError):
        return None  # a saved state that can no longer be read: starting again closes it


def _begin(uow: UnitOfWork, cat: Catalog, user: User, wanted: date | None) -> GuidedView:
    """The workout to guide: the one in progress on that day, else the planned session started."""
    from backcoach.app import guided

    active = _in_progress(uow, cat, user)
    day = wanted or (active.session_date if active is not None else now().date())
    resuming = active is not None and active.session_date == day
    if not resuming:
        found = guided.idle(uow, user=user, day=day)
        if found.hold is not None:
            raise found.hold.error()
        if not found.has_plan:
            raise InputError("there is no plan yet: make one with 'backcoach plan --save'")
        if found.todays is None or not found.todays.session.items:
            raise InputError(_rest_day(uow, user, day))
    try:
        view = guided.start(uow, catalog=cat, user=user, day=day, now=now())
    except Conflict as exc:
        if active is None:
            raise
        raise Conflict(
            f"{exc}: resume it with 'backcoach start --date {active.session_date.isoformat()}' "
            "(q finishes it)"
        ) from None
    if resuming:
        console.print(
            f"Resuming your session of {view.session_date:%a %d %b %Y}: "
            f"{view.slots_done} of {view.slots_total} steps done."
        )
    return view


def _rest_day(uow: UnitOfWork, user: User, day: date) -> str:
    from backcoach.app import plan as plans

    coming = plans.next_planned(uow, user=user, after=day)
    said = f"there is no session planned on {day:%a %Y-%m-%d} (a rest day)"
    if coming is None:
        return f"{said}, and none after it: make a new plan with 'backcoach plan --save'"
    return f"{said}; the next one is on {coming:%a %Y-%m-%d}: backcoach start --date {coming.isoformat()}"


def _guide(uow: UnitOfWork, cat: Catalog, user: User, view: GuidedView, *, no_wait: bool) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    from backcoach.app import guided

    if view.adapted_reason:
        console.print(
            Panel(escape(view.adapted_reason), title="Adapted from your log", border_style="yellow")
        )
    unit = user.display_unit
    while not view.finished:
        event = _ask(view.step, unit, cat, no_wait=no_wait)
        try:
            view = guided.send(uow, catalog=cat, user=user, event=event, now=now(), token=view.token)
        except InputError as exc:  # a value the machine refused: say so and ask again
            console.print(f"[yellow]{escape(str(exc))}[/yellow]")
        except Conflict:
            current = guided.current(uow, catalog=cat, user=user)
            if current is None:
                console.print("This session was finished on another device.")
                return
            console.print("[dim]The session moved on on another device: here is where it stands.[/dim]")
            view = current
    _show_end(view)


def _show_end(view: GuidedView) -> None:
    from backcoach.sessions import PainGuidanceStep, SummaryStep

    step = view.step
    summary: SummaryStep | None = step if isinstance(step, SummaryStep) else None
    if isinstance(step, PainGuidanceStep):
        _show_pain(step)
        summary = step.summary
    if summary is not None:
        _show_summary(summary)
    show_adaptations(view.adaptations)


def _ask(step: Step, unit: str, cat: Catalog, *, no_wait: bool) -> Event:
    """Show ``step`` and turn the answer into the event it means; ask again until it is valid."""
    from backcoach.sessions import (
        AcceptSubstitute,
        Continue,
        DeclineSubstitute,
        DrillStep,
        ExerciseStep,
        Finish,
        PainGuidanceStep,
        PausedStep,
        RestStep,
        Resume,
        SetDone,
    )

    if isinstance(step, DrillStep):
        _show_drill(step)
        answer = _prompt("Enter when done")
        return _common(answer, cat) or SetDone(at=now(), reps=step.reps_max, hold_s=step.hold_s)
    if isinstance(step, ExerciseStep):
        _show_exercise(step, unit)
        return _set_done(step, unit, cat)
    if isinstance(step, RestStep):
        _countdown(step.seconds, step.next_label, no_wait)
        return Continue(at=now())
    if isinstance(step, PainGuidanceStep):
        _show_pain(step)
        if step.substitute is not None:
            agree = _yes(f"switch to {step.substitute_name}?")
            return AcceptSubstitute(at=now()) if agree else DeclineSubstitute(at=now())
        _prompt("Enter to carry on")
        return Continue(at=now())
    if isinstance(step, PausedStep):
        answer = _prompt("paused — Enter to resume, q to finish")
        return Finish(at=now()) if answer.lower() == "q" else Resume(at=now())
    raise InputError(f"this step cannot be shown in the terminal ({step.kind}): finish it on the web")


def _set_done(step: ExerciseStep, unit: str, cat: Catalog) -> Event:
    """The set's numbers; Enter keeps the planned value, anything out of range is asked again."""
    from backcoach.science.units import from_kg, to_kg
    from backcoach.sessions import SetDone
    from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_RIR

    while True:
        answer = _prompt(f"reps done [{step.reps_max}]")
        common = _common(answer, cat)
        if common is not None:
            return common
        reps = _number(answer, default=step.reps_max, low=0, high=MAX_REPS, whole=True, what="reps")
        if reps is not None:
            break
    load = step.load_kg
    if load is not None:
        high = round(from_kg(MAX_LOAD_KG, unit), 1)
        planned = round(from_kg(load, unit), 1)
        typed = None
        while typed is None:
            typed = _number(
                _prompt(f"load {unit} [{planned:g}]"),
                default=planned,
                low=0,
                high=high,
                what=f"load ({unit})",
            )
        load = load if typed == planned else min(to_kg(typed, unit), MAX_LOAD_KG)
    target = step.rir if step.rir is not None else 2.0
    rir = None
    while rir is None:
        rir = _number(
            _prompt(f"reps in reserve [{target:g}]"), default=target, low=0, high=MAX_RIR, what="RIR"
        )
    return SetDone(at=now(), reps=int(reps), load_kg=load, rir=rir, hold_s=step.hold_s)


def _number(
    text: str, *, default: float, low: float, high: float, what: str, whole: bool = False
) -> float | None:
    """``text`` as a number in [low, high] (empty: ``default``); None after saying what is wrong."""
    if not text:
        return default
    try:
        value = float(text) if len(text) <= 20 else float("nan")
    except ValueError:
        value = float("nan")
    if value != value or (whole and not value.is_integer()) or not low <= value <= high:
        kind = "a whole number" if whole else "a number"
        console.print(f"{what}: type {kind} from {low:g} to {high:g}, or Enter for {default:g}", markup=False)
        return None
    return value


def _common(answer: str, cat: Catalog) -> Event | None:
    from backcoach.sessions import Finish, Skip, SkipExercise

    key = answer.strip().lower()
    if key == "s":
        return Skip(at=now())
    if key == "x":
        return SkipExercise(at=now())
    if key == "q":
        return Finish(at=now())
    if key == "p":
        return _pain_report(cat)
    return None


# The pain questions, in the order asked, with the report's field each answers.
PAIN_QUESTIONS = (
    ("sharp", "is it sharp or stabbing?"),
    ("radiating", "does it spread (down an arm or a leg)?"),
    ("numbness", "any numbness or pins and needles?"),
    ("saddle_numbness", "numbness around the bottom, genitals or inner thighs?"),
    ("bladder_or_bowel_change", "any new trouble controlling bladder or bowel?"),
    ("leg_weakness", "are your legs badly weak or getting weaker?"),
    ("both_legs", "pain or numbness in both legs?"),
)


def _pain_report(cat: Catalog) -> PainReported:
    """Every question of a pain report; where and how bad must be answered (no default)."""
    from backcoach.safety import locate
    from backcoach.sessions import PainReported

    while True:
        location = _prompt("where does it hurt? (e.g. lower_back, neck, shoulder, or a muscle id)")
        if not location:
            console.print("say where it hurts: a body region such as lower_back, or a muscle id")
            continue
        try:
            locate(location, cat)
        except UnknownIdError as exc:
            console.print(str(exc), markup=False)
            continue
        break
    severity = None
    while severity is None:
        typed = _prompt("how bad, from 0 (none) to 10 (worst)?")
        if not typed:
            console.print("how bad: type a whole number from 0 to 10")
            continue
        severity = _number(typed, default=0, low=0, high=10, whole=True, what="how bad")
    flags = {field: _yes(question) for field, question in PAIN_QUESTIONS}
    return PainReported(at=now(), location=location, severity=int(severity), **flags)


def _yes(question: str) -> bool:
    return _prompt(f"{question} [y/N]").lower().startswith("y")


def _prompt(text: str) -> str:
    value: str = typer.prompt(text, default="", show_default=False)
    return value.strip()


def _show_drill(step: DrillStep) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    body = "\n".join(f"• {escape(c)}" for c in step.cues[:3]) or escape(step.name)
    console.print(Panel(body, title=f"{escape(step.name)} — {escape(step.dose)}", subtitle=KEYS))


def _show_exercise(step: ExerciseStep, unit: str) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    from backcoach.science.units import from_kg

    reps = f"{step.reps_min}-{step.reps_max}" if step.reps_min != step.reps_max else str(step.reps_max)
    work = f"{reps} × {step.hold_s} s hold" if step.hold_s else f"{reps} reps"
    load = "" if step.load_kg is None else f" @ {round(from_kg(step.load_kg, unit), 1):g} {unit}"
    effort = f", {step.rir:g} in reserve" if step.rir is not None and not step.hold_s else ""
    lines = [f"Set {step.set_number} of {step.sets}: {work}{load}{effort}"]
    if step.set_number == 1:
        lines += [f"{n}. {escape(text)}" for n, text in enumerate(step.steps, 1)]
    lines += [f"• {escape(c)}" for c in step.cues[:3]]
    if step.load_note:
        lines.append(f"[dim]{escape(step.load_note)}[/dim]")
    title = step.name + (f" [{step.superset_position}]" if step.superset_position else "")
    console.print(Panel("\n".join(lines), title=escape(title), subtitle=KEYS))


def _countdown(seconds: int, next_label: str, no_wait: bool) -> None:
    if no_wait or not sys.stdin.isatty():
        console.print(f"Rest {seconds} s — next: {next_label}", markup=False)
        return
    try:
        with console.status("") as status:
            for left in range(seconds, 0, -1):
                status.update(f"Rest {left} s — next: {next_label} (Ctrl-C to skip)")
                time.sleep(1)
    except KeyboardInterrupt:
        pass


def _show_pain(step: PainGuidanceStep) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    colour = "red" if step.action in ("seek_care", "emergency") else "yellow"
    body = "\n".join([step.headline, "", *(f"• {r}" for r in step.reasons), "", step.then])
    title = {
        "stop_exercise": "stop this exercise",
        "end_session": "end the session",
        "seek_care": "see a professional",
        "emergency": "get urgent care",
    }.get(step.action, step.action.replace("_", " "))
    console.print(Panel(escape(body), title=f"Pain: {title}", border_style=colour))


def _show_summary(step: SummaryStep) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    lines = [
        f"Working sets: {step.working_sets_done} of {step.working_sets_planned}",
        f"Drills: {step.drills_done} of {step.drills_planned}",
        f"Volume: {step.volume_kg:g} kg lifted",
    ]
    lines += [
        escape(f"• {e.name}: {e.done}/{e.planned}" + (f" (now {e.replaced_by})" if e.replaced_by else ""))
        for e in step.exercises
    ]
    if step.pain:
        lines.append("Pain was reported: if it persists, see a doctor or physiotherapist.")
    console.print(Panel("\n".join(lines), title=f"Session {step.ended_by}", border_style="green"))
