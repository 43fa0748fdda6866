"""Small helpers for the training-history importer tests."""

from __future__ import annotations

import io
from pathlib import Path
from zoneinfo import ZoneInfo

from backcoach.interop.history import Skipped, SourceSet, SourceWorkout, Unknown, workouts
from backcoach.interop.history_files import HistoryFile, open_history

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "exports"
BERLIN = ZoneInfo("Europe/Berlin")


def opened(data: bytes, *, unit: str | None = "kg", fmt: str = "auto", name: str = "f.csv") -> HistoryFile:
    return open_history(io.BytesIO(data), where=name, fmt=fmt, unit=unit, zone=BERLIN)  # type: ignore[arg-type]


def read(
    data: bytes, **kwargs: str | None
) -> tuple[HistoryFile, list[SourceWorkout], list[Skipped], list[Unknown]]:
    h = opened(data, **kwargs)  # type: ignore[arg-type]
    found: list[SourceWorkout] = []
    skipped: list[Skipped] = []
    unknown: list[Unknown] = []
    for item in workouts(h.items):
        if isinstance(item, SourceWorkout):
            found.append(item)
            skipped.extend(item.skipped)
        elif isinstance(item, Skipped):
            skipped.append(item)
        else:
            unknown.append(item)
    return h, found, skipped, unknown


def sets_of(found: list[SourceWorkout]) -> list[SourceSet]:
    return [s for w in found for s in w.sets]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
