"""Changing the password over the API: it needs the current one, follows the one password rule,
ends every other session of the person on the server, and keeps the client that asked signed in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from web_helpers import API, PASSWORD, PROFILE, Visitor, open_visitor, sign_up_on

NEW = "mauve kayak at dawn"


def _change(visitor: Visitor, current: str = PASSWORD, new: str = NEW) -> tuple[int, dict[str, object]]:
    response = visitor.post(f"{API}/auth/password", json={"current_password": current, "new_password": new})
    if response.status_code == 200:
        visitor.csrf = response.json()["csrf_token"]
    return response.status_code, response.json()


def _device(app: FastAPI, email: str, password: str = PASSWORD) -> Visitor:
    """The person signed in on another device."""
    device = open_visitor(app)
    response = device.post(f"{API}/auth/signin", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    device.csrf = response.json()["csrf_token"]
    return device


def _signs_in(app: FastAPI, email: str, password: str) -> bool:
    device = open_visitor(app)
    try:
        answer = device.post(f"{API}/auth/signin", json={"email": email, "password": password})
        return answer.status_code == 200
    finally:
        device.client.close()


def _fields(body: dict[str, object]) -> list[object]:
    errors = body["errors"]
    assert isinstance(errors, list)
    return [e["field"] for e in errors]


def test_a_password_change_ends_every_other_session(multi_app: FastAPI, user_a: Visitor) -> None:
    assert user_a.email is not None
    phone = _device(multi_app, user_a.email)
    kept = user_a.reloaded()  # the asking client's old cookie, copied before the change
    status, body = _change(user_a)
    assert status == 200
    assert body["id"] == user_a.user_id
    assert phone.get(f"{API}/auth/me").status_code == 401
    assert phone.put(f"{API}/profile", json=PROFILE).status_code == 401
    assert kept.get(f"{API}/auth/me").status_code == 401  # the old cookie of this client too
    phone.client.close()


def test_the_client_that_changed_it_stays_signed_in_with_a_new_csrf_token(user_a: Visitor) -> None:
    before = user_a.csrf
    assert _change(user_a)[0] == 200
    assert user_a.csrf != before
    assert user_a.get(f"{API}/auth/me").json()["csrf_token"] == user_a.csrf
    assert user_a.put(f"{API}/profile", json=PROFILE).status_code == 200


def test_after_a_change_only_the_new_password_signs_in(multi_app: FastAPI, user_a: Visitor) -> None:
    assert _change(user_a)[0] == 200
    assert user_a.email is not None
    assert not _signs_in(multi_app, user_a.email, PASSWORD)
    assert _signs_in(multi_app, user_a.email, NEW)


def test_a_wrong_current_password_changes_nothing(multi_app: FastAPI, user_a: Visitor) -> None:
    assert user_a.email is not None
    phone = _device(multi_app, user_a.email)
    status, body = _change(user_a, current="not my password at all")
    assert status == 422
    assert _fields(body) == ["current_password"]
    assert phone.get(f"{API}/auth/me").status_code == 200
    assert _signs_in(multi_app, user_a.email, PASSWORD)
    phone.client.close()


@pytest.mark.parametrize(
    ("new", "says"),
    [
        ("aaaaaaaaaa", "too easy to guess"),
        ("password12", "too easy to guess"),
        ("0123456789", "too easy to guess"),
        ("ana@example.org", "contains your name or email"),
        ("kx7-plum", "at least 10 characters"),
    ],
)
def test_a_weak_new_password_is_refused_on_its_field(
    multi_app: FastAPI, user_a: Visitor, new: str, says: str
) -> None:
    status, body = _change(user_a, new=new)
    assert status == 422
    assert _fields(body) == ["new_password"]
    errors = body["errors"]
    assert isinstance(errors, list) and says in errors[0]["message"]
    assert user_a.email is not None and _signs_in(multi_app, user_a.email, PASSWORD)


def test_a_new_password_keeps_its_spaces(multi_app: FastAPI, user_a: Visitor) -> None:
    padded = "  mauve kayak at dawn  "
    assert _change(user_a, new=padded)[0] == 200
    assert user_a.email is not None
    assert _signs_in(multi_app, user_a.email, padded)
    assert not _signs_in(multi_app, user_a.email, padded.strip())


def test_wrong_current_passwords_are_throttled(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app(login_attempts=2)
    ana = sign_up_on(app, "Ana")
    assert [_change(ana, current="wrong password, twice")[0] for _ in range(2)] == [422, 422]
    status, body = _change(ana)  # even the right one, for a while: a borrowed session cannot guess
    assert status == 429
    errors = body["errors"]
    assert isinstance(errors, list) and errors[0]["message"].startswith("too many wrong passwords")
    ana.client.close()
    app.state.engine.dispose()


def test_a_password_change_needs_a_sign_in_and_the_csrf_token(anon: Visitor, user_a: Visitor) -> None:
    body = {"current_password": PASSWORD, "new_password": NEW}
    assert anon.post(f"{API}/auth/password", json=body).status_code == 401
    assert user_a.client.post(f"{API}/auth/password", json=body).status_code == 403
    assert user_a.get(f"{API}/auth/me").status_code == 200


def test_the_local_user_has_no_password_to_change(local: Visitor) -> None:
    status, body = _change(local)
    assert status == 422
    assert _fields(body) == ["current_password"]
