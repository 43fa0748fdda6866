"""The fixed choices of the CLI's options, as plain literals.

Typer reads each command's option types when it builds the help, so types taken from the domain's
enums would import the catalogue and the planner for ``backcoach --help``. These literals carry the
same values; ``tests/cli/test_choices.py`` pins each one to its enum, so they cannot drift apart.
"""

from __future__ import annotations

from typing import Literal

Level = Literal["beginner", "intermediate", "advanced"]  # catalog.Level
Region = Literal["upper_back", "lower_back", "other"]  # catalog.Region
Setting = Literal["home", "gym"]  # catalog.Setting
Category = Literal["back", "core", "arms", "warmup", "cooldown", "mobility", "other"]  # catalog.Category
Goal = Literal["strength", "posture", "hypertrophy", "low_back"]  # planning.profile.Goal
Screening = Literal["cleared", "start_gently", "see_professional", "emergency"]  # planning.profile.Screening
Unit = Literal["kg", "lb"]  # planning.profile.Unit, science.units.UNITS
SetType = Literal["warmup", "working", "drop", "failure", "cooldown"]  # sessions.records.SetType

# safety.BodyRegion: where pain can be, besides a muscle id
BODY_REGIONS = ("neck", "upper_back", "lower_back", "shoulder", "elbow", "wrist", "hip", "knee", "leg")
