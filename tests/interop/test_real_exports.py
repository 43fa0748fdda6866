"""The real export files of shared/data/exports (never copied into the repository): each one
imports with every data row accounted for. Skipped where the folder is absent."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from history_helpers import EXPORTS
from sqlalchemy import create_engine

from backcoach.app.history_import import import_history
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.errors import InputError
from backcoach.store import default_user, ensure_schema

FILES = sorted(EXPORTS.glob("*/*.csv")) if EXPORTS.is_dir() else []
NOT_LOGS = {"barbell-beasts-og-FitNotes_BodyTracker_Export.csv", "vis-strong-go-bad.csv"}

pytestmark = pytest.mark.skipif(not FILES, reason="shared/data/exports is absent")


def _import(path: Path, tmp_path: Path) -> tuple[object, int]:
    engine = create_engine(f"sqlite:///{tmp_path / 'real.db'}")
    ensure_schema(engine)
    uow = UnitOfWork(engine)
    with uow as db:
        user = default_user(db)
    with path.open("rb") as source:
        report = import_history(
            UnitOfWork(engine),
            catalog=curated(),
            user=user,
            source=source,
            name=path.name,
            now=datetime(2026, 12, 4, tzinfo=UTC),
            unit="kg",
            tz="UTC",
        )
    engine.dispose()
    data_rows = sum(1 for line in path.read_bytes().splitlines()[1:] if line.strip())
    return report, data_rows


@pytest.mark.parametrize("path", [p for p in FILES if p.name not in NOT_LOGS], ids=lambda p: p.name)
def test_real_export_imports_with_every_row_accounted_for(path: Path, tmp_path: Path) -> None:
    report, data_rows = _import(path, tmp_path)
    assert report.rows == data_rows  # type: ignore[attr-defined]
    lines = {s.line for s in report.skipped}  # type: ignore[attr-defined]
    sets_lines = report.rows - len(lines)  # type: ignore[attr-defined]
    assert report.imported + report.merged >= sets_lines  # type: ignore[attr-defined]
    assert report.imported > 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", [p for p in FILES if p.name in NOT_LOGS], ids=lambda p: p.name)
def test_files_that_are_not_training_logs_are_refused_by_line(path: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r": line \d+: "):
        _import(path, tmp_path)


def test_the_fitnotes_commas_are_repaired(tmp_path: Path) -> None:
    path = EXPORTS / "fitnotes" / "Data-analysis-FitNotes_Export.csv"
    if not path.exists():
        pytest.skip("file absent")
    report, rows = _import(path, tmp_path)
    assert report.imported == rows  # type: ignore[attr-defined]
