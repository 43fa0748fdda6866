"""A big import through the web, on the real in-process job queue: confirmed on the Import page it
becomes a background job whose page shows its progress and then the report; the API answers 202
with the job to poll. The sets are stored once, a refused file imports nothing, and the upload is
deleted when the job finishes either way. The threshold is lowered for these tests (its setting),
so the small page fixture counts as big."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from web_helpers import API, Visitor, job_finished

sys.path.insert(0, str(Path(__file__).resolve().parent / "pages"))
from test_page_conventions import problems

from backcoach.app import import_job
from backcoach.store import session_scope, workouts
from backcoach.store.users import LOCAL_USER, user_named

FIXTURES = Path(__file__).parent / "pages" / "fixtures"
GOOD = FIXTURES / "strong_for_import_page.csv"  # 10 rows: 8 sets in 2 workouts, lines 5 and 11 skipped
BAD = FIXTURES / "strong_bad_date.csv"  # line 3's date cannot be read


@pytest.fixture(autouse=True)
def every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(import_job.THRESHOLD_ENV, "1")


def _wait_finished(visitor: Visitor, job_id: int) -> dict[str, Any]:
    return job_finished(visitor, f"/import-jobs/{job_id}")


def _upload(visitor: Visitor, path: Path) -> httpx.Response:
    return visitor.client.post(
        "/import",
        data={"csrf_token": visitor.csrf, "format": "auto", "unit": "kg", "tz": "Europe/Berlin"},
        files={"file": (path.name, path.read_bytes(), "text/csv")},
        follow_redirects=False,
    )


def _api_import(visitor: Visitor, path: Path, **form: str) -> httpx.Response:
    fields = {"unit": "kg", "tz": "Europe/Berlin", **form}
    return visitor.post(f"{API}/imports", data=fields, files={"file": (path.name, path.read_bytes())})


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _sets_stored(app: FastAPI) -> int:
    with session_scope(app.state.engine) as db:
        user = user_named(db, name=LOCAL_USER)
        assert user is not None
        return sum(len(w.sets) for w in workouts(db, user_id=user.id))


def _files_left(home: Path) -> list[str]:
    """The uploads' bytes still on the server (a confirmed upload keeps only its small note)."""
    return sorted(p.name for p in (home / "uploads").rglob("*") if p.is_file() and p.suffix != ".json")


def test_a_big_file_confirmed_on_the_page_imports_in_the_background_once(
    local: Visitor, single_app: FastAPI, isolated_home: Path
) -> None:
    where = _upload(local, GOOD).headers["location"]
    assert "Sets to import" in local.get(where).text  # the dry run is still shown in the request

    confirmed = local.form(f"{where}/confirm", {}, follow_redirects=False)
    assert confirmed.status_code == 303, confirmed.text
    job_page = confirmed.headers["location"]
    assert re.fullmatch(r"/import/jobs/\d+", job_page)
    job_id = int(job_page.rsplit("/", 1)[1])

    body = _wait_finished(local, job_id)
    assert body["status"] == "done", body
    assert body["progress"] == 1.0 and body["error"] is None
    report = body["result"]
    assert (report["rows"], report["imported"], report["merged"], report["workouts"]) == (10, 8, 0, 2)
    assert [s["line"] for s in report["skipped"]] == [5, 11]
    assert _sets_stored(single_app) == 8
    assert _files_left(isolated_home) == []  # the job's copy is deleted once imported

    shown = local.get(job_page)
    assert shown.status_code == 200
    assert "data-job-poll" not in shown.text  # finished: the page stops following the job
    words = _text(shown.text)
    assert "8 sets imported in 2 new workouts" in words and problems(shown.text) == []
    lines = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td></tr>', shown.text)
    assert [line for line, _ in lines] == ["5", "11"] and all(why for _, why in lines)

    back = local.get(where, follow_redirects=False)  # the upload's own address leads to the job
    assert back.status_code == 303 and back.headers["location"] == job_page
    again = local.form(f"{where}/confirm", {}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == job_page
    assert _sets_stored(single_app) == 8  # confirming again queued nothing


def test_the_job_page_follows_the_import_while_it_waits(
    local: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.jobs.in_process import InProcessRunner

    monkeypatch.setattr(InProcessRunner, "enqueue", lambda self, job_id: None)  # nothing runs it
    where = _upload(local, GOOD).headers["location"]
    job_page = local.form(f"{where}/confirm", {}, follow_redirects=False).headers["location"]
    page = local.get(job_page)
    assert page.status_code == 200
    job_id = job_page.rsplit("/", 1)[1]
    assert f'data-job-poll="/api/v1/import-jobs/{job_id}"' in page.text  # app.js polls it
    assert f'<a href="/import/jobs/{job_id}">check again</a>' in page.text  # and without script
    assert 'http-equiv="refresh"' not in page.text  # a reload a screen reader cannot stop
    assert "<progress" in page.text and "Waiting for its turn" in page.text
    assert GOOD.name in page.text
    assert problems(page.text) == []


def test_the_api_answers_202_and_the_job_holds_the_same_report(
    local: Visitor, single_app: FastAPI, isolated_home: Path
) -> None:
    queued = _api_import(local, GOOD)
    assert queued.status_code == 202, queued.text
    job = queued.json()
    assert queued.headers["location"] == f"{API}/import-jobs/{job['id']}"
    assert job["status"] in ("queued", "running", "done") and job["result"] in (None, job["result"])

    report = _wait_finished(local, job["id"])["result"]
    assert (report["imported"], report["merged"], report["dry_run"]) == (8, 0, False)
    assert _sets_stored(single_app) == 8

    twice = _wait_finished(local, _api_import(local, GOOD).json()["id"])["result"]
    assert (twice["imported"], twice["merged"]) == (0, 8)  # the same file again adds nothing
    assert _sets_stored(single_app) == 8
    assert _files_left(isolated_home) == []

    dry = _api_import(local, GOOD, dry_run="true")  # a dry run writes nothing: still answered at once
    assert dry.status_code == 201 and dry.json()["merged"] == 8


def test_a_replayed_key_queues_one_job(local: Visitor, single_app: FastAPI) -> None:
    key = {"Idempotency-Key": "big-import-1"}
    fields = {"unit": "kg", "tz": "Europe/Berlin"}
    sent = [
        local.post(f"{API}/imports", data=fields, files={"file": (GOOD.name, GOOD.read_bytes())}, headers=key)
        for _ in range(2)
    ]
    assert [s.status_code for s in sent] == [202, 202]
    assert sent[0].json()["id"] == sent[1].json()["id"]
    assert sent[1].headers["idempotent-replayed"] == "true"
    assert _wait_finished(local, sent[0].json()["id"])["result"]["imported"] == 8
    assert _sets_stored(single_app) == 8


def test_a_refused_file_fails_its_job_with_the_line_and_leaves_nothing(
    local: Visitor, single_app: FastAPI, isolated_home: Path
) -> None:
    queued = _api_import(local, BAD)
    assert queued.status_code == 202, queued.text
    body = _wait_finished(local, queued.json()["id"])
    assert body["status"] == "failed" and body["result"] is None
    assert "line 3" in body["error"] and body["attempts"] == 1  # the person's file: not retried
    assert _sets_stored(single_app) == 0
    assert _files_left(isolated_home) == []

    page = local.get(f"/import/jobs/{body['id']}").text
    assert "Could not be imported" in _text(page) and "Line 3 (date)" in _text(page)
    assert "data-job-poll" not in page and problems(page) == []


def test_another_persons_import_job_is_not_found(user_a: Visitor, user_b: Visitor) -> None:
    job_id = _api_import(user_a, GOOD).json()["id"]
    assert user_b.get(f"{API}/import-jobs/{job_id}").status_code == 404
    assert user_b.get(f"/import/jobs/{job_id}").status_code == 404
    assert _wait_finished(user_a, job_id)["status"] == "done"
    assert user_a.get(f"{API}/import-jobs/999999").status_code == 404
