"""Analyse a set from its landmark series: who is there, from which view, how many repetitions,
each repetition's metrics, and the form findings. Pure: the series comes in, a report goes out.

Both doors share this: a video goes through ``vision.pose`` first, a landmark file through
``vision.formats``; everything after the pose stage is the same.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from backcoach.errors import InputError
from backcoach.vision.counting import count_reps
from backcoach.vision.kinematics import CORRECT, Exercise
from backcoach.vision.landmarks import FloatArray, PoseSeries
from backcoach.vision.metrics import Features, RepMetrics, features, rep_metrics
from backcoach.vision.rules import Finding, NotChecked, evaluate
from backcoach.vision.signal import clean
from backcoach.vision.view import View, detect_view

# A clip needs a person in at least a second's worth of frames and a tenth of the clip.
MIN_PERSON_S = 1.0
MIN_PERSON_SHARE = 0.1
# The smallest movement that is a set at all: the shoulders travel a fifth of a torso length toward
# the hands (pull-up), or the elbow bends 25° (rows). Less is standing or hanging still.
PULLUP_MIN_TRAVEL = 0.2
ROW_MIN_TRAVEL_DEG = 25.0
# Hands relative to the shoulders, in torso lengths, that a hanging body can show: at most an arm's
# length above (0.58 m of arm over a 0.5 m torso, Winter's table, is about 1.2; 2 leaves room for
# build), and no lower than a quarter torso below (the shoulders reach the bar only in a
# chest-to-bar pull). Outside that the person is off the bar or the pose model slipped.
HANDS_ABOVE_MAX = 2.0
HANDS_BELOW_MAX = -0.25
# A row keeps the hands below the shoulders, a pull-up above them, in most frames.
POSTURE_SHARE = 0.5

NAMES = {
    Exercise.PULL_UP: "a pull-up",
    Exercise.SEATED_CABLE_ROW: "a seated cable row",
    Exercise.BENT_OVER_BARBELL_ROW: "a bent-over barbell row",
    Exercise.CHEST_SUPPORTED_ROW: "a chest-supported row",
}


@dataclass(frozen=True)
class Trace:
    """Per-frame curves for a chart: time, the counting signal, the elbow angle, the torso lean."""

    t: FloatArray
    signal: FloatArray
    elbow: FloatArray
    torso: FloatArray


@dataclass(frozen=True)
class FormReport:
    exercise_id: str
    reps: int
    view: View
    frames: int
    fps: float
    analysed_fps: float
    seen_share: float
    per_rep: tuple[RepMetrics, ...]
    findings: tuple[Finding, ...]
    not_checked: tuple[NotChecked, ...]
    trace: Trace


def exercise_of(exercise_id: str) -> Exercise:
    """The modelled exercise with this catalogue id; an input error for any other."""
    try:
        return Exercise(exercise_id)
    except ValueError:
        known = ", ".join(e.value for e in Exercise)
        raise InputError(f"exercise: form checks know only {known}, not '{exercise_id[:60]}'") from None


def counting_signal(exercise: Exercise, f: Features) -> tuple[FloatArray, float]:
    """The signal that rises as the pull finishes, and the least travel that makes a set."""
    if exercise is Exercise.PULL_UP:
        reach = f.hands_above_shoulders
        plausible = (reach >= HANDS_BELOW_MAX) & (reach <= HANDS_ABOVE_MAX)
        return np.where(plausible, -reach, np.nan), PULLUP_MIN_TRAVEL
    return 180.0 - f.elbow, ROW_MIN_TRAVEL_DEG


def _share(mask: np.ndarray, seen: np.ndarray) -> float:
    n = int(seen.sum())
    return float((mask & seen).sum()) / n if n else 0.0


def check_posture(exercise: Exercise, f: Features, name: str) -> None:
    """Refuse a file that does not show the exercise asked for (hands where they cannot be)."""
    reach = f.hands_above_shoulders
    seen = np.isfinite(reach)
    if seen.sum() < 3:
        raise InputError(f"{name}: the shoulders and hands are not visible, so no set can be analysed")
    if exercise is Exercise.PULL_UP:
        if _share(reach > 0, seen) < POSTURE_SHARE:
            raise InputError(f"{name} does not show {NAMES[exercise]}: the hands are below the shoulders")
    elif _share(reach > 0.3, seen) > POSTURE_SHARE:
        raise InputError(f"{name} does not show {NAMES[exercise]}: the hands are above the shoulders")


def _against_model(exercise: Exercise, rep: RepMetrics) -> RepMetrics:
    """The rep's range of motion as a share of the kinematic model's correct range."""
    if rep.rom_deg is None:
        return rep
    model = CORRECT[exercise]
    return replace(rep, rom_vs_model=round(rep.rom_deg / (model.elbow_bottom - model.elbow_top), 2))


def analyse(series: PoseSeries, exercise_id: str, *, name: str = "the file") -> FormReport:
    """Count and check the set in ``series``; input errors for no person or the wrong exercise."""
    exercise = exercise_of(exercise_id)
    present = series.present
    if present.sum() < max(MIN_PERSON_S * series.fps, MIN_PERSON_SHARE * series.n, 2):
        raise InputError(f"{name}: no person found in enough of the clip to analyse it")
    pos = clean(series)
    angles = series.aspect is not None
    view, _ = detect_view(pos, depth=series.depth and angles)
    f = features(pos, depth=series.depth and angles, planar=view is View.SIDE)
    check_posture(exercise, f, name)
    signal, travel = counting_signal(exercise, f)
    count = count_reps(signal, series.fps, min_amplitude=travel)
    per_rep = [_against_model(exercise, r) for r in rep_metrics(f, count, series.fps, angles=angles)]
    seen_share = float(present.mean())
    findings, skipped = evaluate(exercise, per_rep, view, angles=angles, seen_share=seen_share)
    t = np.arange(series.n) / series.fps
    return FormReport(
        exercise_id=exercise.value,
        reps=len(count.reps),
        view=view,
        frames=series.source_frames or series.n * series.skipped,
        fps=round(series.fps * series.skipped, 3),
        analysed_fps=round(series.fps, 3),
        seen_share=round(seen_share, 3),
        per_rep=tuple(per_rep),
        findings=tuple(findings),
        not_checked=tuple(skipped),
        trace=Trace(t, signal, f.elbow, f.torso_lean),
    )


def _clean_json(v: Any) -> Any:
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def report_to_json(report: FormReport) -> dict[str, Any]:
    """The public JSON shape (``backcoach analyze --json``, the web API)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        per_rep = [{k: _clean_json(v) for k, v in vars(r).items()} for r in report.per_rep]
    return {
        "exercise_id": report.exercise_id,
        "reps": report.reps,
        "view": report.view.value,
        "frames": report.frames,
        "fps": report.fps,
        "analysed_fps": report.analysed_fps,
        "per_rep": per_rep,
        "findings": [
            {
                "mistake_id": f.mistake_id,
                "confidence": f.confidence,
                "reps": list(f.reps),
                "evidence": {
                    "metric": f.evidence.metric,
                    "value": f.evidence.value,
                    "threshold": f.evidence.threshold,
                    "bad_when": f.evidence.bad_when,
                    "unit": f.evidence.unit,
                },
                "check": f.check,
                "certainty": f.certainty,
                "says": f.says,
                "cue": f.cue,
                "mistake_title": f.mistake_title,
            }
            for f in report.findings
        ],
        "not_checked": [{"check": n.check, "reason": n.reason} for n in report.not_checked],
    }
