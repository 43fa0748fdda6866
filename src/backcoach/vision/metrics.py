"""Per-repetition metrics over a cleaned landmark series: range of motion, chin over the bar,
torso lean and sway, hip drive, tempo, left/right symmetry, head carriage and how far the elbows
flare out from the body.

Each metric is None where the landmarks it needs were not seen, or where the file cannot support
it (an aspect ratio lost by per-axis normalisation distorts every angle).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from backcoach.vision import landmarks as lm
from backcoach.vision.counting import Count, RepWindow
from backcoach.vision.landmarks import FloatArray
from backcoach.vision.signal import angle, lean_from_vertical, midpoint, nanmean2


@dataclass(frozen=True)
class Features:
    """Per-frame measurements the counter and the checks read (NaN: not seen)."""

    elbow_left: FloatArray
    elbow_right: FloatArray
    elbow: FloatArray
    torso_lean: FloatArray  # degrees from vertical
    hip_angle: FloatArray  # shoulder-hip-knee
    neck: FloatArray  # head line away from the torso line
    hands_above_shoulders: FloatArray  # in torso lengths: small at the top of a pull-up
    chin_margin: FloatArray  # chin above the hands, in torso lengths
    elbow_flare: FloatArray  # upper arms out from the torso's sides in the frontal plane (NaN: side view)


def frontal_flare(pos: FloatArray, *, dims: int) -> FloatArray:
    """Degrees each upper arm stands out from the torso's side, in the frontal plane (the plane of
    the shoulder line and the torso line), averaged over the two arms: 0 with the elbows at the
    sides, 90 with the upper arms square to the torso. The arm's travel forward or back (the row's
    pull) is out of that plane and does not count."""
    sh = midpoint(pos, lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER)[..., :dims]
    hip = midpoint(pos, lm.LEFT_HIP, lm.RIGHT_HIP)[..., :dims]
    across = (pos[:, lm.LEFT_SHOULDER] - pos[:, lm.RIGHT_SHOULDER])[..., :dims]
    with np.errstate(invalid="ignore", divide="ignore"):
        down = hip - sh
        down = down / np.linalg.norm(down, axis=-1, keepdims=True)
        across = across - (across * down).sum(-1, keepdims=True) * down
        across = across / np.linalg.norm(across, axis=-1, keepdims=True)
        sides = []
        for shoulder, elbow in ((lm.LEFT_SHOULDER, lm.LEFT_ELBOW), (lm.RIGHT_SHOULDER, lm.RIGHT_ELBOW)):
            upper = (pos[:, elbow] - pos[:, shoulder])[..., :dims]
            sides.append(np.degrees(np.arctan2(np.abs((upper * across).sum(-1)), (upper * down).sum(-1))))
    return nanmean2(np.asarray(sides[0], dtype=np.float64), np.asarray(sides[1], dtype=np.float64))


def features(pos: FloatArray, *, depth: bool, planar: bool) -> Features:
    """Measurements from positions (frames × 33 × 3, one scale). ``planar``: angles in the image
    plane (a side view sees them true); otherwise in 3-D with MediaPipe's depth."""
    dims = 2 if (planar or not depth) else 3
    # The elbows bend partly across the image plane from every view (pull-up elbows go out to the
    # sides, row elbows 30-45° out), so their angle is taken in 3-D whenever there is depth.
    arm_dims = 3 if depth else 2
    el = angle(pos[:, lm.LEFT_SHOULDER], pos[:, lm.LEFT_ELBOW], pos[:, lm.LEFT_WRIST], dims=arm_dims)
    er = angle(pos[:, lm.RIGHT_SHOULDER], pos[:, lm.RIGHT_ELBOW], pos[:, lm.RIGHT_WRIST], dims=arm_dims)
    sh = midpoint(pos, lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER)
    hip = midpoint(pos, lm.LEFT_HIP, lm.RIGHT_HIP)
    knee = midpoint(pos, lm.LEFT_KNEE, lm.RIGHT_KNEE)
    ear = midpoint(pos, lm.LEFT_EAR, lm.RIGHT_EAR)
    wrist = midpoint(pos, lm.LEFT_WRIST, lm.RIGHT_WRIST)
    mouth = midpoint(pos, lm.MOUTH_LEFT, lm.MOUTH_RIGHT)
    nose = pos[:, lm.NOSE]
    torso_y = hip[:, 1] - sh[:, 1]  # image y grows downward
    with np.errstate(invalid="ignore", divide="ignore"):
        torso_y = np.where(torso_y > 1e-6, torso_y, np.nan)
        reach = (sh[:, 1] - wrist[:, 1]) / torso_y
        chin_y = mouth[:, 1] + (
            mouth[:, 1] - nose[:, 1]
        )  # the chin is as far below the mouth as the nose is above
        chin = (wrist[:, 1] - chin_y) / torso_y
    neck = 180.0 - angle(hip, sh, ear, dims=dims)
    # From the side the flare is toward or away from the camera, all in MediaPipe's depth (its
    # weakest coordinate) and with the far arm hidden: not measured there (rules.FRONTAL).
    flare = np.full(pos.shape[0], np.nan) if planar else frontal_flare(pos, dims=3 if depth else 2)
    return Features(
        elbow_left=el,
        elbow_right=er,
        elbow=nanmean2(el, er),
        torso_lean=lean_from_vertical(hip, sh, dims=dims),
        hip_angle=angle(sh, hip, knee, dims=dims),
        neck=neck,
        hands_above_shoulders=reach,
        chin_margin=chin,
        elbow_flare=flare,
    )


@dataclass(frozen=True)
class RepMetrics:
    index: int
    start_s: float
    end_s: float
    concentric_s: float
    eccentric_s: float
    elbow_top_deg: float | None
    elbow_bottom_deg: float | None
    rom_deg: float | None
    chin_margin: float | None
    hands_above_shoulders: float | None
    torso_deg: float | None  # lean at the start of the pull
    torso_range_deg: float | None  # how far the torso moved during the rep (sway)
    hip_range_deg: float | None
    left_right_deg: float | None  # elbow difference at the top, either way
    neck_deg: float | None
    elbow_flare_deg: float | None = None  # upper arms out from the sides at the finish of the pull
    rom_vs_model: float | None = None  # this rep's range of motion / the model's correct range
    # left minus right elbow at the top: its sign says which arm pulled less (the larger angle)
    left_minus_right_deg: float | None = None

    def value(self, name: str) -> float | None:
        v = getattr(self, name)
        return None if v is None else float(v)


def _stat(x: FloatArray, a: int, b: int, how: str) -> float | None:
    part = x[a : b + 1]
    if part.size == 0 or np.isfinite(part).sum() < max(1, part.size // 3):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if how == "min":
            v = float(np.nanmin(part))
        elif how == "max":
            v = float(np.nanmax(part))
        else:
            v = float(np.nanmedian(part))
    return None if math.isnan(v) else round(v, 2)


def _range(x: FloatArray, a: int, b: int) -> float | None:
    lo, hi = _stat(x, a, b, "min"), _stat(x, a, b, "max")
    return None if lo is None or hi is None else round(hi - lo, 2)


def rep_metrics(f: Features, count: Count, fps: float, *, angles: bool) -> list[RepMetrics]:
    """Metrics of each counted repetition; angle metrics only when ``angles`` can be trusted."""
    out: list[RepMetrics] = []
    for r in count.reps:
        out.append(_one(f, r, fps, angles))
    return out


def _one(f: Features, r: RepWindow, fps: float, angles: bool) -> RepMetrics:
    top = _stat(f.elbow, r.start, r.end, "min") if angles else None
    bottom = _stat(f.elbow, r.bottom_before, r.bottom_after, "max") if angles else None
    lr = None
    if angles:
        w = max(1, round(0.15 * fps))
        a, b = max(0, r.peak - w), r.peak + w
        left, right = _stat(f.elbow_left, a, b, "median"), _stat(f.elbow_right, a, b, "median")
        lr = None if left is None or right is None else round(left - right, 2)
    start_w = max(1, round(0.2 * fps))
    return RepMetrics(
        index=r.index,
        start_s=round(r.start / fps, 2),
        end_s=round(r.end / fps, 2),
        concentric_s=round((r.top_first - r.start) / fps, 2),
        eccentric_s=round((r.end - r.top_last) / fps, 2),
        elbow_top_deg=top,
        elbow_bottom_deg=bottom,
        rom_deg=None if top is None or bottom is None else round(bottom - top, 2),
        chin_margin=_stat(f.chin_margin, r.top_first, r.top_last, "max"),
        hands_above_shoulders=_stat(f.hands_above_shoulders, r.top_first, r.top_last, "min"),
        torso_deg=_stat(f.torso_lean, r.start, r.start + start_w, "median") if angles else None,
        torso_range_deg=_range(f.torso_lean, r.start, r.end) if angles else None,
        hip_range_deg=_range(f.hip_angle, r.start, r.end) if angles else None,
        left_right_deg=None if lr is None else abs(lr),
        left_minus_right_deg=lr,
        neck_deg=_stat(f.neck, r.start, r.end, "max") if angles else None,
        elbow_flare_deg=_stat(f.elbow_flare, r.top_first, r.top_last, "median") if angles else None,
    )
