"""Uploads waiting between the Import page's steps: per-person folders, keys that open nothing
else, one claim per upload, a size limit, and expiry."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from backcoach.errors import InputError, NotFound
from backcoach.store.uploads import EXPIRES_S, MAX_WAITING, Uploads


def put(
    uploads: Uploads, user_id: int = 1, data: bytes = b"Date,Exercise\n", now: float | None = None
) -> str:
    return uploads.put(
        user_id=user_id,
        source=io.BytesIO(data),
        name="log.csv",
        options={"unit": "kg"},
        max_bytes=1024,
        now=time.time() if now is None else now,
    )


def test_a_key_opens_only_its_owners_upload(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path)
    key = put(uploads, user_id=1)
    assert uploads.get(user_id=1, key=key).options == {"unit": "kg"}
    with pytest.raises(NotFound):
        uploads.get(user_id=2, key=key)
    for odd in ("../1/" + key, "", "a" * 200, key + "/.."):
        with pytest.raises(NotFound):
            uploads.get(user_id=1, key=odd)


def test_only_one_claim_gets_the_bytes_and_a_failure_puts_them_back(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path)
    key = put(uploads)

    def failing_import() -> None:
        with uploads.claim(user_id=1, key=key) as claimed:
            assert claimed is not None
            raise RuntimeError("the import failed")

    with pytest.raises(RuntimeError):
        failing_import()
    with uploads.claim(user_id=1, key=key) as first:
        assert first is not None and first.read() == b"Date,Exercise\n"
        with uploads.claim(user_id=1, key=key) as second:
            assert second is None
    with uploads.claim(user_id=1, key=key) as after:
        assert after is None  # imported: the bytes are gone


def test_too_big_or_empty_files_are_refused_and_not_kept(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path)
    with pytest.raises(InputError, match=r"^file: larger"):
        put(uploads, data=b"x" * 2000)
    with pytest.raises(InputError, match=r"^file: the file is empty"):
        put(uploads, data=b"")
    assert list(tmp_path.rglob("*.*")) == []


def test_old_uploads_expire_and_each_person_keeps_a_few(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path)
    old = put(uploads)
    stale = time.time() - EXPIRES_S - 60
    for path in (tmp_path / "1").iterdir():
        os.utime(path, (stale, stale))
    assert uploads.sweep() == 1
    with pytest.raises(NotFound):
        uploads.get(user_id=1, key=old)
    keys = [put(uploads) for _ in range(MAX_WAITING + 2)]
    assert len(list((tmp_path / "1").glob("*.json"))) == MAX_WAITING
    assert uploads.get(user_id=1, key=keys[-1]).name == "log.csv"
