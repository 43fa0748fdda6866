"""Screening: PAR-Q+ and red-flag answers lead to the right outcome, with sourced reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError, UnknownIdError
from backcoach.safety import (
    Outcome,
    QuestionKind,
    Severity,
    clearance_expires,
    is_relevant,
    parse_answers,
    question,
    questions,
    screen,
)
from backcoach.safety.screening import RULES, screening_table

ALL_IDS = [q.id for q in questions()]

CAUDA_EQUINA = [
    "redflag_bladder_dysfunction",
    "redflag_bowel_control",
    "redflag_saddle_numbness",
    "redflag_leg_weakness",
    "redflag_bilateral_leg_symptoms",
    "redflag_sexual_dysfunction",
]
DOCTOR_FLAGS = {
    "cancer": [
        "redflag_age_onset",
        "redflag_cancer_history",
        "redflag_weight_loss",
        "redflag_night_pain",
        "redflag_thoracic_pain",
        "redflag_no_improvement",
    ],
    "infection": [
        "redflag_fever",
        "redflag_immunosuppression",
        "redflag_iv_drug_use",
        "redflag_recent_infection",
        "redflag_penetrating_wound",
    ],
    "fracture": [
        "redflag_major_trauma",
        "redflag_minor_trauma_fragile",
        "redflag_sudden_central_pain",
        "redflag_deformity",
    ],
    "other": ["redflag_widespread_neuro", "redflag_inflammatory"],
}

# The outcome of answering yes to exactly one question (everything else no).
SINGLE_YES = {
    "parq1": Outcome.SEE_PROFESSIONAL,  # heart condition or high blood pressure
    "parq2": Outcome.SEE_PROFESSIONAL,  # chest pain
    "parq3": Outcome.SEE_PROFESSIONAL,  # dizziness or fainting
    "parq4": Outcome.START_GENTLY,  # other chronic condition, follow-ups all no
    "parq5": Outcome.START_GENTLY,  # prescribed medication, follow-ups all no
    "parq6": Outcome.START_GENTLY,  # bone/joint/soft-tissue problem, follow-ups all no
    "parq7": Outcome.SEE_PROFESSIONAL,  # supervised-only activity
    "parq_back_1a": Outcome.SEE_PROFESSIONAL,
    "parq_back_1b": Outcome.SEE_PROFESSIONAL,
    "parq_back_1c": Outcome.SEE_PROFESSIONAL,
    "age_over_45_unaccustomed": Outcome.START_GENTLY,
    "temporary_illness_or_pregnant": Outcome.SEE_PROFESSIONAL,
    **dict.fromkeys(CAUDA_EQUINA, Outcome.EMERGENCY),
    **{flag: Outcome.SEE_PROFESSIONAL for flags in DOCTOR_FLAGS.values() for flag in flags},
}


def test_expected_outcome_table_covers_every_question() -> None:
    assert set(SINGLE_YES) == set(ALL_IDS)


@pytest.mark.parametrize(("question_id", "expected"), SINGLE_YES.items())
def test_single_yes_gives_its_outcome_for_every_question(question_id: str, expected: Outcome) -> None:
    decision = screen({question_id: True})
    assert decision.outcome is expected
    assert question_id in decision.triggered
    assert decision.reasons
    assert all("(source: " in r for r in decision.reasons)


@pytest.mark.parametrize("question_id", ALL_IDS)
def test_single_no_is_the_same_as_unanswered_for_every_question(question_id: str) -> None:
    assert screen({question_id: False}).outcome is Outcome.CLEARED


@pytest.mark.parametrize("condition", ["parq4", "parq5", "parq6"])
@pytest.mark.parametrize("follow_up", ["parq_back_1a", "parq_back_1b", "parq_back_1c"])
def test_condition_with_a_back_follow_up_yes_sends_to_a_professional(condition: str, follow_up: str) -> None:
    decision = screen({condition: True, follow_up: True})
    assert decision.outcome is Outcome.SEE_PROFESSIONAL
    assert [f.rule for f in decision.findings] == ["parq_followup_yes"]


@pytest.mark.parametrize("condition", ["parq4", "parq5", "parq6"])
def test_condition_with_follow_ups_all_no_starts_gently_and_explains(condition: str) -> None:
    answers = {condition: True, "parq_back_1a": False, "parq_back_1b": False, "parq_back_1c": False}
    decision = screen(answers)
    assert decision.outcome is Outcome.START_GENTLY
    assert "lighter" in decision.reasons[0]
    assert decision.may_train


def test_all_no_clears_with_start_slowly_advice_valid_twelve_months() -> None:
    decision = screen(dict.fromkeys(ALL_IDS, False))
    assert decision.outcome is Outcome.CLEARED
    assert [f.rule for f in decision.findings] == ["all_clear"]
    assert decision.valid_months == 12
    assert "slowly" in decision.advice[0] and "12 months" in decision.advice[0]


def test_empty_answers_clear_because_unanswered_means_no() -> None:
    assert screen({}).outcome is Outcome.CLEARED


def test_outcomes_that_block_training_carry_no_clearance() -> None:
    decision = screen({"parq1": True})
    assert decision.valid_months is None
    assert decision.advice == ()
    assert not decision.may_train


def test_emergency_wins_and_keeps_every_other_reason() -> None:
    decision = screen({"parq4": True, "age_over_45_unaccustomed": True, "redflag_saddle_numbness": True})
    assert decision.outcome is Outcome.EMERGENCY
    assert decision.findings[0].rule == "emergency_red_flag"
    assert {f.rule for f in decision.findings} == {
        "emergency_red_flag",
        "parq_condition_cleared",
        "over_45_unaccustomed",
    }
    assert "emergency" in decision.reasons[0]


def test_emergency_reason_says_no_exercise_and_urgent_care() -> None:
    reason = screen({"redflag_bowel_control": True}).reasons[0]
    assert "Do not exercise" in reason
    assert "urgent medical care today" in reason


_answers = st.dictionaries(st.sampled_from(ALL_IDS), st.booleans())


@given(_answers)
def test_outcome_is_the_strictest_single_outcome(answers: dict[str, bool]) -> None:
    yes = [q for q, v in answers.items() if v]
    singles = [screen({q: True}).outcome for q in yes]
    expected = max(singles, key=lambda o: o.rank, default=Outcome.CLEARED)
    assert screen(answers).outcome is expected


@given(_answers, st.sampled_from(CAUDA_EQUINA))
def test_any_cauda_equina_sign_is_always_an_emergency(answers: dict[str, bool], flag: str) -> None:
    assert screen({**answers, flag: True}).outcome is Outcome.EMERGENCY


@given(_answers, st.sampled_from(ALL_IDS))
def test_saying_yes_never_makes_the_outcome_less_strict(answers: dict[str, bool], extra: str) -> None:
    before = screen({**answers, extra: False}).outcome
    after = screen({**answers, extra: True}).outcome
    assert after.rank >= before.rank


@given(_answers)
def test_every_reason_names_its_source_and_every_yes_is_accounted_for(answers: dict[str, bool]) -> None:
    decision = screen(answers)
    assert all("(source: " in r for r in decision.reasons)
    assert {q for q, v in answers.items() if v} <= set(decision.triggered)


# ---------------------------------------------------------------------- the questions themselves


def test_the_seven_parq_questions_come_first_in_order() -> None:
    parq = [q.id for q in questions() if q.kind is QuestionKind.PARQ]
    assert parq == [f"parq{i}" for i in range(1, 8)]
    assert ALL_IDS[:7] == parq


@pytest.mark.parametrize("question_id", ["parq3", "parq6"])
def test_parq_clarifications_say_when_to_answer_no(question_id: str) -> None:
    assert "Say no if" in question(question_id).text


def test_back_follow_ups_are_asked_only_after_a_condition_yes() -> None:
    follow_ups = [q for q in questions() if q.kind is QuestionKind.PARQ_FOLLOWUP]
    assert [q.id for q in follow_ups] == ["parq_back_1a", "parq_back_1b", "parq_back_1c"]
    for q in follow_ups:
        assert set(q.applies_when) == {"parq4", "parq5", "parq6"}
        assert not is_relevant(q, {})
        assert not is_relevant(q, {"parq1": True, "parq4": False})
        assert is_relevant(q, {"parq6": True})


@pytest.mark.parametrize("question_id", ALL_IDS)
def test_red_flags_and_only_red_flags_carry_a_severity(question_id: str) -> None:
    q = question(question_id)
    assert (q.kind is QuestionKind.REDFLAG) == q.id.startswith("redflag_") == (q.severity is not None)
    assert q.source


def test_cauda_equina_flags_are_emergencies_and_the_rest_go_to_a_doctor() -> None:
    flags = {q.id: q.severity for q in questions() if q.kind is QuestionKind.REDFLAG}
    assert {k for k, v in flags.items() if v is Severity.EMERGENCY} == set(CAUDA_EQUINA)
    doctor = {f for group in DOCTOR_FLAGS.values() for f in group}
    assert {k for k, v in flags.items() if v is Severity.DOCTOR} == doctor
    for group, ids in DOCTOR_FLAGS.items():
        assert {question(i).group for i in ids} == {group}


def test_context_questions_are_present() -> None:
    kinds = {q.id: q.kind for q in questions()}
    assert kinds["age_over_45_unaccustomed"] is QuestionKind.CONTEXT
    assert kinds["temporary_illness_or_pregnant"] is QuestionKind.CONTEXT


def test_rule_registry_and_rule_wording_share_their_keys() -> None:
    assert list(RULES) == list(screening_table().rules)


# ---------------------------------------------------------------------- answers and validity


def test_looking_up_an_unknown_question_suggests_close_ids() -> None:
    with pytest.raises(UnknownIdError) as err:
        question("redflag_fevr")
    assert "redflag_fever" in err.value.suggestions


def test_unknown_question_id_is_refused_with_close_matches() -> None:
    with pytest.raises(UnknownIdError) as err:
        screen({"parq8": True})
    assert "parq8" in str(err.value)
    assert err.value.suggestions


@pytest.mark.parametrize("value", ["yes", 1, 0, None, [True]])
def test_non_boolean_answer_is_refused_naming_the_key(value: object) -> None:
    with pytest.raises(InputError, match="parq2"):
        parse_answers({"parq2": value})


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(InputError):
        parse_answers(["parq1"])


@pytest.mark.parametrize(
    ("answered", "expires"),
    [
        (dt.date(2024, 5, 10), dt.date(2025, 5, 10)),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
        (dt.date(2023, 12, 31), dt.date(2024, 12, 31)),
    ],
)
def test_clearance_lasts_twelve_months(answered: dt.date, expires: dt.date) -> None:
    assert clearance_expires(answered) == expires
