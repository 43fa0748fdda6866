"""The annotated clip of a video form check: the job draws it (H.264, 360 px high, on the posed
frames), the results page plays it from a route only its owner can open (no-store, byte ranges),
the upload goes once analysed while the clip stays for a while, and a landmark file says plainly
that it has no clip.

A stand-in for MediaPipe (``video_clips.replay_pose``) replays a synthetic pull-up's landmarks, one
per posed frame, over a real MP4 decoded by PyAV, so the reps the clip shows are known; real
MediaPipe on a real photograph is ``tests/vision/test_pose_process.py``. The job is delivered by
hand in this process (the in-process queue would run it in a spawned child, where the stand-in does
not exist).
"""

from __future__ import annotations

import io
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from fastapi import FastAPI
from web_helpers import API, Visitor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "pages"))
from landmark_files import synthetic_npy
from test_page_conventions import problems

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from backcoach.app import job_kinds
from backcoach.app.uow import UnitOfWork
from backcoach.store.uploads import CLIP_EXPIRES_S, Clips, Uploads
from backcoach.vision import Exercise
from backcoach.vision.synthetic import generate
from video_clips import replay_pose

SOURCE_FPS = 30  # a phone's usual rate: posed every 3rd frame (pose.every_for), 10 a second
REPS = 3
SIZE = (640, 480)  # taller than the clip's 360 px, so the clip is scaled down


@pytest.fixture(scope="module")
def pull_up() -> np.ndarray:
    """A pull-up's landmarks at the posed rate (10 a second): what MediaPipe would have found."""
    return generate(Exercise.PULL_UP, reps=REPS, fps=SOURCE_FPS / 3, seed=3).series.frames


@pytest.fixture(scope="module")
def clip_bytes(pull_up: np.ndarray) -> bytes:
    """A real MP4 (H.264) with three source frames for each posed one: grey, with a moving bar."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=SOURCE_FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for i in range(3 * len(pull_up)):
            picture = np.full((SIZE[1], SIZE[0], 3), 90, dtype=np.uint8)
            picture[:, (i * 4) % SIZE[0]] = 200
            container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(stream.encode(None))
    return out.getvalue()


@pytest.fixture
def posed_by_replay(monkeypatch: pytest.MonkeyPatch, pull_up: np.ndarray) -> list[int]:
    """MediaPipe's stand-in (the landmarks of ``pull_up`` in order) and a queue that only records:
    the test delivers each job itself. Returns the recorded job ids."""
    from backcoach.jobs.in_process import InProcessRunner

    replay_pose(monkeypatch, pull_up, frame_shape=(SIZE[1], SIZE[0], 3))  # posed at full size
    sent: list[int] = []
    monkeypatch.setattr(InProcessRunner, "enqueue", lambda self, job_id: sent.append(job_id))
    return sent


def _deliver(app: FastAPI, job_id: int) -> None:
    job_kinds.run(lambda: UnitOfWork(app.state.engine), job_id, clock=lambda: datetime.now(UTC))


def _upload(visitor: Visitor, data: bytes, name: str, **fields: Any) -> int:
    answer = visitor.post(
        f"{API}/form-checks", data={"exercise_id": "pull-up", **fields}, files={"file": (name, data)}
    )
    assert answer.status_code == 202, answer.text
    return int(answer.json()["id"])


def test_a_video_check_shows_its_annotated_clip_to_its_owner_only(
    user_a: Visitor,
    user_b: Visitor,
    multi_app: FastAPI,
    posed_by_replay: list[int],
    clip_bytes: bytes,
    pull_up: np.ndarray,
    isolated_home: Path,
) -> None:
    job_id = _upload(user_a, clip_bytes, "my set.mp4")
    assert posed_by_replay == [job_id]
    _deliver(multi_app, job_id)

    body = user_a.get(f"{API}/form-checks/{job_id}").json()
    assert body["status"] == "done", body
    assert body["result"]["reps"] == REPS
    assert body["result"]["clip"] is True
    uploads = isolated_home / "uploads"
    assert [p.name for p in uploads.iterdir()] == ["clips"]  # the recording went once analysed

    page = user_a.get(f"/form-checks/{job_id}")
    assert page.status_code == 200
    assert (
        f'<video class="form-clip" controls preload="metadata" playsinline src="/form-checks/{job_id}/clip"'
        in (page.text)
    )
    assert f"This clip is deleted {CLIP_EXPIRES_S // 3600} hours after the analysis" in page.text
    assert problems(page.text) == []

    clip = user_a.get(f"/form-checks/{job_id}/clip")
    assert clip.status_code == 200
    assert clip.headers["content-type"] == "video/mp4"
    assert "no-store" in clip.headers["cache-control"]
    assert clip.headers["accept-ranges"] == "bytes"
    with av.open(io.BytesIO(clip.content)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"  # what every browser plays
        assert (stream.width, stream.height) == (480, 360)  # 640 × 480 scaled to 360 high
        assert float(stream.average_rate) == pytest.approx(SOURCE_FPS / 3)  # the posed frames only
        assert sum(1 for _ in container.decode(stream)) == len(pull_up)  # one a posed frame

    part = user_a.get(f"/form-checks/{job_id}/clip", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.content == clip.content[:100]

    assert user_b.get(f"/form-checks/{job_id}/clip").status_code == 404
    assert user_b.get(f"/form-checks/{job_id}").status_code == 404


def test_a_kept_recording_keeps_its_clip_and_an_unkept_ones_clip_expires(
    user_a: Visitor, multi_app: FastAPI, posed_by_replay: list[int], clip_bytes: bytes, isolated_home: Path
) -> None:
    kept = _upload(user_a, clip_bytes, "kept.mp4", keep="true")
    gone = _upload(user_a, clip_bytes, "gone.mp4")
    for job_id in (kept, gone):
        _deliver(multi_app, job_id)
    page = user_a.get(f"/form-checks/{kept}").text
    assert "The clip is kept with your recording." in page

    clips = Clips(isolated_home / "uploads")
    later = time.time() + CLIP_EXPIRES_S + 60
    assert clips.sweep(later) == 1  # only the clip of the recording nobody kept
    assert [p.name for p in clips.root.rglob("*.mp4")] == [f"{kept}.kept.mp4"]
    assert user_a.get(f"/form-checks/{gone}/clip").status_code == 404
    page = user_a.get(f"/form-checks/{gone}").text
    assert "The annotated clip has been deleted" in page and "<video" not in page
    assert user_a.get(f"/form-checks/{kept}/clip").status_code == 200


def test_a_landmark_file_says_it_has_no_clip(
    user_a: Visitor, multi_app: FastAPI, posed_by_replay: list[int]
) -> None:
    job_id = _upload(user_a, synthetic_npy(), "set.npy")
    _deliver(multi_app, job_id)
    assert user_a.get(f"{API}/form-checks/{job_id}").json()["result"]["clip"] is False
    page = user_a.get(f"/form-checks/{job_id}").text
    assert "There is no annotated clip: this check was made from a file of pose points" in page
    assert "<video" not in page
    assert user_a.get(f"/form-checks/{job_id}/clip").status_code == 404


def test_an_expired_clip_is_not_served(tmp_path: Path) -> None:
    clips = Clips(tmp_path)
    path = clips.path(user_id=7, job_id=3, kept=False)
    path.write_bytes(b"clip")
    old = time.time() - CLIP_EXPIRES_S - 1
    os.utime(path, (old, old))
    assert clips.find(user_id=7, job_id=3) is None and not path.exists()
    assert clips.find(user_id=8, job_id=3) is None  # another person's folder holds nothing


def test_the_imports_sweep_leaves_the_clips_alone(tmp_path: Path) -> None:
    """Waiting imports and clips share the upload folder: sweeping one never touches the other."""
    clips = Clips(tmp_path)
    kept = clips.path(user_id=7, job_id=3, kept=True)
    kept.write_bytes(b"clip")
    later = time.time() + 10 * CLIP_EXPIRES_S
    assert Uploads(tmp_path).sweep(later) == 0
    assert clips.sweep(later) == 0 and kept.exists()
