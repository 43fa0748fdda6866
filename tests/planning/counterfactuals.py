"""Checks that a plan's claims about its main back muscles are true, made from outside the planner:
each remedy is applied to the profile and a whole new plan built; each binding rule is relaxed
alone in the weekly model and the muscle required at its minimum."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from backcoach.catalog import Catalog
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.planning.builder import week_problem
from backcoach.planning.reach import MAIN
from backcoach.planning.remedies import relaxed
from backcoach.planning.shortfall import Fix, Remedy, Rule, Shortfall
from backcoach.planning.solver import Kind, WeekProblem, feasible


def applied(profile: Profile, plan: Plan, remedy: Remedy) -> Profile:
    """``profile`` changed as ``remedy`` says."""
    if remedy.fix is Fix.MINUTES:
        assert remedy.minutes is not None
        return profile.model_copy(update={"minutes": remedy.minutes})
    if remedy.fix is Fix.SESSION:
        sessions = len(plan.weeks[0].sessions) + 1
        if remedy.day is None:
            return profile.model_copy(update={"sessions": sessions})
        return profile.model_copy(update={"days": (*profile.days, remedy.day), "sessions": sessions})
    if remedy.fix is Fix.EQUIPMENT:
        assert remedy.equipment is not None
        return profile.model_copy(update={"equipment": profile.equipment | {remedy.equipment}})
    return profile.model_copy(update={"exclude": frozenset()})


def at_mev(plan: Plan | NoPlan, group: str) -> bool:
    if isinstance(plan, NoPlan):
        return False
    row = next(r for r in plan.volume if r.node == group)
    return row.sets >= row.mev


def requirable(problem: WeekProblem, group: str) -> bool:
    """``problem`` has a week within every hard rule with ``group`` at its MEV."""
    return bool(problem.main.get(group)) and bool(feasible(replace(problem, required=frozenset({group}))))


def binding_holds(problem: WeekProblem, shortfall: Shortfall) -> bool:
    """The named rule, relaxed alone, lets the muscle reach its minimum (or, for "no exercise",
    no candidate trains it)."""
    rule = shortfall.binding
    assert rule is not None
    group = shortfall.muscle
    if rule.rule is Rule.NO_EXERCISE:
        leaves = set(problem.main.get(group, ()))
        return not any(c.kind is Kind.BACK and leaves & set(c.volume) for c in problem.candidates)
    if rule.rule is Rule.OTHER_MUSCLES:
        return requirable(problem, group)
    if rule.rule is Rule.UNKNOWN:
        return False
    loosened = relaxed(problem, rule.rule)
    if rule.also is not None:
        loosened = relaxed(loosened, rule.also)
    return requirable(loosened, group)


@dataclass
class Tally:
    plans: int = 0
    short: int = 0  # main muscles below their MEV
    remedies: int = 0
    false_remedies: list[str] = field(default_factory=list)
    bindings: int = 0
    pairs: int = 0  # bindings of two rules together
    false_bindings: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # below MEV and no shortfall named
    reachable_missed: list[str] = field(default_factory=list)  # all could reach, the plan did not
    built: list[Plan] = field(default_factory=list)


def check(profile: Profile, catalog: Catalog, tally: Tally) -> Plan | None:
    """Check every claim ``profile``'s plan makes about its main muscles; the plan, if there is one."""
    plan = build_plan(profile, catalog)
    if isinstance(plan, NoPlan):
        return None
    tally.plans += 1
    tally.built.append(plan)
    problem = week_problem(profile, catalog)
    assert problem is not None
    named = {s.muscle: s for s in plan.shortfalls}
    groups = [g for g in MAIN if g in problem.main]
    below = [g for g in groups if not at_mev(plan, g)]
    tally.short += len(below)
    for group in below:
        if group not in named:
            tally.unexplained.append(f"{group}: {profile!r}")
    full = [g for g in groups if problem.main[g]]
    if below and len(full) == len(groups) and feasible(replace(problem, required=frozenset(groups))):
        tally.reachable_missed.append(f"{below}: {profile!r}")
    for shortfall in plan.shortfalls:
        for remedy in shortfall.remedies:
            tally.remedies += 1
            if not at_mev(build_plan(applied(profile, plan, remedy), catalog), shortfall.muscle):
                tally.false_remedies.append(f"{shortfall.muscle} {remedy}: {profile!r}")
        if not shortfall.remedies:
            tally.bindings += 1
            tally.pairs += shortfall.binding is not None and shortfall.binding.also is not None
            if shortfall.binding is None or not binding_holds(problem, shortfall):
                tally.false_bindings.append(f"{shortfall.muscle} {shortfall.binding}: {profile!r}")
    return plan
