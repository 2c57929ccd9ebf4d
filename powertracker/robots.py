"""robots.txt, fetched once per run and origin, and read as RFC 9309 says (with Protego).

The group for the user agent's product token (``PowerTracker`` of ``PowerTracker/0.1 (+https://...)``)
applies (Protego, like the standard library, also takes a group named by the token's start, ``Power``),
else ``*``; within it the longest matching rule wins, an Allow over a Disallow of the same
length, and ``*`` and a closing ``$`` are wildcards. (The standard library's parser takes the first
matching rule in file order and reads wildcards as plain text, so ``Disallow: /shop/`` before
``Allow: /shop/p/`` shut every product page out, and ``Disallow: /*?sort=`` shut out nothing.)

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
import re
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

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
        self.rules: Protego | None = None
        self.failure: FetchResult | None = None
        self.crawl_delay: float | None = None
        self.done = False


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: the User-Agent up to its first '/' or space (its
    comment's URL must not make a group for, say, ``github`` apply)."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0] or user_agent


class RobotsCache:
    """Per-run robots.txt rules by origin; thread-safe (each origin is fetched once)."""

    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        self.agent = product_token(user_agent)
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
        allowed = entry.rules is None or entry.rules.can_fetch(url, self.agent)
        return Verdict(allowed, fetched_now, None, entry.crawl_delay)

    def _load(self, entry: _Origin, robots_url: str, retailer: Retailer | None, tag: str) -> None:
        result = self.fetcher.fetch(robots_url, retailer, tag, accept=None, max_bytes=MAX_ROBOTS_BYTES)
        entry.done = True
        if result.outcome == "ok" and result.text is not None:
            entry.rules = Protego.parse(result.text)
            entry.crawl_delay = entry.rules.crawl_delay(self.agent)
            logger.debug("%s %s read%s", tag, robots_url,
                         f", crawl-delay {entry.crawl_delay}s" if entry.crawl_delay else "")
        elif result.status is not None and 400 <= result.status < 500 and result.status != 429:
            logger.debug("%s %s: HTTP %s, no rules", tag, robots_url, result.status)
        else:
            entry.failure = result
            logger.warning("%s %s unreachable (%s: %s): nothing of this origin is fetched this run",
                           tag, robots_url, result.outcome, result.error)
