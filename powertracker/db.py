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


_AS_IS = frozenset({str, int, type(None), float, bool, bytes})  # types _to_db returns unchanged


def _to_db(value: Any, dialect: str) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime(TIME_FORMAT)
    if isinstance(value, Decimal) and dialect == "sqlite":
        return str(value)
    return value


# the drivers' errors; PyMySQL's join them when a MariaDB connection first imports it (a SQLite run never
# does: ``except _ERRORS`` reads the name when an error is being handled)
_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def _pymysql() -> Any:
    global _ERRORS
    import pymysql

    _ERRORS = (sqlite3.Error, pymysql.Error)
    return pymysql


_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")  # TIME_FORMAT as strftime writes it


@cache
def _column_kind(key: str) -> str:
    """'money', 'time' or '' for a column name (asked for every value of every row: cached)."""
    if _MONEY.search(key):
        return "money"
    return "time" if _TIME.search(key) else ""


def _from_db(key: str, value: Any) -> Any:
    if value is None:
        return None
    kind = _column_kind(key)
    if kind == "money":
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind == "time":
        if isinstance(value, str):
            text = value[:19]  # fromisoformat reads TIME_FORMAT's own output many times faster than strptime
            value = (datetime.fromisoformat(text) if _STORED_TIME.fullmatch(text)
                     else datetime.strptime(text, TIME_FORMAT))
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
                pymysql = _pymysql()
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
        except (*_ERRORS, OSError) as exc:
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

    def _cursor(self, sql: str, params: Mapping[str, Any] | None, unbuffered: bool = False) -> Any:
        """Run one statement with ``:name`` parameters and return the driver's cursor (``unbuffered``:
        MariaDB's rows stay on the server until fetched)."""
        dialect = self.dialect
        args = {k: v if type(v) in _AS_IS else _to_db(v, dialect) for k, v in (params or {}).items()}
        try:
            if dialect == "sqlite":
                return self._conn.execute(sql, args)
            cur = self._conn.cursor(_pymysql().cursors.SSCursor) if unbuffered else self._conn.cursor()
            cur.execute(self._sql(sql), args or None)
            return cur
        except _ERRORS as exc:
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
        except _ERRORS as exc:
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
        except _ERRORS as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        return int(cur.rowcount or 0)

    def stream(self, sql: str, params: Mapping[str, Any] | None = None, size: int = 2000) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples of the driver's own types, fetched ``size`` at a time (large reads).

        No conversion happens here: select what needs no conversion (integers, text) or convert it.
        """
        cur = self._cursor(sql, params, unbuffered=True)
        try:
            while True:
                rows = cur.fetchmany(size)
                if not rows:
                    break
                yield from rows
        except _ERRORS as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        finally:
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
        except _ERRORS as exc:
            raise DatabaseError(f"{mask_url(self.url)}: {exc}") from exc
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            try:
                self._conn.rollback()
            except _ERRORS:
                pass
            raise
        self._depth = 0
        try:
            self._conn.commit()
        except _ERRORS as exc:
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
