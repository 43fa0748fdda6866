"""Desk breaks from the CLI: ``--desk-breaks`` takes 0-4 with one clear line otherwise, and the plan
shows the routine (as text and as ``desk_breaks`` in its JSON)."""

from __future__ import annotations

import pytest
from cli_factories import run, screen_clear

PROFILE = ("--level", "beginner", "--days", "mon,thu", "--minutes", "45", "--goal", "hypertrophy",
           "--equipment", "dumbbells,bench")  # fmt: skip


@pytest.mark.parametrize("bad", ["5", "-1"])
def test_out_of_range_is_one_line_naming_the_option(db: str, bad: str) -> None:
    result = run("profile", "set", *PROFILE, "--desk-breaks", bad, "--db", db, code=2)
    assert (
        result.output.strip()
        == "error: --desk-breaks: Desk breaks a workday must be at least 0 and at most 4."
    )


def test_not_a_number_is_refused(db: str) -> None:
    result = run("profile", "set", *PROFILE, "--desk-breaks", "two", "--db", db, code=2)
    assert "desk-breaks" in result.output and "Traceback" not in result.output


def test_the_plan_shows_the_routine(db: str) -> None:
    run("profile", "set", *PROFILE, "--desk-breaks", "2", "--db", db)
    unscreened = run("plan", "--weeks", "1", "--db", db, "--json")["desk_breaks"]  # a preview
    assert unscreened["hold"]["code"] == "screening_required" and unscreened["routine"] is None
    assert "Desk breaks, Monday to Friday at 11:00 and 15:00: on hold" in run("plan", "--db", db).output
    screen_clear(db)
    assert run("profile", "show", "--db", db, "--json")["desk_breaks_per_day"] == 2
    plan = run("plan", "--save", "--weeks", "1", "--db", db, "--json")
    desk = plan["desk_breaks"]
    assert desk["times"] == ["11:00", "15:00"] and desk["hold"] is None
    assert 180 <= desk["routine"]["total_s"] <= 300
    text = run("plan", "--weeks", "1", "--db", db).output
    assert "Desk breaks, Monday to Friday at 11:00 and 15:00" in text
    assert "March in Place" in text and "60 s" in text
    run("profile", "set", "--desk-breaks", "0", "--db", db)
    assert run("plan", "--weeks", "1", "--db", db, "--json")["desk_breaks"] is None
