"""Profile commands: store who you are and what you train with; show it back."""

from __future__ import annotations

import typer

from backcoach.catalog import curated
from backcoach.cli.app import JsonFlag, console, emit_json, handles_errors
from backcoach.cli.app import app as root
from backcoach.cli.plan_cmds import (
    BodyweightOpt,
    DaysOpt,
    E1rmOpt,
    EquipmentOpt,
    ExcludeOpt,
    GoalOpt,
    LevelOpt,
    MinutesOpt,
    ScreeningOpt,
    SessionsOpt,
    UnitOpt,
    profile_from_options,
)
from backcoach.cli.storage import DbOption, now, user_session
from backcoach.errors import InputError
from backcoach.store import current_profile, profile_history, save_profile, set_display_unit

profile_app = typer.Typer(help="Your training profile (stored with its history).", no_args_is_help=True)
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
    screening: ScreeningOpt = None,
    exclude: ExcludeOpt = None,
    unit: UnitOpt = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Store your profile; options you leave out keep their stored values."""
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
        )
        save_profile(session, user_id=user.id, profile=profile, catalog=curated(), now=now())
        set_display_unit(session, user_id=user.id, display_unit=profile.unit.value)
        versions = len(profile_history(session, user_id=user.id))
    if json_:
        emit_json({"profile": profile.model_dump(mode="json"), "versions": versions})
        return
    console.print(f"Profile saved (version {versions}). Make a plan from it with: backcoach plan --save")


@profile_app.command("show")
@handles_errors
def show(db: DbOption = None, json_: JsonFlag = False) -> None:
    """Your current profile."""
    with user_session(db) as (session, user):
        profile = current_profile(session, user_id=user.id)
    if profile is None:
        raise InputError(
            "no profile stored yet: run 'backcoach profile set --level … --days … --minutes … --goal …'"
        )
    if json_:
        emit_json(profile.model_dump(mode="json"))
        return
    for key, value in profile.model_dump(mode="json").items():
        console.print(f"[b]{key}[/b]: {value}")
