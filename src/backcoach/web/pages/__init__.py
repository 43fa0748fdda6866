"""Server-rendered pages: one small router module per area.

accounts    sign-up, sign-in, sign-out (single-user mode: a note that none is needed)
home        the start page: what to do next
onboarding  the safety questions and their outcome, the profile
plan        the plan, regenerate it
library     the exercise library, one exercise, the back map, one muscle
workout     the guided workout, pain reports, a finished workout's summary
history     the training log
progress    e1RM charts and records, weekly volume, recovery
rendering   what every page shares (templates, forms, field errors, units)
charts      SVG charts drawn by hand
form_checks upload a recorded set, follow its analysis, read and log it
imports     upload another app's export: report, name fixes, confirm
exports     downloads of the log, backup and plan (CSV, JSON, calendar, PDF), the calendar link
"""

from fastapi import APIRouter

from backcoach.web.pages import (
    accounts,
    exports,
    form_checks,
    history,
    home,
    imports,
    library,
    onboarding,
    plan,
    progress,
    workout,
)

router = APIRouter(include_in_schema=False)  # pages are not part of the JSON API's OpenAPI text
for module in (
    accounts,
    home,
    onboarding,
    plan,
    library,
    workout,
    history,
    progress,
    form_checks,
    imports,
    exports,
):
    router.include_router(module.router)

__all__ = ["router"]
