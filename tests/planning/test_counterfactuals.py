"""Issue 14: the main back muscles reach their minimum effective volume whenever the hard rules
allow, every remedy a plan names closes the gap when applied, every rule it names as binding lets
the muscle reach its minimum when relaxed, and a short session says what stops more work.

Random profiles come from ``personas.random_profiles``; ``BACKCOACH_PLAN_PROFILES`` sets how many
(the default keeps ``make test`` short; ``make soak`` runs 1,000).
"""

from __future__ import annotations

import os
from functools import cache

import pytest

from backcoach.catalog import Level
from backcoach.planning import Goal, Plan, Profile
from backcoach.planning.personas import random_profiles
from backcoach.planning.reach import MAIN
from backcoach.planning.time_use import FULL_SHARE

from .counterfactuals import Tally, at_mev, check
from .factories import MON, START, THU, catalog

PROFILES = int(os.environ.get("BACKCOACH_PLAN_PROFILES", "12"))
SEED = 14  # the issue's number: a fixed sample, so a failure reproduces


@cache
def tally() -> Tally:
    out = Tally()
    for p in random_profiles(PROFILES, seed=SEED):
        check(p, catalog(), out)
    print(
        f"\n{PROFILES} profiles, {out.plans} plans: {out.short} main muscles below their minimum; "
        f"{out.remedies} remedies named, {len(out.false_remedies)} false; {out.bindings} binding rules "
        f"named ({out.pairs} of two rules), {len(out.false_bindings)} false; "
        f"{len(out.reachable_missed)} plans below a minimum the rules allow"
    )
    return out


def test_every_named_remedy_closes_the_gap_when_applied() -> None:
    t = tally()
    assert t.false_remedies == []
    assert t.unexplained == []


def test_every_binding_rule_relaxed_lets_the_muscle_reach_its_minimum() -> None:
    assert tally().false_bindings == []


def test_plans_reach_the_minimum_wherever_the_hard_rules_allow_it() -> None:
    """Solving with every main muscle's minimum as a hard constraint finds a week: then the plan
    has every main muscle at its minimum (``reachable_missed`` lists the ones that do not)."""
    t = tally()
    assert t.reachable_missed == []
    assert t.plans > PROFILES // 2


def _short_sessions_unexplained(plan: Plan) -> list[str]:
    """Sessions of a regular week under FULL_SHARE of the minutes given while a main muscle is below
    its adaptive range, whose day the explanations do not account for."""
    rows = {r.node: r for r in plan.volume}
    below = [g for g in MAIN if rows[g].sets < rows[g].mav[0]]
    if not below:
        return []
    out = []
    regular = [w for w in plan.weeks if not w.deload and not w.gentle] or list(plan.weeks)
    firsts = [next(w for w in regular if w.variant == v) for v in {w.variant for w in regular}]
    for week in firsts:
        for s in week.sessions:
            if s.estimated_minutes >= FULL_SHARE * plan.profile.minutes:
                continue
            day = f"{s.weekday.value.title()} (about "
            said = [e for e in plan.explanations if e.startswith(f"Sessions under {FULL_SHARE:.0%}")]
            if not any(day in e and str(s.estimated_minutes) in e.split(day)[1].split(")")[0] for e in said):
                out.append(f"{s.weekday.value} {s.estimated_minutes}/{plan.profile.minutes} min")
    return out


def test_short_sessions_name_what_stops_more_work() -> None:
    failures = [f"{f}: {plan.profile!r}" for plan in tally().built for f in _short_sessions_unexplained(plan)]
    assert failures == []


@pytest.mark.parametrize("minutes", [45, 60, 75])
def test_issue_example_beginner_with_dumbbells_and_a_bench(minutes: int) -> None:
    """The issue's beginner (Mon and Thu, dumbbells and a bench, strength) got 6 lat sets and a
    promise that more minutes would help, at every length. Now: the lats reach 8, or the plan says
    only what planning again has shown (here a band or a bar, which open more lat exercises)."""
    p = Profile(
        level=Level.BEGINNER,
        days=(MON, THU),
        minutes=minutes,
        equipment=frozenset({"dumbbells", "bench"}),
        goal=Goal.STRENGTH,
        start=START,
    )
    t = Tally()
    plan = check(p, catalog(), t)
    assert plan is not None
    assert t.false_remedies == [] and t.false_bindings == [] and t.unexplained == []
    if not at_mev(plan, "lats"):
        (lats,) = [s for s in plan.shortfalls if s.muscle == "lats"]
        assert lats.remedies or lats.binding is not None
        assert any(e.startswith("Your latissimus dorsi get 6 hard sets a week") for e in plan.explanations)
        assert not any("More minutes" in e for e in plan.explanations)
        # one row, three sets at most for a beginner, twice a week: no length of session helps
        assert all(r.fix.value != "minutes" for r in lats.remedies)
    assert _short_sessions_unexplained(plan) == []
