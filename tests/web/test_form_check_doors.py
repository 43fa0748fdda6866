"""Form checks through the web: the in-process job queue end to end (upload a synthetic set on the
exercise page, follow the results page, log the reps once), and the API's refusals."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from web_helpers import API, Visitor, job_finished

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "pages"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from landmark_files import synthetic_npy
from test_page_conventions import problems

from backcoach.interop import pose_process
from backcoach.vision import Fault
from video_clips import portrait_clip, video_python


def _wait_finished(visitor: Visitor, job_id: int) -> dict[str, Any]:
    return job_finished(visitor, f"/form-checks/{job_id}")


def _upload(visitor: Visitor, data: bytes, *, name: str = "set.npy", **form: Any) -> Any:
    fields = {"exercise_id": "pull-up", **form}
    return visitor.post(f"{API}/form-checks", data=fields, files={"file": (name, data)})


def test_a_set_uploaded_on_the_exercise_page_is_analysed_charted_and_logged_once(
    local: Visitor, isolated_home: Path
) -> None:
    page = local.get("/exercises/pull-up")
    assert 'action="/form-checks"' in page.text and 'enctype="multipart/form-data"' in page.text
    assert local.post(f"{API}/screening", json={"answers": {}}).status_code == 201

    sent = local.client.post(
        "/form-checks",
        data={"csrf_token": local.csrf, "exercise": "pull-up"},
        files={"file": ("my set.npy", synthetic_npy(fault=Fault.HALF_REPS))},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])

    body = _wait_finished(local, job_id)
    assert body["status"] == "done", body
    assert body["progress"] == 1.0
    assert body["result"]["reps"] == 5
    assert [f["check"] for f in body["result"]["findings"]] == ["half-reps"]
    assert not list((isolated_home / "uploads").iterdir())  # deleted once analysed

    results = local.get(f"/form-checks/{job_id}")
    assert results.status_code == 200
    assert "data-job-poll" not in results.text  # finished: the page stops following the job
    assert results.text.count("<svg") >= 5  # one chart per repetition
    assert "Your chin did not get above the bar." in results.text
    assert "measured" in results.text and "Log these reps" in results.text
    for html in (page.text, results.text, local.get("/form-checks/new").text):
        assert problems(html) == []

    first = local.client.post(
        f"/form-checks/{job_id}/log", data={"csrf_token": local.csrf}, follow_redirects=False
    )
    assert first.status_code == 303
    again = local.post(f"{API}/form-checks/{job_id}/log")
    assert again.status_code == 201
    workout_id = again.json()["workout_id"]
    assert local.get(f"{API}/form-checks/{job_id}").json()["logged_workout_id"] == workout_id
    workouts = local.get(f"{API}/workouts").json()
    assert len(workouts) == 1  # pressed twice, logged once
    shown = local.get(f"/form-checks/{job_id}?logged=1").text
    assert f"/history/{workout_id}" in shown and "Log these reps" not in shown


def test_the_results_page_follows_the_analysis_while_it_waits(
    local: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.jobs.in_process import InProcessRunner

    monkeypatch.setattr(InProcessRunner, "enqueue", lambda self, job_id: None)  # nothing runs it
    job_id = _upload(local, synthetic_npy()).json()["id"]
    page = local.get(f"/form-checks/{job_id}")
    assert f'data-job-poll="/api/v1/form-checks/{job_id}"' in page.text  # app.js polls it
    assert f'<a href="/form-checks/{job_id}">check again</a>' in page.text  # and without script
    assert 'http-equiv="refresh"' not in page.text  # a reload a screen reader cannot stop
    assert "<progress" in page.text and "Waiting for its turn" in page.text


def test_keep_leaves_the_upload_in_place(local: Visitor, isolated_home: Path) -> None:
    answer = _upload(local, synthetic_npy(), keep="true")
    assert answer.status_code == 202, answer.text
    assert _wait_finished(local, answer.json()["id"])["kept"] is True
    assert len(list((isolated_home / "uploads").iterdir())) == 1


def test_another_persons_form_check_is_not_found(user_a: Visitor, user_b: Visitor) -> None:
    job_id = _upload(user_a, synthetic_npy()).json()["id"]
    assert user_b.get(f"{API}/form-checks/{job_id}").status_code == 404
    assert user_b.post(f"{API}/form-checks/{job_id}/log").status_code == 404
    assert user_b.get(f"/form-checks/{job_id}").status_code == 404
    assert user_a.get(f"{API}/form-checks/{job_id}").status_code == 200
    assert user_a.get(f"{API}/form-checks/999999").status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "fields", "status", "words"),
    [
        ("set.txt", b"hello", {}, 422, "neither a landmark file nor a video"),
        ("set.npy", b"", {}, 422, "empty"),
        ("set.npy", b"x", {"exercise_id": "no-such-exercise"}, 404, "no-such-exercise"),
        ("set.npy", b"x", {"exercise_id": "inverted-row"}, 422, "form checks know only"),
    ],
)
def test_the_api_refuses_what_it_cannot_analyse(
    local: Visitor, name: str, data: bytes, fields: dict[str, str], status: int, words: str
) -> None:
    answer = _upload(local, data, name=name, **fields)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["errors"][0]["message"]


def test_a_video_is_refused_where_no_pose_library_can_run(
    local: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(pose_process.VIDEO_PYTHON_ENV, raising=False)  # no pose environment
    answer = _upload(local, b"\x00\x00\x00\x18ftypmp42", name="set.mp4")
    assert answer.status_code == 422, answer.text
    assert "video analysis is not set up on this server" in answer.json()["errors"][0]["message"]


def test_a_video_is_posed_in_the_pose_environment_and_answered_in_plain_words(
    local: Visitor, isolated_home: Path, tmp_path: Path
) -> None:
    """The whole path with real MediaPipe: upload, the job on the in-process queue, the pose
    process, the analysis. A still portrait shows no pull-up, and the person is told why."""
    video_python()
    clip = portrait_clip(tmp_path / "my set.mp4", seconds=2.0)
    answer = _upload(local, clip.read_bytes(), name="my set.mp4")
    assert answer.status_code == 202, answer.text
    body = _wait_finished(local, answer.json()["id"])
    assert body["status"] == "failed", body
    assert body["error"] == "my set.mp4: the shoulders and hands are not visible, so no set can be analysed"
    assert not list((isolated_home / "uploads").iterdir())  # the recording is deleted either way


def test_a_broken_landmark_file_fails_with_a_plain_reason(local: Visitor, isolated_home: Path) -> None:
    body = _wait_finished(local, _upload(local, b"\x93NUMPY garbage").json()["id"])
    assert body["status"] == "failed"
    assert "set.npy" in body["error"] and "Traceback" not in body["error"]
    assert not list((isolated_home / "uploads").iterdir())
    assert local.post(f"{API}/form-checks/{body['id']}/log").status_code == 422


def test_logging_waits_for_a_clear_screening(local: Visitor) -> None:
    job_id = _upload(local, synthetic_npy()).json()["id"]
    assert _wait_finished(local, job_id)["status"] == "done"
    held = local.post(f"{API}/form-checks/{job_id}/log")
    assert held.status_code == 409
    page = local.client.post(f"/form-checks/{job_id}/log", data={"csrf_token": local.csrf})
    assert page.status_code == 409 and "on hold" in page.text
    assert local.get(f"{API}/workouts").json() == []


def test_the_upload_page_preselects_and_refuses_a_missing_file(local: Visitor) -> None:
    page = local.get("/form-checks/new?exercise=seated-cable-row")
    assert page.status_code == 200
    assert '<option value="seated-cable-row" selected>' in page.text
    refused = local.client.post("/form-checks", data={"csrf_token": local.csrf, "exercise": "pull-up"})
    assert refused.status_code == 422 and "choose a video or a landmark file" in refused.text.lower()
    assert "Check your form" not in local.get("/exercises/inverted-row").text


def test_a_queue_that_cannot_be_reached_leaves_no_job_waiting(
    local: Visitor, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    from fastapi.testclient import TestClient

    from backcoach.jobs.in_process import InProcessRunner

    def down(self: object, job_id: int) -> None:
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(InProcessRunner, "enqueue", down)
    with TestClient(local.client.app, raise_server_exceptions=False, cookies=local.client.cookies) as client:
        answer = client.post(
            f"{API}/form-checks",
            data={"exercise_id": "pull-up"},
            files={"file": ("set.npy", synthetic_npy())},
            headers={"X-CSRF-Token": local.csrf},
        )
    assert answer.status_code == 500 and "queue unreachable" not in answer.text
    failed = local.get(f"{API}/form-checks/1").json()
    assert failed["status"] == "failed" and "could not be queued" in failed["error"]
    assert not list((isolated_home / "uploads").iterdir())
