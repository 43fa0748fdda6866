"""The public surface of backcoach.science, pinned so that changes to it are deliberate."""

from __future__ import annotations

import backcoach.science as science
from backcoach.science import progression


def test_science_exports_exactly_its_public_names() -> None:
    public = {name for name in dir(science) if not name.startswith("_")}
    modules = {
        "data",
        "deload",
        "intensity",
        "loading",
        "one_rep_max",
        "plates",
        "recovery",
        "tables",
        "units",
        "volume",
        "warmup",
    }
    assert set(science.__all__) == public - modules
    assert len(science.__all__) == len(set(science.__all__))


def test_every_exported_name_resolves() -> None:
    for name in (*science.__all__, *progression.__all__):
        owner = science if name in science.__all__ else progression
        assert getattr(owner, name) is not None, name


def test_progression_exports_the_rules_and_their_records() -> None:
    assert {
        "LinearProgression",
        "DoubleProgression",
        "RepSumProgression",
        "RpeProgression",
        "TwoForTwo",
        "WorkoutRecord",
        "SetResult",
        "ProgressionDecision",
        "make_rule",
    } <= set(progression.__all__)
