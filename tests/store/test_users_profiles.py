"""Users with their display unit, profiles with history, and screening results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store_factories import NOW, profile

import backcoach.store.users
from backcoach.errors import InputError, UnknownIdError
from backcoach.safety.screening import Outcome
from backcoach.store import (
    LOCAL_USER,
    add_user,
    current_profile,
    default_user,
    get_user,
    latest_screening,
    profile_history,
    save_profile,
    save_screening,
    session_scope,
    set_display_unit,
    user_named,
)
from backcoach.store.tables import ProfileRow, ScreeningRow, UserRow


def test_default_user_is_created_once_and_then_returned(engine: Engine) -> None:
    with session_scope(engine) as s:
        first = default_user(s, now=NOW)
    with session_scope(engine) as s:
        again = default_user(s)
        count = s.scalar(select(func.count()).select_from(UserRow))
    assert again == first
    assert (first.name, first.display_unit, first.created_at, count) == (LOCAL_USER, "kg", NOW, 1)


def test_named_users_keep_their_own_display_unit(engine: Engine) -> None:
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", display_unit="lb", now=NOW)
        ben = add_user(s, name="ben", now=NOW)
    with session_scope(engine) as s:
        assert user_named(s, name="ana") == ana
        assert get_user(s, user_id=ben.id).display_unit == "kg"
        assert set_display_unit(s, user_id=ben.id, display_unit="lb").display_unit == "lb"
    with session_scope(engine) as s:
        assert get_user(s, user_id=ben.id).display_unit == "lb"
        assert user_named(s, name="nobody") is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: add_user(s, name="cy", display_unit="stone"), "display_unit: 'stone'"),
        (lambda s: add_user(s, name="  "), "name: '  '"),
        (lambda s: add_user(s, name="x" * 65), "name: 'xxxx"),
        (lambda s: get_user(s, user_id=404), "user_id: 404"),
    ],
)
def test_bad_user_input_names_the_field_and_writes_nothing(
    engine: Engine, call: Callable[[Session], object], message: str
) -> None:
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        call(s)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UserRow)) == 0


def test_a_taken_name_is_refused(engine: Engine) -> None:
    with session_scope(engine) as s:
        add_user(s, name="ana")
    with pytest.raises(InputError, match="name: 'ana' is taken"), session_scope(engine) as s:
        add_user(s, name="ana")


def test_each_saved_profile_is_a_new_version_and_the_newest_is_current(engine: Engine) -> None:
    first, second = profile(), profile(minutes=60, unit="lb", e1rm_kg={"bent-over-barbell-row": 90.0})
    with session_scope(engine) as s:
        user = default_user(s, now=NOW)
        assert current_profile(s, user_id=user.id) is None
        save_profile(s, user_id=user.id, profile=first, now=NOW - timedelta(days=7))
        save_profile(s, user_id=user.id, profile=second, now=NOW)
    with session_scope(engine) as s:
        assert current_profile(s, user_id=user.id) == second
        history = profile_history(s, user_id=user.id)
        assert [v.profile for v in history] == [first, second]
        assert [v.valid_from for v in history] == [NOW - timedelta(days=7), NOW]
        # the profile's unit becomes how this person is shown masses
        assert get_user(s, user_id=user.id).display_unit == "lb"


def test_a_profile_with_an_unknown_exercise_is_refused_and_not_saved(engine: Engine) -> None:
    with session_scope(engine) as s:
        user = default_user(s)
    with pytest.raises(UnknownIdError, match="bent-over-barbel-row") as caught, session_scope(engine) as s:
        save_profile(s, user_id=user.id, profile=profile(e1rm_kg={"bent-over-barbel-row": 90.0}))
    assert "bent-over-barbell-row" in caught.value.suggestions
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ProfileRow)) == 0


def test_a_screening_round_trips_with_its_answers_and_outcome(engine: Engine) -> None:
    answers = {"parq1": False, "parq6": True}
    with session_scope(engine) as s:
        user = default_user(s)
        assert latest_screening(s, user_id=user.id) is None
        save_screening(
            s,
            user_id=user.id,
            answers={"parq1": False},
            outcome="cleared",
            taken_at=NOW - timedelta(days=30),
            now=NOW,
        )
        save_screening(
            s, user_id=user.id, answers=answers, outcome=Outcome.START_GENTLY, taken_at=NOW, now=NOW
        )
    with session_scope(engine) as s:
        latest = latest_screening(s, user_id=user.id)
    assert latest is not None
    assert (latest.taken_at, latest.answers, latest.outcome) == (NOW, answers, Outcome.START_GENTLY)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"answers": {"parq99": True}}, UnknownIdError, "parq99"),
        ({"answers": {"parq1": "yes"}}, InputError, "parq1"),
        ({"outcome": "fine"}, InputError, "outcome: 'fine'"),
        ({"taken_at": NOW + timedelta(days=400)}, InputError, "taken_at: 2028-01-05"),
    ],
)
def test_a_bad_screening_names_the_field_and_writes_nothing(
    engine: Engine, changes: dict[str, object], error: type[Exception], message: str
) -> None:
    fields: dict[str, object] = {
        "answers": {"parq1": False},
        "outcome": "cleared",
        "taken_at": NOW,
        "now": NOW,
    }
    fields.update(changes)
    with session_scope(engine) as s:
        user = default_user(s)
    with pytest.raises(error, match=message), session_scope(engine) as s:
        save_screening(s, user_id=user.id, **fields)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ScreeningRow)) == 0


def test_default_user_survives_losing_the_race_to_create_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:
        winner = default_user(s, now=NOW)  # another process got there first...
    # ...after this one had looked and found no one (the look is made to miss, as in a race)
    monkeypatch.setattr(backcoach.store.users, "user_named", lambda session, *, name: None)
    with session_scope(engine) as s:
        ana = add_user(s, name="ana", now=NOW)  # earlier work in the same transaction
        assert default_user(s, now=NOW) == winner
    with session_scope(engine) as s:
        assert get_user(s, user_id=ana.id) == ana  # the savepoint kept it
