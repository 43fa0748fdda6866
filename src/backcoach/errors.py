"""The errors backcoach raises on purpose, rendered in one place by each door (CLI, web, jobs).

BackcoachError          anything the user can fix or should be told plainly
 ├── CatalogError       a data file or imported file is malformed or has a dangling reference
 ├── UnknownIdError     an id that is not in the catalogue (carries the closest matches)
 ├── InputError         a value given by the user is out of range or malformed (names its field)
 ├── ImportRejected     an import file was rejected whole (nothing was stored)
 ├── NotFound           a record that does not exist, or is someone else's (reads as absent)
 ├── Conflict           the request was made against a state that changed since (a double tap)
 ├── SafetyHold         the safety gate refuses training now (screening or pain; carries a code)
 ├── Unauthenticated    no valid session: sign in
 ├── Forbidden          a session that may not do this (a missing CSRF token)
 └── TooManyRequests    sign-in throttling

The web maps each class to one HTTP status (``web.errors``); the CLI prints the message on one line
and exits with ``exit_code``.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r"^(--)?(?P<field>[a-z_][a-z0-9_.\[\]-]*):\s")


class BackcoachError(Exception):
    """Base class; the message is one line fit to show to a person."""

    exit_code = 1

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field if field is not None else field_of(message)


def field_of(message: str) -> str | None:
    """Our messages start with the field at fault ("reps: 200 must be …"); None when they do not."""
    match = _FIELD.match(message)
    return match.group("field").replace("-", "_") if match else None


class CatalogError(BackcoachError):
    exit_code = 1


class UnknownIdError(BackcoachError):
    exit_code = 2

    def __init__(self, kind: str, wanted: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        shown = wanted if len(wanted) <= 80 else wanted[:77] + "..."  # never echo a page of input
        super().__init__(f"unknown {kind} '{shown}'{hint}", field=kind)


class InputError(BackcoachError):
    exit_code = 2


class ImportRejected(BackcoachError):
    exit_code = 1

    def __init__(self, message: str, *, records: int = 0) -> None:
        super().__init__(message)
        self.records = records  # how many records the rejected file held (0 when unreadable)


class NotFound(BackcoachError):
    exit_code = 2


class Conflict(BackcoachError):
    exit_code = 1


class SafetyHold(BackcoachError):
    """Training is refused for now; ``code`` says why, for a door to show the way forward.

    screening_required   no screening was taken yet
    see_professional     the latest screening says see a doctor or qualified professional first
    emergency            the latest screening or a pain report calls for urgent care
    pain_hold            a serious pain report holds training until a new screening clears it
    """

    exit_code = 3

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class Unauthenticated(BackcoachError):
    exit_code = 1


class Forbidden(BackcoachError):
    exit_code = 1


class TooManyRequests(BackcoachError):
    exit_code = 1
