"""Synthetic landmark sequences from the kinematic model, with known counts and faults.

A set is a timeline of repetitions (concentric, hold, eccentric, rest, each jittered from rep to
rep), optionally starting at the top or with a long pause, seen by a camera from the side, front,
back or at 45°, projected the way MediaPipe reports landmarks, then spoiled with noise, frames with
no person and landmarks hidden behind the body. Everything is seeded and deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from backcoach.vision import landmarks as lm
from backcoach.vision.kinematics import Exercise, Fault, Pose3D, cross, form_of, pose_at
from backcoach.vision.landmarks import FloatArray, PoseSeries
from backcoach.vision.view import View

# Camera bearing around the person, degrees from straight in front toward the person's left.
VIEWS = (View.SIDE, View.FRONT, View.BACK, View.OBLIQUE)
CAMERA_YAW = {View.FRONT: 0.0, View.OBLIQUE: 45.0, View.SIDE: 90.0, View.BACK: 180.0}
ASPECT = 16 / 9  # a 1280 × 720 landscape clip
SCALE = 0.36  # image heights per metre: the person fills about two thirds of the frame
CENTRE_Y = {  # world height (m) at the middle of the image
    Exercise.PULL_UP: 1.45,
    Exercise.SEATED_CABLE_ROW: 0.75,
    Exercise.BENT_OVER_BARBELL_ROW: 0.85,
    Exercise.CHEST_SUPPORTED_ROW: 0.85,
}


@dataclass(frozen=True)
class Spoil:
    """How the clean sequence is degraded."""

    noise: float = 0.003  # landmark jitter, fraction of the image height (~2 px at 720p)
    drop: float = 0.0  # share of frames with no person, scattered
    burst: int = 0  # one run of this many consecutive frames with no person
    vis_jitter: float = 0.05


NOISY = Spoil(noise=0.006, drop=0.08, burst=12)


@dataclass(frozen=True)
class Synthetic:
    series: PoseSeries
    exercise: Exercise
    fault: Fault
    view: View
    reps: int


def timeline(
    reps: int, fps: float, rng: np.random.Generator, *, start_at_top: bool, pause_s: float
) -> tuple[FloatArray, FloatArray]:
    """Phase (0 stretched, 1 finished) and time for each frame of a set of ``reps`` repetitions."""
    pieces: list[tuple[float, float, float]] = []  # (from phase, to phase, seconds)
    if start_at_top:
        pieces += [(1, 1, 1.2), (1, 0, 1.6)]
    pieces.append((0, 0, 0.8))
    for k in range(reps):
        j = rng.uniform(0.85, 1.2, size=4)
        pieces += [(0, 1, 0.9 * j[0]), (1, 1, 0.35 * j[1]), (1, 0, 1.4 * j[2]), (0, 0, 0.5 * j[3])]
        if pause_s and k == reps // 2 - 1:
            pieces.append((0, 0, pause_s))
    pieces.append((0, 0, 0.8))
    phases: list[float] = []
    times: list[float] = []
    t0 = 0.0
    for a, b, dur in pieces:
        n = max(1, round(dur * fps))
        for i in range(n):
            u = i / n
            ease = 0.5 - 0.5 * math.cos(math.pi * u)
            phases.append(a + (b - a) * ease)
            times.append(t0 + i / fps)
        t0 += n / fps
    return np.array(phases), np.array(times)


def _landmarks(pose: Pose3D, yaw: float, centre_y: float) -> tuple[FloatArray, FloatArray]:
    """33 × 3 image coordinates (MediaPipe convention) and 33 visibilities of one skeleton."""
    j = pose.joints
    r = math.radians(yaw)
    toward = np.array([math.cos(r), 0.0, math.sin(r)])  # from the person to the camera
    right = cross(np.array([0.0, 1.0, 0.0]), -toward)  # the camera's right in the world
    left = np.array([0.0, 0.0, 1.0])
    pts = np.zeros((lm.N_LANDMARKS, 3))
    side = np.zeros(lm.N_LANDMARKS)  # +1 left, -1 right, 0 centre
    nose = j["nose"]
    hu, hf = pose.head_up, pose.chest
    face = {
        0: nose,
        1: nose + 0.03 * hu - 0.01 * hf + 0.015 * left,
        2: nose + 0.035 * hu - 0.015 * hf + 0.032 * left,
        3: nose + 0.03 * hu - 0.02 * hf + 0.048 * left,
        4: nose + 0.03 * hu - 0.01 * hf - 0.015 * left,
        5: nose + 0.035 * hu - 0.015 * hf - 0.032 * left,
        6: nose + 0.03 * hu - 0.02 * hf - 0.048 * left,
        7: nose + 0.02 * hu - 0.10 * hf + 0.075 * left,
        8: nose + 0.02 * hu - 0.10 * hf - 0.075 * left,
        9: nose - 0.04 * hu - 0.01 * hf + 0.025 * left,
        10: nose - 0.04 * hu - 0.01 * hf - 0.025 * left,
    }
    for i, p in face.items():
        pts[i] = p
    for name, li, ri in (
        ("shoulder", 11, 12),
        ("elbow", 13, 14),
        ("wrist", 15, 16),
        ("hip", 23, 24),
        ("knee", 25, 26),
        ("ankle", 27, 28),
    ):
        pts[li], pts[ri] = j[f"left_{name}"], j[f"right_{name}"]
        side[li], side[ri] = 1, -1
    for s, (wrist, elbow, base) in ((1, (15, 13, 17)), (-1, (16, 14, 18))):
        fore = pts[wrist] - pts[elbow]
        fore = fore / max(float(np.linalg.norm(fore)), 1e-9)
        pts[base] = pts[wrist] + 0.08 * fore - s * 0.02 * left  # pinky
        pts[base + 2] = pts[wrist] + 0.09 * fore + s * 0.01 * left  # index
        pts[base + 4] = pts[wrist] + 0.04 * fore + s * 0.03 * left  # thumb
        side[[base, base + 2, base + 4]] = s
    for s, (ankle, heel, toe) in ((1, (27, 29, 31)), (-1, (28, 30, 32))):
        pts[heel] = pts[ankle] - 0.05 * np.array([1.0, 0, 0]) - np.array([0, 0.05, 0])
        pts[toe] = pts[ankle] + 0.15 * np.array([1.0, 0, 0]) - np.array([0, 0.07, 0])
        side[[heel, toe]] = s
    hip_mid = (pts[23] + pts[24]) / 2
    out = np.empty((lm.N_LANDMARKS, 3))
    out[:, 0] = (0.5 * ASPECT + SCALE * (pts @ right)) / ASPECT
    out[:, 1] = 0.5 - SCALE * (pts[:, 1] - centre_y)
    out[:, 2] = -SCALE * ((pts - hip_mid) @ toward) / ASPECT
    facing = side * float(left @ toward)
    vis = np.where(facing > -0.8, 0.95, 0.3)
    if float(pose.chest @ toward) < -0.3:  # seen from behind: the face is hidden
        vis[list(lm.FACE)] = 0.15
    return out, vis


def generate(
    exercise: Exercise,
    fault: Fault = Fault.NONE,
    view: View = View.SIDE,
    *,
    reps: int = 8,
    fps: float = 30.0,
    seed: int = 0,
    spoil: Spoil = Spoil(),
    start_at_top: bool = False,
    pause_s: float = 0.0,
) -> Synthetic:
    """A set of ``reps`` repetitions of ``exercise`` with ``fault``, seen from ``view``."""
    rng = np.random.default_rng(seed)
    form = form_of(exercise, fault)
    phase, times = timeline(reps, fps, rng, start_at_top=start_at_top, pause_s=pause_s)
    yaw = CAMERA_YAW[view] + float(rng.uniform(-8, 8))  # nobody places a camera exactly
    n = len(phase)
    frames = np.empty((n, lm.N_LANDMARKS, 4))
    for i in range(n):
        xyz, vis = _landmarks(pose_at(exercise, form, phase[i], times[i]), yaw, CENTRE_Y[exercise])
        frames[i, :, :3] = xyz
        frames[i, :, 3] = vis
    frames[:, :, :2] += rng.normal(0.0, spoil.noise, size=(n, lm.N_LANDMARKS, 2)) * [1 / ASPECT, 1.0]
    frames[:, :, 2] += rng.normal(0.0, spoil.noise * 2, size=(n, lm.N_LANDMARKS))
    frames[:, :, 3] = np.clip(
        frames[:, :, 3] + rng.normal(0, spoil.vis_jitter, size=(n, lm.N_LANDMARKS)), 0, 1
    )
    lost = rng.random(n) < spoil.drop
    if spoil.burst and n > spoil.burst * 3:
        start = int(rng.integers(n // 4, n // 2))
        lost[start : start + spoil.burst] = True
    frames[lost] = np.nan
    series = PoseSeries(frames, fps, ASPECT, True, f"synthetic {exercise} {fault} {view}")
    return Synthetic(series, exercise, fault, view, reps)
