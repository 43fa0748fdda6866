"""Accounts over the API: sign-up, sign-in with throttling, sign-out, who am I, and sessions that
end on the server (sign-out, expiry), whatever copy of the cookie is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from web_helpers import API, PASSWORD, PROFILE, Visitor, open_visitor

from backcoach.app.accounts import NOT_CREATED
from backcoach.web.security import COOKIE_NAME, SessionData


def _signup(visitor: Visitor, **body: str) -> tuple[int, dict[str, object]]:
    fields = {"name": "Ana", "email": "ana@example.org", "password": PASSWORD, **body}
    response = visitor.post(f"{API}/auth/signup", json=fields)
    return response.status_code, response.json()


def _fields(body: dict[str, object]) -> list[object]:
    errors = body["errors"]
    assert isinstance(errors, list)
    return [e["field"] for e in errors]


# ---------------------------------------------------------------------- sign-up


def test_signup_creates_an_account_and_signs_in(anon: Visitor) -> None:
    status, body = _signup(anon)
    assert status == 201
    assert body["name"] == "Ana"
    assert body["email"] == "ana@example.org"
    assert body["display_unit"] == "kg"
    assert body["csrf_token"] != anon.csrf  # a new session on sign-in: no session fixation
    me = anon.get(f"{API}/auth/me")
    assert me.status_code == 200
    assert me.json()["id"] == body["id"]


def test_signup_sets_an_httponly_samesite_cookie(anon: Visitor) -> None:
    response = anon.post(
        f"{API}/auth/signup", json={"name": "Ana", "email": "ana@example.org", "password": PASSWORD}
    )
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie


def test_signup_stores_the_email_normalised(anon: Visitor) -> None:
    status, body = _signup(anon, email="  Ana@Example.ORG ")
    assert status == 201
    assert body["email"] == "ana@example.org"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": "two@@example.org"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "short"}, "password"),
        ({"password": "123456789"}, "password"),  # nine characters: one too few
        ({"name": ""}, "name"),
        ({"name": "x" * 65}, "name"),
    ],
)
def test_signup_refuses_bad_fields_naming_them(anon: Visitor, body: dict[str, str], field: str) -> None:
    status, answer = _signup(anon, **body)
    assert status == 422
    assert field in _fields(answer)


def test_signup_accepts_a_strong_password_of_exactly_ten_characters(anon: Visitor) -> None:
    status, _ = _signup(anon, password="kx7-plum-v")
    assert status == 201


def test_signup_refuses_a_missing_field(anon: Visitor) -> None:
    response = anon.post(f"{API}/auth/signup", json={"name": "Ana", "password": PASSWORD})
    assert response.status_code == 422
    assert _fields(response.json()) == ["email"]


def test_signup_refuses_a_taken_email_in_any_case_without_saying_it_has_an_account(
    multi_app: FastAPI, anon: Visitor
) -> None:
    assert _signup(anon)[0] == 201
    other = open_visitor(multi_app)
    status, body = _signup(other, name="Someone Else", email="ANA@example.org")
    assert status == 422
    [error] = body["errors"]
    assert error == {"field": None, "message": NOT_CREATED}  # the page's sentence, word for word
    assert "taken" not in str(body) and "ana@example.org" not in str(body).lower()
    form = other.form("/signup", {"name": "Third", "email": "ana@example.org", "password": PASSWORD})
    assert form.status_code == 422 and NOT_CREATED in form.text  # the page says the same
    other.client.close()


def test_signup_refuses_the_local_accounts_name(anon: Visitor) -> None:
    status, body = _signup(anon, name="local")
    assert status == 422
    assert _fields(body) == ["name"]


def test_signup_without_the_csrf_token_is_forbidden(anon: Visitor) -> None:
    response = anon.client.post(
        f"{API}/auth/signup", json={"name": "Ana", "email": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"]


def test_signup_with_a_wrong_csrf_token_is_forbidden(anon: Visitor) -> None:
    response = anon.post(
        f"{API}/auth/signup",
        json={"name": "Ana", "email": "ana@example.org", "password": PASSWORD},
        headers={"X-CSRF-Token": "not-the-token"},
    )
    assert response.status_code == 403


def test_signup_without_any_session_cookie_is_forbidden(multi_app: FastAPI) -> None:
    from fastapi.testclient import TestClient

    with TestClient(multi_app) as fresh:
        response = fresh.post(
            f"{API}/auth/signup",
            json={"name": "Ana", "email": "ana@example.org", "password": PASSWORD},
            headers={"X-CSRF-Token": "anything"},
        )
    assert response.status_code == 403


# ---------------------------------------------------------------------- sign-in and throttling


def _signin(visitor: Visitor, email: str, password: str) -> int:
    return visitor.post(f"{API}/auth/signin", json={"email": email, "password": password}).status_code


def test_signin_with_the_right_password_starts_a_session(multi_app: FastAPI, user_a: Visitor) -> None:
    visitor = open_visitor(multi_app)
    response = visitor.post(f"{API}/auth/signin", json={"email": "ANA@example.org ", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["id"] == user_a.user_id
    assert response.json()["csrf_token"] != visitor.csrf
    assert visitor.get(f"{API}/auth/me").json()["id"] == user_a.user_id
    visitor.client.close()


@pytest.mark.parametrize(
    ("email", "password"),
    [("ana@example.org", "wrong password!"), ("nobody@example.org", PASSWORD)],
)
def test_signin_fails_alike_for_a_wrong_password_or_email(
    anon: Visitor, user_a: Visitor, email: str, password: str
) -> None:
    response = anon.post(f"{API}/auth/signin", json={"email": email, "password": password})
    assert response.status_code == 401
    assert response.json() == {"errors": [{"field": "email", "message": "email or password is wrong"}]}


def test_signin_refuses_an_empty_body(anon: Visitor) -> None:
    response = anon.post(f"{API}/auth/signin", json={})
    assert response.status_code == 422
    assert sorted(_fields(response.json())) == ["email", "password"]  # type: ignore[type-var]


def test_signin_is_throttled_after_repeated_failures_for_one_email(
    multi_app: FastAPI, anon: Visitor, user_a: Visitor
) -> None:
    limit = multi_app.state.settings.login_attempts
    assert [_signin(anon, "ana@example.org", "wrong password!") for _ in range(limit)] == [401] * limit
    assert _signin(anon, "ana@example.org", PASSWORD) == 429  # even the right password, for a while
    other = open_visitor(multi_app)
    assert _signin(other, "ana@example.org", PASSWORD) == 429  # the email is held, from anywhere
    other.client.close()


def test_signin_is_throttled_per_client_across_emails(
    multi_app: FastAPI, anon: Visitor, user_a: Visitor
) -> None:
    limit = multi_app.state.settings.login_attempts
    for n in range(limit):
        assert _signin(anon, f"guess{n}@example.org", "wrong password!") == 401
    response = anon.post(f"{API}/auth/signin", json={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["errors"][0]["message"].startswith("too many sign-in attempts")


def test_signin_throttle_lifts_after_the_window(
    make_app: Callable[..., FastAPI], monkeypatch: pytest.MonkeyPatch
) -> None:
    from web_helpers import sign_up_on

    app = make_app(login_attempts=2, login_window_s=60)
    sign_up_on(app, "Ana").client.close()
    visitor = open_visitor(app)
    clock = [1000.0]
    monkeypatch.setattr("backcoach.app.passwords.time.monotonic", lambda: clock[0])
    assert _signin(visitor, "ana@example.org", "wrong password!") == 401
    assert _signin(visitor, "ana@example.org", "wrong password!") == 401
    assert _signin(visitor, "ana@example.org", PASSWORD) == 429
    clock[0] += 61
    assert _signin(visitor, "ana@example.org", PASSWORD) == 200
    visitor.client.close()
    app.state.engine.dispose()


def test_signin_without_the_csrf_token_is_forbidden(anon: Visitor, user_a: Visitor) -> None:
    response = anon.client.post(f"{API}/auth/signin", json={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 403


# ---------------------------------------------------------------------- sign-out, me, csrf


def test_signout_ends_the_session(user_a: Visitor) -> None:
    response = user_a.post(f"{API}/auth/signout")
    assert response.status_code == 200
    assert response.json()["csrf_token"] != user_a.csrf
    assert user_a.get(f"{API}/auth/me").status_code == 401
    assert user_a.get(f"{API}/profile").status_code == 401


def test_signout_without_the_csrf_token_is_forbidden(user_a: Visitor) -> None:
    assert user_a.client.post(f"{API}/auth/signout").status_code == 403
    assert user_a.get(f"{API}/auth/me").status_code == 200


def test_me_unauthenticated_is_401_json(anon: Visitor) -> None:
    response = anon.get(f"{API}/auth/me")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"errors": [{"field": None, "message": "sign in to continue"}]}


def test_me_gives_the_csrf_token_of_the_session(user_a: Visitor) -> None:
    assert user_a.get(f"{API}/auth/me").json()["csrf_token"] == user_a.csrf


def test_csrf_route_gives_a_token_to_a_new_visitor(multi_app: FastAPI) -> None:
    from fastapi.testclient import TestClient

    with TestClient(multi_app) as fresh:
        response = fresh.get(f"{API}/auth/csrf")
        assert response.status_code == 200
        assert len(response.json()["csrf_token"]) >= 32
        assert COOKIE_NAME in fresh.cookies


def test_a_forged_session_cookie_is_no_session(multi_app: FastAPI, user_a: Visitor) -> None:
    from fastapi.testclient import TestClient
    from itsdangerous import URLSafeTimedSerializer

    forged = URLSafeTimedSerializer("some other secret", salt="backcoach.session").dumps(
        {"u": user_a.user_id, "c": "token"}
    )
    with TestClient(multi_app, cookies={COOKIE_NAME: forged}) as client:
        assert client.get(f"{API}/auth/me").status_code == 401
        assert client.get(f"{API}/profile").status_code == 401


# ---------------------------------------------------------------------- sessions end on the server


def _sign_in_again(app: FastAPI, email: str, password: str = PASSWORD) -> Visitor:
    """The same person on another device: a new client, signed in."""
    device = open_visitor(app)
    response = device.post(f"{API}/auth/signin", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    device.csrf = response.json()["csrf_token"]
    return device


def test_the_old_cookie_reads_nothing_after_sign_out(user_a: Visitor) -> None:
    kept = user_a.reloaded()  # a copy of the cookie, kept (or stolen) before signing out
    assert kept.get(f"{API}/auth/me").status_code == 200
    assert user_a.post(f"{API}/auth/signout").status_code == 200
    assert kept.get(f"{API}/auth/me").status_code == 401
    assert kept.get(f"{API}/profile").status_code == 401


def test_the_old_cookie_writes_nothing_after_sign_out(multi_app: FastAPI, user_a: Visitor) -> None:
    kept = user_a.reloaded()
    assert user_a.post(f"{API}/auth/signout").status_code == 200
    response = kept.put(f"{API}/profile", json=PROFILE)  # its CSRF token still matches its cookie
    assert response.status_code == 401
    assert response.json() == {"errors": [{"field": None, "message": "sign in to continue"}]}
    assert user_a.email is not None
    again = _sign_in_again(multi_app, user_a.email)
    assert again.get(f"{API}/profile").status_code == 404  # nothing was saved
    again.client.close()


def test_sign_out_ends_every_session_of_that_person_only(
    multi_app: FastAPI, user_a: Visitor, user_b: Visitor
) -> None:
    assert user_a.email is not None
    phone = _sign_in_again(multi_app, user_a.email)
    assert user_a.post(f"{API}/auth/signout").status_code == 200
    assert phone.get(f"{API}/auth/me").status_code == 401
    assert user_b.get(f"{API}/auth/me").status_code == 200
    phone.client.close()


def test_an_ended_sessions_cookie_is_replaced_keeping_its_csrf_token(
    multi_app: FastAPI, user_a: Visitor
) -> None:
    kept = user_a.reloaded()
    assert user_a.post(f"{API}/auth/signout").status_code == 200
    refused = kept.get(f"{API}/auth/me")
    assert refused.status_code == 401
    assert refused.headers["set-cookie"].startswith(f"{COOKIE_NAME}=")
    data = multi_app.state.sessions.loads(kept.client.cookies[COOKIE_NAME])
    assert (data.user_id, data.csrf, data.token) == (0, kept.csrf, None)  # anonymous, same token
    response = kept.post(f"{API}/auth/signin", json={"email": user_a.email, "password": PASSWORD})
    assert response.status_code == 200  # so a page left open can still sign in


def test_a_cookie_with_the_right_signature_but_no_live_session_is_no_session(
    multi_app: FastAPI, user_a: Visitor
) -> None:
    from fastapi.testclient import TestClient

    codec = multi_app.state.sessions
    assert user_a.user_id is not None
    for data in (
        SessionData(user_a.user_id, "token"),  # a cookie from before server-side sessions
        SessionData(user_a.user_id, "token", "a-session-token-the-server-never-made"),
    ):
        with TestClient(multi_app, cookies={COOKIE_NAME: codec.dumps(data)}) as client:
            assert client.get(f"{API}/auth/me").status_code == 401
            response = client.put(f"{API}/profile", json=PROFILE, headers={"X-CSRF-Token": "token"})
            assert response.status_code == 401


def test_a_session_token_counts_only_for_its_own_user(
    multi_app: FastAPI, user_a: Visitor, user_b: Visitor
) -> None:
    from fastapi.testclient import TestClient

    codec = multi_app.state.sessions
    bens = codec.loads(user_b.client.cookies[COOKIE_NAME])
    assert user_a.user_id is not None and bens.token is not None
    claim = codec.dumps(SessionData(user_a.user_id, bens.csrf, bens.token))
    with TestClient(multi_app, cookies={COOKIE_NAME: claim}) as client:
        assert client.get(f"{API}/auth/me").status_code == 401


def test_a_session_expires_on_the_server_as_well_as_in_the_cookie(
    make_app: Callable[..., FastAPI], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from web_helpers import sign_up_on

    from backcoach.web import deps

    app = make_app(session_max_age_s=300)
    ana = sign_up_on(app, "Ana")
    assert ana.get(f"{API}/auth/me").status_code == 200
    later = deps.clock() + timedelta(seconds=301)
    monkeypatch.setattr(deps, "clock", lambda: later)  # the cookie's own timestamp is still fine
    assert ana.get(f"{API}/auth/me").status_code == 401
    ana.client.close()
    app.state.engine.dispose()


# ---------------------------------------------------------------------- single-user mode


def test_single_user_mode_needs_no_sign_in(local: Visitor) -> None:
    me = local.get(f"{API}/auth/me")
    assert me.status_code == 200
    assert me.json()["name"] == "local"
    assert me.json()["email"] is None


def test_single_user_mode_still_checks_csrf(local: Visitor) -> None:
    assert local.client.put(f"{API}/profile", json={"minutes": 30}).status_code == 403
