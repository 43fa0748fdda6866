"""The few sets that decide an exercise's strength statistics, chosen inside the database.

An e1RM history needs only each calendar day's best set, rep maxima only the heaviest set at each
rep count, and the records a new session sets only the maxima themselves (``strength_bests``, read
from the records the store keeps as sets are written: logging a set never reads the history).
Ten years of one exercise is about 17,000 sets; reading and validating all of them took over half
a second, so the database ranks them and returns the winners (at most one per training day and
one per rep count).

``strength_sets`` is a pre-filter, never a second implementation: the analysis functions
(``analysis.progress``) still compute every figure from the sets returned, and give the same
answer on them as on the whole history, because

* each day's best e1RM set is returned, ranked by the same Brzycki estimate on the same
  reps-to-failure (``reps_to_failure``: reps + reps in reserve, a failure set at 0 in reserve, the
  reserve capped at ``RELIABLE_MAX_REPS``), the earliest of exact ties as there;
* each rep count's heaviest set (the earliest of exact ties) is returned, which is all that rep
  maxima and "heavier than anything lifted for as many reps or more" compare against;
* only sets that ``counts_for_records`` accepts can win, and the same filter is applied here.

The one difference: the analysis reads loads within ``SAME_LOAD_KG`` (a millionth of a kilogram)
as equal and keeps the earlier set, while a maximum here is exact, so of two loads a millionth of a
kilogram apart only the heavier comes back; no load typed in kg or lb comes that close to another.
Tests check the equality on generated histories in kilograms and pounds across time zones.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    FunctionElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from backcoach.analysis.progress import StrengthBests
from backcoach.science.one_rep_max import MAX_REPS, RELIABLE_MAX_REPS
from backcoach.sessions.records import LoggedSet, SetType
from backcoach.store.tables import RecordRow, SetRow, WorkoutRow
from backcoach.store.workouts import logged_from_columns, set_columns

# Brzycki's share of the 1RM at n reps to failure is (37 - n) / 36 (science.one_rep_max).
BRZYCKI_INTERCEPT = 37.0
BRZYCKI_SLOPE = 36.0
HARD_TYPES = tuple(t.value for t in SetType if t.is_hard)


class local_day(FunctionElement[Any]):
    """The calendar day of a stored UTC instant in the offset it was written with."""

    type = Date()
    inherit_cache = True
    name = "local_day"


@compiles(local_day, "sqlite")
def _local_day_sqlite(element: local_day, compiler: SQLCompiler, **kw: Any) -> str:
    instant, offset = (compiler.process(c, **kw) for c in element.clauses)
    return f"date({instant}, ({offset}) || ' seconds')"


@compiles(local_day, "postgresql")
def _local_day_postgresql(element: local_day, compiler: SQLCompiler, **kw: Any) -> str:
    instant, offset = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(({instant} AT TIME ZONE 'UTC') + ({offset}) * INTERVAL '1 second' AS DATE)"


def strength_sets(session: Session, *, user_id: int, exercise_id: str) -> list[LoggedSet]:
    """Each day's best-e1RM set and each rep count's heaviest set of one exercise, in the order done.

    Enough for ``e1rm_history``, ``personal_records`` and ``new_records`` (see the module notes);
    not a history to show. Of sets tied exactly, the earliest wins, as in the analysis.
    """
    rows = session.execute(_strength_sets_query(), {"user_id": user_id, "exercise_id": exercise_id})
    return [logged_from_columns(row) for row in rows]


# The statements are built once (their parameters bound per call): building these expressions
# costs more Python time than running them on a short history.
@cache
def _strength_sets_query() -> Select[Any]:
    counted = _counted()
    estimable = SetRow.reps <= MAX_REPS
    e1rm = _e1rm()
    day = local_day(SetRow.performed_at, SetRow.utc_offset_s)
    in_order = (SetRow.performed_at, SetRow.workout_id, SetRow.position)

    # Both rankings over one scan of the exercise's sets, with window functions: a plan that
    # stays linear on PostgreSQL before it has statistics (an aggregate joined back to the sets
    # became a nested loop over every set there: 25 s). Exact ties go to the earliest set, as in
    # the analysis (ten identical sets of a day return one, not ten). Sets past MAX_REPS are
    # ranked among themselves for the day, so they never hide an estimable set, and are dropped.
    ranked = (
        select(
            SetRow.id,
            SetRow.reps,
            func.row_number()
            .over(partition_by=(day, estimable), order_by=(e1rm.desc(), *in_order))
            .label("day_rank"),
            func.row_number()
            .over(partition_by=SetRow.reps, order_by=(SetRow.load_kg.desc(), *in_order))
            .label("reps_rank"),
        )
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(*counted)
        .subquery()
    )
    winners = select(ranked.c.id).where(
        or_(and_(ranked.c.day_rank == 1, ranked.c.reps <= MAX_REPS), ranked.c.reps_rank == 1)
    )
    return select(*set_columns()).where(SetRow.id.in_(winners)).order_by(*in_order)


def strength_bests(session: Session, *, user_id: int, exercise_id: str) -> StrengthBests:
    """What the next session of one exercise has to beat, as ``analysis.strength_bests`` computes
    it from the whole history: read from the records the store keeps as sets are written
    (``records.note_sets``), a row per rep count, so logging a set costs the same after ten years."""
    rows = session.execute(
        select(RecordRow.reps, RecordRow.load_kg, RecordRow.best_e1rm_kg).where(
            RecordRow.user_id == user_id, RecordRow.exercise_id == exercise_id, RecordRow.load_kg > 0
        )
    ).all()
    heaviest = {int(reps): float(load) for reps, load, _ in rows}
    estimates = [float(value) for _, _, value in rows if value is not None]
    return StrengthBests(exercise_id, heaviest, max(estimates, default=None))


def _counted() -> tuple[ColumnElement[bool], ...]:
    """``analysis.counts_for_records`` in SQL: the person's hard sets of the exercise with a load
    (the person and the exercise are the parameters ``user_id`` and ``exercise_id``)."""
    return (
        WorkoutRow.user_id == bindparam("user_id"),
        SetRow.exercise_id == bindparam("exercise_id"),
        SetRow.set_type.in_(HARD_TYPES),
        SetRow.reps >= 1,
        SetRow.load_kg > 0,
    )


def _e1rm() -> ColumnElement[float | None]:
    """``analysis.set_e1rm`` in SQL, written as the same floating-point operations, in the same
    order, so that both give the same double: load / ((37 - n) / 36), n = ``reps_to_failure``."""
    reserve = case((SetRow.set_type == SetType.FAILURE.value, 0.0), else_=func.coalesce(SetRow.rir, 0.0))
    cap = case((SetRow.reps > RELIABLE_MAX_REPS, SetRow.reps), else_=RELIABLE_MAX_REPS)
    to_failure = case((SetRow.reps + reserve < cap, SetRow.reps + reserve), else_=cap)
    return SetRow.load_kg / ((literal(BRZYCKI_INTERCEPT) - to_failure) / BRZYCKI_SLOPE)
