"""Onboarding through its forms: the screening's outcome in plain words, the profile with errors
beside their fields, the plan page (the plan, no plan fits, or the professional referral)."""

from __future__ import annotations

import re

from page_helpers import onboard, parse, profile_form, screen_all_no
from web_helpers import Visitor

from backcoach.safety import QuestionKind, questions


def test_the_screening_form_asks_every_question_grouped(me: Visitor) -> None:
    response = me.get("/onboarding/screening")
    assert response.status_code == 200
    page = parse(response.text)
    boxes = {e.attrs["name"] for e in page.find("input", type="checkbox")}
    assert boxes == {q.id for q in questions()}
    assert len(page.find("fieldset")) >= 5
    assert "Nerve warning signs" in response.text


def test_all_no_clears_and_leads_to_the_profile(me: Visitor) -> None:
    response = screen_all_no(me)
    assert str(response.url).endswith("/onboarding/screening/result")
    assert "outcome-cleared" in response.text
    assert 'href="/onboarding/profile"' in response.text


def test_a_cauda_equina_sign_says_seek_urgent_care_now_in_a_red_box(me: Visitor) -> None:
    response = me.form("/onboarding/screening", {"redflag_saddle_numbness": "yes"})
    assert response.status_code == 200
    page = parse(response.text)
    boxes = [e for e in page.elements if "outcome-emergency" in e.attrs.get("class", "")]
    assert boxes and "danger" in boxes[0].attrs["class"] and boxes[0].attrs.get("role") == "alert"
    assert "Do not exercise. Seek urgent medical care now." in response.text
    assert 'href="/onboarding/profile"' not in response.text


def test_a_doctor_red_flag_says_see_a_doctor_and_no_plan(me: Visitor) -> None:
    response = me.form("/onboarding/screening", {"parq2": "yes"})
    assert "outcome-see-professional" in response.text
    assert "See a doctor before you start" in response.text
    assert "No plan will be made" in response.text
    plan = me.get("/plan")
    assert "No plan: please see a professional first" in plan.text
    assert "Regenerate" not in plan.text
    assert "Your last screening says not to train" in me.get("/").text


def test_a_condition_without_follow_ups_starts_gently(me: Visitor) -> None:
    response = me.form("/onboarding/screening", {"age_over_45_unaccustomed": "yes"})
    assert "outcome-start-gently" in response.text
    assert "You can start, gently" in response.text


def test_the_screening_form_needs_the_csrf_token(me: Visitor) -> None:
    response = me.client.post("/onboarding/screening", data={"parq1": "yes"})
    assert response.status_code == 403
    assert me.get("/onboarding/screening/result", follow_redirects=False).status_code == 303  # nothing stored


def test_the_profile_page_waits_for_the_screening(me: Visitor) -> None:
    response = me.get("/onboarding/profile", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/onboarding/screening"


def test_the_profile_form_offers_the_catalogues_equipment(me: Visitor) -> None:
    screen_all_no(me)
    page = parse(me.get("/onboarding/profile").text)
    equipment = {e.attrs["value"] for e in page.find("input", name="equipment")}
    assert {"dumbbells", "barbell", "pull-up-bar", "resistance-band"} <= equipment
    assert "mat" not in equipment  # always assumed
    assert len(page.find("input", name="days")) == 7


def test_profile_errors_are_shown_beside_their_fields(me: Visitor) -> None:
    screen_all_no(me)
    response = me.form("/onboarding/profile", profile_form(minutes="5"))
    assert response.status_code == 422
    assert 'id="minutes-error"' in response.text
    assert 'aria-describedby="minutes-error"' in response.text
    assert 'value="5"' in response.text  # the form is filled in again
    response = me.form("/onboarding/profile", profile_form(days=[]))
    assert response.status_code == 422 and 'id="days-error"' in response.text
    response = me.form("/onboarding/profile", profile_form(level=""))
    assert response.status_code == 422 and 'id="level-error"' in response.text
    response = me.form("/onboarding/profile", profile_form(bodyweight="heavy"))
    assert response.status_code == 422 and 'id="bodyweight-error"' in response.text
    response = me.form("/onboarding/profile", profile_form(equipment=["hovercraft"]))
    assert response.status_code == 422 and 'id="equipment-error"' in response.text


def test_saving_the_profile_makes_the_plan(me: Visitor) -> None:
    response = onboard(me)
    assert str(response.url).endswith("/plan")
    html = response.text
    assert "Week 1" in html and "today" in html
    assert "Why this plan" in html
    assert "Regenerate plan" in html
    assert " in reserve" in html and " × " in html
    profile = me.get("/onboarding/profile").text
    assert 'value="beginner" checked' in profile
    assert 'value="80"' in profile


def test_the_plan_shows_one_week_at_a_time_with_every_week_one_tap_away(me: Visitor) -> None:
    onboard(me)
    first = me.get("/plan").text
    weeks = re.findall(r'href="/plan\?week=(\d+)"', first)
    assert len(weeks) >= 4 and weeks == [str(n) for n in range(1, len(weeks) + 1)]
    assert 'aria-current="page">Week 1' in first  # today is in the first week
    assert re.search(r"<h2 id=\"week-heading\">Week 1 of \d+", first)
    third = me.get("/plan?week=3").text
    assert re.search(r"<h2 id=\"week-heading\">Week 3 of \d+", third)
    assert 'aria-current="page">Week 3' in third
    assert third.count('class="session') == first.count('class="session')  # days a week are fixed
    # A week the plan does not have shows the one under way, not an error; one that no plan can
    # have (a plan runs at most 52 weeks) is refused.
    assert re.search(r"<h2 id=\"week-heading\">Week 1 of", me.get("/plan?week=40").text)
    assert me.get("/plan?week=99").status_code == 422


def test_loads_are_shown_in_the_persons_unit(me: Visitor) -> None:
    onboard(me, unit="lb", bodyweight="176")
    html = me.get("/plan").text
    assert "loads in lb" in html
    assert " kg" not in html.split("Week 1", 1)[1]


def test_no_plan_fits_shows_the_conflicts_and_suggestions(me: Visitor) -> None:
    screen_all_no(me)
    response = me.form("/onboarding/profile", profile_form(equipment=[]))
    assert response.status_code == 200
    assert "No plan fits" in response.text
    assert "What would help" in response.text


def test_regenerate_makes_a_new_plan(me: Visitor) -> None:
    onboard(me)
    response = me.form("/plan/regenerate", {})
    assert response.status_code == 200
    assert "New plan made: what changed" in response.text  # shown with the plan, not after a redirect
    assert "Week 1" in response.text


def test_regenerate_without_a_profile_says_what_is_missing(me: Visitor) -> None:
    screen_all_no(me)
    response = me.form("/plan/regenerate", {})
    assert response.status_code == 422
    assert 'id="profile-error"' in response.text


def test_regenerate_needs_the_csrf_token(me: Visitor) -> None:
    onboard(me)
    assert me.client.post("/plan/regenerate", data={}).status_code == 403


def test_the_start_page_says_what_to_do_next(me: Visitor) -> None:
    assert 'href="/onboarding/screening"' in me.get("/").text
    screen_all_no(me)
    assert "Set up your profile" in me.get("/").text
    me.form("/onboarding/profile", profile_form())
    home = me.get("/").text
    assert "Start today&#39;s workout" in home or "Start today's workout" in home
    me.form("/workout/start", {})
    assert "Carry on" in me.get("/").text


def test_the_follow_up_questions_are_marked(me: Visitor) -> None:
    html = me.get("/onboarding/screening").text
    followups = [q for q in questions() if q.kind is QuestionKind.PARQ_FOLLOWUP]
    assert "If you ticked question 4, 5 or 6 above" in html
    for q in followups:
        assert f'id="q-{q.id}"' in html
