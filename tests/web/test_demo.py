"""The demo history: deterministic, realistic enough to fill every page, and stored only once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcoach.app.demo import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    MISSED_SESSIONS,
    PAIN_SEVERITY,
    PLAN_WEEKS,
    WEEKS_DONE,
    DemoData,
    build_demo,
    install_demo,
)
from backcoach.catalog import Catalog, curated
from backcoach.store import (
    account_by_email,
    active_plan,
    body_weights,
    current_profile,
    default_user,
    ensure_schema,
    latest_screening,
    make_engine,
    pain_reports,
    records,
    session_scope,
    workouts,
)
from backcoach.web.security import verify_password

NOW = datetime(2026, 11, 29, 10, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return curated()


@pytest.fixture(scope="module")
def demo(catalog: Catalog) -> DemoData:
    return build_demo(catalog, now=NOW)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    ensure_schema(engine)
    return engine


def _same(a: DemoData, b: DemoData) -> bool:
    """Equal apart from the solver's wall-clock time."""
    return (
        a.profile == b.profile
        and [w.to_json() for w in a.plan.weeks] == [w.to_json() for w in b.plan.weeks]
        and a.workouts == b.workouts
        and a.body_weights == b.body_weights
        and a.screening == b.screening
    )


def test_demo_is_deterministic_for_a_given_now(catalog: Catalog, demo: DemoData) -> None:
    assert _same(build_demo(catalog, now=NOW), demo)
    assert not _same(build_demo(catalog, now=NOW, seed=99), demo)


def test_demo_plan_has_a_session_today_and_weeks_to_come(demo: DemoData) -> None:
    dates = [s.date for w in demo.plan.weeks for s in w.sessions]
    assert NOW.date() in dates
    assert max(dates) > NOW.date() + timedelta(weeks=2)
    assert all(w.started_at.date() < NOW.date() for w in demo.workouts)


def test_demo_follows_the_plan_with_a_few_sessions_missed(demo: DemoData) -> None:
    past = [s.date for w in demo.plan.weeks for s in w.sessions if s.date < NOW.date()]
    assert len(demo.workouts) == len(past) - MISSED_SESSIONS
    assert {w.planned_date for w in demo.workouts} <= set(past)
    span = demo.workouts[-1].started_at - demo.workouts[0].started_at
    assert span >= timedelta(weeks=WEEKS_DONE - 1)


def test_demo_loads_rise_over_the_weeks(demo: DemoData) -> None:
    first, last = demo.workouts[0].started_at, demo.workouts[-1].started_at
    rising = 0
    for exercise_id in {s.exercise_id for w in demo.workouts for s in w.hard_sets if s.load_kg}:
        loads = [
            (s.performed_at, s.load_kg)
            for w in demo.workouts
            for s in w.hard_sets
            if s.exercise_id == exercise_id and s.load_kg
        ]
        early = [kg for at, kg in loads if at - first < timedelta(weeks=3)]
        late = [kg for at, kg in loads if last - at < timedelta(weeks=3)]
        if early and late:
            assert max(late) >= max(early), exercise_id
            rising += max(late) > max(early)
    assert rising >= 2


def test_demo_has_one_mild_pain_report_that_stopped_the_exercise(demo: DemoData) -> None:
    reports = [(w, p) for w in demo.workouts for p in w.pain]
    assert len(reports) == 1
    workout, pain = reports[0]
    assert pain.severity == PAIN_SEVERITY
    assert pain.action == "stop_exercise"
    after = [
        s for s in workout.sets if s.exercise_id == pain.exercise_id and s.performed_at > pain.reported_at
    ]
    assert after == []


def test_demo_body_weight_is_logged_weekly(demo: DemoData) -> None:
    assert len(demo.body_weights) >= WEEKS_DONE
    assert all(70 < b.kg < 90 for b in demo.body_weights)


def test_install_demo_stores_everything_once_for_the_local_user(engine: Engine, catalog: Catalog) -> None:
    assert install_demo(engine, single_user=True, now=NOW, catalog=catalog)
    with session_scope(engine) as s:
        user = default_user(s)
        counts = (len(workouts(s, user_id=user.id)), len(body_weights(s, user_id=user.id)))
        assert current_profile(s, user_id=user.id) is not None
        assert active_plan(s, user_id=user.id) is not None
        screening = latest_screening(s, user_id=user.id)
        assert screening is not None
        assert screening.outcome.value == "cleared"
        assert len(pain_reports(s, user_id=user.id)) == 1
        assert records(
            s, user_id=user.id, exercise_id=workouts(s, user_id=user.id)[-1].hard_sets[0].exercise_id
        )
    assert not install_demo(engine, single_user=True, now=NOW, catalog=catalog)
    with session_scope(engine) as s:
        user = default_user(s)
        assert (len(workouts(s, user_id=user.id)), len(body_weights(s, user_id=user.id))) == counts


def test_install_demo_leaves_a_user_with_their_own_data_alone(engine: Engine, catalog: Catalog) -> None:
    from backcoach.sessions import LoggedSet, Workout
    from backcoach.store import log_workout

    with session_scope(engine) as s:
        user = default_user(s)
        done = Workout(started_at=NOW, sets=(LoggedSet("pull-up", NOW, 5, None),))
        log_workout(s, user_id=user.id, workout=done, now=NOW)
    assert not install_demo(engine, single_user=True, now=NOW, catalog=catalog)
    with session_scope(engine) as s:
        assert current_profile(s, user_id=default_user(s).id) is None


def test_install_demo_in_multi_user_mode_makes_a_demo_account(engine: Engine, catalog: Catalog) -> None:
    assert install_demo(engine, single_user=False, now=NOW, catalog=catalog)
    assert not install_demo(engine, single_user=False, now=NOW, catalog=catalog)
    with session_scope(engine) as s:
        account = account_by_email(s, email=DEMO_EMAIL)
        assert account is not None
        assert verify_password(account.password_hash, DEMO_PASSWORD)
        assert workouts(s, user_id=account.user.id)
        assert not workouts(s, user_id=default_user(s).id)


def test_every_page_has_something_to_show_with_the_demo(tmp_path: Path, catalog: Catalog) -> None:
    from fastapi.testclient import TestClient

    from backcoach.web import create_app
    from backcoach.web.settings import load_web_settings

    app = create_app(load_web_settings(environment="test", database_url=f"sqlite:///{tmp_path / 'd.db'}"))
    now = datetime.now().astimezone()
    assert install_demo(app.state.engine, single_user=True, now=now, catalog=catalog)
    with session_scope(app.state.engine) as s:
        lifted = workouts(s, user_id=default_user(s).id)[-1].hard_sets[0].exercise_id
    expected = {
        "/": "Today's workout",
        "/plan": f"Week {PLAN_WEEKS}",
        "/workout": "Start workout",
        "/history": "",
        "/progress": "Exercises you have trained",
        f"/progress/{lifted}": "Rep records",
        "/volume": "Hard sets per back muscle",
        "/recovery": "Recovery now",
        "/anatomy": "",
    }
    with TestClient(app) as client:
        for path, text in expected.items():
            page = client.get(path)
            assert page.status_code == 200, path
            assert text in page.text, path
        assert "No workouts yet" not in client.get("/history").text
        assert "<td>" in client.get(f"/progress/{lifted}").text
    app.state.engine.dispose()
