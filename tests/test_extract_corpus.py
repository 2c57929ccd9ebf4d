"""The extraction corpus: every page in tests/fixtures/pages/ gives exactly its expected result.

manifest.json lists each page with the arguments the scrape would pass (default currency, sku,
gtin, selector, the offer url) and the expected price, currency, availability, was price and
strategy; no-price and ambiguous pages expect null. Any page that regresses fails the suite;
the accuracy figure (price and currency right) is printed and must stay at or above 97 %.
Rebuild the pages with tests/fixtures/pages/build_corpus.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from powertracker.extract import extract

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
MANIFEST: list[dict[str, Any]] = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))


def _run(entry: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    html = (PAGES / entry["file"]).read_text(encoding="utf-8")
    e = extract(html, entry["url"], **entry["args"])
    got = {"price": e.price, "currency": e.currency, "availability": e.availability, "was_price": e.was_price,
           "strategy": e.strategy}
    return got, list(e.rejected)


def _expected(entry: dict[str, Any]) -> dict[str, Any]:
    exp = dict(entry["expect"])
    for key in ("price", "was_price"):
        exp[key] = None if exp[key] is None else Decimal(exp[key])
    return exp


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_page(entry: dict[str, Any]) -> None:
    got, rejected = _run(entry)
    assert got == _expected(entry), f"{entry['file']} ({entry['covers']}); rejected: {rejected}"
    if entry["rejected_contains"]:
        assert any(entry["rejected_contains"] in reason for _, reason in rejected), rejected
    if got["price"] is not None:
        assert isinstance(got["price"], Decimal)


def test_corpus_covers_the_issue_and_reaches_97_percent(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(MANIFEST) >= 40
    strategies = {e["expect"]["strategy"] for e in MANIFEST}
    assert {"json-ld", "microdata", "rdfa", "meta", "selector", "heuristic", None} <= strategies
    assert {s for s in strategies if s and s.startswith("platform:")} == {
        f"platform:{p}" for p in ("shopify", "woocommerce", "magento", "bigcommerce", "prestashop", "marketplace")}
    assert {e["expect"]["currency"] for e in MANIFEST} >= {"GBP", "EUR", "USD", "CHF", "JPY", "SEK", "DKK", "NOK"}
    assert {e["expect"]["availability"] for e in MANIFEST} == {"in_stock", "out_of_stock", "preorder", None}
    assert sum(e["expect"]["price"] is None for e in MANIFEST) >= 6
    right = 0
    wrong_prices = []
    for entry in MANIFEST:
        got, _ = _run(entry)
        exp = _expected(entry)
        if (got["price"], got["currency"]) == (exp["price"], exp["currency"]):
            right += 1
        elif got["price"] is not None:
            wrong_prices.append(entry["file"])
    accuracy = right / len(MANIFEST)
    with capsys.disabled():
        print(f"\nextraction corpus: {right}/{len(MANIFEST)} pages right ({accuracy:.1%}); "
              f"invented prices: {len(wrong_prices)}")
    assert accuracy >= 0.97, wrong_prices
    assert not [f for f in wrong_prices if _expected(next(e for e in MANIFEST if e["file"] == f))["price"] is None]
