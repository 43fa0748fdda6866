"""Settings declared once, built by a function from the environment (never at import time)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "backcoach"


@dataclass(frozen=True)
class Settings:
    """Where backcoach keeps the user's data.

    ``home``: ``$BACKCOACH_HOME`` if set, else the platform's user data directory
    (e.g. ``~/.local/share/backcoach`` on Linux).
    """

    home: Path

    @property
    def catalog_dir(self) -> Path:
        return self.home / "catalog"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    raw = env.get("BACKCOACH_HOME", "").strip()
    home = Path(raw).expanduser() if raw else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Settings(home=home)
