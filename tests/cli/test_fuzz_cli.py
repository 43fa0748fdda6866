"""CLI fuzz: every command's arguments and options given generated bad values (huge and negative
numbers, dates in year 1 or 9999, garbage URLs, unicode, very long strings).

Each run must end without a traceback, with a non-zero exit (the value is refused), and, for a
command with a database, with every table exactly as it was before. The database holds a person
with a screening, a profile, a saved plan and a logged workout, so a refused write would show.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_factories import run, save_beginner_plan, weekday
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()
# A few examples per case keep the whole module under a minute in ``make test``; set
# BACKCOACH_FUZZ_EXAMPLES (e.g. 200) for a long, randomised hunt.
EXAMPLES = int(os.environ.get("BACKCOACH_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 6,
    deadline=None,
    derandomize=not EXAMPLES,  # the same examples every ordinary run: a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---------------------------------------------------------------------- bad values


def _strings(values: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    return values.map(str)


huge_or_negative = _strings(
    st.one_of(
        st.integers(max_value=-1),
        st.integers(min_value=10**6),
        st.sampled_from(["nan", "inf", "-inf", "1e308", "-0.5e9"]),
    )
)
out_of_range_dates = st.one_of(
    st.dates(max_value=date(1899, 12, 31)),
    st.dates(min_value=date(2201, 1, 1)),
).map(date.isoformat)
not_dates = st.one_of(
    out_of_range_dates,
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-13-01", "yesterday", "2026-02-30", ""]),
)
out_of_range_datetimes = st.one_of(
    out_of_range_dates.map(lambda d: f"{d}T07:11:00+14:00"),
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "1900-01-01T00:00+14:00"]),
)
bad_weeks = st.one_of(
    st.sampled_from(["9999-W52", "0001-W01", "2026-W54", "2026-53x", "W1", ""]),
    st.integers(min_value=1, max_value=1899).map(lambda y: f"{y:04d}-W10"),
    st.integers(min_value=2201, max_value=9999).map(lambda y: f"{y:04d}-W10"),
)
_ID = re.compile(r"[a-z0-9-]{2,40}")
unicode_text = st.text(min_size=1, max_size=40).filter(lambda t: not _ID.fullmatch(t.strip().lower()))
long_text = st.integers(min_value=1_000, max_value=100_000).map(lambda n: "ä" * n)
bad_ids = st.one_of(unicode_text, long_text)
bad_masses = st.one_of(bad_ids, huge_or_negative)
garbage_urls = st.one_of(
    st.sampled_from(
        [
            "garbage://",
            "://",
            "mysql://user@nowhere/db",
            "sqlite:///" + "x" * 5000 + "/db.sqlite",
            "postgresql+psycopg://postgres@127.0.0.1:1/none",
        ]
    ),
    unicode_text.map(lambda t: f"{t}://{t}"),
)


# ---------------------------------------------------------------------- the database


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in order: what "nothing changed" is compared with."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: list(con.execute(f'SELECT * FROM "{t}" ORDER BY rowid')) for t in tables}


@pytest.fixture(scope="module")
def person(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with a cleared screening, a profile, a saved plan and one logged workout."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = f"sqlite:///{folder / 'person.db'}"
    today = date.today()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BACKCOACH_HOME", str(folder / "home"))
        save_beginner_plan(
            db, days=f"{weekday(today)},{weekday(today + timedelta(days=3))}", start=today.isoformat()
        )
        run("log", "one-arm-dumbbell-row", "20kgx10,10", "--rir", "2", "--db", db)
    return db


def refused(args: list[str], *, db: str | None = None, input: str | None = None) -> None:
    """Run ``args``: no traceback, a non-zero exit, and (given ``db``) every table unchanged."""
    path = Path(db.removeprefix("sqlite:///")) if db is not None else None
    before = dump(path) if path is not None else None
    result = runner.invoke(app, [*args, *(["--db", db] if db is not None else [])], input=input)
    shown = f"{[a[:60] for a in args]} -> {result.exit_code}: {result.output[-400:]!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exception!r}"
    )
    assert "Traceback" not in result.output, shown
    assert result.exit_code != 0, shown
    if path is not None:
        assert dump(path) == before, f"a refused command changed the database: {shown}"


# ---------------------------------------------------------------------- every command

Build = Callable[[str], list[str]]
HISTORY_FIXTURE = (
    Path(__file__).resolve().parents[1] / "interop" / "fixtures" / "strong_a_semicolon_units.csv"
)
WITH_DB: list[tuple[str, Build, st.SearchStrategy[str]]] = [
    ("log id", lambda v: ["log", v, "20kgx10"], bad_ids),
    (
        "log sets",
        lambda v: ["log", "pull-up", v],
        st.one_of(bad_ids, huge_or_negative.map(lambda n: f"{n}kgx10")),
    ),
    ("log reps", lambda v: ["log", "pull-up", f"0x{v}"], huge_or_negative),
    ("log rir", lambda v: ["log", "pull-up", "0x8", "--rir", v], huge_or_negative),
    (
        "log at",
        lambda v: ["log", "pull-up", "0x8", "--at", v],
        st.one_of(out_of_range_datetimes, unicode_text),
    ),
    ("log type", lambda v: ["log", "pull-up", "0x8", "--type", v], bad_ids),
    ("log unit", lambda v: ["log", "pull-up", "0x8", "--unit", v], bad_ids),
    ("history since", lambda v: ["history", "--since", v], not_dates),
    ("progress exercise", lambda v: ["progress", "--exercise", v], bad_ids),
    (
        "progress plot",
        lambda v: ["progress", "--exercise", "pull-up", "--plot", v],
        unicode_text.map(lambda t: t + ".txt"),
    ),
    ("volume week", lambda v: ["volume", "--week", v], bad_weeks),
    ("plan days", lambda v: ["plan", "--days", v], bad_ids),
    ("plan minutes", lambda v: ["plan", "--minutes", v], huge_or_negative),
    ("plan weeks", lambda v: ["plan", "--save", "--weeks", v], huge_or_negative),
    ("plan sessions", lambda v: ["plan", "--save", "--sessions", v], huge_or_negative),
    ("plan start", lambda v: ["plan", "--save", "--start", v], not_dates),
    ("plan bodyweight", lambda v: ["plan", "--save", "--bodyweight", v], bad_masses),
    (
        "plan e1rm",
        lambda v: ["plan", "--save", "--e1rm", v],
        st.one_of(bad_ids, huge_or_negative.map(lambda n: f"pull-up={n}kg")),
    ),
    ("plan equipment", lambda v: ["plan", "--save", "--equipment", v], bad_ids),
    ("plan exclude", lambda v: ["plan", "--save", "--exclude", v], bad_ids),
    ("plan level", lambda v: ["plan", "--save", "--level", v], bad_ids),
    (
        "plan screening save",
        lambda v: ["plan", "--save", "--screening", v],
        st.sampled_from(["cleared", "emergency"]),
    ),
    ("profile minutes", lambda v: ["profile", "set", "--minutes", v], huge_or_negative),
    ("profile days", lambda v: ["profile", "set", "--days", v], bad_ids),
    ("profile bodyweight", lambda v: ["profile", "set", "--bodyweight", v], bad_masses),
    ("profile screening", lambda v: ["profile", "set", "--screening", v], st.sampled_from(["cleared", "x"])),
    ("pain location", lambda v: ["pain", "--location", v, "--severity", "3"], bad_ids),
    ("pain severity", lambda v: ["pain", "--location", "lower_back", "--severity", v], huge_or_negative),
    (
        "pain exercise",
        lambda v: ["pain", "--location", "lower_back", "--severity", "3", "--exercise", v],
        bad_ids,
    ),
    ("start date", lambda v: ["start", "--no-wait", "--date", v], not_dates),
    ("import file", lambda v: ["import", v, "--unit", "kg"], unicode_text),
    ("import tz", lambda v: ["import", str(HISTORY_FIXTURE), "--tz", v], st.one_of(unicode_text, long_text)),
    ("import unit", lambda v: ["import", str(HISTORY_FIXTURE), "--unit", v], bad_ids),
    ("import format", lambda v: ["import", str(HISTORY_FIXTURE), "--format", v], bad_ids),
    ("map-exercise id", lambda v: ["map-exercise", "Some Row", v], bad_ids),
    ("export format", lambda v: ["export", "-", "--format", v], bad_ids),
    ("export ics tz", lambda v: ["export", "-", "--format", "ics", "--tz", v], unicode_text),
    ("restore file", lambda v: ["restore", v], unicode_text),
]

WITHOUT_DB: list[tuple[str, Build, st.SearchStrategy[str]]] = [
    ("exercise", lambda v: ["exercise", v], bad_ids),
    ("muscle", lambda v: ["muscle", v], bad_ids),
    ("exercises muscle", lambda v: ["exercises", "--muscle", v], bad_ids),
    ("exercises equipment", lambda v: ["exercises", "--equipment", v], bad_ids),
    ("exercises region", lambda v: ["exercises", "--region", v], bad_ids),
    ("e1rm load", lambda v: ["e1rm", v, "5"], huge_or_negative),
    ("e1rm reps", lambda v: ["e1rm", "100", v], huge_or_negative),
    ("e1rm unit", lambda v: ["e1rm", "100", "5", "--unit", v], bad_ids),
    ("load e1rm", lambda v: ["load", "--e1rm", v, "--reps", "5", "--rir", "2"], huge_or_negative),
    ("load reps", lambda v: ["load", "--e1rm", "100", "--reps", v, "--rir", "2"], huge_or_negative),
    ("load rpe", lambda v: ["load", "--e1rm", "100", "--reps", "5", "--rpe", v], huge_or_negative),
    ("warmup exercise", lambda v: ["warmup", v], bad_ids),
    ("warmup working", lambda v: ["warmup", "bent-over-barbell-row", "--working", v], huge_or_negative),
    ("serve port", lambda v: ["serve", "--port", v], huge_or_negative),
]


@pytest.mark.parametrize(("name", "build", "values"), WITH_DB, ids=[c[0] for c in WITH_DB])
@FUZZ
@given(data=st.data())
def test_a_refused_value_changes_nothing(
    person: str, name: str, build: Build, values: st.SearchStrategy[str], data: st.DataObject
) -> None:
    refused(build(data.draw(values, label=name)), db=person)


@pytest.mark.parametrize(("name", "build", "values"), WITHOUT_DB, ids=[c[0] for c in WITHOUT_DB])
@FUZZ
@given(data=st.data())
def test_a_refused_value_is_one_clean_line(
    name: str, build: Build, values: st.SearchStrategy[str], data: st.DataObject
) -> None:
    refused(build(data.draw(values, label=name)))


COMMANDS_WITH_DB = [
    ["history"], ["log", "pull-up", "0x8"], ["progress", "--exercise", "pull-up"], ["volume"], ["recovery"],
    ["plan", "--save"], ["profile", "show"], ["pain", "--location", "knee", "--severity", "2"], ["start"],
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS_WITH_DB, ids=[" ".join(a[:2]) for a in COMMANDS_WITH_DB])
@FUZZ
@given(url=garbage_urls)
def test_a_garbage_database_url_is_refused(args: list[str], url: str) -> None:
    refused([*args, "--db", url])


@FUZZ
@given(
    content=st.one_of(
        unicode_text, long_text, st.sampled_from(["[]", "null", '{"parq1": "yes"}', "[" * 5000])
    )
)
def test_bad_screening_answers_change_nothing(
    person: str, tmp_path_factory: pytest.TempPathFactory, content: str
) -> None:
    path = tmp_path_factory.mktemp("answers") / "answers.json"
    path.write_text(content, "utf-8")
    refused(["screen", "--answers", str(path)], db=person)


@FUZZ
@given(
    content=st.one_of(
        unicode_text,
        st.sampled_from(
            ["[]", "{}", "[{}]", "[" * 100_000 + "]" * 100_000, '[{"id": "' + "a" * 100_000 + '"}]']
        ),
        st.lists(
            st.dictionaries(st.sampled_from(["id", "name", "level"]), unicode_text), min_size=1, max_size=3
        ).map(json.dumps),
    )
)
def test_a_bad_import_file_is_rejected_and_keeps_the_catalogue(
    tmp_path_factory: pytest.TempPathFactory, content: str
) -> None:
    path = tmp_path_factory.mktemp("import") / "exercises.json"
    path.write_text(content, "utf-8")
    refused(["catalog", "import", str(path)])
    run("exercises", "--source", "all", "--json")  # the catalogue (and any extension) still loads


def test_the_refused_commands_leave_a_person_who_can_still_train(person: str) -> None:
    assert run("profile", "show", "--db", person, "--json")["screening"] == "cleared"
    assert len(run("history", "--db", person, "--json")) == 1
