"""``backcoach start``: the guided session in the terminal, through the same use case as the web."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from cli_factories import coming, run, runner, save_beginner_plan, screen_clear, weekday

from backcoach.app import guided
from backcoach.cli import app
from backcoach.sessions import Skip
from backcoach.store import default_user, make_engine, scheduled_sessions, session_scope

ALL_DONE = "\n" * 300  # Enter at every prompt: every set as planned


def start(db: str, *args: str, input: str = ALL_DONE) -> object:
    return runner.invoke(app, ["start", "--no-wait", "--db", db, *args], input=input)


def plan_from_today(db: str, *, screen: bool = True) -> date:
    """A two-week plan on today's weekday and three days on; returns today."""
    today = date.today()
    save_beginner_plan(
        db, days=f"{weekday(today)},{weekday(coming(3))}", start=today.isoformat(), screen=screen
    )
    return today


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_start_walks_the_planned_session_and_logs_every_set(db: str) -> None:
    today = plan_from_today(db)
    result = start(db)
    assert result.exit_code == 0, result.output
    assert "Session completed" in result.stdout
    workouts = run("history", "--db", db, "--json")
    assert len(workouts) == 1
    assert workouts[0]["planned_date"] == today.isoformat()
    working = [s for s in workouts[0]["sets"] if s["type"] == "working"]
    assert working
    assert all(s["target"]["reps_max"] is not None for s in working)


def test_start_again_resumes_where_it_stopped(db: str) -> None:
    plan_from_today(db)
    first = start(db, input="\n" * 3)  # three steps done, then the terminal closes
    assert first.exit_code != 0
    kept = run("history", "--db", db, "--json")[0]["sets"]
    assert len(kept) >= 2  # acknowledged steps were stored as they were done
    second = start(db)
    assert second.exit_code == 0, second.output
    assert "Resuming your session" in second.stdout
    workouts = run("history", "--db", db, "--json")
    assert len(workouts) == 1
    sets = workouts[0]["sets"]
    assert sets[: len(kept)] == kept
    first_drill = kept[0]["exercise_id"]
    assert sum(1 for s in sets if s["exercise_id"] == first_drill and s["type"] == kept[0]["type"]) == 1


def test_start_on_a_rest_day_names_the_next_planned_date(db: str) -> None:
    today = date.today()
    save_beginner_plan(db, days=weekday(today), start=today.isoformat())
    rest = today + timedelta(days=1)
    result = start(db, "--date", rest.isoformat())
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert f"no session planned on {rest:%a %Y-%m-%d}" in line
    assert (today + timedelta(days=7)).isoformat() in line
    assert "no plan" not in line
    assert run("history", "--db", db, "--json") == []


def test_start_without_a_plan_is_a_clean_error(db: str) -> None:
    screen_clear(db)
    result = start(db)
    assert result.exit_code == 2
    assert "backcoach plan --save" in one_line(result.stderr)


def test_start_before_any_screening_is_held_with_exit_3(db: str) -> None:
    result = start(db)
    assert result.exit_code == 3
    assert "safety questions" in one_line(result.stderr)
    assert run("history", "--db", db, "--json") == []


def test_start_is_refused_while_a_pain_hold_is_active(db: str) -> None:
    plan_from_today(db)
    run("pain", "--location", "lower_back", "--severity", "3", "--numbness", "--db", db)
    result = start(db)
    assert result.exit_code == 3
    assert "on hold" in one_line(result.stderr)
    assert run("history", "--db", db, "--json") == []  # no workout was opened


def test_start_stops_and_says_see_a_professional_on_nerve_pain(db: str) -> None:
    plan_from_today(db)
    # first drill: pain in the lower back, 6 of 10, spreading down a leg; no to everything else
    answers = "p\nlower_back\n6\nn\ny\nn\nn\nn\nn\nn\n" + "\n" * 20
    result = start(db, input=answers)
    assert result.exit_code == 0, result.output
    assert "doctor or physiotherapist" in result.stdout
    pain = run("history", "--db", db, "--json")[0]["pain"][0]
    assert (pain["location"], pain["severity"], pain["action"]) == ("lower_back", 6, "seek_care")


def test_the_pain_prompt_asks_every_question_and_where_and_how_bad_have_no_default(db: str) -> None:
    plan_from_today(db)
    # Enter twice at "where", Enter once at "how bad": each is asked again; then yes to both legs only
    answers = "p\n\n\nlower_back\n\n3\n" + "n\n" * 6 + "y\n" + "\n" * 20
    result = start(db, input=answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("where does it hurt?") == 3
    assert result.stdout.count("how bad, from 0 (none) to 10 (worst)?") == 2
    assert "pain or numbness in both legs?" in result.stdout
    pain = run("history", "--db", db, "--json")[0]["pain"][0]
    assert (pain["location"], pain["severity"], pain["action"]) == ("lower_back", 3, "emergency")


def test_an_out_of_range_answer_is_asked_again_instead_of_ending_the_session(db: str) -> None:
    plan_from_today(db)
    # Drills take any answer as done; the first set's reps prompt gets 10000 until it is past them,
    # then Enter for the planned reps, then 11 for the load or the RIR and 11 again.
    answers = "10000\n" * 40 + "\n" + "11\n11\n" + ALL_DONE
    result = start(db, input=answers)
    assert result.exit_code == 0, result.output
    assert "reps: type a whole number from 0 to 100" in result.stdout
    assert "RIR: type a number from 0 to 10" in result.stdout
    assert "Session completed" in result.stdout
    sets = run("history", "--db", db, "--json")[0]["sets"]
    assert all(s["reps"] <= 100 and (s["rir"] is None or s["rir"] <= 10) for s in sets)


def test_nerve_pain_in_a_session_holds_the_coming_sessions_with_the_reason(db: str) -> None:
    today = plan_from_today(db)
    answers = "p\nlower_back\n6\nn\ny\nn\nn\nn\nn\nn\n" + "\n" * 20
    result = start(db, input=answers)
    assert result.exit_code == 0, result.output
    assert "Plan adapted" in result.stdout
    engine = make_engine(db)
    with session_scope(engine) as s:
        later = [p for p in scheduled_sessions(s, user_id=default_user(s).id) if p.session.date > today]
    engine.dispose()
    assert later
    assert all(p.adapted_reason for p in later)
    assert all(not p.session.items for p in later)  # held: nothing can run it by accident
    assert start(db).exit_code == 3  # and the gate holds the next start


def test_a_step_taken_on_another_device_is_not_recorded_twice(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal sends each answer with the step's token; when the web moved the workout on
    first, the answer is refused (compare-and-set) and the terminal catches up instead."""
    plan_from_today(db)
    real_send = guided.send
    moved = []

    def web_first(uow: Any, **kwargs: Any) -> Any:
        if not moved:  # the first answer: another device skips this step just before it arrives
            moved.append(real_send(uow, **{**kwargs, "event": Skip(at=kwargs["now"]), "token": None}))
        return real_send(uow, **kwargs)

    monkeypatch.setattr(guided, "send", web_first)
    result = start(db)
    assert result.exit_code == 0, result.output
    assert "moved on on another device" in result.stdout
    assert "Session completed" in result.stdout
    sets = run("history", "--db", db, "--json")[0]["sets"]
    assert len({(s["exercise_id"], s["type"], s["performed_at"]) for s in sets}) == len(sets)
