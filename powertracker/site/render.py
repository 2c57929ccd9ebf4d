"""Rendering: the Jinja environment, one product's files, and the worker processes.

A product gives three files: ``products/<id>.html``, ``products/<id>.csv`` (every history
row) and ``api/products/<id>.json``; plus its card (HTML reused by every listing page) and
its summary. Workers read the history of a batch of products, render, and write only files
whose digest differs from the live build's (``write_file``), so rendering and writing
spread over the cores and nothing large travels between processes.
"""

from __future__ import annotations

import csv
import filecmp
import hashlib
import io
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..chart import DAY, cents_text, day_text
from ..db import Database
from .model import AVAIL, CUR, F_TEXT, L_TEXT, OBS, PRICE, ProductView, build_product, summary
from .source import Reader, digest, entry_from_json, fingerprint, offer_state


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
    )
    env.filters["money"] = lambda cents, currency, places=2: cents_text(cents, currency, places)
    env.filters["day"] = day_text
    env.filters["day_iso"] = lambda epoch: time.strftime("%Y-%m-%d", time.gmtime(epoch // DAY * DAY))
    env.filters["utc"] = lambda when: when.strftime("%Y-%m-%d %H:%M UTC")
    env.filters["iso"] = lambda when: when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return env


def write_file(work: Path, live: Path, rel: str, data: bytes, old: str | None, compare_live: bool) -> tuple[str, bool]:
    """Put ``data`` at ``rel`` in the build folder unless the live build has those bytes already.

    Returns (digest, written). A file is replaced by rename, never rewritten in place: the
    build folder shares unchanged files with the live site as hard links.
    """
    d = digest(data)
    if old is not None:
        same = old == d
    elif compare_live:
        try:
            same = (live / rel).read_bytes() == data
        except OSError:
            same = False
    else:
        same = False
    if same:
        return d, False
    path = os.path.join(work, rel)
    head, name = os.path.split(path)
    tmp = os.path.join(head, f".{name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:
        os.makedirs(head, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.fchmod(fd, 0o644)  # whatever the umask: the web host must read it
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return d, True


def write_stream(work: Path, live: Path, rel: str, chunks: Iterable[bytes], old: str | None,
                 compare_live: bool) -> tuple[str, int, bool]:
    """``write_file`` for a big file made piece by piece: never whole in memory. (digest, size, written)."""
    path = os.path.join(work, rel)
    head, name = os.path.split(path)
    os.makedirs(head, exist_ok=True)
    tmp = os.path.join(head, f".{name}.{os.getpid()}.tmp")
    h = hashlib.blake2b(digest_size=16)
    size = 0
    with open(tmp, "wb") as fh:
        for chunk in chunks:
            h.update(chunk)
            fh.write(chunk)
            size += len(chunk)
    d = h.hexdigest()
    same = old == d if old is not None else compare_live and _same_file(os.path.join(live, rel), tmp)
    if same:
        os.unlink(tmp)
        return d, size, False
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return d, size, True


def _same_file(a: str, b: str) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def product_csv(view: ProductView, history: dict[str, list[tuple[Any, ...]]], names: dict[str, str]) -> bytes:
    out = io.StringIO()
    out.write("retailer,shop,price,currency,availability,first_seen_utc,last_seen_utc,observations\n")
    for retailer in sorted(history):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([retailer, names.get(retailer, retailer)])
        prefix = buf.getvalue()
        out.writelines(f"{prefix},{r[PRICE]},{r[CUR]},{r[AVAIL] or ''},{r[F_TEXT]},{r[L_TEXT]},{r[OBS]}\n"
                       for r in history[retailer])
    return out.getvalue().encode("utf-8")


def product_json(view: ProductView, s: dict[str, Any]) -> bytes:
    e = view.entry

    def price(cents: int | None) -> str | None:
        return None if cents is None else f"{cents // 100}.{cents % 100:02d}"

    doc = {
        "id": e.id, "name": e.name, "category": e.category, "brand": e.brand,
        "page": f"../../products/{e.id}.html", "history_csv": f"../../products/{e.id}.csv",
        "currency": view.currency, "min_price": price(view.min_cents), "max_price": price(view.max_cents),
        "avg_price": price(view.avg_cents), "shops": view.shops,
        "cheapest": s["retailer"], "cheapest_price": s["price"],
        "last_confirmed": None if view.newest is None else time.strftime("%Y-%m-%d", time.gmtime(view.newest)),
        "lowest_ever": None if view.lowest_ever is None else {
            "price": price(view.lowest_ever[0]), "since": time.strftime("%Y-%m-%d", time.gmtime(view.lowest_ever[1])),
            "shop": view.lowest_ever[2]},
        "labels": [{"kind": label.kind, "title": label.title, "basis": label.basis} for label in view.labels],
        "drop_today": s["drop_day"], "drop_7d": s["drop_week"],
        "offers": [{"retailer": o.retailer, "shop": o.shop, "url": o.url, "price": price(o.cents),
                    "currency": o.currency, "availability": o.availability, "compared": o.compared,
                    "cheapest": o.cheapest, "out_of_date": o.stale,
                    "last_confirmed": None if o.last_seen is None else time.strftime("%Y-%m-%d", time.gmtime(o.last_seen))}
                   for o in view.offers],
    }
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class Job:
    """What a worker needs besides the batch, set once per process."""

    database_url: str
    templates_dir: Path
    cache_dir: Path | None
    shop_names: dict[str, str]
    stale_seconds: float
    work: Path
    live: Path
    compare_live: bool
    common: dict[str, Any]


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


def render_batch(batch: list[tuple[str, str, str, dict[str, str]]]) -> list[dict[str, Any]]:
    """Render a batch of (id, entry JSON, entry hash, live digests of its files); returns one result each."""
    job: Job = _worker["job"]
    reader: Reader = _worker["reader"]
    rows = reader.history([b[0] for b in batch])
    results = []
    for pid, entry_text, entry_hash, old in batch:
        entry = entry_from_json(entry_text)
        history = rows.pop(pid, {})
        known = dict(entry.offers)
        urls = {r: reader.latest_url(pid, r) for r in history if r not in known}
        view = build_product(entry, history, job.shop_names, urls, job.stale_seconds)
        s = summary(view)
        category_path = job.common["category_paths"].get(entry.category, "index.html")
        html = _worker["product"].render(job.common, root="../", product=view, fresh=view.newest,
                                         category_path=category_path)
        card = str(_worker["card"](s, ""))
        files = []
        for rel, data in ((f"products/{pid}.html", html.encode("utf-8")),
                          (f"products/{pid}.csv", product_csv(view, history, job.shop_names)),
                          (f"api/products/{pid}.json", product_json(view, s))):
            d, written = write_file(job.work, job.live, rel, data, old.get(rel), job.compare_live)
            files.append((rel, d, len(data), written))
        offers = {r: offer_state(rs[-1]) for r, rs in history.items() if rs}
        results.append({"id": pid, "fp": fingerprint(entry_hash, offers, job.stale_seconds), "offers": offers,
                        "summary": s, "card": card, "files": files})
    return results
