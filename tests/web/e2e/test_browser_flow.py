"""End to end in a real browser on a phone-sized screen: onboarding → plan → guided workout with a
pain report → summary → progress, with a reload mid-workout, part of it driven by the keyboard
alone, every form field labelled, and screenshots of the key pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from backcoach.catalog import Role, curated
from backcoach.planning.profile import Weekday

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What identifies a step (not its countdown, which ticks): kind, heading and the line above it.
STEP_SIGNATURE_JS = """
() => {
  const step = document.querySelector('#step');
  if (!step) return '';
  const part = sel => (step.querySelector(sel)?.textContent || '').trim();
  // The token changes with every step, so two steps that read alike still differ.
  const token = document.querySelector('input[name=token]')?.value || '';
  return [step.dataset.kind, part('h1'), part('.eyebrow'), token].join(' | ');
}
"""
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const label = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim();
  return el.tagName.toLowerCase() + ':' + label.replace(/\\s+/g, ' ').slice(0, 60);
}
"""


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def step_kind(page: Page) -> str:
    kind = page.locator("#step").get_attribute("data-kind")
    assert kind is not None
    return kind


def signature(page: Page) -> str:
    value: str = page.evaluate(STEP_SIGNATURE_JS)
    return value


def wait_for_next_step(page: Page, before: str) -> str:
    """Wait until the step shown is another one than ``before`` (the page swaps it in place);
    on a timeout, say what the page showed instead."""
    try:
        page.wait_for_function(f"before => ({STEP_SIGNATURE_JS})() !== before", arg=before)
    except PlaywrightError as exc:
        shown = (
            page.locator("main").inner_text()[:600] if page.locator("main").count() else page.content()[:600]
        )
        # Disabled buttons mean a request was sent and not answered; enabled ones, that none was.
        waiting = page.locator("form[data-enhance] button[disabled]").count()
        raise AssertionError(
            f"the step did not change from {before!r} at {page.url} ({waiting} buttons waiting for an"
            f" answer): {exc}\npage shows: {shown}"
        ) from exc
    return signature(page)


def tab_to(page: Page, wanted: re.Pattern[str], limit: int = 40) -> list[str]:
    """Press Tab until the focused element matches ``wanted``; returns what focus passed through."""
    visited: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: str = page.evaluate(FOCUSED_JS)
        assert focused, "Tab left the page without reaching the control"
        assert not visited or focused != visited[-1], f"focus did not move from {focused}"
        visited.append(focused)
        if wanted.search(focused):
            return visited
    raise AssertionError(f"Tab never reached {wanted.pattern}: {visited}")


def press_step_button(page: Page, name: str) -> str:
    """Click the current step's main button (by its accessible name), wait for the request that
    click sends to be answered, then for the next step it shows.

    Never clicked twice: a click that sends nothing, or a step that does not change once its
    answer has come, is a bug (the last "lost click" was the page reading the step before the
    write had committed).
    """
    before = signature(page)
    button = page.locator("#step").get_by_role("button", name=name, exact=True)
    with page.expect_response(lambda r: r.request.method == "POST" and "/workout/" in r.url):
        button.click()
    return wait_for_next_step(page, before)


def pain_site(page: Page, exercise_id: str) -> str:
    """A muscle the current exercise works that the pain form offers (its target first)."""
    offered = page.locator("#pain-location option").evaluate_all("els => els.map(e => e.value)")
    exercise = curated().exercise(exercise_id)
    ranked = sorted(exercise.muscles, key=lambda i: i.role is not Role.TARGET)
    for involvement in ranked:
        if involvement.muscle in offered:
            return involvement.muscle
    return "upper_back" if "upper_back" in offered else str(offered[0])


def test_onboarding_plan_workout_with_pain_then_progress(
    page: Page, screenshots: Path, unlabelled: Callable[[Page], list[str]]
) -> None:
    page.on("dialog", lambda dialog: dialog.accept())  # any "are you sure?" is a yes
    today = date.today()

    def labelled(name: str) -> None:
        assert unlabelled(page) == [], f"unlabelled form fields on {name}"

    # -- onboarding: the safety questions, all answered "no" -> cleared
    page.goto("/")
    labelled("home")
    shot(page, screenshots, "01-home")
    page.get_by_role("link", name="Answer the safety questions").click()
    expect(page).to_have_url(re.compile(r"/onboarding/screening$"))
    labelled("screening")
    boxes = page.get_by_role("checkbox")
    assert boxes.count() >= 7
    for i in range(boxes.count()):
        expect(boxes.nth(i)).not_to_be_checked()
    shot(page, screenshots, "02-screening")
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="You are cleared to start")).to_be_visible()
    shot(page, screenshots, "03-screening-result")
    page.get_by_role("link", name="Next: your profile").click()

    # -- the profile: beginner, two days including today, 45 minutes, dumbbells and a bench
    expect(page).to_have_url(re.compile(r"/onboarding/profile$"))
    labelled("profile")
    other_day = today + timedelta(days=3)
    page.get_by_label(re.compile(r"^Beginner")).check()
    page.get_by_label(DAY_NAMES[today.weekday()], exact=True).check()
    page.get_by_label(DAY_NAMES[other_day.weekday()], exact=True).check()
    page.get_by_label(re.compile(r"^Minutes per session")).fill("45")
    page.get_by_label(re.compile(r"^Strength")).check()
    catalog = curated()
    for equipment in ("dumbbells", "bench"):
        page.get_by_label(catalog.equipment_item(equipment).name, exact=True).check()
    shot(page, screenshots, "04-profile")
    page.get_by_role("button", name="Save and make my plan").click()

    # -- the plan: weeks, today's session, and the reasons behind it
    expect(page).to_have_url(re.compile(r"/plan$"))
    labelled("plan")
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Week 1"))).to_be_visible()
    todays = page.locator("section.session.today")
    expect(todays).to_have_count(1)
    assert Weekday.of(today).value in (todays.get_attribute("aria-label") or "")
    page.get_by_text("Why this plan").click()
    expect(page.get_by_text(re.compile(r"sessions? a week")).first).to_be_visible()
    shot(page, screenshots, "05-plan")

    # -- the guided workout
    page.get_by_role("link", name="Go to today's workout").click()
    expect(page).to_have_url(re.compile(r"/workout$"))
    labelled("workout (not started)")
    page.get_by_role("button", name="Start workout").click()
    expect(page.locator("#step")).to_be_visible()
    assert step_kind(page) == "drill", "a session opens with its warm-up drills"
    labelled("workout (drill)")
    shot(page, screenshots, "06-workout-drill")

    # Two drills by keyboard alone: Tab through the page to "Done", then Enter, then Space.
    before = signature(page)
    visited = tab_to(page, re.compile(r"^button:Done$"))
    assert len(set(visited)) >= 3, visited  # the skip link and navigation come first
    page.keyboard.press("Enter")
    before = wait_for_next_step(page, before)
    visited = tab_to(page, re.compile(r"^button:(Done|Continue)$"))
    assert len(visited) >= 1
    page.keyboard.press("Space")
    before = wait_for_next_step(page, before)

    # The rest of the warm-up by touch, up to the first set of an exercise.
    for _ in range(30):
        kind = step_kind(page)
        if kind == "exercise":
            break
        press_step_button(page, "Continue" if kind == "rest" else "Done")
    assert step_kind(page) == "exercise"
    labelled("workout (exercise)")
    shot(page, screenshots, "07-workout-exercise")

    # Two sets: reps, the load where the exercise takes one, effort; a rest between them.
    loaded: str | None = None
    for set_number in range(2):
        exercise_id = (page.locator("#step h1 a").get_attribute("href") or "").rsplit("/", 1)[-1]
        page.get_by_label(re.compile(r"^(Reps|Holds) done$")).fill("8")
        load = page.get_by_label(re.compile(r"^Load"))
        if load.count():
            load.fill("10")
            loaded = exercise_id
        page.get_by_label("Reps in reserve").fill("2")
        press_step_button(page, "Done")
        if step_kind(page) == "rest":
            expect(page.get_by_role("timer")).to_be_visible()
            if set_number == 0:
                shot(page, screenshots, "08-workout-rest")
            press_step_button(page, "Continue")
        while step_kind(page) == "drill":
            press_step_button(page, "Done")
    assert step_kind(page) in ("exercise", "substitute")

    # A reload mid-workout shows the same step: the state lives on the server.
    shown = signature(page)
    page.reload()
    expect(page.locator("#step")).to_be_visible()
    assert signature(page) == shown

    # Pain, from the button that is always in reach: mild, in a muscle this exercise works.
    pain_button = page.get_by_role("link", name="Pain? Tell me now")
    expect(pain_button).to_be_in_viewport()
    exercise_id = (page.locator("#step h1 a").get_attribute("href") or "").rsplit("/", 1)[-1]
    before = signature(page)
    pain_button.click()
    dialog = page.get_by_role("dialog", name="Report pain")
    expect(dialog).to_be_visible()
    labelled("pain dialog")
    dialog.get_by_label("Where does it hurt?").select_option(pain_site(page, exercise_id))
    dialog.get_by_label(re.compile(r"^How bad")).select_option("2")
    shot(page, screenshots, "09-pain-report")
    dialog.get_by_role("button", name="Report pain").click()
    wait_for_next_step(page, before)
    assert step_kind(page) == "pain"
    guidance = page.locator(".pain-guidance")
    expect(guidance).to_have_class(re.compile(r"action-stop-exercise"))
    expect(guidance).to_contain_text("stopped for today")
    shot(page, screenshots, "10-pain-guidance")
    switch = page.get_by_role("button", name=re.compile(r"^Switch to "))
    if switch.count():
        press_step_button(page, switch.inner_text())  # accept the lighter substitute
    else:
        other = page.locator("#step").get_by_role("button").first
        press_step_button(page, other.inner_text())  # move on without it
    assert step_kind(page) != "pain"

    # Finish early: the summary, with the pain report noted.
    page.get_by_role("button", name="Finish workout").click()
    expect(page).to_have_url(re.compile(r"/workout/\d+$"))
    ended = re.compile(r"^Workout (finished|complete|ended)")
    expect(page.get_by_role("heading", name=ended)).to_be_visible()
    expect(page.get_by_text(re.compile(r"You reported pain"))).to_be_visible()
    labelled("summary")
    shot(page, screenshots, "11-summary")

    # History and progress show what was done.
    page.goto("/history")
    labelled("history")
    expect(page.get_by_text(today.strftime("%d %b").lstrip("0")).first).to_be_attached()
    shot(page, screenshots, "12-history")
    page.goto("/progress")
    labelled("progress")
    expect(page.get_by_role("heading", name="Exercises you have trained")).to_be_visible()
    if loaded is not None:
        page.goto(f"/progress/{loaded}")
        chart = page.locator("figure.chart img")
        expect(chart).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        expect(page.locator("table.records tbody tr").first).to_be_visible()
    shot(page, screenshots, "13-progress")


KEY_PAGES = (
    "/",
    "/onboarding/screening",
    "/plan",
    "/workout",
    "/workout/pain",
    "/exercises",
    "/anatomy",
    "/history",
    "/progress",
    "/volume",
    "/recovery",
)


@pytest.mark.parametrize("path", KEY_PAGES)
def test_every_form_field_on_key_pages_is_labelled(
    page: Page, path: str, unlabelled: Callable[[Any], list[str]]
) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status < 400, f"{path} answered {response.status}"
    assert unlabelled(page) == []
