"""robots.txt read as RFC 9309 says, fetched from a real loopback server by the real fetcher."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hostile_server import HostileServer, hostile_server

from powertracker.config import Settings
from powertracker.fetch import Fetcher
from powertracker.robots import RobotsCache, product_token

AGENT = "PowerTracker/0.1 (+https://github.com/power-tracker/power-tracker)"


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        yield srv


def verdicts(server: HostileServer, settings: Settings, robots: str, paths: list[str]) -> list[bool]:
    server.robots = robots.encode()
    with Fetcher(replace(settings, default_delay=0.0)) as fetcher:
        cache = RobotsCache(fetcher, AGENT)
        return [cache.check(server.url(p), None).allowed for p in paths]


def test_the_longest_matching_rule_wins_not_the_first(server: HostileServer, settings: Settings) -> None:
    robots = "User-agent: *\nDisallow: /shop/\nAllow: /shop/p/\n"
    assert verdicts(server, settings, robots, ["/shop/p/1", "/shop/cart", "/about"]) == [True, False, True]


def test_wildcards_and_an_end_anchor(server: HostileServer, settings: Settings) -> None:
    robots = "User-agent: *\nDisallow: /*?sort=\nDisallow: /*.pdf$\n"
    paths = ["/c/tents?sort=price", "/c/tents?page=2", "/manual.pdf", "/manual.pdf?v=2"]
    assert verdicts(server, settings, robots, paths) == [False, True, False, True]


def test_our_group_is_chosen_by_the_product_token_alone(server: HostileServer, settings: Settings) -> None:
    # the User-Agent's comment names github: a group for it is someone else's, and * applies to us
    robots = "User-agent: github\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n"
    assert verdicts(server, settings, robots, ["/p/1", "/private/1"]) == [True, False]
    robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: powertracker\nDisallow: /nobots/\n"
    assert verdicts(server, settings, robots, ["/nobots/1", "/private/1"]) == [False, True]


def test_crawl_delay_of_our_group(server: HostileServer, settings: Settings) -> None:
    server.robots = b"User-agent: *\nCrawl-delay: 9\n\nUser-agent: PowerTracker\nCrawl-delay: 2.5\nDisallow:\n"
    with Fetcher(replace(settings, default_delay=0.0)) as fetcher:
        got = RobotsCache(fetcher, AGENT).check(server.url("/p/1"), None)
    assert (got.allowed, got.crawl_delay, got.fetched_now) == (True, 2.5, True)


def test_one_fetch_per_origin_and_run(server: HostileServer, settings: Settings) -> None:
    with Fetcher(replace(settings, default_delay=0.0)) as fetcher:
        cache = RobotsCache(fetcher, AGENT)
        got = [cache.check(server.url(f"/p/{i}"), None).fetched_now for i in range(3)]
    assert (got, server.hits["/robots.txt"]) == ([True, False, False], 1)


@pytest.mark.parametrize(("agent", "token"), [(AGENT, "PowerTracker"), ("MyBot", "MyBot"),
                                              ("  Tracker 2.0", "Tracker")])
def test_product_token(agent: str, token: str) -> None:
    assert product_token(agent) == token
