"""Plan latency over random profiles, and how often the solver proves its week optimal.

Targets from the plan-generator issue: p50 <= 100 ms, p95 <= 500 ms, OPTIMAL on >= 99 % of the
profiles that have a plan.
"""

from __future__ import annotations

import time

from backcoach.catalog import curated
from backcoach.planning import NoPlan, build_plan
from backcoach.planning.personas import random_profiles
from benchmarks.result import Row


def _percentile(sorted_ms: list[float], q: float) -> float:
    index = min(len(sorted_ms) - 1, max(0, round(q * (len(sorted_ms) - 1))))
    return sorted_ms[index]


def run(profiles: int = 1000) -> list[Row]:
    cat = curated()
    times: list[float] = []
    planned = optimal = 0
    for profile in random_profiles(profiles):
        start = time.perf_counter()
        result = build_plan(profile, cat)
        times.append((time.perf_counter() - start) * 1000)
        if not isinstance(result, NoPlan):
            planned += 1
            optimal += result.solver.status == "OPTIMAL"
    times.sort()
    return [
        Row(f"plan latency p50 over {profiles} profiles (ms)", _percentile(times, 0.50), 100.0),
        Row(f"plan latency p95 over {profiles} profiles (ms)", _percentile(times, 0.95), 500.0),
        Row(f"OPTIMAL share of {planned} feasible profiles (%)", 100 * optimal / max(planned, 1), 99.0, True),
    ]
