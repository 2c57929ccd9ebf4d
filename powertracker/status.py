"""Read-only status of the tracker, for monitor.py, quick_status.py and the metrics file.

Everything here reads: the database (runs, scrape_log, latest_prices), the
catalog, the log files, the lock files, the built site, the job records in
DATA_DIR (``deploy.status``, ``backup.status`` ...) and the backups. Nothing
prints and nothing writes; opening the database never migrates it.
Judging and rendering the status is report.py's job.

An offer is *fresh* when it was seen (``latest_prices.last_seen``) or scraped
successfully (outcome ``ok`` or ``not_modified``) within ``STALE_HOURS``; it
is *failing* when its latest attempt was anything else.

``gather`` lists every offer's state (monitor.py); ``summarize`` only counts them, with a few
indexed queries, for the metrics file every job rewrites when it ends.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, overload

from . import jobstatus
from .backup import BackupFile, backup_dir, list_backups
from .catalog import load_products
from .config import Settings, mask_url
from .db import Database, utcnow
from .errors import DatabaseError
from .lock import lock_holder
from .logs import LOG_FILES

SUCCESS = ("ok", "not_modified")
_OK_SQL = "('ok', 'not_modified')"


@dataclass(frozen=True)
class JobRun:
    job: str
    run_id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    stats: dict[str, Any]


@dataclass(frozen=True)
class RetailerRate:
    retailer: str
    attempts: int
    successes: int

    @property
    def rate(self) -> float | None:
        return self.successes / self.attempts if self.attempts else None


@dataclass(frozen=True)
class OfferState:
    product_id: str
    retailer: str
    last_seen: datetime | None  # newest of price last_seen and last successful attempt
    last_outcome: str | None
    last_attempt_at: datetime | None
    error: str | None = None
    http_status: int | None = None
    failing_since: datetime | None = None  # first failed attempt after the last success

    @property
    def failing(self) -> bool:
        return self.last_outcome is not None and self.last_outcome not in SUCCESS


class CountedOffers(Sequence[OfferState]):
    """Offers known by their number only (``summarize``): what ``report.assess`` and the metrics
    file need, which count offers and never list them. Indexing one is an error."""

    def __init__(self, total: int, fresh: int = 0, failing: int = 0) -> None:
        self.total, self.n_fresh, self.n_failing = total, fresh, failing

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> OfferState: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[OfferState]: ...

    def __getitem__(self, index: int | slice) -> OfferState | Sequence[OfferState]:
        raise TypeError("these offers were counted, not listed (status.gather lists them)")

    def __iter__(self) -> Iterator[OfferState]:
        raise TypeError("these offers were counted, not listed (status.gather lists them)")

    @property
    def fresh(self) -> CountedOffers:
        return CountedOffers(self.n_fresh)

    @property
    def stale(self) -> CountedOffers:
        return CountedOffers(self.total - self.n_fresh)

    @property
    def failing(self) -> CountedOffers:
        return CountedOffers(self.n_failing)


@dataclass(frozen=True)
class LogFile:
    name: str
    path: Path
    size_bytes: int  # the live file; 0 when absent
    rotated_files: int
    rotated_bytes: int
    exists: bool = True


@dataclass(frozen=True)
class Disk:
    path: Path  # the first of our folders on this file system
    free_bytes: int
    total_bytes: int


@dataclass(frozen=True)
class Status:
    now: datetime
    database: str  # URL with the password masked
    dialect: str
    size_bytes: int | None
    rows: dict[str, int]
    stale_hours: float
    offers: Sequence[OfferState]  # a list; CountedOffers from summarize
    offers_source: str  # "catalog" or "database"
    retailers_24h: list[RetailerRate]
    runs: list[JobRun]
    last_scrape_at: datetime | None
    site_built_at: datetime | None
    last_deploy: dict[str, Any] | None
    logs: list[LogFile]
    locks: dict[str, int | None]
    catalog_problems: list[str] = field(default_factory=list)
    retailers_7d: list[RetailerRate] = field(default_factory=list)
    data_updated_at: datetime | None = None  # newest price observation
    first_run_at: datetime | None = None  # when this database saw its first run
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)  # deploy, backup, cleanup, export records
    generate_check: dict[str, Any] | None = None  # generate.py --if-changed's last decision
    backups: list[BackupFile] = field(default_factory=list)  # newest first
    disks: list[Disk] = field(default_factory=list)
    deploy_configured: bool = False

    def is_fresh(self, offer: OfferState) -> bool:
        return offer.last_seen is not None and offer.last_seen >= self.now - timedelta(hours=self.stale_hours)

    @property
    def fresh(self) -> Sequence[OfferState]:
        if isinstance(self.offers, CountedOffers):
            return self.offers.fresh
        since = self.now - timedelta(hours=self.stale_hours)
        return [o for o in self.offers if o.last_seen is not None and o.last_seen >= since]

    @property
    def stale(self) -> Sequence[OfferState]:
        if isinstance(self.offers, CountedOffers):
            return self.offers.stale
        since = self.now - timedelta(hours=self.stale_hours)
        return [o for o in self.offers if o.last_seen is None or o.last_seen < since]

    @property
    def failing(self) -> Sequence[OfferState]:
        if isinstance(self.offers, CountedOffers):
            return self.offers.failing
        return [o for o in self.offers if o.failing]


def open_database(settings: Settings) -> Database:
    """Open the database without migrating it; a missing SQLite file is unreachable."""
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise DatabaseError(f"no database at {url[len('sqlite:///'):]} (has scrape.py run yet?)")
    return Database(url)


def _offer_key(row: dict[str, Any]) -> tuple[str, str]:
    return (str(row["product_id"]), str(row["retailer"]))


def offer_states(db: Database, catalog_offers: list[tuple[str, str]] | None) -> list[OfferState]:
    """One state per offer: the catalog's offers if given, else every offer the database knows."""
    seen = {_offer_key(r): r["last_seen"] for r in db.query(
        "SELECT product_id, retailer, last_seen FROM latest_prices")}
    last_ok = {_offer_key(r): r["last_ok_at"] for r in db.query(
        "SELECT product_id, retailer, MAX(attempted_at) AS last_ok_at FROM scrape_log"
        f" WHERE outcome IN {_OK_SQL} GROUP BY product_id, retailer")}
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in db.query(
        "SELECT s.id, s.product_id, s.retailer, s.outcome, s.error, s.http_status, s.attempted_at"
        " FROM scrape_log s JOIN (SELECT product_id, retailer, MAX(attempted_at) AS latest_at"
        " FROM scrape_log GROUP BY product_id, retailer) m ON s.product_id = m.product_id"
        " AND s.retailer = m.retailer AND s.attempted_at = m.latest_at"
    ):
        key = _offer_key(row)
        if key not in latest or row["id"] > latest[key]["id"]:
            latest[key] = row
    keys = catalog_offers if catalog_offers is not None else sorted(set(seen) | set(latest))
    states = []
    for key in keys:
        attempt = latest.get(key)
        times = [t for t in (seen.get(key), last_ok.get(key)) if t is not None]
        since = None
        if attempt is not None and attempt["outcome"] not in SUCCESS:
            rows = db.query(
                "SELECT MIN(attempted_at) AS since_at FROM scrape_log WHERE product_id = :p"
                " AND retailer = :r AND attempted_at > :after",
                {"p": key[0], "r": key[1], "after": last_ok.get(key) or datetime(1970, 1, 1, tzinfo=UTC)},
            )
            since = rows[0]["since_at"] if rows else None
        states.append(OfferState(
            product_id=key[0], retailer=key[1], last_seen=max(times) if times else None,
            last_outcome=attempt["outcome"] if attempt else None,
            last_attempt_at=attempt["attempted_at"] if attempt else None,
            error=attempt["error"] if attempt else None,
            http_status=attempt["http_status"] if attempt else None,
            failing_since=since,
        ))
    return states


def retailer_rates(db: Database, since: datetime) -> list[RetailerRate]:
    rows = db.query(
        "SELECT retailer, COUNT(*) AS attempts,"
        f" SUM(CASE WHEN outcome IN {_OK_SQL} THEN 1 ELSE 0 END) AS successes"
        " FROM scrape_log WHERE attempted_at >= :since GROUP BY retailer ORDER BY retailer",
        {"since": since},
    )
    return [RetailerRate(r["retailer"], int(r["attempts"]), int(r["successes"] or 0)) for r in rows]


def last_runs(db: Database) -> list[JobRun]:
    """The latest run of every job."""
    rows = db.query(
        "SELECT r.id, r.job, r.started_at, r.finished_at, r.status, r.stats FROM runs r"
        " JOIN (SELECT job, MAX(id) AS id FROM runs GROUP BY job) m ON r.id = m.id ORDER BY r.job"
    )
    return [JobRun(r["job"], int(r["id"]), r["started_at"], r["finished_at"], r["status"],
                   json.loads(r["stats"]) if r["stats"] else {}) for r in rows]


def recent_scrapes(db: Database, hours: float, now: datetime | None = None) -> list[dict[str, Any]]:
    """scrape_log attempts of the last ``hours``, newest first."""
    since = (now or utcnow()) - timedelta(hours=hours)
    return db.query(
        "SELECT attempted_at, product_id, retailer, outcome, http_status, duration_ms, price, currency,"
        " strategy, error, run_id FROM scrape_log WHERE attempted_at >= :since"
        " ORDER BY attempted_at DESC, id DESC",
        {"since": since},
    )


def table_counts(db: Database) -> dict[str, int]:
    """Rows in every base table of the database (views left out), by name."""
    if db.dialect == "sqlite":
        names = [r["name"] for r in db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        quote = '"{}"'
    else:
        names = [r["name"] for r in db.query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()"
            " AND table_type = 'BASE TABLE' ORDER BY table_name")]
        quote = "`{}`"
    return {n: int(db.query(f"SELECT COUNT(*) AS n FROM {quote.format(n)}")[0]["n"]) for n in names}


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table, schema_migrations left out."""
    return {t: n for t, n in table_counts(db).items() if t != "schema_migrations"}


def log_files(settings: Settings) -> list[LogFile]:
    out = []
    for key, (filename, _max, _backups, _names) in LOG_FILES.items():
        path = settings.log_dir / filename
        rotated = [p for p in settings.log_dir.glob(filename + ".*") if p.suffix[1:].isdigit()]
        out.append(LogFile(key, path, path.stat().st_size if path.is_file() else 0,
                           len(rotated), sum(p.stat().st_size for p in rotated), path.is_file()))
    return out


def locks(settings: Settings) -> dict[str, int | None]:
    """Every job lock in DATA_DIR and its holder's pid (None when free)."""
    return {p.stem: lock_holder(settings.data_dir, p.stem) for p in sorted(settings.data_dir.glob("*.lock"))}


def disks(settings: Settings) -> list[Disk]:
    """Free space on each file system holding the database, data, site, logs or backups."""
    paths = [settings.data_dir, settings.site_dir, settings.log_dir, backup_dir(settings)]
    if settings.database_url.startswith("sqlite:///"):
        paths.insert(0, Path(settings.database_url[len("sqlite:///"):]))
    seen: dict[int, Disk] = {}
    for path in paths:
        probe = path
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        try:
            dev = probe.stat().st_dev
            if dev not in seen:
                usage = shutil.disk_usage(probe)
                seen[dev] = Disk(path, usage.free, usage.total)
        except OSError:
            continue
    return list(seen.values())


def site_built_at(settings: Settings, db: Database | None = None) -> datetime | None:
    """When the site was last built: the last ok ``generate`` run, or index.html's mtime.

    generate.py leaves unchanged files alone, so the mtime alone can be old on a fresh site.
    None when SITE_DIR has no index.html.
    """
    index = settings.site_dir / "index.html"
    if not index.is_file():
        return None
    times = [datetime.fromtimestamp(int(index.stat().st_mtime), UTC)]
    if db is not None:
        rows = db.query("SELECT finished_at FROM runs WHERE job = 'generate' AND status = 'ok'"
                        " AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1")
        times += [r["finished_at"] for r in rows]
    return max(times)


def last_deploy(settings: Settings) -> dict[str, Any] | None:
    """The last real deploy (ok, partial or failed) that deploy.sh recorded in DATA_DIR/deploy.status."""
    return jobstatus.last(settings, "deploy")


def generate_check(settings: Settings) -> dict[str, Any] | None:
    """generate.py --if-changed's last decision (DATA_DIR/generate.state), if any."""
    from .pipeline import read_state

    return read_state(settings)


def _catalog_offers(settings: Settings) -> tuple[list[tuple[str, str]] | None, list[str]]:
    products, problems = load_products(settings.products_dir)  # load_catalog would log; we only read
    if not products:
        return None, problems
    return [(o.product_id, o.retailer) for p in products for o in p.offers], problems


def files_status(settings: Settings) -> dict[str, Any]:
    """The parts of the status that need no database."""
    return {
        "logs": log_files(settings), "locks": locks(settings), "disks": disks(settings),
        "jobs": {job: doc for job in jobstatus.JOBS if (doc := jobstatus.last(settings, job)) is not None},
        "generate_check": generate_check(settings), "backups": list_backups(backup_dir(settings)),
        "last_deploy": last_deploy(settings), "deploy_configured": bool(settings.deploy_target),
    }


def gather(db: Database, settings: Settings, now: datetime | None = None) -> Status:
    """The whole status. Raises DatabaseError when the database cannot answer."""
    now = now or utcnow()
    catalog_offers, problems = _catalog_offers(settings)
    return _status(db, settings, now, offer_states(db, catalog_offers), catalog_offers is None, problems)


def _status(db: Database, settings: Settings, now: datetime, offers: Sequence[OfferState], from_database: bool,
            problems: list[str]) -> Status:
    """The Status of ``offers``: everything but the offers is read here (``gather`` and ``summarize``)."""
    last = db.query("SELECT MAX(attempted_at) AS last_at FROM scrape_log")[0]["last_at"]
    return Status(
        now=now, database=mask_url(db.url), dialect=db.dialect, size_bytes=db.size_bytes(),
        rows=row_counts(db), stale_hours=settings.stale_hours,
        offers=offers,
        offers_source="database" if from_database else "catalog",
        retailers_24h=retailer_rates(db, now - timedelta(hours=24)),
        retailers_7d=retailer_rates(db, now - timedelta(days=7)), runs=last_runs(db),
        last_scrape_at=last, site_built_at=site_built_at(settings, db), catalog_problems=problems,
        data_updated_at=db.query("SELECT MAX(last_seen) AS last_seen FROM price_history")[0]["last_seen"],
        first_run_at=db.query("SELECT MIN(started_at) AS started_at FROM runs")[0]["started_at"],
        **files_status(settings),
    )


_FRESH_SEEN = (  # offers whose newest history row was seen since :since
    "SELECT h.product_id, h.retailer, 1 AS fresh, 0 AS failing FROM price_history h WHERE h.last_seen >= :since"
    " AND h.id = (SELECT MAX(h2.id) FROM price_history h2 WHERE h2.product_id = h.product_id"
    " AND h2.retailer = h.retailer)")
_FRESH_OK = ("SELECT DISTINCT product_id, retailer, 1 AS fresh, 0 AS failing FROM scrape_log"
             f" WHERE attempted_at >= :since AND outcome IN {_OK_SQL}")
_FAILING = (  # offers whose latest attempt (newest time, then id) failed
    "SELECT DISTINCT s.product_id, s.retailer, 0 AS fresh, 1 AS failing FROM scrape_log s"
    f" WHERE s.outcome NOT IN {_OK_SQL} AND NOT EXISTS"
    " (SELECT 1 FROM scrape_log s2 WHERE s2.product_id = s.product_id AND s2.retailer = s.retailer"
    " AND (s2.attempted_at > s.attempted_at OR (s2.attempted_at = s.attempted_at AND s2.id > s.id)))")
# every offer that is fresh or failing, once, with both verdicts, by (product, retailer): in code point
# order on both databases (SQLite's BINARY collation, utf8mb4_bin on MariaDB), as Python compares strings
_MARKED = ("SELECT product_id, retailer, MAX(fresh) AS fresh, MAX(failing) AS failing"
           f" FROM ({_FRESH_SEEN} UNION ALL {_FRESH_OK} UNION ALL {_FAILING}) m"
           " GROUP BY product_id, retailer ORDER BY product_id, retailer")
_KNOWN = ("SELECT COUNT(*) AS n FROM (SELECT product_id, retailer FROM price_history UNION"
          " SELECT product_id, retailer FROM scrape_log) k")


def _ascending(offers: Iterable[tuple[Any, ...]], what: str) -> Iterator[tuple[Any, ...]]:
    """``offers`` (product, retailer, ...) as they come, checked to come in strictly ascending
    (product, retailer) order, which the merge in ``offer_counts`` relies on."""
    last: tuple[Any, ...] | None = None
    for offer in offers:
        key = offer[:2]
        if last is not None and key <= last:
            raise ValueError(f"{what}: offer {key} after {last}, out of (product, retailer) order")
        last = key
        yield offer


def offer_counts(db: Database, catalog: Iterable[tuple[str, str]] | None, since: datetime) -> CountedOffers:
    """How many offers there are (the catalog's, (product, retailer) pairs in ascending order, else
    every one the database knows), how many are fresh (seen or scraped successfully since ``since``)
    and failing: ``offer_states``' verdicts, counted with indexed queries that read only the offers
    that are fresh or failing, in order, merged with the catalog's as both stream by. Memory does not
    grow with the number of offers."""
    marked = _ascending(((str(p), str(r), int(f), int(x)) for p, r, f, x in
                         db.stream(_MARKED, {"since": since}, size=5000)), "the database")
    total = fresh = failing = 0
    if catalog is None:  # every offer the database knows; fresh and failing ones are among them
        for _, _, f, x in marked:
            fresh += f
            failing += x
        return CountedOffers(int(db.query(_KNOWN)[0]["n"]), fresh, failing)
    offers = _ascending(catalog, "the catalog")
    offer = next(offers, None)
    for p, r, f, x in marked:
        while offer is not None and offer[:2] < (p, r):
            total += 1
            offer = next(offers, None)
        if offer is not None and offer[:2] == (p, r):
            total += 1
            fresh += f
            failing += x
            offer = next(offers, None)
    if offer is not None:
        total += 1 + sum(1 for _ in offers)
    return CountedOffers(total, fresh, failing)


def summarize(db: Database, settings: Settings, catalog: Iterable[tuple[str, str]] | None,
              now: datetime | None = None) -> Status:
    """``gather``'s status with the offers counted (``CountedOffers``), not listed, and no catalog
    problems: what the metrics file shows, quickly, whatever the catalog's size. ``catalog``: its
    offers in ascending (product, retailer) order (``metrics.catalog_offers``), or None for the
    database's."""
    now = now or utcnow()
    offers = offer_counts(db, catalog, now - timedelta(hours=settings.stale_hours))
    return _status(db, settings, now, offers, catalog is None, [])


def jsonable(value: Any) -> Any:
    """Dataclasses, datetimes (ISO 8601, Z), Decimals (strings) and Paths as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, (Decimal, Path)):
        return str(value)
    return value


def status_json(status: Status) -> dict[str, Any]:
    """The --json document of monitor.py: the status plus derived counts."""
    doc: dict[str, Any] = jsonable(status)
    doc["offers"] = [dict(jsonable(o), fresh=status.is_fresh(o), failing=o.failing) for o in status.offers]
    for key in ("retailers_24h", "retailers_7d"):
        doc[key] = [dict(jsonable(r), success_rate=None if r.rate is None else round(r.rate, 4))
                    for r in getattr(status, key)]
    doc["summary"] = {"offers": len(status.offers), "fresh": len(status.fresh),
                      "stale": len(status.stale), "failing": len(status.failing)}
    return doc


def tail(path: Path, lines: int) -> list[str]:
    """The last ``lines`` lines of a text file, read from the end."""
    if lines <= 0 or not path.is_file():
        return []
    with path.open("rb") as fh:
        fh.seek(0, 2)
        pos = fh.tell()
        chunk = b""
        while pos > 0 and chunk.count(b"\n") <= lines:
            step = min(65536, pos)
            pos -= step
            fh.seek(pos)
            chunk = fh.read(step) + chunk
    return chunk.decode("utf-8", errors="replace").splitlines()[-lines:]
