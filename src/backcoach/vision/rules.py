"""Form checks: small rules behind a registry with stable keys, each a threshold on one
per-repetition metric, linked to a catalogue mistake and one of the exercise's cues.

A check runs only from views that show what it measures: a torso lean is in the sagittal plane, so
a camera square on to the person cannot see it; comparing the two arms needs both arms in view.
A check that the view or the file cannot support is reported as not checked, with the reason,
never guessed. What 33 landmarks cannot see reliably (the lower back's curve: there is no spine
landmark between shoulder and hip, pose.md §1 on Fitness-AQA) is only ever "possible".

Thresholds and their sources (``../shared/reference/pose.md`` is the research note; the article is
``back-training-article.txt``; the catalogue is ``catalog/data``):
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from backcoach.vision.kinematics import Exercise
from backcoach.vision.metrics import RepMetrics
from backcoach.vision.view import View

# Pull-up: elbow at least 160° at the bottom ("full extension", pose.md §2; kaiakol's rules.json
# wants a maximum in [140°, 180°], we take the stricter end the research note recommends).
PULLUP_LOCKOUT_MIN_DEG = 160.0
# Rows: the arms straighten to at least 160° (StrongSight's row: extended ≥ 170° with a 5–10°
# buffer, pose.md §2).
ROW_LOCKOUT_MIN_DEG = 160.0
# Rows: the pull finishes with the elbow at 100° or less ("peak elbow ≤ ~100° means full ROM",
# pose.md §2, the row classifier citing BarBend/StrongLifts).
ROW_TOP_MAX_DEG = 100.0
# Pull-up: the chin ends above the hands (the bar is at wrist height, pose.md §2; the article's
# "chin above the bar"). Margin in torso lengths.
CHIN_ABOVE_BAR_MIN = 0.0
# Pull-up from behind (face unseen): with the chin over the bar the shoulders are within about
# 0.18 m of the hands (nose ~0.26 m above the shoulders, chin ~0.08 m below the nose; Winter's
# anthropometric table), i.e. about 0.36 torso lengths; 0.5 leaves room for build and noise.
HANDS_ABOVE_SHOULDERS_MAX = 0.5
# Bent-over row hinge: about 45° from vertical (article exercise 3, catalogue hip_hinge_deg 45); a
# lean under 30° is "too upright" (pose.md §2: "≥ 55° good, < 30° too upright").
ROW_HINGE_MIN_DEG = 30.0
# Seated row: the spine stays upright, leaning no more than about 15–20° (pose.md §2; catalogue:
# "no more than about 10 degrees of lean back" as the cue). We flag past 20°.
SEATED_LEAN_MAX_DEG = 20.0
# Seated row: the upper arms travel back about 45° out from the sides (article exercise 2, step 4,
# which sets the bent elbows at 45° to the body; catalogue elbow_to_torso_deg 45),
# measured at the finish of the pull in the frontal plane. We flag past 65°: 20° of tolerance, a
# little under halfway to the fully flared 90° (upper arms square to the torso), so an arm that
# is still nearer 45° than 90° passes; the correct form reads 41–49° on our noisy synthetic sets
# from the front and from behind (MediaPipe's 2-D landmarks carry a few degrees more).
SEATED_FLARE_MAX_DEG = 65.0
# Rows: the torso moves no more than about 10° within a repetition ("no rocking beyond about 10°",
# pose.md §2 for the seated row; "varies by less than ~10°" for the chest-supported row).
ROW_SWAY_MAX_DEG = 10.0
# Pull-up: a hanging body swings a little even when strict. We allow 15°, half again the rows'
# 10°, a choice of ours rather than a published figure.
PULLUP_SWING_MAX_DEG = 15.0
# Pull-up kipping: the hip angle opens and closes by more than 30° within a repetition (knees
# driven up to throw the body). A strict pull-up with the knees held bent keeps the hip nearly still;
# 30° is our choice, about twice the noise of the hip angle on our noisy synthetic set.
KIPPING_HIP_RANGE_DEG = 30.0
# Left and right elbows differ by more than 15° at the top (StrongSight's "uneven arms", pose.md §2).
ASYMMETRY_MAX_DEG = 15.0
# Head line against the torso line: past 30° the upper back or neck is curling forward. There is
# no spine landmark (pose.md §2: "this proxy is weak"), so this is only ever "possible". Our choice.
NECK_FLEX_MAX_DEG = 30.0
# A finding needs at least half of the repetitions past the threshold: one odd rep is not a habit.
MIN_SHARE = 0.5
# How far each view's measurements are trusted (our estimate: in-plane angles from the side are
# the most reliable; oblique ones lean on MediaPipe's depth, the weakest coordinate).
VIEW_TRUST = {View.SIDE: 0.9, View.FRONT: 0.8, View.BACK: 0.8, View.OBLIQUE: 0.65, View.UNKNOWN: 0.4}
POSSIBLE_CAP = 0.5  # a "possible" finding never claims more than even odds

SAGITTAL = (View.SIDE, View.OBLIQUE)
BOTH_ARMS = (View.FRONT, View.BACK, View.OBLIQUE)
# The frontal plane (shoulder line and torso line) faces the camera only from the front or behind.
# At 45° half of an elbow's outward travel is toward the camera, in MediaPipe's depth estimate (its
# weakest coordinate, pose.md §1); from the side all of it is, and the far arm is hidden.
FRONTAL = (View.FRONT, View.BACK)
ANY = (View.SIDE, View.FRONT, View.BACK, View.OBLIQUE)
ROWS = (Exercise.SEATED_CABLE_ROW, Exercise.BENT_OVER_BARBELL_ROW, Exercise.CHEST_SUPPORTED_ROW)


@dataclass(frozen=True)
class Check:
    """One form rule: ``metric`` of a rep compared (``above``/``below``) with ``threshold``."""

    key: str
    exercises: tuple[Exercise, ...]
    metric: str
    bad_when: Literal["above", "below"]
    threshold: float
    unit: str
    views: tuple[View, ...]
    says: str  # the finding in plain words
    certainty: Literal["likely", "possible"] = "likely"
    fallback: str | None = None  # a metric to use when ``metric`` was not seen
    fallback_threshold: float | None = None
    needs_angles: bool = True
    # A signed twin of ``metric`` (left minus right). When set, only the repetitions where the
    # same side is behind count, and the set's mean signed difference must pass the threshold too:
    # an uneven pull is one arm lagging rep after rep, while noise in the landmarks makes either
    # arm look behind at random, so large differences that change sides cancel out. (A half-rep
    # bent-over row from behind, -22°, +14°, -20°, was the synthetic set's one false finding.)
    side_metric: str | None = None
    unseen_why: str | None = None  # why the other views cannot show it, for the "not checked" note


CHECKS: tuple[Check, ...] = (
    Check(
        "half-reps",
        (Exercise.PULL_UP,),
        "chin_margin",
        "below",
        CHIN_ABOVE_BAR_MIN,
        "torso lengths",
        ANY,
        "Your chin did not get above the bar.",
        fallback="hands_above_shoulders",
        fallback_threshold=HANDS_ABOVE_SHOULDERS_MAX,
        needs_angles=False,
    ),
    Check(
        "half-reps",
        ROWS,
        "elbow_top_deg",
        "above",
        ROW_TOP_MAX_DEG,
        "°",
        ANY,
        "The pull stopped short: your elbows did not bend far enough to bring the weight to your body.",
    ),
    Check(
        "partial-lockout",
        (Exercise.PULL_UP,),
        "elbow_bottom_deg",
        "below",
        PULLUP_LOCKOUT_MIN_DEG,
        "°",
        ANY,
        "Your arms stayed bent between repetitions instead of straightening.",
    ),
    Check(
        "partial-lockout",
        ROWS,
        "elbow_bottom_deg",
        "below",
        ROW_LOCKOUT_MIN_DEG,
        "°",
        ANY,
        "Your arms did not straighten at the end of each return.",
    ),
    Check(
        "too-upright",
        (Exercise.BENT_OVER_BARBELL_ROW,),
        "torso_deg",
        "below",
        ROW_HINGE_MIN_DEG,
        "°",
        SAGITTAL,
        "Your torso was too upright: hinge further forward, to about 45 degrees.",
    ),
    Check(
        "too-upright",
        (Exercise.SEATED_CABLE_ROW,),
        "torso_deg",
        "above",
        SEATED_LEAN_MAX_DEG,
        "°",
        SAGITTAL,
        "Your torso leaned well away from upright at the start of the pull.",
    ),
    Check(
        "sway",
        ROWS,
        "torso_range_deg",
        "above",
        ROW_SWAY_MAX_DEG,
        "°",
        SAGITTAL,
        "Your torso rocked during each repetition, so momentum did part of the work.",
    ),
    Check(
        "sway",
        (Exercise.PULL_UP,),
        "torso_range_deg",
        "above",
        PULLUP_SWING_MAX_DEG,
        "°",
        SAGITTAL,
        "Your body swung during the repetitions.",
    ),
    Check(
        "kipping",
        (Exercise.PULL_UP,),
        "hip_range_deg",
        "above",
        KIPPING_HIP_RANGE_DEG,
        "°",
        SAGITTAL,
        "Your hips and knees drove each pull (kipping) instead of your back.",
    ),
    Check(
        "asymmetry",
        (Exercise.PULL_UP, *ROWS),
        "left_right_deg",
        "above",
        ASYMMETRY_MAX_DEG,
        "°",
        BOTH_ARMS,
        "One arm pulled further than the other.",
        side_metric="left_minus_right_deg",
    ),
    Check(
        "rounded-back",
        (Exercise.SEATED_CABLE_ROW, Exercise.BENT_OVER_BARBELL_ROW),
        "neck_deg",
        "above",
        NECK_FLEX_MAX_DEG,
        "°",
        SAGITTAL,
        "Your upper back and head may be curling forward; check that your back stays long.",
        certainty="possible",
    ),
    Check(
        "flared-elbows",
        (Exercise.SEATED_CABLE_ROW,),
        "elbow_flare_deg",
        "above",
        SEATED_FLARE_MAX_DEG,
        "°",
        FRONTAL,
        "Your elbows swung out wide at the end of the pull instead of travelling back at about 45 "
        "degrees from your sides.",
        unseen_why="from there the elbows move out largely toward or away from the camera",
    ),
)

P, S, B, C = (
    Exercise.PULL_UP,
    Exercise.SEATED_CABLE_ROW,
    Exercise.BENT_OVER_BARBELL_ROW,
    Exercise.CHEST_SUPPORTED_ROW,
)
# The catalogue mistake each finding stands for: a catalogue-wide id (``mistakes.yaml``) or the
# title of the exercise's own mistake. Uneven arms has no mistake in the catalogue: cue only.
MISTAKES: dict[tuple[str, Exercise], str] = {
    ("half-reps", P): "Half repetitions",
    ("partial-lockout", P): "Half repetitions",
    ("sway", P): "momentum-swing",
    ("kipping", P): "momentum-swing",
    **{("half-reps", e): "too-heavy-load" for e in ROWS},
    **{("partial-lockout", e): "too-heavy-load" for e in ROWS},
    ("too-upright", B): "Standing up as you row",
    ("too-upright", S): "poor-torso-position",
    ("sway", S): "Rocking the torso to move the weight",
    ("sway", B): "momentum-swing",
    ("sway", C): "Lifting the chest off the pad",
    ("rounded-back", S): "Rounding the back on the return",
    ("rounded-back", B): "Rounding the lower back under the bar",
    ("flared-elbows", S): "Flaring the elbows out wide",
}
# The words to say instead: one of the exercise's cues, steps, or its mistakes' fixes (a test holds
# every entry to the catalogue's text).
CUES: dict[tuple[str, Exercise], str] = {
    ("half-reps", P): "Chin clears the bar on every counted rep.",
    ("partial-lockout", P): (
        "Count only reps that start from straight arms and finish with the chin above the bar; "
        "use a band or an assisted machine to make full reps possible."
    ),
    ("sway", P): "Shoulders down first, then pull.",
    ("kipping", P): (
        "Hold the finished position for about one second on every rep, "
        "then take two to three seconds to lower."
    ),
    ("asymmetry", P): "Drive the elbows towards your back pockets.",
    ("half-reps", S): "Brief squeeze at the ribs, then a slow return.",
    ("partial-lockout", S): "Let the shoulder blades reach forward on the return, not your lower back.",
    ("too-upright", S): "Sit tall; the torso stays still while the arms do the rowing.",
    ("sway", S): "Sit tall; the torso stays still while the arms do the rowing.",
    ("asymmetry", S): "Elbows travel back at about 45 degrees from your sides.",
    ("rounded-back", S): "Let the shoulder blades reach forward on the return, not your lower back.",
    ("flared-elbows", S): "Elbows travel back at about 45 degrees from your sides.",
    ("half-reps", B): "Bar to the belly button, shoulders down.",
    ("partial-lockout", B): "Lower for a slow count of three.",
    ("too-upright", B): "Set the hinge once and keep the same torso angle every rep.",
    ("sway", B): "Set the hinge once and keep the same torso angle every rep.",
    ("asymmetry", B): "Bar to the belly button, shoulders down.",
    ("rounded-back", B): "Brace the belly before each pull.",
    ("half-reps", C): "Lead with the elbows, not the hands.",
    ("partial-lockout", C): (
        "Lower the dumbbells under control until the arms are straight again and let the shoulder "
        "blades spread apart before the next repetition."
    ),
    ("sway", C): "Chest stays glued to the pad for the whole set.",
    ("asymmetry", C): "Lead with the elbows, not the hands.",
}


def mistake_link(key: str, exercise: Exercise) -> tuple[str | None, str | None]:
    """(mistake_id, mistake_title): a catalogue-wide id, or a slug and the title of the exercise's own."""
    ref = MISTAKES.get((key, exercise))
    if ref is None:
        return None, None
    if " " in ref:
        return ref.lower().replace(" ", "-"), ref
    return ref, None


def checks_for(exercise: Exercise) -> tuple[Check, ...]:
    return tuple(c for c in CHECKS if exercise in c.exercises)


@dataclass(frozen=True)
class Evidence:
    metric: str
    value: float  # the median over the flagged repetitions
    threshold: float
    bad_when: str
    unit: str


@dataclass(frozen=True)
class Finding:
    check: str
    mistake_id: str | None
    mistake_title: str | None
    certainty: str
    confidence: float
    reps: tuple[int, ...]
    evidence: Evidence
    says: str
    cue: str


# Each check's name in plain words, for a person reading the report.
LABELS = {
    "half-reps": "range at the top of the pull",
    "partial-lockout": "straight arms at the bottom",
    "too-upright": "torso angle",
    "sway": "torso sway",
    "kipping": "kipping",
    "asymmetry": "left/right balance",
    "rounded-back": "back shape",
    "flared-elbows": "elbows' angle to the body",
}
# Where to film from, for the "not checked" note.
FILM_FROM = {View.SIDE: "from the side", View.FRONT: "from the front", View.BACK: "from behind"}


def _film_from(views: tuple[View, ...]) -> str:
    if View.SIDE in views:
        return "from the side"
    words = [FILM_FROM[v] for v in views if v in FILM_FROM]
    if View.OBLIQUE in views:
        words.append("at 45°")
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


@dataclass(frozen=True)
class NotChecked:
    check: str
    reason: str

    @property
    def label(self) -> str:
        return LABELS.get(self.check, self.check)


def _one_side(
    bad: list[tuple[int, float]], reps: Sequence[RepMetrics], side_metric: str, threshold: float
) -> list[tuple[int, float]]:
    """The flagged repetitions on the side that lags most often; none when no side is behind on
    average by more than ``threshold`` (or both lag equally often)."""
    side = {r.index: r.value(side_metric) for r in reps}
    signed = [v for v in side.values() if v is not None]
    if not signed or abs(sum(signed) / len(signed)) <= threshold:
        return []
    left = [(i, v) for i, v in bad if (side[i] or 0.0) > 0]
    right = [(i, v) for i, v in bad if (side[i] or 0.0) < 0]
    if len(left) == len(right):
        return []
    return left if len(left) > len(right) else right


def evaluate(
    exercise: Exercise, reps: Sequence[RepMetrics], view: View, *, angles: bool, seen_share: float
) -> tuple[list[Finding], list[NotChecked]]:
    """Findings over the set's repetitions, and the checks that could not be made, with why."""
    findings: list[Finding] = []
    skipped: list[NotChecked] = []
    for check in checks_for(exercise):
        if view not in check.views:
            why = f" ({check.unseen_why})" if check.unseen_why and view is not View.UNKNOWN else ""
            a = "an" if view.value[0] in "aeiou" else "a"
            reason = f"{a} {view} view cannot show this{why}; film {_film_from(check.views)}"
            skipped.append(NotChecked(check.key, reason))
            continue
        if check.needs_angles and not angles:
            skipped.append(NotChecked(check.key, "this file lost its aspect ratio, so angles are unreliable"))
            continue
        if not reps:
            continue
        metric, threshold = check.metric, check.threshold
        values = [r.value(metric) for r in reps]
        face_unseen = view is View.BACK  # a pose model still guesses a face it cannot see
        if check.fallback is not None and (
            face_unseen or sum(v is not None for v in values) < max(1, len(reps) // 2)
        ):
            metric = check.fallback
            threshold = check.fallback_threshold if check.fallback_threshold is not None else threshold
            # the fallback's sense is the opposite of the chin margin: larger is worse
            values = [r.value(metric) for r in reps]
            bad_when = "above"
        else:
            bad_when = check.bad_when
        seen = [(r.index, v) for r, v in zip(reps, values, strict=True) if v is not None]
        if not seen:
            skipped.append(NotChecked(check.key, "the landmarks it needs were not seen"))
            continue
        bad = [(i, v) for i, v in seen if (v > threshold if bad_when == "above" else v < threshold)]
        if check.side_metric is not None:
            bad = _one_side(bad, reps, check.side_metric, threshold)
        if not bad or len(bad) < MIN_SHARE * len(seen):
            continue
        share = len(bad) / len(seen)
        confidence = VIEW_TRUST[view] * (0.6 + 0.4 * share) * min(1.0, 0.5 + seen_share / 2)
        if check.certainty == "possible":
            confidence = min(confidence, POSSIBLE_CAP)
        bad_values = sorted(v for _, v in bad)
        mistake_id, mistake_title = mistake_link(check.key, exercise)
        findings.append(
            Finding(
                check=check.key,
                mistake_id=mistake_id,
                mistake_title=mistake_title,
                certainty=check.certainty,
                confidence=round(confidence, 2),
                reps=tuple(i for i, _ in bad),
                evidence=Evidence(
                    metric, round(bad_values[len(bad_values) // 2], 2), threshold, bad_when, check.unit
                ),
                says=check.says,
                cue=CUES[(check.key, exercise)],
            )
        )
    return findings, skipped
