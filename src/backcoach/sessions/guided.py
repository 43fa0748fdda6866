"""The guided workout: a pure state machine that turns events into the next step (sans-I/O).

The shell renders steps and feeds events; the machine never reads a clock, prints or stores
anything (STYLE.md §3, httpx's auth flow). The same events always give the same steps, and the
whole state is plain data (``sessions.state``) that survives a JSON round trip, so a web page can
reload mid-session::

    machine = GuidedSession(plan_session, catalog=catalog, context=GuidedContext.from_profile(p))
    step = machine.start(Start(at=now))
    step = machine.send(SetDone(at=now, reps=10, rir=2))
    saved = machine.state.to_json()
    machine = GuidedSession.from_state(saved, catalog=catalog, context=context)

An event that makes no sense in the current state raises InputError (one line, nothing changed);
so does an event dated before the previous one. The shell ends a rest (or moves on after reading
the pain guidance) with ``Continue``: the machine has no clock to end it by itself.

Pain (``PainReported``) is accepted at any point and always answered by the safety core
(``safety.pain.assess_pain``) with the exercise under way: the set or drill on screen, during a rest
the one just done, while paused the one paused. Whatever it decides, that exercise never continues
as planned: every one of its remaining sets is stopped.

* stop_exercise: guidance, with a lighter substitute when the safety core found one and sets are
  left; AcceptSubstitute gives the substitute those sets in their places (at its own catalogue
  dose, gentle end for holds, and no planned load; the first is a SubstituteStep when it comes up,
  which in a superset may be after the partner's set), DeclineSubstitute or Continue moves on
  without it. A substitute is not offered when pain stopped it earlier today, nor when it needs
  equipment the person does not have (``GuidedContext.equipment``).
* end_session, seek_care, emergency: guidance and the session is over; the guidance step carries
  the summary. There is no cool-down after such pain: the safety core said stop, and any
  movement might aggravate it; the guidance says only to rest (slow breathing if comfortable).
* After the session is over a pain report is still assessed and recorded (never ignored).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise
from backcoach.errors import InputError
from backcoach.safety.pain import PainAction, assess_pain
from backcoach.sessions.context import Env, GuidedContext
from backcoach.sessions.events import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    Event,
    Finish,
    PainReported,
    Pause,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
    Start,
)
from backcoach.sessions.records import MAX_REST_S, LoggedSet, PainEntry, SetType, Target
from backcoach.sessions.render import load_advice, render
from backcoach.sessions.sequence import Slot, Status, sequence
from backcoach.sessions.state import Guidance, GuidedState, Phase
from backcoach.sessions.steps import Step

if TYPE_CHECKING:  # importing planning loads its solver; the machine needs only the session's data
    from backcoach.planning.plan import Session


class GuidedSession:
    """Drives one planned session: ``start`` then ``send`` events; each returns the next step."""

    def __init__(self, session: Session, *, catalog: Catalog, context: GuidedContext) -> None:
        for item in session.items:
            catalog.exercise(item.exercise_id)  # an unknown id fails here, not mid-session
        self._env = Env(catalog, context)
        self._state = GuidedState(session_date=session.date, slots=sequence(session))

    @classmethod
    def from_state(
        cls, state: GuidedState | Mapping[str, Any], *, catalog: Catalog, context: GuidedContext
    ) -> GuidedSession:
        """The machine as it was when ``state`` (or its ``to_json()``) was taken."""
        restored = state if isinstance(state, GuidedState) else GuidedState.from_json(state)
        for slot in restored.slots:
            catalog.exercise(slot.exercise_id)
        machine = cls.__new__(cls)
        machine._env = Env(catalog, context)
        machine._state = restored
        return machine

    @property
    def state(self) -> GuidedState:
        return self._state

    @property
    def step(self) -> Step | None:
        """The step on screen now (None before Start); after a reload, what to show again."""
        return render(self._state, self._env)

    def start(self, event: Start) -> Step:
        if not isinstance(event, Start):
            raise InputError(f"start: expected a Start event, got {type(event).__name__}")
        return self.send(event)

    def send(self, event: Event) -> Step:
        """Apply ``event`` and return the next step; an event that makes no sense raises InputError."""
        state = _advance(self._state, event, self._env)
        step = render(state, self._env)
        assert step is not None  # only the ready phase renders nothing, and no event returns to it
        self._state = state
        return step


# ---------------------------------------------------------------------- transitions


def _advance(state: GuidedState, event: Event, env: Env) -> GuidedState:
    if state.last_at is not None and event.at < state.last_at:
        raise InputError(
            f"at: {event.at.isoformat()} is before the previous event ({state.last_at.isoformat()})"
        )
    if state.phase == "ready":
        if isinstance(event, Start):
            return _next(replace(state, started_at=event.at), event, rest_from=None)
        raise InputError("the session has not started: send Start first")
    if isinstance(event, Start):
        raise InputError("the session has already started")
    if isinstance(event, PainReported):
        return _pain(state, event, env)
    if state.phase == "over":
        if isinstance(event, Finish):
            return replace(state, guidance=None, last_at=event.at)
        raise InputError("the session is over: only a pain report or Finish (the summary) is accepted")
    if isinstance(event, Finish):
        return _end(state, event, "finished", stop_pending=False)
    if state.phase == "paused":
        if isinstance(event, Resume):
            return _resume(state, event)
        raise InputError("the session is paused: send Resume to carry on")
    if isinstance(event, Resume):
        raise InputError("the session is not paused")
    if isinstance(event, Pause):
        return _pause(state, event)
    if state.phase == "active":
        return _active(state, event, env)
    if state.phase == "rest":
        return _rest(state, event)
    return _pain_answer(state, event, env)


def _active(state: GuidedState, event: Event, env: Env) -> GuidedState:
    cursor = state.position
    if isinstance(event, SetDone):
        if event.reps == 0:  # no rep, no hold: not a set done, and never counted as one
            raise InputError("reps: a set needs at least 1 rep; skip a set you did not do")
        logged = _logged(state, cursor, event, env)
        state = replace(state, slots=_mark(state.slots, [cursor], "done"), sets=(*state.sets, logged))
        return _next(replace(state, rest_taken_s=None), event, rest_from=cursor)
    if isinstance(event, Skip):
        return _next(replace(state, slots=_mark(state.slots, [cursor], "skipped")), event, rest_from=None)
    if isinstance(event, SkipExercise):
        return _next(_skip_item(state, state.slots[cursor].item), event, rest_from=None)
    raise InputError(f"{_name(event)}: log the set (SetDone), skip it, or report pain")


def _rest(state: GuidedState, event: Event) -> GuidedState:
    if isinstance(event, Continue | Skip):
        taken = _rest_taken(state, event)
        return replace(state, phase="active", rest_taken_s=taken, last_at=event.at, **_NO_REST)
    if isinstance(event, SkipExercise):
        return _next(_skip_item(state, state.slots[state.position].item), event, rest_from=None)
    raise InputError(f"{_name(event)}: this is a rest; send Continue when it is over, or Skip it")


def _pain_answer(state: GuidedState, event: Event, env: Env) -> GuidedState:
    guidance = state.guidance
    assert guidance is not None
    if isinstance(event, AcceptSubstitute):
        if guidance.substitute is None or guidance.exercise_id is None:
            raise InputError("no substitute was offered: send DeclineSubstitute or Continue")
        slots = _substitute(state.slots, guidance, env)
        return _next(replace(state, slots=slots, guidance=None), event, rest_from=None)
    if isinstance(event, DeclineSubstitute | Continue):
        return _next(replace(state, guidance=None), event, rest_from=None)
    raise InputError(f"{_name(event)}: answer the pain guidance first (accept or decline, or continue)")


def _pause(state: GuidedState, event: Pause) -> GuidedState:
    left = state.rest_s
    if state.phase == "rest" and state.rest_began is not None:
        left = max(0, state.rest_s - int((event.at - state.rest_began).total_seconds()))
    return replace(
        state, phase="paused", paused_from=state.phase, paused_at=event.at, rest_s=left, last_at=event.at
    )


def _resume(state: GuidedState, event: Resume) -> GuidedState:
    back: Phase = state.paused_from or "active"
    began = event.at if back == "rest" else state.rest_began
    return replace(state, phase=back, paused_from=None, paused_at=None, rest_began=began, last_at=event.at)


def _end(state: GuidedState, event: Event, ended_by: str, *, stop_pending: bool) -> GuidedState:
    slots = state.slots
    if stop_pending:
        slots = _mark(slots, [i for i, s in enumerate(slots) if s.status == "pending"], "stopped")
    return replace(
        state,
        slots=slots,
        phase="over",
        cursor=None,
        paused_from=None,
        paused_at=None,
        guidance=None,
        ended_at=event.at,
        ended_by=ended_by,
        last_at=event.at,
        **_NO_REST,
    )


_NO_REST: dict[str, Any] = {"rest_s": 0, "rest_began": None, "rest_after": None}


def _next(state: GuidedState, event: Event, *, rest_from: int | None) -> GuidedState:
    """Move to the first pending slot: after a set, through its rest; none left, the end."""
    upcoming = next((i for i, s in enumerate(state.slots) if s.status == "pending"), None)
    if upcoming is None:
        return _end(state, event, "completed", stop_pending=False)
    base = replace(state, cursor=upcoming, guidance=None, last_at=event.at, paused_from=None, paused_at=None)
    if rest_from is not None and _rests(state.slots[rest_from], state.slots[upcoming]):
        rest = state.slots[rest_from].rest_s
        return replace(base, phase="rest", rest_s=rest, rest_began=event.at, rest_after=rest_from)
    return replace(base, phase="active", **_NO_REST)


def _rests(done: Slot, upcoming: Slot) -> bool:
    if done.is_drill or done.rest_s <= 0:
        return False
    partner_follows = (
        done.superset is not None
        and upcoming.superset == done.superset
        and upcoming.round == done.round
        and upcoming.item != done.item
    )
    return not partner_follows


def _mark(slots: tuple[Slot, ...], indices: list[int], status: Status) -> tuple[Slot, ...]:
    chosen = set(indices)
    return tuple(replace(s, status=status) if i in chosen else s for i, s in enumerate(slots))


def _skip_item(state: GuidedState, item: int) -> GuidedState:
    indices = [i for i, s in enumerate(state.slots) if s.item == item and s.status == "pending"]
    return replace(state, slots=_mark(state.slots, indices, "skipped"))


def _rest_taken(state: GuidedState, event: Event) -> int | None:
    if not state.sets:
        return None
    seconds = int((event.at - state.sets[-1].performed_at).total_seconds())
    return max(0, min(MAX_REST_S, seconds))


def _name(event: Event) -> str:
    return type(event).__name__


def _logged(state: GuidedState, index: int, event: SetDone, env: Env) -> LoggedSet:
    slot = state.slots[index]
    advice = load_advice(state, slot, env)
    load = event.load_kg if event.load_kg is not None else advice.kg
    hold = event.hold_s if event.hold_s is not None else slot.hold_s
    kind = SetType.WORKING if slot.set_type == "working" and not slot.is_drill else SetType.WARMUP
    if kind is SetType.WARMUP and slot.block == "cooldown":
        kind = SetType.COOLDOWN  # a stretch after the work is not a warm-up
    return LoggedSet(
        exercise_id=slot.exercise_id,
        performed_at=event.at,
        reps=event.reps,
        load_kg=load,
        set_type=kind,
        rir=event.rir,
        rest_s=state.rest_taken_s,
        target=Target(slot.reps_min, slot.reps_max, advice.kg, slot.rir),
        entered_unit=env.context.unit,
        hold_s=hold,
        note=event.note,
    )


# ---------------------------------------------------------------------- pain


def _pain(state: GuidedState, event: PainReported, env: Env) -> GuidedState:
    over = state.phase == "over"
    exercise_id = None if over else _under_way(state)
    exercise = env.exercise(exercise_id) if exercise_id is not None else None
    slots = state.slots
    newly: list[int] = []
    if exercise_id is not None:
        newly = [i for i, s in enumerate(slots) if s.status == "pending" and s.exercise_id == exercise_id]
        slots = _mark(slots, newly, "stopped")
    stopped = state.stopped if exercise_id is None else tuple(dict.fromkeys((*state.stopped, exercise_id)))
    earlier = state.guidance.stopped if state.guidance is not None and not over else ()
    takeable = tuple(sorted({*earlier, *(i for i in newly if slots[i].role != "ramp")}))
    report = event.report()
    decision = assess_pain(report, exercise=exercise if takeable else None, catalog=env.catalog)
    reasons = decision.reasons
    substitute = decision.substitute
    refusal = _refuse_substitute(substitute, stopped, env)
    if refusal is not None:
        reasons = (*reasons[:-1], refusal)  # the safety core's last reason names the substitute
        substitute = None
    if exercise is not None and not takeable and decision.action is PainAction.STOP_EXERCISE:
        reasons = (*reasons, f"{exercise.name} has no sets left today.")
    entry = PainEntry(
        reported_at=event.at,
        location=report.location,
        severity=report.severity,
        sharp=report.sharp,
        radiating=report.radiating,
        numbness=report.numbness,
        exercise_id=exercise_id,
        action=decision.action.value,
    )
    guidance = Guidance(decision.action.value, decision.headline, reasons, exercise_id, substitute, takeable)
    state = replace(state, slots=slots, stopped=stopped, pain=(*state.pain, entry))
    if over:
        return replace(state, guidance=guidance, last_at=event.at)
    if decision.action is not PainAction.STOP_EXERCISE:
        ended = _end(state, event, "pain", stop_pending=True)
        return replace(ended, guidance=replace(guidance, substitute=None, stopped=()))
    return replace(
        state,
        phase="pain",
        guidance=guidance,
        paused_from=None,
        paused_at=None,
        rest_taken_s=None,
        last_at=event.at,
        **_NO_REST,
    )


def _refuse_substitute(substitute: str | None, stopped: tuple[str, ...], env: Env) -> str | None:
    """Why the safety core's substitute is not offered here, or None when it is."""
    if substitute is None:
        return None
    sub = env.exercise(substitute)
    if substitute in stopped:
        return f"{sub.name} was stopped by pain earlier today, so it is not offered."
    have = env.context.equipment
    missing = [e for e in sub.equipment if have is not None and e not in have]
    if missing:
        return f"{sub.name} needs equipment you have not listed ({', '.join(missing)}), so it is not offered."
    return None


def _under_way(state: GuidedState) -> str | None:
    """The exercise a pain report is about: on screen, just done (rest), or paused."""
    phase = state.paused_from if state.phase == "paused" else state.phase
    if phase == "active" and state.cursor is not None:
        return state.slots[state.cursor].exercise_id
    if phase == "rest" and state.rest_after is not None:
        return state.slots[state.rest_after].exercise_id
    if phase == "pain" and state.guidance is not None:
        return state.guidance.exercise_id
    return None


def _substitute(slots: tuple[Slot, ...], guidance: Guidance, env: Env) -> tuple[Slot, ...]:
    assert guidance.substitute is not None and guidance.exercise_id is not None
    sub = env.exercise(guidance.substitute)
    takeover = set(guidance.stopped)
    first = min(takeover)
    out = []
    for i, slot in enumerate(slots):
        if i in takeover:
            # ``replaces`` keeps naming the planned exercise when a substitute is itself replaced
            slot = _as_substitute(slot, sub, slot.replaces or guidance.exercise_id, intro=i == first)
        out.append(slot)
    return tuple(out)


def _as_substitute(slot: Slot, sub: Exercise, replaces: str, *, intro: bool) -> Slot:
    """The slot done with ``sub`` instead: its own catalogue dose (gentle end for holds), no load."""
    reps_min, reps_max, hold = slot.reps_min, slot.reps_max, slot.hold_s
    dose = sub.dose
    if dose is not None and dose.kind in ("hold_s", "time_s"):
        reps_min, reps_max, hold = 1, 1, max(1, int(dose.range.min))
    elif dose is not None:
        reps_min, reps_max, hold = max(1, int(dose.range.min)), max(1, int(dose.range.max)), None
    return replace(
        slot,
        exercise_id=sub.id,
        reps_min=reps_min,
        reps_max=reps_max,
        hold_s=hold,
        load_kg=None,
        replaces=replaces,
        intro=intro,
        status="pending",
    )
