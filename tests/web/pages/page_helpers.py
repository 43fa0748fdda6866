"""Helpers for the page tests: visitors that take their CSRF token from the page's meta tag (as
app.js does), HTML inspection with ``html.parser``, and the onboarding and workout flows driven
through the forms only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import PASSWORD, Visitor

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: tuple[str, ...]
    text: str = ""


class Page(HTMLParser):
    """Every start tag with its attributes and ancestors, and the text inside ``<script>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[Element] = []
        self.styles = 0
        self._stack: list[str] = []
        self._script: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self._stack))
        self.elements.append(element)
        if tag == "script":
            self._script = element
            self.scripts.append(element)
        if tag == "style":
            self.styles += 1
        if tag not in VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, tuple(self._stack)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def csrf_of(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]*)"', html)
    assert match is not None, "the page has no CSRF meta tag"
    return match.group(1)


def visit(app: FastAPI, path: str = "/exercises") -> Visitor:
    """A new visitor whose token comes from a page, as a browser would get it."""
    client = TestClient(app)
    return Visitor(client, csrf_of(client.get(path).text))


def refresh(visitor: Visitor, path: str = "/exercises") -> str:
    visitor.csrf = csrf_of(visitor.get(path).text)
    return visitor.csrf


def sign_up_page(app: FastAPI, name: str, *, password: str = PASSWORD) -> Visitor:
    """An account made through the sign-up form; signed in on its own client."""
    visitor = visit(app, "/signup")
    email = f"{name.lower()}@example.org"
    response = visitor.form(
        "/signup", {"name": name, "email": email, "password": password}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    visitor.email = email
    refresh(visitor)
    return visitor


def screen_all_no(visitor: Visitor) -> httpx.Response:
    return visitor.form("/onboarding/screening", {})


def profile_form(**changes: Any) -> dict[str, Any]:
    """A profile training today only, one session a week: today always has a session."""
    today = WEEKDAYS[date.today().weekday()]
    form: dict[str, Any] = {
        "level": "beginner",
        "days": [today],
        "minutes": "45",
        "goal": "posture",
        "equipment": ["dumbbells", "bench", "resistance-band"],
        "bodyweight": "80",
        "unit": "kg",
        "sessions": "1",
    }
    form.update(changes)
    return form


def onboard(visitor: Visitor, **changes: Any) -> httpx.Response:
    """Screening all no, then the profile: the response is the plan page."""
    assert screen_all_no(visitor).status_code == 200
    response = visitor.form("/onboarding/profile", profile_form(**changes))
    assert response.status_code == 200, response.text
    return response


def step_of(html: str) -> tuple[str | None, str | None]:
    """The guided workout's step kind and the token of its forms."""
    page = parse(html)
    steps = [e for e in page.elements if e.attrs.get("id") == "step"]
    tokens = page.find("input", name="token")
    return (
        steps[0].attrs.get("data-kind") if steps else None,
        tokens[0].attrs.get("value") if tokens else None,
    )


def substitute_of(html: str) -> bool:
    return 'value="accept_substitute"' in html
