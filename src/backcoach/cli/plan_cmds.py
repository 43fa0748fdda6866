"""The plan command: a profile from the options, a programme from the planner."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.panel import Panel
from rich.table import Table

from backcoach.catalog import Level, curated
from backcoach.cli.app import JsonFlag, app, console, emit_json, fail, handles_errors
from backcoach.errors import InputError
from backcoach.interop.plan_markdown import plan_markdown
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.planning.profile import Goal, Screening, Unit, Weekday
from backcoach.science.units import from_kg, to_kg

NO_PLAN_EXIT = 3
_MASS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kg|lb)?\s*$", re.IGNORECASE)


def _ids(raw: str | None) -> list[str]:
    return [p.strip() for p in (raw or "").split(",") if p.strip()]


def _days(raw: str) -> tuple[Weekday, ...]:
    out = []
    for part in _ids(raw):
        try:
            out.append(Weekday(part.lower()[:3]))
        except ValueError:
            raise InputError(f"--days: '{part}' is not a weekday (use mon,tue,wed,thu,fri,sat,sun)") from None
    if not out:
        raise InputError("--days needs at least one weekday, e.g. --days mon,thu")
    return tuple(out)


def _mass(raw: str, default_unit: str, what: str) -> float:
    match = _MASS.match(raw)
    if match is None:
        raise InputError(f"{what}: '{raw}' is not a mass like 80kg or 176lb")
    return to_kg(float(match.group(1)), (match.group(2) or default_unit).lower())


def _e1rms(values: list[str], unit: str) -> dict[str, float]:
    out: dict[str, float] = {}
    cat = curated()
    for value in values:
        exercise_id, sep, mass = value.partition("=")
        if not sep:
            raise InputError(f"--e1rm: '{value}' should look like bent-over-barbell-row=100kg")
        out[cat.exercise(exercise_id.strip()).id] = _mass(mass, unit, "--e1rm")
    return out


def _next(day: Weekday, today: date) -> date:
    return today + timedelta(days=(day.number - today.weekday()) % 7)


@app.command()
@handles_errors
def plan(
    level: Annotated[Level, typer.Option(help="beginner, intermediate or advanced (ACSM definitions).")],
    days: Annotated[str, typer.Option(help="Weekdays you can train, e.g. mon,thu.")],
    minutes: Annotated[int, typer.Option(help="Minutes per session (10-240).")],
    goal: Annotated[Goal, typer.Option(help="strength, posture, hypertrophy or low_back.")],
    equipment: Annotated[
        str, typer.Option(help="Comma-separated equipment ids (see backcoach equipment).")
    ] = "",
    sessions: Annotated[
        int | None, typer.Option(help="Back sessions a week (default: as many as allowed).")
    ] = None,
    weeks: Annotated[int, typer.Option(help="Length of the plan in weeks.")] = 8,
    start: Annotated[
        str | None, typer.Option(help="First day of the plan, YYYY-MM-DD (default: next training day).")
    ] = None,
    bodyweight: Annotated[str | None, typer.Option(help="Body weight, e.g. 80kg or 176lb.")] = None,
    e1rm: Annotated[
        list[str] | None, typer.Option(help="Known one-rep max, e.g. pull-up=20kg (repeatable).")
    ] = None,
    screening: Annotated[
        Screening, typer.Option(help="Your screening outcome (backcoach screen).")
    ] = Screening.CLEARED,
    exclude: Annotated[str, typer.Option(help="Exercise or muscle ids to leave out.")] = "",
    unit: Annotated[Unit, typer.Option(help="Show loads in kg or lb.")] = Unit.KG,
    seed: Annotated[int, typer.Option(help="Tie-break seed: same inputs and seed, same plan.")] = 0,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the plan as Markdown.")] = False,
    json_: JsonFlag = False,
) -> None:
    """A multi-week back programme for your level, days, time, equipment and goal."""
    cat = curated()
    for item in _ids(equipment):
        cat.equipment_item(item)
    exclusions = _ids(exclude)
    for item in exclusions:
        if item not in cat.muscles:
            cat.exercise(item)
    weekdays = _days(days)
    try:
        first = date.fromisoformat(start) if start else _next(weekdays[0], date.today())
    except ValueError:
        raise InputError(f"--start: '{start}' is not a date like 2026-12-01") from None
    try:
        profile = Profile(
            level=level,
            days=weekdays,
            sessions=sessions,
            minutes=minutes,
            equipment=frozenset(_ids(equipment)),
            goal=goal,
            weeks=weeks,
            start=first,
            bodyweight_kg=_mass(bodyweight, unit.value, "--bodyweight") if bodyweight else None,
            e1rm_kg=_e1rms(e1rm or [], unit.value),
            screening=screening,
            exclude=frozenset(exclusions),
            unit=unit,
            seed=seed,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "profile"
        raise InputError(f"--{field.replace('_kg', '').replace('_', '-')}: {err['msg']}") from None
    result = build_plan(profile, cat)
    if isinstance(result, NoPlan):
        _no_plan(result, json_)
        raise typer.Exit(NO_PLAN_EXIT)
    if json_:
        emit_json(result.to_json())
    elif markdown:
        typer.echo(plan_markdown(result, cat), nl=False)
    else:
        _print_plan(result)


def _no_plan(result: NoPlan, json_: bool) -> None:
    if json_:
        emit_json(result.to_json())
        return
    title = "No plan: see a professional first" if result.solver.status == "REFUSED" else "No plan fits"
    body = "\n".join([*(f"• {c}" for c in result.conflicts), "", *(f"→ {s}" for s in result.suggestions)])
    console.print(Panel(body, title=title, border_style="red"))
    raise fail(result.conflicts[0] if result.conflicts else "no plan", NO_PLAN_EXIT)


def _print_plan(result: Plan) -> None:
    cat = curated()
    unit = result.profile.unit.value
    report = result.solver
    status = f"solver {report.status}, objective {report.objective:g}, {report.wall_ms:.0f} ms"
    console.print(Panel("\n".join(f"• {e}" for e in result.explanations), title=f"Your plan ({status})"))
    for week in result.weeks[:2]:
        for session in week.sessions:
            table = Table(
                title=f"Week {week.index}{' (deload)' if week.deload else ''} · {session.weekday.value} "
                f"{session.date} · {session.emphasis} · ~{session.estimated_minutes} min",
                show_edge=False,
            )
            for col in ("block", "exercise", "sets", "reps", "load", "RIR", "rest"):
                table.add_column(col)
            for block in session.blocks:
                for item in block.items:
                    work = item.working_sets or item.sets
                    s = work[0]
                    load = "" if s.load_kg is None else f"{round(from_kg(s.load_kg, unit), 1):g} {unit}"
                    reps = f"{s.reps_min}-{s.reps_max}" if s.reps_min != s.reps_max else str(s.reps_min)
                    if s.hold_s is not None:
                        reps += f" × {s.hold_s}s"
                    name = cat.exercise(item.exercise_id).name + (
                        f" [{item.superset}]" if item.superset else ""
                    )
                    table.add_row(
                        block.kind,
                        name,
                        str(len(work)),
                        reps,
                        load,
                        "" if s.rir is None else str(s.rir),
                        f"{s.rest_s}s",
                    )
            console.print(table)
    if len(result.weeks) > 2:
        console.print(
            f"[dim]… {len(result.weeks) - 2} more weeks: use --markdown or --json for the whole plan.[/dim]"
        )
