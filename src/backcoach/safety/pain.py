"""Pain during training: what to do now, and a lighter substitute where one fits.

Sources: the source article's closing advice (stop at any discomfort, see a doctor if it goes on);
training-science.md §5 (NICE CKS / AHCPR red flags, cauda equina signs) [S]; the usual 0-10
numeric rating scale bands. The wording, bands and region tables live in ``data/pain.yaml``.

There is no "continue" action: ``PainAction`` cannot express it, so a pain report is never
ignored. Every decision carries the floor reason (stop this exercise; see a professional if the
pain persists). Rules, by stable key (the strictest action wins; every fired rule's reason is kept):

    cauda_equina    saddle numbness, bladder/bowel change, leg weakness, both legs -> emergency
    nerve_signs     numbness or radiating pain                                   -> seek_care
    severe_sharp    sharp and severity >= 7                                      -> seek_care
    severe          severity >= 7                                                -> end_session
    sharp           sharp pain, any location (the brief asks it for the spine)   -> end_session
    moderate_spine  severity 4-6 in the spine or neck                            -> end_session
    moderate        severity 4-6 elsewhere                                       -> stop_exercise
    mild            severity 0-3, not sharp                                      -> stop_exercise

Substitutes are offered only when the action is ``stop_exercise``: the exercise's regressions,
then its alternatives, taking the first that is no harder, loads the spine no more (strictly
less for spinal pain) and spares the painful muscle or joint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Self

from pydantic import Field, model_validator

from backcoach.catalog import Catalog, Exercise, Group, Role, SpinalLoad
from backcoach.errors import InputError, UnknownIdError
from backcoach.safety.tables import Confidence, Frozen, Text, load_table, with_source

MAX_SEVERITY = 10  # top of the 0-10 numeric rating scale


class PainAction(StrEnum):
    """What happens next, from least to most serious. Deliberately no "continue"."""

    STOP_EXERCISE = "stop_exercise"
    END_SESSION = "end_session"
    SEEK_CARE = "seek_care"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(PainAction).index(self)


class BodyRegion(StrEnum):
    NECK = "neck"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    HIP = "hip"
    KNEE = "knee"
    LEG = "leg"


# ---------------------------------------------------------------------- data


class PainRuleText(Frozen):
    action: PainAction
    text: Text
    source: Text


class Floor(Frozen):
    text: Text
    source: Text
    confidence: Confidence


class Bands(Frozen):
    moderate_from: int = Field(ge=1, le=MAX_SEVERITY)
    severe_from: int = Field(ge=1, le=MAX_SEVERITY)
    source: Text
    confidence: Confidence

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.moderate_from >= self.severe_from:
            raise ValueError("moderate_from must be below severe_from")
        return self


class PainTable(Frozen):
    floor: Floor
    bands: Bands
    spine_regions: frozenset[BodyRegion]
    spinal_groups: frozenset[Group]
    spinal_muscles: frozenset[str]
    spinal_source: Text
    spinal_confidence: Confidence
    region_muscles: dict[BodyRegion, tuple[str, ...]]
    region_muscles_source: Text
    region_muscles_confidence: Confidence
    rules: dict[str, PainRuleText]
    headlines: dict[PainAction, Text]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        joints = set(BodyRegion) - self.spine_regions
        if set(self.region_muscles) != joints:
            raise ValueError("region_muscles must list exactly the regions outside the spine")
        if set(self.headlines) != set(PainAction):
            raise ValueError("every action needs a headline")
        return self


@cache
def pain_table() -> PainTable:
    return load_table("pain.yaml", PainTable)


# ---------------------------------------------------------------------- input


@dataclass(frozen=True)
class PainReport:
    """What the person tells us. ``location`` is a body region (see BodyRegion) or a muscle id."""

    location: str
    severity: int
    sharp: bool = False
    radiating: bool = False
    numbness: bool = False
    # Cauda equina signs (training-science.md §5): any one is an emergency.
    saddle_numbness: bool = False
    bladder_or_bowel_change: bool = False
    leg_weakness: bool = False
    both_legs: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.severity, bool) or not isinstance(self.severity, int):
            raise InputError(f"pain severity must be a whole number from 0 to 10, not {self.severity!r}")
        if not 0 <= self.severity <= MAX_SEVERITY:
            raise InputError(f"pain severity must be from 0 to 10, not {self.severity}")
        if not isinstance(self.location, str) or not self.location.strip():
            raise InputError("say where it hurts: a body region or a muscle id")

    @property
    def cauda_equina(self) -> bool:
        return self.saddle_numbness or self.bladder_or_bowel_change or self.leg_weakness or self.both_legs


@dataclass(frozen=True)
class Site:
    """Where it hurts, resolved: a body region or a catalogue muscle, and what that implies."""

    location: str
    region: BodyRegion | None
    muscle: str | None
    spinal: bool
    spare: frozenset[str]  # muscle ids a substitute must not load
    spare_roles: frozenset[Role]  # the roles that count as loading them

    @property
    def label(self) -> str:
        return self.location.replace("_", " ").replace("-", " ")


def locate(location: str, catalog: Catalog | None = None) -> Site:
    """Resolve a body region or muscle id; unknown ones raise UnknownIdError with close matches."""
    table = pain_table()
    wanted = location.strip().lower()
    as_region = wanted.replace("-", "_").replace(" ", "_")
    if as_region in {r.value for r in BodyRegion}:
        region = BodyRegion(as_region)
        spine = region in table.spine_regions
        muscles = frozenset(table.region_muscles.get(region, ()))
        if catalog is not None:
            muscles = frozenset(m for m in muscles if m in catalog.muscles)
        return Site(region.value, region, None, spine, muscles, frozenset({Role.TARGET, Role.SYNERGIST}))
    if catalog is not None and wanted in catalog.muscles:
        muscle = catalog.muscle(wanted)
        lineage = catalog.parts(wanted) | {a.id for a in catalog.ancestors(wanted)}
        spinal = muscle.group in table.spinal_groups or bool(lineage & table.spinal_muscles)
        return Site(wanted, None, wanted, spinal, frozenset(lineage), frozenset({Role.TARGET}))
    pool = [r.value for r in BodyRegion] + (list(catalog.muscles) if catalog is not None else [])
    kind = "pain location" if catalog is not None else "body region (muscle ids need the catalogue)"
    raise UnknownIdError(kind, location, difflib.get_close_matches(wanted, pool, n=3, cutoff=0.5))


# ---------------------------------------------------------------------- rules

PainRule = Callable[[PainReport, Site, Bands], bool]


def _moderate(report: PainReport, bands: Bands) -> bool:
    return bands.moderate_from <= report.severity < bands.severe_from


RULES: Mapping[str, PainRule] = {
    "cauda_equina": lambda r, s, b: r.cauda_equina,
    "nerve_signs": lambda r, s, b: r.numbness or r.radiating,
    "severe_sharp": lambda r, s, b: r.sharp and r.severity >= b.severe_from,
    "severe": lambda r, s, b: r.severity >= b.severe_from,
    "sharp": lambda r, s, b: r.sharp,
    "moderate_spine": lambda r, s, b: s.spinal and _moderate(r, b),
    "moderate": lambda r, s, b: not s.spinal and _moderate(r, b),
    "mild": lambda r, s, b: not r.sharp and r.severity < b.moderate_from,
}
"""The pain rules by stable key; ``data/pain.yaml`` holds their action and wording under the same keys."""


# ---------------------------------------------------------------------- decision


@dataclass(frozen=True)
class PainDecision:
    action: PainAction
    headline: str
    reasons: tuple[str, ...]  # the deciding reason first; the floor reason is always present
    substitute: str | None  # an exercise id, only when the action is stop_exercise
    sources: tuple[str, ...]
    rules: tuple[str, ...]  # keys of the rules that fired, "floor" included


def assess_pain(
    report: PainReport, *, exercise: Exercise | None = None, catalog: Catalog | None = None
) -> PainDecision:
    """Decide what to do about a pain report; never returns anything that means "carry on"."""
    table = pain_table()
    site = locate(report.location, catalog)
    fired = [key for key, rule in RULES.items() if rule(report, site, table.bands)]
    texts = {k: table.rules[k] for k in fired}
    action = max((t.action for t in texts.values()), key=lambda a: a.rank, default=PainAction.STOP_EXERCISE)
    ordered = sorted(fired, key=lambda k: -texts[k].action.rank)
    reasons = [
        with_source(texts[k].text.format(severity=report.severity, location=site.label), texts[k].source)
        for k in ordered
    ]
    reasons.append(with_source(table.floor.text, table.floor.source))
    sources = [texts[k].source for k in ordered] + [table.floor.source]
    substitute: str | None = None
    if action is PainAction.STOP_EXERCISE and exercise is not None:
        substitute, why, source = _substitute(exercise, site, catalog)
        reasons.append(with_source(why, source))
        sources.append(source)
    return PainDecision(
        action=action,
        headline=table.headlines[action],
        reasons=tuple(reasons),
        substitute=substitute,
        sources=tuple(dict.fromkeys(sources)),
        rules=(*ordered, "floor"),
    )


_LINKS_SOURCE = "backcoach catalogue: the exercise's regressions and alternatives"
_SPINE_SOURCE = "spinal load ranking from McGill's work (Fenwick, Brown & McGill 2009; training-science §4)"


def _substitute(exercise: Exercise, site: Site, catalog: Catalog | None) -> tuple[str | None, str, str]:
    if catalog is None:
        return None, "No catalogue was given, so no substitute can be suggested.", _LINKS_SOURCE
    for candidate_id in dict.fromkeys((*exercise.regressions, *exercise.alternatives)):
        candidate = catalog.exercises.get(candidate_id)
        if candidate is not None and _lighter(candidate, exercise, site):
            if site.spinal:
                why = f"A lighter option that loads the spine less: {candidate.name} ({candidate.id})."
                return candidate.id, why, f"{_LINKS_SOURCE}; {_SPINE_SOURCE}"
            why = f"A lighter option that spares the painful area: {candidate.name} ({candidate.id})."
            return candidate.id, why, _LINKS_SOURCE
    why = (
        f"No lighter substitute for {exercise.name} spares the painful area, "
        "so leave this movement out for today."
    )
    return None, why, _LINKS_SOURCE


def _spine_rank(load: SpinalLoad) -> int:
    return list(SpinalLoad).index(load)


def _lighter(candidate: Exercise, current: Exercise, site: Site) -> bool:
    """No harder, no more spinal load (strictly less for spinal pain), and sparing the painful site."""
    if candidate.level.rank > current.level.rank:
        return False
    load, now = _spine_rank(candidate.spinal_load), _spine_rank(current.spinal_load)
    if load > now or (site.spinal and load >= now):
        return False
    return not any(i.muscle in site.spare and i.role in site.spare_roles for i in candidate.muscles)
