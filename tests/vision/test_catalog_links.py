"""Every finding points at the catalogue: a catalogue-wide mistake the exercise lists, or one of the
exercise's own mistakes by title; every cue is the catalogue's own words for that exercise."""

from __future__ import annotations

import pytest

import backcoach.vision
from backcoach.catalog import curated
from backcoach.vision.kinematics import Exercise
from backcoach.vision.rules import CUES, MISTAKES, checks_for, mistake_link


@pytest.mark.parametrize("exercise", list(Exercise))
def test_every_check_links_to_the_catalogue(exercise: Exercise) -> None:
    cat = curated()
    ex = cat.exercise(exercise.value)
    own_titles = {m.title for m in ex.mistakes}
    words = set(ex.cues) | set(ex.steps) | {m.fix for m in cat.mistakes_of(ex)}
    for check in checks_for(exercise):
        assert CUES[(check.key, exercise)] in words, (check.key, exercise)
        mistake_id, title = mistake_link(check.key, exercise)
        if title is not None:
            assert title in own_titles
        elif mistake_id is not None:
            assert mistake_id in ex.common_mistakes
        else:
            assert check.key == "asymmetry"  # no catalogue mistake for uneven arms: cue only
    assert {k for k, e in MISTAKES if e is exercise} <= {c.key for c in checks_for(exercise)}


def test_vision_exports() -> None:
    assert set(backcoach.vision.__all__) == {
        "CHECKS", "Exercise", "Fault", "Finding", "FormReport", "LandmarkSource", "NotChecked",
        "PoseSeries", "View", "analyse", "collect", "exercise_of", "export_json", "parse_landmarks",
        "report_to_json",
    }  # fmt: skip
    for name in backcoach.vision.__all__:
        assert hasattr(backcoach.vision, name)
