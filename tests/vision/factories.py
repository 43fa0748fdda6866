"""Small builders the vision tests share."""

from __future__ import annotations

import numpy as np

from backcoach.vision.kinematics import Exercise, Fault
from backcoach.vision.landmarks import PoseSeries
from backcoach.vision.synthetic import NOISY, Spoil, Synthetic, generate
from backcoach.vision.view import View

# Faults that also show, legitimately, as a second finding: a pull-up with one arm lagging does
# not get the chin over the bar either.
ALSO_ALLOWED = {(Exercise.PULL_UP, Fault.ASYMMETRY): {"half-reps"}}


def noisy_set(exercise: Exercise, fault: Fault, view: View, *, reps: int = 5, seed: int = 0) -> Synthetic:
    return generate(exercise, fault, view, reps=reps, fps=25.0, seed=seed, spoil=NOISY)


def clean_set(exercise: Exercise, **kwargs: object) -> Synthetic:
    return generate(exercise, spoil=Spoil(noise=0.0, vis_jitter=0.0), **kwargs)  # type: ignore[arg-type]


def still_series(frames: int = 90, fps: float = 30.0) -> PoseSeries:
    """A person standing still: the first frame of a clean row, repeated."""
    one = clean_set(Exercise.BENT_OVER_BARBELL_ROW, reps=1).series.frames[:1]
    return PoseSeries(np.repeat(one, frames, axis=0), fps)
