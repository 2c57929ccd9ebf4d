"""scrape_log retention: rows older than SCRAPE_LOG_KEEP_DAYS become daily counts.

Each UTC day before the cut-off (midnight UTC, ``keep_days`` days ago) is
folded into ``scrape_log_daily`` (one row per day, offer and outcome:
attempts and total duration) and its ``scrape_log`` rows are deleted, in one
transaction per day. A re-run finds nothing left to fold (idempotent), and a
day folded in two goes (rows that arrived late) adds up instead of being
overwritten. ``price_history`` is never touched: no observation is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .db import Database

logger = logging.getLogger(__name__)

_UPSERT = {
    "sqlite": " ON CONFLICT (day, product_id, retailer, outcome) DO UPDATE SET"
              " attempts = attempts + excluded.attempts,"
              " duration_ms_total = duration_ms_total + excluded.duration_ms_total",
    "mariadb": " ON DUPLICATE KEY UPDATE attempts = attempts + VALUES(attempts),"
               " duration_ms_total = duration_ms_total + VALUES(duration_ms_total)",
}
_DAY = {"sqlite": "substr(attempted_at, 1, 10)", "mariadb": "DATE_FORMAT(attempted_at, '%Y-%m-%d')"}


@dataclass
class PruneResult:
    cutoff: date  # rows attempted before this UTC day are folded
    dry_run: bool
    rows: int = 0  # scrape_log rows folded and deleted (or that would be)
    days: list[str] = field(default_factory=list)  # the days folded, oldest first
    groups: int = 0  # daily rows they make (before adding to rows already there)

    def as_json(self) -> dict[str, Any]:
        return {"cutoff": self.cutoff.isoformat(), "dry_run": self.dry_run, "rows": self.rows,
                "days": self.days, "groups": self.groups}


def cutoff_day(now: datetime, keep_days: int) -> date:
    return (now.astimezone(UTC) - timedelta(days=keep_days)).date()


def prune_scrape_log(db: Database, keep_days: int, now: datetime, dry_run: bool = False) -> PruneResult:
    """Fold scrape_log rows older than ``keep_days`` into scrape_log_daily and delete them."""
    result = PruneResult(cutoff=cutoff_day(now, keep_days), dry_run=dry_run)
    before = {"before": datetime.combine(result.cutoff, time(), UTC)}
    day = _DAY[db.dialect]
    plan = db.query(f"SELECT {day} AS d, COUNT(*) AS n FROM scrape_log WHERE attempted_at < :before"
                    f" GROUP BY {day} ORDER BY d", before)
    result.days = [str(r["d"]) for r in plan]
    result.rows = sum(int(r["n"]) for r in plan)
    result.groups = int(db.query(
        "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM scrape_log WHERE attempted_at < :before"
        f" GROUP BY {day}, product_id, retailer, outcome) g", before)[0]["n"])
    if dry_run or not plan:
        return result
    for row in plan:
        start = datetime.combine(date.fromisoformat(str(row["d"])), time(), UTC)
        span = {"d": str(row["d"]), "a": start, "b": start + timedelta(days=1)}
        with db.transaction():
            db.execute(
                "INSERT INTO scrape_log_daily (day, product_id, retailer, outcome, attempts, duration_ms_total)"
                " SELECT :d, product_id, retailer, outcome, COUNT(*), COALESCE(SUM(duration_ms), 0)"
                " FROM scrape_log WHERE attempted_at >= :a AND attempted_at < :b"
                " GROUP BY product_id, retailer, outcome" + _UPSERT[db.dialect], span)
            deleted = db.execute("DELETE FROM scrape_log WHERE attempted_at >= :a AND attempted_at < :b", span)
        logger.info("folded %d scrape_log rows of %s into scrape_log_daily", deleted, row["d"])
    return result


def daily_counts(db: Database) -> list[dict[str, Any]]:
    """Every scrape_log_daily row, ordered (for reports and tests)."""
    rows = db.query("SELECT day, product_id, retailer, outcome, attempts, duration_ms_total FROM scrape_log_daily"
                    " ORDER BY day, product_id, retailer, outcome")
    for r in rows:
        r["day"] = str(r["day"])
    return rows
