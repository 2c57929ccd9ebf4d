"""Site generation: incremental, atomic, in parallel.

``generate`` reads the catalog and the database, works out which products changed since the
live build (``state``), renders only those (``render``, in worker processes), re-assembles
the pages that list them (``listing``) and swaps the result in (``output``). A page depends
only on its own data (times by the day, windows anchored to the product's newest day), so an
unchanged database writes no file at all, and a change to one product rewrites its files and
the pages listing it. Site-wide freshness lives in one small file, ``freshness.json``.

On a big build the worker processes parse the catalog, read the history, render and write the
product files (on a first build, linking each into the spare to be as they go); the main process
keeps the build state and writes the listing pages. The rows seen again since the last build are
found by comparing (id, last seen) pairs read from indexes, so an hourly build reads in full only
the offers that changed. Whatever the build notes per product (ids seen in the catalog, products to
render) goes into the state's temporary tables, not into memory: the main process's memory does not
grow with the catalog.
"""

from __future__ import annotations

import contextlib
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
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import store
from ..config import PROJECT_ROOT, Settings
from ..db import Database, connect, utcnow
from ..errors import ConfigError, DatabaseError, PowerTrackerError
from . import output
from .source import (
    TOUCH_MARGIN_S,
    CatalogRow,
    Reader,
    catalog_files,
    catalog_rows,
    digest,
    fingerprint,
    shop_names,
)
from .state import State, dir_id, state_path

if TYPE_CHECKING:
    from .render import Rendered

# Rendering (Jinja, the page model, the chart) is imported when a build has something to render:
# a build that finds nothing changed (the hourly cron job, most hours) starts faster without it.

logger = logging.getLogger(__name__)

TEMPLATES_DIR = PROJECT_ROOT / "templates"
FORMAT = 4  # bump when the code changes what pages say: the next build re-renders everything
BATCH = 40  # products per worker task (at most)
POOL_MIN = 120  # fewer dirty products than this render in-process
MOVED_CHUNK = 500  # history row ids per look-up of their products
POOL_FILES = 8  # a changed catalog of this many files or more is parsed in the worker processes


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
        self.changed = 0  # files written or removed
        self.first = False  # a first build: every path is new (changed paths are not recorded)
        self.rendered = 0
        self.workers = min(os.cpu_count() or 1, 8)
        self._pool: Any = None
        self._stack = contextlib.ExitStack()  # the pool, once started, until the build ends
        self._job: Any = None

    @property
    def job(self) -> Any:
        """What a worker process needs (``render.Job``)."""
        if self._job is None:
            from .render import Job

            s = self.settings
            self._job = Job(s.database_url, self.templates_dir, s.data_dir / "site_templates",
                            shop_names(s.retailers_file, s.default_delay), self.stale_seconds, self.live)
        return self._job

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
        problems: list[str] = []
        self.state.drop_catalog_files(list(stored))
        self.state.start_catalog()  # the ids seen so far, and in which file: in the state, not in memory
        for f, (entries, file_problems) in zip(files, self._parsed([f.path for f in files]), strict=True):
            seen = self.state.seen_in([e[0] for e in entries])  # by earlier files; then by this one too
            rows = []
            for pid, text, h, category, sort_name, retailers in entries:
                if pid in seen:
                    file_problems.append(f"{f.path}: {pid!r} is already defined in {seen[pid]}")
                    continue
                seen[pid] = f.path
                rows.append((pid, f.path, text, h, category, sort_name, retailers))
            self.state.put_entries(rows)  # stores the new and changed entries only
            self.state.put_catalog_file(f.path, f.mtime_ns, f.size, file_problems)
            problems += file_problems
        self.state.drop_unseen()  # the products gone from the catalog
        from ..metrics import remember_catalog

        # the metrics file counts the catalog's offers: spare it a parse of its own
        remember_catalog(self.settings, [(Path(f.path).name, f.mtime_ns, f.size) for f in files],
                         self.state.catalog_offers())
        return True, problems

    def _parsed(self, paths: list[str]) -> Iterator[tuple[list[CatalogRow], list[str]]]:
        """``catalog_rows`` of each file, in order: in the worker processes for a big catalog (a changed
        big catalog: a full build, most likely), a few files ahead of this process at most, so the
        parsed files waiting here stay few however big the catalog and however fast the workers."""
        pool = self.pool(len(paths) >= POOL_FILES)
        if pool is None:
            yield from map(catalog_rows, paths)
            return
        waiting: deque[Any] = deque()
        for path in paths:
            waiting.append(pool.apply_async(catalog_rows, (path,)))
            if len(waiting) > 2 * self.workers:
                yield waiting.popleft().get()
        while waiting:
            yield waiting.popleft().get()

    # -- what to render ----------------------------------------------------------------------
    def dirty(self, valid: bool, old_marks: dict[str, Any] | None, paths: dict[str, str]) -> int:
        """Mark the products to render in the state (``State.dirty_ids`` reads them back); how many."""
        if not valid or old_marks is None:
            return self.state.dirty_all()
        state = self.state
        state.dirty_unrendered()
        state.start_touched()  # the products whose offers moved since the last build
        state.add_touched(row[0] for row in self.reader.added(old_marks["ph_max_id"]))  # into the state's own file
        seen = datetime.fromisoformat(old_marks["ph_max_seen"]) if old_marks["ph_max_seen"] else None
        # parked until the stream of seen rows is read to its end: on MariaDB that stream is an
        # unbuffered result, which any other query on the connection would cut short
        state.start_moved()
        state.add_moved(self._moved(old_marks["ph_max_id"], seen))  # executemany takes the stream as it comes
        for rows in state.moved(MOVED_CHUNK):
            state.add_touched(self.reader.product_ids_of(rows))
        intern = sys.intern  # a few distinct retailers, currencies and availabilities: keep one copy of each
        for chunk in state.touched_clean(500):
            current: dict[str, dict[str, list[Any]]] = {}
            for pid, retailer, rid, price, currency, avail, last, was in self.reader.latest_states(chunk):
                current.setdefault(pid, {})[intern(retailer)] = [
                    rid, str(price), intern(currency), avail and intern(avail), last, None if was is None else str(was)]
            changed = []
            for pid, category, entry_hash, fp, offers_text in self.state.fingerprints(chunk):
                offers = dict(sorted(current.get(pid, {}).items()))
                new_fp = fingerprint(f"{entry_hash}:{paths.get(category)}", offers, self.stale_seconds)
                if new_fp != fp:
                    changed.append(pid)
                elif offers_text != json.dumps(offers):
                    state.put_offers(pid, new_fp, offers)
            state.add_dirty(changed)
        return state.count_dirty()

    def _moved(self, max_id: int, seen: datetime | None) -> Iterator[int]:
        """Ids of the rows seen again since the last build whose last-seen time the live build does
        not show: the history's (id, last seen) against the state's, both by id, a few thousand at a time."""
        since = int(seen.timestamp()) - TOUCH_MARGIN_S if seen else 0
        rows = self.reader.seen_since(max_id, seen)
        while chunk := list(islice(rows, 5000)):
            shown = self.state.offer_marks(since, chunk[0][0], chunk[-1][0])
            yield from [rid for rid, last in chunk if (rid, last) not in shown]

    # -- rendering ------------------------------------------------------------------------------
    def batches(self, total: int) -> Iterator[list[tuple[str, str, str, dict[str, str]]]]:
        """The products marked dirty (``total`` of them), by id, a batch at a time."""
        paths = self.pages.common["category_paths"]
        keep_digests = not (self.first or self.pages.compare_live)
        size = max(4, min(BATCH, total // (4 * self.workers)))  # a few batches per worker at least
        for chunk in self.state.dirty_ids(size):
            old = self.state.owned_digests(chunk) if keep_digests else {}
            yield [(pid, text, f"{entry_hash}:{paths.get(category)}", old.get(pid, {}))
                   for pid, text, entry_hash, category in self.state.entries(chunk)]

    def pool(self, wanted: bool) -> Any:
        """The worker processes (started when ``wanted`` and there are cores to use), or None."""
        if self._pool is None and wanted and self.workers > 1:
            from .render import init_worker

            ctx = multiprocessing.get_context("fork")
            self._pool = self._stack.enter_context(ctx.Pool(self.workers, initializer=init_worker,
                                                            initargs=(self.job,)))
        return self._pool

    def render(self, total: int) -> None:
        """Render the products marked dirty, ``total`` of them (in worker processes when there are many)."""
        from .render import close_worker, init_worker, render_batch

        if self.progress and total:
            self.progress.start(total)
        pool = self.pool(total >= POOL_MIN)
        if pool is not None:
            # batches are read from the state here, in this thread (its connection is not shared)
            waiting: deque[Any] = deque()
            for batch in self.batches(total):
                waiting.append(pool.apply_async(render_batch, (batch, self.pages)))
                while len(waiting) > 3 * self.workers or (waiting and waiting[0].ready()):
                    self._record(waiting.popleft().get())
            while waiting:
                self._record(waiting.popleft().get())
        elif total:
            init_worker(self.job)
            try:
                for batch in self.batches(total):
                    self._record(render_batch(batch, self.pages))
            finally:
                close_worker()

    def _record(self, batch: list[Rendered]) -> None:
        """Note in the state what a batch rendered and which of its files changed."""
        files, changed = [], []
        for pid, _, _, _, rendered in batch:
            for rel, d, size, written in rendered:
                if written:
                    changed.append(rel)
                files.append((rel, d, size, pid))
            if self.progress:
                self.progress.update("ok")
        self.state.put_results([r[1] for r in batch], [d for r in batch for d in r[2]],
                               [o for r in batch for o in r[3]], fresh=self.first)
        self.state.put_files(files)
        self._changed(changed)
        self.rendered += len(batch)

    def _changed(self, paths: list[str]) -> None:
        self.changed += len(paths)
        if not self.first:
            self.state.add_pending(paths)

    def put(self, rel: str, data: bytes) -> None:
        if rel in self.site_paths:
            raise SiteError(f"two pages want the same output path {rel}")
        self.site_paths.add(rel)
        d = digest(data)
        if not self._same(rel, d):
            self.writer.write(rel, data)
            self._changed([rel])
        self.state.put_file(rel, d, len(data), "")

    def put_stream(self, rel: str, chunks: Iterable[bytes]) -> None:
        """``put`` for a big file made piece by piece: never whole in memory."""
        if rel in self.site_paths:
            raise SiteError(f"two pages want the same output path {rel}")
        self.site_paths.add(rel)
        d, size, written = self.writer.write_stream(rel, chunks, lambda d: self._same(rel, d))
        if written:
            self._changed([rel])
        self.state.put_file(rel, d, size, "")

    def _same(self, rel: str, d: str) -> bool:
        """Whether the live build has these bytes at ``rel`` already."""
        return not self.first and output.same_as_live(self.live, rel, d, self.site_digests.get(rel),
                                                      self.pages.compare_live)

    def remove(self, rel: str) -> None:
        output.remove(self.work, rel)
        self.state.drop_file(rel)
        self._changed([rel])

    # -- the whole build -------------------------------------------------------------------------------
    def run(self) -> BuildSummary | None:
        with self._stack:  # the worker processes end with the build, however it ends
            return self._run()

    def _run(self) -> BuildSummary | None:
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
        if problems and not state.has_products():
            raise ConfigError(f"no valid products to publish ({problems[0]}); the live site is unchanged")
        self.reader = Reader(self.db)
        marks = self.reader.marks()
        marks["ph_max_seen"] = marks["ph_max_seen"].isoformat() if marks["ph_max_seen"] else None
        old_marks = state.get("marks")
        if valid and not catalog_changed and marks == old_marks:
            state.rollback()
            return None  # nothing any page shows has changed
        from . import listing
        from .listing import Listing, category_slugs
        from .render import Pages, make_environment

        names = [c for c, _ in state.categories()]
        slugs = category_slugs(names)
        paths = {c: f"categories/{s}.html" for c, s in slugs.items()}
        if valid and state.get("slugs") != slugs:
            valid = False  # category pages moved: every product links its category
        shop_names = self.job.shop_names
        assets = listing.assets(self.templates_dir)
        common = {"assets": {k: p for k, (p, _) in assets.items()}, "category_paths": paths,
                  "inline_css": None, "style_hash": None}
        dirty = self.dirty(valid, old_marks, paths)
        # the build folder
        spare = output.spare_path(self.live)
        mirror = None
        if valid and spare.is_dir() and state.get("spare") == dir_id(spare) \
                and not output.busy_marker(self.live).exists():
            pending = state.pending()  # a few thousand paths at a time (a full rebuild changes every path)
            output.level_spare(self.live, spare, next(pending, []), state.has_file)  # marks the spare busy
            for more in pending:
                output.level_spare(self.live, spare, more, state.has_file)
            state.set_pending([])  # level now; from here on, the paths this build changes
            self.work, fresh = spare, False
        else:
            output.remove_leftovers(self.live)
            self.work, fresh = output.fresh_folder(self.live)
            if fresh:  # a first build: the spare to be is filled with links of the files as they come
                mirror = output.fresh_mirror(self.live)
                self.first = True
            state.set_pending([])
        compare_live = not valid and not fresh
        self.pages = Pages(common, compare_live, self.work, fresh, mirror)
        self.writer = self.pages.writer()  # the one this process's in-process renders use too
        try:
            self.render(dirty)
            for owners in state.orphan_owners():
                for owner in owners:
                    for rel in state.owned(owner):
                        self.remove(rel)
            self.site_paths: set[str] = set()
            self.site_digests = {} if compare_live or fresh else state.file_digests("")
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
            listing.write_data(out, pages, state.product_paths(),
                               datetime.fromisoformat(marks["ph_max_seen"]) if marks["ph_max_seen"] else None)
            listing.not_found(out, assets["css"][1])
            for rel in set(state.file_digests("")) - self.site_paths:
                self.remove(rel)
        except BaseException:
            self._stack.close()  # stop the workers first: batches in flight would write into the discarded folder
            if self.work != spare:
                output._discard(self.work)
            if mirror is not None:
                output._discard(mirror)
            raise
        for key, value in (("config", config), ("marks", marks), ("site_dir", str(self.live)), ("slugs", slugs)):
            state.set(key, value)
        spare_known = True  # the spare is the previous build, and "pending" where it differs from live
        if self.changed or not self.live.exists():
            output.swap_in(self.work, self.live)
            if mirror is not None:  # the next build writes into a spare: it is ready, equal to live
                output.adopt_spare(self.live, mirror)
        elif self.work != spare:  # nothing to swap; the spare was not used, nor brought level
            output._discard(self.work)
            if mirror is not None:
                output._discard(mirror)
            spare_known = False
        totals = state.totals()
        state.set("totals", totals)  # what a build that finds nothing to do reports
        state.set("live", dir_id(self.live))
        state.set("spare", dir_id(spare) if spare_known else None)
        state.commit()
        output.done_with_spare(self.live)
        return _summary(totals, self.live, changed=self.changed, rendered=self.rendered)


def _summary(totals: dict[str, int], live: Path, changed: int, rendered: int) -> BuildSummary:
    return BuildSummary(**totals, changed=changed, rendered=rendered, duration_ms=0, site_dir=str(live))


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
            import jinja2

            if isinstance(exc, (jinja2.TemplateError, OSError, ValueError, KeyError)):
                raise SiteError(f"cannot render the site: {type(exc).__name__}: {exc}") from exc
            if isinstance(exc, sqlite3.Error):
                raise SiteError(f"cannot update the build state {state.path}: {exc}") from exc
            raise
        if result is None:
            result = _summary(state.get("totals"), settings.site_dir, changed=0, rendered=0)
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
