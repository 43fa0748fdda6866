"""Alembic: the migrations build exactly the models' schema, and go down and up on a full database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select
from store_factories import NOW, profile, workout

from backcoach.store import (
    active_plan,
    current_revision,
    default_user,
    downgrade,
    ensure_schema,
    head_revision,
    log_workout,
    make_engine,
    save_profile,
    session_scope,
    upgrade,
    workouts,
)
from backcoach.store.tables import Base, SetRow

TABLES = {
    "users",
    "profiles",
    "screenings",
    "plans",
    "planned_sessions",
    "workouts",
    "sets",
    "pain_reports",
    "body_weights",
    "personal_records",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_reaches_the_head_revision(db_url: str) -> None:
    assert current_revision(db_url) is None
    upgrade(db_url)
    assert current_revision(db_url) == head_revision() == "0001"
    assert _tables(db_url) == TABLES


def test_the_migrated_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_ensure_schema_twice_changes_nothing(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        ensure_schema(engine)
        ensure_schema(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_downgrade_then_upgrade_on_a_populated_database(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            user = default_user(s, now=NOW)
            save_profile(s, user_id=user.id, profile=profile(), now=NOW)
            log_workout(s, user_id=user.id, workout=workout(), now=NOW)
        with session_scope(engine) as s:  # the data is there before the downgrade
            assert s.scalar(select(func.count()).select_from(SetRow)) == 5
            assert len(workouts(s, user_id=user.id)) == 1
    finally:
        engine.dispose()

    downgrade(db_url, "base")
    assert _tables(db_url) == set()
    assert current_revision(db_url) is None

    upgrade(db_url)
    assert _tables(db_url) == TABLES
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:  # a fresh, working schema
            user = default_user(s, now=NOW)
            assert workouts(s, user_id=user.id) == []
            assert active_plan(s, user_id=user.id) is None
            log_workout(s, user_id=user.id, workout=workout(), now=NOW)
    finally:
        engine.dispose()
