"""The home page's desk-break card in a real browser on a phone: its drills and their seconds show,
and it fits the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

PHONE_WIDTH = 390  # the phone viewport of the browser fixtures (conftest.PHONE)


def test_the_desk_break_card_lists_its_drills_on_a_phone(page: Any, screenshots: Path) -> None:
    page.goto("/exercises")
    headers = {"X-CSRF-Token": page.locator('meta[name="csrf-token"]').get_attribute("content")}
    assert page.request.post("/api/v1/screening", data={"answers": {}}, headers=headers).ok
    profile = {
        "level": "beginner", "days": ["mon", "thu"], "minutes": 45, "goal": "hypertrophy",
        "equipment": ["dumbbells"], "desk_breaks_per_day": 3,
    }  # fmt: skip
    assert page.request.put("/api/v1/profile", data=profile, headers=headers).ok
    page.goto("/")
    card = page.locator("#desk-breaks")
    expect(card).to_be_visible()
    expect(card.locator("li").first).to_contain_text("March in Place")
    expect(card).to_contain_text("10:20, 13:00 and 15:40")
    assert card.locator("li").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    card.screenshot(path=str(screenshots / "home-desk-break-phone.png"))
