"""A form check in a real browser: upload a synthetic set on the exercise page, watch the results
page refresh itself until the analysis is done, read the charts and findings, log the reps; and a
video's check, whose results page plays the annotated clip (Chromium decodes the H.264 itself)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "jobs"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from landmark_files import synthetic_npy

from backcoach.vision import Fault
from video_clips import replay_pose

# The first analysis starts the server's job process (imports the app): seconds on a busy machine.
ANALYSIS_MS = 90_000


def _serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']})" for v in violations if v["impact"] in ("serious", "critical")]


def test_upload_watch_and_log_a_form_check(page: Any) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/exercises/pull-up")
    assert _serious(page) == []
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    screened = page.request.post("/api/v1/screening", data={"answers": {}}, headers={"X-CSRF-Token": token})
    assert screened.status == 201
    page.get_by_label("Recording").set_input_files(
        {
            "name": "set.npy",
            "mimeType": "application/octet-stream",
            "buffer": synthetic_npy(fault=Fault.HALF_REPS),
        }
    )
    page.get_by_role("button", name="Check my form").click()
    expect(page).to_have_url(re.compile(r"/form-checks/\d+$"))
    expect(page.get_by_role("heading", name="5 repetitions")).to_be_visible(timeout=ANALYSIS_MS)
    expect(page.get_by_text("Your chin did not get above the bar.")).to_be_visible()
    expect(page.locator(".rep-charts svg")).to_have_count(5)
    expect(page.get_by_text("There is no annotated clip")).to_be_visible()  # landmarks hold no pictures
    expect(page.locator("video")).to_have_count(0)
    assert _serious(page) == []
    page.get_by_role("button", name="Log these reps").click()
    expect(page.get_by_role("status")).to_contain_text("Logged: your 5 reps")
    expect(page.get_by_role("button", name="Log these reps")).to_have_count(0)
    assert blocked == []


# The clip of a video check: MediaPipe (an optional extra, absent here) is replaced by a stand-in
# that replays a synthetic pull-up's landmarks over a real MP4, and the job is delivered by hand in
# this process (the server runs in a thread here; its queue would run the job in a spawned child,
# where the stand-in does not exist). tests/web/test_form_check_clip.py says more.
SOURCE_FPS = 30
SIZE = (640, 480)
SEEK_S = 2.5  # inside a repetition: the skeleton and the counter are on screen


def _video(frames: int) -> bytes:
    import io

    import av
    import numpy as np

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=SOURCE_FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for i in range(frames):
            picture = np.full((SIZE[1], SIZE[0], 3), 70, dtype=np.uint8)
            picture[:, (i * 4) % SIZE[0]] = 160
            container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        container.mux(stream.encode(None))
    return out.getvalue()


def test_a_video_check_plays_its_annotated_clip(
    page: Any, server: Any, screenshots: Path, monkeypatch: Any
) -> None:
    from datetime import UTC, datetime

    from backcoach.app import job_kinds
    from backcoach.app.uow import UnitOfWork
    from backcoach.jobs.in_process import InProcessRunner
    from backcoach.store.db import make_engine
    from backcoach.vision import Exercise
    from backcoach.vision.synthetic import generate

    landmarks = generate(Exercise.PULL_UP, reps=3, fps=SOURCE_FPS / 3, seed=3).series.frames

    replay_pose(monkeypatch, landmarks)
    sent: list[int] = []
    monkeypatch.setattr(InProcessRunner, "enqueue", lambda self, job_id: sent.append(job_id))

    page.goto("/form-checks/new?exercise=pull-up")
    page.get_by_label("Recording").set_input_files(
        {"name": "my set.mp4", "mimeType": "video/mp4", "buffer": _video(3 * len(landmarks))}
    )
    page.get_by_role("button", name="Check my form").click()
    expect(page).to_have_url(re.compile(r"/form-checks/\d+$"))
    job_id = int(page.url.rsplit("/", 1)[1])
    assert sent == [job_id]
    engine = make_engine(server.database_url)
    try:
        job_kinds.run(lambda: UnitOfWork(engine), job_id, clock=lambda: datetime.now(UTC))
    finally:
        engine.dispose()

    expect(page.get_by_role("heading", name="3 repetitions")).to_be_visible(timeout=ANALYSIS_MS)
    video = page.locator("video.form-clip")
    expect(video).to_have_count(1)
    expect(video).to_have_attribute("src", f"/form-checks/{job_id}/clip")
    expect(page.get_by_text("This clip is deleted")).to_be_visible()
    # The browser decodes the clip: its size is known and it seeks to a moment inside a repetition.
    page.wait_for_function("() => document.querySelector('video.form-clip').readyState >= 1")
    assert page.evaluate("() => document.querySelector('video.form-clip').videoHeight") == 360
    page.evaluate(
        """t => new Promise(done => { const v = document.querySelector('video.form-clip');
        v.addEventListener('seeked', () => done(), {once: true}); v.currentTime = t; })""",
        SEEK_S,
    )
    page.wait_for_function("() => document.querySelector('video.form-clip').readyState >= 2")
    assert page.evaluate("() => document.querySelector('video.form-clip').error") is None
    video.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "form-check-clip.png"))
    assert _serious(page) == []
