"""Alembic: the migrations build exactly the models' schema, and go down and up on a full database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from store_factories import NOW, profile, workout

from backcoach.store import (
    account_by_email,
    active_guided,
    active_plan,
    add_user,
    create_account,
    current_revision,
    default_user,
    downgrade,
    ensure_schema,
    head_revision,
    log_workout,
    make_engine,
    save_guided,
    save_profile,
    session_scope,
    upgrade,
    workouts,
)
from backcoach.store.tables import Base, SetRow, UserRow

TABLES_0001 = {
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
TABLES = TABLES_0001 | {"guided_sessions"}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _user_columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("users")}
    finally:
        engine.dispose()


def test_upgrade_reaches_the_head_revision(db_url: str) -> None:
    assert current_revision(db_url) is None
    upgrade(db_url)
    assert current_revision(db_url) == head_revision() == "0003"
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


def _fill_at_0001(url: str) -> None:
    """Users with a workout each, written with 0001's columns only (the models already have more)."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            for name in ("local", "ana"):
                s.execute(
                    text("INSERT INTO users (name, display_unit, created_at) VALUES (:n, 'kg', :t)"),
                    {"n": name, "t": NOW.replace(tzinfo=None)},
                )
        with session_scope(engine) as s:
            ids = dict(s.execute(text("SELECT name, id FROM users")).all())
            for user_id in ids.values():
                s.execute(
                    text(
                        "INSERT INTO workouts (user_id, started_at, utc_offset_s, notes)"
                        " VALUES (:u, :t, 0, 'kept')"
                    ),
                    {"u": user_id, "t": NOW.replace(tzinfo=None)},
                )
    finally:
        engine.dispose()


def _counts(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return (
                conn.execute(text("SELECT count(*) FROM users")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM workouts WHERE notes = 'kept'")).scalar_one(),
            )
    finally:
        engine.dispose()


def test_0002_upgrade_keeps_existing_users_and_everything_that_hangs_off_them(db_url: str) -> None:
    upgrade(db_url, "0001")
    _fill_at_0001(db_url)
    upgrade(db_url, "0002")  # SQLite: no table copy, so no cascade through the users it dropped
    assert current_revision(db_url) == "0002"
    assert _counts(db_url) == (2, 2)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:  # the old users have no account; new accounts work beside them
            users = s.execute(select(UserRow.name, UserRow.email, UserRow.password_hash)).all()
            assert sorted(tuple(u) for u in users) == [("ana", None, None), ("local", None, None)]
            default_user(s, now=NOW)
            ben = create_account(s, name="ben", email="ben@example.org", password_hash="h", now=NOW)
            save_guided(s, user_id=ben.id, session_date=NOW.date(), state={"phase": "ready"}, now=NOW)
        with session_scope(engine) as s:
            found = account_by_email(s, email="BEN@example.org")
            assert found is not None and found.user == ben
            assert active_guided(s, user_id=ben.id) is not None
    finally:
        engine.dispose()


def test_0002_downgrade_drops_the_new_table_and_columns_and_keeps_the_rest(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            user = default_user(s, now=NOW)
            log_workout(s, user_id=user.id, workout=workout(), now=NOW)
            ana = create_account(s, name="ana", email="ana@example.org", password_hash="h", now=NOW)
            save_guided(s, user_id=ana.id, session_date=NOW.date(), state={"phase": "rest"}, now=NOW)
    finally:
        engine.dispose()

    downgrade(db_url, "0001")
    assert current_revision(db_url) == "0001"
    assert _tables(db_url) == TABLES_0001
    assert _user_columns(db_url) == {"id", "name", "display_unit", "created_at"}
    assert _counts(db_url) == (2, 0)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:  # the workout and its sets survived the users table changing
            assert conn.execute(text("SELECT count(*) FROM sets")).scalar_one() == 5
            assert conn.execute(text("SELECT count(*) FROM workouts")).scalar_one() == 1
    finally:
        engine.dispose()

    upgrade(db_url)  # and back up: the data is still there, the new parts are empty and working
    assert _tables(db_url) == TABLES
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            assert len(workouts(s, user_id=user.id)) == 1
            cy = add_user(s, name="cy", now=NOW)
            assert account_by_email(s, email="ana@example.org") is None  # the email went with 0002
            create_account(s, name="dee", email="ana@example.org", password_hash="h", now=NOW)
            assert active_guided(s, user_id=cy.id) is None
    finally:
        engine.dispose()
