#!/usr/bin/env python3
"""Benchmark generate.py on a synthetic catalog: full build, no-change rebuild, 1 % change.

Builds (once, cached in --workdir) a catalog of N products x S shops with a year of hourly
observations, stored run-length encoded through the project's storage code
(``store.bulk_load_history``: only price or stock changes are rows). Then runs ``generate.py
--json`` as a whole process several times for each case and prints medians: wall and CPU
seconds (CPU includes the worker processes), peak RSS of the largest process and of the whole
process tree (sampled, as PSS: a page the forked workers share with their parent counts once,
not once per process as summed RSS would), files written, bytes of the site.

A full build's predecessor is moved aside, not deleted, and everything moved aside is deleted
once all runs are done: on ext4 without a journal (as on the machine these figures come from),
the kernel avoids reusing an inode freed in the last minute (longer while its inode table block
is not yet written back) and steps over each such inode every time it creates a file, so
deleting the previous run's ~60,000 files just before a build made each file the build creates
up to 20 times slower (``--delete-between`` measures it that way). A run started within minutes
of another deletion of many files (the end of a previous run, a test suite's temp folders)
can still see some of it.

Example:

    .venv/bin/python bench/generate_bench.py --products 10000 --shops 5 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powertracker import store  # noqa: E402
from powertracker.db import connect  # noqa: E402
from powertracker.models import Observation  # noqa: E402

END = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)  # fixed, so a cached data set stays valid
CATEGORIES = 20
WORDS = ("Portable", "Power", "Station", "Solar", "Panel", "Battery", "Bank", "Max", "Pro", "Mini",
         "Plus", "Ultra", "Lite", "Charger", "Inverter", "Generator")


def shops(n: int) -> list[str]:
    return [f"shop-{chr(ord('a') + i)}" for i in range(n)]


def product_ids(n: int) -> list[str]:
    return [f"p{i:06d}" for i in range(n)]


def write_catalog(folder: Path, n: int, shop_ids: list[str]) -> None:
    rng = random.Random(1)
    (folder / "products").mkdir(parents=True, exist_ok=True)
    ids = product_ids(n)
    for f in range(0, n, 100):
        items = []
        for pid in ids[f:f + 100]:
            name = " ".join(rng.sample(WORDS, 3)) + f" {rng.randint(100, 3000)}W"
            items.append({"id": pid, "name": name, "category": f"Category {int(pid[1:]) % CATEGORIES:02d}",
                          "brand": rng.choice(("EcoFlow", "Anker", "Jackery", "Bluetti")),
                          "offers": [{"retailer": s, "url": f"https://{s}.example/p/{pid}"} for s in shop_ids]})
        (folder / "products" / f"catalog-{f // 100:04d}.json").write_text(json.dumps(items), encoding="utf-8")
    retailers = {s: {"name": f"Shop {s[-1].upper()}", "base_url": f"https://{s}.example/", "currency": "GBP"}
                 for s in shop_ids}
    (folder / "retailers.json").write_text(json.dumps(retailers), encoding="utf-8")


def offer_runs(rng: random.Random, pid: str, shop: str, days: int, every_days: float) -> Iterator[dict[str, Any]]:
    """One offer's history: hourly observations, a price change every ``every_days`` on average."""
    hours = days * 24
    start = END - timedelta(hours=hours - 1)
    price = Decimal(rng.randint(5000, 200000)) / 100
    t = 0
    while t < hours:
        length = max(1, int(rng.expovariate(1 / (every_days * 24))))
        length = min(length, hours - t)
        availability = "out_of_stock" if rng.random() < 0.05 else "in_stock"
        yield {"product_id": pid, "retailer": shop, "url": f"https://{shop}.example/p/{pid}", "price": price,
               "currency": "GBP", "availability": availability, "first_seen": start + timedelta(hours=t),
               "last_seen": start + timedelta(hours=t + length - 1), "observations": length}
        t += length
        factor = Decimal(rng.randint(85, 112)) / 100
        price = max(Decimal("5.00"), (price * factor).quantize(Decimal("0.01")))


def build_dataset(folder: Path, n: int, shop_ids: list[str], days: int, every_days: float) -> None:
    marker = folder / "READY"
    if marker.exists():
        return
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.monotonic()
    write_catalog(folder, n, shop_ids)
    db = connect(f"sqlite:///{folder / 'tracker.db'}")
    rng = random.Random(2)
    rows = 0
    try:
        with db.transaction():
            rows = store.bulk_load_history(db, (row for pid in product_ids(n) for s in shop_ids
                                                for row in offer_runs(rng, pid, s, days, every_days)))
            # the last scrape run's attempts, for the shop-health page
            for pid in product_ids(n)[: min(n, 2000)]:
                for s in shop_ids:
                    store.record_attempt(db, run_id=None, product_id=pid, retailer=s,
                                         url=f"https://{s}.example/p/{pid}", outcome="ok", attempted_at=END)
    finally:
        db.close()
    marker.write_text(json.dumps({"rows": rows}))
    print(f"dataset: {n} products x {len(shop_ids)} shops, {days} days, {rows} history rows"
          f" in {time.monotonic() - started:.0f} s -> {folder}", file=sys.stderr)


def change_some(db_url: str, n: int, shop_ids: list[str], share: float, round_no: int) -> int:
    """Give ``share`` of the products a new price at one shop, through record_observation."""
    rng = random.Random(100 + round_no)
    chosen = rng.sample(product_ids(n), max(1, int(n * share)))
    db = connect(db_url)
    try:
        with db.transaction():
            for pid in chosen:
                s = rng.choice(shop_ids)
                rows = db.query("SELECT price FROM price_history WHERE product_id = :p AND retailer = :r"
                                " ORDER BY id DESC LIMIT 1", {"p": pid, "r": s})
                price = (rows[0]["price"] * Decimal("0.9")).quantize(Decimal("0.01"))
                store.record_observation(db, Observation(pid, s, f"https://{s}.example/p/{pid}", price, "GBP",
                                                         "in_stock", END + timedelta(minutes=round_no)), None)
    finally:
        db.close()
    return len(chosen)


def _tree_pss_kb(pid: int) -> int:
    """The process tree's proportional set size: each shared page split among the processes sharing it."""
    total = 0
    for child in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{child}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def _descendants(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            kids = [int(k) for k in fh.read().split()]
    except OSError:
        return []
    return kids + [d for k in kids for d in _descendants(k)]


def run_generate(env: dict[str, str]) -> dict[str, Any]:
    """One whole generate.py process: wall, CPU (with workers), peak RSS, and its own summary."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_pss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"generate.py exited {proc.returncode}: {err}")
    summary = json.loads(out)
    line = (Path(env["LOG_DIR"]) / "site_generation.log").read_text().splitlines()[-1]
    own_rss, worker_rss = (float(x) for x in re.findall(r"peak RSS ([\d.]+) MB \(largest worker ([\d.]+) MB", line)[0])
    return {"gen_rss_mb": own_rss, "worker_rss_mb": worker_rss,"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "tree_pss_mb": peak_tree / 1024, "files_written": summary["changed"], "bytes": summary["bytes"],
            "files": summary["files"], "generate_s": summary["duration_ms"] / 1000, "rendered": summary["rendered"]}


def median_row(name: str, runs: list[dict[str, Any]]) -> str:
    m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return (f"{name:<18} wall {m['wall_s']:6.2f} s (generate() {m['generate_s']:6.2f} s)  cpu {m['cpu_s']:6.2f} s"
            f"  peak RSS {m['peak_rss_mb']:5.1f} MB (at the end of generate() {m['gen_rss_mb']:4.1f} MB, largest"
            f" worker {m['worker_rss_mb']:4.1f} MB; process tree PSS {m['tree_pss_mb']:5.1f} MB)"
            f"  products rendered {int(m['rendered']):5d}  files written {int(m['files_written']):5d}"
            f" of {int(m['files'])}  site {m['bytes'] / 1e6:6.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--shops", type=int, default=5)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--change-every-days", type=float, default=30.0,
                        help="mean days between two price changes of one offer")
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs per case (medians printed)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/pt-generate-bench"))
    parser.add_argument("--delete-between", action="store_true",
                        help="delete the previous full build right before the next (see above) instead of at the end")
    args = parser.parse_args()
    shop_ids = shops(args.shops)
    data = args.workdir / f"data-{args.products}x{args.shops}-{args.days}d-{args.change_every_days}"
    build_dataset(data, args.products, shop_ids, args.days, args.change_every_days)
    work = args.workdir / "run"
    trash = args.workdir / "trash"
    trash.mkdir(parents=True, exist_ok=True)

    def discard(path: Path) -> None:
        if args.delete_between:
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.rename(trash / f"{path.name.lstrip('.')}-{time.monotonic_ns()}")

    discard(work)
    work.mkdir(parents=True)
    shutil.copy(data / "tracker.db", work / "tracker.db")
    env = {**{k: v for k, v in os.environ.items() if not k.endswith(("_DIR", "_URL", "_FILE"))},
           "DATABASE_URL": f"sqlite:///{work / 'tracker.db'}", "PRODUCTS_DIR": str(data / "products"),
           "RETAILERS_FILE": str(data / "retailers.json"), "SITE_DIR": str(work / "site"),
           "LOG_DIR": str(work / "logs"), "DATA_DIR": str(work / "data")}
    rows = json.loads((data / "READY").read_text())["rows"]
    print(f"catalog: {args.products} products x {args.shops} shops, {args.days} days of hourly observations,"
          f" {rows} history rows; {os.cpu_count()} cores", flush=True)
    full, same, changed = [], [], []
    for _ in range(args.runs):
        for folder in ("site", ".site.spare", "data"):  # the site, its spare and the build state: from scratch
            discard(work / folder)
        full.append(run_generate(env))
    print(median_row("full build", full), flush=True)
    for _ in range(args.runs):
        same.append(run_generate(env))
    print(median_row("no-change rebuild", same), flush=True)
    for i in range(args.runs):
        change_some(env["DATABASE_URL"], args.products, shop_ids, 0.01, i + 1)
        changed.append(run_generate(env))
    print(median_row("1 % changed", changed), flush=True)
    print(f"medians of {args.runs} runs each; files written for the 1 % rebuilds: "
          f"{[r['files_written'] for r in changed]}; whole-process wall includes interpreter start and the"
          " metrics file written when generate.py exits (METRICS_FILE, cli.settings_or_exit)")
    shutil.rmtree(trash, ignore_errors=True)


if __name__ == "__main__":
    main()
