"""The first blind set (tests/fixtures/holdout/): written by someone who had not read the
extractor, measured once before any fix (31/36, see bench/holdout_accuracy.py), then fixed
against. It is no longer held out, so it is kept here as a regression test: every page right."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from powertracker.extract import extract

HOLDOUT = Path(__file__).resolve().parent / "fixtures" / "holdout"
MANIFEST: list[dict[str, Any]] = json.loads((HOLDOUT / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_first_blind_set_page(entry: dict[str, Any]) -> None:
    page = HOLDOUT / "pages" / entry["file"]
    got = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
    want = None if entry["price"] is None else Decimal(entry["price"])
    assert (got.price, got.currency if want is not None else None) == (want, entry["currency"]), got.rejected
