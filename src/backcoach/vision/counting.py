"""Counting repetitions on a one-dimensional "how far into the pull" signal, with hysteresis.

The signal rises as the pull finishes (elbow flexion for the rows; for the pull-up, how high the
shoulders come toward the hands). Its range over the set is measured robustly (5th to 95th
percentile). The counter then follows the signal's turns with a hysteresis of ``TRAVEL`` of that
range (a zig-zag filter): a top is confirmed only once the signal has fallen that far below it, a
bottom only once it has risen that far above it, and a repetition is a bottom-to-top climb of at
least that much. Jitter smaller than the hysteresis cannot count twice (pose.md §3: the naive
counter's failure); reps that stop at different heights each count on their own climb; a clip
that starts at the top counts nothing until the person has been down and up again; a long pause
anywhere is just a long wait for the next turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from backcoach.vision.landmarks import FloatArray
from backcoach.vision.signal import smooth

# A repetition climbs at least 40 % of the set's range: a rep that reaches only half the range of
# its neighbours still counts (and the whole set being half reps does not matter: the range is the
# set's own), while a twitch or a re-grip at the top or bottom does not.
TRAVEL = 0.40
# A concentric and eccentric take 1–2 s each (ACSM 2009 position stand, moderate velocity); two
# tops closer than 0.6 s cannot be two repetitions.
MIN_REP_S = 0.6
# Edges of a repetition: where the signal leaves, and comes back to, within 10 % of the range of
# the bottom between reps; the top plateau is within 10 % of the rep's peak.
EDGE_BAND = 0.10
PERCENTILES = (5.0, 95.0)
# A second without the person (off camera, or the pose model lost) breaks the chain of turns.
MAX_UNSEEN_S = 1.0
# The counting signal is smoothed once more, over 0.5 s: half the shortest half repetition
# (ACSM's 1–2 s), which keeps every real turn while MediaPipe's noisy depth, which the elbow angle
# uses, cannot wobble across both bands.
COUNT_SMOOTH_S = 0.5


@dataclass(frozen=True)
class RepWindow:
    """Frame indices of one repetition: bottoms either side, start, top plateau, end."""

    index: int
    bottom_before: int
    start: int
    top_first: int
    peak: int
    top_last: int
    end: int
    bottom_after: int


@dataclass(frozen=True)
class Count:
    reps: tuple[RepWindow, ...]
    low: float
    high: float

    @property
    def amplitude(self) -> float:
        return self.high - self.low


def count_reps(signal: FloatArray, fps: float, *, min_amplitude: float) -> Count:
    """Repetitions in ``signal`` (NaN: not seen); none when it moves less than ``min_amplitude``."""
    signal = smooth(signal, max(1, round(COUNT_SMOOTH_S * fps)))
    ok = np.isfinite(signal)
    if ok.sum() < 3:
        return Count((), float("nan"), float("nan"))
    low, high = (float(v) for v in np.percentile(signal[ok], PERCENTILES))
    amp = high - low
    if amp < min_amplitude:
        return Count((), low, high)
    turns = _turns(signal, TRAVEL * amp, max(2, round(MAX_UNSEEN_S * fps)))
    min_gap = MIN_REP_S * fps
    reps: list[RepWindow] = []
    last_peak = -(10**9)
    for k in range(1, len(turns)):
        kind, peak = turns[k]
        if kind != "top" or turns[k - 1][0] != "bottom" or peak - last_peak < min_gap:
            continue
        last_peak = peak
        b_before = turns[k - 1][1]
        b_after = turns[k + 1][1] if k + 1 < len(turns) else _argmin(signal, peak, signal.shape[0])
        reps.append(_window(signal, len(reps) + 1, b_before, peak, b_after))
    return Count(tuple(reps), low, high)


def _turns(signal: FloatArray, travel: float, max_unseen: int) -> list[tuple[str, int]]:
    """The confirmed turns of ``signal`` ("top"/"bottom", frame), by a zig-zag of ``travel``.
    After ``max_unseen`` frames without the person the search starts afresh: a climb whose descent
    was not seen is not a repetition."""
    idx = np.flatnonzero(np.isfinite(signal))
    turns: list[tuple[str, int]] = []
    hi = lo = int(idx[0])
    state = "unknown"
    prev = int(idx[0])
    for i in idx[1:]:
        v = float(signal[i])
        if i - prev > max_unseen:
            if state == "falling":
                turns.append(("bottom", lo))  # the descent was seen: its lowest point ends the rep
            turns.append(("gap", int(i)))
            state, hi, lo = "unknown", int(i), int(i)
        prev = int(i)
        if state in ("unknown", "rising") and v > signal[hi]:
            hi = int(i)
        if state in ("unknown", "falling") and v < signal[lo]:
            lo = int(i)
        if state in ("unknown", "rising") and v <= signal[hi] - travel:
            if state == "unknown" and lo < hi:
                turns.append(("bottom", lo))
            turns.append(("top", hi))
            state, lo = "falling", int(i)
        elif state in ("unknown", "falling") and v >= signal[lo] + travel:
            if state == "unknown" and hi < lo:
                turns.append(("top", hi))
            turns.append(("bottom", lo))
            state, hi = "rising", int(i)
    # A clip that ends at the top (the person let go, or the camera stopped) leaves that last climb
    # unconfirmed: it is not counted, as a set normally ends back at the bottom.
    return turns


def _window(signal: FloatArray, index: int, b_before: int, peak: int, b_after: int) -> RepWindow:
    rise = float(signal[peak]) - float(signal[b_before])
    edge = EDGE_BAND * max(rise, 1e-9)
    start = _last(signal, b_before, peak, lambda v: v <= float(signal[b_before]) + edge, b_before)
    end = _first(signal, peak, b_after + 1, lambda v: v <= float(signal[b_after]) + edge, b_after)
    top_lim = float(signal[peak]) - edge
    top_first = _first(signal, start, peak + 1, lambda v: v >= top_lim, peak)
    top_last = _last(signal, peak, end + 1, lambda v: v >= top_lim, peak)
    return RepWindow(index, b_before, start, top_first, peak, top_last, end, b_after)


def _argmin(signal: FloatArray, a: int, b: int) -> int:
    part = signal[a:b]
    if part.size == 0 or not np.isfinite(part).any():
        return a
    return a + int(np.nanargmin(part))


def _first(signal: FloatArray, a: int, b: int, test: Callable[[float], bool], default: int) -> int:
    for i in range(a, b):
        if np.isfinite(signal[i]) and test(float(signal[i])):
            return i
    return default


def _last(signal: FloatArray, a: int, b: int, test: Callable[[float], bool], default: int) -> int:
    for i in range(b - 1, a - 1, -1):
        if np.isfinite(signal[i]) and test(float(signal[i])):
            return i
    return default
