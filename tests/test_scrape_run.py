"""A run's rules against the hostile server: suspicious jumps held until confirmed, 304s counted,
due offers by priority, robots.txt, per-retailer and global concurrency, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hostile_server import HostileServer, hostile_server

from powertracker import store
from powertracker.config import Settings
from powertracker.db import connect
from powertracker.demo_shop import DemoShop, copy_catalog
from powertracker.scrape import run_scrape

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        yield srv


def catalog(settings: Settings, products: list[dict[str, Any]], retailers: dict[str, dict[str, Any]]) -> None:
    settings.products_dir.mkdir(parents=True, exist_ok=True)
    (settings.products_dir / "products.json").write_text(json.dumps(products))
    settings.retailers_file.write_text(json.dumps(retailers))


def one_offer(settings: Settings, srv: HostileServer, path: str = "/price/shop-a/river-2") -> None:
    catalog(settings, [{"id": "river-2", "name": "River 2", "offers": [{"retailer": "shop-a", "url": srv.url(path)}]}],
            {"shop-a": {"currency": "GBP", "delay": 0}})


def log_rows(db_url: str) -> list[tuple[str, Any, str | None]]:
    with connect(db_url) as db:
        return [(r["outcome"], r["price"], r["error"])
                for r in db.query("SELECT outcome, price, error FROM scrape_log ORDER BY id")]


# --- suspicious jumps ---------------------------------------------------------------------------------

def test_implausible_jump_is_held_until_the_next_scrape_confirms_it(server: HostileServer, settings: Settings,
                                                                     db_url: str) -> None:
    s = replace(settings, database_url=db_url)
    one_offer(s, server)
    page = "/price/shop-a/river-2"
    steps = [("200", 1, "ok"), ("210", 2, "ok"), ("60", 3, "suspicious"), ("60", 4, "not_modified"), ("61", 5, "ok"),
             ("700", 6, "suspicious"), ("205", 7, "ok")]
    shown = []
    for price, hour, outcome in steps:
        server.prices[page] = Decimal(price)
        summary = run_scrape(s, now=T0 + timedelta(hours=hour))
        assert summary.outcomes == {outcome: 1}, (price, summary)
        assert summary.exit_code == 0  # a held price is no failure
        with connect(db_url) as db:
            shown.append(store.latest_prices(db)[0]["price"])
    assert shown == [Decimal(p) for p in ("200", "210", "210", "60", "61", "61", "205")]
    with connect(db_url) as db:
        held = db.query("SELECT price, median_price, reason, status, seen_at, resolved_at FROM suspicious_prices"
                        " ORDER BY id")
        hist = [(r["price"], r["first_seen"].hour, r["last_seen"].hour, r["observations"])
                for r in store.history(db)]
        cmp = store.price_comparison(db)[0]
    assert held == [
        {"price": Decimal("60.00"), "median_price": Decimal("205.00"), "status": "confirmed",
         "reason": "implausible_change: 71% below the recent median 205.00",
         "seen_at": T0 + timedelta(hours=3), "resolved_at": T0 + timedelta(hours=4)},
        {"price": Decimal("700.00"), "median_price": Decimal("130.50"), "status": "discarded",
         "reason": "implausible_change: 5.4x the recent median 130.50",
         "seen_at": T0 + timedelta(hours=6), "resolved_at": T0 + timedelta(hours=7)},
    ]
    # the held 60 enters the history at the time it was first seen; no observation is lost
    assert hist == [(Decimal("200"), 10, 10, 1), (Decimal("210"), 11, 11, 1), (Decimal("60"), 12, 13, 2),
                    (Decimal("61"), 14, 14, 1), (Decimal("205"), 16, 16, 1)]
    assert (cmp["min_price"], cmp["retailers"]) == (Decimal("205.00"), 1)
    assert [o for o, _, _ in log_rows(db_url)] == [o for _, _, o in steps]  # the unchanged page: a 304


def test_a_304_confirms_a_held_price(server: HostileServer, settings: Settings, sqlite_url: str) -> None:
    s = replace(settings, database_url=sqlite_url)
    one_offer(s, server)
    page = "/price/shop-a/river-2"
    server.prices[page] = Decimal("500")
    run_scrape(s, now=T0)
    server.prices[page] = Decimal("100")
    held = run_scrape(s, now=T0 + timedelta(hours=1))
    unchanged = run_scrape(s, now=T0 + timedelta(hours=2))
    assert (held.suspicious, unchanged.not_modified, unchanged.confirmed, unchanged.ok) == (1, 1, 1, 1)
    assert server.headers[-1]["if-none-match"] == '"100"'
    assert [(o, p) for o, p, _ in log_rows(sqlite_url)] == [
        ("ok", Decimal("500.00")), ("suspicious", Decimal("100.00")), ("not_modified", Decimal("100.00"))]
    with connect(sqlite_url) as db:
        assert [(r["price"], r["observations"]) for r in store.history(db)] == [
            (Decimal("500"), 1), (Decimal("100"), 2)]


def test_thresholds_are_settings(server: HostileServer, settings: Settings, sqlite_url: str) -> None:
    s = replace(settings, database_url=sqlite_url, suspicious_drop=0.0, suspicious_rise=1.5)
    one_offer(s, server)
    page = "/price/shop-a/river-2"
    for hour, price in enumerate(("100", "10", "160")):
        server.prices[page] = Decimal(price)
        run_scrape(s, now=T0 + timedelta(hours=hour))
    assert [o for o, _, _ in log_rows(sqlite_url)] == ["ok", "ok", "suspicious"]  # drops off; 1.5x on


# --- the schedule -------------------------------------------------------------------------------------------

def test_only_due_offers_are_fetched(server: HostileServer, settings: Settings, sqlite_url: str) -> None:
    s = replace(settings, database_url=sqlite_url)
    products = [{"id": f"{prio}-item", "name": prio, "priority": prio,
                 "offers": [{"retailer": "shop-a", "url": server.url(f"/price/shop-a/{prio}")}]}
                for prio in ("high", "normal", "low")]
    catalog(s, products, {"shop-a": {"currency": "GBP", "delay": 0, "concurrency": 3}})
    for prio in ("high", "normal", "low"):
        server.prices[f"/price/shop-a/{prio}"] = Decimal("99")
    due = {}
    for label, later in (("start", timedelta()), ("+20 min", timedelta(minutes=20)), ("+1 h", timedelta(hours=1)),
                         ("+1 h 10 min", timedelta(minutes=70)), ("+1 day", timedelta(days=1))):
        summary = run_scrape(s, now=T0 + later, due_only=True)
        assert summary.exit_code == 0
        due[label] = summary.due
    assert due == {"start": 3, "+20 min": 1, "+1 h": 2, "+1 h 10 min": 0, "+1 day": 3}
    assert run_scrape(s, now=T0 + timedelta(days=1), due_only=False).due == 3  # --all


def test_script_all_and_help(demo_shop: DemoShop, env: dict[str, str]) -> None:
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), demo_shop.url)
    e = {**env, "DEFAULT_DELAY": "0"}
    py, cmd = sys.executable, str(ROOT / "scrape.py")
    first = subprocess.run([py, cmd, "--json"], env=e, capture_output=True, text=True, timeout=60)
    second = subprocess.run([py, cmd], env=e, capture_output=True, text=True, timeout=60)
    forced = subprocess.run([py, cmd, "--all", "--json"], env=e, capture_output=True, text=True, timeout=60)
    assert first.returncode == second.returncode == forced.returncode == 0, first.stderr + second.stderr
    assert json.loads(first.stdout)["due"] == 21
    assert second.stdout == ("run 2: 0 of 21 offers due, 0 ok (0 unchanged), 0 no price, 0 rejected,"
                             " 0 held as suspicious, 0 robots, 0 failed; 0 price changes\n")
    out = json.loads(forced.stdout)
    assert (out["due"], out["ok"], out["not_modified"], out["new_rows"]) == (21, 21, 21, 0)


# --- robots.txt ---------------------------------------------------------------------------------------------

def test_robots_disallowed_offers_are_recorded_not_fetched(server: HostileServer, settings: Settings,
                                                          sqlite_url: str) -> None:
    s = replace(settings, database_url=sqlite_url)
    server.prices["/price/shop-a/ok"] = Decimal("10")
    catalog(s, [{"id": "a", "name": "A", "offers": [{"retailer": "shop-a", "url": server.url("/private/a")}]},
                {"id": "b", "name": "B", "offers": [{"retailer": "shop-a", "url": server.url("/nobots/b")}]},
                {"id": "c", "name": "C", "offers": [{"retailer": "shop-a", "url": server.url("/price/shop-a/ok")}]}],
            {"shop-a": {"currency": "GBP", "delay": 0}})
    summary = run_scrape(s, now=T0)
    assert (summary.robots, summary.ok, summary.exit_code) == (2, 1, 1)
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/private/a"] == server.hits["/nobots/b"] == 0
    assert sorted(log_rows(sqlite_url), key=str) == [("ok", Decimal("10.00"), None)] + [
        ("robots", None, "disallowed by robots.txt")] * 2


@pytest.mark.parametrize(("status", "expected"), [(404, ("ok", None)), (503, ("http_error", "robots.txt: HTTP 503"))])
def test_robots_txt_missing_or_unreachable(server: HostileServer, settings: Settings, sqlite_url: str,
                                           status: int, expected: tuple[str, str | None]) -> None:
    s = replace(settings, database_url=sqlite_url)
    one_offer(s, server)
    server.prices["/price/shop-a/river-2"] = Decimal("10")
    server.robots_status = status
    run_scrape(replace(s, request_timeout=2), now=T0)
    (row,) = log_rows(sqlite_url)
    assert (row[0], row[2]) == expected
    assert server.hits["/price/shop-a/river-2"] == (1 if status == 404 else 0)


# --- concurrency ---------------------------------------------------------------------------------------------

def test_a_slow_shop_never_slows_the_others(settings: Settings, sqlite_url: str) -> None:
    with hostile_server() as slow, hostile_server() as fast:
        slow.delay, fast.delay = 1.0, 0.1
        offers = [("slow", slow, i) for i in range(4)] + [("fast", fast, i) for i in range(8)]
        for name, srv, i in offers:
            srv.prices[f"/price/{name}/p{i}"] = Decimal("10")
        s = replace(settings, database_url=sqlite_url, scrape_concurrency=3)
        catalog(s, [{"id": f"{name}-{i}", "name": "x",
                     "offers": [{"retailer": name, "url": srv.url(f"/price/{name}/p{i}")}]} for name, srv, i in offers],
                {"slow": {"currency": "GBP", "delay": 0, "concurrency": 1},
                 "fast": {"currency": "GBP", "delay": 0, "concurrency": 2}})
        t0 = time.monotonic()
        summary = run_scrape(s, now=T0)
        took = time.monotonic() - t0
    assert summary.ok == 12
    assert slow.max_in_flight == 1 and fast.max_in_flight == 2  # per-retailer caps
    assert max(fast.started) - t0 < 0.9  # the fast shop was done before the slow one had served one page
    assert 4.0 <= took < 5.5


def test_global_cap_and_retailer_delay(server: HostileServer, settings: Settings, sqlite_url: str) -> None:
    server.delay = 0.2
    s = replace(settings, database_url=sqlite_url, scrape_concurrency=2)
    catalog(s, [{"id": f"p{i}", "name": "x", "offers": [{"retailer": "shop-a", "url": server.url(f"/price/a/{i}")}]}
                for i in range(6)], {"shop-a": {"currency": "GBP", "delay": 0, "concurrency": 5}})
    for i in range(6):
        server.prices[f"/price/a/{i}"] = Decimal("10")
    run_scrape(s, now=T0)
    assert server.max_in_flight == 2
    server.started.clear()
    catalog(s, [{"id": f"p{i}", "name": "x", "offers": [{"retailer": "shop-a", "url": server.url(f"/price/a/{i}")}]}
                for i in range(3)], {"shop-a": {"currency": "GBP", "delay": 0.3, "concurrency": 3}})
    server.delay = 0
    run_scrape(s, now=T0 + timedelta(hours=2))
    starts = sorted(server.started)  # robots.txt, then the three pages
    assert all(b - a >= 0.29 for a, b in zip(starts, starts[1:], strict=False)), starts


# --- the progress bar ---------------------------------------------------------------------------------------

def test_progress_bar_only_in_a_terminal(demo_shop: DemoShop, env: dict[str, str]) -> None:
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), demo_shop.url)
    e = {**env, "DEFAULT_DELAY": "0"}
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scrape.py"), "--all"], env=e, stdout=subprocess.PIPE,
                            stderr=child, text=True)
    os.close(child)
    out, _ = proc.communicate(timeout=60)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert proc.returncode == 0, out
    last = [part for part in drawn.decode().split("\r") if part.strip()][-1].strip()
    assert last.startswith("\x1b[2K[########################] 21/21  ok 21"), repr(last)
    assert out.startswith("run 1: 21 of 21 offers due, 21 ok")
    quiet = subprocess.run([sys.executable, str(ROOT / "scrape.py"), "--all"], env=e, capture_output=True, text=True,
                           timeout=60)
    assert (quiet.returncode, quiet.stderr) == (0, "")  # under cron: nothing on stderr
    log = (Path(env["LOG_DIR"]) / "scraping.log").read_text()
    assert log.count("scrape finished: status=ok offers=21 due=21 ok=21") == 2
