"""Counting: hysteresis that survives a start at the top, long pauses, jitter and stillness; the
real pull-up keypoint sequences each counted within one of their annotation."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from backcoach.vision import analyse, parse_landmarks
from backcoach.vision.counting import count_reps
from backcoach.vision.kinematics import Exercise
from backcoach.vision.synthetic import NOISY, generate

from .factories import still_series

COUNTIX = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "videos" / "Countix-Fitness"


@pytest.mark.parametrize("exercise", list(Exercise))
def test_count_survives_start_at_top_and_long_pause(exercise: Exercise) -> None:
    made = generate(exercise, reps=6, seed=11, spoil=NOISY, start_at_top=True, pause_s=8.0)
    assert analyse(made.series, exercise.value).reps == 6


@pytest.mark.parametrize("reps", [1, 3, 12])
def test_count_matches_any_number_of_reps(reps: int) -> None:
    made = generate(Exercise.SEATED_CABLE_ROW, reps=reps, seed=reps, spoil=NOISY)
    assert analyse(made.series, "seated-cable-row").reps == reps


def test_standing_still_counts_nothing() -> None:
    assert analyse(still_series(), "bent-over-barbell-row").reps == 0


def test_jitter_smaller_than_the_hysteresis_never_counts() -> None:
    rng = np.random.default_rng(1)
    t = np.arange(600) / 30
    signal = 60 * (0.5 - 0.5 * np.cos(2 * np.pi * t / 3.0)) + rng.normal(0, 4, t.size)
    assert len(count_reps(signal, 30.0, min_amplitude=25).reps) == 6  # 20 s of 3 s reps, ends at the bottom
    flat = rng.normal(0, 4, t.size)
    assert count_reps(flat, 30.0, min_amplitude=25).reps == ()


def test_rep_windows_are_ordered_and_timed() -> None:
    made = generate(Exercise.PULL_UP, reps=4, seed=2)
    report = analyse(made.series, "pull-up")
    for rep in report.per_rep:
        assert rep.start_s < rep.end_s
        assert 0.3 < rep.concentric_s < 2.0
        assert 0.5 < rep.eccentric_s < 2.5


def _truth() -> dict[str, int]:
    with (COUNTIX / "test.csv").open(newline="") as fh:
        return {row["name"].removesuffix(".mp4"): int(row["count"]) for row in csv.DictReader(fh)}


@pytest.mark.shared_data
@pytest.mark.parametrize("clip", ["pull_up017", "pull_up018", "pull_up019"])
@pytest.mark.parametrize("every", [1, 2, 3])
def test_real_pull_ups_counted_within_one(clip: str, every: int) -> None:
    path = COUNTIX / f"{clip}.npy"
    if not path.is_file():
        pytest.skip("the Countix-Fitness keypoints in ../shared are absent")
    series = parse_landmarks(path.read_bytes(), name=path.name).every(every)
    assert abs(analyse(series, "pull-up").reps - _truth()[clip]) <= 1
