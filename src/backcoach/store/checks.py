"""Validation at the store's edge, before anything is written.

The domain values (``sessions.records``, ``planning``) already refuse out-of-range numbers when
they are built. What only the store can check, it checks here: ids must name exercises of the
catalogue (a typo must not become a new "exercise" in someone's history) and times must not lie in
the future (a wrong year would distort every statistic; ``sessions.records.check_not_future``).
Each error names the field and the value.
"""

from __future__ import annotations

from collections.abc import Iterable

from backcoach.catalog.catalog import Catalog, closest
from backcoach.catalog.loader import curated
from backcoach.errors import InputError, UnknownIdError
from backcoach.sessions.records import Unit as UnitName

UNITS: tuple[UnitName, ...] = ("kg", "lb")


def known_exercises(ids: Iterable[str], catalog: Catalog | None) -> None:
    """Refuse the first id that is not an exercise of the catalogue, naming the closest ones."""
    cat = catalog if catalog is not None else curated()
    for exercise_id in ids:
        if exercise_id not in cat.exercises:
            raise UnknownIdError("exercise", exercise_id, closest(exercise_id, cat.exercises))


def unit(value: str, what: str) -> UnitName:
    for known in UNITS:
        if value == known:
            return known
    raise InputError(f"{what}: {value!r} must be 'kg' or 'lb'")
