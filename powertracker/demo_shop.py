"""The demo shop: retailer-like product pages on 127.0.0.1, for the demo and the tests.

Four shops mark their prices up the way real shops do:

| shop | markup | currency and locale |
| --- | --- | --- |
| ``voltmart`` | JSON-LD Product/Offer in an ``@graph`` (plus a broken JSON-LD block) | GBP, ``£1,299.99`` |
| ``powerhaus`` | schema.org microdata, ``itemprop=price`` with a ``content`` attribute | EUR, ``1.299,99 €`` |
| ``gridless`` | OpenGraph product meta (``product:price:amount``) | GBP |
| ``campkit`` | visible text only: a struck-through "was" price, then the price, | GBP (needs the |
|  | then a "related products" block with other prices | retailer's selector) |

Prices depend only on (round, shop, product): a fresh start at a round serves
the same prices, another round moves some of them. ``truth(round)`` returns
what every page says, so tests can check the scraper's accuracy.

A bigger shop for benchmarks: ``ShopCatalog.generated(retailers, products)`` (5 x 200 gives
1,000 pages), ``pad=True`` for pages of 60-150 KB (navigation, descriptions, reviews: see
``demo_padding.py``), ``gzip=True`` to compress for clients that accept it, ``latency`` seconds
added to every answer. Every page has an ``ETag`` derived from what it says about its own offer
(price, currency, availability, was price); ``If-None-Match`` with that tag gets a bodiless 304.

Run it: ``python -m powertracker.demo_shop --port 8765 --round 2``
(or ``--size 5x200 --pad --gzip --latency-ms 50``).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from gzip import compress as gzip_compress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .demo_padding import chrome

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8765
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"

# Truth: (retailer, product_id) -> (price, currency, availability, was_price or None)
Truth = dict[tuple[str, str], tuple[Decimal, str, str, Decimal | None]]


@dataclass(frozen=True)
class DemoProduct:
    id: str
    name: str
    brand: str
    category: str
    base: Decimal  # list price in GBP


@dataclass(frozen=True)
class DemoRetailer:
    id: str
    name: str
    currency: str
    markup: str  # json-ld | microdata | meta | plain
    factor: Decimal  # price level (and the exchange rate for EUR)
    selector: str | None = None


PRODUCTS: tuple[DemoProduct, ...] = (
    DemoProduct("river-2", "EcoFlow River 2 Portable Power Station", "EcoFlow", "Power stations", Decimal("229")),
    DemoProduct("delta-2", "EcoFlow Delta 2 Portable Power Station", "EcoFlow", "Power stations", Decimal("649")),
    DemoProduct("delta-2-max", "EcoFlow Delta 2 Max Portable Power Station", "EcoFlow", "Power stations",
                Decimal("1299")),
    DemoProduct("solix-c1000", "Anker SOLIX C1000 Portable Power Station", "Anker", "Power stations",
                Decimal("599")),
    DemoProduct("explorer-1000-plus", "Jackery Explorer 1000 Plus Portable Power Station", "Jackery",
                "Power stations", Decimal("1099")),
    DemoProduct("powercore-26k", "Anker PowerCore 26800 Power Bank", "Anker", "Power banks", Decimal("56")),
)

RETAILERS: tuple[DemoRetailer, ...] = (
    DemoRetailer("voltmart", "VoltMart", "GBP", "json-ld", Decimal("1.00")),
    DemoRetailer("powerhaus", "PowerHaus", "EUR", "microdata", Decimal("1.16")),
    DemoRetailer("gridless", "Gridless Outdoors", "GBP", "meta", Decimal("1.03")),
    DemoRetailer("campkit", "CampKit Direct", "GBP", "plain", Decimal("0.98"), ".product-main .price-now"),
)

OFFERED: dict[str, tuple[str, ...]] = {
    "river-2": ("voltmart", "powerhaus", "gridless", "campkit"),
    "delta-2": ("voltmart", "powerhaus", "gridless", "campkit"),
    "delta-2-max": ("voltmart", "gridless", "campkit"),
    "solix-c1000": ("voltmart", "powerhaus", "campkit"),
    "explorer-1000-plus": ("powerhaus", "gridless", "campkit"),
    "powercore-26k": ("voltmart", "powerhaus", "gridless", "campkit"),
}

_SCHEMA = {"in_stock": "InStock", "out_of_stock": "OutOfStock", "preorder": "PreOrder"}
EXTRA_RETAILER_MARKUPS = ("json-ld", "microdata", "meta", "plain")
BRANDS = ("EcoFlow", "Anker", "Jackery", "Bluetti", "Goal Zero", "Zendure", "DJI", "Pecron")


def _digest(*parts: object) -> int:
    return int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _charm(value: Decimal) -> Decimal:
    """A shop price: a whole number of pounds less a penny (229 -> 228.99)."""
    return value.to_integral_value(rounding=ROUND_FLOOR) - Decimal("0.01")


def money_text(amount: Decimal, currency: str) -> str:
    """Format like the shop's locale: £1,299.99 or 1.299,99 €."""
    text = f"{amount:,.2f}"
    if currency == "EUR":
        return text.replace(",", "_").replace(".", ",").replace("_", ".") + " €"
    return "£" + text


class ShopCatalog:
    """What the shops sell, and every page's content as a pure function of the round."""

    def __init__(self, products: tuple[DemoProduct, ...], retailers: tuple[DemoRetailer, ...],
                 offered: dict[str, tuple[str, ...]], pad: bool = False) -> None:
        self.products, self.retailers, self.offered, self.pad = products, retailers, offered, pad
        self.product = {p.id: p for p in products}
        self.retailer = {r.id: r for r in retailers}
        self._truth: dict[int, Truth] = {}

    @classmethod
    def generated(cls, retailers: int, products: int, pad: bool = True) -> ShopCatalog:
        """``retailers`` shops (the four above first) each selling ``products`` generated products."""
        if not 1 <= retailers <= 50 or not 1 <= products <= 100_000:
            raise ValueError(f"a shop of {retailers} x {products} is out of range (1-50 x 1-100000)")
        shops = list(RETAILERS[:retailers])
        for k in range(len(shops), retailers):
            markup = EXTRA_RETAILER_MARKUPS[k % len(EXTRA_RETAILER_MARKUPS)]
            shops.append(DemoRetailer(f"shop-{k + 1}", f"Shop {k + 1}", "GBP", markup,
                                      Decimal(100 + _digest("factor", k) % 9) / 100,
                                      ".product-main .price-now" if markup == "plain" else None))
        items = []
        for i in range(products):
            d = _digest("product", i)
            brand = BRANDS[d % len(BRANDS)]
            wh = 256 + (d // 8) % 3500
            items.append(DemoProduct(f"p-{i + 1:05d}", f"{brand} {wh}Wh Portable Power Station {i + 1}", brand,
                                     "Power stations", Decimal(50 + wh // 3)))
        ids = tuple(r.id for r in shops)
        return cls(tuple(items), tuple(shops), {p.id: ids for p in items}, pad=pad)

    def offers(self) -> list[tuple[str, str]]:
        return [(r, p.id) for p in self.products for r in self.offered[p.id]]

    def list_price(self, retailer: str, product_id: str) -> Decimal:
        return _charm(self.product[product_id].base * self.retailer[retailer].factor)

    def price_at(self, round_: int, retailer: str, product_id: str) -> Decimal:
        if round_ < 1:
            raise ValueError(f"rounds start at 1, got {round_}")
        listed = self.list_price(retailer, product_id)
        price = listed
        for k in range(2, round_ + 1):
            d = _digest(retailer, product_id, k)
            if d % 4 == 0:  # a sale: 5-15 % off the list price
                price = _charm(listed * (100 - 5 - (d // 4) % 11) / 100)
            elif d % 4 == 1:
                price = listed
        return price

    def truth(self, round_: int) -> Truth:
        """What every page says in ``round_``: price, currency, availability, was price."""
        cached = self._truth.get(round_)
        if cached is None:
            out: Truth = {}
            for retailer, pid in self.offers():
                price = self.price_at(round_, retailer, pid)
                listed = self.list_price(retailer, pid)
                out[(retailer, pid)] = (price, self.retailer[retailer].currency,
                                        availability_at(round_, retailer, pid), listed if price < listed else None)
            self._truth = {round_: out}  # one round at a time is all a shop serves
            return out
        return cached

    def etag(self, round_: int, retailer: str, product_id: str) -> str:
        """Changes exactly when what the page says about its own offer changes."""
        return '"' + hashlib.sha256(repr((retailer, product_id, self.truth(round_)[(retailer, product_id)]))
                                    .encode()).hexdigest()[:20] + '"'

    def _related(self, retailer: DemoRetailer, product_id: str, round_: int) -> str:
        items = [pid for pid, shops in self.offered.items() if retailer.id in shops and pid != product_id][:3]
        heading = "Kunden kauften auch" if retailer.currency == "EUR" else "Related products"
        lis = "".join(
            f'<li><a href="/{retailer.id}/p/{pid}">{html.escape(self.product[pid].name)}</a> '
            f'<span class="price">{money_text(self.price_at(round_, retailer.id, pid), retailer.currency)}'
            f'</span></li>' for pid in items)
        return f'<aside class="related"><h2>{heading}</h2><ul>{lis}</ul></aside>'

    def render(self, round_: int, retailer_id: str, product_id: str, base_url: str = "") -> str | None:
        """The product page, or None when the shop does not sell the product."""
        if retailer_id not in self.retailer or retailer_id not in self.offered.get(product_id, ()):
            return None
        r, p = self.retailer[retailer_id], self.product[product_id]
        price, currency, avail, was = self.truth(round_)[(retailer_id, product_id)]
        shown, name = money_text(price, currency), html.escape(p.name)
        was_html = f'<del class="was">Was {money_text(was, currency)}</del> ' if was is not None else ""
        stock = {"in_stock": "In stock", "out_of_stock": "Out of stock", "preorder": "Pre-order"}[avail]
        head, body = "", ""
        if r.markup == "json-ld":
            head = _json_ld(p, price, currency, avail, was, f"{base_url}/{r.id}/p/{p.id}", r.name)
            body = f'<h1>{name}</h1><p class="price">{was_html}<span>{shown}</span></p><p>{stock}</p>'
        elif r.markup == "microdata":
            stock = {"in_stock": "Auf Lager", "out_of_stock": "Ausverkauft", "preorder": "Vorbestellbar"}[avail]
            body = (f'<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">{name}</h1>'
                    f'<meta itemprop="brand" content="{html.escape(p.brand)}">'
                    f'<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
                    f'<meta itemprop="priceCurrency" content="{currency}">{was_html}'
                    f'<span itemprop="price" content="{price:.2f}">{shown}</span>'
                    f'<link itemprop="availability" href="https://schema.org/{_SCHEMA[avail]}">{stock}</div></div>')
        elif r.markup == "meta":
            og_avail = {"in_stock": "in stock", "out_of_stock": "out of stock", "preorder": "preorder"}[avail]
            head = (f'<meta property="og:type" content="product"><meta property="og:title" content="{name}">'
                    f'<meta property="product:price:amount" content="{price:.2f}">'
                    f'<meta property="product:price:currency" content="{currency}">'
                    f'<meta property="product:availability" content="{og_avail}">')
            body = f'<h1>{name}</h1><div class="buy"><b>{shown}</b> {stock}</div>'
        else:
            body = (f'<main class="product-main"><h1>{name}</h1><p>Free delivery on orders over £50.</p>'
                    f'<div class="pricing">{was_html}<span class="price-now">{shown}</span></div>'
                    f'<p class="stock">{stock}</p></main>')
        lang = "de-DE" if currency == "EUR" else "en-GB"
        top = bottom = ""
        if self.pad:
            size = 60_000 + _digest("size", retailer_id, product_id) % 90_000
            style, top, bottom = chrome(f"{retailer_id}/{product_id}", size)
            head = style + head
        return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f'<title>{name} | {html.escape(r.name)}</title>\n{head}\n</head>\n<body>'
                f'<header><a href="/">{html.escape(r.name)}</a></header>\n{top}{body}\n'
                f'{_related(self, r, product_id, round_)}\n{bottom}</body></html>\n')

    def index_page(self, round_: int) -> str:
        links = "".join(f'<li><a href="/{r}/p/{p}">{r}: {html.escape(self.product[p].name)}</a></li>'
                        for r, p in self.offers())
        return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Demo shop, round {round_}'
                f'</title></head><body><h1>Demo shop (round {round_})</h1><ul>{links}</ul></body></html>\n')


def _related(catalog: ShopCatalog, retailer: DemoRetailer, product_id: str, round_: int) -> str:
    return catalog._related(retailer, product_id, round_)


def _json_ld(p: DemoProduct, price: Decimal, currency: str, avail: str, was: Decimal | None, url: str,
             shop: str = "VoltMart") -> str:
    offer: dict[str, Any] = {"@type": "Offer", "url": url, "price": f"{price:.2f}", "priceCurrency": currency,
                             "availability": f"https://schema.org/{_SCHEMA[avail]}"}
    if was is not None:
        offer["priceSpecification"] = [{"@type": "UnitPriceSpecification", "priceType": "https://schema.org/ListPrice",
                                        "price": float(was), "priceCurrency": currency}]
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": shop, "url": "/"},
        {"@type": "Product", "name": p.name, "sku": f"VM-{p.id.upper()}",
         "brand": {"@type": "Brand", "name": p.brand}, "offers": offer},
    ]}
    broken = f'{{"@context": "https://schema.org", "@type": "WebSite", "name": "{shop}",}}'
    return (f'<script type="application/ld+json">{broken}</script>\n'
            f'<script type="application/ld+json">{json.dumps(graph)}</script>')


def availability_at(round_: int, retailer: str, product_id: str) -> str:
    if (retailer, product_id) == ("voltmart", "delta-2") and round_ % 4 == 3:
        return "out_of_stock"
    if (retailer, product_id) == ("gridless", "explorer-1000-plus") and round_ == 1:
        return "preorder"
    return "in_stock"


DEFAULT = ShopCatalog(PRODUCTS, RETAILERS, OFFERED)
_PRODUCT = DEFAULT.product
_RETAILER = DEFAULT.retailer


def offers() -> list[tuple[str, str]]:
    """Every (retailer, product_id) the four shops sell, in catalog order."""
    return DEFAULT.offers()


def list_price(retailer: str, product_id: str) -> Decimal:
    return DEFAULT.list_price(retailer, product_id)


def price_at(round_: int, retailer: str, product_id: str) -> Decimal:
    """The price in ``round_`` (1, 2, ...): a pure function of its arguments."""
    return DEFAULT.price_at(round_, retailer, product_id)


def truth(round_: int) -> Truth:
    """What every page of the four shops says in ``round_``: price, currency, availability, was price."""
    return dict(DEFAULT.truth(round_))


def render(round_: int, retailer_id: str, product_id: str, base_url: str = "") -> str | None:
    """The product page, or None when the shop does not sell the product."""
    return DEFAULT.render(round_, retailer_id, product_id, base_url)


def index_page(round_: int) -> str:
    return DEFAULT.index_page(round_)


_PATH = re.compile(r"^/([a-z0-9-]+)/p/([a-z0-9.-]+)$")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "DemoShop/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, as real shops
    # headers and body go out in two writes; with Nagle on, the body's last segment waits for the
    # client's delayed ACK of the headers (about 40 ms a page on loopback). Real servers set it too.
    disable_nagle_algorithm = True

    def _respond(self, head_only: bool) -> None:
        srv = self.server
        if srv.latency:
            time.sleep(srv.latency)
        path = self.path.split("?", 1)[0]
        round_ = srv.round
        status, ctype, body = 404, "text/html; charset=utf-8", b"<!doctype html><title>Not found</title>\n"
        extra: dict[str, str] = {}
        if path == "/":
            status, body = 200, srv.catalog.index_page(round_).encode()
        elif path == "/robots.txt":
            status, ctype, body = 200, "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n"
        elif m := _PATH.match(path):
            retailer, pid = m.group(1), m.group(2)
            page = srv.page(round_, retailer, pid)
            if page is not None:
                etag = srv.catalog.etag(round_, retailer, pid)
                extra["ETag"] = etag
                if etag in (self.headers.get("If-None-Match") or ""):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                status, body = 200, page
                if srv.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                    body = srv.gzipped(round_, retailer, pid, page)
                    extra["Content-Encoding"] = "gzip"
                    extra["Vary"] = "Accept-Encoding"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        if not head_only:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(head_only=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head_only=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        logger.debug("demo shop: " + format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    round: int = 1
    base_url: str = ""
    latency: float = 0.0
    gzip: bool = False
    catalog: ShopCatalog = DEFAULT

    def setup_cache(self) -> None:
        self._lock = threading.Lock()
        self._pages: dict[tuple[int, str, str], bytes] = {}
        self._gz: dict[tuple[int, str, str], bytes] = {}

    def page(self, round_: int, retailer: str, pid: str) -> bytes | None:
        key = (round_, retailer, pid)
        found = self._pages.get(key)
        if found is None:
            text = self.catalog.render(round_, retailer, pid, self.base_url)
            if text is None:
                return None
            found = text.encode("utf-8")
            with self._lock:
                if len(self._pages) > 20_000:
                    self._pages.clear()
                    self._gz.clear()
                self._pages[key] = found
        return found

    def gzipped(self, round_: int, retailer: str, pid: str, page: bytes) -> bytes:
        key = (round_, retailer, pid)
        found = self._gz.get(key)
        if found is None:
            found = gzip_compress(page, compresslevel=6, mtime=0)
            with self._lock:
                self._gz[key] = found
        return found


class DemoShop:
    """The demo shop on 127.0.0.1. ``port=0`` picks a free port; see ``.url`` and ``.port``.

    ``catalog`` (default: the four shops above), ``latency`` seconds added to each answer,
    ``gzip`` compression for clients that ask for it.
    """

    def __init__(self, port: int = DEFAULT_PORT, round: int = 1, *,  # noqa: A002 - the documented name
                 catalog: ShopCatalog | None = None, latency: float = 0.0, gzip: bool = False) -> None:
        if round < 1:
            raise ValueError(f"rounds start at 1, got {round}")
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.setup_cache()
        self._server.round = round
        self._server.catalog = catalog or DEFAULT
        self._server.latency = latency
        self._server.gzip = gzip
        self.catalog = self._server.catalog
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server.base_url = self.url
        self._thread: threading.Thread | None = None

    @property
    def round(self) -> int:
        return self._server.round

    def set_round(self, n: int) -> None:
        if n < 1:
            raise ValueError(f"rounds start at 1, got {n}")
        self._server.round = n

    def truth(self, round_: int | None = None) -> Truth:
        return dict(self.catalog.truth(self.round if round_ is None else round_))

    def prepare(self, round_: int) -> None:
        """Render (and, with gzip, compress) every page of ``round_`` now, so serving costs little."""
        for retailer, pid in self.catalog.offers():
            page = self._server.page(round_, retailer, pid)
            if page is not None and self._server.gzip:
                self._server.gzipped(round_, retailer, pid, page)

    def start(self) -> DemoShop:
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-shop", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()


# --- the demo catalog --------------------------------------------------------------------------------

def catalog_data(base_url: str = DEFAULT_URL, catalog: ShopCatalog | None = None, concurrency: int = 1,
                 ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The catalog for a shop at ``base_url``: ({file stem: product}, retailers.json object)."""
    shop = catalog or DEFAULT
    products = {
        p.id: {"id": p.id, "name": p.name, "brand": p.brand, "category": p.category,
               "offers": [{"retailer": r, "url": f"{base_url}/{r}/p/{p.id}"} for r in shop.offered[p.id]]}
        for p in shop.products
    }
    retailers: dict[str, dict[str, Any]] = {}
    for r in shop.retailers:
        entry: dict[str, Any] = {"name": r.name, "base_url": f"{base_url}/{r.id}/", "currency": r.currency,
                                 "delay": 0, "concurrency": concurrency}
        if r.selector:
            entry["selector"] = r.selector
        retailers[r.id] = entry
    return products, retailers


def write_generated_catalog(products_dir: Path, retailers_file: Path, base_url: str, catalog: ShopCatalog,
                            concurrency: int = 4) -> None:
    """Write a generated shop's catalog (one products.json) for a scrape of it (benchmarks)."""
    products, retailers = catalog_data(base_url, catalog, concurrency)
    products_dir.mkdir(parents=True, exist_ok=True)
    (products_dir / "products.json").write_text(json.dumps(list(products.values())), encoding="utf-8")
    retailers_file.parent.mkdir(parents=True, exist_ok=True)
    retailers_file.write_text(json.dumps(retailers, indent=2) + "\n", encoding="utf-8")


def copy_catalog(products_dir: Path, retailers_file: Path, base_url: str) -> None:
    """Copy the tracked demo catalog (data/demo/), pointing it at a shop on another port."""
    products_dir.mkdir(parents=True, exist_ok=True)
    for src in sorted((DEMO_DIR / "products").glob("*.json")):
        text = src.read_text(encoding="utf-8").replace(DEFAULT_URL, base_url)
        (products_dir / src.name).write_text(text, encoding="utf-8")
    retailers_file.parent.mkdir(parents=True, exist_ok=True)
    retailers_file.write_text(
        (DEMO_DIR / "retailers.json").read_text(encoding="utf-8").replace(DEFAULT_URL, base_url), encoding="utf-8")


def write_catalog(demo_dir: Path = DEMO_DIR) -> None:
    """Regenerate data/demo/ from the tables above (run after changing them)."""
    products, retailers = catalog_data()
    (demo_dir / "products").mkdir(parents=True, exist_ok=True)
    for stem, product in products.items():
        (demo_dir / "products" / f"{stem}.json").write_text(json.dumps(product, indent=2) + "\n", encoding="utf-8")
    (demo_dir / "retailers.json").write_text(json.dumps(retailers, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    import click

    @click.command(context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
                  help="Port on 127.0.0.1 (the demo catalog expects 8765).")
    @click.option("--round", "round_", default=1, show_default=True, type=click.IntRange(1, 10_000),
                  help="Which round's prices to serve.")
    @click.option("--size", metavar="RxP", help="A generated shop: R retailers x P products, e.g. 5x200.")
    @click.option("--pad", is_flag=True, help="With --size: pages of 60-150 KB, like real shops'.")
    @click.option("--gzip", "gzip_", is_flag=True, help="Compress pages for clients that accept gzip.")
    @click.option("--latency-ms", default=0, show_default=True, type=click.IntRange(0, 60_000),
                  help="Added to every answer.")
    @click.option("--write-catalog", is_flag=True, help="Regenerate data/demo/ (or --catalog-dir) and exit.")
    @click.option("--catalog-dir", type=click.Path(file_okay=False, path_type=Path), default=DEMO_DIR,
                  help="With --write-catalog: where (DIR/products/, DIR/retailers.json).")
    def cli(port: int, round_: int, size: str | None, pad: bool, gzip_: bool, latency_ms: int,
            write_catalog: bool, catalog_dir: Path) -> None:
        """Serve retailer-like product pages for the demo and the tests.

        Example: python -m powertracker.demo_shop --port 8765 --round 2
        """
        catalog = DEFAULT
        if size:
            m = re.fullmatch(r"(\d+)x(\d+)", size)
            if not m:
                raise click.BadParameter(f"{size!r}: expected RETAILERSxPRODUCTS such as 5x200", param_hint="--size")
            try:
                catalog = ShopCatalog.generated(int(m.group(1)), int(m.group(2)), pad=pad)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="--size") from None
        if write_catalog:
            if size:
                write_generated_catalog(catalog_dir / "products", catalog_dir / "retailers.json",
                                        f"http://127.0.0.1:{port}", catalog)
            else:
                globals()["write_catalog"](catalog_dir)
            click.echo(f"wrote {catalog_dir}")
            return
        try:
            shop = DemoShop(port=port, round=round_, catalog=catalog, latency=latency_ms / 1000, gzip=gzip_)
        except OSError as exc:
            raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc}") from None
        click.echo(f"demo shop round {round_} serving {len(catalog.offers())} pages on {shop.url}/ (Ctrl-C stops)",
                   err=True)
        try:
            shop.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            shop.stop()

    cli.main(args=argv, prog_name="python -m powertracker.demo_shop")


if __name__ == "__main__":
    main()
