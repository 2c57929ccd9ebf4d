"""A one-line progress bar with counts by outcome, for a scrape run in a terminal.

The entry point creates it only when stderr is a terminal; under cron nothing is drawn. It
redraws at most ten times a second, so a fast run pays nothing for it.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import TextIO

ORDER = ("ok", "not_modified", "suspicious", "no_price", "robots", "blocked", "http_error", "timeout",
         "too_large", "error")
SHORT = {"not_modified": "304"}


class ProgressBar:
    def __init__(self, stream: TextIO, width: int = 24, interval: float = 0.1) -> None:
        self.stream = stream
        self.width = width
        self.interval = interval
        self.total = 0
        self.done = 0
        self.counts: Counter[str] = Counter()
        self._started = time.monotonic()
        self._drawn = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self._started = time.monotonic()
        self.draw()

    def update(self, outcome: str) -> None:
        self.done += 1
        self.counts[outcome] += 1
        now = time.monotonic()
        if now - self._drawn >= self.interval or self.done == self.total:
            self.draw(now)

    def line(self, now: float | None = None) -> str:
        filled = self.width * self.done // self.total if self.total else self.width
        elapsed = max((now or time.monotonic()) - self._started, 1e-9)
        counts = " ".join(f"{SHORT.get(k, k)} {self.counts[k]}" for k in ORDER if self.counts[k])
        return (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}"
                f"  {counts}  {self.done / elapsed:.1f}/s").rstrip()

    def draw(self, now: float | None = None) -> None:
        self._drawn = now or time.monotonic()
        self.stream.write("\r\x1b[2K" + self.line(now))
        self.stream.flush()

    def close(self) -> None:
        self.draw()
        self.stream.write("\n")
        self.stream.flush()
