"""Every page, in every state a test can reach: no inline style or script (the Content Security
Policy would block them), every input labelled, every form that changes something carrying the
CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from page_helpers import Page, onboard, parse, step_of, visit
from test_workout_pages import act
from web_helpers import Visitor

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def problems(html: str) -> list[str]:
    page = parse(html)
    found: list[str] = []
    found += [f"inline style on <{e.tag}>" for e in page.elements if "style" in e.attrs]
    found += ["a <style> block"] * page.styles
    found += ["an inline <script>" for s in page.scripts if "src" not in s.attrs or s.text.strip()]
    found += [
        f"inline handler {k} on <{e.tag}>" for e in page.elements for k in e.attrs if k.startswith("on")
    ]
    found += unlabelled(page)
    found += unprotected(page)
    return found


def unlabelled(page: Page) -> list[str]:
    labels = {e.attrs.get("for") for e in page.find("label")}
    out = []
    for e in page.elements:
        if e.tag not in ("input", "select", "textarea"):
            continue
        if e.tag == "input" and e.attrs.get("type", "text") in UNLABELLED_TYPES:
            continue
        if e.attrs.get("id") in labels or "label" in e.ancestors:
            continue
        if e.attrs.get("aria-label") or e.attrs.get("aria-labelledby"):
            continue
        out.append(f"unlabelled <{e.tag} name={e.attrs.get('name')!r}>")
    return out


def unprotected(page: Page) -> list[str]:
    """POST forms whose token field is missing (checked by position: the token follows the form)."""
    forms = [i for i, e in enumerate(page.elements) if e.tag == "form"]
    out = []
    for n, start in enumerate(forms):
        form = page.elements[start]
        if form.attrs.get("method", "get").lower() != "post":
            continue
        end = forms[n + 1] if n + 1 < len(forms) else len(page.elements)
        inside = page.elements[start + 1 : end]
        if not any(
            e.tag == "input" and e.attrs.get("name") == "csrf_token" and e.attrs.get("value") for e in inside
        ):
            out.append(f"a POST form to {form.attrs.get('action')} without the CSRF token")
    return out


def check(html: str, where: str) -> None:
    found = problems(html)
    assert not found, f"{where}: {found}"


CATALOG_PAGES = (
    "/",
    "/exercises",
    "/exercises?muscle=rhomboids&level=beginner",
    "/exercises?level=olympian",
    "/exercises/pull-up",
    "/exercises/one-arm-dumbbell-row",
    "/exercises/nope",
    "/anatomy",
    "/anatomy?colour=volume",
    "/anatomy?colour=recovery",
    "/muscles/trapezius",
    "/muscles/multifidus",
    "/muscles/biceps-brachii",
    "/onboarding/screening",
    "/signin",
    "/signup",
    "/workout/pain",
    "/history",
    "/progress",
    "/progress/pull-up",
    "/volume",
    "/volume?week=bad",
    "/recovery",
    "/plan",
    "/workout",
)


@pytest.fixture
def trained(me: Visitor) -> Visitor:
    onboard(me)
    return me


@pytest.mark.parametrize("path", CATALOG_PAGES)
def test_pages_follow_the_conventions(trained: Visitor, path: str) -> None:
    response = trained.get(path)
    assert response.status_code in (200, 404, 422), path
    check(response.text, path)


def test_onboarding_pages_follow_the_conventions(me: Visitor) -> None:
    check(me.get("/plan").text, "/plan before anything")
    check(me.form("/onboarding/screening", {"redflag_bowel_control": "yes"}).text, "emergency outcome")
    check(me.form("/onboarding/screening", {"parq1": "yes"}).text, "see-professional outcome")
    check(me.get("/plan").text, "/plan refused")
    check(me.form("/onboarding/screening", {}).text, "cleared outcome")
    check(me.get("/onboarding/profile").text, "/onboarding/profile")
    check(me.form("/onboarding/profile", {"minutes": "5"}).text, "profile with errors")
    check(me.form("/plan/regenerate", {}).text, "regenerate without a profile")


def test_every_workout_step_follows_the_conventions(trained: Visitor) -> None:
    html = trained.form("/workout/start", {}).text
    seen: set[str] = set()
    for _ in range(40):
        kind, token = step_of(html)
        if kind is None or token is None or {"drill", "exercise", "rest", "pain", "paused"} <= seen:
            break
        if kind not in seen:
            seen.add(kind)
            check(html, f"workout step {kind}")
        if kind == "exercise" and "paused" not in seen:
            paused = trained.form("/workout/event", {"type": "pause", "token": token})
            check(paused.text, "paused")
            seen.add("paused")
            _, again = step_of(paused.text)
            html = trained.form("/workout/event", {"type": "resume", "token": again}).text
            continue
        if kind == "exercise" and "pain" not in seen:
            guidance = trained.form("/workout/pain", {"location": "upper_back", "severity": "2"})
            check(guidance.text, "pain guidance")
            seen.add("pain")
            html = guidance.text
            continue
        act(trained, kind, token, html)
        html = trained.get("/workout").text
    assert {"drill", "exercise", "rest", "pain", "paused"} <= seen
    _, token = step_of(trained.get("/workout").text)
    summary = trained.form("/workout/event", {"type": "finish", "token": token})
    assert step_of(summary.text)[0] == "summary"
    check(summary.text, "summary")
    check(trained.form("/workout/event", {"type": "set_done", "reps": "x"}).text, "event with no workout")
    check(trained.form("/workout/pain", {"location": "nowhere", "severity": "3"}).text, "pain form errors")
    check(trained.form("/workout/pain", {"location": "neck", "severity": "9"}).text, "pain decision")
    check(trained.get("/history").text, "history after training")


def test_account_pages_follow_the_conventions(multi_app: FastAPI, account: Callable[[str], Visitor]) -> None:
    anon = visit(multi_app, "/signin")
    check(anon.get("/signin").text, "/signin (multi-user)")
    check(anon.get("/signup").text, "/signup (multi-user)")
    check(anon.form("/signup", {"name": "", "email": "x", "password": "y"}).text, "sign-up errors")
    check(anon.form("/signin", {"email": "x@example.org", "password": "y"}).text, "sign-in errors")
    check(anon.client.post("/signin", data={}).text, "forbidden page")
    ana = account("Ana")
    check(ana.get("/onboarding/screening").text, "signed-in page with the sign-out form")


def test_the_checker_notices_problems() -> None:
    bad = (
        '<form method="post" action="/x"><input name="a" id="a"><select name="b"></select></form>'
        '<p style="color:red">x</p><script>alert(1)</script><style>p{}</style><a onclick="x()">y</a>'
    )
    found = problems(bad)
    assert any("inline style" in p for p in found)
    assert any("<style>" in p for p in found)
    assert any("inline <script>" in p for p in found)
    assert any("inline handler" in p for p in found)
    assert any("unlabelled <input" in p for p in found)
    assert any("unlabelled <select" in p for p in found)
    assert any("without the CSRF token" in p for p in found)


def test_api_docs_are_served_from_the_app_itself_with_no_inline_script(me: Visitor) -> None:
    html = me.get("/api/docs").text
    sources = re.findall(r'<script src="([^"]+)"', html) + re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', html
    )
    assert sources and all(src.startswith("/") for src in sources)  # nothing from another origin
    assert "<script>" not in html
    for src in sources:
        assert me.get(src).status_code == 200, src
    assert "/api/v1/openapi.json" in html
