"""Health screening before training: the questions, and the outcome of your answers (stored)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from backcoach.app import screening
from backcoach.safety import questions
from backcoach.web.deps import Csrf, IdempotencyDep, Uow, ViewerDep, answer_once, clock
from backcoach.web.schemas import QuestionPublic, ScreeningCreate, ScreeningPublic

router = APIRouter(prefix="/screening", tags=["safety"])


@router.get("/questions")
def list_questions() -> list[QuestionPublic]:
    """The screening questions in order (PAR-Q+ and back-pain warning signs)."""
    return [
        QuestionPublic(
            id=q.id,
            text=q.text,
            kind=q.kind.value,
            severity=q.severity.value if q.severity is not None else None,
            applies_when=list(q.applies_when),
        )
        for q in questions()
    ]


@router.post("", status_code=201, dependencies=[Csrf])
def take_screening(
    body: ScreeningCreate, uow: Uow, viewer: ViewerDep, once: IdempotencyDep, response: Response
) -> ScreeningPublic:
    """Screen your answers: cleared, start gently, see a professional first, or get help now."""

    def run() -> dict[str, object]:
        decision = screening.take(uow, user=viewer.user, answers=body.answers, now=clock())
        return screening.to_json(decision)

    return ScreeningPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))
