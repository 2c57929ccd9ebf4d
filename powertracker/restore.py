"""Restore a backup written by backup.py into a database (DATABASE_URL or another).

The backup's kind is read from its content, not its name: a gzipped SQLite
file or a gzipped mariadb-dump. It restores into a database of the same kind
only. A target that holds any row (``schema_migrations`` aside: a freshly
migrated database counts as empty) is refused unless ``force``; with
``force`` it is replaced whole.

- SQLite: the backup is unpacked beside the target, checked with
  ``PRAGMA quick_check``, then copied in with the online backup API, so the
  target file is never half-written.
- MariaDB: the database is created when missing (emptied first with
  ``force``), then the dump is fed to the ``mariadb`` client with its
  ``DEFINER`` clauses removed, so a least-privilege user can restore it.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymysql

from .backup import CHUNK, backup_dir, client_options, client_tool, dialect_of, list_backups
from .config import Settings, mask_url
from .db import Database
from .errors import ConfigError, DatabaseError
from .status import table_counts

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
_DEFINER = re.compile(rb"^/\*!50013 DEFINER=\S+ SQL SECURITY DEFINER \*/\n?$")
_DB_NAME = re.compile(r"^[A-Za-z0-9_$]{1,64}$")


@dataclass
class RestoreResult:
    source: Path
    target: str  # URL, password masked
    dialect: str
    dry_run: bool
    replaced_rows: int = 0  # rows the target held before (only with force)
    tables: dict[str, int] = field(default_factory=dict)  # rows per table after the restore
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"source": str(self.source), "target": self.target, "dialect": self.dialect,
                "dry_run": self.dry_run, "replaced_rows": self.replaced_rows, "tables": self.tables,
                "seconds": self.seconds}


def resolve_source(settings: Settings, source: str) -> Path:
    """A backup path, or ``latest`` for the newest backup in BACKUP_DIR."""
    if source == "latest":
        found = list_backups(backup_dir(settings))
        if not found:
            raise ConfigError(f"no backups in {backup_dir(settings)} (run backup.py first)")
        return found[0].path
    path = Path(source).expanduser()
    if not path.is_file():
        raise ConfigError(f"backup {path} does not exist")
    return path


def backup_kind(path: Path) -> str:
    """'sqlite' or 'mariadb' from the backup's first bytes; ConfigError for anything else."""
    try:
        with gzip.open(path, "rb") as fh:
            head = fh.read(64)
    except (OSError, EOFError, zlib.error) as exc:
        raise ConfigError(f"{path} is not a gzipped backup: {exc}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith((b"-- MariaDB dump", b"-- MySQL dump", b"/*M!999999")):
        return "mariadb"
    raise ConfigError(f"{path} is neither a SQLite backup nor a mariadb-dump")


def _server(url: str) -> pymysql.connections.Connection:
    parts = urlsplit_url(url)
    try:
        return pymysql.connect(host=parts["host"], port=parts["port"], user=parts["user"],
                               password=parts["password"], autocommit=True, connect_timeout=10)
    except pymysql.Error as exc:
        raise DatabaseError(f"cannot open database {mask_url(url)}: {exc}") from exc


def urlsplit_url(url: str) -> dict[str, Any]:
    from urllib.parse import unquote, urlsplit

    p = urlsplit(url)
    return {"host": p.hostname or "127.0.0.1", "port": p.port or 3306, "user": unquote(p.username or "root"),
            "password": unquote(p.password or ""), "database": p.path.strip("/")}


def target_rows(url: str) -> int:
    """Rows the target holds outside schema_migrations; 0 for a missing database."""
    if dialect_of(url) == "sqlite":
        path = Path(url[len("sqlite:///"):])
        if not path.is_file() or path.stat().st_size == 0:
            return 0
    else:
        name = urlsplit_url(url)["database"]
        server = _server(url)
        try:
            with server.cursor() as cur:
                cur.execute("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s", (name,))
                if cur.fetchone()[0] == 0:
                    return 0
        finally:
            server.close()
    with Database(url) as db:
        return sum(n for t, n in table_counts(db).items() if t != "schema_migrations")


def _restore_sqlite(source: Path, url: str) -> None:
    target = Path(url[len("sqlite:///"):])
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.restore-", dir=target.parent)
    raw = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(source, "rb") as fh:
            shutil.copyfileobj(fh, out, CHUNK)
        src = sqlite3.connect(raw)
        try:
            check = src.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ConfigError(f"{source} is damaged: {check}; the target is unchanged")
            dst = sqlite3.connect(target, timeout=30)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, EOFError, zlib.error, sqlite3.Error) as exc:
        raise DatabaseError(f"cannot restore {source} into {target}: {exc}") from exc
    finally:
        raw.unlink(missing_ok=True)


def _empty_mariadb(url: str) -> None:
    """Create the target database when missing; drop every view and table in it."""
    name = urlsplit_url(url)["database"]
    if not _DB_NAME.match(name):
        raise ConfigError(f"database name {name!r}: use letters, digits, _ and $ only")
    server = _server(url)
    try:
        with server.cursor() as cur:
            cur.execute(f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4")
            cur.execute("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = %s",
                        (name,))
            rows = cur.fetchall()
            cur.execute("SET FOREIGN_KEY_CHECKS = 0")
            for table, kind in rows:
                cur.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS `{name}`.`{table}`")
            cur.execute("SET FOREIGN_KEY_CHECKS = 1")
    except pymysql.Error as exc:
        raise DatabaseError(f"cannot prepare {mask_url(url)} for the restore: {exc}") from exc
    finally:
        server.close()


def _restore_mariadb(source: Path, url: str) -> None:
    tool = client_tool("mariadb", "mysql")
    _empty_mariadb(url)
    with client_options(url) as (options, database), tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([tool, *options, "--batch", database], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=errors)
        assert proc.stdin is not None
        try:
            with gzip.open(source, "rb") as fh:
                for line in fh:
                    proc.stdin.write(b"" if _DEFINER.match(line) else line)
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the client stopped; its exit code and message say why
        except (OSError, EOFError, zlib.error) as exc:
            proc.kill()
            proc.wait()
            raise ConfigError(f"cannot read {source}: {exc}") from exc
        code = proc.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if code != 0:
        raise DatabaseError(f"restore into {mask_url(url)} failed (exit {code}): {message or 'no message'}")


def restore_backup(settings: Settings, source: Path, target_url: str | None = None,
                   force: bool = False, dry_run: bool = False) -> RestoreResult:
    """Restore ``source`` into ``target_url`` (default DATABASE_URL). Raises ConfigError, DatabaseError."""
    url = target_url or settings.database_url
    if target_url:
        from .config import _check_database_url  # the same checks DATABASE_URL gets

        url = _check_database_url("--to", target_url, settings.root)
    kind, target = backup_kind(source), dialect_of(url)
    if kind != target:
        raise ConfigError(f"{source} is a {kind} backup; {mask_url(url)} is a {target} database")
    result = RestoreResult(source=source, target=mask_url(url), dialect=kind, dry_run=dry_run)
    started = time.monotonic()
    result.replaced_rows = target_rows(url)
    if result.replaced_rows and not force:
        raise ConfigError(f"{mask_url(url)} is not empty ({result.replaced_rows} rows); restore with"
                          " --force to replace it, or --to a fresh database")
    if dry_run:
        return result
    (_restore_sqlite if kind == "sqlite" else _restore_mariadb)(source, url)
    with Database(url) as db:
        result.tables = table_counts(db)
    result.seconds = round(time.monotonic() - started, 3)
    logger.info("restored %s into %s: %d tables, %d rows (%d rows replaced)", source, result.target,
                len(result.tables), sum(result.tables.values()), result.replaced_rows)
    return result
