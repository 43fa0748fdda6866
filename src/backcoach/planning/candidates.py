"""Which catalogue exercises a person may be given, and how the solver should see each one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Category, Exercise, Level, LoadType, Region, Role, Source, SpinalLoad
from backcoach.planning.prescription import Dosage, prescriptions
from backcoach.planning.prescription import Role as ItemRole
from backcoach.planning.profile import Goal, Profile, Screening
from backcoach.planning.solver import Candidate, Kind, tie_break
from backcoach.planning.timing import ramp_bound_seconds, work_seconds

KINDS = {Category.BACK: Kind.BACK, Category.CORE: Kind.CORE, Category.ARMS: Kind.ARMS}

# Per-set costs for spinal load (McGill: cumulative lumbar loading is the main modifiable risk);
# multiplied when the goal is low-back resilience or the person is a beginner.
SPINAL_COST = {SpinalLoad.LOW: 0, SpinalLoad.MODERATE: 2, SpinalLoad.HIGH: 6}
SPINAL_MULTIPLIER_CAUTIOUS = 6

# Nodes the posture goal favours: the shoulder-blade retractors and depressors and the rear
# shoulder, which hold the shoulders back against a desk-bound, rounded posture.
POSTURE_NODES = frozenset(
    {"trapezius-middle", "trapezius-lower", "rhomboid-major", "rhomboid-minor", "posterior-deltoid"}
)

# Half-sets of weekly volume a working set earns its muscles: 1 set (2 halves) for a target, 0.5
# (1 half) for a helper (Pelland et al. 2024: fractional counting fits best; training-science.md
# section 3). Stabilisers earn none.
TARGET_HALF_SETS = 2
HELPER_HALF_SETS = 1

# Goal-fit costs per working set, on the solver's scale (W_SET = 3 per set). Our own weights, not
# from a paper: each is a preference the goal states, small beside the volume terms, so they only
# choose among exercises that do the same work; the golden plans pin their effect.
COST_POSTURE_OFF_TARGET = 3  # posture: a back exercise that trains none of POSTURE_NODES
COST_LOW_BACK_LOADED_CORE = 4  # low back: core work above low spinal load (McGill 1998)
COST_STRENGTH_ISOLATION = 2  # strength: isolation back work (ACSM 2009: multi-joint first)
COST_POSTURE_LOWER_BACK = 1  # posture: lower-back work, which the goal does not ask for
# Extra cost when the main lift is not what the goal builds on: strength progresses a loadable
# compound (ACSM 2009: heavier loads build strength), and a band's load cannot be progressed in
# known steps. Large enough that such a lift leads only when nothing better fits.
MAIN_COST_STRENGTH_UNLOADABLE = 20
MAIN_COST_BAND = 10
# The back-training article the project follows recommends four back exercises (chest-supported
# row, seated cable row, bent-over barbell row, pull-up): any other back exercise costs this much
# more per session, one set's cost (solver.W_SET), so the four win wherever they do the same work
# and never at the price of a set of volume or a minute of time (explain names the ones used).
ARTICLE_EXERCISES = ("chest-supported-row", "seated-cable-row", "bent-over-barbell-row", "pull-up")
COST_NOT_ARTICLE = 3


def excluded_reason(exercise: Exercise, profile: Profile, catalog: Catalog) -> str | None:
    """Why an exercise is not offered to this person, or None when it may be."""
    reason = unsuitable_reason(exercise, profile, catalog)
    if reason is not None:
        return reason
    bounds = prescriptions().levels[profile.level].reps
    dose = exercise.dose
    if bounds is not None and dose is not None and dose.kind == "reps" and dose.range.max < bounds[0]:
        return f"at your level sets stay within {bounds[0]}-{bounds[1]} reps and it is done in fewer"
    return None


def unsuitable_reason(exercise: Exercise, profile: Profile, catalog: Catalog) -> str | None:
    """Why this person may not do an exercise anywhere in a session (working sets, ramp-up sets,
    warm-up and cool-down drills), or None when they may: level, equipment, exclusions, spinal load."""
    if exercise.source is not Source.CURATED:
        return "only curated exercises are planned"
    if exercise.level.rank > profile.level.rank:
        return f"it is a {exercise.level.value} exercise"
    if not set(exercise.equipment) <= profile.available_equipment:
        missing = sorted(set(exercise.equipment) - profile.available_equipment)
        return f"it needs {', '.join(missing)}"
    if exercise.id in profile.exclude:
        return "you asked to leave it out"
    for node in sorted(profile.exclude & set(catalog.muscles)):
        parts = catalog.parts(node)
        if any(i.muscle in parts and i.role is Role.TARGET for i in exercise.muscles):
            return f"it targets {node}, which you asked to spare"
    cautious = profile.goal is Goal.LOW_BACK or profile.screening is Screening.START_GENTLY
    if cautious and exercise.spinal_load is SpinalLoad.HIGH:
        return "its spinal load is high"
    return None


def eligible(profile: Profile, catalog: Catalog) -> list[Exercise]:
    out = [
        e
        for e in catalog.exercises.values()
        if e.category in KINDS and excluded_reason(e, profile, catalog) is None
    ]
    return sorted(out, key=lambda e: e.id)


def reps_for(exercise: Exercise, dosage: Dosage, level: Level) -> tuple[int, int] | None:
    """Reps per set: the goal's range for loadable lifts, the exercise's own for body weight, bands
    and drills (their load cannot be tuned to a rep target), None for holds and timed work. Beginners
    always stay inside their 8-12 (ACSM 2009 novice range; the safety guard checks it)."""
    dose = exercise.dose
    if dose is None or dose.kind != "reps":
        return None
    reps = (int(dose.range.min), int(dose.range.max))
    if exercise.load_type in (LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT) and dosage.reps is not None:
        reps = dosage.reps
    bounds = prescriptions().levels[level].reps
    if bounds is not None:
        low = min(max(reps[0], bounds[0]), bounds[1])
        high = max(min(reps[1], bounds[1]), low)
        reps = (low, high)
    return reps


def back_leaves(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog.back_leaves()]


def candidate(exercise: Exercise, profile: Profile, catalog: Catalog, leaves: Iterable[str]) -> Candidate:
    p = prescriptions()
    kind = KINDS[exercise.category]
    role = {Kind.BACK: ItemRole.ACCESSORY, Kind.CORE: ItemRole.CORE, Kind.ARMS: ItemRole.ARMS}[kind]
    dosage = p.dosage(profile.goal, profile.level, role)
    main_dosage = p.dosage(profile.goal, profile.level, ItemRole.MAIN)
    reps = reps_for(exercise, dosage, profile.level)
    main_reps = reps_for(exercise, main_dosage, profile.level)
    can_be_main = (
        kind is Kind.BACK
        and exercise.mechanic == "compound"
        and exercise.dose is not None
        and exercise.dose.kind == "reps"
        and exercise.load_type is not LoadType.NONE
    )
    leaf_set = set(leaves)
    volume = {
        i.muscle: TARGET_HALF_SETS if i.role is Role.TARGET else HELPER_HALF_SETS
        for i in exercise.muscles
        if i.muscle in leaf_set and i.role is not Role.STABILISER
    }
    targets = frozenset(i.muscle for i in exercise.muscles if i.role is Role.TARGET)
    return Candidate(
        id=exercise.id,
        kind=kind,
        can_be_main=can_be_main,
        set_s=work_seconds(exercise, reps[1] if reps else None) + dosage.rest_s,
        main_set_s=work_seconds(exercise, main_reps[1] if main_reps else None) + main_dosage.rest_s,
        sets=dosage.sets,
        main_sets=main_dosage.sets,
        volume=volume,
        targets=targets,
        set_cost=_set_cost(exercise, profile, catalog),
        pick_cost=tie_break(profile.seed, exercise.id) + _article_cost(exercise),
        main_cost=_main_cost(exercise, profile),
        ramp_s=ramp_bound_seconds(exercise, main_reps[1]) if can_be_main and main_reps else 0,
    )


def _set_cost(exercise: Exercise, profile: Profile, catalog: Catalog) -> int:
    cautious = profile.goal is Goal.LOW_BACK or profile.level is Level.BEGINNER
    cost = SPINAL_COST[exercise.spinal_load] * (SPINAL_MULTIPLIER_CAUTIOUS if cautious else 1)
    targets = {i.muscle for i in exercise.muscles if i.role is Role.TARGET}
    if profile.goal is Goal.POSTURE and not targets & POSTURE_NODES and exercise.category is Category.BACK:
        cost += COST_POSTURE_OFF_TARGET
    if (
        profile.goal is Goal.LOW_BACK
        and exercise.category is Category.CORE
        and exercise.spinal_load is not SpinalLoad.LOW
    ):
        cost += COST_LOW_BACK_LOADED_CORE
    if (
        profile.goal is Goal.STRENGTH
        and exercise.mechanic == "isolation"
        and exercise.category is Category.BACK
    ):
        cost += COST_STRENGTH_ISOLATION
    lower = any(catalog.muscles[t].region is Region.LOWER_BACK for t in targets if t in catalog.muscles)
    if profile.goal is Goal.POSTURE and lower:
        cost += COST_POSTURE_LOWER_BACK
    return cost


def _article_cost(exercise: Exercise) -> int:
    """The article's four back exercises are preferred where they fit."""
    if exercise.category is Category.BACK and exercise.id not in ARTICLE_EXERCISES:
        return COST_NOT_ARTICLE
    return 0


def _main_cost(exercise: Exercise, profile: Profile) -> int:
    """Main lifts should be the loadable compounds the goal is built on."""
    if profile.goal is Goal.STRENGTH and exercise.load_type not in (
        LoadType.EXTERNAL,
        LoadType.WEIGHTED_BODYWEIGHT,
    ):
        return MAIN_COST_STRENGTH_UNLOADABLE
    if exercise.load_type is LoadType.BAND:
        return MAIN_COST_BAND
    return 0


# Shortlist sizes: the solver sees at most this many candidates of each kind, and for every muscle
# the best few that target it, so variety and the 48 h split stay possible while the model stays
# small enough to solve to optimality in milliseconds (our sizing, measured on the benchmark).
SHORTLIST = {Kind.BACK: 12, Kind.CORE: 5, Kind.ARMS: 4}
PER_TARGET = 1
MAIN_OPTIONS = 4
# Ranking: seconds per set count by the minute, and each unit of preference cost like two minutes.
RANK_COST_MINUTES = 2


def dominates(a: Candidate, b: Candidate) -> bool:
    """``a`` is at least as good as ``b`` in every way the solver scores: it loads no muscle ``b``
    spares, earns at least ``b``'s volume per set, costs no more time or preference, and can be
    the main lift whenever ``b`` can."""
    return (
        a.kind is b.kind
        and a.targets <= b.targets
        and all(a.volume.get(leaf, 0) >= v for leaf, v in b.volume.items())
        and a.set_s <= b.set_s
        and a.set_cost <= b.set_cost
        and a.pick_cost <= b.pick_cost
        and a.sets == b.sets
        and (a.can_be_main or not b.can_be_main)
        and (
            not b.can_be_main
            or (
                a.main_set_s <= b.main_set_s
                and a.main_cost <= b.main_cost
                and a.ramp_s <= b.ramp_s
                and a.main_sets == b.main_sets
            )
        )
    )


def undominated(cands: Sequence[Candidate]) -> list[Candidate]:
    """Drop every candidate another one dominates (ties keep the first by id)."""
    ordered = sorted(cands, key=lambda c: c.id)
    out = []
    for i, b in enumerate(ordered):
        if not any(
            dominates(a, b) and (not dominates(b, a) or j < i) for j, a in enumerate(ordered) if a is not b
        ):
            out.append(b)
    return out


def shortlist(cands: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """Keep the candidates that can matter: the best per kind, per target muscle and as main lift.

    Rank is cost per unit of work: seconds and preference cost per set over the back volume a set
    earns (core and arms rank by cost alone). Exercises that duplicate a better one's targets and
    volume are dropped first.
    """

    def rank(c: Candidate) -> tuple[float, str]:
        value = sum(c.volume.values()) + 1  # core and arms earn no back volume: rank by cost
        return ((c.set_s / 60 + RANK_COST_MINUTES * c.set_cost + c.pick_cost) / value, c.id)

    pool = sorted(undominated(cands), key=rank)
    keep: dict[str, Candidate] = {}
    for kind, size in SHORTLIST.items():
        mine = [c for c in pool if c.kind is kind]
        if kind is Kind.BACK:
            mains = sorted((c for c in mine if c.can_be_main), key=lambda c: (c.main_cost, rank(c)))
            for c in mains[:MAIN_OPTIONS]:
                keep[c.id] = c
        for target in sorted({t for c in mine for t in c.targets}):
            for c in [c for c in mine if target in c.targets][:PER_TARGET]:
                keep[c.id] = c
        for c in mine:
            if sum(1 for k in keep.values() if k.kind is kind) >= size:
                break
            keep.setdefault(c.id, c)
    return tuple(sorted(keep.values(), key=lambda c: c.id))
