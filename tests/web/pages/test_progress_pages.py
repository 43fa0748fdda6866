"""History, progress (e1RM chart and records), weekly volume and recovery, after real training."""

from __future__ import annotations

from collections.abc import Callable

from page_helpers import onboard, parse, step_of
from test_workout_pages import act
from web_helpers import Visitor

from backcoach.analysis import iso_week
from backcoach.web.pages.rendering import now


def train(visitor: Visitor, steps: int = 16) -> None:
    """Onboard and do the first ``steps`` steps of today's workout, then finish it."""
    onboard(visitor)
    html = visitor.form("/workout/start", {}).text
    for _ in range(steps):
        kind, token = step_of(html)
        if kind in (None, "summary"):
            return
        assert token is not None
        act(visitor, kind, token, html)
        html = visitor.get("/workout").text
    _, token = step_of(html)
    visitor.form("/workout/event", {"type": "finish", "token": token})


def test_history_lists_workouts_with_their_sets(me: Visitor) -> None:
    assert "No workouts yet" in me.get("/history").text
    train(me)
    response = me.get("/history")
    assert response.status_code == 200
    links = [
        e.attrs["href"] for e in parse(response.text).find("a") if e.attrs["href"].startswith("/history/")
    ]
    assert len(links) == 1
    assert "reps @" in response.text
    detail = me.get(links[0])
    assert detail.status_code == 200
    assert "Every set" in detail.text


def test_an_unknown_workout_is_not_found(me: Visitor) -> None:
    assert me.get("/history/999").status_code == 404
    assert me.get("/workout/999").status_code == 404


def test_progress_lists_trained_exercises_and_charts_one(me: Visitor) -> None:
    train(me)
    index = me.get("/progress")
    assert index.status_code == 200
    assert "You have trained" in index.text
    trained = [
        e.attrs["href"] for e in parse(index.text).find("a") if e.attrs["href"].startswith("/progress/")
    ]
    assert trained
    chosen = me.get("/progress", params={"exercise": "one-arm-dumbbell-row"})
    assert str(chosen.url).endswith("/progress/one-arm-dumbbell-row")
    assert '<img src="/progress/one-arm-dumbbell-row/chart.svg"' in chosen.text
    assert "Rep records" in chosen.text


def test_the_chart_is_an_svg_without_inline_styles(me: Visitor) -> None:
    train(me)
    response = me.get("/progress/one-arm-dumbbell-row/chart.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg")
    assert "style=" not in response.text and "<script" not in response.text
    empty = me.get("/progress/pull-up/chart.svg")
    assert "No loaded working sets yet" in empty.text


def test_progress_of_an_unknown_exercise_is_not_found(me: Visitor) -> None:
    assert me.get("/progress/no-such-lift").status_code == 404
    assert me.get("/progress/no-such-lift/chart.svg").status_code == 404
    assert me.get("/progress", params={"exercise": "no-such-lift"}).status_code == 404


def test_volume_this_week_against_landmarks(me: Visitor) -> None:
    train(me)
    response = me.get("/volume")
    assert response.status_code == 200
    assert iso_week(now().date()) in response.text
    assert "MEV" in response.text
    assert "productive" in response.text or "below" in response.text
    assert "vol-" in response.text


def test_volume_of_another_week(me: Visitor) -> None:
    response = me.get("/volume", params={"week": "2025-W07"})
    assert response.status_code == 200
    assert "Volume, 2025-W07" in response.text
    assert 'href="/volume?week=2025-W06"' in response.text
    assert 'href="/volume?week=2025-W08"' in response.text


def test_a_malformed_week_is_shown_beside_the_field(me: Visitor) -> None:
    response = me.get("/volume", params={"week": "last week"})
    assert response.status_code == 422
    assert 'id="week-error"' in response.text


def test_recovery_after_training(me: Visitor) -> None:
    fresh = me.get("/recovery")
    assert fresh.status_code == 200
    assert "rec-low" not in fresh.text.split("<table", 1)[1]
    train(me)
    tired = me.get("/recovery")
    assert "100 %" in tired.text or "rec-" in tired.text
    assert tired.text.count('class="rec-high"') < fresh.text.count('class="rec-high"')


def test_nobody_sees_anyone_elses_log(account: Callable[[str], Visitor]) -> None:
    ana, ben = account("Ana"), account("Ben")
    train(ana)
    assert "reps @" in ana.get("/history").text
    assert "No workouts yet" in ben.get("/history").text
    assert "You have trained" not in ben.get("/progress").text
    assert "No loaded working sets yet" in ben.get("/progress/one-arm-dumbbell-row/chart.svg").text
