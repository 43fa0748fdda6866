"""What would bring a main back muscle up to its minimum effective volume, checked before it is said.

A remedy is something the person can change: longer sessions, another session, a piece of
equipment, allowing what they excluded. Each is checked the way the plan itself is made: the
profile is changed, the weekly model built again and ``reach.keeps`` asked of it; the remedy is
named only when the muscle then reaches its minimum. When none does, the rule that binds is named
instead, found by relaxing one rule of the model at a time (the same way conflict cores name the
rules of an infeasible profile) and kept only when that relaxation alone lets the muscle reach it.

The checks run only for a plan with a muscle below its minimum, on satisfaction models (no
objective) with the solver's deterministic work limit and one worker, so they are cheap and give
the same answer on every machine; the candidate remedies of a muscle are planned side by side, one
thread per core (``parallel``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Level
from backcoach.planning.candidates import eligible
from backcoach.planning.parallel import side_by_side
from backcoach.planning.prescription import MAX_SETS
from backcoach.planning.profile import DAYS_A_WEEK, MAX_MINUTES, Profile, Weekday
from backcoach.planning.reach import Reach, keeps, reaches
from backcoach.planning.shortfall import Binding, Fix, Remedy, Rule, Shortfall
from backcoach.planning.solver import Candidate, Group, Kind, WeekProblem, within_rest
from backcoach.science.volume import landmarks

# Longer sessions tried, in minutes more than the person gave (the shortest that works is named):
# the issue's own check planned again with 30 more minutes; 15 is our step.
MORE_MINUTES = (15, 30)
# Equipment tried, cheapest and most common at home first (our ordering; the same idea as
# refusals.CHEAP_EQUIPMENT, which opens a main lift and core work), and how many are named.
EQUIPMENT_TRIALS = ("resistance-band", "pull-up-bar", "dumbbells", "bench", "kettlebell")
EQUIPMENT_NAMED = 2
# New days tried for another session: the best spread one (each try is a plan made again).
DAYS_TRIED = 1

ProblemFor = Callable[[Profile], WeekProblem | None]


def shortfalls(
    profile: Profile,
    problem: WeekProblem,
    reach: Reach,
    *,
    sets: dict[str, float],
    level: Level,
    catalog: Catalog,
    problem_for: ProblemFor,
) -> tuple[Shortfall, ...]:
    """Every main group ``reach`` leaves below its MEV, with checked remedies or the binding rule.
    ``sets``: the plan's weekly sets per landmark group; ``problem_for``: the builder's weekly
    model of a profile (None when that profile gets no plan)."""
    out = []
    for group in reach.dropped:
        mev = landmarks()[group].at(level).mev
        if sets.get(group, 0.0) >= mev:
            continue  # fill brought it there after all
        found = remedies(profile, group, problem, catalog=catalog, problem_for=problem_for)
        rule = None if found else binding(problem, group, reach, level=level)
        out.append(Shortfall(group, sets.get(group, 0.0), mev, found, rule))
    return tuple(out)


def closes(profile: Profile, group: str, problem_for: ProblemFor) -> bool:
    """Planning again for ``profile`` brings ``group`` to its MEV."""
    problem = problem_for(profile)
    return problem is not None and keeps(problem, group)


def remedies(
    profile: Profile, group: str, problem: WeekProblem, *, catalog: Catalog, problem_for: ProblemFor
) -> tuple[Remedy, ...]:
    """The changes that, planned again, bring ``group`` to its MEV: each candidate is planned once,
    side by side (``side_by_side``), and named only when that plan closes the gap."""
    trials: list[tuple[Remedy, Profile]] = []
    # Longer sessions can only help when the time budget is what binds: one check on the model
    # with that rule relaxed saves planning again at each length.
    if reaches(replace(problem, relax=problem.relax | {Group.TIME_BUDGET}), group):
        longer = [m for m in (profile.minutes + extra for extra in sorted(MORE_MINUTES)) if m <= MAX_MINUTES]
        trials += [(Remedy(Fix.MINUTES, minutes=m), _with(profile, minutes=m)) for m in longer]
    trials += _another_session(profile, problem)
    trials += _equipment(profile, group, problem, catalog=catalog)
    if profile.exclude:
        trials.append((Remedy(Fix.EXCLUSIONS), _with(profile, exclude=frozenset())))
    works = side_by_side(lambda trial: closes(trial[1], group, problem_for), trials)
    found = [remedy for (remedy, _), ok in zip(trials, works, strict=True) if ok]
    shortest = [r for r in found if r.fix is Fix.MINUTES][:1]
    session = [r for r in found if r.fix is Fix.SESSION][:1]
    equipment = [r for r in found if r.fix is Fix.EQUIPMENT][:EQUIPMENT_NAMED]
    return (*shortest, *session, *equipment, *(r for r in found if r.fix is Fix.EXCLUSIONS))


def _with(profile: Profile, **changes: object) -> Profile:
    return profile.model_copy(update=changes)


def _another_session(profile: Profile, problem: WeekProblem) -> list[tuple[Remedy, Profile]]:
    """One more back session: on a day already given when there is one spare, else on a new day
    (those with the fewest neighbouring sessions first); never above the level's ceiling, which
    ``problem_for`` enforces by giving no plan."""
    sessions = problem.sessions
    if len(profile.days) > sessions:
        return [(Remedy(Fix.SESSION), _with(profile, sessions=sessions + 1))]
    given = tuple(d.number for d in profile.days)
    spare = sorted(
        (d for d in range(DAYS_A_WEEK) if d not in given),
        key=lambda d: (sum(1 for g in given if within_rest(g, d)), d),
    )
    out = []
    for number in spare[:DAYS_TRIED]:
        day = list(Weekday)[number]
        out.append(
            (Remedy(Fix.SESSION, day=day), _with(profile, days=(*profile.days, day), sessions=sessions + 1))
        )
    return out


def _equipment(
    profile: Profile, group: str, problem: WeekProblem, *, catalog: Catalog
) -> list[tuple[Remedy, Profile]]:
    """Each item in ``EQUIPMENT_TRIALS`` the person lacks that opens an exercise for ``group``."""
    leaves = set(problem.main.get(group, ())) | _group_leaves(group, catalog)
    have = {e.id for e in eligible(profile, catalog)}
    out = []
    for item in EQUIPMENT_TRIALS:
        if item in profile.available_equipment:
            continue
        trial = _with(profile, equipment=profile.equipment | {item})
        opens = tuple(
            e.id
            for e in eligible(trial, catalog)
            if e.id not in have
            and any(i.muscle in leaves and i.role.value != "stabiliser" for i in e.muscles)
        )
        if opens:
            out.append((Remedy(Fix.EQUIPMENT, equipment=item, opens=opens), trial))
    return out


def _group_leaves(group: str, catalog: Catalog) -> set[str]:
    return {
        leaf for node in landmarks()[group].muscles for leaf in catalog.parts(node) if catalog.is_leaf(leaf)
    }


# ---------------------------------------------------------------------- the rule that binds


def relaxed(problem: WeekProblem, rule: Rule) -> WeekProblem:
    """``problem`` with one rule relaxed: the set cap raised to the most the prescriptions allow
    any exercise, the item cap to every back candidate, or a constraint group left out."""
    if rule is Rule.SET_CAP:
        return replace(problem, candidates=_uncapped(problem))
    if rule is Rule.ITEM_CAP:
        return replace(problem, max_back_items=_back_count(problem))
    if rule is Rule.DOSE_CAPS:
        return replace(problem, candidates=_uncapped(problem), max_back_items=_back_count(problem))
    groups = {Rule.REST_48H: Group.REST_48H, Rule.TIME: Group.TIME_BUDGET, Rule.VOLUME_CAP: Group.VOLUME_CAP}
    if rule in groups:
        return replace(problem, relax=problem.relax | {groups[rule]})
    return problem


def _uncapped(problem: WeekProblem) -> tuple[Candidate, ...]:
    return tuple(
        replace(c, sets=(c.sets[0], MAX_SETS), main_sets=(c.main_sets[0], MAX_SETS))
        for c in problem.candidates
    )


def _back_count(problem: WeekProblem) -> int:
    return max(problem.max_back_items, sum(1 for c in problem.candidates if c.kind is Kind.BACK))


# Rules tried in this order; the first whose relaxation alone lets the muscle reach its minimum is
# named. Level caps first: they are the example and the commonest cause.
RULES_TRIED = (Rule.SET_CAP, Rule.ITEM_CAP, Rule.DOSE_CAPS, Rule.REST_48H, Rule.TIME, Rule.VOLUME_CAP)


def binding(problem: WeekProblem, group: str, reach: Reach, *, level: Level) -> Binding:
    """The rule that keeps ``group`` below its MEV when nothing the person can change closes it."""
    leaves = set(problem.main.get(group, ()))
    train = tuple(sorted(c.id for c in problem.candidates if c.kind is Kind.BACK and leaves & set(c.volume)))
    caps = [
        max(c.sets[1], c.main_sets[1] if c.can_be_main else 0) for c in problem.candidates if c.id in train
    ]

    def made(rule: Rule, muscles: Sequence[str] = (), also: Rule | None = None) -> Binding:
        return Binding(
            rule,
            level,
            sets_cap=max(caps, default=0),
            items_cap=problem.max_back_items,
            sessions=problem.sessions,
            exercises=train,
            muscles=tuple(muscles),
            also=also,
        )

    if not train:
        return made(Rule.NO_EXERCISE)
    others = reach.dropped.get(group, ())
    if others and reaches(problem, group):
        return made(Rule.OTHER_MUSCLES, others)
    for rule in RULES_TRIED:
        if reaches(relaxed(problem, rule), group):
            return made(rule)
    # no single rule: two that bind together (a short single session with one exercise for the
    # muscle is held by both the set cap and the minutes)
    singles = [r for r in RULES_TRIED if r is not Rule.DOSE_CAPS]
    for i, first in enumerate(singles):
        for second in singles[i + 1 :]:
            if reaches(relaxed(relaxed(problem, first), second), group):
                return made(first, also=second)
    return made(Rule.UNKNOWN)
