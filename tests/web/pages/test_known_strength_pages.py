"""Known strength on the profile page: lifts a person knows become estimated one-rep maxima (the
science core's estimate) that the plan's first loads come from; regenerating the plan asks first
and then shows what changed, computed by a pure function over the two plans."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from page_helpers import onboard, parse, profile_form
from web_helpers import Visitor

from backcoach.app.plan_changes import LoadChange, changes_between
from backcoach.catalog import curated
from backcoach.planning import Profile, build_plan
from backcoach.science.one_rep_max import estimate_1rm

ROW = "bent-over-barbell-row"
GYM = ["barbell", "dumbbells", "bench", "power-rack", "pull-up-bar", "cable-machine"]


def _known(exercise: str, load: str, reps: str, rows: int = 1) -> dict[str, str]:
    return {"known-rows": str(rows), "known-exercise-0": exercise, "known-load-0": load, "known-reps-0": reps}


def test_known_lifts_are_stored_as_the_science_cores_e1rm(me: Visitor) -> None:
    onboard(me, level="intermediate", equipment=GYM, **_known(ROW, "60", "8"))
    page = parse(me.get("/onboarding/profile").text)
    assert page.find("option", value=ROW, selected="")  # shown again, as its one-rep max
    load = page.find("input", name="known-load-0")[0].attrs["value"]
    assert float(load) == round(estimate_1rm(60, 8).value, 1)
    assert page.find("input", name="known-reps-0")[0].attrs["value"] == "1"


def test_an_incomplete_known_lift_is_an_error_on_its_field(me: Visitor) -> None:
    onboard(me)
    response = me.form("/onboarding/profile", profile_form(**_known(ROW, "", "8")))
    assert response.status_code == 422
    assert 'id="known-error"' in response.text and 'href="#known-exercise-0"' in response.text


def test_the_plans_first_loads_come_from_known_lifts() -> None:
    catalog = curated()
    base = Profile(
        level="intermediate", days=("mon", "thu"), minutes=60, goal="strength",
        equipment=frozenset(GYM), start=date(2026, 1, 5), weeks=1,
    )  # fmt: skip
    lift = "one-arm-dumbbell-row"  # in this plan
    weak = build_plan(base.model_copy(update={"e1rm_kg": {lift: 30.0}}), catalog)
    strong = build_plan(base.model_copy(update={"e1rm_kg": {lift: 60.0}}), catalog)
    diff = changes_between(weak, strong)  # type: ignore[arg-type]
    assert [c.exercise_id for c in diff.loads] == [lift]
    assert diff.loads[0].after_kg > diff.loads[0].before_kg and not diff.added and not diff.removed


def test_plan_changes_name_added_removed_and_reloaded_exercises() -> None:
    catalog = curated()
    profile = Profile(
        level="beginner", days=("mon", "thu"), minutes=45, goal="posture",
        equipment=frozenset({"dumbbells", "bench"}), start=date(2026, 1, 5), weeks=1,
    )  # fmt: skip
    plan = build_plan(profile, catalog)
    assert changes_between(plan, plan).any is False  # type: ignore[arg-type]
    first = plan.weeks[0].sessions[0]  # type: ignore[union-attr]
    block = first.blocks[-1]
    dropped = block.items[-1]
    heavier = [
        replace(i, sets=tuple(replace(s, load_kg=(s.load_kg or 0) + 5) for s in i.sets))
        for i in block.items[:-1]
    ]
    edited_session = replace(first, blocks=(*first.blocks[:-1], replace(block, items=tuple(heavier))))
    week = replace(plan.weeks[0], sessions=(edited_session, *plan.weeks[0].sessions[1:]))  # type: ignore[union-attr]
    edited = replace(plan, weeks=(week, *plan.weeks[1:]))  # type: ignore[union-attr]
    diff = changes_between(plan, edited)  # type: ignore[arg-type]
    if all(
        i.exercise_id != dropped.exercise_id
        for w in edited.weeks
        for s in w.sessions
        for b in s.blocks
        for i in b.items
    ):
        assert diff.removed == (dropped.exercise_id,)
    assert all(isinstance(c, LoadChange) and c.after_kg - c.before_kg == 5 for c in diff.loads)
    assert changes_between(None, plan).added  # type: ignore[arg-type]


def test_regenerate_asks_first_and_shows_what_changed(me: Visitor) -> None:
    onboard(me)
    html = me.get("/plan").text
    button = re.search(r"<button[^>]*>Regenerate plan</button>", html)
    assert button is not None and "data-confirm=" in button.group(0)
    response = me.form("/plan/regenerate", {})
    assert response.status_code == 200
    assert "New plan made: what changed" in response.text
    assert "The same exercises and starting loads as before." in response.text
