"""The real scrape against the demo shop, on SQLite and MariaDB, in-process and as scrape.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from powertracker import store
from powertracker.config import Settings, load_settings
from powertracker.db import connect
from powertracker.demo_shop import DemoShop, copy_catalog, render, truth
from powertracker.extract import extract
from powertracker.lock import job_lock
from powertracker.scrape import run_scrape

ROOT = Path(__file__).resolve().parent.parent
DAY1 = datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)
PLAIN = "campkit"  # the selector-only shop: availability is not machine-readable there


def demo_env(env: dict[str, str], shop: DemoShop, db_url: str) -> dict[str, str]:
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), shop.url)
    return {**env, "DATABASE_URL": db_url, "DEFAULT_DELAY": "0", "REQUEST_TIMEOUT": "5"}


def settings_for(env: dict[str, str]) -> Settings:
    return load_settings(env, env_file=Path(env["LOG_DIR"]) / "no.env")


def run_rounds(shop: DemoShop, settings: Settings, rounds: int = 3) -> list[int]:
    new_rows = []
    for n in range(1, rounds + 1):
        shop.set_round(n)
        summary = run_scrape(settings, now=DAY1 + timedelta(days=n - 1))
        assert (summary.exit_code, summary.offers, summary.ok, summary.failed) == (0, 21, 21, 0), summary
        new_rows.append(summary.new_rows)
    return new_rows


def plain_availability(round_: int, product_id: str) -> str | None:
    """What the extractor reads as availability on the selector-only shop's page (visible text only)."""
    page = render(round_, PLAIN, product_id, "http://127.0.0.1:8765")
    assert page is not None
    return extract(page, f"http://127.0.0.1:8765/{PLAIN}/p/{product_id}", ".product-main .price-now",
                   "GBP").availability


def expected_latest(round_: int, last_seen: datetime) -> list[dict[str, Any]]:
    return sorted(
        ({"product_id": p, "retailer": r, "price": price, "currency": cur,
          "availability": plain_availability(round_, p) if r == PLAIN else avail, "last_seen": last_seen}
         for (r, p), (price, cur, avail, _) in truth(round_).items()),
        key=lambda row: (row["product_id"], row["retailer"]))


def expected_history_rows(rounds: int) -> int:
    seen = [{k: (v[0], v[1], plain_availability(n, k[1]) if k[0] == PLAIN else v[2]) for k, v in truth(n).items()}
            for n in range(1, rounds + 1)]
    return len(seen[0]) + sum(1 for a, b in zip(seen, seen[1:], strict=False) for k in a if a[k] != b[k])


def test_three_rounds_in_process(demo_shop: DemoShop, env: dict[str, str], db_url: str) -> None:
    settings = settings_for(demo_env(env, demo_shop, db_url))
    assert run_rounds(demo_shop, settings) == [21, 3, 4]
    assert expected_history_rows(3) == 28
    with connect(db_url) as db:
        log = db.query("SELECT outcome, COUNT(*) AS n, COUNT(DISTINCT run_id) AS runs FROM scrape_log"
                       " GROUP BY outcome ORDER BY outcome")
        # unchanged pages answer the conditional request with 304: rounds 2 and 3 read 7 pages in full
        assert log == [{"outcome": "not_modified", "n": 35, "runs": 2}, {"outcome": "ok", "n": 28, "runs": 3}]
        totals = db.query("SELECT COUNT(*) AS n, SUM(observations) AS obs FROM price_history")
        assert totals == [{"n": 28, "obs": 63}]
        assert store.latest_prices(db) == expected_latest(3, DAY1 + timedelta(days=2))
        river = [(r["retailer"], r["price"], r["observations"], r["first_seen"].day, r["last_seen"].day)
                 for r in store.history(db, "river-2")]
        assert river == [("campkit", Decimal("223.99"), 1, 1, 1), ("campkit", Decimal("211.99"), 1, 2, 2),
                         ("campkit", Decimal("207.99"), 1, 3, 3), ("gridless", Decimal("234.99"), 3, 1, 3),
                         ("powerhaus", Decimal("264.99"), 3, 1, 3), ("voltmart", Decimal("228.99"), 3, 1, 3)]
        run = store.last_run(db, "scrape")
        assert run is not None and (run["status"], run["stats"]["ok"], run["stats"]["new_rows"]) == ("ok", 21, 4)
        strategies = db.query("SELECT retailer, strategy FROM scrape_log GROUP BY retailer, strategy"
                              " ORDER BY retailer")
        assert strategies == [{"retailer": "campkit", "strategy": "selector"},
                              {"retailer": "gridless", "strategy": "meta"},
                              {"retailer": "powerhaus", "strategy": "microdata"},
                              {"retailer": "voltmart", "strategy": "json-ld"}]


def test_rerun_of_same_round_only_counts(demo_shop: DemoShop, env: dict[str, str], sqlite_url: str) -> None:
    settings = settings_for(demo_env(env, demo_shop, sqlite_url))
    first = run_scrape(settings, now=DAY1)
    second = run_scrape(settings, now=DAY1 + timedelta(hours=1))
    assert (first.new_rows, second.new_rows, second.ok) == (21, 0, 21)
    with connect(sqlite_url) as db:
        assert db.query("SELECT COUNT(*) AS n, SUM(observations) AS obs FROM price_history") == [
            {"n": 21, "obs": 42}]


def test_sqlite_and_mariadb_agree(demo_shop: DemoShop, env: dict[str, str], sqlite_url: str,
                                  mariadb_url: str) -> None:
    results = []
    for url in (sqlite_url, mariadb_url):
        shop = DemoShop(port=0, round=1).start()
        try:
            settings = settings_for(demo_env(env, shop, url))
            assert run_rounds(shop, settings, rounds=4) == [21, 3, 4, 6]
        finally:
            shop.stop()
        with connect(url) as db:
            results.append((store.latest_prices(db), store.price_comparison(db), store.history(db)))
    (lite_latest, lite_cmp, lite_hist), (maria_latest, maria_cmp, maria_hist) = results
    assert lite_latest == maria_latest
    assert lite_cmp == maria_cmp
    assert [{k: v for k, v in r.items() if k != "url"} for r in lite_hist] == [
        {k: v for k, v in r.items() if k != "url"} for r in maria_hist]  # urls carry each shop's port
    assert len(lite_latest) == 21 and len(lite_cmp) == 6 and len(lite_hist) == 34
    # powerhaus prices in EUR, so delta-2 is compared over the three GBP shops only
    assert lite_cmp[0] == {"product_id": "delta-2", "min_price": Decimal("552.99"),
                           "max_price": Decimal("667.99"), "avg_price": Decimal("623.32"), "retailers": 3,
                           "cheapest_retailer": "campkit", "currency": "GBP"}


def test_failures_are_logged_and_make_the_run_partial(demo_shop: DemoShop, env: dict[str, str],
                                                      db_url: str) -> None:
    e = demo_env(env, demo_shop, db_url)
    Path(e["PRODUCTS_DIR"], "zz-ghost.json").write_text(json.dumps({
        "id": "ghost", "name": "Ghost", "offers": [
            {"retailer": "voltmart", "url": f"{demo_shop.url}/voltmart/p/ghost"},
            {"retailer": "unconfigured", "url": f"{demo_shop.url}/"},
            {"retailer": "gridless", "url": f"{demo_shop.url}/gridless/p/river-2", "currency": "EUR"},
        ]}))
    summary = run_scrape(settings_for(e), now=DAY1)
    assert (summary.offers, summary.ok, summary.failed, summary.no_price, summary.rejected) == (24, 21, 1, 1, 1)
    assert (summary.exit_code, summary.status) == (1, "partial")
    with connect(db_url) as db:
        rows = db.query("SELECT retailer, outcome, http_status, price, currency, error FROM scrape_log"
                        " WHERE product_id = 'ghost' ORDER BY retailer DESC")
        assert store.last_run(db, "scrape")["status"] == "partial"  # type: ignore[index]
    assert rows == [
        {"retailer": "voltmart", "outcome": "http_error", "http_status": 404, "price": None, "currency": None,
         "error": "HTTP 404"},
        {"retailer": "unconfigured", "outcome": "no_price", "http_status": 200, "price": None,
         "currency": None, "error": rows[1]["error"]},
        {"retailer": "gridless", "outcome": "suspicious", "http_status": 200, "price": Decimal("234.99"),
         "currency": "GBP", "error": "currency_mismatch: page says GBP, catalog expects EUR"},
    ]
    assert rows[1]["error"].startswith("no price found")


# --- scrape.py as cron runs it ------------------------------------------------------------------------

def script(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scrape.py"), *args], env=env, cwd=cwd or "/",
                          capture_output=True, text=True, timeout=120)


def test_script_three_rounds(demo_shop: DemoShop, env: dict[str, str], db_url: str) -> None:
    e = demo_env(env, demo_shop, db_url)
    for n, new_rows in ((1, 21), (2, 3), (3, 4)):
        demo_shop.set_round(n)
        r = script(e, "--json", "--all")  # seconds apart: without --all nothing would be due again
        assert r.returncode == 0, r.stdout + r.stderr
        out = json.loads(r.stdout)
        assert {k: out[k] for k in ("run_id", "offers", "due", "ok", "not_modified", "no_price", "rejected",
                                    "failed", "catalog_problems", "new_rows", "status", "exit_code",
                                    "problems")} == {
            "run_id": n, "offers": 21, "due": 21, "ok": 21, "not_modified": 21 - new_rows if n > 1 else 0,
            "no_price": 0, "rejected": 0, "failed": 0, "catalog_problems": 0, "new_rows": new_rows,
            "status": "ok", "exit_code": 0, "problems": []}
    nothing_due = script(e, "--json")
    assert nothing_due.returncode == 0, nothing_due.stdout + nothing_due.stderr
    assert (json.loads(nothing_due.stdout)["due"], json.loads(nothing_due.stdout)["status"]) == (0, "ok")
    with connect(db_url) as db:
        assert db.query("SELECT COUNT(*) AS n, COUNT(DISTINCT entry_key) AS k FROM scrape_log") == [{"n": 63, "k": 63}]
        assert db.query("SELECT COUNT(*) AS n, SUM(observations) AS obs FROM price_history") == [
            {"n": 28, "obs": 63}]
        latest = store.latest_prices(db)
    assert [{k: v for k, v in row.items() if k != "last_seen"} for row in latest] == [
        {k: v for k, v in row.items() if k != "last_seen"} for row in expected_latest(3, DAY1)]
    log = (Path(e["LOG_DIR"]) / "scraping.log").read_text()
    assert log.count("scrape finished: status=ok offers=21 due=21 ok=21 ") == 3
    assert "scrape finished: status=ok offers=21 due=0 ok=0 " in log


def test_script_broken_product_file_scrapes_the_rest(demo_shop: DemoShop, env: dict[str, str],
                                                     tmp_path: Path) -> None:
    e = demo_env(env, demo_shop, env["DATABASE_URL"])
    Path(e["PRODUCTS_DIR"], "broken.json").write_text('{"id": "broken", "name": "Broken", "offers": '
                                                      '[{"retailer": "voltmart"}]}')
    r = script(e, cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout == ("run 1: 21 of 21 offers due, 21 ok (0 unchanged), 0 no price, 0 rejected,"
                        " 0 held as suspicious, 0 robots, 0 failed; 21 price changes\n"
                        "catalog problem: products/broken.json: product.offers[0].url: is required\n")
    errors = (Path(e["LOG_DIR"]) / "errors.log").read_text()
    assert "catalog: products/broken.json: product.offers[0].url: is required" in errors


def test_script_database_unreachable_exits_3_and_journals(demo_shop: DemoShop, env: dict[str, str]) -> None:
    e = demo_env(env, demo_shop, "mysql://root@127.0.0.1:1/x")
    r = script(e, "--json")
    assert r.returncode == 3, r.stdout + r.stderr
    out = json.loads(r.stdout)
    assert (out["run_id"], out["due"], out["ok"], out["journalled"], out["exit_code"]) == (None, 21, 21, 21, 3)
    journal = Path(e["DATA_DIR"], "journal")
    assert r.stderr.startswith("error: database unreachable: cannot open database mysql://root@127.0.0.1:1/x: (2003")
    assert r.stderr.endswith(f"21 result(s) kept in {journal} for the next run\n"), r.stderr
    files = list(journal.glob("scrape-*.jsonl"))
    assert len(files) == 1 and len(files[0].read_text().splitlines()) == 1 + 21 + 1  # run, results, end
    again = script(e, "--json")  # still unreachable: the journalled offers are not due again
    assert again.returncode == 3, again.stdout + again.stderr
    assert (json.loads(again.stdout)["due"], len(list(journal.glob("*.jsonl")))) == (0, 1)


def test_script_second_run_while_lock_held_exits_3(demo_shop: DemoShop, env: dict[str, str]) -> None:
    e = demo_env(env, demo_shop, env["DATABASE_URL"])
    with job_lock(Path(e["DATA_DIR"]), "scrape"):
        r = script(e)
    assert r.returncode == 3, r.stdout + r.stderr
    lock = Path(e["DATA_DIR"]) / "scrape.lock"
    assert r.stderr == f"error: another scrape run holds {lock} (pid {os.getpid()}); exiting\n"
    assert not Path(env["DATABASE_URL"][len("sqlite:///"):]).exists()  # nothing was touched


def test_script_bad_setting_exits_2(env: dict[str, str]) -> None:
    r = script({**env, "REQUEST_TIMEOUT": "soon"})
    assert r.returncode == 2, r.stdout + r.stderr
    assert "REQUEST_TIMEOUT='soon' is not a number" in r.stderr


def test_script_extract_file_json(env: dict[str, str], tmp_path: Path) -> None:
    html = render(5, "powerhaus", "delta-2", "http://127.0.0.1:8765")
    assert html is not None
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = script(env, "--extract", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    out = json.loads(r.stdout)  # the extractor's own fields are tested in test_extract*.py
    assert {k: out[k] for k in ("price", "currency", "availability", "strategy", "title")} == {
        "price": "668.99", "currency": "EUR", "availability": "in_stock", "strategy": "microdata",
        "title": "EcoFlow Delta 2 Portable Power Station"}
    nothing = tmp_path / "nothing.html"
    nothing.write_text("<html><title>No price</title></html>")
    r = script(env, "--extract", str(nothing))
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout.splitlines()[:2] == ["price:        -", "currency:     -"]
    assert "title:        No price" in r.stdout


def test_script_extract_url(demo_shop: DemoShop, env: dict[str, str]) -> None:
    demo_shop.set_round(4)
    r = script(env, "--extract", f"{demo_shop.url}/campkit/p/delta-2", "--selector", ".price-now", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    out = json.loads(r.stdout)
    assert (out["price"], out["currency"], out["strategy"], out["raw"]) == ("552.99", "GBP", "selector", "£552.99")
    missing = script(env, "--extract", f"{demo_shop.url}/campkit/p/nope", "--json")
    assert missing.returncode == 1, missing.stdout + missing.stderr
    assert missing.stderr == f"error: {demo_shop.url}/campkit/p/nope: http_error: HTTP 404\n"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_script_help(flag: str) -> None:
    r = script(dict(os.environ), flag)
    assert r.returncode == 0, r.stderr
    assert "./scrape.py --extract https://shop.example/p/river-2 --json" in r.stdout
