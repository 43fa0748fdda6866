"""Plain-language reasons for a plan's choices, read off the plan itself.

Every sentence is built from what the plan prescribes (its days, exercises, sets, reps, rests,
reps in reserve, holds and weekly volume), never from a goal's generic text, so the reasons cannot
contradict the sessions beside them: a beginner's strength plan says 8-12 reps because its main
lift has 8-12 reps, and a hold is described in seconds, never with reps in reserve. A sentence that
rests on a source ends with "(source: ...)", naming it as a reader would cite it; pages and the CLI
show the sentences without it and list the sources apart (``split_sources``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level, SpinalLoad
from backcoach.planning.candidates import ARTICLE_EXERCISES, POSTURE_NODES
from backcoach.planning.dosing import GENTLE_EXTRA_RIR, GENTLE_FEWER_SETS
from backcoach.planning.plan import Plan, PlanItem, Session, VolumeRow, Week
from backcoach.planning.prescription import Role, prescriptions
from backcoach.planning.profile import Goal, Profile, Screening
from backcoach.planning.shortfall_text import shortfall_sentences, time_use_sentences
from backcoach.planning.weeks import GENTLE_WEEKS
from backcoach.safety.limits import max_back_sessions, min_recovery_hours
from backcoach.science.deload import DEFAULT_POLICY, DeloadPrescription
from backcoach.science.progression.increments import increment_table
from backcoach.science.volume import landmarks

# Sources as a reader cites them (title or authors, year), never our notes' file names or sections.
# The back-training article the project follows is named by its subject: its full title would repeat
# it word for word.
ARTICLE = "The back-training article backcoach follows (exercises for the upper and lower back)"
ACSM_2009 = "Ratamess et al. 2009, ACSM position stand on progression models in resistance training"
ACSM_2011 = "Garber et al. 2011, ACSM position stand on the quantity and quality of exercise"
PELLAND = "Pelland et al. 2024, meta-regression of training volume (fractional set counting)"
LANDMARKS = "Israetel, Renaissance Periodization training volume landmarks (rpstrength.com)"
SCHOENFELD = "Schoenfeld, Ogborn & Krieger 2017, weekly training volume and muscle growth"
BELL = "Bell et al. 2022 and 2024, deloading practices in strength and physique sports"
RTS = "Helms et al. 2016, the reps-in-reserve RPE scale (RTS chart)"
MCGILL = "McGill 1998, low-back exercises: evidence for improving exercise regimens"
NICE = "NICE guideline NG59, low back pain and sciatica in over 16s"
PAR_Q = "PAR-Q+ 2023, the physical activity readiness questionnaire"
RAMP = "Jeffreys 2007, warm-up revisited: the RAMP method"
NSCA = "Haff & Triplett 2016, NSCA Essentials of Strength Training and Conditioning"


DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
TIMES = {1: "once", 2: "twice"}
EMPHASIS = {"upper": "the upper back", "lower": "the lower back", "full": "the whole back"}
ROLE_TITLES = {
    Role.MAIN: "Main lift",
    Role.ACCESSORY: "Other back exercises",
    Role.CORE: "Core",
    Role.ARMS: "Arms",
}
# The muscles the posture goal favours, in words (candidates.POSTURE_NODES).
POSTURE_WORDS = "the muscles that draw the shoulder blades back and down"

_SOURCE = re.compile(r"\s*\(source: (?P<source>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def cited(text: str, source: str) -> str:
    """``text`` with its source in the form ``split_sources`` takes apart."""
    return f"{text} (source: {source})"


def split_sources(explanations: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences without their "(source: ...)" endings, and the distinct sources in order, for a
    separate "Sources" note."""
    sentences, sources = [], []
    for text in explanations:
        found = _SOURCE.search(text)
        if found is None:
            sentences.append(text)
            continue
        sentences.append(text[: found.start()])
        if found.group("source") not in sources:
            sources.append(found.group("source"))
    return tuple(sentences), tuple(sources)


def explain(
    plan: Plan,
    catalog: Catalog,
    level: Level,
    varied: bool,
    *,
    pool_size: int,
    deload: DeloadPrescription | None = None,
) -> tuple[str, ...]:
    """Why the plan looks as it does, sentence by sentence, each true of the plan it describes."""
    profile = plan.profile
    weeks = _regular_weeks(plan)
    out = _schedule(plan.weeks[0], level)
    if profile.screening is Screening.START_GENTLY:
        out.append(_gentle())
    out += _doses(weeks, catalog)
    out += _goal(profile, level, weeks, catalog)
    out += _article(profile, weeks, catalog)
    mains = _named(weeks, catalog, Role.MAIN)
    out += [f"Why {ex.name} leads your sessions: {ex.why}" for ex in mains]
    # a main muscle below its minimum is said once, with what would close the gap (shortfall_text)
    out += _volume([r for r in plan.volume if r.node not in {s.muscle for s in plan.shortfalls}], catalog)
    # issue 14, planner half: shortfalls and short sessions, said only as checked (shortfall_text)
    out += shortfall_sentences(plan, catalog) + time_use_sentences(plan)
    if varied:
        out.append(
            "Weeks alternate two versions that keep the main lifts and swap the other exercises, so "
            "you get variety without losing the lifts you progress on."
        )
    out += _loads(plan, level, catalog)
    if any(w.deload for w in plan.weeks):
        out.append(_deload_text(deload if deload is not None else DeloadPrescription()))
    out += _warm_up(plan.weeks[0], catalog)
    out.append(
        cited(
            "If anything hurts, stop that exercise; if the discomfort persists, see a doctor or "
            "physiotherapist (the pain check guides you).",
            ARTICLE,
        )
    )
    out.append(f"{pool_size} exercises in the library fit your equipment, level and exclusions.")
    return tuple(out)


# ---------------------------------------------------------------------- days


def _day(value: str) -> str:
    return DAY_NAMES[value]


def _and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _schedule(first: Week, level: Level) -> list[str]:
    sessions = sorted(first.sessions, key=lambda s: s.date)
    days = _and([_day(s.weekday.value) for s in sessions])
    n = len(sessions)
    out = [
        cited(
            f"You train your back {TIMES.get(n, f'{n} times')} a week, on {days}, chosen from the "
            f"days you gave; at {level.value} level the plan never goes above {max_back_sessions(level)} "
            "back sessions a week.",
            ARTICLE,
        ),
        cited(
            f"Two sessions that work the same muscles are always at least {min_recovery_hours():g} hours "
            "apart.",
            ACSM_2011,
        ),
    ]
    for a, b in pairwise(sessions):
        if (b.date - a.date).days == 1:
            out.append(
                f"{_day(a.weekday.value)} and {_day(b.weekday.value)} are back to back, so they work "
                f"different muscles: {_day(a.weekday.value)} trains {EMPHASIS[a.emphasis]} and "
                f"{_day(b.weekday.value)} {EMPHASIS[b.emphasis]}."
            )
    return out


def _gentle() -> str:
    rule = prescriptions().levels[Level.BEGINNER]
    reps = f"within {rule.reps[0]} to {rule.reps[1]} reps, " if rule.reps is not None else ""
    return cited(
        "Your health questions asked you to start gently: the whole plan keeps to beginner limits "
        f"({reps}at least {rule.min_rir} reps in reserve, no lifts that load the spine heavily), and "
        f"the first {GENTLE_WEEKS} weeks have {GENTLE_FEWER_SETS} set fewer and {GENTLE_EXTRA_RIR} more "
        "rep in reserve. Answer the questions again when your health changes.",
        PAR_Q,
    )


# ---------------------------------------------------------------------- doses


def _regular_weeks(plan: Plan) -> list[Week]:
    """The weeks whose doses the plan runs on: not deloads, not the gentle start (both variants)."""
    regular = [w for w in plan.weeks if not w.deload and not w.gentle] or list(plan.weeks)
    return regular[:2]


def _work(weeks: Sequence[Week], role: Role) -> list[PlanItem]:
    return [i for w in weeks for s in w.sessions for i in s.items if i.role == role.value and i.working_sets]


def _named(weeks: Sequence[Week], catalog: Catalog, role: Role) -> list[Exercise]:
    ids = dict.fromkeys(i.exercise_id for i in _work(weeks, role))
    return [catalog.exercise(e) for e in ids]


def rest_words(seconds: int) -> str:
    """A rest as a person says it: "2 min", "90 seconds"."""
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} seconds"


def _range(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def dose_words(items: Sequence[PlanItem]) -> str:
    """One dose shared by ``items`` (the same exercise or several), in words: sets, then reps and
    reps in reserve, or a hold's seconds (holds have no reps in reserve), then the rest."""
    first = items[0].working_sets[0]
    counts = [len(i.working_sets) for i in items]
    sets = _range(min(counts), max(counts))
    plural = "s" if max(counts) != 1 else ""
    if first.hold_s is not None:
        if first.reps_max > 1:
            body = f"{sets} set{plural} of {first.reps_max} holds of {first.hold_s} seconds each"
        else:
            body = f"{sets} set{plural} of {first.hold_s} seconds"
    else:
        body = f"{sets} set{plural} of {_range(first.reps_min, first.reps_max)} reps"
        if first.rir is not None:
            body += f", stopping with {first.rir} rep{'s' if first.rir != 1 else ''} in reserve"
    return f"{body}, {rest_words(first.rest_s)} rest between sets"


def _doses(weeks: Sequence[Week], catalog: Catalog) -> list[str]:
    """Each role's doses as prescribed, grouping exercises that share one."""
    out = []
    for role, title in ROLE_TITLES.items():
        groups: dict[tuple[object, ...], list[PlanItem]] = {}
        for item in _work(weeks, role):
            s = item.working_sets[0]
            groups.setdefault((s.reps_min, s.reps_max, s.rir, s.rest_s, s.hold_s), []).append(item)
        for items in groups.values():
            names = _and(list(dict.fromkeys(catalog.exercise(i.exercise_id).name for i in items)))
            several = role is Role.MAIN and " and " in names
            out.append(f"{title}{'s' if several else ''}, {names}: {dose_words(items)}.")
    return out


def _rep_ranges(items: Sequence[PlanItem]) -> list[str]:
    ranges = dict.fromkeys(
        (s.reps_min, s.reps_max) for i in items for s in i.working_sets[:1] if s.hold_s is None
    )
    return [_range(lo, hi) for lo, hi in ranges]


def _goal(profile: Profile, level: Level, weeks: Sequence[Week], catalog: Catalog) -> list[str]:
    """What the goal changes, said from the doses the plan actually gives."""
    main = [i for i in _work(weeks, Role.MAIN) if i.working_sets[0].hold_s is None]
    back = main + _work(weeks, Role.ACCESSORY)
    if not main:
        return []
    loaded = [i for i in main if _is_loadable(catalog.exercise(i.exercise_id))]
    lead = (loaded or main)[0]
    top = lead.working_sets[0]
    reps = _range(top.reps_min, top.reps_max)
    if profile.goal is Goal.STRENGTH:
        heavy = prescriptions().goals[Goal.STRENGTH][Role.MAIN].reps
        if loaded and heavy is not None and top.reps_max <= heavy[1]:
            return [
                cited(
                    f"For strength, each session opens with its main lift in heavy sets of {reps} reps "
                    f"with {rest_words(top.rest_s)} rests.",
                    ACSM_2009,
                )
            ]
        if level is Level.BEGINNER:
            return [
                cited(
                    f"For strength at beginner level, the main lift stays at {reps} reps with a moderate "
                    "load: that range builds strength first, before heavier sets of fewer reps.",
                    ACSM_2009,
                )
            ]
        name = catalog.exercise(lead.exercise_id).name
        return [
            f"For strength, each session opens with its main lift, {name}, in sets of {reps} reps: "
            "your body weight is its load, so the reps you reach show your progress."
        ]
    if profile.goal is Goal.HYPERTROPHY:
        ranges = _and(_rep_ranges(back))
        return [
            cited(
                "For muscle growth, each back muscle gets weekly hard sets toward the low end of its "
                f"growth range (below), in sets of {ranges} reps.",
                SCHOENFELD,
            )
        ]
    if profile.goal is Goal.POSTURE:
        exercises = [catalog.exercise(e) for e in dict.fromkeys(i.exercise_id for i in back)]
        favoured = [
            e for e in exercises if {m.muscle for m in e.muscles if m.role.value == "target"} & POSTURE_NODES
        ]
        return [
            f"For posture, {len(favoured)} of your {len(exercises)} back exercises train {POSTURE_WORDS} "
            "(middle and lower trapezius, rhomboids, rear shoulder)."
        ]
    return _low_back(weeks, catalog)


def _low_back(weeks: Sequence[Week], catalog: Catalog) -> list[str]:
    items = [i for w in weeks for s in w.sessions for i in s.items if i.working_sets]
    out = []
    if all(catalog.exercise(i.exercise_id).spinal_load is not SpinalLoad.HIGH for i in items):
        out.append(cited("For a resilient low back, no exercise in the plan loads the spine heavily.", NICE))
    core = [catalog.exercise(i.exercise_id) for i in _work(weeks, Role.CORE)]
    low = list(dict.fromkeys(e.name for e in core if e.spinal_load is SpinalLoad.LOW))
    if low:
        out.append(cited(f"Core work is low-load endurance work for the trunk: {_and(low)}.", MCGILL))
    return out


def _article(profile: Profile, weeks: Sequence[Week], catalog: Catalog) -> list[str]:
    """Which of the article's four exercises the plan uses, and why any other is missing."""
    used = {i.exercise_id for w in weeks for s in w.sessions for i in s.items if i.working_sets}
    names = [catalog.exercise(e).name for e in ARTICLE_EXERCISES if e in catalog.exercises]
    have = [catalog.exercise(e) for e in ARTICLE_EXERCISES if e in used]
    missing = [catalog.exercise(e) for e in ARTICLE_EXERCISES if e in catalog.exercises and e not in used]
    text = (
        f"Four back exercises form the core of this programme ({_and(names)}); your plan uses them "
        "wherever your equipment and level allow."
    )
    if have:
        text += f" Yours has {_and([e.name for e in have])}."
    reasons = [f"{e.name} {_why_not(e, profile, catalog)}" for e in missing]
    if reasons:
        text += f" Not in it: {'; '.join(reasons)}."
    return [cited(text, ARTICLE)]


def _why_not(exercise: Exercise, profile: Profile, catalog: Catalog) -> str:
    """Why an exercise the article recommends is not in this plan, in words."""
    if exercise.id in profile.exclude:
        return "(you asked to leave it out)"
    missing = sorted(set(exercise.equipment) - profile.available_equipment)
    if missing:
        things = _and([_a(catalog.equipment_item(e).name.lower()) for e in missing])
        return f"(it needs {things})"
    if exercise.level.rank > profile.level.rank:
        return f"(it is for {exercise.level.value} lifters)"
    if exercise.spinal_load is SpinalLoad.HIGH and (
        profile.goal is Goal.LOW_BACK or profile.screening is Screening.START_GENTLY
    ):
        return "(it loads the spine more than your plan allows)"
    return "(it fits your equipment and level, but the plan filled its places with other exercises)"


def _a(thing: str) -> str:
    """A piece of equipment with its article: "a barbell", "an incline bench"; plurals stay bare."""
    first = thing.split()[0]
    if first.endswith("s") and not first.endswith("ss"):
        return thing
    return f"{'an' if thing[0] in 'aeiou' else 'a'} {thing}"


# ---------------------------------------------------------------------- volume


def _group_name(node: str) -> str:
    found = landmarks().get(node)
    return found.name if found is not None else node.replace("-", " ")


def _volume(rows: Sequence[VolumeRow], catalog: Catalog) -> list[str]:
    out = []
    for row in rows:
        # the group's name leads as the sentence's subject, never as a label ("lats: 6 sets")
        name = _group_name(row.node)
        last = name.split()[-1]
        plural = " and " in name or (last.endswith("s") and not last.endswith(("us", "is", "ss")))
        sets = f"{'get' if plural else 'gets'} {row.sets:g} hard set{'s' if row.sets != 1 else ''} a week"
        if row.mev == 0 and row.sets == 0:
            out.append(
                f"{name} {'get' if plural else 'gets'} no direct sets and {'need' if plural else 'needs'} "
                "none: rows and pulls work them indirectly."
            )
            continue
        verdict = {
            "productive": f"enough to grow (at least {row.mev:g} are needed, and up to {row.mrv:g} can be "
            "recovered from)"
            if row.mev > 0
            else f"enough: rows and pulls work them too, and up to {row.mrv:g} can be recovered from",
            "below_mev": f"below the {row.mev:g} a week that growth needs",
            "below_mv": f"below what keeps it as it is, let alone the {row.mev:g} that growth needs",
            "above_mav": f"above the {row.mav[0]:g}–{row.mav[1]:g} that adds most, but still recoverable "
            f"(up to {row.mrv:g})",
            "above_mrv": f"more than the {row.mrv:g} a week you can recover from",
        }[row.status]
        out.append(f"{name} {sets}, {verdict}.")
    if rows:
        out.append(
            cited(
                "A set counts once for a muscle the exercise targets and half for a muscle that helps.",
                PELLAND,
            )
        )
        out.append(
            cited(
                "The weekly ranges follow published guidance on training volume, scaled to your level.",
                LANDMARKS,
            )
        )
    return out


# ---------------------------------------------------------------------- loads, deloads, warm-ups


def _loads(plan: Plan, level: Level, catalog: Catalog) -> list[str]:
    profile = plan.profile
    items = [i for w in _regular_weeks(plan) for s in w.sessions for i in s.items if i.working_sets]
    loaded = [i for i in items if i.working_sets[0].load_kg is not None]
    out = []
    if loaded:
        pct = increment_table().percent[level]
        out.append(
            cited(
                "Add load only when every working set reaches the top of its rep range, then about "
                f"{pct.upper:g} % on upper-body lifts and {pct.lower:g} % on hip hinges. The planned "
                "loads assume each step succeeds; your log adjusts them.",
                ACSM_2009,
            )
        )
    if profile.e1rm_kg and loaded:
        out.append(
            cited(
                "Starting loads come from the one-rep maxima you gave, at the planned reps and reps in "
                "reserve.",
                RTS,
            )
        )
    elif loaded and profile.bodyweight_kg is not None and level is Level.BEGINNER:
        out.append(
            cited(
                "Starting loads are set from your body weight on the light side, and your first sessions "
                "adjust them: do not start heavy.",
                ARTICLE,
            )
        )
    unset = [
        i
        for i in items
        if i.working_sets[0].load_kg is None and _is_loadable(catalog.exercise(i.exercise_id))
    ]
    if unset:
        out.append(
            "Where no load is given, pick one you can lift for the top of the rep range with the planned "
            "reps in reserve."
        )
    return out


def _is_loadable(exercise: Exercise) -> bool:
    return exercise.load_type.value in ("external", "weighted_bodyweight")


def _deload_text(deload: DeloadPrescription) -> str:
    fewer = round((1 - deload.sets_factor) * 100)
    extra = f"{deload.extra_rir:g} more reps in reserve"
    if deload.mode == "load":
        cut = round((1 - deload.load_factor) * 100)
        lighter = f"{cut} % lighter loads ({extra} where there is no load to lighten)"
    else:
        lighter = f"the same loads with {extra}"
    return cited(
        f"Every {DEFAULT_POLICY.every_weeks}th week is a deload, a lighter week: {fewer} % fewer sets "
        f"and {lighter}, on the same days.",
        BELL,
    )


def _warm_up(first: Week, catalog: Catalog) -> list[str]:
    out = [
        cited(
            "Each session opens with a short warm-up (a few minutes to raise your pulse, slow breathing, "
            "then moving the muscles it trains) and closes with a cool-down of stretches and slow "
            "breathing.",
            RAMP,
        )
    ]
    ramps = _ramp_counts(first.sessions)
    for name_id, count in ramps.items():
        name = catalog.exercise(name_id).name
        sets = "one lighter ramp-up set" if count == 1 else f"{count} ramp-up sets, each heavier"
        out.append(
            cited(
                f"Before {name} you do {sets}: light work needs one or none, heavy lifts a few more.",
                NSCA,
            )
        )
    return out


def _ramp_counts(sessions: Iterable[Session]) -> dict[str, int]:
    """Ramp-up sets before each main lift in the first session that has it."""
    out: dict[str, int] = {}
    for s in sessions:
        items = s.items
        for n, item in enumerate(items):
            if item.role != "main" or item.exercise_id in out:
                continue
            before = [i for i in items[:n] if i.role == "ramp"]
            count = sum(len(i.sets) for i in before)
            if count:
                out[item.exercise_id] = count
    return out
