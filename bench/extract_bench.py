#!/usr/bin/env python3
"""Extraction cost over the corpus in tests/fixtures/pages/: median ms per page, per 100 KB, peak memory.

Each round extracts every page --repeat times and keeps each page's fastest time (the least
disturbed by the machine); the round reports the median over all pages, and over the large pages
(>= 50 KB, real-world sized: navigation, reviews, scripts) the median ms and the median ms per
100 KB (each large page's time scaled by 100 KB / its size; small pages are left out of that
figure because their fixed cost would inflate it).
The figure printed last is the median of the rounds. Peak memory: tracemalloc's peak of Python
allocations while extracting the largest page, and the process's maximum resident set size.
Target (issue 3): at most 10 ms for a 100 KB page.

Example:
    .venv/bin/python bench/extract_bench.py --rounds 5 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powertracker.extract import extract  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
LARGE = 50_000


def one_round(entries: list[tuple[str, str, dict[str, object], int]], repeat: int) -> tuple[float, float, float]:
    per_page, per_100k, large = [], [], []
    for html, url, args, size in entries:
        best = min(_time(html, url, args) for _ in range(repeat))
        per_page.append(best)
        if size >= LARGE:
            large.append(best)
            per_100k.append(best * 100_000 / size)
    return statistics.median(per_page), statistics.median(per_100k or [0.0]), statistics.median(large or [0.0])


def _time(html: str, url: str, args: dict[str, object]) -> float:
    started = time.perf_counter()
    extract(html, url, **args)  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds to run (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="extractions of each page per round (default 5)")
    opts = parser.parse_args()
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    entries = []
    for e in manifest:
        html = (PAGES / e["file"]).read_text(encoding="utf-8")
        entries.append((html, e["url"], e["args"], len(html.encode("utf-8"))))
    sizes = [s for *_, s in entries]
    print(f"corpus: {len(entries)} pages, median {statistics.median(sizes) / 1000:.1f} KB, "
          f"largest {max(sizes) / 1000:.1f} KB, {sum(s >= LARGE for s in sizes)} pages >= {LARGE // 1000} KB")
    for html, url, args, _ in entries:  # warm up imports and compiled patterns
        extract(html, url, **args)
    results = []
    for r in range(1, opts.rounds + 1):
        page_ms, per_100k, large_ms = one_round(entries, opts.repeat)
        results.append((page_ms, per_100k, large_ms))
        print(f"round {r}: median {page_ms:.2f} ms/page; large pages {large_ms:.2f} ms, "
              f"{per_100k:.2f} ms per 100 KB")
    html, url, args, size = max(entries, key=lambda e: e[3])
    tracemalloc.start()
    extract(html, url, **args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"median of {opts.rounds} rounds: {statistics.median(r[0] for r in results):.2f} ms/page; "
          f"large pages {statistics.median(r[2] for r in results):.2f} ms, "
          f"{statistics.median(r[1] for r in results):.2f} ms per 100 KB (target <= 10)")
    print(f"peak memory: {peak / 1e6:.1f} MB traced while extracting the largest page ({size / 1000:.0f} KB); "
          f"process max RSS {rss_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
