"""A benchmark figure against its target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    measured: float
    target: float
    higher_is_better: bool = False
    # A figure the issues ask to record, not to meet: printed beside ``target`` (a reference such
    # as the figure before a change), never a miss.
    recorded: bool = False

    @property
    def ratio(self) -> float:
        return self.target / self.measured if self.higher_is_better else self.measured / self.target

    @property
    def ok(self) -> bool:
        if self.recorded:
            return True
        return self.measured >= self.target if self.higher_is_better else self.measured <= self.target


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches and imports once
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
