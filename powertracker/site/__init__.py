"""Site generation: incremental, atomic, in parallel.

``generate`` reads the catalog and the database, works out which products changed since the
live build (``state``), renders only those (``render``, in worker processes), re-assembles
the pages that list them (``listing``) and swaps the result in (``output``). A page depends
only on its own data (times by the day, windows anchored to the product's newest day), so an
unchanged database writes no file at all, and a change to one product rewrites its files and
the pages listing it. Site-wide freshness lives in one small file, ``freshness.json``.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import resource
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import jinja2

from .. import store
from ..config import PROJECT_ROOT, Settings
from ..db import Database, connect, utcnow
from ..errors import ConfigError, DatabaseError, PowerTrackerError
from . import listing, output
from .listing import Listing, category_slugs
from .render import Job, close_worker, init_worker, make_environment, render_batch, write_file, write_stream
from .source import Reader, catalog_files, digest, entry_json, fingerprint, parse_catalog_file
from .state import State, dir_id, state_path

logger = logging.getLogger(__name__)

TEMPLATES_DIR = PROJECT_ROOT / "templates"
FORMAT = 3  # bump when the code changes what pages say: the next build re-renders everything
BATCH = 40  # products per worker task
POOL_MIN = 120  # fewer dirty products than this render in-process


class Progress(Protocol):
    """A progress display (``progress.ProgressBar``): told the total, then each product rendered."""

    total: int

    def start(self, total: int) -> None: ...

    def update(self, outcome: str) -> None: ...


class SiteError(PowerTrackerError):
    """The site could not be rendered or written; the live site is unchanged (exit 3)."""


@dataclass(frozen=True)
class BuildSummary:
    pages: int
    files: int
    bytes: int
    changed: int  # files written or removed (0: the live site was left alone)
    products: int
    rendered: int  # products whose files were rendered again
    priced: int
    duration_ms: int
    site_dir: str
    run_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _config_hash(settings: Settings, templates_dir: Path) -> str:
    parts = [f"format={FORMAT}", f"stale={settings.stale_hours}", f"url={_site_url(settings)}"]
    for path in sorted(templates_dir.rglob("*")):
        if path.is_file():
            parts.append(f"{path.relative_to(templates_dir)}={digest(path.read_bytes())}")
    rf = settings.retailers_file
    parts.append(f"retailers={digest(rf.read_bytes()) if rf.is_file() else '-'}")
    return digest("\n".join(parts))


def _site_url(settings: Settings) -> str:
    url = settings.site_url or ""
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"SITE_URL={url!r}: expected the site's public address, such as https://prices.example.org/")
    return url if not url or url.endswith("/") else url + "/"


class _Build:
    def __init__(self, settings: Settings, db: Database, state: State, templates_dir: Path, full: bool,
                 progress: Progress | None) -> None:
        self.settings, self.db, self.state, self.templates_dir = settings, db, state, templates_dir
        self.full, self.progress = full, progress
        self.live = settings.site_dir
        self.stale_seconds = settings.stale_hours * 3600
        self.changed: set[str] = set()
        self.rendered = 0

    # -- catalog ---------------------------------------------------------------------------
    def catalog(self) -> tuple[bool, list[str]]:
        """Bring the state's products up to date with the catalog files; (changed, problems)."""
        if not self.settings.products_dir.is_dir():
            raise ConfigError(f"no valid products to publish ({self.settings.products_dir}: products folder does"
                              " not exist); the live site is unchanged")
        files = catalog_files(self.settings.products_dir)
        stored = self.state.catalog_files()
        if {f.path: (f.mtime_ns, f.size) for f in files} == {p: (m, s) for p, (m, s, _) in stored.items()}:
            return False, [p for _, _, problems in stored.values() for p in problems]
        hashes = self.state.entry_hashes()
        seen: dict[str, str] = {}
        problems: list[str] = []
        for path in stored:
            self.state.drop_catalog_file(path)
        for f in files:
            entries, file_problems = parse_catalog_file(f.path)
            for e in entries:
                if e.id in seen:
                    file_problems.append(f"{f.path}: {e.id!r} is already defined in {seen[e.id]}")
                    continue
                seen[e.id] = f.path
                text = entry_json(e)
                h = digest(text)
                if hashes.get(e.id) != h:
                    self.state.put_entry(e.id, f.path, text, h, e.category, e.name.casefold())
            self.state.put_catalog_file(f.path, f.mtime_ns, f.size, file_problems)
            problems += file_problems
        for pid in set(hashes) - set(seen):
            self.state.drop_product(pid)
        return True, problems

    # -- what to render ----------------------------------------------------------------------
    def dirty(self, valid: bool, old_marks: dict[str, Any] | None, paths: dict[str, str]) -> list[str]:
        unrendered = self.state.unrendered()
        if not valid or old_marks is None:
            return self.state.ids()
        touched: dict[str, dict[str, tuple[Any, ...]]] = {}  # offer states, as tuples: a row each
        seen = datetime.fromisoformat(old_marks["ph_max_seen"]) if old_marks["ph_max_seen"] else None
        intern = sys.intern  # a few distinct retailers, currencies and availabilities: keep one copy of each
        for pid, retailer, rid, price, currency, avail, last, was in self.reader.touched(old_marks["ph_max_id"], seen):
            offers = touched.setdefault(pid, {})
            offer = offers.get(retailer)
            if offer is None or rid > offer[0]:
                offers[intern(retailer)] = (rid, price, intern(currency), avail and intern(avail), last, was)
        dirty = set(unrendered)
        ids = sorted(touched)
        for i in range(0, len(ids), 500):
            for pid, category, entry_hash, fp, offers_text in self.state.fingerprints(ids[i:i + 500]):
                offers = json.loads(offers_text) if offers_text else {}
                for retailer, (rid, price, currency, avail, last, was) in touched[pid].items():
                    if retailer not in offers or rid >= offers[retailer][0]:
                        offers[retailer] = [rid, str(price), currency, avail, last, None if was is None else str(was)]
                new_fp = fingerprint(f"{entry_hash}:{paths.get(category)}", offers, self.stale_seconds)
                if new_fp != fp:
                    dirty.add(pid)
                elif offers_text != json.dumps(offers):
                    self.state.put_offers(pid, new_fp, offers)
        return sorted(dirty)

    # -- rendering ------------------------------------------------------------------------------
    def batches(self, ids: list[str], compare_live: bool) -> Iterator[list[tuple[str, str, str, dict[str, str]]]]:
        paths = self.job.common["category_paths"]
        for i in range(0, len(ids), BATCH):
            chunk = self.state.entries(ids[i:i + BATCH])
            out = []
            for pid, text, entry_hash in sorted(chunk):
                category = json.loads(text)[2]
                old = {} if compare_live else self.state.file_digests(pid)
                out.append((pid, text, f"{entry_hash}:{paths.get(category)}", old))
            yield out

    def render(self, ids: list[str]) -> set[str]:
        """Render ``ids`` (in worker processes when there are many); returns their categories."""
        categories: set[str] = set()
        total, done = len(ids), 0
        if self.progress and total:
            self.progress.start(total)
        workers = min(os.cpu_count() or 1, 8)
        if len(ids) >= POOL_MIN and workers > 1:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers, initializer=init_worker, initargs=(self.job,)) as pool:
                # batches are read from the state here, in this thread (its connection is not shared)
                waiting: deque[Any] = deque()
                for batch in self.batches(ids, self.job.compare_live):
                    waiting.append(pool.apply_async(render_batch, (batch,)))
                    while len(waiting) > 3 * workers or (waiting and waiting[0].ready()):
                        done += self._record(waiting.popleft().get(), categories)
                while waiting:
                    done += self._record(waiting.popleft().get(), categories)
        else:
            init_worker(self.job)
            try:
                for batch in self.batches(ids, self.job.compare_live):
                    done += self._record(render_batch(batch), categories)
            finally:
                close_worker()
        self.rendered = done
        return categories

    def _record(self, batch: list[dict[str, Any]], categories: set[str]) -> int:
        for r in batch:
            self.state.put_result(r["id"], r["fp"], r["offers"], r["summary"], r["card"])
            categories.add(r["summary"]["category"])
            for rel, d, size, written in r["files"]:
                self.state.put_file(rel, d, size, r["id"])
                if written:
                    self.changed.add(rel)
            if self.progress:
                self.progress.update("ok")
        return len(batch)

    def put(self, rel: str, data: bytes) -> None:
        if rel in self.site_paths:
            raise SiteError(f"two pages want the same output path {rel}")
        self.site_paths.add(rel)
        d, written = write_file(self.work, self.live, rel, data, self.site_digests.get(rel), self.job.compare_live)
        self.state.put_file(rel, d, len(data), "")
        if written:
            self.changed.add(rel)

    def put_stream(self, rel: str, chunks: Iterable[bytes]) -> None:
        if rel in self.site_paths:
            raise SiteError(f"two pages want the same output path {rel}")
        self.site_paths.add(rel)
        d, size, written = write_stream(self.work, self.live, rel, chunks, self.site_digests.get(rel),
                                        self.job.compare_live)
        self.state.put_file(rel, d, size, "")
        if written:
            self.changed.add(rel)

    def remove(self, rel: str) -> None:
        output.remove(self.work, rel)
        self.state.drop_file(rel)
        self.changed.add(rel)

    # -- the whole build -------------------------------------------------------------------------------
    def run(self) -> BuildSummary | None:
        settings, state = self.settings, self.state
        config = _config_hash(settings, self.templates_dir)
        live_id = dir_id(self.live)
        valid = (not self.full and live_id is not None and state.get("config") == config
                 and state.get("live") == live_id and state.get("site_dir") == str(self.live))
        state.begin()
        if not valid:
            state.reset()
        catalog_changed, problems = self.catalog()
        for problem in problems:
            logger.error("catalog: %s", problem)
        ids = state.ids()
        if not ids and problems:
            raise ConfigError(f"no valid products to publish ({problems[0]}); the live site is unchanged")
        self.reader = Reader(self.db)
        marks = self.reader.marks()
        marks["ph_max_seen"] = marks["ph_max_seen"].isoformat() if marks["ph_max_seen"] else None
        old_marks = state.get("marks")
        if valid and not catalog_changed and marks == old_marks:
            state.rollback()
            return None  # nothing any page shows has changed
        names = [c for c, _ in state.categories()]
        slugs = category_slugs(names)
        paths = {c: f"categories/{s}.html" for c, s in slugs.items()}
        if valid and state.get("slugs") != slugs:
            valid = False  # category pages moved: every product links its category
        shop_names = listing_shop_names(settings)
        assets = listing.assets(self.templates_dir)
        common = {"assets": {k: p for k, (p, _) in assets.items()}, "category_paths": paths,
                  "inline_css": None, "style_hash": None}
        dirty = self.dirty(valid, old_marks, paths)
        # the build folder
        spare = output.spare_path(self.live)
        pending = state.pending()
        if valid and spare.is_dir() and state.get("spare") == dir_id(spare) \
                and not output.busy_marker(self.live).exists():
            output.level_spare(self.live, spare, pending, state.has_file)
            self.work = spare
        else:
            output.remove_leftovers(self.live)
            self.work = output.fresh_folder(self.live)
        compare_live = not valid
        self.job = Job(settings.database_url, self.templates_dir, settings.data_dir / "site_templates", shop_names,
                       self.stale_seconds, self.work, self.live, compare_live, common)
        try:
            categories = self.render(dirty)
            for owner in state.orphan_owners():
                for rel in state.owned(owner):
                    self.remove(rel)
            self.site_paths: set[str] = set()
            self.site_digests = {} if compare_live else state.file_digests("")
            env = make_environment(self.templates_dir, self.job.cache_dir)
            out = Listing(env, state, self.put, self.put_stream, common, _site_url(settings), settings.stale_hours)
            for rel, data in assets.values():
                self.put(rel, data)
            newest = int(datetime.fromisoformat(marks["ph_max_seen"]).timestamp()) if marks["ph_max_seen"] else None
            pages = sorted(listing.write_listings(out, slugs, shop_names, newest)) + ["deals.html", "shops.html"]
            listing.write_deals(out, newest)
            listing.write_shops(out, self.reader, shop_names)
            listing.atom(out, "feeds/drops.atom", "Power Tracker: price drops", None)
            for name, slug in slugs.items():
                listing.atom(out, f"feeds/{slug}.atom", f"Power Tracker: price drops in {name}", name)
            listing.write_data(out, pages + [f"products/{p}.html" for p in ids],
                               datetime.fromisoformat(marks["ph_max_seen"]) if marks["ph_max_seen"] else None)
            listing.not_found(out, assets["css"][1])
            for rel in set(state.file_digests("")) - self.site_paths:
                self.remove(rel)
        except BaseException:
            if self.work != spare:
                output._discard(self.work)
            raise
        del categories
        for key, value in (("config", config), ("marks", marks), ("site_dir", str(self.live)), ("slugs", slugs)):
            state.set(key, value)
        if self.changed or not self.live.exists():
            first = not self.live.exists()
            output.swap_in(self.work, self.live)
            state.set_pending(self.changed)
            if first:  # the next build writes into a spare: make it now, while the build is a big one anyway
                output.fresh_spare(self.live)
                state.set_pending([])
        elif self.work != spare:
            output._discard(self.work)
        else:
            state.set_pending([])
        state.set("live", dir_id(self.live))
        state.set("spare", dir_id(spare))
        state.commit()
        output.done_with_spare(self.live)
        return _summary(state, self.live, changed=len(self.changed), rendered=self.rendered)


def _summary(state: State, live: Path, changed: int, rendered: int) -> BuildSummary:
    files, size = state.totals()
    pages = state.conn.execute("SELECT COUNT(*) FROM files WHERE path LIKE '%.html'").fetchone()[0]
    products, priced = state.conn.execute("SELECT COUNT(*), COUNT(shops) FROM products").fetchone()
    return BuildSummary(pages=pages, files=files, bytes=size, changed=changed, products=products,
                        rendered=rendered, priced=priced, duration_ms=0, site_dir=str(live))


def listing_shop_names(settings: Settings) -> dict[str, str]:
    from .source import shop_names

    return shop_names(settings.retailers_file, settings.default_delay)


def generate(settings: Settings, now: datetime | None = None, templates_dir: Path = TEMPLATES_DIR,
             full: bool = False, progress: Progress | None = None) -> BuildSummary:
    """Bring SITE_DIR up to date with the database and the catalog, atomically; record the run."""
    started, cpu = time.monotonic(), time.process_time()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    children0 = usage.ru_utime + usage.ru_stime
    now = now or utcnow()
    try:
        state = State(state_path(settings.data_dir))
    except sqlite3.Error as exc:
        raise SiteError(f"cannot open the build state {state_path(settings.data_dir)}: {exc}") from exc
    db: Database | None = None
    try:
        db = connect(settings.database_url)
        run_id = store.start_run(db, "generate", now)
        build = _Build(settings, db, state, templates_dir, full, progress)
        try:
            result = build.run()
        except BaseException as exc:
            state.rollback()
            logger.critical("run=%s product=-: site build failed, live site unchanged: %s", run_id, exc)
            try:
                store.finish_run(db, run_id, "failed", {"error": str(exc)[:500]})
            except DatabaseError as db_exc:
                logger.error("run=%s product=-: cannot record the failed run: %s", run_id, db_exc)
            if isinstance(exc, (jinja2.TemplateError, OSError, ValueError, KeyError)):
                raise SiteError(f"cannot render the site: {type(exc).__name__}: {exc}") from exc
            if isinstance(exc, sqlite3.Error):
                raise SiteError(f"cannot update the build state {state.path}: {exc}") from exc
            raise
        if result is None:
            result = _summary(state, settings.site_dir, changed=0, rendered=0)
        wall = time.monotonic() - started
        result = BuildSummary(**{**result.as_json(), "duration_ms": int(wall * 1000), "run_id": run_id})
        stats = {k: v for k, v in result.as_json().items() if k not in ("site_dir", "run_id")}
        store.finish_run(db, run_id, "ok", stats)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = time.process_time() - cpu
        workers = children.ru_utime + children.ru_stime - children0
        logger.info("run=%s product=-: built %d products (%d rendered), %d files written or removed of %d,"
                    " %d bytes, in %.2f s wall, %.2f s CPU (%.2f s in this process), peak RSS %.1f MB"
                    " (largest worker %.1f MB)", run_id, result.products, result.rendered, result.changed,
                    result.files, result.bytes, wall, own + workers, own,
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, children.ru_maxrss / 1024)
        return result
    finally:
        state.close()
        if db is not None:
            db.close()
