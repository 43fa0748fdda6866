"""Pre-participation screening: PAR-Q+ questions, back red flags, and the outcome they lead to.

Sources (training-science.md): §6 PAR-Q+ general questions, group-1 follow-ups (arthritis,
osteoporosis or back problems) and the all-no advice [S]; §5 NICE CKS / AHCPR red flags for back
pain [S]. The questions, their wording and the text of each rule live in ``data/screening.yaml``.

How answers become an outcome (each rule has a stable key; the strictest outcome wins and the
reasons of every rule that fired are kept; an unanswered question counts as "no"):

    emergency_red_flag              any cauda equina sign               -> emergency
    doctor_red_flag                 any other red flag                  -> see_professional
    parq_outside_scope              PAR-Q+ 1, 2, 3 or 7 yes             -> see_professional
    parq_followup_yes               any back follow-up (1a-1c) yes      -> see_professional
    parq_condition_cleared          PAR-Q+ 4, 5 or 6 yes, follow-ups no -> start_gently
    temporary_illness_or_pregnancy  short illness or pregnancy          -> see_professional
    over_45_unaccustomed            over 45, not used to hard exercise  -> start_gently
    all_clear                       no to everything                    -> cleared

A follow-up answered yes counts even when no PAR-Q+ question above it was yes: a reported
condition is information we do not throw away (our conservative choice).
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Self

from pydantic import Field, model_validator

from backcoach.errors import InputError, UnknownIdError
from backcoach.safety.tables import Frozen, Text, load_table, with_source


class QuestionKind(StrEnum):
    PARQ = "parq"
    PARQ_FOLLOWUP = "parq_followup"
    CONTEXT = "context"
    REDFLAG = "redflag"


class Severity(StrEnum):
    """How urgent a red flag is (training-science.md §5)."""

    EMERGENCY = "emergency"  # same-day emergency care (cauda equina signs)
    DOCTOR = "doctor"  # see a doctor before continuing


class Outcome(StrEnum):
    """What screening allows, from most to least permissive."""

    CLEARED = "cleared"
    START_GENTLY = "start_gently"
    SEE_PROFESSIONAL = "see_professional"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Outcome).index(self)

    @property
    def may_train(self) -> bool:
        return self in (Outcome.CLEARED, Outcome.START_GENTLY)


QuestionId = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=2)]


class Question(Frozen):
    id: QuestionId
    kind: QuestionKind
    label: Text  # a short phrase used inside reasons ("chest pain")
    text: Text  # the question as asked
    source: Text
    severity: Severity | None = None
    group: str | None = None  # red-flag family: cauda_equina, cancer, infection, fracture, other
    applies_when: tuple[QuestionId, ...] = ()  # follow-ups: asked only when one of these is yes

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        is_flag = self.kind is QuestionKind.REDFLAG
        if is_flag != self.id.startswith("redflag_"):
            raise ValueError("red-flag question ids start with 'redflag_', and only they do")
        if is_flag != (self.severity is not None):
            raise ValueError("a severity is given for red flags and only for them")
        if (self.kind is QuestionKind.PARQ_FOLLOWUP) != bool(self.applies_when):
            raise ValueError("applies_when is given for follow-up questions and only for them")
        return self


class RuleText(Frozen):
    outcome: Outcome
    text: Text  # may contain {items}: the labels of the answers that triggered the rule
    source: Text


class Advice(Frozen):
    text: Text
    source: Text


class ScreeningTable(Frozen):
    clearance_valid_months: int = Field(gt=0)
    clearance_source: Text
    questions: tuple[Question, ...] = Field(min_length=1)
    rules: dict[str, RuleText]
    advice: Advice
    headlines: dict[Outcome, Text]

    @model_validator(mode="after")
    def _references(self) -> Self:
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique")
        parq = {q.id for q in self.questions if q.kind is QuestionKind.PARQ}
        for q in self.questions:
            for parent in q.applies_when:
                if parent not in parq:
                    raise ValueError(f"question '{q.id}': applies_when names '{parent}', not a PAR-Q+ one")
        if set(self.headlines) != set(Outcome):
            raise ValueError("every outcome needs a headline")
        return self


@cache
def screening_table() -> ScreeningTable:
    """The shipped questions and rule texts, validated once per process."""
    return load_table("screening.yaml", ScreeningTable)


def questions() -> tuple[Question, ...]:
    """Every screening question in the order they are asked."""
    return screening_table().questions


def question(question_id: str) -> Question:
    by_id = {q.id: q for q in questions()}
    try:
        return by_id[question_id]
    except KeyError:
        raise UnknownIdError("screening question", question_id, _closest(question_id, by_id)) from None


def is_relevant(q: Question, answers: Mapping[str, bool]) -> bool:
    """Whether ``q`` should be asked given the answers so far (follow-ups need a yes above them)."""
    return not q.applies_when or any(answers.get(parent, False) for parent in q.applies_when)


def clearance_expires(answered_on: date) -> date:
    """The last day a clearance given on ``answered_on`` stays valid (12 months, PAR-Q)."""
    months = screening_table().clearance_valid_months
    total = answered_on.month - 1 + months
    year, month = answered_on.year + total // 12, total % 12 + 1
    day = min(answered_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


# ---------------------------------------------------------------------- answers


def parse_answers(raw: object) -> dict[str, bool]:
    """Validate a mapping of question id -> true/false (as read from JSON). Unanswered means no.

    Unknown ids raise UnknownIdError (with the closest ids); a value that is not a boolean raises
    InputError naming the key. "yes", 1 or null are refused rather than guessed at.
    """
    if not isinstance(raw, Mapping):
        raise InputError(f"answers must be an object of question id to true/false, not {type(raw).__name__}")
    known = {q.id for q in questions()}
    out: dict[str, bool] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or key not in known:
            raise UnknownIdError("screening question", str(key), _closest(str(key), known))
        if not isinstance(value, bool):
            raise InputError(f"answer for '{key}' must be true or false, not {value!r}")
        out[key] = value
    return out


# ---------------------------------------------------------------------- rules

# A rule looks at the answers and returns the ids that made it fire, or None when it does not fire.
Rule = Callable[[Mapping[str, bool]], tuple[str, ...] | None]

_OUTSIDE_SCOPE = ("parq1", "parq2", "parq3", "parq7")  # cardiac, chest pain, fainting, supervised-only
_CONDITIONS = ("parq4", "parq5", "parq6")  # chronic condition, medication, musculoskeletal problem


def _yes(answers: Mapping[str, bool], ids: Iterable[str]) -> tuple[str, ...] | None:
    hit = tuple(i for i in ids if answers.get(i, False))
    return hit or None


def _of(kind: QuestionKind, severity: Severity | None = None) -> tuple[str, ...]:
    return tuple(q.id for q in questions() if q.kind is kind and (severity is None or q.severity is severity))


def _emergency_red_flag(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return _yes(answers, _of(QuestionKind.REDFLAG, Severity.EMERGENCY))


def _doctor_red_flag(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return _yes(answers, _of(QuestionKind.REDFLAG, Severity.DOCTOR))


def _parq_outside_scope(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return _yes(answers, _OUTSIDE_SCOPE)


def _parq_followup_yes(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    if _yes(answers, _of(QuestionKind.PARQ_FOLLOWUP)) is None:
        return None
    return _yes(answers, (*_CONDITIONS, *_of(QuestionKind.PARQ_FOLLOWUP)))  # the conditions too


def _parq_condition_cleared(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    if _parq_followup_yes(answers) is not None:
        return None
    return _yes(answers, _CONDITIONS)


def _temporary_illness_or_pregnancy(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return _yes(answers, ("temporary_illness_or_pregnant",))


def _over_45_unaccustomed(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return _yes(answers, ("age_over_45_unaccustomed",))


def _all_clear(answers: Mapping[str, bool]) -> tuple[str, ...] | None:
    return None if any(answers.values()) else ()


RULES: Mapping[str, Rule] = {
    "emergency_red_flag": _emergency_red_flag,
    "doctor_red_flag": _doctor_red_flag,
    "parq_outside_scope": _parq_outside_scope,
    "parq_followup_yes": _parq_followup_yes,
    "parq_condition_cleared": _parq_condition_cleared,
    "temporary_illness_or_pregnancy": _temporary_illness_or_pregnancy,
    "over_45_unaccustomed": _over_45_unaccustomed,
    "all_clear": _all_clear,
}
"""The screening rules by stable key; ``data/screening.yaml`` holds their wording under the same keys."""


# ---------------------------------------------------------------------- decision


@dataclass(frozen=True)
class Finding:
    """One rule that fired: what it decides, why (in words, naming its source), and which answers."""

    rule: str
    outcome: Outcome
    reason: str
    source: str
    triggered: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningDecision:
    outcome: Outcome
    headline: str
    findings: tuple[Finding, ...]
    advice: tuple[str, ...]  # shown when the person may train
    valid_months: int | None  # how long a clearance lasts; None when training is not allowed

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(f.reason for f in self.findings)

    @property
    def triggered(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for f in self.findings for i in f.triggered))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.source for f in self.findings))

    @property
    def may_train(self) -> bool:
        return self.outcome.may_train


def screen(answers: Mapping[str, bool]) -> ScreeningDecision:
    """Decide what the answers allow. Unanswered questions count as no; unknown ids are refused."""
    checked = parse_answers(answers)
    table = screening_table()
    findings: list[Finding] = []
    for key, rule in RULES.items():
        fired = rule(checked)
        if fired is None:
            continue
        wording = table.rules[key]
        text = wording.text.format(items=_join(question(i).label for i in fired))
        reason = with_source(text, wording.source)
        findings.append(Finding(key, wording.outcome, reason, wording.source, fired))
    outcome = max((f.outcome for f in findings), key=lambda o: o.rank)
    findings.sort(key=lambda f: -f.outcome.rank)  # the deciding reasons first; sort is stable
    may_train = outcome.may_train
    advice = (with_source(table.advice.text, table.advice.source),) if may_train else ()
    return ScreeningDecision(
        outcome=outcome,
        headline=table.headlines[outcome],
        findings=tuple(findings),
        advice=advice,
        valid_months=table.clearance_valid_months if may_train else None,
    )


def _join(parts: Iterable[str]) -> str:
    return "; ".join(parts)


def _closest(wanted: str, ids: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(wanted, list(ids), n=3, cutoff=0.5)
