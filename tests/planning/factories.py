"""Small constructors for the planning tests: profiles with sensible defaults, plans that must exist."""

from __future__ import annotations

from datetime import date
from typing import Any

from backcoach.catalog import Catalog, Level, curated
from backcoach.planning import Goal, NoPlan, Plan, Profile, Weekday, build_plan
from backcoach.planning.personas import KITS

START = date(2026, 11, 30)  # a Monday
MON, TUE, WED, THU, FRI, SAT, SUN = Weekday


def catalog() -> Catalog:
    return curated()


def profile(**overrides: Any) -> Profile:
    """An intermediate in a gym, three days a week, one hour, hypertrophy, six weeks: change what matters."""
    fields: dict[str, Any] = {
        "level": Level.INTERMEDIATE,
        "days": (MON, WED, FRI),
        "minutes": 60,
        "equipment": KITS["gym"],
        "goal": Goal.HYPERTROPHY,
        "weeks": 6,
        "start": START,
    }
    return Profile(**(fields | overrides))


def plan_for(p: Profile) -> Plan:
    result = build_plan(p, catalog())
    assert isinstance(result, Plan), result
    return result


def no_plan_for(p: Profile) -> NoPlan:
    result = build_plan(p, catalog())
    assert isinstance(result, NoPlan), "expected no plan"
    return result


def exercise_ids(plan: Plan) -> set[str]:
    """Every exercise the plan names: working items, ramp sets and drills."""
    return {i.exercise_id for w in plan.weeks for s in w.sessions for i in s.items}


def working_ids(plan: Plan) -> set[str]:
    return {
        i.exercise_id
        for w in plan.weeks
        for s in w.sessions
        for i in s.items
        if i.role not in ("drill", "ramp")
    }


def comparable(plan_json: dict[str, Any]) -> dict[str, Any]:
    """A plan's JSON without the solver's wall time (the one value that differs run to run)."""
    out = dict(plan_json)
    out["solver"] = {k: v for k, v in plan_json["solver"].items() if k != "wall_ms"}
    return out
