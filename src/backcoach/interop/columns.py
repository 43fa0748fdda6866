"""Columns of an exported CSV, looked up by normalised header name (case, quotes, spaces)."""

from __future__ import annotations

from collections.abc import Callable

from backcoach.interop.textfile import refuse
from backcoach.sessions.records import Unit


def normal(name: str) -> str:
    return " ".join(name.strip().strip('"').lower().split())


class Columns:
    def __init__(self, header: list[str]) -> None:
        self.names = [normal(h) for h in header]
        self.index = {name: i for i, name in reversed(list(enumerate(self.names)))}

    def __contains__(self, name: object) -> bool:
        return name in self.index

    def first(self, prefix: str) -> str | None:
        """The first column whose name starts with ``prefix``; None when none does."""
        return next((n for n in self.names if n.startswith(prefix)), None)

    def reader(self, row: list[str], where: str, line: int) -> Callable[[str | None], str]:
        """A getter of this row's cells by column name; a missing cell is refused by name."""
        width = len(row)

        def get(name: str | None) -> str:
            if name is None:
                return ""
            at = self.index.get(name)
            if at is None:
                return ""
            if at >= width:
                raise refuse(
                    where,
                    line,
                    name.replace(" ", "_"),
                    f"missing: the row has {width} of {len(self.names)} fields",
                )
            return row[at]

        return get


def unit_word(text: str, where: str, line: int) -> Unit | None:
    """``kg``/``kgs``/``lb``/``lbs`` (any case); None when empty."""
    value = text.strip().lower().rstrip(".")
    if not value:
        return None
    if value in ("kg", "kgs", "kilograms"):
        return "kg"
    if value in ("lb", "lbs", "pounds"):
        return "lb"
    raise refuse(where, line, "weight_unit", f"{value[:20]!r} is not kg or lbs")


def header_unit(column: str) -> Unit | None:
    """The unit a weight column's name states: ``Weight (kg)``, ``weight_lbs``, ``Weight(kgs)``."""
    name = column.replace(" ", "").replace("_", "")
    if name.endswith(("(kg)", "(kgs)", "kg", "kgs")):
        return "kg"
    if name.endswith(("(lb)", "(lbs)", "lb", "lbs")):
        return "lb"
    return None


def states_unit(column: str | None) -> bool:
    """Whether a weight column's name states its unit."""
    return column is not None and header_unit(column) is not None
