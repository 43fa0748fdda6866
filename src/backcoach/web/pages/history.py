"""The training log: workouts by calendar month with their sets, and one workout in full, where a
set can be corrected or deleted and a workout deleted, each delete undoable for a few seconds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.app import edits, log
from backcoach.catalog import Catalog
from backcoach.catalog.search import search
from backcoach.errors import BackcoachError, InputError
from backcoach.science.units import to_kg
from backcoach.sessions import LoggedSet, SetType, Workout
from backcoach.sessions.records import cool_down_indices
from backcoach.web.deps import CatalogDep, Csrf, RecordId, Uow, Viewer, ViewerDep
from backcoach.web.pages.rendering import Form, field_errors, now, redirect, render, text

router = APIRouter(prefix="/history")


@dataclass(frozen=True)
class SetGroup:
    """Consecutive sets of one exercise, type and load: "Pull-up · working · 8, 8, 7 reps"."""

    exercise_id: str
    set_type: str
    load_kg: float | None
    reps: tuple[int, ...]
    rir: tuple[float | None, ...]
    hold_s: int | None = None  # timed work: "3 × 30 s"
    notes: tuple[str, ...] = ()  # the person's notes on these sets, in order

    @property
    def timed(self) -> bool:
        return self.hold_s is not None


def kind_label(s: LoggedSet, cool_down: bool) -> str:
    """The set's kind as a person reads it: working, warm-up, cool-down, drop, failure."""
    if s.set_type is SetType.COOLDOWN:
        return "cool-down"
    if s.set_type is SetType.WARMUP:
        return "cool-down" if cool_down else "warm-up"
    return s.set_type.value


def grouped(sets: Iterable[LoggedSet]) -> list[SetGroup]:
    done = tuple(sets)
    cool = cool_down_indices(done)
    out: list[SetGroup] = []
    for index, s in enumerate(done):
        kind = kind_label(s, index in cool)
        last = out[-1] if out else None
        if (
            last is not None
            and last.exercise_id == s.exercise_id
            and last.set_type == kind
            and last.load_kg == s.load_kg
            and last.hold_s == s.hold_s
        ):
            out[-1] = SetGroup(
                last.exercise_id,
                last.set_type,
                last.load_kg,
                (*last.reps, s.reps),
                (*last.rir, s.rir),
                last.hold_s,
                (*last.notes, s.note) if s.note else last.notes,
            )
        else:
            notes = (s.note,) if s.note else ()
            out.append(SetGroup(s.exercise_id, kind, s.load_kg, (s.reps,), (s.rir,), s.hold_s, notes))
    return out


def _entry(workout_id: int, w: Workout, set_ids: Iterable[int] = ()) -> dict[str, object]:
    ids = list(set_ids)
    cool = cool_down_indices(w.sets)
    return {
        "id": workout_id,
        "w": w,
        "groups": grouped(w.sets),
        "rows": [(i, s, kind_label(s, n in cool)) for n, (i, s) in enumerate(zip(ids, w.sets, strict=True))]
        if len(ids) == len(w.sets)
        else [],
    }


Month = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="The calendar month to show, YYYY-MM."),
]


def _month_start(text_: str | None, today: date) -> date:
    if text_ is None:
        return today.replace(day=1)
    year, month = (int(part) for part in text_.split("-"))
    if not 1970 <= year <= 9998:
        raise InputError(f"month: {text_} is out of range")
    return date(year, month, 1)


def _shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@router.get("", response_class=HTMLResponse)
def history(
    request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep, month: Month = None
) -> HTMLResponse:
    """Your workouts in one calendar month, newest first, with links to the months around it."""
    return _history_page(request, uow, catalog, viewer, month=month)


def _history_page(
    request: Request,
    uow: Uow,
    catalog: Catalog,
    viewer: Viewer,
    *,
    month: str | None = None,
    undo: edits.Deleted | None = None,
) -> HTMLResponse:
    today = now().date()
    first = _month_start(month, today)
    following = _shift(first, 1)
    # A day of slack each side: a workout's local day may differ from its UTC day.
    since = datetime.combine(first - timedelta(days=1), datetime.min.time()).astimezone()
    until = datetime.combine(following + timedelta(days=1), datetime.min.time()).astimezone()
    listed = [
        d
        for d in log.workouts_done(uow, user=viewer.user, since=since, until=until)
        if first <= d.workout.started_at.date() < following
    ]
    return render(
        request,
        "history.html",
        {
            "entries": [_entry(d.id, d.workout, d.set_ids) for d in reversed(listed)],
            "month": first,
            "previous": _shift(first, -1).strftime("%Y-%m"),
            "previous_label": _shift(first, -1).strftime("%B %Y"),
            "next": None if following > today else following.strftime("%Y-%m"),
            "next_label": following.strftime("%B %Y"),
            "this_month": first == today.replace(day=1),
            "undo": undo,
            "catalog": catalog,
            "unit": viewer.user.display_unit,
        },
    )


def _detail_page(
    request: Request,
    uow: Uow,
    catalog: Catalog,
    viewer: Viewer,
    workout_id: int,
    *,
    undo: edits.Deleted | None = None,
    errors: dict[str, str] | None = None,
    editing: int | None = None,
    status: int = 200,
) -> HTMLResponse:
    done = log.workout_done(uow, user=viewer.user, workout_id=workout_id)
    return render(
        request,
        "workout_detail.html",
        {
            "entry": _entry(done.id, done.workout, done.set_ids),
            "catalog": catalog,
            "unit": viewer.user.display_unit,
            "undo": undo,
            "errors": errors or {},
            "editing": editing,
            "set_types": [t.value for t in SetType],
        },
        status=status,
    )


@router.get("/{workout_id}", response_class=HTMLResponse)
def workout_detail(
    request: Request, workout_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> HTMLResponse:
    """One of your workouts, set by set, with any pain reported; each set can be corrected."""
    return _detail_page(request, uow, catalog, viewer, workout_id)


def _changes(form: Any, unit: str) -> edits.SetChanges:
    """The edit form: reps, load in the person's unit (empty: body weight), reps in reserve, type."""
    values: dict[str, Any] = {}
    reps = text(form, "reps")
    try:
        if reps:
            values["reps"] = int(reps)
        load = text(form, "load")
        values["load_kg"] = None if load in ("", "0") else to_kg(float(load), unit)
        rir = text(form, "rir")
        values["rir"] = float(rir) if rir else None
    except ValueError:
        raise InputError("reps: give numbers for reps, load and reps in reserve") from None
    kind = text(form, "type")
    if kind:
        try:
            values["set_type"] = SetType(kind)
        except ValueError:
            raise InputError(f"type: {kind!r} is not a kind of set") from None
    if values.get("load_kg") is not None and not 0 <= values["load_kg"] <= 1000:
        raise InputError("load: must be from 0 to 1000 kg")
    if "note" in form:  # the edit form has a note field; the add form has none
        values["note"] = text(form, "note")
    return edits.SetChanges(**values, entered_unit="lb" if unit == "lb" else "kg")


@router.post("/{workout_id}/sets/{set_id}", response_class=HTMLResponse, dependencies=[Csrf])
def edit_set(
    request: Request,
    workout_id: RecordId,
    set_id: RecordId,
    form: Form,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
) -> Response:
    """Correct one set of this workout (records are recomputed)."""
    try:
        edits.edit_set(
            uow,
            catalog=catalog,
            user=viewer.user,
            set_id=set_id,
            changes=_changes(form, viewer.user.display_unit),
            now=now(),
        )
    except InputError as exc:
        return _detail_page(
            request, uow, catalog, viewer, workout_id, errors=field_errors(exc), editing=set_id, status=422
        )
    return redirect(f"/history/{workout_id}")


@router.post("/{workout_id}/sets/{set_id}/delete", response_class=HTMLResponse, dependencies=[Csrf])
def delete_set(
    request: Request, workout_id: RecordId, set_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Delete one set of this workout; the page offers to undo it for a few seconds."""
    deleted = edits.delete_logged_set(uow, user=viewer.user, set_id=set_id)
    return _detail_page(request, uow, catalog, viewer, deleted.workout_id, undo=deleted)


@router.post("/{workout_id}/delete", response_class=HTMLResponse, dependencies=[Csrf])
def delete_workout(
    request: Request, workout_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Delete this workout with its sets; the history page offers to undo it for a few seconds."""
    deleted = edits.delete_logged_workout(uow, user=viewer.user, workout_id=workout_id)
    return _history_page(request, uow, catalog, viewer, undo=deleted)


@router.post("/free", response_class=HTMLResponse, dependencies=[Csrf])
def start_free(uow: Uow, viewer: ViewerDep) -> Response:
    """Start a workout no plan asked for: an empty one to add exercises and sets to."""
    workout_id = log.start_free(uow, user=viewer.user, at=now(), now=now())
    return redirect(f"/history/{workout_id}#add")


def _exercise_named(catalog: Catalog, typed: str) -> str:
    """An exercise id from what was typed: an id, a name or alias, or the best search match."""
    if typed in catalog.exercises:
        return typed
    hits = search(catalog, typed, limit=1)
    if not hits:
        raise InputError(f"exercise: no exercise matches {typed!r}; try another name")
    return hits[0].exercise.id


@router.post("/{workout_id}/sets", response_class=HTMLResponse, dependencies=[Csrf])
def add_sets(
    request: Request, workout_id: RecordId, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Add sets of an exercise to this workout (free training, or a set forgotten)."""
    unit = viewer.user.display_unit
    try:
        typed = text(form, "exercise")
        if not typed:
            raise InputError("exercise: say which exercise")
        exercise_id = _exercise_named(catalog, typed)
        changes = _changes(form, unit)
        if isinstance(changes.reps, edits.Keep):
            raise InputError("reps: give the reps of each set")
        count = text(form, "sets") or "1"
        if not count.isdigit() or not 1 <= int(count) <= 20:
            raise InputError("sets: give from 1 to 20 sets")
        load = None if isinstance(changes.load_kg, edits.Keep) else changes.load_kg
        rir = None if isinstance(changes.rir, edits.Keep) else changes.rir
        entry = log.SetEntry(reps=changes.reps, load_kg=load, rir=rir)
        log.log_sets(
            uow,
            catalog=catalog,
            user=viewer.user,
            exercise_id=exercise_id,
            sets=[entry] * int(count),
            at=now(),
            entered_unit="lb" if unit == "lb" else "kg",
            now=now(),
            workout_id=workout_id,
        )
    except InputError as exc:
        return _detail_page(request, uow, catalog, viewer, workout_id, errors=field_errors(exc), status=422)
    return redirect(f"/history/{workout_id}#add")


@router.post("/undo", response_class=HTMLResponse, dependencies=[Csrf])
def undo(request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Put back what was just deleted."""
    try:
        restored = edits.undo_delete(
            uow, catalog=catalog, user=viewer.user, token=text(form, "token"), now=now()
        )
    except BackcoachError:
        return redirect("/history")
    return redirect(f"/history/{restored.workout_id}")
