"""One scrape run: catalog -> due offers -> robots -> fetch -> extract -> validate -> store.

``run_scrape`` holds the scrape lock for the whole run. Worker threads (``dispatch.py``: a global
cap, and per retailer its ``concurrency`` and ``delay``) fetch the pages, each handing its page to
the one thread that reads them all (in bursts, ``dispatch.Later``) and going on to the next; the
calling thread alone writes, one transaction for the attempts that have come in since its last commit (each attempt
written whole, keyed so it is stored once: ``apply.py``), or to the journal while the database is
unreachable (``recorder.py``). Every attempt gets one ``scrape_log`` row with an outcome from
``models.OUTCOMES``. ``stop`` (SIGTERM / SIGINT in ``scrape.py``) stops the dispatching; pages in
flight get a few seconds to finish, then the run commits and returns.
"""

from __future__ import annotations

import itertools
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .apply import OfferResult
from .catalog import Catalog, load_catalog
from .config import Settings
from .db import utcnow
from .dispatch import Dispatcher, Later, limit_malloc_arenas
from .errors import ConfigError
from .extract import extract
from .fetch import INTERRUPTED, Fetcher, FetchFailed
from .lock import job_lock
from .models import Extraction, FetchResult, Observation, Offer, Retailer
from .progress import ProgressBar
from .recorder import Recorder
from .robots import RobotsCache
from .schedule import due_offers, intervals
from .validate import PRICE_LIMIT, validate

__all__ = ["PRICE_LIMIT", "ScrapeSummary", "extract_one", "run_scrape", "stop_on_signals", "validate"]

logger = logging.getLogger(__name__)

FAILED = ("http_error", "timeout", "blocked", "too_large", "error")
GRACE = 5.0  # seconds pages in flight get to finish after a stop


@dataclass
class ScrapeSummary:
    run_id: int | None = None
    offers: int = 0  # in the catalog
    due: int = 0  # attempted this run
    ok: int = 0  # priced: read (outcome ok) or unchanged (not_modified)
    not_modified: int = 0
    no_price: int = 0
    rejected: int = 0  # a price was found but failed validation (currency, range)
    suspicious: int = 0  # an implausible jump, held until confirmed
    confirmed: int = 0  # held prices confirmed this run
    robots: int = 0  # disallowed by robots.txt
    failed: int = 0  # the page could not be fetched
    catalog_problems: int = 0
    new_rows: int = 0  # price_history rows started (a price or availability changed)
    retries: int = 0
    replayed: int = 0  # journalled results of earlier runs applied now
    journalled: int = 0  # results of this run written to the journal (database unreachable)
    interrupted: bool = False
    abandoned: int = 0  # pages in flight dropped by a stop
    database_error: str | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 fine (also: nothing due); 1 partial (failures, catalog problems, stopped); 3 database lost."""
        if self.database_error is not None:
            return 3
        bad = self.no_price + self.rejected + self.robots + self.failed + self.catalog_problems
        return 1 if bad or self.interrupted else 0

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        return "ok" if self.exit_code == 0 else "partial"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "status": self.status, "exit_code": self.exit_code}

    def text(self) -> str:
        """What scrape.py prints: one line, then any catalog problems."""
        lines = [f"run {self.run_id}: {self.due} of {self.offers} offers due, {self.ok} ok ({self.not_modified}"
                 f" unchanged), {self.no_price} no price, {self.rejected} rejected, {self.suspicious} held as"
                 f" suspicious, {self.robots} robots, {self.failed} failed; {self.new_rows} price changes"
                 + (" (stopped)" if self.interrupted else "")]
        lines += [f"catalog problem: {problem}" for problem in self.problems]
        return "\n".join(lines)

    def line(self) -> str:
        counts = " ".join(f"{k}={v}" for k, v in sorted(self.outcomes.items()))
        return (f"run={self.run_id} product=- scrape finished: status={self.status} offers={self.offers}"
                f" due={self.due} ok={self.ok} no_price={self.no_price} rejected={self.rejected}"
                f" suspicious={self.suspicious} robots={self.robots} failed={self.failed}"
                f" catalog_problems={self.catalog_problems} new_rows={self.new_rows} retries={self.retries}"
                f" replayed={self.replayed} journalled={self.journalled} [{counts}] in {self.duration_s:.1f}s")


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGINT set ``stop``; a second signal interrupts at once."""

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        logger.warning("run=- product=- %s: finishing the pages in flight, then stopping",
                       signal.Signals(signum).name)
        stop.set()

    old = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def _read_page(result: FetchResult, offer: Offer, retailer: Retailer, base: dict[str, Any],
               seen_at: datetime) -> OfferResult:
    """Extract and validate one fetched page (no database)."""
    expected = offer.currency or retailer.currency
    assert result.body is not None
    ext = extract(result.body, result.final_url or offer.url, selector=offer.selector or retailer.selector,
                  default_currency=expected, sku=offer.sku, gtin=offer.gtin, offer_url=offer.url,
                  encoding=result.encoding)
    if ext.price is None:
        notes = "; ".join(f"{reason}" for _, reason in ext.rejected)
        return OfferResult(**base, attempted_at=seen_at, outcome="no_price",
                           error="no price found" + (f": {notes}" if notes else ""))
    currency, reason = validate(ext, expected)
    if currency is None:
        shown = ext.price if ext.price.is_finite() and abs(ext.price) < PRICE_LIMIT else None
        return OfferResult(**base, attempted_at=seen_at, outcome="suspicious", error=reason, price=shown,
                           currency=ext.currency, strategy=ext.strategy)
    obs = Observation(product_id=offer.product_id, retailer=offer.retailer, url=offer.url, price=ext.price,
                      currency=currency, availability=ext.availability, seen_at=seen_at,
                      strategy=ext.strategy, raw=ext.raw, confidence=ext.confidence, was_price=ext.was_price)
    return OfferResult(**base, attempted_at=seen_at, outcome="ok", observation=obs,
                       etag=result.etag, last_modified=result.last_modified)


class _Run:
    """What the workers of one run share (read-only but for the counters it guards itself)."""

    def __init__(self, settings: Settings, catalog: Catalog, fetcher: Fetcher, recorder: Recorder,
                 when: Callable[[], datetime]) -> None:
        self.settings, self.catalog, self.fetcher, self.when = settings, catalog, fetcher, when
        self.run_id = recorder.run_id
        self.token = recorder.token
        self.states = recorder.states()
        self.robots = RobotsCache(fetcher, settings.user_agent)
        self.dispatcher: Dispatcher[Offer, OfferResult] | None = None
        self._seq = itertools.count(1)

    def retailer(self, retailer_id: str) -> Retailer:
        return self.catalog.retailer(retailer_id, self.settings.default_delay)

    def base(self, offer: Offer) -> dict[str, Any]:
        return {"key": f"{self.token}/{next(self._seq)}", "run_id": self.run_id, "product_id": offer.product_id,
                "retailer": offer.retailer, "url": offer.url}

    def attempt(self, offer: Offer) -> OfferResult | Later | None:
        retailer = self.retailer(offer.retailer)
        tag = f"run={self.run_id} product={offer.product_id} retailer={offer.retailer}"
        verdict = self.robots.check(offer.url, retailer, tag)
        if verdict.crawl_delay and self.dispatcher is not None:
            self.dispatcher.raise_delay(retailer.id, verdict.crawl_delay)
        base = self.base(offer)
        if verdict.failure is not None:
            f = verdict.failure
            return OfferResult(**base, attempted_at=self.when(), outcome=f.outcome, http_status=f.status,
                               error=f"robots.txt: {f.error}")
        if not verdict.allowed:
            return OfferResult(**base, attempted_at=self.when(), outcome="robots", error="disallowed by robots.txt")
        state = self.states.get((offer.product_id, offer.retailer))
        if state is None or state["url"] != offer.url or state["price"] is None:
            state = None
        result = self.fetcher.fetch(offer.url, retailer, tag, etag=state and state["etag"],
                                    last_modified=state and state["last_modified"])
        if result.error == INTERRUPTED:
            return None
        seen_at = self.when()
        base.update(http_status=result.status, duration_ms=result.duration_ms, nbytes=result.bytes)
        if result.outcome == "not_modified" and state is not None:
            obs = Observation(product_id=offer.product_id, retailer=offer.retailer, url=offer.url,
                              price=state["price"], currency=state["currency"], availability=state["availability"],
                              seen_at=seen_at, strategy=state["strategy"], raw=None)
            return OfferResult(**base, attempted_at=seen_at, outcome="not_modified", observation=obs,
                               etag=result.etag or state["etag"],
                               last_modified=result.last_modified or state["last_modified"])
        if result.outcome != "ok" or result.body is None:
            outcome = "http_error" if result.outcome == "not_modified" else result.outcome
            return OfferResult(**base, attempted_at=seen_at, outcome=outcome, error=result.error)
        # read on the dispatcher's one reader thread: reading is Python under the GIL, so two at once only take
        # turns at it, and read on the sixteen workers in turn (each with its own malloc cache, the CPU's caches
        # warmed anew) a run spent about 6 % more CPU
        return Later(_read_page, (result, offer, retailer, base, seen_at))

    def crashed(self, offer: Offer, exc: BaseException) -> OfferResult:
        return OfferResult(**self.base(offer), attempted_at=self.when(), outcome="error", error=f"crashed: {exc!r}")


def _count(summary: ScrapeSummary, r: OfferResult, outcome: str, error: str | None, state: str | None,
           confirmed: bool) -> None:
    tag = f"run={r.run_id} product={r.product_id} retailer={r.retailer}"
    summary.outcomes[outcome] = summary.outcomes.get(outcome, 0) + 1
    if outcome in ("ok", "not_modified"):
        summary.ok += 1
        summary.not_modified += outcome == "not_modified"
        summary.confirmed += confirmed
        if state == "new":
            summary.new_rows += 1
            obs = r.observation
            assert obs is not None
            logger.info("%s price %s %s %s (%s)", tag, obs.price, obs.currency, obs.availability or "-",
                        obs.strategy)
        else:
            logger.debug("%s price unchanged (%s, %s)", tag, outcome, state)
    elif outcome == "no_price":
        summary.no_price += 1
        logger.warning("%s %s", tag, r.error)
    elif outcome == "suspicious":
        obs = r.observation
        summary.suspicious += obs is not None
        summary.rejected += obs is None
        logger.warning("%s %s %s %s: %s", tag, "held" if obs else "rejected", obs.price if obs else r.price,
                       obs.currency if obs else r.currency or "", error)
    elif outcome == "robots":
        summary.robots += 1
        logger.warning("%s not fetched: %s", tag, r.error)
    else:
        summary.failed += 1
        logger.error("%s fetch failed: %s (%s)", tag, outcome, r.error)


def run_scrape(settings: Settings, *, now: datetime | None = None,
               offers_filter: Callable[[Offer], bool] | None = None, fetcher: Fetcher | None = None,
               due_only: bool = False, stop: threading.Event | None = None,
               progress: ProgressBar | None = None, grace: float = GRACE) -> ScrapeSummary:
    """Scrape the offers (those ``offers_filter`` accepts; with ``due_only``, those due at ``now``).

    ``now`` fixes every time of the run. Raises LockHeld when another scrape runs, ConfigError
    for a bad setting or retailers file. A database that is unreachable is not an exception:
    the results go to the journal and ``summary.database_error`` says why (exit code 3).
    """
    if settings.scrape_concurrency < 1:
        raise ConfigError(f"SCRAPE_CONCURRENCY={settings.scrape_concurrency}: must be at least 1")
    stop = stop or threading.Event()
    with job_lock(settings.data_dir, "scrape"):
        catalog = load_catalog(settings.products_dir, settings.retailers_file, settings.default_delay)
        fetch = fetcher or Fetcher(settings, stop=stop)
        fetch.stop = stop

        def when() -> datetime:
            return now if now is not None else utcnow()

        summary = ScrapeSummary(catalog_problems=len(catalog.problems), problems=list(catalog.problems))
        started = time.monotonic()
        recorder = Recorder(settings, os.urandom(6).hex(), when)  # secrets.token_hex's bytes, without its imports
        try:
            recorder.open()
            summary.run_id, summary.replayed = recorder.run_id, recorder.replayed.applied
            for problem in catalog.problems:
                logger.warning("run=%s product=- catalog problem: %s", summary.run_id, problem)
            products = list(catalog.products)
            offers = [o for p in products for o in p.offers if offers_filter is None or offers_filter(o)]
            summary.offers = len(offers)
            if due_only:
                wanted = set(map(id, offers))
                offers = [o for o in due_offers(products, recorder.last_attempts(), intervals(settings), when())
                          if id(o) in wanted]
            summary.due = len(offers)
            logger.info("run=%s product=- scrape started: %d of %d offers due", summary.run_id, summary.due,
                        summary.offers)
            limit_malloc_arenas()
            run = _Run(settings, catalog, fetch, recorder, when)
            limits = {rid: (r.concurrency, r.delay) for rid in {o.retailer for o in offers}
                      for r in [run.retailer(rid)]}
            dispatcher = Dispatcher([(o.retailer, o) for o in offers], limits, settings.scrape_concurrency,
                                    run.attempt, run.crashed, stop=stop, grace=grace)
            run.dispatcher = dispatcher
            if progress is not None:
                progress.start(summary.due)
            for batch in dispatcher.batches():  # what has come in meanwhile: one commit for it all
                for result, applied in zip(batch, recorder.write_all(batch), strict=True):
                    outcome = applied.outcome if applied else result.outcome
                    if applied is None or not applied.already:
                        _count(summary, result, outcome, applied.error if applied else result.error,
                               applied.state if applied else None, bool(applied and applied.confirmed))
                    if progress is not None:
                        progress.update(outcome)
            summary.interrupted = stop.is_set()
            summary.abandoned = dispatcher.abandoned + (dispatcher.not_started if stop.is_set() else 0)
            summary.retries = fetch.stats["retries"]
            summary.journalled, summary.database_error = recorder.journalled, recorder.db_error
            summary.duration_s = round(time.monotonic() - started, 3)
            stats = {k: v for k, v in summary.as_json().items() if k not in ("run_id", "status", "exit_code")}
            recorder.finish(summary.status, stats)
            summary.journalled, summary.database_error = recorder.journalled, recorder.db_error
        except BaseException:
            logger.critical("run=%s product=- scrape aborted", summary.run_id, exc_info=True)
            recorder.finish("failed", asdict(summary))
            raise
        finally:
            if progress is not None:
                progress.close()
            if fetcher is None:
                fetch.close()
            recorder.close()
    logger.info("%s", summary.line())
    if summary.database_error:
        logger.error("run=%s product=- %d result(s) journalled in %s; the next run replays them",
                     summary.run_id, summary.journalled, recorder.directory)
    return summary


def extract_one(settings: Settings, target: str, selector: str | None = None,
                currency: str | None = None) -> Extraction:
    """``scrape.py --extract``: the extraction of one URL or local HTML file (no database)."""
    if target.startswith(("http://", "https://")):
        with Fetcher(settings) as fetcher:
            result = fetcher.fetch(target)
        if result.outcome != "ok" or result.body is None:
            raise FetchFailed(f"{target}: {result.outcome}: {result.error}")
        return extract(result.body, result.final_url or target, selector=selector, default_currency=currency,
                       encoding=result.encoding)
    path = Path(target)
    try:
        html = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read {target}: {exc.strerror}") from None
    return extract(html, path.resolve().as_uri(), selector=selector, default_currency=currency)

