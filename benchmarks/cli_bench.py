"""CLI start-up: the console script run as a person runs it, in a fresh process each time.

Targets from the application-layer issue: ``backcoach --help`` within 250 ms wall and 60 MiB of
memory, ``backcoach exercise pull-up --json`` within 400 ms. Each figure is the median of several
runs (the first one warms the OS's file cache and is not counted); memory is the child's peak
resident set (``wait4``'s ``ru_maxrss``, taken by a bare launcher), the same figure
``/usr/bin/time -v`` reports.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.result import Row

HELP_MS = 250.0
HELP_MIB = 60.0
EXERCISE_MS = 400.0


def _command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m backcoach``."""
    script = Path(sys.executable).with_name("backcoach")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "backcoach"]


# A small launcher forks and execs the command and reports its wall time and peak memory. Linux
# keeps a process's peak resident set across exec, and a child started straight from this process
# (vfork or fork) begins with this process's memory, which holds the planner and the web app once
# ``python -m benchmarks`` has imported them: measured so, ``--help`` read 156 MiB. The launcher is
# a bare interpreter (``-S``, about 10 MiB), so what it reports is the command's own peak.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print((time.perf_counter() - start) * 1000, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall milliseconds and peak memory (MiB) of one run."""
    out = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *argv], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    wall, kib, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {code}")
    return wall, kib / 1024  # ru_maxrss is in KiB on Linux


def _median(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    _once(argv, env)  # warm the file cache
    samples = [_once(argv, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def run(quick: bool = False) -> list[Row]:
    runs = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="backcoach-cli-bench-") as home:
        env = {**os.environ, "BACKCOACH_HOME": home}
        env.pop("BACKCOACH_DATABASE_URL", None)
        base = _command()
        help_ms, help_mib = _median([*base, "--help"], env, runs)
        exercise_ms, _ = _median([*base, "exercise", "pull-up", "--json"], env, runs)
    return [
        Row("backcoach --help, median wall (ms)", help_ms, HELP_MS),
        Row("backcoach --help, peak memory (MiB)", help_mib, HELP_MIB),
        Row("backcoach exercise pull-up --json, median wall (ms)", exercise_ms, EXERCISE_MS),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.name:<60} {row.measured:>8.1f} (target {row.target:g})")
