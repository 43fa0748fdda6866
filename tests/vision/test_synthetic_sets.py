"""The kinematic model's sets, for correct form and each fault, seen from all four views under
noise, scattered dropped frames and a burst of frames with no person, give the right count and
the right findings; a check the view cannot support says so instead of guessing."""

from __future__ import annotations

import pytest

from backcoach.vision import analyse
from backcoach.vision.kinematics import FAULTS_OF, Exercise, Fault
from backcoach.vision.rules import checks_for
from backcoach.vision.synthetic import VIEWS
from backcoach.vision.view import View

from .factories import ALSO_ALLOWED, noisy_set

CASES = [(e, f, v) for e in Exercise for f in FAULTS_OF[e] for v in VIEWS]


@pytest.mark.parametrize(("exercise", "fault", "view"), CASES, ids=lambda x: str(x))
def test_synthetic_set_gives_count_view_and_findings(exercise: Exercise, fault: Fault, view: View) -> None:
    seed = CASES.index((exercise, fault, view))
    made = noisy_set(exercise, fault, view, seed=seed)
    report = analyse(made.series, exercise.value)
    assert report.reps == made.reps
    assert report.view is view
    found = {f.check for f in report.findings}
    unsupported = {n.check for n in report.not_checked}
    supported = {c.key for c in checks_for(exercise) if view in c.views}
    assert unsupported == {c.key for c in checks_for(exercise)} - supported
    expected = set() if fault is Fault.NONE else {fault.value}
    visible = expected & supported
    assert visible <= found
    assert found - visible <= ALSO_ALLOWED.get((exercise, fault), set())


@pytest.mark.parametrize("exercise", list(Exercise))
def test_findings_carry_evidence_and_links(exercise: Exercise) -> None:
    made = noisy_set(exercise, Fault.HALF_REPS, View.OBLIQUE, seed=3)
    (finding,) = analyse(made.series, exercise.value).findings
    assert finding.reps == tuple(range(1, made.reps + 1))
    assert finding.mistake_id is not None
    assert 0 < finding.confidence <= 1
    ev = finding.evidence
    assert (ev.value > ev.threshold) if ev.bad_when == "above" else (ev.value < ev.threshold)


def test_rounded_back_is_only_ever_possible() -> None:
    made = noisy_set(Exercise.BENT_OVER_BARBELL_ROW, Fault.ROUNDED_BACK, View.SIDE, seed=5)
    (finding,) = analyse(made.series, "bent-over-barbell-row").findings
    assert finding.certainty == "possible"
    assert finding.confidence <= 0.5
