"""Accounts through the pages: sign-up, sign-in, sign-out, their errors beside the fields, and the
single-user mode that needs none of them."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from page_helpers import csrf_of, visit
from web_helpers import PASSWORD, Visitor


def test_single_user_mode_needs_no_account(me: Visitor) -> None:
    for path in ("/signin", "/signup"):
        response = me.get(path)
        assert response.status_code == 200
        assert "No account needed" in response.text
        assert 'href="/"' in response.text
        assert 'type="password"' not in response.text
    assert me.form("/signin", {"email": "a@b.c", "password": "x"}, follow_redirects=False).status_code == 303


def test_pages_need_a_sign_in_in_multi_user_mode(multi_app: FastAPI) -> None:
    anon = visit(multi_app, "/signin")
    for path in ("/", "/plan", "/workout", "/history", "/progress", "/volume", "/recovery"):
        response = anon.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == f"/signin?next={path}"


def test_sign_up_then_the_onboarding(multi_app: FastAPI) -> None:
    anon = visit(multi_app, "/signup")
    response = anon.form("/signup", {"name": "Ana", "email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert str(response.url).endswith("/onboarding/screening")
    assert "Sign out" in response.text
    assert csrf_of(response.text) != anon.csrf  # a new session, a new token


def test_sign_up_errors_are_beside_their_fields(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    account("Ana")
    anon = visit(multi_app, "/signup")
    short = anon.form("/signup", {"name": "Bo", "email": "bo@example.org", "password": "short"})
    assert short.status_code == 422
    assert 'id="password-error"' in short.text
    assert 'value="bo@example.org"' in short.text
    taken = anon.form("/signup", {"name": "Other", "email": "ANA@example.org", "password": PASSWORD})
    assert taken.status_code == 422 and "could not create an account" in taken.text  # never "taken"
    bad = anon.form("/signup", {"name": "Cy", "email": "not-an-email", "password": PASSWORD})
    assert bad.status_code == 422 and 'id="email-error"' in bad.text


def test_sign_in_and_out(multi_app: FastAPI, account: Callable[[str], Visitor]) -> None:
    account("Ana")
    anon = visit(multi_app, "/signin")
    response = anon.form(
        "/signin", {"email": "ana@example.org", "password": PASSWORD, "next": "/plan"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/plan"
    token = csrf_of(anon.get("/").text)
    out = anon.client.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/signin"
    assert anon.get("/plan", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_shown_beside_the_email(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    account("Ana")
    anon = visit(multi_app, "/signin")
    response = anon.form("/signin", {"email": "ana@example.org", "password": "wrong password!"})
    assert response.status_code == 401
    assert 'id="email-error"' in response.text
    assert "email or password is wrong" in response.text
    assert 'value="ana@example.org"' in response.text


def test_sign_in_goes_only_to_local_pages(multi_app: FastAPI, account: Callable[[str], Visitor]) -> None:
    account("Ana")
    anon = visit(multi_app, "/signin")
    response = anon.form(
        "/signin",
        {"email": "ana@example.org", "password": PASSWORD, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_repeated_failures_are_throttled(
    make_app: Callable[..., FastAPI], account: Callable[[str], Visitor]
) -> None:
    app = make_app(single_user=False, login_attempts=2)
    anon = visit(app, "/signin")
    for _ in range(2):
        assert (
            anon.form("/signin", {"email": "x@example.org", "password": "nope nope nope"}).status_code == 401
        )
    response = anon.form("/signin", {"email": "x@example.org", "password": "nope nope nope"})
    assert response.status_code == 429
    assert 'id="form-error"' in response.text
    app.state.engine.dispose()


def test_forms_without_the_token_get_the_forbidden_page(multi_app: FastAPI) -> None:
    anon = visit(multi_app, "/signin")
    response = anon.client.post("/signin", data={"email": "a@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "Not allowed" in response.text
    wrong = anon.client.post("/signup", data={"csrf_token": "forged", "name": "X", "email": "x@example.org"})
    assert wrong.status_code == 403
