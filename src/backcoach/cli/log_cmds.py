"""Training-log commands: log, history, set edit/delete, workout delete, undo, progress, volume,
recovery.

Each parses its options, calls one use case (``app.log``, ``app.analytics``) on a unit of work and
renders the answer; the JSON shapes are the use cases' own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli import choices
from backcoach.cli.app import (
    NEGATIVE_ARGS,
    Backcoach,
    JsonFlag,
    app,
    console,
    curated,
    emit_json,
    handles_errors,
)
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

if TYPE_CHECKING:
    from backcoach.analysis import Adaptation
    from backcoach.app.analytics import Progress
    from backcoach.app.edits import Deleted


def _load_text(load_kg: float | None, unit: str) -> str:
    from backcoach.science.units import from_kg

    return "body weight" if load_kg is None else f"{round(from_kg(load_kg, unit), 1):g} {unit}"


@app.command(context_settings=NEGATIVE_ARGS)
@handles_errors
def log(
    exercise_id: Annotated[str, typer.Argument(metavar="EXERCISE_ID")],
    sets: Annotated[str, typer.Argument(metavar="LOADxREPS[,REPS…]", help="e.g. 60kgx10 or 0x8,8,7")],
    rir: Annotated[float | None, typer.Option(help="Reps in reserve on these sets (0-10).")] = None,
    set_type: Annotated[choices.SetType, typer.Option("--type", help="The kind of set.")] = "working",
    at: Annotated[str | None, typer.Option(help="When, as an ISO date-time (default: now).")] = None,
    unit: Annotated[choices.Unit | None, typer.Option(help="Unit of a load written without one.")] = None,
    workout: Annotated[
        int | None,
        typer.Option(
            "--workout", min=1, help="Add to this workout (its id: history --json); default: a new one."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="A note on the set (with several sets, on the last one).")
    ] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Log sets you did: backcoach log pull-up 0x8,8,7 --rir 2

    Each log is a workout of its own (training no plan asked for is welcome); --workout adds the
    sets to one already logged, so a free workout can be built one exercise at a time."""
    from backcoach.app import bounds
    from backcoach.app import log as use_case
    from backcoach.cli.logspec import parse_sets
    from backcoach.sessions.records import SetType

    moment = now()
    when = moment if at is None else bounds.parse_datetime(at, "--at")
    if when.tzinfo is None:
        when = when.astimezone()  # a time without a zone is the local time
    parse_sets(sets, unit or "kg")  # refuse bad notation before the database is opened
    with unit_of_work(db) as (uow, user):
        spec = parse_sets(sets, unit or user.display_unit)
        load_kg = spec.load_kg
        entries = [use_case.SetEntry(reps, load_kg, rir, SetType(set_type)) for reps in spec.reps]
        if note is not None:  # the set just done is the one a note is usually about
            entries[-1] = replace(entries[-1], note=note)
        logged = use_case.log_sets(
            uow,
            catalog=curated(),
            user=user,
            exercise_id=exercise_id,
            sets=entries,
            at=when,
            entered_unit="lb" if spec.unit == "lb" else "kg",
            now=moment,
            workout_id=workout,
        )
        display = user.display_unit
    if json_:
        emit_json(use_case.logged_to_json(logged))
        return
    first = logged.sets[0]
    name = curated().exercise(first.exercise_id).name
    load = "body weight" if first.load_kg is None else spec.load_text
    console.print(
        f"Logged {len(logged.sets)} {set_type} set(s) of {name}: "
        f"{', '.join(str(s.reps) for s in logged.sets)} reps at {load}.",
        markup=False,
    )
    for r in logged.records:
        what = f"{r.from_set.reps}-rep max" if r.kind == "rep_max" else "estimated 1RM"
        console.print(f"[green]New record[/green]: {what} {_load_text(r.value_kg, display)}")
    show_adaptations(logged.adaptations)


def show_adaptations(changes: Sequence[Adaptation]) -> None:
    from rich.markup import escape

    for change in changes:
        console.print(
            f"[yellow]Plan adapted for {change.session_date.isoformat()}:[/yellow] {escape(change.reason)}"
        )


@app.command()
@handles_errors
def history(
    since: Annotated[str | None, typer.Option(help="Only workouts from this date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Your logged workouts, oldest first."""
    from backcoach.app import bounds
    from backcoach.app import log as use_case

    first = None if since is None else bounds.parse_date(since, "--since")
    start = None if first is None else datetime.combine(first, time()).astimezone()
    with unit_of_work(db, readonly=True) as (uow, user):
        listed = use_case.workouts_done(uow, user=user, since=start)
        display = user.display_unit
    if json_:
        emit_json([use_case.done_to_json(d) for d in listed])
        return
    if not listed:
        console.print("No workouts logged yet. Try: backcoach log pull-up 0x8,8,7 --rir 2")
        return
    from rich.table import Table

    cat = curated()
    table = Table(show_edge=False)
    noted = any(s.note for d in listed for s in d.workout.sets)  # a notes column only when needed
    for col in (
        "date",
        "workout",
        "exercise",
        "type",
        "sets",
        "load",
        "set ids",
        *(("notes",) if noted else ()),
    ):
        table.add_column(col)
    for d in listed:
        by_exercise: dict[tuple[str, str, float | None, int | None], list[tuple[int, int, str | None]]] = {}
        for set_id, s in zip(d.set_ids, d.workout.sets, strict=True):
            key = (s.exercise_id, s.set_type.value, s.load_kg, s.hold_s)
            by_exercise.setdefault(key, []).append((s.reps, set_id, s.note))
        for (exercise_id, kind, load, hold), done in by_exercise.items():
            found = cat.exercises.get(exercise_id)
            work = f"{len(done)} × {hold} s" if hold else ",".join(str(reps) for reps, _, _ in done)
            notes = "; ".join(n for _, _, n in done if n)
            table.add_row(
                d.workout.started_at.date().isoformat(),
                str(d.id),
                found.name if found is not None else exercise_id,
                kind,
                work,
                _load_text(load, display),
                ",".join(str(set_id) for _, set_id, _ in done),
                *((notes,) if noted else ()),
            )
    console.print(table)


set_app = Backcoach(help="Correct a logged set (its id: backcoach history).", no_args_is_help=True)
app.add_typer(set_app, name="set")
workout_app = Backcoach(help="Manage a logged workout (its id: backcoach history).", no_args_is_help=True)
app.add_typer(workout_app, name="workout")


def _show_deleted(deleted: Deleted, what: str, json_: bool) -> None:
    """A delete's answer: its JSON, or what was deleted and the undo command that puts it back."""
    from backcoach.app import edits

    if json_:
        emit_json(edits.deleted_to_json(deleted))
        return
    token = deleted.undo_token
    console.print(f"Deleted {what}. To put it back: backcoach undo {token}", markup=False, soft_wrap=True)


@set_app.command("edit", context_settings=NEGATIVE_ARGS)
@handles_errors
def set_edit(
    set_id: Annotated[int, typer.Argument(metavar="SET_ID", min=1)],
    reps: Annotated[int | None, typer.Option(help="Reps done (at least 1).")] = None,
    load: Annotated[str | None, typer.Option(help="Load, e.g. 22.5kg, 50lb, or 0 for body weight.")] = None,
    rir: Annotated[float | None, typer.Option(help="Reps in reserve (0-10).")] = None,
    set_type: Annotated[choices.SetType | None, typer.Option("--type", help="The kind of set.")] = None,
    note: Annotated[str | None, typer.Option(help='A note on the set ("" clears it).')] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Correct a logged set: backcoach set edit 42 --reps 8 --load 22.5kg"""
    from backcoach.app import edits
    from backcoach.app import log as use_case
    from backcoach.cli.logspec import parse_sets
    from backcoach.sessions.records import SetType, Unit

    if reps is None and load is None and rir is None and set_type is None and note is None:
        raise InputError("set edit: give at least one of --reps, --load, --rir, --type, --note")
    with unit_of_work(db) as (uow, user):
        load_kg: float | edits.Keep | None = edits.KEEP
        unit: Unit | edits.Keep = edits.KEEP
        if load is not None:
            spec = parse_sets(f"{load}x1", user.display_unit)
            load_kg = spec.load_kg
            unit = "lb" if spec.unit == "lb" else "kg"
        changes = edits.SetChanges(
            reps=edits.KEEP if reps is None else reps,
            load_kg=load_kg,
            rir=edits.KEEP if rir is None else rir,
            set_type=edits.KEEP if set_type is None else SetType(set_type),
            entered_unit=unit,
            note=edits.KEEP if note is None else note,
        )
        edited = edits.edit_set(uow, catalog=curated(), user=user, set_id=set_id, changes=changes, now=now())
        done = use_case.workout_done(uow, user=user, workout_id=edited.workout_id)
        display = user.display_unit
    if json_:
        emit_json(use_case.done_to_json(done))
        return
    s = edited.logged
    name = curated().exercise(s.exercise_id).name
    console.print(
        f"Set {set_id} of {name} is now {s.reps} reps at {_load_text(s.load_kg, display)}.", markup=False
    )


@set_app.command("delete")
@handles_errors
def set_delete(
    set_id: Annotated[int, typer.Argument(metavar="SET_ID", min=1)],
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Delete a logged set (records are recomputed): backcoach set delete 42"""
    from backcoach.app import edits

    with unit_of_work(db) as (uow, user):
        deleted = edits.delete_logged_set(uow, user=user, set_id=set_id)
    _show_deleted(deleted, f"set {set_id}", json_)


@workout_app.command("delete")
@handles_errors
def workout_delete(
    workout_id: Annotated[int, typer.Argument(metavar="WORKOUT_ID", min=1)],
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Delete a logged workout with its sets: backcoach workout delete 7"""
    from backcoach.app import edits

    with unit_of_work(db) as (uow, user):
        deleted = edits.delete_logged_workout(uow, user=user, workout_id=workout_id)
    _show_deleted(deleted, f"workout {workout_id}", json_)


@app.command()
@handles_errors
def undo(
    token: Annotated[str, typer.Argument(metavar="TOKEN", help="The token a delete printed.")],
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Put back a deleted set or workout, from the token the delete printed."""
    from backcoach.app import edits

    with unit_of_work(db) as (uow, user):
        restored = edits.undo_delete(uow, catalog=curated(), user=user, token=token, now=now())
    if json_:
        emit_json(edits.restored_to_json(restored))
        return
    console.print(f"Put back the {restored.kind} (now id {restored.id}).", markup=False)


@app.command(short_help="Estimated 1RM over time and rep records.")
@handles_errors
def progress(
    exercise_id: Annotated[str, typer.Option("--exercise", help="The exercise id.")],
    plot: Annotated[Path | None, typer.Option(help="Write an e1RM chart to FILE.png or FILE.svg.")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Estimated one-rep max over time and personal records for one exercise."""
    from backcoach.app import analytics

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot: '{plot}' must end in .png or .svg")
    cat = curated()
    exercise = cat.exercise(exercise_id)  # an unknown id is refused before the database is opened
    with unit_of_work(db, readonly=True) as (uow, user):
        found = analytics.progress(uow, catalog=cat, user=user, exercise_id=exercise.id)
        display = user.display_unit
    report = found.to_json()
    if plot is not None:
        from backcoach.cli.charts import e1rm_chart  # matplotlib loads only when a chart is asked for

        e1rm_chart(found.points, exercise.name, display, plot)
        report["plot"] = str(plot)
    if json_:
        emit_json(report)
        return
    _show_progress(found, display)
    if plot is not None:
        console.print(f"Chart written to {plot}", markup=False, highlight=False, soft_wrap=True)


def _show_progress(found: Progress, display: str) -> None:
    from rich.table import Table

    from backcoach.science.units import from_kg

    name = found.exercise.name
    if not found.points:
        console.print(f"No loaded working sets of {name} yet: an estimated 1RM needs a load and reps.")
    else:
        table = Table(title=f"{name}: estimated 1RM", show_edge=False)
        table.add_column("date")
        table.add_column(f"e1RM ({display})", justify="right")
        for p in found.points:
            table.add_row(p.date.isoformat(), f"{from_kg(p.e1rm_kg, display):.1f}")
        console.print(table)
    if found.records.rep_maxima:
        records = Table(title="Rep records", show_edge=False)
        records.add_column("reps", justify="right")
        records.add_column("load")
        records.add_column("date")
        for r in found.records.rep_maxima:
            records.add_row(str(r.reps), _load_text(r.load_kg, display), r.achieved_at.date().isoformat())
        console.print(records)


@app.command(short_help="Hard sets per back muscle this week.")
@handles_errors
def volume(
    week: Annotated[str | None, typer.Option(help="ISO week, e.g. 2026-W49 (default: this week).")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Hard sets per back muscle this week against its volume landmarks."""
    from backcoach.app import analytics, bounds

    wanted = None if week is None else bounds.check_week(week, "--week")
    cat = curated()
    with unit_of_work(db, readonly=True) as (uow, user):
        report = analytics.volume(uow, catalog=cat, user=user, week=wanted, now=now())
    if json_:
        emit_json(report)
        return
    from rich.table import Table

    table = Table(title=f"Back volume, {report['week']}", show_edge=False)
    for col in ("muscle", "sets", "MEV", "MAV", "MRV", "status"):
        table.add_column(col)
    for node, v in report["muscles"].items():
        mav = f"{v['mav'][0]:g}-{v['mav'][1]:g}" if v["mav"] else "-"
        table.add_row(
            cat.muscles[node].name if node in cat.muscles else node,
            f"{v['sets']:g}",
            "-" if v["mev"] is None else f"{v['mev']:g}",
            mav,
            "-" if v["mrv"] is None else f"{v['mrv']:g}",
            _STATUS.get(v["status"], v["status"] or "-"),
        )
    console.print(table)


# The volume status in words (the JSON keeps the stable keys).
_STATUS = {
    "below_mv": "losing ground",
    "below_mev": "maintaining",
    "productive": "productive",
    "above_mav": "more than needed",
    "above_mrv": "too much to recover from",
}


@app.command(short_help="How recovered each back muscle is now.")
@handles_errors
def recovery(db: DbOption = None, json_: JsonFlag = False) -> None:
    """How recovered each back muscle is now (0-100 %), from your logged hard sets."""
    from backcoach.app import analytics

    cat = curated()
    with unit_of_work(db, readonly=True) as (uow, user):
        back = analytics.recovery(uow, catalog=cat, user=user, now=now())
    if json_:
        emit_json(back)
        return
    from rich.table import Table

    table = Table(title="Recovery now", show_edge=False)
    table.add_column("muscle")
    table.add_column("recovered", justify="right")
    for node, p in back.items():
        colour = "green" if p >= 90 else "yellow" if p >= 70 else "red"
        name = cat.muscles[node].name if node in cat.muscles else node
        table.add_row(name, f"[{colour}]{p:.0f} %[/{colour}]")
    console.print(table)
