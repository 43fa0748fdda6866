"""Storage: SQLAlchemy 2 tables, data-access functions and Alembic migrations.

SQLite in the user's data folder by default; PostgreSQL through ``BACKCOACH_DATABASE_URL``. The
domain never sees a row: every function takes a ``Session`` and keyword arguments, and returns the
domain's values (``sessions.records``, ``planning``) or the small frozen records defined here.
Functions never commit; the caller's ``session_scope`` is the transaction::

    engine = make_engine(database_url())
    ensure_schema(engine)
    with session_scope(engine) as s:
        user = default_user(s)
        workout_id = start_workout(s, user_id=user.id, started_at=now)
    with session_scope(engine) as s:  # one transaction per set: durable once acknowledged
        add_set(s, workout_id=workout_id, logged=logged_set)

db          URL, engine (SQLite WAL + synchronous=FULL), session_scope
migrate     Alembic upgrade/downgrade from code, no alembic.ini; ensure_schema
tables      the typed declarative models (private to the store)
users       the local default user and named users, with their display unit
accounts    web sign-in: a user's normalised email and password hash
profiles    profile versions and screening results
plans       plans, planned sessions, and their adaptations
workouts    workouts, sets (targets beside actuals) and pain reports
body        body-weight entries
records     personal records (best load per rep count)
strength    each day's best set (ranked in SQL) and the bests a new set must beat
guided      the server-side state of a guided workout, one active per user
imports     imported history: bulk writes with provenance, own exercises, name mappings
backup      a person's whole record as JSON, and restoring it into an empty account
jobs        background jobs' state (status, progress, attempts): what the queues carry the id of
form_checks a finished form check's result, stored once per job
"""

from backcoach.store.accounts import Account, account_by_email, create_account, set_password_hash, user_email
from backcoach.store.body import add_body_weight, body_weights
from backcoach.store.db import database_url, make_engine, session_scope
from backcoach.store.guided import GuidedRecord, active_guided, finish_guided, guided_by_id, save_guided
from backcoach.store.migrate import current_revision, downgrade, ensure_schema, head_revision, upgrade
from backcoach.store.plans import (
    ScheduledSession,
    active_plan,
    has_active_plan,
    plan_adaptations,
    planned_session_on,
    replace_planned_session,
    save_plan,
    scheduled_sessions,
)
from backcoach.store.profiles import (
    ProfileVersion,
    ScreeningResult,
    current_profile,
    latest_screening,
    profile_history,
    save_profile,
    save_screening,
)
from backcoach.store.records import PersonalRecord, records, rep_maxima, upsert_record
from backcoach.store.strength import best_sets_by_day, strength_bests
from backcoach.store.users import (
    LOCAL_USER,
    User,
    add_user,
    default_user,
    get_user,
    set_display_unit,
    user_named,
)
from backcoach.store.workouts import (
    add_pain,
    add_set,
    append_sets,
    delete_set,
    delete_workout,
    describe_workout,
    finish_workout,
    last_set_ids,
    last_sets,
    log_workout,
    pain_reports,
    rebuild_records,
    replace_set,
    restore_set,
    set_ids,
    set_owner,
    sets_for_exercise,
    start_workout,
    stored_set,
    workout,
    workouts,
)

__all__ = [
    "LOCAL_USER",
    "Account",
    "GuidedRecord",
    "PersonalRecord",
    "ProfileVersion",
    "ScheduledSession",
    "ScreeningResult",
    "User",
    "account_by_email",
    "active_guided",
    "active_plan",
    "add_body_weight",
    "add_pain",
    "add_set",
    "add_user",
    "append_sets",
    "best_sets_by_day",
    "body_weights",
    "create_account",
    "current_profile",
    "current_revision",
    "database_url",
    "default_user",
    "delete_set",
    "delete_workout",
    "describe_workout",
    "downgrade",
    "ensure_schema",
    "finish_guided",
    "finish_workout",
    "get_user",
    "guided_by_id",
    "has_active_plan",
    "head_revision",
    "last_set_ids",
    "last_sets",
    "latest_screening",
    "log_workout",
    "make_engine",
    "pain_reports",
    "plan_adaptations",
    "planned_session_on",
    "profile_history",
    "rebuild_records",
    "records",
    "rep_maxima",
    "replace_planned_session",
    "replace_set",
    "restore_set",
    "save_guided",
    "save_plan",
    "save_profile",
    "save_screening",
    "scheduled_sessions",
    "session_scope",
    "set_display_unit",
    "set_ids",
    "set_owner",
    "set_password_hash",
    "sets_for_exercise",
    "start_workout",
    "stored_set",
    "strength_bests",
    "upgrade",
    "upsert_record",
    "user_email",
    "user_named",
    "workout",
    "workouts",
]
