"""The browser flow, run again and again while other processes keep every core busy.

``python -m soak.e2e_under_load [RUNS] [TESTS]`` (``make soak``): starts one busy-looping process per
core, runs the end-to-end browser tests (TESTS, by default the whole ``tests/web/e2e`` folder) RUNS
times (10 by default) in a row, stops the load and prints
how many runs passed and how long each took. Exits 1 if any run failed: a flaky browser test is a
bug report, never something to retry.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 10


def burn(stop_at: float) -> None:
    """Keep one core busy until ``stop_at`` (bounded, so a killed parent leaves nothing running)."""
    while time.monotonic() < stop_at:
        sum(i * i for i in range(10_000))


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else RUNS
    target = argv[1] if len(argv) > 1 else "tests/web/e2e"
    limit = time.monotonic() + 60 * 60  # an hour at most, whatever happens
    burners = [
        multiprocessing.Process(target=burn, args=(limit,), daemon=True) for _ in range(os.cpu_count() or 2)
    ]
    for b in burners:
        b.start()
    passed = 0
    took: list[float] = []
    try:
        for run in range(1, runs + 1):
            start = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov", target],
                cwd=ROOT,
                env={**os.environ, "BACKCOACH_E2E_REQUIRED": "1"},
                capture_output=True,
                text=True,
                check=False,
            )
            took.append(time.monotonic() - start)
            last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
            print(f"run {run}/{runs}: exit {result.returncode} in {took[-1]:.1f} s — {last}", flush=True)
            if result.returncode == 0:
                passed += 1
            else:
                print(result.stdout[-4000:], result.stderr[-2000:], sep="\n")
    finally:
        for b in burners:
            b.terminate()
    print(
        f"e2e under load: {passed} of {runs} runs passed; median {sorted(took)[len(took) // 2]:.1f} s a run"
    )
    return 0 if passed == runs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
