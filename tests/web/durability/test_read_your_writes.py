"""A read sent after a write's answer sees that write, through the API and through the pages, while
every core of the machine is busy.

Against the real server (``backcoach serve``), since what is checked is the order of the commit
and the answer: a server that answers before it commits lets the next request read the old state,
most often when the machine is busy. Each pair is one write, then one read once its answer (or
the redirect of a form, post/redirect/get) is in: the read must show the write, never the state
before it. CPU burners keep every core busy meanwhile.

    API     a set logged (a new workout, then a set added to it), then that workout read back;
            in multi-user mode, a sign-up, then ``/auth/me``
    pages   the screening form with the heart question ticked, then unticked, then its result page
            (ticked must never show "You are cleared to start"); a guided workout's "Done" (or
            whatever its main button is), a pain report, then the workout page at the next step
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx2 as httpx
from served import API, PASSWORD, Served, busy_cores, clear_screening, past, plan_for_today

PAIRS = 200  # write-then-read pairs through the API, and as many through the pages
SIGN_UPS = 20  # each hashes a password on purpose slowly: a few are enough to see the order
BUSY_BOUND_S = 900.0  # the burners end by themselves at the latest after this; killed sooner
CLEARED = "You are cleared to start"
HEART = "parq1"  # "...told by a doctor that you have heart disease or raised blood pressure?"
PAIN_EVERY = 20  # every 20th guided pair reports pain instead of pressing the main button


def test_a_workout_read_after_a_set_is_logged_has_that_set(served: Served) -> None:
    client = served.client()
    stale: list[str] = []
    at = past(days=2).isoformat()
    workout_id = None
    with busy_cores(BUSY_BOUND_S):
        for n in range(PAIRS):
            body: dict[str, Any] = {"exercise_id": "dumbbell-shrug", "at": at, "sets": [{"reps": 1 + n % 20}]}
            if n % 2:  # the odd ones add a second set to the workout the even one opened
                body["workout_id"] = workout_id
            logged = client.post(f"{API}/sets", json=body)
            assert logged.status_code == 201, logged.text
            workout_id = logged.json()["workout_id"]
            read = client.get(f"{API}/workouts/{workout_id}")
            sets = read.json()["sets"] if read.status_code == 200 else []
            if [s["reps"] for s in sets][-1:] != [1 + n % 20] or len(sets) != 1 + n % 2:
                stale.append(f"pair {n}: HTTP {read.status_code}, {len(sets)} sets")
    assert not stale, f"{len(stale)} of {PAIRS} reads were stale: {stale[:5]}"


def test_me_read_after_a_sign_up_is_the_new_account(serve: Callable[..., Served]) -> None:
    served = serve(single_user=False)
    stale: list[str] = []
    with busy_cores(BUSY_BOUND_S):
        for n in range(SIGN_UPS):
            client = served.client()  # a new visitor each time
            email = f"person{n}@example.org"
            signed = client.post(
                f"{API}/auth/signup", json={"name": f"Person {n}", "email": email, "password": PASSWORD}
            )
            assert signed.status_code == 201, signed.text
            me = client.get(f"{API}/auth/me")
            if me.status_code != 200 or me.json()["email"] != email:
                stale.append(f"sign-up {n}: HTTP {me.status_code} {me.text[:100]}")
    assert not stale, f"{len(stale)} of {SIGN_UPS} reads were stale: {stale[:5]}"


def _follow(client: httpx.Client, posted: httpx.Response) -> httpx.Response:
    """The GET of post/redirect/get: the page the form's answer redirects to."""
    assert posted.status_code == 303, f"{posted.status_code}: {posted.text[:300]}"
    return client.get(posted.headers["location"])


def _token(page: str) -> str | None:
    found = re.search(r'name="token" value="([^"]+)"', page)
    return found.group(1) if found else None


def _main_action(page: str) -> dict[str, str]:
    """The step's form as its main button sends it: hidden fields, numbers as shown, the type."""
    for form in re.findall(r'<form[^>]*action="/workout/event".*?</form>', page, re.S):
        main = re.search(r'name="type" value="(\w+)" class="btn primary big"', form)
        if main is not None:
            fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
            fields |= dict(
                re.findall(r'<input id="\w+" name="(\w+)" type="number"[^>]*value="([^"]*)"', form)
            )
            return {**fields, "type": main.group(1)}
    raise AssertionError(f"no main button on the workout page:\n{page[:2000]}")


def test_a_page_after_a_form_is_posted_shows_what_the_form_did(served: Served) -> None:
    client = served.client()
    csrf = client.headers["X-CSRF-Token"]
    stale: list[str] = []
    with busy_cores(BUSY_BOUND_S):
        for n in range(PAIRS // 2):  # the heart question ticked, then not: the outcome flips each time
            ticked = n % 2 == 0
            answers = {HEART: "yes"} if ticked else {}
            result = _follow(
                client, client.post("/onboarding/screening", data={"csrf_token": csrf, **answers})
            )
            if (CLEARED in result.text) == ticked:
                stale.append(
                    f"screening {n}: heart {'ticked' if ticked else 'not ticked'}, page says otherwise"
                )

        clear_screening(client)
        plan_for_today(client)
        page = _follow(client, client.post("/workout/start", data={"csrf_token": csrf})).text
        for n in range(PAIRS // 2):
            before = _token(page)
            if before is None:  # the workout is over: start today's session again
                page = _follow(client, client.post("/workout/start", data={"csrf_token": csrf})).text
                if _token(page) is None:
                    stale.append(f"step {n}: started, but the page shows no workout")
                continue
            if n % PAIN_EVERY == PAIN_EVERY - 1:
                form = {"location": "lower_back", "severity": "2"}
                posted = client.post("/workout/pain", data={"csrf_token": csrf, **form})
            else:
                posted = client.post("/workout/event", data={"csrf_token": csrf, **_main_action(page)})
            page = _follow(client, posted).text
            if _token(page) == before:
                stale.append(f"step {n}: the page still shows the step before")
    assert not stale, f"{len(stale)} of {PAIRS} pages were stale: {stale[:5]}"
