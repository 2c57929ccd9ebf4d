"""Site pages from a seeded database: index, product, category, deals, shops, data files, escaping."""

from __future__ import annotations

import csv
import io
import json
import logging
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sitedata import EVIL, NOW, PRODUCTS, make_settings, parse, seed, text, write_catalog

from powertracker.chart import cents_text, money
from powertracker.config import Settings
from powertracker.errors import ConfigError
from powertracker.site import TEMPLATES_DIR, generate


@pytest.fixture
def built(env: dict[str, str], tmp_path: Path, db_url: str,
          caplog: pytest.LogCaptureFixture) -> tuple[Settings, Path]:
    """The test catalog, seeded into SQLite or MariaDB, and built once."""
    write_catalog(tmp_path)
    seed(db_url)
    settings = make_settings(env, tmp_path, db_url)
    with caplog.at_level(logging.WARNING, logger="powertracker"):
        summary = generate(settings, now=NOW)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    # index, 3 products, 2 categories, deals, shops, 404
    assert (summary.pages, summary.products, summary.priced, summary.rendered) == (9, 3, 2, 3)
    return settings, settings.site_dir


def test_index_lists_each_product_with_its_cheapest_offer(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "index.html")
    sections = doc.cssselect("section.category")
    assert [text(s.cssselect("h2")[0]) for s in sections] == ["Power stations", "Solar panels"]
    cards = {li.get("data-product"): li for li in doc.cssselect("section.category li.card")}
    assert list(cards) == ["delta-2", "river-2", "panel-100"]  # by category, then name
    river = cards["river-2"]
    assert text(river.cssselect(".price")[0]) == "£279.00"
    assert text(river.cssselect(".shop")[0]) == "Shop A"
    assert text(river.cssselect(".shops")[0]) == "3 shops"
    assert river.cssselect("a")[0].get("href") == "products/river-2.html"
    assert [text(b) for b in river.cssselect(".badge")] == ["Lowest ever"]
    assert (river.get("data-price"), river.get("data-shops"), river.get("data-stock")) == (
        "27900", "shop-a shop-b shop-c", "1")
    delta = cards["delta-2"]
    # a tie at 949.00: price_comparison breaks it by retailer id
    assert (text(delta.cssselect(".price")[0]), text(delta.cssselect(".shop")[0])) == ("£949.00", "Shop A")
    assert text(delta.cssselect(".shops")[0]) == "2 shops"
    panel = cards["panel-100"]
    assert text(panel.cssselect(".price")[0]) == "No price yet"
    assert panel.cssselect("a")[0].get("href") == "products/panel-100.html"
    assert [a.get("href") for a in doc.cssselect("nav.categories a")] == [
        "categories/power-stations.html", "categories/solar-panels.html"]
    search = doc.cssselect("form.search")[0]
    assert search.get("hidden") is not None and search.get("data-search") == "page"  # shown by the script
    assert doc.cssselect("label[for=q]") and doc.cssselect("input#q")
    fresh = doc.cssselect("#freshness")[0]
    assert fresh.get("data-day") == "2024-05-10"
    assert text(fresh) == "Prices on this page were last confirmed on 10 May 2024 (UTC)."


def test_product_page_table_stats_labels_and_chart(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "products" / "river-2.html")
    rows = doc.cssselect("table.offers tbody tr")
    cells = [(r.get("data-retailer"), text(r.cssselect(".price")[0]), text(r.cssselect(".availability")[0]),
              text(r.cssselect(".checked")[0]), r.cssselect(".link a")[0].get("href"),
              r.cssselect(".link a")[0].get("rel")) for r in rows]
    assert cells == [
        ("shop-a", "£279.00", "In stock", "10 May 2024", "https://shop-a.example/p/river-2", "nofollow noopener"),
        ("shop-b", "£289.99", "In stock", "10 May 2024", "https://shop-b.example/river-2?ref=a&b=c",
         "nofollow noopener"),
        # last seen three days before the product's newest check: more than STALE_HOURS
        ("shop-c", "£305.00", "In stock", "7 May 2024 out of date", "https://shop-c.example/river-2",
         "nofollow noopener"),
    ]
    assert [text(r.cssselect("th")[0]) for r in rows] == ["Shop A cheapest", "Shop B & Sons", "shop-c"]
    assert rows[0].get("class") == "cheapest"
    stats = {dd.get("class"): text(dd) for dd in doc.cssselect("dl.stats dd")}
    assert stats == {"min": "£279.00", "max": "£305.00", "avg": "£291.33", "count": "3",
                     "lowest-ever": "£279.00 at Shop A on 6 May 2024"}
    labels = [(li.get("class"), text(li)) for li in doc.cssselect("ul.labels li")]
    assert labels == [("label lowest-ever", "Lowest price ever The lowest price we have seen at any of the 3 shops"
                                            " we check, in 9 days of tracking since 1 May 2024.")]
    assert text(doc.cssselect("p.drops")[0]) == "Down £10.99 (3.7 %) in the last 7 days, from £289.99."
    assert [a.get("href") for a in doc.cssselect("nav.crumbs a")] == ["../index.html",
                                                                      "../categories/power-stations.html"]

    svgs = doc.cssselect("figure .view svg.chart")
    assert len(svgs) == 1  # nine days of history: only "All"
    assert doc.cssselect(".ranges") == []
    svg = svgs[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-label").startswith(f"Price history of {EVIL} from 1 May 2024 to 10 May 2024")
    lines = svg.cssselect("g.series")
    assert len(lines) == 3  # one per retailer
    assert len({g.get("stroke") for g in lines}) == 3
    assert [text(li) for li in doc.cssselect(".legend li")] == ["Shop A", "Shop B & Sons", "shop-c"]
    # shop-a: 299 then 279, one step; shop-c: two rows out of stock (a gap), then 305 until its last day ends
    assert lines[0].cssselect("path")[0].get("d") == "M90 69H289V173H468"
    assert lines[2].cssselect("path")[0].get("d") == "M249 38H349"
    tips = [text(t) for t in svg.cssselect("circle title")]
    assert tips == ["Shop A: £299.00 from 1 May 2024", "Shop A: £279.00 from 6 May 2024",
                    "Shop B & Sons: £289.99 from 1 May 2024", "shop-c: £305.00 from 5 May 2024"]
    x_labels = [text(t) for t in svg.cssselect(".axis text") if "May" in text(t)]
    assert x_labels == ["1 May", "4 May", "7 May", "10 May"]
    y_labels = [text(t) for t in svg.cssselect(".axis text") if text(t).startswith("£")]
    assert y_labels == ["£270", "£280", "£290", "£300", "£310"]
    assert doc.cssselect("#freshness")[0].get("data-day") == "2024-05-10"


def test_product_without_observations_still_has_a_page(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "products" / "panel-100.html")
    assert text(doc.cssselect("h1")[0]) == "Solar Panel 100W"
    assert "No price yet" in text(doc.cssselect("p.best")[0])
    assert [text(td) for td in doc.cssselect("td.price")] == ["no price yet"]
    assert doc.cssselect("svg.chart") == [] and doc.cssselect("dl.stats") == []
    assert doc.cssselect(".link a")[0].get("href") == "https://shop-b.example/panel-100"
    assert doc.cssselect("#freshness") == []  # nothing confirmed, nothing to date


def test_names_are_escaped_everywhere(built: tuple[Settings, Path]) -> None:
    _, site = built
    for page in ("index.html", "products/river-2.html", "categories/power-stations.html", "deals.html"):
        doc = parse(site / page)
        assert [s.get("src") for s in doc.xpath("//script")] == [s.get("src") for s in doc.xpath("//script[@src]")]
        assert len(doc.xpath("//script")) == 1, page  # the site's own, external
        assert EVIL in text(doc.cssselect("main")[0]), page
    raw = (site / "products" / "river-2.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    api = json.loads((site / "api" / "products" / "river-2.json").read_text(encoding="utf-8"))
    assert api["name"] == EVIL
    feed = etree.fromstring((site / "feeds" / "drops.atom").read_bytes())
    titles = feed.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    # newest first; delta-2 dropped twice (Shop B's only check ended its line on 4 May, then Shop A cut)
    assert [t.text for t in titles] == ["Delta 2: £949.00 at Shop A, down from £999.00 (5 %)",
                                        f"{EVIL}: £279.00 at Shop A, down from £289.99 (3 %)",
                                        "Delta 2: £949.00 at Shop B & Sons, down from £999.00 (5 %)"]


def test_assets_are_relative_hashed_and_csp_is_set(built: tuple[Settings, Path]) -> None:
    _, site = built
    css = list((site / "assets").glob("site.*.css"))
    js = list((site / "assets").glob("site.*.js"))
    assert len(css) == 1 and len(css[0].stem.split(".")[1]) == 10 and len(js) == 1
    assert css[0].read_bytes() == (TEMPLATES_DIR / "assets" / "site.css").read_bytes()
    assert js[0].read_bytes() == (TEMPLATES_DIR / "assets" / "site.js").read_bytes()
    for page in sorted(site.rglob("*.html")):
        doc = parse(page)
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(csp) == 1 and "default-src" in csp[0], page
        outbound = set(doc.xpath("//td[@class='link']/a/@href"))
        for attr in doc.xpath("//@href | //@src"):
            if attr.startswith(("http:", "https:", "//")):
                assert attr in outbound, f"{page}: absolute URL {attr}"
        assert doc.xpath("//@style") == [], page  # the CSP allows no inline style attributes
        if page.name != "404.html":
            assert "script-src 'self'" in csp[0] and "'unsafe-inline'" not in csp[0]
            hrefs = doc.xpath("//link[@rel='stylesheet']/@href")
            assert len(hrefs) == 1 and (page.parent / hrefs[0]).resolve() == css[0].resolve(), page
            srcs = doc.xpath("//script/@src")
            assert len(srcs) == 1 and (page.parent / srcs[0]).resolve() == js[0].resolve(), page
            for href in doc.xpath("//a/@href | //link/@href"):
                if not href.startswith(("http:", "https:", "#")):
                    assert (page.parent / href).is_file(), f"{page}: broken link {href}"
    not_found = parse(site / "404.html")
    assert not_found.xpath("//link[@rel='stylesheet']") == [] and len(not_found.xpath("//style")) == 1


def test_category_page_carries_what_sorting_and_filters_need(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "categories" / "power-stations.html")
    assert text(doc.cssselect("h1")[0]) == "Power stations"
    items = doc.cssselect("#list > li.card")
    assert [li.get("data-product") for li in items] == ["delta-2", "river-2"]  # by name without the script
    assert [(li.get("data-price"), li.get("data-drop"), li.get("data-stock")) for li in items] == [
        ("94900", "5", "1"), ("27900", "3", "1")]
    assert items[0].cssselect("a")[0].get("href") == "../products/delta-2.html"
    form = doc.cssselect("form.filters")[0]
    assert form.get("hidden") is not None  # plain list without the script
    assert [o.get("value") for o in form.cssselect("#sort option")] == ["name", "price", "drop"]
    assert [(o.get("value"), text(o)) for o in form.cssselect("#shop option")] == [
        ("", "Any shop"), ("shop-a", "Shop A"), ("shop-b", "Shop B & Sons"), ("shop-c", "shop-c")]
    assert doc.cssselect("label[for=stock]") and doc.cssselect("label[for=sort]") and doc.cssselect("label[for=shop]")


def test_deals_and_shop_health(built: tuple[Settings, Path]) -> None:
    _, site = built
    doc = parse(site / "deals.html")
    today, week = doc.cssselect("main section")
    assert text(today.cssselect("h2")[0]) == "Dropped since 00:00 UTC"  # whole UTC days, not a sliding 24 h
    assert "not the last 24 hours" in text(today.cssselect("p.hint")[0])
    # delta-2: Shop A cut 999 -> 949 on its newest day (the cheapest at 00:00 was Shop A's 999)
    assert [(li.get("data-product"), text(li.cssselect(".pct")[0])) for li in today.cssselect("li.card")] == [
        ("delta-2", "5 %")]
    assert [(li.get("data-product"), text(li.cssselect(".pct")[0])) for li in week.cssselect("li.card")] == [
        ("delta-2", "5 %"), ("river-2", "3 %")]
    assert text(week.cssselect("li.card .meta")[0]) == "at Shop A, down £50.00 (5 %) from £999.00"
    delta = parse(site / "products" / "delta-2.html")
    assert text(delta.cssselect("p.drops")[0]) == ("Down £50.00 (5.0 %) since 00:00 UTC on 10 May 2024, from £999.00."
                                                   " Down £50.00 (5.0 %) in the last 7 days, from £999.00.")
    index = parse(site / "index.html")
    assert [text(b) for b in index.cssselect("li.card[data-product=delta-2] .badge")] == [
        "Lowest ever", "Down 5 % since 00:00 UTC"]
    health = parse(site / "shops.html")
    assert health.cssselect("table.health tbody tr") == []  # the seed records no scrape attempts
    assert "No checks recorded yet." in text(health.cssselect("main")[0])


def test_data_files(built: tuple[Settings, Path]) -> None:
    settings, site = built
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    assert [(p["id"], p["price"], p["shop"], p["status"]) for p in index] == [
        ("delta-2", "949.00", "Shop A", "priced"), ("panel-100", None, None, "unpriced"),
        ("river-2", "279.00", "Shop A", "priced")]
    river = json.loads((site / "api" / "products" / "river-2.json").read_text(encoding="utf-8"))
    assert (river["min_price"], river["max_price"], river["avg_price"], river["cheapest"]) == (
        "279.00", "305.00", "291.33", "shop-a")
    assert river["lowest_ever"] == {"price": "279.00", "since": "2024-05-06", "shop": "Shop A"}
    assert [(o["retailer"], o["price"], o["out_of_date"]) for o in river["offers"]] == [
        ("shop-a", "279.00", False), ("shop-b", "289.99", False), ("shop-c", "305.00", True)]
    rows = list(csv.reader(io.StringIO((site / "products" / "river-2.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["retailer", "shop", "price", "currency", "availability", "first_seen_utc", "last_seen_utc",
                       "observations"]
    assert rows[1:3] == [["shop-a", "Shop A", "299.00", "GBP", "in_stock", "2024-05-01 12:00:00",
                          "2024-05-04 12:00:00", "2"],
                         ["shop-a", "Shop A", "279.00", "GBP", "in_stock", "2024-05-06 12:00:00",
                          "2024-05-10 12:00:00", "2"]]
    assert len(rows) == 1 + 2 + 1 + 3
    assert ["shop-b", "Shop B & Sons", "289.99", "GBP", "in_stock", "2024-05-01 12:00:00", "2024-05-10 12:00:00",
            "2"] in rows
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["categories/power-stations.html", "categories/solar-panels.html", "index.html", "deals.html",
                    "shops.html", "products/delta-2.html", "products/panel-100.html", "products/river-2.html"]
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert json.loads((site / "freshness.json").read_text()) == {"newest_observation": "2024-05-10T12:00:00Z",
                                                                "stale_hours": 3.0}
    for feed in ("drops", "power-stations", "solar-panels"):
        doc = etree.fromstring((site / "feeds" / f"{feed}.atom").read_bytes())
        assert doc.tag == "{http://www.w3.org/2005/Atom}feed", feed
    assert len(etree.fromstring((site / "feeds" / "solar-panels.atom").read_bytes())
               .findall("{http://www.w3.org/2005/Atom}entry")) == 0


def test_other_currencies_are_listed_but_not_compared(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path, [json.loads(json.dumps(p)) for p in PRODUCTS[:1]])
    settings = make_settings(env, tmp_path)
    seed(settings.database_url, {("river-2", "shop-a"): [(0, "999.00", "in_stock")],
                                 ("river-2", "shop-c"): [(0, "1010.00", "in_stock")]}, currency="GBP")
    seed(settings.database_url, {("river-2", "shop-b"): [(0, "899.00", "in_stock")]}, currency="EUR")
    generate(settings, now=NOW)
    doc = parse(settings.site_dir / "products" / "river-2.html")
    assert [text(dd) for dd in doc.cssselect("dl.stats dd")][:4] == ["£999.00", "£1,010.00", "£1,004.50", "2"]
    assert [text(td) for td in doc.cssselect("td.price")] == ["£999.00", "£1,010.00", "€899.00"]
    assert text(doc.cssselect("p.best")[0]) == "Cheapest now: £999.00 at Shop A"
    assert "prices in EUR are listed below but not compared" in text(doc.cssselect("p.note")[0])
    assert len(doc.cssselect("svg.chart g.series")) == 2  # the EUR shop is not drawn on a GBP axis
    assert "Prices in EUR are not drawn: the axis is in GBP." in text(doc.cssselect("figcaption .hint")[0])


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
    assert index.cssselect("li.card")[0].get("data-stock") == "0"


@pytest.mark.parametrize("value, currency, expected", [
    ("1234.5", "GBP", "£1,234.50"), ("0.99", "EUR", "€0.99"), ("20", "USD", "$20.00"),
    ("1500", "CHF", "1,500.00 CHF"), ("-3.10", "GBP", "-£3.10"),
])
def test_money(value: str, currency: str, expected: str) -> None:
    assert money(Decimal(value), currency) == expected
    assert cents_text(int(Decimal(value) * 100), currency) == expected


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        money(1.5, "GBP")  # type: ignore[arg-type]


def test_site_url_makes_sitemap_robots_and_feeds_absolute(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    seed(env["DATABASE_URL"])
    settings = make_settings({**env, "SITE_URL": "https://prices.example.org"}, tmp_path)
    generate(settings, now=NOW)
    site = settings.site_dir
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs[0] == "https://prices.example.org/categories/power-stations.html" and len(locs) == 8
    assert (site / "robots.txt").read_text().endswith("Sitemap: https://prices.example.org/sitemap.xml\n")
    feed = etree.fromstring((site / "feeds" / "drops.atom").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}id").text == "https://prices.example.org/feeds/drops.atom"
    assert feed.find(f"{atom}entry/{atom}link").get("href") == "https://prices.example.org/products/delta-2.html"
    with pytest.raises(ConfigError, match="SITE_URL='prices.example.org'"):
        generate(make_settings({**env, "SITE_URL": "prices.example.org"}, tmp_path), now=NOW)
