"""One command for the performance targets: ``make bench`` (or ``python -m benchmarks``).

Prints the median of repeated runs for each case and its ratio to the target; exits 1 when a
median misses its target. Figures are recorded in the README. Nothing here runs in ``make test``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from backcoach.catalog import ExerciseQuery, Level, Region, curated, load_curated
from backcoach.config import Settings
from backcoach.interop.extension_store import catalog_with_extension, import_free_exercise_db

SHARED_FEDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db" / "exercises.json"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches and imports once
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    cat = curated()
    query = ExerciseQuery(
        muscle="erector-spinae",
        region=Region.LOWER_BACK,
        level=Level.BEGINNER,
        equipment=frozenset({"mat", "dumbbells"}),
    )
    # (name, function, runs, target in ms). Targets: a CLI command must feel instant (<300 ms
    # end to end, of which Python start-up takes ~100 ms), so loading and querying get the rest.
    cases: list[tuple[str, Callable[[], object], int, float]] = [
        ("load + validate curated catalogue", load_curated, 15, 250.0),
        ("filtered exercise query", lambda: cat.query(query), 200, 2.0),
    ]
    if SHARED_FEDB.is_file():
        home = Path(tempfile.mkdtemp(prefix="backcoach-bench-"))
        settings = Settings(home=home)
        cases.append(
            (
                "import free-exercise-db (873 records)",
                lambda: import_free_exercise_db(SHARED_FEDB, settings),
                5,
                1500.0,
            )
        )
        cases.append(
            ("load catalogue + stored extension", lambda: catalog_with_extension(settings), 10, 400.0)
        )
    failed = False
    print(f"{'case':<42} {'median ms':>10} {'target ms':>10} {'ratio':>6}")
    for name, fn, runs, target in cases:
        ms = median_ms(fn, runs)
        ratio = ms / target
        failed |= ratio > 1
        print(f"{name:<42} {ms:>10.2f} {target:>10.1f} {ratio:>6.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
