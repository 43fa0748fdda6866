"""Times in the store: UTC instants in the columns, the writer's UTC offset beside them.

A set done at 00:30 in Berlin is 23:30 UTC the day before; statistics group by the person's
calendar day (``LoggedSet.day``), so the offset is stored and put back on reading.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

from backcoach.errors import InputError


def utc_now(now: datetime | None) -> datetime:
    """``now`` if given (tests pass a fixed clock), else the current time; always timezone-aware."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise InputError(f"now: '{now.isoformat()}' needs a time zone")
    return now


def offset_s(value: datetime) -> int:
    """The UTC offset of an aware datetime, in whole seconds."""
    delta = value.utcoffset()
    if delta is None:
        raise InputError(f"'{value.isoformat()}' needs a time zone")
    return int(delta.total_seconds())


def local(instant: datetime, utc_offset_s: int) -> datetime:
    """The stored instant shown in the offset it was written with (the same instant, ``==`` holds)."""
    return instant.astimezone(_zone(utc_offset_s))


@cache
def _zone(utc_offset_s: int) -> tzinfo:
    # A person writes from a handful of offsets; one zone object each, not one per row read.
    return UTC if utc_offset_s == 0 else timezone(timedelta(seconds=utc_offset_s))
