"""Which offers are due: each product's priority sets how often its offers are fetched.

``high`` every ``DUE_HIGH_MINUTES`` (15), ``normal`` every ``DUE_NORMAL_MINUTES`` (60), ``low``
every ``DUE_LOW_MINUTES`` (1440). An offer never attempted is due. A tenth of the interval is
forgiven, so an hourly cron that starts a few seconds earlier than last time still finds its
hourly offers due. Any attempt counts (a failure is retried when the offer is next due, not at
every run: a shop that is down or blocking is not hammered).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from .config import Settings
from .models import Offer, Product

SLACK = 0.1


def intervals(settings: Settings) -> dict[str, timedelta]:
    return {"high": timedelta(minutes=settings.due_high_minutes),
            "normal": timedelta(minutes=settings.due_normal_minutes),
            "low": timedelta(minutes=settings.due_low_minutes)}


def is_due(last_attempt: datetime | None, interval: timedelta, now: datetime) -> bool:
    return last_attempt is None or now - last_attempt >= interval * (1 - SLACK)


def due_offers(products: Iterable[Product], last_attempts: Mapping[tuple[str, str], datetime],
               every: Mapping[str, timedelta], now: datetime) -> list[Offer]:
    """The offers of ``products`` due at ``now``, in catalog order."""
    return [offer for product in products for offer in product.offers
            if is_due(last_attempts.get((offer.product_id, offer.retailer)), every[product.priority], now)]
