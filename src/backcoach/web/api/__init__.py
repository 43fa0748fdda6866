"""The JSON API under /api/v1: one small router module per resource.

Every route's one-line docstring is its OpenAPI summary. Unsafe routes depend on ``Csrf`` (the
``X-CSRF-Token`` header; ``GET /auth/csrf`` or ``GET /auth/me`` gives it); routes over a person's
data depend on ``ViewerDep`` and reach only that person's rows. Errors are
``{"errors": [{"field", "message"}]}`` with the status (``web.errors``).
"""

from fastapi import APIRouter
from fastapi.routing import APIRoute

from backcoach.web.api import (
    auth,
    equipment,
    exercises,
    guided,
    muscles,
    pain,
    plan,
    profile,
    progress,
    recovery,
    screening,
    volume,
    workouts,
)

# The resource routers in the order they appear in the OpenAPI document.
ROUTERS: tuple[APIRouter, ...] = tuple(
    m.router
    for m in (
        auth,
        exercises,
        muscles,
        equipment,
        screening,
        pain,
        profile,
        plan,
        workouts,
        guided,
        progress,
        volume,
        recovery,
    )
)

for resource in ROUTERS:
    for route in resource.routes:  # the one-line docstring is the summary (set before including)
        if isinstance(route, APIRoute) and route.summary is None and route.description:
            route.summary = route.description.splitlines()[0].strip()

router = APIRouter(prefix="/api/v1")
for resource in ROUTERS:
    router.include_router(resource)

__all__ = ["ROUTERS", "router"]
