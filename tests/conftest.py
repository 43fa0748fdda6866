"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The project's shared reference folder; tests that read it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def fedb_path(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "free-exercise-db" / "exercises.json"
    if not path.is_file():
        pytest.skip("free-exercise-db test copy is absent")
    return path


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder, so no test reads or writes the real one."""
    home = tmp_path / "backcoach-home"
    monkeypatch.setenv("BACKCOACH_HOME", str(home))
    return home
