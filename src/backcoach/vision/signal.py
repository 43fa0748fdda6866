"""Signal handling over landmark series: visibility gating, short gaps filled, smoothing, and the
geometry (joint angles, torso lean) computed from the cleaned landmarks.

Every constant is a choice with its reason written beside it; NaN marks "not seen" all the way
through, so a metric is never computed from a landmark the model itself did not trust.
"""

from __future__ import annotations

import warnings

import numpy as np

from backcoach.vision.landmarks import BoolArray, FloatArray, PoseSeries

# A landmark below this visibility is treated as unseen. pose.md §2: the open-source counters gate
# at 0.45–0.5; MediaPipe itself draws landmarks above 0.5.
MIN_VISIBILITY = 0.5
# Gaps (no person, or a landmark gated out) up to this long are filled by linear interpolation;
# longer gaps stay unseen. A third of a second is shorter than any half repetition (ACSM 2009:
# 1–2 s per concentric or eccentric phase), so a fill can never invent or erase a repetition.
MAX_GAP_S = 0.34
# Centred moving-average window. 0.2 s removes frame-to-frame jitter (pose.md §3: the raw
# Countix keypoints overcount badly without smoothing) while a 1 s concentric keeps its shape.
SMOOTH_S = 0.2


def gated(series: PoseSeries, min_visibility: float = MIN_VISIBILITY) -> FloatArray:
    """Positions on one scale (frames × 33 × 3) with unseen landmarks as NaN."""
    pos = series.scaled().copy()
    hidden = ~(series.frames[:, :, 3] >= min_visibility)
    pos[hidden] = np.nan
    return pos


def fill_gaps(x: FloatArray, max_gap: int) -> FloatArray:
    """Linear interpolation along axis 0 over runs of NaN no longer than ``max_gap`` frames."""
    out = np.array(x, dtype=np.float64, copy=True)
    flat = out.reshape(out.shape[0], -1)
    idx = np.arange(flat.shape[0])
    for c in range(flat.shape[1]):
        col = flat[:, c]
        ok = np.isfinite(col)
        if ok.all() or ok.sum() < 2:
            continue
        filled = np.interp(idx, idx[ok], col[ok])
        gap_len = _run_lengths(~ok)
        inside = (idx > idx[ok][0]) & (idx < idx[ok][-1])
        use = ~ok & inside & (gap_len <= max_gap)
        col[use] = filled[use]
    return out


def _run_lengths(mask: BoolArray) -> np.ndarray:
    """For each True element, the length of the run of True it belongs to (0 elsewhere)."""
    out = np.zeros(mask.shape[0], dtype=np.int64)
    i = 0
    n = mask.shape[0]
    while i < n:
        if mask[i]:
            j = i
            while j < n and mask[j]:
                j += 1
            out[i:j] = j - i
            i = j
        else:
            i += 1
    return out


def smooth(x: FloatArray, window: int) -> FloatArray:
    """Centred moving average along axis 0 that ignores NaN and keeps NaN where nothing was seen."""
    if window <= 1:
        return np.array(x, dtype=np.float64, copy=True)
    ok = np.isfinite(x)
    vals = np.where(ok, x, 0.0)
    pad = window // 2

    def conv(a: FloatArray) -> FloatArray:
        flat = a.reshape(a.shape[0], -1)
        padded = np.pad(flat, ((pad, window - 1 - pad), (0, 0)))
        cs = np.cumsum(np.vstack([np.zeros((1, flat.shape[1])), padded]), axis=0)
        res = cs[window:] - cs[:-window]
        return np.asarray(res.reshape(a.shape), dtype=np.float64)

    total = conv(vals)
    count = conv(ok.astype(np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / count
    out[~ok] = np.nan
    return np.asarray(out, dtype=np.float64)


def median3(x: FloatArray) -> FloatArray:
    """Three-frame running median along axis 0: removes single-frame spikes before averaging."""
    if x.shape[0] < 3:
        return np.array(x, copy=True)
    stack = np.stack([x[:-2], x[1:-1], x[2:]])
    with warnings.catch_warnings():  # an all-unseen window is NaN, as wanted
        warnings.simplefilter("ignore", RuntimeWarning)
        mid = np.nanmedian(stack, axis=0)
    out = np.array(x, copy=True)
    out[1:-1] = np.where(np.isfinite(x[1:-1]), mid, np.nan)
    return out


def clean(series: PoseSeries) -> FloatArray:
    """Gated, gap-filled and smoothed positions (frames × 33 × 3) of a series."""
    pos = gated(series)
    pos = fill_gaps(pos, max(1, round(MAX_GAP_S * series.fps)))
    pos = median3(pos)
    return smooth(pos, max(1, round(SMOOTH_S * series.fps)))


# --- geometry ----------------------------------------------------------------------------------


def angle(a: FloatArray, b: FloatArray, c: FloatArray, *, dims: int = 3) -> FloatArray:
    """Interior angle at ``b`` (degrees) of the points a-b-c, per frame; NaN where any is unseen."""
    u = (a - b)[..., :dims]
    v = (c - b)[..., :dims]
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = (u * v).sum(-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return np.asarray(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))), dtype=np.float64)


def midpoint(pos: FloatArray, left: int, right: int) -> FloatArray:
    """The mid-point of a left/right pair; one side alone when the other is unseen."""
    return nanmean2(pos[:, left], pos[:, right])


def nanmean2(a: FloatArray, b: FloatArray) -> FloatArray:
    """Element-wise mean of two arrays, either one where the other is NaN, NaN where both are."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(np.nanmean(np.stack([a, b]), axis=0), dtype=np.float64)


def lean_from_vertical(lower: FloatArray, upper: FloatArray, *, dims: int = 2) -> FloatArray:
    """Angle (degrees) of the segment lower→upper from straight up, in the image plane (dims=2) or
    in 3-D (dims=3); always positive: the direction of the lean is not needed by the checks."""
    v = (upper - lower)[..., :dims]
    up = -v[..., 1]  # image y grows downward
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = up / np.linalg.norm(v, axis=-1)
    return np.asarray(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))), dtype=np.float64)
