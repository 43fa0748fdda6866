"""Pain during training: every report stops at least the exercise, and says when to get help."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from safety_factories import catalog, exercise, real_muscles

from backcoach.catalog import Category, Level, SpinalLoad
from backcoach.errors import InputError, UnknownIdError
from backcoach.safety import BodyRegion, PainAction, PainDecision, PainReport, assess_pain, locate
from backcoach.safety.pain import RULES, pain_table

REGIONS = [r.value for r in BodyRegion]
SPINE = ["neck", "upper_back", "lower_back"]
JOINTS = ["shoulder", "elbow", "wrist", "hip", "knee", "leg"]
MUSCLE_IDS = [m.id for m in real_muscles()]
CATALOG = catalog(exercise("plain-row"))


def mentions_stop_and_professional(decision: PainDecision) -> bool:
    text = " ".join(decision.reasons).lower()
    return "stop" in text and "persists" in text and ("professional" in text or "doctor" in text)


def test_actions_are_exactly_the_four_and_none_means_continue() -> None:
    assert [a.value for a in PainAction] == ["stop_exercise", "end_session", "seek_care", "emergency"]
    assert not any("continue" in a.value for a in PainAction)


@pytest.mark.parametrize(
    ("report", "action"),
    [
        # cauda equina signs: emergency whatever else is true
        (PainReport("lower_back", 2, saddle_numbness=True), PainAction.EMERGENCY),
        (PainReport("knee", 0, bladder_or_bowel_change=True), PainAction.EMERGENCY),
        (PainReport("leg", 3, leg_weakness=True), PainAction.EMERGENCY),
        (PainReport("leg", 4, both_legs=True), PainAction.EMERGENCY),
        # nerve signs: see a professional
        (PainReport("lower_back", 2, numbness=True), PainAction.SEEK_CARE),
        (PainReport("shoulder", 1, radiating=True), PainAction.SEEK_CARE),
        # sharp and severe: see a professional
        (PainReport("wrist", 8, sharp=True), PainAction.SEEK_CARE),
        (PainReport("neck", 7, sharp=True), PainAction.SEEK_CARE),
        # severe or sharp: end the session at least
        (PainReport("knee", 7), PainAction.END_SESSION),
        (PainReport("lower_back", 10), PainAction.END_SESSION),
        (PainReport("upper_back", 2, sharp=True), PainAction.END_SESSION),
        (PainReport("elbow", 3, sharp=True), PainAction.END_SESSION),
        # moderate: end the session in the spine, stop the exercise elsewhere
        (PainReport("lower_back", 4), PainAction.END_SESSION),
        (PainReport("neck", 6), PainAction.END_SESSION),
        (PainReport("shoulder", 5), PainAction.STOP_EXERCISE),
        (PainReport("hip", 6), PainAction.STOP_EXERCISE),
        # mild and dull, or no score at all: stop the exercise
        (PainReport("knee", 1), PainAction.STOP_EXERCISE),
        (PainReport("lower_back", 3), PainAction.STOP_EXERCISE),
        (PainReport("elbow", 0), PainAction.STOP_EXERCISE),
    ],
)
def test_pain_report_gives_the_documented_action(report: PainReport, action: PainAction) -> None:
    decision = assess_pain(report)
    assert decision.action is action
    assert mentions_stop_and_professional(decision)
    assert decision.rules[-1] == "floor"


@pytest.mark.parametrize("muscle", ["erector-spinae", "multifidus", "quadratus-lumborum", "levator-scapulae"])
def test_moderate_pain_in_a_spinal_muscle_ends_the_session(muscle: str) -> None:
    assert assess_pain(PainReport(muscle, 5), catalog=CATALOG).action is PainAction.END_SESSION


@pytest.mark.parametrize("muscle", ["latissimus-dorsi", "biceps-brachii", "trapezius-middle"])
def test_moderate_pain_in_a_muscle_away_from_the_spine_stops_the_exercise(muscle: str) -> None:
    assert assess_pain(PainReport(muscle, 5), catalog=CATALOG).action is PainAction.STOP_EXERCISE


reports = st.builds(
    PainReport,
    location=st.sampled_from(REGIONS + MUSCLE_IDS),
    severity=st.integers(0, 10),
    sharp=st.booleans(),
    radiating=st.booleans(),
    numbness=st.booleans(),
    saddle_numbness=st.booleans(),
    bladder_or_bowel_change=st.booleans(),
    leg_weakness=st.booleans(),
    both_legs=st.booleans(),
)


@given(reports)
def test_no_pain_report_ever_yields_anything_but_the_four_actions(report: PainReport) -> None:
    decision = assess_pain(report, catalog=CATALOG)
    assert decision.action in set(PainAction)
    assert mentions_stop_and_professional(decision)
    assert all("(source: " in r for r in decision.reasons)
    assert decision.sources


@given(reports, st.sampled_from(["saddle_numbness", "bladder_or_bowel_change", "leg_weakness", "both_legs"]))
def test_any_cauda_equina_flag_is_always_an_emergency(report: PainReport, flag: str) -> None:
    flagged = PainReport(**{**report.__dict__, flag: True})
    decision = assess_pain(flagged, catalog=CATALOG)
    assert decision.action is PainAction.EMERGENCY
    assert "emergency" in decision.reasons[0]
    assert decision.substitute is None


@given(reports)
def test_a_substitute_is_offered_only_when_just_the_exercise_stops(report: PainReport) -> None:
    lighter = exercise("light-row", targets=("trapezius-middle",))
    current = exercise(
        "heavy-row", targets=("latissimus-dorsi",), spinal_load=SpinalLoad.HIGH, regressions=("light-row",)
    )
    decision = assess_pain(report, exercise=current, catalog=catalog(lighter, current))
    if decision.substitute is not None:
        assert decision.action is PainAction.STOP_EXERCISE


def test_rule_registry_and_rule_wording_share_their_keys() -> None:
    assert set(RULES) == set(pain_table().rules)


# ---------------------------------------------------------------------- substitutes


def test_back_pain_substitute_has_a_lower_spinal_load() -> None:
    same = exercise("same-load-row", spinal_load=SpinalLoad.HIGH)
    lower = exercise("lower-load-row", spinal_load=SpinalLoad.MODERATE)
    current = exercise(
        "barbell-row-test",
        spinal_load=SpinalLoad.HIGH,
        regressions=("same-load-row",),
        alternatives=("lower-load-row",),
    )
    decision = assess_pain(
        PainReport("lower_back", 2), exercise=current, catalog=catalog(same, lower, current)
    )
    assert decision.action is PainAction.STOP_EXERCISE
    assert decision.substitute == "lower-load-row"


def test_regressions_are_preferred_over_alternatives() -> None:
    regression = exercise("regression-row")
    alternative = exercise("alternative-row")
    current = exercise(
        "current-row",
        spinal_load=SpinalLoad.MODERATE,
        regressions=("regression-row",),
        alternatives=("alternative-row",),
    )
    cat = catalog(regression, alternative, current)
    assert (
        assess_pain(PainReport("lower_back", 1), exercise=current, catalog=cat).substitute == "regression-row"
    )


def test_muscle_pain_substitute_does_not_target_the_painful_muscle() -> None:
    lats = exercise("lat-focus", targets=("latissimus-dorsi",))
    traps = exercise("trap-focus", targets=("trapezius-middle",), synergists=(("latissimus-dorsi", 0.3),))
    current = exercise(
        "row-under-test", targets=("latissimus-dorsi",), alternatives=("lat-focus", "trap-focus")
    )
    decision = assess_pain(
        PainReport("latissimus-dorsi", 2), exercise=current, catalog=catalog(lats, traps, current)
    )
    assert decision.substitute == "trap-focus"


def test_pain_in_a_muscle_part_rules_out_exercises_targeting_its_parent() -> None:
    whole = exercise("whole-trap", targets=("trapezius",))
    current = exercise("mid-trap", targets=("trapezius-middle",), alternatives=("whole-trap",))
    decision = assess_pain(
        PainReport("trapezius-lower", 2), exercise=current, catalog=catalog(whole, current)
    )
    assert decision.substitute is None


def test_joint_pain_substitute_spares_the_muscles_around_the_joint() -> None:
    with_biceps = exercise("biceps-heavy", targets=("rhomboids",), synergists=(("biceps-brachii", 0.6),))
    without = exercise("no-biceps", targets=("trapezius-lower",))
    current = exercise("elbow-row", alternatives=("biceps-heavy", "no-biceps"))
    decision = assess_pain(
        PainReport("elbow", 2), exercise=current, catalog=catalog(with_biceps, without, current)
    )
    assert decision.substitute == "no-biceps"


def test_a_substitute_is_never_harder_than_the_exercise() -> None:
    harder = exercise("harder-row", level=Level.ADVANCED, targets=("trapezius-middle",))
    current = exercise("easy-row", alternatives=("harder-row",))
    decision = assess_pain(PainReport("knee", 1), exercise=current, catalog=catalog(harder, current))
    assert decision.substitute is None


def test_no_lighter_option_gives_none_with_a_reason() -> None:
    current = exercise("lonely-row", spinal_load=SpinalLoad.LOW)
    decision = assess_pain(PainReport("lower_back", 2), exercise=current, catalog=catalog(current))
    assert decision.substitute is None
    assert any("No lighter substitute" in r for r in decision.reasons)


def test_ending_the_session_never_offers_a_substitute() -> None:
    lower = exercise("lower-row")
    current = exercise("high-row", spinal_load=SpinalLoad.HIGH, regressions=("lower-row",))
    decision = assess_pain(PainReport("lower_back", 5), exercise=current, catalog=catalog(lower, current))
    assert decision.action is PainAction.END_SESSION
    assert decision.substitute is None


def test_without_a_catalogue_no_substitute_is_suggested() -> None:
    current = exercise("some-row", category=Category.BACK)
    decision = assess_pain(PainReport("knee", 1), exercise=current)
    assert decision.substitute is None


# ---------------------------------------------------------------------- input validation


@pytest.mark.parametrize("severity", [-1, 11, 100])
def test_severity_outside_zero_to_ten_is_refused(severity: int) -> None:
    with pytest.raises(InputError, match="0 to 10"):
        PainReport("knee", severity)


@pytest.mark.parametrize("severity", [True, 3.5, "4"])
def test_severity_must_be_a_whole_number(severity: object) -> None:
    with pytest.raises(InputError):
        PainReport("knee", severity)  # type: ignore[arg-type]


def test_empty_location_is_refused() -> None:
    with pytest.raises(InputError):
        PainReport("  ", 3)


def test_unknown_location_is_refused_with_close_matches() -> None:
    with pytest.raises(UnknownIdError) as err:
        assess_pain(PainReport("lower-bak", 3))
    assert "lower_back" in err.value.suggestions


def test_unknown_muscle_is_refused_with_close_muscle_ids() -> None:
    with pytest.raises(UnknownIdError) as err:
        assess_pain(PainReport("latisimus-dorsi", 3), catalog=CATALOG)
    assert "latissimus-dorsi" in err.value.suggestions


def test_a_muscle_location_needs_a_catalogue() -> None:
    with pytest.raises(UnknownIdError, match="catalogue"):
        assess_pain(PainReport("latissimus-dorsi", 3))


@pytest.mark.parametrize(("spelling", "region"), [("Lower-Back", "lower_back"), ("upper back", "upper_back")])
def test_region_spellings_are_forgiving(spelling: str, region: str) -> None:
    assert locate(spelling).region == region


@pytest.mark.parametrize("region", REGIONS)
def test_spine_regions_are_spinal_and_joints_are_not(region: str) -> None:
    assert locate(region).spinal is (region in SPINE)


@pytest.mark.parametrize("region", JOINTS)
def test_every_joint_region_names_real_muscles(region: str) -> None:
    muscles = pain_table().region_muscles[BodyRegion(region)]
    assert muscles
    assert set(muscles) <= set(MUSCLE_IDS)


def test_extra_spinal_muscles_are_real_muscles() -> None:
    assert pain_table().spinal_muscles <= set(MUSCLE_IDS)
