"""The one safety gate every door passes: no plan saved, no workout started or continued, no
session suggested while the person is held.

A person is held when
  screening_required   they have never answered the screening questions (PAR-Q+ and back red
                       flags): training advice needs them first (ACSM's pre-participation
                       screening, PAR-Q+ 2023);
  see_professional     the latest screening says to see a doctor or qualified professional first;
  emergency            the latest screening, or a pain report since it, calls for urgent care
                       (cauda equina signs: NICE NG59);
  pain_hold            a pain report since the latest screening called for professional advice
                       (nerve signs, severe or sharp pain): training waits until a new screening
                       clears them, as the plan adaptation holds its coming sessions
                       (``analysis.adaptation``).
Only a screening taken after the report releases a pain hold: the person answers the questions
again once a professional has seen them ("I have been cleared").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from backcoach.analysis.adaptation import SERIOUS
from backcoach.errors import SafetyHold
from backcoach.safety import Outcome, PainAction
from backcoach.store import latest_screening, pain_reports


class HoldCode(StrEnum):
    SCREENING_REQUIRED = "screening_required"
    SEE_PROFESSIONAL = "see_professional"
    EMERGENCY = "emergency"
    PAIN_HOLD = "pain_hold"


_MESSAGES = {
    HoldCode.SCREENING_REQUIRED: "answer the safety questions first: training waits until you have",
    HoldCode.SEE_PROFESSIONAL: (
        "your safety questions say to see a doctor or qualified professional before training; "
        "when they have cleared you, answer the questions again"
    ),
    HoldCode.EMERGENCY: (
        "what you reported needs urgent medical care: stop training and get help now; "
        "answer the safety questions again once you have been seen"
    ),
    HoldCode.PAIN_HOLD: (
        "training is on hold after the pain you reported: stop and see a doctor or "
        "physiotherapist; when they have cleared you, answer the safety questions again"
    ),
}


@dataclass(frozen=True)
class Hold:
    code: HoldCode

    @property
    def message(self) -> str:
        return _MESSAGES[self.code]

    def error(self) -> SafetyHold:
        return SafetyHold(self.message, code=self.code.value)


def hold_of(db: Session, *, user_id: int) -> Hold | None:
    """Why this person may not train now, or None when they may."""
    latest = latest_screening(db, user_id=user_id)
    if latest is None:
        return Hold(HoldCode.SCREENING_REQUIRED)
    if latest.outcome is Outcome.EMERGENCY:
        return Hold(HoldCode.EMERGENCY)
    if latest.outcome is Outcome.SEE_PROFESSIONAL:
        return Hold(HoldCode.SEE_PROFESSIONAL)
    serious = [
        p
        for p in pain_reports(db, user_id=user_id, since=latest.taken_at)
        if p.action in SERIOUS and p.reported_at > latest.taken_at
    ]
    if any(p.action == PainAction.EMERGENCY.value for p in serious):
        return Hold(HoldCode.EMERGENCY)
    if serious:
        return Hold(HoldCode.PAIN_HOLD)
    return None


def require_clear(db: Session, *, user_id: int) -> None:
    """Raise ``SafetyHold`` (with its code) unless this person may train now."""
    hold = hold_of(db, user_id=user_id)
    if hold is not None:
        raise hold.error()
