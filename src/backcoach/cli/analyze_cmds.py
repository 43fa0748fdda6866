"""``backcoach analyze``: count the reps and check the form of a recorded set (a video or a
landmark file), optionally charting it, writing it back annotated and logging the counted set."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import JsonFlag, app, console, curated, emit_json, handles_errors
from backcoach.cli.storage import DbOption, now, unit_of_work
from backcoach.errors import InputError

if TYPE_CHECKING:
    from backcoach.vision import FormReport, PoseSeries


@app.command()
@handles_errors
def analyze(
    file: Annotated[
        Path, typer.Argument(metavar="VIDEO|LANDMARKS", help="A video, or landmarks as .npy or JSON.")
    ],
    exercise: Annotated[
        str, typer.Option("--exercise", "-e", help="The exercise in the clip (catalogue id).")
    ],
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write a chart of the set (PNG or SVG).")
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate", metavar="OUT.mp4", help="Write the clip with the skeleton, rep count and findings."
        ),
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="Log the counted reps as a working set.")] = False,
    every: Annotated[
        int | None,
        typer.Option(help="Analyse one frame in this many (default: 10 a second of a video, else all)."),
    ] = None,
    fps: Annotated[
        float | None, typer.Option(help="Frame rate of a landmark file that does not say.")
    ] = None,
    db: DbOption = None,
    json_: JsonFlag = False,
) -> None:
    """Count the reps and check the form: backcoach analyze set.mp4 --exercise pull-up"""
    from backcoach.app import form_check

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot: '{plot.name}' must end in .png or .svg")
    if annotate is not None:
        from backcoach.interop.annotated_video import check_target

        check_target(annotate)  # before the analysis, which may take minutes
    report, series = _run(file, exercise, every=every, fps=fps, quiet=json_)
    if plot is not None:
        _chart(report, plot)
    if annotate is not None:
        _annotate(file, report, series, annotate, quiet=json_)
    logged_id: int | None = None
    if save:
        moment = now()
        with unit_of_work(db) as (uow, user):
            logged = form_check.log_counted_set(
                uow, catalog=curated(), user=user, report=report, at=moment, now=moment
            )
        logged_id = logged.workout_id
    if json_:
        from backcoach.vision import report_to_json

        payload = report_to_json(report)
        if save:
            payload["logged_workout_id"] = logged_id
        if annotate is not None:
            payload["annotated"] = str(annotate)
        emit_json(payload)
        return
    _show(report)
    if annotate is not None:
        console.print(f"Annotated clip written to {annotate}.", markup=False)
    if logged_id is not None:
        console.print(f"Logged {report.reps} reps of {exercise} (workout {logged_id}).", markup=False)


def _is_video(file: Path) -> bool:
    from backcoach.vision.pose import VIDEO_SUFFIXES

    return file.suffix.lower() in VIDEO_SUFFIXES


def _run(
    file: Path, exercise: str, *, every: int | None, fps: float | None, quiet: bool
) -> tuple[FormReport, PoseSeries]:
    """The report and the landmark series it came from (the annotated clip draws the series)."""
    from backcoach.app.form_check import read_series
    from backcoach.vision import analyse, exercise_of

    exercise_of(exercise)  # refuse an exercise without a model before any decoding
    video = _is_video(file)
    if not video or quiet:
        series = read_series(file, fps=fps, every=every)
        return analyse(series, exercise, name=file.name), series
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(f"Analysing {file.name}", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        series = read_series(file, fps=fps, every=every, progress=progress)
        return analyse(series, exercise, name=file.name), series


def _annotate(file: Path, report: FormReport, series: PoseSeries, out: Path, *, quiet: bool) -> None:
    from backcoach.interop.annotated_video import write_annotated

    video = file if _is_video(file) else None
    if quiet:
        write_annotated(out, report, series, video=video)
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(f"Drawing {out.name}", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        write_annotated(out, report, series, video=video, progress=progress)


def _show(report: FormReport) -> None:
    from rich.markup import escape

    name = curated().exercise(report.exercise_id).name
    console.print(
        f"[bold]{escape(name)}[/bold]: {report.reps} reps "
        f"({report.view} view, {report.frames} frames at {report.fps:g} fps, "
        f"analysed at {report.analysed_fps:g} fps)"
    )
    for r in report.per_rep:
        parts = [f"rep {r.index}: {r.start_s:.1f}-{r.end_s:.1f} s"]
        if r.rom_deg is not None:
            parts.append(f"elbow {r.elbow_bottom_deg:.0f}°→{r.elbow_top_deg:.0f}°")
        parts.append(f"up {r.concentric_s:.1f} s, down {r.eccentric_s:.1f} s")
        console.print("  " + ", ".join(parts), markup=False)
    if not report.findings:
        console.print("[green]No form problems found[/green] in what this view can show.")
    for f in report.findings:
        hedge = "Possibly: " if f.certainty == "possible" else ""
        reps = ", ".join(str(i) for i in f.reps)
        console.print(
            f"[yellow]{escape(hedge + f.says)}[/yellow] (reps {reps}; confidence {f.confidence:.0%}) "
            f"Cue: {escape(f.cue)}"
        )
    for n in report.not_checked:
        console.print(f"[dim]Not checked, {escape(n.label)}: {escape(n.reason)}[/dim]")


def _chart(report: FormReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5), dpi=110, sharex=True)
    try:
        t = report.trace.t
        top.plot(t, report.trace.elbow, color="#1f77b4", label="elbow angle (°)")
        bottom.plot(t, report.trace.torso, color="#2ca02c", label="torso lean from vertical (°)")
        for r in report.per_rep:
            for ax in (top, bottom):
                ax.axvspan(r.start_s, r.end_s, color="#ff7f0e", alpha=0.12)
            top.text(
                (r.start_s + r.end_s) / 2,
                0.97,
                str(r.index),
                ha="center",
                va="top",
                transform=top.get_xaxis_transform(),
            )
        top.set_title(f"{report.exercise_id}: {report.reps} reps ({report.view} view)")
        top.set_ylabel("elbow (°)")
        bottom.set_ylabel("torso (°)")
        bottom.set_xlabel("seconds")
        for ax in (top, bottom):
            ax.grid(alpha=0.3)
        fig.tight_layout()
        try:
            fig.savefig(path, format=path.suffix.lower().lstrip("."))
        except OSError as exc:
            raise InputError(f"--plot: cannot write '{path}': {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
