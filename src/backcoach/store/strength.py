"""What an exercise's strength statistics need, chosen inside the database.

An e1RM history needs only each calendar day's best set (``best_sets_by_day``); rep maxima and what
a new session has to beat are kept as the sets are written (``records.note_sets``) and read here as
a few rows (``strength_bests``), so logging a set never reads the history. Ten years of one
exercise is about 17,000 sets; reading and validating all of them took over half a second.

``best_sets_by_day`` is a pre-filter, never a second implementation: ``analysis.e1rm_history``
still computes every point from the sets returned, and gives the same answer on them as on the
whole history, because each day's best set is ranked by the same Brzycki estimate on the same
reps-to-failure (``reps_to_failure``: reps + reps in reserve, a failure set at 0 in reserve, the
reserve capped at ``RELIABLE_MAX_REPS``; sets past ``MAX_REPS`` not estimated), over the sets
that ``counts_for_records`` accepts, the earliest of exact ties winning as there. The estimate is
written as the same floating-point operations in the same order, so both give the same double.
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
    bindparam,
    case,
    func,
    literal,
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


def best_sets_by_day(session: Session, *, user_id: int, exercise_id: str) -> list[LoggedSet]:
    """Each calendar day's best-e1RM set of one exercise, in the order done: enough for
    ``e1rm_history`` (see the module notes); the rep maxima are kept as records (``records``).
    Of sets tied exactly, the earliest wins, as in the analysis.
    """
    rows = session.execute(_best_sets_by_day_query(), {"user_id": user_id, "exercise_id": exercise_id})
    return [logged_from_columns(row) for row in rows]


# Built once (its parameters bound per call): building the expression costs more Python time than
# running it on a short history.
@cache
def _best_sets_by_day_query() -> Select[Any]:
    day = local_day(SetRow.performed_at, SetRow.utc_offset_s)
    in_order = (SetRow.performed_at, SetRow.workout_id, SetRow.position)
    # Ranked with a window function: a plan that stays linear on PostgreSQL before it has
    # statistics (an aggregate joined back to the sets became a nested loop over every set there:
    # 25 s). Exact ties go to the earliest set (ten identical sets of a day return one, not ten).
    ranked = (
        select(
            SetRow.id,
            func.row_number().over(partition_by=day, order_by=(_e1rm().desc(), *in_order)).label("day_rank"),
        )
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(*_counted(), SetRow.reps <= MAX_REPS)
        .subquery()
    )
    winners = select(ranked.c.id).where(ranked.c.day_rank == 1)
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
