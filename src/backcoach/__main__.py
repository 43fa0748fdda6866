"""`python -m backcoach` runs the CLI."""

from backcoach.cli import run

run()
