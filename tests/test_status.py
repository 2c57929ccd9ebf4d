"""monitor.py, quick_status.py and powertracker.status against seeded real databases."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import monitor
import quick_status
from powertracker import store
from powertracker.config import load_settings
from powertracker.db import connect, utcnow
from powertracker.lock import job_lock
from powertracker.metrics import catalog_offers, remember_catalog, write_metrics
from powertracker.models import Observation
from powertracker.report import assess
from powertracker.status import gather, offer_counts, offer_states, open_database, summarize, tail

PRODUCTS = ("river-2", "delta-2", "solix-c1000", "jackery-1000", "bluetti-ac180")
RETAILERS = ("shop-a", "shop-b")
OFFERS = [(p, r) for p in PRODUCTS for r in RETAILERS]  # 10 offers


def seed(url: str, now: datetime, failing: int = 0, hours_ago: float = 0.5) -> None:
    """Two scrape runs, 90 and 30 minutes before ``now`` (shifted back by ``hours_ago`` - 0.5).

    Every offer succeeds in the first run; in the second the first ``failing`` offers
    fail with HTTP 503 and the rest succeed. Prices move by 1.00 between the runs.
    """
    shift = timedelta(hours=hours_ago - 0.5)
    db = connect(url)
    try:
        for n, minutes in enumerate((90, 30)):
            t = now - shift - timedelta(minutes=minutes)
            run = store.start_run(db, "scrape", now=t)
            ok = failed = 0
            for i, (product, retailer) in enumerate(OFFERS):
                url_ = f"http://127.0.0.1/{retailer}/{product}"
                with db.transaction():
                    if n == 1 and i < failing:
                        store.record_attempt(db, run_id=run, product_id=product, retailer=retailer, url=url_,
                                             outcome="http_error", attempted_at=t, http_status=503,
                                             duration_ms=120, error="503 Service Unavailable")
                        failed += 1
                        continue
                    price = Decimal("100.00") + i + n
                    store.record_attempt(db, run_id=run, product_id=product, retailer=retailer, url=url_,
                                         outcome="ok", attempted_at=t, http_status=200, duration_ms=80,
                                         price=price, currency="GBP", strategy="json-ld")
                    store.record_observation(db, Observation(product, retailer, url_, price, "GBP", "in_stock",
                                                             t, "json-ld"), run)
                    ok += 1
            store.finish_run(db, run, "ok" if not failed else "partial",
                             {"fetched": len(OFFERS), "ok": ok, "failed": failed}, now=t + timedelta(seconds=42))
    finally:
        db.close()


@pytest.fixture
def site(env: dict[str, str]) -> Path:
    site = Path(env["SITE_DIR"])
    site.mkdir(parents=True)
    (site / "index.html").write_text("<h1>Prices</h1>")
    return site


def run(script: object, env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(script.main, list(args), env=env)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("failing", "hours_ago", "code", "line"), [
    (0, 0.5, 0, "OK - 10/10 offers fresh, site 0 min old"),
    (1, 0.5, 0, "OK - 10/10 offers fresh, 1 failing, site 0 min old"),
    (3, 0.5, 1, "WARNING - 10/10 offers fresh, 3 failing, site 0 min old"
                " (30% of offers failing (warning above 20%))"),
    (6, 0.5, 2, "CRITICAL - 10/10 offers fresh, 6 failing, site 0 min old"
                " (60% of offers failing (critical above 50%))"),
    (0, 5.5, 2, "CRITICAL - 0/10 offers fresh, site 0 min old"
                " (100% of offers stale (critical above 50%); no scrape within 3 h)"),
])
def test_quick_status_states(db_url: str, env: dict[str, str], site: Path, failing: int, hours_ago: float,
                             code: int, line: str) -> None:
    seed(db_url, utcnow(), failing=failing, hours_ago=hours_ago)
    env = dict(env, DATABASE_URL=db_url)
    r = run(quick_status, env)
    assert r.exit_code == code, r.output
    assert r.stdout == line + "\n"
    r = run(quick_status, env, "--json")
    assert r.exit_code == code, r.output
    doc = json.loads(r.stdout)
    assert (doc["state"], doc["exit_code"], doc["line"]) == (line.split(" - ")[0], code, line)
    assert (doc["offers"], doc["fresh"], doc["failing"]) == (10, 0 if hours_ago > 3 else 10, failing)


def test_quick_status_warns_without_site_or_offers(env: dict[str, str], sqlite_url: str) -> None:
    connect(sqlite_url).close()
    r = run(quick_status, env)
    assert r.exit_code == 1, r.output
    assert r.stdout == ("WARNING - 0/0 offers fresh, no site"
                        " (no offers tracked yet; no scrape within 3 h; no site built)\n")


def test_quick_status_thresholds_come_from_settings(env: dict[str, str], sqlite_url: str, site: Path) -> None:
    seed(sqlite_url, utcnow(), failing=3)
    r = run(quick_status, dict(env, WARN_FAILURE_RATE="0.4", CRIT_FAILURE_RATE="0.9"))
    assert r.exit_code == 0, r.output
    r = run(quick_status, dict(env, WARN_FAILURE_RATE="0.1", CRIT_FAILURE_RATE="0.25"))
    assert r.exit_code == 2, r.output
    r = run(quick_status, dict(env, STALE_HOURS="0.25"))
    assert r.exit_code == 2, r.output
    assert r.stdout.startswith("CRITICAL - 0/10 offers fresh, 3 failing, site 0 min old"), r.output


def test_quick_status_unknown_when_database_unreachable(env: dict[str, str]) -> None:
    r = run(quick_status, dict(env, DATABASE_URL="mysql://root:hunter2@127.0.0.1:1/x"))
    assert r.exit_code == 3, r.output
    assert r.stdout.startswith("UNKNOWN - cannot open database mysql://root:***@127.0.0.1:1/x"), r.output
    assert "hunter2" not in r.output
    r = run(quick_status, dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"), "--json")
    assert r.exit_code == 3, r.output
    assert json.loads(r.stdout)["state"] == "UNKNOWN"
    r = run(quick_status, env)  # the SQLite file does not exist yet: never created by a status check
    assert r.exit_code == 3, r.output
    assert "no database at" in r.stdout
    assert not Path(env["DATABASE_URL"][len("sqlite:///"):]).exists()


def test_quick_status_unknown_on_bad_setting(env: dict[str, str]) -> None:
    r = run(quick_status, dict(env, STALE_HOURS="soon"))
    assert r.exit_code == 3, r.output
    assert r.stdout == "UNKNOWN - STALE_HOURS='soon' is not a number (an offer unseen for longer is stale)\n"


def test_settings_are_masked(env: dict[str, str]) -> None:
    env = dict(env, DATABASE_URL="mysql://tracker:s3cret-pw@db.local:3306/prices")
    r = run(quick_status, env, "--settings")
    assert r.exit_code == 0, r.output
    assert "DATABASE_URL=mysql://tracker:***@db.local:3306/prices\n" in r.stdout
    assert "s3cret" not in r.output
    assert f"LOG_DIR={env['LOG_DIR']}\n" in r.stdout
    doc = json.loads(run(quick_status, env, "--settings", "--json").stdout)
    assert doc["DATABASE_URL"] == "mysql://tracker:***@db.local:3306/prices"
    assert doc["STALE_HOURS"] == "3.0"


def test_gather_exact_figures(db_url: str, env: dict[str, str], site: Path) -> None:
    now = utcnow()
    seed(db_url, now, failing=3)
    settings = load_settings(dict(env, DATABASE_URL=db_url), env_file=Path(env["LOG_DIR"]) / "none")
    with open_database(settings) as db:
        status = gather(db, settings, now=now)
    assert {t: status.rows[t] for t in ("runs", "price_history", "scrape_log", "email_subscriptions",
                                        "scrape_log_daily")} == {
        "runs": 2, "price_history": 17, "scrape_log": 20, "email_subscriptions": 0, "scrape_log_daily": 0}
    assert status.last_scrape_at == now - timedelta(minutes=30)
    assert [(r.retailer, r.attempts, r.successes) for r in status.retailers_24h] == [
        ("shop-a", 10, 8), ("shop-b", 10, 9)]
    failing = {(o.product_id, o.retailer): o for o in status.failing}
    assert sorted(failing) == [("delta-2", "shop-a"), ("river-2", "shop-a"), ("river-2", "shop-b")]
    offer = failing[("river-2", "shop-a")]
    assert (offer.last_outcome, offer.http_status, offer.error) == ("http_error", 503, "503 Service Unavailable")
    assert offer.failing_since == now - timedelta(minutes=30)
    assert offer.last_seen == now - timedelta(minutes=90)
    assert [(r.job, r.status, r.stats) for r in status.runs] == [
        ("scrape", "partial", {"fetched": 10, "ok": 7, "failed": 3})]
    assert len(status.fresh) == 10 and status.stale == []
    assert status.size_bytes is not None and status.size_bytes > 0
    assert assess(status, 0.2, 0.5).state == 1
    # an offer failing twice in a row is failing since the first failure
    db = connect(db_url)
    store.record_attempt(db, run_id=None, product_id="river-2", retailer="shop-a", url="http://x/",
                         outcome="timeout", attempted_at=now - timedelta(minutes=5))
    status = gather(db, settings, now=now)
    db.close()
    again = next(o for o in status.failing if (o.product_id, o.retailer) == ("river-2", "shop-a"))
    assert (again.last_outcome, again.failing_since) == ("timeout", now - timedelta(minutes=30))


def test_summarize_counts_what_gather_lists(db_url: str, env: dict[str, str], site: Path) -> None:
    """The metrics file's quick status (offers counted by indexed queries) agrees with monitor.py's."""
    now = utcnow()
    seed(db_url, now, failing=3)
    db = connect(db_url)
    # two offers no longer seen nor scraped within STALE_HOURS (one of them failing), one only attempted
    for product, retailer, outcome in (("old-1", "shop-a", "ok"), ("old-2", "shop-b", "timeout")):
        t = now - timedelta(hours=30)
        with db.transaction():
            store.record_attempt(db, run_id=None, product_id=product, retailer=retailer, url="http://x/",
                                 outcome=outcome, attempted_at=t)
            store.record_observation(db, Observation(product, retailer, "http://x/", Decimal("9.99"), "GBP",
                                                     "in_stock", t - timedelta(hours=1), "json-ld"), None)
    with db.transaction():
        store.record_attempt(db, run_id=None, product_id="never-priced", retailer="shop-a", url="http://x/",
                             outcome="no_price", attempted_at=now - timedelta(minutes=10))
    db.close()
    settings = load_settings(dict(env, DATABASE_URL=db_url), env_file=Path(env["LOG_DIR"]) / "none")
    catalogs = [None, [("delta-2", "shop-a"), ("old-2", "shop-b"), ("river-2", "shop-a"), ("river-2", "shop-b"),
                       ("river-2", "shop-c")]]  # (product, retailer) in order, as metrics.catalog_offers gives them
    with open_database(settings) as db:
        for catalog in catalogs:
            listed = gather(db, settings, now=now)
            if catalog is not None:  # gather reads the catalog folder; give it the same offers directly
                listed = dataclasses.replace(listed, offers=offer_states(db, catalog))
            counted = summarize(db, settings, catalog, now=now)
            figures = [(len(s.offers), len(s.fresh), len(s.stale), len(s.failing)) for s in (listed, counted)]
            assert figures[0] == figures[1], catalog
            assert assess(listed, 0.2, 0.5) == assess(counted, 0.2, 0.5)
            assert counted.rows == listed.rows and counted.retailers_7d == listed.retailers_7d
        assert [len(summarize(db, settings, c, now=now).failing) for c in catalogs] == [5, 4]
    with pytest.raises(TypeError, match="counted, not listed"):
        iter(counted.offers)  # counted offers have no states to list


def test_metrics_reads_the_catalog_again_only_when_it_changed(env: dict[str, str], sqlite_url: str) -> None:
    settings = load_settings(env, env_file=Path(env["LOG_DIR"]) / "none")
    products = settings.products_dir
    products.mkdir()
    (products / "a.json").write_text(json.dumps([
        {"id": "river-2", "name": "River 2", "offers": [{"retailer": "shop-b", "url": "https://b.example/r"},
                                                        {"retailer": "shop-a", "url": "https://a.example/r"}]},
        {"id": "bad", "name": "", "offers": []}]))
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # the bad entry is left out, as gather does; offers in (product, retailer) order
    assert list(catalog_offers(settings) or ()) == [("river-2", "shop-a"), ("river-2", "shop-b")]
    cache = settings.data_dir / "catalog_offers.json"
    head = cache.read_text().splitlines()[0]
    cache.write_text(f"{head}\nfrom-the-cache shop-y shop-z\n")
    offers = catalog_offers(settings)  # unchanged files: not parsed again
    assert list(offers or ()) == [("from-the-cache", "shop-y"), ("from-the-cache", "shop-z")]
    assert list(offers or ()) == [("from-the-cache", "shop-y"), ("from-the-cache", "shop-z")]  # read again
    (products / "b.json").write_text(json.dumps({"id": "delta-2", "name": "Delta 2", "offers": [
        {"retailer": "shop-b", "url": "https://b.example/d"}]}))
    assert list(catalog_offers(settings) or ()) == [("delta-2", "shop-b"), ("river-2", "shop-a"), ("river-2", "shop-b")]
    (products / "a.json").unlink()
    (products / "b.json").unlink()
    assert catalog_offers(settings) is None
    assert cache.read_text().count("\n") == 1  # only the header: the empty catalog is cached too


def test_catalog_offers_sorted_first_definition_kept(env: dict[str, str], sqlite_url: str) -> None:
    """The catalog is parsed file by file and sorted by SQLite: ids in any order across and within files,
    the first definition of an id kept (as load_products does); with the cache not writable, the offers
    come from the temporary database."""
    settings = load_settings(env, env_file=Path(env["LOG_DIR"]) / "none")
    settings.products_dir.mkdir()

    def product(pid: str, *shops: str) -> dict[str, object]:
        return {"id": pid, "name": pid, "offers": [{"retailer": s, "url": f"https://{s}.example/{pid}"} for s in shops]}

    (settings.products_dir / "1.json").write_text(json.dumps([product("zz", "shop-b", "shop-a"), product("a_1", "x")]))
    (settings.products_dir / "2.json").write_text(json.dumps([product("a-1", "x"), product("zz", "shop-c"),
                                                              product("a1", "x"), product("a.1", "x")]))
    expected = [("a-1", "x"), ("a.1", "x"), ("a1", "x"), ("a_1", "x"), ("zz", "shop-a"), ("zz", "shop-b")]
    cache = settings.data_dir / "catalog_offers.json"
    cache.mkdir(parents=True)  # the cache cannot be written
    offers = catalog_offers(settings)
    assert offers is not None and not isinstance(offers.source, Path)
    assert list(offers) == expected
    cache.rmdir()
    offers = catalog_offers(settings)
    assert offers is not None and offers.source == cache
    assert list(offers) == expected


def test_remember_catalog_wants_products_in_order(env: dict[str, str]) -> None:
    settings = load_settings(env, env_file=Path(env["LOG_DIR"]) / "none")
    assert not remember_catalog(settings, [], [("b", ["x"]), ("a", ["x"])])
    assert not (settings.data_dir / "catalog_offers.json").exists()
    assert remember_catalog(settings, [], [("a", ["y", "x"]), ("b", ["x"])])
    assert (settings.data_dir / "catalog_offers.json").read_text().splitlines()[1:] == ["a x y", "b x"]


def test_offer_counts_merge_the_catalog_with_the_database(db_url: str) -> None:
    """The counts of the merge walk (catalog and database offers both in (product, retailer) order)
    against offer_states' verdicts, for every way an offer can be in one and not the other."""
    now = utcnow()
    old, recent = now - timedelta(hours=30), now - timedelta(minutes=20)
    db = connect(db_url)

    def attempt(product: str, retailer: str, outcome: str, at: datetime, priced: bool = False) -> None:
        with db.transaction():
            store.record_attempt(db, run_id=None, product_id=product, retailer=retailer, url="http://x/",
                                 outcome=outcome, attempted_at=at)
            if priced:
                store.record_observation(db, Observation(product, retailer, "http://x/", Decimal("9.99"), "GBP",
                                                         "in_stock", at, "json-ld"), None)

    attempt("a-1", "x", "ok", recent, priced=True)  # fresh
    attempt("a.1", "x", "ok", old, priced=True)  # stale
    attempt("a.1", "y", "timeout", old)  # stale, failing
    attempt("a1", "x", "ok", recent - timedelta(minutes=5), priced=True)
    attempt("a1", "x", "http_error", recent)  # fresh (seen) and failing
    attempt("a_1", "x", "timeout", recent)  # failing, but not in the catalog
    attempt("aa", "x", "ok", recent, priced=True)  # fresh, but not in the catalog
    attempt("b", "x", "ok", old)
    attempt("b", "x", "ok", recent)  # fresh by a successful attempt, never priced
    attempt("b", "z", "no_price", recent)  # failing; the catalog lists b at x and y only
    attempt("c", "x", "timeout", old)
    attempt("c", "x", "ok", recent, priced=True)  # failed once, fresh since
    attempt("zz", "x", "timeout", recent)  # failing, after the catalog's last offer
    catalog = [("0", "x"), ("a-1", "x"), ("a.1", "x"), ("a.1", "y"), ("a1", "x"), ("a1", "y"), ("b", "x"),
               ("b", "y"), ("c", "x"), ("d", "x"), ("d", "y")]  # 0, a1@y, b@y and d never scraped
    since = now - timedelta(hours=3)
    try:
        for offers in (catalog, None):
            states = offer_states(db, offers)
            expected = (len(states), sum(s.last_seen is not None and s.last_seen >= since for s in states),
                        sum(s.failing for s in states))
            counted = offer_counts(db, offers, since)
            assert (len(counted), counted.n_fresh, counted.n_failing) == expected, offers
        assert expected == (10, 5, 5)  # the database's offers: a-1, a.1 x2, a1, a_1, aa, b x2, c, zz
        counted = offer_counts(db, catalog, since)
        assert (len(counted), counted.n_fresh, counted.n_failing) == (11, 4, 2)
        assert len(offer_counts(db, [], since)) == 0
        assert len(offer_counts(db, [("zzz", "x")], since)) == 1
        with pytest.raises(ValueError, match="order"):
            offer_counts(db, [("b", "x"), ("a", "x")], since)
    finally:
        db.close()


def test_metrics_file_counts_the_catalog(env: dict[str, str], sqlite_url: str, site: Path) -> None:
    seed(sqlite_url, utcnow(), failing=3)  # 10 offers fresh; river-2 at shop-a and b, delta-2 at shop-a failing
    settings = load_settings(env, env_file=Path(env["LOG_DIR"]) / "none")
    settings.products_dir.mkdir()
    (settings.products_dir / "p.json").write_text(json.dumps([
        {"id": p, "name": p, "offers": [{"retailer": r, "url": f"https://{r}.example/{p}"} for r in shops]}
        for p, shops in (("river-2", ("shop-b", "shop-c")), ("delta-2", ("shop-a",)), ("new-1", ("shop-a",)))]))
    for _ in range(2):  # parsed, then from the cache
        text = write_metrics(settings).read_text()  # type: ignore[union-attr]
        figures = dict(line.rsplit(" ", 1) for line in text.splitlines() if line.startswith("power_tracker_offers"))
        assert figures == {"power_tracker_offers_total": "4", 'power_tracker_offers{state="fresh"}': "2",
                           'power_tracker_offers{state="stale"}': "2", 'power_tracker_offers{state="failing"}': "2"}


def test_catalog_offers_never_scraped_count_as_stale(env: dict[str, str], sqlite_url: str, site: Path) -> None:
    seed(sqlite_url, utcnow())
    products = Path(env["PRODUCTS_DIR"])
    products.mkdir()
    (products / "river.json").write_text(json.dumps({"id": "river-2", "name": "River 2", "offers": [
        {"retailer": "shop-a", "url": "https://a.example/r2"},
        {"retailer": "shop-c", "url": "https://c.example/r2"}]}))
    r = run(quick_status, env, "--json")
    doc = json.loads(r.stdout)
    assert (doc["offers"], doc["fresh"], doc["stale"]) == (2, 1, 1), r.output
    assert r.exit_code == 1, r.output  # 50% is not above the 50% critical threshold
    assert "50% of offers stale (warning above 20%)" in doc["line"]


def test_monitor_report(db_url: str, env: dict[str, str], site: Path) -> None:
    seed(db_url, utcnow(), failing=3)
    env = dict(env, DATABASE_URL=db_url)
    Path(env["LOG_DIR"]).mkdir()
    (Path(env["LOG_DIR"]) / "scraping.log").write_text("x" * 2048)
    with job_lock(Path(env["DATA_DIR"]), "scrape"):
        r = run(monitor, env)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "\x1b[" not in out  # no colour when stdout is not a terminal
    assert out.startswith("WARNING - 10/10 offers fresh, 3 failing, site 0 min old")
    assert "Failing offers (3)" in out
    assert "river-2 @ shop-a: http_error HTTP 503 since " in out
    assert ": 503 Service Unavailable" in out
    assert "\n  shop-a                   8/10     80%      8/10     80%\n" in out, out
    assert "\n  shop-b                   9/10     90%      9/10     90%\n" in out, out
    assert "scrape     partial  started " in out and "failed=3 fetched=10 ok=7" in out
    for table in ("email_subscriptions 0", "price_history 17", "runs 2", "scrape_log 20", "scrape_log_daily 0"):
        assert table in out
    assert f"locks: scrape held by pid {os.getpid()}" in out
    assert re.search(r"\n  scraping.log +2.0 KB\n", out), out
    assert re.search(r"\n  errors.log +absent\n", out), out
    doc = json.loads(run(monitor, env, "--json").stdout)
    assert doc["summary"] == {"offers": 10, "fresh": 10, "stale": 0, "failing": 3}
    assert doc["rows"]["scrape_log"] == 20
    assert [(x["retailer"], x["success_rate"]) for x in doc["retailers_24h"]] == [("shop-a", 0.8), ("shop-b", 0.9)]
    assert doc["locks"] == {"scrape": None}


def test_monitor_scrapes(db_url: str, env: dict[str, str]) -> None:
    seed(db_url, utcnow(), failing=3)
    env = dict(env, DATABASE_URL=db_url)
    r = run(monitor, env, "--scrapes", "1")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) == 10
    assert sum("http_error" in line for line in lines) == 3
    assert any("river-2" in line and "503" in line and "120 ms" in line for line in lines), r.stdout
    assert any("104.00 GBP" in line for line in lines), r.stdout
    doc = json.loads(run(monitor, env, "--scrapes", "2", "--json").stdout)
    assert len(doc) == 20
    assert doc[-1]["price"] == "100.00" and doc[-1]["outcome"] == "ok"
    r = run(monitor, env, "--scrapes", "0.1")
    assert r.stdout == "no scrape attempts in that time\n"


def test_monitor_logs(env: dict[str, str]) -> None:
    logs = Path(env["LOG_DIR"])
    logs.mkdir()
    (logs / "scraping.log").write_text("".join(f"line {i}\n" for i in range(1, 1001)))
    r = run(monitor, env, "--logs", "scraping", "--lines", "3")
    assert r.exit_code == 0, r.output
    assert r.stdout == "line 998\nline 999\nline 1000\n"
    r = run(monitor, env, "--logs", "scraping.log", "--lines", "1", "--json")
    assert json.loads(r.stdout) == {"log": str(logs / "scraping.log"), "lines": ["line 1000"]}
    r = run(monitor, env, "--logs", "errors")
    assert r.exit_code == 0 and r.stdout == "", r.output
    assert "no log at" in r.output
    r = run(monitor, env, "--logs", "nonsense")
    assert r.exit_code == 2, r.output
    assert "unknown log 'nonsense'" in r.output


def test_monitor_exit_codes(env: dict[str, str]) -> None:
    r = run(monitor, dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"))
    assert r.exit_code == 3, r.output
    assert "error: cannot open database mysql://root@127.0.0.1:1/x" in r.output
    r = run(monitor, dict(env, DEPLOY_SSH_PORT="x"))
    assert r.exit_code == 2, r.output
    r = run(monitor, env, "--scrapes", "-1")
    assert r.exit_code == 2, r.output


def test_tail_of_long_lines(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_text("a" * 100_000 + "\n" + "b" * 70_000 + "\nlast\n")
    assert tail(path, 2) == ["b" * 70_000, "last"]
    assert tail(path, 10) == ["a" * 100_000, "b" * 70_000, "last"]
    assert tail(tmp_path / "missing.log", 5) == []


@pytest.mark.parametrize("script", ["monitor.py", "quick_status.py"])
def test_help_and_any_cwd(script: str, env: dict[str, str], tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT
    r = subprocess.run([sys.executable, str(ROOT / script), "-h"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "Example:" in r.stdout


def test_site_age_from_the_last_generate_run(env: dict[str, str], sqlite_url: str, site: Path) -> None:
    now = utcnow()
    seed(sqlite_url, now)
    old = (now - timedelta(hours=6)).timestamp()
    os.utime(site / "index.html", (old, old))  # generate.py leaves unchanged files alone
    r = run(quick_status, env)
    assert r.exit_code == 1, r.output
    assert "site 6.0 h old" in r.stdout and "site older than 3 h" in r.stdout
    db = connect(sqlite_url)
    run_id = store.start_run(db, "generate", now=now - timedelta(minutes=12))
    store.finish_run(db, run_id, "ok", {"pages": 12}, now=now - timedelta(minutes=11))
    db.close()
    r = run(quick_status, env)
    assert r.exit_code == 0, r.output
    assert r.stdout == "OK - 10/10 offers fresh, site 11 min old\n"


def test_monitor_shows_operations(env: dict[str, str], sqlite_url: str, site: Path) -> None:
    from powertracker import jobstatus

    now = utcnow()
    seed(sqlite_url, now)
    settings = load_settings(dict(env, DEPLOY_TARGET="www@host:/srv/"), env_file=Path("/nonexistent"))
    backups = settings.data_dir / "backups"
    backups.mkdir(parents=True)
    taken = now - timedelta(hours=5)
    (backups / f"tracker-{taken:%Y%m%dT%H%M%SZ}.sqlite.gz").write_bytes(b"x" * 3000)
    jobstatus.record(settings, "deploy", "ok", now=now - timedelta(minutes=7), files_transferred=3,
                     bytes_transferred=4096, target="www@host:/srv/", site_fingerprint="abc",
                     deployed_at=jobstatus.stamp(now - timedelta(minutes=7)))
    jobstatus.record(settings, "backup", "failed", now=now - timedelta(minutes=3), error="disk full")
    env = dict(env, DEPLOY_TARGET="www@host:/srv/")
    r = run(monitor, env)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("WARNING - 10/10 offers fresh, site 0 min old, deployed 7 min ago"
                          " (last backup failed: disk full)\n"), out
    assert re.search(r"\n  deploy     ok       finished \S+ \S+ \(7 min ago\)  bytes_transferred=4096"
                     r" files_transferred=3 target=www@host:/srv/\n", out), out
    assert re.search(r"\n  backup     failed   finished .* error=disk full\n", out), out
    assert f"  backups: 1, 2.9 KB; newest tracker-{taken:%Y%m%dT%H%M%SZ}.sqlite.gz (2.9 KB, 5.0 h ago)\n" in out
    assert "  newest price " in out and "(30 min ago), last scrape " in out
    assert re.search(r"\n  [\d.]+ [KMG]?B free of [\d.]+ [KMG]?B \(\d+%\) on the disk of ", out), out
    assert ", deployed " in out.split("site built")[1].splitlines()[0]
    doc = json.loads(run(monitor, env, "--json").stdout)
    assert doc["jobs"]["backup"]["status"] == "failed"
    assert doc["backups"][0]["size_bytes"] == 3000
    assert [(x["retailer"], x["attempts"]) for x in doc["retailers_7d"]] == [("shop-a", 10), ("shop-b", 10)]
    assert doc["disks"][0]["free_bytes"] > 0
    coloured = CliRunner().invoke(monitor.main, [], env=env, color=True)  # as on a terminal
    assert "\x1b[33m\x1b[1mWARNING - " in coloured.stdout and "\x1b[31mfailed  \x1b[0m" in coloured.stdout


def test_site_build_leaves_the_cache_metrics_read(env: dict[str, str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """generate.py's build writes the catalog cache the metrics file reads, so that one parses nothing."""
    from sitedata import NOW, PRODUCTS, make_settings, write_catalog
    from sitedata import seed as seed_site

    from powertracker import catalog
    from powertracker.catalog import load_products
    from powertracker.site import generate

    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    seed_site(settings.database_url)
    generate(settings, now=NOW)
    products, _ = load_products(settings.products_dir)
    monkeypatch.setattr(catalog, "load_product_file", None)  # a parse would fail
    offers = catalog_offers(settings)
    assert offers is not None and list(offers) == sorted((o.product_id, o.retailer) for p in products
                                                         for o in p.offers)
    assert len(products) == len(PRODUCTS) > 1
