"""Who is training and with what: the fixed inputs a guided session reads besides the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level
from backcoach.science.loading import Loadable, typical_loadable
from backcoach.sessions.records import Unit

if TYPE_CHECKING:  # the planner (and its solver) loads only when a profile is actually used
    from backcoach.planning.profile import Profile


@dataclass(frozen=True)
class GuidedContext:
    """Who is training: what the load suggestions and safety caps need.

    ``loadables`` maps exercise ids to the person's own equipment; with ``typical_equipment`` the
    typical equipment of ``science.loading`` stands in where none is given. Without either, loads
    move on a 0.5 kg grid. ``equipment``, when known, is what the person has: a substitute that
    needs anything else is not offered after pain (None: not known, nothing is filtered).
    """

    level: Level
    unit: Unit = "kg"
    body_weight_kg: float | None = None
    e1rm_kg: Mapping[str, float] = field(default_factory=dict)
    loadables: Mapping[str, Loadable] = field(default_factory=dict)
    typical_equipment: bool = False
    equipment: frozenset[str] | None = None

    @classmethod
    def from_profile(
        cls,
        profile: Profile,
        *,
        loadables: Mapping[str, Loadable] | None = None,
        typical_equipment: bool = False,
    ) -> GuidedContext:
        """The context of the person a plan was built for (the level whose limits the plan used)."""
        from backcoach.planning.builder import effective_level

        return cls(
            level=effective_level(profile),
            unit="lb" if profile.unit.value == "lb" else "kg",
            body_weight_kg=profile.bodyweight_kg,
            e1rm_kg=dict(profile.e1rm_kg),
            loadables=dict(loadables or {}),
            typical_equipment=typical_equipment,
            equipment=profile.available_equipment,
        )


class Env:
    """The fixed inputs of one session: the catalogue and the person."""

    def __init__(self, catalog: Catalog, context: GuidedContext) -> None:
        self.catalog = catalog
        self.context = context

    def exercise(self, exercise_id: str) -> Exercise:
        return self.catalog.exercise(exercise_id)

    def loadable(self, exercise: Exercise) -> Loadable | None:
        own = self.context.loadables.get(exercise.id)
        if own is not None or not self.context.typical_equipment:
            return own
        return typical_loadable(exercise, self.context.unit)
