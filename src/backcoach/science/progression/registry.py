"""The progression rules by stable key, so plans and stored settings can name a rule as a string.

Keys are part of the stored data format: never rename one; add a new key instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Final, Protocol

from backcoach.catalog.catalog import closest
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.progression.double import DoubleProgression
from backcoach.science.progression.linear import LinearProgression
from backcoach.science.progression.records import ProgressionDecision, WorkoutRecord
from backcoach.science.progression.rep_sum import RepSumProgression
from backcoach.science.progression.rpe import RpeProgression
from backcoach.science.progression.two_for_two import TwoForTwo


class ProgressionRule(Protocol):
    """A frozen configuration that turns one exercise's history into the next decision."""

    key: ClassVar[str]

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision: ...


RULES: Final[Mapping[str, type[ProgressionRule]]] = MappingProxyType(
    {
        rule.key: rule
        for rule in (LinearProgression, DoubleProgression, RepSumProgression, RpeProgression, TwoForTwo)
    }
)


def rule_class(key: str) -> type[ProgressionRule]:
    try:
        return RULES[key]
    except KeyError:
        raise UnknownIdError("progression rule", key, closest(key, RULES)) from None


def make_rule(key: str, **config: Any) -> ProgressionRule:
    """The rule registered as ``key`` with ``config`` as its settings."""
    cls = rule_class(key)
    try:
        return cls(**config)
    except TypeError as exc:
        raise InputError(f"progression rule '{key}': {exc}") from None
