"""Finishing touches: the back map's readings in words, progress for a new user, and the way to
change a password from every page once signed in."""

from __future__ import annotations

import re
from collections.abc import Callable

from page_helpers import parse
from web_helpers import API, Visitor

from backcoach.catalog import curated
from backcoach.science.volume import landmarks

# Ids and codes a person should never read: muscle ids, landmark groups, volume statuses, bands.
IDS = {m.id for m in curated().muscles.values()} | set(landmarks())
CODES = {"below mv", "below mev", "above mav", "above mrv", "high", "mid", "low"}


def _readings(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", r).strip() for r in re.findall(r'<span class="reading">(.*?)</span>', html)]


def test_the_back_maps_readings_name_muscles_and_say_their_status_in_words(me: Visitor) -> None:
    logged = me.post(f"{API}/sets", json={"exercise_id": "pull-up", "sets": [{"reps": 8, "rir": 2}] * 3})
    assert logged.status_code == 201, logged.text
    for colour in ("volume", "recovery"):
        html = me.get(f"/anatomy?colour={colour}").text
        readings = _readings(html)
        assert readings, colour
        for reading in readings:
            _, status = reading.split(" · ")
            assert status not in CODES and not set(status.split()) & IDS, reading
        names = re.findall(r'<a href="/muscles/[^"]+">([^<]+)</a>', html)
        assert "Latissimus dorsi (lats)" in names and "latissimus-dorsi" not in names
    assert {"recovered", "recovering", "tired"} & {r.split(" · ")[1] for r in _readings(html)}


def test_progress_for_a_new_user_says_why_it_is_empty_and_how_to_start(me: Visitor) -> None:
    page = me.get("/progress").text
    assert "Nothing to chart yet" in page
    links = {e.attrs.get("href") for e in parse(page).find("a")}
    assert {"/workout", "/history"} <= links
    me.post(f"{API}/sets", json={"exercise_id": "pull-up", "sets": [{"reps": 8}]})
    assert "Nothing to chart yet" not in me.get("/progress").text


def test_a_signed_in_person_finds_the_password_change_in_the_header(
    account: Callable[[str], Visitor],
) -> None:
    ana = account("Ana")
    for path in ("/progress", "/history", "/exercises"):
        header = ana.get(path).text.split("<main", 1)[0]
        assert 'href="/account/password"' in header and "Change password" in header, path
    assert 'aria-current="page">Change password' in ana.get("/account/password").text
