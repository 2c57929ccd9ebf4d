"""A run that never loses an observation: the journal, a killed connection, SIGTERM, kill -9, the lock.

Real processes (scrape.py), a real demo shop slowed down so the run can be hit mid-way, real
SQLite and MariaDB. Row counts prove that nothing was lost or doubled.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pymysql
import pytest

from powertracker.config import Settings, load_settings
from powertracker.db import connect
from powertracker.demo_shop import DemoShop, copy_catalog
from powertracker.scrape import run_scrape

ROOT = Path(__file__).resolve().parent.parent
OFFERS = 21


@pytest.fixture
def slow_shop() -> Iterator[DemoShop]:
    """The demo shop answering each page after 0.25 s: 21 offers over 4 retailers take about 1.5 s."""
    shop = DemoShop(port=0, round=1, latency=0.25).start()
    yield shop
    shop.stop()


def demo_env(env: dict[str, str], shop: DemoShop, db_url: str) -> dict[str, str]:
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), shop.url)
    return {**env, "DATABASE_URL": db_url, "DEFAULT_DELAY": "0", "REQUEST_TIMEOUT": "5"}


def settings_for(env: dict[str, str]) -> Settings:
    return load_settings(env, env_file=Path(env["LOG_DIR"]) / "no.env")


def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(ROOT / "scrape.py"), *args], env=env, cwd="/",
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def script(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scrape.py"), *args], env=env, cwd="/",
                          capture_output=True, text=True, timeout=120)


def wait_for(what: str, check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def sqlite_rows(url: str) -> int:
    import sqlite3

    path = url[len("sqlite:///"):]
    if not Path(path).exists():
        return 0
    con = sqlite3.connect(path, timeout=5)
    try:
        return int(con.execute("SELECT COUNT(*) FROM scrape_log").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        con.close()


def totals(db_url: str) -> dict[str, int]:
    """Attempts, distinct keys, observations counted in price_history, and priced attempts."""
    with connect(db_url) as db:
        log = db.query("SELECT COUNT(*) AS n, COUNT(DISTINCT entry_key) AS k,"
                       " COUNT(DISTINCT product_id || '/' || retailer) AS offers,"
                       " SUM(CASE WHEN outcome IN ('ok', 'not_modified') THEN 1 ELSE 0 END) AS priced"
                       " FROM scrape_log" if db.dialect == "sqlite" else
                       "SELECT COUNT(*) AS n, COUNT(DISTINCT entry_key) AS k,"
                       " COUNT(DISTINCT CONCAT(product_id, '/', retailer)) AS offers,"
                       " SUM(CASE WHEN outcome IN ('ok', 'not_modified') THEN 1 ELSE 0 END) AS priced"
                       " FROM scrape_log")[0]
        hist = db.query("SELECT COUNT(*) AS rows_, COALESCE(SUM(observations), 0) AS obs FROM price_history")[0]
    return {"attempts": int(log["n"]), "keys": int(log["k"]), "offers": int(log["offers"]),
            "priced": int(log["priced"] or 0), "history_rows": int(hist["rows_"]), "observations": int(hist["obs"])}


# --- the journal, in process ----------------------------------------------------------------------------

def test_unreachable_database_journals_and_the_next_run_replays_once(demo_shop: DemoShop, env: dict[str, str],
                                                                     sqlite_url: str) -> None:
    down = settings_for(demo_env(env, demo_shop, "sqlite:////dev/null/nowhere/tracker.db"))
    first = run_scrape(down)
    assert (first.exit_code, first.ok, first.journalled, first.run_id) == (3, OFFERS, OFFERS, None)
    assert first.database_error is not None and first.database_error.startswith("cannot open database")
    journal = down.data_dir / "journal"
    (saved,) = journal.glob("scrape-*.jsonl")
    copy = saved.read_bytes()

    up = settings_for(demo_env(env, demo_shop, sqlite_url))
    second = run_scrape(up, due_only=True)  # replays, then finds nothing due (attempted moments ago)
    assert (second.exit_code, second.replayed, second.due, second.journalled) == (0, OFFERS, 0, 0)
    assert list(journal.glob("*.jsonl")) == []
    once = totals(sqlite_url)
    assert once == {"attempts": OFFERS, "keys": OFFERS, "offers": OFFERS, "priced": OFFERS,
                    "history_rows": OFFERS, "observations": OFFERS}

    saved.write_bytes(copy)  # the same journal again (as if the unlink had been lost): nothing doubles
    third = run_scrape(up, due_only=True)
    assert (third.exit_code, third.replayed, third.due) == (0, 0, 0)
    assert totals(sqlite_url) == once
    assert list(journal.glob("*.jsonl")) == []


def test_torn_last_journal_line_is_skipped(demo_shop: DemoShop, env: dict[str, str], sqlite_url: str) -> None:
    down = settings_for(demo_env(env, demo_shop, "sqlite:////dev/null/nowhere/tracker.db"))
    run_scrape(down)
    (path,) = (down.data_dir / "journal").glob("scrape-*.jsonl")
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-2]) + lines[-2][: len(lines[-2]) // 2])  # kill -9 mid-write: no end line
    up = settings_for(demo_env(env, demo_shop, sqlite_url))
    summary = run_scrape(up, due_only=True)
    assert (summary.replayed, summary.due) == (OFFERS - 1, 1)  # the torn one is due again and fetched now
    assert totals(sqlite_url)["attempts"] == OFFERS


# --- real processes ------------------------------------------------------------------------------------

def test_mariadb_connection_killed_mid_run(slow_shop: DemoShop, env: dict[str, str], mariadb_url: str) -> None:
    e = demo_env(env, slow_shop, mariadb_url)
    parts = urlsplit(mariadb_url)
    name = parts.path.strip("/")
    admin = pymysql.connect(host=parts.hostname, port=parts.port or 3306, user=parts.username or "root",
                            password=parts.password or "", database=name, autocommit=True)

    def logged() -> int:
        with admin.cursor() as cur:
            try:
                cur.execute("SELECT COUNT(*) FROM scrape_log")
            except pymysql.err.ProgrammingError:  # before the migration
                return 0
            return int(cur.fetchone()[0])

    proc = start(e, "--json")
    try:
        wait_for("the first stored attempts", lambda: logged() >= 4)
        with admin.cursor() as cur:
            cur.execute("SELECT id FROM information_schema.PROCESSLIST WHERE db = %s AND id <> CONNECTION_ID()",
                        (name,))
            (victim,) = [row[0] for row in cur.fetchall()]
            cur.execute(f"KILL CONNECTION {int(victim)}")
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 3, out + err
    summary = json.loads(out)
    stored = logged()
    assert summary["journalled"] >= 1 and summary["ok"] == OFFERS, summary
    assert stored + summary["journalled"] == OFFERS, (stored, summary)
    assert "error: database unreachable" in err and f"{summary['journalled']} result(s) kept" in err

    again = script(e, "--json")  # replays the journal first; everything was attempted moments ago
    assert again.returncode == 0, again.stdout + again.stderr
    second = json.loads(again.stdout)
    assert (second["replayed"], second["due"], second["journalled"]) == (summary["journalled"], 0, 0)
    assert totals(mariadb_url) == {"attempts": OFFERS, "keys": OFFERS, "offers": OFFERS, "priced": OFFERS,
                                   "history_rows": OFFERS, "observations": OFFERS}
    with admin.cursor() as cur:
        cur.execute("SELECT status FROM runs ORDER BY id")
        assert [r[0] for r in cur.fetchall()] == ["partial", "ok"]  # the end line finished run 1
    admin.close()
    assert list(Path(e["DATA_DIR"], "journal").glob("*.jsonl")) == []


def test_sigterm_stops_dispatching_and_commits(slow_shop: DemoShop, env: dict[str, str], sqlite_url: str) -> None:
    e = demo_env(env, slow_shop, sqlite_url)
    proc = start(e, "--json")
    try:
        wait_for("the first stored attempts", lambda: sqlite_rows(sqlite_url) >= 4)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, out + err
    assert took < 5, took
    summary = json.loads(out)
    assert (summary["interrupted"], summary["status"]) == (True, "interrupted")
    done = summary["due"] - summary["abandoned"]
    assert 4 <= summary["ok"] == done < OFFERS, summary
    assert totals(sqlite_url)["attempts"] == summary["ok"]
    with connect(sqlite_url) as db:
        assert db.query("SELECT status FROM runs") == [{"status": "interrupted"}]
    rest = script(e, "--json")  # the offers never attempted are still due; the others are not
    assert rest.returncode == 0, rest.stdout + rest.stderr
    assert json.loads(rest.stdout)["due"] == OFFERS - summary["ok"]
    assert totals(sqlite_url) == {"attempts": OFFERS, "keys": OFFERS, "offers": OFFERS, "priced": OFFERS,
                                  "history_rows": OFFERS, "observations": OFFERS}


def test_kill_9_leaves_the_database_consistent(slow_shop: DemoShop, env: dict[str, str], sqlite_url: str) -> None:
    e = demo_env(env, slow_shop, sqlite_url)
    proc = start(e)
    try:
        wait_for("the first stored attempts", lambda: sqlite_rows(sqlite_url) >= 5)
        proc.kill()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    with connect(sqlite_url) as db:
        assert db.query("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    after_kill = totals(sqlite_url)
    assert after_kill["observations"] == after_kill["priced"] == after_kill["attempts"] >= 5
    rest = script(e, "--json")
    assert rest.returncode == 0, rest.stdout + rest.stderr
    assert json.loads(rest.stdout)["due"] == OFFERS - after_kill["attempts"]
    assert totals(sqlite_url)["observations"] == OFFERS
    with connect(sqlite_url) as db:
        assert [r["status"] for r in db.query("SELECT status FROM runs ORDER BY id")] == ["aborted", "ok"]


def test_second_run_exits_3_at_once_and_a_dead_holder_is_taken_over(slow_shop: DemoShop, env: dict[str, str],
                                                                    sqlite_url: str) -> None:
    e = demo_env(env, slow_shop, sqlite_url)
    lock = Path(e["DATA_DIR"]) / "scrape.lock"
    first = start(e)
    try:
        wait_for("the first run to take the lock", lambda: lock.exists() and lock.read_text().strip() != "")
        t0 = time.monotonic()
        second = script(e)
        assert time.monotonic() - t0 < 10
        assert second.returncode == 3, second.stdout + second.stderr
        assert second.stderr == f"error: another scrape run holds {lock} (pid {first.pid}); exiting\n"
        assert first.wait(timeout=60) == 0
    finally:
        if first.poll() is None:
            first.kill()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lock.write_text(f"{holder.pid}\n")  # a lock file naming a process that holds no flock
    holder.kill()
    holder.wait()
    third = script(e, "--all")
    assert third.returncode == 0, third.stdout + third.stderr
    assert lock.read_text().strip().isdigit() and int(lock.read_text()) != holder.pid

