"""Importing free-exercise-db into the catalogue: the file validated whole, its records mapped onto
our muscles and equipment, and stored as the extension in the data folder (``interop``).

Records are told apart by the id backcoach gives them (``free_exercise_db.exercise_id``), so two
whose ids differ only in case or separators are one exercise: the file is rejected naming both,
never stored with one id twice. Nesting is bounded (``free_exercise_db.MAX_DEPTH``). A rejected
file stores nothing and leaves the previous extension as it was (the write is atomic).

The extension is a file, not database rows: it extends the catalogue for everyone using this data
folder, so there is no unit of work and no person here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backcoach.catalog import Catalog
from backcoach.config import Settings
from backcoach.errors import ImportRejected
from backcoach.interop import extension_store

SOURCE = "free-exercise-db"


@dataclass(frozen=True)
class Imported:
    records: int  # records in the file
    added: int  # stored as new exercises
    duplicates: dict[str, str]  # original id -> the curated exercise it duplicates (curated wins)
    stored_at: Path

    @property
    def merged_duplicates(self) -> int:
        return len(self.duplicates)

    def to_json(self) -> dict[str, Any]:
        """The public shape (``catalog import --json``)."""
        return {
            "source": SOURCE,
            "records": self.records,
            "added": self.added,
            "merged_duplicates": self.merged_duplicates,
            "rejected": 0,
            "duplicates": self.duplicates,
            "stored_at": str(self.stored_at),
        }


def import_free_exercise_db(path: Path, *, settings: Settings, catalog: Catalog, now: datetime) -> Imported:
    """Validate, convert and store ``path``; ImportRejected (nothing stored) on any fault."""
    extension, seen = extension_store.import_free_exercise_db(path, settings, catalog, now=now)
    return Imported(
        records=seen,
        added=len(extension.exercises),
        duplicates=dict(extension.duplicates),
        stored_at=settings.catalog_dir,
    )


def rejected_to_json(exc: ImportRejected) -> dict[str, Any]:
    """The public shape of a rejected import: the same counts, all rejected, and why."""
    return {
        "source": SOURCE,
        "records": exc.records,
        "added": 0,
        "merged_duplicates": 0,
        "rejected": exc.records,
        "error": str(exc),
    }
