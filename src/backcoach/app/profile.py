"""The person's training profile: merged from what they change, validated, stored with history.

A stored profile's screening always comes from the person's latest stored screening (``screening``),
never from what a door claims: a claimed outcome is only ever a what-if for a plan preview.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import annotated_types
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy.orm import Session

from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import InputError, UnknownIdError
from backcoach.planning import Profile
from backcoach.planning.profile import Screening, Weekday
from backcoach.science.one_rep_max import MAX_REPS, estimate_1rm
from backcoach.science.units import from_kg
from backcoach.store import (
    User,
    current_profile,
    latest_screening,
    profile_history,
    save_profile,
    set_display_unit,
)

REQUIRED = ("level", "days", "minutes", "goal")
MAX_KNOWN_REPS = MAX_REPS  # the most reps a one-rep max is estimated from (science.one_rep_max)

# What a person calls each profile field: every message about a field names it so.
FIELD_NAMES = {
    "level": "Training experience",
    "days": "Training days",
    "sessions": "Back sessions a week",
    "minutes": "Minutes per session",
    "goal": "Your goal",
    "equipment": "Equipment",
    "weeks": "Plan length in weeks",
    "start": "Start date",
    "bodyweight_kg": "Body weight",
    "e1rm_kg": "Known strength",
    "known": "Known strength",
    "exclude": "Exercises to avoid",
    "unit": "Unit",
    "seed": "Variation",
    "desk_breaks_per_day": "Desk breaks a workday",
}
_UNIT_OF = {"bodyweight_kg": " kg"}


@dataclass(frozen=True)
class Limits:
    """A numeric profile field's range, read from ``Profile``'s own constraints (so a form's HTML
    limits and the messages can never drift from what the model accepts)."""

    low: float | None = None
    high: float | None = None
    low_exclusive: bool = False
    high_exclusive: bool = False


def limits(field: str) -> Limits:
    """The range ``Profile`` accepts for ``field`` (in kg for masses)."""
    out = Limits()
    for rule in Profile.model_fields[field].metadata:
        if isinstance(rule, annotated_types.Ge):
            out = Limits(float(rule.ge), out.high, False, out.high_exclusive)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Gt):
            out = Limits(float(rule.gt), out.high, True, out.high_exclusive)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Le):
            out = Limits(out.low, float(rule.le), out.low_exclusive, False)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Lt):
            out = Limits(out.low, float(rule.lt), out.low_exclusive, True)  # type: ignore[arg-type]
    return out


def _amount(field: str, value: float) -> str:
    if field == "bodyweight_kg":
        return f"{value:g} kg ({round(from_kg(value, 'lb'), 1):g} lb)"
    return f"{value:g}{_UNIT_OF.get(field, '')}"


def range_sentence(field: str) -> str:
    """ "Minutes per session must be from 10 to 240." — the field's whole range in plain words."""
    name, rng = FIELD_NAMES.get(field, field.replace("_", " ").capitalize()), limits(field)
    low = (
        None
        if rng.low is None
        else ("more than " if rng.low_exclusive else "at least ") + _amount(field, rng.low)
    )
    high = (
        None
        if rng.high is None
        else ("under " if rng.high_exclusive else "at most ") + _amount(field, rng.high)
    )
    return f"{name} must be {' and '.join(part for part in (low, high) if part)}."


def plain_message(error: ErrorDetails) -> str:
    """A validation error of ``Profile`` as a sentence naming the field as a person knows it,
    never pydantic's own words ("Input should be greater than 20")."""
    loc = error["loc"]
    field = str(loc[0]) if loc else "profile"
    name = FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if (
        kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal")
        and field in Profile.model_fields
    ):
        return range_sentence(field)
    if kind == "missing":
        return f"{name}: please fill this in."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name} must be a whole number."
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"{name} must be a number."
    if kind in ("enum", "literal_error"):
        return f"{name}: choose one of the options."
    if kind == "too_short":
        return "Pick at least one day you can train." if field == "days" else f"{name}: choose at least one."
    if kind == "too_long":
        return f"{name}: choose at most {ctx.get('max_length')}."
    if kind.startswith("date"):
        return f"{name} must be a date like 2026-12-01."
    if kind == "value_error":
        reason = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
        return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
    return f"{name} is not valid: please check it."


class ProfileInvalid(InputError):
    """Every problem of a profile at once, ``{field: sentence}``; its message is the first one
    ("minutes: Minutes per session must be at least 10 and at most 240."), for doors that show one."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        field, message = next(iter(self.problems.items()))
        super().__init__(f"{field}: {message}", field=field)


@dataclass(frozen=True)
class KnownLift:
    """A lift a person knows they can do: ``load_kg`` for ``reps`` clean reps (1: a one-rep max)."""

    exercise_id: str
    load_kg: float
    reps: int


def known_e1rm(lifts: Iterable[KnownLift | Mapping[str, Any]]) -> dict[str, float]:
    """Each exercise's estimated one-rep max from the lifts given (the science core's estimate,
    ``science.one_rep_max``; the best when an exercise comes twice), to 0.1 kg.

    A lift outside what the estimate takes (no load, 0 or over ``MAX_KNOWN_REPS`` reps) is a
    ProfileInvalid on ``known``."""
    out: dict[str, float] = {}
    for given in lifts:
        lift = given if isinstance(given, KnownLift) else KnownLift(**given)
        if not 1 <= lift.reps <= MAX_KNOWN_REPS or not lift.load_kg > 0:
            reason = f"give a load above 0 and 1 to {MAX_KNOWN_REPS} reps for each lift"
            raise ProfileInvalid({"known": f"Known strength: {reason}."})
        e1rm = round(estimate_1rm(lift.load_kg, lift.reps).value, 1)
        out[lift.exercise_id] = max(out.get(lift.exercise_id, 0.0), e1rm)
    return out


def _field_of(error: ErrorDetails) -> str:
    """The top-level field an error is about ("profile": a rule over several fields)."""
    loc = error["loc"]
    return str(loc[0]) if loc else "profile"


@contextmanager
def field_named(name: str) -> Iterator[None]:
    """An unknown id given in a form or body is that field's error (422), not a missing page."""
    try:
        yield
    except UnknownIdError as exc:
        raise InputError(f"{name}: {exc}", field=name) from None


def next_training_day(days: Sequence[Weekday], today: date) -> date:
    """The first of ``days`` on or after ``today``."""
    return min(today + timedelta(days=(d.number - today.weekday()) % 7) for d in days)


def merged(
    base: Profile | None,
    changes: Mapping[str, Any],
    *,
    catalog: Catalog,
    today: date,
    clear: Iterable[str] = (),
) -> Profile:
    """``base`` (the stored profile, or nothing) with ``changes`` applied, validated.

    ``clear`` names optional fields to reset (a form left empty). ``known`` (lifts a person
    knows, ``KnownLift`` or its fields) become estimated one-rep maxima over ``e1rm_kg``. Without
    a base, level, days, minutes and goal are required. Equipment, exercise and muscle ids
    are checked against the catalogue; ``start`` defaults to the next training day. Any problem is
    an InputError naming the field.
    """
    changes = dict(changes)
    known = changes.pop("known", None)  # lifts a person knows: become e1RMs, over any given
    fields: dict[str, Any] = base.model_dump() if base is not None else {}
    fields.update({k: v for k, v in changes.items() if v is not None})
    if known:
        fields["e1rm_kg"] = {**(fields.get("e1rm_kg") or {}), **known_e1rm(known)}
    for name in clear:
        if changes.get(name) is None:
            fields[name] = None
    missing = [name for name in REQUIRED if name not in fields]
    if missing:
        raise ProfileInvalid({name: f"{FIELD_NAMES[name]}: please fill this in." for name in missing})
    with field_named("equipment"):
        for item in fields.get("equipment") or ():
            catalog.equipment_item(item)
    with field_named("exclude"):
        for item in fields.get("exclude") or ():
            if item not in catalog.muscles:
                catalog.exercise(item)
    with field_named("e1rm_kg"):
        for exercise_id in fields.get("e1rm_kg") or {}:
            catalog.exercise(exercise_id)
    if changes.get("start") is None:
        fields.pop("start", None)
    try:
        if fields.get("start") is None:
            days = Profile.model_validate({**fields, "start": today}).days
            fields["start"] = next_training_day(days, today)
        return Profile.model_validate(fields)
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for err in exc.errors():
            problems.setdefault(_field_of(err), plain_message(err))
        raise ProfileInvalid(problems) from None


def screened(db: Session, user: User, profile: Profile) -> Profile:
    """The profile with the outcome of the person's latest screening (never a claimed one)."""
    latest = latest_screening(db, user_id=user.id)
    if latest is None:
        return profile
    return profile.model_copy(update={"screening": Screening(latest.outcome.value)})


@dataclass(frozen=True)
class ProfileView:
    profile: Profile
    screening: str  # the latest stored screening's outcome, or "not_taken"
    versions: int

    def to_json(self) -> dict[str, Any]:
        """The profile's JSON (``profile show --json``) with the screening as stored."""
        out: dict[str, Any] = self.profile.model_dump(mode="json")
        out["screening"] = self.screening
        out["desk_breaks_per_day"] = self.profile.desk_breaks_per_day  # the dump leaves out 0
        return out


def _view(db: Session, user: User, profile: Profile) -> ProfileView:
    latest = latest_screening(db, user_id=user.id)
    outcome = latest.outcome.value if latest is not None else "not_taken"
    return ProfileView(profile, outcome, len(profile_history(db, user_id=user.id)))


def save(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    changes: Mapping[str, Any],
    now: datetime,
    clear: Iterable[str] = (),
) -> ProfileView:
    """Store a new version of the person's profile with ``changes`` applied (options left out keep
    their stored values); its display unit becomes the person's."""
    changes = {k: v for k, v in changes.items() if k != "screening"}
    with uow as db:
        stored = current_profile(db, user_id=user.id)
        profile = screened(db, user, merged(stored, changes, catalog=catalog, today=now.date(), clear=clear))
        save_profile(db, user_id=user.id, profile=profile, catalog=catalog, now=now)
        set_display_unit(db, user_id=user.id, display_unit=profile.unit.value)
        return _view(db, user, profile)


def check(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    changes: Mapping[str, Any],
    now: datetime,
    clear: Iterable[str] = (),
) -> Profile:
    """What ``save`` would store, stored nowhere: a ProfileInvalid lists every problem."""
    with uow as db:
        stored = current_profile(db, user_id=user.id)
    return merged(stored, changes, catalog=catalog, today=now.date(), clear=clear)


def show(uow: UnitOfWork, *, user: User) -> ProfileView | None:
    """The person's current profile, or None when none is stored."""
    with uow as db:
        profile = current_profile(db, user_id=user.id)
        return None if profile is None else _view(db, user, profile)


def stored(uow: UnitOfWork, *, user: User) -> Profile | None:
    with uow as db:
        return current_profile(db, user_id=user.id)
