"""Command-line shell over the use cases: parse arguments, call one use case, render text or JSON.

Importing this package registers every command; the command modules import only Typer, Rich and
``backcoach.errors`` until a command runs (``cli.app``).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from backcoach.cli import (
    analyze_cmds,
    catalog_cmds,
    history_cmds,
    log_cmds,
    plan_cmds,
    profile_cmds,
    safety_cmds,
    science_cmds,
    serve_cmds,
    session_cmds,
    worker_cmds,
)
from backcoach.cli.app import app, err_console

__all__ = [
    "analyze_cmds",
    "app",
    "catalog_cmds",
    "history_cmds",
    "log_cmds",
    "main",
    "plan_cmds",
    "profile_cmds",
    "run",
    "safety_cmds",
    "science_cmds",
    "serve_cmds",
    "session_cmds",
    "worker_cmds",
]

DEBUG_ENV = "BACKCOACH_DEBUG"  # set to 1 to see the traceback of an unexpected failure


def _print_version(value: bool) -> None:
    if value:
        from backcoach import __version__

        typer.echo(f"backcoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Coaching for a strong upper and lower back, safely."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; usage errors become one clean line (exit 2) instead of a framed panel.

    An unexpected failure is one line too (exit 70, the sysexits code for an internal error),
    unless ``BACKCOACH_DEBUG`` is set: then the traceback is shown, for a bug report.
    """
    try:
        result = app(args=argv, prog_name="backcoach", standalone_mode=False)
    except typer.TyperException as exc:  # Typer's usage and parameter errors
        message = exc.format_message()
        if message:  # empty when Typer has already printed the help text
            line = " ".join(message.split())
            err_console.print(f"error: {line}", markup=False, highlight=False)
        return exc.exit_code
    except typer.Abort:
        err_console.print("aborted", markup=False)
        return 130
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        reason = " ".join(str(exc).split())[:200]
        err_console.print(
            f"error: something went wrong inside backcoach ({type(exc).__name__}: {reason}); "
            f"run again with {DEBUG_ENV}=1 to see where, and please report it",
            markup=False,
            highlight=False,
        )
        return 70
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
