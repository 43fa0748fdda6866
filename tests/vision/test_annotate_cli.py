"""``backcoach analyze --annotate OUT.mp4``: the clip comes back with the skeleton, the rep counter
and each flagged repetition's segment in red, as a playable MP4; a bad target is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.interop.annotated_video import write_annotated
from backcoach.vision import analyse, export_json
from backcoach.vision.kinematics import Exercise, Fault
from backcoach.vision.overlay import BACKGROUND, Overlay
from backcoach.vision.synthetic import NOISY, generate
from backcoach.vision.view import View

runner = CliRunner()
FPS = 10.0  # a short clip keeps the encode quick: 3 reps at 10 fps is about 100 frames


@pytest.fixture(scope="module")
def flared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    made = generate(
        Exercise.SEATED_CABLE_ROW, Fault.FLARED_ELBOWS, View.BACK, reps=3, fps=FPS, seed=4, spoil=NOISY
    )
    path = tmp_path_factory.mktemp("annotate") / "row.json"
    path.write_text(json.dumps(export_json(made.series)), "utf-8")
    return path, made.series.n


def _red(picture: np.ndarray) -> int:
    r, g, b = (picture[:, :, k].astype(int) for k in range(3))
    return int(((r > 170) & (g < 90) & (b < 90)).sum())


def test_annotated_clip_is_a_playable_mp4_with_the_skeleton(flared: tuple[Path, int], tmp_path: Path) -> None:
    source, frames = flared
    out = tmp_path / "row annotated.mp4"
    result = runner.invoke(
        app, ["analyze", str(source), "-e", "seated-cable-row", "--annotate", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["annotated"] == str(out)
    assert [f["check"] for f in doc["findings"]] == ["flared-elbows"]
    flagged = doc["findings"][0]["reps"]
    middle = {int((r["start_s"] + r["end_s"]) / 2 * FPS): r["index"] for r in doc["per_rep"]}
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (1280, 720)  # 720 high, the file's 16:9
        assert float(stream.average_rate) == FPS
        pictures = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
    assert len(pictures) == frames
    background = np.array(BACKGROUND)
    for picture in pictures[:: len(pictures) // 5]:
        off = np.abs(picture.astype(int) - background).max(axis=2) > 40
        assert off[:, 300:].sum() > 300  # skeleton pixels beyond the counter's corner
    for i, rep in middle.items():
        assert (_red(pictures[i]) > 100) is (rep in flagged)
    assert _red(pictures[0]) == 0  # before the first rep nothing is flagged


def test_correct_form_draws_nothing_red() -> None:
    made = generate(Exercise.SEATED_CABLE_ROW, Fault.NONE, View.FRONT, reps=2, fps=FPS, seed=2, spoil=NOISY)
    report = analyse(made.series, "seated-cable-row")
    overlay = Overlay(report, made.series)
    assert not report.findings
    assert sum(_red(p) for p in list(overlay.plain_frames())[::4]) == 0


def test_every_source_frame_is_drawn_when_only_some_were_analysed() -> None:
    made = generate(Exercise.SEATED_CABLE_ROW, reps=2, fps=FPS, seed=5)
    series = made.series.every(3)
    overlay = Overlay(analyse(series, "seated-cable-row"), series)
    assert overlay.frames == made.series.n
    last = overlay.landmarks_at(made.series.n - 1)
    assert last is not None
    assert np.array_equal(last, series.frames[(made.series.n - 1) // 3], equal_nan=True)


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("no-such-folder/out.mp4", "does not exist"),
        ("out.gif", "must end in .mp4"),
        (".", "must end in .mp4"),
    ],
)
def test_bad_target_is_one_line_and_exit_2(
    flared: tuple[Path, int], tmp_path: Path, target: str, says: str
) -> None:
    source, _ = flared
    result = runner.invoke(
        app, ["analyze", str(source), "-e", "seated-cable-row", "--annotate", str(tmp_path / target)]
    )
    assert result.exit_code == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("**/*.mp4"))


def test_annotated_folder_target_is_refused(flared: tuple[Path, int], tmp_path: Path) -> None:
    source, _ = flared
    (tmp_path / "clip.mp4").mkdir()
    result = runner.invoke(
        app, ["analyze", str(source), "-e", "seated-cable-row", "--annotate", str(tmp_path / "clip.mp4")]
    )
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_skeleton_goes_over_the_video_frames(tmp_path: Path) -> None:
    """A video's own frames are the background (its landmarks here are synthetic: MediaPipe is the
    optional extra; the drawing and encoding are the same)."""
    made = generate(Exercise.SEATED_CABLE_ROW, Fault.FLARED_ELBOWS, View.FRONT, reps=2, fps=FPS, seed=3)
    report = analyse(made.series, "seated-cable-row")
    source = tmp_path / "set.mp4"
    grey = np.full((240, 426, 3), 200, dtype=np.uint8)  # a small 16:9 clip, light grey
    with av.open(str(source), "w") as container:
        stream = container.add_stream("mpeg4", rate=int(FPS))
        stream.width, stream.height, stream.pix_fmt = 426, 240, "yuv420p"
        for _ in range(made.series.n):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(grey, format="rgb24")))
        container.mux(stream.encode(None))
    out = tmp_path / "annotated.mp4"
    assert write_annotated(out, report, made.series, video=source) == made.series.n
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (426, 240)
        picture = next(container.decode(stream)).to_ndarray(format="rgb24")
    assert np.median(picture) > 150  # the video's grey, not the plain background
    assert (np.abs(picture.astype(int) - 200).max(axis=2) > 60).sum() > 100  # the skeleton over it
