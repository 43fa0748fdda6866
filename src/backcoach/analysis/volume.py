"""Weekly training volume per back muscle node, set against its volume landmarks.

Counting is the science layer's (``science.volume``): every hard set (working or failure) counts 1
for a muscle its exercise targets, 0.5 for a synergist and 0 for a stabiliser (Pelland et al. 2024)
[V]; a parent node takes the MAX over its parts, because one set of rows is one set for both
rhomboids. Warm-up and drop sets are not hard sets and never count.

Weeks are ISO 8601 weeks (Monday to Sunday), written "YYYY-Www". A workout belongs to the week of the
calendar date it started on, in its own time zone, so a late session never splits across two weeks.

Landmarks. Each node is compared with the landmark group that covers it or one of its ancestors
(``science.volume.landmarks``: lats, mid-back, upper and lower traps, spinal erectors), at the
person's level; the published values are for intermediates (RP, training-science.md §3) and the
default here. A node's own sets are compared, so ``rhomboid-major`` reads its sets against the mid-back
group. Nodes in no group (the whole trapezius, whose parts sit in three groups; the deep rotators)
get their sets and no landmark.

Every logged exercise must be in the catalogue given (an unknown id raises ``UnknownIdError``): pass
the catalogue extended with imported records when the log holds some.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Level, Region
from backcoach.errors import InputError
from backcoach.science.volume import Landmark, VolumeStatus, classify, landmarks, roll_up, weekly_sets
from backcoach.sessions.records import Workout

ISO_WEEK: Final = re.compile(r"^(\d{4})-W(\d{2})$")

# The published landmarks are an intermediate lifter's (RP; science/data/landmarks.yaml).
DEFAULT_LEVEL: Final = Level.INTERMEDIATE


@dataclass(frozen=True)
class NodeVolume:
    """A node's hard sets in the week and, when a landmark group covers it, where they land."""

    sets: float
    mev: float | None
    mav: tuple[float, float] | None
    mrv: float | None
    status: VolumeStatus | None
    mv: float | None = None
    landmark: str | None = None  # the landmark group's id


@dataclass(frozen=True)
class WeekVolume:
    week: str  # "YYYY-Www"
    muscles: dict[str, NodeVolume]  # every back node of the catalogue


def parse_iso_week(text: str) -> tuple[date, date]:
    """The Monday and the Sunday of the ISO week "YYYY-Www"; InputError for anything else."""
    match = ISO_WEEK.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InputError(f"week: {text!r} must look like 2025-W07 (ISO year, 'W', two-digit week)")
    year, week = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, week, 1)
        sunday = monday + timedelta(days=6)
    except ValueError:
        raise InputError(f"week: {text!r} does not exist (ISO year {year} has no week {week})") from None
    except OverflowError:  # 9999-W52 ends in the year 10000
        raise InputError(f"week: {text!r} ends past the last date a calendar here can hold") from None
    return monday, sunday


def iso_week(day: date) -> str:
    """The ISO week of ``day`` as "YYYY-Www" (the ISO year, which can differ from the calendar year)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def landmark_of(node: str, catalog: Catalog) -> Landmark | None:
    """The landmark group covering ``node`` or its nearest ancestor, if any."""
    lineage = (node, *(a.id for a in catalog.ancestors(node)))
    groups = landmarks().values()
    for member in lineage:
        for group in groups:
            if member in group.muscles:
                return group
    return None


def hard_sets_by_exercise(workouts: Iterable[Workout], first: date, last: date) -> Counter[str]:
    """Hard sets per exercise id in workouts started from ``first`` to ``last`` (inclusive)."""
    counts: Counter[str] = Counter()
    for workout in workouts:
        if first <= workout.started_at.date() <= last:
            counts.update(s.exercise_id for s in workout.hard_sets)
    return counts


def weekly_volume(
    workouts: Iterable[Workout], catalog: Catalog, week: str, *, level: Level = DEFAULT_LEVEL
) -> WeekVolume:
    """Fractional hard sets per back node for ISO ``week``, each against its landmark at ``level``."""
    first, last = parse_iso_week(week)
    counts = hard_sets_by_exercise(workouts, first, last)
    # A person's own (imported, unmatched) exercise has no muscle map, so it adds no volume.
    work = [(catalog.exercises[i], float(n)) for i, n in counts.items() if i in catalog.exercises]
    rolled = roll_up(weekly_sets(work), catalog)
    muscles: dict[str, NodeVolume] = {}
    for node, muscle in catalog.muscles.items():
        if muscle.region is Region.OTHER:
            continue
        sets = rolled[node]
        group = landmark_of(node, catalog)
        if group is None:
            muscles[node] = NodeVolume(sets, None, None, None, None)
            continue
        values = group.at(level)
        muscles[node] = NodeVolume(
            sets, values.mev, values.mav, values.mrv, classify(sets, values), values.mv, group.id
        )
    return WeekVolume(iso_week(first), muscles)
