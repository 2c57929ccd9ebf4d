"""Read the price off one product page. It never guesses.

Strategies, first hit wins:

1. ``selector``: the CSS selector configured for the offer or retailer (the operator knows best);
2. ``json-ld``: schema.org Product / Offer / AggregateOffer in ``<script type="application/ld+json">``
   (``@graph``, lists, offers as list or object; an invalid block is skipped and noted);
3. ``microdata``: ``itemprop="price"`` (its ``content`` attribute before its text), with
   ``priceCurrency`` and ``availability`` from the same item;
4. ``meta``: ``product:price:amount`` / ``og:price:amount`` with the matching currency.

No strategy, no price: ``Extraction.price`` is None. A visible-text heuristic is deliberately
absent; shops without structured data get a configured selector.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

import lxml.html
from lxml.cssselect import CSSSelector, SelectorError
from lxml.etree import ParserError, _Element
from price_parser import Price

from .models import Extraction

logger = logging.getLogger(__name__)

CONFIDENCE = {"selector": 0.9, "json-ld": 0.95, "microdata": 0.9, "meta": 0.85}
AMBIGUOUS_PENALTY = 0.2  # several different prices for one strategy on one page

# ISO 4217 codes a retailer is likely to quote; validation rejects anything else.
KNOWN_CURRENCIES = frozenset(
    "AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF ILS INR ISK JPY KRW MXN NOK NZD PLN RON SEK SGD "
    "TRY USD ZAR".split()
)
SYMBOLS: dict[str, tuple[str, ...]] = {  # symbol -> candidate codes; the first is the fallback
    "£": ("GBP",), "€": ("EUR",), "₹": ("INR",), "₩": ("KRW",), "zł": ("PLN",), "kč": ("CZK",), "ft": ("HUF",),
    "us$": ("USD",), "a$": ("AUD",), "au$": ("AUD",), "c$": ("CAD",), "ca$": ("CAD",), "nz$": ("NZD",),
    "hk$": ("HKD",), "s$": ("SGD",), "r$": ("BRL",), "fr.": ("CHF",), "sfr.": ("CHF",),
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
    "kr": ("SEK", "NOK", "DKK", "ISK"), "kr.": ("DKK", "SEK", "NOK", "ISK"),
    "¥": ("JPY", "CNY"), "yen": ("JPY",), "lei": ("RON",),
}
_AMBIGUOUS_NO_FALLBACK = {"kr", "kr.", "¥"}

AVAILABILITY_MAP = {
    "instock": "in_stock", "in stock": "in_stock", "in_stock": "in_stock", "limitedavailability": "in_stock",
    "onlineonly": "in_stock", "instoreonly": "in_stock", "available for order": "in_stock",
    "outofstock": "out_of_stock", "out of stock": "out_of_stock", "out_of_stock": "out_of_stock",
    "oos": "out_of_stock", "soldout": "out_of_stock", "discontinued": "out_of_stock",
    "preorder": "preorder", "pre-order": "preorder", "presale": "preorder", "backorder": "preorder",
}
_SCHEMA_PREFIX = re.compile(r"^https?://schema\.org/", re.I)
_LIST_PRICE = re.compile(r"(ListPrice|StrikethroughPrice|MSRP)$", re.I)


def currency_code(text: str | None, default_currency: str | None = None) -> str | None:
    """An ISO 4217 code for a code or symbol; ambiguous symbols ($, kr, ¥) resolve to the default."""
    if not text:
        return None
    token = text.strip()
    if token.upper() in KNOWN_CURRENCIES:
        return token.upper()
    candidates = SYMBOLS.get(token.lower())
    if not candidates:
        return None
    if default_currency in candidates:
        return default_currency
    if token.lower() in _AMBIGUOUS_NO_FALLBACK and default_currency is None:
        return None
    return candidates[0]


def parse_price(text: str | None, default_currency: str | None = None) -> tuple[Decimal | None, str | None]:
    """Amount and currency from a price string: '1.299,99 €', '£1,299.99', "CHF 1'299.50"."""
    if text is None or not text.strip():
        return None, None
    price = Price.fromstring(text.strip())
    amount = price.amount
    if amount is None:
        return None, None
    return Decimal(amount), currency_code(price.currency, default_currency)


def _structured_amount(value: Any) -> Decimal | None:
    """A schema.org price: a number, or a string that should use '.' as decimal mark."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            return Decimal(text) if re.fullmatch(r"\d+(\.\d+)?", text) else parse_price(text)[0]
        except InvalidOperation:
            return None
    return None


def availability(value: Any) -> str | None:
    """in_stock / out_of_stock / preorder from a schema.org or OpenGraph value, else None."""
    if not isinstance(value, str):
        return None
    return AVAILABILITY_MAP.get(_SCHEMA_PREFIX.sub("", value.strip()).lower())


def _text(el: _Element) -> str:
    return " ".join(el.text_content().split())


def _attr_or_text(el: _Element) -> str:
    content = el.get("content")
    return content.strip() if content and content.strip() else _text(el)


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    items = t if isinstance(t, list) else [t]
    return {_SCHEMA_PREFIX.sub("", x) for x in items if isinstance(x, str)}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, depth first."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key != "@context" and isinstance(value, (list, dict)):
                yield from _walk(value)


class _Found:
    """Candidates of one strategy: (price, currency, availability, raw, was_price)."""

    def __init__(self) -> None:
        self.items: list[tuple[Decimal, str | None, str | None, str, Decimal | None]] = []
        self.title: str | None = None

    def result(self, strategy: str, title: str | None) -> Extraction | None:
        if not self.items:
            return None
        price, currency, avail, raw, was = self.items[0]
        confidence = CONFIDENCE[strategy]
        if len({item[0] for item in self.items}) > 1:
            confidence -= AMBIGUOUS_PENALTY
        return Extraction(price=price, currency=currency, availability=avail, title=self.title or title,
                          strategy=strategy, confidence=round(confidence, 2), raw=raw,
                          was_price=was if was is not None and was > price else None)


def _by_selector(doc: _Element, selector: str, default: str | None, rejected: list[tuple[str, str]]) -> _Found:
    found = _Found()
    try:
        elements = CSSSelector(selector)(doc)
    except (SelectorError, SyntaxError) as exc:
        rejected.append((selector, f"invalid selector: {exc}"))
        return found
    for el in elements:
        raw = _attr_or_text(el)
        amount, currency = parse_price(raw, default)
        if amount is None:
            rejected.append((raw[:80], "selector match holds no price"))
            continue
        found.items.append((amount, currency or default, None, raw, None))
    return found


def _offer_fields(offer: dict[str, Any], default: str | None) -> tuple[Decimal | None, str | None, Decimal | None]:
    spec = offer.get("priceSpecification")
    specs = [s for s in (spec if isinstance(spec, list) else [spec]) if isinstance(s, dict)]
    amount = _structured_amount(offer.get("price", offer.get("lowPrice")))
    currency = offer.get("priceCurrency")
    was = None
    for s in specs:
        if _LIST_PRICE.search(str(s.get("priceType", ""))):
            was = _structured_amount(s.get("price"))
        elif amount is None:
            amount = _structured_amount(s.get("price"))
            currency = currency or s.get("priceCurrency")
    return amount, currency_code(currency if isinstance(currency, str) else None, default) or default, was


def _json_ld(doc: _Element, default: str | None, rejected: list[tuple[str, str]]) -> _Found:
    found = _Found()
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        try:
            data = json.loads(text, parse_float=Decimal, strict=False)
        except ValueError as exc:
            rejected.append((text[:80], f"invalid JSON-LD: {exc}"))
            continue
        for node in _walk(data):
            types = _types(node)
            if types & {"Product", "ProductGroup", "IndividualProduct", "ProductModel"}:
                if found.title is None and isinstance(node.get("name"), str):
                    found.title = " ".join(node["name"].split())
                continue
            if not types & {"Offer", "AggregateOffer"}:
                continue
            amount, currency, was = _offer_fields(node, default)
            if amount is not None:
                raw = str(node.get("price", node.get("lowPrice", "")))
                found.items.append((amount, currency, availability(node.get("availability")), raw, was))
    return found


def _scope(el: _Element) -> _Element | None:
    parent = el.getparent()
    while parent is not None and parent.get("itemscope") is None:
        parent = parent.getparent()
    return parent


def _itemprop(name: str) -> str:
    return f".//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' {name} ')]"


def _microdata(doc: _Element, default: str | None) -> _Found:
    found = _Found()
    for el in doc.xpath(_itemprop("price") + " | " + _itemprop("lowPrice")):
        raw = _attr_or_text(el)
        amount, symbol_currency = (_structured_amount(raw), None) if el.get("content") else parse_price(raw, default)
        if amount is None:
            continue
        scope = _scope(el)
        currency, avail = symbol_currency, None
        if scope is not None:
            cur_els = scope.xpath(_itemprop("priceCurrency"))
            if cur_els:
                currency = currency_code(_attr_or_text(cur_els[0]), default) or currency
            av_els = scope.xpath(_itemprop("availability"))
            if av_els:
                avail = availability(av_els[0].get("href") or _attr_or_text(av_els[0]))
            product = scope
            while product is not None and "Product" not in (product.get("itemtype") or ""):
                product = _scope(product)
            names = product.xpath(_itemprop("name")) if product is not None else []
            if names and found.title is None:
                found.title = _attr_or_text(names[0])
        found.items.append((amount, currency or default, avail, raw, None))
    return found


def _meta_values(doc: _Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if key and content is not None and key not in out:
            out[key] = content.strip()
    return out


def _meta(meta: dict[str, str], default: str | None) -> _Found:
    found = _Found()
    for prefix in ("product", "og"):
        raw = meta.get(f"{prefix}:price:amount")
        amount = _structured_amount(raw)
        if amount is None or raw is None:
            continue
        currency = currency_code(meta.get(f"{prefix}:price:currency"), default) or default
        avail = availability(meta.get(f"{prefix}:availability") or meta.get("og:availability"))
        found.items.append((amount, currency, avail, raw, None))
    return found


def _title(doc: _Element, meta: dict[str, str], json_ld_name: str | None) -> str | None:
    """JSON-LD Product name, og:title, the first <h1>, <title>."""
    if json_ld_name:
        return json_ld_name
    if meta.get("og:title"):
        return meta["og:title"]
    for tag in ("h1", "title"):
        for el in doc.iter(tag):
            text = _text(el)
            if text:
                return text
    return None


def _parse(html: str) -> _Element | None:
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        return lxml.html.document_fromstring(html.encode("utf-8"))
    except ParserError:
        return None


def extract(html: str, url: str, selector: str | None = None, default_currency: str | None = None) -> Extraction:
    """What the page at ``url`` says its price is; ``price`` None when no strategy finds one."""
    rejected: list[tuple[str, str]] = []
    doc = _parse(html)
    if doc is None:
        return Extraction(None, None, None, None, None, rejected=(("", "empty page"),))
    meta = _meta_values(doc)
    json_ld = _json_ld(doc, default_currency, rejected)
    title = _title(doc, meta, json_ld.title)
    json_ld.title = None  # the page title above already prefers it
    attempts = [
        ("selector", lambda: _by_selector(doc, selector, default_currency, rejected) if selector else _Found()),
        ("json-ld", lambda: json_ld),
        ("microdata", lambda: _microdata(doc, default_currency)),
        ("meta", lambda: _meta(meta, default_currency)),
    ]
    for strategy, run in attempts:
        result = run().result(strategy, title)
        if result is not None:
            logger.debug("extract %s: %s %s %s via %s", url, result.price, result.currency,
                         result.availability, strategy)
            return replace(result, rejected=tuple(rejected))
    logger.debug("extract %s: no price (%d rejected candidates)", url, len(rejected))
    return Extraction(None, None, None, title, None, rejected=tuple(rejected))
