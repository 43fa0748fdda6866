"""Reading exports: every dialect and quirk of formats.md, from the committed synthetic fixtures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from history_helpers import BERLIN, fixture, opened, read, sets_of

from backcoach.errors import InputError
from backcoach.interop.textfile import detect_encoding, detect_separator
from backcoach.sessions.records import SetType


@pytest.mark.parametrize(
    ("name", "fmt", "dialect", "separator"),
    [
        ("strong_a_semicolon_units.csv", "strong", "A", ";"),
        ("strong_a2_duration_rpe.csv", "strong", "A'", ";"),
        ("strong_b_no_unit.csv", "strong", "B", ","),
        ("strong_c_duration.csv", "strong", "C", ","),
        ("strong_c2_no_notes.csv", "strong", "C'", ","),
        ("strong_d_quoted_lbs.csv", "strong", "D", ";"),
        ("hevy_kg.csv", "hevy", "kg", ","),
        ("hevy_lbs_semicolon_us.csv", "hevy", "lb", ";"),
        ("fitnotes_old_lbs.csv", "fitnotes", "old", ","),
        ("fitnotes_new_commas.csv", "fitnotes", "new", ","),
        ("fitnotes_new_comment.csv", "fitnotes", "new+comment", ","),
        ("fitbod_current.csv", "fitbod", "current", ","),
        ("fitbod_old.csv", "fitbod", "old", ","),
    ],
)
def test_format_and_dialect_are_found_from_the_header(
    name: str, fmt: str, dialect: str, separator: str
) -> None:
    h = opened(fixture(name))
    assert (h.format, h.dialect, h.layout.separator) == (fmt, dialect, separator)


def test_strong_tags_become_set_types_and_pseudo_rows_attributes() -> None:
    _, found, skipped, _ = read(fixture("strong_a_semicolon_units.csv"))
    sets = sets_of(found)
    assert [s.set_type for s in sets[:5]] == [
        SetType.WARMUP, SetType.WORKING, SetType.WORKING, SetType.DROP, SetType.FAILURE,
    ]  # fmt: skip
    assert sets[2].rest_s == 90  # the rest-timer row before it
    assert sets[4].rir == 0.0
    assert "Plank: keep hips level" in found[0].notes
    assert found[0].notes[0] == "felt strong"
    reasons = {s.line: s.reason for s in skipped}
    assert "rest" in reasons[4] and "note" in reasons[9] and "cardio" in reasons[10]


def test_strong_units_per_row_mix_and_float_artefacts_are_rounded() -> None:
    _, found, _, _ = read(fixture("strong_a_semicolon_units.csv"))
    sets = sets_of(found)
    assert (sets[1].load, sets[1].unit) == (60.0, "kg")
    assert (sets[2].load, sets[2].unit) == (150.0, "lb")  # 149.99999999999997 lbs
    plank = next(s for s in sets if s.exercise == "Plank")
    assert (plank.reps, plank.hold_s, plank.load) == (0, 60, None)


def test_strong_rpe_becomes_reps_in_reserve_and_duration_the_end() -> None:
    _, found, _, _ = read(fixture("strong_a2_duration_rpe.csv"))
    assert [s.rir for s in found[0].sets] == [2.5, 1.0]
    assert found[0].ended_at == found[0].started_at + timedelta(hours=1, minutes=18)


def test_a_file_without_a_unit_needs_the_unit_option_named() -> None:
    with pytest.raises(InputError, match=r"^--unit: .*strong, dialect B") as caught:
        opened(fixture("strong_b_no_unit.csv"), unit=None)
    assert caught.value.field == "unit"
    _, found, _, _ = read(fixture("strong_b_no_unit.csv"), unit="lb")
    assert sets_of(found)[2].load == 6.8 and sets_of(found)[2].unit == "lb"


def test_a_unit_the_file_carries_wins_over_the_option() -> None:
    _, found, _, _ = read(fixture("strong_d_quoted_lbs.csv"), unit="kg")
    assert {s.unit for s in sets_of(found)} == {"lb"}


def test_absurd_duration_and_load_are_unknown_and_reported_once() -> None:
    _, found, skipped, unknown = read(fixture("strong_c_duration.csv"))
    assert [(u.line, u.field) for u in unknown] == [(5, "duration"), (6, "weight")]
    assert found[1].ended_at is None
    assert sets_of(found)[4].load is None
    assert found[0].ended_at == found[0].started_at + timedelta(minutes=38)
    assert [s.reps for s in sets_of(found)[:3]] == [10, 10, 10]  # "10.0"
    assert skipped[0].line == 7 and "whole number" in skipped[0].reason


def test_strong_d_note_row_first_and_rest_timer() -> None:
    _, found, skipped, _ = read(fixture("strong_d_quoted_lbs.csv"))
    assert len(found) == 1
    assert found[0].notes == ["Lying Leg Curl (Machine): one leg at a time"]
    assert found[0].ended_at == found[0].started_at + timedelta(seconds=4195)
    assert [s.rest_s for s in found[0].sets] == [None, None, 120, None]
    assert sorted(s.line for s in skipped) == [2, 5]


def test_hevy_set_types_rpe_holds_and_description() -> None:
    _, found, skipped, _ = read(fixture("hevy_kg.csv"))
    sets = sets_of(found)
    assert [s.set_type for s in sets[:4]] == [SetType.WARMUP, SetType.WORKING, SetType.FAILURE, SetType.DROP]
    assert sets[1].rir == 2.0 and sets[2].rir == 0.0
    assert (sets[4].exercise, sets[4].hold_s) == ("Plank", 45)
    assert found[0].notes == ["good session"]
    assert found[0].started_at == datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN)
    assert [s.line for s in skipped] == [7]


def test_hevy_lb_variant_with_semicolons_and_us_dates() -> None:
    _, found, _, _ = read(fixture("hevy_lbs_semicolon_us.csv"), unit="kg")
    assert {(s.unit, s.load) for s in sets_of(found)} == {("lb", 25.0)}
    assert found[0].started_at == datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN)


def test_hevy_iso_and_us_month_first_dates() -> None:
    _, found, _, _ = read(fixture("hevy_iso_and_us.csv"))
    assert [w.started_at.date().isoformat() for w in found] == ["2025-09-15", "2025-09-16"]


def test_fitnotes_unquoted_commas_are_repaired_and_units_per_row() -> None:
    _, found, skipped, _ = read(fixture("fitnotes_new_commas.csv"))
    sets = sets_of(found)
    assert sets[0].exercise == "Overhead Press (Each Side, Dumbbells)"
    assert (sets[0].load, sets[0].unit) == (12.5, "kg")
    assert (sets[2].load, sets[2].unit) == (135.0, "lb")
    assert [s.line for s in skipped] == [5]


def test_fitnotes_old_header_unit_and_timed_rows() -> None:
    _, found, _, _ = read(fixture("fitnotes_old_lbs.csv"), unit=None)
    sets = sets_of(found)
    assert [(s.load, s.unit) for s in sets[:2]] == [(225.0, "lb"), (225.0, "lb")]
    assert (sets[2].hold_s, sets[2].reps) == (60, 0)
    assert sets[0].identity == sets[1].identity  # identical rows: told apart by their order


def test_fitbod_warmup_flag_offset_and_set_counts() -> None:
    _, found, _, _ = read(fixture("fitbod_current.csv"))
    sets = sets_of(found)
    assert sets[0].set_type is SetType.WARMUP and sets[1].set_type is SetType.WORKING
    assert sets[0].started_at.utcoffset() == timedelta(hours=1)  # +0000 read, shown in Berlin
    assert sets[0].started_at.hour == 7
    _, old, _, _ = read(fixture("fitbod_old.csv"))
    assert [s.load for s in sets_of(old)] == [None, 100.0, 100.0, 100.0, 60.0]
    assert sets_of(old)[-1].set_type is SetType.WARMUP


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"])
def test_encodings_are_detected(encoding: str) -> None:
    text = fixture("strong_c2_no_notes.csv").decode().replace("Bent Over Row", "Rudern vorgebeugt (Übung)")
    _, found, _, _ = read(text.encode(encoding))
    assert sets_of(found)[0].exercise == "Rudern vorgebeugt (Übung) (Barbell)"


def test_detection_helpers() -> None:
    assert detect_encoding(b"\xef\xbb\xbfDate") == "utf-8-sig"
    assert detect_encoding("Date,Ä".encode("latin-1")) == "latin-1"
    assert detect_separator('"a;b",c,d') == ","
    assert detect_separator("a;b;c,d") == ";"


@pytest.mark.parametrize(
    ("data", "line", "field"),
    [
        (b"", 1, "header"),
        (b"Name,Other\nx,y\n", 1, "header"),
        (b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\nnope,A,Row,1,1,1\n", 2, "date"),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,X,1,1\n",
            2,
            "set_order",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A\n",
            2,
            "exercise_name",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,1,heavy,1\n",
            2,
            "weight",
        ),
    ],
)
def test_refusals_name_the_line_and_field(data: bytes, line: int, field: str) -> None:
    with pytest.raises(InputError, match=rf"^f\.csv: line {line}: {field}: ") as caught:
        _, *_ = read(data)
    assert caught.value.field == field
