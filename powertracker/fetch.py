"""Fetch product pages politely and cheaply: pooled connections, retries, caps, conditional requests.

Pages go over the lean keep-alive client in ``fetch_http`` (a proxied retailer, or a URL that
urllib3 would first rewrite, over urllib3).

``Fetcher.fetch(url, retailer)`` never raises for network trouble; it returns a
``FetchResult`` whose ``outcome`` is one of models.OUTCOMES:

| outcome | when |
| --- | --- |
| ok | 2xx, body read in full (and decoded: gzip/deflate) |
| not_modified | 304 to our ``If-None-Match`` / ``If-Modified-Since``: the page is as we last saw it |
| http_error | any other status (429 and 5xx after the retries) |
| blocked | 401/403, or a bot-check page |
| timeout | connect or read timed out, or the body trickled past its deadline (after the retries) |
| too_large | the body (on the wire or decoded: a gzip bomb) is over ``max_bytes``; cut off, never held |
| error | connection refused or reset, bad URL, redirect loop, a content type that is no web page, ... |

Retries: at most ``retries`` more attempts on 429, 5xx, timeouts and connection errors, never
on other 4xx. The wait is ``backoff * 2**attempt`` stretched by up to ``jitter`` (so clients
never retry in step), or the server's ``Retry-After`` when it says so; a ``Retry-After`` longer
than ``max_retry_after`` means give up now rather than hammer.

Thread-safe: one Fetcher serves every worker of a run. Requests to one retailer start at
least its ``delay`` apart (``_wait_turn``). Once ``stop`` (a threading.Event) is set, a request
that has not gone out yet is abandoned (``error == INTERRUPTED``) and a retry wait ends with the
last real answer; a page already downloading may finish (the run gives it a few seconds).
"""

from __future__ import annotations

import codecs
import logging
import random
import re
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .config import Settings
from .errors import PowerTrackerError
from .fetch_http import Client, HTTPFailure, target
from .fetch_http import ConnectTimeoutError as DirectConnectTimeout
from .fetch_http import ReadTimeoutError as DirectReadTimeout
from .models import FetchResult, Retailer
from .proxy import ProxyConfig, pool_manager

if TYPE_CHECKING:
    import urllib3

logger = logging.getLogger(__name__)

# urllib3's errors, bound when a proxied (or odd) URL first needs urllib3, which a run of plain URLs never
# imports: an ``except`` clause reads these names when an error is being handled, and () matches nothing
_U3_REFUSED: tuple[type[Exception], ...] = ()  # NewConnectionError: a ConnectTimeoutError, but no timeout
_U3_TIMEOUT: tuple[type[Exception], ...] = ()
_U3_BAD_URL: tuple[type[Exception], ...] = ()
_U3_ERROR: tuple[type[Exception], ...] = ()  # urllib3's HTTPError (ProtocolError is one)


def _urllib3() -> Any:
    global _U3_REFUSED, _U3_TIMEOUT, _U3_BAD_URL, _U3_ERROR
    import urllib3
    from urllib3 import exceptions

    _U3_REFUSED, _U3_TIMEOUT = (exceptions.NewConnectionError,), (exceptions.TimeoutError,)
    _U3_BAD_URL, _U3_ERROR = (exceptions.LocationParseError,), (exceptions.HTTPError,)
    return urllib3

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
BLOCKED_STATUSES = frozenset({401, 403})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = ("text/html", "application/xhtml+xml")
INTERRUPTED = "interrupted"
_BOT_CHECK = re.compile(rb"<title>[^<]{0,80}(captcha|are you a robot|robot check|access denied|attention required)",
                        re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9_.:-]+)", re.I)
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
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def body_encoding(body: bytes, content_type: str | None) -> str:
    """The page's character encoding: the header's charset, else a <meta charset>, else UTF-8
    (also UTF-8 for a charset Python does not know)."""
    m = _CHARSET.search(content_type or "")
    if m:
        charset = m.group(1)
    else:
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii") if meta else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return "utf-8"
    return charset


try:  # ISA-L's inflate: about a third of zlib's CPU a page (requirements.txt installs it where it has wheels)
    from isal import isal_zlib as _inflate
    _INFLATE_ERRORS: tuple[type[Exception], ...] = (zlib.error, _inflate.error)
except ImportError:  # elsewhere (a 32-bit Pi): zlib, the same interface
    _inflate = zlib  # type: ignore[assignment]
    _INFLATE_ERRORS = (zlib.error,)


def _decompressor(encoding: str | None) -> Any:
    enc = (encoding or "").strip().lower()
    if enc in ("", "identity"):
        return None
    if enc in ("gzip", "x-gzip"):
        return _inflate.decompressobj(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return _inflate.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


class _Attempt:
    """The result of one request: a FetchResult, whether to retry, and the Retry-After wait."""

    __slots__ = ("result", "retry", "retry_after")

    def __init__(self, result: FetchResult, retry: bool = False, retry_after: float | None = None) -> None:
        self.result, self.retry, self.retry_after = result, retry, retry_after


class Fetcher:
    """Pooled HTTP with the project's politeness rules. Use as a context manager."""

    def __init__(self, settings: Settings, *, max_bytes: int = MAX_BYTES, retries: int = 2,
                 backoff: float = 2.0, max_retry_after: float = 30.0, timeout: float | None = None,
                 sleep: Callable[[float], None] | None = None, stop: threading.Event | None = None,
                 jitter: float = 0.5, pool_size: int | None = None) -> None:
        self.headers = {
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-GB,en;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        }
        read = settings.request_timeout if timeout is None else timeout
        connect = min(read, 10.0)
        self._pool_size = max(pool_size or settings.scrape_concurrency, 1)
        self.timeout: urllib3.Timeout | None = None  # urllib3's, made with its first pool
        self._direct = Client(self._pool_size, connect, read)
        self._body_budget = connect + 2 * read
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.jitter = jitter
        self.max_retry_after = max_retry_after
        self.default_delay = settings.default_delay
        self.proxies = ProxyConfig.from_settings(settings)
        self.stop = stop or threading.Event()
        self._sleep = sleep
        self._pools: dict[str | None, urllib3.PoolManager] = {}
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}  # politeness key -> monotonic time of the last request start
        self.stats = {"requests": 0, "retries": 0, "gave_up": 0}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            for pool in self._pools.values():
                pool.clear()
            self._pools.clear()
        self._direct.clear()

    def _count(self, key: str) -> None:
        with self._lock:
            self.stats[key] += 1

    def _pool(self, retailer_id: str | None) -> urllib3.PoolManager:
        proxy = self.proxies.for_retailer(retailer_id)
        with self._lock:
            pool = self._pools.get(proxy)
            if pool is None:
                if self.timeout is None:
                    self.timeout = _urllib3().Timeout(connect=self._direct.connect_timeout,
                                                      read=self._direct.read_timeout)
                pool = self._pools[proxy] = pool_manager(proxy, num_pools=64, maxsize=self._pool_size,
                                                         block=False, retries=False)
            return pool

    def _pause(self, seconds: float) -> bool:
        """Wait; False when ``stop`` was set meanwhile."""
        if seconds <= 0:
            return not self.stop.is_set()
        if self._sleep is not None:
            self._sleep(seconds)
            return not self.stop.is_set()
        return not self.stop.wait(seconds)

    def _wait_turn(self, key: str, delay: float) -> bool:
        """Reserve the next start time for ``key`` (``delay`` after the previous one) and wait for it."""
        with self._lock:
            now = time.monotonic()
            last = self._last.get(key)
            slot = now if last is None else max(now, last + delay)
            self._last[key] = slot
        return self._pause(slot - now)

    def fetch(self, url: str, retailer: Retailer | None = None, tag: str = "", *, etag: str | None = None,
              last_modified: str | None = None,
              accept: tuple[str, ...] | None = PAGE_TYPES, max_bytes: int | None = None) -> FetchResult:
        """GET ``url`` with retries; ``tag`` (e.g. 'run=3 product=x') prefixes the log lines.

        ``etag`` / ``last_modified`` make it a conditional request (a 304 is ``not_modified``).
        ``accept``: content types taken as a page (None: any).
        """
        key = retailer.id if retailer else (urlsplit(url).hostname or url)
        delay = retailer.delay if retailer else self.default_delay
        retailer_id = retailer.id if retailer else None
        proxied = self.proxies.for_retailer(retailer_id) is not None
        headers = dict(self.headers)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        attempt = 0
        while True:
            if not self._wait_turn(key, delay):
                return FetchResult(url=url, status=None, body=None, outcome="error", error=INTERRUPTED)
            self._count("requests")
            one = self._once(url, retailer_id, headers, accept, max_bytes or self.max_bytes, direct=not proxied)
            result = one.result
            if result.error == INTERRUPTED or not one.retry or attempt >= self.retries:
                break
            if one.retry_after is not None:
                wait = one.retry_after
            else:
                wait = self.backoff * 2 ** attempt * (1 + self.jitter * random.random())  # noqa: S311
            if wait > self.max_retry_after:
                logger.warning("%s url=%s: Retry-After %.0fs is over the %.0fs cap; not retrying",
                               tag, url, wait, self.max_retry_after)
                break
            attempt += 1
            self._count("retries")
            logger.debug("%s url=%s: %s (status %s), retry %d of %d in %.2fs",
                         tag, url, result.outcome, result.status, attempt, self.retries, wait)
            if not self._pause(wait):
                break  # stopping: report the last real answer
        if result.outcome not in ("ok", "not_modified") and result.error != INTERRUPTED:
            self._count("gave_up")
            logger.debug("%s url=%s: gave up after %d attempt(s): %s %s", tag, url, attempt + 1,
                         result.outcome, result.error or "")
        return replace(result, duration_ms=int((time.monotonic() - started) * 1000))

    def _once(self, url: str, retailer_id: str | None, headers: Mapping[str, str],
              accept: tuple[str, ...] | None, max_bytes: int, direct: bool = False) -> _Attempt:
        """One request, following at most MAX_REDIRECTS redirects. ``direct``: no proxy, so a plain
        URL goes over the lean client (``fetch_http``), anything else over the retailer's urllib3 pool."""
        t0 = time.monotonic()
        current = url

        def done(outcome: str, status: int | None = None, body: bytes | None = None, nbytes: int = 0,
                 error: str | None = None, resp_headers: Any = None, encoding: str = "utf-8") -> FetchResult:
            h = resp_headers or {}
            return FetchResult(url=url, status=status, body=body, final_url=current,
                               duration_ms=int((time.monotonic() - t0) * 1000), bytes=nbytes,
                               outcome=outcome, error=None if error is None else self.proxies.scrub(error),
                               etag=h.get("ETag"), last_modified=h.get("Last-Modified"), encoding=encoding)

        lines = b""
        try:
            for _ in range(MAX_REDIRECTS + 1):
                where = target(current) if direct else None
                if where is not None:
                    if not lines:
                        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode("latin-1")
                    resp: Any = self._direct.get(where, lines, t0 + self._body_budget)
                else:
                    resp = self._pool(retailer_id).urlopen(
                        "GET", current, headers=dict(headers), redirect=False, retries=False,
                        preload_content=False, decode_content=False, timeout=self.timeout)
                location = resp.headers.get("Location")
                if resp.status not in REDIRECT_STATUSES or not location:
                    break
                resp.close()  # never read a redirect's body: it may be endless
                current = urljoin(current, location)
            else:
                return _Attempt(done("error", resp.status, error=f"more than {MAX_REDIRECTS} redirects"))
        except _U3_REFUSED as exc:  # a subclass of ConnectTimeoutError, but refused is no timeout
            return _Attempt(done("error", error=f"connection failed: {exc}"), retry=True)
        except (*_U3_TIMEOUT, DirectConnectTimeout, DirectReadTimeout) as exc:
            return _Attempt(done("timeout", error=f"timed out: {type(exc).__name__}"), retry=True)
        except _U3_BAD_URL as exc:
            return _Attempt(done("error", error=f"bad URL: {exc}"))
        except (*_U3_ERROR, HTTPFailure) as exc:  # refused, reset, proxy trouble, TLS, ...
            return _Attempt(done("error", error=f"connection failed: {exc}"), retry=True)
        try:
            return self._response(resp, done, accept, max_bytes, t0)
        finally:
            resp.release_conn()

    def _response(self, resp: Any, done: Callable[..., FetchResult], accept: tuple[str, ...] | None,
                  max_bytes: int, t0: float) -> _Attempt:
        status, headers = resp.status, resp.headers
        if status == 304:
            return _Attempt(done("not_modified", status, resp_headers=headers))
        if status in BLOCKED_STATUSES:
            resp.close()
            return _Attempt(done("blocked", status, resp_headers=headers, error=f"HTTP {status}: blocked"))
        if not 200 <= status < 300:
            resp.close()
            retry_after = retry_after_seconds(headers.get("Retry-After"))
            return _Attempt(done("http_error", status, resp_headers=headers, error=f"HTTP {status}"),
                            retry=status in RETRY_STATUSES, retry_after=retry_after)
        ctype = headers.get("Content-Type", "")
        if accept is not None and ctype and ctype.split(";")[0].strip().lower() not in accept:
            resp.close()
            return _Attempt(done("error", status, resp_headers=headers,
                                 error=f"content type {ctype.split(';')[0]!r} is not a web page"))
        declared = headers.get("Content-Length", "")
        if declared.isascii() and declared.isdigit() and len(declared) <= 18 and int(declared) > max_bytes:
            resp.close()
            return _Attempt(done("too_large", status, nbytes=int(declared), resp_headers=headers,
                                 error=f"Content-Length {declared} is over the {max_bytes}-byte cap"))
        try:
            decoder = _decompressor(headers.get("Content-Encoding"))
        except ValueError as exc:
            resp.close()
            return _Attempt(done("error", status, resp_headers=headers, error=str(exc)))
        chunks: list[bytes] = []
        wire = size = 0
        deadline = t0 + self._body_budget
        try:
            while chunk := resp.read1(CHUNK, decode_content=False):  # what has arrived, up to CHUNK
                wire += len(chunk)
                if decoder is not None:
                    chunk = decoder.decompress(chunk, max_bytes + 1 - size)
                size += len(chunk)
                if size > max_bytes or wire > max_bytes:
                    resp.close()
                    what = "decoded body" if size > max_bytes and decoder is not None else "body"
                    return _Attempt(done("too_large", status, nbytes=wire, resp_headers=headers,
                                         error=f"{what} over the {max_bytes}-byte cap"))
                if chunk:  # (a gzip header alone inflates to nothing)
                    chunks.append(chunk)
                if time.monotonic() > deadline:
                    resp.close()
                    return _Attempt(done("timeout", status, nbytes=wire, resp_headers=headers,
                                         error="body too slow"), retry=True)
            if decoder is not None:
                tail = decoder.flush()
                size += len(tail)
                if size > max_bytes:
                    return _Attempt(done("too_large", status, nbytes=wire, resp_headers=headers,
                                         error=f"decoded body over the {max_bytes}-byte cap"))
                if tail:
                    chunks.append(tail)
        except (*_U3_TIMEOUT, DirectReadTimeout):
            return _Attempt(done("timeout", status, nbytes=wire, error="body read timed out"), retry=True)
        except (*_U3_ERROR, HTTPFailure, OSError) as exc:
            return _Attempt(done("error", status, nbytes=wire, error=f"body read failed: {exc}"), retry=True)
        except _INFLATE_ERRORS as exc:
            return _Attempt(done("error", status, nbytes=wire, resp_headers=headers,
                                 error=f"bad {headers.get('Content-Encoding')} body: {exc}"))
        body = b"".join(chunks)  # one chunk (a page that came and inflated in one piece) is kept, not copied
        if _BOT_CHECK.search(body[:8192]):
            return _Attempt(done("blocked", status, nbytes=wire, resp_headers=headers,
                                 error=f"HTTP {status}: bot check page"))
        return _Attempt(done("ok", status, body=body, nbytes=wire, resp_headers=headers,
                             encoding=body_encoding(body, ctype)))
