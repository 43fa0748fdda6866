"""Why there is no plan, and what would give one: each refusal is a ``NoPlan`` in plain words.

In the order the builder meets them: the screening says stop (see a professional, emergency); more
sessions than the level's ceiling; no main lift or no core work fits the equipment and level; the
session is too short for a warm-up, a main lift, core work and a cool-down; the solver finds the
week's hard rules in conflict; the solver finds no week within its work limit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Level
from backcoach.planning.candidates import back_leaves, candidate, eligible
from backcoach.planning.drills import block_allowances
from backcoach.planning.plan import NoPlan, SolverReport
from backcoach.planning.prescription import prescriptions
from backcoach.planning.profile import Profile, Screening
from backcoach.planning.solver import Candidate, Group, Kind, WeekSolution, minimum_session_seconds

# Cheap equipment, cheapest first, that may open a main lift and core work; at most
# EQUIPMENT_SUGGESTIONS of them are named.
CHEAP_EQUIPMENT = ("resistance-band", "dumbbells", "pull-up-bar", "rings")
EQUIPMENT_SUGGESTIONS = 2
# When the time budget conflicts, ask for at least this many minutes more than the person gave.
MORE_MINUTES = 10

_CONFLICT_TEXT = {
    Group.SESSIONS: "the number of sessions does not fit your training days",
    Group.REST_48H: "sessions on consecutive days cannot avoid loading the same muscles within 48 hours",
    Group.STRUCTURE: "each session needs a main back lift and core work",
    Group.TIME_BUDGET: "the session length cannot hold the required work",
    Group.VOLUME_CAP: "the required work exceeds the recoverable volume of some muscles",
}
_SUGGESTION_TEXT = {
    Group.SESSIONS: "Choose more training days or fewer sessions.",
    Group.REST_48H: "Spread your training days so that at least one rest day falls between most sessions, "
    "or plan fewer sessions.",
    Group.STRUCTURE: "Add equipment that opens more back and core exercises (a resistance band is cheapest).",
    Group.TIME_BUDGET: "Allow more minutes a session.",
    Group.VOLUME_CAP: "Plan fewer sessions a week.",
}


def screening_refusal(screening: Screening) -> NoPlan | None:
    """No plan when the screening says to seek care first."""
    if screening is Screening.EMERGENCY:
        return NoPlan(
            SolverReport("REFUSED"),
            ("Your screening answers include signs that need urgent medical care.",),
            (
                "Do not exercise. Seek emergency care today (call your local emergency number or go "
                "to an emergency department).",
            ),
        )
    if screening is Screening.SEE_PROFESSIONAL:
        return NoPlan(
            SolverReport("REFUSED"),
            ("Your screening answers say to see a doctor or qualified exercise professional first.",),
            (
                "See a doctor or physiotherapist before training; once they clear you, screen again "
                "(backcoach screen) and ask for a plan.",
            ),
        )
    return None


def above_ceiling(*, sessions: int, level: Level, ceiling: int) -> NoPlan:
    return NoPlan(
        SolverReport("INFEASIBLE"),
        (f"{sessions} back sessions a week is above the {level.value} ceiling of {ceiling}.",),
        (
            f"Plan at most {ceiling} back sessions a week; fill other days with core or arm work "
            "or rest (the source article: beginners once or twice a week, intermediates up to "
            "three, advanced four or five).",
        ),
    )


def structure_gaps(cands: Sequence[Candidate]) -> list[str]:
    """What a session needs that no candidate gives: a main back lift, core work."""
    needs = {
        "a main back lift": any(c.can_be_main for c in cands),
        "core work": any(c.kind is Kind.CORE for c in cands),
    }
    return [name for name, found in needs.items() if not found]


def missing_kinds(cands: Sequence[Candidate], *, person: Profile, catalog: Catalog) -> NoPlan | None:
    """No main lift or no core exercise fits: say so, and what equipment would open one."""
    gaps = structure_gaps(cands)
    if not gaps:
        return None
    conflicts = [f"With your equipment and level there is no exercise for {g}." for g in gaps]
    helpful = equipment_that_helps(person, catalog)
    suggestions = [f"Add {' or '.join(helpful)} to your equipment."] if helpful else []
    if person.exclude:
        suggestions.append("Allow some of the exercises or muscles you excluded.")
    if helpful:
        trial = person.model_copy(update={"equipment": person.equipment | {helpful[0]}})
        leaves = back_leaves(catalog)
        more = [candidate(e, trial, catalog, leaves) for e in eligible(trial, catalog)]
        warm_s, cool_s = block_allowances(person.minutes)
        need = minimum_session_seconds(more, prescriptions().transition_s) + warm_s + cool_s
        if need > person.minutes * 60:
            conflicts.append(
                f"{person.minutes} minutes is also too short for a warm-up, a main lift, core work "
                "and a cool-down."
            )
            suggestions.append(f"Allow at least {math.ceil(need / 60)} minutes a session.")
    return NoPlan(SolverReport("INFEASIBLE"), tuple(conflicts), tuple(suggestions))


def equipment_that_helps(person: Profile, catalog: Catalog) -> list[str]:
    """Cheap equipment, in order, that would give this person a main lift and core work."""
    found: list[str] = []
    leaves = back_leaves(catalog)
    for item in CHEAP_EQUIPMENT:
        if item in person.equipment:
            continue
        trial = person.model_copy(update={"equipment": person.equipment | {item}})
        cands = [candidate(e, trial, catalog, leaves) for e in eligible(trial, catalog)]
        if not structure_gaps(cands):
            found.append(item)
        if len(found) == EQUIPMENT_SUGGESTIONS:
            break
    return found


def least_minutes(cands: Sequence[Candidate], *, reserve_s: int) -> int:
    """The shortest session, in whole minutes, that holds a main lift, core work, the warm-up and
    the cool-down (``reserve_s``)."""
    return math.ceil((minimum_session_seconds(cands, prescriptions().transition_s) + reserve_s) / 60)


def too_short(cands: Sequence[Candidate], *, minutes: int, reserve_s: int) -> NoPlan:
    need = least_minutes(cands, reserve_s=reserve_s)
    return NoPlan(
        SolverReport("INFEASIBLE"),
        (
            f"{minutes} minutes cannot hold a warm-up, a main back lift, core work and a "
            f"cool-down (the least that fits is about {need} minutes).",
        ),
        (f"Allow at least {need} minutes a session.", "Or train fewer, longer sessions."),
    )


def infeasible(
    week: WeekSolution, cands: Sequence[Candidate], *, minutes: int, sessions: int, reserve_s: int
) -> NoPlan:
    """The week's hard rules conflict: name the groups and what would resolve each."""
    groups = week.conflicts or tuple(Group)
    conflicts = tuple(f"Conflict: {_CONFLICT_TEXT[g]}." for g in groups)
    suggestions = [_SUGGESTION_TEXT[g] for g in groups]
    if Group.TIME_BUDGET in groups:
        need = least_minutes(cands, reserve_s=reserve_s)
        suggestions.insert(0, f"Allow at least {max(need, minutes + MORE_MINUTES)} minutes a session.")
    if Group.REST_48H in groups and sessions > 1:
        suggestions.append(f"Or plan {sessions - 1} sessions a week.")
    return NoPlan(SolverReport("INFEASIBLE"), conflicts, tuple(dict.fromkeys(suggestions)))


def unsolved(week: WeekSolution) -> NoPlan:
    """The solver found no week within its work limit (neither a week nor a proof there is none)."""
    return NoPlan(
        SolverReport(week.status, None, week.wall_ms),
        ("The planner could not settle on a week within the search effort it allows itself.",),
        ("Try again with fewer training days or a shorter list of equipment.",),
    )
