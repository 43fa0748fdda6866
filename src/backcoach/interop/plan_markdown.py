"""A plan as Markdown: a printable programme, loads in the person's unit."""

from __future__ import annotations

from backcoach.catalog.catalog import Catalog
from backcoach.planning.explain import split_sources
from backcoach.planning.plan import Plan, PlanItem, SetSpec
from backcoach.science.units import from_kg

_BLOCK_TITLES = {"warmup": "Warm-up", "back": "Back", "core": "Core", "arms": "Arms", "cooldown": "Cool-down"}


def plan_markdown(plan: Plan, catalog: Catalog) -> str:
    unit = plan.profile.unit.value
    reasons, sources = split_sources(plan.explanations)
    lines = [
        "# Your back programme",
        "",
        f"{plan.profile.level.value.title()} · goal {plan.profile.goal.value.replace('_', ' ')} · "
        f"{len(plan.weeks)} weeks",
        "",
        "## Why it looks like this",
        "",
        *(f"- {e}" for e in reasons),
        "",
        *(["### Sources", "", *(f"- {s}" for s in sources), ""] if sources else []),
    ]
    for week in plan.weeks:
        flags = [f for f, on in (("deload", week.deload), ("gentle start", week.gentle)) if on]
        extra = f" ({', '.join(flags)})" if flags else ""
        lines += [f"## Week {week.index}{extra}", ""]
        for session in week.sessions:
            lines += [
                f"### {session.weekday.value.title()} {session.date.isoformat()} — "
                f"{session.emphasis} emphasis, about {session.estimated_minutes} min",
                "",
            ]
            for block in session.blocks:
                lines.append(f"**{_BLOCK_TITLES[block.kind]}**")
                lines.append("")
                for item in block.items:
                    lines.append(f"- {_item_line(item, catalog, unit)}")
                lines.append("")
    lines.append("If anything hurts, stop that exercise; if the discomfort persists, see a doctor.")
    return "\n".join(lines) + "\n"


def _item_line(item: PlanItem, catalog: Catalog, unit: str) -> str:
    name = catalog.exercise(item.exercise_id).name
    label = f"{item.superset}: " if item.superset else ""
    sets = item.working_sets or item.sets
    first = sets[0]
    if item.role == "ramp":  # each ramp-up set: the loads climb, the reps fall
        return f"{label}{name} — " + ", then ".join(f"{s.reps_max}{_load(s, unit)}" for s in sets)
    return f"{label}{name} — {len(sets)} × {_dose(first)}{_load(first, unit)}{_effort(first)}"


def _dose(s: SetSpec) -> str:
    reps = str(s.reps_min) if s.reps_min == s.reps_max else f"{s.reps_min}-{s.reps_max}"
    if s.hold_s is not None:
        return f"{reps} × {s.hold_s} s" if s.reps_max > 1 else f"{s.hold_s} s"
    return reps


def _load(s: SetSpec, unit: str) -> str:
    if s.load_kg is None:
        return ""
    return f" @ {round(from_kg(s.load_kg, unit), 1):g} {unit}"


def _effort(s: SetSpec) -> str:
    parts = []
    if s.rir is not None and s.type == "working" and s.hold_s is None:
        parts.append(f"{s.rir} in reserve")
    if s.type == "working":
        parts.append(f"rest {s.rest_s} s")
    return f" ({', '.join(parts)})" if parts else ""
