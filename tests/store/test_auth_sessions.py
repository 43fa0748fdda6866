"""Signed-in sessions on the server: started for a user, found by their token while they live,
ended for every device at once, expired by time; the table never holds a usable token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from store_factories import NOW

from backcoach.errors import InputError
from backcoach.store import add_user, session_scope
from backcoach.store.auth_sessions import (
    MAX_TOKEN,
    end_user_sessions,
    session_key,
    session_user,
    start_session,
)
from backcoach.store.tables import AuthSessionRow, UserRow

DAY = timedelta(days=1)


def _rows(engine: Engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(AuthSessionRow)) or 0


def test_a_started_session_names_its_user_until_it_expires(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        token = start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
    with session_scope(engine) as s:
        assert session_user(s, token=token, now=NOW) == ana.id
        assert session_user(s, token=token, now=NOW + DAY - timedelta(seconds=1)) == ana.id
        assert session_user(s, token=token, now=NOW + DAY) is None


def test_the_table_keeps_the_tokens_hash_never_the_token(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        token = start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
    with session_scope(engine) as s:
        (stored,) = s.scalars(select(AuthSessionRow.id)).all()
    assert stored == session_key(token) != token
    assert len(token) >= 43  # 32 random bytes, URL-safe base64


def test_each_sign_in_is_a_session_of_its_own(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        tokens = {start_session(s, user_id=ana.id, now=NOW, lifetime=DAY) for _ in range(3)}
    assert len(tokens) == 3
    with session_scope(engine) as s:
        assert {session_user(s, token=t, now=NOW) for t in tokens} == {ana.id}


def test_ending_a_users_sessions_ends_all_of_theirs_and_nobody_elses(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        ben = add_user(s, name="ben", now=NOW)
        laptop = start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
        phone = start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
        bens = start_session(s, user_id=ben.id, now=NOW, lifetime=DAY)
    with session_scope(engine) as s:
        assert end_user_sessions(s, user_id=ana.id) == 2
    with session_scope(engine) as s:
        assert session_user(s, token=laptop, now=NOW) is None
        assert session_user(s, token=phone, now=NOW) is None
        assert session_user(s, token=bens, now=NOW) == ben.id
        assert end_user_sessions(s, user_id=ana.id) == 0  # ending again changes nothing


def test_starting_a_session_deletes_everyones_expired_ones(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        ben = add_user(s, name="ben", now=NOW)
        start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
        live = start_session(s, user_id=ben.id, now=NOW, lifetime=3 * DAY)
    assert _rows(engine) == 2
    with session_scope(engine) as s:
        start_session(s, user_id=ben.id, now=NOW + 2 * DAY, lifetime=DAY)
    assert _rows(engine) == 2  # ana's expired one went, ben's two live ones stay
    with session_scope(engine) as s:
        assert session_user(s, token=live, now=NOW + 2 * DAY) == ben.id


@pytest.mark.parametrize("token", ["", "not-a-session", "x" * (MAX_TOKEN + 1)])
def test_an_unknown_empty_or_oversized_token_is_no_session(engine: Engine, token: str) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
        assert session_user(s, token=token, now=NOW) is None


def test_a_session_for_an_unknown_user_is_refused_by_name(engine: Engine) -> None:
    with pytest.raises(InputError, match="user_id: 404"), session_scope(engine) as s:
        start_session(s, user_id=404, now=NOW, lifetime=DAY)
    assert _rows(engine) == 0


@pytest.mark.parametrize("lifetime", [timedelta(0), -DAY])
def test_a_session_must_last_a_while(engine: Engine, lifetime: timedelta) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
    with pytest.raises(InputError, match="lifetime"), session_scope(engine) as s:
        start_session(s, user_id=ana.id, now=NOW, lifetime=lifetime)


def test_deleting_a_user_deletes_their_sessions(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)
        token = start_session(s, user_id=ana.id, now=NOW, lifetime=DAY)
    with session_scope(engine) as s:
        s.delete(s.get(UserRow, ana.id))
    assert _rows(engine) == 0
    with session_scope(engine) as s:
        assert session_user(s, token=token, now=NOW) is None
