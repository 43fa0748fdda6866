"""The Import and Export pages: upload, report, name fixes and confirm through the forms only;
refusals that name their line; uploads nobody else can open; every export as a named download;
the calendar link made and stopped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html import unescape
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from page_helpers import onboard, parse
from web_helpers import Visitor

from backcoach.store import session_scope, workouts
from backcoach.store.users import LOCAL_USER, user_named

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "strong_for_import_page.csv"
BARN = "Grandpa's Barn Lift"  # the fixture's name that no library exercise matches


def upload(visitor: Visitor, path: Path, **options: str) -> httpx.Response:
    fields = {"format": "auto", "unit": "kg", "tz": "Europe/Berlin", **options}
    return visitor.client.post(
        "/import",
        data={"csrf_token": visitor.csrf, **fields},
        files={"file": (path.name, path.read_bytes(), "text/csv")},
        follow_redirects=False,
    )


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def summary(html: str) -> dict[str, str]:
    rows = re.findall(r'<th scope="row">([^<]*)</th><td[^>]*>([^<]*)</td>', html)
    return {unescape(k): unescape(v) for k, v in rows}


def sets_stored(app: FastAPI) -> int:
    with session_scope(app.state.engine) as db:
        user = user_named(db, name=LOCAL_USER)
        assert user is not None
        return sum(len(w.sets) for w in workouts(db, user_id=user.id))


def test_upload_report_fix_a_name_confirm_once(me: Visitor, single_app: FastAPI) -> None:
    form = me.get("/import").text
    assert "this server's zone" in text_of(form)
    assert parse(form).find("select", name="tz")
    missing_unit = upload(me, GOOD, unit="")
    assert missing_unit.status_code == 422
    assert "choose the unit" in text_of(missing_unit.text)

    sent = upload(me, GOOD)
    assert sent.status_code == 303, sent.text
    where = sent.headers["location"]
    report = me.get(where).text
    facts = summary(report)
    assert (facts["Rows read"], facts["Sets to import"], facts["New workouts"]) == ("10", "8", "2")
    assert facts["Times read in"] == "Europe/Berlin"
    lines = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td></tr>', report)
    assert [line for line, _ in lines] == ["5", "11"]  # the rest timer with no set after it, the treadmill
    assert all(reason for _, reason in lines)
    assert f"“{BARN}” is" in unescape(report)
    matched = dict(re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", report))
    assert matched == {"Face Pull (Cable)": "Face Pull", "Lat Pulldown (Cable)": "Lat Pulldown"}
    assert sets_stored(single_app) == 0  # a report writes nothing

    fixed = me.form(f"{where}/names", {"name-0": BARN, "to-0": "good-morning"}, follow_redirects=False)
    assert fixed.status_code == 303, fixed.text
    again = me.get(fixed.headers["location"]).text
    assert summary(again)["Names kept as your own exercises"] == "0"
    assert "1 name mapped" in text_of(again)
    assert 'id="names"' not in again

    done = me.form(f"{where}/confirm", {}, follow_redirects=False)
    assert done.status_code == 303
    result = text_of(me.get(done.headers["location"]).text)
    assert "8 sets imported in 2 new workouts" in result
    assert sets_stored(single_app) == 8
    history = text_of(me.get("/history?month=2025-03").text)
    assert "Good Morning" in history and "Lat Pulldown" in history

    repeated = me.form(f"{where}/confirm", {})
    assert repeated.status_code == 200
    assert "already imported: confirming again added nothing" in text_of(repeated.text)
    assert sets_stored(single_app) == 8
    twice = me.get(upload(me, GOOD).headers["location"]).text  # the same file again: all merged
    assert (summary(twice)["Sets to import"], summary(twice)["Already here (merged)"]) == ("0", "8")


def test_a_bad_file_names_its_line_and_is_not_kept(me: Visitor, isolated_home: Path) -> None:
    refused = upload(me, FIXTURES / "strong_bad_date.csv")
    assert refused.status_code == 422
    errors = [unescape(m) for m in re.findall(r'class="field-error"[^>]*>([^<]*)<', refused.text)]
    assert len(errors) == 1 and errors[0].startswith("Line 3 (date)"), errors
    assert "Nothing was imported" in errors[0]
    assert not any(p.is_file() for p in (isolated_home / "uploads").rglob("*"))
    not_csv = me.client.post(
        "/import",
        data={"csrf_token": me.csrf, "format": "auto", "unit": "kg", "tz": "UTC"},
        files={"file": ("photo.csv", b"\x89PNG\r\n\x1a\n not a table", "text/csv")},
    )
    assert not_csv.status_code == 422 and "Line 1" in text_of(not_csv.text)
    no_file = me.form("/import", {"format": "auto", "unit": "kg", "tz": "UTC"})
    assert no_file.status_code == 422 and "Choose your app" in text_of(no_file.text)
    bad_zone = upload(me, GOOD, tz="Mars/Olympus")
    assert bad_zone.status_code == 422 and "time zone" in text_of(bad_zone.text)


def test_nobody_else_can_open_or_confirm_an_upload(account: Callable[[str], Visitor]) -> None:
    ana, ben = account("Ana"), account("Ben")
    where = upload(ana, GOOD).headers["location"]
    assert ben.get(where).status_code == 404
    assert ben.form(f"{where}/confirm", {}).status_code == 404
    assert ben.form(f"{where}/names", {"name-0": BARN, "to-0": "good-morning"}).status_code == 404
    assert ben.get("/import/../../etc").status_code == 404
    assert "Sets to import" in ana.get(where).text  # still Ana's, untouched
    assert ana.form(f"{where}/confirm", {}, follow_redirects=False).status_code == 303


def test_a_name_can_only_map_to_a_library_exercise(me: Visitor) -> None:
    where = upload(me, GOOD).headers["location"]
    wrong = me.form(f"{where}/names", {"name-0": BARN, "to-0": "no-such-exercise"})
    assert wrong.status_code in (404, 422)
    stranger = me.form(f"{where}/names", {"name-0": "Lat Pulldown (Cable)", "to-0": "good-morning"})
    assert stranger.status_code == 422 and "not one of this file" in text_of(stranger.text)


def test_every_export_downloads_as_a_named_file(me: Visitor) -> None:
    page = me.get("/export")
    assert page.status_code == 200
    assert all(f"format={f}" in page.text for f in ("strong", "hevy", "csv", "json"))
    assert "format=pdf" not in page.text and "Make your plan" in text_of(page.text)
    no_plan = me.get("/export/download?format=pdf")
    assert no_plan.status_code == 404 and "make your plan first" in text_of(no_plan.text)
    onboard(me)
    assert "format=pdf" in me.get("/export").text
    where = upload(me, GOOD).headers["location"]
    assert me.form(f"{where}/confirm", {}, follow_redirects=False).status_code == 303
    checks: dict[str, Callable[[bytes], bool]] = {
        "strong": lambda b: b.startswith(b"Date,") or b"Exercise Name" in b.splitlines()[0],
        "hevy": lambda b: b"exercise_title" in b.splitlines()[0],
        "csv": lambda b: len(b.splitlines()) == 9,  # a header and the eight imported sets
        "json": lambda b: "workouts" in json.dumps(json.loads(b)),
        "ics": lambda b: b.startswith(b"BEGIN:VCALENDAR"),
        "pdf": lambda b: b.startswith(b"%PDF-"),
    }
    for fmt, ok in checks.items():
        got = me.get(f"/export/download?format={fmt}&tz=Europe/Berlin&at=07:30&alarm=30")
        assert got.status_code == 200, (fmt, got.text[:300])
        disposition = got.headers["content-disposition"]
        assert re.fullmatch(
            r'attachment; filename="backcoach-[a-z-]+-\d{4}-\d{2}-\d{2}\.[a-z]+"', disposition
        )
        assert disposition.endswith(f'.{"csv" if fmt in ("strong", "hevy") else fmt}"')
        assert ok(got.content), fmt
    assert me.get("/export/download?format=docx").status_code == 422
    assert me.get("/export/download?format=ics&at=25:99").status_code == 422


def test_the_calendar_address_is_made_shown_once_and_stopped(me: Visitor) -> None:
    onboard(me)
    made = me.form("/export/calendar-link", {})
    assert made.status_code == 200
    field = parse(made.text).find("input", id="cal-link")
    url = unescape(field[0].attrs["value"])
    assert "/calendar.ics?token=" in url
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert me.get("/" + path).headers["content-type"].startswith("text/calendar")
    later = me.get("/export").text
    assert 'id="cal-link"' not in later and "Stop the address" in later
    stopped = me.form("/export/calendar-link/revoke", {})
    assert "is stopped" in text_of(stopped.text)
    assert me.get("/" + path).status_code == 404


def test_the_printed_plan_names_the_person(account: Callable[[str], Visitor], tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: `make test` installs Debian's poppler-utils (as root)")
    ana = account("Ana")
    onboard(ana)
    got = ana.get("/export/download?format=pdf")
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(got.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "Your back training plan" in text and "For Ana · printed" in text
    assert "Log sheet" in text and "Loads in kg" in text
