"""A set with no rep is not a set done: the machine refuses it and stays on the step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from guided_factories import T0, as_planned, machine

from backcoach.errors import InputError
from backcoach.sessions import ExerciseStep, SetDone, Start


def test_a_zero_rep_set_is_refused_and_the_step_stays() -> None:
    m = machine()
    step = m.send(Start(T0))
    at = T0
    while not isinstance(step, ExerciseStep):
        at += timedelta(seconds=30)
        assert step is not None
        step = m.send(as_planned(step, at))
    before = m.state
    with pytest.raises(InputError, match="reps: a set needs at least 1 rep"):
        m.send(SetDone(at + timedelta(seconds=30), reps=0))
    assert m.state == before
    assert m.step == step
