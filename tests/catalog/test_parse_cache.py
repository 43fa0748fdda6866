"""The catalogue's YAML is parsed once per content: a JSON copy named by the text's hash serves the
next load, an edited file is parsed again, and a missing, corrupt or unwritable cache only means
parsing the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import backcoach.catalog
from backcoach.catalog import load_curated
from backcoach.catalog.loader import CACHE_ENV


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder / "catalog"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data files that a test may edit."""
    copy = tmp_path / "data"
    shutil.copytree(Path(backcoach.catalog.__file__).parent / "data", copy)
    return copy


def test_a_second_load_reads_the_copies_and_gives_the_same_catalogue(cache: Path, data: Path) -> None:
    first = load_curated(data)
    copies = sorted(cache.glob("*.json"))
    assert len(copies) == len(list(data.rglob("*.yaml")))
    stamps = [c.stat().st_mtime_ns for c in copies]
    assert load_curated(data) == first
    assert [c.stat().st_mtime_ns for c in copies] == stamps  # read, not rewritten


def test_an_edited_file_is_parsed_again(cache: Path, data: Path) -> None:
    load_curated(data)
    rows = data / "exercises" / "rows.yaml"
    rows.write_text(
        rows.read_text(encoding="utf-8").replace("name: Seated Cable Row", "name: Cable Row, Seated")
    )
    assert load_curated(data).exercises["seated-cable-row"].name == "Cable Row, Seated"


def test_a_corrupt_copy_is_ignored(cache: Path, data: Path) -> None:
    expected = load_curated(data)
    for copy in cache.glob("*.json"):
        copy.write_text("{ not json", encoding="utf-8")
    assert load_curated(data) == expected


def test_a_cache_that_cannot_be_written_only_means_parsing_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert load_curated(data).exercises["seated-cable-row"].name == "Seated Cable Row"
