"""Shared dataclasses passed between the stages.

Product/Offer/Retailer come from the catalog; FetchResult from fetch;
Extraction from extract; Observation is what store writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

AVAILABILITY = ("in_stock", "out_of_stock", "preorder")

# The fixed set of scrape_log outcomes.
OUTCOMES = (
    "ok", "not_modified", "no_price", "http_error", "timeout", "blocked",
    "robots", "too_large", "suspicious", "error",
)


@dataclass(frozen=True)
class Retailer:
    id: str
    name: str
    base_url: str | None = None
    currency: str | None = None
    delay: float = 5.0
    concurrency: int = 1
    selector: str | None = None


@dataclass(frozen=True)
class Offer:
    product_id: str
    retailer: str
    url: str
    selector: str | None = None
    currency: str | None = None
    sku: str | None = None
    gtin: str | None = None


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    category: str
    offers: tuple[Offer, ...]
    brand: str | None = None
    priority: str = "normal"
    source: str = ""  # the file it came from, for error messages


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None
    body: bytes | None  # the page as received, its Content-Encoding undone (None: no page)
    final_url: str | None = None
    duration_ms: int = 0
    bytes: int = 0
    outcome: str = "ok"  # one of OUTCOMES
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    encoding: str = "utf-8"  # the body's character encoding (header, else <meta charset>, else UTF-8)

    @cached_property
    def text(self) -> str | None:
        """The page as text, decoded once when first asked (extraction parses ``body`` itself)."""
        return None if self.body is None else self.body.decode(self.encoding, errors="replace")


@dataclass(frozen=True)
class Extraction:
    """What the extractor read off one page. ``price`` None means not found."""

    price: Decimal | None
    currency: str | None
    availability: str | None
    title: str | None
    strategy: str | None
    confidence: float = 0.0
    raw: str | None = None
    was_price: Decimal | None = None
    rejected: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (raw text, reason)

    def as_json(self) -> dict[str, object]:
        return {
            "price": None if self.price is None else str(self.price),
            "currency": self.currency,
            "availability": self.availability,
            "was_price": None if self.was_price is None else str(self.was_price),
            "title": self.title,
            "strategy": self.strategy,
            "confidence": self.confidence,
            "raw": self.raw,
        }


@dataclass(frozen=True)
class Observation:
    product_id: str
    retailer: str
    url: str
    price: Decimal
    currency: str
    availability: str | None
    seen_at: datetime
    strategy: str | None = None
    raw: str | None = None
    confidence: float | None = None  # the extractor's confidence in the price (issue 3 provenance)
    was_price: Decimal | None = None  # the shop's own was / list price shown beside it
