"""Public, JSON-ready shapes of catalogue entries, shared by the CLI and the HTTP API.

These shapes are a contract (the CLI's ``--json`` output): extend them, never rename keys.
"""

from __future__ import annotations

from typing import Any

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Involvement, Mistake, Muscle, Range


def muscle_summary(m: Muscle, catalog: Catalog) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "latin_name": m.latin_name,
        "group": m.group.value,
        "region": m.region.value,
        "parent": m.parent,
        "children": [c.id for c in catalog.children(m.id)],
        "functions": list(m.functions),
        "description": m.description,
        "training_note": m.training_note,
    }


def muscle_detail(m: Muscle, catalog: Catalog) -> dict[str, Any]:
    grouped = catalog.exercises_for_muscle(m.id)
    return {
        **muscle_summary(m, catalog),
        "exercises": {
            role.value: [{"id": ex.id, "name": ex.name, "weight": weight} for ex, weight in items]
            for role, items in grouped.items()
        },
    }


def involvement(i: Involvement) -> dict[str, Any]:
    return {"muscle": i.muscle, "role": i.role.value, "weight": i.weight}


def exercise_summary(ex: Exercise) -> dict[str, Any]:
    return {
        "id": ex.id,
        "name": ex.name,
        "source": ex.source.value,
        "category": ex.category.value,
        "equipment": list(ex.equipment),
        "level": ex.level.value,
        "setting": [s.value for s in ex.setting],
        "load_type": ex.load_type.value,
        "spinal_load": ex.spinal_load.value,
        "aliases": list(ex.aliases),
        "muscles": [involvement(i) for i in ex.muscles],
    }


def _range(r: Range) -> dict[str, float]:
    return {"min": r.min, "max": r.max}


def mistake(m: Mistake) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "why": m.why,
        "notice": m.notice,
        "fix": m.fix,
        "source": m.source,
        "exercises": list(m.exercises),
    }


def exercise_detail(ex: Exercise, catalog: Catalog) -> dict[str, Any]:
    setup = ex.setup
    return {
        **exercise_summary(ex),
        "mechanic": ex.mechanic,
        "unilateral": ex.unilateral,
        "setup": None
        if setup is None
        else {
            "position": setup.position,
            "body_position": setup.body_position,
            "grip": setup.grip,
            "grip_width": setup.grip_width,
            "stance": setup.stance,
            "angles": {k: _range(v) for k, v in setup.angles.items()},
            "end_point": setup.end_point,
            "contact": list(setup.contact),
        },
        "steps": list(ex.steps),
        "cues": list(ex.cues),
        "mistakes": [mistake(m) for m in catalog.mistakes_of(ex)],
        "dose": None
        if ex.dose is None
        else {
            "kind": ex.dose.kind,
            "range": _range(ex.dose.range),
            "per_side": ex.dose.per_side,
            "tempo": ex.dose.tempo,
        },
        "cautions": list(ex.cautions),
        "regressions": list(ex.regressions),
        "progressions": list(ex.progressions),
        "alternatives": list(ex.alternatives),
        "why": ex.why,
        "evidence": list(ex.evidence),
        "provenance": ex.provenance.model_dump(mode="json"),
    }
