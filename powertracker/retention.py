"""Retention, applied daily by cleanup_logs.py.

- A rotating log keeps its backup count of rotated files (``LOG_FILES`` in
  logs.py); older numbered files (``scraping.log.11`` ...) are removed.
- ``daily_summary.log`` gets one line per UTC day, computed from scrape_log,
  price_history, runs (builds and their pages) and the deploy records in
  ``DATA_DIR/jobs.jsonl`` (bytes deployed): yesterday's, plus any missed day
  of the last 30. A day already in the file is never written again, and
  lines older than 30 days are dropped.
- Then scrape_log rows older than SCRAPE_LOG_KEEP_DAYS are folded into daily
  counts (aggregate.py), and job records older than 60 days leave jobs.jsonl.

``cleanup(..., dry_run=True)`` computes the same plan and changes nothing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from . import jobstatus
from .aggregate import PruneResult, prune_scrape_log
from .atomic import write_atomically
from .config import Settings
from .db import Database, connect, utcnow
from .errors import DatabaseError
from .logs import LOG_FILES

logger = logging.getLogger(__name__)

SUMMARY_DAYS = 30
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2}) ")


@dataclass(frozen=True)
class Removal:
    path: Path
    size_bytes: int


@dataclass
class CleanupResult:
    dry_run: bool
    removed: list[Removal] = field(default_factory=list)
    summary_written: list[str] = field(default_factory=list)  # lines added to daily_summary.log
    summary_trimmed: int = 0  # lines dropped from it (older than 30 days, or not dated)
    error: str | None = None  # the database could not be read: no summary written, nothing pruned
    pruned: PruneResult | None = None
    history_trimmed: int = 0  # job records dropped from jobs.jsonl

    def as_json(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "error": self.error, "summary_trimmed": self.summary_trimmed,
                "summary_written": self.summary_written, "history_trimmed": self.history_trimmed,
                "scrape_log": None if self.pruned is None else self.pruned.as_json(),
                "removed": [{"path": str(r.path), "size_bytes": r.size_bytes} for r in self.removed]}


def excess_rotated(log_dir: Path) -> list[Removal]:
    """Rotated files numbered beyond their log's backup count, oldest number last."""
    found = []
    for filename, max_bytes, backups, _names in LOG_FILES.values():
        if not max_bytes:  # daily_summary.log does not rotate; its count is days
            continue
        for path in log_dir.glob(filename + ".*"):
            suffix = path.name[len(filename) + 1:]
            if suffix.isdigit() and int(suffix) > backups and path.is_file():
                found.append((filename, int(suffix), Removal(path, path.stat().st_size)))
    return [r for _f, _n, r in sorted(found, key=lambda x: (x[0], x[1]))]


def day_figures(db: Database, day: date) -> dict[str, int]:
    """What happened on one UTC day: attempts, successes, price changes, new offers, runs."""
    span = {"a": datetime.combine(day, time(), UTC), "b": datetime.combine(day + timedelta(days=1), time(), UTC)}
    attempts = db.query(
        "SELECT COUNT(*) AS n, SUM(CASE WHEN outcome IN ('ok', 'not_modified') THEN 1 ELSE 0 END) AS ok"
        " FROM scrape_log WHERE attempted_at >= :a AND attempted_at < :b", span)[0]
    rows = db.query(
        "SELECT h.price, (SELECT p.price FROM price_history p WHERE p.product_id = h.product_id"
        " AND p.retailer = h.retailer AND p.id < h.id ORDER BY p.id DESC LIMIT 1) AS previous_price"
        " FROM price_history h WHERE h.first_seen >= :a AND h.first_seen < :b", span)
    runs = db.query(
        "SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END) AS ok"
        " FROM runs WHERE started_at >= :a AND started_at < :b", span)[0]
    builds = db.query("SELECT stats FROM runs WHERE job = 'generate' AND status = 'ok'"
                      " AND started_at >= :a AND started_at < :b", span)
    scrapes, ok = int(attempts["n"] or 0), int(attempts["ok"] or 0)
    return {
        "builds": len(builds), "pages_built": sum(_stat(r["stats"], "pages") for r in builds),
        "scrapes": scrapes, "ok": ok, "failed": scrapes - ok,
        "price_changes": sum(1 for r in rows if r["previous_price"] is not None
                             and r["previous_price"] != r["price"]),
        "new_offers": sum(1 for r in rows if r["previous_price"] is None),
        "runs": int(runs["n"] or 0), "runs_ok": int(runs["ok"] or 0),
    }


def _stat(stats: str | None, key: str) -> int:
    try:
        value = json.loads(stats or "{}").get(key, 0)
    except (ValueError, AttributeError):
        return 0
    return value if isinstance(value, int) else 0


def deploy_figures(settings: Settings, day: date) -> dict[str, int]:
    """Real deploys that finished on ``day`` (from jobs.jsonl) and the bytes they transferred."""
    a = datetime.combine(day, time(), UTC)
    done = [d for d in jobstatus.history(settings, "deploy", since=a)
            if d["finished_at"] < a + timedelta(days=1) and d.get("status") in ("ok", "partial")]
    return {"deploys": len(done),
            "bytes_deployed": sum(d.get("bytes_transferred", 0) for d in done
                                  if isinstance(d.get("bytes_transferred"), int))}


def summary_line(day: date, f: dict[str, int]) -> str:
    rate = f"{100 * f['ok'] / f['scrapes']:.1f}%" if f["scrapes"] else "-"
    return (f"{day.isoformat()} scrapes={f['scrapes']} ok={f['ok']} failed={f['failed']} success={rate}"
            f" price_changes={f['price_changes']} new_offers={f['new_offers']}"
            f" runs={f['runs']} runs_ok={f['runs_ok']} builds={f.get('builds', 0)}"
            f" pages_built={f.get('pages_built', 0)} deploys={f.get('deploys', 0)}"
            f" bytes_deployed={f.get('bytes_deployed', 0)}")


def _line_date(line: str) -> date | None:
    m = _DATED.match(line)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def plan_summary(existing: list[str], yesterday: date) -> tuple[list[date], list[str]]:
    """(days to write, lines to keep): missing days up to yesterday; lines of the last 30 days."""
    first_kept = yesterday - timedelta(days=SUMMARY_DAYS - 1)
    kept = [line for line in existing if (d := _line_date(line)) is not None and d >= first_kept]
    have = {_line_date(line) for line in kept}
    last = max((d for d in have if d is not None), default=None)
    start = yesterday if last is None else max(last + timedelta(days=1), first_kept)
    days = [start + timedelta(days=i) for i in range((yesterday - start).days + 1)]
    return [d for d in days if d not in have], kept


def _rewrite(path: Path, lines: list[str]) -> None:
    """Replace the file atomically, mode 0640."""
    write_atomically(path, "".join(line + "\n" for line in lines).encode("utf-8"), mode=0o640)


def cleanup(settings: Settings, dry_run: bool = False, now: datetime | None = None,
            db: Database | None = None) -> CleanupResult:
    """Apply the retention. A database error is recorded in ``error``, not raised.

    ``db`` defaults to DATABASE_URL: opened without migrating for a dry run, migrated otherwise.
    """
    from .status import open_database

    now = now or utcnow()
    result = CleanupResult(dry_run=dry_run, removed=excess_rotated(settings.log_dir))
    for removal in result.removed:
        if not dry_run:
            removal.path.unlink(missing_ok=True)
            logger.info("removed %s (%d bytes, beyond the backup count)", removal.path, removal.size_bytes)
    path = settings.log_dir / LOG_FILES["daily_summary"][0]
    existing = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    yesterday = now.astimezone(UTC).date() - timedelta(days=1)
    days, kept = plan_summary(existing, yesterday)
    try:
        database = db or (open_database(settings) if dry_run else connect(settings.database_url))
        try:
            result.summary_written = [summary_line(d, day_figures(database, d) | deploy_figures(settings, d))
                                      for d in days]
            result.pruned = prune_scrape_log(database, settings.scrape_log_keep_days, now, dry_run)
        finally:
            if db is None:
                database.close()
    except DatabaseError as exc:
        result.error = str(exc)
        if not dry_run:
            logger.error("daily summary not written, scrape_log not pruned: %s", exc)
    result.summary_trimmed = len(existing) - len(kept)
    if not dry_run and (result.summary_written or result.summary_trimmed):
        settings.log_dir.mkdir(parents=True, exist_ok=True)
        _rewrite(path, kept + result.summary_written)
        for line in result.summary_written:
            logger.info("daily summary: %s", line)
    result.history_trimmed = jobstatus.trim_history(settings, now, dry_run)
    return result
