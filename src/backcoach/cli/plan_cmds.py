"""The plan command, and the profile options it shares with ``profile set``.

The options become a ``changes`` mapping of profile fields; merging them with the stored profile,
validating and planning are the use cases' work (``app.profile``, ``app.plan``). Without
``--save`` the plan is a preview that stores nothing (``--screening`` may claim an outcome there,
as a what-if); with it, the plan is made from the stored screening and saved, if the safety gate
allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli import choices
from backcoach.cli.app import JsonFlag, app, console, curated, emit_json, fail, handles_errors
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

if TYPE_CHECKING:
    from backcoach.app.desk_breaks import DeskBreakView
    from backcoach.planning import NoPlan, Plan

NO_PLAN_EXIT = 3
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MASS = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,6})?)\s*(kg|lb)?\s*$", re.IGNORECASE)
# Profile fields given by options, by the option's name where it differs.
_OPTION_OF = {
    **{name: name for name in ("level", "days", "minutes", "goal", "equipment", "sessions")},
    **{name: name for name in ("exclude", "unit", "weeks", "start", "seed", "screening")},
    "bodyweight_kg": "bodyweight",
    "e1rm_kg": "e1rm",
    "known": "known",
    "desk_breaks_per_day": "desk_breaks",
}
_KNOWN = re.compile(r"^(?P<exercise>[^=]+)=(?P<mass>[^x×]+)[x×](?P<reps>\d{1,3})$", re.IGNORECASE)


def _ids(raw: str | None) -> list[str]:
    return [p.strip() for p in (raw or "").split(",") if p.strip()]


def _days(raw: str) -> list[str]:
    out = []
    for part in _ids(raw):
        day = part.lower()[:3]
        if day not in WEEKDAYS:
            shown = part if len(part) <= 20 else part[:17] + "..."
            raise InputError(f"--days: '{shown}' is not a weekday (use mon,tue,wed,thu,fri,sat,sun)")
        out.append(day)
    if not out:
        raise InputError("--days needs at least one weekday, e.g. --days mon,thu")
    return out


def _mass(raw: str, default_unit: str, what: str) -> float:
    from backcoach.science.units import to_kg

    match = _MASS.match(raw) if len(raw) <= 40 else None
    if match is None:
        shown = raw if len(raw) <= 20 else raw[:17] + "..."
        raise InputError(f"{what}: '{shown}' is not a mass like 80kg or 176lb")
    return to_kg(float(match.group(1)), (match.group(2) or default_unit).lower())


def _e1rms(values: list[str], unit: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for value in values:
        exercise_id, sep, mass = value.partition("=")
        if not sep:
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise InputError(f"--e1rm: '{shown}' should look like bent-over-barbell-row=100kg")
        out[exercise_id.strip()] = _mass(mass, unit, "--e1rm")
    return out


def _known(values: list[str], unit: str) -> list[dict[str, Any]]:
    """``pull-up=20kgx5`` → the lift the science core turns into an estimated one-rep max."""
    out: list[dict[str, Any]] = []
    for value in values:
        match = _KNOWN.match(value.strip()) if len(value) <= 120 else None
        if match is None:
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise InputError(f"--known: '{shown}' should look like barbell-row=60kgx8 (exercise=load x reps)")
        out.append(
            {
                "exercise_id": match.group("exercise").strip(),
                "load_kg": _mass(match.group("mass"), unit, "--known"),
                "reps": int(match.group("reps")),
            }
        )
    return out


LevelOpt = Annotated[choices.Level | None, typer.Option(help="Your training level (ACSM definitions).")]
DaysOpt = Annotated[str | None, typer.Option(help="Weekdays you can train, e.g. mon,thu.")]
MinutesOpt = Annotated[int | None, typer.Option(help="Minutes per session (10-240).")]
GoalOpt = Annotated[choices.Goal | None, typer.Option(help="What you train for.")]
EquipmentOpt = Annotated[
    str | None, typer.Option(help="Comma-separated equipment ids (see backcoach equipment).")
]
SessionsOpt = Annotated[int | None, typer.Option(help="Back sessions a week (default: as many as allowed).")]
BodyweightOpt = Annotated[str | None, typer.Option(help="Body weight, e.g. 80kg or 176lb.")]
E1rmOpt = Annotated[list[str] | None, typer.Option(help="Known one-rep max, e.g. pull-up=20kg (repeatable).")]
KnownOpt = Annotated[
    list[str] | None,
    typer.Option(
        help="A lift you know, as exercise=LOADxREPS, e.g. barbell-row=60kgx8 (repeatable): "
        "it becomes that exercise's estimated one-rep max."
    ),
]
ExcludeOpt = Annotated[str | None, typer.Option(help="Exercise or muscle ids to leave out.")]
UnitOpt = Annotated[choices.Unit | None, typer.Option(help="Show loads in kg or lb.")]
DeskBreaksOpt = Annotated[
    int | None,
    typer.Option(
        help="Desk breaks a workday (0-4; 0: none): a few minutes of mobility drills, Monday to Friday."
    ),
]


def profile_changes(
    *,
    default_unit: str,
    level: str | None = None,
    days: str | None = None,
    minutes: int | None = None,
    goal: str | None = None,
    equipment: str | None = None,
    sessions: int | None = None,
    bodyweight: str | None = None,
    e1rm: list[str] | None = None,
    known: list[str] | None = None,
    exclude: str | None = None,
    unit: str | None = None,
    weeks: int | None = None,
    start: str | None = None,
    seed: int | None = None,
    desk_breaks: int | None = None,
) -> dict[str, Any]:
    """The profile fields the options give (options left out are absent), parsed but not yet
    validated: ``app.profile.merged`` applies them to the stored profile and validates the whole.
    A mass written without a unit is in ``unit``, else ``default_unit`` (the person's)."""
    from backcoach.app import bounds

    shown = unit or default_unit
    changes: dict[str, Any] = {
        "level": level,
        "days": None if days is None else _days(days),
        "minutes": minutes,
        "goal": goal,
        "equipment": None if equipment is None else frozenset(_ids(equipment)),
        "sessions": sessions,
        "bodyweight_kg": None if bodyweight is None else _mass(bodyweight, shown, "--bodyweight"),
        "e1rm_kg": _e1rms(e1rm, shown) if e1rm else None,
        "known": _known(known, shown) if known else None,
        "exclude": None if exclude is None else frozenset(_ids(exclude)),
        "unit": unit,
        "weeks": weeks,
        "start": None if start is None else bounds.parse_date(start, "--start"),
        "seed": seed,
        "desk_breaks_per_day": desk_breaks,
    }
    return {k: v for k, v in changes.items() if v is not None}


@contextmanager
def as_options() -> Iterator[None]:
    """Errors that name a profile field name the option instead (``days:`` → ``--days:``)."""
    try:
        yield
    except InputError as exc:
        root = (exc.field or "").split(".")[0]
        message = str(exc).replace("Value error, ", "")  # pydantic's prefix says nothing to a person
        if root in _OPTION_OF and message.startswith(root):
            message = "--" + _OPTION_OF[root].replace("_", "-") + message[len(root) :]
        raise InputError(message, field=exc.field) from None


@app.command(short_help="A multi-week back programme (a preview, or --save).")
@handles_errors
def plan(
    level: LevelOpt = None,
    days: DaysOpt = None,
    minutes: MinutesOpt = None,
    goal: GoalOpt = None,
    equipment: EquipmentOpt = None,
    sessions: SessionsOpt = None,
    weeks: Annotated[
        int | None, typer.Option(help="Length of the plan in weeks (1-52; default: stored, else 8).")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First day, YYYY-MM-DD (default: next training day).")
    ] = None,
    bodyweight: BodyweightOpt = None,
    e1rm: E1rmOpt = None,
    screening: Annotated[
        choices.Screening | None,
        typer.Option(help="What-if: preview the plan for this screening outcome (never saved)."),
    ] = None,
    exclude: ExcludeOpt = None,
    unit: UnitOpt = None,
    seed: Annotated[int | None, typer.Option(help="Tie-break seed: same inputs and seed, same plan.")] = None,
    desk_breaks: DeskBreaksOpt = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="Store the profile and the plan (backcoach start follows it)."),
    ] = False,
    db: DbOption = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the plan as Markdown.")] = False,
    json_: JsonFlag = False,
) -> None:
    """A multi-week back programme for your level, days, time, equipment and goal.

    Options you leave out come from your stored profile (backcoach profile set). Without --save
    nothing is stored; with it, the plan follows your stored screening (backcoach screen)."""
    from backcoach.app import desk_breaks as desk_uc
    from backcoach.app import plan as use_case
    from backcoach.cli.progress import progress_bar
    from backcoach.planning import NoPlan

    if save and screening is not None:
        raise InputError(
            "--screening is a what-if for a preview and cannot be saved: run 'backcoach screen' "
            "to record your screening, then 'backcoach plan --save'"
        )
    cat = curated()
    moment = now()
    with unit_of_work(db, readonly=not save) as (uow, user), as_options():
        changes = profile_changes(
            default_unit=user.display_unit, level=level, days=days, minutes=minutes, goal=goal,
            equipment=equipment, sessions=sessions, bodyweight=bodyweight, e1rm=e1rm, exclude=exclude,
            unit=unit, weeks=weeks, start=start, seed=seed, desk_breaks=desk_breaks,
        )  # fmt: skip
        # The solver gives no steps to count: the bar pulses, with the time taken, while it works.
        with progress_bar("Building your plan", json_=json_ or markdown):
            if save:
                made = use_case.make(uow, catalog=cat, user=user, now=moment, changes=changes, save=True)
            else:
                what_if = changes if screening is None else {**changes, "screening": screening}
                made = use_case.preview_for(uow, catalog=cat, user=user, changes=what_if, today=moment.date())
        shown = made.plan if isinstance(made, use_case.Saved) else made
        desk = (  # the breaks of the profile this plan used, under the person's safety gate
            None
            if isinstance(shown, NoPlan)
            else desk_uc.current(uow, catalog=cat, user=user, now=moment, profile=shown.profile)
        )
    if isinstance(made, NoPlan):
        _no_plan(made, json_)
        raise typer.Exit(NO_PLAN_EXIT)
    result = made if not isinstance(made, use_case.Saved) else made.plan
    scheduled = made.scheduled if isinstance(made, use_case.Saved) else ()
    if json_:
        emit_json(use_case.to_json(result, scheduled, desk, now=moment))
    elif markdown:
        from backcoach.interop.plan_markdown import plan_markdown

        typer.echo(plan_markdown(result, cat), nl=False)
    else:
        _print_plan(result)
        if desk is not None:
            _print_desk_breaks(desk)
        if save:
            console.print("[green]Saved.[/green] Start a session on a training day with: backcoach start")


def _no_plan(result: NoPlan, json_: bool) -> None:
    if json_:
        emit_json(result.to_json())
        return
    from rich.markup import escape
    from rich.panel import Panel

    title = "No plan: see a professional first" if result.solver.status == "REFUSED" else "No plan fits"
    body = "\n".join([*(f"• {c}" for c in result.conflicts), "", *(f"→ {s}" for s in result.suggestions)])
    console.print(Panel(escape(body), title=title, border_style="red"))
    raise fail(result.conflicts[0] if result.conflicts else "no plan fits these options", NO_PLAN_EXIT)


def _print_plan(result: Plan) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    from backcoach.science.units import from_kg

    cat = curated()
    unit = result.profile.unit.value
    weeks = len(result.weeks)
    from backcoach.planning.explain import split_sources

    reasons, sources = split_sources(result.explanations)
    console.print(
        Panel(
            "\n".join(
                [
                    *(f"• {escape(e)}" for e in reasons),
                    *(["", "Sources:", *(f"  {escape(s)}" for s in sources)] if sources else []),
                ]
            ),
            title=f"Your plan ({weeks} week{'s' if weeks != 1 else ''}, from {result.profile.start})",
        )
    )
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
                    if item.role == "ramp":  # each ramp-up set: the loads climb, the reps fall
                        reps = ", ".join(str(r.reps_max) for r in work)
                        if any(r.load_kg is not None for r in work):
                            kgs = (round(from_kg(r.load_kg or 0, unit), 1) for r in work)
                            load = ", ".join(f"{k:g}" for k in kgs) + f" {unit}"
                    name = cat.exercise(item.exercise_id).name + (
                        f" [{item.superset}]" if item.superset else ""
                    )
                    table.add_row(
                        block.kind,
                        escape(name),
                        str(len(work)),
                        reps,
                        load,
                        "" if s.rir is None or s.hold_s is not None else str(s.rir),
                        f"{s.rest_s}s",
                    )
            console.print(table)
    if len(result.weeks) > 2:
        console.print(
            f"[dim]… {len(result.weeks) - 2} more weeks: use --markdown or --json for the whole plan.[/dim]"
        )


def _print_desk_breaks(view: DeskBreakView) -> None:
    """The desk-break routine under the plan: its times, its drills with their seconds, or why not."""
    from rich.markup import escape
    from rich.table import Table

    from backcoach.app.desk_breaks import dose_text

    breaks = view.breaks
    if breaks is None:
        return
    from backcoach.app.desk_breaks import schedule_text

    title = f"Desk breaks, {schedule_text(breaks)}"
    if view.hold is not None:
        console.print(f"[b]{title}[/b]: on hold: {escape(view.hold.message)}.")
        return
    if breaks.routine is None:
        console.print(f"[b]{title}[/b]: {escape(breaks.missing or 'no drills suit you')}.")
        return
    cat = curated()
    minutes = breaks.routine.total_s / 60
    table = Table(title=f"{title} · about {minutes:.0f} min each", show_edge=False)
    for col in ("drill", "dose", "seconds"):
        table.add_column(col)
    for drill in breaks.routine.drills:
        table.add_row(escape(cat.exercise(drill.exercise_id).name), dose_text(drill), str(drill.seconds))
    console.print(table)
