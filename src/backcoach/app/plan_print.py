"""The saved plan as a printable PDF, with a log sheet for the week under way (``export --format
pdf``, the Export page). Masses are in the person's display unit; the back map's drawing comes
from the door (``web.backmap_print``), the PDF from ``interop.plan_pdf``."""

from __future__ import annotations

from datetime import datetime

from backcoach.app.plan import overview
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import NotFound
from backcoach.interop.plan_pdf import BackFigure, PrintOptions, plan_pdf
from backcoach.store import User
from backcoach.store.users import LOCAL_USER


def print_plan(
    uow: UnitOfWork, *, catalog: Catalog, user: User, now: datetime, figure: BackFigure | None = None
) -> bytes:
    """The active plan and its log sheet as PDF bytes; NotFound when no plan is saved (or training
    is refused by the screening, when no plan is shown either)."""
    found = overview(uow, user=user).plan
    if found is None or not found.weeks:
        raise NotFound("plan: no plan is saved yet: answer the safety questions and make a plan first")
    options = PrintOptions(
        person=None if user.name == LOCAL_USER else user.name,
        printed_on=now.date(),
        unit=user.display_unit,
        today=now.date(),
    )
    return plan_pdf(found, catalog, options, figure)
