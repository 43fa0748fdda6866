"""Catalogue load, query and free-exercise-db import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from backcoach.catalog import ExerciseQuery, Level, Region, curated, load_curated
from backcoach.config import Settings
from backcoach.interop.extension_store import catalog_with_extension, import_free_exercise_db
from benchmarks.result import Row, median_ms

SHARED_FEDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db" / "exercises.json"


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
