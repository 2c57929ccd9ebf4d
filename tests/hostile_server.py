"""A loopback HTTP server that misbehaves on purpose, for the fetch and scrape tests.

Paths (any other path: a small product page, 200):

| path | behaviour |
| --- | --- |
| /flaky | 503 the first time, then the page |
| /always-503 | 503 every time |
| /ratelimited | 429 with Retry-After: 1 the first time, then the page |
| /ratelimited-long | 429 with Retry-After: 3600 |
| /missing, /forbidden, /captcha | 404; 403; 200 with a bot-check page |
| /huge-declared, /huge-streamed | a body over the client's cap, with and without Content-Length |
| /endless | 200, no length, bytes forever (until the client hangs up) |
| /gzip-bomb | 200, Content-Encoding gzip: 20 KB on the wire that inflate to 50 MB |
| /gzip | the page, gzip-compressed |
| /slow | the page after 1.5 s |
| /trickle | headers at once, then one byte every 0.3 s |
| /reset | the connection is reset before any answer |
| /redirect-loop, /redirect-once | 302 to itself forever; 302 to /ok |
| /etag | the page with ETag "v1"; 304 to If-None-Match "v1" |
| /pdf | 200 application/pdf |
| /latin1 | a latin-1 page declared in the header |
| /private/... | disallowed by /robots.txt |
| /robots.txt | disallows /private/ and (for the "PowerTracker" agent) /nobots/ |
| /price/<retailer>/<product> | a JSON-LD product page whose price the test sets in ``server.prices``; |
|  | its ETag is the price, and If-None-Match with it gets a 304 |
| absolute-URI requests (``GET http://host/path``) | served as a forward proxy would, counted in ``proxied`` |
| any path set in ``raw`` | its script, sent as is: bytes are written, a float is a pause, None hangs up; |
|  | without a None the connection stays open for the next request |

``hits`` counts requests per path, ``user_agents`` and ``headers`` record what clients sent,
``started`` when each request came and ``max_in_flight`` how many were served at once; ``peers``
the client port of each request (one port per connection: the same port twice is a reused
connection); ``delay`` slows every answer but robots.txt down. ``hostile_server(tls)`` serves
https with that SSL context.
"""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

PAGE = b"<!doctype html><html><head><title>River 2</title></head><body><h1>River 2</h1></body></html>"
ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: PowerTracker\nDisallow: /private/\nDisallow: /nobots/\n"
BOMB = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)


def price_page(name: str, price: Decimal, currency: str = "GBP") -> bytes:
    data = {"@context": "https://schema.org", "@type": "Product", "name": name,
            "offers": {"@type": "Offer", "price": f"{price:.2f}", "priceCurrency": currency,
                       "availability": "https://schema.org/InStock"}}
    return (f'<!doctype html><html><head><title>{name}</title><script type="application/ld+json">'
            f"{json.dumps(data)}</script></head><body><h1>{name}</h1></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        raw = self.path
        if raw.startswith("http://"):  # a forward-proxy request
            srv.proxied.append((raw, self.headers.get("Proxy-Authorization")))
            raw = urlsplit(raw).path or "/"
        path = raw
        with srv.lock:
            n = srv.hits[path] = srv.hits[path] + 1
            srv.user_agents.append(self.headers.get("User-Agent", ""))
            srv.headers.append({k.lower(): v for k, v in self.headers.items()})
            srv.peers.append(self.client_address[1])
        with srv.lock:
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
            srv.started.append(time.monotonic())
        try:
            self._answer(path, n)
        finally:
            with srv.lock:
                srv.in_flight -= 1

    def _answer(self, path: str, n: int) -> None:
        srv = self.server
        if path in srv.raw:
            return self._raw(srv.raw[path])
        if srv.delay and path != "/robots.txt":
            time.sleep(srv.delay)
        if path == "/robots.txt":
            if srv.robots_status != 200:
                return self._send(srv.robots_status, b"nope")
            return self._send(200, srv.robots, ctype="text/plain")
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
        if path == "/huge-streamed":
            return self._stream(b"y" * 1000, 50)
        if path == "/endless":
            return self._stream(b"<p>" + b"z" * 8189, None)
        if path == "/gzip-bomb":
            return self._send(200, BOMB, {"Content-Encoding": "gzip"})
        if path == "/gzip":
            return self._send(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200, PAGE)
        if path == "/trickle":
            return self._trickle()
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        if path == "/redirect-loop":
            return self._send(302, b"", {"Location": "/redirect-loop"})
        if path == "/redirect-once":
            return self._send(302, b"", {"Location": "/ok"})
        if path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return None
            return self._send(200, PAGE, {"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"})
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4", ctype="application/pdf")
        if path == "/latin1":
            return self._send(200, "<html><title>Caf\u00e9 \u00a3</title></html>".encode("latin-1"),
                              ctype="text/html; charset=iso-8859-1")
        if path.startswith("/price/"):
            price = srv.prices.get(path)
            if price is None:
                return self._send(404, b"not here")
            etag = f'"{price}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            return self._send(200, price_page(path, price), {"ETag": etag})
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

    def _raw(self, script: Sequence[bytes | float | None]) -> None:
        try:
            for step in script:
                if step is None:
                    self.close_connection = True
                    return
                if isinstance(step, float):
                    time.sleep(step)
                else:
                    self.wfile.write(step)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _stream(self, chunk: bytes, times: int | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        n = 0
        try:
            while times is None or n < times:
                self.wfile.write(chunk)
                n += 1
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.tls = tls
        if tls is not None:  # the handshake happens in the handler's thread, on the first read
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.proxied: list[tuple[str, str | None]] = []
        self.raw: dict[str, Sequence[bytes | float | None]] = {}
        self.peers: list[int] = []
        self.prices: dict[str, Decimal] = {}
        self.robots_status = 200
        self.robots = ROBOTS  # the body of /robots.txt
        self.delay = 0.0  # seconds before every answer but robots.txt
        self.in_flight = 0
        self.max_in_flight = 0
        self.started: list[float] = []  # monotonic time each request arrived

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a refused handshake, or a client hanging up on bytes it will not read: what the tests provoke
        if not isinstance(sys.exc_info()[1], ssl.SSLError | ConnectionResetError):
            super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{path}"


@contextmanager
def hostile_server(tls: ssl.SSLContext | None = None) -> Iterator[HostileServer]:
    srv = HostileServer(tls)
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)  # shutdown() waits a poll
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
