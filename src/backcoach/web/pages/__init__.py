"""Server-rendered pages: one small router module per area."""

from fastapi import APIRouter

router = APIRouter()

__all__ = ["router"]
