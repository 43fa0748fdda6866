"""The annotated clip's pictures: the pose skeleton drawn over a frame, with a repetition counter
and the current repetition's findings, the body segments they concern drawn in red (amber for a
"possible" one). Pure: numpy arrays in and out, Pillow only to rasterise lines and text in memory;
writing the clip is the adapter ``interop.annotated_video``.

A frame of the source clip maps to the analysed landmarks it was posed on (one in ``skipped``
frames when only some were posed); a frame with no person, or a landmark MediaPipe did not trust,
draws nothing rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from backcoach.vision import landmarks as lm
from backcoach.vision.rules import LABELS
from backcoach.vision.signal import MIN_VISIBILITY

if TYPE_CHECKING:
    from backcoach.vision.analysis import FormReport
    from backcoach.vision.landmarks import PoseSeries

Picture = NDArray[np.uint8]  # height × width × 3, RGB

# A landmark file has no pictures: its skeleton goes on a plain background 720 px high (the
# common 720p height; MediaPipe's coordinates are fractions of the original frame, so its width
# follows the file's aspect ratio, square when the file lost it).
PLAIN_HEIGHT = 720
BACKGROUND = (24, 26, 30)  # near black: the skeleton's colours stand out on it
BONE = (64, 220, 255)  # cyan: visible over most gym footage and on the plain background
FLAGGED = (235, 40, 40)  # red: this repetition has a finding about this segment
POSSIBLE = (255, 170, 0)  # amber: only a "possible" finding (rules.POSSIBLE_CAP)
TEXT = (255, 255, 255)
PANEL = (0, 0, 0)

ARMS = ((lm.LEFT_SHOULDER, lm.LEFT_ELBOW), (lm.LEFT_ELBOW, lm.LEFT_WRIST),
        (lm.RIGHT_SHOULDER, lm.RIGHT_ELBOW), (lm.RIGHT_ELBOW, lm.RIGHT_WRIST))  # fmt: skip
TORSO = ((lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER), (lm.LEFT_SHOULDER, lm.LEFT_HIP),
         (lm.RIGHT_SHOULDER, lm.RIGHT_HIP), (lm.LEFT_HIP, lm.RIGHT_HIP))  # fmt: skip
LEGS = ((lm.LEFT_HIP, lm.LEFT_KNEE), (lm.LEFT_KNEE, lm.LEFT_ANKLE),
        (lm.RIGHT_HIP, lm.RIGHT_KNEE), (lm.RIGHT_KNEE, lm.RIGHT_ANKLE))  # fmt: skip
HEAD = ((lm.LEFT_SHOULDER, lm.LEFT_EAR), (lm.RIGHT_SHOULDER, lm.RIGHT_EAR), (lm.LEFT_EAR, lm.NOSE),
        (lm.RIGHT_EAR, lm.NOSE))  # fmt: skip
PARTS = {"arms": ARMS, "torso": TORSO, "legs": LEGS, "head": HEAD}
# The segments each check is about: what a person should look at when the rep is flagged.
PARTS_OF = {
    "half-reps": ("arms",),
    "partial-lockout": ("arms",),
    "asymmetry": ("arms",),
    "flared-elbows": ("arms",),
    "too-upright": ("torso",),
    "sway": ("torso",),
    "rounded-back": ("torso", "head"),
    "kipping": ("legs",),
}


@dataclass(frozen=True)
class FrameState:
    """What the overlay says at one moment: reps finished, the rep under way and its findings."""

    done: int
    rep: int | None
    checks: tuple[tuple[str, bool], ...]  # (check, only "possible") flagged for the current rep


class Overlay:
    """Draws the analysed set over the frames of its source clip, one frame at a time."""

    def __init__(self, report: FormReport, series: PoseSeries) -> None:
        self.report = report
        self.series = series
        self.fps = report.fps
        self.frames = report.frames  # the source clip's, however many of them were posed
        self._windows = [(r.index, r.start_s, r.end_s) for r in report.per_rep]
        flagged: dict[int, list[tuple[str, bool]]] = {}
        for f in report.findings:
            for i in f.reps:
                flagged.setdefault(i, []).append((f.check, f.certainty == "possible"))
        self._flagged = {i: tuple(v) for i, v in flagged.items()}

    def state_at(self, t: float) -> FrameState:
        done = sum(end <= t for _, _, end in self._windows)
        current = next((i for i, start, end in self._windows if start <= t < end), None)
        checks = self._flagged.get(current, ()) if current is not None else ()
        return FrameState(done, current, checks)

    def landmarks_at(self, frame: int) -> NDArray[np.float64] | None:
        """The landmarks (33 × 4) posed for source frame ``frame``; None when nobody was found."""
        k = min(frame // self.series.skipped, self.series.n - 1)
        row = self.series.frames[k]
        return None if not np.isfinite(row[:, :2]).any() else row

    def plain_size(self) -> tuple[int, int]:
        """(width, height) of the plain background: even, as the video encoder needs."""
        aspect = self.series.aspect or 1.0
        return 2 * round(PLAIN_HEIGHT * aspect / 2), PLAIN_HEIGHT

    def plain_background(self) -> Picture:
        """The empty plain background a landmark file's frames are drawn on (``draw`` copies it)."""
        w, h = self.plain_size()
        blank = np.empty((h, w, 3), dtype=np.uint8)
        blank[:] = BACKGROUND
        return blank

    def plain_frames(self) -> Iterator[Picture]:
        """Every frame of a landmark file drawn on the plain background, one at a time."""
        blank = self.plain_background()
        for i in range(self.frames):
            yield self.draw(blank, i)

    def draw(self, picture: Picture, frame: int) -> Picture:
        """A copy of ``picture`` (the source frame ``frame``) with the skeleton and the counter."""
        image = Image.fromarray(np.ascontiguousarray(picture[:, :, :3]), "RGB")
        pen = ImageDraw.Draw(image)
        w, h = image.size
        state = self.state_at(frame / self.fps)
        marks = self.landmarks_at(frame)
        if marks is not None:
            _skeleton(pen, marks, w, h, state)
        _counter(pen, state, self.report.reps, h)
        return np.asarray(image, dtype=np.uint8)


def _colours(state: FrameState) -> dict[str, tuple[int, int, int]]:
    colour = dict.fromkeys(PARTS, BONE)
    for check, possible in sorted(state.checks, key=lambda c: not c[1]):  # a firm finding wins
        for part in PARTS_OF.get(check, ()):
            colour[part] = POSSIBLE if possible else FLAGGED
    return colour


def _skeleton(
    pen: ImageDraw.ImageDraw, marks: NDArray[np.float64], w: int, h: int, state: FrameState
) -> None:
    seen = np.isfinite(marks[:, :2]).all(1) & (np.nan_to_num(marks[:, 3]) >= MIN_VISIBILITY)
    xy = [(float(x * w), float(y * h)) for x, y in np.nan_to_num(marks[:, :2])]
    width = max(2, h // 180)  # 4 px at 720p: thick enough to survive compression, thin enough to see the body
    colour = _colours(state)
    used: set[int] = set()
    for part, bones in PARTS.items():
        for a, b in bones:
            if seen[a] and seen[b]:
                pen.line([xy[a], xy[b]], fill=colour[part], width=width)
                used.update((a, b))
    r = width * 1.2
    for i in sorted(used):
        x, y = xy[i]
        pen.ellipse([x - r, y - r, x + r, y + r], fill=TEXT)


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _counter(pen: ImageDraw.ImageDraw, state: FrameState, total: int, h: int) -> None:
    size = max(12, h // 24)  # 30 px at 720p: readable on a phone
    font = _font(size)
    pad = size // 3
    lines = [(f"Reps {state.done} of {total}", TEXT)]
    if state.rep is not None:
        labels = [LABELS.get(c, c) + (" (possible)" if p else "") for c, p in state.checks]
        words = f"Rep {state.rep}: " + ("; ".join(labels) if labels else "no finding")
        lines.append((words, (POSSIBLE if all(p for _, p in state.checks) else FLAGGED) if labels else BONE))
    y: float = pad
    for words, fill in lines:
        box = pen.textbbox((pad, y), words, font=font)
        pen.rectangle(
            [box[0] - pad // 2, box[1] - pad // 2, box[2] + pad // 2, box[3] + pad // 2], fill=PANEL
        )
        pen.text((pad, y), words, fill=fill, font=font)
        y = box[3] + pad
