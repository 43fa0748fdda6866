"""A main back muscle below its minimum effective volume, as plain data: what would close the gap
(each remedy checked by planning again with it applied) or, when nothing the person can change
would, the rule that binds (checked by solving again with only that rule relaxed)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backcoach.catalog.models import Level
from backcoach.planning.profile import Weekday


class Fix(StrEnum):
    """Something the person can change."""

    MINUTES = "minutes"  # longer sessions
    SESSION = "session"  # one more back session a week
    EQUIPMENT = "equipment"  # one more piece of equipment
    EXCLUSIONS = "exclusions"  # allow what they asked to leave out


@dataclass(frozen=True)
class Remedy:
    fix: Fix
    minutes: int | None = None  # MINUTES: the session length that closes the gap
    day: Weekday | None = None  # SESSION: the day to add (None: one of the days already given)
    equipment: str | None = None  # EQUIPMENT: the item to add
    opens: tuple[str, ...] = ()  # EQUIPMENT: exercise ids it opens for the muscle


class Rule(StrEnum):
    """A rule of the plan the person cannot relax (safety, level, recovery) that keeps a muscle below
    its minimum; relaxing it alone would let the muscle reach it."""

    SET_CAP = "set_cap"  # at most N sets of one exercise a session
    ITEM_CAP = "item_cap"  # at most M back exercises a session
    DOSE_CAPS = "dose_caps"  # both caps together
    REST_48H = "rest_48h"  # 48 h between sessions loading the same muscle
    TIME = "time"  # the session length, even with the longer sessions tried
    VOLUME_CAP = "volume_cap"  # the exercises that would add sets take another muscle past its MRV
    OTHER_MUSCLES = "other_muscles"  # the other main muscles' minimums take the room
    NO_EXERCISE = "no_exercise"  # no exercise for the muscle fits the equipment and level
    UNKNOWN = "unknown"  # no single rule found within the checks


@dataclass(frozen=True)
class Binding:
    rule: Rule
    level: Level
    sets_cap: int  # most working sets of one exercise a session at this level and goal
    items_cap: int  # most back exercises a session
    sessions: int  # back sessions a week
    exercises: tuple[str, ...]  # exercise ids that train the muscle and fit the person
    muscles: tuple[str, ...] = ()  # OTHER_MUSCLES: the main groups kept at their minimum instead
    also: Rule | None = None  # a second rule that binds with ``rule``: only both relaxed reach it


@dataclass(frozen=True)
class Shortfall:
    """``muscle`` (a landmark group id) gets ``sets`` hard sets a week, below its ``mev``."""

    muscle: str
    sets: float
    mev: float
    remedies: tuple[Remedy, ...]
    binding: Binding | None


class Limit(StrEnum):
    """Why a session leaves minutes unused while a main muscle is below its adaptive range."""

    DOSE_CAPS = "dose_caps"  # every exercise for it is at its set cap, or the session at its item cap
    REST_48H = "rest_48h"  # the exercises for it load a muscle trained within 48 h
    TIME = "time"  # what would add sets does not fit the minutes left
    RANGE = "range"  # more would take a muscle above the top of its adaptive range
    NO_EXERCISE = "no_exercise"  # no exercise for it fits


@dataclass(frozen=True)
class TimeUse:
    """A session's minutes planned against the minutes the person gave; ``limit`` says why more
    was not added when it uses less than ``FULL_SHARE`` while ``muscle`` is below its range."""

    weekday: Weekday
    used_min: int
    given_min: int
    muscle: str | None = None
    limit: Limit | None = None
