"""A planned session laid out as the order things are done in: one slot per drill or set.

The guided session walks these slots in order. Laying them out once keeps the walking simple and
makes the order part of the saved state (so a saved session resumes the same even if the plan is
regenerated meanwhile).

Order and rests, following the planner's own timing (``planning.timing.session_seconds``):

* blocks in plan order; drills one slot each, with no rest step after them (the planner's 15 s
  between drills is moving to the next one, not a countdown);
* ramp (warm-up) sets and working sets one slot each, each followed by its planned ``rest_s``;
* a superset (items sharing a label, e.g. core A1 and arms A2 in different blocks) is laid out
  where its first item stands, alternating A1 set 1, A2 set 1, A1 set 2, ...; there is no rest
  between the two, and the rest after a round is the longer of the two planned rests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # importing planning loads its solver; laying out a session needs only its data
    from backcoach.planning.plan import PlanItem, Session

Status = Literal["pending", "done", "skipped", "stopped"]
STATUSES: tuple[Status, ...] = ("pending", "done", "skipped", "stopped")


@dataclass(frozen=True)
class Slot:
    item: int  # the plan item's position in ``Session.items`` (a substitute keeps it)
    exercise_id: str
    block: str
    role: str  # drill, ramp, main, accessory, core, arms
    set_type: str  # warmup or working
    number: int  # set ``number`` of ``of`` for the item (drill ``number`` of ``of`` in its block)
    of: int
    reps_min: int
    reps_max: int
    load_kg: float | None  # the planned load
    rir: float | None
    rest_s: int  # the rest after this slot, unless the superset partner follows at once
    hold_s: int | None = None
    superset: str | None = None
    position: int | None = None  # 1 or 2 within the superset
    round: int | None = None  # the superset round (the set number)
    note: str | None = None
    replaces: str | None = None  # set on a substitute's slot: the planned exercise it stands in for
    intro: bool = False  # the first slot of a substitute, shown as a SubstituteStep
    status: Status = "pending"

    @property
    def is_drill(self) -> bool:
        return self.role == "drill"

    @property
    def label(self) -> str:
        return f"{self.superset}{self.position}" if self.superset and self.position else ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        if data.get("status") not in STATUSES:
            raise ValueError(f"slot status {data.get('status')!r}")
        return cls(**data)


def sequence(session: Session) -> tuple[Slot, ...]:
    """Every drill and set of ``session`` in the order they are done."""
    items = session.items
    blocks: list[str] = [b.kind for b in session.blocks for _ in b.items]
    laid_out: set[str] = set()
    slots: list[Slot] = []
    for index, item in enumerate(items):
        if item.superset is None:
            slots.extend(_plain(index, item, blocks[index], items, blocks))
        elif item.superset not in laid_out:
            laid_out.add(item.superset)
            pair = [(i, it) for i, it in enumerate(items) if it.superset == item.superset]
            slots.extend(_superset(pair, blocks))
    return tuple(slots)


def _plain(
    index: int, item: PlanItem, block: str, items: tuple[PlanItem, ...], blocks: list[str]
) -> list[Slot]:
    if item.role == "drill":
        drills = [i for i, it in enumerate(items) if it.role == "drill" and blocks[i] == block]
        return [
            Slot(
                item=index,
                exercise_id=item.exercise_id,
                block=block,
                role=item.role,
                set_type=spec.type,
                number=drills.index(index) + 1,
                of=len(drills),
                reps_min=spec.reps_min,
                reps_max=spec.reps_max,
                load_kg=None,
                rir=None,
                rest_s=0,
                hold_s=spec.hold_s,
                note=item.note,
            )
            for spec in item.sets
        ]
    return [
        Slot(
            item=index,
            exercise_id=item.exercise_id,
            block=block,
            role=item.role,
            set_type=spec.type,
            number=n,
            of=len(item.sets),
            reps_min=spec.reps_min,
            reps_max=spec.reps_max,
            load_kg=spec.load_kg,
            rir=spec.rir,
            rest_s=spec.rest_s,
            hold_s=spec.hold_s,
            note=item.note,
        )
        for n, spec in enumerate(item.sets, start=1)
    ]


def _superset(pair: list[tuple[int, PlanItem]], blocks: list[str]) -> list[Slot]:
    rounds = max(len(item.sets) for _, item in pair)
    slots: list[Slot] = []
    for r in range(rounds):
        present = [(pos, i, item) for pos, (i, item) in enumerate(pair, start=1) if r < len(item.sets)]
        rest = max(item.sets[r].rest_s for _, _, item in present)
        for pos, i, item in present:
            spec = item.sets[r]
            slots.append(
                Slot(
                    item=i,
                    exercise_id=item.exercise_id,
                    block=blocks[i],
                    role=item.role,
                    set_type=spec.type,
                    number=r + 1,
                    of=len(item.sets),
                    reps_min=spec.reps_min,
                    reps_max=spec.reps_max,
                    load_kg=spec.load_kg,
                    rir=spec.rir,
                    rest_s=rest,
                    hold_s=spec.hold_s,
                    superset=item.superset,
                    position=pos,
                    round=r + 1,
                    note=item.note,
                )
            )
    return slots
