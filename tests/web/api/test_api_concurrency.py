"""Many requests at once: every one is answered, nothing is lost, nothing waits for a timeout.

The app runs its handlers on a few worker threads (``worker_threads``). Requests that wait, for
SQLite's single writer or for a pooled connection, must wait without holding one of those
threads, or the request being served cannot get a thread to finish on and the server stalls until
a timeout answers everyone "busy". Two threads and far more simultaneous requests show it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import API

WRITERS = 24
THREADS = 2


async def _at_once(
    app: FastAPI, requests: Callable[[httpx.AsyncClient, str], list[Any]]
) -> list[httpx.Response]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS  # as the app's lifespan does
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        token = (await client.get(f"{API}/auth/csrf")).json()["csrf_token"]
        return list(await asyncio.wait_for(asyncio.gather(*requests(client, token)), timeout=60))


def test_more_writers_at_once_than_worker_threads_are_all_answered_and_kept(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app(single_user=True, worker_threads=THREADS)
    body = {"exercise_id": "dumbbell-shrug", "sets": [{"reps": 8, "load_kg": 30, "rir": 2}]}

    def opening(client: httpx.AsyncClient, token: str) -> list[Any]:
        return [client.post(f"{API}/sets", json=body, headers={"X-CSRF-Token": token})]

    workout_id = asyncio.run(_at_once(app, opening))[0].json()["workout_id"]

    def appends(client: httpx.AsyncClient, token: str) -> list[Any]:
        headers = {"X-CSRF-Token": token}
        return [
            client.post(f"{API}/sets", json={**body, "workout_id": workout_id}, headers=headers)
            for _ in range(WRITERS)
        ]

    started = time.monotonic()
    answers = asyncio.run(_at_once(app, appends))
    took = time.monotonic() - started
    try:
        assert [a.status_code for a in answers] == [201] * WRITERS, [
            a.text[:300] for a in answers if a.status_code != 201
        ][:1]
        # Far below the five-second busy timeout that a stall would have ended in.
        assert took < 5.0, f"{WRITERS} writes took {took:.1f} s"
        sets = TestClient(app).get(f"{API}/workouts/{workout_id}").json()["sets"]
        assert len(sets) == WRITERS + 1
    finally:
        app.state.engine.dispose()


def test_more_readers_at_once_than_worker_threads_are_all_answered(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(single_user=True, worker_threads=THREADS)

    def reads(client: httpx.AsyncClient, _: str) -> list[Any]:
        return [client.get(path) for path in ("/plan", f"{API}/workouts", "/history", "/recovery") * 8]

    try:
        assert {a.status_code for a in asyncio.run(_at_once(app, reads))} == {200}
    finally:
        app.state.engine.dispose()
