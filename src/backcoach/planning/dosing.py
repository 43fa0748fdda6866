"""One exercise's dose in one week: sets, reps, reps in reserve, rest and load.

The goal, level and role give the dose (``prescription``); the level's floor and the spine's keep
reps in reserve up (safety.limits); a gentle week takes a set off and adds a rep in reserve; a
deload week follows the deload prescription (science.deload) in its mode. Loads start from a known
e1RM (RTS chart), else from a conservative share of the guard's body-weight cap, else are left for
the first session to calibrate; they rise one progression step per trained week and never pass the
guard's cap.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, LoadType
from backcoach.planning.candidates import reps_for
from backcoach.planning.plan import PlanItem, SetSpec
from backcoach.planning.prescription import Role, prescriptions
from backcoach.planning.profile import Profile
from backcoach.planning.timing import HOLDS_PER_SET, is_short_hold
from backcoach.safety.limits import cap_load, rir_floor
from backcoach.science.deload import DeloadPrescription
from backcoach.science.loading import Loadable, round_load, suggest_load, typical_loadable
from backcoach.science.progression.increments import body_region, increment_percent, step_up

# A beginner's body-weight starting load is this share of the guard's cap: the first sessions
# calibrate upward from a load that is surely light enough (the article: no heavy weights early).
START_SHARE_OF_CAP = 0.8
# start_gently: the first weeks have this many sets fewer and reps in reserve more (PAR-Q+: start
# slowly and build up gradually; training-science.md section 6).
GENTLE_FEWER_SETS = 1
GENTLE_EXTRA_RIR = 1
# Reps in reserve for work whose dosage names none (core holds and drills): endurance work stopped
# well short of failure (McGill 1998), RPE 7 on the RIR-based scale (Zourdos et al. 2016).
DEFAULT_RIR = 3
# Loads are read off the RTS chart at no more than this many reps in reserve: estimates above about
# 4 RIR are imprecise (Hackett et al. 2017; training-science.md section 1.3).
CHART_MAX_RIR = 4
# Load types whose load the plan sets (for weighted body weight, the added load).
LOADED = (LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT)


@dataclass(frozen=True)
class WeekDose:
    """How a week changes every dose: ``deload`` is the prescription of a deload week (else None);
    ``gentle`` marks the lighter first weeks of a gentle start."""

    deload: DeloadPrescription | None = None
    gentle: bool = False


REGULAR = WeekDose()


def dose_item(
    exercise: Exercise,
    *,
    role: Role,
    sets: int,
    person: Profile,
    catalog: Catalog,
    week: WeekDose = REGULAR,
    step: int = 0,
) -> PlanItem:
    """The exercise's working sets for ``person`` (at the level whose limits apply) in ``week``,
    ``step`` progression steps after its starting load."""
    dosage = prescriptions().dosage(person.goal, person.level, role)
    reps = reps_for(exercise, dosage, person.level)
    floor = rir_floor(person.level, exercise.spinal_load)
    rir = max(dosage.rir if dosage.rir is not None else DEFAULT_RIR, floor)
    if week.gentle:
        sets, rir = max(1, sets - GENTLE_FEWER_SETS), rir + GENTLE_EXTRA_RIR
    load = planned_load(exercise, reps=reps, rir=rir, step=step, person=person, catalog=catalog)
    kg = load.kg
    if week.deload is not None:
        sets = week.deload.sets(sets)
        kg, rir = deload_intensity(week.deload, load=kg, rir=rir, loadable=loadable(exercise, person))
    note = calibrate_note(reps[1], rir) if load.calibrate and reps is not None else load.note
    hold = None
    dose = exercise.dose
    if reps is None and dose is not None:
        hold = int(dose.range.max)
        # a set of short holds counts its holds as reps; a long hold or a timed bout is one
        reps = (HOLDS_PER_SET, HOLDS_PER_SET) if is_short_hold(dose) else (1, 1)
    if reps is None:
        raise ValueError(f"{exercise.id} has neither reps nor a dose")
    spec = SetSpec("working", reps[0], reps[1], kg, rir, dosage.rest_s, hold)
    return PlanItem(exercise.id, (spec,) * sets, None, role.value, note)


def deload_intensity(
    deload: DeloadPrescription, *, load: float | None, rir: int, loadable: Loadable | None
) -> tuple[float | None, int]:
    """A deload week's load and reps in reserve, as its mode says (Bell et al. 2022 and 2024:
    intensity down by a lighter load or by more reps in reserve, not both): mode ``load`` lightens
    the planned load and keeps the reps in reserve; mode ``effort`` keeps the load and adds reps in
    reserve. Where there is no planned load to lighten (body weight, bands, holds, a load left to
    calibrate, the lightest the equipment allows), mode ``load`` takes the intensity down the only
    way left, with the extra reps in reserve."""
    if deload.mode == "load" and load is not None:
        lighter = deload.load(load)
        lighter = round_load(lighter, loadable) if loadable is not None else round(lighter, 2)
        if lighter < load:
            return lighter, rir
    # mode effort, or nothing to lighten: the planned load with more reps in reserve
    return load, round(rir + deload.extra_rir)


def loadable(exercise: Exercise, person: Profile) -> Loadable | None:
    """The loads the person's equipment allows for this exercise, in their unit."""
    return typical_loadable(exercise, person.unit.value)


def calibrate_note(reps: int, rir: int) -> str:
    return (
        f"Choose a load you can lift for {reps} reps with {rir} in reserve; log it and the "
        "plan calibrates from there."
    )


@dataclass(frozen=True)
class Load:
    """A planned load (None when the plan sets none), with how it was set: ``calibrate`` when the
    person chooses it at the first session (its note then names the set's reps in reserve)."""

    kg: float | None
    note: str | None = None
    calibrate: bool = False


def planned_load(
    exercise: Exercise,
    *,
    reps: tuple[int, int] | None,
    rir: int,
    step: int,
    person: Profile,
    catalog: Catalog,
) -> Load:
    """The load of a regular week ``step`` progression steps in."""
    if exercise.load_type not in LOADED or reps is None:
        return Load(None)
    plates = loadable(exercise, person)
    e1rm = person.e1rm_kg.get(exercise.id)
    cap = cap_load(exercise, level=person.level, body_weight_kg=person.bodyweight_kg, e1rm_kg=e1rm)
    if e1rm is not None:
        start = suggest_load(e1rm, reps[1], rir=min(rir, CHART_MAX_RIR), loadable=plates).load
        basis = None
    elif cap is not None and cap.basis == "body_weight":
        target = cap.kg * START_SHARE_OF_CAP
        start = round_load(target, plates) if plates is not None else round(target, 1)
        each = " per hand" if cap.per_hand else ""
        basis = (
            f"Starting load{each} set from your body weight, on the light side: if {reps[1]} reps feel "
            "easy with more than the planned reps in reserve, log it and the plan adjusts."
        )
    else:
        return Load(None, calibrate=True)
    load = start
    pct = increment_percent(person.level, body_region(exercise, catalog))
    for _ in range(step):
        load = step_up(load, pct, plates).load_kg
    if cap is not None and load > cap.kg:
        load = round_load(cap.kg, plates) if plates is not None else cap.kg
        if load > cap.kg:
            return Load(None, "Your safe load limit is below the lightest load the equipment allows.")
    if load <= 0:
        return Load(None, basis)
    return Load(round(load, 2), basis)
