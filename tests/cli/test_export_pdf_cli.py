"""``backcoach export --format pdf``: the plan and a log sheet to print, checked as a person would
read them: rendered to images with Debian's pdftoppm (pages that are not blank) and to text with
pdftotext (the title, the date, the sessions, the exercises with their doses and loads in the
person's unit, the log sheet's columns). Skipped where poppler-utils is missing (``make test``
installs it); CI (``BACKCOACH_E2E_REQUIRED``) fails instead."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cli_factories import coming, run, screen_clear, weekday
from PIL import Image

from backcoach.catalog import curated


@pytest.fixture(scope="module")
def poppler() -> None:
    missing = [t for t in ("pdftoppm", "pdftotext") if shutil.which(t) is None]
    if missing:
        reason = f"{', '.join(missing)} missing: `make test` installs Debian's poppler-utils (as root)"
        if os.environ.get("BACKCOACH_E2E_REQUIRED"):
            pytest.fail(reason)
        pytest.skip(reason)


def save_plan_in_pounds(db: str) -> date:
    start = coming(1)
    screen_clear(db)
    run(
        "profile", "set", "--level", "beginner", "--days", f"{weekday(start)},{weekday(coming(4))}",
        "--minutes", "45", "--equipment", "dumbbells,bench", "--goal", "strength",
        "--bodyweight", "176lb", "--unit", "lb", "--known", "bent-over-dumbbell-row=40lbx8", "--db", db,
    )  # fmt: skip
    run("plan", "--save", "--start", start.isoformat(), "--weeks", "2", "--db", db)
    return start


def test_the_printed_plan_holds_the_plan_and_a_log_sheet(db: str, tmp_path: Path, poppler: None) -> None:
    start = save_plan_in_pounds(db)
    plan = run("plan", "--db", db, "--json")
    out = tmp_path / "plan.pdf"
    run("export", str(out), "--format", "pdf", "--db", db)
    assert out.read_bytes().startswith(b"%PDF-")

    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True)
    words = " ".join(text.stdout.split())
    today = date.today()
    assert "Your back training plan" in words
    assert f"printed {today.day} {today.strftime('%B %Y')}" in words
    assert f"{start.strftime('%A')} {start.day} {start.strftime('%B %Y')}" in words
    assert "Loads in lb" in words and " lb " in words and " kg " not in words
    names = {
        curated().exercise(i["exercise_id"]).name
        for s in plan["weeks"][0]["sessions"]
        for b in s["blocks"]
        for i in b["items"]
    }
    assert all(name in words for name in names), names - {n for n in names if n in words}
    assert "Log sheet · Week 1" in words and "Set 1" in words and "Set 4" in words
    assert "Targeted by this plan" in words  # the back map's key

    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3  # the plan, and a log sheet per session of the first week
    for page in pages:
        with Image.open(page) as image:
            grey = image.convert("L")
            assert grey.size[0] < grey.size[1]  # portrait A4
            low, high = grey.getextrema()
            assert low < 100 and high > 240, page.name  # ink on paper, not a blank page
    with Image.open(pages[0]) as first:
        rgb = first.convert("RGB").tobytes()
    reds = sum(1 for n in range(0, len(rgb), 3) if rgb[n] > 150 and rgb[n + 1] < 90 and rgb[n + 2] < 80)
    assert reds > 100  # the targeted muscles are coloured on the map


def test_without_a_plan_the_pdf_is_refused_in_one_line(db: str, tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "plan.pdf"), "--format", "pdf", "--db", db, code=2)
    assert result.output.count("\n") == 1 and "plan" in result.output
    assert not (tmp_path / "plan.pdf").exists()
