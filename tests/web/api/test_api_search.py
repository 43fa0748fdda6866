"""Finding exercises over the API: ``GET /api/v1/exercises?q=``, best match first."""

from __future__ import annotations

import pytest
from web_helpers import API, Visitor, error_fields


@pytest.mark.parametrize(
    ("query", "top"),
    [("pullup", "pull-up"), ("lat pulldown", "lat-pulldown"), ("bent over row", "bent-over-barbell-row")],
)
def test_q_puts_the_best_match_first(anon: Visitor, query: str, top: str) -> None:
    response = anon.get(f"{API}/exercises", params={"q": query})
    assert response.status_code == 200
    assert response.json()[0]["id"] == top


def test_q_combines_with_the_filters(anon: Visitor) -> None:
    found = anon.get(f"{API}/exercises", params={"q": "pulldown", "equipment": "resistance-band"}).json()
    assert found and all("band" in e["id"] for e in found)


def test_q_with_no_match_is_an_empty_list(anon: Visitor) -> None:
    assert anon.get(f"{API}/exercises", params={"q": "sdfgsdfg"}).json() == []


def test_a_very_long_q_is_refused(anon: Visitor) -> None:
    response = anon.get(f"{API}/exercises", params={"q": "x" * 101})
    assert response.status_code == 422
    assert error_fields(response) == ["q"]


def test_the_library_page_searches_too(anon: Visitor) -> None:
    page = anon.get("/exercises", params={"q": "latt pulldwn"}).text
    assert page.index('href="/exercises/lat-pulldown"') < page.index('href="/exercises/band-lat-pulldown"')
    assert 'value="latt pulldwn"' in page
    assert "No exercise matches “sdfg”" in anon.get("/exercises", params={"q": "sdfg"}).text
