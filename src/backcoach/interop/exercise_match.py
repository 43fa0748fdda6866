"""Matching an app's exercise names to the catalogue: the person's remembered corrections first,
then the catalogue's names and aliases (``catalog.names.name_key``: case, word order, synonyms),
then fuzzy matching with rapidfuzz. A name that matches nothing becomes the person's own exercise,
with an id of its own (``custom_id``), which a later correction can point at a catalogue entry.

``FUZZY_CUTOFF``: token-sort similarity out of 100. At 90, "Bent Over Row (Barbell)" finds
"Barbell Bent-Over Row" while "Bent Over Row (Dumbbell)" does not take the barbell exercise; a
wrong match would quietly put someone's numbers on another exercise, an unmatched one only asks
them to choose.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from backcoach.catalog import Catalog
from backcoach.catalog.names import name_key

FUZZY_CUTOFF = 90.0
CUSTOM_PREFIX = "custom-"


def custom_id(name: str) -> str:
    """A stable id for a person's own exercise: a readable slug and a digest of the name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48] or "exercise"
    digest = hashlib.sha256(name_key(name).encode() or name.encode()).hexdigest()[:8]
    return f"{CUSTOM_PREFIX}{slug}-{digest}"


def is_custom(exercise_id: str) -> bool:
    return exercise_id.startswith(CUSTOM_PREFIX)


@dataclass(frozen=True)
class Match:
    exercise_id: str
    how: str  # "remembered", "name", "fuzzy" or "custom"


class ExerciseMatcher:
    """Resolves names, each distinct name once."""

    def __init__(self, catalog: Catalog, remembered: Mapping[str, str]) -> None:
        self.catalog = catalog
        self.remembered = dict(remembered)  # name_key(source name) -> exercise id
        self.choices: dict[str, str] = {}
        for exercise in catalog.exercises.values():
            for name in (exercise.name, *exercise.aliases):
                self.choices.setdefault(name_key(name), exercise.id)
        self.keys = list(self.choices)
        self.cache: dict[str, Match] = {}
        self.keys_of: dict[str, str] = {}

    def key_of(self, name: str) -> str:
        """``name_key(name)``, computed once per distinct name."""
        key = self.keys_of.get(name)
        if key is None:
            key = self.keys_of[name] = name_key(name)
        return key

    def match(self, name: str) -> Match:
        found = self.cache.get(name)
        if found is None:
            found = self.cache[name] = self._match(name)
        return found

    def _match(self, name: str) -> Match:
        key = name_key(name)
        if key in self.remembered:
            return Match(self.remembered[key], "remembered")
        exact = self.catalog.find_by_name(name)
        if exact is not None:
            return Match(exact.id, "name")
        best = process.extractOne(key, self.keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return Match(self.choices[best[0]], "fuzzy")
        return Match(custom_id(name), "custom")
