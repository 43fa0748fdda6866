"""The Typer application object and the output helpers every command module shares.

Commands live in small modules named for what they cover (catalog_cmds, science_cmds, safety_cmds);
each registers itself on ``app`` when imported by ``backcoach.cli``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from backcoach.errors import BackcoachError

app = typer.Typer(
    name="backcoach",
    help="Coaching for a strong upper and lower back, safely.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")]

P = ParamSpec("P")
R = TypeVar("R")


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout (stable key order as given, UTF-8 kept readable)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int) -> typer.Exit:
    """Print one clean line on stderr and return the exit to raise."""
    err_console.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the domain's errors into one line on stderr and the error's exit code."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except BackcoachError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except Exception as exc:
            # The database locked past the busy timeout, or its server gone. Looked up rather than
            # imported, so commands that never touch the database do not load SQLAlchemy.
            sql_errors = sys.modules.get("sqlalchemy.exc")
            if sql_errors is not None and isinstance(exc, sql_errors.OperationalError):
                reason = str(exc.orig or exc).strip().splitlines()[0]
                raise fail(f"database unavailable: {reason}", 1) from None
            raise

    return wrapper
