"""The web app's settings, declared once, typed and validated, built by a function.

Read from the environment with the ``BACKCOACH_`` prefix (``BACKCOACH_SECRET_KEY``,
``BACKCOACH_DATABASE_URL``, ``BACKCOACH_ENVIRONMENT``, …). Outside development an unsafe secret
(missing, the development default, or shorter than 32 characters) is refused at start-up.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "development-only-secret-change-me-0123456789"
MIN_SECRET_LENGTH = 32  # 256 bits of key material for the HMAC-signed session cookie


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKCOACH_", extra="ignore", frozen=True)

    environment: Literal["development", "test", "production"] = "development"
    secret_key: str = DEV_SECRET
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
        if self.environment == "production" and (
            self.secret_key == DEV_SECRET or len(self.secret_key) < MIN_SECRET_LENGTH
        ):
            raise ValueError(
                f"BACKCOACH_SECRET_KEY must be set to a random string of at least {MIN_SECRET_LENGTH} "
                "characters outside development"
            )
        return self

    @property
    def cookie_secure(self) -> bool:
        """Secure cookies need HTTPS; the local development server speaks plain HTTP."""
        return self.environment == "production"


def load_web_settings(**overrides: object) -> WebSettings:
    return WebSettings(**overrides)  # type: ignore[arg-type]
