"""The guided workout through its forms: start, every step, pain in the middle, the summary; a
reload shows the same step; a stale tap lands on the current step; nobody sees anyone else's."""

from __future__ import annotations

from collections.abc import Callable

from page_helpers import onboard, parse, step_of, substitute_of
from web_helpers import Visitor

MAX_STEPS = 300  # far more than any planned session has


def act(visitor: Visitor, kind: str, token: str, html: str) -> None:
    """Answer the step on screen the way a person would, through its form."""
    if kind in ("drill", "exercise", "substitute"):
        page = parse(html)
        reps = page.find("input", name="reps")[0].attrs["value"]
        fields = {"type": "set_done", "token": token, "reps": reps}
        loads = page.find("input", name="load")
        if loads:
            fields.update(load=loads[0].attrs["value"] or "10", unit="kg")
        holds = page.find("input", name="hold_s")
        if holds:
            fields["hold_s"] = holds[0].attrs["value"]
        rirs = page.find("input", name="rir")
        if rirs and rirs[0].attrs["value"]:
            fields["rir"] = rirs[0].attrs["value"]
        response = visitor.form("/workout/event", fields)
    elif kind == "rest":
        response = visitor.form("/workout/event", {"type": "continue", "token": token})
    elif kind == "pain":
        choice = "decline_substitute" if substitute_of(html) else "continue"
        response = visitor.form("/workout/event", {"type": choice, "token": token})
    elif kind == "paused":
        response = visitor.form("/workout/event", {"type": "resume", "token": token})
    else:
        raise AssertionError(f"unexpected step {kind}")
    assert response.status_code == 200, response.text


def start(visitor: Visitor) -> str:
    onboard(visitor)
    response = visitor.form("/workout/start", {})
    assert response.status_code == 200
    assert str(response.url).endswith("/workout")
    return response.text


def test_guided_workout_from_start_to_summary_with_pain_in_the_middle(me: Visitor) -> None:
    html = start(me)
    sets_done = 0
    reported = False
    for _ in range(MAX_STEPS):
        kind, token = step_of(html)
        if kind is None or kind == "summary":
            break
        assert token is not None
        if kind in ("exercise", "substitute"):
            sets_done += 1
            if sets_done == 3 and not reported:
                reported = True
                answer = me.form("/workout/pain", {"location": "upper_back", "severity": "3"})
                assert answer.status_code == 200
                kind_after, _ = step_of(answer.text)
                assert kind_after == "pain"
                assert "Pain: stop exercise" in answer.text
                html = answer.text
                continue
        act(me, kind, token, html)
        html = me.get("/workout").text
    else:
        raise AssertionError("the workout never ended")
    assert reported
    finished = me.get("/history").text
    assert "upper back, 3/10" in finished


def test_the_summary_is_shown_at_the_end(me: Visitor) -> None:
    start(me)
    html = me.get("/workout").text
    _, token = step_of(html)
    ended = me.form("/workout/event", {"type": "finish", "token": token})
    assert ended.status_code == 200
    assert "/workout/" in str(ended.url)
    kind, _ = step_of(ended.text)
    assert kind == "summary"
    assert "Workout finished" in ended.text
    assert "Working sets" in ended.text
    again = me.get("/workout").text
    assert "Done for today" in again


def test_a_reload_mid_workout_shows_the_same_step(me: Visitor) -> None:
    html = start(me)
    for _ in range(4):  # a few steps in
        kind, token = step_of(html)
        assert kind is not None and token is not None
        act(me, kind, token, html)
        html = me.get("/workout").text
    first = step_of(html)
    reloaded = me.reloaded().get("/workout").text
    assert step_of(reloaded) == first
    assert parse(reloaded).find("h1") == parse(html).find("h1")


def test_a_stale_tap_lands_on_the_current_step(me: Visitor) -> None:
    html = start(me)
    kind, token = step_of(html)
    assert kind is not None and token is not None
    act(me, kind, token, html)
    now_showing = step_of(me.get("/workout").text)
    again = me.form("/workout/event", {"type": "skip", "token": token})  # the same tap twice
    assert again.status_code == 200
    assert "already moved on" in again.text
    assert step_of(again.text) == now_showing


def test_pause_and_resume(me: Visitor) -> None:
    html = start(me)
    _, token = step_of(html)
    paused = me.form("/workout/event", {"type": "pause", "token": token})
    kind, token = step_of(paused.text)
    assert kind == "paused"
    resumed = me.form("/workout/event", {"type": "resume", "token": token})
    assert step_of(resumed.text)[0] == step_of(html)[0]


def test_a_wrong_number_is_shown_beside_its_field(me: Visitor) -> None:
    html = start(me)
    for _ in range(MAX_STEPS):
        kind, token = step_of(html)
        if kind == "exercise":
            break
        assert kind is not None and token is not None
        act(me, kind, token, html)
        html = me.get("/workout").text
    assert token is not None
    response = me.form("/workout/event", {"type": "set_done", "token": token, "reps": "500"})
    assert response.status_code == 422
    assert 'id="reps-error"' in response.text
    assert step_of(response.text) == (kind, token)  # nothing moved


def test_severe_pain_ends_the_session_and_says_so(me: Visitor) -> None:
    start(me)
    answer = me.form(
        "/workout/pain", {"location": "lower_back", "severity": "8", "sharp": "yes", "leg_weakness": "yes"}
    )
    assert answer.status_code == 200
    assert "/workout/" in str(answer.url)
    assert "action-emergency" in answer.text
    assert "Workout ended for your safety" in answer.text


def test_pain_without_a_workout_gets_the_decision(me: Visitor) -> None:
    response = me.form("/workout/pain", {"location": "neck", "severity": "2"})
    assert response.status_code == 200
    assert "Pain: stop exercise" in response.text


def test_pain_form_errors_beside_the_field(me: Visitor) -> None:
    response = me.form("/workout/pain", {"location": "elbowz", "severity": "3"})
    assert response.status_code == 422
    assert 'id="location-error"' in response.text
    response = me.form("/workout/pain", {"location": "neck", "severity": "11"})
    assert response.status_code == 422
    assert 'id="severity-error"' in response.text


def test_start_without_a_token_is_refused_with_the_forbidden_page(me: Visitor) -> None:
    onboard(me)
    response = me.client.post("/workout/start", data={})
    assert response.status_code == 403
    assert "Not allowed" in response.text
    assert "Start workout" in me.get("/workout").text  # nothing started


def test_another_users_workout_and_guided_ids_are_not_found(
    account: Callable[[str], Visitor],
) -> None:
    ana, ben = account("Ana"), account("Ben")
    start(ana)
    _, token = step_of(ana.get("/workout").text)
    ended = ana.form("/workout/event", {"type": "finish", "token": token})
    guided_path = str(ended.url).split("testserver")[1]
    workout_link = next(
        e.attrs["href"]
        for e in parse(ana.get("/history").text).find("a")
        if e.attrs["href"].startswith("/history/")
    )
    assert ana.get(guided_path).status_code == 200
    assert ana.get(workout_link).status_code == 200
    for path in (guided_path, workout_link):
        response = ben.get(path)
        assert response.status_code == 404
        assert "Not found" in response.text
        assert "Ana" not in response.text and "Working sets" not in response.text
    assert "Ana" not in ben.get("/history").text
    assert ben.form("/workout/event", {"type": "finish"}).status_code == 200  # no workout: nothing
    assert "Start workout" not in ben.get("/workout").text
