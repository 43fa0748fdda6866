"""Ramp sets (the one rule the plan and the warmup command share) and warm-up / cool-down blocks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from backcoach.catalog import Category, Level
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.loading import DumbbellSet, FixedIncrement, Loadable, PlateSet
from backcoach.science.warmup import (
    DrillRole,
    RampSet,
    bodyweight_ramp,
    cooldown_block,
    loaded_ramp,
    ramp_for,
    ramp_sets,
    ramp_steps,
    session_targets,
    warmup_block,
    warmup_table,
    working_percent,
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


# ---------------------------------------------------------------------- loaded ramps
# Oracles: training-science.md section 7. Coaches' bands before heavy work (biolayne.com): 40-50 % x
# 5-10, 50-60 % x 3-5, 60-70 % x 1-2, 70-80 % x 1 of the 1RM; the NSCA 1RM ramp: light x 5-10, then
# 3-5, then near-maximal 2-3 reps; a working-set ramp "empty bar x 8, 50 % x 5, 70 % x 3"
# (davidmiserak.com).
BANDS = (((40, 50), (5, 10)), ((50, 60), (3, 5)), ((60, 70), (1, 2)), ((70, 80), (1, 1)))
NSCA_REPS = ((5, 10), (3, 5), (2, 3))
ISOLATION_ROW = ROW.model_copy(update={"mechanic": "isolation"})


def climb(sets: tuple[RampSet, ...]) -> list[tuple[float | None, int]]:
    return [(s.load_kg, s.reps) for s in sets]


def test_the_ladder_before_a_maximal_single_is_the_coaches_bands() -> None:
    # a single with nothing in reserve is the 1RM, so shares of the working load are shares of the 1RM
    sets = ramp_sets(HINGE, 100, working_reps=1, rir=0)
    assert len(sets) == len(BANDS)
    for s, ((lo, hi), (fewest, most)) in zip(sets, BANDS, strict=True):
        assert s.load_kg is not None and lo <= s.load_kg <= hi and fewest <= s.reps <= most


def test_the_first_steps_follow_the_nsca_ramp() -> None:
    reps = [s.reps for s in ramp_sets(HINGE, 100, working_reps=1, rir=0)]
    for r, (fewest, most) in zip(reps, NSCA_REPS, strict=False):
        assert fewest <= r <= most


def test_heavy_barbell_work_opens_with_the_empty_bar_and_passes_half_and_seventy_percent() -> None:
    # 5 reps at 2 in reserve: about 81 % of the 1RM
    sets = ramp_sets(HINGE, 100, working_reps=5, rir=2, loadable=BAR)
    assert climb(sets) == [(20, 10), (55, 8), (67.5, 5), (80, 2)]
    assert sets[0].note == "empty bar"
    assert any(abs((s.load_kg or 0) - 50) <= 7.5 for s in sets)
    assert any(abs((s.load_kg or 0) - 70) <= 7.5 for s in sets)


@pytest.mark.parametrize(
    ("reps", "rir", "count"),
    [
        (15, 3, 0),  # about 52 % of the 1RM: nothing lighter is worth a set
        (12, 2, 1),  # about 63 %: one set
        (8, 2, 2),  # about 74 %
        (5, 2, 3),  # about 81 %
        (3, 1, 4),  # about 89 %
    ],
)
def test_the_number_of_steps_follows_the_working_intensity(reps: int, rir: int, count: int) -> None:
    assert len(ramp_steps(HINGE, reps=reps, rir=rir)) == count


def test_a_beginner_or_a_single_joint_lift_gets_one_ramp_set_at_most() -> None:
    assert climb(ramp_sets(HINGE, 100, working_reps=5, rir=2, level=Level.BEGINNER, loadable=BAR)) == [
        (55, 8)
    ]
    assert len(ramp_sets(ISOLATION_ROW, 24, working_reps=3, rir=1, loadable=DUMBBELLS)) == 1
    assert len(ramp_sets(HINGE, 100, working_reps=5, rir=2, level=Level.ADVANCED, loadable=BAR)) == 4


def test_ramp_loads_are_rounded_down_to_the_plates() -> None:
    sets = ramp_sets(HINGE, 60, working_reps=6, rir=2, loadable=BAR)
    assert climb(sets) == [(32.5, 8), (40, 5), (47.5, 2)]
    assert [s.percent for s in sets] == [54.2, 66.7, 79.2]


def test_light_barbell_work_starts_on_the_empty_bar() -> None:
    sets = ramp_sets(HINGE, 30, working_reps=6, rir=2, loadable=BAR)
    assert climb(sets) == [(20, 8), (22.5, 2)]
    assert sets[0].note == "empty bar"


def test_dumbbell_ramp_has_no_empty_bar_set() -> None:
    assert climb(ramp_sets(ROW, 24, working_reps=8, rir=2, loadable=DUMBBELLS)) == [(14, 8), (16, 5)]


def test_a_stack_ramp_starts_at_its_lightest_plate() -> None:
    assert climb(ramp_sets(PULLDOWN, 15, working_reps=6, rir=2, loadable=STACK)) == [(5, 8), (10, 5)]


def test_work_at_the_lightest_load_needs_no_ramp() -> None:
    assert ramp_sets(ROW, 2, working_reps=6, rir=2, loadable=DUMBBELLS) == ()
    assert ramp_sets(HINGE, 20, working_reps=6, rir=2, loadable=BAR) == ()


def test_without_equipment_the_ramp_uses_exact_shares() -> None:
    loads = [s.load_kg for s in ramp_sets(ROW, 40, working_reps=6, rir=2)]
    assert loads == pytest.approx([22.9, 28.0, 33.1])


def test_the_science_ladder_is_the_plans_ladder() -> None:
    sets = ramp_sets(HINGE, 100, working_reps=6, rir=2, loadable=BAR)
    steps = ramp_steps(HINGE, reps=6, rir=2)
    assert climb(sets) == list(loaded_ramp(100, reps=6, rir=2, steps=steps, loadable=BAR))
    assert working_percent(6, 2) == pytest.approx(78.6, abs=0.1)


@given(
    equipment=st.sampled_from([BAR, DUMBBELLS, STACK]),
    working=st.floats(min_value=1, max_value=300),
    reps=st.integers(min_value=1, max_value=20),
    rir=st.integers(min_value=0, max_value=5),
    level=st.sampled_from([None, *Level]),
)
def test_ramp_climbs_strictly_below_the_working_load_as_reps_fall(
    equipment: Loadable, working: float, reps: int, rir: int, level: Level | None
) -> None:
    sets = ramp_sets(HINGE, working, working_reps=reps, rir=rir, level=level, loadable=equipment)
    values = [s.load_kg for s in sets]
    assert all(v is not None and equipment.lightest_kg <= v < working for v in values)
    assert values == sorted(set(values))  # type: ignore[type-var]
    assert [s.reps for s in sets] == sorted({s.reps for s in sets}, reverse=True)
    assert len(sets) <= warmup_table().ramp.max_sets
    assert len(sets) <= 1 or level is not Level.BEGINNER


def test_ramp_refuses_bad_working_sets() -> None:
    with pytest.raises(InputError, match="working load"):
        ramp_sets(HINGE, 0, working_reps=5)
    with pytest.raises(InputError, match="reps in reserve"):
        ramp_sets(HINGE, 100, working_reps=5, rir=-1)
    with pytest.raises(InputError, match="working reps"):
        ramp_for(BODYWEIGHT_ROW, working_reps=0)


def test_the_planners_time_budget_covers_the_longest_ramp() -> None:
    spec = warmup_table().ramp
    assert len(spec.budget_reps) >= spec.max_sets
    assert sum(spec.budget_reps) >= spec.longest_reps() == 10 + 8 + 5 + 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps": [{"percent_1rm": 65, "reps": 5}, {"percent_1rm": 45, "reps": 8}]}, "rise"),
        ({"steps": [{"percent_1rm": 45, "reps": 2}, {"percent_1rm": 65, "reps": 5}]}, "reps"),
        ({"budget_reps": [1, 1, 1, 1]}, "budget_reps"),
        ({"max_sets_beginner": 9}, "max_sets"),
    ],
)
def test_a_ramp_table_that_breaks_the_rule_is_refused(change: dict[str, object], message: str) -> None:
    data = {**warmup_table().ramp.model_dump(), **change}
    with pytest.raises(ValidationError, match=message):
        type(warmup_table().ramp).model_validate(data)


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
    loaded = ramp_for(ROW, working_reps=10, rir=2, working_kg=24, loadable=DUMBBELLS)
    assert climb(loaded) == [(14, 8), (18, 5)]
    assert ramp_for(BODYWEIGHT_ROW, working_reps=8)[0].note == "easier variant"


def test_a_bodyweight_ramp_takes_one_set_per_step() -> None:
    assert len(ramp_for(BODYWEIGHT_ROW, working_reps=10, rir=2)) == 2
    beginner = ramp_for(BODYWEIGHT_ROW, working_reps=10, rir=2, level=Level.BEGINNER)
    assert [(s.exercise_id, s.note) for s in beginner] == [("test-easy-row", "easier variant")]
    assert ramp_for(BODYWEIGHT_ROW, working_reps=15, rir=3) == ()  # light work: no ramp


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
