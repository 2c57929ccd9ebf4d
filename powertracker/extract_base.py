"""What the extraction strategies share: the parsed page, a price candidate, text helpers.

``Page`` is built once per extraction and carries the parsed document, the meta tags, the
page's language and currency hints, and the list of rejected candidates (raw text, reason)
that ``scrape.py --extract`` shows an operator. A ``Candidate`` is one price a strategy read,
with what identifies its variant (sku, gtin, url) so the orchestrator can pick the offer meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lxml.etree import _Element

from .prices import currency_code, normalize

AVAILABILITY_MAP = {
    "instock": "in_stock", "in stock": "in_stock", "in_stock": "in_stock", "limitedavailability": "in_stock",
    "onlineonly": "in_stock", "instoreonly": "in_stock", "available for order": "in_stock",
    "available": "in_stock", "true": "in_stock",
    "outofstock": "out_of_stock", "out of stock": "out_of_stock", "out_of_stock": "out_of_stock",
    "oos": "out_of_stock", "soldout": "out_of_stock", "sold out": "out_of_stock", "discontinued": "out_of_stock",
    "unavailable": "out_of_stock", "false": "out_of_stock",
    "preorder": "preorder", "pre-order": "preorder", "presale": "preorder", "backorder": "preorder",
    "preorderable": "preorder",
}
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.I)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "select", "option"})
_DIGIT = re.compile(r"[0-9]")  # ASCII digits, as XPath's translate() tests them
_FRACTION_CLASS = re.compile(r"fraction|decimal|cents|pennies|minor|__after", re.I)
CONFIDENCE = {"selector": 0.9, "json-ld": 0.95, "microdata": 0.9, "rdfa": 0.9, "meta": 0.85, "platform": 0.85,
              "heuristic": 0.6}


def availability(value: Any) -> str | None:
    """in_stock / out_of_stock / preorder from a schema.org or OpenGraph value, else None."""
    if isinstance(value, bool):
        return "in_stock" if value else "out_of_stock"
    if not isinstance(value, str):
        return None
    return AVAILABILITY_MAP.get(_SCHEMA_PREFIX.sub("", value.strip()).lower())


def schema_name(value: str) -> str:
    return _SCHEMA_PREFIX.sub("", value.strip())


@dataclass
class Candidate:
    """One price a strategy read off the page."""

    price: Decimal
    currency: str | None
    raw: str
    availability: str | None = None
    was: Decimal | None = None
    sku: str | None = None
    gtin: str | None = None
    url: str | None = None
    name: str | None = None
    used: bool = False  # a used / refurbished / another seller's offer
    low: bool = False  # the low end of a range or an AggregateOffer
    aggregate: bool = False
    selected: bool = False  # the page marks this variant as the one shown
    element: _Element | None = field(default=None, repr=False)


@dataclass
class Page:
    """The parsed page and what every strategy needs to read it."""

    doc: _Element
    url: str
    default_currency: str | None
    meta: dict[str, str]
    lang: str | None
    page_currency: str | None = None
    rejected: list[tuple[str, str]] = field(default_factory=list)
    html: str = ""  # the source, for cheap "does this page use X at all" checks before costly XPath
    texts: dict[_Element, str] = field(default_factory=dict)  # normalized visible text, per element asked
    digit_nodes: dict[_Element, list[tuple[_Element, bool]]] = field(default_factory=dict)  # per root walked
    memo: dict[Any, Any] = field(default_factory=dict)  # other per-extraction results a strategy caches

    def text_of(self, el: _Element) -> str:
        """``el``'s visible text, normalized, computed once per extraction."""
        t = self.texts.get(el)
        if t is None:
            t = self.texts[el] = normalize(visible_text(el))
        return t

    def nodes_with_digits(self, root: _Element) -> list[tuple[_Element, bool]]:
        """``digit_text_nodes(root)``, walked once per extraction (the was-price test and the scan share it)."""
        found = self.digit_nodes.get(root)
        if found is None:
            found = self.digit_nodes[root] = digit_text_nodes(root)
        return found

    def currency(self, token: str | None) -> str | None:
        """A currency token resolved with this page's hints (page meta, retailer default, language)."""
        return currency_code(token, self.default_currency, self.page_currency, self.lang)

    def fallback_currency(self) -> str | None:
        """No token next to the amount: the page's meta currency, else the retailer's default."""
        return self.page_currency or self.default_currency

    def reject(self, raw: str, reason: str) -> None:
        self.rejected.append((" ".join(raw.split())[:80], reason))


def meta_values(doc: _Element) -> dict[str, str]:
    """``<meta property|name|itemprop=... content=...>``, the first of each key, keys lower-cased."""
    out: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if key and content is not None and key not in out:
            out[key] = content.strip()
    return out


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def text_content(el: _Element) -> str:
    """All text inside ``el`` (what lxml.html's ``text_content()`` gives, for plain etree elements)."""
    return "".join(el.itertext())


def plain_text(el: _Element) -> str:
    return " ".join(text_content(el).split())


def has_word(attr: str, words: tuple[str, ...]) -> str:
    """An XPath test: ``@attr`` contains one of ``words`` (lower-case), ignoring ASCII case; fast, in C."""
    lowered = f"translate(@{attr}, '{_UPPER}', '{_UPPER.lower()}')"
    return "(" + " or ".join(f"contains({lowered}, '{w}')" for w in words) + ")"


def attr_or_text(el: _Element) -> str:
    for attr in ("content", "value"):
        value = el.get(attr)
        if value and value.strip():
            return value.strip()
    return visible_text(el)


def _is_fraction(el: _Element) -> bool:
    return el.tag == "sup" or bool(_FRACTION_CLASS.search(el.get("class") or ""))


_BLOCK_TAGS = frozenset({"div", "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br",
                         "section", "article", "header", "footer", "table", "dd", "dt", "dl", "form", "button",
                         "label", "main", "aside", "nav", "hr", "figure", "figcaption", "blockquote"})


def _collect(el: _Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if tag in _BLOCK_TAGS:
            parts.append(" ")
            _collect(child, parts)
            parts.append(" ")
        elif isinstance(tag, str) and tag not in _SKIP_TAGS:
            if _is_fraction(child) and parts and parts[-1].rstrip()[-1:].isdigit():
                digits = text_content(child).strip().lstrip(".,")
                if len(digits) == 2 and digits.isdigit():
                    before = parts[-1].rstrip()
                    mark = "," if re.search(r"\d\.\d{3}$", before) else "."
                    parts[-1] = before
                    parts.append(mark + digits)
                else:
                    _collect(child, parts)
            else:
                _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def visible_text(el: _Element) -> str:
    """The element's text as a shopper reads it: scripts skipped, a ``<sup>99</sup>`` after an
    integer read as its decimal fraction (``£1,299<sup>99</sup>`` -> ``£1,299.99``), spaces collapsed."""
    parts: list[str] = []
    _collect(el, parts)
    return " ".join("".join(parts).split())


def digit_text_nodes(root: _Element) -> list[tuple[_Element, bool]]:
    """The text nodes under ``root`` that hold a digit, in document order, as (element, is_tail):
    what ``.//text()[translate(., '0123456789', '') != .]`` finds, without XPath's per-node string
    copies (five times faster on a 100 KB page)."""
    hits: list[tuple[int, int, int, _Element, bool]] = []
    digit = _DIGIT.search
    tails = False
    for i, el in enumerate(root.iter()):  # the hot loop: tests only on the rare hits
        text = el.text
        if text and digit(text) and isinstance(el.tag, str):  # a comment's text is not a text node
            hits.append((i, 0, 0, el, False))
        tail = el.tail
        if tail and digit(tail) and i:  # the root's own tail is outside it
            hits.append((i, 1, 0, el, True))
            tails = True
    if tails and len(hits) > 1:  # a tail follows its element's subtree: place it there
        keyed = []
        for i, _kind, _, el, is_tail in hits:
            if is_tail:
                size = sum(1 for _ in el.iter())
                keyed.append((i + size - 1, 1, -sum(1 for _ in el.iterancestors()), el, True))
            else:
                keyed.append((i, 0, 0, el, False))
        keyed.sort(key=lambda k: k[:3])
        hits = keyed
    return [(el, is_tail) for *_, el, is_tail in hits]
