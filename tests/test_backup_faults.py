"""A full disk while writing a backup: a clear error, exit 3, the older backups intact.

The disk is a real, small tmpfs mounted for the test (needs root, as the
build machines and CI run).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import need
from test_backup import every_table, full_seed

import backup
import restore
from powertracker.backup import list_backups
from powertracker.db import connect, utcnow


def mount_tmpfs(path: Path, size: str) -> None:
    if os.geteuid() != 0:
        need("mounting a small tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        need(f"cannot mount a tmpfs at {path}: {r.stderr.strip()}")


def umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 320 KiB file system."""
    mnt = tmp_path / "small-disk"
    mount_tmpfs(mnt, "320k")
    yield mnt
    umount(mnt)


def grow(url: str, kbytes: int) -> None:
    """Add about ``kbytes`` KB of incompressible text to scrape_log."""
    db = connect(url)
    with db.transaction():
        for i in range(kbytes):
            db.execute("INSERT INTO scrape_log (product_id, retailer, url, attempted_at, outcome, error)"
                       " VALUES ('big', 'shop-z', 'http://x/', :t, 'http_error', :e)",
                       {"t": utcnow(), "e": os.urandom(495).hex() + f"{i:08d}"})
    db.close()


def test_disk_full_while_writing_a_backup(db_url: str, env: dict[str, str], small_disk: Path,
                                          tmp_path: Path) -> None:
    full_seed(db_url)
    env = dict(env, DATABASE_URL=db_url, BACKUP_DIR=str(small_disk))
    r = CliRunner().invoke(backup.main, ["--json"], env=env)
    assert r.exit_code == 0, r.output
    first = Path(json.loads(r.stdout)["path"])
    kept = first.read_bytes()
    grow(db_url, 800)
    r = CliRunner().invoke(backup.main, [], env=env)
    assert r.exit_code == 3, r.output
    assert f"backup failed, disk full in {small_disk}" in r.output, r.output
    assert "no backup written, the 1 older backups are untouched" in r.output
    assert [p.name for p in small_disk.iterdir()] == [first.name]  # no temp file, no half backup
    assert first.read_bytes() == kept
    status = json.loads((Path(env["DATA_DIR"]) / "backup.status").read_text())
    assert status["status"] == "failed" and "disk full" in status["error"]
    assert "backup failed, disk full" in (Path(env["LOG_DIR"]) / "errors.log").read_text()
    # the surviving backup still restores
    fresh = (f"sqlite:///{tmp_path / 'fresh.db'}" if db_url.startswith("sqlite")
             else db_url + "_r")
    try:
        r = CliRunner().invoke(restore.main, [str(first), "--to", fresh], env=env)
        assert r.exit_code == 0, r.output
        restored = every_table(fresh)
        assert len(restored["scrape_log"]) == 20 and len(restored["price_history"]) == 18
    finally:
        if fresh.startswith("mysql"):
            from conftest import _mariadb_server

            server = _mariadb_server()
            with server.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{fresh.rsplit('/', 1)[1]}`")
            server.close()
    assert [b.path for b in list_backups(small_disk)] == [first]
