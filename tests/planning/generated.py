"""Plans for generated profiles, built once per test run and shared by the warm-up and explanation
property tests: the personas' random profiles, every third one with known one-rep maxima (so heavy,
loaded main lifts appear) and every fourth in pounds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from backcoach.planning import Plan, Profile, Unit, build_plan
from backcoach.planning.personas import random_profile

from .factories import catalog

# One-rep maxima (kg) a strong lifter might give for the loadable back lifts the planner picks.
E1RMS = {
    "bent-over-barbell-row": 110.0,
    "conventional-deadlift": 160.0,
    "trap-bar-deadlift": 170.0,
    "dumbbell-romanian-deadlift": 60.0,
    "machine-row": 80.0,
    "romanian-deadlift": 140.0,
    "one-arm-dumbbell-row": 45.0,
    "chest-supported-row": 40.0,
    "seated-cable-row": 90.0,
    "lat-pulldown": 85.0,
    "t-bar-row": 100.0,
}
# How many profiles the property tests read: enough to meet every goal, level and kit, few enough
# to plan in seconds.
COUNT = 28


@dataclass(frozen=True)
class Generated:
    profile: Profile
    plan: Plan


@cache
def generated(count: int = COUNT, seed: int = 1411) -> tuple[Generated, ...]:
    """The plans (refusals and conflicts left out) of ``count`` generated profiles."""
    rng = random.Random(seed)
    cat = catalog()
    out = []
    for n in range(count):
        profile = random_profile(rng)
        known = {k: v for k, v in E1RMS.items() if k in cat.exercises}
        if n % 3 == 0:
            profile = profile.model_copy(update={"e1rm_kg": known})
        if n % 4 == 0:
            profile = profile.model_copy(update={"unit": Unit.LB})
        plan = build_plan(profile, cat)
        if isinstance(plan, Plan):
            out.append(Generated(profile, plan))
    return tuple(out)
