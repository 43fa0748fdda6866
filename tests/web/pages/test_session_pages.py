"""Sessions through the pages: after a sign-out or a password change, an old cookie (another tab,
a copy) is sent to sign in for reads and writes alike; the password form, its errors beside their
fields, and single-user mode, which has no password."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from page_helpers import csrf_of, refresh, screen_all_no, visit
from web_helpers import PASSWORD, Visitor

from backcoach.store import account_by_email, latest_screening, session_scope

NEW = "mauve kayak at dawn"


def _sign_out(visitor: Visitor) -> None:
    out = visitor.form("/signout", {}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/signin"


def _sign_in(app: FastAPI, email: str, password: str = PASSWORD) -> Visitor:
    device = visit(app, "/signin")
    answer = device.form(
        "/signin", {"email": email, "password": password, "next": "/"}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    refresh(device)
    return device


def _screenings(app: FastAPI, email: str) -> object:
    with session_scope(app.state.engine) as s:
        found = account_by_email(s, email=email)
        assert found is not None
        return latest_screening(s, user_id=found.user.id)


def test_an_old_cookie_reads_no_page_after_sign_out(account: Callable[[str], Visitor]) -> None:
    ana = account("Ana")
    kept = ana.reloaded()  # another tab, or a copy of the cookie
    assert kept.get("/plan", follow_redirects=False).status_code != 303
    _sign_out(ana)
    for path in ("/", "/plan", "/history", "/account/password"):
        response = kept.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == f"/signin?next={path}"


def test_an_old_cookie_writes_nothing_after_sign_out(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    ana = account("Ana")
    kept = ana.reloaded()
    _sign_out(ana)
    response = screen_all_no(kept)  # its form token still matches its cookie
    assert response.history and response.history[0].status_code == 303
    assert str(response.url).endswith("/signin?next=/onboarding/screening")
    assert ana.email is not None and _screenings(multi_app, ana.email) is None


def test_the_sign_in_page_after_an_ended_session_shows_no_sign_out_button(
    account: Callable[[str], Visitor],
) -> None:
    ana = account("Ana")
    kept = ana.reloaded()
    _sign_out(ana)
    page = kept.get("/plan")  # redirected to sign in; the dead cookie is replaced on the way
    assert "/signin" in str(page.url)
    assert 'action="/signout"' not in page.text


def test_the_password_form_changes_it_and_signs_out_every_other_device(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    ana = account("Ana")
    assert ana.email is not None
    phone = _sign_in(multi_app, ana.email)
    form = ana.get("/account/password")
    assert form.status_code == 200
    assert 'name="current_password"' in form.text and 'name="new_password"' in form.text
    changed = ana.form("/account/password", {"current_password": PASSWORD, "new_password": NEW})
    assert changed.status_code == 200
    assert str(changed.url).endswith("/account/password?changed=1")
    assert "Your password is changed" in changed.text
    assert csrf_of(changed.text) != ana.csrf  # a new session, a new token
    assert phone.get("/plan", follow_redirects=False).status_code == 303
    assert ana.get("/plan", follow_redirects=False).status_code != 303
    _sign_in(multi_app, ana.email, NEW)


def test_password_form_errors_are_beside_their_fields(
    multi_app: FastAPI, account: Callable[[str], Visitor]
) -> None:
    ana = account("Ana")
    wrong = ana.form("/account/password", {"current_password": "not it at all", "new_password": NEW})
    assert wrong.status_code == 422
    assert 'id="current_password-error"' in wrong.text
    weak = ana.form("/account/password", {"current_password": PASSWORD, "new_password": "password12"})
    assert weak.status_code == 422
    assert 'id="new_password-error"' in weak.text
    assert "Too easy to guess" in weak.text
    assert ana.email is not None
    _sign_in(multi_app, ana.email)  # unchanged


def test_single_user_mode_has_no_password_to_change(me: Visitor) -> None:
    page = me.get("/account/password")
    assert page.status_code == 200
    assert "No password needed" in page.text
    assert 'type="password"' not in page.text
    posted = me.form(
        "/account/password", {"current_password": "x", "new_password": NEW}, follow_redirects=False
    )
    assert posted.status_code == 303 and posted.headers["location"] == "/"
