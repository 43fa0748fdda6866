"""Correcting the log from the command line: set edit, set delete, workout delete, undo."""

from __future__ import annotations

from cli_factories import run

ROW = "one-arm-dumbbell-row"


def _log(db: str, sets: str, at: str) -> dict[str, object]:
    logged: dict[str, object] = run("log", ROW, sets, "--at", at, "--db", db, "--json")
    return logged


def _records(db: str) -> dict[int, float]:
    return {
        r["reps"]: r["load_kg"] for r in run("progress", "--exercise", ROW, "--db", db, "--json")["records"]
    }


def test_set_ids_are_in_history_json_and_set_edit_changes_a_set(db: str) -> None:
    _log(db, "20kgx10", "2026-11-20T18:00+01:00")
    [workout] = run("history", "--db", db, "--json")
    set_id = workout["sets"][0]["id"]
    edited = run("set", "edit", str(set_id), "--reps", "8", "--load", "25kg", "--db", db, "--json")
    assert [(s["id"], s["reps"], s["load_kg"]) for s in edited["sets"]] == [(set_id, 8, 25.0)]
    assert _records(db) == {8: 25.0}
    said = run("set", "edit", str(set_id), "--load", "-20kg", "--db", db, code=2)
    assert "negative" in said.output


def test_set_delete_recomputes_records_and_undo_puts_it_back(db: str) -> None:
    _log(db, "20kgx8", "2026-11-18T18:00+01:00")
    best = _log(db, "28kgx12", "2026-11-20T18:00+01:00")
    assert _records(db) == {8: 28.0, 12: 28.0}
    set_id = best["sets"][0]["id"]  # type: ignore[index]
    said = run("set", "delete", str(set_id), "--db", db)
    assert "backcoach undo " in said.output
    assert _records(db) == {8: 20.0}
    token = said.output.split("backcoach undo ")[1].split()[0]
    run("undo", token, "--db", db)
    assert _records(db) == {8: 28.0, 12: 28.0}


def test_workout_delete_removes_the_workout(db: str) -> None:
    logged = _log(db, "20kgx10,9", "2026-11-20T18:00+01:00")
    deleted = run("workout", "delete", str(logged["workout_id"]), "--db", db, "--json")
    assert deleted["deleted"] == "workout"
    assert run("history", "--db", db, "--json") == []
    run("undo", deleted["undo_token"], "--db", db)
    assert [len(w["sets"]) for w in run("history", "--db", db, "--json")] == [2]


def test_an_unknown_set_is_one_clean_line(db: str) -> None:
    said = run("set", "delete", "999", "--db", db, code=2)
    assert "set 999 not found" in said.output


def test_a_free_workout_is_built_one_exercise_at_a_time(db: str) -> None:
    first = _log(db, "20kgx10", "2026-11-20T18:00+01:00")
    run("log", "pull-up", "0x8,7", "--workout", str(first["workout_id"]), "--db", db, "--json")
    [workout] = run("history", "--db", db, "--json")
    assert [(s["exercise_id"], s["reps"]) for s in workout["sets"]] == [
        (ROW, 10),
        ("pull-up", 8),
        ("pull-up", 7),
    ]


def test_a_zero_rep_set_is_refused_not_logged(db: str) -> None:
    said = run("log", ROW, "20kgx0", "--db", db, code=2)
    assert "at least 1 rep" in said.output
    assert run("history", "--db", db, "--json") == []


def test_history_shows_the_workout_and_set_ids_to_edit(db: str) -> None:
    logged = _log(db, "20kgx10,9", "2026-11-20T18:00+01:00")
    ids = [s["id"] for s in logged["sets"]]  # type: ignore[attr-defined]
    said = run("history", "--db", db).output
    assert f"{ids[0]},{ids[1]}" in said
    assert "10,9" in said
