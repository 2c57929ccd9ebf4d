"""robots.txt, fetched once per run and origin, as RFC 9309 says to read it.

| robots.txt answers | then |
| --- | --- |
| 200 | its rules apply (``Crawl-delay`` raises the retailer's delay for the run) |
| 4xx (404, 401, 403, ...) but 429 | there are no rules: everything may be fetched |
| 429, 5xx, timeout, no connection | unreachable: nothing of that origin is fetched this run; each offer is |
|  | recorded with the robots fetch's own outcome, its error starting ``robots.txt:`` |

A page the rules disallow is not fetched; its offer is recorded with outcome ``robots``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .fetch import Fetcher
from .models import FetchResult, Retailer

logger = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 500 * 1024  # what RFC 9309 asks crawlers to read at least


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    fetched_now: bool  # this call fetched robots.txt
    failure: FetchResult | None = None  # robots.txt unreachable: the offer gets this outcome
    crawl_delay: float | None = None


class _Origin:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.parser: RobotFileParser | None = None
        self.failure: FetchResult | None = None
        self.crawl_delay: float | None = None
        self.everything = False  # the rules for our agent allow every URL (see _allows_everything)
        self.done = False


def _allows_everything(parser: RobotFileParser, agent: str) -> bool:
    """Whether ``parser.can_fetch(agent, url)`` says yes whatever the URL: the group that applies to
    ``agent`` (can_fetch's own choice) holds only Allow lines, or none. Then no URL need be parsed."""
    if parser.disallow_all or not parser.last_checked:
        return False
    if parser.allow_all:
        return True
    for entry in parser.entries:
        if entry.applies_to(agent):
            return all(line.allowance for line in entry.rulelines)
    if parser.default_entry:
        return all(line.allowance for line in parser.default_entry.rulelines)
    return True


class RobotsCache:
    """Per-run robots.txt rules by origin; thread-safe (each origin is fetched once)."""

    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        self.agent = user_agent
        self._origins: dict[str, _Origin] = {}
        self._lock = threading.Lock()

    def check(self, url: str, retailer: Retailer | None, tag: str = "") -> Verdict:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            entry = self._origins.setdefault(origin, _Origin())
        fetched_now = False
        with entry.lock:
            if not entry.done:
                self._load(entry, origin + "/robots.txt", retailer, tag)
                fetched_now = True
        if entry.failure is not None:
            return Verdict(False, fetched_now, entry.failure)
        # a netloc without %-escapes parses alike before and after can_fetch unquotes it: no error is skipped
        allowed = (entry.parser is None or (entry.everything and "%" not in parts.netloc)
                   or entry.parser.can_fetch(self.agent, url))
        return Verdict(allowed, fetched_now, None, entry.crawl_delay)

    def _load(self, entry: _Origin, robots_url: str, retailer: Retailer | None, tag: str) -> None:
        result = self.fetcher.fetch(robots_url, retailer, tag, accept=None, max_bytes=MAX_ROBOTS_BYTES)
        entry.done = True
        if result.outcome == "ok" and result.text is not None:
            parser = RobotFileParser(robots_url)
            parser.parse(result.text.splitlines())
            entry.parser = parser
            entry.everything = _allows_everything(parser, self.agent)
            delay = parser.crawl_delay(self.agent)
            entry.crawl_delay = float(delay) if delay is not None else None
            logger.debug("%s %s read%s", tag, robots_url,
                         f", crawl-delay {entry.crawl_delay}s" if entry.crawl_delay else "")
        elif result.status is not None and 400 <= result.status < 500 and result.status != 429:
            logger.debug("%s %s: HTTP %s, no rules", tag, robots_url, result.status)
        else:
            entry.failure = result
            logger.warning("%s %s unreachable (%s: %s): nothing of this origin is fetched this run",
                           tag, robots_url, result.outcome, result.error)
