"""fetch.py against a real loopback server that misbehaves on purpose (tests/hostile_server.py)."""

from __future__ import annotations

import gzip
import logging
import shutil
import ssl
import subprocess
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import need
from hostile_server import BOMB, PAGE, HostileServer, hostile_server

import powertracker.fetch as fetch_module
from powertracker.config import Settings
from powertracker.errors import ConfigError
from powertracker.fetch import MAX_BYTES, MAX_REDIRECTS, Fetcher, retry_after_seconds
from powertracker.fetch_http import target
from powertracker.models import Retailer


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        yield srv


def url(srv: HostileServer, path: str) -> str:
    return srv.url(path)


@pytest.fixture
def fetcher(settings: Settings) -> Iterator[Fetcher]:
    with Fetcher(replace(settings, request_timeout=0.5, default_delay=0.0), backoff=0.05, max_bytes=2000) as f:
        yield f


def test_ok_page_sends_user_agent(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/ok"))
    assert (r.outcome, r.status, r.text, r.bytes) == ("ok", 200, PAGE.decode(), len(PAGE))
    assert server.user_agents == ["PowerTracker/0.1 (+https://github.com/power-tracker/power-tracker)"]


def test_503_then_200_is_retried(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/flaky"))
    assert (r.outcome, r.status, r.text) == ("ok", 200, PAGE.decode())
    assert server.hits["/flaky"] == 2
    assert fetcher.stats == {"requests": 2, "retries": 1, "gave_up": 0}


def test_persistent_503_gives_up_after_two_retries(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/always-503"))
    assert (r.outcome, r.status, r.error) == ("http_error", 503, "HTTP 503")
    assert server.hits["/always-503"] == 3
    assert fetcher.stats == {"requests": 3, "retries": 2, "gave_up": 1}


def test_404_is_not_retried(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/missing"))
    assert (r.outcome, r.status, r.error) == ("http_error", 404, "HTTP 404")
    assert server.hits["/missing"] == 1


def test_403_and_bot_check_are_blocked(server: HostileServer, fetcher: Fetcher) -> None:
    assert (fetcher.fetch(url(server, "/forbidden")).outcome, server.hits["/forbidden"]) == ("blocked", 1)
    r = fetcher.fetch(url(server, "/captcha"))
    assert (r.outcome, r.status) == ("blocked", 200)


def test_429_retry_after_is_honoured(server: HostileServer, fetcher: Fetcher) -> None:
    t0 = time.monotonic()
    r = fetcher.fetch(url(server, "/ratelimited"))
    elapsed = time.monotonic() - t0
    assert (r.outcome, r.status) == ("ok", 200)
    assert server.hits["/ratelimited"] == 2
    assert 1.0 <= elapsed < 3.0, elapsed
    assert r.duration_ms >= 1000


def test_retry_after_over_the_cap_gives_up_at_once(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/ratelimited-long"))
    assert (r.outcome, r.status, server.hits["/ratelimited-long"]) == ("http_error", 429, 1)


def test_oversize_body_is_too_large(server: HostileServer, fetcher: Fetcher) -> None:
    declared = fetcher.fetch(url(server, "/huge-declared"))
    assert (declared.outcome, declared.status, declared.bytes, declared.text) == ("too_large", 200, 5000, None)
    streamed = fetcher.fetch(url(server, "/huge-streamed"))
    assert (streamed.outcome, streamed.status, streamed.text) == ("too_large", 200, None)
    assert 2000 < streamed.bytes <= 2000 + 64 * 1024
    assert server.hits["/huge-declared"] == server.hits["/huge-streamed"] == 1


def test_timeout_is_retried_then_reported(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/slow"))
    assert (r.outcome, r.status, r.text) == ("timeout", None, None)
    assert server.hits["/slow"] == 3
    assert fetcher.stats["retries"] == 2


def test_connection_refused_is_an_error(server: HostileServer, fetcher: Fetcher) -> None:
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    r = fetcher.fetch(f"http://127.0.0.1:{port}/gone")
    assert (r.outcome, r.status) == ("error", None)
    assert r.error is not None and r.error.startswith("connection failed")
    assert fetcher.stats == {"requests": 3, "retries": 2, "gave_up": 1}


def test_charset_from_header_is_used(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/latin1"))
    assert r.text == "<html><title>Caf\u00e9 \u00a3</title></html>"


def test_per_retailer_delay(server: HostileServer, fetcher: Fetcher) -> None:
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


# --- hostile answers: bodies, encodings, redirects, resets ---------------------------------------------

def test_endless_body_is_cut_off(server: HostileServer, settings: Settings) -> None:
    with Fetcher(replace(settings, default_delay=0.0)) as big:  # the real 5 MiB cap
        t0 = time.monotonic()
        r = big.fetch(url(server, "/endless"))
    assert (r.outcome, r.status, r.text) == ("too_large", 200, None)
    assert MAX_BYTES < r.bytes <= MAX_BYTES + 64 * 1024
    assert r.error == f"body over the {MAX_BYTES}-byte cap"
    assert time.monotonic() - t0 < 10


def test_gzip_bomb_is_cut_off_while_inflating(server: HostileServer, settings: Settings) -> None:
    with Fetcher(replace(settings, default_delay=0.0)) as big:
        r = big.fetch(url(server, "/gzip-bomb"))
    assert (r.outcome, r.status, r.text) == ("too_large", 200, None)
    assert r.error == f"decoded body over the {MAX_BYTES}-byte cap"
    assert r.bytes < 100 * 1024  # what came over the wire: the bomb never inflated past the cap
    assert server.hits["/gzip-bomb"] == 1


def test_gzip_page_is_decoded(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/gzip"))
    assert (r.outcome, r.text) == ("ok", PAGE.decode())
    assert r.bytes < len(PAGE)  # counted on the wire
    assert server.headers[-1]["accept-encoding"] == "gzip, deflate"


def test_trickling_body_times_out(server: HostileServer, settings: Settings) -> None:
    with Fetcher(replace(settings, request_timeout=0.5, default_delay=0.0), retries=0) as f:
        t0 = time.monotonic()
        r = f.fetch(url(server, "/trickle"))
    assert (r.outcome, r.status, r.error) == ("timeout", 200, "body too slow")
    assert 1.4 < time.monotonic() - t0 < 3.0


def test_connection_reset_is_retried_then_an_error(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/reset"))
    assert (r.outcome, r.status) == ("error", None)
    assert r.error is not None and r.error.startswith("connection failed"), r.error
    assert server.hits["/reset"] == 3


def test_redirects_are_followed_up_to_a_cap(server: HostileServer, fetcher: Fetcher) -> None:
    once = fetcher.fetch(url(server, "/redirect-once"))
    assert (once.outcome, once.final_url, once.text) == ("ok", url(server, "/ok"), PAGE.decode())
    loop = fetcher.fetch(url(server, "/redirect-loop"))
    assert (loop.outcome, loop.status, loop.error) == ("error", 302, f"more than {MAX_REDIRECTS} redirects")
    assert server.hits["/redirect-loop"] == MAX_REDIRECTS + 1  # not retried


def test_content_type_must_be_a_page(server: HostileServer, fetcher: Fetcher) -> None:
    r = fetcher.fetch(url(server, "/pdf"))
    assert (r.outcome, r.status, r.text, r.error) == ("error", 200, None,
                                                      "content type 'application/pdf' is not a web page")


def test_conditional_request_gets_304(server: HostileServer, fetcher: Fetcher) -> None:
    first = fetcher.fetch(url(server, "/etag"))
    assert (first.outcome, first.etag, first.last_modified) == ("ok", '"v1"', "Wed, 01 Jan 2025 00:00:00 GMT")
    again = fetcher.fetch(url(server, "/etag"), etag=first.etag, last_modified=first.last_modified)
    assert (again.outcome, again.status, again.text, again.bytes) == ("not_modified", 304, None, 0)
    sent = server.headers[-1]
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', "Wed, 01 Jan 2025 00:00:00 GMT")
    changed = fetcher.fetch(url(server, "/etag"), etag='"v0"')
    assert changed.outcome == "ok"


def test_stop_cuts_retry_waits_short(server: HostileServer, settings: Settings) -> None:
    stop = threading.Event()
    with Fetcher(replace(settings, default_delay=0.0), backoff=10, stop=stop) as f:
        threading.Timer(0.3, stop.set).start()
        t0 = time.monotonic()
        r = f.fetch(url(server, "/always-503"))
    assert time.monotonic() - t0 < 2
    assert (r.outcome, r.status) == ("http_error", 503)  # the last real answer is reported
    assert server.hits["/always-503"] == 1


def test_backoff_grows_with_jitter(server: HostileServer, settings: Settings) -> None:
    waits: list[float] = []
    with Fetcher(replace(settings, default_delay=0.0), backoff=0.5, jitter=0.5, sleep=waits.append) as f:
        f.fetch(url(server, "/always-503"))
    assert len(waits) == 2
    assert 0.5 <= waits[0] <= 0.75 and 1.0 <= waits[1] <= 1.5, waits


def test_delay_holds_across_threads(server: HostileServer, fetcher: Fetcher) -> None:
    shop = Retailer(id="shop-a", name="Shop A", delay=0.3)
    starts: list[float] = []

    def one(path: str) -> None:
        fetcher.fetch(url(server, path), shop)
        starts.append(time.monotonic())

    threads = [threading.Thread(target=one, args=(f"/t{i}",)) for i in range(3)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - t0 >= 0.6  # three requests, two gaps of 0.3 s
    assert server.hits == Counter({"/t0": 1, "/t1": 1, "/t2": 1})


# --- proxies ---------------------------------------------------------------------------------------------

def test_http_proxy_with_credentials(server: HostileServer, settings: Settings) -> None:
    proxy = f"http://scraper:s3cret@127.0.0.1:{server.port}"
    with Fetcher(replace(settings, default_delay=0.0, proxy_url=proxy)) as f:
        r = f.fetch("http://shop.invalid/p/river-2")
    assert (r.outcome, r.text) == ("ok", PAGE.decode())
    assert server.proxied == [("http://shop.invalid/p/river-2", "Basic " + "c2NyYXBlcjpzM2NyZXQ=")]


def test_per_retailer_proxy_and_direct(server: HostileServer, settings: Settings) -> None:
    proxy = f"http://127.0.0.1:{server.port}"
    s = replace(settings, default_delay=0.0, proxy_url=proxy, retailer_proxies="shop-b=direct")
    with Fetcher(s) as f:
        f.fetch("http://shop.invalid/a", Retailer(id="shop-a", name="A", delay=0))
        f.fetch(url(server, "/b"), Retailer(id="shop-b", name="B", delay=0))
    assert server.proxied == [("http://shop.invalid/a", None)]
    assert server.hits == Counter({"/a": 1, "/b": 1})


def test_proxy_secret_is_never_logged(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with Fetcher(replace(settings, default_delay=0.0, proxy_url="http://scraper:s3cret@127.0.0.1:1"),
                 backoff=0.01) as f:
        r = f.fetch("http://shop.invalid/p/river-2")
    assert r.outcome == "error"
    assert r.error is not None and "s3cret" not in r.error
    assert "s3cret" not in caplog.text
    assert settings.masked()["PROXY_URL"] == ""


def test_bad_proxy_settings_name_the_variable(settings: Settings) -> None:
    with pytest.raises(ConfigError, match=r"PROXY_URL: 'ftp://\*\*\*@host:21' is not a proxy URL"):
        Fetcher(replace(settings, proxy_url="ftp://u:p@host:21"))
    with pytest.raises(ConfigError, match="RETAILER_PROXIES: 'shop-a' is not retailer=URL"):
        Fetcher(replace(settings, retailer_proxies="shop-a"))
    masked = replace(settings, proxy_url="socks5h://u:pw@127.0.0.1:9050").masked()
    assert masked["PROXY_URL"] == "socks5h://u:***@127.0.0.1:9050"
    try:
        import socks  # noqa: F401 - PySocks, optional
    except ImportError:  # without PySocks a SOCKS proxy is a configuration error at start, naming the package
        with pytest.raises(ConfigError, match=r"socks5h://\*\*\*@127.0.0.1:9050 needs the PySocks package"):
            Fetcher(replace(settings, retailer_proxies="shop-a=socks5h://u:pw@127.0.0.1:9050"))


# --- the lean client (fetch_http) against answers framed wrongly on purpose ---------------------------------
# Each answer is a raw script (hostile_server's ``raw``); ``reused`` tells which connection served what.

OK = "HTTP/1.1 200 OK"
HTML = "Content-Type: text/html"
LENGTH = f"Content-Length: {len(PAGE)}"
CHUNKED = "Transfer-Encoding: chunked"
EVIL = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\nevil"


def head(*lines: str) -> bytes:
    return "".join(f"{line}\r\n" for line in (*lines, "")).encode("latin-1")


def chunked(body: bytes, ext: bytes = b"", size: int = 40) -> bytes:
    parts = (body[i:i + size] for i in range(0, len(body), size))
    return b"".join(b"%x%s\r\n%s\r\n" % (len(part), ext, part) for part in parts)


def reused(srv: HostileServer) -> list[bool]:
    """For each request after the first: whether it came over the connection of the one before."""
    return [a == b for a, b in zip(srv.peers, srv.peers[1:], strict=False)]


@pytest.fixture
def quick(settings: Settings) -> Iterator[Fetcher]:
    """No retries, a 0.2 s read timeout: a fetch's whole budget is 0.2 + 2 * 0.2 s."""
    with Fetcher(replace(settings, request_timeout=0.2, default_delay=0.0), retries=0, max_bytes=2000) as f:
        yield f


def test_plain_urls_take_the_lean_client(server: HostileServer) -> None:
    assert target(url(server, "/gzip-bomb")) is not None  # so the cap tests above run over fetch_http too
    assert target("http://shop.example/caf\u00e9") is None


def test_chunked_body_with_extensions_and_trailers_keeps_the_connection(server: HostileServer,
                                                                         quick: Fetcher) -> None:
    body = chunked(PAGE, b' ; name="a;b";x') + b"0;last\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n"
    server.raw["/chunked"] = [head(OK, HTML, CHUNKED), body]
    r = quick.fetch(url(server, "/chunked"))
    assert (r.outcome, r.text, r.bytes) == ("ok", PAGE.decode(), len(PAGE))
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [True]  # the body ended exactly where the framing said


@pytest.mark.parametrize(("body", "error"), [
    (b"zz\r\nhello\r\n0\r\n\r\n", "bad chunk size b'zz'"),
    (b"-5\r\nhello\r\n0\r\n\r\n", "bad chunk size b'-5'"),
    (b"0x5\r\nhello\r\n0\r\n\r\n", "bad chunk size b'0x5'"),
    (b"5\r\nhello world\r\n0\r\n\r\n", "chunk data not followed by CRLF"),
    (b"5;" + b"e" * 70_000, "chunk size line too long"),  # a size line without end
    (b"0\r\n" + b"X-Trailer: y\r\n" * 12_000, "trailer section over 64 KiB"),
    (b"FFFFFFFFFFFFFFFF\r\n" + b"x" * 100, "Connection broken: IncompleteRead(100 bytes read)"),
])
def test_bad_chunked_framing_is_an_error(server: HostileServer, quick: Fetcher, body: bytes, error: str) -> None:
    server.raw["/bad"] = [head(OK, HTML, CHUNKED), body, None]
    r = quick.fetch(url(server, "/bad"))
    assert (r.outcome, r.status, r.text, r.error) == ("error", 200, None, f"body read failed: {error}")
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [False]


def test_chunked_bodies_keep_the_caps(server: HostileServer, settings: Settings, quick: Fetcher) -> None:
    server.raw["/huge"] = [head(OK, HTML, CHUNKED), b"FFFFFFFF\r\n" + b"x" * 3000, 1.0]
    huge = quick.fetch(url(server, "/huge"))
    assert (huge.outcome, huge.error) == ("too_large", "body over the 2000-byte cap")
    server.raw["/bomb"] = [head(OK, HTML, CHUNKED, "Content-Encoding: gzip"), chunked(BOMB, size=4096), b"0\r\n\r\n"]
    with Fetcher(replace(settings, default_delay=0.0)) as big:
        bomb = big.fetch(url(server, "/bomb"))
    assert (bomb.outcome, bomb.error) == ("too_large", f"decoded body over the {MAX_BYTES}-byte cap")
    assert bomb.bytes < 100 * 1024


@pytest.mark.parametrize("inflater", ["isal", "zlib"])
def test_gzip_pages_inflate_alike_with_isal_or_zlib(server: HostileServer, quick: Fetcher, monkeypatch: pytest.MonkeyPatch,
                                                     inflater: str) -> None:
    """ISA-L inflates where it has wheels; zlib (a 32-bit Pi) must answer the same: the page, a bomb cut off, and a
    body that is no gzip named as such."""
    if inflater == "zlib":
        monkeypatch.setattr(fetch_module, "_inflate", zlib)
        monkeypatch.setattr(fetch_module, "_INFLATE_ERRORS", (zlib.error,))
    else:
        assert fetch_module._inflate.__name__.endswith("isal_zlib")  # installed by requirements.txt on this machine
    page = gzip.compress(PAGE)
    server.raw["/gz"] = [head(OK, HTML, "Content-Encoding: gzip", f"Content-Length: {len(page)}") + page]
    assert quick.fetch(url(server, "/gz")).text == PAGE.decode()
    server.raw["/not-gz"] = [head(OK, HTML, "Content-Encoding: gzip", "Content-Length: 12") + b"plain text!!"]
    bad = quick.fetch(url(server, "/not-gz"))
    assert (bad.outcome, bad.text) == ("error", None)
    assert bad.error is not None and bad.error.startswith("bad gzip body: ")


@pytest.mark.parametrize(("script", "error"), [
    ([b"HTTP/1.1 200 OK\r\n", *[b"X-A: b\r\n", 0.05] * 40], "timed out: ReadTimeoutError"),  # no head end
    ([head("HTTP/1.1 100 Continue"), 0.05] * 40, "timed out: ReadTimeoutError"),  # interim answers forever
    ([head(OK, HTML, CHUNKED), b"5;", *[b"e", 0.05] * 40], "body read timed out"),  # a size line trickling
    ([head(OK, HTML, CHUNKED), b"0\r\n", *[b"X: y\r\n", 0.05] * 40], "body read timed out"),  # trailers
])
def test_slowloris_hits_the_deadline(server: HostileServer, quick: Fetcher, script: list[bytes | float],
                                     error: str) -> None:
    server.raw["/slowloris"] = script
    t0 = time.monotonic()
    r = quick.fetch(url(server, "/slowloris"))
    assert (r.outcome, r.error) == ("timeout", error)
    assert 0.55 < time.monotonic() - t0 < 1.0  # the budget: 0.2 + 2 * 0.2 s, each byte well within 0.2 s


@pytest.mark.parametrize(("script", "outcome", "error"), [
    ([head(OK, HTML, "Content-Length: 200"), PAGE, None], "error",
     f"body read failed: Connection broken: IncompleteRead({len(PAGE)} bytes read, {200 - len(PAGE)} more expected)"),
    ([head(OK, HTML, "Content-Length: 200"), PAGE, 1.0], "timeout", "body read timed out"),  # then stalls
])
def test_body_cut_short_is_never_reused(server: HostileServer, quick: Fetcher, script: list[bytes | None],
                                        outcome: str, error: str) -> None:
    server.raw["/short"] = script
    r = quick.fetch(url(server, "/short"))
    assert (r.outcome, r.status, r.text, r.error) == (outcome, 200, None, error)
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [False]


@pytest.mark.parametrize("pause", [[], [0.02]])
def test_bytes_after_the_body_never_reach_the_next_request(server: HostileServer, quick: Fetcher,
                                                           pause: list[float]) -> None:
    server.raw["/extra"] = [head(OK, HTML, LENGTH), PAGE, *pause, EVIL]
    server.raw["/204"] = [head("HTTP/1.1 204 No Content", "Content-Length: 4") + b"evil"]
    server.raw["/304"] = [head("HTTP/1.1 304 Not Modified", 'ETag: "v1"', "Content-Length: 4"), *pause, EVIL]
    r = quick.fetch(url(server, "/extra"))
    assert (r.outcome, r.text) == ("ok", PAGE.decode())
    time.sleep(0.1)
    assert (quick.fetch(url(server, "/ok")).text, quick.fetch(url(server, "/204")).text) == (PAGE.decode(), "")
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert quick.fetch(url(server, "/304"), etag='"v1"').outcome == "not_modified"
    time.sleep(0.1)
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [False, True, False, True, False]


@pytest.mark.parametrize(("fields", "error"), [
    (("Content-Length: 5", "Content-Length: 90"), "invalid Content-Length '5, 90'"),
    (("Content-Length: -1",), "invalid Content-Length '-1'"),
    (("Content-Length: +90",), "invalid Content-Length '+90'"),
    (("Content-Length: 9_0",), "invalid Content-Length '9_0'"),
    (("Content-Length: \u00b2",), "invalid Content-Length '\u00b2'"),
    (("Transfer-Encoding: gzip, chunked",), "unsupported Transfer-Encoding 'gzip, chunked'"),
    (("Transfer-Encoding: chunked, chunked",), "unsupported Transfer-Encoding 'chunked, chunked'"),
])
def test_ambiguous_framing_is_an_error(server: HostileServer, quick: Fetcher, fields: tuple[str, ...],
                                       error: str) -> None:
    server.raw["/framing"] = [head(OK, HTML, *fields), chunked(PAGE) + b"0\r\n\r\n", None]
    r = quick.fetch(url(server, "/framing"))
    assert (r.outcome, r.status, r.text, r.error) == ("error", None, None, f"connection failed: {error}")


@pytest.mark.parametrize("line", ["HTTP/1.0 200 OK", "HTTP/1.1 101 Switching Protocols", "HTTP/2 200", "ICY 200 OK"])
def test_odd_status_lines_are_an_error(server: HostileServer, quick: Fetcher, line: str) -> None:
    server.raw["/odd"] = [head(line, HTML, CHUNKED), chunked(PAGE) + b"0\r\n\r\n", None]
    r = quick.fetch(url(server, "/odd"))
    assert (r.outcome, r.status, r.text) == ("error", None, None)  # 1.0 with chunked: framing RFC 9112 calls faulty
    assert (r.error or "").startswith("connection failed: "), r.error


def test_repeated_equal_content_length_is_one(server: HostileServer, quick: Fetcher) -> None:
    server.raw["/twice"] = [head(OK, HTML, LENGTH, LENGTH), PAGE]
    assert quick.fetch(url(server, "/twice")).text == PAGE.decode()


@pytest.mark.parametrize("length", ["5", "999999999"])
def test_chunked_wins_over_content_length_and_the_connection_closes(server: HostileServer, quick: Fetcher,
                                                                    length: str) -> None:
    server.raw["/both"] = [head(OK, HTML, f"Content-Length: {length}", CHUNKED), chunked(PAGE) + b"0\r\n\r\n"]
    r = quick.fetch(url(server, "/both"))
    assert (r.outcome, r.text, r.bytes) == ("ok", PAGE.decode(), len(PAGE))
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [False]  # RFC 9112 6.3: a message framed both ways is never followed on its connection


@pytest.mark.parametrize("interim", [
    [head("HTTP/1.1 100 Continue")],
    [head("HTTP/1.1 103 Early Hints", "Link: </a.css>; rel=preload"), 0.02, head("HTTP/1.1 100 Continue")],
])
def test_interim_answers_are_skipped(server: HostileServer, quick: Fetcher, interim: list[bytes | float]) -> None:
    server.raw["/early"] = [*interim, head(OK, HTML, LENGTH, 'ETag: "e\rX-Injected: 1"'), PAGE]
    r = quick.fetch(url(server, "/early"))
    assert (r.outcome, r.status, r.text, r.etag) == ("ok", 200, PAGE.decode(), '"e X-Injected: 1"')  # bare CR: SP
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [True]


@pytest.mark.parametrize(("fields", "end", "again"), [
    (("HTTP/1.0 200 OK", HTML), [None], False),  # no length: the body ends with the connection
    (("HTTP/1.0 200 OK", HTML, LENGTH), [], False),  # HTTP/1.0 closes unless it says keep-alive
    (("HTTP/1.0 200 OK", HTML, LENGTH, "Connection: keep-alive"), [], True),
    ((OK, HTML, LENGTH, "Connection: close"), [], False),
])
def test_http10_and_connection_close(server: HostileServer, quick: Fetcher, fields: tuple[str, ...],
                                     end: list[None], again: bool) -> None:
    server.raw["/old"] = [head(*fields), PAGE, *end]
    r = quick.fetch(url(server, "/old"))
    assert (r.outcome, r.text) == ("ok", PAGE.decode())
    assert quick.fetch(url(server, "/ok")).text == PAGE.decode()
    assert reused(server) == [again]


def test_head_over_the_limit_is_an_error(server: HostileServer, quick: Fetcher) -> None:
    server.raw["/fat"] = [head(OK, HTML, "X-Pad: " + "a" * 70_000, LENGTH), PAGE]
    r = quick.fetch(url(server, "/fat"))
    assert (r.outcome, r.error) == ("error", "connection failed: response head over 64 KiB")


def test_relative_redirect_is_resolved(server: HostileServer, quick: Fetcher) -> None:
    server.raw["/shop/item"] = [head("HTTP/1.1 301 Moved", "Location: ../p/river-2?c=1", "Content-Length: 0")]
    r = quick.fetch(url(server, "/shop/item"))
    assert (r.outcome, r.final_url, r.text) == ("ok", url(server, "/p/river-2?c=1"), PAGE.decode())


# --- https ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate for 127.0.0.1 (and its key, in the same file)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        need("no openssl command to make a test certificate")
    pem = tmp_path_factory.mktemp("tls") / "cert.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", pem, "-out", pem, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return pem


@pytest.fixture
def tls_server(cert: Path) -> Iterator[HostileServer]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert)
    with hostile_server(ctx) as srv:
        yield srv


def test_https_refuses_a_self_signed_certificate(tls_server: HostileServer, quick: Fetcher) -> None:
    r = quick.fetch(tls_server.url("/ok"))
    assert (r.outcome, r.status, r.text) == ("error", None, None)
    assert r.error is not None and "CERTIFICATE_VERIFY_FAILED" in r.error and "self-signed" in r.error, r.error
    assert tls_server.hits["/ok"] == 0


def test_https_checks_the_host_name_and_keeps_extra_bytes_out(tls_server: HostileServer, quick: Fetcher,
                                                                cert: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted, as a system certificate would be
    wrong = quick.fetch(f"https://localhost:{tls_server.port}/ok")  # the certificate names 127.0.0.1 only
    assert wrong.outcome == "error" and "CERTIFICATE_VERIFY_FAILED" in (wrong.error or ""), wrong.error
    # the extra bytes come in the body's TLS record: decrypted and buffered, where poll() cannot see them
    tls_server.raw["/extra"] = [head(OK, HTML, LENGTH), 0.02, PAGE + EVIL]
    r = quick.fetch(tls_server.url("/extra"))
    assert (r.outcome, r.text) == ("ok", PAGE.decode())
    assert quick.fetch(tls_server.url("/ok")).text == PAGE.decode()
    assert quick.fetch(tls_server.url("/ok")).text == PAGE.decode()
    assert reused(tls_server) == [False, True]
