"""Passwords: the one rule every door applies to a new password, hashing, and sign-in throttling.

The rule (``check_new_password``), the same for the API, the pages and any later door:

- the password is taken exactly as typed: no door strips spaces, so a padded password works
  through every door or none (a pass phrase may well start or end with a space);
- at least ``MIN_PASSWORD_LENGTH`` characters and at most ``MAX_PASSWORD_LENGTH``;
- refused when the zxcvbn estimator (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation",
  USENIX Security 2016; the ``zxcvbn`` package, offline) scores it below ``MIN_SCORE``, with the
  person's name and email as words an attacker would try first. The refusal says why in plain
  words (zxcvbn's own feedback), as NIST SP 800-63B §5.1.1.2 asks of a verifier that rejects a
  password. There are no composition rules (digits, symbols): the same section advises against
  them.

Hashes are argon2id with argon2-cffi's defaults, RFC 9106's recommended parameters. Sign-in
failures are counted per key (a client address, an email) in a sliding window (``Throttle``).
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backcoach.errors import InputError

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "MIN_SCORE",
    "Throttle",
    "check_new_password",
    "hash_password",
    "verify_password",
    "weakness",
]

MIN_PASSWORD_LENGTH = 10  # NIST SP 800-63B asks for at least 8; we ask a little more
MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; a megabyte "password" is a denial of service
# zxcvbn's scores: 0 too guessable (< 10^3 guesses), 1 very (< 10^6), 2 somewhat (< 10^8),
# 3 safely unguessable (< 10^10: "moderate protection from offline slow-hash scenario"), 4 very.
# 3 is the lowest score its authors call safe against an attacker holding a slow hash like ours.
MIN_SCORE = 3
# zxcvbn's matching grows faster than linearly with length (2.5 s for 1,024 characters, 10 ms for
# 72), and the package refuses more than 72 by default. More characters only add guesses, so the
# score of the first 72 is a lower bound of the whole password's: scoring that prefix is safe.
SCORED_LENGTH = 72
MIN_INPUT_WORD = 3  # shorter pieces of a name ("jo", "de") match everywhere and say nothing
_SEPARATORS = re.compile(r"[\W_]+")
_GENERIC_ADVICE = "Use a few uncommon words together; no need for symbols, digits or capitals."

_hasher = PasswordHasher()
# zxcvbn keeps the user inputs of a call in a module-level dictionary (``RANKED_DICTIONARIES``):
# two threads scoring at once could score one person's password against another's name.
_zxcvbn_lock = threading.Lock()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def weakness(password: str, *, user_inputs: Iterable[str] = ()) -> str | None:
    """Why ``password`` is refused as a new password, in plain words; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    estimate = _estimate(password[:SCORED_LENGTH], _inputs(user_inputs))
    if estimate.score >= MIN_SCORE:
        return None
    sentences = [estimate.warning]
    if estimate.uses_inputs:
        sentences.append("It contains your name or email.")
    sentences += estimate.suggestions or [_GENERIC_ADVICE]
    return " ".join(["too easy to guess.", *(s for s in sentences if s)])


def check_new_password(password: str, *, user_inputs: Iterable[str] = (), field: str = "password") -> None:
    """Refuse a new password that breaks the rule, naming ``field`` (InputError, a 422)."""
    problem = weakness(password, user_inputs=user_inputs)
    if problem is not None:
        raise InputError(f"{field}: {problem}", field=field)


def _inputs(values: Iterable[str]) -> list[str]:
    """The person's name and email, whole and word by word: what a guesser tries first."""
    words = ["backcoach"]
    for value in values:
        clean = value.strip().lower()
        if clean:
            words.append(clean)
            words.extend(w for w in _SEPARATORS.split(clean) if len(w) >= MIN_INPUT_WORD)
    return words


@dataclass(frozen=True)
class _Estimate:
    score: int  # 0 to 4
    warning: str
    suggestions: list[str]
    uses_inputs: bool  # part of the password is the person's name or email


def _estimate(password: str, user_inputs: list[str]) -> _Estimate:
    from zxcvbn import zxcvbn  # its word lists take 30 ms to import: only when a password is set

    with _zxcvbn_lock:
        result = zxcvbn(password, user_inputs=user_inputs, max_length=SCORED_LENGTH)
    return _Estimate(
        score=result["score"],
        warning=result["feedback"]["warning"],
        suggestions=list(result["feedback"]["suggestions"]),
        uses_inputs=any(m.get("dictionary_name") == "user_inputs" for m in result["sequence"]),
    )


class Throttle:
    """Failed attempts per key in a sliding window; in memory (one process serves one node).

    A key whose failures have all left the window is forgotten, so a stream of made-up emails
    does not grow the table; a lock keeps the counts exact across worker threads.
    """

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _count(self, key: str, now: float) -> int:
        hits = self._failures.get(key)
        if hits is None:
            return 0
        while hits and now - hits[0] > self.window_s:
            hits.popleft()
        if not hits:
            del self._failures[key]
        return len(hits)

    def blocked(self, *keys: str, now: float | None = None) -> bool:
        t = time.monotonic() if now is None else now
        with self._lock:
            return any(self._count(k, t) >= self.limit for k in keys)

    def fail(self, *keys: str, now: float | None = None) -> None:
        t = time.monotonic() if now is None else now
        with self._lock:
            for k in keys:
                self._count(k, t)
                self._failures.setdefault(k, deque()).append(t)

    def clear(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
