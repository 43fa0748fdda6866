"""Accounts: created and found by a normalised email, refused when taken or malformed, hash kept apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store_factories import NOW

import backcoach.store.accounts
import backcoach.store.users
from backcoach.errors import InputError
from backcoach.store import (
    User,
    account_by_email,
    add_user,
    create_account,
    default_user,
    get_user,
    session_scope,
    set_password_hash,
    user_email,
    user_named,
)
from backcoach.store.accounts import account_by_id
from backcoach.store.tables import UserRow

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


def account(session: Session, **changes: Any) -> User:
    """``create_account`` with valid arguments, one or more changed."""
    fields: dict[str, Any] = {"name": "ana", "email": "ana@example.org", "password_hash": HASH, "now": NOW}
    fields.update(changes)
    return create_account(session, **fields)


def _users(engine: Engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(UserRow)) or 0


def test_an_account_is_found_by_its_email_with_its_hash(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = account(s, display_unit="lb")
    with session_scope(engine) as s:
        found = account_by_email(s, email="ana@example.org")
        assert found is not None
        assert (found.user, found.password_hash) == (ana, HASH)
        assert (ana.name, ana.display_unit, ana.created_at) == ("ana", "lb", NOW)
        assert get_user(s, user_id=ana.id) == ana  # an ordinary user everywhere else
        assert user_email(s, user_id=ana.id) == "ana@example.org"


def test_an_unknown_email_finds_no_account(engine: Engine) -> None:
    with session_scope(engine) as s:
        account(s)
        assert account_by_email(s, email="ben@example.org") is None
        assert account_by_email(s, email="not an email") is None


@pytest.mark.parametrize("given", ["  Ana@Example.ORG ", "ANA@EXAMPLE.ORG", "\tana@example.org\n"])
def test_emails_are_stored_lower_case_without_surrounding_spaces(engine: Engine, given: str) -> None:
    with session_scope(engine) as s:
        ana = account(s, email=given)
    with session_scope(engine) as s:
        assert user_email(s, user_id=ana.id) == "ana@example.org"
        for asked in (given, "ana@example.org", " ANA@example.org"):
            found = account_by_email(s, email=asked)
            assert found is not None and found.user == ana


def test_the_shortest_and_longest_emails_are_accepted(engine: Engine) -> None:
    longest = f"{'x' * 64}@{'d' * 189}"
    assert len(longest) == 254
    with session_scope(engine) as s:
        a = account(s, name="a", email="a@b")
        b = account(s, name="b", email=longest)
    with session_scope(engine) as s:
        assert user_email(s, user_id=a.id) == "a@b"
        assert user_email(s, user_id=b.id) == longest


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "ana.example.org"}, "email: 'ana.example.org' must look like name@domain"),
        ({"email": "ana@"}, "email: 'ana@'"),
        ({"email": "@example.org"}, "email: '@example.org'"),
        ({"email": "ana@ex@ample.org"}, "email: 'ana@ex@ample.org'"),
        ({"email": "a na@example.org"}, "email: 'a na@example.org'"),
        ({"email": "   "}, "email: ''"),
        ({"email": f"{'x' * 64}@{'d' * 190}"}, "email: 'xxxx.*3 to 254 characters"),
        ({"name": "  "}, "name: '  '"),
        ({"name": "x" * 65}, "name: 'xxxx"),
        ({"display_unit": "stone"}, "display_unit: 'stone'"),
        ({"password_hash": ""}, "password_hash: must be 1 to 255 characters, not 0"),
        ({"password_hash": "h" * 256}, "password_hash: must be 1 to 255 characters, not 256"),
    ],
)
def test_bad_account_input_names_the_field_and_writes_nothing(
    engine: Engine, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        account(s, **changes)
    assert _users(engine) == 0


def test_a_bad_password_hash_is_never_echoed(engine: Engine) -> None:
    secret = "s3cret-" * 40
    with pytest.raises(InputError) as caught, session_scope(engine) as s:
        account(s, password_hash=secret)
    assert "s3cret" not in str(caught.value)


def test_a_taken_email_is_refused_in_any_case_and_nothing_is_written(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = account(s)
    with pytest.raises(InputError, match=r"email: 'ana@example\.org' is taken"), session_scope(engine) as s:
        account(s, name="ben", email=" ANA@example.org")
    with session_scope(engine) as s:
        assert user_named(s, name="ben") is None
        found = account_by_email(s, email="ana@example.org")
        assert found is not None and found.user == ana
    assert _users(engine) == 1


@pytest.mark.parametrize("taken_by", ["account", "plain user", "local user"])
def test_a_taken_name_is_refused_and_nothing_is_written(engine: Engine, taken_by: str) -> None:
    setups: dict[str, Callable[[Session], object]] = {
        "account": lambda s: account(s, name="ana"),
        "plain user": lambda s: add_user(s, name="ana"),
        "local user": lambda s: default_user(s),
    }
    name = "local" if taken_by == "local user" else "ana"
    with session_scope(engine) as s:
        setups[taken_by](s)
    with pytest.raises(InputError, match=f"name: '{name}' is taken"), session_scope(engine) as s:
        account(s, name=f" {name} ", email="other@example.org")
    with session_scope(engine) as s:
        assert account_by_email(s, email="other@example.org") is None
    assert _users(engine) == 1


def test_users_without_an_email_do_not_collide_and_cannot_sign_in(engine: Engine) -> None:
    with session_scope(engine) as s:
        local = default_user(s, now=NOW)
        ben = add_user(s, name="ben", now=NOW)
        account(s)
    with session_scope(engine) as s:
        assert user_email(s, user_id=local.id) is None
        assert user_email(s, user_id=ben.id) is None
        assert account_by_email(s, email="local") is None
        assert account_by_email(s, email="") is None


def test_set_password_hash_replaces_the_hash_and_nothing_else(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = account(s)
        account(s, name="ben", email="ben@example.org")
    with session_scope(engine) as s:
        set_password_hash(s, user_id=ana.id, password_hash="new-hash")
    with session_scope(engine) as s:
        found = account_by_email(s, email="ana@example.org")
        other = account_by_email(s, email="ben@example.org")
    assert found is not None and (found.user, found.password_hash) == (ana, "new-hash")
    assert other is not None and other.password_hash == HASH


def test_an_account_is_found_by_its_user_id_with_its_email_and_hash(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = account(s)
        local = default_user(s, now=NOW)
    with session_scope(engine) as s:
        found = account_by_id(s, user_id=ana.id)
        assert (found.user, found.email, found.password_hash) == (ana, "ana@example.org", HASH)
        nobody = account_by_id(s, user_id=local.id)  # the local user: neither email nor hash
        assert (nobody.email, nobody.password_hash) == (None, None)


def test_the_local_user_can_be_given_a_password_hash(engine: Engine) -> None:
    with session_scope(engine) as s:
        local = default_user(s, now=NOW)
        set_password_hash(s, user_id=local.id, password_hash=HASH)
    with session_scope(engine) as s:
        assert user_email(s, user_id=local.id) is None  # still no email: found only by id


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: set_password_hash(s, user_id=404, password_hash=HASH), "user_id: 404"),
        (lambda s: user_email(s, user_id=404), "user_id: 404"),
        (lambda s: account_by_id(s, user_id=404), "user_id: 404"),
    ],
)
def test_an_unknown_user_id_is_refused(
    engine: Engine, call: Callable[[Session], object], message: str
) -> None:
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        call(s)


def test_a_bad_new_hash_is_refused_and_the_old_one_kept(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = account(s)
    with pytest.raises(InputError, match="password_hash"), session_scope(engine) as s:
        set_password_hash(s, user_id=ana.id, password_hash="")
    with session_scope(engine) as s:
        found = account_by_email(s, email="ana@example.org")
    assert found is not None and found.password_hash == HASH


def test_the_hash_stays_out_of_an_accounts_repr(engine: Engine) -> None:
    with session_scope(engine) as s:
        account(s)
        found = account_by_email(s, email="ana@example.org")
    assert found is not None
    assert HASH not in repr(found)
    assert "ana" in repr(found)


def test_an_email_taken_between_the_look_and_the_insert_is_refused_keeping_earlier_work(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:
        account(s)  # another request registered ana@example.org first...
    # ...after this one had looked and found no one (the first look is made to miss, as in a race)
    real = backcoach.store.accounts._email_owner
    looks: list[str] = []

    def first_look_misses(session: Session, email: str) -> UserRow | None:
        looks.append(email)
        return None if len(looks) == 1 else real(session, email)

    monkeypatch.setattr(backcoach.store.accounts, "_email_owner", first_look_misses)
    with session_scope(engine) as s:
        cy = add_user(s, name="cy", now=NOW)  # earlier work in the same transaction
        with pytest.raises(InputError, match=r"email: 'ana@example\.org' is taken"):
            account(s, name="ben")
    with session_scope(engine) as s:
        assert get_user(s, user_id=cy.id) == cy  # the savepoint kept it
        assert user_named(s, name="ben") is None
    assert _users(engine) == 2


def test_a_name_taken_between_the_look_and_the_insert_is_refused_naming_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:
        add_user(s, name="ana", now=NOW)  # another request took the name first...
    # ...after this one had looked and found no one (add_user's look is made to miss)
    monkeypatch.setattr(backcoach.store.users, "user_named", lambda session, *, name: None)
    with pytest.raises(InputError, match="name: 'ana' is taken"), session_scope(engine) as s:
        account(s, name="ana")
    with session_scope(engine) as s:
        assert account_by_email(s, email="ana@example.org") is None
    assert _users(engine) == 1
