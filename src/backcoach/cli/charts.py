"""Charts written to files (PNG or SVG) with matplotlib's non-interactive Agg backend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers and in tests

import matplotlib.pyplot as plt

from backcoach.analysis import E1rmPoint
from backcoach.errors import InputError
from backcoach.science.units import from_kg


def e1rm_chart(points: Sequence[E1rmPoint], title: str, unit: str, path: Path) -> None:
    """Estimated 1RM over time, in the person's unit."""
    fig, ax = plt.subplots(figsize=(7, 3.5), dpi=120)
    try:
        if points:
            days = [datetime.combine(p.date, time()) for p in points]
            ax.plot(days, [from_kg(p.e1rm_kg, unit) for p in points], marker="o", color="#1f77b4")  # type: ignore[arg-type]
        else:
            ax.text(0.5, 0.5, "no loaded working sets yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(f"{title}: estimated 1RM")
        ax.set_ylabel(unit)
        ax.grid(alpha=0.3)
        fig.autofmt_xdate()
        fig.tight_layout()
        try:
            fig.savefig(path, format=path.suffix.lower().lstrip("."))
        except OSError as exc:
            raise InputError(f"--plot: cannot write '{path}': {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
