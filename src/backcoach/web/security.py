"""Signed session cookies, CSRF tokens; passwords and throttling come from ``app.passwords``.

- Sessions: the cookie holds ``{user id, CSRF token, session token}`` signed with the secret
  (itsdangerous, HMAC over a timestamped payload); it is HttpOnly, SameSite=Lax, Secure in
  production. The signature proves the server wrote it; the session token must also name a live
  server-side session (``store.auth_sessions``, checked in ``web.deps.get_viewer``), so sign-out
  and a password change end a session everywhere, even in a copied cookie. A visitor who is not
  signed in has a cookie for user ``ANONYMOUS`` and no session token: it only carries the CSRF
  token.
- CSRF: every unsafe request must echo the session's CSRF token, in a form field ``csrf_token`` or
  the ``X-CSRF-Token`` header (synchronizer-token pattern, OWASP CSRF cheat sheet).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from backcoach.app.passwords import MIN_PASSWORD_LENGTH, Throttle, hash_password, verify_password

__all__ = [
    "ANONYMOUS",
    "COOKIE_NAME",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "MIN_PASSWORD_LENGTH",
    "SessionCodec",
    "SessionData",
    "Throttle",
    "hash_password",
    "new_csrf_token",
    "same_token",
    "set_session_cookie",
    "verify_password",
]

COOKIE_NAME = "backcoach_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
ANONYMOUS = 0  # the user id in a cookie that only carries a CSRF token (not signed in)


@dataclass(frozen=True)
class SessionData:
    """What the cookie says: who, their CSRF token, and the server-side session (None: anonymous)."""

    user_id: int
    csrf: str
    token: str | None = None

    @property
    def claims_sign_in(self) -> bool:
        return self.user_id != ANONYMOUS


# Cookies whose signature was checked, kept with when they were signed: a browser sends the same
# cookie on every request, and checking its HMAC, base64 and JSON again cost a twentieth of the
# CPU of logging a set. Only a cookie that passed the check is kept (so a forged one is checked
# every time), its age is still checked on every use, and the cache is emptied when full: a
# bound on memory, not an eviction policy (a few hundred people's tabs fit).
VERIFIED_CACHE_SIZE = 1024


class SessionCodec:
    def __init__(self, secret: str, max_age_s: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="backcoach.session")
        self._max_age_s = max_age_s
        self._verified: dict[str, tuple[SessionData, int]] = {}

    def dumps(self, data: SessionData) -> str:
        payload: dict[str, object] = {"u": data.user_id, "c": data.csrf}
        if data.token is not None:
            payload["s"] = data.token
        return self._serializer.dumps(payload)

    def loads(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        known = self._verified.get(cookie)
        # The same test of age as itsdangerous's (its clock is ``time.time``, in whole seconds).
        if known is not None and 0 <= int(time.time()) - known[1] <= self._max_age_s:
            return known[0]
        try:
            raw, signed_at = self._serializer.loads(cookie, max_age=self._max_age_s, return_timestamp=True)
        except BadSignature:
            return None
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("u"), int)
            or not isinstance(raw.get("c"), str)
            or not isinstance(raw.get("s", ""), str)
        ):
            return None
        data = SessionData(raw["u"], raw["c"], raw.get("s"))
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.clear()
        self._verified[cookie] = (data, int(signed_at.timestamp()))
        return data


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str, given: str | None) -> bool:
    """Equal tokens, compared in constant time (as bytes: a header may hold any character)."""
    if given is None:
        return False
    return secrets.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass"))


def set_session_cookie(request: Request, response: Response, data: SessionData) -> None:
    """Put ``data`` in the response's session cookie, with the app's lifetime and flags."""
    settings = request.app.state.settings
    response.set_cookie(
        COOKIE_NAME,
        request.app.state.sessions.dumps(data),
        max_age=settings.session_max_age_s,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
