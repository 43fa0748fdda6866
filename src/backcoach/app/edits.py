"""Correcting the training log: edit or delete a logged set, delete a workout, and undo a delete.

A delete answers with an undo token: the deleted set (with its workout and place) or the whole
workout, written out as data. Handing the token back (``undo``) stores it again, so a delete can be
taken back for as long as the door offers it (the page shows an "Undo" button for a few seconds).
The token holds nothing the person could not log themselves, and restoring it runs the same checks
as logging; a set goes back only into one of the person's own workouts.

Personal records of every exercise touched are rebuilt from the sets left (``store.rebuild_records``);
progress, volume and recovery are read from the sets, so they follow by themselves.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from sqlalchemy.orm import Session

from backcoach.app.log import NO_LOAD, check_reps, set_note
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import InputError, NotFound
from backcoach.sessions import Feeling, LoggedSet, PainEntry, SetType, Workout
from backcoach.sessions.records import Unit
from backcoach.sessions.state import set_from_json, set_to_json
from backcoach.store import (
    User,
    delete_set,
    delete_workout,
    log_workout,
    replace_set,
    restore_set,
    set_owner,
    stored_set,
    workout,
)
from backcoach.store.tables import WorkoutRow


class Keep(Enum):
    """A field an edit leaves as it was."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class SetChanges:
    """What an edit changes; every field left at ``KEEP`` stays as logged."""

    reps: int | Keep = KEEP
    load_kg: float | Keep | None = KEEP  # None: body weight only
    rir: float | Keep | None = KEEP
    set_type: SetType | Keep = KEEP
    hold_s: int | Keep | None = KEEP
    entered_unit: Unit | Keep = KEEP
    note: str | Keep | None = KEEP  # None or blank: no note


@dataclass(frozen=True)
class EditedSet:
    set_id: int
    workout_id: int
    logged: LoggedSet


@dataclass(frozen=True)
class Deleted:
    """What a delete removed, and the token that puts it back."""

    kind: Literal["set", "workout"]
    id: int
    workout_id: int
    undo_token: str


@dataclass(frozen=True)
class Restored:
    kind: Literal["set", "workout"]
    id: int  # the new id of the set or workout put back
    workout_id: int


def _own_set(db: Session, user: User, set_id: int) -> int:
    owner = set_owner(db, set_id=set_id)
    if owner is None or owner[0] != user.id:
        raise NotFound(f"set {set_id} not found")
    return owner[1]


def _own_workout(db: Session, user: User, workout_id: int) -> None:
    row = db.get(WorkoutRow, workout_id)
    if row is None or row.user_id != user.id:
        raise NotFound(f"workout {workout_id} not found")


def edit_set(
    uow: UnitOfWork, *, catalog: Catalog, user: User, set_id: int, changes: SetChanges, now: datetime
) -> EditedSet:
    """Change a logged set in place (same id, same place); NotFound for anyone else's."""
    with uow as db:
        workout_id = _own_set(db, user, set_id)
        _, old = stored_set(db, set_id=set_id)
        fields = {
            name: value
            for name in ("reps", "load_kg", "rir", "set_type", "hold_s", "entered_unit")
            if (value := getattr(changes, name)) is not KEEP
        }
        if changes.note is not KEEP:
            fields["note"] = set_note(changes.note)
        new = replace(old, **fields)
        if catalog.exercise(new.exercise_id).load_type in NO_LOAD and not new.load_kg:
            new = replace(new, load_kg=None)  # 0 on a body-weight exercise: no added load
        check_reps(new.reps, new.hold_s)
        replace_set(db, set_id=set_id, logged=new, catalog=catalog, now=now)
    return EditedSet(set_id, workout_id, new)


def delete_logged_set(uow: UnitOfWork, *, user: User, set_id: int) -> Deleted:
    """Delete one logged set; NotFound for anyone else's."""
    with uow as db:
        workout_id = _own_set(db, user, set_id)
        position, old = stored_set(db, set_id=set_id)
        delete_set(db, set_id=set_id)
    token = {"kind": "set", "workout_id": workout_id, "position": position, "set": set_to_json(old)}
    return Deleted("set", set_id, workout_id, _encode(token))


def delete_logged_workout(uow: UnitOfWork, *, user: User, workout_id: int) -> Deleted:
    """Delete a workout with its sets and pain reports; NotFound for anyone else's."""
    with uow as db:
        _own_workout(db, user, workout_id)
        gone = workout(db, workout_id=workout_id)
        delete_workout(db, workout_id=workout_id)
    token = {"kind": "workout", "workout": _workout_data(gone)}
    return Deleted("workout", workout_id, workout_id, _encode(token))


def undo_delete(uow: UnitOfWork, *, catalog: Catalog, user: User, token: str, now: datetime) -> Restored:
    """Put back what a delete removed (its token); a set goes back into one of your own workouts."""
    data = _decode(token)
    try:
        if data.get("kind") == "set":
            workout_id = int(data["workout_id"])
            logged = set_from_json(data["set"])
            with uow as db:
                _own_workout(db, user, workout_id)
                set_id = restore_set(
                    db,
                    workout_id=workout_id,
                    position=int(data["position"]),
                    logged=logged,
                    catalog=catalog,
                    now=now,
                )
            return Restored("set", set_id, workout_id)
        if data.get("kind") == "workout":
            done = _workout_from(data["workout"])
            with uow as db:
                new_id = log_workout(db, user_id=user.id, workout=done, catalog=catalog, now=now)
            return Restored("workout", new_id, new_id)
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"token: not an undo token ({type(error).__name__})") from None
    raise InputError("token: not an undo token")


def deleted_to_json(result: Deleted) -> dict[str, Any]:
    """The public shape of a delete (``DELETE /api/v1/sets/{id}``, ``/workouts/{id}``)."""
    return {
        "deleted": result.kind,
        "id": result.id,
        "workout_id": result.workout_id,
        "undo_token": result.undo_token,
    }


def restored_to_json(result: Restored) -> dict[str, Any]:
    """The public shape of an undo (``POST /api/v1/undo``)."""
    return {"restored": result.kind, "id": result.id, "workout_id": result.workout_id}


# ---------------------------------------------------------------------- the token


def _encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InputError("token: not an undo token") from None
    if not isinstance(data, dict):
        raise InputError("token: not an undo token")
    return data


def _workout_data(w: Workout) -> dict[str, Any]:
    return {
        "started_at": w.started_at.isoformat(),
        "ended_at": None if w.ended_at is None else w.ended_at.isoformat(),
        "planned_date": None if w.planned_date is None else w.planned_date.isoformat(),
        "notes": w.notes,
        "feeling": None if w.feeling is None else w.feeling.value,
        "sets": [set_to_json(s) for s in w.sets],
        "pain": [
            {
                "reported_at": p.reported_at.isoformat(),
                "location": p.location,
                "severity": p.severity,
                "sharp": p.sharp,
                "radiating": p.radiating,
                "numbness": p.numbness,
                "exercise_id": p.exercise_id,
                "action": p.action,
            }
            for p in w.pain
        ],
    }


def _workout_from(d: dict[str, Any]) -> Workout:
    return Workout(
        started_at=datetime.fromisoformat(d["started_at"]),
        ended_at=None if d["ended_at"] is None else datetime.fromisoformat(d["ended_at"]),
        planned_date=None if d["planned_date"] is None else date.fromisoformat(d["planned_date"]),
        notes=str(d["notes"]),
        feeling=None if d["feeling"] is None else Feeling(d["feeling"]),
        sets=tuple(set_from_json(s) for s in d["sets"]),
        pain=tuple(
            PainEntry(
                reported_at=datetime.fromisoformat(p["reported_at"]),
                location=str(p["location"]),
                severity=p["severity"],
                sharp=bool(p["sharp"]),
                radiating=bool(p["radiating"]),
                numbness=bool(p["numbness"]),
                exercise_id=p["exercise_id"],
                action=p["action"],
            )
            for p in d["pain"]
        ),
    )
