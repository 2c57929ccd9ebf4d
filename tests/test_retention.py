"""cleanup_logs.py and powertracker.retention: rotated-file removal and daily_summary.log."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import cleanup_logs
from powertracker import jobstatus, store
from powertracker.config import Settings, load_settings
from powertracker.db import connect, utcnow
from powertracker.lock import job_lock
from powertracker.models import Observation
from powertracker.retention import cleanup, plan_summary

ROTATED = ["scraping.log.1", "scraping.log.10", "scraping.log.11", "scraping.log.12", "errors.log.5",
           "errors.log.6", "deployment.log.3", "deployment.log.4", "power_tracker.log.6",
           "site_generation.log.9", "scraping.log.tmp", "daily_summary.log.1", "notes.txt"]
BEYOND = ["deployment.log.4", "errors.log.6", "power_tracker.log.6", "scraping.log.11", "scraping.log.12",
          "site_generation.log.9"]


def invoke(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(cleanup_logs.main, list(args), env=env)


def snapshot(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def logs(settings: Settings) -> Path:
    settings.log_dir.mkdir(parents=True)
    for name in ROTATED:
        (settings.log_dir / name).write_text(f"{name}\n")
    return settings.log_dir


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), UTC)


def seed_day(url: str, yesterday: date) -> None:
    """Runs two days ago, twice yesterday and once today, with one price change yesterday."""
    db = connect(url)
    plan = [
        (at(yesterday - timedelta(days=1), 12), "ok", [("a", "100", "in_stock"), ("b", "50", "in_stock")]),
        (at(yesterday, 10), "ok", [("a", "90", "in_stock"), ("b", "50", "in_stock"), ("c", "20", "in_stock")]),
        (at(yesterday, 11), "partial", [("a", "90", "in_stock"), ("b", None, None), ("c", "20", "out_of_stock")]),
        (at(yesterday + timedelta(days=1), 1), "ok", [("a", "80", "in_stock")]),
    ]
    for t, status, offers in plan:
        run = store.start_run(db, "scrape", now=t)
        for product, price, availability in offers:
            with db.transaction():
                if price is None:
                    store.record_attempt(db, run_id=run, product_id=product, retailer="shop-a", url="http://x/",
                                         outcome="http_error", attempted_at=t, http_status=500)
                    continue
                store.record_attempt(db, run_id=run, product_id=product, retailer="shop-a", url="http://x/",
                                     outcome="ok", attempted_at=t, price=Decimal(price), currency="GBP")
                store.record_observation(db, Observation(product, "shop-a", "http://x/", Decimal(price), "GBP",
                                                         availability, t), run)
        store.finish_run(db, run, status, {}, now=t + timedelta(minutes=1))
    db.close()


def test_removes_rotated_files_beyond_each_count(env: dict[str, str], sqlite_url: str, logs: Path) -> None:
    connect(sqlite_url).close()
    r = invoke(env)
    assert r.exit_code == 0, r.output
    assert sorted(set(ROTATED) - set(BEYOND)) == sorted(p.name for p in logs.iterdir()
                                                        if p.name in ROTATED)
    for name in BEYOND:
        assert f"removed {logs / name} (" in r.stdout
    assert f"removed {len(BEYOND)} rotated files, wrote 1 summary lines, trimmed 0 old lines" in r.stdout
    assert f"removed {logs / 'scraping.log.12'}" in (logs / "power_tracker.log").read_text()


def test_daily_summary_figures_written_once(db_url: str, settings: Settings) -> None:
    now = datetime(2026, 3, 15, 6, 0, tzinfo=UTC)
    yesterday = date(2026, 3, 14)
    seed_day(db_url, yesterday)
    db = connect(db_url)
    for hour, status, pages in ((12, "ok", 8), (13, "failed", 0), (14, "ok", 9)):
        run = store.start_run(db, "generate", now=at(yesterday, hour))
        store.finish_run(db, run, status, {"pages": pages} if pages else {"error": "x"}, now=at(yesterday, hour))
    for when, status, sent in ((at(yesterday, 12), "ok", 5000), (at(yesterday, 13), "skipped", None),
                               (at(yesterday, 14), "ok", 1234), (at(yesterday, 15), "failed", None),
                               (at(date(2026, 3, 15), 1), "ok", 99)):
        figures = {} if sent is None else {"bytes_transferred": sent}
        jobstatus.record(settings, "deploy", status, now=when, **figures)
    result = cleanup(settings, now=now, db=db)
    expected = ("2026-03-14 scrapes=6 ok=5 failed=1 success=83.3% price_changes=1 new_offers=1"
                " runs=5 runs_ok=3 builds=2 pages_built=17 deploys=2 bytes_deployed=6234")
    assert (result.summary_written, result.error) == ([expected], None)
    path = settings.log_dir / "daily_summary.log"
    assert path.read_text() == expected + "\n"
    assert path.stat().st_mode & 0o777 == 0o640
    again = cleanup(settings, now=now + timedelta(hours=12), db=db)
    assert (again.summary_written, again.summary_trimmed) == ([], 0)
    assert path.read_text() == expected + "\n"
    later = cleanup(settings, now=now + timedelta(days=1), db=db)
    assert later.summary_written == ["2026-03-15 scrapes=1 ok=1 failed=0 success=100.0% price_changes=1"
                                     " new_offers=0 runs=1 runs_ok=1 builds=0 pages_built=0 deploys=1"
                                     " bytes_deployed=99"]
    assert path.read_text().splitlines() == [expected, later.summary_written[0]]
    db.close()


def test_missed_days_are_backfilled(settings: Settings, sqlite_url: str) -> None:
    settings.log_dir.mkdir(parents=True)
    path = settings.log_dir / "daily_summary.log"
    path.write_text("2026-03-11 scrapes=9 ok=9 failed=0\n")
    db = connect(sqlite_url)
    result = cleanup(settings, now=datetime(2026, 3, 15, 0, 5, tzinfo=UTC), db=db)
    db.close()
    assert [line[:10] for line in result.summary_written] == ["2026-03-12", "2026-03-13", "2026-03-14"]
    assert [line[:10] for line in path.read_text().splitlines()] == [
        "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14"]


def test_keeps_thirty_days(settings: Settings, sqlite_url: str) -> None:
    yesterday = date(2026, 3, 14)
    old = [f"{yesterday - timedelta(days=n)} scrapes={n} ok={n} failed=0" for n in range(40, 0, -1)]
    settings.log_dir.mkdir(parents=True)
    path = settings.log_dir / "daily_summary.log"
    path.write_text("\n".join([*old, "garbage without a date"]) + "\n")
    db = connect(sqlite_url)
    result = cleanup(settings, now=datetime(2026, 3, 15, 3, 0, tzinfo=UTC), db=db)
    db.close()
    lines = path.read_text().splitlines()
    assert len(lines) == 30
    assert lines[0] == f"{yesterday - timedelta(days=29)} scrapes=29 ok=29 failed=0"
    assert lines[-2] == f"{yesterday - timedelta(days=1)} scrapes=1 ok=1 failed=0"
    assert lines[-1].startswith("2026-03-14 scrapes=0 ok=0 failed=0 success=- ")
    assert result.summary_trimmed == 12  # 11 lines older than 30 days and the undated one


def test_plan_summary_never_writes_a_day_twice() -> None:
    y = date(2026, 3, 14)
    assert plan_summary([], y) == ([y], [])
    assert plan_summary(["2026-03-14 x"], y) == ([], ["2026-03-14 x"])
    # a hand-added line for yesterday before an older one still counts as written
    assert plan_summary(["2026-03-14 x", "2026-03-12 y"], y) == ([], ["2026-03-14 x", "2026-03-12 y"])
    assert plan_summary(["2026-01-01 old"], y) == ([y], [])  # nothing recent: no backfill of zeros
    assert plan_summary(["2026-02-14 z"], y)[0] == [date(2026, 2, 15) + timedelta(days=n) for n in range(28)]


def test_dry_run_changes_nothing(env: dict[str, str], sqlite_url: str, logs: Path, settings: Settings) -> None:
    connect(sqlite_url).close()
    (logs / "daily_summary.log").write_text("1999-01-01 scrapes=1\n")
    before = snapshot(logs.parent)
    r = invoke(env, "--dry-run")
    assert r.exit_code == 0, r.output
    assert f"would remove {logs / 'errors.log.6'} (" in r.stdout
    assert "would write daily_summary.log line: " in r.stdout
    assert r.stdout.endswith(f"dry run: would remove {len(BEYOND)} rotated files, would write 1 summary lines,"
                             " would trim 1 old lines; nothing changed\n")
    assert snapshot(logs.parent) == before
    assert not settings.data_dir.exists()
    doc = json.loads(invoke(env, "--dry-run", "--json").stdout)
    assert (doc["dry_run"], len(doc["removed"]), doc["summary_trimmed"]) == (True, len(BEYOND), 1)
    assert snapshot(logs.parent) == before


def test_database_unreachable_still_removes_files_and_exits_3(env: dict[str, str], logs: Path) -> None:
    r = invoke(dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"), "--json")
    assert r.exit_code == 3, r.output
    doc = json.loads(r.stdout)
    assert len(doc["removed"]) == len(BEYOND) and doc["summary_written"] == []
    assert "cannot open database" in doc["error"]
    assert "error: daily summary not written" in r.output
    assert not (logs / "daily_summary.log").exists()
    assert "daily summary not written" in (logs / "errors.log").read_text()


def test_lock_held_exits_3(env: dict[str, str], settings: Settings, logs: Path) -> None:
    with job_lock(settings.data_dir, "cleanup"):
        r = invoke(env)
    assert r.exit_code == 3, r.output
    assert "another cleanup run holds" in r.output
    assert (logs / "scraping.log.12").exists()


def test_help() -> None:
    r = CliRunner().invoke(cleanup_logs.main, ["-h"])
    assert r.exit_code == 0 and "Example:" in r.stdout


def test_real_day_boundaries_from_the_script(env: dict[str, str], sqlite_url: str) -> None:
    yesterday = utcnow().date() - timedelta(days=1)
    seed_day(sqlite_url, yesterday)
    r = invoke(env)
    assert r.exit_code == 0, r.output
    assert f"wrote daily_summary.log line: {yesterday} scrapes=6 ok=5 failed=1 success=83.3%" in r.stdout


def seed_attempts(url: str, now: datetime) -> None:
    """Attempts 100, 95 and 91 days old (the first two days: 3 and 2 rows) and 89 days old (1 row)."""
    db = connect(url)
    plan = [(100, "river-2", "ok", 100), (100, "river-2", "ok", 300), (100, "river-2", "http_error", 50),
            (95, "river-2", "ok", 10), (95, "delta-2", "timeout", 20000),
            (91, "delta-2", "ok", 70), (89, "delta-2", "ok", 80)]
    with db.transaction():
        for days, product, outcome, ms in plan:
            store.record_attempt(db, run_id=None, product_id=product, retailer="shop-a", url="http://x/",
                                 outcome=outcome, attempted_at=now - timedelta(days=days, hours=1), duration_ms=ms)
    db.close()


def test_scrape_log_folds_into_daily_counts(db_url: str, settings: Settings) -> None:
    from powertracker.aggregate import daily_counts

    now = datetime(2026, 6, 30, 3, 0, tzinfo=UTC)
    seed_attempts(db_url, now)
    db = connect(db_url)
    dry = cleanup(settings, now=now, db=db, dry_run=True)
    assert dry.pruned is not None
    assert (dry.pruned.rows, dry.pruned.days, dry.pruned.groups, str(dry.pruned.cutoff)) == (
        6, ["2026-03-22", "2026-03-27", "2026-03-31"], 5, "2026-04-01")
    assert db.query("SELECT COUNT(*) AS n FROM scrape_log")[0]["n"] == 7
    result = cleanup(settings, now=now, db=db)
    assert result.pruned is not None and result.pruned.rows == 6
    assert db.query("SELECT COUNT(*) AS n FROM scrape_log")[0]["n"] == 1  # the one 89 days old
    expected = [
        {"day": "2026-03-22", "product_id": "river-2", "retailer": "shop-a", "outcome": "http_error",
         "attempts": 1, "duration_ms_total": 50},
        {"day": "2026-03-22", "product_id": "river-2", "retailer": "shop-a", "outcome": "ok",
         "attempts": 2, "duration_ms_total": 400},
        {"day": "2026-03-27", "product_id": "delta-2", "retailer": "shop-a", "outcome": "timeout",
         "attempts": 1, "duration_ms_total": 20000},
        {"day": "2026-03-27", "product_id": "river-2", "retailer": "shop-a", "outcome": "ok",
         "attempts": 1, "duration_ms_total": 10},
        {"day": "2026-03-31", "product_id": "delta-2", "retailer": "shop-a", "outcome": "ok",
         "attempts": 1, "duration_ms_total": 70},
    ]
    assert daily_counts(db) == expected
    again = cleanup(settings, now=now, db=db)  # idempotent: nothing left to fold
    assert again.pruned is not None and (again.pruned.rows, again.pruned.days) == (0, [])
    assert daily_counts(db) == expected
    # a late row for a folded day adds up instead of replacing the count
    store.record_attempt(db, run_id=None, product_id="river-2", retailer="shop-a", url="http://x/",
                         outcome="ok", attempted_at=datetime(2026, 3, 22, 23, 59, 59, tzinfo=UTC), duration_ms=1)
    cleanup(settings, now=now, db=db)
    assert daily_counts(db)[1]["attempts"] == 3 and daily_counts(db)[1]["duration_ms_total"] == 401
    db.close()


def test_keep_days_setting_and_dry_run_from_the_script(env: dict[str, str], sqlite_url: str) -> None:
    now = utcnow()
    seed_attempts(sqlite_url, now)
    r = invoke(dict(env, SCRAPE_LOG_KEEP_DAYS="96"), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "would fold 3 scrape_log rows of 1 days before " in r.stdout, r.stdout
    assert "into 2 daily counts and delete them" in r.stdout
    db = connect(sqlite_url)
    assert db.query("SELECT COUNT(*) AS n FROM scrape_log")[0]["n"] == 7
    db.close()
    r = invoke(env, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)["scrape_log"]
    assert (doc["rows"], len(doc["days"]), doc["dry_run"]) == (6, 3, False)
    status = jobstatus.last(load_settings(env, env_file=Path("/nonexistent")), "cleanup")
    assert status is not None and (status["status"], status["scrape_log_rows_folded"]) == ("ok", 6)
    r = invoke(env)
    assert "folded 0 scrape_log rows of 0 days" in r.stdout, r.stdout
