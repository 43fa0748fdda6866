"""Reading a training-log export: the format found from its header, then its rows, streaming.

``open_history`` inspects the file (encoding, separator, header) and returns a ``HistoryFile``
whose ``items`` parse it lazily with the matching app's parser (``strong``, ``hevy``,
``fitnotes``, ``fitbod``). A file whose unit is not stated anywhere needs ``unit``; every refusal
names the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from typing import BinaryIO, Literal, Protocol

from backcoach.errors import InputError
from backcoach.interop import fitbod, fitnotes, hevy, strong
from backcoach.interop.history import Dates, Item
from backcoach.interop.textfile import Layout, layout_of, records, refuse
from backcoach.sessions.records import Unit

Format = Literal["strong", "hevy", "fitnotes", "fitbod"]
FORMATS: tuple[Format, ...] = ("strong", "hevy", "fitnotes", "fitbod")


class _Parser(Protocol):
    def dialect_of(self, header: list[str]) -> str | None: ...
    def carries_unit(self, header: list[str]) -> bool: ...
    def parse(
        self,
        rows: Iterator[tuple[int, list[str]]],
        header: list[str],
        *,
        where: str,
        dates: Dates,
        unit: Unit | None,
    ) -> Iterator[Item]: ...


PARSERS: dict[Format, _Parser] = {"strong": strong, "hevy": hevy, "fitnotes": fitnotes, "fitbod": fitbod}


@dataclass
class HistoryFile:
    format: Format
    dialect: str
    layout: Layout
    unit_in_file: bool
    items: Iterator[Item]
    counter: list[int]  # [data records read so far], filled as ``items`` is consumed


def open_history(
    source: BinaryIO, *, where: str, fmt: Format | Literal["auto"], unit: Unit | None, zone: tzinfo
) -> HistoryFile:
    """Detect and start reading; ``source`` must be seekable (a file, an upload's spool)."""
    layout = layout_of(source)
    counter = [0]
    rows = records(source, layout, where, counter)
    first = next(rows, None)
    if first is None:
        raise refuse(where, 1, "header", "the file is empty")
    line, header = first
    candidates = FORMATS if fmt == "auto" else (fmt,)
    for name in candidates:
        dialect = PARSERS[name].dialect_of(header)
        if dialect is not None:
            break
    else:
        wanted = "any of Strong, Hevy, FitNotes or Fitbod" if fmt == "auto" else fmt
        raise refuse(where, line, "header", f"not the header of {wanted} ({', '.join(header)[:80]!r})")
    parser = PARSERS[name]
    carries = parser.carries_unit(header)
    if not carries and unit is None:
        raise InputError(
            f"--unit: {where} ({name}, dialect {dialect}) does not say whether its weights are kg or lb: "
            "give --unit kg or --unit lb",
            field="unit",
        )
    dates = Dates(zone, where)
    counter[0] = 0  # the header is no data record
    items = parser.parse(
        rows,
        header,
        where=where,
        dates=dates,
        unit=None if carries and name != "strong" else unit,
    )
    return HistoryFile(name, dialect, layout, carries, items, counter)
