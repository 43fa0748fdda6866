"""The few sets that decide an exercise's strength statistics, chosen inside the database.

An e1RM history needs only each calendar day's best set, rep maxima only the heaviest set at each
rep count, and the records a new session sets only those two maxima. Ten years of one exercise is
about 17,000 sets; reading and validating all of them took over half a second, so the database
ranks them and returns the winners (a few thousand rows at most, one per training day).

``strength_sets`` is a pre-filter, never a second implementation: the analysis functions
(``analysis.progress``) still compute every figure from the sets returned, and give the same
answer on them as on the whole history, because

* every set with its day's best e1RM is returned, ranked by the same Brzycki estimate on the same
  reps-to-failure (``reps_to_failure``: reps + reps in reserve, a failure set at 0 in reserve, the
  reserve capped at ``RELIABLE_MAX_REPS``);
* every set with its rep count's heaviest load is returned, which is all that rep maxima and
  "heavier than anything lifted for as many reps or more" compare against;
* only sets that ``counts_for_records`` accepts can win, and the same filter is applied here.

The one difference: the analysis reads loads within ``SAME_LOAD_KG`` (a millionth of a kilogram)
as equal and keeps the earlier set, while a maximum here is exact, so of two loads a millionth of a
kilogram apart only the heavier comes back; no load typed in kg or lb comes that close to another.
A test checks the equality on generated histories in kilograms and pounds across time zones.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, FunctionElement, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from backcoach.science.one_rep_max import MAX_REPS, RELIABLE_MAX_REPS
from backcoach.sessions.records import LoggedSet, SetType
from backcoach.store.tables import SetRow, WorkoutRow
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
    not a history to show. Every set tied with a winner comes back too, so the analysis picks the
    earliest, as it does on the whole history.
    """
    counted = (
        WorkoutRow.user_id == user_id,
        SetRow.exercise_id == exercise_id,
        SetRow.set_type.in_(HARD_TYPES),
        SetRow.reps >= 1,
        SetRow.load_kg > 0,
    )
    estimable = SetRow.reps <= MAX_REPS
    reserve = case((SetRow.set_type == SetType.FAILURE.value, 0.0), else_=func.coalesce(SetRow.rir, 0.0))
    cap = case((SetRow.reps > RELIABLE_MAX_REPS, SetRow.reps), else_=RELIABLE_MAX_REPS)
    to_failure = case((SetRow.reps + reserve < cap, SetRow.reps + reserve), else_=cap)
    e1rm = SetRow.load_kg * BRZYCKI_SLOPE / (literal(BRZYCKI_INTERCEPT) - to_failure)
    day = local_day(SetRow.performed_at, SetRow.utc_offset_s)

    # Both rankings over one scan of the exercise's sets, with window functions: a plan that
    # stays linear on PostgreSQL before it has statistics (an aggregate joined back to the sets
    # became a nested loop over every set there: 25 s). ``rank`` gives ties the same rank, so they
    # all come back and the analysis keeps the earliest. Sets past MAX_REPS are ranked among
    # themselves for the day, so they never hide an estimable set, and are then dropped.
    ranked = (
        select(
            SetRow.id,
            SetRow.reps,
            func.rank().over(partition_by=(day, estimable), order_by=e1rm.desc()).label("day_rank"),
            func.rank().over(partition_by=SetRow.reps, order_by=SetRow.load_kg.desc()).label("reps_rank"),
        )
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(*counted)
        .subquery()
    )
    winners = select(ranked.c.id).where(
        or_(and_(ranked.c.day_rank == 1, ranked.c.reps <= MAX_REPS), ranked.c.reps_rank == 1)
    )
    query = (
        select(*set_columns())
        .where(SetRow.id.in_(winners))
        .order_by(SetRow.performed_at, SetRow.workout_id, SetRow.position)
    )
    return [logged_from_columns(row) for row in session.execute(query)]
