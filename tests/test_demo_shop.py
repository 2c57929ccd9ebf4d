"""The demo shop: pages, determinism, rounds, and the tracked demo catalog that points at it."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import requests

from powertracker.catalog import load_catalog
from powertracker.demo_shop import (
    DEFAULT_URL,
    DEMO_DIR,
    DemoShop,
    ShopCatalog,
    catalog_data,
    copy_catalog,
    offers,
    truth,
    write_generated_catalog,
)
from powertracker.extract import extract

ROOT = Path(__file__).resolve().parent.parent


def get(url: str) -> requests.Response:
    return requests.get(url, timeout=5)


def test_pages_index_robots_and_404(demo_shop: DemoShop) -> None:
    assert demo_shop.url == f"http://127.0.0.1:{demo_shop.port}" and demo_shop.port > 0
    index = get(demo_shop.url + "/")
    assert index.status_code == 200
    assert index.text.count('<li><a href="/') == 21
    robots = get(demo_shop.url + "/robots.txt")
    assert (robots.status_code, robots.text) == (200, "User-agent: *\nAllow: /\n")
    page = get(demo_shop.url + "/voltmart/p/river-2")
    assert page.status_code == 200
    assert "<title>EcoFlow River 2 Portable Power Station | VoltMart</title>" in page.text
    for path in ("/voltmart/p/explorer-1000-plus", "/nope/p/river-2", "/voltmart/p/nope", "/voltmart", "/x"):
        assert get(demo_shop.url + path).status_code == 404, path


def test_prices_depend_only_on_the_round(demo_shop: DemoShop) -> None:
    path = "/powerhaus/p/delta-2"
    demo_shop.set_round(5)
    moved = get(demo_shop.url + path).text
    fresh = DemoShop(port=0, round=5).start()
    try:
        again = get(fresh.url + path).text
    finally:
        fresh.stop()
    assert moved == again
    assert '<span itemprop="price" content="668.99">668,99 €</span>' in moved
    demo_shop.set_round(1)
    assert '<span itemprop="price" content="751.99">751,99 €</span>' in get(demo_shop.url + path).text


def test_truth_moves_between_rounds() -> None:
    t1, t2, t3 = truth(1), truth(2), truth(3)
    assert len(t1) == 21
    assert t1[("voltmart", "delta-2")] == (Decimal("648.99"), "GBP", "in_stock", None)
    assert t3[("voltmart", "delta-2")] == (Decimal("648.99"), "GBP", "out_of_stock", None)
    assert t2[("voltmart", "delta-2-max")] == (Decimal("1181.99"), "GBP", "in_stock", Decimal("1298.99"))
    assert t1[("powerhaus", "river-2")] == (Decimal("264.99"), "EUR", "in_stock", None)
    changed_2 = sorted(k for k in t1 if t1[k][:3] != t2[k][:3])
    changed_3 = sorted(k for k in t1 if t2[k][:3] != t3[k][:3])
    assert changed_2 == [("campkit", "river-2"), ("gridless", "explorer-1000-plus"), ("voltmart", "delta-2-max")]
    assert changed_3 == [("campkit", "delta-2-max"), ("campkit", "explorer-1000-plus"), ("campkit", "river-2"),
                         ("voltmart", "delta-2")]
    assert truth(3) == t3  # pure


def test_tracked_demo_catalog_is_what_the_shop_sells() -> None:
    products, retailers = catalog_data(DEFAULT_URL)
    files = {p.stem: json.loads(p.read_text()) for p in (DEMO_DIR / "products").glob("*.json")}
    assert files == products
    assert json.loads((DEMO_DIR / "retailers.json").read_text()) == retailers
    catalog = load_catalog(DEMO_DIR / "products", DEMO_DIR / "retailers.json")
    assert catalog.problems == ()
    assert sorted((o.retailer, o.product_id) for o in catalog.offers) == sorted(offers())
    assert {o.url for o in catalog.offers} == {f"{DEFAULT_URL}/{r}/p/{p}" for r, p in offers()}
    assert all(r.delay == 0 for r in catalog.retailers.values())


def test_every_catalog_offer_answers_with_its_price(demo_shop: DemoShop, tmp_path: Path) -> None:
    copy_catalog(tmp_path / "products", tmp_path / "retailers.json", demo_shop.url)
    catalog = load_catalog(tmp_path / "products", tmp_path / "retailers.json")
    expected = demo_shop.truth()
    for offer in catalog.offers:
        assert offer.url.startswith(demo_shop.url + "/")
        r = get(offer.url)
        assert r.status_code == 200, offer.url
        retailer = catalog.retailers[offer.retailer]
        e = extract(r.text, offer.url, retailer.selector, retailer.currency)
        assert (e.price, e.currency) == expected[(offer.retailer, offer.product_id)][:2], offer.url


def test_module_help() -> None:
    r = subprocess.run([sys.executable, "-m", "powertracker.demo_shop", "-h"], cwd=ROOT,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "Example: python -m powertracker.demo_shop --port 8765 --round 2" in r.stdout


# --- what the benchmark needs: a bigger shop, padding, gzip, ETags, latency ---------------------------------

def test_etag_answers_304_while_the_price_is_unchanged(demo_shop: DemoShop) -> None:
    path = demo_shop.url + "/voltmart/p/delta-2-max"
    first = get(path)
    etag = first.headers["ETag"]
    same = requests.get(path, headers={"If-None-Match": etag}, timeout=5)
    assert (same.status_code, same.content) == (304, b"")
    demo_shop.set_round(2)  # the sale starts: a new price, a new tag
    moved = requests.get(path, headers={"If-None-Match": etag}, timeout=5)
    assert moved.status_code == 200 and moved.headers["ETag"] != etag
    demo_shop.set_round(3)  # round 3 leaves this page's own offer as in round 2
    assert requests.get(path, headers={"If-None-Match": moved.headers["ETag"]}, timeout=5).status_code == 304


def test_generated_padded_gzipped_shop() -> None:
    catalog = ShopCatalog.generated(5, 200)
    assert len(catalog.offers()) == 1000
    assert [r.id for r in catalog.retailers] == ["voltmart", "powerhaus", "gridless", "campkit", "shop-5"]
    shop = DemoShop(port=0, round=1, catalog=catalog, gzip=True).start()
    try:
        sizes, wire = [], []
        for retailer, pid in catalog.offers()[::50]:
            r = requests.get(f"{shop.url}/{retailer}/p/{pid}", timeout=5, stream=True)
            raw = r.raw.read(decode_content=False)
            assert r.headers["Content-Encoding"] == "gzip"
            wire.append(len(raw))
            sizes.append(len(gzip.decompress(raw)))
        plain = requests.get(f"{shop.url}/shop-5/p/p-00001", headers={"Accept-Encoding": "identity"}, timeout=5)
        assert "Content-Encoding" not in plain.headers and plain.text.startswith("<!doctype html>")
    finally:
        shop.stop()
    assert 60_000 <= min(sizes) and max(sizes) <= 150_000 + 2_000, (min(sizes), max(sizes))
    assert max(wire) < 40_000  # markup compresses as real markup does


def test_generated_pages_say_exactly_their_truth() -> None:
    catalog = ShopCatalog.generated(5, 6)
    expected = catalog.truth(2)
    for retailer, pid in catalog.offers():
        page = catalog.render(2, retailer, pid, "http://127.0.0.1:8765")
        assert page is not None
        shop = catalog.retailer[retailer]
        e = extract(page, f"http://127.0.0.1:8765/{retailer}/p/{pid}", shop.selector, shop.currency)
        assert (e.price, e.currency) == expected[(retailer, pid)][:2], (retailer, pid)


def test_latency_is_added() -> None:
    shop = DemoShop(port=0, latency=0.3).start()
    try:
        t0 = time.monotonic()
        get(shop.url + "/robots.txt")
        assert time.monotonic() - t0 >= 0.3
    finally:
        shop.stop()


def test_write_generated_catalog_loads(tmp_path: Path) -> None:
    catalog = ShopCatalog.generated(5, 20)
    write_generated_catalog(tmp_path / "products", tmp_path / "retailers.json", "http://127.0.0.1:9999", catalog,
                            concurrency=4)
    loaded = load_catalog(tmp_path / "products", tmp_path / "retailers.json")
    assert loaded.problems == ()
    assert len(loaded.offers) == 100
    assert {r.concurrency for r in loaded.retailers.values()} == {4}
    r = subprocess.run([sys.executable, "-m", "powertracker.demo_shop", "--size", "5by200"], cwd=ROOT,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "expected RETAILERSxPRODUCTS such as 5x200" in r.stderr, r.stderr
