"""The dates every door accepts: one supported range, checked where a date comes in.

``EARLIEST`` .. ``LATEST`` (1900-01-01 .. 2200-12-31). Python's dates run from year 1 to 9999, but
what backcoach computes from a date steps past them near either end: a week is read with a day's
slack for time zones (``analytics.TIME_ZONE_SLACK``), a time at +14:00 on 0001-01-01 is the year 0
in UTC, a plan runs up to 52 weeks after its start, and an ISO week 9999-W52 ends in the year
10000. Nobody trains before 1900 or plans past 2200, so a date outside the range is a typo; it is
refused as an input error naming its field (a 422 on the web, one line and exit 2 in the CLI)
instead of failing deep inside with an overflow. The margin left on both sides (more than 1,800
years) outlasts any window computed from a date.

Every function takes the field's name as the person knows it (``--since`` in the CLI, ``since``
in the API) and puts it first in the message, as ``errors.InputError`` expects.
"""

from __future__ import annotations

from datetime import date, datetime

from backcoach.errors import InputError

EARLIEST = date(1900, 1, 1)  # the first date any door accepts (see the module docstring)
LATEST = date(2200, 12, 31)  # the last


def _range() -> str:
    return f"from {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def check_date(value: date, field: str) -> date:
    """``value`` itself when it lies in the supported range; InputError naming ``field`` otherwise."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{field}: {day.isoformat()} is outside the dates backcoach accepts ({_range()})")
    return value


def check_datetime(value: datetime, field: str) -> datetime:
    """A date and time whose day is in the supported range, both as written and in UTC."""
    check_date(value.date(), field)
    if value.tzinfo is not None and value.utcoffset() is not None:
        # 1900-01-01T00:00+14:00 is still 1899 in UTC: keep the stored (UTC) value in range too.
        utc = value - value.utcoffset()  # type: ignore[operator]
        check_date(utc.date(), field)
    return value


def parse_date(text: str, field: str) -> date:
    """A date written as YYYY-MM-DD, in the supported range."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{field}: '{_shown(text)}' is not a date like 2026-12-01") from None
    return check_date(value, field)


def parse_datetime(text: str, field: str) -> datetime:
    """An ISO date and time (a zone optional: the caller decides what a time without one means),
    in the supported range."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{field}: '{_shown(text)}' is not an ISO date-time like 2026-12-01T18:30") from None
    return check_datetime(value, field)


def check_week(text: str, field: str) -> str:
    """An ISO week "YYYY-Www" whose Monday and Sunday are both in the supported range."""
    from backcoach.analysis import parse_iso_week  # the format's one parser

    if len(text) > len("2026-W49") + 8:
        raise InputError(f"{field}: '{_shown(text)}' must look like 2026-W49 (ISO year, 'W', two-digit week)")
    year = text.strip()[:4]
    if year.isdigit() and not EARLIEST.year - 1 <= int(year) <= LATEST.year + 1:
        # Far outside (9999-W52 ends in the year 10000): said before the calendar cannot say it.
        raise InputError(f"{field}: '{_shown(text)}' is outside the dates backcoach accepts ({_range()})")
    monday, sunday = parse_iso_week(text)
    if monday < EARLIEST or sunday > LATEST:
        raise InputError(f"{field}: '{_shown(text)}' is outside the dates backcoach accepts ({_range()})")
    return text.strip()


def _shown(text: str) -> str:
    """Input echoed back in a message: never a page of it."""
    return text if len(text) <= 40 else text[:37] + "..."
