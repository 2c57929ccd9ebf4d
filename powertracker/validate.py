"""Validate before a price is believed: a usable price and currency, and no implausible jump.

``validate`` checks one extraction on its own (no database): a positive, finite price under
``PRICE_LIMIT`` in a known currency that matches the offer's. ``jump_reason`` compares a price
with the offer's recent median: a drop by more than ``drop`` (0.6: to under 40 % of the median)
or a rise to more than ``rise`` times it is suspicious. A suspicious price is held back (see
``apply.py``) until the next scrape confirms it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .extract import KNOWN_CURRENCIES
from .models import Extraction

PRICE_LIMIT = Decimal("1000000000")  # DECIMAL(12,2) holds less than 1e10; no retail price comes near
RECENT = 5  # how many of the offer's latest price_history rows make its "recent median"


@dataclass(frozen=True)
class Thresholds:
    drop: Decimal  # 0.6: a price under 40 % of the median is suspicious; 0 = off
    rise: Decimal  # 3: a price over 3 x the median is suspicious; 0 = off

    @classmethod
    def of(cls, drop: float, rise: float) -> Thresholds:
        return cls(Decimal(str(drop)), Decimal(str(rise)))


def validate(ext: Extraction, expected_currency: str | None) -> tuple[str | None, str | None]:
    """(currency, None) when the extraction is a usable price, else (None, reason)."""
    if ext.price is None:
        return None, "missing_price"
    if not ext.price.is_finite() or ext.price <= 0:
        return None, f"non_positive_price: {ext.price}"
    currency = ext.currency or expected_currency
    if currency is None or currency not in KNOWN_CURRENCIES:
        return None, f"unknown_currency: {currency}"
    if expected_currency and currency != expected_currency:
        return None, f"currency_mismatch: page says {currency}, catalog expects {expected_currency}"
    if ext.price >= PRICE_LIMIT:
        return None, f"implausible_price: {ext.price}"
    return currency, None


def recent_median(prices: Sequence[Decimal]) -> Decimal | None:
    """The median of the offer's recent confirmed prices, or None without history."""
    return statistics.median(prices) if prices else None


def jump_reason(price: Decimal, median: Decimal | None, limits: Thresholds) -> str | None:
    """Why ``price`` is an implausible change from ``median``, or None when it is plausible."""
    if median is None or median <= 0:
        return None
    if limits.drop > 0 and price < median * (1 - limits.drop):
        share = (1 - price / median) * 100
        return f"implausible_change: {share:.0f}% below the recent median {median:.2f}"
    if limits.rise > 0 and price > median * limits.rise:
        return f"implausible_change: {price / median:.1f}x the recent median {median:.2f}"
    return None
