"""Read-only status of the tracker, for monitor.py and quick_status.py.

Everything here reads: the database (runs, scrape_log, latest_prices), the
catalog, the log files, the lock files, the built site and the last deploy's
``DATA_DIR/deploy.status``. Nothing prints and nothing writes; opening the
database never migrates it.

An offer is *fresh* when it was seen (``latest_prices.last_seen``) or scraped
successfully (outcome ``ok`` or ``not_modified``) within ``STALE_HOURS``; it
is *failing* when its latest attempt was anything else.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from .catalog import load_products
from .config import Settings, mask_url
from .db import Database, utcnow
from .errors import DatabaseError
from .lock import lock_holder
from .logs import LOG_FILES

SUCCESS = ("ok", "not_modified")
TABLES = ("runs", "price_history", "scrape_log", "email_subscriptions")
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


@dataclass(frozen=True)
class LogFile:
    name: str
    path: Path
    size_bytes: int  # the live file; 0 when absent
    rotated_files: int
    rotated_bytes: int
    exists: bool = True


@dataclass(frozen=True)
class Status:
    now: datetime
    database: str  # URL with the password masked
    dialect: str
    size_bytes: int | None
    rows: dict[str, int]
    stale_hours: float
    offers: list[OfferState]
    offers_source: str  # "catalog" or "database"
    retailers_24h: list[RetailerRate]
    runs: list[JobRun]
    last_scrape_at: datetime | None
    site_built_at: datetime | None
    last_deploy: dict[str, Any] | None
    logs: list[LogFile]
    locks: dict[str, int | None]
    catalog_problems: list[str] = field(default_factory=list)

    def is_fresh(self, offer: OfferState) -> bool:
        return offer.last_seen is not None and offer.last_seen >= self.now - timedelta(hours=self.stale_hours)

    @property
    def fresh(self) -> list[OfferState]:
        return [o for o in self.offers if self.is_fresh(o)]

    @property
    def stale(self) -> list[OfferState]:
        return [o for o in self.offers if not self.is_fresh(o)]

    @property
    def failing(self) -> list[OfferState]:
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


def row_counts(db: Database) -> dict[str, int]:
    return {t: int(db.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]) for t in TABLES}


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
    """What deploy.sh wrote to DATA_DIR/deploy.status after its last real run."""
    path = settings.data_dir / "deploy.status"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["finished_at"] = datetime.strptime(doc["finished_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return dict(doc)


def _catalog_offers(settings: Settings) -> tuple[list[tuple[str, str]] | None, list[str]]:
    products, problems = load_products(settings.products_dir)  # load_catalog would log; we only read
    if not products:
        return None, problems
    return [(o.product_id, o.retailer) for p in products for o in p.offers], problems


def gather(db: Database, settings: Settings, now: datetime | None = None) -> Status:
    """The whole status. Raises DatabaseError when the database cannot answer."""
    now = now or utcnow()
    catalog_offers, problems = _catalog_offers(settings)
    last = db.query("SELECT MAX(attempted_at) AS last_at FROM scrape_log")[0]["last_at"]
    return Status(
        now=now, database=mask_url(db.url), dialect=db.dialect, size_bytes=db.size_bytes(),
        rows=row_counts(db), stale_hours=settings.stale_hours,
        offers=offer_states(db, catalog_offers),
        offers_source="database" if catalog_offers is None else "catalog",
        retailers_24h=retailer_rates(db, now - timedelta(hours=24)), runs=last_runs(db),
        last_scrape_at=last, site_built_at=site_built_at(settings, db), last_deploy=last_deploy(settings),
        logs=log_files(settings), locks=locks(settings), catalog_problems=problems,
    )


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
    doc["retailers_24h"] = [dict(jsonable(r), success_rate=None if r.rate is None else round(r.rate, 4))
                            for r in status.retailers_24h]
    doc["summary"] = {"offers": len(status.offers), "fresh": len(status.fresh),
                      "stale": len(status.stale), "failing": len(status.failing)}
    return doc


# quick_status.py: monitoring-plugin states
OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
STATE_NAMES = ("OK", "WARNING", "CRITICAL", "UNKNOWN")


def ago(then: datetime | None, now: datetime) -> str:
    """'12 min ago', '3.5 h ago', '2 days ago' or 'never'."""
    if then is None:
        return "never"
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h ago"
    return f"{minutes // (24 * 60)} days ago"


@dataclass(frozen=True)
class Assessment:
    state: int  # OK, WARNING, CRITICAL
    line: str
    reasons: list[str]

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def assess(status: Status, warn_rate: float, crit_rate: float) -> Assessment:
    """Judge the status: the share of failing or stale offers against the thresholds.

    Above ``crit_rate`` is CRITICAL, above ``warn_rate`` WARNING; no offers at
    all, no scrape within STALE_HOURS or no built site also warn.
    """
    total = len(status.offers)
    fresh, failing = len(status.fresh), len(status.failing)
    state, reasons = OK, []

    def worse(level: int, reason: str) -> None:
        nonlocal state
        state = max(state, level)
        reasons.append(reason)

    if total == 0:
        worse(WARNING, "no offers tracked yet")
    else:
        for share, what in ((failing / total, "failing"), ((total - fresh) / total, "stale")):
            if share > crit_rate:
                worse(CRITICAL, f"{share:.0%} of offers {what} (critical above {crit_rate:.0%})")
            elif share > warn_rate:
                worse(WARNING, f"{share:.0%} of offers {what} (warning above {warn_rate:.0%})")
    limit = status.now - timedelta(hours=status.stale_hours)
    if status.last_scrape_at is None or status.last_scrape_at < limit:
        worse(WARNING, f"no scrape within {status.stale_hours:g} h")
    if status.site_built_at is None:
        worse(WARNING, "no site built")
    elif status.site_built_at < limit:
        worse(WARNING, f"site older than {status.stale_hours:g} h")
    parts = [f"{fresh}/{total} offers fresh"]
    if failing:
        parts.append(f"{failing} failing")
    parts.append(f"last scrape {ago(status.last_scrape_at, status.now)}")
    site = "no site" if status.site_built_at is None else f"site {ago(status.site_built_at, status.now)[:-4]} old"
    parts.append(site)
    line = f"{STATE_NAMES[state]} - {', '.join(parts)}"
    if reasons and state != OK:
        line += f" ({'; '.join(reasons)})"
    return Assessment(state, line, reasons)


# monitor.py: the readable report (click.echo strips the colour when stdout is not a terminal)
def _size(n: int | None) -> str:
    if n is None:
        return "?"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


REPORT_LIMIT = 25  # offers listed per section of the text report; --json has them all


def _short(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _when(t: datetime | None, now: datetime) -> str:
    return "never" if t is None else f"{t:%Y-%m-%d %H:%M} ({ago(t, now)})"


def report_lines(status: Status, assessment: Assessment) -> list[str]:
    """The full status as text lines, styled with click (colour for terminals only)."""
    import click

    colour = ("green", "yellow", "red", "magenta")[assessment.state]
    head = lambda text: click.style(text, bold=True)  # noqa: E731
    now = status.now
    out = [click.style(assessment.line, fg=colour, bold=True), f"at {now:%Y-%m-%d %H:%M} UTC", "",
           head("Jobs (last run)")]
    for run in status.runs:
        took = f", {int((run.finished_at - run.started_at).total_seconds())} s" if run.finished_at else ""
        stats = " ".join(f"{k}={v}" for k, v in sorted(run.stats.items()) if not isinstance(v, (dict, list)))
        fg = "green" if run.status == "ok" else "yellow" if run.status in ("partial", "running") else "red"
        out.append(f"  {run.job:<10} {click.style(f'{run.status:<8}', fg=fg)} started "
                   f"{_when(run.started_at, now)}{took}  {stats}".rstrip())
    dep = status.last_deploy
    if dep:
        state = str(dep.get("status", "?"))
        out.append(f"  {'deploy':<10} {click.style(f'{state:<8}', fg='green' if state == 'ok' else 'red')}"
                   f" finished {_when(dep['finished_at'], now)}, {dep.get('files_transferred', 0)} files sent,"
                   f" {dep.get('files_deleted', 0)} deleted")
    if not status.runs and not dep:
        out.append("  none yet")
    out += ["", head("Retailers (last 24 h)")]
    for r in status.retailers_24h:
        pct = f"{r.rate:.0%}" if r.rate is not None else "-"
        fg = "green" if r.rate == 1 else "yellow" if (r.rate or 0) >= 0.5 else "red"
        out.append(f"  {r.retailer:<20} {r.successes:>4}/{r.attempts:<4} ok  {click.style(pct, fg=fg)}")
    if not status.retailers_24h:
        out.append("  no attempts")
    out += ["", head(f"Failing offers ({len(status.failing)})")]
    for o in status.failing[:REPORT_LIMIT]:
        http = f" HTTP {o.http_status}" if o.http_status else ""
        out.append(f"  {o.product_id} @ {o.retailer}: {click.style(str(o.last_outcome), fg='red')}{http}"
                   f" since {_when(o.failing_since, now)}" + (f": {_short(o.error)}" if o.error else ""))
    if len(status.failing) > REPORT_LIMIT:
        out.append(f"  ... and {len(status.failing) - REPORT_LIMIT} more (monitor.py --json lists all)")
    out += ["", head(f"Stale offers ({len(status.stale)} of {len(status.offers)} from the {status.offers_source}"
                     f" not seen within {status.stale_hours:g} h)")]
    out += [f"  {o.product_id} @ {o.retailer}: last seen {_when(o.last_seen, now)}"
            for o in status.stale[:REPORT_LIMIT]]
    if len(status.stale) > REPORT_LIMIT:
        out.append(f"  ... and {len(status.stale) - REPORT_LIMIT} more (monitor.py --json lists all)")
    out += ["", head("Database"), f"  {status.database} ({status.dialect}), {_size(status.size_bytes)}",
            "  " + ", ".join(f"{t} {n}" for t, n in status.rows.items()),
            f"  last scrape {_when(status.last_scrape_at, now)}", "", head("Site and locks"),
            f"  site built {_when(status.site_built_at, now)}",
            "  locks: " + (", ".join(f"{job} {'free' if pid is None else f'held by pid {pid}'}"
                                     for job, pid in status.locks.items()) or "none")]
    out += ["", head("Logs")]
    for lf in status.logs:
        rotated = f" (+{lf.rotated_files} rotated, {_size(lf.rotated_bytes)})" if lf.rotated_files else ""
        size = _size(lf.size_bytes) if lf.exists else "absent"
        out.append(f"  {lf.path.name:<22} {size:>9}{rotated}")
    if status.catalog_problems:
        out += ["", head(f"Catalog problems ({len(status.catalog_problems)})")]
        out += [f"  {p}" for p in status.catalog_problems]
    return out


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


def scrape_lines(rows: list[dict[str, Any]]) -> list[str]:
    """monitor.py --scrapes: one line per attempt, newest first."""
    import click

    out = []
    for r in rows:
        ok = r["outcome"] in SUCCESS
        price = f"{r['price']} {r['currency'] or ''}".strip() if r["price"] is not None else "-"
        http = str(r["http_status"] or "-")
        ms = f"{r['duration_ms']} ms" if r["duration_ms"] is not None else "-"
        outcome = click.style(f"{r['outcome']:<12}", fg="green" if ok else "red")
        out.append(f"{r['attempted_at']:%Y-%m-%d %H:%M:%S}  {r['product_id']:<24} {r['retailer']:<16} "
                   f"{outcome} {http:>4} {ms:>8}  {price}"
                   + (f"  {_short(r['error'])}" if r["error"] else ""))
    return out or ["no scrape attempts in that time"]
