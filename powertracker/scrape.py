"""One scrape run: catalog -> fetch -> extract -> validate -> store, for every active offer.

``run_scrape`` holds the scrape lock for the whole run, records a ``runs`` row,
and writes one ``scrape_log`` row per offer attempt, together with the
``price_history`` change in the same transaction. A broken product file is
logged and counted; every other offer is still scraped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from .catalog import load_catalog
from .config import Settings
from .db import Database, connect, utcnow
from .errors import ConfigError, DatabaseError
from .extract import KNOWN_CURRENCIES, extract
from .fetch import Fetcher, FetchFailed
from .lock import job_lock
from .models import Extraction, Observation, Offer, Retailer
from .store import finish_run, record_attempt, record_observation, start_run

logger = logging.getLogger(__name__)

PRICE_LIMIT = Decimal("1000000000")  # DECIMAL(12,2) holds less than 1e10; no retail price comes near


@dataclass
class ScrapeSummary:
    run_id: int | None = None
    offers: int = 0
    ok: int = 0
    no_price: int = 0
    rejected: int = 0  # a price was found but failed validation ('suspicious')
    failed: int = 0  # the page could not be fetched
    catalog_problems: int = 0
    new_rows: int = 0  # price_history rows started (a price or availability changed)
    retries: int = 0
    duration_s: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all fine; 1 partial: some offers failed or the catalog has problems."""
        bad = self.no_price + self.rejected + self.failed + self.catalog_problems
        return 1 if bad else 0

    @property
    def status(self) -> str:
        return "ok" if self.exit_code == 0 else "partial"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "status": self.status, "exit_code": self.exit_code}


def validate(ext: Extraction, expected_currency: str | None) -> tuple[str | None, str | None]:
    """(currency, None) when the extraction is a usable price, else (None, reason)."""
    if ext.price is None:
        return None, "missing_price"
    if not ext.price.is_finite() or ext.price <= 0:
        return None, f"non_positive_price: {ext.price}"
    currency = ext.currency or expected_currency
    if currency is None or currency not in KNOWN_CURRENCIES:
        return None, f"unknown_currency: {currency}"
    if expected_currency and currency != expected_currency:
        return None, f"currency_mismatch: page says {currency}, catalog expects {expected_currency}"
    if ext.price >= PRICE_LIMIT:
        return None, f"implausible_price: {ext.price}"
    return currency, None


def _scrape_offer(db: Database, fetcher: Fetcher, offer: Offer, retailer: Retailer, run_id: int,
                  when: Callable[[], datetime], summary: ScrapeSummary) -> None:
    tag = f"run={run_id} product={offer.product_id} retailer={offer.retailer}"
    result = fetcher.fetch(offer.url, retailer, tag=tag)
    attempt = {"run_id": run_id, "product_id": offer.product_id, "retailer": offer.retailer, "url": offer.url,
               "http_status": result.status, "duration_ms": result.duration_ms, "nbytes": result.bytes}
    seen_at = when()
    if result.outcome != "ok" or result.text is None:
        summary.failed += 1
        logger.error("%s fetch failed: %s (%s)", tag, result.outcome, result.error)
        with db.transaction():
            record_attempt(db, outcome=result.outcome, attempted_at=seen_at, error=result.error, **attempt)
        return
    expected = offer.currency or retailer.currency
    try:
        ext = extract(result.text, result.final_url or offer.url, selector=offer.selector or retailer.selector,
                      default_currency=expected)
    except Exception as exc:  # noqa: BLE001 - one unparseable page must not stop the run
        summary.failed += 1
        logger.exception("%s extract crashed", tag)
        with db.transaction():
            record_attempt(db, outcome="error", attempted_at=seen_at, error=f"extract: {exc!r}", **attempt)
        return
    if ext.price is None:
        summary.no_price += 1
        notes = "; ".join(f"{reason}" for _, reason in ext.rejected)
        logger.warning("%s no price found%s", tag, f" ({notes})" if notes else "")
        with db.transaction():
            record_attempt(db, outcome="no_price", attempted_at=seen_at,
                           error="no price found" + (f": {notes}" if notes else ""), **attempt)
        return
    currency, reason = validate(ext, expected)
    if currency is None:
        summary.rejected += 1
        logger.warning("%s rejected %s %s: %s", tag, ext.price, ext.currency, reason)
        with db.transaction():
            record_attempt(db, outcome="suspicious", attempted_at=seen_at,
                           price=ext.price if ext.price.is_finite() and abs(ext.price) < PRICE_LIMIT else None,
                           currency=ext.currency, strategy=ext.strategy, error=reason, **attempt)
        return
    assert ext.price is not None
    obs = Observation(product_id=offer.product_id, retailer=offer.retailer, url=offer.url, price=ext.price,
                      currency=currency, availability=ext.availability, seen_at=seen_at,
                      strategy=ext.strategy, raw=ext.raw)
    with db.transaction():
        record_attempt(db, outcome="ok", attempted_at=seen_at, price=ext.price, currency=currency,
                       strategy=ext.strategy, **attempt)
        state = record_observation(db, obs, run_id)
    summary.ok += 1
    if state == "new":
        summary.new_rows += 1
        logger.info("%s price %s %s %s (%s)", tag, ext.price, currency, ext.availability or "-", ext.strategy)
    else:
        logger.debug("%s price %s %s unchanged (%s)", tag, ext.price, currency, state)


def run_scrape(settings: Settings, *, now: datetime | None = None,
               offers_filter: Callable[[Offer], bool] | None = None,
               fetcher: Fetcher | None = None) -> ScrapeSummary:
    """Scrape every offer (those ``offers_filter`` accepts). ``now`` fixes every time of the run.

    Raises LockHeld when another scrape runs, ConfigError for an unreadable retailers file,
    DatabaseError when the database is unreachable.
    """
    with job_lock(settings.data_dir, "scrape"):
        catalog = load_catalog(settings.products_dir, settings.retailers_file, settings.default_delay)
        db = connect(settings.database_url)
        own_fetcher = fetcher is None
        fetch = fetcher or Fetcher(settings)
        summary = ScrapeSummary(catalog_problems=len(catalog.problems), problems=list(catalog.problems))
        started = time.monotonic()

        def when() -> datetime:
            return now if now is not None else utcnow()

        run_id = None
        try:
            run_id = start_run(db, "scrape", now=when())
            summary.run_id = run_id
            for problem in catalog.problems:
                logger.warning("run=%s product=- catalog problem: %s", run_id, problem)
            offers = [o for o in catalog.offers if offers_filter is None or offers_filter(o)]
            summary.offers = len(offers)
            logger.info("run=%s product=- scrape started: %d offers", run_id, len(offers))
            for offer in offers:
                retailer = catalog.retailer(offer.retailer, settings.default_delay)
                _scrape_offer(db, fetch, offer, retailer, run_id, when, summary)
            summary.retries = fetch.stats["retries"]
            summary.duration_s = round(time.monotonic() - started, 3)
            stats = {k: v for k, v in summary.as_json().items() if k not in ("run_id", "status", "exit_code")}
            finish_run(db, run_id, summary.status, stats, now=when())
        except BaseException:
            if run_id is not None:
                logger.critical("run=%s product=- scrape aborted", run_id, exc_info=True)
                try:
                    finish_run(db, run_id, "failed", asdict(summary), now=when())
                except DatabaseError:
                    pass
            raise
        finally:
            if own_fetcher:
                fetch.close()
            db.close()
    logger.info("run=%s product=- scrape finished: offers=%d ok=%d no_price=%d rejected=%d failed=%d"
                " catalog_problems=%d new_rows=%d retries=%d in %.1fs", summary.run_id, summary.offers,
                summary.ok, summary.no_price, summary.rejected, summary.failed, summary.catalog_problems,
                summary.new_rows, summary.retries, summary.duration_s)
    return summary


def extract_one(settings: Settings, target: str, selector: str | None = None,
                currency: str | None = None) -> Extraction:
    """``scrape.py --extract``: the extraction of one URL or local HTML file (no database)."""
    if target.startswith(("http://", "https://")):
        with Fetcher(settings) as fetcher:
            result = fetcher.fetch(target)
        if result.outcome != "ok" or result.text is None:
            raise FetchFailed(f"{target}: {result.outcome}: {result.error}")
        return extract(result.text, result.final_url or target, selector=selector, default_currency=currency)
    path = Path(target)
    try:
        html = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read {target}: {exc.strerror}") from None
    return extract(html, path.resolve().as_uri(), selector=selector, default_currency=currency)
