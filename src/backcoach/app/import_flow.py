"""An import in steps, as the web's Import page walks it: upload (kept on the server, a dry run
shows the report), fix how unmatched names map, look again, confirm.

Each step calls the one import use case (``app.history_import``): the report is always a real dry
run of the file as it will be imported, and confirming imports it whole or not at all, in one unit
of work. The file waits in ``store.uploads``, under the person's own folder, so the browser holds
only a key and nobody else's key opens anything. A second confirm of the same upload imports
nothing: it answers the first confirm's report (and importing the same rows again would only merge).

A big file (``import_job.background_from()`` bytes or more) is confirmed into a background job
instead, when the door offers a job runner: the claimed bytes move to a file of the job's own, the
confirmed upload remembers the job, and the job imports the file whole, with progress
(``app.import_job``); small files are imported in the request, as before.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from backcoach.app import import_job
from backcoach.app.background import JobRunner
from backcoach.app.history_import import FormatChoice, correct_mapping, import_history, zone_named
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import InputError
from backcoach.interop.exercise_match import ExerciseMatcher, is_custom
from backcoach.interop.history import SourceSet
from backcoach.interop.history_files import open_history
from backcoach.sessions.records import Unit
from backcoach.store import User
from backcoach.store.imports import exercise_mappings
from backcoach.store.uploads import Upload, Uploads


@dataclass(frozen=True)
class Step:
    """Where an upload stands: its key, file name and options, and the report (dry run or done)."""

    key: str
    name: str
    options: dict[str, Any]
    report: dict[str, Any]
    done: bool  # confirmed: ``report`` is the import's own, not a dry run
    repeated: bool = False  # a confirm that came after the import had already happened
    matched: tuple[tuple[str, str], ...] = ()  # (the file's name, the library exercise it matched)
    job_id: int | None = None  # confirmed into a background import: its job (``report`` is empty)


def _run(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    source: BinaryIO,
    name: str,
    options: Mapping[str, Any],
    now: datetime,
    dry_run: bool,
) -> dict[str, Any]:
    fmt: FormatChoice = options.get("format") or "auto"
    unit: Unit | None = options.get("unit") or None
    report = import_history(
        uow,
        catalog=catalog,
        user=user,
        source=source,
        name=name,
        now=now,
        fmt=fmt,
        unit=unit,
        tz=options.get("tz") or None,
        dry_run=dry_run,
    )
    return report.to_json()


def upload(
    uow: UnitOfWork,
    uploads: Uploads,
    *,
    catalog: Catalog,
    user: User,
    source: BinaryIO,
    name: str,
    fmt: str,
    unit: str | None,
    tz: str | None,
    now: datetime,
    max_bytes: int,
) -> Step:
    """Keep the file and answer its dry-run report; a file refused whole is not kept."""
    options = {"format": fmt, "unit": unit, "tz": tz}
    key = uploads.put(
        user_id=user.id, source=source, name=name, options=options, max_bytes=max_bytes, now=time.time()
    )
    try:
        return preview(uow, uploads, catalog=catalog, user=user, key=key, now=now, fresh=True)
    except InputError:
        uploads.discard(user_id=user.id, key=key)
        raise


def preview(
    uow: UnitOfWork,
    uploads: Uploads,
    *,
    catalog: Catalog,
    user: User,
    key: str,
    now: datetime,
    fresh: bool = False,
) -> Step:
    """The upload's dry-run report: the one kept from the last dry run, or (``fresh``) a new one.

    A kept report is as of the upload or the last name fix, the only steps here that change it;
    the confirm imports whatever the file holds then and answers its own report."""
    kept = uploads.get(user_id=user.id, key=key)
    if kept.outcome is not None:
        return _done(kept)
    if not fresh and kept.preview is not None:
        pairs = tuple((str(a), str(b)) for a, b in kept.preview["matched"])
        return Step(kept.key, kept.name, kept.options, kept.preview["report"], done=False, matched=pairs)
    with uploads.open(user_id=user.id, key=key) as source:
        report = _run(
            uow,
            catalog=catalog,
            user=user,
            source=source,
            name=kept.name,
            options=kept.options,
            now=now,
            dry_run=True,
        )
        source.seek(0)
        matched = _matched(
            uow, catalog=catalog, user=user, source=source, name=kept.name, options=kept.options
        )
    uploads.remember_preview(user_id=user.id, key=key, preview={"report": report, "matched": matched})
    return Step(kept.key, kept.name, kept.options, report, done=False, matched=matched)


def _matched(
    uow: UnitOfWork, *, catalog: Catalog, user: User, source: BinaryIO, name: str, options: Mapping[str, Any]
) -> tuple[tuple[str, str], ...]:
    """Each exercise name of the file that the library matched, with what it matched, so a person
    can see that "Bent Over Row (Barbell)" landed on the right exercise (a second streaming read:
    the report counts matches but does not list them)."""
    zone, _ = zone_named(options.get("tz") or None)
    opened = open_history(
        source, where=name, fmt=options.get("format") or "auto", unit=options.get("unit") or None, zone=zone
    )
    names = dict.fromkeys(item.exercise for item in opened.items if isinstance(item, SourceSet))
    with uow as db:
        matcher = ExerciseMatcher(catalog, exercise_mappings(db, user_id=user.id))
    found = []
    for written in names:
        exercise = catalog.exercises.get(matcher.match(written).exercise_id)
        if exercise is not None:
            found.append((written, exercise.name))
    return tuple(sorted(found, key=lambda pair: pair[0].lower()))


def fix_names(
    uow: UnitOfWork,
    uploads: Uploads,
    *,
    catalog: Catalog,
    user: User,
    key: str,
    choices: Mapping[str, str],
    now: datetime,
) -> Step:
    """Map each file name in ``choices`` to a catalogue exercise (all in one transaction: remembered
    for this and later imports, and applied to sets already imported), then the report again.

    Only names this upload left unmatched may be fixed here; an empty choice keeps the name as the
    person's own exercise."""
    before = preview(uow, uploads, catalog=catalog, user=user, key=key, now=now)
    unmatched = {c["name"] for c in before.report.get("exercises", {}).get("custom", [])}
    wanted = {name: target for name, target in choices.items() if target}
    for name, target in wanted.items():
        if name not in unmatched:
            raise InputError(f"mapping: {name[:80]!r} is not one of this file's unmatched names")
        if is_custom(target):
            raise InputError(f"mapping: choose an exercise from the library for {name[:80]!r}")
        catalog.exercise(target)  # an unknown id refuses the whole form before anything is written
    if not wanted:
        return before
    with uow:
        for name, target in wanted.items():
            correct_mapping(uow, catalog=catalog, user=user, name=name, exercise_id=target)
    return preview(uow, uploads, catalog=catalog, user=user, key=key, now=now, fresh=True)


def confirm(
    uow: UnitOfWork,
    uploads: Uploads,
    *,
    catalog: Catalog,
    user: User,
    key: str,
    now: datetime,
    runner: Callable[[], JobRunner] | None = None,
    background_from: int | None = None,
) -> Step:
    """Import the upload whole (one unit of work), once; a repeated confirm imports nothing.

    With ``runner`` (made only when needed), a file of ``background_from`` bytes or more
    (default ``import_job.background_from()``) is queued as a background import instead: the
    step carries its job's id and no report yet."""
    kept = uploads.get(user_id=user.id, key=key)
    if kept.outcome is not None:
        return _done(kept, repeated=True)
    with uploads.claim(user_id=user.id, key=key) as source:
        if source is None:  # another confirm is importing it right now
            return Step(kept.key, kept.name, kept.options, {}, done=True, repeated=True)
        size = os.fstat(source.fileno()).st_size
        limit = import_job.background_from() if background_from is None else background_from
        if runner is not None and size >= limit:
            job_id = import_job.submit_import(
                uow,
                runner(),
                user=user,
                source=source,
                name=kept.name,
                options=kept.options,
                now=now,
                max_bytes=size,
                folder=uploads.root,
            )
            uploads.finish(user_id=user.id, key=key, outcome={"job": job_id})
            return Step(kept.key, kept.name, kept.options, {}, done=True, job_id=job_id)
        report = _run(
            uow,
            catalog=catalog,
            user=user,
            source=source,
            name=kept.name,
            options=kept.options,
            now=now,
            dry_run=False,
        )
        uploads.finish(user_id=user.id, key=key, outcome=report)
    return Step(kept.key, kept.name, kept.options, report, done=True)


def _done(kept: Upload, *, repeated: bool = False) -> Step:
    assert kept.outcome is not None
    job_id = kept.outcome.get("job")
    if isinstance(job_id, int):  # confirmed into a background import: its report is the job's
        return Step(kept.key, kept.name, kept.options, {}, done=True, repeated=repeated, job_id=job_id)
    return Step(kept.key, kept.name, kept.options, kept.outcome, done=True, repeated=repeated)
