"""The safety tables against the shipped catalogue: every exercise and muscle they name exists,
and the shipped exercises' substitutes obey the pain rules."""

from __future__ import annotations

import pytest

from backcoach.catalog import Level, curated
from backcoach.safety import BodyRegion, PainAction, PainReport, assess_pain, cap_load
from backcoach.safety.limits import guard_table
from backcoach.safety.pain import pain_table

CAPPED = [e for p in guard_table().bodyweight_caps.patterns for e in p.exercises]


@pytest.mark.parametrize("exercise_id", CAPPED)
def test_every_capped_exercise_is_in_the_catalogue_and_gets_a_cap(exercise_id: str) -> None:
    ex = curated().exercise(exercise_id)
    assert ex.id == exercise_id
    assert cap_load(ex, level=Level.BEGINNER, body_weight_kg=80) is not None


def test_every_region_muscle_is_in_the_catalogue() -> None:
    named = {
        m for muscles in pain_table().region_muscles.values() for m in muscles
    } | pain_table().spinal_muscles
    assert named <= set(curated().muscles)


@pytest.mark.parametrize("region", [r.value for r in BodyRegion])
def test_mild_pain_substitutes_from_the_catalogue_are_lighter(region: str) -> None:
    cat = curated()
    for ex in cat.exercises.values():
        decision = assess_pain(PainReport(region, 2), exercise=ex, catalog=cat)
        assert decision.action is PainAction.STOP_EXERCISE
        if decision.substitute is not None:
            sub = cat.exercise(decision.substitute)
            assert sub.id in (*ex.regressions, *ex.alternatives)
            assert sub.level.rank <= ex.level.rank
