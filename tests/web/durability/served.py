"""A real ``backcoach serve`` for the durability tests, and the clients that drive it.

The server is the command a person runs, in a process of its own, on the test's database: a
SQLite file or a PostgreSQL schema (``tests/db_urls.py``). Its secret is fixed, so a session
cookie stays good across a kill and a restart, as a browser's would.

    Served(database_url, folder, single_user=True)   start() / kill() / close(), url, port
    served.client()                                  an httpx client with a session and its CSRF
                                                     token (sent on every request)
    served.session()                                 (cookie header, CSRF token) for raw requests
    at_once(served, requests)                        raw requests, one connection each, all
                                                     opened first and then written together
    clear_screening(client) / plan_for_today(client) what training needs (the safety gate)
    served.request(method, path, session=...)        a raw request of that session, as bytes
    busy_cores(seconds)                              CPU burners, one per core, bounded in time
    past(days)                                       a moment that many days ago, local time
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx
from benchmarks.live import Answer, ServerProcess, free_port, http_request, read_response, serve_command

from backcoach.safety import questions

API = "/api/v1"
SECRET = "durability-test-secret-0123456789-abcdefghij"  # signs only these tests' cookies
PASSWORD = "correct horse battery staple"
# Not a timing assertion: a guard so that a stuck server fails the test instead of hanging it.
STUCK_S = 120.0
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Served:
    """``backcoach serve`` on ``database_url``, in its own process; killed and restarted at will."""

    def __init__(self, database_url: str, folder: Path, *, single_user: bool = True) -> None:
        self.database_url = database_url
        self.port = free_port()
        env = {
            **os.environ,
            "BACKCOACH_HOME": str(folder / "home"),
            "BACKCOACH_SECRET_KEY": SECRET,
            "BACKCOACH_SINGLE_USER": "true" if single_user else "false",
            "BACKCOACH_ENVIRONMENT": "test",
        }
        env.pop("BACKCOACH_DATABASE_URL", None)  # the database is the one given, nothing else
        self.process = ServerProcess(serve_command(self.port, database_url), env, port=self.port)
        self._clients: list[httpx.Client] = []

    @property
    def host(self) -> str:
        return self.process.host

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        self.process.start()

    def kill(self) -> None:
        self.process.kill()

    def close(self) -> None:
        for client in self._clients:
            client.close()
        self.process.close()

    def client(self) -> httpx.Client:
        """A client with its own session: the cookie, and the CSRF token in every request."""
        client = httpx.Client(base_url=self.url, timeout=STUCK_S)
        self._clients.append(client)
        token = client.get(f"{API}/auth/csrf").raise_for_status().json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        return client

    def session(self) -> tuple[str, str]:
        """A session for raw requests: the ``Cookie`` header's value and the CSRF token."""
        with httpx.Client(base_url=self.url, timeout=STUCK_S) as client:
            token = client.get(f"{API}/auth/csrf").raise_for_status().json()["csrf_token"]
            cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        return cookie, token

    def request(
        self,
        method: str,
        path: str,
        *,
        session: tuple[str, str],
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> bytes:
        """A raw request as the session's browser would send it (cookie and CSRF header)."""
        cookie, token = session
        return http_request(
            method,
            path,
            host=self.host,
            port=self.port,
            headers={"Cookie": cookie, "X-CSRF-Token": token, **(headers or {})},
            body=body,
        )


async def _at_once(served: Served, requests: Sequence[bytes]) -> list[Answer]:
    connections = [await asyncio.open_connection(served.host, served.port) for _ in requests]
    try:
        # One request on each connection first, so every one is accepted and served already.
        ready = http_request("GET", "/healthz", host=served.host, port=served.port)
        for _, writer in connections:
            writer.write(ready)
        for reader, _ in connections:
            assert (await asyncio.wait_for(read_response(reader), STUCK_S)).status == 200
        for (_, writer), request in zip(connections, requests, strict=True):
            writer.write(request)
        await asyncio.gather(*(writer.drain() for _, writer in connections))
        return list(
            await asyncio.wait_for(
                asyncio.gather(*(read_response(reader) for reader, _ in connections)), STUCK_S
            )
        )
    finally:
        for _, writer in connections:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()


def at_once(served: Served, requests: Sequence[bytes]) -> list[Answer]:
    """Each request on a connection of its own, all written together once every connection is
    open and served: the server has them all in hand at the same moment."""
    return run_apart(_at_once(served, requests))


T = TypeVar("T")


def run_apart(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own event loop in a thread of its own: a session-wide fixture (the
    browser tests' Playwright) may keep a loop running in this thread, where ``asyncio.run`` fails."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


def clear_screening(client: httpx.Client) -> None:
    """A stored screening with every answer no: cleared, so the safety gate lets training start."""
    answers = {q.id: False for q in questions()}
    taken = client.post(f"{API}/screening", json={"answers": answers})
    assert taken.status_code == 201, taken.text
    assert taken.json()["outcome"] == "cleared"


def plan_for_today(client: httpx.Client) -> dict[str, Any]:
    """A saved profile training today (and two more days a week) and its plan, whose first
    session is today: the workout pages start today's session."""
    today = date.today()
    days = [WEEKDAYS[(today.weekday() + shift) % 7] for shift in (0, 2, 4)]
    profile = {
        "level": "beginner",
        "days": days,
        "minutes": 45,
        "goal": "posture",
        "equipment": ["dumbbells"],
    }
    saved = client.put(f"{API}/profile", json=profile)
    assert saved.status_code == 200, saved.text
    made = client.post(f"{API}/plan")
    assert made.status_code == 201, made.text
    plan: dict[str, Any] = made.json()
    assert plan["weeks"][0]["sessions"][0]["date"] == today.isoformat(), "the plan does not start today"
    return plan


BURN = (
    "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"
)


@contextlib.contextmanager
def busy_cores(seconds: float) -> Iterator[list[subprocess.Popen[bytes]]]:
    """One CPU burner per core, each ending by itself after ``seconds`` at the latest and killed
    when the block ends: the machine is busy while the block runs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 2
    burners = [subprocess.Popen([sys.executable, "-c", BURN, str(seconds)]) for _ in range(cores)]
    try:
        yield burners
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def past(days: int) -> datetime:
    """A moment ``days`` ago, whole seconds, with the local offset (as a person's log has)."""
    return (datetime.now().astimezone() - timedelta(days=days)).replace(microsecond=0)
