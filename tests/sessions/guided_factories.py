"""Small constructors for the guided-session tests: one real plan, a tick clock, a default driver."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from backcoach.catalog import Catalog, curated
from backcoach.planning import Plan, PlanItem, Profile, Session, build_plan
from backcoach.sessions import (
    Continue,
    DeclineSubstitute,
    DrillStep,
    Event,
    ExerciseStep,
    GuidedContext,
    GuidedSession,
    PainGuidanceStep,
    PainReported,
    PausedStep,
    RestStep,
    Resume,
    SetDone,
    Start,
    Step,
    SummaryStep,
    sequence,
)

# The profile the brief fixes: a beginner, Monday and Thursday, 45 minutes, dumbbells and a bench.
PROFILE = Profile(
    level="beginner",
    days=("mon", "thu"),
    minutes=45,
    equipment=frozenset({"dumbbells", "bench"}),
    goal="strength",
    start=date(2026, 11, 30),
    bodyweight_kg=80,
)
T0 = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


@cache
def plan() -> Plan:
    built = build_plan(PROFILE)
    assert isinstance(built, Plan)
    return built


@cache
def catalog() -> Catalog:
    return curated()


def monday() -> Session:
    """Week 1, Monday: drills, a ramp, back work, core, a cool-down (the planner decides the rest)."""
    return plan().weeks[0].sessions[0]


def thursday() -> Session:
    """Week 1, Thursday: the session ``machine()`` drives unless a test names another."""
    return plan().weeks[0].sessions[1]


def superset_day() -> Session:
    """A week-1 session with a superset in it, for the tests that walk through one."""
    found = [s for s in plan().weeks[0].sessions if any(i.superset for i in s.items)]
    assert found, "the fixture plan has no superset in week 1: the superset tests need one"
    return found[0]


def worked(session: Session) -> list[PlanItem]:
    """The session's exercises done for working sets (no drills, no ramp sets), in plan order."""
    return [i for i in session.items if i.role not in ("drill", "ramp")]


def main_item(session: Session) -> PlanItem:
    return next(i for i in session.items if i.role == "main")


def sets_of(session: Session, *roles: str) -> int:
    return sum(len(i.sets) for i in session.items if i.role in roles)


def slot_after(session: Session, exercise_id: str) -> str | None:
    """The exercise of the first planned drill or set after ``exercise_id``'s last one."""
    slots = sequence(session)
    last = max(n for n, s in enumerate(slots) if s.exercise_id == exercise_id and s.role != "ramp")
    return slots[last + 1].exercise_id if last + 1 < len(slots) else None


def context(**changes: Any) -> GuidedContext:
    base = GuidedContext.from_profile(PROFILE)
    return GuidedContext(**{**base.__dict__, **changes})


def machine(session: Session | None = None, **context_changes: Any) -> GuidedSession:
    return GuidedSession(
        session if session is not None else thursday(), catalog=catalog(), context=context(**context_changes)
    )


def restore(m: GuidedSession, **context_changes: Any) -> GuidedSession:
    """The machine rebuilt from its state after a trip through JSON text (a page reload)."""
    saved = json.loads(json.dumps(m.state.to_json()))
    return GuidedSession.from_state(saved, catalog=catalog(), context=context(**context_changes))


@dataclass
class Ticks:
    """Event times: each call is ``seconds`` after the last (no clock is ever read)."""

    now: datetime = T0
    seconds: int = 40

    def __call__(self, seconds: int | None = None) -> datetime:
        self.now += timedelta(seconds=self.seconds if seconds is None else seconds)
        return self.now


def as_planned(step: Step, at: datetime) -> Event:
    """The event a person who does everything as planned sends in answer to ``step``."""
    if isinstance(step, DrillStep):
        return SetDone(at, reps=step.reps_max, hold_s=step.hold_s)
    if isinstance(step, ExerciseStep):
        return SetDone(at, reps=step.reps_max, rir=step.rir, hold_s=step.hold_s)
    if isinstance(step, RestStep):
        return Continue(at)
    if isinstance(step, PausedStep):
        return Resume(at)
    if isinstance(step, PainGuidanceStep):
        return DeclineSubstitute(at)
    raise AssertionError(f"nothing to answer to {step!r}")


Policy = Callable[[Step, datetime], Event]


@dataclass
class Run:
    """A session driven to its summary: every event sent and every step received, in order."""

    events: list[Event] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    @property
    def summary(self) -> SummaryStep:
        last = self.steps[-1]
        assert isinstance(last, SummaryStep | PainGuidanceStep)
        summary = last if isinstance(last, SummaryStep) else last.summary
        assert summary is not None
        return summary


def drive(
    m: GuidedSession,
    policy: Policy = as_planned,
    *,
    ticks: Ticks | None = None,
    run: Run | None = None,
    limit: int = 500,
) -> Run:
    """Send Start (unless started) and then ``policy``'s answers until the session is over.

    For a machine already started, the run's steps begin with the step on screen."""
    ticks = ticks or Ticks()
    run = run or Run()
    current = m.step
    if current is None:
        event: Event = Start(ticks())
        run.events.append(event)
        run.steps.append(m.start(event))
    elif not run.steps:
        run.steps.append(current)
    for _ in range(limit):
        step = run.steps[-1]
        if isinstance(step, SummaryStep) or (isinstance(step, PainGuidanceStep) and step.session_over):
            return run
        event = policy(step, ticks())
        run.events.append(event)
        run.steps.append(m.send(event))
    raise AssertionError("the session did not end")


def replay(events: list[Event], m: GuidedSession | None = None) -> tuple[GuidedSession, list[Step]]:
    m = m or machine()
    return m, [m.send(e) for e in events]


def exercise_steps(steps: list[Step]) -> Iterator[DrillStep | ExerciseStep]:
    return (s for s in steps if isinstance(s, DrillStep | ExerciseStep))


def pain(at: datetime, location: str = "shoulder", severity: int = 2, **flags: bool) -> PainReported:
    return PainReported(at, location=location, severity=severity, **flags)
