"""A kinematic model of the four exercises the source article teaches: joint angles over one
repetition, for correct form and for each fault, turned into a 3-D skeleton.

One model, three uses: it generates the synthetic landmark sequences the tests need
(``vision.synthetic``), it gives the reference a person's repetitions are compared with
(``CORRECT``: each rep's range of motion as a share of the model's, ``rom_vs_model``;
``reference_elbow_deg`` is the whole trajectory), and it draws the side-view stick figure of
``vision.demo`` (``side_outline``).

World frame, metres: X the way the person faces, Y up, Z to the person's left. A repetition runs
on a phase p in [0, 1]: 0 the stretched start (arms long), 1 the finished pull.

The angles come from the catalogue and the research notes (``../shared/reference/pose.md`` §2):
elbow straight (about 170°) at the bottom and well bent (≤ 90°) at the top; bent-over row hinged
about 45°; seated row upright with elbows about 45° from the sides; chest on a 30–45° bench.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from backcoach.vision.landmarks import FloatArray

# Segment lengths of a 1.75 m adult, metres (Winter, Biomechanics and Motor Control of Human
# Movement, segment length as a fraction of height: upper arm 0.186, forearm 0.146, thigh 0.245,
# shank 0.246, shoulder width 0.259; the torso is shoulder to hip).
TORSO = 0.50
SHOULDER_HALF = 0.19
HIP_HALF = 0.11
UPPER_ARM = 0.32
FOREARM = 0.26
THIGH = 0.43
SHANK = 0.43
GRIP_HALF = 0.27  # pull-up grip: hands a little wider than the shoulders (catalogue: shoulder-width)


# The flared-elbow fault: the upper arms 80° out from the sides at the finish, the wide "high row"
# (upper arms near shoulder height) that people drift into when the upper back tires, against the
# article's 45° (exercise 2, step 4). Our choice, well clear of the check's 65° threshold.
FLARED_ABDUCTION_DEG = 80.0


class Exercise(StrEnum):
    PULL_UP = "pull-up"
    SEATED_CABLE_ROW = "seated-cable-row"
    BENT_OVER_BARBELL_ROW = "bent-over-barbell-row"
    CHEST_SUPPORTED_ROW = "chest-supported-row"


class Fault(StrEnum):
    NONE = "none"
    HALF_REPS = "half-reps"  # the pull stops short of the top
    PARTIAL_LOCKOUT = "partial-lockout"  # the arms never straighten at the bottom
    TOO_UPRIGHT = "too-upright"  # bent-over row with the torso barely hinged
    SWAY = "sway"  # the torso rocks with each repetition
    KIPPING = "kipping"  # pull-up driven by the hips and knees
    ASYMMETRY = "asymmetry"  # one arm pulls less than the other
    ROUNDED_BACK = "rounded-back"  # head and upper back curl forward (seen only as "possible")
    FLARED_ELBOWS = "flared-elbows"  # seated row with the upper arms swung out wide of 45°


FAULTS_OF: dict[Exercise, tuple[Fault, ...]] = {
    Exercise.PULL_UP: (
        Fault.NONE,
        Fault.HALF_REPS,
        Fault.PARTIAL_LOCKOUT,
        Fault.SWAY,
        Fault.KIPPING,
        Fault.ASYMMETRY,
    ),
    Exercise.SEATED_CABLE_ROW: (
        Fault.NONE,
        Fault.HALF_REPS,
        Fault.PARTIAL_LOCKOUT,
        Fault.SWAY,
        Fault.ASYMMETRY,
        Fault.ROUNDED_BACK,
        Fault.FLARED_ELBOWS,
    ),
    Exercise.BENT_OVER_BARBELL_ROW: (
        Fault.NONE,
        Fault.HALF_REPS,
        Fault.PARTIAL_LOCKOUT,
        Fault.TOO_UPRIGHT,
        Fault.SWAY,
        Fault.ASYMMETRY,
        Fault.ROUNDED_BACK,
    ),
    Exercise.CHEST_SUPPORTED_ROW: (
        Fault.NONE,
        Fault.HALF_REPS,
        Fault.PARTIAL_LOCKOUT,
        Fault.SWAY,
        Fault.ASYMMETRY,
    ),
}


@dataclass(frozen=True)
class Form:
    """The angles that describe one way of doing an exercise (degrees)."""

    elbow_bottom: float  # interior elbow angle with the arms long
    elbow_top: float  # interior elbow angle at the finish
    torso: float  # lean of the torso from vertical, forward positive
    torso_swing: float = 0.0  # how far the torso travels back over the pull (rocking)
    pendulum: float = 0.0  # amplitude of a free body swing (pull-up), independent of the pull
    hip_flexion: float = 20.0  # thigh forward of the torso line
    hip_drive: float = 0.0  # extra hip flexion thrown into the pull (kipping)
    right_lag: float = 0.0  # the right elbow bends this much less at the top (asymmetry)
    neck: float = 0.0  # head and upper back curled forward of the torso line
    arm_start: float = 0.0  # direction of the long arm, degrees from straight down toward forward
    arm_swing: float = 1.0  # shoulder extension per degree of elbow bend
    abduction: float = 30.0  # elbows out from the body
    hip_height: float = 0.9


CORRECT: dict[Exercise, Form] = {
    Exercise.PULL_UP: Form(elbow_bottom=170, elbow_top=30, torso=5, hip_flexion=20),
    Exercise.SEATED_CABLE_ROW: Form(
        elbow_bottom=172, elbow_top=70, torso=0, arm_start=80, arm_swing=0.9, abduction=45, hip_height=0.45
    ),
    Exercise.BENT_OVER_BARBELL_ROW: Form(elbow_bottom=172, elbow_top=75, torso=45, abduction=30),
    Exercise.CHEST_SUPPORTED_ROW: Form(
        elbow_bottom=172, elbow_top=75, torso=50, abduction=30, hip_height=0.8
    ),
}


def form_of(exercise: Exercise, fault: Fault) -> Form:
    """The exercise's correct form with one fault applied."""
    base = CORRECT[exercise]
    if fault not in FAULTS_OF[exercise]:
        raise ValueError(f"{exercise}: the model has no fault '{fault}'")
    rows = exercise is not Exercise.PULL_UP
    match fault:
        case Fault.NONE:
            return base
        case Fault.HALF_REPS:
            return replace(base, elbow_top=125 if rows else 95)
        case Fault.PARTIAL_LOCKOUT:
            return replace(base, elbow_bottom=125)
        case Fault.TOO_UPRIGHT:
            return replace(base, torso=15)
        case Fault.SWAY:
            return replace(base, torso_swing=25) if rows else replace(base, pendulum=16)
        case Fault.KIPPING:
            return replace(base, hip_drive=60, torso_swing=-6)
        case Fault.ASYMMETRY:
            return replace(base, right_lag=40 if rows else 25)
        case Fault.ROUNDED_BACK:
            return replace(base, neck=45)
        case Fault.FLARED_ELBOWS:
            # upper arms nearly square to the torso, the high-elbow row the article's 45° rules out
            return replace(base, abduction=FLARED_ABDUCTION_DEG)
    raise AssertionError(fault)  # pragma: no cover


def reference_elbow_deg(exercise: Exercise, phase: FloatArray) -> FloatArray:
    """The correct elbow angle over a repetition's phase: the trajectory reps are compared with."""
    form = CORRECT[exercise]
    return form.elbow_bottom + (form.elbow_top - form.elbow_bottom) * np.clip(phase, 0.0, 1.0)


# --- the skeleton ----------------------------------------------------------------------------

_F = np.array([1.0, 0.0, 0.0])
_U = np.array([0.0, 1.0, 0.0])
_L = np.array([0.0, 0.0, 1.0])


def sag(deg: float) -> FloatArray:
    """A unit vector in the sagittal plane, ``deg`` from straight down toward forward."""
    r = math.radians(deg)
    return -math.cos(r) * _U + math.sin(r) * _F


def cross(a: FloatArray, b: FloatArray) -> FloatArray:
    """Cross product of two 3-vectors (numpy's general one is ten times slower on single vectors)."""
    return np.array([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])


def _rotate(v: FloatArray, axis: FloatArray, deg: float) -> FloatArray:
    """Rodrigues' rotation of ``v`` about the unit ``axis``."""
    r = math.radians(deg)
    return v * math.cos(r) + cross(axis, v) * math.sin(r) + axis * float(axis @ v) * (1 - math.cos(r))


def _elbow_ik(shoulder: FloatArray, wrist: FloatArray, hint: FloatArray) -> FloatArray:
    """The elbow of a two-segment arm from shoulder to wrist, bent toward ``hint``."""
    d_vec = wrist - shoulder
    d = float(np.clip(np.linalg.norm(d_vec), abs(UPPER_ARM - FOREARM) + 1e-3, UPPER_ARM + FOREARM - 1e-4))
    w = d_vec / max(float(np.linalg.norm(d_vec)), 1e-9)
    a = (UPPER_ARM**2 - FOREARM**2 + d**2) / (2 * d)
    h = math.sqrt(max(UPPER_ARM**2 - a**2, 0.0))
    perp = hint - float(hint @ w) * w
    perp = perp / max(float(np.linalg.norm(perp)), 1e-9)
    return np.asarray(shoulder + a * w + h * perp, dtype=np.float64)


def _reach(elbow_deg: float) -> float:
    """Shoulder-to-wrist distance for an interior elbow angle (law of cosines)."""
    c = math.cos(math.radians(elbow_deg))
    return math.sqrt(UPPER_ARM**2 + FOREARM**2 - 2 * UPPER_ARM * FOREARM * c)


@dataclass(frozen=True)
class Pose3D:
    """The joints the landmarks are built from, world coordinates in metres."""

    joints: dict[str, FloatArray]
    chest: FloatArray  # unit vector the chest faces
    head_up: FloatArray


def pose_at(exercise: Exercise, form: Form, phase: float, t: float) -> Pose3D:
    """The skeleton at ``phase`` of a repetition, ``t`` seconds into the set (for free swinging)."""
    p = float(np.clip(phase, 0.0, 1.0))
    elbow = form.elbow_bottom + (form.elbow_top - form.elbow_bottom) * p
    elbow_right = elbow + form.right_lag * p
    swing = form.pendulum * math.sin(2 * math.pi * t / 2.4)
    torso_deg = form.torso - form.torso_swing * p + swing
    if form.hip_drive:  # kipping: the knees drive up early in the pull, the torso swings back
        torso_deg += form.torso_swing * math.sin(math.pi * p)
    th = math.radians(torso_deg)
    up = math.cos(th) * _U + math.sin(th) * _F  # hip -> shoulder
    chest = -math.sin(th) * _U + math.cos(th) * _F
    j: dict[str, FloatArray] = {}
    if exercise is Exercise.PULL_UP:
        bar = np.array([0.0, 2.3, 0.0])
        for side, e, s in (("left", elbow, 1.0), ("right", elbow_right, -1.0)):
            wrist = bar + s * GRIP_HALF * _L
            reach = _reach(e)
            lateral = GRIP_HALF - SHOULDER_HALF
            drop = math.sqrt(max(reach**2 - lateral**2, 1e-6))
            j[f"{side}_wrist"] = wrist
            j[f"{side}_shoulder"] = wrist - s * lateral * _L - drop * _U + 0.05 * chest * (1 - p)
        mid = (j["left_shoulder"] + j["right_shoulder"]) / 2
        # a free swing pivots about the bar: shoulders and hips swing together
        mid = mid + math.sin(math.radians(swing)) * 0.35 * _F
        for side in ("left", "right"):
            j[f"{side}_shoulder"] = j[f"{side}_shoulder"] + math.sin(math.radians(swing)) * 0.35 * _F
        hip_mid = mid - TORSO * up
        for side, s in (("left", 1.0), ("right", -1.0)):
            hint = s * _L + 0.3 * _F
            j[f"{side}_elbow"] = _elbow_ik(j[f"{side}_shoulder"], j[f"{side}_wrist"], hint)
        flex = form.hip_flexion + form.hip_drive * math.sin(math.pi * p)
        thigh = sag(-torso_deg + flex)
        shank = sag(-torso_deg + flex - 100)  # knees bent, ankles behind
    else:
        hip_mid = np.array([0.0, form.hip_height, 0.0])
        mid = hip_mid + TORSO * up
        for side, e, s in (("left", elbow, 1.0), ("right", elbow_right, -1.0)):
            shoulder = mid + s * SHOULDER_HALF * _L
            b = 180.0 - e
            psi = form.arm_swing * b
            ua = sag(form.arm_start - psi)
            fa = sag(form.arm_start - psi + b)
            axis = sag(form.arm_start)
            out = form.abduction * min(1.0, psi / 45.0)  # elbows leave the sides as the pull starts
            # turn the arm's plane about the long-arm line, toward its own side
            sign = 1.0 if s * float(_rotate(sag(form.arm_start - 90), axis, 30.0) @ _L) > 0 else -1.0
            ua = _rotate(ua, axis, sign * out)
            fa = _rotate(fa, axis, sign * out)
            j[f"{side}_shoulder"] = shoulder
            j[f"{side}_elbow"] = shoulder + UPPER_ARM * ua
            j[f"{side}_wrist"] = j[f"{side}_elbow"] + FOREARM * fa
        if exercise is Exercise.SEATED_CABLE_ROW:
            thigh, shank = sag(95), sag(40)
        elif exercise is Exercise.CHEST_SUPPORTED_ROW:
            thigh, shank = sag(30), sag(-10)
        else:
            thigh, shank = sag(20), sag(-15)
    for side, s in (("left", 1.0), ("right", -1.0)):
        hip = hip_mid + s * HIP_HALF * _L
        j[f"{side}_hip"] = hip
        j[f"{side}_knee"] = hip + THIGH * thigh
        j[f"{side}_ankle"] = j[f"{side}_knee"] + SHANK * shank
    nr = math.radians(form.neck)
    head_up = math.cos(nr) * up + math.sin(nr) * chest
    head_fwd = -math.sin(nr) * up + math.cos(nr) * chest
    neck_base = mid if not form.neck else mid + 0.06 * chest  # a rounded upper back carries the head forward
    j["nose"] = neck_base + 0.26 * head_up + 0.10 * head_fwd
    return Pose3D(j, head_fwd, head_up)


def side_outline(exercise: Exercise, phase: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Stick-figure segments (x forward, y up, metres) of the correct form from the side."""
    pose = pose_at(exercise, CORRECT[exercise], phase, 0.0)
    j = pose.joints
    chain = [
        ("nose", "left_shoulder"),
        ("left_shoulder", "left_elbow"),
        ("left_elbow", "left_wrist"),
        ("left_shoulder", "left_hip"),
        ("left_hip", "left_knee"),
        ("left_knee", "left_ankle"),
    ]
    return [((float(j[a][0]), float(j[a][1])), (float(j[b][0]), float(j[b][1]))) for a, b in chain]
