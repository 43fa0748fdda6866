"""Catalogue load, query and free-exercise-db import."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from backcoach.catalog import ExerciseQuery, Level, Region, curated, load_curated
from backcoach.catalog.loader import CACHE_ENV
from backcoach.config import Settings
from backcoach.interop.extension_store import catalog_with_extension, import_free_exercise_db
from benchmarks.result import Row, median_ms

SHARED_FEDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db" / "exercises.json"


def _cold_load() -> None:
    with tempfile.TemporaryDirectory(prefix="backcoach-cold-") as folder, _env(CACHE_ENV, folder):
        load_curated()


@contextlib.contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def run() -> list[Row]:
    cat = curated()
    query = ExerciseQuery(
        muscle="erector-spinae",
        region=Region.LOWER_BACK,
        level=Level.BEGINNER,
        equipment=frozenset({"mat", "dumbbells"}),
    )
    # Targets: a CLI command must feel instant (<300 ms end to end, of which Python start-up and
    # imports take about 150 ms), so loading and querying share the rest.
    rows = [
        Row("load + validate curated catalogue (ms)", median_ms(load_curated, 15), 150.0),
        # After an edit or on a new machine the YAML is parsed again (no copy in the cache yet).
        Row("the same, YAML parsed (cold parse cache) (ms)", median_ms(_cold_load, 9), 300.0),
        Row("filtered exercise query (ms)", median_ms(lambda: cat.query(query), 200), 2.0),
    ]
    if SHARED_FEDB.is_file():
        settings = Settings(home=Path(tempfile.mkdtemp(prefix="backcoach-bench-")))
        rows.append(
            Row(
                "import free-exercise-db, 873 records (ms)",
                median_ms(lambda: import_free_exercise_db(SHARED_FEDB, settings), 5),
                500.0,
            )
        )
        rows.append(
            Row(
                "load catalogue + stored extension (ms)",
                median_ms(lambda: catalog_with_extension(settings), 10),
                150.0,
            )
        )
    return rows
