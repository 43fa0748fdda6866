"""The JSON API under /api/v1: one small router module per resource.

Every route's one-line docstring is its OpenAPI summary. Unsafe routes depend on ``Csrf`` (the
``X-CSRF-Token`` header; ``GET /auth/csrf`` or ``GET /auth/me`` gives it); routes over a person's
data depend on ``ViewerDep`` and reach only that person's rows. Errors are
``{"errors": [{"field", "message"}]}`` with the status (``web.errors``).

Every error status a route can answer is in the OpenAPI document, with that one schema. Those that
follow from how a route is declared are added here, for every route alike: 400 where it reads a
body (one that is not JSON), 401 where it reads the viewer (multi-user mode), 403 where it checks
the CSRF token, 404 where its path names a record or an id, 422 where it takes any input. A route
declares the others itself, those that follow from what its use case refuses
(``responses=documented(404)``, or ``{409: described("No plan fits ...")}`` in its own words).
"""

from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from backcoach.web.api import (
    auth,
    equipment,
    exercises,
    form_checks,
    guided,
    imports,
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
from backcoach.web.deps import check_csrf, get_asker, get_viewer
from backcoach.web.errors import documented

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
        imports,
        form_checks,
    )
)


def _tree(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _tree(sub)


def declared_errors(route: APIRoute) -> list[int]:
    """The error statuses that follow from how ``route`` is declared (the module docstring)."""
    tree = list(_tree(route.dependant))
    calls = {d.call for d in tree}
    takes_input = route.body_field is not None or any(
        d.path_params or d.query_params or d.header_params or d.cookie_params for d in tree
    )
    statuses = {
        400: route.body_field is not None,
        401: get_viewer in calls or get_asker in calls,
        403: check_csrf in calls,
        404: bool(route.dependant.path_params),
        422: takes_input,
    }
    return [status for status, applies in statuses.items() if applies]


for resource in ROUTERS:
    for route in resource.routes:  # set before including: an included router copies its routes
        if isinstance(route, APIRoute):
            if route.summary is None and route.description:  # the one-line docstring is the summary
                route.summary = route.description.splitlines()[0].strip()
            route.responses = {**documented(*declared_errors(route)), **route.responses}

router = APIRouter(prefix="/api/v1")
for resource in ROUTERS:
    router.include_router(resource)

__all__ = ["ROUTERS", "router"]
