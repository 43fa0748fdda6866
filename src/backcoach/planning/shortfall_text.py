"""Shortfalls and short sessions in words for the person: only what the planner has checked.

A remedy is said only when planning again with it brought the muscle to its minimum
(``remedies``); otherwise the rule that binds is said, with the numbers that make it bind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from backcoach.catalog.catalog import Catalog
from backcoach.planning.plan import Plan
from backcoach.planning.remedies import MORE_MINUTES
from backcoach.planning.shortfall import Binding, Fix, Limit, Remedy, Rule
from backcoach.planning.time_use import FULL_SHARE
from backcoach.safety.limits import min_recovery_hours
from backcoach.science.volume import landmarks

_ORDINAL = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}


def _name(group: str) -> str:
    found = landmarks().get(group)
    return found.name.lower() if found is not None else group.replace("-", " ")


def _and(words: Sequence[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _sets(n: float) -> str:
    return f"{n:g} hard set{'' if n == 1 else 's'}"


def _exercises(ids: Sequence[str], catalog: Catalog) -> str:
    return _and([catalog.exercise(i).name.lower() for i in ids])


def _remedy(remedy: Remedy, plan: Plan, catalog: Catalog) -> str:
    if remedy.fix is Fix.MINUTES:
        return f"sessions of {remedy.minutes} minutes instead of {plan.profile.minutes}"
    if remedy.fix is Fix.SESSION:
        count = len(plan.weeks[0].sessions) + 1
        nth = _ORDINAL.get(count, "another")
        where = (
            f" on {remedy.day.value.title()}" if remedy.day is not None else " on one of the days you gave"
        )
        return f"a {nth} back session a week{where}"
    if remedy.fix is Fix.EQUIPMENT and remedy.equipment is not None:
        found = catalog.equipment.get(remedy.equipment)
        item = found.name.lower() if found is not None else remedy.equipment.replace("-", " ")
        return f"a {item} (it opens the {_exercises(remedy.opens, catalog)})"
    return "allowing the exercises and muscles you asked to leave out"


def _binding(rule: Binding, muscle: str, catalog: Catalog) -> str:
    if rule.also is not None:
        second = _binding(replace(rule, rule=rule.also, also=None), muscle, catalog)
        return f"{_binding(replace(rule, also=None), muscle, catalog)} {second}"
    name = _name(muscle)
    few = len(rule.exercises)
    which = _exercises(rule.exercises, catalog)
    fits = (
        f"only one exercise for the {name} fits your equipment and level ({which})"
        if few == 1
        else f"{few} exercises for the {name} fit your equipment and level ({which})"
    )
    level = rule.level.value
    per_week = f"{rule.sessions} session{'' if rule.sessions == 1 else 's'} a week"
    if rule.rule is Rule.SET_CAP:
        return (
            f"At {level} level you do at most {rule.sets_cap} sets of an exercise in a session, "
            f"{fits}, over {per_week}."
        )
    if rule.rule is Rule.ITEM_CAP:
        return (
            f"A session holds at most {rule.items_cap} back exercises, and the other back muscles "
            f"fill them; {fits}."
        )
    if rule.rule is Rule.DOSE_CAPS:
        return (
            f"At {level} level you do at most {rule.sets_cap} sets of an exercise and {rule.items_cap} back "
            f"exercises a session, {fits}, over {per_week}."
        )
    if rule.rule is Rule.REST_48H:
        hours = round(min_recovery_hours())
        return (
            f"The exercises for the {name} load muscles another session trains within {hours} hours, and a "
            f"muscle gets {hours} hours between hard sessions."
        )
    if rule.rule is Rule.TIME:
        return (
            f"The sessions are too short for more: even {MORE_MINUTES[-1]} more minutes would not "
            "hold the sets."
        )
    if rule.rule is Rule.VOLUME_CAP:
        return (
            f"The exercises that would add sets for the {name} would take another muscle past the "
            "most it can recover from in a week."
        )
    if rule.rule is Rule.OTHER_MUSCLES:
        others = _and([f"the {_name(g)}" for g in rule.muscles])
        return (
            f"There is room to bring the {name} or {others} to the minimum, not both; the plan keeps "
            f"{others} there."
        )
    if rule.rule is Rule.NO_EXERCISE:
        return f"No exercise for the {name} fits your equipment and level."
    return f"None of the single changes we tried brings the {name} to the minimum: {fits}."


def shortfall_sentences(plan: Plan, catalog: Catalog) -> list[str]:
    """One sentence per main back muscle below its minimum: what closes the gap, or what binds."""
    out = []
    for s in plan.shortfalls:
        head = f"Your {_name(s.muscle)} get {_sets(s.sets)} a week, below the {s.mev:g} they need to grow."
        if s.remedies:
            fixes = _and([_remedy(r, plan, catalog) for r in s.remedies], "or")
            out.append(f"{head} With {fixes}, they would reach it: we planned your week again to check.")
        elif s.binding is not None:
            out.append(f"{head} {_binding(s.binding, s.muscle, catalog)}")
    return out


_LIMIT_TEXT = {
    Limit.DOSE_CAPS: "every exercise for them that fits is at its most sets for your level, or the session "
    "at its most back exercises",
    Limit.REST_48H: "the exercises for them would load a muscle trained less than 48 hours before or after",
    Limit.TIME: "the next set for them would not fit the minutes left",
    Limit.RANGE: "more would take a muscle they share past the top of the range where it grows best",
    Limit.NO_EXERCISE: "no exercise for them fits your equipment and level",
}


def time_use_sentences(plan: Plan) -> list[str]:
    """For the short sessions (below ``FULL_SHARE`` of the minutes given) while a main muscle is
    below its adaptive range, what stops the planner adding work for it: one sentence per reason."""
    short: dict[tuple[str, Limit], dict[str, list[int]]] = {}
    for use in plan.time_use:
        if use.limit is None or use.muscle is None:
            continue
        minutes = short.setdefault((use.muscle, use.limit), {}).setdefault(use.weekday.value, [])
        if use.used_min not in minutes:
            minutes.append(use.used_min)
    out = []
    for (muscle, limit), days in short.items():
        each = _and(
            [f"{day.title()} (about {_and([str(m) for m in sorted(ms)], 'or')})" for day, ms in days.items()]
        )
        out.append(
            f"Sessions under {FULL_SHARE:.0%} of your {plan.profile.minutes} minutes, in minutes: {each}. "
            f"The {_name(muscle)} are still below the range where they grow best, but "
            f"{_LIMIT_TEXT[limit]}."
        )
    return out
