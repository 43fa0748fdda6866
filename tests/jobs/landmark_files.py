"""Landmark files made from the vision package's kinematic model, for the job and door tests."""

from __future__ import annotations

import io

import numpy as np

from backcoach.vision import Exercise, Fault
from backcoach.vision.synthetic import generate


def synthetic_npy(
    exercise: Exercise = Exercise.PULL_UP, fault: Fault = Fault.NONE, *, reps: int = 5, seed: int = 1
) -> bytes:
    """A set as a ``.npy`` file (frames × 132: 33 landmarks × x, y, z, visibility; zero rows where
    the generator dropped the person), the layout ``vision.formats`` reads."""
    frames = generate(exercise, fault, reps=reps, seed=seed).series.frames
    rows = np.nan_to_num(frames.reshape(len(frames), 132), nan=0.0)
    out = io.BytesIO()
    np.save(out, rows)
    return out.getvalue()
