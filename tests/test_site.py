"""Site generation from a seeded database: pages, figures, escaping, atomic swap."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import need
from lxml import html as lhtml

from powertracker import site as site_module
from powertracker import store
from powertracker.chart import Series, Step, build_chart, money
from powertracker.config import Settings, load_settings
from powertracker.db import connect
from powertracker.errors import ConfigError
from powertracker.models import Observation
from powertracker.site import TEMPLATES_DIR, SiteError, generate

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=9, hours=1)
EVIL = "River 2 <script>alert(1)</script>"

PRODUCTS = [
    {"id": "river-2", "name": EVIL, "category": "Power stations", "brand": "EcoFlow",
     "offers": [{"retailer": "shop-a", "url": "https://shop-a.example/p/river-2"},
                {"retailer": "shop-b", "url": "https://shop-b.example/river-2?ref=a&b=c"},
                {"retailer": "shop-c", "url": "https://shop-c.example/river-2"}]},
    {"id": "delta-2", "name": "Delta 2", "category": "Power stations",
     "offers": [{"retailer": "shop-a", "url": "https://shop-a.example/p/delta-2"},
                {"retailer": "shop-b", "url": "https://shop-b.example/delta-2"}]},
    {"id": "panel-100", "name": "Solar Panel 100W", "category": "Solar panels",
     "offers": [{"retailer": "shop-b", "url": "https://shop-b.example/panel-100"}]},
]
RETAILERS = {
    "shop-a": {"name": "Shop A", "base_url": "https://shop-a.example/", "currency": "GBP",
               "delay": 5, "concurrency": 1, "selector": ".price"},
    "shop-b": {"name": "Shop B & Sons", "base_url": "https://shop-b.example/", "currency": "GBP",
               "delay": 5, "concurrency": 1},
}
# (product, retailer) -> [(day, price, availability)]; a day with no entry was not scraped
SERIES = {
    ("river-2", "shop-a"): [(0, "299.00", "in_stock"), (3, "299.00", "in_stock"), (5, "279.00", "in_stock"),
                            (9, "279.00", "in_stock")],
    ("river-2", "shop-b"): [(0, "289.99", "in_stock"), (9, "289.99", "in_stock")],
    ("river-2", "shop-c"): [(1, "310.50", "out_of_stock"), (2, "305.00", "out_of_stock"),
                            (4, "305.00", "in_stock"), (6, "305.00", "in_stock")],
    ("delta-2", "shop-a"): [(0, "999.00", "in_stock"), (9, "949.00", "preorder")],
    ("delta-2", "shop-b"): [(2, "949.00", "in_stock")],
}


def write_catalog(tmp_path: Path, products: list[dict[str, object]] = PRODUCTS) -> None:
    (tmp_path / "products").mkdir(exist_ok=True)
    (tmp_path / "products" / "catalog.json").write_text(json.dumps(products), encoding="utf-8")
    (tmp_path / "retailers.json").write_text(json.dumps(RETAILERS), encoding="utf-8")


def seed(url: str, series: dict[tuple[str, str], list[tuple[int, str, str]]] = SERIES,
         currency: str = "GBP") -> None:
    db = connect(url)
    try:
        for day in range(10):
            run = store.start_run(db, "scrape", T0 + timedelta(days=day))
            with db.transaction():
                for (pid, retailer), points in series.items():
                    for d, price, availability in points:
                        if d == day:
                            obs = Observation(pid, retailer, f"https://{retailer}.example/{pid}",
                                              Decimal(price), currency, availability, T0 + timedelta(days=day))
                            store.record_observation(db, obs, run)
            store.finish_run(db, run, "ok", {})
    finally:
        db.close()


def make_settings(env: dict[str, str], tmp_path: Path, db_url: str | None = None) -> Settings:
    values = dict(env)
    if db_url:
        values["DATABASE_URL"] = db_url
    return load_settings(values, env_file=tmp_path / "no.env")


def parse(path: Path) -> lhtml.HtmlElement:
    return lhtml.fromstring(path.read_bytes())


def text(el: lhtml.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(env: dict[str, str], tmp_path: Path, db_url: str,
          caplog: pytest.LogCaptureFixture) -> tuple[Settings, Path]:
    """The demo catalog, seeded into SQLite or MariaDB, and built once."""
    write_catalog(tmp_path)
    seed(db_url)
    settings = make_settings(env, tmp_path, db_url)
    with caplog.at_level(logging.WARNING, logger="powertracker"):
        summary = generate(settings, now=NOW)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert (summary.pages, summary.products, summary.priced) == (5, 3, 2)
    return settings, settings.site_dir


def test_index_lists_each_product_with_its_cheapest_offer(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "index.html")
    sections = doc.cssselect("section.category")
    assert [text(s.cssselect("h2")[0]) for s in sections] == ["Power stations", "Solar panels"]
    cards = {li.get("data-product"): li for li in doc.cssselect("li.card")}
    assert list(cards) == ["delta-2", "river-2", "panel-100"]  # by category, then name
    river = cards["river-2"]
    assert text(river.cssselect(".price")[0]) == "£279.00"
    assert text(river.cssselect(".shop")[0]) == "Shop A"
    assert text(river.cssselect(".shops")[0]) == "3 shops"
    assert river.cssselect("a")[0].get("href") == "products/river-2.html"
    delta = cards["delta-2"]
    # a tie at 949.00: price_comparison breaks it by retailer id
    assert (text(delta.cssselect(".price")[0]), text(delta.cssselect(".shop")[0])) == ("£949.00", "Shop A")
    assert text(delta.cssselect(".shops")[0]) == "2 shops"
    panel = cards["panel-100"]
    assert text(panel.cssselect(".price")[0]) == "No price yet"
    assert panel.cssselect("a")[0].get("href") == "products/panel-100.html"
    assert doc.cssselect("footer time")[0].get("datetime") == "2024-05-10T12:00:00Z"


def test_product_page_table_stats_and_chart(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "products" / "river-2.html")
    rows = doc.cssselect("table.offers tbody tr")
    cells = [(r.get("data-retailer"), text(r.cssselect(".price")[0]), text(r.cssselect(".availability")[0]),
              text(r.cssselect(".checked")[0]), r.cssselect(".link a")[0].get("href"),
              r.cssselect(".link a")[0].get("rel")) for r in rows]
    assert cells == [
        ("shop-a", "£279.00", "In stock", "2024-05-10 12:00 UTC", "https://shop-a.example/p/river-2",
         "nofollow noopener"),
        ("shop-b", "£289.99", "In stock", "2024-05-10 12:00 UTC", "https://shop-b.example/river-2?ref=a&b=c",
         "nofollow noopener"),
        # last seen three days before NOW: more than STALE_HOURS ago
        ("shop-c", "£305.00", "In stock", "2024-05-07 12:00 UTC out of date", "https://shop-c.example/river-2",
         "nofollow noopener"),
    ]
    assert [text(r.cssselect("th")[0]) for r in rows] == ["Shop A cheapest", "Shop B & Sons", "shop-c"]
    assert rows[0].get("class") == "cheapest"
    stats = {dd.get("class"): text(dd) for dd in doc.cssselect("dl.stats dd")}
    assert stats == {"min": "£279.00", "max": "£305.00", "avg": "£291.33", "count": "3"}

    svgs = doc.cssselect("figure svg.chart")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-label").startswith(f"Price history of {EVIL} from 01 May 2024 to 10 May 2024")
    paths = svg.cssselect("path")
    assert len(paths) == 3  # one per retailer
    assert len({p.get("stroke") for p in paths}) == 3
    legend = [text(li) for li in doc.cssselect(".legend li")]
    assert legend == ["Shop A", "Shop B & Sons", "shop-c"]
    # shop-a has two history rows (299 then 279): a step line M..H..H..V..H and four points
    assert paths[0].get("d").count("V") == 1
    tips = [text(t) for t in svg.cssselect("circle title")]
    assert "Shop A: £299.00 · 2024-05-04 12:00 UTC" in tips
    assert "Shop A: £279.00 · 2024-05-06 12:00 UTC" in tips
    assert len(tips) == 4 + 2 + 4  # shop-c: 310.50 (one point), 305.00 out of stock, 305.00 in stock
    x_labels = [text(t) for t in svg.cssselect(".axis text") if "May" in text(t)]
    assert x_labels == ["01 May", "04 May", "07 May", "10 May"]
    y_labels = [text(t) for t in svg.cssselect(".axis text") if text(t).startswith("£")]
    assert y_labels[0] == "£270" and y_labels[-1] == "£320"


def test_product_without_observations_still_has_a_page(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "products" / "panel-100.html")
    assert text(doc.cssselect("h1")[0]) == "Solar Panel 100W"
    assert "No price yet" in text(doc.cssselect("p.best")[0])
    assert [text(td) for td in doc.cssselect("td.price")] == ["no price yet"]
    assert doc.cssselect("svg.chart") == [] and doc.cssselect("dl.stats") == []
    assert doc.cssselect(".link a")[0].get("href") == "https://shop-b.example/panel-100"


def test_names_are_escaped(built: tuple[Settings, Path]) -> None:
    _, site = built
    for page in ("index.html", "products/river-2.html"):
        doc = parse(site / page)
        assert doc.xpath("//script") == [], page
        assert EVIL in text(doc.cssselect("main")[0]), page
    raw = (site / "products" / "river-2.html").read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_assets_are_relative_hashed_and_csp_is_set(built: tuple[Settings, Path]) -> None:
    _, site = built
    css = list((site / "assets").glob("site.*.css"))
    assert len(css) == 1 and len(css[0].stem.split(".")[1]) == 8
    assert css[0].read_bytes() == (TEMPLATES_DIR / "assets" / "site.css").read_bytes()
    for page in sorted(site.rglob("*.html")):
        doc = parse(page)
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(csp) == 1 and "default-src" in csp[0], page
        outbound = set(doc.xpath("//td[@class='link']/a/@href"))
        for attr in doc.xpath("//@href | //@src"):
            if attr.startswith(("http:", "https:", "//")):
                assert attr in outbound, f"{page}: absolute URL {attr}"
        if page.name != "404.html":
            hrefs = doc.xpath("//link[@rel='stylesheet']/@href")
            assert len(hrefs) == 1 and (page.parent / hrefs[0]).resolve() == css[0].resolve(), page
            for href in doc.xpath("//a/@href"):
                if not href.startswith(("http:", "https:", "#")):
                    assert (page.parent / href).is_file(), f"{page}: broken link {href}"
    not_found = parse(site / "404.html")
    assert not_found.xpath("//link[@rel='stylesheet']") == [] and len(not_found.xpath("//style")) == 1


def test_unchanged_data_rebuild_keeps_files_and_mtimes(built: tuple[Settings, Path]) -> None:
    settings, site = built
    before = snapshot(site)
    past = 1_600_000_000
    for p in site.rglob("*"):
        os.utime(p, (past, past))
    summary = generate(settings, now=NOW)
    assert summary.changed == 0
    assert snapshot(site) == before
    assert {p.stat().st_mtime for p in site.rglob("*") if p.is_file()} == {past}
    db = connect(settings.database_url)
    try:
        run = store.last_run(db, "generate")
    finally:
        db.close()
    assert run is not None and run["status"] == "ok" and run["stats"]["pages"] == 5


def _broken_templates(tmp_path: Path, template: str, source: str) -> Path:
    broken = tmp_path / "broken-templates"
    shutil.copytree(TEMPLATES_DIR, broken)
    (broken / template).write_text(source, encoding="utf-8")
    return broken


@pytest.mark.parametrize("template, source", [
    ("product.html", "{% extends 'base.html' %}{% block content %}{{ product.no_such_field }}{% endblock %}"),
    ("404.html", "{% extends 'base.html' %}{% block content %}{% if %}{% endblock %}"),
    ("assets/site.css", None),
])
def test_failed_build_leaves_live_site_untouched(env: dict[str, str], tmp_path: Path, template: str,
                                                 source: str | None) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    seed(settings.database_url)
    generate(settings, now=NOW)
    before = snapshot(settings.site_dir)
    seed(settings.database_url, {("panel-100", "shop-b"): [(9, "99.00", "in_stock")]})  # data changed
    if source is None:
        broken = tmp_path / "broken-templates"
        shutil.copytree(TEMPLATES_DIR, broken)
        (broken / template).unlink()
    else:
        broken = _broken_templates(tmp_path, template, source)
    with pytest.raises(SiteError, match="cannot render the site"):
        generate(settings, now=NOW, templates_dir=broken)
    assert snapshot(settings.site_dir) == before
    assert sorted(p.name for p in settings.site_dir.parent.iterdir() if p.name.startswith("site")) == ["site"]
    db = connect(settings.database_url)
    try:
        run = store.last_run(db, "generate")
    finally:
        db.close()
    assert run is not None and run["status"] == "failed"
    if template == "product.html":
        assert "no_such_field" in run["stats"]["error"]
    # and a good build afterwards picks up the change
    generate(settings, now=NOW)
    cards = {li.get("data-product"): li for li in parse(settings.site_dir / "index.html").cssselect("li.card")}
    assert text(cards["panel-100"].cssselect(".price")[0]) == "£99.00"


def test_swap_without_rename_exchange(env: dict[str, str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Filesystems without renameat2 get rename-old-aside, rename-new-in, delete-old."""
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    generate(settings, now=NOW)
    seed(settings.database_url, {("panel-100", "shop-b"): [(9, "99.00", "in_stock")]})
    monkeypatch.setattr(site_module, "_exchange", lambda a, b: False)
    summary = generate(settings, now=NOW)
    assert summary.changed == 5  # every page: the footer shows the newest check; assets unchanged
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]
    cards = {li.get("data-product"): li for li in parse(settings.site_dir / "index.html").cssselect("li.card")}
    assert text(cards["panel-100"].cssselect(".price")[0]) == "£99.00"


def test_first_build_failure_leaves_no_site_and_no_temp(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    broken = _broken_templates(tmp_path, "index.html", "{{ nope }}")
    with pytest.raises(SiteError, match="'nope' is undefined"):
        generate(settings, now=NOW, templates_dir=broken)
    assert not settings.site_dir.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("site")] == []


def test_leftover_temp_folders_of_a_killed_build_are_removed(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    old = tmp_path / "site.tmp-dead1234"
    fresh = tmp_path / "site.tmp-busy5678"  # maybe another build in progress: left alone
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "index.html").write_text("partial")
    os.utime(old, (1_600_000_000, 1_600_000_000))
    generate(settings, now=NOW)
    assert not old.exists() and fresh.exists()


def test_empty_catalog_folder_is_a_config_error_and_changes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    generate(settings, now=NOW)
    before = snapshot(settings.site_dir)
    shutil.rmtree(tmp_path / "products")
    with pytest.raises(ConfigError, match="no valid products"):
        generate(settings, now=NOW)
    assert snapshot(settings.site_dir) == before


def test_other_currencies_are_listed_but_not_compared(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path, [PRODUCTS[0]])
    settings = make_settings(env, tmp_path)
    seed(settings.database_url, {("river-2", "shop-a"): [(0, "999.00", "in_stock")],
                                 ("river-2", "shop-c"): [(0, "1010.00", "in_stock")]}, currency="GBP")
    seed(settings.database_url, {("river-2", "shop-b"): [(0, "899.00", "in_stock")]}, currency="EUR")
    generate(settings, now=NOW)
    doc = parse(settings.site_dir / "products" / "river-2.html")
    assert [text(dd) for dd in doc.cssselect("dl.stats dd")] == ["£999.00", "£1,010.00", "£1,004.50", "2"]
    assert [text(td) for td in doc.cssselect("td.price")] == ["£999.00", "£1,010.00", "€899.00"]
    assert text(doc.cssselect("p.best")[0]) == "Cheapest now: £999.00 at Shop A"
    assert "prices in EUR are listed below but not compared" in text(doc.cssselect("p.note")[0])


def test_out_of_stock_everywhere_says_so(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path, [PRODUCTS[2]])
    settings = make_settings(env, tmp_path)
    seed(settings.database_url, {("panel-100", "shop-b"): [(0, "80.00", "out_of_stock")]})
    generate(settings, now=NOW)
    doc = parse(settings.site_dir / "products" / "panel-100.html")
    assert text(doc.cssselect("p.best")[0]) == "Out of stock at every shop we check."
    assert [text(td) for td in doc.cssselect("td.price")] == ["£80.00"]
    index = parse(settings.site_dir / "index.html")
    assert text(index.cssselect("li.card .price")[0]) == "Out of stock"


@pytest.mark.parametrize("value, currency, expected", [
    ("1234.5", "GBP", "£1,234.50"), ("0.99", "EUR", "€0.99"), ("20", "USD", "$20.00"),
    ("1500", "CHF", "1,500.00 CHF"), ("-3.10", "GBP", "-£3.10"),
])
def test_money(value: str, currency: str, expected: str) -> None:
    assert money(Decimal(value), currency) == expected


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        money(1.5, "GBP")  # type: ignore[arg-type]


def test_step_chart_geometry() -> None:
    steps = (Step(Decimal("100.00"), T0, T0 + timedelta(days=2)),
             Step(Decimal("80.00"), T0 + timedelta(days=3), T0 + timedelta(days=4)))
    chart = build_chart([Series("Shop A", "GBP", steps, "#000")], "Thing")
    assert chart is not None
    (line,) = chart.lines
    # flat at 100 from day 0 to day 3 (the change), then at 80 to day 4
    assert line.d == "M66.0 12.0 H236.0 H321.0 V214.0 H406.0"
    assert [p.title for p in line.points] == [
        "Shop A: £100.00 · 2024-05-01 12:00 UTC", "Shop A: £100.00 · 2024-05-03 12:00 UTC",
        "Shop A: £80.00 · 2024-05-04 12:00 UTC", "Shop A: £80.00 · 2024-05-05 12:00 UTC"]
    assert [t.label for t in chart.y_ticks] == ["£80", "£85", "£90", "£95", "£100"]
    assert build_chart([Series("Shop A", "GBP", (), "#000")], "Thing") is None


def test_pages_load_in_headless_chromium_without_csp_violations(env: dict[str, str], tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        need("no chromium binary on PATH (Debian package 'chromium')")
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    seed(settings.database_url)
    generate(settings, now=NOW)
    for page in ("index.html", "products/river-2.html", "products/panel-100.html", "404.html"):
        r = subprocess.run(
            [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
             f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom",
             (settings.site_dir / page).as_uri()],
            capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr[-2000:]
        console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
        assert console == [], f"{page}: {console}"
        dom = lhtml.fromstring(r.stdout)
        assert dom.xpath("//script") == [], page
        if page == "products/river-2.html":
            assert len(dom.cssselect("svg.chart path")) == 3
            assert [text(td) for td in dom.cssselect("td.price")] == ["£279.00", "£289.99", "£305.00"]
