"""Plain-language reasons for a plan's choices: days, volume, loads, progression, deloads, goal."""

from __future__ import annotations

from itertools import pairwise

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Level
from backcoach.planning.plan import Plan
from backcoach.planning.profile import Goal, Screening
from backcoach.safety.limits import max_back_sessions
from backcoach.science.deload import DEFAULT_POLICY, DeloadPrescription
from backcoach.science.progression.increments import increment_table

_GOAL_TEXT = {
    Goal.STRENGTH: (
        "Goal strength: each session opens with a loadable compound lift in low reps with long rests "
        "(ACSM 2009: heavier loads and 2-3 min rest build strength)."
    ),
    Goal.HYPERTROPHY: (
        "Goal hypertrophy: weekly sets per back muscle aim for the bottom of the adaptive range "
        "(Renaissance Periodization landmarks), in 6-12 rep sets close to failure."
    ),
    Goal.POSTURE: (
        "Goal posture: the plan favours the muscles that draw the shoulder blades back and down "
        "(middle and lower trapezius, rhomboids, rear shoulder) in higher-rep sets."
    ),
    Goal.LOW_BACK: (
        "Goal low-back resilience: no lift with a high spinal load, low-load core endurance in the "
        "style of McGill's curl-up, side bridge and bird dog, and more reps in reserve (NICE NG59: "
        "exercise is first-line care for the low back)."
    ),
}


def explain(
    plan: Plan,
    catalog: Catalog,
    level: Level,
    varied: bool,
    *,
    pool_size: int,
    deload: DeloadPrescription | None = None,
) -> tuple[str, ...]:
    profile = plan.profile
    out: list[str] = []
    first = plan.weeks[0]
    days = ", ".join(s.weekday.value for s in first.sessions)
    ceiling = max_back_sessions(level)
    out.append(
        f"{len(first.sessions)} back sessions a week ({days}) from the days you gave; at {level.value} "
        f"level the ceiling is {ceiling} (the source article: once or twice a week for beginners, up to "
        "three for intermediates, four or five when advanced). Any two sessions that train the same "
        "muscle are at least 48 hours apart (ACSM)."
    )
    ordered = sorted(first.sessions, key=lambda s: s.date)
    for a, b in pairwise(ordered):
        if (b.date - a.date).days == 1:
            out.append(
                f"{a.weekday.value.title()} and {b.weekday.value.title()} are consecutive days, so they "
                f"share no target muscles: {a.weekday.value} has a {a.emphasis} emphasis and "
                f"{b.weekday.value} a {b.emphasis} one."
            )
    if profile.screening is Screening.START_GENTLY:
        out.append(
            "Your screening asked to start gently: beginner limits apply to the whole plan (8-12 reps, "
            "at least 2 reps in reserve, no high-spinal-load lifts) and the first two weeks are lighter "
            "still, with one set fewer and one more rep in reserve. Re-screen when your health changes."
        )
    out.append(_GOAL_TEXT[profile.goal])
    for row in plan.volume:
        verdict = {
            "productive": "within its productive range",
            "below_mev": "below the minimum effective volume",
            "below_mv": "below maintenance volume",
            "above_mav": "above the adaptive range but recoverable",
            "above_mrv": "above the recoverable volume",
        }[row.status]
        out.append(
            f"{row.node}: {row.sets:g} hard sets a week (MEV {row.mev:g}, MAV {row.mav[0]:g}-{row.mav[1]:g}, "
            f"MRV {row.mrv:g}) — {verdict}. Sets count 1 for a target muscle and 0.5 for a helper "
            "(Pelland et al. 2024)."
        )
    short = [row.node for row in plan.volume if row.status in ("below_mev", "below_mv") and row.mev > 0]
    if short:
        out.append(
            f"{', '.join(short)} fall short of their minimum effective volume: the time, days or equipment "
            "you gave cannot fit more. More minutes, another session or more equipment would close the gap."
        )
    mains = sorted(
        {i.exercise_id for w in plan.weeks[:2] for s in w.sessions for i in s.items if i.role == "main"}
    )
    for exercise_id in mains:
        ex = catalog.exercise(exercise_id)
        out.append(f"Main lift {ex.name}: {ex.why}")
    if varied:
        out.append(
            "Weeks alternate two variants that keep the main lifts and swap the accessories, so you mix "
            "and match exercises without losing the lifts you progress on."
        )
    table = increment_table()
    pct = table.percent[level]
    out.append(
        f"Progression: add load only when every working set reaches the top of its rep range; then add "
        f"about {pct.upper:g} % on upper-body lifts and {pct.lower:g} % on hinges (ACSM 2009: 2-10 %). "
        "The planned loads assume each step succeeds; your log adjusts them."
    )
    if profile.e1rm_kg:
        out.append(
            "Starting loads come from the one-rep maxima you gave, at the planned reps and reps in "
            "reserve (RTS chart)."
        )
    elif profile.bodyweight_kg is not None and level is Level.BEGINNER:
        out.append(
            "Starting loads are set from your body weight on the light side; the first sessions "
            "calibrate them (the source article: do not start heavy)."
        )
    else:
        out.append(
            "Where no load is given, pick one you can lift for the top of the range with the planned "
            "reps in reserve."
        )
    if any(w.deload for w in plan.weeks):
        out.append(_deload_text(deload if deload is not None else DeloadPrescription()))
    out.append(
        "Each session opens with a warm-up (raise, breathing, mobility for the muscles it trains) and "
        "closes with a cool-down of stretches and slow breathing; the article asks for both."
    )
    out.append(
        "If anything hurts, stop that exercise; if the discomfort persists, see a doctor or "
        "physiotherapist (backcoach pain guides you)."
    )
    out.append(f"{pool_size} catalogue exercises fit your equipment, level and exclusions.")
    return tuple(out)


def _deload_text(deload: DeloadPrescription) -> str:
    fewer = round((1 - deload.sets_factor) * 100)
    extra = f"{deload.extra_rir:g} more reps in reserve"
    if deload.mode == "load":
        cut = round((1 - deload.load_factor) * 100)
        lighter = f"{cut} % lighter loads ({extra} where there is no load to lighten)"
    else:
        lighter = f"the same loads with {extra}"
    return (
        f"Every {DEFAULT_POLICY.every_weeks}th week is a deload: {fewer} % fewer sets and {lighter}, on "
        "the same days (Bell et al. 2022/2024)."
    )
