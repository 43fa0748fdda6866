"""Profile commands: store who you are and what you train with; show it back.

The screening is never set here: the stored profile takes it from the person's latest screening
(``backcoach screen``), so a claimed outcome cannot reach stored state.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backcoach.cli.app import Backcoach, JsonFlag, console, curated, emit_json, handles_errors
from backcoach.cli.app import app as root
from backcoach.cli.plan_cmds import (
    BodyweightOpt,
    DaysOpt,
    DeskBreaksOpt,
    E1rmOpt,
    EquipmentOpt,
    ExcludeOpt,
    GoalOpt,
    KnownOpt,
    LevelOpt,
    MinutesOpt,
    SessionsOpt,
    UnitOpt,
    as_options,
    profile_changes,
)
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

profile_app = Backcoach(help="Your training profile (stored with its history).", no_args_is_help=True)
root.add_typer(profile_app, name="profile")


@profile_app.command("set")
@handles_errors
def set_(
    level: LevelOpt = None,
    days: DaysOpt = None,
    minutes: MinutesOpt = None,
    goal: GoalOpt = None,
    equipment: EquipmentOpt = None,
    sessions: SessionsOpt = None,
    bodyweight: BodyweightOpt = None,
    e1rm: E1rmOpt = None,
    known: KnownOpt = None,
    screening: Annotated[
        str | None, typer.Option(hidden=True, help="Not set here: answer 'backcoach screen'.")
    ] = None,
    exclude: ExcludeOpt = None,
    unit: UnitOpt = None,
    desk_breaks: DeskBreaksOpt = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Store your profile; options you leave out keep their stored values."""
    from backcoach.app import profile as use_case

    if screening is not None:
        raise InputError(
            "--screening: your screening outcome comes from answering the safety questions: "
            "run 'backcoach screen'"
        )
    cat = curated()
    with unit_of_work(db) as (uow, user), as_options():
        changes = profile_changes(
            default_unit=user.display_unit, level=level, days=days, minutes=minutes, goal=goal,
            equipment=equipment, sessions=sessions, bodyweight=bodyweight, e1rm=e1rm, known=known,
            exclude=exclude, unit=unit, desk_breaks=desk_breaks,
        )  # fmt: skip
        view = use_case.save(uow, catalog=cat, user=user, changes=changes, now=now())
    if json_:
        emit_json({"profile": view.to_json(), "versions": view.versions})
        return
    console.print(f"Profile saved (version {view.versions}). Make a plan from it with: backcoach plan --save")


@profile_app.command("show")
@handles_errors
def show(db: DbOption = None, json_: JsonFlag = False) -> None:
    """Your current profile."""
    from rich.markup import escape

    from backcoach.app import profile as use_case

    with unit_of_work(db, readonly=True) as (uow, user):
        view = use_case.show(uow, user=user)
    if view is None:
        raise InputError(
            "no profile stored yet: run 'backcoach profile set --level … --days … --minutes … --goal …'"
        )
    shown = view.to_json()
    if json_:
        emit_json(shown)
        return
    for key, value in shown.items():
        console.print(f"[b]{key}[/b]: {escape(_text(key, value))}")


def _text(key: str, value: object) -> str:
    """A profile value as a person reads it: lists joined, numbers rounded, nothing as "-"."""
    if value is None or value == [] or value == {}:
        return "-"
    if key == "screening" and isinstance(value, str):
        return value.replace("_", " ")
    if isinstance(value, float):
        return f"{round(value, 1):g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(k, v)}" for k, v in value.items())
    return str(value)
