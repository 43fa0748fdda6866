"""Which way the camera sees the person: side, front, back or oblique.

With depth (MediaPipe's z), the bearing of the shoulder and hip lines out of the image plane gives
the view directly: 0° is square on, 90° is from the side. Without it (a file that normalised each
axis on its own) the ratio of shoulder width to torso length in the image stands in. Front and
back are told apart by the landmarks' anatomical sides: seen from the front, the person's left
shoulder is on the image's right.
"""

from __future__ import annotations

import math
import warnings
from enum import StrEnum

import numpy as np

from backcoach.vision import landmarks as lm
from backcoach.vision.landmarks import FloatArray
from backcoach.vision.signal import midpoint


class View(StrEnum):
    SIDE = "side"
    FRONT = "front"
    BACK = "back"
    OBLIQUE = "oblique"
    UNKNOWN = "unknown"


# Bearing of the shoulder line out of the image plane. Halfway points between the canonical views
# (0°, 45°, 90°) rounded to 25° and 65°, so a camera set up "roughly" still lands on its view.
SQUARE_MAX_DEG = 25.0
SIDE_MIN_DEG = 65.0
# Without depth: shoulder width / torso length in the image. A square-on adult shows about 0.75
# (Winter's segment table: shoulder width 0.259 H, trunk 0.288 H); from the side it nears 0.
SIDE_MAX_RATIO = 0.3
SQUARE_MIN_RATIO = 0.6
# When the far shoulder is hidden in most frames where the near one is seen, the camera is at the
# side: from the front, back or at 45° both shoulders are in view.
ONE_SHOULDER_SHARE = 0.5


def detect_view(pos: FloatArray, *, depth: bool) -> tuple[View, float]:
    """The camera view and the bearing (degrees, 0 square on, 90 side; NaN without depth)."""
    ls, rs = pos[:, lm.LEFT_SHOULDER], pos[:, lm.RIGHT_SHOULDER]
    lh, rh = pos[:, lm.LEFT_HIP], pos[:, lm.RIGHT_HIP]
    seen = np.isfinite(ls).all(1) & np.isfinite(rs).all(1)
    either = np.isfinite(ls).all(1) | np.isfinite(rs).all(1)
    if either.sum() < 3:
        return View.UNKNOWN, math.nan
    if seen.sum() < ONE_SHOULDER_SHARE * either.sum():  # the far shoulder hidden behind the body
        return View.SIDE, 90.0
    d = (ls - rs)[seen]
    hips = np.isfinite(lh).all(1) & np.isfinite(rh).all(1)
    if depth:
        lines = np.vstack([d, (lh - rh)[hips]]) if hips.any() else d
        bearing = float(np.degrees(np.arctan2(np.abs(lines[:, 2]), np.abs(lines[:, 0]))).mean())
        if bearing >= SIDE_MIN_DEG:
            return View.SIDE, bearing
        if bearing > SQUARE_MAX_DEG:
            return View.OBLIQUE, bearing
    else:
        bearing = math.nan
        torso = midpoint(pos, lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER) - midpoint(pos, lm.LEFT_HIP, lm.RIGHT_HIP)
        length = np.linalg.norm(torso[:, :2], axis=1)[seen]
        with warnings.catch_warnings():  # no usable frame: NaN, handled below
            warnings.simplefilter("ignore", RuntimeWarning)
            ratio = float(np.nanmedian(np.abs(d[:, 0]) / np.where(length > 0, length, np.nan)))
        if not math.isfinite(ratio) or ratio < SIDE_MAX_RATIO:
            return View.SIDE, bearing
        if ratio < SQUARE_MIN_RATIO:
            return View.OBLIQUE, bearing
    facing_camera = float(np.median(d[:, 0])) > 0  # the left shoulder on the image's right
    return (View.FRONT if facing_camera else View.BACK), bearing
