"""The unit of work: one transaction that a use case commits before anyone is told "done".

Every use case takes a ``UnitOfWork`` and runs its reads and writes inside ``with uow:``; the
outermost ``with`` commits when its block returns and rolls back when it raises. A door therefore
answers (a 2xx, a redirect, a CLI exit 0) only after the commit has returned, which on SQLite
(WAL, ``synchronous=FULL``) and PostgreSQL means the write is on disk (``store.db``). Nested
``with uow:`` blocks join the outer transaction, so a door may wrap a use case together with its
own bookkeeping (an idempotency record) and both commit at once, or neither.

This is the unit-of-work pattern of SQLAlchemy's session documentation ("When do I construct a
Session, when do I commit it") at the use-case boundary, as in full-stack-fastapi-template's crud
functions, but with the commit owned by the use case rather than by a request teardown: FastAPI
runs a ``yield`` dependency's teardown after the response is sent, which acknowledged writes that
a crash could still lose.

The transaction begins lazily, on first use of ``session``: a door may resolve who is asking in it
and the use case continues the same transaction. After a commit the next use of ``session``
begins a new one.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcoach.store.db import READONLY


class UnitOfWork:
    """A lazily begun transaction on ``engine``; ``readonly`` ones take no SQLite write lock."""

    def __init__(self, engine: Engine, *, readonly: bool = False) -> None:
        self.engine = engine
        self.readonly = readonly
        self._session: Session | None = None
        self._depth = 0
        self.commits = 0  # how many transactions this unit has committed (tests, diagnostics)

    @property
    def session(self) -> Session:
        """The transaction's session, begun on first use."""
        if self._session is None:
            bind = self.engine.execution_options(**{READONLY: True}) if self.readonly else self.engine
            self._session = Session(bind, expire_on_commit=False, autobegin=True)
        return self._session

    @property
    def active(self) -> bool:
        """Whether a transaction is open (begun and neither committed nor rolled back yet)."""
        return self._session is not None

    def __enter__(self) -> Session:
        self._depth += 1
        return self.session

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if exc_type is not None:
            self.rollback()
        elif self._depth == 0:
            self.commit()

    def commit(self) -> None:
        """Commit what was done so far; returns only once the database has it."""
        if self._session is not None:
            try:
                self._session.commit()
            finally:
                self._close()
            self.commits += 1

    def rollback(self) -> None:
        if self._session is not None:
            try:
                self._session.rollback()
            finally:
                self._close()

    def close(self) -> None:
        """End the unit: whatever was not committed is rolled back."""
        self.rollback()

    def _close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()

    def __repr__(self) -> str:
        state = "open" if self._session is not None else "idle"
        return f"<UnitOfWork {self.engine.dialect.name} {state} depth={self._depth}>"
