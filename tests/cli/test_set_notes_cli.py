"""A note on a set from the command line: `log --note`, shown by `history`, changed by `set edit`."""

from __future__ import annotations

from cli_factories import run


def test_log_note_goes_on_the_last_set_and_history_shows_it(db: str) -> None:
    at = ("--at", "2026-11-20T18:00+01:00", "--db", db)
    logged = run("log", "pull-up", "0x8,8,7", "--note", "grindy", *at, "--json")
    assert [s["note"] for s in logged["sets"]] == [None, None, "grindy"]
    table = run("history", "--db", db).output
    assert "notes" in table and "grindy" in table
    set_id = logged["sets"][2]["id"]
    edited = run("set", "edit", str(set_id), "--note", "strict form", "--db", db, "--json")
    assert [s["note"] for s in edited["sets"]] == [None, None, "strict form"]
    cleared = run("set", "edit", str(set_id), "--note", "", "--db", db, "--json")
    assert cleared["sets"][2]["note"] is None


def test_a_history_without_notes_has_no_notes_column(db: str) -> None:
    run("log", "pull-up", "0x8", "--at", "2026-11-20T18:00+01:00", "--db", db)
    assert "notes" not in run("history", "--db", db).output


def test_a_note_too_long_is_refused_in_one_line(db: str) -> None:
    result = run("log", "pull-up", "0x8", "--note", "x" * 300, "--db", db, code=2)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "note" in lines[0] and "280" in lines[0]
