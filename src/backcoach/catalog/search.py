"""Finding an exercise by what a person types: names, aliases and muscles, tolerant of typos.

Each exercise is indexed under its name, its aliases, and the names of the muscles it works (the
muscle's plain name, its Latin name, and the muscles above it: "rhomboid major" also answers
"rhomboids"; a target muscle's region answers "upper back" or "lower back"). Text is first put in
the catalogue's canonical form (``names.name_key``: "pullup", "Pull Up" and "pull-ups" are one
word, order does not matter; a plural "s" is dropped on both sides), then compared with
rapidfuzz's token-set ratio, which scores 100 when every word of the query is in the text ("bent
over row" in "Bent-Over Barbell Row") and degrades gently with typos ("lat pulldwn").

Ranking: the best score over an exercise's texts, names and aliases counting in full and muscles at
``MUSCLE_WEIGHT`` (an exercise *called* what was typed beats one that merely *works* it); ties go to
the text closest to the query as a whole (plain ratio: "Pull-Up" before "Band-Assisted Pull-Up"),
then to catalogue order. Below ``MIN_SCORE`` nothing is a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Region, Role
from backcoach.catalog.names import name_key

# A muscle's name counts for less than the exercise's own name (see the module notes).
MUSCLE_WEIGHT: Final = 0.85
# Scores run 0-100; below this, a text shares too little with the query to show (tuned on the
# query table in tests/catalog/test_search.py: typos score in the high 80s, unrelated words < 60).
MIN_SCORE: Final = 70.0
MAX_QUERY: Final = 100  # characters; a longer query is a paste, not a search


@dataclass(frozen=True)
class Hit:
    """An exercise that matches, with its score (0-100) and the text that matched best."""

    exercise: Exercise
    score: float
    matched: str


_PLURAL = re.compile(r"(?<=[a-z]{2})s\b")


def _key(text: str) -> str:
    return name_key(_PLURAL.sub("", text.lower()))


def _muscle_texts(catalog: Catalog, exercise: Exercise) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for involvement in exercise.muscles:
        weight = MUSCLE_WEIGHT if involvement.role is Role.TARGET else MUSCLE_WEIGHT * 0.9
        muscle = catalog.muscles.get(involvement.muscle)
        if muscle is not None and involvement.role is Role.TARGET and muscle.region is not Region.OTHER:
            out.append((muscle.region.value.replace("_", " "), weight * 0.95))  # "lower back"
        while muscle is not None:
            out.extend(((muscle.name, weight), (muscle.latin_name, weight)))
            muscle = catalog.muscles.get(muscle.parent) if muscle.parent else None
    return out


def _texts(catalog: Catalog, exercise: Exercise) -> list[tuple[str, float]]:
    return [(exercise.name, 1.0), *((a, 1.0) for a in exercise.aliases), *_muscle_texts(catalog, exercise)]


def search(catalog: Catalog, query: str, *, limit: int | None = 20) -> list[Hit]:
    """The exercises best matching ``query``, best first (empty for an empty query; ``limit``
    None: every match)."""
    wanted = _key(query[:MAX_QUERY])
    if not wanted:
        return []
    ranked: list[tuple[float, float, int, Hit]] = []
    for order, exercise in enumerate(catalog.exercises.values()):
        best: tuple[float, float, str] | None = None
        for text, weight in _texts(catalog, exercise):
            key = _key(text)
            score = weight * fuzz.token_set_ratio(wanted, key)
            closeness = fuzz.ratio(wanted, key)
            if best is None or (score, closeness) > best[:2]:
                best = (score, closeness, text)
        if best is not None and best[0] >= MIN_SCORE:
            ranked.append((-best[0], -best[1], order, Hit(exercise, round(best[0], 1), best[2])))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:limit]]


def ranked(catalog: Catalog, query: str, among: list[Exercise]) -> list[Exercise]:
    """``among`` (already filtered) narrowed to those matching ``query``, best match first."""
    kept = {e.id for e in among}
    return [h.exercise for h in search(catalog, query, limit=None) if h.exercise.id in kept]
