"""bytesearch.py: memmem finds what bytes.find finds, at every start, in page-sized texts."""

from __future__ import annotations

import random
import sys

import pytest

from powertracker import bytesearch
from powertracker.bytesearch import find, holds


def test_the_c_library_search_is_used_on_linux() -> None:
    if sys.platform != "linux":
        pytest.skip("memmem is looked up in the C library of Linux")
    assert bytesearch._MEMMEM is not None


def _page(rng: random.Random, size: int) -> bytes:
    words = [b"<span class=\"price\">", b"</span>", b"1,299.99", b"299,99", b"itemprop", b" ", b"\n", b"review",
             b"\xc2\xa0", b"\xe2\x82\xac", b"a-price", b"data-price-type", b"9", b"99"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words)
    return bytes(out[:size])


@pytest.mark.parametrize("seed", range(6))
def test_find_agrees_with_bytes_find(seed: int) -> None:
    rng = random.Random(seed)
    page = _page(rng, rng.choice([5000, 20_000, 120_000]))
    needles = [b"1,299.99", b"299.99", b"itemprop", b"data-price-type", b"not in it", b"9", b"99",
               b"\xe2\x82\xac", page[-7:], page[:5], page[4000:4100]]
    for needle in needles:
        for start in (0, 1, 100, 4000, len(page) - 4096, len(page) - 4095, len(page) - len(needle), len(page)):
            assert find(page, needle, start) == page.find(needle, start), (needle, start)
        assert holds(page, needle) == (needle in page)


def test_every_place_is_found_in_turn() -> None:
    page = _page(random.Random(9), 60_000)
    at, places = find(page, b"299"), []
    while at != -1:
        places.append(at)
        at = find(page, b"299", at + 3)
    expected, at = [], page.find(b"299")
    while at != -1:
        expected.append(at)
        at = page.find(b"299", at + 3)
    assert places == expected and len(places) > 50


def test_short_texts_empty_needles_and_str() -> None:
    assert find(b"abc", b"c") == 2
    assert find(b"x" * 5000, b"") == 0
    assert find(b"x" * 5000 + b"y", b"y", 10) == 5000
    assert find("£1,299.99 " * 1000, "299.99 ", 20) == 23
    assert not holds(b"x" * 10_000, b"xy")
