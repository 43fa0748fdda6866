"""The web app's settings, declared once, typed and validated, built by a function.

Read from the environment with the ``BACKCOACH_`` prefix (``BACKCOACH_SECRET_KEY``,
``BACKCOACH_DATABASE_URL``, ``BACKCOACH_ENVIRONMENT``, ``BACKCOACH_SINGLE_USER``, …).

The secret signs the session cookie (``web.security``). A secret that is set must be at least
``MIN_SECRET_LENGTH`` characters and not the public ``DEV_SECRET``, in every mode. Multi-user mode
and production need one set: without it, the app refuses to start with one line saying so. Before
this rule, multi-user mode fell back to the development secret printed in this file, so anyone
could sign a cookie for any account.

Single-user local mode needs no setting: without one, each start draws a random secret that lives
only in the process's memory. Nothing is written to disk (no key file to guard, back up or leak,
and it works the same on a read-only data folder or with PostgreSQL), and the secret cannot be
public, so another local program cannot plant a cookie with a CSRF token it knows (browsers share
cookies between ports of one host). The price is small because single-user mode has no sign-in: a
page left open across a restart asks to be reloaded before its next form is accepted. Several
processes serving one single-user app would need ``BACKCOACH_SECRET_KEY`` set to agree.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Literal, Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backcoach.errors import InputError

# The old default, published in this repository: refused wherever it is set.
DEV_SECRET = "development-only-secret-change-me-0123456789"
MIN_SECRET_LENGTH = 32  # 256 bits of key material for the HMAC-signed session cookie
SECRET_HELP = (
    f"BACKCOACH_SECRET_KEY must be set to a random string of at least {MIN_SECRET_LENGTH} characters "
    """in multi-user mode and in production (python -c "import secrets; print(secrets.token_urlsafe(32))")"""
)


def _random_secret() -> SecretStr:
    return SecretStr(secrets.token_urlsafe(32))


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKCOACH_", extra="ignore", frozen=True)

    environment: Literal["development", "test", "production"] = "development"
    # Unset: a random secret per process, allowed only in single-user mode outside production.
    secret_key: SecretStr = Field(default_factory=_random_secret)
    database_url: str | None = None  # None: the SQLite file in the user's data folder
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Single-user local mode: no sign-up or sign-in; everyone is the local user (the default for
    # ``make run`` on one's own machine). Multi-user deployments turn it off.
    single_user: bool = True
    session_max_age_s: int = Field(default=14 * 24 * 3600, ge=300)
    # Sign-in attempts allowed per client address and per email in the window (OWASP guidance:
    # throttle authentication; a small allowance still lets a person mistype a few times).
    login_attempts: int = Field(default=5, ge=1)
    login_window_s: int = Field(default=300, ge=10)
    # Worker threads for request handlers (AnyIO's default is 40). The work is Python, which runs
    # one thread at a time, so more threads only share the same CPU more unfairly: with 40, the
    # plan page's p99 at 32 connections was twice its p50. See benchmarks/web_bench.py. At most
    # the connection pool's 15 (SQLAlchemy's 5 + 10 overflow): each thread may hold a connection.
    worker_threads: int = Field(default=8, ge=1, le=15)

    @model_validator(mode="after")
    def _safe_secret(self) -> Self:
        given = "secret_key" in self.model_fields_set
        secret = self.secret_key.get_secret_value()
        needed = not self.single_user or self.environment == "production"
        if (needed and not given) or (given and (secret == DEV_SECRET or len(secret) < MIN_SECRET_LENGTH)):
            raise ValueError(SECRET_HELP)
        return self

    @property
    def session_lifetime(self) -> timedelta:
        """How long a sign-in lasts, on the server as in the cookie."""
        return timedelta(seconds=self.session_max_age_s)

    @property
    def cookie_secure(self) -> bool:
        """Secure cookies need HTTPS; the local development server speaks plain HTTP."""
        return self.environment == "production"

    @property
    def hsts(self) -> bool:
        """Strict-Transport-Security only in production: it would pin a local plain-HTTP port."""
        return self.environment == "production"


def load_web_settings(**overrides: object) -> WebSettings:
    """The settings from the environment and ``overrides``; unsafe or malformed ones are refused
    with one line naming the setting (an ``InputError``), never a page of validation output."""
    try:
        return WebSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        message = str(err["msg"]).removeprefix("Value error, ")
        field = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{field}: {message}" if field else message) from None
