"""Form errors a person can find and fix: every problem at once in a summary above the form that
links to its fields, each tied to its field (``aria-describedby``), in plain words naming the field
as a person knows it; the HTML limits equal the server's; sign-up never quotes the input back and
never tells whether an address has an account."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import FastAPI
from page_helpers import parse, profile_form, screen_all_no, visit
from web_helpers import PASSWORD, Visitor

from backcoach.app.profile import limits
from backcoach.science.units import from_kg

PYDANTIC_WORDS = re.compile(r"Input should|Value error|greater_than|less_than|is required \(")


def _summary(html: str) -> list[str]:
    box = re.search(r'<div class="[^"]*error-summary[^"]*"(.*?)</div>', html, re.S)
    assert box is not None, "no error summary"
    assert 'role="alert"' in box.group(0) and "data-autofocus" in box.group(0)
    return [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", box.group(1), re.S)]


def test_profile_errors_come_all_at_once_in_a_summary_linking_to_the_fields(me: Visitor) -> None:
    screen_all_no(me)
    response = me.form("/onboarding/profile", profile_form(minutes="5", days=[], bodyweight="500"))
    assert response.status_code == 422
    html = response.text
    assert _summary(html) == [
        "Pick at least one day you can train.",
        "Minutes per session must be at least 10 and at most 240.",
        "Body weight must be more than 20 kg (44.1 lb) and at most 400 kg (881.8 lb).",
    ]
    assert 'href="#minutes"' in html and 'href="#day-mon"' in html
    for field in ("minutes", "days"):
        assert f'aria-describedby="{field}-error"' in html and f'id="{field}-error"' in html
    assert not PYDANTIC_WORDS.search(html)


def test_profile_model_errors_are_plain_sentences_naming_the_field(me: Visitor) -> None:
    screen_all_no(me)
    html = me.form("/onboarding/profile", profile_form(minutes="5", bodyweight="500")).text
    messages = _summary(html)
    assert "Minutes per session must be at least 10 and at most 240." in messages
    assert any(
        m.startswith("Body weight must be more than 20 kg") and "at most 400 kg" in m for m in messages
    )
    assert not PYDANTIC_WORDS.search(html)
    assert 'aria-describedby="bodyweight-error"' in html


def test_profile_html_limits_equal_the_servers(me: Visitor) -> None:
    screen_all_no(me)
    page = parse(me.get("/onboarding/profile").text)
    for name, field in (("minutes", "minutes"), ("sessions", "sessions")):
        box = page.find("input", name=name)[0].attrs
        rng = limits(field)
        assert (float(box["min"]), float(box["max"])) == (rng.low, rng.high)
    weight = page.find("input", name="bodyweight")[0].attrs
    rng = limits("bodyweight_kg")
    assert float(weight["max"]) == rng.high
    assert float(weight["min"]) > rng.low  # the model's bound is exclusive
    # what the form allows, the server takes; one step beyond, it refuses
    assert me.form("/onboarding/profile", profile_form(bodyweight=weight["max"])).status_code == 200
    over = me.form("/onboarding/profile", profile_form(bodyweight=str(float(weight["max"]) + 0.1)))
    assert over.status_code == 422


def test_profile_html_limits_follow_the_unit(me: Visitor) -> None:
    screen_all_no(me)
    html = me.form("/onboarding/profile", profile_form(unit="lb", bodyweight="1000")).text
    weight = parse(html).find("input", name="bodyweight")[0].attrs
    assert float(weight["max"]) == round(from_kg(limits("bodyweight_kg").high or 0, "lb"), 1)


def test_sign_up_shows_every_error_at_once_without_quoting_the_input(multi_app: FastAPI) -> None:
    anon = visit(multi_app, "/signup")
    name = "Zed" + "x" * 497
    response = anon.form("/signup", {"name": name, "email": "not-an-email", "password": "short"})
    assert response.status_code == 422
    messages = _summary(response.text)
    assert len(messages) == 3
    assert messages[0] == "Your name can be at most 64 characters."
    assert "not-an-email" not in " ".join(messages) and "x" * 65 not in " ".join(messages)
    for field in ("name", "email", "password"):
        assert f'aria-describedby="{field}-error"' in response.text


def test_sign_up_never_tells_whether_an_address_has_an_account(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    account("Ana")
    anon = visit(multi_app, "/signup")
    taken = anon.form("/signup", {"name": "Other", "email": "ANA@example.org", "password": PASSWORD})
    assert taken.status_code == 422
    said = " ".join(_summary(taken.text)).lower()
    assert "could not create an account" in said
    assert "taken" not in said and "already" not in said and "ana@" not in said
    assert "email-error" not in taken.text  # the address is not singled out
