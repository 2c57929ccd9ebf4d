"""Site generation: build the whole context from the DB, then render and swap in.

Phase one, ``build_context``, reads the views ``latest_prices`` and
``price_comparison`` and the ``price_history`` rows, and joins them with the
catalog into plain dataclasses. Phase two, ``render_site``, writes the pages
with one Jinja environment (autoescape on, undefined names are errors).
``generate`` runs both into a fresh folder beside SITE_DIR and swaps it in, so
the live site is always a complete build: on any failure the temporary folder
goes and the live site stays as it was.

Pages: ``index.html``, ``products/<id>.html``, ``404.html`` and
``assets/site.<hash>.css``. Every URL is relative, and pages carry only
figures from the database, never the build time, so an unchanged database
gives byte-identical files (whose old mtimes are kept, for rsync).
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from . import store
from .catalog import Catalog, load_catalog
from .chart import Chart, Series, Step, build_chart, money, series_style
from .config import PROJECT_ROOT, Settings
from .db import Database, connect, utcnow
from .errors import ConfigError, DatabaseError, PowerTrackerError

logger = logging.getLogger(__name__)

TEMPLATES_DIR = PROJECT_ROOT / "templates"
AVAILABILITY_TEXT = {"in_stock": "In stock", "out_of_stock": "Out of stock", "preorder": "Pre-order"}
LEFTOVER_MARKERS = (".tmp-", ".old-")


class SiteError(PowerTrackerError):
    """The site could not be rendered or written; the live site is unchanged (exit 3)."""


@dataclass(frozen=True)
class OfferRow:
    retailer: str
    shop: str  # display name
    url: str
    price: Decimal | None
    currency: str | None
    availability: str | None
    last_seen: datetime | None
    stale: bool
    cheapest: bool
    colour: str
    dash: str

    @property
    def availability_text(self) -> str:
        return AVAILABILITY_TEXT.get(self.availability or "", "Unknown")


@dataclass(frozen=True)
class ProductPage:
    id: str
    name: str
    category: str
    brand: str | None
    path: str  # relative to the site root
    offers: tuple[OfferRow, ...]  # cheapest first, unpriced last
    min_price: Decimal | None
    max_price: Decimal | None
    avg_price: Decimal | None
    currency: str | None  # the currency min/max/avg and "cheapest" are in (price_comparison's)
    other_currencies: tuple[str, ...]  # offers priced in other currencies, listed but not compared
    shops: int  # offers compared: in stock (or unknown) and in ``currency``
    chart: Chart | None

    @property
    def priced(self) -> bool:
        """Some shop has a current price (perhaps out of stock)."""
        return any(r.price is not None for r in self.offers)

    @property
    def best(self) -> OfferRow | None:
        """The cheapest current offer (price_comparison's cheapest_retailer)."""
        return next((r for r in self.offers if r.cheapest), None)


@dataclass(frozen=True)
class Category:
    name: str
    products: tuple[ProductPage, ...]


@dataclass(frozen=True)
class SiteContext:
    categories: tuple[Category, ...]
    products: tuple[ProductPage, ...]
    shops: int  # retailers with at least one current price
    updated: datetime | None  # newest last_seen in the database
    built_at: datetime  # not printed on pages, so unchanged data gives unchanged files


@dataclass(frozen=True)
class BuildSummary:
    pages: int
    files: int
    bytes: int
    changed: int  # files whose bytes differ from the previous build
    products: int
    priced: int
    duration_ms: int
    site_dir: str
    run_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def build_context(db: Database, catalog: Catalog, now: datetime,
                  stale_after: timedelta = timedelta(hours=3)) -> SiteContext:
    """Read everything the pages show. No rendering here."""
    latest: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in store.latest_prices(db):
        latest[row["product_id"]][row["retailer"]] = row
    comparison = {row["product_id"]: row for row in store.price_comparison(db)}
    history: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in store.history(db):
        history[(row["product_id"], row["retailer"])].append(row)
    known = {p.id for p in catalog.products}
    orphans = sorted(set(latest) - known)
    if orphans:
        logger.info("run=generate product=%s: in the database but not in the catalog; not shown",
                    ",".join(orphans))

    pages = []
    for product in catalog.products:
        offers = {o.retailer: o.url for o in product.offers}
        for retailer in latest.get(product.id, {}):
            offers.setdefault(retailer, history[(product.id, retailer)][-1]["url"])
        comp = comparison.get(product.id)
        rows, series = [], []
        for index, (retailer, url) in enumerate(sorted(offers.items())):
            colour, dash = series_style(index)
            shop = catalog.retailer(retailer).name
            cur = latest.get(product.id, {}).get(retailer)
            rows.append(OfferRow(
                retailer=retailer, shop=shop, url=url,
                price=cur["price"] if cur else None,
                currency=cur["currency"] if cur else None,
                availability=cur["availability"] if cur else None,
                last_seen=cur["last_seen"] if cur else None,
                stale=bool(cur and now - cur["last_seen"] > stale_after),
                cheapest=bool(comp and comp["cheapest_retailer"] == retailer),
                colour=colour, dash=dash,
            ))
            steps = tuple(Step(h["price"], h["first_seen"], h["last_seen"])
                          for h in history.get((product.id, retailer), ()))
            if steps and cur:
                series.append(Series(shop, cur["currency"], steps, colour, dash))
        currency = comp["currency"] if comp else None
        # the compared currency first, cheapest first; other currencies after; unpriced last
        rows.sort(key=lambda r: (r.price is None, r.currency != currency, r.currency or "", r.price or 0, r.shop))
        pages.append(ProductPage(
            id=product.id, name=product.name, category=product.category, brand=product.brand,
            path=f"products/{product.id}.html", offers=tuple(rows),
            min_price=comp["min_price"] if comp else None,
            max_price=comp["max_price"] if comp else None,
            avg_price=comp["avg_price"] if comp else None,
            currency=currency,
            other_currencies=tuple(sorted({r.currency for r in rows if r.currency and r.currency != currency})),
            shops=int(comp["retailers"]) if comp else 0,
            chart=build_chart(series, product.name),
        ))
    by_category: dict[str, list[ProductPage]] = defaultdict(list)
    for page in pages:
        by_category[page.category].append(page)
    categories = tuple(Category(name, tuple(sorted(items, key=lambda p: (p.name.casefold(), p.id))))
                       for name, items in sorted(by_category.items(), key=lambda kv: kv[0].casefold()))
    seen = [r["last_seen"] for offers in latest.values() for r in offers.values()]
    shops = {r for offers in latest.values() for r in offers}
    return SiteContext(categories=categories, products=tuple(p for c in categories for p in c.products),
                       shops=len(shops), updated=max(seen) if seen else None, built_at=now)


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["money"] = lambda value, currency, places=2: money(value, currency, places)
    env.filters["utc"] = lambda when: when.strftime("%Y-%m-%d %H:%M UTC")
    env.filters["iso"] = lambda when: when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return env


class _Writer:
    """Writes files under ``root``, refusing to write one path twice."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, int] = {}

    def write(self, rel: str, data: bytes) -> None:
        if rel in self.written:
            raise SiteError(f"two pages want the same output path {rel}")
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written[rel] = len(data)


def render_site(context: SiteContext, out_dir: Path, templates_dir: Path = TEMPLATES_DIR) -> dict[str, int]:
    """Write every page of ``context`` into ``out_dir``; returns {relative path: bytes}."""
    env = make_environment(templates_dir)
    writer = _Writer(out_dir)
    try:
        css = (templates_dir / "assets" / "site.css").read_bytes()
        icon = (templates_dir / "assets" / "icon.svg").read_bytes()
        css_path = f"assets/site.{hashlib.sha256(css).hexdigest()[:8]}.css"
        icon_path = f"assets/icon.{hashlib.sha256(icon).hexdigest()[:8]}.svg"
        writer.write(css_path, css)
        writer.write(icon_path, icon)
        common = {"site": context, "css": css_path, "icon": icon_path, "inline_css": None}

        def page(template: str, rel: str, root: str, **values: Any) -> None:
            html = env.get_template(template).render(common, root=root, **values)
            writer.write(rel, html.encode("utf-8"))

        page("index.html", "index.html", "")
        for product in context.products:
            page("product.html", product.path, "../", product=product)
        # The 404 page is served from any depth, so it cannot link its stylesheet relatively.
        text = css.decode("utf-8")
        if "</" in text:
            raise SiteError("site.css must not contain '</' (it is inlined in 404.html)")
        digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
        page("404.html", "404.html", "/", inline_css=text, style_hash=f"sha256-{digest}")
    except (jinja2.TemplateError, OSError, UnicodeDecodeError) as exc:
        raise SiteError(f"cannot render the site: {type(exc).__name__}: {exc}") from exc
    return writer.written


def _keep_mtimes(new: Path, old: Path) -> int:
    """Give files identical to the live build the live file's times; returns how many changed."""
    changed = 0
    for path in new.rglob("*"):
        if not path.is_file():
            continue
        previous = old / path.relative_to(new)
        try:
            same = previous.is_file() and previous.read_bytes() == path.read_bytes()
        except OSError:
            same = False
        if same:
            st = previous.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        else:
            changed += 1
    return changed


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _swap_in(new: Path, live: Path) -> None:
    """Make ``new`` the live site; remove the previous build."""
    if not live.exists():
        os.rename(new, live)
        return
    if _exchange(new, live):
        shutil.rmtree(new)  # now holds the previous build
        return
    old = Path(tempfile.mkdtemp(prefix=f"{live.name}.old-", dir=live.parent))
    old.rmdir()
    os.rename(live, old)
    try:
        os.rename(new, live)
    except OSError:
        os.rename(old, live)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(live: Path, older_than: float = 3600.0) -> None:
    """Remove temp folders a killed build left beside the site (only old ones)."""
    for path in live.parent.glob(f"{live.name}.*"):
        if path.name.startswith(tuple(live.name + m for m in LEFTOVER_MARKERS)) and path.is_dir() \
                and time.time() - path.stat().st_mtime > older_than:
            logger.warning("run=generate product=-: removing leftover build folder %s", path)
            shutil.rmtree(path, ignore_errors=True)


def publish(context: SiteContext, site_dir: Path, templates_dir: Path = TEMPLATES_DIR) -> dict[str, int]:
    """Render into a fresh folder beside ``site_dir`` and swap it in. Returns counts."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        written = render_site(context, tmp, templates_dir)
        changed = _keep_mtimes(tmp, site_dir)
        tmp.chmod(0o755)  # mkdtemp makes it private; the web host must read it
        _swap_in(tmp, site_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"pages": sum(1 for rel in written if rel.endswith(".html")), "files": len(written),
            "bytes": sum(written.values()), "changed": changed}


def generate(settings: Settings, now: datetime | None = None,
             templates_dir: Path = TEMPLATES_DIR) -> BuildSummary:
    """Build the whole site into SITE_DIR, atomically, and record the run."""
    started = time.monotonic()
    now = now or utcnow()
    catalog = load_catalog(settings.products_dir, settings.retailers_file, settings.default_delay)
    if not catalog.products and catalog.problems:
        raise ConfigError(f"no valid products to publish ({catalog.problems[0]}); the live site is unchanged")
    db = connect(settings.database_url)
    try:
        run_id = store.start_run(db, "generate", now)
        try:
            context = build_context(db, catalog, now, timedelta(hours=settings.stale_hours))
            counts = publish(context, settings.site_dir, templates_dir)
        except BaseException as exc:
            logger.critical("run=%s product=-: site build failed, live site unchanged: %s", run_id, exc)
            try:
                store.finish_run(db, run_id, "failed", {"error": str(exc)[:500]})
            except DatabaseError as db_exc:
                logger.error("run=%s product=-: cannot record the failed run: %s", run_id, db_exc)
            raise
        priced = sum(1 for p in context.products if p.priced)
        summary = BuildSummary(
            pages=counts["pages"], files=counts["files"], bytes=counts["bytes"], changed=counts["changed"],
            products=len(context.products), priced=priced,
            duration_ms=int((time.monotonic() - started) * 1000), site_dir=str(settings.site_dir),
            run_id=run_id,
        )
        stats = {k: v for k, v in summary.as_json().items() if k not in ("site_dir", "run_id")}
        store.finish_run(db, run_id, "ok", stats)
        logger.info("run=%s product=-: built %d pages (%d changed files, %d bytes) for %d products,"
                    " %d priced, in %d ms", run_id, summary.pages, summary.changed, summary.bytes,
                    summary.products, priced, summary.duration_ms)
        return summary
    finally:
        db.close()
