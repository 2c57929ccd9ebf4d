#!/usr/bin/env python3
"""Benchmark a full scrape: Power Tracker's run against a minimal Scrapy spider, same pages, same machine.

The demo shop (in this process) serves R retailers x P products (default 5 x 200 = 1,000 pages of
60-150 KB, gzipped on the wire) on loopback, at each added latency. Each repetition runs, in
alternating order, as whole separate processes:

- Power Tracker, full round: a fresh SQLite database, every page read (round 1), database writes
  included; then a steady round: the shop moves to round 2 (a quarter of the prices change) and
  the same database scrapes again, so unchanged pages answer 304;
- Scrapy (requirements-bench.txt, in its own venv) with the same number of requests in flight,
  extracting the same prices with its own selectors.

Printed: medians over the repetitions of wall seconds, CPU seconds (user + sys, whole process)
per 1,000 pages, peak RSS, and accuracy against the shop's truth, with the paired ratios
(Power Tracker / Scrapy, per repetition, then the median). Figures, not assertions.

Example:
    python3 -m venv .venv-bench && .venv-bench/bin/pip install -r requirements-bench.txt
    .venv/bin/python bench/scrape_bench.py --runs 5 --latency-ms 0,50
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from powertracker.demo_shop import ShopCatalog

# The worker process imports only this module's head and what a scrape imports: the parent's tools (the demo
# shop, statistics, subprocess, compileall) are imported where the parent uses them, so their ~80 ms of
# imports are not counted as Power Tracker's CPU.


def worker(args: argparse.Namespace) -> None:
    """One Power Tracker run in this process; prints its figures as one JSON line."""
    from powertracker.config import load_settings
    from powertracker.logs import configure_logging
    from powertracker.scrape import run_scrape

    d = Path(args.dir)
    env = {"DATABASE_URL": f"sqlite:///{d / 'tracker.db'}", "PRODUCTS_DIR": str(d / "products"),
           "RETAILERS_FILE": str(d / "retailers.json"), "DATA_DIR": str(d / "data"), "LOG_DIR": str(d / "logs"),
           "SCRAPE_CONCURRENCY": str(args.in_flight), "REQUEST_TIMEOUT": "20", "DEFAULT_DELAY": "0"}
    settings = load_settings(env, env_file=d / "no.env")
    configure_logging(settings, stderr=False)
    import powertracker.scrape as scrape_module

    spent: list[float] = []  # CPU seconds inside extract(), per call (per-thread clock)
    real_extract = scrape_module.extract

    def timed_extract(*a: Any, **kw: Any) -> Any:
        t = time.thread_time()
        try:
            return real_extract(*a, **kw)
        finally:
            spent.append(time.thread_time() - t)

    scrape_module.extract = timed_extract  # type: ignore[assignment]
    t0 = time.monotonic()
    summary = run_scrape(settings)
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime, "maxrss_kb": peak_rss_kb(),
                      "extract_s": sum(spent), "pages": summary.due, "ok": summary.ok, "not_modified": summary.not_modified,
                      "failed": summary.failed + summary.no_price + summary.rejected}))


def run_json(cmd: list[str]) -> dict[str, Any]:
    import subprocess

    r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return dict(json.loads(r.stdout.strip().splitlines()[-1]))


def pt_accuracy(db_path: Path, truth: dict[tuple[str, str], Any]) -> float:
    import sqlite3

    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT retailer, product_id, price, currency FROM latest_prices").fetchall()
    con.close()
    good = sum(1 for r, p, price, cur in rows if truth.get((r, p), (None, None))[:2] == (Decimal(price), cur))
    return good / len(truth)


def scrapy_accuracy(items: list[dict[str, Any]], truth: dict[tuple[str, str], Any]) -> float:
    good = sum(1 for i in items if i["price"] is not None
               and truth.get((i["retailer"], i["product_id"]), (None, None))[:2] == (Decimal(i["price"]), i["currency"]))
    return good / len(truth)


def figures(raw: dict[str, Any], pages: int) -> dict[str, float]:
    return {"wall_s": raw["wall_s"], "cpu_per_1000": (raw["user_s"] + raw["sys_s"]) * 1000 / pages,
            "rss_mb": raw["maxrss_kb"] / 1024, "extract_per_1000": raw.get("extract_s", 0.0) * 1000 / pages}


def bench_latency(args: argparse.Namespace, catalog: ShopCatalog, latency_ms: int) -> None:
    import tempfile

    from powertracker.demo_shop import DemoShop, write_generated_catalog

    shop = DemoShop(port=0, round=1, catalog=catalog, latency=latency_ms / 1000, gzip=True)
    shop.prepare(1)
    shop.prepare(2)
    shop.start()
    pages = len(catalog.offers())
    truth1, truth2 = shop.truth(1), shop.truth(2)
    targets = [{"url": f"{shop.url}/{r}/p/{p}", "retailer": r, "product_id": p,
                "markup": catalog.retailer[r].markup, "currency": catalog.retailer[r].currency,
                "selector": catalog.retailer[r].selector} for r, p in catalog.offers()]
    rows: dict[str, list[dict[str, float]]] = {"pt": [], "scrapy": [], "steady": []}
    try:
        for rep in range(args.runs):
            order = ("pt", "scrapy") if rep % 2 == 0 else ("scrapy", "pt")
            for who in order:
                with tempfile.TemporaryDirectory(prefix="pt-bench-") as tmp:
                    d = Path(tmp)
                    shop.set_round(1)
                    if who == "pt":
                        per_retailer = max(1, -(-args.in_flight // len(catalog.retailers)))
                        write_generated_catalog(d / "products", d / "retailers.json", shop.url, catalog,
                                                concurrency=per_retailer)
                        cmd = [sys.executable, __file__, "--worker", "--dir", str(d), "--in-flight", str(args.in_flight)]
                        full = run_json(cmd)
                        rows["pt"].append({**figures(full, pages), "accuracy": pt_accuracy(d / "tracker.db", truth1)})
                        shop.set_round(2)
                        steady = run_json(cmd)
                        rows["steady"].append({**figures(steady, pages), "accuracy": pt_accuracy(d / "tracker.db", truth2),
                                               "share_304": steady["not_modified"] / pages})
                    else:
                        (d / "urls.json").write_text(json.dumps(targets))
                        raw = run_json([args.scrapy_python, str(ROOT / "bench" / "scrapy_spider.py"), "--urls",
                                        str(d / "urls.json"), "--out", str(d / "items.json"),
                                        "--in-flight", str(args.in_flight)])
                        items = json.loads((d / "items.json").read_text())
                        rows["scrapy"].append({**figures(raw, pages), "accuracy": scrapy_accuracy(items, truth1)})
            print(f"  latency {latency_ms} ms, run {rep + 1}/{args.runs}: " + "  ".join(
                f"{k} {v[-1]['wall_s']:.2f}s/{v[-1]['cpu_per_1000']:.2f}cpu" for k, v in rows.items()), file=sys.stderr)
    finally:
        shop.stop()
    report(latency_ms, pages, rows, args.in_flight)


def med(rows: list[dict[str, float]], key: str) -> float:
    import statistics

    return statistics.median(r[key] for r in rows)


def ratio(a: list[dict[str, float]], b: list[dict[str, float]], key: str) -> float:
    import statistics

    return statistics.median(x[key] / y[key] for x, y in zip(a, b, strict=True))


def report(latency_ms: int, pages: int, rows: dict[str, list[dict[str, float]]], in_flight: int) -> None:
    pt, sc, st = rows["pt"], rows["scrapy"], rows["steady"]
    print(f"\n{pages} pages, {latency_ms} ms added latency, {in_flight} requests in flight, "
          f"medians of {len(pt)} whole-process runs")
    print(f"{'':28}{'wall s':>9}{'CPU s/1000':>12}{'peak RSS MB':>13}{'accuracy':>10}")
    for label, r in (("Power Tracker, full round", pt), ("Scrapy, full round", sc),
                     ("Power Tracker, steady (304)", st)):
        print(f"{label:28}{med(r, 'wall_s'):9.2f}{med(r, 'cpu_per_1000'):12.2f}{med(r, 'rss_mb'):13.1f}"
              f"{med(r, 'accuracy') * 100:9.1f}%")
    print(f"paired ratio PT/Scrapy, full:  wall {ratio(pt, sc, 'wall_s'):.2f}  CPU {ratio(pt, sc, 'cpu_per_1000'):.2f}"
          f"  RSS {ratio(pt, sc, 'rss_mb'):.2f}")
    print(f"steady round: {med(st, 'share_304') * 100:.0f}% answered 304; CPU vs Scrapy's full round "
          f"{ratio(st, sc, 'cpu_per_1000'):.2f}")
    full_x, steady_x = med(pt, "extract_per_1000"), med(st, "extract_per_1000")
    print(f"of Power Tracker's CPU s/1000, inside extract(): full {full_x:.2f}, steady {steady_x:.2f}; "
          f"the rest (fetch, decode, schedule, store): full {med(pt, 'cpu_per_1000') - full_x:.2f}, "
          f"steady {med(st, 'cpu_per_1000') - steady_x:.2f}")


def peak_rss_kb() -> int:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: Linux carries the forking parent's peak into it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="whole-process repetitions per latency (default 3)")
    ap.add_argument("--retailers", type=int, default=5)
    ap.add_argument("--products", type=int, default=200)
    ap.add_argument("--latency-ms", default="0,50", help="comma-separated added latencies (default 0,50)")
    ap.add_argument("--in-flight", type=int, default=16, help="requests in flight, both contenders (default 16)")
    ap.add_argument("--scrapy-python", default=str(ROOT / ".venv-bench" / "bin" / "python"),
                    help="the bench venv's python, with Scrapy installed")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    if not Path(args.scrapy_python).exists():
        raise SystemExit(f"{args.scrapy_python} not found: python3 -m venv .venv-bench && "
                         ".venv-bench/bin/pip install -r requirements-bench.txt")
    # An installed tracker runs from bytecode its first run left behind; a machine that sets
    # PYTHONDONTWRITEBYTECODE would make every worker compile the package again (about 0.1 s).
    import compileall

    from powertracker.demo_shop import ShopCatalog

    compileall.compile_dir(ROOT / "powertracker", quiet=1)
    # likewise the regular expressions its first run compiled (powertracker/patterns.py): all a run imports
    from powertracker import extract_heuristic, patterns, scrape  # noqa: F401

    extract_heuristic._no_price()  # compiled by the first page that needs it
    patterns.save(force=True)
    catalog = ShopCatalog.generated(args.retailers, args.products, pad=True)
    for latency in (int(x) for x in args.latency_ms.split(",")):
        bench_latency(args, catalog, latency)


if __name__ == "__main__":
    main()
