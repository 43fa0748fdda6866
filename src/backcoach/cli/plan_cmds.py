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
from backcoach.cli.storage import DbOption, now, user_session
from backcoach.errors import InputError
from backcoach.interop.plan_markdown import plan_markdown
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.planning.profile import Goal, Screening, Unit, Weekday
from backcoach.science.units import from_kg, to_kg
from backcoach.store import current_profile, save_plan, save_profile, set_display_unit

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


LevelOpt = Annotated[
    Level | None, typer.Option(help="beginner, intermediate or advanced (ACSM definitions).")
]
DaysOpt = Annotated[str | None, typer.Option(help="Weekdays you can train, e.g. mon,thu.")]
MinutesOpt = Annotated[int | None, typer.Option(help="Minutes per session (10-240).")]
GoalOpt = Annotated[Goal | None, typer.Option(help="strength, posture, hypertrophy or low_back.")]
EquipmentOpt = Annotated[
    str | None, typer.Option(help="Comma-separated equipment ids (see backcoach equipment).")
]
SessionsOpt = Annotated[int | None, typer.Option(help="Back sessions a week (default: as many as allowed).")]
BodyweightOpt = Annotated[str | None, typer.Option(help="Body weight, e.g. 80kg or 176lb.")]
E1rmOpt = Annotated[list[str] | None, typer.Option(help="Known one-rep max, e.g. pull-up=20kg (repeatable).")]
ScreeningOpt = Annotated[Screening | None, typer.Option(help="Your screening outcome (backcoach screen).")]
ExcludeOpt = Annotated[str | None, typer.Option(help="Exercise or muscle ids to leave out.")]
UnitOpt = Annotated[Unit | None, typer.Option(help="Show loads in kg or lb.")]


def profile_from_options(
    base: Profile | None,
    *,
    level: Level | None,
    days: str | None,
    minutes: int | None,
    goal: Goal | None,
    equipment: str | None,
    sessions: int | None,
    bodyweight: str | None,
    e1rm: list[str] | None,
    screening: Screening | None,
    exclude: str | None,
    unit: Unit | None,
    weeks: int | None = None,
    start: str | None = None,
    seed: int | None = None,
) -> Profile:
    """A validated profile from the options, each missing one taken from ``base`` (the stored
    profile); without a base, level, days, minutes and goal are required."""
    cat = curated()
    fields: dict[str, object] = base.model_dump() if base is not None else {}
    shown = unit or (base.unit if base is not None else Unit.KG)
    if level is not None:
        fields["level"] = level
    if days is not None:
        fields["days"] = _days(days)
    if minutes is not None:
        fields["minutes"] = minutes
    if goal is not None:
        fields["goal"] = goal
    if equipment is not None:
        for item in _ids(equipment):
            cat.equipment_item(item)
        fields["equipment"] = frozenset(_ids(equipment))
    if sessions is not None:
        fields["sessions"] = sessions
    if bodyweight is not None:
        fields["bodyweight_kg"] = _mass(bodyweight, shown.value, "--bodyweight")
    if e1rm:
        fields["e1rm_kg"] = {**dict(fields.get("e1rm_kg") or {}), **_e1rms(e1rm, shown.value)}  # type: ignore[call-overload]
    if screening is not None:
        fields["screening"] = screening
    if exclude is not None:
        exclusions = _ids(exclude)
        for item in exclusions:
            if item not in cat.muscles:
                cat.exercise(item)
        fields["exclude"] = frozenset(exclusions)
    fields["unit"] = shown
    if weeks is not None:
        fields["weeks"] = weeks
    if seed is not None:
        fields["seed"] = seed
    missing = [name for name in ("level", "days", "minutes", "goal") if name not in fields]
    if missing:
        raise InputError(
            f"--{missing[0]} is required (no stored profile yet: give it, or run 'backcoach profile set')"
        )
    if start is not None:
        try:
            fields["start"] = date.fromisoformat(start)
        except ValueError:
            raise InputError(f"--start: '{start}' is not a date like 2026-12-01") from None
    elif "start" not in fields or start is None:
        first_day = fields["days"][0]  # type: ignore[index]
        fields["start"] = _next(first_day, date.today())
    try:
        return Profile.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "profile"
        raise InputError(f"--{field.replace('_kg', '').replace('_', '-')}: {err['msg']}") from None


@app.command()
@handles_errors
def plan(
    level: LevelOpt = None,
    days: DaysOpt = None,
    minutes: MinutesOpt = None,
    goal: GoalOpt = None,
    equipment: EquipmentOpt = None,
    sessions: SessionsOpt = None,
    weeks: Annotated[int, typer.Option(help="Length of the plan in weeks.")] = 8,
    start: Annotated[
        str | None, typer.Option(help="First day, YYYY-MM-DD (default: next training day).")
    ] = None,
    bodyweight: BodyweightOpt = None,
    e1rm: E1rmOpt = None,
    screening: ScreeningOpt = None,
    exclude: ExcludeOpt = None,
    unit: UnitOpt = None,
    seed: Annotated[int, typer.Option(help="Tie-break seed: same inputs and seed, same plan.")] = 0,
    save: Annotated[
        bool, typer.Option("--save", help="Store the profile and the plan (backcoach start follows it).")
    ] = False,
    db: DbOption = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the plan as Markdown.")] = False,
    json_: JsonFlag = False,
) -> None:
    """A multi-week back programme for your level, days, time, equipment and goal.

    Options you leave out come from your stored profile (backcoach profile set)."""
    cat = curated()
    stored = None
    if level is None or days is None or minutes is None or goal is None or save:
        with user_session(db) as (session, user):
            stored = current_profile(session, user_id=user.id)
    profile = profile_from_options(
        stored,
        level=level,
        days=days,
        minutes=minutes,
        goal=goal,
        equipment=equipment,
        sessions=sessions,
        bodyweight=bodyweight,
        e1rm=e1rm,
        screening=screening,
        exclude=exclude,
        unit=unit,
        weeks=weeks,
        start=start,
        seed=seed,
    )
    result = build_plan(profile, cat)
    if isinstance(result, NoPlan):
        _no_plan(result, json_)
        raise typer.Exit(NO_PLAN_EXIT)
    if save:
        with user_session(db) as (session, user):
            save_profile(session, user_id=user.id, profile=profile, catalog=cat, now=now())
            set_display_unit(session, user_id=user.id, display_unit=profile.unit.value)
            save_plan(session, user_id=user.id, plan=result, catalog=cat, now=now())
    if json_:
        emit_json(result.to_json())
    elif markdown:
        typer.echo(plan_markdown(result, cat), nl=False)
    else:
        _print_plan(result)
        if save:
            console.print("[green]Saved.[/green] Start today's session with: backcoach start")


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
