"""The Typer application object and the output helpers every command module shares.

Commands live in small modules named for what they cover (catalog_cmds, science_cmds, safety_cmds);
each registers itself on ``app`` when imported by ``backcoach.cli``.

Start-up: at import time the command modules load only Typer, Rich and ``backcoach.errors``, and
their option types are plain (``cli.choices``). The catalogue, the planner (OR-Tools), SQLAlchemy,
matplotlib, the web stack and the application layer are imported inside the commands that use
them, so ``backcoach --help`` and a catalogue look-up start in a fraction of the time a full import
takes (``benchmarks/cli_bench.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from backcoach.catalog import Catalog


class Backcoach(typer.Typer):
    """A Typer with backcoach's defaults: plain help text, no completion installer, our own
    one-line errors instead of pretty tracebacks.

    Plain help (Click's formatter, not Rich's panels): Typer's Rich help imports a Markdown parser
    that alone doubles the start-up time of ``backcoach --help``; plain help also shows flags
    without a ``<bool>`` beside them.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("rich_markup_mode", None)
        super().__init__(**kwargs)


app = Backcoach(
    name="backcoach",
    help="Coaching for a strong upper and lower back, safely.",
    no_args_is_help=True,
)

console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")]

P = ParamSpec("P")
R = TypeVar("R")

# Commands whose arguments may start with "-" (a negative number such as -20kgx10): the token is
# read as the argument and refused or accepted by the command, not taken for an unknown option.
NEGATIVE_ARGS: dict[str, Any] = {"ignore_unknown_options": True}


def curated() -> Catalog:
    """The curated catalogue, imported on first use (its models take a while to build)."""
    from backcoach.catalog import curated as load

    return load()


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout (stable key order as given, UTF-8 kept readable)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int) -> typer.Exit:
    """Print one clean line on stderr and return the exit to raise."""
    line = " ".join(message.split()) or "failed"
    err_console.print(f"error: {line}", markup=False, highlight=False, soft_wrap=True)
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
            # The database locked past the busy timeout, its server gone, or a file that is not a
            # database. Looked up rather than imported, so commands that never touch the database
            # do not load SQLAlchemy.
            sql_errors = sys.modules.get("sqlalchemy.exc")
            if sql_errors is not None and isinstance(exc, sql_errors.DatabaseError):
                cause = exc.orig if exc.orig is not None else exc
                reason = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
                raise fail(f"database unavailable: {reason}", 1) from None
            raise

    return wrapper
