"""The Import page in a phone's browser: choose a file, read the report, map a name the library
did not know, confirm; and the Export page. Each step fits 390 px, axe-core finds no serious or
critical violation, and a screenshot of each goes to the artifacts folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from benchmarks.import_bench import write_strong
from playwright.sync_api import Page, expect

FIXTURE = Path(__file__).resolve().parents[1] / "pages" / "fixtures" / "strong_for_import_page.csv"
PHONE_WIDTH = 390
# The page's widest point against the viewport asked for (a phone widens its layout viewport to
# fit a too-wide page, so innerWidth would grow with it).
WIDTH_JS = "() => document.scrollingElement.scrollWidth"
# A background import starts the job runner's worker process first (a few seconds on a busy CI
# machine), then the page reloads every two seconds until the report is there.
JOB_TIMEOUT_MS = 90_000


def check(page: Page, screenshots: Path, name: str) -> None:
    """Fits the phone, no serious accessibility problem, and a full-page screenshot."""
    from axe_playwright_python.sync_playwright import Axe

    page.screenshot(path=str(screenshots / f"phone-{name}.png"), full_page=True)
    assert page.evaluate(WIDTH_JS) <= PHONE_WIDTH, name
    violations: list[dict[str, Any]] = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], name


def test_import_a_file_fix_a_name_and_confirm(page: Page, screenshots: Path) -> None:
    page.goto("/import")
    expect(page.get_by_role("heading", name="Import your history")).to_be_visible()
    check(page, screenshots, "import")
    page.set_input_files("#file", str(FIXTURE))
    page.select_option("#unit", "kg")
    page.select_option("#tz", "Europe/Berlin")
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Check your import")).to_be_visible()
    expect(
        page.get_by_role("cell", name="rest timer after the exercise's last set: nothing to attach")
    ).to_be_visible()
    check(page, screenshots, "import-report")
    page.get_by_label("“Grandpa's Barn Lift” is").select_option("good-morning")
    page.get_by_role("button", name="Use these names").click()
    expect(page.get_by_role("status")).to_contain_text("1 name mapped")
    expect(page.locator("#names")).to_have_count(0)

    page.get_by_role("button", name="Import 8 sets").click()
    expect(page.get_by_role("heading", name="Import done")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("8 sets imported in 2 new workouts")
    check(page, screenshots, "import-done")
    page.get_by_role("link", name="See your history").click()
    page.goto("/history?month=2025-03")
    expect(page.get_by_text("Good Morning").first).to_be_visible()


def test_the_export_page_fits_a_phone(page: Page, screenshots: Path) -> None:
    page.goto("/export")
    expect(page.get_by_role("heading", name="Export your log and plan")).to_be_visible()
    check(page, screenshots, "export")
    with page.expect_download() as info:
        page.get_by_role("link", name="Your log as a Strong CSV file").click()
    assert info.value.suggested_filename.startswith("backcoach-log-strong-")
    page.get_by_role("button", name="Make a calendar address").click()
    expect(page.get_by_label("Your calendar address (copy it now: it is shown only once)")).to_have_value(
        re.compile(r"/calendar\.ics\?token=")
    )
    check(page, screenshots, "export-calendar-address")


def test_a_big_file_imports_in_the_background_and_the_page_follows_it(
    page: Page, screenshots: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size threshold (lowered here to one byte) the confirm queues a job: the page
    shows its progress and reloads itself, without JavaScript, until the report is there."""
    from backcoach.app import import_job

    monkeypatch.setenv(import_job.THRESHOLD_ENV, "1")
    big = tmp_path / "strong_big.csv"
    write_strong(big, 600)  # 25 workouts of its own, none imported before
    page.goto("/import")
    page.set_input_files("#file", str(big))
    page.select_option("#unit", "kg")
    page.select_option("#tz", "Europe/Berlin")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check your import")).to_be_visible()
    page.get_by_role("button", name="Import 600 sets").click()

    page.wait_for_url(re.compile(r"/import/jobs/\d+$"))
    check(page, screenshots, "import-job")  # progress while it runs, or already the report
    expect(page.get_by_role("heading", name="Import done")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("status")).to_contain_text("600 sets imported")
    check(page, screenshots, "import-job-done")
