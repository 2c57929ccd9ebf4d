"""The journal: where a run's results go while the database is unreachable, until a later run replays them.

One file per run, ``DATA_DIR/journal/scrape-<UTC time>-<token>.jsonl``, append-only JSON lines,
each flushed and fsynced before the next result is taken, so a ``kill -9`` loses at most the
line being written (a torn last line is skipped on replay). The first line describes the run,
then one ``result`` line per offer attempt, then (when the run got that far) an ``end`` line
with its summary.

``replay`` applies every file, oldest first, before a run scrapes: each result through
``apply_result`` (which skips keys applied before, so a replay interrupted half-way, or
replayed twice, writes each result once), then deletes the file. A run whose ``runs`` row was
left ``running`` by the lost connection gets its status and stats from the ``end`` line.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from .apply import OfferResult, apply_result
from .atomic import fsync_dir
from .db import Database, utcnow
from .validate import Thresholds

logger = logging.getLogger(__name__)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    raise TypeError(f"cannot journal a {type(value).__name__}")


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$dec" in obj:
            return Decimal(obj["$dec"])
        if "$dt" in obj:
            return datetime.fromisoformat(obj["$dt"])
    return obj


def encode(entry: dict[str, Any]) -> bytes:
    return (json.dumps(entry, default=_default, separators=(",", ":"), sort_keys=True) + "\n").encode()


def decode(line: bytes) -> dict[str, Any]:
    data = json.loads(line, object_hook=_hook)
    if not isinstance(data, dict) or "type" not in data:
        raise ValueError("not a journal entry")
    return data


class Journal:
    """The journal file of one run, opened on the first append."""

    def __init__(self, directory: Path, token: str, run_id: int | None, started_at: datetime) -> None:
        self.directory = directory
        self.token = token
        self.run_id = run_id
        self.started_at = started_at
        self.path = directory / f"scrape-{started_at:%Y%m%dT%H%M%S}-{token}.jsonl"
        self._fh: IO[bytes] | None = None
        self.entries = 0

    def _write(self, entry: dict[str, Any]) -> None:
        if self._fh is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")  # noqa: SIM115 - held open for the run
            fsync_dir(self.directory)
            self._fh.write(encode({"type": "run", "token": self.token, "run_id": self.run_id,
                                   "started_at": self.started_at}))
        self._fh.write(encode(entry))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def append(self, result: OfferResult) -> None:
        self._write({"type": "result", "result": result.as_dict()})
        self.entries += 1

    def end(self, status: str, stats: dict[str, Any]) -> None:
        if self._fh is not None:
            self._write({"type": "end", "status": status, "stats": stats, "finished_at": utcnow()})

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def pending_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("scrape-*.jsonl")) if directory.is_dir() else []


def read(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of one journal file; a torn or garbled line is logged and skipped."""
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield decode(line)
            except (ValueError, TypeError) as exc:
                torn = not line.endswith(b"\n")
                logger.warning("journal %s line %d %s: %s", path.name, n,
                               "is torn (the run was killed while writing it)" if torn else "is unreadable", exc)


def last_attempts(directory: Path) -> dict[tuple[str, str], datetime]:
    """The latest attempt per offer in the journal not yet replayed (for the schedule)."""
    latest: dict[tuple[str, str], datetime] = {}
    for path in pending_files(directory):
        for entry in read(path):
            if entry["type"] == "result":
                r = entry["result"]
                key = (r["product_id"], r["retailer"])
                latest[key] = max(latest.get(key, r["attempted_at"]), r["attempted_at"])
    return latest


@dataclass
class ReplayStats:
    files: int = 0
    applied: int = 0
    skipped: int = 0  # applied before (a replay interrupted half-way, or a lost commit acknowledgement)


def replay(db: Database, directory: Path, limits: Thresholds) -> ReplayStats:
    """Apply every pending journal file to ``db``, oldest first, then delete it.

    Raises DatabaseError when the database goes away meanwhile (the file stays for next time).
    """
    stats = ReplayStats()
    for path in pending_files(directory):
        run_id, end = None, None
        for entry in read(path):
            if entry["type"] == "run":
                run_id = entry.get("run_id")
            elif entry["type"] == "result":
                applied = apply_result(db, OfferResult.from_dict(entry["result"]), limits)
                if applied.already:
                    stats.skipped += 1
                else:
                    stats.applied += 1
            elif entry["type"] == "end":
                end = entry
        if run_id is not None:
            with db.transaction():
                db.execute("UPDATE runs SET status = :s, finished_at = :t, stats = :stats"
                           " WHERE id = :id AND status = 'running'",
                           {"s": end["status"] if end else "aborted",
                            "t": end["finished_at"] if end else utcnow(),
                            "stats": json.dumps(end["stats"] if end else {"journal": path.name}, sort_keys=True,
                                                default=str), "id": run_id})
        path.unlink()
        fsync_dir(directory)
        stats.files += 1
        logger.info("replayed journal %s", path.name)
    return stats
