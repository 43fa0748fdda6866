"""The catalogue as an indexed, cross-checked, immutable value with the queries every layer needs."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from backcoach.catalog.models import (
    Category,
    Equipment,
    Exercise,
    Level,
    Mistake,
    Muscle,
    Region,
    Role,
    Setting,
    Source,
)
from backcoach.catalog.names import name_key
from backcoach.errors import CatalogError, UnknownIdError

_T = TypeVar("_T", Muscle, Equipment, Exercise)


@dataclass(frozen=True)
class ExerciseQuery:
    """Filters for browsing; every field left as None matches everything.

    ``equipment`` is what the person has: an exercise matches when everything it needs is in the
    set (``none`` is always available). ``level`` keeps exercises at that level or easier.
    ``muscle`` matches the node or any of its parts; ``region`` matches exercises whose target
    muscles include one in that region.
    """

    muscle: str | None = None
    region: Region | None = None
    equipment: frozenset[str] | None = None
    level: Level | None = None
    setting: Setting | None = None
    category: Category | None = None
    source: Source | None = Source.CURATED  # None = all sources


@dataclass(frozen=True)
class Catalog:
    muscles: dict[str, Muscle]
    equipment: dict[str, Equipment]
    mistakes: dict[str, Mistake]
    exercises: dict[str, Exercise]
    _children: dict[str, tuple[str, ...]] = field(repr=False)
    _by_name: dict[str, str] = field(repr=False)

    # ------------------------------------------------------------------ construction
    @classmethod
    def build(
        cls,
        *,
        muscles: Sequence[Muscle],
        equipment: Sequence[Equipment],
        mistakes: Sequence[Mistake],
        exercises: Sequence[Exercise],
    ) -> Catalog:
        muscle_map = _unique(muscles, "muscle")
        equipment_map = _unique(equipment, "equipment")
        mistake_map = _unique_mistakes(mistakes)
        exercise_map = _unique(exercises, "exercise")
        children = _check_tree(muscle_map)
        by_name = _name_index(exercise_map.values())
        for ex in exercise_map.values():
            _check_exercise_refs(ex, muscle_map, equipment_map, mistake_map, exercise_map)
        linked = {
            mid: m.model_copy(
                update={"exercises": tuple(e.id for e in exercise_map.values() if mid in e.common_mistakes)}
            )
            for mid, m in mistake_map.items()
        }
        return cls(muscle_map, equipment_map, linked, exercise_map, children, by_name)

    def extended(self, imported: Iterable[Exercise]) -> Catalog:
        """A catalogue that also holds imported records; curated ids and names win on a clash."""
        extra = {
            e.id: e for e in imported if e.id not in self.exercises and self.find_by_name(e.name) is None
        }
        merged = {**self.exercises, **extra}
        for ex in extra.values():
            _check_exercise_refs(ex, self.muscles, self.equipment, self.mistakes, merged)
        by_name = {**_name_index(extra.values(), strict=False), **self._by_name}
        return Catalog(self.muscles, self.equipment, self.mistakes, merged, self._children, by_name)

    # ------------------------------------------------------------------ muscles
    def muscle(self, muscle_id: str) -> Muscle:
        try:
            return self.muscles[muscle_id]
        except KeyError:
            raise UnknownIdError("muscle", muscle_id, closest(muscle_id, self.muscles)) from None

    def children(self, muscle_id: str) -> tuple[Muscle, ...]:
        return tuple(self.muscles[c] for c in self._children.get(self.muscle(muscle_id).id, ()))

    def parts(self, muscle_id: str) -> frozenset[str]:
        """The node and every node below it."""
        out = {self.muscle(muscle_id).id}
        stack = [muscle_id]
        while stack:
            for child in self._children.get(stack.pop(), ()):
                out.add(child)
                stack.append(child)
        return frozenset(out)

    def ancestors(self, muscle_id: str) -> tuple[Muscle, ...]:
        out: list[Muscle] = []
        node = self.muscle(muscle_id)
        while node.parent is not None:
            node = self.muscles[node.parent]
            out.append(node)
        return tuple(out)

    def is_leaf(self, muscle_id: str) -> bool:
        return not self._children.get(muscle_id)

    def roots(self) -> tuple[Muscle, ...]:
        return tuple(m for m in self.muscles.values() if m.parent is None)

    def back_leaves(self) -> tuple[Muscle, ...]:
        """The most specific nodes of the back itself (supporting muscles excluded)."""
        return tuple(m for m in self.muscles.values() if m.region is not Region.OTHER and self.is_leaf(m.id))

    # ------------------------------------------------------------------ exercises
    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            found = self.find_by_name(exercise_id)
            if found is not None:
                return found
            raise UnknownIdError("exercise", exercise_id, closest(exercise_id, self.exercises)) from None

    def find_by_name(self, name: str) -> Exercise | None:
        """The exercise whose name or alias means the same as ``name`` (see ``names.name_key``)."""
        hit = self._by_name.get(name_key(name))
        return self.exercises[hit] if hit is not None else None

    def equipment_item(self, equipment_id: str) -> Equipment:
        try:
            return self.equipment[equipment_id]
        except KeyError:
            raise UnknownIdError("equipment", equipment_id, closest(equipment_id, self.equipment)) from None

    def query(self, q: ExerciseQuery) -> list[Exercise]:
        wanted_muscles = self.parts(q.muscle) if q.muscle is not None else None
        if q.equipment is not None:
            for eid in q.equipment:
                self.equipment_item(eid)
        have = (q.equipment | {"none"}) if q.equipment is not None else None
        out = []
        for ex in self.exercises.values():
            if q.source is not None and ex.source is not q.source:
                continue
            if q.category is not None and ex.category is not q.category:
                continue
            if q.level is not None and ex.level.rank > q.level.rank:
                continue
            if q.setting is not None and q.setting not in ex.setting:
                continue
            if have is not None and not set(ex.equipment) <= have:
                continue
            if wanted_muscles is not None and not any(i.muscle in wanted_muscles for i in ex.muscles):
                continue
            if q.region is not None and not any(
                self.muscles[i.muscle].region is q.region for i in ex.muscles if i.role is Role.TARGET
            ):
                continue
            out.append(ex)
        return sorted(out, key=lambda e: (e.category.value, e.name.lower()))

    def exercises_for_muscle(
        self, muscle_id: str, *, source: Source | None = Source.CURATED
    ) -> dict[Role, list[tuple[Exercise, float]]]:
        """Exercises involving the node or its parts, grouped by role, strongest first."""
        parts = self.parts(muscle_id)
        grouped: dict[Role, dict[str, tuple[Exercise, float]]] = {r: {} for r in Role}
        for ex in self.exercises.values():
            if source is not None and ex.source is not source:
                continue
            for inv in ex.muscles:
                if inv.muscle in parts:
                    best = grouped[inv.role].get(ex.id)
                    if best is None or inv.weight > best[1]:
                        grouped[inv.role][ex.id] = (ex, inv.weight)
        return {
            role: sorted(items.values(), key=lambda p: (-p[1], p[0].name)) for role, items in grouped.items()
        }

    def mistakes_of(self, exercise: Exercise) -> tuple[Mistake, ...]:
        """Catalogue-wide mistakes the exercise refers to, then its own."""
        return (*(self.mistakes[m] for m in exercise.common_mistakes), *exercise.mistakes)


# ---------------------------------------------------------------------- helpers


def closest(wanted: str, ids: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(wanted, list(ids), n=n, cutoff=0.5)


def _unique(items: Sequence[_T], kind: str) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for item in items:
        if item.id in out:
            raise CatalogError(f"duplicate {kind} id '{item.id}'")
        out[item.id] = item
    return out


def _unique_mistakes(items: Sequence[Mistake]) -> dict[str, Mistake]:
    out: dict[str, Mistake] = {}
    for m in items:
        if m.id is None:
            raise CatalogError(f"catalogue-wide mistake '{m.title}' needs an id")
        if m.id in out:
            raise CatalogError(f"duplicate mistake id '{m.id}'")
        out[m.id] = m
    return out


def _check_tree(muscles: dict[str, Muscle]) -> dict[str, tuple[str, ...]]:
    children: dict[str, list[str]] = defaultdict(list)
    for m in muscles.values():
        if m.parent is None:
            continue
        if m.parent not in muscles:
            raise CatalogError(f"muscle '{m.id}': parent '{m.parent}' does not exist")
        parent = muscles[m.parent]
        if parent.group is not m.group:
            raise CatalogError(f"muscle '{m.id}' is in group {m.group} but its parent is in {parent.group}")
        children[m.parent].append(m.id)
    for m in muscles.values():
        seen = {m.id}
        node = m
        while node.parent is not None:
            if node.parent in seen:
                raise CatalogError(f"muscle '{m.id}': the parent chain loops")
            seen.add(node.parent)
            node = muscles[node.parent]
    return {k: tuple(v) for k, v in children.items()}


def _name_index(exercises: Iterable[Exercise], *, strict: bool = True) -> dict[str, str]:
    """Normalised name → exercise id. Curated names must be unambiguous (strict); among imported
    records the first one keeps a clashing name and the others stay reachable by id."""
    index: dict[str, str] = {}
    for ex in exercises:
        for name in (ex.name, *ex.aliases):
            key = name_key(name)
            other = index.get(key)
            if other is not None and other != ex.id:
                if not strict:
                    continue
                raise CatalogError(f"exercise '{ex.id}': name or alias '{name}' is also used by '{other}'")
            index[key] = ex.id
    return index


def _check_exercise_refs(
    ex: Exercise,
    muscles: dict[str, Muscle],
    equipment: dict[str, Equipment],
    mistakes: dict[str, Mistake],
    exercises: dict[str, Exercise],
) -> None:
    def fail(field_name: str, value: str, pool: Iterable[str]) -> CatalogError:
        hint = closest(value, pool)
        more = f" (closest: {', '.join(hint)})" if hint else ""
        return CatalogError(f"exercise '{ex.id}': field '{field_name}': unknown id '{value}'{more}")

    for inv in ex.muscles:
        if inv.muscle not in muscles:
            raise fail("muscles", inv.muscle, muscles)
    for eq in ex.equipment:
        if eq not in equipment:
            raise fail("equipment", eq, equipment)
    for mid in ex.common_mistakes:
        if mid not in mistakes:
            raise fail("common_mistakes", mid, mistakes)
    for link_field in ("regressions", "progressions", "alternatives"):
        for target in getattr(ex, link_field):
            if target not in exercises:
                raise fail(link_field, target, exercises)
