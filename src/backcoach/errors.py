"""The errors backcoach raises on purpose, rendered in one place by each shell (CLI, web).

BackcoachError          anything the user can fix or should be told plainly
 ├── CatalogError       a data file or imported file is malformed or has a dangling reference
 ├── UnknownIdError     an id that is not in the catalogue (carries the closest matches)
 ├── InputError         a value given by the user is out of range or malformed
 └── ImportRejected     an import file was rejected whole (nothing was stored)
"""

from __future__ import annotations


class BackcoachError(Exception):
    """Base class; the message is one line fit to show to a person."""

    exit_code = 1


class CatalogError(BackcoachError):
    exit_code = 1


class UnknownIdError(BackcoachError):
    exit_code = 2

    def __init__(self, kind: str, wanted: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} '{wanted}'{hint}")


class InputError(BackcoachError):
    exit_code = 2


class ImportRejected(BackcoachError):
    exit_code = 1

    def __init__(self, message: str, *, records: int = 0) -> None:
        super().__init__(message)
        self.records = records  # how many records the rejected file held (0 when unreadable)
