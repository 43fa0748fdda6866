"""The use cases: one module per thing a person does, each on a unit of work that commits before
any door says "done". Web pages, the JSON API, the CLI and background jobs call these and nothing
below them for anything that reads or writes a person's data.

    uow          the unit of work (one transaction, committed by the use case)
    gate         the safety gate: screening and pain holds, for every door
    accounts     sign up, sign in
    profile      the training profile, merged and validated
    screening    PAR-Q+ and red flags, stored
    plan         preview, make and save, the active plan, today's session
    guided       a guided workout: start, events, resume
    log          logging sets, workouts and their JSON shapes
    pain         pain reported outside a workout
    analytics    progress, volume, recovery
    adaptation   the plan adapted after training
    idempotency  replayed answers for repeated unsafe requests
    history_import  importing Strong, Hevy, FitNotes and Fitbod exports; exercise-name corrections
    history_export  the log as Strong, Hevy or neutral CSV; the plan as iCalendar
    backup       a full JSON backup, and its restore into an empty account

Each use case takes the unit of work, the catalogue and the person (and the time now, from the
door's clock) as keyword arguments, and returns typed results with one public JSON shape each.
"""

from backcoach.app.uow import UnitOfWork

__all__ = ["UnitOfWork"]
