"""Writes and reads of runs, scrape attempts and the price history.

``price_history`` keeps one row per run of identical observations of an offer
(price, currency, availability): a repeat moves ``last_seen`` on and counts
it, a change starts a new row. Storage grows with price changes, not with
scrapes, and every observation is counted. Recording the same run twice never
counts an observation twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from .db import Database, utcnow
from .models import OUTCOMES, Observation

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """The stored form of a price: two decimal places, never a float."""
    if not isinstance(value, Decimal):
        raise TypeError(f"price must be a Decimal, got {type(value).__name__}")
    return value.quantize(CENT)


def start_run(db: Database, job: str, now: datetime | None = None) -> int:
    with db.transaction():
        return db.execute(
            "INSERT INTO runs (job, started_at, status) VALUES (:job, :t, 'running')",
            {"job": job, "t": now or utcnow()},
        )


def finish_run(db: Database, run_id: int, status: str, stats: dict[str, Any],
               now: datetime | None = None) -> None:
    with db.transaction():
        db.execute(
            "UPDATE runs SET finished_at = :t, status = :s, stats = :stats WHERE id = :id",
            {"t": now or utcnow(), "s": status, "stats": json.dumps(stats, sort_keys=True), "id": run_id},
        )


def record_attempt(db: Database, *, run_id: int | None, product_id: str, retailer: str, url: str,
                   outcome: str, attempted_at: datetime, http_status: int | None = None,
                   duration_ms: int | None = None, nbytes: int | None = None,
                   price: Decimal | None = None, currency: str | None = None,
                   strategy: str | None = None, error: str | None = None,
                   entry_key: str | None = None) -> None:
    """One scrape_log row. ``entry_key`` (unique when set) makes a replayed attempt detectable."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    db.execute(
        "INSERT INTO scrape_log (run_id, product_id, retailer, url, attempted_at, outcome, http_status,"
        " duration_ms, bytes, price, currency, strategy, error, entry_key) VALUES (:run_id, :product_id,"
        " :retailer, :url, :t, :outcome, :status, :ms, :bytes, :price, :currency, :strategy, :error, :key)",
        {"run_id": run_id, "product_id": product_id, "retailer": retailer, "url": url,
         "t": attempted_at, "outcome": outcome, "status": http_status, "ms": duration_ms,
         "bytes": nbytes, "price": None if price is None else money(price), "currency": currency,
         "strategy": strategy, "error": None if error is None else error[:1000], "key": entry_key},
    )


_HISTORY_HEAD = ("SELECT id, price, currency, availability, last_seen, last_run_id FROM price_history"
                " WHERE product_id = :p AND retailer = :r ORDER BY id DESC LIMIT ")


def history_head(db: Database, obs: Observation, rows: int = 1) -> list[dict[str, Any]]:
    """The offer's newest ``rows`` price_history rows, newest first (locked on MariaDB)."""
    lock = " FOR UPDATE" if db.dialect == "mariadb" else ""
    return db.query(_HISTORY_HEAD + str(int(rows)) + lock, {"p": obs.product_id, "r": obs.retailer})


def record_observation(db: Database, obs: Observation, run_id: int | None,
                       head: list[dict[str, Any]] | None = None) -> str:
    """Add one observation to the history. Returns 'new', 'repeat' or 'duplicate'.

    Call inside a transaction together with the matching ``record_attempt``. ``head``: the
    offer's newest rows, read (by ``history_head``) in this transaction with nothing written
    to price_history since; None: read the newest row here.
    """
    price = money(obs.price)
    rows = history_head(db, obs) if head is None else head
    current = rows[0] if rows else None
    if current and (current["price"], current["currency"], current["availability"]) == (
        price, obs.currency, obs.availability
    ):
        if run_id is not None and current["last_run_id"] == run_id:
            return "duplicate"
        db.execute(
            "UPDATE price_history SET last_seen = :t, observations = observations + 1,"
            " last_run_id = :run, url = :url WHERE id = :id",
            {"t": max(obs.seen_at, current["last_seen"]), "run": run_id, "url": obs.url, "id": current["id"]},
        )
        return "repeat"
    db.execute(
        "INSERT INTO price_history (product_id, retailer, url, price, currency, availability,"
        " first_seen, last_seen, observations, first_run_id, last_run_id, strategy, raw, confidence, was_price)"
        " VALUES (:p, :r, :url, :price, :currency, :availability, :t, :t, 1, :run, :run, :strategy, :raw,"
        " :confidence, :was_price)",
        {"p": obs.product_id, "r": obs.retailer, "url": obs.url, "price": price, "currency": obs.currency,
         "availability": obs.availability, "t": obs.seen_at, "run": run_id, "strategy": obs.strategy,
         "raw": None if obs.raw is None else obs.raw[:255], "confidence": obs.confidence,
         "was_price": None if obs.was_price is None else money(obs.was_price)},
    )
    return "new"


def latest_prices(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT product_id, retailer, price, currency, availability, last_seen"
                    " FROM latest_prices ORDER BY product_id, retailer")


def price_comparison(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT product_id, min_price, max_price, avg_price, retailers, cheapest_retailer,"
                    " currency FROM price_comparison ORDER BY product_id")


def history(db: Database, product_id: str | None = None) -> list[dict[str, Any]]:
    """Price-history rows (one per run of identical observations), oldest first."""
    where = "" if product_id is None else " WHERE product_id = :p"
    return db.query(
        "SELECT product_id, retailer, url, price, currency, availability, first_seen, last_seen, observations"
        " FROM price_history" + where + " ORDER BY product_id, retailer, id",
        {"p": product_id} if product_id else None,
    )


HISTORY_RUN_KEYS = ("product_id", "retailer", "url", "price", "currency", "availability",
                    "first_seen", "last_seen", "observations")


def bulk_load_history(db: Database, runs: Iterable[dict[str, Any]], batch: int = 20_000) -> int:
    """Insert already run-length-encoded history rows (imports, benchmarks); returns how many.

    Each row carries ``HISTORY_RUN_KEYS``: one run of identical observations of an offer, as
    ``record_observation`` would have left it. Rows must come oldest first per offer. Call
    inside a transaction (or not: each batch then commits on its own).
    """
    sql = ("INSERT INTO price_history (product_id, retailer, url, price, currency, availability,"
           " first_seen, last_seen, observations) VALUES (:product_id, :retailer, :url, :price, :currency,"
           " :availability, :first_seen, :last_seen, :observations)")
    total = 0
    chunk: list[dict[str, Any]] = []
    for row in runs:
        chunk.append({**{k: row[k] for k in HISTORY_RUN_KEYS}, "price": money(row["price"])})
        if len(chunk) >= batch:
            total += db.executemany(sql, chunk)
            chunk = []
    if chunk:
        total += db.executemany(sql, chunk)
    return total


def last_run(db: Database, job: str) -> dict[str, Any] | None:
    rows = db.query("SELECT id, job, started_at, finished_at, status, stats FROM runs WHERE job = :job"
                    " ORDER BY id DESC LIMIT 1", {"job": job})
    if not rows:
        return None
    row = rows[0]
    row["stats"] = json.loads(row["stats"]) if row["stats"] else {}
    return row
