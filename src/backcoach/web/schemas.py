"""Request and response bodies of the JSON API, kept apart from the store's tables (STYLE.md §7).

``XCreate`` is what a client sends to make something, ``XUpdate`` what it sends to change it,
``XPublic`` what the API returns. Masses are kilograms (``load_kg``, ``bodyweight_kg``); a client
that works in pounds may send ``load`` (or ``bodyweight``) with ``unit`` instead, converted here at
the edge. Shapes that are already a contract elsewhere (the catalogue's ``catalog.public``, the
CLI's ``--json`` outputs, ``Plan.to_json()``) are returned as they are, documented as objects.

Every input is bounded here, at the edge, so that nothing a client sends reaches the domain as a
value it cannot hold: each number has a range (the domain's own, where it has one: the sets'
limits in ``sessions.records``, the profile's in ``planning.profile``), each string and list a
maximum length, each date the supported range of ``app.bounds``. Numbers and yes/no answers are
strict (``"5"`` is not 5, ``1`` is not true), and dates are ISO text, never a number of seconds.
An error is ``ErrorsPublic``: one ``{"field", "message"}`` per problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from backcoach.app import bounds
from backcoach.app.gate import HoldCode
from backcoach.app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from backcoach.app.profile import MAX_KNOWN_REPS
from backcoach.catalog import Level
from backcoach.errors import InputError
from backcoach.planning.profile import MAX_DESK_BREAKS, Goal, Weekday
from backcoach.safety.pain import MAX_SEVERITY
from backcoach.science.units import KG_PER_LB, to_kg
from backcoach.sessions import SetType
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_REST_S, MAX_RIR, MAX_SET_NOTE
from backcoach.store.accounts import MAX_EMAIL, MIN_EMAIL
from backcoach.store.users import MAX_NAME
from backcoach.web.deps import MAX_RECORD_ID

UnitName = Literal["kg", "lb"]
MAX_ID_LENGTH = 80  # a catalogue id (exercise, muscle, equipment, question); curated ones are <= 35
Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH)]
MAX_IDS = 200  # ids in one list (equipment, exclusions, e1RMs): the catalogue holds fewer exercises

# The sets' limits (``sessions.records``: a typo, not a training decision, is what they catch).
# ``load`` is in the request's unit: its bound is the domain's in pounds, the larger number; a
# load in kg above MAX_LOAD_KG is refused by the domain after conversion, naming the field.
LoadKg = Annotated[float, Field(strict=True, ge=0, le=MAX_LOAD_KG, allow_inf_nan=False)]
LoadInUnit = Annotated[
    float, Field(strict=True, ge=0, le=round(MAX_LOAD_KG / KG_PER_LB), allow_inf_nan=False)
]
Rir = Annotated[float, Field(strict=True, ge=0, le=MAX_RIR, allow_inf_nan=False)]
Seconds = Annotated[int, Field(strict=True, ge=0, le=MAX_REST_S)]
Reps = Annotated[int, Field(strict=True, ge=0, le=MAX_REPS)]
Severity = Annotated[
    int, Field(strict=True, ge=0, le=MAX_SEVERITY, description=f"0 (none) to {MAX_SEVERITY} (worst).")
]

# The profile's limits, as ``planning.profile.Profile`` checks them (a test holds them equal).
MIN_BODYWEIGHT_KG = 20  # exclusive
MAX_BODYWEIGHT_KG = 400
MAX_E1RM_KG = MAX_LOAD_KG  # an estimated one-rep max is a load
MAX_PLAN_WEEKS = 52  # a plan runs at most a year
MAX_SEED = 2**31 - 1  # the solver's random seed, kept within a 32-bit integer everywhere

# ---------------------------------------------------------------------- dates, weeks and times

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339's date-time (OpenAPI's ``date-time``): seconds and an offset are required.
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _refusal(exc: InputError) -> PydanticCustomError:
    """The domain's InputError as a pydantic error: its location names the field, so the message
    drops the ``field:`` it starts with."""
    message = str(exc)
    if exc.field is not None:
        message = message.removeprefix(f"{exc.field}: ")
    return PydanticCustomError("out_of_range", message)


def _day_text(value: object) -> object:
    """Only a date, or text written as YYYY-MM-DD (not a timestamp, not a date and time)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", "must be a date written like 2026-12-01")


def _day_in_range(value: dt.date) -> dt.date:
    try:
        return bounds.check_date(value, "date")
    except InputError as exc:
        raise _refusal(exc) from None


def _moment_text(value: object) -> object:
    """Only an aware datetime, or RFC 3339 text with seconds and an offset (Z or +01:00)."""
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return value
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        return value
    raise PydanticCustomError(
        "datetime_format", "must be a date and time with its time zone, like 2026-12-01T18:30:00+01:00"
    )


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    try:
        return bounds.check_datetime(value, "time")
    except InputError as exc:
        raise _refusal(exc) from None


def _week_in_range(value: str) -> str:
    try:
        return bounds.check_week(value, "week")
    except InputError as exc:
        raise _refusal(exc) from None


# A calendar date in the supported range (``app.bounds``), written YYYY-MM-DD.
Day = Annotated[dt.date, BeforeValidator(_day_text), AfterValidator(_day_in_range)]
# A moment with its time zone (RFC 3339), on a day in the supported range, as written and in UTC.
Moment = Annotated[dt.datetime, BeforeValidator(_moment_text), AfterValidator(_moment_in_range)]
# An ISO week "YYYY-Www" whose Monday and Sunday are in the supported range.
IsoWeek = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{4}-W\d{2}$", max_length=8),
    AfterValidator(_week_in_range),
]


# ---------------------------------------------------------------------- errors


class ErrorPublic(BaseModel):
    field: str | None = Field(description="The input at fault (`sets.0.reps`), or null for the request.")
    message: str = Field(description="What is wrong, in words a person reads.")


class ErrorsPublic(BaseModel):
    """Every error answer of the API: one entry per problem found."""

    errors: list[ErrorPublic]
    detail: str | None = Field(default=None, description="Only when the safety gate holds you: why.")
    code: HoldCode | None = Field(
        default=None, description="Only when the safety gate holds you: the way forward."
    )


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------- accounts


# A password is taken exactly as typed, spaces included, through every door (``app.passwords``):
# the models' whitespace stripping does not apply to it.
Password = Annotated[str, StringConstraints(strip_whitespace=False), Field(max_length=MAX_PASSWORD_LENGTH)]
NEW_PASSWORD = (
    f"At least {MIN_PASSWORD_LENGTH} characters, exactly as typed (spaces count), and not easy to guess: "
    "a few uncommon words together work well. A weak one is refused with the reason."
)


class SignUpCreate(_In):
    name: str = Field(min_length=1, max_length=MAX_NAME, description="How backcoach greets you.")
    email: str = Field(min_length=MIN_EMAIL, max_length=MAX_EMAIL, pattern=r"^[^@\s]+@[^@\s]+$")
    password: Password = Field(min_length=MIN_PASSWORD_LENGTH, description=NEW_PASSWORD)


class SignInCreate(_In):
    email: str = Field(min_length=1, max_length=MAX_EMAIL)
    password: Password = Field(min_length=1, description="Exactly as typed (spaces count).")


class PasswordUpdate(_In):
    current_password: Password = Field(min_length=1, description="The password you sign in with now.")
    new_password: Password = Field(min_length=MIN_PASSWORD_LENGTH, description=NEW_PASSWORD)


class UserPublic(BaseModel):
    id: int
    name: str
    email: str | None
    display_unit: UnitName
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header on unsafe requests.")


class CsrfPublic(BaseModel):
    csrf_token: str


# ---------------------------------------------------------------------- profile, screening, pain


class KnownLiftIn(_In):
    """A lift you know you can do: ``load_kg`` for ``reps`` clean reps (1 rep: your one-rep max)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"exercise": "pull-up", "load_kg": 20, "reps": 5}]}
    )

    exercise: Id = Field(description="An exercise id from the catalogue.")
    load_kg: LoadKg = Field(description="The load lifted, in kg (added load for body-weight exercises).")
    reps: int = Field(strict=True, ge=1, le=MAX_KNOWN_REPS, description="Clean reps done at that load.")


class ProfileUpdate(_In):
    """Fields left out keep their stored values; without a stored profile, level, days, minutes
    and goal are required. The screening outcome always comes from your latest screening."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "level": "beginner",
                    "days": ["mon", "wed", "fri"],
                    "minutes": 45,
                    "goal": "posture",
                    "equipment": ["dumbbells"],
                }
            ]
        }
    )

    level: Level | None = None
    days: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    sessions: int | None = Field(default=None, strict=True, ge=1, le=7)
    minutes: int | None = Field(default=None, strict=True, ge=10, le=240)
    goal: Goal | None = None
    equipment: list[Id] | None = Field(default=None, max_length=MAX_IDS)
    weeks: int | None = Field(default=None, strict=True, ge=1, le=MAX_PLAN_WEEKS)
    start: Day | None = Field(default=None, description="The plan's first day (default: today).")
    bodyweight_kg: float | None = Field(
        default=None, strict=True, gt=MIN_BODYWEIGHT_KG, le=MAX_BODYWEIGHT_KG, allow_inf_nan=False
    )
    bodyweight: float | None = Field(
        default=None,
        strict=True,
        gt=MIN_BODYWEIGHT_KG,  # the loosest bounds of the two units; the domain checks the kg
        le=round(MAX_BODYWEIGHT_KG / KG_PER_LB),
        allow_inf_nan=False,
        description="Body weight in `unit`.",
    )
    e1rm_kg: (
        dict[Id, Annotated[float, Field(strict=True, gt=0, le=MAX_E1RM_KG, allow_inf_nan=False)]] | None
    ) = Field(default=None, max_length=MAX_IDS, description="Exercise id to estimated one-rep max (kg).")
    known: list[KnownLiftIn] | None = Field(
        default=None,
        max_length=MAX_IDS,
        description="Lifts you know (exercise, load, reps): each becomes that exercise's estimated "
        "one-rep max, so the plan's first loads come from them.",
    )
    exclude: list[Id] | None = Field(default=None, max_length=MAX_IDS)
    unit: UnitName | None = Field(default=None, description="How masses are shown to you (kg or lb).")
    seed: int | None = Field(default=None, strict=True, ge=0, le=MAX_SEED)
    # The range is the profile's own check, so a refusal reads as the page's sentence; the
    # document still states it.
    desk_breaks_per_day: int | None = Field(
        default=None,
        strict=True,
        json_schema_extra={
            "anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_DESK_BREAKS}, {"type": "null"}]
        },
        description="Desk breaks a workday (0: none): a few minutes of mobility drills, in your plan.",
    )

    @model_validator(mode="after")
    def _one_bodyweight(self) -> Self:
        if self.bodyweight is not None and self.bodyweight_kg is not None:
            raise ValueError("give bodyweight_kg, or bodyweight with unit, not both")
        return self

    def changes(self, stored_unit: str) -> dict[str, Any]:
        """The fields given, as the profile takes them (body weight in kg)."""
        out = self.model_dump(exclude_none=True, exclude={"bodyweight", "known"})
        if self.known is not None:
            out["known"] = [
                {"exercise_id": k.exercise, "load_kg": k.load_kg, "reps": k.reps} for k in self.known
            ]
        if self.bodyweight is not None:
            out["bodyweight_kg"] = to_kg(self.bodyweight, self.unit or stored_unit)
        return out


class ScreeningCreate(_In):
    model_config = ConfigDict(json_schema_extra={"examples": [{"answers": {"parq1": False}}]})

    answers: dict[Id, StrictBool] = Field(
        max_length=MAX_IDS, description="Question id to true (yes) or false; unanswered = no."
    )


class QuestionPublic(BaseModel):
    id: str
    text: str
    kind: str
    severity: str | None
    applies_when: list[str]


class ScreeningPublic(BaseModel):
    outcome: str
    headline: str
    reasons: list[str]
    advice: list[str]
    triggered: list[str]
    sources: list[str]
    valid_months: int | None


class PainCreate(_In):
    model_config = ConfigDict(json_schema_extra={"examples": [{"location": "lower_back", "severity": 3}]})

    location: str = Field(min_length=1, max_length=80, description="A body region or a muscle id.")
    severity: Severity
    sharp: StrictBool = False
    radiating: StrictBool = False
    numbness: StrictBool = False
    saddle_numbness: StrictBool = False
    bladder_or_bowel_change: StrictBool = False
    leg_weakness: StrictBool = False
    both_legs: StrictBool = False
    exercise_id: Id | None = Field(default=None, description="The exercise you were doing, if any.")


class PainPublic(BaseModel):
    action: str
    headline: str
    reasons: list[str]
    substitute: str | None
    substitute_name: str | None
    sources: list[str]
    rules: list[str]


# ---------------------------------------------------------------------- plan


class PlanCreate(_In):
    save: StrictBool = Field(default=True, description="Store the plan as your active plan (false: preview).")


# ---------------------------------------------------------------------- the training log


class SetCreate(_In):
    reps: Reps
    load_kg: LoadKg | None = Field(default=None, description="Added load in kg; leave out for body weight.")
    load: LoadInUnit | None = Field(default=None, description="Added load in the request's `unit`.")
    rir: Rir | None = None
    type: SetType = SetType.WORKING
    hold_s: Seconds | None = None
    note: str | None = Field(default=None, max_length=MAX_SET_NOTE, description="Your words on this set.")

    @model_validator(mode="after")
    def _one_load(self) -> Self:
        if self.load is not None and self.load_kg is not None:
            raise ValueError("give load_kg, or load with unit, not both")
        return self


class SetsCreate(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"exercise_id": "one-arm-dumbbell-row", "sets": [{"reps": 10, "load_kg": 12.5, "rir": 2}]}
            ]
        }
    )

    exercise_id: Id
    sets: list[SetCreate] = Field(min_length=1, max_length=50)
    at: Moment | None = Field(default=None, description="When, with a time zone (default: now).")
    unit: UnitName = Field(default="kg", description="The unit of each set's `load`.")
    workout_id: int | None = Field(
        default=None,
        strict=True,
        ge=1,
        le=MAX_RECORD_ID,
        description="Add to this workout of yours (default: a new workout).",
    )


class SetUpdate(_In):
    """A correction to a logged set: only the fields given change (``load_kg: null``: body weight)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reps": 8, "load_kg": 30}]},
    )

    reps: Reps | None = None
    load_kg: LoadKg | None = Field(default=None, description="Added load in kg; null for body weight.")
    load: LoadInUnit | None = Field(default=None, description="Added load in `unit`.")
    unit: UnitName | None = Field(default=None, description="The unit of `load` (and shown back).")
    rir: Rir | None = None
    type: SetType | None = None
    hold_s: Seconds | None = None
    note: str | None = Field(
        default=None, max_length=MAX_SET_NOTE, description="Your words on this set; null or empty clears it."
    )

    @model_validator(mode="after")
    def _one_load(self) -> Self:
        if self.load is not None and self.load_kg is not None:
            raise ValueError("give load_kg, or load with unit, not both")
        if self.load is not None and self.unit is None:
            raise ValueError("give the unit of load")
        if "reps" in self.model_fields_set and self.reps is None:
            raise ValueError("reps: give a whole number")
        return self


class WorkoutUpdate(_In):
    """How a workout went and a note on it; only the fields given change."""

    feeling: Literal["bad", "neutral", "good"] | None = None
    notes: str | None = Field(default=None, max_length=2000)


class DeletedPublic(BaseModel):
    deleted: Literal["set", "workout"]
    id: int
    workout_id: int
    undo_token: str = Field(description="Send to `POST /api/v1/undo` to put it back.")


class UndoCreate(_In):
    token: str = Field(min_length=1, max_length=200_000, description="The `undo_token` a delete answered.")


class RestoredPublic(BaseModel):
    restored: Literal["set", "workout"]
    id: int = Field(description="The new id of what was put back.")
    workout_id: int


class TargetPublic(BaseModel):
    reps_min: int | None
    reps_max: int | None
    load_kg: float | None
    rir: float | None


class SetPublic(BaseModel):
    id: int | None = Field(default=None, description="The set's id (edit or delete it by this).")
    exercise_id: str
    performed_at: dt.datetime
    type: str
    reps: int
    load_kg: float | None
    rir: float | None
    rest_s: int | None
    hold_s: int | None
    entered_unit: str
    note: str | None = None
    target: TargetPublic


class NewRecordPublic(BaseModel):
    kind: str
    reps: int
    value_kg: float
    previous_kg: float


class AdaptationPublic(BaseModel):
    date: dt.date
    reason: str


class LogPublic(BaseModel):
    workout_id: int
    exercise_id: str
    sets: list[SetPublic]
    records: list[NewRecordPublic]
    adaptations: list[AdaptationPublic]


class PainEntryPublic(BaseModel):
    reported_at: dt.datetime
    location: str
    severity: int
    exercise_id: str | None
    action: str | None


class WorkoutPublic(BaseModel):
    id: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    planned_date: dt.date | None
    feeling: str | None
    notes: str
    sets: list[SetPublic]
    pain: list[PainEntryPublic]


# ---------------------------------------------------------------------- guided workouts


class GuidedStartCreate(_In):
    date: Day | None = Field(default=None, description="The planned session's date (default: today).")


class GuidedEventCreate(_In):
    """One thing the person did. ``set_done`` takes reps (and load_kg or load+unit, rir, hold_s, note);
    ``pain`` takes location and severity (and the yes/no signs); the others take nothing."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"type": "set_done", "reps": 10, "load_kg": 12.5, "rir": 2}]}
    )

    type: Literal[
        "set_done",
        "skip",
        "skip_exercise",
        "continue",
        "pain",
        "accept_substitute",
        "decline_substitute",
        "pause",
        "resume",
        "finish",
    ]
    reps: Reps | None = None
    load_kg: LoadKg | None = None
    load: LoadInUnit | None = None
    unit: UnitName | None = None
    rir: Rir | None = None
    hold_s: Seconds | None = None
    note: str | None = Field(default=None, max_length=MAX_SET_NOTE, description="Your words on this set.")
    location: str | None = Field(default=None, min_length=1, max_length=80)
    severity: Severity | None = None
    sharp: StrictBool = False
    radiating: StrictBool = False
    numbness: StrictBool = False
    saddle_numbness: StrictBool = False
    bladder_or_bowel_change: StrictBool = False
    leg_weakness: StrictBool = False
    both_legs: StrictBool = False
    token: str | None = Field(
        default=None, max_length=64, description="The `token` of the step shown; a stale one gets 409."
    )

    @model_validator(mode="after")
    def _fields_of_type(self) -> Self:
        if self.type == "set_done" and self.reps is None:
            raise ValueError("set_done needs reps")
        if self.type == "pain" and (self.location is None or self.severity is None):
            raise ValueError("pain needs location and severity")
        if self.load is not None and self.load_kg is not None:
            raise ValueError("give load_kg, or load with unit, not both")
        return self


class GuidedPublic(BaseModel):
    id: int
    session_date: dt.date
    workout_id: int | None
    status: Literal["active", "finished"]
    phase: str
    token: str
    slots_done: int
    slots_total: int
    adapted_reason: str | None
    adaptations: list[AdaptationPublic]
    step: dict[str, Any] = Field(description="The step to show: `kind` and its fields (kg).")
    at_the_set: dict[str, Any] | None = Field(
        default=None,
        description="At a set: `last_time` (date, sets), the `load_kg` to prefill, and `plates` per side.",
    )
