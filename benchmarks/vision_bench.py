"""Form check: count accuracy and speed (``python -m benchmarks.vision_bench [--quick]``).

Accuracy is the repetition-counting literature's pair (pose.md §1): off-by-one accuracy (OBO, the
share of sets counted within one rep) and mean absolute error relative to the true count (MAE),
on the real pull-up keypoints in ``../shared/data/videos/Countix-Fitness`` (skipped when absent)
and on a synthetic set from the kinematic model (every exercise, fault and view, 3–12 reps,
noise, dropped frames and a burst without a person), each analysed at every frame, every 2nd
and every 3rd. Speed is frames per second: of the landmark analysis alone, and, where videos can
be posed (``make video``), end to end on a 1280×720, 30 fps clip (decode, MediaPipe, the landmark
stream back from the pose process). Target from the issue: a 60 s 30 fps clip in ≤ 30 s, i.e.
≥ 60 source frames a second.
Last, the annotated clip a video check also writes (``app.form_check``: the posed frames only,
360 px high, H.264), in CPU milliseconds per source frame of a 720p clip: it needs no MediaPipe,
so it runs in the project's environment too.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from backcoach.vision import analyse, parse_landmarks
from backcoach.vision.kinematics import FAULTS_OF, Exercise
from backcoach.vision.synthetic import NOISY, VIEWS, generate
from benchmarks.result import Row
from benchmarks.video_clips import portrait_clip

COUNTIX = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "videos" / "Countix-Fitness"
OBO_TARGET = 1.0  # every real clip within one rep (issue goal)
MAE_TARGET = 0.05  # mean absolute count error ≤ 5 %
VIDEO_FPS_TARGET = 60.0  # twice real time for a 30 fps clip
# The clip may take at most a third of the 16.7 ms a source frame has at the 60 frames/s target,
# so it never dominates the analysis (our choice).
CLIP_MS_TARGET = 1000.0 / VIDEO_FPS_TARGET / 3


def _score(pairs: list[tuple[int, int]]) -> tuple[float, float]:
    obo = sum(abs(p - t) <= 1 for p, t in pairs) / len(pairs)
    mae = sum(abs(p - t) / t for p, t in pairs) / len(pairs)
    return obo, mae


def real_sets() -> list[tuple[str, object, int]]:
    if not (COUNTIX / "test.csv").is_file():
        return []
    with (COUNTIX / "test.csv").open(newline="") as fh:
        truth = {r["name"].removesuffix(".mp4"): int(r["count"]) for r in csv.DictReader(fh)}
    out = []
    for path in sorted(COUNTIX.glob("pull_up*.npy")):
        out.append((path.stem, parse_landmarks(path.read_bytes(), name=path.name), truth[path.stem]))
    return out


def synthetic_sets(quick: bool) -> list[tuple[str, object, int]]:
    rng = np.random.default_rng(2026)
    out = []
    seeds = 1 if quick else 3
    for exercise in Exercise:
        for fault in FAULTS_OF[exercise]:
            for view in VIEWS:
                for k in range(seeds):
                    reps = int(rng.integers(3, 13))
                    made = generate(
                        exercise, fault, view, reps=reps, seed=int(rng.integers(1 << 30)), spoil=NOISY,
                        start_at_top=k == 1, pause_s=6.0 if k == 2 else 0.0,
                    )  # fmt: skip
                    out.append((f"{exercise}/{fault}/{view}", made.series, reps))
    return out


def accuracy(
    sets: list[tuple[str, object, int]], exercise_of: dict[str, str] | None = None
) -> dict[int, tuple[float, float, float]]:
    """OBO, MAE and analysis frames/s at every 1st, 2nd and 3rd frame."""
    result = {}
    for step in (1, 2, 3):
        pairs = []
        frames = 0
        t0 = time.perf_counter()
        for name, series, truth in sets:
            exercise = name.split("/")[0] if "/" in name else "pull-up"
            sub = series.every(step)  # type: ignore[attr-defined]
            frames += sub.n
            pairs.append((analyse(sub, exercise).reps, truth))
        elapsed = time.perf_counter() - t0
        obo, mae = _score(pairs)
        result[step] = (obo, mae, frames / elapsed)
    return result


def finding_accuracy(sets: list[tuple[str, object, int]]) -> float:
    """Share of synthetic sets whose findings are exactly the modelled fault (where the view can
    show it), allowing the second finding a fault legitimately brings (an uneven pull-up misses the
    bar too)."""
    from backcoach.vision.kinematics import Fault
    from backcoach.vision.rules import checks_for
    from backcoach.vision.view import View

    also = {("pull-up", "asymmetry"): {"half-reps"}}
    good = 0
    for name, series, _ in sets:
        exercise, fault, view = name.split("/")
        found = {f.check for f in analyse(series, exercise).findings}  # type: ignore[arg-type]
        shown = {c.key for c in checks_for(Exercise(exercise)) if View(view) in c.views}
        expected = (set() if fault == Fault.NONE else {fault}) & shown
        good += expected <= found and found - expected <= also.get((exercise, fault), set())
    return good / len(sets)


def video_fps(seconds: float = 10.0) -> dict[int, float] | None:
    """End-to-end frames/s (source frames) on a 1280×720 30 fps clip of a real photograph, posed
    as the app poses it: in this interpreter when MediaPipe is here, else in the pose environment
    (``make video``), its start included; None when neither can."""
    from backcoach.app.form_check import video_possible, video_source
    from backcoach.vision import collect

    if not video_possible():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = portrait_clip(Path(tmp) / "clip.mp4", seconds)
        fps = {}
        for step in (1, 2, 3):
            t0 = time.perf_counter()
            series = collect(video_source(path, every=step, progress=None))
            fps[step] = seconds * 30 / (time.perf_counter() - t0)
            assert series.present.mean() > 0.9, "MediaPipe lost the person"
        return fps


def clip_cost_ms(seconds: float = 10.0) -> float:
    """CPU ms per source frame to draw and encode the annotated clip of a 1280×720 30 fps video
    (decoding it again included), as the form-check job writes it."""
    import av

    from backcoach.app.form_check import CLIP_HEIGHT
    from backcoach.interop.annotated_video import write_annotated
    from backcoach.vision.pose import every_for

    made = generate(Exercise.PULL_UP, reps=max(2, round(seconds / 2)), fps=30.0, seed=7)
    frames = made.series.n
    texture = np.random.default_rng(7).integers(0, 256, (720, 1280, 3), dtype=np.uint8) // 2 + 50
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "clip.mp4", Path(tmp) / "annotated.mp4"
        with av.open(str(source), "w") as container:
            stream = container.add_stream("libx264", rate=30)
            stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
            stream.options = {"preset": "ultrafast"}
            for i in range(frames):
                picture = np.roll(texture, 4 * i, axis=1)  # a moving, detailed picture: hard to encode
                container.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
            container.mux(stream.encode(None))
        every = every_for(30.0)
        series = made.series.every(every)
        report = analyse(series, Exercise.PULL_UP)
        t0 = time.process_time()
        write_annotated(out, report, series, video=source, every=every, height=CLIP_HEIGHT)
        return 1000.0 * (time.process_time() - t0) / frames


def run(quick: bool = False) -> list[Row]:
    rows = []
    real = real_sets()
    if real:
        for step, (obo, mae, _) in accuracy(real).items():
            rows.append(
                Row(f"form check: real pull-ups OBO, every {step}", obo, OBO_TARGET, higher_is_better=True)
            )
            rows.append(Row(f"form check: real pull-ups MAE, every {step}", mae, MAE_TARGET))
    synthetic = synthetic_sets(quick)
    rows.append(
        Row(
            "form check: synthetic sets with exactly the right findings",
            finding_accuracy(synthetic),
            0.95,
            higher_is_better=True,
        )
    )
    for step, (obo, mae, fps) in accuracy(synthetic).items():
        rows.append(Row(f"form check: synthetic OBO, every {step}", obo, 0.95, higher_is_better=True))
        rows.append(Row(f"form check: synthetic MAE, every {step}", mae, MAE_TARGET))
        rows.append(
            Row(f"form check: landmark analysis frames/s, every {step}", fps, 1000.0, higher_is_better=True)
        )
    rows.append(
        Row(
            "form check: annotated clip CPU ms per 720p source frame",
            clip_cost_ms(5.0 if quick else 10.0),
            CLIP_MS_TARGET,
        )
    )
    video = video_fps(5.0 if quick else 10.0)
    if video is not None:
        for step, fps in video.items():
            rows.append(
                Row(
                    f"form check: 720p video end to end frames/s, every {step}",
                    fps,
                    VIDEO_FPS_TARGET,
                    higher_is_better=True,
                )
            )
    return rows


def main(argv: list[str]) -> int:
    rows = run(quick="--quick" in argv)
    for row in rows:
        print(f"{row.name:<64} {row.measured:>9.3f} {row.target:>9.2f} {'' if row.ok else 'MISS'}")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
