"""The shipped catalogue is complete, consistent and recorded at the most specific anatomy."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from backcoach.catalog import Catalog, Category, Group, Region, Setting, Source, SpinalLoad, curated
from backcoach.catalog.names import name_key

SERRATUS_POSTERIOR = {"serratus-posterior-superior", "serratus-posterior-inferior"}
ARTICLE_FOUR = ("chest-supported-row", "seated-cable-row", "bent-over-barbell-row", "pull-up")
REQUIRED_BACK_NODES = {
    "trapezius", "trapezius-upper", "trapezius-middle", "trapezius-lower", "levator-scapulae",
    "rhomboids", "rhomboid-major", "rhomboid-minor", "latissimus-dorsi", "serratus-posterior-superior",
    "serratus-posterior-inferior", "erector-spinae", "iliocostalis", "longissimus", "spinalis",
    "transversospinalis", "semispinalis", "multifidus", "rotatores",
}  # fmt: skip
REQUIRED_SUPPORTING = {
    "biceps-brachii", "brachialis", "forearm-flexors", "posterior-deltoid", "infraspinatus", "teres-major",
    "gluteus-maximus", "hamstrings", "rectus-abdominis", "obliques", "transversus-abdominis",
}  # fmt: skip


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return curated()


def test_required_muscle_nodes_exist(cat: Catalog) -> None:
    assert set(cat.muscles) >= REQUIRED_BACK_NODES
    assert set(cat.muscles) >= REQUIRED_SUPPORTING
    assert all(cat.muscles[m].group is Group.SUPPORTING for m in REQUIRED_SUPPORTING)


def test_at_least_one_hundred_curated_exercises_beyond_the_article(cat: Catalog) -> None:
    curated_ids = {e.id for e in cat.exercises.values() if e.source is Source.CURATED}
    assert set(ARTICLE_FOUR) <= curated_ids
    assert len(curated_ids - set(ARTICLE_FOUR)) >= 100


def test_involvement_is_recorded_at_the_most_specific_node(cat: Catalog) -> None:
    coarse = [
        (e.id, i.muscle) for e in cat.exercises.values() for i in e.muscles if not cat.is_leaf(i.muscle)
    ]
    assert coarse == []


def test_every_back_leaf_except_serratus_posterior_is_in_three_exercises(cat: Catalog) -> None:
    uses = Counter(i.muscle for e in cat.exercises.values() for i in e.muscles)
    short = {m.id: uses[m.id] for m in cat.back_leaves() if m.id not in SERRATUS_POSTERIOR and uses[m.id] < 3}
    assert short == {}


def test_serratus_posterior_is_trained_only_by_breathing_drills_that_say_why(cat: Catalog) -> None:
    for muscle_id in SERRATUS_POSTERIOR:
        drills = [e for e in cat.exercises.values() if any(i.muscle == muscle_id for i in e.muscles)]
        assert drills, muscle_id
        assert all(e.category in {Category.WARMUP, Category.COOLDOWN} for e in drills)
        assert all(e.dose is not None and e.dose.kind == "breaths" for e in drills)
        assert {Category.WARMUP, Category.COOLDOWN} <= {e.category for e in drills}
        note = cat.muscle(muscle_id).training_note or ""
        assert "breath" in note.lower()


def test_every_back_node_has_exercises(cat: Catalog) -> None:
    for m in cat.muscles.values():
        if m.region is not Region.OTHER:
            grouped = cat.exercises_for_muscle(m.id)
            assert any(grouped.values()), m.id


def test_names_and_aliases_identify_one_exercise_each(cat: Catalog) -> None:
    owners: dict[str, str] = {}
    for e in cat.exercises.values():
        for name in (e.name, *e.aliases):
            assert owners.setdefault(name_key(name), e.id) == e.id, name


def test_links_resolve_and_ladders_read_both_ways(cat: Catalog) -> None:
    for e in cat.exercises.values():
        for target in (*e.regressions, *e.progressions, *e.alternatives):
            assert target in cat.exercises
    one_way = [
        (e.id, p)
        for e in cat.exercises.values()
        for p in e.progressions
        if e.id not in cat.exercise(p).regressions
    ]
    one_way += [
        (r, e.id)
        for e in cat.exercises.values()
        for r in e.regressions
        if e.id not in cat.exercise(r).progressions
    ]
    assert one_way == []


def test_an_exercise_is_linked_in_one_way_only(cat: Catalog) -> None:
    for e in cat.exercises.values():
        links = [*e.regressions, *e.progressions, *e.alternatives]
        assert len(links) == len(set(links)), e.id


@pytest.mark.parametrize(
    "ladder",
    [
        ("band-assisted-pull-up", "pull-up", "weighted-pull-up"),
        ("side-plank-knees", "side-plank"),
        ("inverted-row", "feet-elevated-inverted-row"),
    ],
)
def test_progression_ladders_are_linked(cat: Catalog, ladder: tuple[str, ...]) -> None:
    for easier, harder in pairwise(ladder):
        assert harder in cat.exercise(easier).progressions
        assert easier in cat.exercise(harder).regressions


def test_home_and_gym_both_well_served(cat: Catalog) -> None:
    back = [e for e in cat.exercises.values() if e.category is Category.BACK]
    home = [e for e in back if Setting.HOME in e.setting]
    gym = [e for e in back if Setting.GYM in e.setting]
    assert len(home) >= 20
    assert len(gym) >= 40
    no_equipment_rows = [e for e in home if e.id in {"table-row", "suspension-row"}]
    assert no_equipment_rows, "a home row (inverted row under a table or on straps) must exist"


def test_sessions_have_every_kind_of_block_to_draw_on(cat: Catalog) -> None:
    by_category = Counter(e.category for e in cat.exercises.values())
    assert by_category[Category.WARMUP] >= 5
    assert by_category[Category.COOLDOWN] >= 5
    assert by_category[Category.CORE] >= 8
    assert by_category[Category.ARMS] >= 6
    assert by_category[Category.MOBILITY] >= 2


@pytest.mark.parametrize(
    "exercise_id", ["bird-dog", "side-plank", "side-plank-knees", "mcgill-curl-up", "dead-bug"]
)
def test_low_back_friendly_options_carry_low_spinal_load(cat: Catalog, exercise_id: str) -> None:
    assert cat.exercise(exercise_id).spinal_load is SpinalLoad.LOW


def test_curated_exercises_are_complete_coaching_entries(cat: Catalog) -> None:
    for e in cat.exercises.values():
        assert e.setup is not None and e.dose is not None and e.why, e.id
        assert len(e.steps) >= 3 and e.cues, e.id
        assert cat.mistakes_of(e), e.id


def test_equipment_settings_match_the_exercise_setting(cat: Catalog) -> None:
    for e in cat.exercises.values():
        for s in e.setting:
            assert all(s in cat.equipment[q].setting for q in e.equipment), (e.id, s)
