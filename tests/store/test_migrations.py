"""Alembic: the migrations build exactly the models' schema, and go down and up on a full database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from store_factories import NOW, profile, workout

from backcoach.analysis import personal_records
from backcoach.analysis import strength_bests as analysis_bests
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
    records,
    save_guided,
    save_profile,
    session_scope,
    sets_for_exercise,
    strength_bests,
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
TABLES = (
    TABLES_0001
    | {"guided_sessions", "idempotency_keys", "auth_sessions"}
    | {
        "custom_exercises",
        "exercise_mappings",
        "imported_workouts",
        "imported_sets",
        "calendar_tokens",  # 0006
    }
    | {"jobs", "form_checks"}  # 0007
)


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
    assert current_revision(db_url) == head_revision() == "0008"
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


def test_0003_fills_the_records_and_their_best_e1rm_from_the_sets_already_stored(db_url: str) -> None:
    upgrade(db_url, "0002")
    _fill_at_0001(db_url)
    row = "bent-over-barbell-row"
    # (minutes after NOW - 2 days, set type, reps, load, reps in reserve): the heaviest 8 is the
    # later of two equal loads' first time; a warm-up, a 40-rep set and a failure set take part as
    # the analysis says they do.
    sets = [
        (0, "warmup", 8, 100.0, 2.0),
        (1, "working", 8, 60.0, 2.0),
        (2, "working", 8, 70.0, 1.0),
        (3, "working", 8, 70.0, 3.0),
        (4, "failure", 5, 80.0, None),
        (5, "working", 40, 20.0, None),
    ]
    engine = make_engine(db_url)
    try:
        sqlite = engine.dialect.name == "sqlite"
        start = NOW - timedelta(days=2)
        with session_scope(engine) as s:
            user_id, workout_id = s.execute(
                text(
                    "SELECT u.id, w.id FROM users u JOIN workouts w ON w.user_id = u.id"
                    " WHERE u.name = 'local'"
                )
            ).one()
            for position, (minutes, kind, reps, load, rir) in enumerate(sets):
                at = start + timedelta(minutes=minutes)
                s.execute(
                    text(
                        "INSERT INTO sets (workout_id, position, exercise_id, set_type, performed_at,"
                        " utc_offset_s, reps, load_kg, entered_unit, rir)"
                        " VALUES (:w, :p, :e, :k, :t, 0, :r, :l, 'kg', :i)"
                    ),
                    {"w": workout_id, "p": position, "e": row, "k": kind, "r": reps, "l": load, "i": rir}
                    | {"t": at.replace(tzinfo=None) if sqlite else at},
                )
            # A record written by hand before 0003, lighter than what the sets show.
            s.execute(
                text(
                    "INSERT INTO personal_records"
                    " (user_id, exercise_id, reps, load_kg, achieved_at, utc_offset_s)"
                    " VALUES (:u, :e, 8, 65.0, :t, 0)"
                ),
                {"u": user_id, "e": row, "t": start.replace(tzinfo=None) if sqlite else start},
            )
    finally:
        engine.dispose()

    upgrade(db_url, "0003")
    upgrade(db_url)  # today's store reads today's columns (0008 added sets.note); none touch records
    engine = make_engine(db_url)
    try:
        with session_scope(engine, readonly=True) as s:
            every = sets_for_exercise(s, user_id=user_id, exercise_id=row)
            bests = strength_bests(s, user_id=user_id, exercise_id=row)
            stored = records(s, user_id=user_id, exercise_id=row)
        expected = analysis_bests(every, row)
        assert bests.heaviest_kg == expected.heaviest_kg == {8: 70.0, 5: 80.0, 40: 20.0}
        assert bests.e1rm_kg == pytest.approx(expected.e1rm_kg)
        maxima = personal_records(every, row).rep_maxima
        assert [(r.reps, r.load_kg, r.achieved_at) for r in stored] == [
            (m.reps, m.load_kg, m.achieved_at) for m in maxima
        ]
    finally:
        engine.dispose()
    downgrade(db_url, "0002")
    assert current_revision(db_url) == "0002"


def _set_columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("sets")}
    finally:
        engine.dispose()


def test_0008_adds_set_notes_and_the_cool_down_type_and_goes_back_down(db_url: str) -> None:
    upgrade(db_url, "0007")
    _fill_at_0001(db_url)
    engine = make_engine(db_url)
    sqlite = engine.dialect.name == "sqlite"
    insert_set = text(
        "INSERT INTO sets (workout_id, position, exercise_id, set_type, performed_at,"
        " utc_offset_s, reps, entered_unit) VALUES (:w, :p, 'cat-cow', :k, :t, 0, :r, 'kg')"
    )
    at = NOW - timedelta(days=1)
    stamp = {"t": at.replace(tzinfo=None) if sqlite else at}
    try:
        with session_scope(engine) as s:
            workout_id = s.execute(text("SELECT min(id) FROM workouts")).scalar_one()
            s.execute(insert_set, {"w": workout_id, "p": 0, "k": "warmup", "r": 8} | stamp)
    finally:
        engine.dispose()

    upgrade(db_url)
    assert "note" in _set_columns(db_url)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:  # the old set reads back with no note; the new type is allowed
            s.execute(
                text(
                    "INSERT INTO sets (workout_id, position, exercise_id, set_type, performed_at,"
                    " utc_offset_s, reps, entered_unit, note)"
                    " VALUES (:w, 1, 'cat-cow', 'cooldown', :t, 0, 6, 'kg', 'easy on the hips')"
                ),
                {"w": workout_id} | stamp,
            )
        with session_scope(engine, readonly=True) as s:
            rows = s.execute(
                select(SetRow.set_type, SetRow.note)
                .where(SetRow.workout_id == workout_id)
                .order_by(SetRow.position)
            ).all()
        assert [tuple(r) for r in rows] == [("warmup", None), ("cooldown", "easy on the hips")]
        for kind, reps in (("stretch", 5), ("warmup", 500)):  # the copy kept every other check
            with pytest.raises(IntegrityError, match=r"(?i)check"), session_scope(engine) as s:
                s.execute(insert_set, {"w": workout_id, "p": 2, "k": kind, "r": reps} | stamp)
    finally:
        engine.dispose()

    downgrade(db_url, "0007")
    assert "note" not in _set_columns(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            kinds = conn.execute(
                text("SELECT set_type FROM sets WHERE workout_id = :w ORDER BY position"), {"w": workout_id}
            ).scalars()
            assert list(kinds) == ["warmup", "warmup"]  # a cool-down is a warm-up again, as before 0008
        with pytest.raises(IntegrityError, match=r"(?i)check"), session_scope(engine) as s:
            s.execute(insert_set, {"w": workout_id, "p": 2, "k": "cooldown", "r": 5} | stamp)
    finally:
        engine.dispose()
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
