"""The imported catalogue extension on disk: one JSON file per source in the user's data folder.

Writes are atomic (a temporary file in the same folder, then ``os.replace``) so a crash or a
rejected import never leaves a half-written extension behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.loader import curated
from backcoach.catalog.models import Exercise
from backcoach.config import Settings
from backcoach.errors import CatalogError, ImportRejected
from backcoach.interop import free_exercise_db

FORMAT_VERSION = 1
FILE_NAME = "free-exercise-db.json"


class Extension(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int
    source: str
    imported_at: datetime
    source_sha256: str
    exercises: tuple[Exercise, ...]
    duplicates: dict[str, str]  # original id → curated id


def extension_path(settings: Settings) -> Path:
    return settings.catalog_dir / FILE_NAME


def import_free_exercise_db(
    path: Path, settings: Settings, catalog: Catalog | None = None, *, now: datetime | None = None
) -> tuple[Extension, int]:
    """Validate, convert and store a free-exercise-db file. Returns the stored extension and the
    number of records seen. Raises ImportRejected (nothing stored) on any fault."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRejected(f"{_shown(path)}: cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{_shown(path)}: not UTF-8 text (byte {exc.start})") from None
    records = free_exercise_db.parse(text, where=_shown(path))
    result = free_exercise_db.convert(records, catalog if catalog is not None else curated())
    extension = Extension(
        format=FORMAT_VERSION,
        source=free_exercise_db.SOURCE_URL,
        imported_at=now if now is not None else datetime.now(UTC),
        source_sha256=hashlib.sha256(raw).hexdigest(),
        exercises=result.added,
        duplicates=result.duplicates,
    )
    _write_atomic(extension_path(settings), extension.model_dump_json(indent=1))
    return extension, len(records)


def _shown(path: Path) -> str:
    """The path as messages name it: never a page of it."""
    text = str(path)
    return text if len(text) <= 80 else "..." + text[-77:]


def read_extension(settings: Settings) -> Extension | None:
    path = extension_path(settings)
    if not path.exists():
        return None
    try:
        return Extension.model_validate(json.loads(path.read_text("utf-8")))
    except (ValueError, ValidationError) as exc:
        raise CatalogError(
            f"{path}: the stored extension is unreadable ({type(exc).__name__}); "
            "run 'backcoach catalog import' again"
        ) from None


def catalog_with_extension(settings: Settings) -> Catalog:
    """The curated catalogue, extended with the user's imported records when there are any."""
    extension = read_extension(settings)
    base = curated()
    return base if extension is None else base.extended(extension.exercises)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
