"""The Prometheus text-format metrics file for node_exporter's textfile collector.

``write_metrics(settings)`` computes every figure from the database and the
files in DATA_DIR (``status.summarize``: monitor.py's ``status.gather`` with the
offers counted by a few indexed queries rather than listed, and the catalog's
offers read from a cache in DATA_DIR while its files are unchanged) and replaces
METRICS_FILE (default ``DATA_DIR/metrics/power_tracker.prom``) atomically,
as the textfile collector requires. Every job calls it when it ends: the
entry points through ``cli.settings_or_exit(job=...)``, deploy.sh through
``python -m powertracker.metrics``. It never fails a job: with the database
down it writes ``power_tracker_database_up 0`` and the file-based figures,
and any other error is logged and swallowed.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .atomic import write_atomically
from .catalog import product_files
from .config import Settings

logger = logging.getLogger(__name__)

PREFIX = "power_tracker_"


def metrics_path(settings: Settings) -> Path:
    return settings.metrics_file or settings.data_dir / "metrics" / "power_tracker.prom"


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class _Doc:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._declared: set[str] = set()

    def add(self, name: str, value: float | int | bool | datetime | None, help_: str,
            kind: str = "gauge", **labels: object) -> None:
        if value is None:
            return
        if isinstance(value, datetime):
            value = int(value.timestamp())
        full = PREFIX + name
        if full not in self._declared:
            self._declared.add(full)
            self.lines += [f"# HELP {full} {help_}", f"# TYPE {full} {kind}"]
        number = float(value)
        shown = str(int(number)) if number.is_integer() else repr(number)
        text = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
        self.lines.append(f"{full}{{{text}}} {shown}" if text else f"{full} {shown}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _files_metrics(doc: _Doc, files: dict[str, Any]) -> None:
    for disk in files["disks"]:
        doc.add("disk_free_bytes", disk.free_bytes, "Free bytes on the file system", path=disk.path)
        doc.add("disk_size_bytes", disk.total_bytes, "Size of the file system", path=disk.path)
    for lf in files["logs"]:
        doc.add("log_size_bytes", lf.size_bytes + lf.rotated_bytes, "Bytes of a log and its rotated files",
                log=lf.name)
    for job, pid in files["locks"].items():
        doc.add("lock_held", pid is not None, "1 while a job holds its lock", job=job)
    backups = files["backups"]
    doc.add("backups", len(backups), "Backups in BACKUP_DIR")
    if backups:
        doc.add("backup_last_timestamp_seconds", backups[0].taken_at, "When the newest backup was taken")
        doc.add("backup_last_size_bytes", backups[0].size_bytes, "Size of the newest backup")
    for job, rec in files["jobs"].items():
        doc.add("job_last_run_timestamp_seconds", rec["finished_at"], "When the job last finished", job=job)
        doc.add("job_last_run_ok", rec.get("status") in ("ok", "skipped"), "1 when its last run succeeded",
                job=job)
    dep = files["last_deploy"] or {}
    for key in ("files_transferred", "bytes_transferred", "files_deleted"):
        if isinstance(dep.get(key), int):
            doc.add(f"deploy_last_{key}", dep[key], f"{key.replace('_', ' ')} by the last deploy")


CatalogFiles = list[tuple[str, int, int]]  # (name, mtime_ns, size) of each PRODUCTS_DIR/*.json, by name

_CACHE_VERSION = 2  # a header line, then one line per product: its id and retailers, space-separated, by id


def _cache_path(settings: Settings) -> Path:
    return settings.data_dir / "catalog_offers.json"


def catalog_signature(settings: Settings) -> CatalogFiles | None:
    try:
        return [(p.name, st.st_mtime_ns, st.st_size) for p in product_files(settings.products_dir) for st in [p.stat()]]
    except OSError:
        return None


def _cache_head(settings: Settings, files: CatalogFiles) -> dict[str, Any]:
    return {"version": _CACHE_VERSION, "folder": str(settings.products_dir), "files": [list(f) for f in files]}


def remember_catalog(settings: Settings, files: CatalogFiles, offers: Iterable[tuple[str, list[str]]]) -> bool:
    """Keep the catalog's offers ((product, retailers) of each valid product, by product id) as parsed
    from ``files``, for ``catalog_offers``: the site build calls this whenever it parsed the catalog.
    Written as it comes, never whole in memory, each product's retailers sorted; False (logged) when
    not written, or when the products did not come in order of their ids (then ``catalog_offers``
    parses the catalog itself)."""
    path = _cache_path(settings)

    def lines() -> Iterator[bytes]:
        yield (json.dumps(_cache_head(settings, files), separators=(",", ":")) + "\n").encode()
        last = None
        for product, retailers in offers:
            if last is not None and product <= last:
                raise ValueError(f"the products came out of order ({last!r}, then {product!r})")
            last = product
            yield (" ".join([product, *sorted(set(retailers))]) + "\n").encode()

    try:  # whole or absent after a power cut: a cut-short list would count wrong
        write_atomically(path, lines())
        return True
    except (OSError, ValueError) as exc:
        logger.warning("catalog cache %s not written: %s", path, exc)
        return False


class CatalogOffers:
    """The catalog's offers as (product, retailer), in that order, read as they are iterated (from
    the cache file, or from the temporary database ``catalog_offers`` sorted them in when the cache
    could not be written): memory does not grow with the catalog. Iterable any number of times."""

    def __init__(self, source: Path | sqlite3.Connection) -> None:
        self.source = source

    def _products(self) -> Iterator[list[str]]:
        if isinstance(self.source, sqlite3.Connection):
            for pid, retailers in self.source.execute("SELECT id, retailers FROM products ORDER BY id"):
                yield [pid, *retailers.split()]
            return
        with open(self.source, encoding="utf-8") as fh:
            fh.readline()  # the header
            for line in fh:
                yield line.split()

    def close(self) -> None:
        """Drop the temporary database, if the offers come from one."""
        if isinstance(self.source, sqlite3.Connection):
            self.source.close()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for product, *retailers in self._products():
            for retailer in retailers:
                yield product, retailer


def _cached(settings: Settings, files: CatalogFiles) -> bool | None:
    """Whether the cache of ``files`` lists any product; None when it is missing or of other files."""
    try:
        with open(_cache_path(settings), encoding="utf-8") as fh:
            head = json.loads(fh.readline())
            if head == _cache_head(settings, files):
                return fh.readline() != ""
    except (OSError, ValueError):
        pass
    return None


def _sort_catalog(settings: Settings, files: CatalogFiles) -> sqlite3.Connection:
    """The valid products of ``files`` (the first definition of an id, as load_products keeps) in a
    temporary on-disk SQLite database, parsed file by file: SQLite sorts them by id in bounded memory."""
    from .catalog import load_product_file

    conn = sqlite3.connect("")  # private, on disk once past its page cache, deleted when closed
    conn.execute("PRAGMA temp_store = FILE")
    conn.execute("CREATE TABLE products (id TEXT PRIMARY KEY, retailers TEXT NOT NULL) WITHOUT ROWID")
    for name, _, _ in files:
        products, _ = load_product_file(settings.products_dir / name)
        conn.executemany("INSERT OR IGNORE INTO products VALUES (?, ?)",
                         ((p.id, " ".join(sorted({o.retailer for o in p.offers}))) for p in products))
    return conn


def catalog_offers(settings: Settings) -> CatalogOffers | None:
    """The catalog's valid products' offers, (product, retailer) in order (None when it has none):
    the offers ``status.summarize`` counts. Parsed again only when a catalog file changed (size or
    mtime), file by file, and sorted by SQLite in a temporary database: never all in memory."""
    files = catalog_signature(settings)
    if files is None:
        return None
    listed = _cached(settings, files)
    if listed is not None:
        return CatalogOffers(_cache_path(settings)) if listed else None
    conn = _sort_catalog(settings, files)
    if conn.execute("SELECT 1 FROM products LIMIT 1").fetchone() is None:
        remember_catalog(settings, files, ())
        conn.close()
        return None
    rows = ((pid, retailers.split()) for pid, retailers in conn.execute("SELECT id, retailers FROM products"
                                                                         " ORDER BY id"))
    if remember_catalog(settings, files, rows):
        conn.close()
        return CatalogOffers(_cache_path(settings))
    return CatalogOffers(conn)  # DATA_DIR not writable: count from the temporary database


def render(settings: Settings) -> str:
    """The metrics file's text."""
    from .db import utcnow
    from .errors import DatabaseError
    from .report import assess
    from .status import files_status, open_database, summarize

    doc = _Doc()
    now = utcnow()
    try:
        with open_database(settings) as db:
            offers = catalog_offers(settings)
            try:
                status = summarize(db, settings, offers, now=now)
            finally:
                if offers is not None:
                    offers.close()
    except DatabaseError as exc:
        logger.warning("metrics without the database: %s", exc)
        doc.add("database_up", 0, "1 when the database answered")
        _files_metrics(doc, files_status(settings))
        doc.add("metrics_written_timestamp_seconds", now, "When this file was written")
        return doc.text()
    doc.add("database_up", 1, "1 when the database answered")
    state = assess(status, settings.warn_failure_rate, settings.crit_failure_rate, settings.backup_max_age_hours)
    doc.add("health_state", state.state, "quick_status.py's state: 0 OK, 1 WARNING, 2 CRITICAL")
    for name, offers in (("fresh", status.fresh), ("stale", status.stale), ("failing", status.failing)):
        doc.add("offers", len(offers), "Offers by state (an offer can be stale and failing)", state=name)
    doc.add("offers_total", len(status.offers), "Offers tracked")
    for window, rates in (("24h", status.retailers_24h), ("7d", status.retailers_7d)):
        for r in rates:
            doc.add("retailer_attempts", r.attempts, "Scrape attempts", retailer=r.retailer, window=window)
            doc.add("retailer_successes", r.successes, "Successful scrape attempts", retailer=r.retailer,
                    window=window)
    doc.add("last_scrape_timestamp_seconds", status.last_scrape_at, "Newest scrape attempt")
    doc.add("data_updated_timestamp_seconds", status.data_updated_at, "Newest price observation")
    doc.add("site_built_timestamp_seconds", status.site_built_at, "When the site was last built")
    for run in status.runs:
        doc.add("job_last_run_timestamp_seconds", run.finished_at or run.started_at, "When the job last finished",
                job=run.job)
        doc.add("job_last_run_ok", run.status == "ok", "1 when its last run succeeded", job=run.job)
    doc.add("database_size_bytes", status.size_bytes, "Database size")
    for table, n in status.rows.items():
        doc.add("table_rows", n, "Rows per table", table=table)
    _files_metrics(doc, {"disks": status.disks, "logs": status.logs, "locks": status.locks,
                         "backups": status.backups, "jobs": status.jobs, "last_deploy": status.last_deploy})
    doc.add("metrics_written_timestamp_seconds", now, "When this file was written")
    return doc.text()


def write_metrics(settings: Settings) -> Path | None:
    """Rewrite METRICS_FILE atomically; returns its path, or None (logged) when that failed."""
    path = metrics_path(settings)
    try:
        write_atomically(path, render(settings).encode())
    except Exception as exc:  # noqa: BLE001 - metrics must never fail the job that calls them
        logger.warning("metrics file %s not written: %s", path, exc)
        return None
    return path


def main() -> int:
    """``python -m powertracker.metrics``: rewrite the metrics file (deploy.sh calls this)."""
    from .config import load_settings
    from .errors import ConfigError

    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    return 0 if write_metrics(settings) is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
