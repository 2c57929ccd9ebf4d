"""The build state: what the live site was built from, so the next build redoes only what changed.

A small SQLite file in DATA_DIR (``site_state.sqlite``), never deployed. It holds, for
the live build: each catalog file's size and mtime (unchanged files are not parsed again), each
product's catalog entry, fingerprint, newest offer states (also as ``offer_rows``: the id and
last-seen time of each offer's newest history row, so the next build finds the rows seen again
since with an index scan), and the pieces listing pages are assembled from (card HTML, summary
JSON); every output file's digest and owner; and the paths where the spare folder still differs
from the live one. One transaction per build, committed right after the swap: a failed build
leaves the state describing the live site.

A build's own bookkeeping of products (which ids the catalog pass has seen, which products
to render) lives in temporary tables of the connection, never in Python structures, and is read
back a chunk at a time: the main process's memory does not grow with the catalog.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_files (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, problems TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (id TEXT PRIMARY KEY, file TEXT NOT NULL, entry TEXT NOT NULL,
    entry_hash TEXT NOT NULL, category TEXT NOT NULL, sort_name TEXT NOT NULL, retailers TEXT NOT NULL, fp TEXT,
    offers TEXT, summary TEXT, card TEXT, cents INTEGER, drop_day INTEGER, drop_week INTEGER, newest INTEGER,
    shops TEXT);
CREATE INDEX IF NOT EXISTS products_by_category ON products (category, sort_name, id);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, digest TEXT NOT NULL, size INTEGER NOT NULL,
    owner TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_owner ON files (owner);
CREATE TABLE IF NOT EXISTS pending (path TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS drops (product_id TEXT NOT NULL, category TEXT NOT NULL, at INTEGER NOT NULL,
    doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS drops_by_product ON drops (product_id);
CREATE INDEX IF NOT EXISTS drops_by_time ON drops (at);
CREATE INDEX IF NOT EXISTS products_unrendered ON products (id) WHERE fp IS NULL;
CREATE INDEX IF NOT EXISTS products_by_drop_day ON products (drop_day DESC, sort_name, id) WHERE drop_day > 0;
CREATE INDEX IF NOT EXISTS products_by_drop_week ON products (drop_week DESC, sort_name, id) WHERE drop_week > 0;
CREATE INDEX IF NOT EXISTS products_by_shops ON products (shops);
CREATE INDEX IF NOT EXISTS drops_by_category ON drops (category, at);
CREATE TABLE IF NOT EXISTS offer_rows (rid INTEGER PRIMARY KEY, product_id TEXT NOT NULL, last INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS offer_rows_by_product ON offer_rows (product_id);
"""


# one build's bookkeeping, emptied before each use (temporary tables live in a temporary file: memory
# holds no more of them than SQLite's page cache)
TEMP_SCHEMA = """
CREATE TEMP TABLE IF NOT EXISTS catalog_seen (id TEXT PRIMARY KEY, file TEXT NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS dirty (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS moved (row_id INTEGER PRIMARY KEY);
"""
CHUNK = 500  # ids per query (below SQLite's oldest limit of 999 parameters)

VERSION = 2  # of SCHEMA: a state file of another version is emptied (and the next build is a full one)


def state_path(data_dir: Path) -> Path:
    return data_dir / "site_state.sqlite"


class State:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        if self.conn.execute("PRAGMA user_version").fetchone()[0] != VERSION:
            for (table,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                              " AND name NOT LIKE 'sqlite_%'").fetchall():
                self.conn.execute(f'DROP TABLE "{table}"')
            self.conn.execute(f"PRAGMA user_version = {VERSION}")
        self.conn.executescript(SCHEMA)
        self.conn.execute("PRAGMA temp_store = FILE")  # what SQLite does unless built otherwise
        self.conn.executescript(TEMP_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def get(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))

    def reset(self) -> None:
        """Forget everything (a full rebuild)."""
        for table in ("meta", "catalog_files", "products", "files", "pending", "drops", "offer_rows"):
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # catalog
    def catalog_files(self) -> dict[str, tuple[int, int, list[str]]]:
        return {p: (m, s, json.loads(pr)) for p, m, s, pr in
                self.conn.execute("SELECT path, mtime_ns, size, problems FROM catalog_files")}

    def put_catalog_file(self, path: str, mtime_ns: int, size: int, problems: list[str]) -> None:
        self.conn.execute("INSERT OR REPLACE INTO catalog_files VALUES (?, ?, ?, ?)",
                          (path, mtime_ns, size, json.dumps(problems)))

    def drop_catalog_files(self, paths: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM catalog_files WHERE path = ?", ((p,) for p in paths))

    def start_catalog(self) -> None:
        """Begin a pass over the whole catalog: no id seen yet."""
        self.conn.execute("DELETE FROM catalog_seen")

    def seen_in(self, ids: list[str]) -> dict[str, str]:
        """id -> the file that defined it, of those of ``ids`` this catalog pass has seen already."""
        out: dict[str, str] = {}
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            out.update(self.conn.execute(f"SELECT id, file FROM catalog_seen"  # noqa: S608
                                         f" WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def put_entries(self, rows: list[tuple[str, str, str, str, str, str, str]]) -> None:
        """(id, file, entry JSON, entry hash, category, sort name, retailers space-separated) of catalog
        entries, each id new to this catalog pass: noted as seen, stored when new or changed (a changed
        entry is rendered again: its fingerprint is cleared), left alone when unchanged."""
        self.conn.executemany("INSERT INTO catalog_seen (id, file) VALUES (?, ?)", ((r[0], r[1]) for r in rows))
        self.conn.executemany(
            "INSERT INTO products (id, file, entry, entry_hash, category, sort_name, retailers)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET file = excluded.file,"
            " entry = excluded.entry, entry_hash = excluded.entry_hash, category = excluded.category,"
            " sort_name = excluded.sort_name, retailers = excluded.retailers, fp = NULL"
            " WHERE products.entry_hash <> excluded.entry_hash", rows)

    def drop_unseen(self) -> int:
        """Drop the products this catalog pass has not seen (gone from the catalog); how many."""
        gone = "SELECT id FROM products WHERE id NOT IN (SELECT id FROM catalog_seen)"
        self.conn.execute(f"DELETE FROM drops WHERE product_id IN ({gone})")  # noqa: S608
        self.conn.execute(f"DELETE FROM offer_rows WHERE product_id IN ({gone})")  # noqa: S608
        n = self.conn.execute("DELETE FROM products WHERE id NOT IN (SELECT id FROM catalog_seen)").rowcount
        self.conn.execute("DELETE FROM catalog_seen")
        return int(n)

    def catalog_offers(self) -> Iterator[tuple[str, list[str]]]:
        """(product, its retailers) of every catalog product, by id."""
        for pid, retailers in self.conn.execute("SELECT id, retailers FROM products ORDER BY id"):
            yield pid, retailers.split()

    def entries(self, ids: list[str]) -> list[tuple[str, str, str, str]]:
        """(id, entry JSON, entry hash, category) of ``ids``, by id."""
        marks = ",".join("?" * len(ids))
        return self.conn.execute(f"SELECT id, entry, entry_hash, category FROM products"  # noqa: S608
                                 f" WHERE id IN ({marks}) ORDER BY id", ids).fetchall()

    def fingerprints(self, ids: list[str]) -> list[tuple[str, str, str, str | None, str | None]]:
        """(id, category, entry hash, fingerprint, offers JSON) of ``ids``."""
        marks = ",".join("?" * len(ids))
        return self.conn.execute(f"SELECT id, category, entry_hash, fp, offers FROM products"  # noqa: S608
                                 f" WHERE id IN ({marks})", ids).fetchall()

    def has_products(self) -> bool:
        return self.conn.execute("SELECT 1 FROM products LIMIT 1").fetchone() is not None

    # what to render: the ids of the products found to need it ("dirty"), and of those whose offers
    # moved since the last build ("touched"), kept in temporary tables and read back by id, in chunks
    def dirty_all(self) -> int:
        """Every product is to be rendered; how many."""
        self.conn.execute("DELETE FROM dirty")
        return int(self.conn.execute("INSERT INTO dirty SELECT id FROM products").rowcount)

    def dirty_unrendered(self) -> None:
        """The products never rendered (new, or whose catalog entry changed) are to be rendered."""
        self.conn.execute("DELETE FROM dirty")
        self.conn.execute("INSERT INTO dirty SELECT id FROM products WHERE fp IS NULL")

    def add_dirty(self, ids: Iterable[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", ((i,) for i in ids))

    def count_dirty(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM dirty").fetchone()[0])

    def dirty_ids(self, size: int) -> Iterator[list[str]]:
        """The ids to render, by id, ``size`` at a time (each chunk a query of its own: the state
        may be written between two)."""
        return self._by_key("SELECT id FROM dirty WHERE id > ? ORDER BY id LIMIT ?", size, "")

    def start_touched(self) -> None:
        self.conn.execute("DELETE FROM touched")

    def add_touched(self, ids: Iterable[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO touched VALUES (?)", ((i,) for i in ids))

    def start_moved(self) -> None:
        self.conn.execute("DELETE FROM moved")

    def add_moved(self, row_ids: Iterable[int]) -> None:
        """History rows (ids) seen again since the live build, parked here while their stream is read."""
        self.conn.executemany("INSERT OR IGNORE INTO moved VALUES (?)", ((i,) for i in row_ids))

    def moved(self, size: int) -> Iterator[list[int]]:
        """The parked row ids, ``size`` at a time."""
        return self._by_key("SELECT row_id FROM moved WHERE row_id > ? ORDER BY row_id LIMIT ?", size, 0)

    def touched_clean(self, size: int) -> Iterator[list[str]]:
        """The touched ids not (yet) to be rendered, by id, ``size`` at a time: a chunk marked dirty
        meanwhile does not change the next."""
        return self._by_key("SELECT id FROM touched WHERE id > ? AND id NOT IN (SELECT id FROM dirty) ORDER BY id"
                            " LIMIT ?", size, "")

    def put_results(self, rows: list[tuple[Any, ...]], drops: list[tuple[Any, ...]],
                    offer_rows: list[tuple[int, str, int]], fresh: bool) -> None:
        """Rendered products: ``rows`` as ``render.render_batch`` makes them (their id last), their
        drops (id, category, time, JSON) and offer rows (row id, product id, last seen)."""
        self.conn.executemany(
            "UPDATE products SET fp = ?, offers = ?, summary = ?, card = ?, cents = ?, drop_day = ?, drop_week = ?,"
            " newest = ?, shops = ? WHERE id = ?", rows)
        if not fresh:  # a first build has nothing to replace
            self.conn.executemany("DELETE FROM drops WHERE product_id = ?", ((r[-1],) for r in rows))
            self.conn.executemany("DELETE FROM offer_rows WHERE product_id = ?", ((r[-1],) for r in rows))
        self.conn.executemany("INSERT INTO drops VALUES (?, ?, ?, ?)", drops)
        self.conn.executemany("INSERT OR REPLACE INTO offer_rows VALUES (?, ?, ?)", offer_rows)

    def drops(self, category: str | None, limit: int) -> list[tuple[int, str, str]]:
        """(time, product id, drop JSON) of the newest drops, site-wide or in one category."""
        if category is None:
            return self.conn.execute("SELECT at, product_id, doc FROM drops ORDER BY at DESC, product_id LIMIT ?",
                                     (limit,)).fetchall()
        return self.conn.execute("SELECT at, product_id, doc FROM drops WHERE category = ?"
                                 " ORDER BY at DESC, product_id LIMIT ?", (category, limit)).fetchall()

    def put_offers(self, pid: str, fp: str, offers: dict[str, list[Any]]) -> None:
        """A product whose files need no change, though its offer states moved on."""
        self.conn.execute("UPDATE products SET fp = ?, offers = ? WHERE id = ?", (fp, json.dumps(offers), pid))
        self.conn.execute("DELETE FROM offer_rows WHERE product_id = ?", (pid,))
        self.conn.executemany("INSERT OR REPLACE INTO offer_rows VALUES (?, ?, ?)",
                              ((o[0], pid, o[4]) for o in offers.values()))

    def offer_marks(self, since: int, low: int, high: int) -> set[tuple[int, int]]:
        """(row id, last seen) of the offers' newest rows the live build shows with ids from ``low``
        to ``high``, seen since ``since``."""
        return set(self.conn.execute("SELECT rid, last FROM offer_rows WHERE rid BETWEEN ? AND ? AND last >= ?",
                                     (low, high, since)))

    def cards(self, category: str) -> Iterator[str]:
        """The card HTML of one category's products, by name, as it is read."""
        yield from (r[0] for r in self.conn.execute("SELECT card FROM products WHERE category = ?"
                                                    " ORDER BY sort_name, id", (category,)))

    def category_facts(self, category: str) -> tuple[int | None, set[str]]:
        """The newest observation time of one category's products, and the shops with any in stock."""
        newest = self.conn.execute("SELECT MAX(newest) FROM products WHERE category = ?", (category,)).fetchone()[0]
        shops = {r for (s,) in self.conn.execute("SELECT DISTINCT shops FROM products WHERE category = ?",
                                                 (category,)) if s for r in s.split()}
        return newest, shops

    def categories(self) -> list[tuple[str, int]]:
        return self.conn.execute("SELECT category, COUNT(*) FROM products GROUP BY category"
                                 " ORDER BY lower(category), category").fetchall()

    def top(self, column: str, limit: int) -> list[tuple[str, str]]:
        """(summary JSON, card HTML) of the biggest drops by ``column`` (drop_day or drop_week)."""
        assert column in ("drop_day", "drop_week")
        return self.conn.execute(f"SELECT summary, card FROM products WHERE {column} > 0"  # noqa: S608
                                 f" ORDER BY {column} DESC, sort_name, id LIMIT ?", (limit,)).fetchall()

    def shops_in_stock(self) -> set[str]:
        return {r for (shops,) in self.conn.execute("SELECT DISTINCT shops FROM products") if shops
                for r in shops.split()}

    def summaries(self) -> Iterator[str]:
        yield from (row[0] for row in self.conn.execute("SELECT summary FROM products ORDER BY id"))

    # files
    def has_file(self, path: str) -> bool:
        return self.conn.execute("SELECT 1 FROM files WHERE path = ?", (path,)).fetchone() is not None

    def file_digests(self, owner: str) -> dict[str, str]:
        return dict(self.conn.execute("SELECT path, digest FROM files WHERE owner = ?", (owner,)))

    def owned_digests(self, owners: list[str]) -> dict[str, dict[str, str]]:
        """owner -> path -> digest of the files of ``owners``."""
        out: dict[str, dict[str, str]] = {}
        marks = ",".join("?" * len(owners))
        for owner, path, d in self.conn.execute(f"SELECT owner, path, digest FROM files"  # noqa: S608
                                                f" WHERE owner IN ({marks})", owners):
            out.setdefault(owner, {})[path] = d
        return out

    def put_file(self, path: str, digest: str, size: int, owner: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (path, digest, size, owner))

    def put_files(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """(path, digest, size, owner) of files written or kept."""
        self.conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)

    def drop_file(self, path: str) -> None:
        self.conn.execute("DELETE FROM files WHERE path = ?", (path,))

    def owned(self, owner: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM files WHERE owner = ?", (owner,))]

    def orphan_owners(self, size: int = CHUNK) -> Iterator[list[str]]:
        """The products gone from the state that still own files, by id, ``size`` at a time (each
        chunk a query of its own: their files may be dropped between two)."""
        return self._by_key("SELECT DISTINCT owner FROM files WHERE owner > ? AND owner NOT IN (SELECT id FROM"
                            " products) ORDER BY owner LIMIT ?", size, "")

    def totals(self) -> dict[str, int]:
        """Pages, files and bytes of the site; products, and how many are priced."""
        files, size, pages = self.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(path LIKE '%.html'), 0) FROM files").fetchone()
        products, priced = self.conn.execute("SELECT COUNT(*), COUNT(shops) FROM products").fetchone()
        return {"pages": int(pages), "files": int(files), "bytes": int(size), "products": int(products),
                "priced": int(priced)}

    def pending(self, size: int = 5000) -> Iterator[list[str]]:
        """The paths where the spare differs from live, ``size`` at a time."""
        return self._by_key("SELECT path FROM pending WHERE path > ? ORDER BY path LIMIT ?", size, "")

    def _by_key(self, sql: str, size: int, start: Any) -> Iterator[list[Any]]:
        """``sql``'s keys after ``start``, ``size`` at a time (``sql`` takes the last key and the size),
        each chunk a query of its own: the state may be written between two."""
        last = start
        while keys := [r[0] for r in self.conn.execute(sql, (last, size))]:
            yield keys
            last = keys[-1]

    def set_pending(self, paths: Iterable[str]) -> None:
        self.conn.execute("DELETE FROM pending")
        self.add_pending(paths)

    def add_pending(self, paths: Iterable[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO pending VALUES (?)", ((p,) for p in paths))

    def product_paths(self) -> Iterator[str]:
        """The page of every product, by id."""
        yield from (f"products/{r[0]}.html" for r in self.conn.execute("SELECT id FROM products ORDER BY id"))


def dir_id(path: Path) -> list[int] | None:
    """(device, inode) of a folder: tells whether it is still the one the state describes."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino]
