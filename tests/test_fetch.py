"""fetch.py against a real loopback server that misbehaves on purpose."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from powertracker.config import Settings
from powertracker.fetch import Fetcher, retry_after_seconds
from powertracker.models import Retailer

PAGE = b"<!doctype html><html><head><title>River 2</title></head><body><h1>River 2</h1></body></html>"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        n = self.server.hits[path] = self.server.hits[path] + 1
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        if path == "/flaky" and n == 1:
            return self._send(503, b"busy")
        if path == "/always-503":
            return self._send(503, b"busy")
        if path == "/ratelimited" and n == 1:
            return self._send(429, b"slow down", {"Retry-After": "1"})
        if path == "/ratelimited-long":
            return self._send(429, b"slow down", {"Retry-After": "3600"})
        if path == "/missing":
            return self._send(404, b"not here")
        if path == "/forbidden":
            return self._send(403, b"no bots")
        if path == "/captcha":
            return self._send(200, b"<html><head><title>Are you a robot?</title></head></html>")
        if path == "/huge-declared":
            return self._send(200, b"x" * 5000)
        if path == "/huge-streamed":  # no Content-Length: the cap must apply while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            return None
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, PAGE)
        if path == "/latin1":
            return self._send(200, "<html><title>Caf\u00e9 \u00a3</title></html>".encode("latin-1"),
                              ctype="text/html; charset=iso-8859-1")
        return self._send(200, PAGE)

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def url(srv: Server, path: str) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}{path}"


@pytest.fixture
def fetcher(settings: Settings) -> Iterator[Fetcher]:
    with Fetcher(replace(settings, request_timeout=0.5, default_delay=0.0), backoff=0.05, max_bytes=2000) as f:
        yield f


def test_ok_page_sends_user_agent(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/ok"))
    assert (r.outcome, r.status, r.text, r.bytes) == ("ok", 200, PAGE.decode(), len(PAGE))
    assert server.user_agents == ["PowerTracker/0.1 (+https://github.com/power-tracker/power-tracker)"]


def test_503_then_200_is_retried(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/flaky"))
    assert (r.outcome, r.status, r.text) == ("ok", 200, PAGE.decode())
    assert server.hits["/flaky"] == 2
    assert fetcher.stats == {"requests": 2, "retries": 1, "gave_up": 0}


def test_persistent_503_gives_up_after_two_retries(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/always-503"))
    assert (r.outcome, r.status, r.error) == ("http_error", 503, "HTTP 503")
    assert server.hits["/always-503"] == 3
    assert fetcher.stats == {"requests": 3, "retries": 2, "gave_up": 1}


def test_404_is_not_retried(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/missing"))
    assert (r.outcome, r.status, r.error) == ("http_error", 404, "HTTP 404")
    assert server.hits["/missing"] == 1


def test_403_and_bot_check_are_blocked(server: Server, fetcher: Fetcher) -> None:
    assert (fetcher.fetch(url(server, "/forbidden")).outcome, server.hits["/forbidden"]) == ("blocked", 1)
    r = fetcher.fetch(url(server, "/captcha"))
    assert (r.outcome, r.status) == ("blocked", 200)


def test_429_retry_after_is_honoured(server: Server, fetcher: Fetcher) -> None:
    t0 = time.monotonic()
    r = fetcher.fetch(url(server, "/ratelimited"))
    elapsed = time.monotonic() - t0
    assert (r.outcome, r.status) == ("ok", 200)
    assert server.hits["/ratelimited"] == 2
    assert 1.0 <= elapsed < 3.0, elapsed
    assert r.duration_ms >= 1000


def test_retry_after_over_the_cap_gives_up_at_once(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/ratelimited-long"))
    assert (r.outcome, r.status, server.hits["/ratelimited-long"]) == ("http_error", 429, 1)


def test_oversize_body_is_too_large(server: Server, fetcher: Fetcher) -> None:
    declared = fetcher.fetch(url(server, "/huge-declared"))
    assert (declared.outcome, declared.status, declared.bytes, declared.text) == ("too_large", 200, 5000, None)
    streamed = fetcher.fetch(url(server, "/huge-streamed"))
    assert (streamed.outcome, streamed.status, streamed.text) == ("too_large", 200, None)
    assert 2000 < streamed.bytes <= 2000 + 64 * 1024
    assert server.hits["/huge-declared"] == server.hits["/huge-streamed"] == 1


def test_timeout_is_retried_then_reported(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/slow"))
    assert (r.outcome, r.status, r.text) == ("timeout", None, None)
    assert server.hits["/slow"] == 3
    assert fetcher.stats["retries"] == 2


def test_connection_refused_is_an_error(server: Server, fetcher: Fetcher) -> None:
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    r = fetcher.fetch(f"http://127.0.0.1:{port}/gone")
    assert (r.outcome, r.status) == ("error", None)
    assert r.error is not None and r.error.startswith("connection failed")
    assert fetcher.stats == {"requests": 3, "retries": 2, "gave_up": 1}


def test_charset_from_header_is_used(server: Server, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/latin1"))
    assert r.text == "<html><title>Caf\u00e9 \u00a3</title></html>"


def test_per_retailer_delay(server: Server, fetcher: Fetcher) -> None:
    shop = Retailer(id="shop-a", name="Shop A", delay=0.4)
    other = Retailer(id="shop-b", name="Shop B", delay=0.4)
    t0 = time.monotonic()
    fetcher.fetch(url(server, "/a"), shop)
    fetcher.fetch(url(server, "/b"), other)  # another retailer: no wait
    assert time.monotonic() - t0 < 0.3
    fetcher.fetch(url(server, "/c"), shop)
    assert time.monotonic() - t0 >= 0.4
    assert server.hits == Counter({"/a": 1, "/b": 1, "/c": 1})


def test_retry_after_parsing() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None
