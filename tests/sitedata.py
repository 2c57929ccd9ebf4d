"""Shared test data for the site tests: a small catalog and a seeded price history.

Imported by test_site*.py, test_generate_cli.py and test_browser.py (not a test module itself).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from lxml import html as lhtml

from powertracker import store
from powertracker.config import Settings, load_settings
from powertracker.db import connect
from powertracker.models import Observation

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
         currency: str = "GBP", hours: int = 0) -> None:
    """Record ``series`` as daily scrapes at T0 + day (+ ``hours``)."""
    db = connect(url)
    try:
        for day in range(10):
            run = store.start_run(db, "scrape", T0 + timedelta(days=day))
            with db.transaction():
                for (pid, retailer), points in series.items():
                    for d, price, availability in points:
                        if d == day:
                            obs = Observation(pid, retailer, f"https://{retailer}.example/{pid}",
                                              Decimal(price), currency, availability,
                                              T0 + timedelta(days=day, hours=hours))
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
