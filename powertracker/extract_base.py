"""What the extraction strategies share: the parsed page, a price candidate, text helpers.

``Page`` is built once per extraction and carries the parsed document, the meta tags, the
page's language and currency hints, and the list of rejected candidates (raw text, reason)
that ``scrape.py --extract`` shows an operator. A ``Candidate`` is one price a strategy read,
with what identifies its variant (sku, gtin, url) so the orchestrator can pick the offer meant.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import ahocorasick
from lxml.etree import HTMLParser, XPath, _Element, tostring

from .bytesearch import holds
from .patterns import compiled
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
_SCHEMA_PREFIX = compiled(r"^(?:https?://schema\.org/|schema:)", re.I)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "select", "option"})
_FRACTION_CLASS = compiled(r"fraction|decimal|cents|pennies|minor|__after|align-super|superscript|(?<![a-z])sup(?![a-z])", re.I)
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
    without_vat: bool = False  # the markup says this price excludes VAT (valueAddedTaxIncluded false)
    discontinued: bool = False  # the markup says the product is no longer sold (schema.org Discontinued)
    high: Decimal | None = None  # an AggregateOffer's highPrice
    member: bool = False  # one of an AggregateOffer's own listed offers
    net: Decimal | None = None  # the price without VAT shown beside it (a WooCommerce price box's, before its suffix)
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
    html: str | bytes = ""  # the source (bytes: UTF-8), for cheap "does this page use X at all" checks
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

    def short_text(self) -> str:
        """The page's short texts run together in document order: its text nodes of at most ``SHORT_TEXT``
        characters once stripped, a few KB of a 100 KB page whose descriptions and reviews are the rest.
        A label, a button's text, a "Price on request" is in it (computed once)."""
        text = self.memo.get("short text")
        if text is None:
            text = self.memo["short text"] = "".join(
                [t for t in _TEXTS(self.doc) if len(t) <= SHORT_TEXT or len(t.strip()) <= SHORT_TEXT])
        return text  # type: ignore[no-any-return]

    def short_hints(self, hints: tuple[bytes, ...]) -> tuple[bytes, ...]:
        """``hints_in(self.short_text(), hints)``. The hints registered with ``register_short_hints`` are all
        looked for in the first call's one pass (every extraction asks for the same ones)."""
        if hints not in _SHORT_GROUPS:
            return hints_in(self.short_text(), hints)
        every = _SHORT_EVERY
        looked, held = self.memo.get("short hints", ((), frozenset()))
        if looked is not every:  # not looked for yet (or a group was registered since)
            looked, held = self.memo["short hints"] = every, frozenset(hints_in(self.short_text(), every))
        return tuple(h for h in hints if h in held) if held else ()

    def currency(self, token: str | None) -> str | None:
        """A currency token resolved with this page's hints (page meta, retailer default, language)."""
        return currency_code(token, self.default_currency, self.page_currency, self.lang)

    def fallback_currency(self) -> str | None:
        """No token next to the amount: the page's meta currency, else the retailer's default."""
        return self.page_currency or self.default_currency

    def reject(self, raw: str, reason: str) -> None:
        self.rejected.append((" ".join(raw.split())[:80], reason))

    def mentions(self, *markers: str) -> bool:
        """Whether the source holds one of the ``markers``; True when there is no source to
        look in. A strategy whose markup needs a marker skips a page without any. Each marker is
        looked for once per page (a pass over the whole source)."""
        if not self.html:
            return True
        return any(self._mentioned(m) for m in markers)

    def _mentioned(self, marker: str) -> bool:
        key = ("mentions", marker)
        held = self.memo.get(key)
        if held is None:
            src = self.html
            held = self.memo[key] = holds(src, marker.encode() if isinstance(src, bytes) else marker)  # UTF-8 (page_source)
        return held  # type: ignore[no-any-return]


SHORT_TEXT = 200  # characters: a label, a badge, a short statement; a longer text is a sentence of a description
_TEXTS = XPath(".//text()", smart_strings=False)  # ten times cheaper than a string-length() predicate in it
_SHORT_GROUPS: list[tuple[bytes, ...]] = []  # the hints Page.short_hints answers in one pass, as registered
_SHORT_EVERY: tuple[bytes, ...] = ()  # all of them


def register_short_hints(hints: tuple[bytes, ...] | None) -> tuple[bytes, ...] | None:
    """Registers ``hints`` (at import) as hints every extraction asks ``Page.short_hints`` about; returns them."""
    global _SHORT_EVERY  # noqa: PLW0603 - set while modules are imported, read-only after
    if hints is not None:  # all of them first: a group is answered from _SHORT_EVERY once it is in _SHORT_GROUPS
        _SHORT_EVERY = tuple(dict.fromkeys((*_SHORT_EVERY, *hints)))
        _SHORT_GROUPS.append(hints)
    return hints


UTF8_PARSER = HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8", collect_ids=False)


def page_source(body: bytes, encoding: str | None) -> str | bytes:
    """What to parse of a fetched UTF-8 page: the bytes themselves (lxml reads them a quarter faster
    than a str, and no text copy is kept). Bytes that are no valid UTF-8 need no decoding first: the
    parser puts U+FFFD for them, as ``errors="replace"`` would, and the byte-level checks look only for
    ASCII. Another encoding, a byte-order mark, an XML declaration or a blank page take the text path
    (``errors="replace"``), which treats them as it always has."""
    name = encoding or "utf-8"
    try:
        utf8 = codecs.lookup(name).name == "utf-8"
    except LookupError:
        utf8, name = True, "utf-8"
    if utf8 and not body.startswith(b"\xef\xbb\xbf") and b"<?xml" not in body[:512] and body and not body.isspace():
        return body
    return body.decode(name, errors="replace")


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


def class_id(el: _Element) -> str:
    """``el``'s class and id, as one string of names ("product-price main-price price-42")."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def has_class(el: _Element, word: str) -> bool:
    """Whether ``word`` is one of ``el``'s class names."""
    return word in (el.get("class") or "").split()


def is_fraction(el: _Element) -> bool:
    """Whether ``el`` holds the cents of a split price: a ``<sup>``, or a class that says so."""
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
        elif isinstance(tag, str) and tag not in _SKIP_TAGS and not _visual_copy(child):
            if parts and parts[-1].rstrip()[-1:].isdigit() and (is_fraction(child) or _cents_after_sign(child)):
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


SCREEN_READER_ONLY = re.compile(r"visually-hidden|sr-only|screen-reader")  # classes that hide text from the eye alone


def _visual_copy(el: _Element) -> bool:
    """Whether ``el`` is hidden from screen readers (``aria-hidden="true"``) after a sibling only they read
    (``<span class="sr-only">€ 4,99</span><span aria-hidden="true">4</span><span aria-hidden="true">99</span>``): the
    same price drawn for the eye, which run together with the spoken one would read "€ 4,99499"."""
    if el.get("aria-hidden") != "true":
        return False
    for sib in el.itersiblings(preceding=True):
        classes = sib.get("class") or ""
        if (SCREEN_READER_ONLY.search(classes) or "a-offscreen" in classes) and has_digit(text_content(sib)):
            return True
    return False


def _cents_after_sign(el: _Element) -> bool:
    """Whether ``el`` is the cents of a price split in three spans with nothing to tell them apart:
    ``<span>$</span><span>549</span><span>00</span>`` (Home Depot classes the sign and the cents alike)."""
    text = el.text
    if not text or len(text) != 2 or not text.isdigit() or el.getnext() is not None or len(el):
        return False
    whole, sign = el.getprevious(), None
    if whole is not None:
        sign = whole.getprevious()
    return (sign is not None and sign.getprevious() is None and not len(whole) and not len(sign)
            and _WHOLE.fullmatch(whole.text or "") is not None and _SIGN.fullmatch((sign.text or "").strip()) is not None
            and not any((n.tail or "").strip() for n in (sign, whole)))


_WHOLE = compiled(r"\d{1,3}(,\d{3})*|\d+")
_SIGN = compiled(r"[$£€¥₹]|[A-Z]{1,3}\$")


def visible_text(el: _Element) -> str:
    """The element's text as a shopper reads it: scripts skipped, a ``<sup>99</sup>`` after an
    integer read as its decimal fraction (``£1,299<sup>99</sup>`` -> ``£1,299.99``), spaces collapsed."""
    parts: list[str] = []
    _collect(el, parts)
    return " ".join("".join(parts).split())


def has_digit(text: str) -> bool:
    """Whether ``text`` holds an ASCII digit: ten ``in`` tests (each a memchr in C) beat one regex
    search, which steps through a long run of prose character by character."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
            or "6" in text or "7" in text or "8" in text or "9" in text)


def _bytes_digit(data: bytes) -> bool:
    return (b"0" in data or b"1" in data or b"2" in data or b"3" in data or b"4" in data or b"5" in data
            or b"6" in data or b"7" in data or b"8" in data or b"9" in data)


_BIG_TEXT = 8192  # bytes: a subtree with more text is split again by its children, not walked node by node
_MAX_SPLIT_DEPTH = 30


def digit_text_nodes(root: _Element) -> list[tuple[_Element, bool]]:
    """The text nodes under ``root`` that hold a digit, in document order, as (element, is_tail):
    what ``.//text()[translate(., '0123456789', '') != .]`` finds, without XPath's per-node string
    copies. A subtree whose text (serialized in C, one call) has no digit at all is skipped whole:
    a navigation menu or a block of prose costs one memchr pass instead of a Python step per node."""
    out: list[tuple[_Element, bool]] = []
    _split(root, out, 0)
    return out


def _split(root: _Element, out: list[tuple[_Element, bool]], depth: int) -> None:
    """``root``'s own text, then each child: a leaf read directly, a bigger subtree skipped when its
    text has no digit, split again when it is large (or the only child: a wrapper), else walked."""
    text = root.text
    if text and has_digit(text) and isinstance(root.tag, str):  # a comment's text is not a text node
        out.append((root, False))
    single = len(root) == 1
    for child in root:
        if isinstance(child.tag, str):
            if len(child):
                if single and depth < _MAX_SPLIT_DEPTH:
                    _split(child, out, depth + 1)
                else:
                    data = tostring(child, method="text", encoding="utf-8", with_tail=False)
                    if _bytes_digit(data):
                        if len(data) > _BIG_TEXT and depth < _MAX_SPLIT_DEPTH:
                            _split(child, out, depth + 1)
                        else:
                            _walk(child, out)
            else:
                text = child.text
                if text and has_digit(text):
                    out.append((child, False))
        tail = child.tail
        if tail and has_digit(tail):
            out.append((child, True))


def _walk(root: _Element, out: list[tuple[_Element, bool]]) -> None:
    """Every digit text node of ``root``'s subtree (its tail excluded), node by node, appended in
    document order."""
    hits: list[tuple[int, int, int, _Element, bool]] = []
    tails = False
    for i, el in enumerate(root.iter()):  # the hot loop: has_digit inlined, tests only on the rare hits
        text = el.text
        if text and ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
                     or "6" in text or "7" in text or "8" in text or "9" in text) and isinstance(el.tag, str):
            hits.append((i, 0, 0, el, False))
        tail = el.tail
        if tail and i and ("0" in tail or "1" in tail or "2" in tail or "3" in tail or "4" in tail or "5" in tail
                           or "6" in tail or "7" in tail or "8" in tail or "9" in tail):  # root's tail is outside
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
    out.extend((el, is_tail) for *_, el, is_tail in hits)


# --- skipping subtrees that cannot match a pattern -------------------------------------------------

# the non-ASCII letters that IGNORECASE matches to an ASCII one (İ, ı -> i; ſ -> s; Kelvin sign -> k), not all
# of which str.casefold() folds so: a text holding one is taken to hold every hint (a subtree is never skipped)
_CASE_GUARDS = ("\u0130", "\u0131", "\u017f", "\u212a")
# kept between the words of a button or badge to hold it on one line ("Sold&nbsp;out"); prices.normalize's spaces
_NO_BREAK_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009")


def required_literals(pattern: str, flags: int) -> tuple[bytes, ...] | None:
    """For each top-level alternative of the regular expression ``pattern`` (with ``flags``), a run of literal characters every match holds,
    UTF-8 encoded: its longest run of ASCII or caseless characters, lower-cased, when that is at least
    five bytes; else its longest run of any characters, case-folded ("ár kérésre", "очаквайте"),
    which ``hints_in`` looks for in case-folded text. None when some alternative has no run (or the
    pattern cannot be read): then nothing can be ruled out."""
    try:
        from re import _parser  # the stdlib's own regex parser (private, hence the fallback)

        parsed = list(_parser.parse(pattern, flags))
        branch = _parser.BRANCH
        literal = _parser.LITERAL
    except Exception:  # noqa: BLE001 - any surprise means: no pruning, never a wrong answer
        return None
    alternatives = parsed[0][1][1] if len(parsed) == 1 and parsed[0][0] is branch else [parsed]
    hints = set()
    for items in alternatives:
        plain = _longest_run(items, literal, lambda ch: ch.isascii() or ch.lower() == ch.upper())
        if len(plain.encode("utf-8")) >= 5:
            hints.add(plain.lower().encode("utf-8"))
            continue
        wide = _longest_run(items, literal, lambda ch: True)
        if len(wide) > len(plain):
            hints.add(wide.casefold().encode("utf-8"))
        elif plain:
            hints.add(plain.lower().encode("utf-8"))
        else:
            return None
    by_length = sorted(hints, key=len)  # only a shorter hint can cover one ('pric' covers 'price ')
    return tuple(sorted(h for i, h in enumerate(by_length) if not any(map(h.__contains__, by_length[:i]))))


def _longest_run(items: list[tuple[Any, Any]], literal: Any, keep: Callable[[str], bool]) -> str:
    best = run = ""
    for op, arg in items:
        ch = chr(arg) if op is literal else ""
        if ch and keep(ch):
            run += ch
            continue
        best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


@lru_cache(maxsize=32)
def _finder(hints: tuple[bytes, ...]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over ``hints`` (as text; each hint's value its index), built once."""
    automaton = ahocorasick.Automaton()
    for i, h in enumerate(hints):
        automaton.add_word(h.decode("utf-8", "surrogateescape"), i)
    automaton.make_automaton()
    return automaton


def hints_in(data: bytes | str, hints: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """The ``hints`` (``required_literals``) that UTF-8 text ``data`` (or the text itself) holds, whatever its case,
    in their order: all of them when it holds a letter whose case ``str.casefold()`` does not fold as the regex
    does (``_CASE_GUARDS``). Found in one pass over the case-folded text, which holds every hint the text holds
    in any case (and, rarely, one more: "ss" where it says "ß"; a hint only rules text out). A no-break or thin
    space counts as a space, as in the normalized texts the patterns read: "Sold&nbsp;out" holds "sold out"."""
    if not hints:
        return ()
    text = data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")
    if any(g in text for g in _CASE_GUARDS):
        return hints
    for space in _NO_BREAK_SPACES:
        if space in text:
            text = text.replace(space, " ")
    held = {i for _, i in _finder(hints).iter(text.casefold())}
    return tuple(h for i, h in enumerate(hints) if i in held) if held else ()


def elements_holding(root: _Element, hints: tuple[bytes, ...] | None) -> Iterator[_Element]:
    """What ``root.iter()`` yields, in the same order, less the subtrees whose text (serialized in C,
    one call) holds none of ``hints`` (``required_literals``): there no element's own text can
    match. A caller testing each element's text finds exactly what a walk of ``iter()`` finds.
    Only the hints the whole of ``root``'s text holds are looked for below it (often none: then
    nothing is walked), as a subtree's text is part of its root's."""
    if hints is None:
        yield from root.iter()
        return
    hints = hints_in(tostring(root, method="text", encoding="utf-8", with_tail=False), hints)
    if not hints:
        return
    yield root
    stack = [(iter(root), len(root) == 1)]
    while stack:
        it, single = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str) or not len(child):
            yield child  # a comment, or a leaf: its own text is all there is
            continue
        if not single:  # an only child (a wrapper) holds what its parent held: no need to look
            data = tostring(child, method="text", encoding="utf-8", with_tail=False)
            if not hints_in(data, hints):
                continue
            if len(data) <= _BIG_TEXT:
                yield from child.iter()
                continue
        yield child
        stack.append((iter(child), len(child) == 1))
