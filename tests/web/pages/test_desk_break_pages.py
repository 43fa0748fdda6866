"""Desk breaks on the pages: the profile form's field (0-4, its error tied to it), and the home
page's card with the drills, their seconds and the next break, or why they are on hold."""

from __future__ import annotations

import pytest
from page_helpers import onboard, parse, profile_form
from web_helpers import API, Visitor


def test_the_form_shows_the_field_with_the_models_limits(me: Visitor) -> None:
    onboard(me, goal="hypertrophy", desk_breaks="3")
    page = parse(me.get("/onboarding/profile").text)
    field = page.find("input", name="desk_breaks")[0].attrs
    assert (field["min"], field["max"], field["value"]) == ("0", "4", "3")


@pytest.mark.parametrize("bad", ["5", "-1", "two"])
def test_a_bad_count_is_an_error_on_its_field(me: Visitor, bad: str) -> None:
    onboard(me, goal="hypertrophy")
    response = me.form("/onboarding/profile", profile_form(goal="hypertrophy", desk_breaks=bad))
    assert response.status_code == 422
    assert 'id="desk_breaks-error"' in response.text and 'href="#desk_breaks"' in response.text
    assert "Desk breaks a workday must be" in response.text


def test_home_shows_the_routine_then_its_hold(me: Visitor) -> None:
    assert "Desk break" not in me.get("/").text  # none asked for: no card
    onboard(me, goal="hypertrophy", desk_breaks="2")
    home = me.get("/").text
    card = home[home.index('id="desk-breaks"') :]
    assert (
        "March in Place" in card
        and "(about 56&nbsp;s)" in card
        and "Monday to Friday at 11:00 and 15:00" in card
    )
    pain = me.post(f"{API}/pain", json={"location": "lower_back", "severity": 5, "radiating": True})
    assert pain.status_code in (200, 201), pain.text
    held = me.get("/").text
    card = held[held.index('id="desk-breaks"') :]
    assert "on hold" in card and "March in Place" not in card
