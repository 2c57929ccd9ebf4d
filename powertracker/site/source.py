"""What the site build reads: the catalog (file by file, cached) and the database (streamed).

The database is read in plain values (cents, epoch seconds) through ``Database.stream``,
a batch of products at a time, so memory stays flat however big the history is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..catalog import load_product_file, load_retailers
from ..db import Database, named_query
from ..errors import DatabaseError
from .model import AVAIL, CUR, ID, L_EP, PRICE, WAS, Entry, Row

logger = logging.getLogger(__name__)

TOUCH_MARGIN_S = 3600  # rows seen up to this long before the last build's newest are read again


def entry_json(entry: Entry) -> str:
    return json.dumps([entry.id, entry.name, entry.category, entry.brand, entry.offers], ensure_ascii=False)


def entry_from_json(text: str) -> Entry:
    pid, name, category, brand, offers = json.loads(text)
    return Entry(pid, name, category, brand, tuple((r, u) for r, u in offers))


def digest(data: bytes | str) -> str:
    return hashlib.blake2b(data.encode() if isinstance(data, str) else data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class CatalogFile:
    path: str
    mtime_ns: int
    size: int


def catalog_files(products_dir: Path) -> list[CatalogFile]:
    if not products_dir.is_dir():
        return []
    out = []
    for path in sorted(products_dir.glob("*.json")):
        st = path.stat()
        out.append(CatalogFile(str(path), st.st_mtime_ns, st.st_size))
    return out


def parse_catalog_file(path: str) -> tuple[list[Entry], list[str]]:
    products, problems = load_product_file(Path(path))
    return [Entry(p.id, p.name, p.category, p.brand, tuple((o.retailer, o.url) for o in p.offers))
            for p in products], problems


def shop_names(retailers_file: Path, default_delay: float) -> dict[str, str]:
    return {rid: r.name for rid, r in load_retailers(retailers_file, default_delay).items()}


class Reader:
    """Queries of one build against the tracker database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        try:
            db.query("SELECT was_price FROM price_history WHERE id = 0")
            self.was = "was_price"
        except DatabaseError:
            self.was = "NULL"  # the column arrives with a later migration; no claims to check yet

    def _sql(self, name: str) -> str:
        sql = named_query(name, self.db.dialect).replace("{was_price}", self.was)
        if self.db.dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 38):
            sql = re.sub(r"CAST\(strftime\('%s', (\w+)\) AS INTEGER\)", r"unixepoch(\1)", sql)  # faster
        return sql

    def marks(self) -> dict[str, Any]:
        """Cheap figures that move whenever the data does."""
        one = self.db.query
        return {
            "ph_max_id": one("SELECT MAX(id) AS n FROM price_history")[0]["n"] or 0,
            "ph_max_seen": one("SELECT MAX(last_seen) AS last_seen FROM price_history")[0]["last_seen"],
            "sl_max_id": one("SELECT MAX(id) AS n FROM scrape_log")[0]["n"] or 0,
        }

    def history(self, ids: list[str]) -> dict[str, dict[str, list[Row]]]:
        """product_id -> retailer -> rows (oldest first) of ``ids``."""
        out: dict[str, dict[str, list[Row]]] = {}
        if not ids:
            return out
        params = {f"p{i}": pid for i, pid in enumerate(ids)}
        sql = self._sql("site_history").replace("{ids}", ", ".join(f":{k}" for k in params))
        key: tuple[str, str] | None = None
        rows: list[Row] = []
        for rec in self.db.stream(sql, params, size=5000):
            if key is None or rec[1] != key[1] or rec[0] != key[0]:
                key = (rec[0], rec[1])
                rows = out.setdefault(rec[0], {}).setdefault(rec[1], [])
            rows.append(rec)
        return out

    def latest_url(self, product_id: str, retailer: str) -> str:
        rows = self.db.query("SELECT url FROM price_history WHERE product_id = :p AND retailer = :r"
                             " ORDER BY id DESC LIMIT 1", {"p": product_id, "r": retailer})
        return str(rows[0]["url"]) if rows else ""

    def touched(self, max_id: int, max_seen: datetime | None) -> Iterator[tuple[Any, ...]]:
        """Offer states (product, retailer, id, price, currency, availability, last seen, was) of
        rows added or seen again since a build that read up to ``max_id`` / ``max_seen``."""
        since = datetime.fromtimestamp(
            (max_seen.timestamp() if max_seen else 0) - TOUCH_MARGIN_S, UTC)
        yield from self.db.stream(self._sql("site_touched"), {"max_id": max_id, "since": since})

    def shops(self, since: datetime) -> list[dict[str, Any]]:
        return self.db.query(named_query("site_shops", self.db.dialect), {"since": since})

    def newest_attempt(self) -> datetime | None:
        return self.db.query("SELECT MAX(attempted_at) AS attempted_at FROM scrape_log")[0]["attempted_at"]


def offer_state(row: Row) -> list[Any]:
    """What of an offer's newest row decides its page: id, price, currency, availability, last seen, was."""
    return [row[ID], str(row[PRICE]), row[CUR], row[AVAIL], row[L_EP], None if row[WAS] is None else str(row[WAS])]


def fingerprint(entry_hash: str, offers: dict[str, list[Any]], stale_seconds: float) -> str:
    """Equal fingerprints render equal product files (given equal templates and settings).

    Times count by the day: a page says on which day a price was last confirmed, and marks
    a shop whose last check is more than STALE_HOURS older than the product's newest.
    """
    newest = max((s[4] for s in offers.values()), default=0)
    items = sorted((r, s[0], s[1], s[2], s[3], s[4] // 86400, newest - s[4] > stale_seconds, s[5])
                   for r, s in offers.items())
    return digest(repr((entry_hash, items)))
