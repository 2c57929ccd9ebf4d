"""Read the price off one product page. It never guesses.

Strategies, in order, each reporting its name and confidence:

1. ``selector``: the CSS selector configured for the offer or retailer (the operator knows best);
2. ``json-ld``: schema.org Product / ProductGroup / Offer / AggregateOffer (``extract_structured``);
3. ``microdata`` and ``rdfa``: ``itemprop="price"`` / ``property="schema:price"``, content before text;
4. ``meta``: ``product:price:amount`` / ``og:price:amount`` with the matching currency;
5. ``platform:<name>``: Shopify, WooCommerce, Magento, BigCommerce, PrestaShop, marketplace markup
   (``extract_platform``);
6. ``heuristic``: the visible price nearest the title and buy button, distractors rejected
   (``extract_heuristic``).

When the page lists several offers or variants at different prices, the one the offer means is
taken (its sku, gtin or url ``?variant=`` from the product file), else the variant the page
selects, else the one whose price the page shows; AggregateOffers and ranges give their low
price. When it still cannot tell, the price is None and ``rejected`` says why: a wrong price
is worse than none. Availability comes from the offer, else from the page's stock text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml.etree import HTMLParser, ParserError, XMLSyntaxError, XPath, _Element, fromstring

from .bytesearch import find
from .extract_base import (
    CONFIDENCE,
    UTF8_PARSER,
    Candidate,
    Page,
    attr_or_text,
    availability,
    class_id,
    meta_values,
    page_source,
    plain_text,
    text_content,
)
from .extract_heuristic import (
    DEPOSIT,
    HIRE,
    LOADING,
    LOWEST_30,
    MEMBER,
    MULTIBUY,
    MULTIBUY_ATTR,
    RANGE_TOP,
    RUNNING_TEXT,
    UNCHOSEN,
    USED,
    Scan,
    Seen,
    auction_without_buy_now,
    choose,
    discount_explains,
    heuristic,
    may_show_was,
    no_price_statement,
    price_marked,
    shared_box,
    shown_bare,
    survey,
)
from .extract_platform import listing_page, platform, script_currency, woocommerce_selected_variation
from .extract_regions import Layout
from .extract_stock import buy_button_availability, preorder_button, sold_out_shown, text_availability
from .extract_structured import (
    article_page,
    comparison_page,
    json_ld,
    meta_tags,
    microdata,
    page_currency,
    rdfa,
)
from .models import Extraction
from .patterns import compiled
from .prices import CENTS_END, KNOWN_CURRENCIES, THREE_DECIMALS, currency_code, in_fils, parse_price

if TYPE_CHECKING:
    from lxml.cssselect import CSSSelector

__all__ = ["KNOWN_CURRENCIES", "availability", "currency_code", "extract", "parse_price"]

logger = logging.getLogger(__name__)

AMBIGUOUS_PENALTY = 0.15  # the variant was chosen by the page's selection or visible price
STALE_RANGE = Decimal(2)  # a visible price stands in for stale markup only within this factor of it
_PERCENT = compiled(r"(?<![\d.,])(\d{1,2})\s?%")
SALE_RANGE = Decimal(5)  # or of a was price struck beside it: a sale down to a fifth of it
VAT_MAX = Decimal("1.275")  # the highest standard VAT rate (27 %), and rounding: a price with VAT is at most this much dearer
CENT = Decimal("0.01")
CONFIDENT_VISIBLE = 0.7  # the heuristic's confidence in a price marked as one (class "price" and the like)
MARKUP = frozenset({"json-ld", "microdata", "rdfa", "meta"})  # the strategies that read a page's markup


_FORM_VARIANT = XPath("//form[contains(@action, '/cart/add')]//select[@name='id']/option[@selected]/@value"
                      " | //form[contains(@action, '/cart/add')]//input[@name='id'][@type='hidden']/@value"
                      " | //form[contains(@action, '/cart/add')]//input[@name='id'][@type='radio'][@checked]/@value")


@dataclass(frozen=True)
class Wanted:
    """What identifies the offer's variant: from the product file, else the page URL."""

    sku: str | None = None
    gtin: str | None = None
    url: str | None = None

    @property
    def variant(self) -> str | None:
        m = re.search(r"[?&](?:variant|variation_id|sku|v)=([\w.-]+)", self.url or "")
        return m.group(1) if m else None

    def matches(self, c: Candidate) -> bool:
        if self.sku and c.sku and _norm(self.sku) == _norm(c.sku):
            return True
        if self.gtin and c.gtin and self.gtin.lstrip("0") == c.gtin.lstrip("0"):
            return True
        variant = self.variant
        if variant and c.url:
            m = re.search(r"[?&](?:variant|variation_id|sku|v)=([\w.-]+)", c.url)
            return bool(m and m.group(1) == variant)
        return False

    def __bool__(self) -> bool:
        return bool(self.sku or self.gtin or self.variant)


def _norm(text: str) -> str:
    return re.sub(r"[\s_-]", "", text).lower()


_LOADING = compiled("|".join(rf"\W*{w}\W*$" for w in LOADING), re.I)
# a model code: letters and digits mixed, six characters or more ("ww11db8b95gbu3", "sm-s928b"; not "11kg")
_MODEL_CODE = compiled(r"\b(?=[\w-]*\d)(?=[\w-]*[a-z]{2})[a-z\d][\w-]{5,}\b")
_TITLE_HEAD = compiled(r"$|\s*[–—|,(/:-]")  # where a product's name ends in the title: its end, or a variant's


def _opens(title: str, name: str) -> bool:
    """Whether ``title`` is ``name``, or opens with it before a variant's words."""
    return title.startswith(name) and _TITLE_HEAD.match(title, len(name)) is not None


_PARSER = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


def _parse(html: str | bytes) -> _Element | None:
    """The page as a plain lxml tree (lxml.html's element classes cost a Python call per element);
    bytes are UTF-8 (``page_source``)."""
    if not html or html.isspace():  # isspace stops at the first other character; strip() would copy the page
        return None
    try:
        try:
            return fromstring(html, UTF8_PARSER if isinstance(html, bytes) else _PARSER)
        except ValueError:  # a str with an XML encoding declaration
            return fromstring(html.encode("utf-8"), _PARSER)
    except (ParserError, XMLSyntaxError):
        return None


@lru_cache(maxsize=256)
def _compiled(selector: str) -> CSSSelector:
    """A retailer's selector, compiled once per process (translating CSS to XPath costs ~0.5 ms)."""
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector)


def _by_selector(page: Page, selector: str) -> list[Candidate]:
    from lxml.cssselect import SelectorError  # imported by the first selector (15 ms a run that has none)

    try:
        elements = _compiled(selector)(page.doc)
    except (SelectorError, SyntaxError) as exc:
        page.reject(selector, f"invalid selector: {exc}")
        return []
    out = []
    for el in elements:
        raw = attr_or_text(el)
        amount, currency = parse_price(raw, page.default_currency, page.page_currency)
        if amount is None:
            page.reject(raw, "selector match holds no price")
            continue
        out.append(Candidate(price=amount, currency=currency or page.fallback_currency(), raw=raw, element=el))
    return out[:1]


class _Run:
    """One extraction: the page, its strategies (run lazily, each once) and the choice among offers."""

    def __init__(self, page: Page, selector: str | None, wanted: Wanted) -> None:
        self.page = page
        product = "product" in page.meta.get("og:type", "")  # "product", "og:product", "product.item"
        self.layout = Layout(page.doc, page.meta.get("og:title") if product else None)
        self.wanted = wanted
        self._scan: Scan | None = None
        self._survey: Scan | None = None
        self._no_was_above: Decimal | None = None  # may_show_was said no for this threshold: skip asking again
        self.sold_out = False  # no price, on a page sold out (or no longer sold)
        self.no_product = False  # an article, a comparison or a listing: no product's stock either
        self.named_variant = False  # the operator's offer (sku, gtin, variant url) is one of several in the markup: its
        # own stock stands, whatever the page says of the variant it shows
        self._in_text: dict[Decimal, bool] = {}  # shown_in_text's answers: several checks ask for one price
        self._places: dict[Decimal, list[tuple[bytes, int]]] = {}  # where the source writes each amount
        self._around: dict[Decimal, bytes] = {}  # the source around those places, lower case, NUL between them
        self.titles: dict[str, str | None] = {}
        jl, self.titles["json-ld"] = json_ld(page)
        self.plat_name: str | None = None

        def md() -> list[Candidate]:
            found, self.titles["microdata"] = microdata(page, self.layout)
            return found

        def rd() -> list[Candidate]:
            found, self.titles["rdfa"] = rdfa(page, self.layout)
            return found

        def plat() -> list[Candidate]:
            self.plat_name, found = platform(page, self.layout)
            return found

        self.strategies: list[tuple[str, Callable[[], list[Candidate]]]] = [
            ("selector", (lambda: _by_selector(page, selector)) if selector else list),
            ("json-ld", lambda: jl), ("microdata", md), ("rdfa", rd), ("meta", lambda: meta_tags(page)),
            ("platform", plat), ("heuristic", lambda: heuristic(page, self.scan)),
        ]
        self._cache: dict[str, list[Candidate]] = {}

    @property
    def scan(self) -> Scan:
        """The heuristic's scan: the survey, with the choice among its amounts made (once)."""
        if self._scan is None:
            choose(self.surveyed, self.page, self.layout)
            self._scan = self.surveyed
        return self._scan

    @property
    def surveyed(self) -> Scan:
        """The page's amounts and their reasons, before the choice among them (which a markup page rarely needs)."""
        if self._survey is None:
            self._survey = survey(self.page, self.layout)
        return self._survey

    def visible_was(self, price: Decimal) -> Decimal | None:
        """The scan's was price; the full scan runs only when the page could show one above ``price``."""
        if self._scan is None and not self._may_show_was(price):
            return None
        return self.scan.was

    def _may_show_was(self, above: Decimal) -> bool:
        """``may_show_was``, not asked twice for a threshold a lower one already answered."""
        if self._no_was_above is not None and above >= self._no_was_above:
            return False
        if may_show_was(self.page, above):
            return True
        self._no_was_above = above
        return False

    def markup_availability(self, price: Decimal) -> str | None:
        """The stock the page's markup states when the price came from elsewhere (its markup stale, or left to the
        heuristic) and the text says none: its offers' at that price, else all its offers' when they agree (a
        placeholder's zero price says nothing of the stock either)."""
        offers = [c for name, found in self._cache.items() if name in MARKUP for c in found if not c.used and c.price > 0]
        for group in ([c for c in offers if c.price == price], offers):
            states = {c.availability for c in group}
            if group:
                return states.pop() if len(states) == 1 else None
        return None

    def page_variant(self) -> Wanted:
        """The variant the page itself is about: its ``og:url`` or canonical link's ``?variant=``."""
        url = self.page.meta.get("og:url")
        if not url:
            link = self.page.doc.find(".//link[@rel='canonical']")
            url = link.get("href") if link is not None else None
        return Wanted(url=url)

    def form_variant(self) -> Wanted:
        """The variant the page's basket form has chosen: Shopify's ``<select name="id">`` option marked selected, or
        its one ``<input name="id">`` (a sold-out first variant makes a theme preselect the next one)."""
        ids = _FORM_VARIANT(self.page.doc)
        return Wanted(url=f"?variant={ids[0]}") if len(set(ids)) == 1 else Wanted()

    def candidates(self, name: str) -> list[Candidate]:
        if name not in self._cache:
            self._cache[name] = dict(self.strategies)[name]()
        return self._cache[name]

    def choose(self, name: str, found: list[Candidate]) -> tuple[Candidate | None, float]:
        """The candidate the offer means and a confidence penalty; (None, 0) when it cannot tell,
        (None, -1) when every candidate was a placeholder (zero price)."""
        page = self.page
        for c in found:
            if c.price <= 0:
                page.reject(c.raw, f"{name}: zero or negative price (a placeholder, not a price)")
        found = [c for c in found if c.price > 0]
        if not found:
            return None, -1.0
        new = [c for c in found if not c.used]
        for c in found:
            if c.used and new:
                page.reject(c.raw, f"{name}: used / refurbished or another seller's offer")
        found = new or found
        found = self._titled(name, found)
        default = page.default_currency
        if default and any(c.currency == default for c in found) and not self._shown_in_another_currency(found, default):
            for c in found:
                if c.currency != default:
                    page.reject(c.raw, f"{name}: offer in {c.currency}, the retailer sells in {default}")
            found = [c for c in found if c.currency == default]
        tier = _one_unit_tier(found)
        aggregates = [c for c in found if c.aggregate and c.low]
        if aggregates and tier is None:  # an AggregateOffer over the rows of a tier table: the rows decide
            low = aggregates[0]
            members = {c.price: c for c in found if c.member}
            instead = self._aggregate_instead(name, low, members) if low.high and low.high > low.price else None
            return (instead, AMBIGUOUS_PENALTY) if instead is not None else (low, 0.0)
        prices = {c.price for c in found}
        if len(prices) == 1:
            chosen = ([c for c in found if c.selected] or [c for c in found if c.availability == "in_stock"]
                      or found)
            return chosen[0], 0.0
        if tier is not None:
            for c in found:
                if c is not tier:
                    page.reject(c.raw, f"{name}: a quantity-break price (the offers are rows of a price table)")
            return tier, 0.0
        shown, form = self.page_variant(), self.form_variant()
        for picked in ([c for c in found if c.selected], [c for c in found if shown and shown.matches(c)],
                       [c for c in found if form and form.matches(c)]):
            if picked and len({c.price for c in picked}) == 1:  # the page's selection, its og:url's, its basket form's
                return picked[0], AMBIGUOUS_PENALTY
        if name != "heuristic":
            visible = self.scan.best
            if visible is not None:
                same = [c for c in found if c.price == visible.match.amount]
                if same:
                    return same[0], AMBIGUOUS_PENALTY
            # the page's one price tag (Shopify's og:price is its first variant's, even sold out: after the above),
            # or its other markup's one offer (Shopware's microdata for the selected variant beside a ProductGroup)
            for other in ("meta", "microdata"):
                tagged = {c.price for c in self.candidates(other)} if name != other else set()
                same = [c for c in found if len(tagged) == 1 and c.price in tagged]
                if same:
                    return same[0], AMBIGUOUS_PENALTY
        if all(c.low for c in found):
            return min(found, key=lambda c: c.price), 0.0
        if name != "heuristic" and self._offers_are_was_prices(found):
            page.reject("", f"{name}: its offers' prices are the page's was prices (compare-at prices left in the"
                            " markup); the visible price is read instead")
            return heuristic(page, self.scan)[0], AMBIGUOUS_PENALTY
        listed = ", ".join(sorted({f"{c.price}" + (f" (sku {c.sku})" if c.sku else "") for c in found}))
        page.reject("", f"ambiguous: {name} lists {len(prices)} different prices ({listed}) and the page does"
                        " not say which variant is meant; give the offer's sku, gtin or variant url")
        return None, 0.0

    def _titled(self, name: str, found: list[Candidate]) -> list[Candidate]:
        """The offers of the product the page's title names, when the markup also holds another product under a name
        of its own (an accessory kit's block beside the vacuum's): the title is that name, or opens with it before a
        variant ("RoboClean S8 Max Robot Vacuum & Mop – Black"), not only mentions it ("Filter for Dyson V15 Detect");
        all of them when it cannot tell (variants named after the product: "Jacket – Red" beside "Jacket")."""
        names = {c.name for c in found if c.name}
        if len(names) < 2 or self.layout.title is None:
            return found
        title = plain_text(self.layout.title).casefold()
        ours = {n for n in names if _opens(title, " ".join(n.split()).casefold())}
        if not ours:  # or the one name that holds the title's model code ("Lavatrice Samsung WW11DB8B95GBU3 11 kg")
            codes = set(_MODEL_CODE.findall(title))
            coded = {n for n in names if codes & set(_MODEL_CODE.findall(n.casefold()))}
            ours = coded if len(coded) == 1 else set()
        if not ours or any(o.casefold() in n.casefold() for o in ours for n in names - ours):
            return found
        for c in found:
            if c.name not in ours:
                self.page.reject(c.raw, f"{name}: another product's offer ({c.name!r} is not the page's title)")
        kept = [c for c in found if c.name in ours]
        if self.titles.get(name) not in ours:  # the markup's first product was another's: name the page's own
            self.titles[name] = kept[0].name
        return kept

    def _shown_in_another_currency(self, found: list[Candidate], default: str) -> bool:
        """Whether the page shows none of the offers in the shop's own currency but one in another, and
        its price in that currency (a market's view of the shop, "/de-ch/" in francs, beside markup left
        in euros; not "also in our Swiss shop: CHF 159.00")."""
        if len({c.currency for c in found}) < 2:
            return False
        ours = [c.price for c in found if c.currency == default]
        theirs = [c.price for c in found if c.currency not in (None, default)]
        if any(self.shown_in_text(p) for p in ours) or not any(self.shown_in_text(p) for p in theirs):
            return False
        best = self.scan.best  # the page's own price in that currency, not a note about another shop's
        return best is not None and (best.currency or self.page.fallback_currency()) != default

    def _offers_are_was_prices(self, found: list[Candidate]) -> bool:
        """Whether the page shows the offers' prices only as was prices, where it shows them at all, and
        shows one of them so, beside a price it marks clearly as the one to pay."""
        shown = [c.price for c in found if self.shown_in_text(c.price)]
        return bool(shown) and all(self.shown_as_was(p) for p in shown) and self.scan.best is not None \
            and self.scan.confidence >= CONFIDENT_VISIBLE

    def _said_instead(self, chosen: Candidate) -> str | None:
        """The page's statement that it has no price to pay ("This product has been discontinued"), when
        the page does not show the markup's price, shows it only struck through as a list price, or, the markup
        saying sold out (or nothing of stock), shows it only in other products' cards or blocks."""
        said = no_price_statement(self.page, self.layout)  # "회원공개" beside the markup's price struck through as a list price
        if not said or _LOADING.match(said):  # none, or a price box a script fills from the markup's price
            return None
        price = chosen.price
        shown = self.shown_in_text(price)
        # a hire-only page's rate a day, a reservation's deposit: shown, but not as a price to buy at
        seen = {s.reason for s in self.surveyed.seen if s.match.amount == price} if shown else set()
        not_to_buy = shown and bool(seen & {HIRE, DEPOSIT}) and seen <= {HIRE, DEPOSIT, RUNNING_TEXT}
        if shown and not not_to_buy and chosen.availability not in ("out_of_stock", None) and not chosen.discontinued and (
                (chosen.was and chosen.was > price) or not self._marked_near(price, _STRUCK_MARKERS)
                or not self.shown_as_was(price)):  # markup that knows its was price is not that struck price
            return said if self._shown_only_in_cards(price) else None  # stands, when shown as this product's
        return said if not shown or not_to_buy or self._shown_only_in_cards(price) or self.shown_as_was(price) else None

    def _shown_only_in_cards(self, amount: Decimal, labels: bool = False) -> bool:
        """Whether every visible place that writes ``amount`` is in a row of product cards or a related-products
        block (other products'); with ``labels``, of the places short enough to be a price's label (a description's
        "Regular price ₱1,299.00. Flash sale ..." is not one, the price box's "Jetzt nur 49,99 € statt ..." is), in
        cards or excluded blocks (those that hold neither
        title nor buy button: a content area classed "breadcrumbs-location-summary" is no related block)."""
        forms = _written_forms(amount, spaces=(" ",))
        found = False
        layout = self.layout
        for host, text in self._visible_digit_nodes():
            if any(f in text for f in forms) and not (labels and not _labelled(host, text)):
                if not (layout.another_products(host) if labels else layout.in_cards(host) or layout.in_related(host)):
                    return False
                found = True
        return found

    def _scanned_outside_cards(self, amount: Decimal) -> bool:
        """Whether the scan, which joins a price split over elements ("1.299<sup>99</sup> Lei"), sees ``amount`` as a
        label or in a price box outside other products' cards and blocks (as ``_shown_only_in_cards`` counts)."""
        return any(s.match.amount == amount and _labelled(s.element, s.text) and not self.layout.another_products(s.element)
                   for s in self.scan.seen)

    def _aggregate_instead(self, name: str, low: Candidate, members: dict[Decimal, Candidate]) -> Candidate | None:
        """The price to read instead of an AggregateOffer's low, when the page shows the one it offers
        inside the range: the one offer it lists (the shop's own, beside a low that is a used or another
        seller's), its single marked price (a selected variant, a marketplace's buy box), the first row
        of its quantity-break table, or its platform's one buy-box price."""
        assert low.high is not None

        def read(why: str, amount: Decimal, raw: str, element: _Element | None) -> Candidate:
            self.page.reject(low.raw, f"{name}: the lowest {why} is read instead")
            return Candidate(price=amount, currency=low.currency, raw=raw, availability=low.availability,
                             element=element)

        if (row := self._one_unit_row(low.price, low.high)) is not None:  # the range is the table's, whatever the buy box
            return read("quantity-break price; the one-unit row", row.match.amount, row.match.raw, row.element)
        if len(members) == 1 and low.price < (own := next(iter(members))) <= low.high and self.shown_in_text(own):
            self.page.reject(low.raw, f"{name}: the lowest of several offers; the one offer it lists is read instead")
            return members[own]
        best = self.scan.best
        if best is not None and best.match.amount == low.high and self.scan.confidence >= CONFIDENT_VISIBLE \
                and any(s.reason == MULTIBUY and s.match.amount == low.price for s in self.scan.seen) \
                and not any(s.reason is None and s.match.amount == low.price for s in self.scan.seen):
            return read("price, a multibuy's ('Mix Six'); the buy box's one-unit price", best.match.amount,
                        best.match.raw, best.element)
        if best is not None:
            # the range's top is the buy box's price when the cheaper offers on the page are used or other sellers',
            # or options the page has not chosen (a 1 kg bag selected over the 250 g one)
            seen = self.scan.seen
            others = any(s.reason in (USED, UNCHOSEN) and low.price <= s.match.amount < low.high for s in seen) or (
                any(s.reason == RANGE_TOP and s.match.amount == low.high for s in seen)  # "Price varies by color:
                and any(s.low and s.match.amount == low.price for s in seen))  # $298.00 – $328.00" beside the box's $328
            top = low.high if others else low.high - CENT
            if self._visible_instead(low, (low.price, top)) and not best.low \
                    and self.scan.confidence >= CONFIDENT_VISIBLE:  # a single price, marked as one
                return read("of several offers (another seller's, or another variant's); the page's own price",
                            best.match.amount, best.match.raw, best.element)
            return None
        if name != "platform":
            shown = {c.price for c in self.candidates("platform") if c.currency in (None, low.currency)}
            if len(shown) == 1 and low.price < (amount := shown.pop()) < low.high:
                return read("of several offers; the buy box's price", amount, str(amount), None)
        return None

    def run(self) -> tuple[str, Candidate, float] | None:
        wanted = self.wanted
        if wanted:  # the offer names its variant: the matching offer is taken as the markup gives it
            for name, _ in self.strategies[:-1]:
                hits = [c for c in self.candidates(name) if wanted.matches(c)]
                if hits:
                    chosen, _penalty = self.choose(name, hits)
                    if chosen is not None:
                        self.named_variant = len(self.candidates(name)) > 1  # one of several: the page may show another
                        return name, chosen, 0.0
            self.page.reject("", f"no offer on the page matches sku={wanted.sku} gtin={wanted.gtin}"
                                 f" variant={wanted.variant}; reading the page's own choice")
        zero_markup = False  # a markup strategy held only a zero price ("0.00": coming soon, price on request)
        for name, _ in self.strategies:
            if name == "json-ld" and _may_be_variable(self.candidates(name)) \
                    and (variation := woocommerce_selected_variation(self.page)) is not None:
                self.plat_name = "woocommerce"  # a variable product's preselected variation, not its range
                return "platform", variation, 0.0
            if name == "json-ld" and self.candidates(name) and (kind := article_page(self.page)):
                self.no_product = True
                self.page.reject("", f"the page is no product page ({kind}): the product its JSON-LD names is one it"
                                     " writes about")
                return None
            if name in MARKUP and self.candidates(name) and (kind := comparison_page(self.page, self.layout)):
                self.no_product = True  # its markup's AggregateOffer is the shops' it lists
                self.page.reject("", f"the page is no product page ({kind})")
                return None
            if name == "platform" and (kind := article_page(self.page) or comparison_page(self.page, self.layout)
                                       or listing_page(self.page, self.layout)):
                self.no_product = True
                self.page.reject("", f"the page is no product page ({kind}): prices in it are not one"
                                     " product's")
                return None
            if name == "heuristic" and self.page.memo.get("empty price box"):
                self.page.reject("", "heuristic: the shop's own price box is empty (a quote, a login, a hidden"
                                     " price); the amounts elsewhere are other things'")
                return None
            if name == "heuristic" and auction_without_buy_now(self.page, self.layout, self.scan):
                self.page.reject("", "heuristic: an auction (the page's own bid control, no buy-now price): its bids,"
                                     " estimates and fees are no price to buy it at")
                return None
            found = self.candidates(name)
            if not found:
                continue
            chosen, penalty = self.choose(name, found)
            if chosen is None:
                if penalty < 0:  # only placeholders: the next strategy may still read the page
                    zero_markup = zero_markup or name in MARKUP
                    continue
                return None
            if name == "heuristic" and zero_markup and self.scan.confidence < CONFIDENT_VISIBLE and self.layout.buy is None:
                self.page.reject(chosen.raw, "heuristic: the structured data's price is a zero placeholder (the shop has"
                                             " none to give) and no amount on the page is marked as the price")
                return None
            if (name in MARKUP or name == "platform") and (said := self._said_instead(chosen)):
                self.page.reject(chosen.raw, f"{name}: the page says {said!r} where the price would be; its"
                                             " markup's price is not one a shopper can pay")
                self.sold_out = chosen.availability == "out_of_stock"  # "no longer available": the markup's word stands
                return None
            if name in MARKUP and chosen.used and self.layout.buy is None and self._shown_only_as(chosen.price, USED):
                self.page.reject(chosen.raw, f"{name}: a used or another seller's offer, which the page shows as one"
                                             " and offers no buy button for: the product has no offer of its own")
                return None
            if self._hidden_while_sold_out(name, chosen):
                self.page.reject(chosen.raw, f"{name}: sold out, and the page shows no price (only its markup"
                                             " keeps one): nothing a shopper can pay now")
                self.sold_out = True
                return None
            default = self.page.default_currency
            if name != "heuristic" and default and chosen.currency not in (None, default):
                best = self.scan.best  # markup in another currency (a feed's), the page in the shop's own
                if best is not None and (best.currency or self.page.fallback_currency()) == default:
                    self.page.reject(chosen.raw, f"{name}: a price in {chosen.currency}; the page shows its price"
                                                 f" in {default}, the shop's currency")
                    return "heuristic", heuristic(self.page, self.scan)[0], 0.0
            if (gross := self._gross_beside(name, chosen)) is not None:
                self.page.reject(chosen.raw, f"{name}: the price box shows it without VAT; its suffix gives the price"
                                             " with VAT")
                return "platform", gross, 0.0
            stale = self._stale(name, chosen)
            if stale:
                self.page.reject(chosen.raw, f"{name}: {stale}; the visible price is read instead")
                return "heuristic", heuristic(self.page, self.scan)[0], 0.0
            return name, chosen, penalty
        return None

    def _gross_beside(self, name: str, chosen: Candidate) -> Candidate | None:
        """WooCommerce's price box when its suffix gives the price with VAT ("£412.50 ex. VAT (£495.00 inc. VAT)")
        and the markup holds the amount before it, without VAT (a trade shop's prices are entered so)."""
        if name not in MARKUP or not self.page.mentions("woocommerce-price-suffix"):
            return None
        box = self.candidates("platform")
        return box[0] if box and box[0].net == chosen.price and chosen.price < box[0].price <= chosen.price * VAT_MAX \
            else None

    def _hidden_while_sold_out(self, name: str, chosen: Candidate) -> bool:
        """A sold-out page whose theme hides the price keeps it in its structured data only: the page
        itself says sold out and shows no price of its own (a page rendered by script, which shows
        nothing at all, keeps its structured price; so does one that shows another, e.g. with VAT)."""
        if name not in MARKUP and not (name == "platform" and self.plat_name == "shopify"):  # the product JSON: a script
            return False
        says = chosen.availability
        if says != "out_of_stock" and not (name == "meta" and says is None):  # og:price says nothing of stock
            return False
        if chosen.discontinued and not self.shown_in_text(chosen.price):  # an old price kept in the markup
            return True
        if text_availability(self.layout)[0] != "out_of_stock":
            return False
        return (self.scan.best is None and not any(s.match.amount == chosen.price for s in self.scan.seen)
                and not self._written_as_price(chosen.price))  # "5 490,-" in the price box: shown, without a sign

    def _written_as_price(self, amount: Decimal) -> bool:
        """Whether visible short text outside other products' cards and blocks writes ``amount`` as a price
        without a sign ("5 490,-", "49,00"), not as digits of a measure or a number ("149 cm", "Art.-Nr. 104900")."""
        forms = _written_forms(amount, spaces=(" ",))
        return any(any(_as_price(text, f) for f in forms) for host, text in self._visible_digit_nodes()
                   if len(text.split()) <= _LABEL_WORDS and not self.layout.another_products(host))

    def _visible_digit_nodes(self) -> Iterator[tuple[_Element, str]]:
        """Each visible text node with a digit: the element that shows it, and its text (spaces made plain)."""
        body = self.page.doc.find("body")
        for el, is_tail in self.page.nodes_with_digits(body if body is not None else self.page.doc):
            host = el.getparent() if is_tail else el
            if host is None or host.tag in _HIDDEN_TEXT or self.layout.hidden(host):
                continue
            yield host, (el.tail if is_tail else el.text).translate(_SPACES)

    def _visible_digit_texts(self) -> Iterator[str | None]:
        """``_visible_digit_nodes``' texts when short enough to be a label, None when longer (a sentence
        of a review, a paragraph)."""
        for _, text in self._visible_digit_nodes():
            yield text if len(text.split()) <= _LABEL_WORDS else None

    def _stale(self, name: str, chosen: Candidate) -> str | None:
        """Why the structured price is not the one to read, if the visible page says so: markup left
        at the old price (the page does not show it, or shows it only as the struck-through was
        price) or holding the price without VAT; None when it stands."""
        if name not in MARKUP and name != "platform":
            return None
        price = chosen.price
        near, with_vat = (price / STALE_RANGE - CENT, price * STALE_RANGE), (price, price * VAT_MAX)  # "59,99 € au lieu de 119,99 €"
        if chosen.without_vat and name != "platform":
            if self._visible_instead(chosen, with_vat):
                return "the markup says the price excludes VAT"
            if not self.shown_as_was(price):  # else the flag may be wrong (WooCommerce writes valueAddedTaxIncluded
                return None  # "false" for prices with VAT): only markup left at the was price is looked for then
        if name == "platform":  # a shop's own price box: only its price without VAT gives way ("$1,120.69 + IVA")
            if not (self._marked_near(price, _EXCL_MARKERS) and (self._shown_only_without_vat(price)
                                                                  or self._gross_labelled(price))):
                return None
            why, band = "a price the page shows only without VAT", with_vat
        elif chosen.was is not None and chosen.was < price:  # WooCommerce's grouped products: a range written so
            why, band = "a list price below the price (markup at odds with itself)", (chosen.was - CENT, price)
        elif name in MARKUP and (form := self._form_price()) not in (None, price) and self.shown_in_text(form):
            why, band = "the first variant's price; the basket form has chosen another", (form, form)
        elif name == "meta" and not self.shown(price):
            why, band = "a price the page does not show (a stale tag)", near
        elif not self.shown_in_text(price) and not any(  # a tag's too, held only by scripts; split prices are joined
                s.match.amount == price and len(s.text.split()) <= _LABEL_WORDS for s in self.scan.seen) \
                and not shown_bare(self.page, price):
            why, band = "a price the page does not show (stale markup, another variant's, or a price without VAT)", near
        elif not (chosen.was and chosen.was > price) and self.shown_as_was(price):  # markup that knows the sale is not stale
            why, band = "a price the page shows only as its was price (markup left from before a sale)", \
                (price / SALE_RANGE, price - CENT) if self._struck_beside_best(price) else near
        elif not (chosen.was and chosen.was > price) and self._may_show_was(price) \
                and self._shown_only_in_cards(price, labels=True) and not self._scanned_outside_cards(price):
            # a sale page whose markup kept the regular price, which only another product's card happens to show
            why, band = "a price the page shows only in other products' cards (markup left from before a sale)", near
        elif self._marked_near(price, _EXCL_MARKERS + _INCL_MARKERS) and self._shown_only_without_vat(price):
            why, band = "a price the page shows only without VAT", with_vat
        elif self._marked_near(price, _MULTIBUY_MARKERS) and self._shown_only_as_multibuy(price):
            why, band = "a price the page shows only as a multibuy price (\"£9.99 when you buy 6\")", near
        elif self._marked_near(price, _LOWEST_30_MARKERS) and self._shown_only_as(price, LOWEST_30):
            why, band = "a price the page shows only as its lowest price of the last 30 days (markup left from before)", near
        elif self._marked_near(price, _MEMBER_MARKERS) and self._shown_only_as(price, MEMBER):
            # a members' price is below the price to pay (not "Non-member price: $24.00" over the members')
            why, band = "a price the page shows only as a members' price (\"PeakClub member price: $59.99\")", \
                (price + CENT, price * STALE_RANGE)
        elif self.page.mentions('="false"') and self._shown_only_as(price, UNCHOSEN):
            why, band = "a price the page shows only on a variant it has not chosen", near
        else:
            return None
        return why if self._visible_instead(chosen, band) else None

    def _form_price(self) -> Decimal | None:
        """The price the platform's variant data gives the variant the basket form has chosen (a checked radio
        button, a selected option), when there is one: Shopify's og:price is the first variant's."""
        if not self.page.mentions("/cart/add"):  # Shopify's basket form: without one, no platform reading is needed
            return None
        found = self.candidates("platform")
        form = self.form_variant() if found else None  # its XPath only where there is variant data to match
        picked = {c.price for c in found if form and form.matches(c)}
        return picked.pop() if len(picked) == 1 else None

    def _struck_beside_best(self, was: Decimal) -> bool:
        """Whether the page's price box shows ``was`` struck through beside the price the scan reads, with the discount
        percentage that takes the one to the other ("฿2,490 ฿4,990 -50%"): a sale may take a price far below its was
        price, past ``STALE_RANGE`` (not a trade-in's or a subscription's price beside it, which no badge explains)."""
        best = self.scan.best
        if best is None:
            return False
        for s in self.scan.seen:
            box = shared_box(s.element, best.element) if s.match.amount == was and s.was else None
            if box is not None and any(discount_explains(was, best.match.amount, int(rate))
                                       for rate in _PERCENT.findall(text_content(box))):
                return True
        return False

    def _visible_instead(self, chosen: Candidate, band: tuple[Decimal, Decimal]) -> bool:
        """Whether the page's visible price can stand in for the structured one: in the same currency,
        within ``band`` of it (stale or ex-VAT markup is near the real price, never 100 times off), and
        not the structured price itself written in an odd split (``$`` ``1299`` ``99``)."""
        best = self.scan.best
        if best is None or best.match.amount == chosen.price:
            return False
        currency = best.currency or self.page.fallback_currency()
        if chosen.currency is not None and currency != chosen.currency:
            return False
        low, high = band
        if not low <= best.match.amount <= high:  # a half-price sale is within a factor of 2
            return False
        digits = f"{chosen.price:.2f}".replace(".", "")
        shown = re.sub(r"\D", "", best.match.raw)
        return digits != shown and (not digits.endswith("00") or shown != digits[:-2])  # "€150,-" for 150.00

    def _one_unit_row(self, low: Decimal, high: Decimal) -> Seen | None:
        """The first row of the page's quantity-break table (the one-unit price, the dearest), when
        its prices run from ``high`` down to ``low``; None when the page shows no such table."""
        rows = [s for s in self.scan.seen if s.reason == MULTIBUY and low <= s.match.amount <= high
                and any(_price_table(a) for a in s.element.iterancestors())]  # not its per-kg column
        if len(rows) < 2:
            return None
        order = self.layout.order
        first = min(rows, key=lambda s: order.get(s.element, 0))
        if first.match.amount != high or min(s.match.amount for s in rows) != low:
            return None
        return first

    def _shown_only_without_vat(self, amount: Decimal) -> bool:
        """Whether every visible ``amount`` is marked as without VAT (Magento's "Excl. VAT" wrapper,
        "zzgl. MwSt.") while the page shows another price. A table's cells (a quantity-break table)
        do not count: its header, not the cell, says which column is without VAT."""
        seen = [s for s in self.scan.seen if s.match.amount == amount and s.reason != MULTIBUY
                and not _in_table_cell(s.element)]
        # a copy in a long mixed text ("Ihr Preis: ... (CHF 1'249.00 exkl. MwSt.), Lieferung ab ...") is set aside
        return any(s.excl for s in seen) and all(s.excl for s in seen if s.excl or s.reason is None)

    def _gross_labelled(self, amount: Decimal) -> bool:
        """Whether the price the scan reads is labelled with VAT and within VAT of ``amount`` above it (PrestaShop's
        "34,95 $ avant taxes" over "Prix taxes incluses (TPS + TVQ) : 40,18 $")."""
        best = self.scan.best
        return best is not None and best.incl and amount < best.match.amount <= amount * VAT_MAX

    def _shown_only_as_multibuy(self, amount: Decimal) -> bool:
        """Whether ``amount`` is shown outside tables only as a multibuy price (or an unchosen pack's
        per-bottle figure), at least once as the former: markup holding the mix-six price. A quantity
        table's first row is the one-unit price (``_one_unit_row``), so cells do not count."""
        seen = [s for s in self.scan.seen if s.match.amount == amount and not _in_table_cell(s.element)]
        return any(s.reason == MULTIBUY for s in seen) and all(s.reason in (MULTIBUY, UNCHOSEN) for s in seen)

    def _shown_only_as(self, amount: Decimal, reason: str) -> bool:
        """Whether the scan sees ``amount`` and rejects it for ``reason`` wherever it does: shown only on options
        the page has not chosen (UNCHOSEN), or only as the EU's lowest price of the last 30 days (LOWEST_30)."""
        seen = [s for s in self.scan.seen if s.match.amount == amount]
        return bool(seen) and all(s.reason == reason for s in seen)

    def shown_in_text(self, amount: Decimal) -> bool:
        """Whether ``amount`` is written in the page's visible text (not only in its markup or
        scripts); a page with no visible text of the kind (drawn by script) counts as showing it."""
        if amount not in self._in_text:
            self._in_text[amount] = self._find_in_text(amount)
        return self._in_text[amount]

    def places(self, amount: Decimal) -> list[tuple[bytes, int]] | None:
        """Where the source writes ``amount`` (``_places``), found once per amount; None for a text page."""
        src = self.page.html
        if not isinstance(src, bytes):
            return None
        if amount not in self._places:
            self._places[amount] = _places(src, _written_forms(amount, spaces=_PLACE_SPACES))
        return self._places[amount]

    def _marked_near(self, amount: Decimal, markers: tuple[bytes, ...]) -> bool:
        """Whether one of ``markers`` (lower case) stands within a few hundred bytes of a place the source
        writes ``amount``: a cheap gate before the scan that tells for sure; yes for a text page."""
        places, src = self.places(amount), self.page.html
        if places is None or not isinstance(src, bytes):
            return True
        if amount not in self._around:
            # run together, one search a marker: no marker holds a NUL, so none is found across two places
            self._around[amount] = b"\0".join(src[max(0, i - 240):i + 160].lower() for _, i in places)
        around = self._around[amount]
        return any(m in around for m in markers)

    def _find_in_text(self, amount: Decimal) -> bool:
        forms = _written_forms(amount, spaces=(" ",))
        if _in_tag_text(self.page.html, self.places(amount)):
            return True
        texts = 0
        for text in self._visible_digit_texts():
            texts += 1
            if text is not None and any(_holds(text, f) for f in forms):  # "99.99" is not in "RRP $199.99"
                return True
        return texts == 0

    def shown_as_was(self, amount: Decimal) -> bool:
        """Whether the page shows ``amount`` only as its was / original price (a tag left at the old
        price when a sale began); the full scan runs only when a was price that high is on the page."""
        if self._scan is None and not self._may_show_was(amount - CENT):
            return False
        # the EU's "lowest price of the last 30 days" is often the was price too: it does not count as showing it now,
        # nor does a sentence beside the struck price ("Black, Ember Red and Storm Grey: $289.99.")
        seen = [s for s in self.scan.seen if s.match.amount == amount and s.reason not in (LOWEST_30, RUNNING_TEXT)]
        return bool(seen) and all(s.was for s in seen)

    def shown(self, amount: Decimal) -> bool:
        """Whether ``amount`` is written anywhere in the source besides the meta tags that give it
        (cheap text counts; when unsure, yes)."""
        src = self.page.html
        if not src:
            return True
        forms = _written_forms(amount)
        in_meta = sum(1 for key, value in self.page.meta.items()
                      if "price" in key and value.strip() and any(f in value for f in forms))
        places: list[tuple[int, int]] = []  # each place once: "3599" inside "3599.00" is the same place
        for f in forms:
            needle = f.encode() if isinstance(src, bytes) else f
            i = find(src, needle)
            while i != -1:
                if not any(start <= i < end for start, end in places):
                    places.append((i, i + len(needle)))
                    if len(places) > in_meta:  # past the meta tags' own
                        return True
                i = find(src, needle, i + len(needle))
        return False


_HIDDEN_TEXT = frozenset({"script", "style", "noscript", "textarea"})  # <template> and the like: Layout.hidden
_LABEL_WORDS = 8  # a price label's words at most; a longer text is prose (a review's "I paid $169")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


# the group separators a page's source writes between thousands: a space, a no-break space (raw or as an entity),
# a narrow no-break space
_PLACE_SPACES = (" ", "\u00a0", "&nbsp;", "\u202f")


def _labelled(el: _Element, text: str) -> bool:
    """Whether a place that writes an amount is short enough to be a price's label, or sits in a price box."""
    return len(text.split()) <= _LABEL_WORDS or price_marked(el)


def _written_forms(amount: Decimal, spaces: tuple[str, ...] = (" ", "\u00a0")) -> list[str]:
    """How a page may write ``amount``, the commonest first: 1,299.99, 1299.99, 1.299,99, 1 299,99,
    1299,99, 1'299.99 (and 1299 with its groupings alone when it is whole)."""
    whole, _, frac = f"{amount:.2f}".partition(".")
    grouped = f"{int(whole):,}"
    groupings = [grouped, whole, grouped.replace(",", "."), *(grouped.replace(",", s) for s in spaces),
                 grouped.replace(",", "'"), grouped.replace(",", "\u2019")]
    forms = [f"{g}{sep}{frac}" for g in groupings for sep in (".", ",") if not (sep in g and g != whole)]
    if frac == "00":
        forms += groupings
    return list(dict.fromkeys(forms))


# signs that a price nearby is marked as without VAT (lower case); the scan that reads them is dearer
_EXCL_MARKERS = (b"excl", b"exc. vat", b"exc vat", b"ex. vat", b"ex vat", b"ex tax", b"ex. tax", b"ex gst", b"ex. gst",
                 b"ex btw", b"ex moms", b"excluding", b"without vat", b"without tax", b"+ vat", b"plus vat", b"+ gst",
                 b"before gst", b"pre-gst", b"zzgl", b"exkl", b"ekskl", b"netto", b"hors tax", b"ht<", b"ht)",
                 "\u7a0e\u629c".encode(), "\u7a0e\u5225".encode(), "\u672c\u4f53\u4fa1\u683c".encode(), b"sin iva",
                 b"iva esclusa", b"bez dph", b"sin impuestos", b"+ iva", b"kdv hari\xc3\xa7", b"+ kdv",
                 b"f\xc4\x83r\xc4\x83 tva", b"veroton", b"alv 0", b"brez ddv", b"bez pdv", b"ilman alv", b"utan moms",
                 b"uden moms", b"eks. mva", b"ekskl. mva", b"exkl. moms", b"htva", b"hors tva", b"zonder btw", b"bez pvn",
                 b"be pvm", b"ilma km", b"+ km", b"+km", b"avant taxes", b"avant les taxes")


_INCL_MARKERS = (b"incl", b"inkl", b"inc. vat", b"inc vat", b"ttc", b"mwst", b"btw", b"iva incl", b"iva inclu", b"moms",
                 b"gst", b"vat")
# signs that an amount nearby is struck through (lower case): the gate before the scan that tells
_STRUCK_MARKERS = (b"<strike", b"<del", b"<s>", b"<s ", b"line-through", b"strike", b"crossed", b"old", b"was", b"before",
                   b"original", b"list", b"regular", b"compare")
# "30 days" in the languages of the lowest-price-of-30-days line (lower case): the gate before the scan that tells
_LOWEST_30_MARKERS = (b"30 d", b"30 t", b"30 j", b"30 g", b"30 n", b"30 p", b"30&nbsp;", b"30\xc2\xa0", b"30-d")
# words that say a price nearby is a multibuy one (lower case): the gate before the scan that tells
_MULTIBUY_MARKERS = (b"when you buy", b"or more", b"mix ", b"multibuy", b"multi-buy", b" for ", b" voor ", b" pour ",
                     b" f\xc3\xbcr ", b" f\xc3\xb6r ", b" per ", b"bundle")
# ... and a members' one
_MEMBER_MARKERS = (b"member", b"club", b"loyal", b"mitglied", b"medlem", b"membre", b"socio", b"vip")


def _places(src: bytes, forms: list[str]) -> list[tuple[bytes, int]]:
    """Where the source writes the amount in each of ``forms``: (form, offset), the first sixteen of
    each in source order (the markup's own, in the head, come first). Forms with cents share their
    last six bytes ("1,299.99", "1.299,99" and "1 299,99" all end in "299.99" or "299,99"): each such
    tail is looked for once (a pass costs as much as the page is long) and the forms checked at its hits;
    whole forms likewise share their last three digits."""
    needles = [f.encode() for f in forms]
    by_tail: dict[bytes, list[bytes]] = {}
    for needle in needles:  # whole forms ("15 990", "15&nbsp;990", "15990") share their last three digits
        tail = needle[-3:] if needle[-3:].isdigit() else needle[-6:] if len(needle) >= 6 else needle
        by_tail.setdefault(tail, []).append(needle)
    found: dict[bytes, list[int]] = {n: [] for n in needles}
    for tail, members in by_tail.items():
        i = find(src, tail)
        while i != -1 and any(len(found[n]) < 16 for n in members):
            end = i + len(tail)
            for needle in members:
                start = end - len(needle)
                if start >= 0 and len(found[needle]) < 16 and src.startswith(needle, start):
                    found[needle].append(start)
            i = find(src, tail, end)
    return [(needle, i) for needle in needles for i in found[needle]]


_TEXT_TAGS = (b"span", b"div", b"p", b"strong", b"b", b"em", b"ins", b"bdi", b"td", b"li", b"dd", b"h2", b"h3")


_HIDDEN_REACH = 2048  # bytes before a price's tag in which a hiding wrapper would usually open
_HIDDEN_MARKS = (b"<template", b"display:none", b"display: none", b" hidden", b"visibility:hidden",
                 b"visibility: hidden")


def _may_be_hidden(before: bytes) -> bool:
    return any(m in before for m in _HIDDEN_MARKS)


def _whole(before: str | bytes, after: str | bytes) -> bool:
    """Whether an amount with ``before`` (the character before it) and ``after`` (the two after it)
    stands as a whole number, not inside a longer one ("1299" in "11299" or in "1299,5")."""
    return not before.isdigit() and before not in (".", ",", b".", b",") and not after[:1].isdigit() \
        and not (after[:1] in (".", ",", b".", b",") and after[1:2].isdigit())


def _whole_ends(text: str, form: str, after_sign: bool = False) -> Iterator[int]:
    """Where each place ``text`` writes ``form`` as a whole number (``_whole``) ends; with ``after_sign``, also right
    after a sign ending in a dot ("Rs.4,990", "S/.89")."""
    i = text.find(form)
    while i != -1:
        j = i + len(form)
        before = text[i - 1:i] if i else ""
        if after_sign and before == "." and i > 1 and not text[i - 2].isdigit():
            before = ""
        if _whole(before, text[j:j + 2]):
            yield j
        i = text.find(form, j)


def _holds(text: str, form: str) -> bool:
    """``form`` in ``text`` as a whole number, after a sign ending in a dot too."""
    return next(_whole_ends(text, form, after_sign=True), None) is not None


def _as_price(text: str, form: str) -> bool:
    """``form`` in ``text`` as a whole number that reads as a price: with cents, or with ",-" after it."""
    cents = CENTS_END.search(form) is not None
    return any(cents or text[j:j + 2] in (",-", ".-", ",–", ".–") for j in _whole_ends(text, form))


def _in_tag_text(src: str | bytes, places: list[tuple[bytes, int]] | None) -> bool:
    """A quick yes for ``shown_in_text``: the amount at one of its ``places`` in the source as a whole
    number within the short text of a common text element (``<span class="price">£1,299.99</span>``),
    with nothing that could hide it (a ``<template>``, ``display: none``) opening just before; False
    only means "look closer"."""
    if places is None or not isinstance(src, bytes):  # a text page: no places
        return False
    for needle, i in places:
        j = i + len(needle)
        whole = _whole(src[i - 1:i], src[j:j + 2])
        start, tag, end = src.rfind(b">", 0, i), src.rfind(b"<", 0, i), src.find(b"<", j)
        if whole and -1 < tag < start and end != -1 and end - start < 80:
            name = src[tag + 1:start].split(None, 1)[0].lower() if start > tag + 1 else b""
            if name in _TEXT_TAGS and len(src[start + 1:end].split()) <= _LABEL_WORDS \
                    and not _may_be_hidden(src[max(0, tag - _HIDDEN_REACH):tag]):
                return True
    return False


def _may_be_variable(found: list[Candidate]) -> bool:
    """Whether JSON-LD offers could be a variable product's (WooCommerce writes its range as an
    AggregateOffer or one offer per variation): not one plain single price."""
    return not found or len({c.price for c in found}) > 1 or any(c.aggregate or c.low for c in found)


def _in_table_cell(el: _Element) -> bool:
    """Whether ``el`` is a table's cell or row, or inside one."""
    return el.tag in ("td", "th", "tr") or any(a.tag in ("td", "th", "tr") for a in el.iterancestors())


def _price_table(el: _Element) -> bool:
    """Whether ``el``'s class or id names a quantity-break price table (block / tier / graduated prices)."""
    return MULTIBUY_ATTR.search(class_id(el)) is not None


def _one_unit_tier(found: list[Candidate]) -> Candidate | None:
    """The single-unit price when the offers are the rows of one quantity-break table (Shopware's
    block prices, Magento's tier prices: each row an Offer): the first row, which must also be the
    dearest; None when they are not such rows. An AggregateOffer's low price beside them is left out."""
    found = [c for c in found if not c.low]
    elements = [c.element for c in found]
    if len(found) < 2 or any(el is None for el in elements) or any(c.selected for c in found):
        return None
    shared: set[_Element] | None = None  # the price-table elements around every offer, inside its item
    for el in elements:
        assert el is not None
        tables = set()
        for a in el.iterancestors():
            if (a.get("itemscope") is not None and a.get("itemprop") != "offers") or a.tag in ("body", "html"):
                break  # the product's own scope (or the page): a class out there marks no table
            if _price_table(a):
                tables.add(a)
        shared = tables if shared is None else shared & tables
        if not shared:
            return None
    first = found[0]
    if any(c.price > first.price for c in found):
        return None
    return first


def _lang(doc: _Element, meta: dict[str, str]) -> str | None:
    lang = doc.get("lang") or doc.get("xml:lang") or meta.get("content-language") or meta.get("og:locale")
    return lang.strip() if lang else None


def _page_title(doc: _Element, meta: dict[str, str], layout: Layout) -> str | None:
    if meta.get("og:title"):
        return meta["og:title"]
    if layout.title is not None:
        return plain_text(layout.title)
    for el in doc.iter("title"):
        text = plain_text(el)
        if text:
            return text
    return None


# Arabic-Indic and Persian digits, the Arabic decimal and thousands signs ("٢٬٩٩٩٫٠٠ د.إ" is 2,999.00), and
# full-width digits and separators ("２，４２０円"); Devanagari and Bengali digits ("৳ ৩৫৭")
_EASTERN = {**{0x660 + i: str(i) for i in range(10)}, **{0x6F0 + i: str(i) for i in range(10)}, 0x66B: ".", 0x66C: ",",
            **{0xFF10 + i: str(i) for i in range(10)}, **{0x966 + i: str(i) for i in range(10)},
            **{0x9E6 + i: str(i) for i in range(10)}}
# a full-width comma is a thousands separator only before three digits ("２，４２０円"), not "¥299，5色可选"
_WIDE_COMMA = "(?<=\\d)\uff0c(?=\\d{3}(?!\\d))"
_WIDE_POINT = "(?<=\\d)\uff0e(?=\\d{1,2}(?!\\d))"
_WIDE_SEPARATORS = ((compiled(_WIDE_COMMA), ","), (compiled(_WIDE_POINT), "."))
_WIDE_SEPARATORS_BYTES = ((compiled(_WIDE_COMMA.encode()), b","), (compiled(_WIDE_POINT.encode()), b"."))
_EASTERN_RX = compiled("[\u0660-\u0669\u066b\u066c\u06f0-\u06f9\uff10-\uff19\u0966-\u096f\u09e6-\u09ef]")
_EASTERN_BYTES = [(chr(k).encode(), v.encode()) for k, v in _EASTERN.items()]
# the scripts whose digits share their UTF-8 lead byte with other characters (full-width brackets, Devanagari and
# Bengali letters): a page holds their digits only if it holds one of them, looked for when it holds the lead byte
_SHARED_LEAD = [(lead, [chr(k).encode() for k in _EASTERN if chr(k).encode()[:1] == lead]) for lead in (b"\xef", b"\xe0")]


def western_digits(html: str | bytes) -> str | bytes:
    """The page with Eastern Arabic and full-width digits written as ASCII ones (only such pages are copied)."""
    if isinstance(html, str):
        if not _EASTERN_RX.search(html):
            return html
        html = html.translate(_EASTERN)
        for rx, sign in _WIDE_SEPARATORS:
            html = rx.sub(sign, html)
        return html
    arabic = b"\xd9" in html or b"\xdb" in html  # their lead bytes (one memchr each: a longer needle costs 50x more)
    if not arabic and not any(lead in html and any(d in html for d in digits) for lead, digits in _SHARED_LEAD):
        return html  # no such digits (full-width brackets alone change nothing)
    for eastern, ascii_ in _EASTERN_BYTES:
        if eastern in html:
            html = html.replace(eastern, ascii_)
    for rx_bytes, sign_bytes in _WIDE_SEPARATORS_BYTES:
        html = rx_bytes.sub(sign_bytes, html)
    return html


def extract(html: str | bytes, url: str, selector: str | None = None, default_currency: str | None = None, *,
            sku: str | None = None, gtin: str | None = None, offer_url: str | None = None,
            encoding: str | None = None) -> Extraction:
    """What the page at ``url`` says its price is; ``price`` None when nothing trustworthy is found.

    ``sku`` / ``gtin`` / ``offer_url`` (its ``?variant=``) pick the variant the offer means when the
    page lists several; ``default_currency`` resolves ``$`` / ``kr`` and prices without a symbol.
    ``html`` may be the page as fetched, bytes in ``encoding`` (UTF-8 when None).
    """
    if isinstance(html, bytes):
        html = page_source(html, encoding)
    elif html and not html.isspace() and not html.startswith("\ufeff") and "<?xml" not in html[:512]:
        try:  # the bytes path, as for a fetched page: the quick source checks work on bytes
            html = html.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: keep the text
            pass
    html = western_digits(html)
    doc = _parse(html)
    if doc is None:
        return Extraction(None, None, None, None, None, rejected=(("", "empty page"),))
    meta = meta_values(doc)
    page = Page(doc=doc, url=url, default_currency=default_currency, meta=meta, lang=_lang(doc, meta), html=html)
    declared = page_currency(meta)
    page.page_currency = currency_code(declared, default_currency) if declared else None
    page.page_currency = page.page_currency or script_currency(page)
    run = _Run(page, selector, Wanted(sku, gtin, offer_url or url))
    outcome = run.run()
    run.strategies = []  # the strategy closures refer back to run: without them the page is freed at once
    if outcome is None:
        title = run.titles.get("json-ld") or _page_title(doc, meta, run.layout)
        logger.debug("extract %s: no price (%d rejected candidates)", url, len(page.rejected))
        # a product's page with no price may still say its stock ("nicht mehr lieferbar", "Coming soon")
        stock = "out_of_stock" if run.sold_out else None if run.no_product else text_availability(run.layout)[0]
        return Extraction(None, None, stock, title, None, rejected=tuple(page.rejected))
    name, chosen, penalty = outcome
    strategy = f"platform:{run.plat_name}" if name == "platform" else name
    confidence = run.scan.confidence if name == "heuristic" else CONFIDENCE[name]
    avail = chosen.availability
    if avail == "in_stock" and preorder_button(page, run.layout):
        avail = "preorder"
    elif avail == "in_stock" and not run.named_variant and sold_out_shown(page, run.layout):
        avail = "out_of_stock"
    if avail is None:
        avail, words = text_availability(run.layout)
        if avail is not None:
            logger.debug("extract %s: availability %s from page text %r", url, avail, words)
        else:
            avail = run.markup_availability(chosen.price) or buy_button_availability(run.layout)
    was = chosen.was
    if was is None and name != "heuristic" and run.visible_was(chosen.price) is not None:
        best = run.scan.best
        if best is not None and best.match.amount == chosen.price:
            was = run.scan.was
    title = run.titles.get(name) or run.titles.get("json-ld") or _page_title(doc, meta, run.layout)
    currency = chosen.currency or page.fallback_currency()
    price = chosen.price
    if currency in THREE_DECIMALS and name not in MARKUP:  # read off the page's text, where "12.500" may be fils
        price = in_fils(chosen.raw, price)
        if price != chosen.price and was is not None:  # the was price beside it was read the same way
            was = was / 1000
    logger.debug("extract %s: %s %s %s via %s", url, price, currency, avail, strategy)
    return Extraction(price=price, currency=currency, availability=avail,
                      title=title, strategy=strategy, confidence=round(max(confidence - penalty, 0.1), 2),
                      raw=chosen.raw, was_price=was if was is not None and was > price else None,
                      rejected=tuple(page.rejected))

