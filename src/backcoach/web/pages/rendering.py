"""What every page shares: rendering a template with the viewer and the CSRF token, the clock,
reading a submitted form, field errors beside their fields, and masses in the person's unit.

Field errors. The domain's messages start with the field at fault ("reps: 200 must be …");
``field_errors`` turns an ``InputError`` into ``{field: message}`` so a template shows each one
beside its input (``errors.reps``) and the page answers 422 with the form filled in again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment
from starlette.datastructures import FormData

from backcoach.errors import BackcoachError
from backcoach.science.units import from_kg
from backcoach.sessions.records import MAX_SET_NOTE
from backcoach.web.errors import field_of
from backcoach.web.security import ANONYMOUS, COOKIE_NAME
from backcoach.web.settings import WebSettings


def now() -> datetime:
    """The web shell's clock: local time with its offset (the domain never reads a clock)."""
    return datetime.now().astimezone()


async def read_form(request: Request) -> FormData:
    """The submitted form (parsed once; the CSRF check may already have read it)."""
    return await request.form()


Form = Annotated[FormData, Depends(read_form)]


def field_errors(exc: BackcoachError, *, default: str = "form") -> dict[str, str]:
    """``{field: message}`` for an error whose message names its field (else under ``default``)."""
    message = str(exc)
    field = field_of(message) or default
    text = message.split(": ", 1)[1] if field_of(message) else message
    return {field: text[:1].upper() + text[1:]}


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def mass(kg: float | None, unit: str, *, none: str = "body weight") -> str:
    """A mass in the person's unit, rounded for reading: "42.5 kg", "95 lb"."""
    if kg is None:
        return none
    return f"{round(from_kg(kg, unit), 1):g} {unit}"


def number(value: float | None, unit: str) -> str:
    """A mass in ``unit`` as an input's value ("" for none)."""
    return "" if value is None else f"{round(from_kg(value, unit), 1):g}"


def reps_range(lo: int | float | None, hi: int | float | None) -> str:
    if lo is None and hi is None:
        return ""
    if lo is None or hi is None or lo == hi:
        return f"{lo if lo is not None else hi:g}"
    return f"{lo:g}–{hi:g}"


def words(value: object) -> str:
    """An identifier as words: "lower_back" → "lower back", "see_professional" → "see professional"."""
    return str(value).replace("_", " ").replace("-", " ")


# A week's volume status (``analysis.volume``) as a person reads it, short enough for a table cell.
VOLUME_STATUS = {
    "below_mv": "too little to keep",
    "below_mev": "too little to grow",
    "productive": "productive",
    "above_mav": "high, still recoverable",
    "above_mrv": "too much to recover",
    None: "no landmark",
}


_SOURCE = re.compile(r"\s*\(source: (?P<source>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def unsourced(text: str) -> str:
    """A safety reason without its trailing "(source: …)": the page lists sources apart."""
    return _SOURCE.sub("", str(text))


def sources_of(texts: Any) -> list[str]:
    """The distinct sources named at the end of ``texts``, in order ("Sources" note)."""
    found = (_SOURCE.search(str(t)) for t in texts)
    return list(dict.fromkeys(m.group("source") for m in found if m is not None))


def volume_status(status: str | None) -> str:
    """A volume status in plain words: "below_mev" → "too little to grow"."""
    return VOLUME_STATUS.get(status, words(status))


def _install(env: Environment) -> None:
    if env.globals.get("_backcoach_pages"):
        return
    env.filters["mass"] = mass
    env.filters["number"] = number
    env.filters["words"] = words
    env.filters["volume_status"] = volume_status
    env.filters["unsourced"] = unsourced
    env.filters["sources_of"] = sources_of
    env.filters["num"] = lambda x: f"{x:g}"
    env.globals["reps_range"] = reps_range
    env.globals["max_set_note"] = MAX_SET_NOTE  # the note fields' maxlength, as the server checks
    env.globals["_backcoach_pages"] = True


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> HTMLResponse:
    """The template with the request, settings, CSRF token and whether someone is signed in."""
    templates = request.app.state.templates
    _install(templates.env)
    settings: WebSettings = request.app.state.settings
    session = request.app.state.sessions.loads(request.cookies.get(COOKIE_NAME))
    data = {
        "csrf": getattr(request.state, "csrf", ""),
        "single_user": settings.single_user,
        "signed_in": session is not None and session.user_id != ANONYMOUS,
        "errors": {},
        **(context or {}),
    }
    response: HTMLResponse = templates.TemplateResponse(request, template, data, status_code=status)
    return response


def redirect(url: str) -> RedirectResponse:
    """See other: the browser GETs ``url`` (post/redirect/get, so a reload never re-posts)."""
    return RedirectResponse(url, status_code=303)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go to after signing in; anything pointing elsewhere falls back to ``default``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
