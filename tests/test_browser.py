"""The generated site in real headless Chromium (Debian's chromium, driven by Playwright).

The demo shop is scraped over a few days, the site built, and served by a loopback HTTP
server on a free port. Checks: the index shows the right cheapest prices, a product page
draws one line per shop and switches ranges, search and filters narrow the lists, the
freshness script warns about old data, no console errors, and no request to any other
host. Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, need

from powertracker.chart import money
from powertracker.config import Settings, load_settings
from powertracker.demo_shop import DemoShop, copy_catalog
from powertracker.scrape import run_scrape
from powertracker.site import generate

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
ROUNDS = 6  # two days apart


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings, DemoShop]]:
    """The demo catalog scraped ROUNDS times, built, served on loopback: (base URL, settings, shop)."""
    if not CHROMIUM.exists():
        need(f"{CHROMIUM} is missing (Debian package 'chromium')")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")
    tmp = tmp_path_factory.mktemp("browser")
    shop = DemoShop(port=0, round=1)
    shop.start()
    env = {"DATABASE_URL": f"sqlite:///{tmp / 'tracker.db'}", "PRODUCTS_DIR": str(tmp / "products"),
           "RETAILERS_FILE": str(tmp / "retailers.json"), "SITE_DIR": str(tmp / "site"),
           "LOG_DIR": str(tmp / "logs"), "DATA_DIR": str(tmp / "data"), "DEFAULT_DELAY": "0"}
    settings = load_settings(env, env_file=tmp / "no.env")
    copy_catalog(settings.products_dir, settings.retailers_file, shop.url)
    try:
        for n in range(1, ROUNDS + 1):
            shop.set_round(n)
            run_scrape(settings, now=START + timedelta(days=2 * (n - 1)))
        generate(settings, now=START + timedelta(days=2 * ROUNDS))
        handler = functools.partial(_Quiet, directory=str(settings.site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", settings, shop
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shop.stop()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class Browser:
    """One page, with every request and console message recorded."""

    def __init__(self, base: str, page: Any) -> None:
        self.base, self.page = base, page
        self.requests: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("networkidle")

    def check_clean(self) -> None:
        assert self.console == []
        hosts = {urlsplit(u).netloc for u in self.requests}
        assert hosts == {urlsplit(self.base).netloc}, self.requests


@pytest.fixture
def browser(demo_site: tuple[str, Settings, DemoShop]) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = chromium.new_context(viewport={"width": 390, "height": 900}, service_workers="block")
        b = Browser(demo_site[0], context.new_page())
        yield b
        context.close()
        chromium.close()
        b.check_clean()


def test_index_shows_the_cheapest_price_of_every_demo_product(browser: Browser,
                                                             demo_site: tuple[str, Settings, DemoShop]) -> None:
    _, _, shop = demo_site
    browser.open("index.html")
    best: dict[str, tuple[Decimal, str]] = {}
    for (retailer, pid), (price, currency, availability, _) in shop.truth(ROUNDS).items():
        if currency == "GBP" and availability != "out_of_stock" and (pid not in best or (price, retailer) < best[pid]):
            best[pid] = (price, retailer)
    cards = browser.page.locator("section.category li.card")
    shown = {cards.nth(i).get_attribute("data-product"): cards.nth(i).locator(".price").inner_text()
             for i in range(cards.count())}
    assert len(shown) == 6 and shown == {pid: money(price, "GBP") for pid, (price, _) in best.items()}
    # the data is from 2025, far older than STALE_HOURS by the visitor's clock: the script says so
    warning = browser.page.locator("#freshness")
    assert warning.inner_text().startswith("Warning: the newest price here is ")
    assert "stale" in (warning.get_attribute("class") or "")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)


def test_search_narrows_the_index(browser: Browser) -> None:
    browser.open("index.html")
    page = browser.page
    visible = page.locator("section.category li.card:visible")
    total = visible.count()
    assert total == 6
    page.get_by_label("Search products").fill("delta")
    assert sorted(page.locator("section.category li.card:visible .name").all_inner_texts()) == [
        "EcoFlow Delta 2 Max Portable Power Station", "EcoFlow Delta 2 Portable Power Station"]
    assert page.locator("form.search .count").inner_text() == f"2 of {total} shown"
    page.get_by_label("Search products").fill("")
    assert visible.count() == total


def test_category_filters_and_sorting(browser: Browser, demo_site: tuple[str, Settings, DemoShop]) -> None:
    browser.open("categories/power-stations.html")
    page = browser.page
    names = page.locator("#list > li.card:visible")
    assert names.count() == 5
    page.get_by_label("Sort by").select_option("price")
    prices = [int(p) for p in page.locator("#list > li.card").evaluate_all("els => els.map(e => e.dataset.price)")]
    assert prices == sorted(prices)
    page.get_by_label("Shop", exact=True).select_option("voltmart")
    shown = page.locator("#list > li.card:visible")
    assert 0 < shown.count() < 5
    for i in range(shown.count()):
        assert "voltmart" in (shown.nth(i).get_attribute("data-shops") or "").split()
    page.get_by_label("In stock only").check()
    assert page.locator("form.filters .count").inner_text().endswith(" of 5 shown")


def test_product_page_draws_one_line_per_shop_and_switches_ranges(browser: Browser) -> None:
    browser.open("products/river-2.html")
    page = browser.page
    chart = page.locator("figure .view:visible svg.chart")
    assert chart.count() == 1
    shops = page.locator("table.offers tbody tr").count()
    compared_gbp = page.locator(".legend li").count()
    assert chart.locator("g.series").count() == compared_gbp >= 2 and shops == 4
    tip = chart.locator("circle title").first.text_content() or ""
    assert ": £" in tip and " from " in tip
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "product.png"), full_page=True)


def test_chart_ranges_work_with_keyboard_and_without_script(demo_site: tuple[str, Settings, DemoShop],
                                                           tmp_path: Path) -> None:
    """A product with four months of history (one more shop, back-filled) offers 30 days / 90 days / All."""
    from playwright.sync_api import sync_playwright

    base, settings, _ = demo_site
    long = replace(settings, site_dir=tmp_path / "site", data_dir=tmp_path / "data",
                   database_url=f"sqlite:///{tmp_path / 'long.db'}")
    shutil.copy(Path(settings.database_url[len("sqlite:///"):]), tmp_path / "long.db")
    from powertracker import store
    from powertracker.db import connect

    db = connect(long.database_url)
    try:
        with db.transaction():
            store.bulk_load_history(db, [
                {"product_id": "river-2", "retailer": "archive", "url": "https://archive.example/river-2",
                 "currency": "GBP", "price": Decimal(300 - i), "availability": "in_stock", "observations": 24,
                 "first_seen": START - timedelta(days=120 - i * 10), "last_seen": START - timedelta(days=111 - i * 10)}
                for i in range(14)])
    finally:
        db.close()
    generate(long)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for script in (True, False):
            context = chromium.new_context(java_script_enabled=script)
            page = context.new_page()
            page.goto((long.site_dir / "products" / "river-2.html").as_uri())
            labels = page.locator(".ranges label")
            assert labels.all_inner_texts() == ["30 days", "90 days", "All"]
            assert page.locator(".view:visible").get_attribute("class") == "view v-all"
            page.locator("#r-all").focus()
            page.keyboard.press("ArrowLeft")  # radio buttons: arrows move the choice
            assert page.locator(".view:visible").get_attribute("class") == "view v-90d"
            labels.first.click()
            assert page.locator(".view:visible").get_attribute("class") == "view v-30d"
            assert page.locator(".view:visible svg.chart g.series").count() >= 2
            context.close()
        chromium.close()
