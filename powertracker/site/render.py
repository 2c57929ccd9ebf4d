"""Rendering: the Jinja environment, one product's files, and the worker processes.

A product gives three files: ``products/<id>.html``, ``products/<id>.csv`` (every history
row) and ``api/products/<id>.json``; plus its card (HTML reused by every listing page) and
its summary. Workers read the history of a batch of products, render, and compare each file
with the live build's (by digest, or by its bytes when the state is lost), and write the files
that differ themselves (``output.Writer``), so no page travels back to the main process. Two
processes creating files side by side cost less than one process creating them all: measured
on a 10,000-product build, 5.8-6.5 s against 6.5-7.2 s wall (bench/generate_bench.py).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..chart import cents_text, day_iso, day_text, swatch, utc_text
from ..db import Database
from .model import AVAIL, CUR, F_TEXT, L_TEXT, OBS, PRICE, ProductView, build_product, summary
from .output import Writer, same_as_live
from .source import Reader, digest, entry_from_json, fingerprint, offer_state

# what a rendered product sends back to the main process: id, products row, drop rows and offer rows
# (for State.put_results), and its files: (path, digest, size, whether it was written)
Rendered = tuple[str, tuple[Any, ...], list[tuple[Any, ...]], list[tuple[int, str, int]],
                 list[tuple[str, str, int, bool]]]


def make_environment(templates_dir: Path, cache_dir: Path | None = None) -> jinja2.Environment:
    """The one Jinja environment (autoescape, strict undefined); compiled templates cached in ``cache_dir``."""
    cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one set of templates: no stat of each template per page
    )
    env.filters["money"] = cents_text
    env.filters["day"] = day_text
    env.filters["day_iso"] = day_iso
    env.filters["swatch"] = swatch
    env.filters["utc"] = utc_text
    env.filters["iso"] = lambda when: when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return env


_CSV_PREFIXES: dict[tuple[str, str], str] = {}


def _csv_prefix(retailer: str, shop: str) -> str:
    """The retailer and shop columns of a CSV row, quoted as the csv module does (a few shops: cached)."""
    prefix = _CSV_PREFIXES.get((retailer, shop))
    if prefix is None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([retailer, shop])
        prefix = _CSV_PREFIXES[(retailer, shop)] = buf.getvalue()
    return prefix


def product_csv(view: ProductView, history: dict[str, list[tuple[Any, ...]]], names: dict[str, str]) -> bytes:
    out = ["retailer,shop,price,currency,availability,first_seen_utc,last_seen_utc,observations\n"]
    for retailer in sorted(history):
        prefix = _csv_prefix(retailer, names.get(retailer, retailer))
        out.extend([f"{prefix},{r[PRICE]},{r[CUR]},{r[AVAIL] or ''},{r[F_TEXT]},{r[L_TEXT]},{r[OBS]}\n"
                    for r in history[retailer]])
    return "".join(out).encode("utf-8")


def _price(cents: int | None) -> str | None:
    return None if cents is None else f"{cents // 100}.{cents % 100:02d}"


def product_json(view: ProductView, s: dict[str, Any]) -> bytes:
    e = view.entry
    price = _price
    doc = {
        "id": e.id, "name": e.name, "category": e.category, "brand": e.brand,
        "page": f"../../products/{e.id}.html", "history_csv": f"../../products/{e.id}.csv",
        "currency": view.currency, "min_price": price(view.min_cents), "max_price": price(view.max_cents),
        "avg_price": price(view.avg_cents), "shops": view.shops,
        "cheapest": s["retailer"], "cheapest_price": s["price"],
        "last_confirmed": None if view.newest is None else day_iso(view.newest),
        "lowest_ever": None if view.lowest_ever is None else {
            "price": price(view.lowest_ever[0]), "since": day_iso(view.lowest_ever[1]),
            "shop": view.lowest_ever[2]},
        "labels": [{"kind": label.kind, "title": label.title, "basis": label.basis} for label in view.labels],
        "drop_today": s["drop_day"], "drop_7d": s["drop_week"],
        "offers": [{"retailer": o.retailer, "shop": o.shop, "url": o.url, "price": price(o.cents),
                    "currency": o.currency, "availability": o.availability, "compared": o.compared,
                    "cheapest": o.cheapest, "out_of_date": o.stale,
                    "last_confirmed": None if o.last_seen is None else day_iso(o.last_seen)}
                   for o in view.offers],
    }
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class Job:
    """What a worker needs besides its batches, set once per process."""

    database_url: str
    templates_dir: Path
    cache_dir: Path | None
    shop_names: dict[str, str]
    stale_seconds: float
    live: Path


@dataclass(frozen=True)
class Pages:
    """What a batch's pages share: the site-wide template values, whether files are compared with
    the live build's bytes (no digests of them: a lost state), and where they go (``output.Writer``)."""

    common: dict[str, Any]
    compare_live: bool
    work: Path
    fresh: bool
    mirror: Path | None

    def writer(self) -> Writer:
        """This process's writer into the build folder (one per build)."""
        key = (self.work, self.fresh, self.mirror)
        writer = _worker.get("writer")
        if writer is None or _worker.get("writer_key") != key:
            writer = Writer(self.work, self.fresh, self.mirror)
            _worker.update(writer=writer, writer_key=key)
        return writer  # type: ignore[no-any-return]


_worker: dict[str, Any] = {}


def init_worker(job: Job) -> None:
    from ..db import Database as _Database

    db = _Database(job.database_url)  # migrated already by the parent
    env = make_environment(job.templates_dir, job.cache_dir)
    _worker.update(job=job, db=db, reader=Reader(db), product=env.get_template("product.html"),
                   card=env.get_template("_macros.html").module.card)  # type: ignore[attr-defined]


def close_worker() -> None:
    db: Database | None = _worker.pop("db", None)
    if db is not None:
        db.close()


def render_batch(batch: list[tuple[str, str, str, dict[str, str]]], pages: Pages) -> list[Rendered]:
    """Render a batch of (id, entry JSON, entry hash, live digests of its files) and write the files
    that changed; returns one result each."""
    job: Job = _worker["job"]
    reader: Reader = _worker["reader"]
    product, card = _worker["product"], _worker["card"]
    names, stale, common = job.shop_names, job.stale_seconds, pages.common
    paths = common["category_paths"]
    write = pages.writer().write
    rows = reader.history([b[0] for b in batch])
    results: list[Rendered] = []
    for pid, entry_text, entry_hash, old in batch:
        entry = entry_from_json(entry_text)
        history = rows.pop(pid, {})
        known = dict(entry.offers)
        urls = {r: reader.latest_url(pid, r) for r in history if r not in known}
        view = build_product(entry, history, names, urls, stale)
        s = summary(view)
        html = product.render(common, root="../", product=view, fresh=view.newest,
                              category_path=paths.get(entry.category, "index.html"))
        files = []
        for rel, data in ((f"products/{pid}.html", html.encode("utf-8")),
                          (f"products/{pid}.csv", product_csv(view, history, names)),
                          (f"api/products/{pid}.json", product_json(view, s))):
            d = digest(data)
            same = same_as_live(job.live, rel, d, old.get(rel), pages.compare_live)
            if not same:
                write(rel, data)
            files.append((rel, d, len(data), not same))
        offers = {r: offer_state(rs[-1]) for r, rs in history.items() if rs}
        dd, dw = s["drop_day"], s["drop_week"]
        row = (fingerprint(entry_hash, offers, stale), json.dumps(offers), json.dumps(s, ensure_ascii=False),
               str(card(s, "")), s["cents"], dd["pct"] if dd else None, dw["pct"] if dw else None, s["newest"],
               # shops stays NULL for a product no shop has priced yet (the "priced" count relies on it)
               None if s["status"] == "unpriced" else " ".join(s["in_stock"]), pid)
        drops = [(pid, s["category"], d["at"], json.dumps({**d, "name": s["name"], "currency": s["currency"]},
                                                          ensure_ascii=False)) for d in s["drops"]]
        results.append((pid, row, drops, [(o[0], pid, o[4]) for o in offers.values()], files))
    return results
