"""Request and response bodies of the JSON API, kept apart from the store's tables (STYLE.md §7).

``XCreate`` is what a client sends to make something, ``XUpdate`` what it sends to change it,
``XPublic`` what the API returns. Masses are kilograms (``load_kg``, ``bodyweight_kg``); a client
that works in pounds may send ``load`` (or ``bodyweight``) with ``unit`` instead, converted here at
the edge. Shapes that are already a contract elsewhere (the catalogue's ``catalog.public``, the
CLI's ``--json`` outputs, ``Plan.to_json()``) are returned as they are, documented as objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from backcoach.catalog import Level
from backcoach.planning.profile import Goal, Weekday
from backcoach.science.units import to_kg
from backcoach.sessions import SetType
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_REST_S, MAX_RIR
from backcoach.store.accounts import MAX_EMAIL, MIN_EMAIL
from backcoach.store.users import MAX_NAME
from backcoach.web.security import MIN_PASSWORD_LENGTH

UnitName = Literal["kg", "lb"]
Id = Annotated[str, Field(min_length=1, max_length=80)]
Load = Annotated[float, Field(ge=0, le=MAX_LOAD_KG, allow_inf_nan=False)]
Rir = Annotated[float, Field(ge=0, le=MAX_RIR, allow_inf_nan=False)]
Seconds = Annotated[int, Field(ge=0, le=MAX_REST_S)]
Reps = Annotated[int, Field(ge=0, le=MAX_REPS)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------- accounts


class SignUpCreate(_In):
    name: str = Field(min_length=1, max_length=MAX_NAME, description="How backcoach greets you.")
    email: str = Field(min_length=MIN_EMAIL, max_length=MAX_EMAIL, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=1024)


class SignInCreate(_In):
    email: str = Field(min_length=1, max_length=MAX_EMAIL)
    password: str = Field(min_length=1, max_length=1024)


class UserPublic(BaseModel):
    id: int
    name: str
    email: str | None
    display_unit: UnitName
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header on unsafe requests.")


class CsrfPublic(BaseModel):
    csrf_token: str


# ---------------------------------------------------------------------- profile, screening, pain


class ProfileUpdate(_In):
    """Fields left out keep their stored values; without a stored profile, level, days, minutes
    and goal are required. The screening outcome always comes from your latest screening."""

    level: Level | None = None
    days: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    sessions: int | None = Field(default=None, ge=1, le=7)
    minutes: int | None = Field(default=None, ge=10, le=240)
    goal: Goal | None = None
    equipment: list[Id] | None = Field(default=None, max_length=100)
    weeks: int | None = Field(default=None, ge=1, le=52)
    start: dt.date | None = None
    bodyweight_kg: float | None = Field(default=None, gt=20, le=400, allow_inf_nan=False)
    bodyweight: float | None = Field(
        default=None, gt=0, le=900, allow_inf_nan=False, description="Body weight in `unit`."
    )
    e1rm_kg: dict[Id, Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)]] | None = None
    exclude: list[Id] | None = Field(default=None, max_length=200)
    unit: UnitName | None = Field(default=None, description="How masses are shown to you (kg or lb).")
    seed: int | None = Field(default=None, ge=0, le=2**31)

    @model_validator(mode="after")
    def _one_bodyweight(self) -> Self:
        if self.bodyweight is not None and self.bodyweight_kg is not None:
            raise ValueError("give bodyweight_kg, or bodyweight with unit, not both")
        return self

    def changes(self, stored_unit: str) -> dict[str, Any]:
        """The fields given, as the profile takes them (body weight in kg)."""
        out = self.model_dump(exclude_none=True, exclude={"bodyweight"})
        if self.bodyweight is not None:
            out["bodyweight_kg"] = to_kg(self.bodyweight, self.unit or stored_unit)
        return out


class ScreeningCreate(_In):
    answers: dict[Id, StrictBool] = Field(description="Question id to true (yes) or false; unanswered = no.")


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
    location: str = Field(min_length=1, max_length=80, description="A body region or a muscle id.")
    severity: int = Field(ge=0, le=10)
    sharp: bool = False
    radiating: bool = False
    numbness: bool = False
    saddle_numbness: bool = False
    bladder_or_bowel_change: bool = False
    leg_weakness: bool = False
    both_legs: bool = False
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
    save: bool = Field(default=True, description="Store the plan as your active plan (false: preview).")


# ---------------------------------------------------------------------- the training log


class SetCreate(_In):
    reps: Reps
    load_kg: Load | None = Field(default=None, description="Added load in kg; leave out for body weight.")
    load: Load | None = Field(default=None, description="Added load in the request's `unit`.")
    rir: Rir | None = None
    type: SetType = SetType.WORKING
    hold_s: Seconds | None = None

    @model_validator(mode="after")
    def _one_load(self) -> Self:
        if self.load is not None and self.load_kg is not None:
            raise ValueError("give load_kg, or load with unit, not both")
        return self


class SetsCreate(_In):
    exercise_id: Id
    sets: list[SetCreate] = Field(min_length=1, max_length=50)
    at: dt.datetime | None = Field(default=None, description="When, with a time zone (default: now).")
    unit: UnitName = Field(default="kg", description="The unit of each set's `load`.")
    workout_id: int | None = Field(default=None, description="Add to this workout of yours (default: new).")


class TargetPublic(BaseModel):
    reps_min: int | None
    reps_max: int | None
    load_kg: float | None
    rir: float | None


class SetPublic(BaseModel):
    exercise_id: str
    performed_at: dt.datetime
    type: str
    reps: int
    load_kg: float | None
    rir: float | None
    rest_s: int | None
    hold_s: int | None
    entered_unit: str
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
    date: dt.date | None = Field(default=None, description="The planned session's date (default: today).")


class GuidedEventCreate(_In):
    """One thing the person did. ``set_done`` takes reps (and load_kg or load+unit, rir, hold_s);
    ``pain`` takes location and severity (and the yes/no signs); the others take nothing."""

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
    load_kg: Load | None = None
    load: Load | None = None
    unit: UnitName | None = None
    rir: Rir | None = None
    hold_s: Seconds | None = None
    location: str | None = Field(default=None, min_length=1, max_length=80)
    severity: int | None = Field(default=None, ge=0, le=10)
    sharp: bool = False
    radiating: bool = False
    numbness: bool = False
    saddle_numbness: bool = False
    bladder_or_bowel_change: bool = False
    leg_weakness: bool = False
    both_legs: bool = False
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
