"""Uploaded export files kept between the steps of a web import (report, name fixes, confirm).

The file stays on the server: the browser only holds an opaque, random key, and a key is looked up
in the folder of the person asking, so another person's key opens nothing. Each upload is two files
in ``<root>/<user id>/``: ``<key>.data`` (the bytes, exactly as sent) and ``<key>.json`` (the
options chosen with it). Confirming claims the data file by renaming it (atomic on one file
system), so two confirms racing cannot both import; afterwards only the outcome is kept, until the
upload expires, so a repeated confirm shows it again instead of importing anything.

Folders rather than a table: an upload can be tens of MiB that no query ever reads, and it is
thrown away within hours. Several processes of one server share the folder; servers on separate
machines would need a shared folder (the data folder, ``BACKCOACH_HOME``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from backcoach.errors import InputError, NotFound

# Long enough to read the report and fix a few names over a coffee, short enough that a forgotten
# upload does not sit on the server (a judgement call; nothing else depends on it).
EXPIRES_S = 6 * 3600
# Uploads one person may have waiting at once: the oldest goes first. Bounds the disk one account
# can fill (with the API's 64 MiB per file: 256 MiB).
MAX_WAITING = 4
CHUNK = 1 << 16  # bytes copied at a time: the upload is never held in memory whole
_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # what secrets.token_urlsafe(24) gives


def copy_bounded(source: BinaryIO, path: Path, max_bytes: int, *, empty: str) -> int:
    """Copy ``source`` into a new file at ``path`` in chunks, refusing more than ``max_bytes`` or
    nothing at all (``empty`` says what to choose instead); a refused copy leaves no file."""
    written = 0
    try:
        with path.open("xb") as out:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                written += len(chunk)
                if written > max_bytes:
                    raise InputError(f"file: larger than the {max_bytes // 2**20} MiB accepted")
                out.write(chunk)
        if written == 0:
            raise InputError(f"file: the file is empty: {empty}")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return written


@dataclass(frozen=True)
class Upload:
    key: str
    name: str  # the file's name as the browser sent it (shown back to the person)
    options: dict[str, Any]
    outcome: dict[str, Any] | None  # the import's report once confirmed
    preview: dict[str, Any] | None = None  # the latest dry run's answer, shown again on a reload


class Uploads:
    """The waiting uploads under ``root``, one folder per person."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _folder(self, user_id: int) -> Path:
        return self.root / str(int(user_id))

    def _paths(self, user_id: int, key: str) -> tuple[Path, Path]:
        if not _KEY.match(key):
            raise NotFound("upload: this upload is not known (it may have expired): upload the file again")
        folder = self._folder(user_id)
        return folder / f"{key}.data", folder / f"{key}.json"

    def put(
        self,
        *,
        user_id: int,
        source: BinaryIO,
        name: str,
        options: dict[str, Any],
        max_bytes: int,
        now: float,
    ) -> str:
        """Keep ``source`` (copied in chunks, at most ``max_bytes``); returns its key."""
        self.sweep(now)
        folder = self._folder(user_id)
        folder.mkdir(parents=True, exist_ok=True)
        self._make_room(folder)
        key = secrets.token_urlsafe(24)  # 192 bits: not guessable, and only valid in one's own folder
        data, meta = self._paths(user_id, key)
        try:
            copy_bounded(source, data, max_bytes, empty="choose your app's export file")
            meta.write_text(json.dumps({"name": name[:200], "options": options, "outcome": None}), "utf-8")
        except BaseException:
            data.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            raise
        return key

    def get(self, *, user_id: int, key: str) -> Upload:
        """The upload ``key`` of this person; NotFound for an unknown, expired or foreign key."""
        _, meta = self._paths(user_id, key)
        try:
            raw = json.loads(meta.read_text("utf-8"))
        except (OSError, ValueError):
            raise NotFound(
                "upload: this upload is not known (it may have expired): upload the file again"
            ) from None
        return Upload(key, raw["name"], raw["options"], raw["outcome"], raw.get("preview"))

    @contextmanager
    def open(self, *, user_id: int, key: str) -> Iterator[BinaryIO]:
        """The upload's bytes, to read (for a dry run)."""
        data, _ = self._paths(user_id, key)
        try:
            handle = data.open("rb")
        except OSError:
            raise NotFound("upload: this file was already imported or has expired") from None
        with handle:
            yield handle

    @contextmanager
    def claim(self, *, user_id: int, key: str) -> Iterator[BinaryIO | None]:
        """The bytes for the one import allowed, or None when another confirm took them first.

        Leaving the block normally drops the bytes; an error puts them back for another try.
        """
        data, _ = self._paths(user_id, key)
        taken = data.with_suffix(f".claimed-{secrets.token_hex(4)}")
        try:
            os.rename(data, taken)
        except OSError:
            yield None
            return
        try:
            with taken.open("rb") as handle:
                yield handle
        except BaseException:
            with suppress(OSError):
                os.rename(taken, data)
            raise
        taken.unlink(missing_ok=True)

    def finish(self, *, user_id: int, key: str, outcome: dict[str, Any]) -> None:
        """Remember how the import went (a second confirm shows it; nothing is imported again)."""
        self._update(user_id, key, "outcome", outcome)

    def remember_preview(self, *, user_id: int, key: str, preview: dict[str, Any]) -> None:
        """Keep the latest dry run's answer, so reloading the report does not read the file again."""
        self._update(user_id, key, "preview", preview)

    def _update(self, user_id: int, key: str, field: str, value: dict[str, Any]) -> None:
        _, meta = self._paths(user_id, key)
        raw = json.loads(meta.read_text("utf-8"))
        raw[field] = value
        tmp = meta.with_suffix(f".tmp-{secrets.token_hex(4)}")  # never a half-written file
        tmp.write_text(json.dumps(raw), "utf-8")
        os.replace(tmp, meta)

    def discard(self, *, user_id: int, key: str) -> None:
        for path in self._paths(user_id, key):
            path.unlink(missing_ok=True)

    def _make_room(self, folder: Path) -> None:
        metas = sorted(folder.glob("*.json"), key=_mtime)
        for meta in metas[: max(0, len(metas) - MAX_WAITING + 1)]:
            _drop(meta)

    def sweep(self, now: float | None = None) -> int:
        """Remove every upload older than ``EXPIRES_S``; returns how many went."""
        limit = (time.time() if now is None else now) - EXPIRES_S
        gone = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not folder.is_dir() or not folder.name.isdigit():
                continue  # not a person's folder: the form checks' clips (``Clips``) share the root
            for path in folder.iterdir():
                if _mtime(path) < limit:
                    if path.suffix == ".json":
                        gone += 1
                    path.unlink(missing_ok=True)
            with suppress(OSError):
                folder.rmdir()  # only succeeds when empty
        return gone


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _drop(meta: Path) -> None:
    stem = meta.with_suffix("")
    meta.unlink(missing_ok=True)
    for path in meta.parent.glob(f"{stem.name}.*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# --- annotated clips of form checks -----------------------------------------------------------

# How long the annotated clip of a recording the person did not keep stays watchable: the same six
# hours as a waiting import (above), long enough to watch it after the analysis, short enough that
# footage of a person does not stay on the server they asked to delete it from.
CLIP_EXPIRES_S = EXPIRES_S
CLIP_SUFFIX = ".mp4"
KEPT = ".kept"  # marks the clip of a recording its person chose to keep: never swept


class Clips:
    """Annotated form-check clips: ``<root>/clips/<user id>/<job id>.mp4`` (``<job id>.kept.mp4``
    when the person kept the recording). A clip is looked up in its person's folder, by a job id
    the caller has already checked is theirs."""

    def __init__(self, root: Path) -> None:
        self.root = root / "clips"

    def path(self, *, user_id: int, job_id: int, kept: bool) -> Path:
        """Where the clip of ``job_id`` is written (its folder is created)."""
        folder = self.root / str(int(user_id))
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{int(job_id)}{KEPT if kept else ''}{CLIP_SUFFIX}"

    def temporary(self, final: Path) -> Path:
        """A name beside ``final`` to write to, then ``publish``: a reader never sees half a clip."""
        return final.with_name(f"{final.stem}.writing-{secrets.token_hex(4)}{CLIP_SUFFIX}")

    @staticmethod
    def publish(written: Path, final: Path) -> None:
        os.replace(written, final)  # atomic on one file system; a retried job's clip replaces the first

    def find(self, *, user_id: int, job_id: int, now: float | None = None) -> Path | None:
        """The clip of ``job_id``, or None (never written, or expired and removed now)."""
        folder = self.root / str(int(user_id))
        kept = folder / f"{int(job_id)}{KEPT}{CLIP_SUFFIX}"
        if kept.is_file():
            return kept
        clip = folder / f"{int(job_id)}{CLIP_SUFFIX}"
        if not clip.is_file():
            return None
        if _mtime(clip) < (time.time() if now is None else now) - CLIP_EXPIRES_S:
            clip.unlink(missing_ok=True)
            return None
        return clip

    def delete(self, *, user_id: int, job_id: int) -> None:
        folder = self.root / str(int(user_id))
        for kept in (False, True):
            (folder / f"{int(job_id)}{KEPT if kept else ''}{CLIP_SUFFIX}").unlink(missing_ok=True)

    def sweep(self, now: float | None = None) -> int:
        """Remove the clips of recordings nobody kept once older than ``CLIP_EXPIRES_S`` (and any
        half-written one a killed worker left); returns how many went."""
        limit = (time.time() if now is None else now) - CLIP_EXPIRES_S
        gone = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if not path.name.endswith(f"{KEPT}{CLIP_SUFFIX}") and _mtime(path) < limit:
                    path.unlink(missing_ok=True)
                    gone += 1
            with suppress(OSError):
                folder.rmdir()  # only succeeds when empty
        return gone
