"""Known strength from the CLI: ``profile set --known EXERCISE=LOADxREPS`` stores the science
core's estimated one-rep max, and the plan's first loads come from it."""

from __future__ import annotations

import pytest
from cli_factories import run, runner, screen_clear

from backcoach.cli import app
from backcoach.science.one_rep_max import estimate_1rm

PROFILE = ("--level", "intermediate", "--days", "mon,thu", "--minutes", "60", "--goal", "strength",
           "--equipment", "barbell,dumbbells,bench,power-rack")  # fmt: skip


def test_known_lift_becomes_an_e1rm_and_the_plans_first_load(db: str) -> None:
    screen_clear(db)
    run("profile", "set", *PROFILE, "--known", "one-arm-dumbbell-row=24kgx8", "--db", db)
    shown = run("profile", "show", "--db", db, "--json")
    assert shown["e1rm_kg"]["one-arm-dumbbell-row"] == pytest.approx(round(estimate_1rm(24, 8).value, 1))
    plan = run("plan", "--save", "--weeks", "1", "--db", db, "--json")
    loads = [
        s["load_kg"]
        for w in plan["weeks"]
        for sess in w["sessions"]
        for b in sess["blocks"]
        for i in b["items"]
        if i["exercise_id"] == "one-arm-dumbbell-row"
        for s in i["sets"]
        if s["type"] == "working"
    ]
    assert loads and 0 < loads[0] < estimate_1rm(24, 8).value  # a share of the e1RM given


def test_known_lift_in_pounds(db: str) -> None:
    screen_clear(db)
    run("profile", "set", *PROFILE, "--known", "bent-over-barbell-row=135lbx1", "--db", db)
    assert run("profile", "show", "--db", db, "--json")["e1rm_kg"]["bent-over-barbell-row"] == pytest.approx(
        61.2, abs=0.1
    )


@pytest.mark.parametrize(
    "value",
    [
        "bent-over-barbell-row=60kg",
        "bent-over-barbell-row",
        "bent-over-barbell-row=60kgx0",
        "bent-over-barbell-row=60kgx31",
    ],
)
def test_a_malformed_known_lift_is_one_clean_error(db: str, value: str) -> None:
    screen_clear(db)
    result = runner.invoke(app, ["profile", "set", *PROFILE, "--known", value, "--db", db])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
