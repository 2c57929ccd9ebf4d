"""Apply sql/<dialect>/NNNN_slug.sql files in order, each once.

Applied versions are recorded in ``schema_migrations``. On SQLite a file and
its bookkeeping row commit together; on MariaDB DDL commits implicitly, so the
row is written only after every statement of the file succeeded (a file must
therefore not mix DDL with data changes). A named lock keeps two processes
from migrating at once.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .db import SQL_DIR, Database, utcnow
from .errors import DatabaseError

logger = logging.getLogger(__name__)
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

BOOTSTRAP = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations ("
              " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    "mariadb": "CREATE TABLE IF NOT EXISTS schema_migrations ("
               " version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at DATETIME NOT NULL)"
               " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
}


def migration_files(dialect: str) -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted((SQL_DIR / dialect).glob("*.sql")):
        m = _FILE.match(path.name)
        if not m:
            raise DatabaseError(f"{path}: migration files are named NNNN_slug.sql")
        found.append((int(m.group(1)), m.group(2), path))
    return found


def applied_versions(db: Database) -> set[int]:
    return {int(r["version"]) for r in db.query("SELECT version FROM schema_migrations")}


def migrate(db: Database) -> list[int]:
    """Bring the schema up to date; returns the versions applied now."""
    db.execute(BOOTSTRAP[db.dialect])
    pending = [m for m in migration_files(db.dialect) if m[0] not in applied_versions(db)]
    if not pending:
        return []
    done = []
    if db.dialect == "mariadb":
        got = db.query("SELECT GET_LOCK('powertracker_migrate', 60) AS got")[0]["got"]
        if got != 1:
            raise DatabaseError("another process is migrating the database; try again")
    try:
        for version, name, path in pending:
            if version in applied_versions(db):  # someone else applied it meanwhile
                continue
            record = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)"
            params = {"v": version, "n": name, "t": utcnow()}
            if db.dialect == "sqlite":
                with db.transaction():
                    db.script(path.read_text(encoding="utf-8"))
                    db.execute(record, params)
            else:
                db.script(path.read_text(encoding="utf-8"))
                db.execute(record, params)
            logger.info("applied migration %04d_%s", version, name)
            done.append(version)
    finally:
        if db.dialect == "mariadb":
            db.query("SELECT RELEASE_LOCK('powertracker_migrate') AS released")
    return done
