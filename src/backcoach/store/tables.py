"""The database tables, as SQLAlchemy 2 typed declarative models (``Mapped`` / ``mapped_column``).

These rows are the store's private shape; nothing outside ``backcoach.store`` sees them. The
repository modules turn them into the domain's values (``sessions.records``, ``planning``) and back.

Units and times, once for every table:

* masses are kilograms in ``Float`` (IEEE 754 double precision on both SQLite and PostgreSQL).
  Not ``Numeric``: a pound converts to an endless kilogram fraction (135 lb = 61.23496995 kg), so a
  fixed decimal scale would round it and 135 lb would no longer read back as 135 lb, while a double's
  15-16 significant digits round-trip it; the science computes in floats anyway, and SQLite has no
  true decimal type (SQLAlchemy warns about Decimal there). ``entered_unit`` keeps what the person
  typed, for showing it back, never for arithmetic;
* times are UTC instants (``UTCDateTime``), so they sort and compare across time zones, and rows
  that the domain returns as timezone-aware datetimes keep the writer's UTC offset beside them
  (``utc_offset_s``), so the local calendar day that statistics group by reads back unchanged.

CHECK constraints repeat the domain's limits (``sessions.records``) as a last line of defence: the
repository validates first and names the field; the database refuses whatever slips past.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Constraint names follow one convention, so the migration and the models agree on them and a
# later migration can drop a constraint by name on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 80  # exercise and muscle ids are short kebab-case slugs (catalog)
UNIT_CHECK = "IN ('kg', 'lb')"
EMAIL_LENGTH = 254  # the longest usable address (RFC 5321 path limit, RFC 3696 erratum 1690)
GUIDED_ACTIVE = "status = 'active'"
SET_TYPE_CHECK = "set_type IN ('warmup', 'working', 'drop', 'failure', 'cooldown')"  # SetType; 0008
SET_NOTE_LENGTH = 280  # sessions.records.MAX_SET_NOTE: a line or two on one set


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as its UTC instant; read back as UTC.

    SQLite has no time-zone type (SQLAlchemy would silently drop the offset), PostgreSQL's
    ``timestamptz`` keeps the instant only: storing UTC on both makes them agree.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        date: Date(),
    }


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"display_unit {UNIT_CHECK}", name="display_unit"),
        # A unique index, not a constraint: SQLite can add an index to a populated table in place,
        # where a constraint would mean copying the table (migration 0002). NULLs never collide.
        Index("uq_users_email", "email", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_unit: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime]
    # Accounts of the web app (``accounts``): lower case; None for the local single-user account.
    email: Mapped[str | None] = mapped_column(String(EMAIL_LENGTH))
    password_hash: Mapped[str | None] = mapped_column(String(255))  # argon2id: about 100 characters


class ProfileRow(Base):
    """One version of a person's profile; the newest ``valid_from`` is the current one."""

    __tablename__ = "profiles"
    __table_args__ = (Index("ix_profiles_user_valid_from", "user_id", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    valid_from: Mapped[datetime]
    data: Mapped[dict[str, Any]]  # planning.Profile.model_dump(mode="json")


class ScreeningRow(Base):
    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_user_taken_at", "user_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime]
    answers: Mapped[dict[str, Any]]  # question id -> yes/no
    outcome: Mapped[str] = mapped_column(String(32))


class PlanRow(Base):
    """A saved plan: its JSON without the sessions, which live in ``planned_sessions``."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_user_created_at", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    start: Mapped[date]
    data: Mapped[dict[str, Any]]
    sessions: Mapped[list[PlannedSessionRow]] = relationship(
        back_populates="plan",
        order_by="(PlannedSessionRow.week_index, PlannedSessionRow.position)",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class PlannedSessionRow(Base):
    __tablename__ = "planned_sessions"
    __table_args__ = (
        UniqueConstraint("plan_id", "week_index", "position", name="uq_planned_sessions_slot"),
        Index("ix_planned_sessions_plan_day", "plan_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    week_index: Mapped[int]
    position: Mapped[int]  # order within the week
    day: Mapped[date]
    deload: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]]  # planning.Session.to_json()
    adapted_reason: Mapped[str | None] = mapped_column(Text)
    adapted_at: Mapped[datetime | None]
    plan: Mapped[PlanRow] = relationship(back_populates="sessions")


class WorkoutRow(Base):
    __tablename__ = "workouts"
    __table_args__ = (
        Index("ix_workouts_user_started_at", "user_id", "started_at"),
        CheckConstraint("feeling IN ('bad', 'neutral', 'good')", name="feeling"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    utc_offset_s: Mapped[int]
    planned_date: Mapped[date | None]
    planned_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("planned_sessions.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text)
    feeling: Mapped[str | None] = mapped_column(String(16))
    sets: Mapped[list[SetRow]] = relationship(
        order_by="SetRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    # Not delete-orphan: a pain report may also stand alone, outside any workout.
    pain: Mapped[list[PainRow]] = relationship(
        order_by="(PainRow.reported_at, PainRow.id)", cascade="all", passive_deletes=True
    )


class SetRow(Base):
    __tablename__ = "sets"
    __table_args__ = (
        UniqueConstraint("workout_id", "position", name="uq_sets_workout_position"),
        Index("ix_sets_exercise_workout", "exercise_id", "workout_id"),
        CheckConstraint(SET_TYPE_CHECK, name="set_type"),
        CheckConstraint("reps BETWEEN 0 AND 100", name="reps"),
        CheckConstraint("load_kg IS NULL OR load_kg BETWEEN 0 AND 1000", name="load_kg"),
        CheckConstraint("rir IS NULL OR rir BETWEEN 0 AND 10", name="rir"),
        CheckConstraint("rest_s IS NULL OR rest_s BETWEEN 0 AND 3600", name="rest_s"),
        CheckConstraint("hold_s IS NULL OR hold_s BETWEEN 0 AND 3600", name="hold_s"),
        CheckConstraint(f"entered_unit {UNIT_CHECK}", name="entered_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"))
    position: Mapped[int]  # order within the workout, from 0
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    set_type: Mapped[str] = mapped_column(String(16))
    performed_at: Mapped[datetime]
    utc_offset_s: Mapped[int]
    reps: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    entered_unit: Mapped[str] = mapped_column(String(2))
    rir: Mapped[float | None] = mapped_column(Float)
    rest_s: Mapped[int | None]
    hold_s: Mapped[int | None]
    target_reps_min: Mapped[int | None]
    target_reps_max: Mapped[int | None]
    target_load_kg: Mapped[float | None] = mapped_column(Float)
    target_rir: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(SET_NOTE_LENGTH))  # the person's words (0008)


class PainRow(Base):
    __tablename__ = "pain_reports"
    __table_args__ = (
        Index("ix_pain_reports_user_reported_at", "user_id", "reported_at"),
        CheckConstraint("severity BETWEEN 0 AND 10", name="severity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    workout_id: Mapped[int | None] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"))
    reported_at: Mapped[datetime]
    utc_offset_s: Mapped[int]
    location: Mapped[str] = mapped_column(String(ID_LENGTH))
    severity: Mapped[int]
    sharp: Mapped[bool] = mapped_column(Boolean)
    radiating: Mapped[bool] = mapped_column(Boolean)
    numbness: Mapped[bool] = mapped_column(Boolean)
    exercise_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    action: Mapped[str | None] = mapped_column(String(32))


class BodyWeightRow(Base):
    __tablename__ = "body_weights"
    __table_args__ = (
        Index("ix_body_weights_user_measured_at", "user_id", "measured_at"),
        CheckConstraint("kg BETWEEN 20 AND 400", name="kg"),
        CheckConstraint(f"entered_unit {UNIT_CHECK}", name="entered_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    measured_at: Mapped[datetime]
    utc_offset_s: Mapped[int]
    kg: Mapped[float] = mapped_column(Float)
    entered_unit: Mapped[str] = mapped_column(String(2))


class RecordRow(Base):
    """The best load for one exercise at one rep count (a personal record), and the highest
    estimated 1RM of the hard sets at that rep count (None when none could be estimated).

    Kept by the store as sets are written (``records.note_sets``), so what a new set has to beat
    is a read of a few rows, however long the history.
    """

    __tablename__ = "personal_records"
    __table_args__ = (
        UniqueConstraint("user_id", "exercise_id", "reps", name="uq_personal_records_best"),
        CheckConstraint("reps BETWEEN 1 AND 100", name="reps"),
        CheckConstraint("load_kg BETWEEN 0 AND 1000", name="load_kg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    reps: Mapped[int]
    load_kg: Mapped[float] = mapped_column(Float)
    achieved_at: Mapped[datetime]
    utc_offset_s: Mapped[int]
    best_e1rm_kg: Mapped[float | None] = mapped_column(Float)


class GuidedRow(Base):
    """A guided workout's state, kept on the server so a reloaded page resumes where it was.

    ``state`` is ``sessions.state.GuidedState.to_json()``; the store treats it as an opaque object.
    At most one row per user is 'active': ``guided`` checks inside the transaction, and the partial
    unique index refuses a second one that two concurrent requests might both try to insert.
    """

    __tablename__ = "guided_sessions"
    __table_args__ = (
        Index("ix_guided_sessions_user_id", "user_id"),
        Index(
            "uq_guided_sessions_active_user",
            "user_id",
            unique=True,
            sqlite_where=text(GUIDED_ACTIVE),
            postgresql_where=text(GUIDED_ACTIVE),
        ),
        CheckConstraint("status IN ('active', 'finished')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    planned_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("planned_sessions.id", ondelete="SET NULL")
    )
    session_date: Mapped[date]
    workout_id: Mapped[int | None] = mapped_column(ForeignKey("workouts.id", ondelete="SET NULL"))
    state: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class IdempotencyRow(Base):
    """The first answer to an unsafe request sent with an ``Idempotency-Key`` (``idempotency``).

    Written in the same transaction as the request's own writes, so a key is stored exactly when
    those writes are; the unique key per user makes a concurrent replay wait for the first and
    then read its answer.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("user_id", "key", name="uq_idempotency_keys_user_id"),
        Index("ix_idempotency_keys_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of method, path and body
    status: Mapped[int]
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class AuthSessionRow(Base):
    """A signed-in session of the web app (``auth_sessions``): the cookie names it, the server ends it.

    ``id`` is the SHA-256 of the random token the cookie carries, so the table alone (a backup, a
    read-only leak) signs no one in. A row is deleted when its session ends (sign-out, a password
    change) and once past ``expires_at``; deleting the user deletes their sessions.
    """

    __tablename__ = "auth_sessions"
    __table_args__ = (
        Index("ix_auth_sessions_user_id", "user_id"),
        Index("ix_auth_sessions_expires_at", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class CustomExerciseRow(Base):
    """A person's own exercise: an imported name that matched nothing in the catalogue.

    Its id (``interop.exercise_match.custom_id``) is what the person's sets carry; the store's
    exercise check accepts it for that person only. It has no muscle map, so it counts for
    progress and records but adds no volume or recovery until the person maps it to an exercise
    of the catalogue (``exercise_mappings``), which rewrites the sets.
    """

    __tablename__ = "custom_exercises"
    __table_args__ = (UniqueConstraint("user_id", "exercise_id", name="uq_custom_exercises_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    name: Mapped[str] = mapped_column(String(255))


class ExerciseMappingRow(Base):
    """A remembered correction: an app's exercise name (its ``name_key``) means this exercise."""

    __tablename__ = "exercise_mappings"
    __table_args__ = (UniqueConstraint("user_id", "source_key", name="uq_exercise_mappings_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source_key: Mapped[str] = mapped_column(String(255))
    source_name: Mapped[str] = mapped_column(String(255))
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH))


class ImportedWorkoutRow(Base):
    """Where an imported workout went: its key in the file (a digest) -> our workout."""

    __tablename__ = "imported_workouts"
    __table_args__ = (UniqueConstraint("user_id", "source_key", name="uq_imported_workouts_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source_key: Mapped[str] = mapped_column(String(64))
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)


class ImportedSetRow(Base):
    """Provenance of one imported set: a digest of its row (so a second import adds nothing) and
    the exercise name the file gave (so a correction of that name reaches it)."""

    __tablename__ = "imported_sets"
    __table_args__ = (
        UniqueConstraint("user_id", "source_key", name="uq_imported_sets_user_id"),
        Index("ix_imported_sets_user_name", "user_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source_key: Mapped[str] = mapped_column(String(64))
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name_key: Mapped[str] = mapped_column(String(255))


class CalendarTokenRow(Base):
    """The secret of a person's subscribable calendar URL, as its SHA-256 (never the token itself).

    One per person: issuing a new one replaces (revokes) the old; deleting it revokes the URL.
    """

    __tablename__ = "calendar_tokens"
    __table_args__ = (UniqueConstraint("user_id", name="uq_calendar_tokens_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]


JOB_STATUS_CHECK = "status IN ('queued', 'running', 'done', 'failed')"


class JobRow(Base):
    """A background job (``store.jobs``): what to do, how far it got, and how it ended (0007).

    The queue (in-process or Redis) carries only the id; everything a page polls lives here, so
    any web process, and any worker, sees the same state.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_user_id", "user_id"),
        Index("ix_jobs_status", "status"),
        CheckConstraint(JOB_STATUS_CHECK, name="status"),
        CheckConstraint("progress BETWEEN 0 AND 1", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[float] = mapped_column(Float)
    payload: Mapped[dict[str, Any]]
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class FormCheckRow(Base):
    """The stored result of one form-check job: written once (unique job), however often it ran."""

    __tablename__ = "form_checks"
    __table_args__ = (
        UniqueConstraint("job_id", name="uq_form_checks_job_id"),
        Index("ix_form_checks_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    reps: Mapped[int]
    report: Mapped[dict[str, Any]]  # vision.report_to_json plus the per-rep chart curves
    created_at: Mapped[datetime]
    logged_workout_id: Mapped[int | None] = mapped_column(ForeignKey("workouts.id", ondelete="SET NULL"))
