"""Where a run's results go: the database while it answers, the journal when it does not.

``Recorder.open`` connects, replays any journal left by earlier runs, marks runs that a
``kill -9`` left ``running`` as ``aborted``, and starts this run's ``runs`` row. If the database
cannot be reached, or is lost at any point later (a dropped connection, a server restart),
every later result of the run goes to this run's journal file; the next run that reaches the
database replays it before it scrapes. A transaction cut off by the loss was rolled back (or,
when only the acknowledgement was lost, committed): either way the journalled copy is applied
exactly once, by its key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .apply import Applied, OfferResult, apply_result, offer_states, pending_holds
from .config import Settings
from .db import Database, connect
from .errors import DatabaseError
from .journal import Journal, ReplayStats, last_attempts, replay
from .store import finish_run, start_run
from .validate import Thresholds

logger = logging.getLogger(__name__)


class Recorder:
    def __init__(self, settings: Settings, token: str, when: Callable[[], datetime]) -> None:
        self.settings = settings
        self.token = token
        self.when = when
        self.limits = Thresholds.of(settings.suspicious_drop, settings.suspicious_rise)
        self.directory = settings.data_dir / "journal"
        self.db: Database | None = None
        self.db_error: str | None = None
        self.run_id: int | None = None
        self.replayed = ReplayStats()
        self.journalled = 0
        self.journal: Journal | None = None
        self._states: dict[tuple[str, str], dict[str, Any]] | None = None
        self._holds: set[tuple[str, str]] | None = None  # offers with a pending suspicious hold

    def _lost(self, exc: BaseException) -> None:
        if self.db_error is None:
            self.db_error = str(exc)
        logger.critical("run=%s product=- database unreachable (%s): journalling results to %s",
                        self.run_id, exc, self.directory)
        if self.db is not None:
            self.db.close()
            self.db = None

    def open(self) -> None:
        started = self.when()
        try:
            self.db = connect(self.settings.database_url)
            self.replayed = replay(self.db, self.directory, self.limits)
            if self.replayed.files:
                logger.info("run=- product=- replayed %d journal file(s): %d results applied, %d already there",
                            self.replayed.files, self.replayed.applied, self.replayed.skipped)
            with self.db.transaction():
                self.db.execute("UPDATE runs SET status = 'aborted', finished_at = :t"
                                " WHERE job = 'scrape' AND status = 'running'", {"t": started})
            self.run_id = start_run(self.db, "scrape", now=started)
            self._holds = pending_holds(self.db)
        except DatabaseError as exc:
            self._lost(exc)
        self.journal = Journal(self.directory, self.token, self.run_id, started)

    def last_attempts(self) -> dict[tuple[str, str], datetime]:
        """When each offer was last attempted: the database's view, plus journalled attempts."""
        latest = {k: v["last_attempt_at"] for k, v in self.states().items()}
        for key, when in last_attempts(self.directory).items():
            if key not in latest or when > latest[key]:
                latest[key] = when
        return latest

    def states(self) -> dict[tuple[str, str], dict[str, Any]]:
        if self.db is None:
            return {}
        if self._states is None:
            try:
                self._states = offer_states(self.db)
            except DatabaseError as exc:
                self._lost(exc)
                return {}
        return self._states

    def write_all(self, results: list[OfferResult]) -> list[Applied | None]:
        """Apply ``results`` (each one attempt) in one transaction, a commit for the lot; None for each
        that went to the journal instead: all of them, when the database fails on any."""
        if self.db is not None:
            try:
                with self.db.transaction():
                    return [apply_result(self.db, r, self.limits, fresh=True, holds=self._holds) for r in results]
            except DatabaseError as exc:
                self._lost(exc)
        assert self.journal is not None
        for result in results:
            self.journal.append(result)
            self.journalled += 1
        return [None] * len(results)

    def finish(self, status: str, stats: dict[str, Any]) -> None:
        if self.db is not None and self.run_id is not None:
            try:
                finish_run(self.db, self.run_id, status, stats, now=self.when())
            except DatabaseError as exc:
                self._lost(exc)
        if self.db is None and self.journal is not None:
            self.journal.end(status, stats)

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
        if self.db is not None:
            self.db.close()
            self.db = None
