"""Fuzzing every importer: malformed rows, random encodings, truncation, swapped columns, huge
fields. Never a crash, never a partial import, and every refusal names a line (or the option)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from history_helpers import fixture
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, func, select

from backcoach.app.history_import import import_history
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.errors import BackcoachError
from backcoach.store import User, default_user, ensure_schema
from backcoach.store.tables import SetRow, WorkoutRow

SEEDS = {
    "strong": "strong_a_semicolon_units.csv",
    "strong-d": "strong_d_quoted_lbs.csv",
    "hevy": "hevy_kg.csv",
    "fitnotes": "fitnotes_new_commas.csv",
    "fitbod": "fitbod_current.csv",
}
NAMED = re.compile(r"(line \d+: [a-z_#()-]+: |^--unit: |^--tz: )")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, User]]:
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    ensure_schema(engine)
    uow = UnitOfWork(engine)
    with uow as s:
        user = default_user(s)
    yield engine, user
    engine.dispose()


def _count(engine: Engine) -> tuple[int, int]:
    with engine.connect() as c:
        return (
            c.scalar(select(func.count()).select_from(SetRow)) or 0,
            c.scalar(select(func.count()).select_from(WorkoutRow)) or 0,
        )


def _mutate(data: bytes, how: str, at: float, blob: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    cut = int(at * len(data))
    row = 1 + int(at * (len(lines) - 1))
    if how == "truncate":
        return data[:cut]
    if how == "insert":
        return data[:cut] + blob + data[cut:]
    if how == "drop_fields":
        sep = b";" if lines[0].count(b";") > lines[0].count(b",") else b","
        if row < len(lines):
            lines[row] = sep.join(lines[row].split(sep)[: max(1, len(blob) % 5)]) + b"\n"
        return b"".join(lines)
    if how == "swap_columns":
        sep = b";" if lines[0].count(b";") > lines[0].count(b",") else b","
        out = []
        for line in lines:
            cells = line.rstrip(b"\r\n").split(sep)
            if len(cells) > 3:
                cells[1], cells[3] = cells[3], cells[1]
            out.append(sep.join(cells) + b"\n")
        return b"".join(out)
    if how == "huge_field":
        return data[:cut] + b"x" * (200_000 + len(blob)) + data[cut:]
    if how == "encoding":
        text = data.decode("utf-8")
        codec = ("utf-16", "utf-16-le", "latin-1", "utf-8-sig", "cp1252")[len(blob) % 5]
        return text.encode(codec, errors="replace")
    raise AssertionError(how)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    how=st.sampled_from(["truncate", "insert", "drop_fields", "swap_columns", "huge_field", "encoding"]),
    at=st.floats(0, 1),
    blob=st.binary(max_size=40),
)
def test_importers_never_crash_nor_import_part_of_a_file(
    db: tuple[Engine, User], seed: str, how: str, at: float, blob: bytes
) -> None:
    engine, user = db
    data = _mutate(fixture(SEEDS[seed]), how, at, blob)
    before = _count(engine)
    refused: BackcoachError | None = None
    try:
        report = import_history(
            UnitOfWork(engine),
            catalog=curated(),
            user=user,
            source=io.BytesIO(data),
            name="fuzz.csv",
            now=datetime(2026, 12, 4, tzinfo=UTC),
            unit="kg",
            tz="UTC",
        )
    except BackcoachError as exc:
        refused = exc
    if refused is not None:
        assert NAMED.search(str(refused)), str(refused)
        assert _count(engine) == before  # nothing of a refused file
        return
    after = _count(engine)
    assert after[0] - before[0] == report.imported
    assert report.imported + report.merged + len({s.line for s in report.skipped}) >= report.rows


def test_fixture_folder_is_where_the_seeds_are() -> None:
    assert all((Path(__file__).parent / "fixtures" / name).exists() for name in SEEDS.values())
