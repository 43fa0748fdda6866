"""Bringing training history in from Strong, Hevy, FitNotes and Fitbod, and correcting how an
app's exercise names map onto the catalogue.

``import_history`` reads the file streaming (``interop.history_files``), matches each distinct
exercise name once (``interop.exercise_match``), and writes in one unit of work: a file imports
whole or not at all, and a refusal (``InputError`` naming file, line and field) leaves nothing.
Every data row is accounted for: imported (a set), merged (the same row was imported before, so
nothing is added: importing a file twice is harmless) or skipped, with its line and why. A dry
run reads the database but writes nothing.

Speed (the benchmark's 100,000 sets, ``benchmarks/import_bench.py``): sets go to the store as
plain tuples in batches, straight to the driver (``store.imports``); each distinct exercise name
is matched, and each distinct set of values checked by ``LoggedSet``, once; records are brought
up to date once, at the end, from the sets that can matter (``RecordBests``). Memory: a file's
workouts are remembered by digest only, so what grows with the file is about 120 bytes a workout.

The time zone: exports carry none (Fitbod's offset excepted), so ``tz`` names it; without one the
system's zone is used, and the report says which.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, BinaryIO, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backcoach.analysis.progress import counts_for_records, set_e1rm
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.catalog.names import name_key
from backcoach.errors import InputError
from backcoach.interop.exercise_match import ExerciseMatcher, is_custom
from backcoach.interop.history import Skipped, SourceSet, SourceWorkout, Unknown, workouts
from backcoach.interop.history_files import FORMATS, Format, open_history
from backcoach.sessions.records import FUTURE_SLACK, LoggedSet, Unit, Workout
from backcoach.store import User
from backcoach.store.imports import (
    ImportedRow,
    RecordBests,
    add_custom_exercises,
    add_imported_rows,
    add_imported_workouts,
    custom_exercises,
    exercise_mappings,
    has_imports,
    imported_workouts,
    known_sources,
    next_positions,
    remember_mapping,
)

BATCH_SETS = 2000  # sets written per round trip: large enough for throughput, small for memory
FormatChoice = Format | Literal["auto"]


@dataclass
class ImportReport:
    format: str
    dialect: str
    encoding: str
    separator: str
    timezone: str
    unit: str | None  # the unit said by --unit, None when the file states its own
    dry_run: bool
    rows: int = 0
    imported: int = 0
    merged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    workouts: int = 0
    matched: int = 0
    custom: dict[str, str] = field(default_factory=dict)  # id -> name

    def to_json(self) -> dict[str, Any]:
        """The public shape (``import --json``, ``POST /api/v1/imports``)."""
        return {
            "format": self.format,
            "dialect": self.dialect,
            "rows": self.rows,
            "imported": self.imported,
            "merged": self.merged,
            "skipped": [
                {"line": s.line, "reason": s.reason} for s in sorted(self.skipped, key=lambda s: s.line)
            ],
            "workouts": self.workouts,
            "exercises": {
                "matched": self.matched,
                "custom": [{"id": i, "name": n} for i, n in sorted(self.custom.items(), key=lambda x: x[1])],
            },
            "unknown": [{"line": u.line, "field": u.field, "reason": u.reason} for u in self.unknown],
            "timezone": self.timezone,
            "unit": self.unit,
            "encoding": self.encoding,
            "separator": self.separator,
            "dry_run": self.dry_run,
        }


def zone_named(tz: str | None) -> tuple[tzinfo, str]:
    """The zone ``tz`` names (IANA), or the system's; with the name the report states."""
    if tz is None:
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        key = getattr(local, "key", None)
        return local, f"{key or datetime.now().astimezone().tzname()} (the system's zone: no --tz given)"
    try:
        return ZoneInfo(tz), tz
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise InputError(
            f"--tz: {tz[:60]!r} is not a time zone (e.g. Europe/Berlin, America/New_York, UTC)"
        ) from None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class _Writer:
    """Turns source workouts into rows, in batches, inside the caller's transaction."""

    def __init__(
        self, uow: UnitOfWork, report: ImportReport, *, catalog: Catalog, user: User, now: datetime
    ) -> None:
        self.uow = uow
        self.report = report
        self.user = user
        self.now = now
        self.catalog = catalog
        db = uow.session
        self.own = custom_exercises(db, user_id=user.id)
        self.matcher = ExerciseMatcher(catalog, exercise_mappings(db, user_id=user.id))
        # A first import has nothing to find again: its own rows' digests are distinct by design,
        # and looking each batch up in the table growing inside this very transaction would cost
        # PostgreSQL a scan per batch (its statistics still call the table empty).
        self.prior = has_imports(db, user_id=user.id)
        self.pending: list[SourceWorkout] = []
        self.pending_sets = 0
        # Per workout of the file, by its digest as a number (half the memory of its text): how
        # often it appeared (a workout may come back later in the file). About 120 bytes a
        # workout, a 24th of the sets in the benchmark's file: the only state that grows with it.
        self.seen_workouts: dict[int, int] = {}  # workout digest -> times it has appeared in the file
        # Where the latest workouts went, forgotten past ``WORKOUTS`` (not in a dry run, which
        # writes nothing to find them in): one that comes back is looked up in the store.
        self.workout_ids: dict[str, int] = {}  # workout digest -> our workout (0 in a dry run)
        self.next_position: dict[int, int] = {}  # our workout -> its next free set position
        self.matched_names: set[str] = set()
        self.new_custom: dict[str, str] = {}
        self.verdicts: dict[tuple[object, ...], tuple[float | None, bool, float | None] | str] = {}
        self.named: dict[str, tuple[str, str]] = {}  # exercise name -> (exercise id, name key)
        self.bests = RecordBests(self._logged)

    def add(self, chunk: SourceWorkout) -> None:
        self.pending.append(chunk)
        self.pending_sets += len(chunk.sets)
        if self.pending_sets >= BATCH_SETS:
            self.flush()

    def flush(self) -> None:
        chunks, self.pending, self.pending_sets = self.pending, [], 0
        if not chunks:
            return
        keyed: list[tuple[SourceWorkout, str, list[str]]] = []
        fmt = self.report.format
        for chunk in chunks:
            workout_key = _digest(f"{fmt}|{chunk.key}")
            seen = int(workout_key, 16)
            appearance = self.seen_workouts.get(seen, 0)
            self.seen_workouts[seen] = appearance + 1
            # Each row's digest: its content, the workout's appearance and how often the same
            # content came before in it (two identical sets are two sets).
            counts: dict[str, int] = {}
            keys = []
            for s in chunk.sets:
                identity = s.identity
                n = counts.get(identity, 0)
                counts[identity] = n + 1
                keys.append(_digest(f"{identity}|{appearance}|{n}"))
            keyed.append((chunk, workout_key, keys))
        db = self.uow.session
        known = (
            known_sources(db, user_id=self.user.id, keys=[k for _, _, keys in keyed for k in keys])
            if self.prior
            else set()
        )
        planned: list[tuple[SourceWorkout, str, list[_Fresh]]] = []
        for chunk, workout_key, keys in keyed:
            self.report.skipped.extend(chunk.skipped)
            fresh = self._fresh(chunk.sets, keys, known)
            if fresh:
                planned.append((chunk, workout_key, fresh))
        if not planned:
            return
        self.report.imported += sum(len(fresh) for _, _, fresh in planned)
        unseen = {key for _, key, _ in planned if key not in self.workout_ids}
        # Looked up: every unseen workout when the person imported before; on a first import only
        # those that appeared earlier in this file (and may have been forgotten since).
        wanted = unseen if self.prior else {k for k in unseen if self.seen_workouts[int(k, 16)] > 1}
        if wanted:
            self.workout_ids.update(imported_workouts(db, user_id=self.user.id, keys=wanted))
        new: dict[str, SourceWorkout] = {}
        for chunk, key, _ in planned:
            if key not in self.workout_ids:
                new.setdefault(key, chunk)
        self.report.workouts += len(new)
        if self.report.dry_run:
            self.workout_ids.update(dict.fromkeys(new, 0))
            return
        if self.new_custom:
            add_custom_exercises(db, user_id=self.user.id, exercises=self.new_custom)
            self.new_custom = {}
        ids = add_imported_workouts(
            db,
            user_id=self.user.id,
            workouts=[(self._workout(chunk), key) for key, chunk in new.items()],
        )
        for key, workout_id in zip(new, ids, strict=True):
            self.workout_ids[key] = workout_id
            self.next_position[workout_id] = 0
        earlier = {self.workout_ids[key] for _, key, _ in planned} - self.next_position.keys()
        if earlier:
            self.next_position.update(next_positions(db, workout_ids=earlier))
        rows_out: list[ImportedRow] = []
        for _, key, fresh in planned:
            workout_id = self.workout_ids[key]
            position = self.next_position[workout_id]
            rows_out.extend((workout_id, position + n, *item) for n, item in enumerate(fresh))
            self.next_position[workout_id] = position + len(fresh)
        add_imported_rows(db, user_id=self.user.id, rows=rows_out)
        if len(self.workout_ids) > WORKOUTS:  # both found again in the store (``next_positions``)
            self.workout_ids.clear()
            self.next_position.clear()

    def _workout(self, chunk: SourceWorkout) -> Workout:
        ended = chunk.ended_at if chunk.ended_at and chunk.ended_at <= self.now + FUTURE_SLACK else None
        return Workout(started_at=chunk.started_at, ended_at=ended, notes=_notes(chunk))

    def _fresh(self, sets: list[SourceSet], keys: list[str], known: set[str]) -> list[_Fresh]:
        fresh: list[_Fresh] = []
        latest = self.now + FUTURE_SLACK
        report = self.report
        named = self.named
        offer = self.bests.offer
        for s, key in zip(sets, keys, strict=True):
            if key in known:
                report.merged += 1
                continue
            if s.started_at > latest:
                report.skipped.append(Skipped(s.line, f"date: {s.started_at.isoformat()} is in the future"))
                continue
            exercise = s.exercise
            found = named.get(exercise)
            if found is None:
                found = self._name(exercise)
            exercise_id, name_key = found
            checked = self._checked(s, exercise_id)
            if isinstance(checked, str):
                report.skipped.append(Skipped(s.line, checked))
                continue
            load_kg, counts, e1rm = checked
            if counts:
                assert load_kg is not None  # counts_for_records
                offer(exercise_id, s.reps, load_kg, s.started_at, e1rm, s)
            fresh.append(
                (
                    exercise_id,
                    s.set_type.value,
                    s.started_at,
                    s.reps,
                    load_kg,
                    s.unit,
                    s.rir,
                    s.rest_s,
                    s.hold_s,
                    key,
                    name_key,
                )
            )
        return fresh

    def _name(self, exercise: str) -> tuple[str, str]:
        """An exercise name's id and name key, worked out once per name with what the report says
        of it (a match, or one of the person's own exercises, new or not)."""
        match = self.matcher.match(exercise)
        exercise_id = match.exercise_id
        if match.how == "custom" or is_custom(exercise_id):
            if exercise_id not in self.own:
                self.new_custom[exercise_id] = exercise
                self.own[exercise_id] = exercise
            self.report.custom[exercise_id] = self.own[exercise_id]
        else:
            self.matched_names.add(exercise)
        if len(self.named) > NAMES:
            self.named.clear()
        found = self.named[exercise] = (exercise_id, self.matcher.key_of(exercise))
        return found

    def _logged(self, s: SourceSet, exercise_id: str, load_kg: float | None) -> LoggedSet:
        return LoggedSet(
            exercise_id,
            s.started_at,
            s.reps,
            load_kg,
            s.set_type,
            s.rir,
            rest_s=s.rest_s,
            entered_unit=s.unit,
            hold_s=s.hold_s,
        )

    def _checked(self, s: SourceSet, exercise_id: str) -> tuple[float | None, bool, float | None] | str:
        """``LoggedSet``'s verdict on a set (why not, or its load in kg, whether it counts for
        records and its e1RM), worked out once per distinct set of values: a file repeats the
        same reps and load many times, and building a ``LoggedSet`` was most of the cost of a
        set. Neither its time (once it has a zone: ``Dates`` gives one) nor its exercise (once
        not empty) is part of the verdict."""
        if s.started_at.utcoffset() is None or not exercise_id:
            return self._verdict(s, exercise_id)
        values = (s.reps, s.load, s.unit, s.set_type, s.rir, s.rest_s, s.hold_s)
        verdict = self.verdicts.get(values)
        if verdict is None:
            if len(self.verdicts) > VERDICTS:
                self.verdicts.clear()
            verdict = self.verdicts[values] = self._verdict(s, exercise_id)
        return verdict

    def _verdict(self, s: SourceSet, exercise_id: str) -> tuple[float | None, bool, float | None] | str:
        try:
            logged = self._logged(s, exercise_id, s.load_kg)
        except InputError as exc:
            return str(exc)
        return logged.load_kg, counts_for_records(logged), set_e1rm(logged)


# What ``_Writer._fresh`` hands on for one set: ``ImportedRow`` without its workout and position.
_Fresh = tuple[str, str, datetime, int, float | None, str, float | None, int | None, int | None, str, str]
WORKOUTS = 1024  # workouts remembered with their ids: a file's workouts come back rarely, if at all
NAMES = 4096  # exercise names remembered with their ids; a person logs a few hundred at most
VERDICTS = 8192  # distinct sets of values remembered (about 1 MiB); a real file repeats far fewer


def _notes(chunk: SourceWorkout) -> str:
    head = chunk.name.strip()
    lines = [head] if head else []
    lines.extend(n for n in dict.fromkeys(chunk.notes) if n)
    return "\n".join(lines)[:10_000]


def import_history(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    source: BinaryIO,
    name: str,
    now: datetime,
    fmt: FormatChoice = "auto",
    unit: Unit | None = None,
    tz: str | None = None,
    dry_run: bool = False,
    progress: Callable[[], None] | None = None,
) -> ImportReport:
    """Import one export file whole, or refuse it whole; see the module docstring."""
    if fmt != "auto" and fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} must be auto, {', '.join(FORMATS)}")
    zone, zone_text = zone_named(tz)
    opened = open_history(source, where=name, fmt=fmt, unit=unit, zone=zone)
    report = ImportReport(
        format=opened.format,
        dialect=opened.dialect,
        encoding=opened.layout.encoding,
        separator=opened.layout.separator,
        timezone=zone_text,
        unit=None if opened.unit_in_file and opened.format != "strong" else unit,
        dry_run=dry_run,
    )
    with uow:
        writer = _Writer(uow, report, catalog=catalog, user=user, now=now)
        for item in _counted(workouts(opened.items), progress):
            if isinstance(item, Skipped):
                report.skipped.append(item)
            elif isinstance(item, Unknown):
                report.unknown.append(item)
            else:
                writer.add(item)
        writer.flush()
        if not dry_run:
            writer.bests.write(uow.session, user_id=user.id)
        report.matched = len(writer.matched_names)
        if dry_run:
            uow.rollback()
    report.rows = opened.counter[0]
    return report


def _counted(
    items: Iterator[SourceWorkout | Skipped | Unknown], progress: Callable[[], None] | None
) -> Iterator[SourceWorkout | Skipped | Unknown]:
    for n, item in enumerate(items):
        if progress is not None and n % 64 == 0:
            progress()
        yield item


@dataclass(frozen=True)
class MappingFixed:
    name: str
    exercise_id: str
    moved: int  # sets already imported that now carry the exercise

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "exercise_id": self.exercise_id, "moved": self.moved}


def correct_mapping(
    uow: UnitOfWork, *, catalog: Catalog, user: User, name: str, exercise_id: str
) -> MappingFixed:
    """Say that an app's exercise ``name`` means ``exercise_id``: remembered for later imports and
    applied to the sets already imported under that name."""
    if not name.strip():
        raise InputError("name: give the exercise name as the file wrote it")
    target = exercise_id if is_custom(exercise_id) else catalog.exercise(exercise_id).id
    with uow as db:
        moved = remember_mapping(
            db,
            user_id=user.id,
            source_key=name_key(name),
            source_name=name,
            exercise_id=target,
            catalog=catalog,
        )
    return MappingFixed(name, target, moved)
