"""Adapting the coming sessions of a stored plan to what training showed: missed reps, high effort, pain.

Every change comes back as a new immutable ``Session`` (``dataclasses.replace``; the input is never
touched) with the reason in words, for the store to persist beside it. Triggers, by stable key:

    missed_targets  a hard set below the bottom of its rep range in each of the last two sessions of an
                    exercise -> its next planned load goes down one step (the level's increment for
                    the exercise's body region, rounded down to the equipment).
    high_effort     in the last session of an exercise most hard sets ended at 2 or more reps in
                    reserve below the target -> hold the load (no heavier than last time) and aim
                    for one more rep in reserve.
    pain            a pain report in the last 7 days -> in the next session, every loaded exercise
                    that works the painful muscle or area (or the exercise that hurt) is swapped for a
                    regression or alternative that spares it and loads the spine no more (strictly
                    less for spinal pain), or dropped when none fits.
    pain_hold       a report whose safety decision was seek_care or emergency (nerve signs, severe
                    sharp pain, cauda equina signs) -> every coming session is put on hold (emptied)
                    pending professional advice, never silently continued, until ``cleared_at``.

Sources and reasons. Two sessions below the range is the same guard as ``science.progression``'s
double progression (its ``misses_to_decrease``); one step is ACSM 2009's 2–10 % increment
(Ratamess et al., MSSE 41:687) [V] read from data/increments.yaml. The 2-rep effort gap matches the
deload rule's ``effort_rise_rir`` and sits beyond the ~1 rep by which people misjudge RIR near
failure (Hackett et al. 2017) [V], so it is a real signal, not rating noise; the added RIR stops at
``MAX_TARGET_RIR`` (4, where science.recovery counts a set as easy). The pain window and the hold
follow the safety core (``safety.pain``): any pain stops the exercise, nerve signs or severe sharp
pain mean a professional sees the person before they train again (NICE CKS red flags,
training-science.md §5) [S]; one week is our heuristic for how long a mild complaint shapes the plan.

Kept as planned. Adaptations only ever lower a load, add reps in reserve or remove work, so a planned
deload's lighter prescription survives them. Warm-up and cool-down drills are left alone (low load;
the in-session pain flow still stops anything that hurts). A session already done (a workout names
it or was logged on its date) is not adapted, nor one dated before ``now``. The session's time
estimate is left as planned: an upper bound once work is removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

from backcoach.analysis.adherence import match_workouts
from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level, Region, Role, SpinalLoad
from backcoach.errors import InputError
from backcoach.planning.plan import Block, PlanItem, Session, SetSpec
from backcoach.safety.pain import BodyRegion, PainAction, PainReport, Site, assess_pain, locate
from backcoach.science.loading import Loadable, typical_loadable
from backcoach.science.progression.increments import body_region, increment_percent, step_down
from backcoach.sessions.records import LoggedSet, PainEntry, Workout

MISSED_SESSIONS: Final = 2  # science.progression.double's misses_to_decrease
HIGH_EFFORT_RIR_GAP: Final = 2.0  # science.deload's effort_rise_rir; beyond RIR rating noise
MAX_TARGET_RIR: Final = 4  # science.recovery easy_rir: past this a set is no longer hard
PAIN_WINDOW: Final = timedelta(days=7)  # our heuristic (see the module docstring)
SERIOUS: Final = frozenset({PainAction.SEEK_CARE, PainAction.EMERGENCY})
LOADED_BLOCKS: Final = frozenset({"back", "core", "arms"})
SAME_LOAD_KG: Final = 1e-6

# Spinal pain reported as a body region is felt in these parts of the back (neck pain sits over the
# upper back's muscles: levator scapulae, upper trapezius, semispinalis).
SPINE_REGION_MUSCLES: Final = {
    BodyRegion.LOWER_BACK: Region.LOWER_BACK,
    BodyRegion.UPPER_BACK: Region.UPPER_BACK,
    BodyRegion.NECK: Region.UPPER_BACK,
}


class Trigger(StrEnum):
    MISSED_TARGETS = "missed_targets"
    HIGH_EFFORT = "high_effort"
    PAIN = "pain"
    PAIN_HOLD = "pain_hold"


@dataclass(frozen=True)
class Adaptation:
    """A coming session as it should now be, and why (what the store persists)."""

    session_date: date
    new_session: Session
    reason: str
    triggers: tuple[Trigger, ...]
    on_hold: bool = False  # True: no training until a professional has given advice


# ---------------------------------------------------------------------- pain


@dataclass(frozen=True)
class _Pain:
    entry: PainEntry
    site: Site
    action: PainAction


def pain_action(entry: PainEntry, catalog: Catalog) -> PainAction:
    """The safety core's decision for a logged pain report: as recorded, else assessed again."""
    if entry.action in {a.value for a in PainAction}:
        return PainAction(entry.action)
    report = PainReport(entry.location, entry.severity, entry.sharp, entry.radiating, entry.numbness)
    return assess_pain(report, catalog=catalog).action


def _pains(
    workouts: Iterable[Workout], standalone: Iterable[PainEntry], catalog: Catalog, now: datetime
) -> list[_Pain]:
    entries = {*(e for w in workouts for e in w.pain), *standalone}  # a report is counted once
    out = [
        _Pain(entry, locate(entry.location, catalog), pain_action(entry, catalog))
        for entry in entries
        if entry.reported_at <= now
    ]
    return sorted(out, key=lambda p: (p.entry.reported_at, p.entry.location))


def works_site(exercise: Exercise, site: Site, catalog: Catalog) -> bool:
    """Does ``exercise`` load the painful muscle or area (the way the safety core spares it)?"""
    if any(i.muscle in site.spare and i.role in site.spare_roles for i in exercise.muscles):
        return True
    if site.region is None or not site.spinal:
        return False
    # Spinal pain given as a region: any target muscle in that part of the back, or real spinal load.
    region = SPINE_REGION_MUSCLES[site.region]
    targets = (i.muscle for i in exercise.muscles if i.role is Role.TARGET)
    return exercise.spinal_load is not SpinalLoad.LOW or any(
        catalog.muscle(m).region is region for m in targets
    )


def _hurts(exercise: Exercise, pains: Sequence[_Pain], catalog: Catalog) -> _Pain | None:
    for pain in pains:
        if pain.entry.exercise_id == exercise.id or works_site(exercise, pain.site, catalog):
            return pain
    return None


def _spine_rank(load: SpinalLoad) -> int:
    return list(SpinalLoad).index(load)


def _substitute(
    exercise: Exercise, pains: Sequence[_Pain], catalog: Catalog, taken: set[str]
) -> Exercise | None:
    """The first regression, then alternative, that spares every painful site, is no harder and loads
    the spine no more (strictly less when any pain is spinal), and is not already in the session."""
    spinal = any(p.site.spinal for p in pains)
    for candidate_id in dict.fromkeys((*exercise.regressions, *exercise.alternatives)):
        candidate = catalog.exercises.get(candidate_id)
        if candidate is None or candidate.id in taken:
            continue
        if candidate.level.rank > exercise.level.rank:
            continue
        load, now = _spine_rank(candidate.spinal_load), _spine_rank(exercise.spinal_load)
        if load > now or (spinal and load >= now):
            continue
        if _hurts(candidate, pains, catalog) is None:
            return candidate
    return None


def _where(pain: _Pain) -> str:
    return f"{pain.site.label} ({pain.entry.severity}/10, {pain.entry.reported_at.date().isoformat()})"


# What a pain decision that holds training asks of the person, in words (never its id).
_NEEDS = {
    "seek_care": "needs a doctor or physiotherapist to look at it",
    "emergency": "needs urgent medical care",
}


def _hold(session: Session, pain: _Pain) -> Adaptation:
    signs = [
        w for w, on in (("numbness", pain.entry.numbness), ("radiating pain", pain.entry.radiating)) if on
    ]
    detail = f" with {' and '.join(signs)}" if signs else ""
    reason = (
        f"On hold pending professional advice: pain in {_where(pain)}{detail} "
        f"{_NEEDS.get(pain.action.value, 'needs a professional to look at it')}. Do not train until a "
        "doctor or physiotherapist has seen you; the plan resumes once you record that you were "
        "cleared (source: NICE Clinical Knowledge Summaries, Back pain (low) red flags)."
    )
    held = replace(session, blocks=(), estimated_minutes=0)
    return Adaptation(session.date, held, reason, (Trigger.PAIN_HOLD,), on_hold=True)


# ---------------------------------------------------------------------- effort and reps


def _sessions_of(workouts: Sequence[Workout], exercise_id: str) -> list[tuple[LoggedSet, ...]]:
    """The hard sets of ``exercise_id`` per workout that has any, newest first."""
    out = []
    for workout in reversed(workouts):
        sets = tuple(s for s in workout.hard_sets if s.exercise_id == exercise_id)
        if sets:
            out.append(sets)
    return out


def _bottom(s: LoggedSet, item: PlanItem) -> int:
    if s.target.reps_min is not None:
        return s.target.reps_min
    return min(w.reps_min for w in item.working_sets)


def missed_targets(sessions: Sequence[tuple[LoggedSet, ...]], item: PlanItem) -> int | None:
    """The rep floor missed in each of the last ``MISSED_SESSIONS`` sessions, or None."""
    recent = sessions[:MISSED_SESSIONS]
    if len(recent) < MISSED_SESSIONS:
        return None
    if all(any(s.reps < _bottom(s, item) for s in sets) for sets in recent):
        return min(_bottom(s, item) for s in recent[0])
    return None


def _target_rir(s: LoggedSet, item: PlanItem) -> float | None:
    if s.target.rir is not None:
        return s.target.rir
    return next((float(w.rir) for w in item.working_sets if w.rir is not None), None)


def high_effort(sets: tuple[LoggedSet, ...], item: PlanItem) -> tuple[int, float] | None:
    """(hard sets at 2+ RIR below target, the target) when that is most of the session's hard sets."""
    hard = 0
    target: float | None = None
    for s in sets:
        wanted = _target_rir(s, item)
        rir = s.effective_rir
        if wanted is not None and rir is not None and rir <= wanted - HIGH_EFFORT_RIR_GAP:
            hard += 1
            target = wanted if target is None else min(target, wanted)
    if target is not None and hard * 2 > len(sets):
        return hard, target
    return None


def _top_load(sets: tuple[LoggedSet, ...]) -> float | None:
    return max((s.load_kg for s in sets if s.load_kg is not None), default=None)


@dataclass
class _Draft:
    """A session being rewritten: items by position, and what was done to it."""

    session: Session
    items: dict[tuple[int, int], PlanItem | None]
    reasons: list[str]
    triggers: list[Trigger]

    @classmethod
    def of(cls, session: Session) -> _Draft:
        items = {(b, i): item for b, block in enumerate(session.blocks) for i, item in enumerate(block.items)}
        return cls(session, dict(items), [], [])

    def note(self, trigger: Trigger, reason: str) -> None:
        self.reasons.append(reason)
        if trigger not in self.triggers:
            self.triggers.append(trigger)

    def build(self) -> Session:
        blocks: list[Block] = []
        for b, block in enumerate(self.session.blocks):
            kept = tuple(it for i in range(len(block.items)) if (it := self.items[(b, i)]) is not None)
            if kept:
                blocks.append(replace(block, items=kept))
        return replace(self.session, blocks=tuple(blocks))


def _effort_changes(
    draft: _Draft,
    key: tuple[int, int],
    exercise: Exercise,
    sessions: Sequence[tuple[LoggedSet, ...]],
    catalog: Catalog,
    level: Level,
    loadable: Loadable | None,
) -> None:
    item = draft.items[key]
    assert item is not None
    if sessions and (found := high_effort(sessions[0], item)) is not None:
        count, target = found
        last = _top_load(sessions[0])
        sets = []
        for s in item.sets:
            if s.type != "working":
                sets.append(s)
                continue
            load = min(s.load_kg, last) if s.load_kg is not None and last is not None else s.load_kg
            base = s.rir if s.rir is not None else int(target)
            sets.append(replace(s, load_kg=load, rir=min(MAX_TARGET_RIR, base + 1)))
        held = replace(item, sets=tuple(sets))
        if held != item:
            item = held
            hold = f"hold the load at {last:g} kg" if last is not None else "keep the load"
            draft.note(
                Trigger.HIGH_EFFORT,
                f"{exercise.name}: {count} of {len(sessions[0])} hard sets last time ended "
                f"{HIGH_EFFORT_RIR_GAP:g} or more reps closer to failure than the target of {target:g} "
                f"reps in reserve: {hold} and aim for one more rep in reserve",
            )
    floor = missed_targets(sessions, item)
    planned = [s.load_kg for s in item.working_sets if s.load_kg is not None]
    if floor is not None and planned:
        percent = increment_percent(level, body_region(exercise, catalog))
        equipment = loadable if loadable is not None else typical_loadable(exercise)
        lowered = replace(
            item,
            sets=tuple(
                replace(s, load_kg=step_down(s.load_kg, percent, equipment).load_kg)
                if s.type == "working" and s.load_kg is not None
                else s
                for s in item.sets
            ),
        )
        new = [s.load_kg for s in lowered.working_sets if s.load_kg is not None]
        if max(new) < max(planned) - SAME_LOAD_KG:
            item = lowered
            draft.note(
                Trigger.MISSED_TARGETS,
                f"{exercise.name}: a set fell below {floor} reps in each of the last {MISSED_SESSIONS} "
                f"sessions: next load down one step ({percent:g} %, rounded down to the equipment), "
                f"{max(planned):g} → {max(new):g} kg",
            )
    draft.items[key] = item


def _pain_changes(draft: _Draft, pains: Sequence[_Pain], catalog: Catalog) -> None:
    taken = {it.exercise_id for it in draft.items.values() if it is not None}
    for key, item in sorted(draft.items.items()):
        if item is None or draft.session.blocks[key[0]].kind not in LOADED_BLOCKS:
            continue
        exercise = catalog.exercise(item.exercise_id)
        pain = _hurts(exercise, pains, catalog)
        if pain is None:
            continue
        swap = _substitute(exercise, pains, catalog, taken) if item.working_sets else None
        if swap is None:
            draft.items[key] = None
            if item.working_sets:
                draft.note(
                    Trigger.PAIN,
                    f"{exercise.name} dropped: it works the area of the pain in {_where(pain)} and no "
                    "regression or alternative spares it",
                )
            continue
        taken.add(swap.id)
        note = (
            f"Replaces {exercise.name} after pain in {_where(pain)}; choose a load that stays pain-free "
            "and stop at any discomfort."
        )
        draft.items[key] = PlanItem(
            swap.id, tuple(_free_load(s) for s in item.sets), item.superset, item.role, note
        )
        draft.note(
            Trigger.PAIN,
            f"{exercise.name} → {swap.name}: pain in {_where(pain)}; the swap spares that area and loads "
            "the spine no more",
        )


def _free_load(s: SetSpec) -> SetSpec:
    # A load does not carry over from one exercise to another; the person picks a pain-free one.
    return replace(s, load_kg=None)


# ---------------------------------------------------------------------- the whole


def adapt_plan(
    upcoming_sessions: Sequence[Session],
    recent_workouts: Iterable[Workout],
    catalog: Catalog,
    level: Level,
    now: datetime,
    *,
    cleared_at: datetime | None = None,
    loadable: Loadable | None = None,
    pain: Iterable[PainEntry] = (),
) -> list[Adaptation]:
    """The coming sessions that should change, each with its new value and the reasons, by date.

    ``cleared_at``: when a professional last cleared the person; serious pain reported before then
    no longer holds the plan.
    ``pain``: reports made outside a workout (they count the same). ``loadable`` overrides each
    exercise's typical equipment for rounding.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise InputError(f"now: '{now.isoformat()}' needs a time zone")
    workouts = sorted((w for w in recent_workouts if w.started_at <= now), key=lambda w: w.started_at)
    done, _ = match_workouts(upcoming_sessions, workouts)
    coming = sorted(
        (s for s in upcoming_sessions if s.date >= now.date() and s.date not in done), key=lambda s: s.date
    )
    if not coming:
        return []
    pains = _pains(workouts, pain, catalog, now)
    serious = [
        p for p in pains if p.action in SERIOUS and (cleared_at is None or p.entry.reported_at > cleared_at)
    ]
    if serious:
        return [_hold(session, serious[-1]) for session in coming]

    drafts = [_Draft.of(session) for session in coming]
    # Pain first: an exercise swapped out of the next session is judged on effort where it next occurs.
    recent_pain = [p for p in pains if now - p.entry.reported_at <= PAIN_WINDOW]
    if recent_pain:
        _pain_changes(drafts[0], recent_pain, catalog)
    seen: set[str] = set()
    for draft in drafts:
        for key, item in sorted(draft.items.items()):
            if item is None or not item.working_sets or item.exercise_id in seen:
                continue
            seen.add(item.exercise_id)  # only the exercise's next session is adapted
            exercise = catalog.exercise(item.exercise_id)
            history = _sessions_of(workouts, item.exercise_id)
            _effort_changes(draft, key, exercise, history, catalog, level, loadable)
    out = []
    for draft in drafts:
        if draft.reasons:
            out.append(
                Adaptation(draft.session.date, draft.build(), "; ".join(draft.reasons), tuple(draft.triggers))
            )
    return out
