"""The session cookie's codec: a cookie whose signature checked out once is remembered, but only
that exact cookie, and its age is still checked on every use (web.security.SessionCodec)."""

from __future__ import annotations

import time

import pytest
from itsdangerous import URLSafeTimedSerializer

from backcoach.web.security import VERIFIED_CACHE_SIZE, SessionCodec, SessionData

SECRET = "a test secret that is long enough to mean something"
ALICE = SessionData(7, "csrf-alice", "server-token")


def test_a_cookie_reads_back_the_same_the_first_time_and_every_time_after() -> None:
    codec = SessionCodec(SECRET, max_age_s=3600)
    cookie = codec.dumps(ALICE)
    assert codec.loads(cookie) == ALICE
    assert codec.loads(cookie) == ALICE


def test_a_tampered_cookie_is_refused_even_after_the_real_one_was_read() -> None:
    codec = SessionCodec(SECRET, max_age_s=3600)
    cookie = codec.dumps(ALICE)
    assert codec.loads(cookie) == ALICE
    body, _, signature = cookie.rpartition(".")
    forged = f"{body}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    assert codec.loads(forged) is None
    other_secret = SessionCodec("another secret, as an attacker would have", max_age_s=3600)
    assert codec.loads(other_secret.dumps(SessionData(1, "csrf-mallory", "t"))) is None


def test_a_remembered_cookie_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    codec = SessionCodec(SECRET, max_age_s=60)
    cookie = codec.dumps(ALICE)
    assert codec.loads(cookie) == ALICE
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert codec.loads(cookie) is None


def test_a_cookie_signed_in_the_future_is_not_taken_from_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    codec = SessionCodec(SECRET, max_age_s=60)
    cookie = codec.dumps(ALICE)
    assert codec.loads(cookie) == ALICE
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now - 120)  # the clock stepped back two minutes
    assert codec.loads(cookie) is None


def test_memory_stays_bounded_and_forgotten_cookies_still_read() -> None:
    codec = SessionCodec(SECRET, max_age_s=3600)
    cookies = [codec.dumps(SessionData(n + 1, f"csrf-{n}", f"t-{n}")) for n in range(VERIFIED_CACHE_SIZE + 5)]
    for cookie in cookies:
        assert codec.loads(cookie) is not None
    assert len(codec._verified) <= VERIFIED_CACHE_SIZE
    assert codec.loads(cookies[0]) == SessionData(1, "csrf-0", "t-0")


def test_a_payload_of_the_wrong_shape_is_refused_though_its_signature_is_good() -> None:
    codec = SessionCodec(SECRET, max_age_s=3600)
    serializer = URLSafeTimedSerializer(SECRET, salt="backcoach.session")
    assert codec.loads(serializer.dumps({"u": "seven", "c": "x"})) is None
    assert codec.loads(serializer.dumps(["not", "a", "dict"])) is None
