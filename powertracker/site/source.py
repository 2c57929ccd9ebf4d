"""What the site build reads: the catalog (file by file, cached) and the database (streamed).

The database is read in plain values (cents, epoch seconds) through ``Database.stream``,
a batch of products at a time, so memory stays flat however big the history is.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..catalog import load_product_file, load_retailers, product_files
from ..db import Database, named_query
from ..errors import DatabaseError
from .model import AVAIL, CUR, ID, L_EP, PRICE, WAS, Entry, Row
from .output import hex_digest, new_hash

logger = logging.getLogger(__name__)

_OFFER = itemgetter(0, 1)  # (product_id, retailer) of a history row
TOUCH_MARGIN_S = 3600  # rows seen up to this long before the last build's newest are read again


def entry_json(entry: Entry) -> str:
    return json.dumps([entry.id, entry.name, entry.category, entry.brand, entry.offers], ensure_ascii=False)


def entry_from_json(text: str) -> Entry:
    pid, name, category, brand, offers = json.loads(text)
    return Entry(pid, name, category, brand, tuple((r, u) for r, u in offers))


def digest(data: bytes | str) -> str:
    """The digest a file of these bytes gets (``output.hex_digest``)."""
    h = new_hash()
    h.update(data.encode() if isinstance(data, str) else data)
    return hex_digest(h)


@dataclass(frozen=True)
class CatalogFile:
    path: str
    mtime_ns: int
    size: int


def catalog_files(products_dir: Path) -> list[CatalogFile]:
    return [CatalogFile(str(path), st.st_mtime_ns, st.st_size)
            for path in product_files(products_dir) for st in [path.stat()]]


def parse_catalog_file(path: str) -> tuple[list[Entry], list[str]]:
    products, problems = load_product_file(Path(path))
    return [Entry(p.id, p.name, p.category, p.brand, tuple((o.retailer, o.url) for o in p.offers))
            for p in products], problems


CatalogRow = tuple[str, str, str, str, str, str]  # id, entry JSON, its digest, category, sort name, retailers


def catalog_rows(path: str) -> tuple[list[CatalogRow], list[str]]:
    """``parse_catalog_file`` ready for the build state (in a worker process, for a big catalog)."""
    entries, problems = parse_catalog_file(path)
    rows = []
    for e in entries:
        text = entry_json(e)
        rows.append((e.id, text, digest(text), e.category, e.name.casefold(), " ".join(r for r, _ in e.offers)))
    return rows, problems


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
        for (pid, retailer), rows in groupby(self.db.stream(sql, params, size=5000), _OFFER):
            out.setdefault(pid, {})[retailer] = list(rows)
        return out

    def latest_url(self, product_id: str, retailer: str) -> str:
        rows = self.db.query("SELECT url FROM price_history WHERE product_id = :p AND retailer = :r"
                             " ORDER BY id DESC LIMIT 1", {"p": product_id, "r": retailer})
        return str(rows[0]["url"]) if rows else ""

    def added(self, max_id: int) -> Iterator[tuple[Any, ...]]:
        """Offer states (product, retailer, id, price, currency, availability, last seen, was) of the
        rows added since a build that read up to ``max_id``."""
        yield from self.db.stream(self._sql("site_touched").replace("{where}", "id > :max_id"), {"max_id": max_id})

    def latest_states(self, product_ids: list[str]) -> Iterator[tuple[Any, ...]]:
        """``added``'s offer states of the newest row of every offer of ``product_ids``."""
        params = {f"p{k}": pid for k, pid in enumerate(product_ids)}
        where = (f"id IN (SELECT MAX(id) FROM price_history WHERE product_id IN ({', '.join(f':{k}' for k in params)})"
                 " GROUP BY product_id, retailer)")
        yield from self.db.stream(self._sql("site_touched").replace("{where}", where), params)

    def product_ids_of(self, ids: list[int]) -> set[str]:
        """The products of the history rows ``ids``."""
        params = {f"i{k}": rid for k, rid in enumerate(ids)}
        sql = f"SELECT DISTINCT product_id FROM price_history WHERE id IN ({', '.join(f':{k}' for k in params)})"
        return {r[0] for r in self.db.stream(sql, params)}

    def seen_since(self, max_id: int, max_seen: datetime | None) -> Iterator[tuple[int, int]]:
        """(id, last seen) of the rows up to ``max_id`` seen since a build that read up to ``max_seen``
        (less a margin, for scrapes that committed late), by id."""
        since = datetime.fromtimestamp((max_seen.timestamp() if max_seen else 0) - TOUCH_MARGIN_S, UTC)
        yield from self.db.stream(self._sql("site_seen"), {"max_id": max_id, "since": since}, size=5000)

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
