"""Backups of the database: consistent, compressed, written atomically, rotated.

- SQLite: the online backup API copies a consistent snapshot while scrapes go
  on; ``PRAGMA quick_check`` verifies the copy before it is gzipped.
- MariaDB: ``mariadb-dump --single-transaction`` (one consistent read, no
  table locks), gzipped as it streams; a dump without its closing
  ``-- Dump completed`` line is rejected.

A backup is written to ``BACKUP_DIR/.tmp-*`` (mode 0600: backups hold
subscribers' addresses), fsynced, renamed to
``tracker-YYYYmmddTHHMMSSZ.sqlite.gz`` or ``...mariadb.sql.gz``, and the
folder is fsynced. A crash or a full disk therefore never leaves a half
backup under a backup's name, and older backups are only rotated after the
new one is complete. Rotation keeps the newest backup of each of the 7 newest
days and of the 4 newest ISO weeks that have backups (restic's keep-daily and
keep-weekly), so after a month without backups the next run does not delete
them all.
"""

from __future__ import annotations

import errno
import gzip
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from .atomic import fsync_dir
from .config import Settings, mask_url
from .db import utcnow
from .errors import ConfigError, DatabaseError, PowerTrackerError

logger = logging.getLogger(__name__)

NAME_RE = re.compile(r"^tracker-(\d{8}T\d{6}Z)\.(sqlite|mariadb\.sql)\.gz$")
KEEP_DAILY, KEEP_WEEKLY = 7, 4
CHUNK = 1 << 20
DUMP_DONE = b"-- Dump completed"
TEMP_PREFIX = ".tmp-"


class BackupError(PowerTrackerError):
    """The backup could not be written (disk full, unreadable database): fatal, exit 3."""

    exit_code = 3


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    dialect: str  # sqlite | mariadb
    size_bytes: int

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "taken_at": self.taken_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "dialect": self.dialect, "size_bytes": self.size_bytes}


@dataclass
class BackupResult:
    dry_run: bool
    path: Path
    dialect: str
    size_bytes: int = 0  # the compressed backup
    source_bytes: int = 0  # the database file, or the uncompressed dump
    seconds: float = 0.0
    removed: list[BackupFile] = field(default_factory=list)
    kept: list[BackupFile] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "path": str(self.path), "dialect": self.dialect,
                "size_bytes": self.size_bytes, "source_bytes": self.source_bytes, "seconds": self.seconds,
                "removed": [b.as_json() for b in self.removed], "kept": [b.as_json() for b in self.kept]}


def backup_dir(settings: Settings) -> Path:
    return settings.backup_dir or settings.data_dir / "backups"


def dialect_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite:") else "mariadb"


def list_backups(directory: Path) -> list[BackupFile]:
    """The backups in ``directory``, newest first (temp files and other names ignored)."""
    found = []
    for path in directory.glob("tracker-*.gz") if directory.is_dir() else ():
        m = NAME_RE.match(path.name)
        if m and path.is_file():
            taken = datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found.append(BackupFile(path, taken, "sqlite" if m.group(2) == "sqlite" else "mariadb",
                                    path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def plan_rotation(backups: list[BackupFile], daily: int = KEEP_DAILY,
                  weekly: int = KEEP_WEEKLY) -> tuple[list[BackupFile], list[BackupFile]]:
    """(keep, remove): the newest backup of each of the ``daily`` newest days and ``weekly`` newest weeks."""
    days: set[Any] = set()
    weeks: set[Any] = set()
    keep, remove = [], []
    for b in sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True):
        day, week = b.taken_at.date(), b.taken_at.isocalendar()[:2]
        kept = False
        if day not in days and len(days) < daily:
            days.add(day)
            kept = True
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            kept = True
        (keep if kept else remove).append(b)
    return keep, remove


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc)
    return False


def _sqlite_snapshot(db_path: Path, raw: Path, out: IO[bytes]) -> int:
    """Copy the database with the online backup API into ``raw``, check it, gzip it into ``out``."""
    if not db_path.is_file():
        raise DatabaseError(f"no database at {db_path} (has scrape.py run yet?)")
    src = sqlite3.connect(db_path, timeout=30)
    try:
        dst = sqlite3.connect(raw)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if check != "ok":
        raise BackupError(f"the copy of {db_path} failed its integrity check: {check}")
    with raw.open("rb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
        shutil.copyfileobj(fh, gz, CHUNK)
    return raw.stat().st_size


@contextmanager
def client_options(url: str) -> Iterator[tuple[list[str], str]]:
    """(options, database) for the mariadb command-line tools; the password goes in a 0600 file."""
    parts = urlsplit(url)
    database = parts.path.strip("/")
    fd, cnf = tempfile.mkstemp(prefix="pt-client-", suffix=".cnf")
    try:
        password = unquote(parts.password or "").replace("\\", "\\\\").replace('"', '\\"')
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f'[client]\npassword="{password}"\n')
        yield [f"--defaults-extra-file={cnf}", "--protocol=TCP", f"--host={parts.hostname or '127.0.0.1'}",
               f"--port={parts.port or 3306}", f"--user={unquote(parts.username or 'root')}",
               "--default-character-set=utf8mb4"], database
    finally:
        os.unlink(cnf)


def client_tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError(f"{names[0]} is not installed (apt install mariadb-client)")


def _mariadb_dump(url: str, out: IO[bytes]) -> int:
    """Stream ``mariadb-dump --single-transaction`` through gzip into ``out``; returns the dump's size."""
    tool = client_tool("mariadb-dump", "mysqldump")
    with client_options(url) as (options, database), tempfile.TemporaryFile() as errors:
        cmd = [tool, *options, "--single-transaction", "--skip-lock-tables", "--skip-dump-date",
               "--hex-blob", "--no-tablespaces", database]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None
        size, tail = 0, b""
        try:
            with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
                while chunk := proc.stdout.read(CHUNK):
                    gz.write(chunk)
                    size += len(chunk)
                    tail = (tail + chunk)[-200:]
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        code = proc.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if code != 0:
        raise DatabaseError(f"mariadb-dump of {mask_url(url)} failed (exit {code}): {message or 'no message'}")
    if DUMP_DONE not in tail:
        raise BackupError(f"mariadb-dump of {mask_url(url)} ended early: no '-- Dump completed' line")
    return size


def _write_backup(settings: Settings, target: Path) -> tuple[int, int]:
    """Write the backup to a temp file, fsync and rename it to ``target``. (compressed, source) bytes."""
    directory = target.parent
    tmp = directory / f"{TEMP_PREFIX}{target.name}-{os.getpid()}"
    raw = directory / f"{TEMP_PREFIX}{target.name}-{os.getpid()}.db"
    url = settings.database_url
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            if dialect_of(url) == "sqlite":
                source = _sqlite_snapshot(Path(url[len("sqlite:///"):]), raw, out)
            else:
                source = _mariadb_dump(url, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(directory)
    except (OSError, sqlite3.Error) as exc:
        old = len(list_backups(directory))
        detail = "disk full" if _disk_full(exc) else "cannot write it"
        error = BackupError(f"backup failed, {detail} in {directory}: {exc}; no backup written,"
                            f" the {old} older backups are untouched")
        logger.error("%s", error)
        raise error from exc
    finally:
        tmp.unlink(missing_ok=True)
        raw.unlink(missing_ok=True)
    return target.stat().st_size, source


def remove_temp_files(directory: Path, older_than: float = 3600.0) -> list[Path]:
    """Temp files a killed backup left behind (only old ones: a running backup may own a new one)."""
    gone = []
    for path in directory.glob(TEMP_PREFIX + "*"):
        if path.is_file() and time.time() - path.stat().st_mtime > older_than:
            path.unlink(missing_ok=True)
            gone.append(path)
    return gone


def create_backup(settings: Settings, dry_run: bool = False, now: datetime | None = None) -> BackupResult:
    """Back up DATABASE_URL into BACKUP_DIR and rotate. Raises BackupError, DatabaseError, ConfigError."""
    now = now or utcnow()
    directory = backup_dir(settings)
    dialect = dialect_of(settings.database_url)
    name = f"tracker-{now:%Y%m%dT%H%M%SZ}.{'sqlite' if dialect == 'sqlite' else 'mariadb.sql'}.gz"
    result = BackupResult(dry_run=dry_run, path=directory / name, dialect=dialect)
    started = time.monotonic()
    if dry_run:
        planned = BackupFile(result.path, now, dialect, 0)
        keep, remove = plan_rotation([planned] + [b for b in list_backups(directory) if b.path != result.path])
        result.kept, result.removed = [b for b in keep if b is not planned], remove
        return result
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in remove_temp_files(directory):
        logger.warning("removed %s, left by an interrupted backup", path)
    result.size_bytes, result.source_bytes = _write_backup(settings, result.path)
    result.kept, result.removed = plan_rotation(list_backups(directory))
    for old in result.removed:
        old.path.unlink(missing_ok=True)
        logger.info("rotated out backup %s (%d bytes)", old.path.name, old.size_bytes)
    result.seconds = round(time.monotonic() - started, 3)
    logger.info("backup %s written: %d bytes from %d (%s), %d kept, %d rotated out, %.1f s", result.path,
                result.size_bytes, result.source_bytes, dialect, len(result.kept), len(result.removed),
                result.seconds)
    return result
