"""backup.py and restore.py against real SQLite files and a real MariaDB server."""

from __future__ import annotations

import gzip
import json
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from conftest import MARIADB_TEST_URL, _mariadb_server
from test_status import seed

import backup
import restore
from powertracker import store
from powertracker.backup import BackupFile, create_backup, list_backups, plan_rotation
from powertracker.config import Settings, load_settings
from powertracker.db import Database, connect, utcnow
from powertracker.lock import job_lock
from powertracker.status import table_counts


def invoke(script: object, env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(script.main, list(args), env=env)  # type: ignore[attr-defined]


@pytest.fixture
def fresh_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, not yet existing database of the same kind as ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'fresh.db'}"
        return
    name = "pt_test_" + secrets.token_hex(4)
    parts = urlsplit(MARIADB_TEST_URL)
    yield f"{parts.scheme}://{parts.netloc}/{name}"
    server = _mariadb_server()
    with server.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    server.close()


def full_seed(url: str) -> None:
    """Scrape runs, price history, attempts, a daily count and a subscriber with odd text."""
    seed(url, utcnow(), failing=2)
    db = connect(url)
    with db.transaction():
        db.execute("INSERT INTO email_subscriptions (email, product_id, target_price, token, created_at)"
                   " VALUES (:e, 'river-2', :p, 'tok-1', :t)",
                   {"e": "zoë+'quote\"@example.org", "p": store.money(__import__("decimal").Decimal("199.5")),
                    "t": utcnow()})
        db.execute("INSERT INTO scrape_log_daily (day, product_id, retailer, outcome, attempts, duration_ms_total)"
                   " VALUES ('2026-01-02', 'river-2', 'shop-a', 'ok', 24, 1234)")
    db.close()


def every_table(url: str) -> dict[str, list[dict[str, object]]]:
    with Database(url) as db:
        out = {}
        for table in table_counts(db):
            quoted = f'"{table}"' if db.dialect == "sqlite" else f"`{table}`"
            rows = db.query(f"SELECT * FROM {quoted}")
            out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
        out["latest_prices"] = db.query("SELECT * FROM latest_prices ORDER BY product_id, retailer")
        return out


def test_backup_then_restore_into_a_fresh_database_is_identical(db_url: str, fresh_url: str,
                                                                 env: dict[str, str]) -> None:
    full_seed(db_url)
    env = dict(env, DATABASE_URL=db_url)
    r = invoke(backup, env, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    path = Path(doc["path"])
    assert path.parent == Path(env["DATA_DIR"]) / "backups"
    assert path.name.endswith(".sqlite.gz" if db_url.startswith("sqlite") else ".mariadb.sql.gz")
    assert path.stat().st_size == doc["size_bytes"] and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    r = invoke(restore, env, str(path), "--to", fresh_url)
    assert r.exit_code == 0, r.output
    assert "restored " in r.stdout and "price_history 18" in r.stdout, r.stdout
    source, restored = every_table(db_url), every_table(fresh_url)
    assert set(source) >= {"runs", "price_history", "scrape_log", "email_subscriptions", "scrape_log_daily",
                           "schema_migrations", "latest_prices"}
    assert restored == source
    assert len(restored["scrape_log"]) == 20 and len(restored["email_subscriptions"]) == 1
    status = json.loads((Path(env["DATA_DIR"]) / "backup.status").read_text())
    assert (status["status"], status["path"]) == ("ok", str(path))
    # the restored database is usable: migrating it again changes nothing, a scrape row can be added
    db = connect(fresh_url)
    store.record_attempt(db, run_id=None, product_id="x", retailer="y", url="http://x/", outcome="ok",
                         attempted_at=utcnow())
    db.close()


def test_restore_refuses_a_non_empty_target_without_force(db_url: str, fresh_url: str, env: dict[str, str]) -> None:
    full_seed(db_url)
    env = dict(env, DATABASE_URL=db_url)
    assert invoke(backup, env).exit_code == 0
    if fresh_url.startswith("mysql"):
        server = _mariadb_server()
        with server.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{urlsplit(fresh_url).path.strip('/')}`")
        server.close()
    seed(fresh_url, utcnow() - timedelta(days=3))  # the target holds other data
    before = every_table(fresh_url)
    with Database(fresh_url) as db:
        rows = sum(n for t, n in table_counts(db).items() if t != "schema_migrations")
    assert rows >= 42  # 2 runs, 20 price_history, 20 scrape_log (and what other tables hold)
    r = invoke(restore, env, "latest", "--to", fresh_url)
    assert r.exit_code == 2, r.output
    assert f"is not empty ({rows} rows); restore with --force" in r.output, r.output
    assert every_table(fresh_url) == before
    r = invoke(restore, env, "latest", "--to", fresh_url, "--force", "--dry-run")
    assert r.exit_code == 0 and "would restore" in r.stdout and f"replacing {rows} rows" in r.stdout, r.output
    assert every_table(fresh_url) == before
    r = invoke(restore, env, "latest", "--to", fresh_url, "--force", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["replaced_rows"] == rows
    assert every_table(fresh_url) == every_table(db_url)


def test_restore_into_database_url_holds_the_job_locks(env: dict[str, str], sqlite_url: str) -> None:
    full_seed(sqlite_url)
    assert invoke(backup, env).exit_code == 0
    with job_lock(Path(env["DATA_DIR"]), "scrape"):
        r = invoke(restore, env, "latest", "--force")
    assert r.exit_code == 3, r.output
    assert "another scrape run holds" in r.output
    r = invoke(restore, env, "latest", "--force")
    assert r.exit_code == 0, r.output


def test_restore_rejects_wrong_files(env: dict[str, str], sqlite_url: str, mariadb_url: str,
                                     tmp_path: Path) -> None:
    full_seed(sqlite_url)
    assert invoke(backup, env).exit_code == 0
    r = invoke(restore, env, "latest", "--to", mariadb_url)
    assert r.exit_code == 2, r.output
    assert "is a sqlite backup; mysql://root@127.0.0.1:3306/" in r.output and "is a mariadb database" in r.output
    junk = tmp_path / "junk.gz"
    junk.write_bytes(gzip.compress(b"hello"))
    r = invoke(restore, env, str(junk), "--to", f"sqlite:///{tmp_path / 'x.db'}")
    assert r.exit_code == 2 and "neither a SQLite backup nor a mariadb-dump" in r.output, r.output
    truncated = tmp_path / "cut.sqlite.gz"
    truncated.write_bytes(list_backups(Path(env["DATA_DIR"]) / "backups")[0].path.read_bytes()[:40])
    r = invoke(restore, env, str(truncated), "--to", f"sqlite:///{tmp_path / 'y.db'}")
    assert r.exit_code in (2, 3) and "error:" in r.output, r.output
    assert not (tmp_path / "y.db").exists() or (tmp_path / "y.db").stat().st_size == 0
    r = invoke(restore, env, str(tmp_path / "missing.gz"))
    assert r.exit_code == 2 and "does not exist" in r.output, r.output
    r = invoke(restore, dict(env, DATA_DIR=str(tmp_path / "empty")), "latest")
    assert r.exit_code == 2 and "no backups in" in r.output, r.output


def test_backup_of_a_missing_database_exits_3(env: dict[str, str]) -> None:
    r = invoke(backup, env)
    assert r.exit_code == 3, r.output
    assert "no database at" in r.output
    assert json.loads((Path(env["DATA_DIR"]) / "backup.status").read_text())["status"] == "failed"
    r = invoke(backup, dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"))
    assert r.exit_code == 3, r.output
    assert "mariadb-dump of mysql://root@127.0.0.1:1/x failed" in r.output, r.output
    assert list((Path(env["DATA_DIR"]) / "backups").iterdir()) == []


def _b(day: datetime) -> BackupFile:
    return BackupFile(Path(f"tracker-{day:%Y%m%dT%H%M%SZ}.sqlite.gz"), day, "sqlite", 1)


def test_rotation_keeps_7_daily_and_4_weekly() -> None:
    start = datetime(2026, 1, 1, 2, 0, tzinfo=UTC)  # a Thursday
    daily = [_b(start + timedelta(days=n)) for n in range(60)] + [_b(start + timedelta(days=59, hours=5))]
    keep, remove = plan_rotation(daily)
    names = sorted(b.path.name[8:16] for b in keep)
    # the newest of each of the last 7 days, plus the newest of the 3 weeks before (ISO weeks end on Sunday)
    assert names == ["20260208", "20260215", "20260222", "20260223", "20260224", "20260225", "20260226",
                     "20260227", "20260228", "20260301"]
    assert len(keep) + len(remove) == 61
    assert _b(start + timedelta(days=59, hours=5)) in keep and _b(start + timedelta(days=59)) in remove
    # backups that stopped long ago are not all deleted by the next one
    gap = [_b(start), _b(start + timedelta(days=1)), _b(start + timedelta(days=200))]
    assert plan_rotation(gap) == (sorted(gap, key=lambda b: b.taken_at, reverse=True), [])


def test_rotation_on_disk_and_dry_run(env: dict[str, str], sqlite_url: str, settings: Settings) -> None:
    full_seed(sqlite_url)
    start = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    for n in range(10):
        create_backup(settings, now=start + timedelta(days=n))
    names = [b.path.name for b in list_backups(settings.data_dir / "backups")]
    assert len(names) == 8  # 7 daily + the newest of the week before (1 March is a Sunday)
    assert names[-1] == "tracker-20260301T020000Z.sqlite.gz"
    assert "tracker-20260303T020000Z.sqlite.gz" not in names
    dry = create_backup(settings, dry_run=True, now=start + timedelta(days=10))
    assert [b.path.name for b in dry.removed] == ["tracker-20260304T020000Z.sqlite.gz"]
    assert len(list_backups(settings.data_dir / "backups")) == 8
    r = invoke(backup, env, "--dry-run")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"would write {settings.data_dir / 'backups'}/tracker-"), r.stdout
    assert r.stdout.endswith("; dry run, nothing changed\n")
    assert not (settings.data_dir / "backup.status").exists()


def test_interrupted_backup_leftovers_are_removed(settings: Settings, sqlite_url: str) -> None:
    import os
    import time

    full_seed(sqlite_url)
    folder = settings.data_dir / "backups"
    folder.mkdir(parents=True)
    old, new = folder / ".tmp-tracker-x.sqlite.gz-1", folder / ".tmp-tracker-y.sqlite.gz-2"
    old.write_bytes(b"half")
    new.write_bytes(b"in progress")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    create_backup(settings)
    assert not old.exists() and new.exists()


def test_help_and_backup_dir_setting(env: dict[str, str], sqlite_url: str, tmp_path: Path) -> None:
    for script in (backup, restore):
        r = CliRunner().invoke(script.main, ["-h"])  # type: ignore[attr-defined]
        assert r.exit_code == 0 and "Example:" in r.stdout, r.output
    full_seed(sqlite_url)
    r = invoke(backup, dict(env, BACKUP_DIR=str(tmp_path / "usb")))
    assert r.exit_code == 0, r.output
    assert len(list_backups(tmp_path / "usb")) == 1
    settings = load_settings(dict(env, BACKUP_DIR=str(tmp_path / "usb")), env_file=tmp_path / "none")
    assert settings.backup_dir == tmp_path / "usb"
