"""Videos posed in the pose library's own environment (``make video``): MediaPipe cannot share an
interpreter with the planner, so the app runs ``python -m backcoach.vision.pose`` there and reads
its landmark stream (``interop.pose_process``). Real MediaPipe on a real photograph's clip; skipped
where the pose environment is not built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from backcoach.app import form_check
from backcoach.errors import InputError
from backcoach.interop import pose_process
from backcoach.vision import collect
from backcoach.vision.pose_stream import VideoUnavailable
from video_clips import portrait_clip, video_python

NOSE, LEFT_SHOULDER, RIGHT_SHOULDER = 0, 11, 12


def test_a_clip_is_posed_in_the_other_environment_ten_times_a_second(tmp_path: Path) -> None:
    python = video_python()
    clip = portrait_clip(tmp_path / "portrait.mp4", seconds=3.0)
    seen: list[tuple[int, int | None]] = []
    source = pose_process.ProcessLandmarks(
        clip, progress=lambda done, total: seen.append((done, total)), python=python
    )
    assert (source.source_fps, source.every, source.fps) == (30.0, 3, 10.0)
    series = collect(source)
    assert len(series.present) == 30  # 90 frames, every 3rd posed
    assert series.present.mean() == 1.0  # MediaPipe tracks her in every posed frame
    first = series.frames[0]
    assert first[NOSE][1] < first[LEFT_SHOULDER][1]  # the head above the shoulders
    assert first[RIGHT_SHOULDER][0] < first[LEFT_SHOULDER][0]  # facing the camera
    assert seen[-1] == (90, 90)  # progress reached the last decoded frame
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_the_use_case_reads_a_video_through_the_pose_process_when_mediapipe_is_not_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pose_process.VIDEO_PYTHON_ENV, video_python())
    clip = portrait_clip(tmp_path / "portrait.mp4", seconds=1.0)
    assert form_check.video_possible()
    series = form_check.read_series(clip, every=2)
    assert len(series.present) == 15 and series.fps == 15.0


def test_an_unreadable_video_is_one_plain_line(tmp_path: Path) -> None:
    python = video_python()
    bad = tmp_path / "holiday.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42 and then nothing a decoder can read")
    with pytest.raises(InputError) as refused:
        collect(pose_process.ProcessLandmarks(bad, python=python))
    message = str(refused.value)
    assert message.startswith("holiday.mp4: not a readable video")
    assert "\n" not in message and "Traceback" not in message


def test_a_reader_that_stops_early_stops_the_process(tmp_path: Path) -> None:
    python = video_python()
    source = pose_process.ProcessLandmarks(portrait_clip(tmp_path / "p.mp4", seconds=3.0), python=python)
    frames = source.frames()
    next(frames)
    frames.close()  # the consumer gives up after one frame
    assert source._process.returncode is not None  # killed and reaped: no orphan left posing


def test_without_a_pose_environment_a_video_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(pose_process.VIDEO_PYTHON_ENV, raising=False)
    with pytest.raises(VideoUnavailable, match=r"make video"):
        pose_process.ProcessLandmarks(tmp_path / "set.mp4")
    monkeypatch.setenv(pose_process.VIDEO_PYTHON_ENV, str(tmp_path / "no-such-python"))
    assert not pose_process.available()


def test_the_pose_process_stops_by_itself_when_its_reader_is_gone(tmp_path: Path) -> None:
    """A worker killed mid-job leaves no process posing on: its next write finds nobody, it exits
    quietly (no traceback), so the retry's process is the only one left."""
    python = video_python()
    clip = portrait_clip(tmp_path / "p.mp4", seconds=3.0)
    argv = [python, "-m", "backcoach.vision.pose", str(clip), "--every", "1"]
    env = {**os.environ, "PYTHONPATH": pose_process._package_path()}
    with (tmp_path / "said.txt").open("w+b") as said:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=said, env=env)
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"{")  # the header: posing has begun
        process.stdout.close()  # the reader dies
        assert process.wait(timeout=120) == 1
        said.seek(0)
        assert b"Traceback" not in said.read()
