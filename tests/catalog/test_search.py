"""Finding exercises by what a person types: names, aliases and muscles, typos tolerated."""

from __future__ import annotations

import pytest

from backcoach.catalog import curated
from backcoach.catalog.search import ranked, search


@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("pullup", "pull-up"),
        ("Pull Up", "pull-up"),
        ("pull-ups", "pull-up"),
        ("lat pulldown", "lat-pulldown"),
        ("lat pull down", "lat-pulldown"),
        ("latt pulldwn", "lat-pulldown"),  # two typos
        ("bent over row", "bent-over-barbell-row"),
        ("bentover row", "bent-over-barbell-row"),
        ("face pul", "face-pull"),
        ("chinup", "chin-up"),
        ("rdl", "romanian-deadlift"),
        ("hex bar deadlift", "trap-bar-deadlift"),  # an alias
        ("seated row", "seated-cable-row"),
        ("band pull apart", "band-pull-apart"),
        ("hip thrust", "hip-thrust"),
        ("bird dogs", "bird-dog"),
        ("plank", "front-plank"),
        ("deadlift", "conventional-deadlift"),
    ],
)
def test_the_expected_exercise_comes_first(query: str, top: str) -> None:
    hits = search(curated(), query)
    assert hits, query
    assert hits[0].exercise.id == top


@pytest.mark.parametrize(("query", "muscle"), [("rhomboids", "rhomboid"), ("erector spinae", "erector")])
def test_a_muscle_finds_the_exercises_that_work_it(query: str, muscle: str) -> None:
    hits = search(curated(), query, limit=None)
    assert len(hits) >= 5
    catalog = curated()
    for hit in hits[:5]:
        names = [catalog.muscles[i.muscle].name.lower() for i in hit.exercise.muscles]
        parents = [
            catalog.muscles[p].name.lower()
            for i in hit.exercise.muscles
            if (p := catalog.muscles[i.muscle].parent) is not None
        ]
        assert any(muscle in n for n in names + parents), (hit.exercise.id, names)


@pytest.mark.parametrize("query", ["", "   ", "sdfgsdfg", "zzzz qqqq"])
def test_nonsense_or_nothing_finds_nothing(query: str) -> None:
    assert search(curated(), query) == []


def test_an_exercise_named_for_the_query_outranks_one_that_only_works_the_muscle() -> None:
    [first, *_] = search(curated(), "lat pulldown", limit=None)
    assert first.score == 100.0 and first.matched == "Lat Pulldown"


def test_ranked_keeps_only_the_filtered_exercises_in_match_order() -> None:
    catalog = curated()
    among = [
        catalog.exercise("band-lat-pulldown"),
        catalog.exercise("lat-pulldown"),
        catalog.exercise("pull-up"),
    ]
    assert [e.id for e in ranked(catalog, "lat pulldown", among)] == ["lat-pulldown", "band-lat-pulldown"]
