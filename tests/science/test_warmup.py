"""Ramp sets and warm-up / cool-down blocks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.catalog import Category
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.loading import DumbbellSet, FixedIncrement, Loadable, PlateSet
from backcoach.science.warmup import (
    DrillRole,
    bodyweight_ramp,
    cooldown_block,
    ramp_for,
    ramp_sets,
    session_targets,
    warmup_block,
)

from .factories import (
    BODYWEIGHT_ROW,
    BREATHING,
    EASY_ROW,
    HINGE,
    MARCH,
    PLANK,
    PULLDOWN,
    ROW,
    SCAP_ACTIVATION,
    SHRUG,
    SPINE_MOBILITY,
    THORACIC,
    small_catalog,
)

BAR = PlateSet(20, ((25, 4), (20, 1), (15, 1), (10, 1), (5, 1), (2.5, 1), (1.25, 1)))
DUMBBELLS = DumbbellSet.from_range(2, 50, 2)
STACK = FixedIncrement(5, heaviest_kg=120)
EVERYTHING = frozenset({"mat", "resistance-band", "doorway", "dumbbells", "barbell", "lat-pulldown-machine"})


def loads(sets: tuple[object, ...]) -> list[float | None]:
    return [s.load_kg for s in sets]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- loaded ramps


def test_heavy_barbell_work_gets_four_ramp_sets_from_the_empty_bar() -> None:
    sets = ramp_sets("test-hinge", 100, loadable=BAR)
    assert loads(sets) == [20, 45, 65, 85]
    assert [s.reps for s in sets] == [10, 8, 5, 3]
    assert sets[0].note == "empty bar"


def test_ramp_loads_are_rounded_down_to_the_plates() -> None:
    sets = ramp_sets("test-hinge", 60, loadable=BAR)
    assert loads(sets) == [25, 37.5, 50]
    assert [s.percent for s in sets] == [41.7, 62.5, 83.3]


def test_light_barbell_work_gets_two_sets() -> None:
    assert loads(ramp_sets("test-hinge", 30, loadable=BAR)) == [20, 25]


def test_dumbbell_ramp_skips_the_empty_bar_set() -> None:
    assert loads(ramp_sets("test-row", 24, loadable=DUMBBELLS)) == [10, 14, 20]


def test_ramps_below_the_lightest_load_are_skipped() -> None:
    sets = ramp_sets("test-pulldown", 15, loadable=STACK)
    assert loads(sets) == [5, 10]


def test_work_at_the_lightest_load_needs_no_ramp() -> None:
    assert ramp_sets("test-row", 2, loadable=DUMBBELLS) == ()
    assert ramp_sets("test-hinge", 20, loadable=BAR) == ()


def test_without_equipment_the_ramp_uses_exact_percentages() -> None:
    assert loads(ramp_sets("test-row", 40)) == pytest.approx([18, 26, 34])


@given(
    equipment=st.sampled_from([BAR, DUMBBELLS, STACK]),
    working=st.floats(min_value=1, max_value=300),
)
def test_ramp_climbs_strictly_and_stays_below_the_working_load(equipment: Loadable, working: float) -> None:
    sets = ramp_sets("x", working, loadable=equipment)
    values = [s.load_kg for s in sets]
    assert all(v is not None and v < working for v in values)
    assert values == sorted(set(values))  # type: ignore[type-var]
    assert len(sets) <= 4
    assert all(v >= equipment.lightest_kg for v in values)  # type: ignore[operator]


def test_ramp_refuses_a_working_load_that_is_not_positive() -> None:
    with pytest.raises(InputError):
        ramp_sets("x", 0)


# ---------------------------------------------------------------------- body-weight ramps


def test_bodyweight_ramp_uses_the_easier_variant_then_partial_reps() -> None:
    sets = bodyweight_ramp(BODYWEIGHT_ROW, 10)
    assert [(s.exercise_id, s.reps, s.note) for s in sets] == [
        ("test-easy-row", 5, "easier variant"),
        ("test-bodyweight-row", 3, "partial range"),
    ]
    assert all(s.load_kg is None for s in sets)


def test_bodyweight_ramp_without_a_regression_uses_a_partial_range() -> None:
    sets = bodyweight_ramp(EASY_ROW, 4)
    assert [(s.exercise_id, s.reps, s.note) for s in sets] == [("test-easy-row", 3, "partial range")]


def test_ramp_for_picks_loaded_or_bodyweight_ramps() -> None:
    assert loads(ramp_for(ROW, working_reps=10, working_kg=24, loadable=DUMBBELLS)) == [10, 14, 20]
    assert ramp_for(BODYWEIGHT_ROW, working_reps=8)[0].note == "easier variant"


def test_ramp_for_gives_holds_and_drills_no_ramp() -> None:
    assert ramp_for(PLANK, working_reps=1) == ()
    assert ramp_for(THORACIC, working_reps=8) == ()


def test_ramp_for_a_loaded_lift_needs_the_working_load() -> None:
    with pytest.raises(InputError, match="working load"):
        ramp_for(ROW, working_reps=10)


# ---------------------------------------------------------------------- blocks


def test_session_targets_are_the_training_targets_only() -> None:
    assert session_targets([SHRUG, THORACIC]) == ("levator-scapulae", "trapezius-upper")


def test_warmup_block_runs_raise_breathing_then_drills_for_the_targets() -> None:
    block = warmup_block(small_catalog(), [ROW, PULLDOWN, HINGE], EVERYTHING)
    roles = [item.role for item in block.items]
    assert roles[:2] == [DrillRole.RAISE, DrillRole.BREATHING]
    assert [item.exercise_id for item in block.items[:2]] == [MARCH.id, BREATHING.id]
    assert set(roles[2:]) <= {DrillRole.MOBILITY, DrillRole.ACTIVATION}
    assert SCAP_ACTIVATION.id in [item.exercise_id for item in block.items]
    assert SPINE_MOBILITY.id in [item.exercise_id for item in block.items]
    assert block.kind == "warm-up"
    assert "RAMP" in block.source


def test_warmup_block_has_no_static_stretching() -> None:
    block = warmup_block(small_catalog(), [ROW, PULLDOWN], EVERYTHING)
    ids = [item.exercise_id for item in block.items]
    assert "test-static-stretch" not in ids
    assert all(item.dose.kind != "hold_s" for item in block.items)


def test_warmup_block_respects_the_persons_equipment() -> None:
    block = warmup_block(small_catalog(), [ROW, PULLDOWN], frozenset())
    ids = [item.exercise_id for item in block.items]
    assert SCAP_ACTIVATION.id not in ids  # needs a band
    assert BREATHING.id not in ids  # needs a mat
    assert "test-lat-mobility" in ids


def test_warmup_block_reports_muscles_no_drill_reaches() -> None:
    block = warmup_block(small_catalog(), [SHRUG], EVERYTHING)
    assert set(block.uncovered) == {"levator-scapulae", "trapezius-upper"}


def test_drills_without_a_dose_get_the_default_dose() -> None:
    block = warmup_block(small_catalog(), [PULLDOWN], frozenset())
    lat = next(item for item in block.items if item.exercise_id == "test-lat-mobility")
    assert lat.dose.kind == "reps"


def test_blocks_are_deterministic() -> None:
    catalog = small_catalog()
    assert warmup_block(catalog, [ROW, HINGE], EVERYTHING) == warmup_block(catalog, [HINGE, ROW], EVERYTHING)
    assert cooldown_block(catalog, [ROW, HINGE], EVERYTHING) == cooldown_block(
        catalog, [HINGE, ROW], EVERYTHING
    )


def test_cooldown_block_stretches_the_targets_and_ends_with_breathing() -> None:
    block = cooldown_block(small_catalog(), [ROW, HINGE], EVERYTHING)
    roles = [item.role for item in block.items]
    assert roles[-1] is DrillRole.BREATHING
    assert block.items[-1].exercise_id == "test-cooldown-breathing"
    assert set(roles[:-1]) == {DrillRole.STRETCH}
    assert {"latissimus-dorsi", "rhomboid-major", "iliocostalis"} <= set(block.covered)
    assert block.kind == "cool-down"


def test_cooldown_stretches_come_from_the_cooldown_category() -> None:
    catalog = small_catalog()
    block = cooldown_block(catalog, [ROW], EVERYTHING)
    for item in block.items:
        if item.role is DrillRole.STRETCH:
            assert catalog.exercise(item.exercise_id).category is Category.COOLDOWN


def test_cooldown_without_a_mat_falls_back_to_what_is_available() -> None:
    block = cooldown_block(small_catalog(), [ROW], frozenset())
    ids = [item.exercise_id for item in block.items]
    assert "test-childs-pose" not in ids
    assert "test-upper-back-stretch" in ids


def test_blocks_refuse_unknown_equipment() -> None:
    with pytest.raises(UnknownIdError):
        warmup_block(small_catalog(), [ROW], frozenset({"jetpack"}))


def test_empty_catalogue_gives_an_empty_block() -> None:
    catalog = small_catalog(ROW)
    block = warmup_block(catalog, [ROW], EVERYTHING)
    assert block.items == ()
    assert set(block.uncovered) == set(session_targets([ROW]))
