"""Provenance: strategy, raw text, confidence and was price stored with each observation (both
databases), and ``scrape.py --extract``'s readable summary and --json shape on corpus pages."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from powertracker import store
from powertracker.db import Database
from powertracker.extract import extract
from powertracker.models import Observation

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _page(name: str) -> str:
    return next(PAGES.glob(f"*-{name}.html")).read_text(encoding="utf-8")


def test_observation_keeps_strategy_raw_confidence_and_was_price(db: Database) -> None:
    ext = extract(_page("heur-was-before-sale"), "https://shop.example/p/inverter")
    assert (ext.price, ext.was_price, ext.strategy, ext.raw) == (
        Decimal("1299.99"), Decimal("1499.99"), "heuristic", "£1,299.99")
    obs = Observation("inverter", "shop", "https://shop.example/p/inverter", ext.price, "GBP", ext.availability,
                      T0, strategy=ext.strategy, raw=ext.raw, confidence=ext.confidence, was_price=ext.was_price)
    plain = Observation("inverter", "other", "https://other.example/p/inverter", Decimal("1310"), "GBP", None, T0)
    run = store.start_run(db, "scrape", T0)
    with db.transaction():
        assert store.record_observation(db, obs, run) == "new"
        assert store.record_observation(db, plain, run) == "new"
    rows = db.query("SELECT retailer, price, strategy, raw, confidence, was_price FROM price_history"
                    " WHERE product_id = 'inverter' ORDER BY retailer")
    assert rows == [
        {"retailer": "other", "price": Decimal("1310.00"), "strategy": None, "raw": None, "confidence": None,
         "was_price": None},
        {"retailer": "shop", "price": Decimal("1299.99"), "strategy": "heuristic", "raw": "£1,299.99",
         "confidence": 0.7, "was_price": Decimal("1499.99")},
    ]


def script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scrape.py"), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_extract_summary_lists_rejected_candidates_and_json_has_the_issue_shape() -> None:
    path = next(PAGES.glob("*-heur-shipping-save.html"))
    r = script("--extract", str(path))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[:8] == ["price:        149.00", "currency:     GBP", "availability: in_stock", "was_price:    199.00",
                         "title:        Wood Burning Camp Stove", "strategy:     heuristic", "confidence:   0.7",
                         "raw:          £149.00"]
    assert lines[8] == "rejected (4):"
    assert [" ".join(line.split()) for line in lines[9:]] == [
        "£50 saving amount", "£199.00 struck-through or was / list price",
        "£40 shipping cost or threshold", "£4.95 shipping cost or threshold"]
    r = script("--extract", str(path), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout) == {"price": "149.00", "currency": "GBP", "availability": "in_stock",
                                    "was_price": "199.00", "title": "Wood Burning Camp Stove",
                                    "strategy": "heuristic", "confidence": 0.7, "raw": "£149.00"}


def test_extract_summary_says_why_there_is_no_price() -> None:
    r = script("--extract", str(next(PAGES.glob("*-jsonld-variants-ambiguous.html"))))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "result:       no trustworthy price found" in r.stdout
    assert "ambiguous: json-ld lists 3 different prices" in r.stdout
