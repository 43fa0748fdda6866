"""Command-line shell over the core: parse arguments, call the domain, render text or JSON."""

from __future__ import annotations

import sys

import typer

from backcoach.cli import (
    catalog_cmds,
    log_cmds,
    plan_cmds,
    profile_cmds,
    safety_cmds,
    science_cmds,
    serve_cmds,
    session_cmds,
)
from backcoach.cli.app import app, err_console

__all__ = [
    "app",
    "catalog_cmds",
    "log_cmds",
    "main",
    "plan_cmds",
    "profile_cmds",
    "run",
    "safety_cmds",
    "science_cmds",
    "serve_cmds",
    "session_cmds",
]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; usage errors become one clean line (exit 2) instead of a framed panel."""
    try:
        result = app(args=argv, prog_name="backcoach", standalone_mode=False)
    except typer.TyperException as exc:  # Typer's usage and parameter errors
        message = exc.format_message()
        if message:  # empty when Typer has already printed the help text
            err_console.print(f"error: {message}", markup=False, highlight=False)
        return exc.exit_code
    except typer.Abort:
        err_console.print("aborted", markup=False)
        return 130
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
