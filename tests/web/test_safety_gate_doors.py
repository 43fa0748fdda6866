"""The safety gate holds at every door: random sequences of what a person does (screen, plan, start,
log, pain, clear) go through the CLI, the JSON API and the pages, each on its own database, and every
outcome is checked against one model of what is allowed.

The model (``Model``): a person is held while they have no screening, while their latest screening
says to see a professional or get urgent care, and after a pain report that called for professional
advice (or urgent care) until a later screening. Held, no plan is saved and no workout started; and
every door answers each step alike (done, refused for the same reason, or refused as input).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from web_helpers import API, TEST_SECRET, Visitor, open_visitor

from backcoach.app import UnitOfWork, profile
from backcoach.app.gate import _MESSAGES, HoldCode
from backcoach.catalog import curated
from backcoach.safety import PainAction, PainReport, assess_pain
from backcoach.store import default_user, ensure_schema, make_engine
from backcoach.web import create_app
from backcoach.web.settings import load_web_settings

TODAY = datetime.now().astimezone().date()
WEEKDAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[TODAY.weekday()]
# One session a week, on today's weekday: the plan's first session is today, so "start" can start.
PROFILE: dict[str, Any] = {
    "level": "beginner",
    "days": [WEEKDAY],
    "minutes": 30,
    "goal": "posture",
    "equipment": ["dumbbells", "bench"],
}
SCREENINGS: dict[str, dict[str, bool]] = {
    "cleared": {},
    "start_gently": {"age_over_45_unaccustomed": True},
    "see_professional": {"parq1": True},
    "emergency": {"redflag_saddle_numbness": True},
}
PAINS: dict[str, dict[str, Any]] = {
    "mild": {"location": "lower_back", "severity": 2},
    "nerve": {"location": "lower_back", "severity": 6, "radiating": True, "numbness": True},
    "saddle": {"location": "lower_back", "severity": 5, "saddle_numbness": True},
}
SERIOUS = {PainAction.SEEK_CARE, PainAction.EMERGENCY}

Action = tuple[str, str]  # (kind, argument)
actions = st.one_of(
    st.sampled_from([("screen", o) for o in SCREENINGS]),
    st.just(("plan", "")),
    st.just(("start", "")),
    st.just(("log", "")),
    st.sampled_from([("pain", p) for p in PAINS]),
)


@dataclass
class Model:
    """What the safety rules allow, from what was done so far."""

    screening: str | None = None
    pain_since: PainAction | None = None

    def hold(self) -> str | None:
        if self.screening is None:
            return HoldCode.SCREENING_REQUIRED.value
        if self.screening in ("emergency", "see_professional"):
            return self.screening
        if self.pain_since is PainAction.EMERGENCY:
            return HoldCode.EMERGENCY.value
        if self.pain_since is PainAction.SEEK_CARE:
            return HoldCode.PAIN_HOLD.value
        return None

    def apply(self, action: Action) -> None:
        kind, argument = action
        if kind == "screen":
            self.screening, self.pain_since = argument, None
        elif kind == "pain":
            decision = assess_pain(PainReport(**PAINS[argument]))
            if decision.action in SERIOUS and (
                self.pain_since is None or decision.action.rank > self.pain_since.rank
            ):
                self.pain_since = decision.action


@dataclass
class Outcome:
    """How a door answered: done, held (with the gate's code where the door says it), refused."""

    kind: str  # ok, held, refused
    code: str | None = None

    def __str__(self) -> str:
        return self.kind + (f":{self.code}" if self.code else "")


GATED = {"plan", "start"}
HELD_MESSAGES = {message: code.value for code, message in _MESSAGES.items()}


# ---------------------------------------------------------------------- the three doors


def _prepare(url: str) -> None:
    """The person's profile, stored before the doors are tried (profiles are not gated)."""
    engine = make_engine(url)
    ensure_schema(engine)
    try:
        uow = UnitOfWork(engine)
        with uow as db:
            user = default_user(db)
        profile.save(uow, catalog=curated(), user=user, changes=PROFILE, now=datetime.now().astimezone())
    finally:
        engine.dispose()


@dataclass
class ApiDoor:
    visitor: Visitor

    def do(self, action: Action) -> Outcome:
        kind, argument = action
        v = self.visitor
        if kind == "screen":
            r = v.post(f"{API}/screening", json={"answers": SCREENINGS[argument]})
        elif kind == "plan":
            r = v.post(f"{API}/plan")
        elif kind == "start":
            r = v.post(f"{API}/guided/start", json={})
        elif kind == "log":
            r = v.post(f"{API}/sets", json={"exercise_id": "prone-y-raise", "sets": [{"reps": 10}]})
        else:
            r = v.post(f"{API}/pain", json=PAINS[argument])
        assert r.status_code < 500, r.text
        if r.status_code < 300:
            return Outcome("ok")
        body = r.json()
        if r.status_code == 409 and "code" in body:
            return Outcome("held", body["code"])
        return Outcome("refused")


@dataclass
class PageDoor:
    visitor: Visitor

    def do(self, action: Action) -> Outcome:
        kind, argument = action
        v = self.visitor
        if kind == "screen":
            r = v.form("/onboarding/screening", dict.fromkeys(SCREENINGS[argument], "yes"))
        elif kind == "plan":
            r = v.form("/plan/regenerate", {})
        elif kind == "start":
            r = v.form("/workout/start", {})
        elif kind == "log":
            return Outcome("ok")  # the pages log sets only inside a guided workout
        else:
            pain = PAINS[argument]
            r = v.form("/workout/pain", {k: ("on" if val is True else val) for k, val in pain.items()})
        assert r.status_code < 500, r.text
        if r.status_code == 409:
            # The page says why in words, and the way on: answer the safety questions (again).
            assert "/onboarding/screening" in r.text, r.text
            return Outcome("held")
        if r.status_code < 400:
            return Outcome("ok")
        return Outcome("refused")


@dataclass
class CliDoor:
    url: str
    home: Path
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, *args: str, stdin: str | None = None) -> tuple[int, str]:
        from backcoach.cli import app

        env = {"BACKCOACH_HOME": str(self.home), "BACKCOACH_DATABASE_URL": self.url}
        result = self.runner.invoke(app, [*args, "--db", self.url], input=stdin, env=env)
        assert "Traceback" not in result.output, result.output
        assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, result.output)
        return result.exit_code, result.output

    def do(self, action: Action) -> Outcome:
        kind, argument = action
        if kind == "screen":
            answers = self.home / "answers.json"
            answers.write_text(json.dumps(SCREENINGS[argument]))
            code, out = self.run("screen", "--answers", str(answers), "--json")
        elif kind == "plan":
            code, out = self.run("plan", "--save", "--json")
        elif kind == "start":
            code, out = self.run("start", "--no-wait", stdin="q\n" * 3)
        elif kind == "log":
            code, out = self.run("log", "prone-y-raise", "0x10", "--json")
        else:
            pain = PAINS[argument]
            flags = [f"--{k.replace('_', '-')}" for k, val in pain.items() if val is True]
            code, out = self.run(
                "pain", "--location", pain["location"], "--severity", str(pain["severity"]), *flags, "--json"
            )
        if code == 0:
            return Outcome("ok")
        if code == 3:
            said = next((c for m, c in HELD_MESSAGES.items() if m in " ".join(out.split())), None)
            return Outcome("held", said)
        return Outcome("refused")


@contextmanager
def doors() -> Iterator[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        urls = {name: f"sqlite:///{root / name}.db" for name in ("api", "pages", "cli")}
        for url in urls.values():
            _prepare(url)
        apps = [
            create_app(
                load_web_settings(
                    environment="test", secret_key=TEST_SECRET, database_url=urls[name], single_user=True
                )
            )
            for name in ("api", "pages")
        ]
        try:
            yield {
                "api": ApiDoor(open_visitor(apps[0])),
                "pages": PageDoor(open_visitor(apps[1])),
                "cli": CliDoor(urls["cli"], root),
            }
        finally:
            for app in apps:
                app.state.engine.dispose()


def check_sequence(sequence: list[Action]) -> None:
    model = Model()
    with doors() as by_door:
        for step, action in enumerate(sequence):
            expected = model.hold() if action[0] in GATED else None
            outcomes = {name: door.do(action) for name, door in by_door.items()}
            where = f"step {step} {action} after {sequence[:step]}: {outcomes}"
            kinds = {o.kind for o in outcomes.values()}
            assert len(kinds) == 1, f"the doors disagree at {where}"
            if expected is not None:
                assert kinds == {"held"}, f"not held at {where} (model: {expected})"
                for name in ("api", "cli"):  # the doors that name the reason
                    assert outcomes[name].code == expected, f"{name} gave another reason at {where}"
            else:
                assert kinds != {"held"}, f"held without a reason at {where}"
            model.apply(action)


@pytest.mark.parametrize(
    "sequence",
    [
        [("plan", ""), ("start", "")],  # nothing before screening
        [("screen", "cleared"), ("plan", ""), ("start", ""), ("pain", "nerve"), ("start", ""), ("plan", "")],
        [("screen", "see_professional"), ("plan", ""), ("screen", "cleared"), ("plan", "")],
        [("screen", "cleared"), ("plan", ""), ("pain", "saddle"), ("start", ""), ("screen", "cleared")],
        [("screen", "start_gently"), ("plan", ""), ("pain", "mild"), ("start", ""), ("log", "")],
        [("screen", "emergency"), ("start", ""), ("pain", "mild"), ("plan", "")],
    ],
    ids=["unscreened", "pain-hold", "referral-then-cleared", "emergency-pain", "mild-pain", "emergency"],
)
def test_every_door_holds_the_same_person_the_same_way(sequence: list[Action]) -> None:
    check_sequence(sequence)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(actions, min_size=1, max_size=6))
def test_random_sequences_never_train_a_held_person_at_any_door(sequence: list[Action]) -> None:
    check_sequence(sequence)
