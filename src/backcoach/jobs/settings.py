"""The queues' settings, read from the environment when a runner or worker starts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backcoach.errors import InputError

REDIS_URL_ENV = "BACKCOACH_REDIS_URL"
# Dramatiq's own default: a worker silent this long is taken for dead and its jobs go back on the
# queue. A worker heartbeats several times a second while alive (see ``worker_timeout_ms``).
DEFAULT_HEARTBEAT_S = 60.0
# Jobs at once ($BACKCOACH_JOB_THREADS): the threads of a `backcoach worker`, the processes of the
# web server's own pool. One: posing a video keeps a core busy (about 43 ms a frame, pose.md §4),
# so more at once on a two-core machine only slow every analysis down.
DEFAULT_THREADS = 1
MAX_THREADS = 32


@dataclass(frozen=True)
class JobSettings:
    redis_url: str | None = None
    # The prefix of every Redis key: deployments (and tests) sharing one Redis stay apart.
    namespace: str = "backcoach"
    heartbeat_s: float = DEFAULT_HEARTBEAT_S
    threads: int = DEFAULT_THREADS
    # Tests only: a job waits, once it is marked running, until ``release`` exists in this folder,
    # so a test can kill its worker mid-job without racing it.
    gate_dir: Path | None = None

    @property
    def worker_timeout_ms(self) -> int:
        """How long an idle consumer sleeps between fetches (each fetch is a heartbeat): at most a
        second (Dramatiq's default), and an eighth of the heartbeat timeout, so a live worker is
        never mistaken for a dead one."""
        return max(50, min(1000, int(self.heartbeat_s * 1000 / 8)))


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name}: '{raw[:40]}' is not a number") from None
    if not low <= value <= high:
        raise InputError(f"{name}: {value:g} must be between {low:g} and {high:g}")
    return value


def job_settings(env: Mapping[str, str] | None = None) -> JobSettings:
    env = os.environ if env is None else env
    gate = env.get("BACKCOACH_JOB_GATE_DIR", "").strip()
    return JobSettings(
        redis_url=env.get(REDIS_URL_ENV, "").strip() or None,
        namespace=env.get("BACKCOACH_JOB_NAMESPACE", "").strip() or "backcoach",
        heartbeat_s=_number(env, "BACKCOACH_JOB_HEARTBEAT_S", DEFAULT_HEARTBEAT_S, 0.5, 3600),
        threads=int(_number(env, "BACKCOACH_JOB_THREADS", DEFAULT_THREADS, 1, MAX_THREADS)),
        gate_dir=Path(gate) if gate else None,
    )
