"""A form check in a real browser: upload a synthetic set on the exercise page, watch the results
page refresh itself until the analysis is done, read the charts and findings, log the reps."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "jobs"))
from landmark_files import synthetic_npy

from backcoach.vision import Fault

# The first analysis starts the server's job process (imports the app): seconds on a busy machine.
ANALYSIS_MS = 90_000


def _serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']})" for v in violations if v["impact"] in ("serious", "critical")]


def test_upload_watch_and_log_a_form_check(page: Any) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/exercises/pull-up")
    assert _serious(page) == []
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    screened = page.request.post("/api/v1/screening", data={"answers": {}}, headers={"X-CSRF-Token": token})
    assert screened.status == 201
    page.get_by_label("Recording").set_input_files(
        {
            "name": "set.npy",
            "mimeType": "application/octet-stream",
            "buffer": synthetic_npy(fault=Fault.HALF_REPS),
        }
    )
    page.get_by_role("button", name="Check my form").click()
    expect(page).to_have_url(re.compile(r"/form-checks/\d+$"))
    expect(page.get_by_role("heading", name="5 repetitions")).to_be_visible(timeout=ANALYSIS_MS)
    expect(page.get_by_text("Your chin did not get above the bar.")).to_be_visible()
    expect(page.locator(".rep-charts svg")).to_have_count(5)
    assert _serious(page) == []
    page.get_by_role("button", name="Log these reps").click()
    expect(page.get_by_role("status")).to_contain_text("Logged: your 5 reps")
    expect(page.get_by_role("button", name="Log these reps")).to_have_count(0)
    assert blocked == []
