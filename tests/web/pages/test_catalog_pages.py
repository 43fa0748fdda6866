"""The catalogue pages: the library and its filters, one exercise, the map page, one muscle."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from page_helpers import onboard, parse, visit
from web_helpers import Visitor

from backcoach.catalog import Role, curated

CATALOG = curated()


def test_the_library_lists_every_curated_exercise(me: Visitor) -> None:
    response = me.get("/exercises")
    assert response.status_code == 200
    links = {
        e.attrs["href"]
        for e in parse(response.text).find("a")
        if e.attrs.get("href", "").startswith("/exercises/")
    }
    assert len(links) == len(CATALOG.exercises)
    assert f"{len(CATALOG.exercises)} exercises" in response.text


def test_filters_narrow_the_list_and_stay_selected(me: Visitor) -> None:
    response = me.get("/exercises", params={"muscle": "rhomboids", "level": "beginner", "setting": "home"})
    assert response.status_code == 200
    page = parse(response.text)
    shown = {e.attrs["href"].rsplit("/", 1)[1] for e in page.find("a") if e.attrs.get("class") == "title"}
    assert shown
    for exercise_id in shown:
        ex = CATALOG.exercise(exercise_id)
        assert ex.level.value == "beginner"
        assert any(i.muscle in ("rhomboid-major", "rhomboid-minor") for i in ex.muscles)
    assert '<option value="rhomboids" selected>' in response.text
    assert '<option value="beginner" selected>' in response.text


def test_equipment_filter_keeps_what_you_can_do(me: Visitor) -> None:
    response = me.get("/exercises", params=[("equipment", "dumbbells"), ("equipment", "bench")])
    page = parse(response.text)
    shown = {e.attrs["href"].rsplit("/", 1)[1] for e in page.find("a") if e.attrs.get("class") == "title"}
    assert shown
    for exercise_id in shown:
        assert set(CATALOG.exercise(exercise_id).equipment) <= {"dumbbells", "bench", "none"}


def test_a_bad_filter_is_shown_beside_its_field(me: Visitor) -> None:
    response = me.get("/exercises", params={"level": "olympian", "muscle": "biceps-femoris"})
    assert response.status_code == 422
    assert 'id="level-error"' in response.text
    assert 'id="muscle-error"' in response.text
    assert "olympian" in response.text


def test_the_exercise_page_has_everything_to_do_it_well(me: Visitor) -> None:
    ex = CATALOG.exercise("one-arm-dumbbell-row")
    response = me.get(f"/exercises/{ex.id}")
    assert response.status_code == 200
    html = response.text
    assert ex.name in html
    assert ex.setup is not None and ex.setup.position in html
    page = parse(html)
    assert len([e for e in page.elements if e.tag == "li" and "ol" in e.ancestors]) >= len(ex.steps)
    for mistake in CATALOG.mistakes_of(ex):
        assert mistake.title in html
    assert "Why it matters" in html and "How to notice" in html and "How to fix it" in html
    for link in (*ex.regressions, *ex.progressions, *ex.alternatives):
        assert f'href="/exercises/{link}"' in html


def test_the_exercise_page_highlights_its_muscles_by_role(me: Visitor) -> None:
    ex = CATALOG.exercise("one-arm-dumbbell-row")
    page = parse(me.get(f"/exercises/{ex.id}").text)
    classes = {
        e.attrs["data-muscle"]: e.attrs["class"].split() for e in page.elements if "data-muscle" in e.attrs
    }
    for inv in ex.muscles:
        if inv.muscle in classes and inv.role is Role.TARGET:
            assert "hl-target" in classes[inv.muscle]
    assert any("hl-synergist" in c for c in classes.values())


@pytest.mark.parametrize(
    "exercise_id", ["pull-up", "seated-cable-row", "bent-over-barbell-row", "chest-supported-row"]
)
def test_the_four_article_exercises_show_one_animated_repetition(me: Visitor, exercise_id: str) -> None:
    page = parse(me.get(f"/exercises/{exercise_id}").text)
    figures = [
        e for e in page.elements if e.tag == "svg" and "one repetition" in e.attrs.get("aria-label", "")
    ]
    assert len(figures) == 1
    assert CATALOG.exercise(exercise_id).name in figures[0].attrs["aria-label"]
    assert sum(1 for e in page.elements if e.tag == "animate") >= 10  # every segment moves


def test_an_exercise_the_form_check_does_not_model_has_no_figure(me: Visitor) -> None:
    assert "demo-figure" not in me.get("/exercises/one-arm-dumbbell-row").text


def test_an_unknown_exercise_is_the_not_found_page(me: Visitor) -> None:
    response = me.get("/exercises/no-such-row")
    assert response.status_code == 404
    assert "Not found" in response.text
    assert "Traceback" not in response.text


def test_the_map_page_links_every_back_muscle(me: Visitor) -> None:
    response = me.get("/anatomy")
    assert response.status_code == 200
    for muscle in CATALOG.muscles.values():
        if muscle.region.value != "other":
            assert f'href="/muscles/{muscle.id}"' in response.text


def test_the_map_colours_by_volume_and_recovery_with_a_legend(me: Visitor) -> None:
    onboard(me)
    volume = me.get("/anatomy", params={"colour": "volume"})
    assert volume.status_code == 200
    assert "vol-below" in volume.text and "Colour key" in volume.text
    assert 'aria-current="page"' in volume.text
    recovery = me.get("/anatomy", params={"colour": "recovery"})
    assert recovery.status_code == 200
    assert "rec-high" in recovery.text  # nothing trained yet: all recovered


def test_an_unknown_colouring_is_shown_beside_the_toggle(me: Visitor) -> None:
    response = me.get("/anatomy", params={"colour": "mood"})
    assert response.status_code == 422
    assert 'id="colour-error"' in response.text


def test_colouring_needs_a_sign_in_in_multi_user_mode(multi_app: FastAPI) -> None:
    anon = visit(multi_app)
    assert anon.get("/anatomy").status_code == 200  # the map itself is public
    response = anon.get("/anatomy", params={"colour": "volume"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin")


def test_the_muscle_page_shows_functions_and_exercises_by_role(me: Visitor) -> None:
    muscle = CATALOG.muscle("trapezius-lower")
    response = me.get(f"/muscles/{muscle.id}")
    assert response.status_code == 200
    for function in muscle.functions:
        assert function in response.text
    grouped = CATALOG.exercises_for_muscle(muscle.id)
    for ex, _ in grouped[Role.TARGET][:3]:
        assert f'href="/exercises/{ex.id}"' in response.text
    assert "As target" in response.text
    assert 'data-muscle="trapezius-lower" class="region kind-back hl-target"' in response.text


def test_a_parent_muscle_page_lists_its_parts(me: Visitor) -> None:
    response = me.get("/muscles/erector-spinae")
    assert response.status_code == 200
    for part in ("iliocostalis", "longissimus", "spinalis"):
        assert f'href="/muscles/{part}"' in response.text


def test_an_unknown_muscle_is_not_found(me: Visitor) -> None:
    assert me.get("/muscles/biceps-femoris").status_code == 404
