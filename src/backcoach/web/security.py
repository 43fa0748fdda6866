"""Passwords, signed session cookies, CSRF tokens and sign-in throttling.

- Passwords: argon2id (argon2-cffi defaults follow RFC 9106's recommended parameters).
- Sessions: the cookie holds ``{user id, CSRF token}`` signed with the secret (itsdangerous,
  HMAC-SHA1 over a timestamped payload); it is HttpOnly, SameSite=Lax, Secure in production.
- CSRF: every unsafe request must echo the session's token, in a form field ``csrf_token`` or the
  ``X-CSRF-Token`` header (synchronizer-token pattern, OWASP CSRF cheat sheet).
- Throttling: a sliding window of failed sign-ins per client address and per email.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "backcoach_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
MIN_PASSWORD_LENGTH = 10  # NIST SP 800-63B asks for at least 8; we ask a little more

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class SessionData:
    user_id: int
    csrf: str


class SessionCodec:
    def __init__(self, secret: str, max_age_s: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="backcoach.session")
        self._max_age_s = max_age_s

    def dumps(self, data: SessionData) -> str:
        return self._serializer.dumps({"u": data.user_id, "c": data.csrf})

    def loads(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        try:
            raw = self._serializer.loads(cookie, max_age=self._max_age_s)
        except BadSignature:
            return None
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("u"), int)
            or not isinstance(raw.get("c"), str)
        ):
            return None
        return SessionData(raw["u"], raw["c"])


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str, given: str | None) -> bool:
    return given is not None and secrets.compare_digest(expected, given)


class Throttle:
    """Failed attempts per key in a sliding window; in memory (one process serves one node)."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._failures[key]
        while hits and now - hits[0] > self.window_s:
            hits.popleft()
        return hits

    def blocked(self, *keys: str, now: float | None = None) -> bool:
        t = time.monotonic() if now is None else now
        return any(len(self._recent(k, t)) >= self.limit for k in keys)

    def fail(self, *keys: str, now: float | None = None) -> None:
        t = time.monotonic() if now is None else now
        for k in keys:
            self._recent(k, t).append(t)

    def clear(self, *keys: str) -> None:
        for k in keys:
            self._failures.pop(k, None)
