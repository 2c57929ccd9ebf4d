#!/usr/bin/env python3
"""Operations figures on a database the size of a year on a Pi, printed as medians of several runs.

The database (SQLite, in a temp folder) holds 50 offers scraped hourly for 365 days:
438,000 scrape_log rows and a price change every ~10 scrapes. It measures:
the generate.py --if-changed check, write_metrics (the whole status), a backup
(online backup API + gzip) with its size, and folding 275 days of scrape_log
into daily counts. Example:

    .venv/bin/python bench/ops_bench.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from powertracker.aggregate import prune_scrape_log  # noqa: E402
from powertracker.backup import create_backup  # noqa: E402
from powertracker.config import load_settings  # noqa: E402
from powertracker.db import connect, utcnow  # noqa: E402
from powertracker.metrics import write_metrics  # noqa: E402
from powertracker.pipeline import data_fingerprint  # noqa: E402
from powertracker.status import open_database  # noqa: E402

OFFERS = [(f"product-{p:02d}", f"shop-{r}") for p in range(25) for r in "ab"]


def build(path: Path, days: int) -> None:
    db = connect(f"sqlite:///{path}")
    now = utcnow()
    conn = db._conn  # bulk load through the raw connection: the bench measures the jobs, not the load
    conn.execute("BEGIN")
    ph_id = 0
    for h in range(days * 24):
        t = (now - timedelta(hours=days * 24 - h)).strftime("%Y-%m-%d %H:%M:%S")
        for i, (pid, shop) in enumerate(OFFERS):
            ok = (h + i) % 17 != 0
            conn.execute("INSERT INTO scrape_log (product_id, retailer, url, attempted_at, outcome, http_status,"
                         " duration_ms, price, currency) VALUES (?, ?, 'http://x/', ?, ?, ?, 250, ?, 'GBP')",
                         (pid, shop, t, "ok" if ok else "http_error", 200 if ok else 503,
                          f"{100 + (h // 10) % 7}.00" if ok else None))
            if ok and (h + i) % 10 == 0:
                ph_id += 1
                conn.execute("INSERT INTO price_history (product_id, retailer, url, price, currency, availability,"
                             " first_seen, last_seen, observations) VALUES (?, ?, 'http://x/', ?, 'GBP',"
                             " 'in_stock', ?, ?, 10)", (pid, shop, f"{100 + (h // 10) % 7}.00", t, t))
    conn.execute("COMMIT")
    db.close()


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pt-ops-bench-"))
    try:
        db_path = tmp / "tracker.db"
        t = time.perf_counter()
        build(db_path, args.days)
        print(f"database: {args.days} days x {len(OFFERS)} offers hourly, {db_path.stat().st_size / 1e6:.1f} MB,"
              f" built in {time.perf_counter() - t:.1f} s")
        env = {"DATABASE_URL": f"sqlite:///{db_path}", "DATA_DIR": str(tmp / "data"), "LOG_DIR": str(tmp / "logs"),
               "SITE_DIR": str(tmp / "site"), "PRODUCTS_DIR": str(tmp / "none"), "RETAILERS_FILE": str(tmp / "r.json")}
        settings = load_settings(env, env_file=tmp / "no.env")

        def check() -> None:
            with open_database(settings) as db:
                data_fingerprint(db, settings)

        print(f"generate --if-changed check:  {median_ms(check, args.runs):8.1f} ms (median of {args.runs})")
        print(f"write_metrics (full status):  {median_ms(lambda: write_metrics(settings), args.runs):8.1f} ms")
        sizes = []

        def backup() -> None:
            shutil.rmtree(tmp / "data" / "backups", ignore_errors=True)
            sizes.append(create_backup(settings).size_bytes)

        print(f"backup (SQLite API + gzip):   {median_ms(backup, args.runs):8.1f} ms,"
              f" {sizes[-1] / 1e6:.2f} MB compressed ({sizes[-1] / os.path.getsize(db_path):.0%} of the file)")
        db = connect(settings.database_url)
        t = time.perf_counter()
        result = prune_scrape_log(db, 90, utcnow())
        took = time.perf_counter() - t
        db.close()
        print(f"fold scrape_log > 90 days:    {took * 1000:8.1f} ms for {result.rows} rows of {len(result.days)} days"
              f" into {result.groups} daily rows (once; a daily run folds one day)")
        print(f"database after folding:       {db_path.stat().st_size / 1e6:.1f} MB (VACUUM not run)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
