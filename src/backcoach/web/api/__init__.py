"""The JSON API under /api/v1: one small router module per resource."""

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")

__all__ = ["router"]
