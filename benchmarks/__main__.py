"""One command for the performance targets: ``make bench`` (or ``python -m benchmarks [--quick]``).

Prints medians (and for the planner p50/p95 and the OPTIMAL share, for the web app requests/s and
p50/p99 under 32 connections) against each target with the ratio measured/target; exits 1 when a
figure misses its target. The figures are recorded in the README. Nothing here runs in
``make test``. ``--quick`` runs short; ``--no-web`` leaves the web app out, ``--no-postgres`` its
PostgreSQL half, ``--no-vision`` the form check.
"""

from __future__ import annotations

import sys

from benchmarks import (
    catalog_bench,
    cli_bench,
    import_bench,
    planner_bench,
    store_bench,
    vision_bench,
    web_bench,
)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    rows = [
        *cli_bench.run(quick=quick),
        *catalog_bench.run(),
        *planner_bench.run(profiles=100 if quick else 1000),
    ]
    rows += store_bench.run(quick=quick)
    rows += import_bench.run(quick=quick, postgres="--no-postgres" not in argv)
    if "--no-vision" not in argv:
        rows += vision_bench.run(quick=quick)
    if "--no-web" not in argv:
        rows += web_bench.run(3.0 if quick else 10.0, postgres="--no-postgres" not in argv)
    print(f"{'case':<76} {'measured':>10} {'target':>10} {'ratio':>6}")
    failed = False
    for row in rows:
        failed |= not row.ok
        flag = "  (recorded)" if row.recorded else "" if row.ok else "  MISS"
        print(f"{row.name:<76} {row.measured:>10.2f} {row.target:>10.2f} {row.ratio:>6.2f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
