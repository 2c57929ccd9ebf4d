"""Fetch product pages politely: one session, timeouts, retries, a size cap, per-retailer delay.

``Fetcher.fetch(url, retailer)`` never raises for network trouble; it returns a
``FetchResult`` whose ``outcome`` is one of models.OUTCOMES:

| outcome | when |
| --- | --- |
| ok | 2xx, body read in full |
| http_error | any other status (429 and 5xx after the retries) |
| blocked | 401/403, or a bot-check page |
| timeout | connect or read timed out (after the retries) |
| too_large | the body is bigger than ``max_bytes`` |
| error | connection refused, bad URL, redirect loop, ... (after the retries where it may help) |

Retries: at most ``retries`` more attempts on 429, 5xx, timeouts and connection errors, never
on other 4xx. The wait is ``backoff * 2**attempt``, or the server's ``Retry-After`` when it says
so; a ``Retry-After`` longer than ``max_retry_after`` means give up now rather than hammer.
Sequential for now; per-retailer state lives in ``_last`` so concurrency can grow from here.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests

from .config import Settings
from .errors import PowerTrackerError
from .models import FetchResult, Retailer

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
BLOCKED_STATUSES = frozenset({401, 403})
_BOT_CHECK = re.compile(rb"<title>[^<]{0,80}(captcha|are you a robot|robot check|access denied|attention required)",
                        re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
CHUNK = 64 * 1024


class FetchFailed(PowerTrackerError):
    """One page could not be fetched (``scrape.py --extract URL``): a partial failure."""

    exit_code = 1


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _decode(body: bytes, header_charset: str | None) -> str:
    charset = header_charset
    if not charset:
        m = _META_CHARSET.search(body[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


class Fetcher:
    """A requests.Session with the project's politeness rules. Use as a context manager."""

    def __init__(self, settings: Settings, *, max_bytes: int = MAX_BYTES, retries: int = 2,
                 backoff: float = 2.0, max_retry_after: float = 30.0, timeout: float | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.session = requests.Session()
        self.session.headers.update({
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-GB,en;q=0.9",
        })
        read = settings.request_timeout if timeout is None else timeout
        self.timeout = (min(read, 10.0), read)
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.default_delay = settings.default_delay
        self._sleep = sleep
        self._last: dict[str, float] = {}  # politeness key -> monotonic time of the last request
        self.stats = {"requests": 0, "retries": 0, "gave_up": 0}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def _wait_turn(self, key: str, delay: float) -> None:
        last = self._last.get(key)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last[key] = time.monotonic()

    def fetch(self, url: str, retailer: Retailer | None = None, tag: str = "") -> FetchResult:
        """GET ``url`` with retries; ``tag`` (e.g. 'run=3 product=x') prefixes the log lines."""
        key = retailer.id if retailer else (urlsplit(url).hostname or url)
        delay = retailer.delay if retailer else self.default_delay
        started = time.monotonic()
        attempt = 0
        while True:
            self._wait_turn(key, delay)
            self.stats["requests"] += 1
            result, retryable, retry_after = self._once(url)
            if not retryable or attempt >= self.retries:
                break
            wait = retry_after if retry_after is not None else self.backoff * 2 ** attempt
            if wait > self.max_retry_after:
                logger.warning("%s url=%s: Retry-After %.0fs is over the %.0fs cap; not retrying",
                               tag, url, wait, self.max_retry_after)
                break
            attempt += 1
            self.stats["retries"] += 1
            logger.debug("%s url=%s: %s (status %s), retry %d of %d in %.2fs",
                         tag, url, result.outcome, result.status, attempt, self.retries, wait)
            self._sleep(wait)
        if result.outcome != "ok":
            self.stats["gave_up"] += 1
            logger.debug("%s url=%s: gave up after %d attempt(s): %s %s", tag, url, attempt + 1,
                         result.outcome, result.error or "")
        total_ms = int((time.monotonic() - started) * 1000)
        return replace(result, duration_ms=total_ms)

    def _once(self, url: str) -> tuple[FetchResult, bool, float | None]:
        """One request: the result, whether another try may help, and Retry-After seconds."""
        t0 = time.monotonic()

        def done(outcome: str, status: int | None = None, text: str | None = None, nbytes: int = 0,
                 error: str | None = None, final_url: str | None = None,
                 headers: Mapping[str, str] | None = None) -> FetchResult:
            h = headers or {}
            return FetchResult(url=url, status=status, text=text, final_url=final_url,
                               duration_ms=int((time.monotonic() - t0) * 1000), bytes=nbytes,
                               outcome=outcome, error=error, etag=h.get("ETag"),
                               last_modified=h.get("Last-Modified"))

        try:
            resp = self.session.get(url, timeout=self.timeout, stream=True)
        except requests.Timeout as exc:
            return done("timeout", error=f"timed out: {type(exc).__name__}"), True, None
        except requests.ConnectionError as exc:
            return done("error", error=f"connection failed: {exc}"), True, None
        except requests.RequestException as exc:  # bad URL, redirect loop, ...
            return done("error", error=f"{type(exc).__name__}: {exc}"), False, None
        with resp:
            status, headers, final = resp.status_code, resp.headers, resp.url
            retry_after = retry_after_seconds(resp.headers.get("Retry-After"))
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                return done("too_large", status, nbytes=int(declared), final_url=final, headers=headers,
                            error=f"Content-Length {declared} is over the {self.max_bytes}-byte cap"), False, None
            chunks: list[bytes] = []
            size = 0
            deadline = t0 + self.timeout[0] + 2 * self.timeout[1]
            try:
                for chunk in resp.iter_content(CHUNK):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > self.max_bytes:
                        return done("too_large", status, nbytes=size, final_url=final, headers=headers,
                                    error=f"body over the {self.max_bytes}-byte cap"), False, None
                    if time.monotonic() > deadline:
                        return done("timeout", status, nbytes=size, final_url=final, headers=headers,
                                    error="body too slow"), True, None
            except requests.RequestException as exc:  # read timeouts arrive as ConnectionError here
                outcome = "timeout" if "timed out" in str(exc).lower() else "error"
                return done(outcome, status, nbytes=size, error=f"body read failed: {exc}"), True, None
            body = b"".join(chunks)
            text = _decode(body, resp.encoding if "charset" in resp.headers.get("Content-Type", "") else None)
        if status in BLOCKED_STATUSES or (200 <= status < 300 and _BOT_CHECK.search(body[:8192])):
            return done("blocked", status, nbytes=size, final_url=final, headers=headers,
                        error=f"HTTP {status}: blocked or bot check"), False, None
        if not 200 <= status < 300:
            return done("http_error", status, nbytes=size, final_url=final, headers=headers,
                        error=f"HTTP {status}"), status in RETRY_STATUSES, retry_after
        return done("ok", status, text=text, nbytes=size, final_url=final, headers=headers), False, None
