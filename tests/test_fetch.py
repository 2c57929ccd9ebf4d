"""fetch.py against a real loopback server that misbehaves on purpose (tests/hostile_server.py)."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hostile_server import PAGE, HostileServer, hostile_server

from powertracker.config import Settings
from powertracker.errors import ConfigError
from powertracker.fetch import MAX_BYTES, MAX_REDIRECTS, Fetcher, retry_after_seconds
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
