"""Training-log commands: log, history, progress, volume, recovery."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from backcoach.analysis import (
    Adaptation,
    e1rm_history,
    iso_week,
    parse_iso_week,
    records_beating,
    records_from,
    recovery_now,
    weekly_volume,
)
from backcoach.catalog import Level, LoadType, curated
from backcoach.cli.app import JsonFlag, app, console, emit_json, handles_errors
from backcoach.cli.logspec import parse_sets
from backcoach.cli.storage import DbOption, now, user_session
from backcoach.coaching import adapt_after_training
from backcoach.errors import InputError
from backcoach.science.units import from_kg
from backcoach.sessions.public import set_json
from backcoach.sessions.records import LoggedSet, SetType, Unit, Workout
from backcoach.store import (
    best_sets_by_day,
    current_profile,
    log_workout,
    rep_maxima,
    strength_bests,
    workouts,
)

NO_LOAD = (LoadType.BODYWEIGHT, LoadType.BAND, LoadType.NONE)
# Sets older than this no longer move the recovery model (24 h half-life: 10 days leave < 0.1 %).
RECOVERY_WINDOW = timedelta(days=10)


def _when(raw: str | None) -> datetime:
    if raw is None:
        return now()
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(f"--at: '{raw}' is not an ISO date-time like 2026-12-01T18:30") from None
    return value if value.tzinfo is not None else value.astimezone()


def _day(raw: str | None, what: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{what}: '{raw}' is not a date like 2026-12-01") from None


def _load_text(load_kg: float | None, unit: str) -> str:
    return "body weight" if load_kg is None else f"{round(from_kg(load_kg, unit), 1):g} {unit}"


@app.command()
@handles_errors
def log(
    exercise_id: Annotated[str, typer.Argument(metavar="EXERCISE_ID")],
    sets: Annotated[str, typer.Argument(metavar="LOADxREPS[,REPS…]", help="e.g. 60kgx10 or 0x8,8,7")],
    rir: Annotated[float | None, typer.Option(help="Reps in reserve on these sets (0-10).")] = None,
    set_type: Annotated[
        SetType, typer.Option("--type", help="working, warmup, drop or failure.")
    ] = SetType.WORKING,
    at: Annotated[str | None, typer.Option(help="When, as an ISO date-time (default: now).")] = None,
    unit: Annotated[str | None, typer.Option(help="kg or lb for a load written without one.")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Log sets you did, e.g. `backcoach log pull-up 0x8,8,7 --rir 2`."""
    cat = curated()
    exercise = cat.exercise(exercise_id)
    when = _when(at)
    with user_session(db) as (session, user):
        spec = parse_sets(sets, unit or user.display_unit)
        load: float | None = spec.load_kg
        if exercise.load_type in NO_LOAD and spec.load == 0:
            load = None  # "0x8" on a body-weight exercise: no added load
        entered: Unit = "lb" if spec.unit == "lb" else "kg"
        logged = tuple(
            LoggedSet(exercise.id, when, reps, load, set_type, rir, entered_unit=entered)
            for reps in spec.reps
        )
        bests = strength_bests(session, user_id=user.id, exercise_id=exercise.id)
        log_workout(
            session, user_id=user.id, workout=Workout(started_at=when, sets=logged), catalog=cat, now=now()
        )
        found = records_beating(bests, logged)
        display = user.display_unit
        changes = adapt_after_training(session, user_id=user.id, catalog=cat, now=now())
    report = {
        "exercise_id": exercise.id,
        "sets": [set_json(s) for s in logged],
        "records": [
            {"kind": r.kind, "reps": r.from_set.reps, "value_kg": r.value_kg, "previous_kg": r.previous_kg}
            for r in found
        ],
        "adaptations": [{"date": a.session_date.isoformat(), "reason": a.reason} for a in changes],
    }
    if json_:
        emit_json(report)
        return
    console.print(
        f"Logged {len(logged)} {set_type.value} set(s) of {exercise.name}: "
        f"{', '.join(str(s.reps) for s in logged)} reps at {_load_text(load, display)}."
    )
    for r in found:
        what = f"{r.from_set.reps}-rep max" if r.kind == "rep_max" else "estimated 1RM"
        console.print(f"[green]New record[/green]: {what} {_load_text(r.value_kg, display)}")
    show_adaptations(changes)


def show_adaptations(changes: list[Adaptation]) -> None:
    for change in changes:
        console.print(f"[yellow]Plan adapted for {change.session_date.isoformat()}:[/yellow] {change.reason}")


@app.command()
@handles_errors
def history(
    since: Annotated[str | None, typer.Option(help="Only workouts from this date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Your logged workouts, oldest first."""
    first = _day(since, "--since")
    start = datetime.combine(first, time()).astimezone() if first else None
    with user_session(db) as (session, user):
        done = workouts(session, user_id=user.id, since=start)
        display = user.display_unit
    if json_:
        emit_json(
            [
                {
                    "started_at": w.started_at.isoformat(),
                    "ended_at": w.ended_at.isoformat() if w.ended_at else None,
                    "planned_date": w.planned_date.isoformat() if w.planned_date else None,
                    "feeling": w.feeling.value if w.feeling else None,
                    "notes": w.notes,
                    "sets": [set_json(s) for s in w.sets],
                    "pain": [
                        {"location": p.location, "severity": p.severity, "action": p.action} for p in w.pain
                    ],
                }
                for w in done
            ]
        )
        return
    if not done:
        console.print("No workouts logged yet. Try: backcoach log pull-up 0x8,8,7 --rir 2")
        return
    cat = curated()
    table = Table(show_edge=False)
    for col in ("date", "exercise", "type", "sets", "load"):
        table.add_column(col)
    for w in done:
        by_exercise: dict[tuple[str, str, float | None], list[int]] = {}
        for s in w.sets:
            by_exercise.setdefault((s.exercise_id, s.set_type.value, s.load_kg), []).append(s.reps)
        for (exercise_id, kind, load), reps in by_exercise.items():
            name = cat.exercise(exercise_id).name
            table.add_row(
                w.started_at.date().isoformat(),
                name,
                kind,
                ",".join(map(str, reps)),
                _load_text(load, display),
            )
    console.print(table)


@app.command()
@handles_errors
def progress(
    exercise_id: Annotated[str, typer.Option("--exercise", help="The exercise id.")],
    plot: Annotated[Path | None, typer.Option(help="Write an e1RM chart to FILE.png or FILE.svg.")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Estimated one-rep max over time and personal records for one exercise."""
    exercise = curated().exercise(exercise_id)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot: '{plot}' must end in .png or .svg")
    with user_session(db) as (session, user):
        day_bests = best_sets_by_day(session, user_id=user.id, exercise_id=exercise.id)
        kept = rep_maxima(session, user_id=user.id, exercise_id=exercise.id)
        display = user.display_unit
    points = e1rm_history(day_bests, exercise.id, load_type=exercise.load_type)
    best = records_from(points, kept, exercise.id, load_type=exercise.load_type)
    report = {
        "exercise_id": exercise.id,
        "e1rm": [{"date": p.date.isoformat(), "e1rm_kg": round(p.e1rm_kg, 2)} for p in points],
        "records": [
            {"reps": r.reps, "load_kg": r.load_kg, "achieved_at": r.achieved_at.isoformat()}
            for r in best.rep_maxima
        ],
        "best_e1rm_kg": None if best.best_e1rm is None else round(best.best_e1rm.e1rm_kg, 2),
    }
    if plot is not None:
        from backcoach.cli.charts import e1rm_chart  # matplotlib loads only when a chart is asked for

        e1rm_chart(points, exercise.name, display, plot)
        report["plot"] = str(plot)
    if json_:
        emit_json(report)
        return
    if not points:
        console.print(f"No loaded working sets of {exercise.name} yet.")
    table = Table(title=f"{exercise.name}: estimated 1RM", show_edge=False)
    table.add_column("date")
    table.add_column(f"e1RM ({display})", justify="right")
    for p in points:
        table.add_row(p.date.isoformat(), f"{from_kg(p.e1rm_kg, display):.1f}")
    console.print(table)
    records = Table(title="Rep records", show_edge=False)
    records.add_column("reps", justify="right")
    records.add_column("load")
    records.add_column("date")
    for r in best.rep_maxima:
        records.add_row(str(r.reps), _load_text(r.load_kg, display), r.achieved_at.date().isoformat())
    console.print(records)


def _level(profile_level: Level | None) -> Level:
    return profile_level if profile_level is not None else Level.INTERMEDIATE


@app.command()
@handles_errors
def volume(
    week: Annotated[str | None, typer.Option(help="ISO week, e.g. 2026-W49 (default: this week).")] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Hard sets per back muscle this week against its volume landmarks."""
    cat = curated()
    wanted = week or iso_week(now().date())
    monday, _ = parse_iso_week(wanted)
    since = datetime.combine(monday - timedelta(days=1), time(), tzinfo=UTC)  # a day's slack for time zones
    with user_session(db) as (session, user):
        done = workouts(session, user_id=user.id, since=since)
        profile = current_profile(session, user_id=user.id)
    result = weekly_volume(done, cat, wanted, level=_level(profile.level if profile else None))
    muscles = {
        node: {
            "sets": v.sets,
            "mev": v.mev,
            "mav": list(v.mav) if v.mav else None,
            "mrv": v.mrv,
            "status": v.status.value if v.status else None,
        }
        for node, v in result.muscles.items()
    }
    if json_:
        emit_json({"week": result.week, "muscles": muscles})
        return
    table = Table(title=f"Back volume, {result.week}", show_edge=False)
    for col in ("muscle", "sets", "MEV", "MAV", "MRV", "status"):
        table.add_column(col)
    for node, v in result.muscles.items():
        mav = f"{v.mav[0]:g}-{v.mav[1]:g}" if v.mav else "-"
        table.add_row(
            node,
            f"{v.sets:g}",
            "-" if v.mev is None else f"{v.mev:g}",
            mav,
            "-" if v.mrv is None else f"{v.mrv:g}",
            v.status.value if v.status else "-",
        )
    console.print(table)


@app.command()
@handles_errors
def recovery(db: DbOption = None, json_: JsonFlag = False) -> None:
    """How recovered each back muscle is now (0-100 %), from your logged hard sets."""
    cat = curated()
    moment = now()
    with user_session(db) as (session, user):
        done = workouts(session, user_id=user.id, since=moment - RECOVERY_WINDOW)
    percent = recovery_now(done, cat, moment)
    back = {node: round(p, 1) for node, p in percent.items() if cat.muscles[node].region.value != "other"}
    if json_:
        emit_json(back)
        return
    table = Table(title="Recovery now", show_edge=False)
    table.add_column("muscle")
    table.add_column("recovered", justify="right")
    for node, p in back.items():
        colour = "green" if p >= 90 else "yellow" if p >= 70 else "red"
        table.add_row(node, f"[{colour}]{p:.0f} %[/{colour}]")
    console.print(table)
