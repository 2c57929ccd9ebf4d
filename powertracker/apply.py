"""Store one offer attempt exactly once: scrape_log, price_history or the suspicious hold, offer state.

An ``OfferResult`` is what a worker made of one offer (fetch -> extract -> validate), before the
database is involved; the run writes it with ``apply_result`` (or journals it when the database
is gone, and a later run replays it with the same function). Everything for one result commits
in one transaction, keyed by ``OfferResult.key`` in ``scrape_log.entry_key``: applying a key a
second time changes nothing.

The suspicious hold: a price further than the thresholds allow from the offer's recent median
(the last five price_history rows in its currency) and from its latest confirmed price goes into ``suspicious_prices`` as ``pending``, not into ``price_history``, so ``latest_prices``,
``price_comparison`` and alerts keep showing the confirmed price. The next observation of the
same price and currency (a fetch, or a 304 for the page that showed it) confirms it: the held
observation moves into ``price_history`` with its own time, then the new one is counted. A
different price discards the hold (the row stays, marked ``discarded``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from .db import Database
from .models import Observation
from .store import history_head, money, record_attempt, record_observation
from .validate import RECENT, Thresholds, jump_reason, recent_median


@dataclass(frozen=True)
class OfferResult:
    key: str  # unique per attempt: "<run token>/<sequence>"
    run_id: int | None
    product_id: str
    retailer: str
    url: str
    attempted_at: datetime
    outcome: str  # from models.OUTCOMES, before the suspicious check
    http_status: int | None = None
    duration_ms: int = 0
    nbytes: int = 0
    error: str | None = None
    observation: Observation | None = None  # a believable price (outcome ok or not_modified)
    price: Any = None  # a rejected price, for the log (Decimal or None)
    currency: str | None = None
    strategy: str | None = None
    etag: str | None = None  # validators of a page read in full (outcome ok)
    last_modified: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OfferResult:
        obs = data.get("observation")
        return cls(**{**data, "observation": Observation(**obs) if obs else None})


@dataclass(frozen=True)
class Applied:
    outcome: str  # the final outcome written to scrape_log
    error: str | None  # and its error (the reason for a held price)
    state: str | None  # record_observation's 'new' / 'repeat' / 'duplicate', None when not counted
    confirmed: bool = False  # a held suspicious price was confirmed
    already: bool = False  # the key was applied before: nothing written now


def offer_states(db: Database) -> dict[tuple[str, str], dict[str, Any]]:
    """Every offer's state row (last attempt, validators and the price that page showed)."""
    rows = db.query("SELECT product_id, retailer, url, last_attempt_at, etag, last_modified, price, currency,"
                    " availability, strategy FROM offer_states")
    return {(r["product_id"], r["retailer"]): r for r in rows}


def _save_state(db: Database, r: OfferResult, validators: bool, obs: Observation | None) -> None:
    """Move the offer's last attempt on; with ``validators`` also replace its ETag and price."""
    if not validators:
        db.run("offer_state_touch", {"p": r.product_id, "r": r.retailer, "url": r.url, "t": r.attempted_at})
        return
    db.run("offer_state_save", {
        "p": r.product_id, "r": r.retailer, "url": r.url, "t": r.attempted_at,
        "etag": r.etag if obs else None, "lm": r.last_modified if obs else None,
        "price": money(obs.price) if obs else None, "currency": obs.currency if obs else None,
        "availability": obs.availability if obs else None, "strategy": obs.strategy if obs else None,
    })


def _held(db: Database, obs: Observation) -> dict[str, Any] | None:
    rows = db.query("SELECT id, url, price, currency, availability, seen_at, run_id, strategy, raw"
                    " FROM suspicious_prices WHERE product_id = :p AND retailer = :r AND status = 'pending'"
                    " ORDER BY id DESC", {"p": obs.product_id, "r": obs.retailer})
    return rows[0] if rows else None


def _resolve(db: Database, held_id: int, status: str, when: datetime) -> None:
    db.execute("UPDATE suspicious_prices SET status = :s, resolved_at = :t WHERE id = :id",
               {"s": status, "t": when, "id": held_id})


def _jump(db: Database, obs: Observation, limits: Thresholds,
          head: list[dict[str, Any]]) -> tuple[Any, str | None]:
    """(recent median, reason) where reason is None unless the price jumped from the median *and*
    from the latest confirmed price (so a confirmed new level is not held again). ``head``: the
    offer's newest RECENT rows; when they are all there is or all in this currency, they are the
    recent prices, else those are read."""
    if len(head) < RECENT or all(row["currency"] == obs.currency for row in head):
        prices = [row["price"] for row in head if row["currency"] == obs.currency]
    else:
        rows = db.query("SELECT price FROM price_history WHERE product_id = :p AND retailer = :r AND currency = :c"
                        f" ORDER BY id DESC LIMIT {RECENT}", {"p": obs.product_id, "r": obs.retailer,
                                                             "c": obs.currency})
        prices = [row["price"] for row in rows]
    median = recent_median(prices)
    reason = jump_reason(obs.price, median, limits)
    if reason is not None and jump_reason(obs.price, prices[0], limits) is None:
        reason = None
    return median, reason


def _hold(db: Database, obs: Observation, run_id: int | None, median: Any, reason: str) -> None:
    db.execute(
        "INSERT INTO suspicious_prices (product_id, retailer, url, price, currency, availability, seen_at,"
        " run_id, strategy, raw, median_price, reason, status) VALUES (:p, :r, :url, :price, :currency,"
        " :availability, :t, :run, :strategy, :raw, :median, :reason, 'pending')",
        {"p": obs.product_id, "r": obs.retailer, "url": obs.url, "price": money(obs.price),
         "currency": obs.currency, "availability": obs.availability, "t": obs.seen_at, "run": run_id,
         "strategy": obs.strategy, "raw": None if obs.raw is None else obs.raw[:255],
         "median": None if median is None else money(median), "reason": reason[:255]})


def _observe(db: Database, r: OfferResult, obs: Observation, limits: Thresholds,
             holds: set[tuple[str, str]] | None) -> tuple[str, str | None, str | None, bool]:
    """(outcome, error, state, confirmed) for a believable price."""
    offer = (obs.product_id, obs.retailer)
    held = _held(db, obs) if holds is None or offer in holds else None
    if held is not None and holds is not None:
        holds.discard(offer)  # confirmed or discarded below, whichever way the price went
    if held is not None and (held["price"], held["currency"]) == (money(obs.price), obs.currency):
        earlier = Observation(product_id=obs.product_id, retailer=obs.retailer, url=held["url"],
                              price=held["price"], currency=held["currency"], availability=held["availability"],
                              seen_at=held["seen_at"], strategy=held["strategy"], raw=held["raw"])
        record_observation(db, earlier, held["run_id"])
        _resolve(db, held["id"], "confirmed", obs.seen_at)
        return r.outcome, r.error, record_observation(db, obs, r.run_id), True
    head = history_head(db, obs, RECENT)  # serves the jump test and record_observation: one read
    median, reason = _jump(db, obs, limits, head)
    if held is not None:
        _resolve(db, held["id"], "discarded", obs.seen_at)
    if reason is not None:
        _hold(db, obs, r.run_id, median, reason)
        if holds is not None:
            holds.add(offer)
        return "suspicious", reason, None, False
    return r.outcome, r.error, record_observation(db, obs, r.run_id, head), False


def pending_holds(db: Database) -> set[tuple[str, str]]:
    """The offers with a pending suspicious hold, as (product_id, retailer)."""
    rows = db.query("SELECT DISTINCT product_id, retailer FROM suspicious_prices WHERE status = 'pending'")
    return {(row["product_id"], row["retailer"]) for row in rows}


def apply_result(db: Database, r: OfferResult, limits: Thresholds, *, fresh: bool = False,
                 holds: set[tuple[str, str]] | None = None) -> Applied:
    """Write one result in one transaction; a key applied before is skipped.

    For a run's own results, as they come: ``fresh`` says the key is new (made by this run and
    not written yet), so it is not looked up; ``holds`` is ``pending_holds``, which the run (the
    only writer) keeps here, so an offer without a hold costs no look-up. A replay passes neither.
    """
    with db.transaction():
        if not fresh and db.query("SELECT id FROM scrape_log WHERE entry_key = :k", {"k": r.key}):
            return Applied(r.outcome, r.error, None, already=True)
        outcome, error, state, confirmed = r.outcome, r.error, None, False
        obs = r.observation
        if obs is not None:
            outcome, error, state, confirmed = _observe(db, r, obs, limits, holds)
        # a page read in full replaces the validators (cleared when it gave no price); others keep them
        _save_state(db, r, r.outcome in ("ok", "suspicious", "no_price") or obs is not None,
                    obs if r.outcome in ("ok", "not_modified") else None)
        record_attempt(db, run_id=r.run_id, product_id=r.product_id, retailer=r.retailer, url=r.url,
                       outcome=outcome, attempted_at=r.attempted_at, http_status=r.http_status,
                       duration_ms=r.duration_ms, nbytes=r.nbytes,
                       price=obs.price if obs is not None else r.price,
                       currency=obs.currency if obs is not None else r.currency,
                       strategy=obs.strategy if obs is not None else r.strategy, error=error, entry_key=r.key)
    return Applied(outcome, error, state, confirmed)
