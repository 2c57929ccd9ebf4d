"""Database connections for SQLite (default) and MariaDB (pymysql).

Queries are written once with ``:name`` placeholders; this module alone turns
them into PyMySQL's ``%(name)s``. Named queries live in ``sql/queries/`` as
``<name>.sql``, or ``<name>.sqlite.sql`` / ``<name>.mariadb.sql`` where the
dialects differ.

Rows come back as dicts with the same Python types on both databases: money
columns as Decimal, time columns as timezone-aware UTC datetimes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pymysql

from .config import mask_url
from .errors import DatabaseError

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_MONEY = re.compile(r"(^|_)price$")
_TIME = re.compile(r"(_at|_seen|^seen_at)$")


def utcnow() -> datetime:
    """Now in UTC, to the second (the precision both databases store)."""
    return datetime.now(UTC).replace(microsecond=0)


@cache
def named_query(name: str, dialect: str) -> str:
    for candidate in (SQL_DIR / "queries" / f"{name}.{dialect}.sql", SQL_DIR / "queries" / f"{name}.sql"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no query sql/queries/{name}.sql for {dialect}")


def _to_db(value: Any, dialect: str) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime(TIME_FORMAT)
    if isinstance(value, Decimal) and dialect == "sqlite":
        return str(value)
    return value


def _from_db(key: str, value: Any) -> Any:
    if value is None:
        return None
    if _MONEY.search(key) and not isinstance(value, Decimal):
        return Decimal(str(value))
    if isinstance(value, Decimal) and _MONEY.search(key):
        return value
    if _TIME.search(key):
        if isinstance(value, str):
            value = datetime.strptime(value[:19], TIME_FORMAT)
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)  # COUNT/SUM on MariaDB come back as Decimal
    return value


class Database:
    """One connection. Use ``transaction()`` for writes; reads autocommit-free but short."""

    def __init__(self, url: str) -> None:
        self.url = url
        parts = urlsplit(url)
        try:
            if parts.scheme == "sqlite":
                self.dialect = "sqlite"
                self.path: Path | None = Path(url[len("sqlite:///"):])
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn: Any = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA foreign_keys=ON")
                self._conn.execute("PRAGMA busy_timeout=30000")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            else:
                self.dialect = "mariadb"
                self.path = None
                self._conn = pymysql.connect(
                    host=parts.hostname or "127.0.0.1",
                    port=parts.port or 3306,
                    user=unquote(parts.username or "root"),
                    password=unquote(parts.password or ""),
                    database=parts.path.strip("/"),
                    charset="utf8mb4",
                    autocommit=True,
                    connect_timeout=10,
                    init_command="SET time_zone = '+00:00'",
                )
        except (sqlite3.Error, pymysql.Error, OSError) as exc:
            raise DatabaseError(f"cannot open database {mask_url(url)}: {exc}") from exc
        self._depth = 0

    def close(self) -> None:
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection must not raise
            pass

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        if self.dialect == "sqlite":
            return sql
        return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))

    def _cursor(self, sql: str, params: Mapping[str, Any] | None) -> Any:
        """Run one statement with ``:name`` parameters and return the driver's cursor."""
        args = {k: _to_db(v, self.dialect) for k, v in (params or {}).items()}
        try:
            if self.dialect == "sqlite":
                return self._conn.execute(sql, args)
            cur = self._conn.cursor()
            cur.execute(self._sql(sql), args or None)
            return cur
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run one statement; returns lastrowid (inserts) or rowcount."""
        cur = self._cursor(sql, params)
        return int(cur.lastrowid or cur.rowcount or 0)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        cur = self._cursor(sql, params)
        try:
            names = [d[0] for d in cur.description or ()]
            rows = cur.fetchall()
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        return [{k: _from_db(k, v) for k, v in zip(names, row, strict=True)} for row in rows]

    def executemany(self, sql: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Run one statement for each parameter mapping (bulk loads); returns the rowcount."""
        batch = [{k: _to_db(v, self.dialect) for k, v in row.items()} for row in rows]
        if not batch:
            return 0
        try:
            if self.dialect == "sqlite":
                cur = self._conn.executemany(sql, batch)
            else:
                cur = self._conn.cursor()
                cur.executemany(self._sql(sql), batch)
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        return int(cur.rowcount or 0)

    def stream(self, sql: str, params: Mapping[str, Any] | None = None, size: int = 2000) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples of the driver's own types, fetched ``size`` at a time (large reads).

        No conversion happens here: select what needs no conversion (integers, text) or convert it.
        """
        args = {k: _to_db(v, self.dialect) for k, v in (params or {}).items()}
        cur: Any = None
        try:
            if self.dialect == "sqlite":
                cur = self._conn.execute(sql, args)
            else:
                cur = self._conn.cursor(pymysql.cursors.SSCursor)
                cur.execute(self._sql(sql), args or None)
            while True:
                rows = cur.fetchmany(size)
                if not rows:
                    break
                yield from rows
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        finally:
            if cur is not None:
                cur.close()

    def run(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run the named query from sql/queries/ and return its rows."""
        return self.query(named_query(name, self.dialect), params)

    def script(self, sql: str) -> None:
        """Run several ;-separated statements (a migration file)."""
        for statement in split_statements(sql):
            self.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Commit on success, roll back on error. Nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            if self.dialect == "sqlite":
                self._conn.execute("BEGIN IMMEDIATE")
            else:
                self._conn.begin()
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            try:
                self._conn.rollback()
            except (sqlite3.Error, pymysql.Error):
                pass
            raise
        self._depth = 0
        try:
            self._conn.commit()
        except (sqlite3.Error, pymysql.Error) as exc:
            raise DatabaseError(f"{mask_url(self.url)}: commit failed: {exc}") from exc

    def size_bytes(self) -> int | None:
        if self.path is not None:
            return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        rows = self.query(
            "SELECT COALESCE(SUM(data_length + index_length), 0) AS n FROM information_schema.tables"
            " WHERE table_schema = DATABASE()"
        )
        return int(rows[0]["n"])


def split_statements(sql: str) -> list[str]:
    """Split a migration file on ';' at line ends, dropping '--' comment lines."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in re.split(r";\s*$", "\n".join(lines), flags=re.M) if s.strip()]


def connect(url: str) -> Database:
    """Open the database at ``url`` and bring its schema up to date."""
    from .migrate import migrate

    db = Database(url)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db
