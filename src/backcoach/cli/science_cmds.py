"""Training-science commands: e1rm, load, warmup."""

from __future__ import annotations
