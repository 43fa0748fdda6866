"""At the set: holds get a countdown and no reps in reserve, a 0-rep set is refused, last time's
figures and the load to prefill, the progress line, the summary's plan changes and its rating."""

from __future__ import annotations

import re
from datetime import date, timedelta

from page_helpers import parse, step_of
from test_workout_pages import MAX_STEPS, act, start
from web_helpers import API, Visitor

from backcoach.web.pages.rendering import now
from backcoach.web.pages.workout import adaptations_by_reason


def _walk_until(me: Visitor, html: str, wanted: str) -> str:
    for _ in range(MAX_STEPS):
        kind, token = step_of(html)
        if kind == wanted or kind in (None, "summary"):
            return html
        assert token is not None
        act(me, kind, token, html)
        html = me.get("/workout").text
    raise AssertionError("the workout never ended")


def test_every_timed_step_shows_a_countdown_and_a_hold_asks_no_reps_in_reserve(me: Visitor) -> None:
    html = start(me)
    timed = 0
    for _ in range(MAX_STEPS):
        kind, token = step_of(html)
        if kind in (None, "summary"):
            break
        assert token is not None
        page = parse(html)
        if kind in ("exercise", "substitute") and page.find("input", name="hold_s"):
            timed += 1
            assert "data-hold=" in html and "data-hold-start" in html
            assert not page.find("input", name="rir")
            assert "in reserve" not in html
        if kind == "drill" and re.search(r'class="target">\d+ s<', html):
            timed += 1
            assert "data-hold=" in html
        act(me, kind, token, html)
        html = me.get("/workout").text
    assert timed, "the plan had no timed work to check"


def test_a_zero_rep_set_is_refused_beside_its_field_and_the_step_stays(me: Visitor) -> None:
    html = _walk_until(me, start(me), "exercise")
    _, token = step_of(html)
    response = me.form("/workout/event", {"type": "set_done", "token": token, "reps": "0"})
    assert response.status_code == 422
    assert "at least 1 rep" in response.text
    assert 'aria-describedby="reps-error"' in response.text
    assert step_of(me.get("/workout").text) == ("exercise", token)


def test_the_set_shows_last_time_and_prefills_its_load(me: Visitor) -> None:
    html = _walk_until(me, start(me), "exercise")
    exercise_id = re.search(r'<h1><a href="/exercises/([^"]+)"', html).group(1)  # type: ignore[union-attr]
    earlier = (now() - timedelta(days=3)).isoformat()
    logged = me.post(
        f"{API}/sets",
        json={"exercise_id": exercise_id, "sets": [{"reps": 7, "load_kg": 12.5}], "at": earlier},
    )
    assert logged.status_code == 201, logged.text
    page = me.get("/workout").text
    assert "Last time: 7" in page
    assert (now() - timedelta(days=3)).strftime("%d %b") in page


def test_after_a_pain_stop_the_progress_line_counts_only_what_was_done(me: Visitor) -> None:
    _walk_until(me, start(me), "exercise")
    answer = me.form(
        "/workout/pain", {"location": "lower_back", "severity": "8", "sharp": "yes", "radiating": "yes"}
    )
    assert answer.status_code == 200
    final = answer.text
    assert "/workout/pain" not in str(answer.url)  # the session is over: its page, not the form
    match = re.search(r"(\d+) of (\d+) steps done", final)
    assert match is not None
    assert match.group(1) != match.group(2)
    assert "skipped or stopped" in final


def test_each_plan_adjustment_is_listed_once_with_its_dates() -> None:
    reason = "Lighter: you reported pain."
    days = [date(2026, 12, d) for d in (9, 7, 11)]
    grouped = adaptations_by_reason([(d, reason) for d in days] + [(date(2026, 12, 8), "Fewer sets.")])
    assert grouped == [(reason, sorted(days)), ("Fewer sets.", [date(2026, 12, 8)])]


def test_a_finished_workout_can_be_rated_with_a_note(me: Visitor) -> None:
    html = _walk_until(me, start(me), "exercise")
    _, token = step_of(html)
    finished = me.form("/workout/event", {"type": "finish", "token": token})
    assert "How did it go?" in finished.text
    guided_id = re.search(r'action="/workout/(\d+)/rating"', finished.text).group(1)  # type: ignore[union-attr]
    saved = me.form(f"/workout/{guided_id}/rating", {"feeling": "good", "notes": "Felt strong."})
    assert saved.status_code == 200 and "Saved." in saved.text
    [workout] = me.get(f"{API}/workouts").json()
    assert (workout["feeling"], workout["notes"]) == ("good", "Felt strong.")


def test_home_and_the_workout_preview_name_each_exercise_once(me: Visitor) -> None:
    from page_helpers import onboard

    onboard(me)
    home = me.get("/").text
    listed = re.search(r"minutes: ([^<]*)\.</p>", home)
    assert listed is not None
    names = listed.group(1).split(", ")
    assert len(names) == len(set(names)), names
    for line in re.findall(r"<li>[A-Z][a-z]+: ([^<]*)</li>", me.get("/workout").text):
        names = line.split(", ")
        assert len(names) == len(set(names)), names
