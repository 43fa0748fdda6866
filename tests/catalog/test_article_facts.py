"""The source article's facts, pinned: its anatomy groups, its four exercises and its mistakes."""

from __future__ import annotations

import pytest

from backcoach.catalog import Catalog, Group, Role, SpinalLoad, curated


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return curated()


def _targets(cat: Catalog, exercise_id: str) -> set[str]:
    return {i.muscle for i in cat.exercise(exercise_id).muscles if i.role is Role.TARGET}


def _involved(cat: Catalog, exercise_id: str) -> set[str]:
    return {i.muscle for i in cat.exercise(exercise_id).muscles}


@pytest.mark.parametrize(
    ("group", "members"),
    [
        (Group.SUPERFICIAL, {"trapezius", "levator-scapulae", "rhomboids", "latissimus-dorsi"}),
        (Group.INTERMEDIATE, {"serratus-posterior-superior", "serratus-posterior-inferior"}),
        (Group.INTRINSIC, {"erector-spinae", "transversospinalis"}),
    ],
)
def test_the_three_layers_hold_the_articles_muscles(cat: Catalog, group: Group, members: set[str]) -> None:
    roots = {m.id for m in cat.roots() if m.group is group}
    assert roots == members


def test_rhomboids_split_into_major_and_minor(cat: Catalog) -> None:
    assert {c.id for c in cat.children("rhomboids")} == {"rhomboid-major", "rhomboid-minor"}


def test_intrinsic_groups_have_their_columns(cat: Catalog) -> None:
    assert {c.id for c in cat.children("erector-spinae")} == {"iliocostalis", "longissimus", "spinalis"}
    assert {c.id for c in cat.children("transversospinalis")} == {"semispinalis", "multifidus", "rotatores"}


def test_intermediate_muscles_are_described_as_breathing_muscles(cat: Catalog) -> None:
    for m in cat.muscles.values():
        if m.group is Group.INTERMEDIATE:
            assert any("breath" in f.lower() for f in m.functions)


def test_chest_supported_row_sets_the_bench_at_30_to_45_degrees(cat: Catalog) -> None:
    ex = cat.exercise("chest-supported-row")
    assert ex.setup is not None
    angle = ex.setup.angles["bench_incline_deg"]
    assert (angle.min, angle.max) == (30, 45)
    assert "incline-bench" in ex.equipment and "dumbbells" in ex.equipment
    assert any("chest" in c and "pad" in c for c in ex.setup.contact)
    assert {"latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"} <= _targets(
        cat, ex.id
    )
    assert "biceps-brachii" in _involved(cat, ex.id)


def test_seated_cable_row_keeps_elbows_about_45_degrees_from_the_body(cat: Catalog) -> None:
    ex = cat.exercise("seated-cable-row")
    assert ex.setup is not None
    angle = ex.setup.angles["elbow_to_torso_deg"]
    assert angle.min <= 45 <= angle.max
    assert ex.setup.stance == "shoulder_width"
    assert {"latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"} <= _targets(
        cat, ex.id
    )


def test_bent_over_row_hinges_about_45_degrees_and_rows_to_the_navel(cat: Catalog) -> None:
    ex = cat.exercise("bent-over-barbell-row")
    assert ex.setup is not None
    hinge = ex.setup.angles["hip_hinge_deg"]
    assert hinge.min <= 45 <= hinge.max
    assert ex.setup.grip_width == "shoulder"
    end = (ex.setup.end_point or "").lower()
    assert "navel" in end or "belly button" in end
    assert ex.spinal_load is SpinalLoad.HIGH
    assert any("lumbar" in c.lower() or "lower back" in c.lower() for c in ex.cautions)
    assert {"latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"} <= _targets(
        cat, ex.id
    )
    assert {"gluteus-maximus", "hamstrings"} <= _involved(cat, ex.id)


def test_pull_up_uses_shoulder_width_grip_and_chin_over_the_bar(cat: Catalog) -> None:
    ex = cat.exercise("pull-up")
    assert ex.setup is not None and ex.dose is not None
    assert ex.setup.grip_width == "shoulder"
    assert "chin" in (ex.setup.end_point or "").lower()
    assert ex.dose.kind == "reps" and ex.dose.range.max == 10
    texts = " ".join((*ex.cues, *ex.cautions, *ex.steps)).lower()
    assert "ten" in texts or "10" in texts
    assert "stop" in texts and "body" in texts
    assert "latissimus-dorsi" in _targets(cat, ex.id)


@pytest.mark.parametrize(
    "exercise_id", ["chest-supported-row", "seated-cable-row", "bent-over-barbell-row", "pull-up"]
)
def test_article_exercises_warn_about_thumb_placement(cat: Catalog, exercise_id: str) -> None:
    assert "thumb-placement" in cat.exercise(exercise_id).common_mistakes


@pytest.mark.parametrize(
    "mistake_id", ["too-heavy-load", "poor-torso-position", "thumb-placement", "training-back-daily"]
)
def test_article_mistakes_explain_why_notice_and_fix_and_link_exercises(
    cat: Catalog, mistake_id: str
) -> None:
    m = cat.mistakes[mistake_id]
    assert m.why and m.notice and m.fix
    assert m.source is not None and "article" in m.source.lower()
    assert len(m.exercises) >= 1
