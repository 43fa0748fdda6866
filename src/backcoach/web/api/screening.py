"""Health screening before training: the questions, and the outcome of your answers (stored)."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.safety import questions
from backcoach.web import services
from backcoach.web.deps import Csrf, DbSession, ViewerDep
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
def take_screening(body: ScreeningCreate, db: DbSession, viewer: ViewerDep) -> ScreeningPublic:
    """Screen your answers: cleared, start gently, see a professional first, or get help now."""
    decision = services.take_screening(db, viewer.user, body.answers, now=services.clock())
    return ScreeningPublic(**services.screening_to_json(decision))
