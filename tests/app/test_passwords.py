"""The one password rule, as a table: length, then the zxcvbn estimate with the person's name and
email as the first guesses; refusals say why in plain words. Plus hashing and the throttle."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from backcoach.app.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    Throttle,
    check_new_password,
    hash_password,
    verify_password,
    weakness,
)
from backcoach.errors import InputError

ANA = ("Ana", "ana@example.org")


@pytest.mark.parametrize(
    "password",
    [
        "kx7-plum-v",  # ten characters, not a pattern
        "correct horse battery staple",
        "  mauve kayak at dawn  ",  # spaces are characters like any other
        "Zq8!rt5#Lm",
        "trombone tulip",
        "mauve kayak at dawn, " * 40,  # 840 characters: scored on its first 72, in milliseconds
    ],
)
def test_a_password_that_is_long_enough_and_hard_to_guess_is_accepted(password: str) -> None:
    assert weakness(password, user_inputs=ANA) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", 'too easy to guess. Repeats like "aaa" are easy to guess.'),
        ("password12", "too easy to guess. This is a very common password."),
        ("0123456789", 'too easy to guess. Sequences like "abc" or "6543" are easy to guess.'),
        ("qwertyuiop", "too easy to guess."),
        ("Password123!", "too easy to guess. This is similar to a commonly used password."),
        ("ana@example.org", "too easy to guess. It contains your name or email."),
        ("short", f"must be at least {MIN_PASSWORD_LENGTH} characters"),
        ("nine char", f"must be at least {MIN_PASSWORD_LENGTH} characters"),
        ("", f"must be at least {MIN_PASSWORD_LENGTH} characters"),
        ("k" * (MAX_PASSWORD_LENGTH + 1), f"must be at most {MAX_PASSWORD_LENGTH} characters"),
    ],
)
def test_a_short_long_or_guessable_password_is_refused_saying_why(password: str, reason: str) -> None:
    problem = weakness(password, user_inputs=ANA)
    assert problem is not None and problem.startswith(reason)
    assert "score" not in problem and "zxcvbn" not in problem  # plain words, no internals


def test_a_refusal_always_suggests_what_to_do() -> None:
    problem = weakness("aaaaaaaaaa")
    assert problem is not None and "Add another word or two" in problem


def test_the_persons_name_and_email_are_the_first_guesses() -> None:
    assert weakness("qorvath1987!") is None
    problem = weakness("qorvath1987!", user_inputs=("Qorvath", "q@example.org"))
    assert problem is not None and "It contains your name or email." in problem


def test_check_new_password_names_the_field_it_is_given() -> None:
    with pytest.raises(InputError) as caught:
        check_new_password("password12", field="new_password")
    assert caught.value.field == "new_password"
    assert str(caught.value).startswith("new_password: too easy to guess.")


def test_scoring_is_safe_across_threads() -> None:
    """zxcvbn keeps the user inputs in a module-level table: one person's name must never leak
    into another's check running at the same time."""
    own = [(f"qorvath{n}!x", ("Qorvath", "q@example.org")) for n in range(40)]
    other = [(f"qorvath{n}!x", ("Someone", "s@example.org")) for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda case: weakness(case[0], user_inputs=case[1]), own + other))
    assert all(r is not None for r in results[:40])
    assert all(r is None for r in results[40:])


def test_a_hash_verifies_only_its_own_password_exactly() -> None:
    hashed = hash_password("  mauve kayak  ")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "  mauve kayak  ")
    assert not verify_password(hashed, "mauve kayak")
    assert not verify_password(None, "anything")
    assert not verify_password("not a hash", "anything")


def test_the_throttle_counts_failures_per_key_in_a_sliding_window() -> None:
    throttle = Throttle(limit=2, window_s=60)
    throttle.fail("a", now=0)
    assert not throttle.blocked("a", now=1)
    throttle.fail("a", now=10)
    assert throttle.blocked("a", now=11)
    assert not throttle.blocked("b", now=11)
    assert throttle.blocked("b", "a", now=11)
    assert not throttle.blocked("a", now=61)  # the first failure left the window
    throttle.clear("a")
    throttle.fail("a", now=62)
    assert not throttle.blocked("a", now=62)


def test_the_throttle_forgets_keys_whose_failures_have_left_the_window() -> None:
    throttle = Throttle(limit=5, window_s=60)
    for n in range(100):
        throttle.fail(f"email:guess{n}@example.org", now=0)
    assert not throttle.blocked(*(f"email:guess{n}@example.org" for n in range(100)), now=120)
    assert throttle._failures == {}
