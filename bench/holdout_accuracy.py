#!/usr/bin/env python3
"""Accuracy of the extractor on the held-out pages in tests/fixtures/holdout/.

These 36 pages were written blind (by someone who had not read the extractor) and
were first measured before any fix was made for them: 31/36 right on price and
currency. They are a measurement, not a test: once the extractor is changed to
pass them they stop being held out, so a fresh blind set is the honest check.

Example: .venv/bin/python bench/holdout_accuracy.py
"""

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powertracker.extract import extract  # noqa: E402

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"


def main() -> int:
    manifest = json.loads((HOLDOUT / "manifest.json").read_text(encoding="utf-8"))
    right = invented = missed = 0
    for entry in manifest:
        page = HOLDOUT / "pages" / entry["file"]
        got = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
        want = None if entry["price"] is None else Decimal(entry["price"])
        ok = got.price == want and (want is None or got.currency == entry["currency"])
        right += ok
        if not ok:
            if got.price is None:
                missed += 1
            else:
                invented += 1
            print(f"miss {entry['file']}: expected {want} {entry['currency']}, got {got.price} {got.currency}"
                  f" ({got.strategy})")
    n = len(manifest)
    print(f"held-out pages right on price and currency: {right}/{n} ({100 * right / n:.1f}%);"
          f" wrong prices: {invented}; null where a price was expected: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
