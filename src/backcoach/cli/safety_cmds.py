"""Safety commands: screen, pain."""

from __future__ import annotations
