"""The progress bar of the long commands (an import, a plan over many weeks, the demo history).

It is drawn on stderr, and only for a person watching: never with ``--json`` and never when either
stream goes to a file or a pipe, so what a program reads stays exactly the command's output. It is
transient: gone from the screen once the work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from backcoach.cli.app import console, err_console

# done so far, and the total (None while it is not known: the bar pulses instead of filling)
Advance = Callable[[int, int | None], None]


def watched(json_: bool) -> bool:
    """Whether a person is watching: a terminal on both streams and no ``--json``."""
    return not json_ and console.is_terminal and err_console.is_terminal


@contextmanager
def progress_bar(label: str, *, json_: bool = False) -> Iterator[Advance]:
    """A bar labelled ``label``; the block reports with ``advance(done, total)``."""
    with Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not watched(json_),
    ) as bar:
        task = bar.add_task(label, total=None)
        bar.refresh()  # drawn at once, not at the first tick of the refresh thread

        def advance(done: int, total: int | None) -> None:
            # Callers report every few dozen rows or a workout at a time: redrawing each is cheap.
            bar.update(task, completed=done, total=total, refresh=True)

        yield advance
