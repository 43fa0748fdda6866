"""Generated and named profiles, shared by the property tests and the benchmark.

Pure and deterministic: a seed gives the same profiles every time.
"""

from __future__ import annotations

import random
from datetime import date

from backcoach.catalog.models import Level
from backcoach.planning.profile import Goal, Profile, Screening, Weekday

# Equipment people actually have, from nothing to a full gym (home kits follow the profile list in
# the plan-generator issue: none, bands, dumbbells, pull-up bar, bench).
KITS: dict[str, frozenset[str]] = {
    "nothing": frozenset(),
    "bands": frozenset({"resistance-band"}),
    "dumbbells": frozenset({"dumbbells"}),
    "home-basic": frozenset({"dumbbells", "bench"}),
    "home-bar": frozenset({"pull-up-bar", "resistance-band"}),
    "home-full": frozenset(
        {"dumbbells", "bench", "incline-bench", "pull-up-bar", "resistance-band", "kettlebell"}
    ),
    "gym": frozenset(
        {
            "barbell",
            "dumbbells",
            "bench",
            "incline-bench",
            "cable-machine",
            "lat-pulldown-machine",
            "seated-row-machine",
            "pull-up-bar",
            "machine",
            "power-rack",
            "trap-bar",
            "back-extension-bench",
            "weight-belt",
            "kettlebell",
            "assisted-pull-up-machine",
            "t-bar-row-machine",
            "landmine",
            "ez-bar",
            "resistance-band",
        }
    ),
}
START = date(2026, 11, 30)


def random_profile(rng: random.Random) -> Profile:
    days = tuple(sorted(rng.sample(list(Weekday), rng.randint(1, 7)), key=lambda d: d.number))
    return Profile(
        level=rng.choice(list(Level)),
        days=days,
        minutes=rng.choice([20, 30, 40, 45, 50, 60, 75, 90]),
        equipment=KITS[rng.choice(list(KITS))],
        goal=rng.choice(list(Goal)),
        weeks=rng.choice([4, 6, 8]),
        start=START,
        bodyweight_kg=rng.choice([None, 55.0, 70.0, 85.0, 100.0]),
        screening=rng.choices([Screening.CLEARED, Screening.START_GENTLY], weights=[4, 1])[0],
        seed=rng.randint(0, 5),
    )


def random_profiles(n: int, seed: int = 2026) -> list[Profile]:
    rng = random.Random(seed)
    return [random_profile(rng) for _ in range(n)]
