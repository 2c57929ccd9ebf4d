"""Structured data: JSON-LD, microdata, RDFa and OpenGraph / product meta tags.

Each reader returns the page's offers as ``Candidate`` objects, with the sku, gtin and url
that identify the variant, the list ("was") price from a ``priceSpecification``, and whether
the offer is used or another seller's. Choosing among them is the orchestrator's job.

JSON-LD: ``Product`` / ``ProductGroup`` (``hasVariant``) / ``Offer`` / ``AggregateOffer``,
nested in ``@graph`` or lists, several blocks per page, prices as numbers or strings. A block
that is not valid JSON is repaired when the fault is a trailing comma or a comment, else
skipped and noted. Related products (``isRelatedTo``, ``isSimilarTo``, an ``ItemList``) are
not this product and are skipped.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from lxml.etree import XPath, _Element

from .extract_base import Candidate, Page, attr_or_text, availability, schema_name
from .extract_regions import Layout
from .patterns import compiled
from .prices import parse_price, structured_amount

PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "IndividualProduct", "ProductModel", "SomeProducts", "Car",
                           "Vehicle", "Book", "Game", "VideoGame", "Movie", "MusicAlbum", "SoftwareApplication"})
OFFER_TYPES = frozenset({"Offer", "AggregateOffer"})
# the properties that link a product to other products (its accessories, similar ones)
_RELATED_KEYS = ("isRelatedTo", "isSimilarTo", "isAccessoryOrSparePartFor", "isConsumableFor")
_SKIP_KEYS = frozenset({"@context", *_RELATED_KEYS, "itemListElement", "review", "aggregateRating", "isVariantOf",
                        "subjectOf", "mainEntityOf"})
_LIST_PRICE = compiled(r"(ListPrice|StrikethroughPrice|MSRP|SRP|RegularPrice|InvoicePrice)$", re.I)
_USED = compiled(r"(Used|Refurbished|Damaged)Condition$", re.I)
_GTIN_KEYS = ("gtin", "gtin13", "gtin12", "gtin14", "gtin8", "isbn", "mpn")


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    items = t if isinstance(t, list) else [t]
    return {schema_name(x) for x in items if isinstance(x, str)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _str(value: Any) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _gtin(node: dict[str, Any]) -> str | None:
    for key in _GTIN_KEYS:
        value = _str(node.get(key))
        if value:
            return value
    return None


def load_json_ld(text: str) -> Any:
    """Parse one JSON-LD block; repair trailing commas and comments; ValueError if still broken."""
    try:
        return json.loads(text, parse_float=Decimal, strict=False)
    except ValueError:
        repaired = re.sub(r"(?m)^\s*//.*$|/\*.*?\*/", "", text, flags=re.S)
        repaired = re.sub(r",\s*([}\]])", r"\1", repaired)
        return json.loads(repaired, parse_float=Decimal, strict=False)


class _JsonLd:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.candidates: list[Candidate] = []
        self.title: str | None = None
        self.types: set[str] = set()  # every @type met: an Article without a Product is no product page
        self._seen: set[int] = set()  # ids of the nodes walked ...
        self._blocks: list[Any] = []  # ... kept alive, so that no later block's node can reuse an id

    def read(self) -> None:
        for script in self.page.doc.iter("script"):
            if (script.get("type") or "").strip().lower() != "application/ld+json":
                continue
            text = (script.text or "").strip()
            if not text:
                continue
            try:
                data = load_json_ld(text)
            except ValueError as exc:
                self.page.reject(text, f"invalid JSON-LD: {exc}")
                continue
            self._blocks.append(data)
            self._walk(data, None)

    def _walk(self, node: Any, product: dict[str, Any] | None) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item, product)
            return
        if not isinstance(node, dict) or id(node) in self._seen:
            return
        self._seen.add(id(node))
        types = _types(node)
        self.types |= types
        if types & PRODUCT_TYPES:
            if self.title is None and _str(node.get("name")):
                self.title = " ".join(str(node["name"]).split())
            for offer in _as_list(node.get("offers", node.get("Offers"))):  # Wix writes "Offers"
                if isinstance(offer, dict):
                    self._offer(offer, node, product)
            for variant in _as_list(node.get("hasVariant")):
                if isinstance(variant, dict):
                    self._seen.discard(id(variant))
                    self._walk(variant, node)
            return
        if types & OFFER_TYPES:
            self._offer(node, product or {}, None)
            return
        for key, value in node.items():
            if key not in _SKIP_KEYS and isinstance(value, (list, dict)):
                self._walk(value, product)

    def _offer(self, offer: dict[str, Any], product: dict[str, Any], group: dict[str, Any] | None,
               member: bool = False) -> None:
        if id(offer) in self._seen and offer is not product:
            return
        self._seen.add(id(offer))
        if "Availability" in offer and "availability" not in offer:  # Wix's capital, as its "Offers"
            offer = {**offer, "availability": offer["Availability"]}
        page = self.page
        if _LEASE.search(str(offer.get("businessFunction", ""))):  # a rental's rate (GoodRelations' LeaseOut)
            page.reject(str(offer.get("price")), "an offer to lease or rent (businessFunction LeaseOut), no price to buy")
            return
        types = _types(offer)
        aggregate = "AggregateOffer" in types
        raw_price = offer.get("price")
        low = False
        if raw_price is None and aggregate:
            raw_price, low = offer.get("lowPrice"), True
        elif aggregate and offer.get("lowPrice") is not None:
            raw_price, low = offer.get("lowPrice"), True
        amount = structured_amount(raw_price)
        currency_token = _str(offer.get("priceCurrency"))
        was = None
        without_vat = False
        for spec in _as_list(offer.get("priceSpecification")):
            if not isinstance(spec, dict):
                continue
            spec_amount = structured_amount(spec.get("price"))
            vat = _flag(spec.get("valueAddedTaxIncluded"))
            if vat is False and spec_amount == amount:
                without_vat = True
            if spec.get("referenceQuantity") is not None:  # a unit price, whatever its type says
                page.reject(str(spec.get("price")), "unit price (priceSpecification.referenceQuantity)")
            elif _LIST_PRICE.search(str(spec.get("priceType", ""))):
                was = spec_amount
            elif amount is None or (vat is True
                                    and spec_amount is not None and spec_amount > amount):
                amount, raw_price = spec_amount, spec.get("price")
                currency_token = currency_token or _str(spec.get("priceCurrency"))
        if amount is None:
            for sub in _as_list(offer.get("offers")):
                if isinstance(sub, dict):
                    self._offer(sub, product, group, member=aggregate)
            return
        raw = str(raw_price)
        currency = page.currency(currency_token) if currency_token else None
        if currency is None:
            currency = parse_price(raw, page.default_currency, page.page_currency)[1] or page.fallback_currency()
        seller = offer.get("seller")
        used = bool(_USED.search(str(offer.get("itemCondition", ""))))
        if isinstance(seller, dict) and re.search(r"used|refurb|warehouse", str(seller.get("name", "")), re.I):
            used = True
        self.candidates.append(Candidate(
            price=amount, currency=currency, raw=raw, availability=availability(offer.get("availability")),
            was=was, sku=_str(offer.get("sku")) or _str(product.get("sku")),
            gtin=_gtin(offer) or _gtin(product), url=_str(offer.get("url")) or _str(product.get("url")),
            name=_str(product.get("name")), used=used, low=low, aggregate=aggregate, without_vat=without_vat,
            discontinued="discontinued" in str(offer.get("availability", "")).lower(),
            high=structured_amount(offer.get("highPrice")) if aggregate else None, member=member,
        ))
        for sub in _as_list(offer.get("offers")):  # an AggregateOffer's member offers, for sku matching
            if isinstance(sub, dict):
                self._offer(sub, product, group, member=aggregate)


def _flag(value: Any) -> bool | None:
    """A schema.org Boolean as pages write it: true, "true", "True", "https://schema.org/True", 1 ..."""
    if isinstance(value, bool):
        return value
    text = str(value).rsplit("/", 1)[-1].strip().lower()
    return True if text in ("true", "1") else False if text in ("false", "0") else None


def json_ld(page: Page) -> tuple[list[Candidate], str | None]:
    """The JSON-LD offers of the page and the product's name."""
    reader = _JsonLd(page)
    reader.read()
    page.memo["json-ld types"] = reader.types
    return reader.candidates, reader.title


ARTICLE_TYPES = frozenset({"Article", "BlogPosting", "NewsArticle", "Recipe", "HowTo", "Event", "Review",
                           "TechArticle", "Report", "FAQPage", "CollectionPage", "SearchResultsPage"})


def article_page(page: Page) -> str | None:
    """What the page says it is when that is no product: a JSON-LD Article / BlogPosting / Recipe /
    Event ... and no Product, unless a blog post's body class or h1 class says so too (the Product its Review is of).
    (Not ``og:type``: plain Yoast marks WooCommerce products "article".)"""
    types = page.memo.get("json-ld types") or set()
    found = sorted(types & ARTICLE_TYPES)
    body = page.doc.find("body")
    words = set((body.get("class") or "").split()) if body is not None else set()
    blog = sorted(words & _BLOG_BODY)
    if types & PRODUCT_TYPES and not (found and (blog or _post_title(page))):  # a Product only in a post's Review
        return None
    if found:
        return f"JSON-LD {found[0]}"
    return f"a blog post (<body class=\"{blog[0]}\">)" if blog else None


def _post_title(page: Page) -> bool:
    """Whether the page's h1 is classed as a post's title ("<h1 class=\"blog-title\">Long-Term Review: ...")."""
    h1 = page.doc.find(".//h1")
    return h1 is not None and _POST_TITLE.search(h1.get("class") or "") is not None


_POST_TITLE = compiled(r"^(?!.*product)(.*\s)?(blog|post|article)-title(\s|$)")  # not WooCommerce's "product_title entry-title"
_LEASE = compiled(r"lease ?out|\brent(al)?\b", re.I)
_COMPARISON_TITLE = compiled(
    r"price comparison|compare prices|preisvergleich|comparateur de prix|comparer les prix|prijsvergelijk"
    r"|confronta prezzi|compara(r|dor de) precios|compar(ar|ação de) preços|porovnání cen|porównanie cen|porównaj ceny"
    r"|(menor|melhor) preço .{0,30}\bem \d+ lojas|(lowest|best) price .{0,30}\b(in|from|at) \d+ (stores|shops)\b"
    r"|\b(ceneo|skąpiec|skapiec|idealo|geizhals|heureka|árukereső|arukereso|pricerunner|prisjakt|pricespy|kelkoo|trovaprezzi"
    r"|kieskeurig|kuantokusta)(\.\w{2,3})?\s*$|prisjämförelse|prissammenligning|hintavertailu|árösszehasonlítás|השוואת מחירים|مقارنة الأسعار|価格比較|比價|比价"
    r"|가격\s?비교|σύγκριση τιμών|сравнение цен|порівняння цін|เปรียบเทียบราคา|bandingkan harga"
    r"|so sánh giá", re.I)


def comparison_page(page: Page, layout: Layout) -> str | None:
    """A price-comparison site's page: its <title> says so and nothing on it is a buy button (a shop's own title may
    promise to "compare prices"); its prices, structured or not, are the shops' it links to."""
    title = page.doc.find(".//title")
    if title is None or not title.text or not _COMPARISON_TITLE.search(title.text) or layout.buy is not None:
        return None
    return "a price-comparison page (so its <title> says, and it has no buy button): its prices are other shops' offers"


# the body classes of a blog post: Shopify's templates, WordPress's, Magento's and Shopware's blog modules
_BLOG_BODY = frozenset({"template-article", "template-blog", "single-post", "blog-post-view", "blog-post", "page-blog"})


# --- microdata and RDFa ---------------------------------------------------------------------------

def _prop_xpath(attr: str, names: tuple[str, ...]) -> XPath:
    # the descendants' attributes, then their elements: what ``.//*[test(@attr)]`` finds, in the same
    # order, but libxml2 walks attribute lists instead of testing every element
    tests = " or ".join(f"contains(concat(' ', normalize-space(.), ' '), ' {n} ')" for n in names)
    return XPath(f".//*/@{attr}[{tests}]/..")


_MD = {name: _prop_xpath("itemprop", (name,)) for name in
       ("price", "lowPrice", "highPrice", "priceCurrency", "availability", "sku", "gtin13", "gtin", "gtin12", "gtin8",
        "url", "name", "itemCondition")}
_MD_PRICE = XPath(".//*/@itemprop[contains(concat(' ', normalize-space(.), ' '), ' price ')"
                  " or contains(concat(' ', normalize-space(.), ' '), ' lowPrice ')]/..")


def _rdfa_names(name: str) -> tuple[str, ...]:
    return (name, f"schema:{name}", f"http://schema.org/{name}", f"https://schema.org/{name}")


_RDFA = {name: _prop_xpath("property", _rdfa_names(name)) for name in
         ("price", "lowPrice", "highPrice", "priceCurrency", "availability", "sku", "gtin13", "gtin", "url", "name",
          "itemCondition")}
_RDFA_PRICE = _prop_xpath("property", (*_rdfa_names("price"), *_rdfa_names("lowPrice")))


def _scope(el: _Element, scope_attr: str) -> _Element | None:
    node = el.getparent()
    while node is not None and node.get(scope_attr) is None:
        node = node.getparent()
    return node


def _in_scope(scope: _Element, found: list[_Element], scope_attr: str) -> _Element | None:
    """The first of ``found`` whose nearest scope is ``scope`` (not a nested item's)."""
    for el in found:
        if _scope(el, scope_attr) is scope:
            return el
    return found[0] if found else None


def _linked(el: _Element | None) -> str | None:
    if el is None:
        return None
    return el.get("href") or el.get("resource") or attr_or_text(el)


_RELATED_PROPS = frozenset({*_RELATED_KEYS, *(f"schema:{k}" for k in _RELATED_KEYS)})  # microdata's and RDFa's


def _items(page: Page, layout: Layout, kind: str) -> tuple[list[Candidate], str | None]:
    scope_attr, props, finder = ("itemscope", _MD, _MD_PRICE) if kind == "microdata" else (
        "typeof", _RDFA, _RDFA_PRICE)
    candidates: list[Candidate] = []
    title = None
    if not page.mentions("itemprop" if kind == "microdata" else "typeof"):
        return candidates, title
    for el in finder(page.doc):
        if el.tag == "meta" and el.get("property", "").startswith(("og:", "product:")):
            continue
        if layout.excluded(el):
            page.reject(attr_or_text(el), f"{kind} price inside a related-products or navigation block")
            continue
        if any(_RELATED_PROPS & set((a.get("itemprop") or a.get("property") or "").split()) for a in el.iterancestors()):
            page.reject(attr_or_text(el), f"{kind} price of a related product (isRelatedTo, isSimilarTo, an accessory)")
            continue
        raw = attr_or_text(el)
        from_content = el.get("content") is not None and el.get("content", "").strip() != ""
        amount = structured_amount(raw)
        if amount is None:
            continue
        scope = _scope(el, scope_attr)
        if scope is None and kind == "microdata":
            page.reject(raw, "microdata: itemprop=price outside any itemscope (no item it belongs to)")
            continue
        currency_token = None
        avail = sku = gtin = url = high = None
        used = False
        if scope is not None:
            cur = _in_scope(scope, props["priceCurrency"](scope), scope_attr)
            currency_token = attr_or_text(cur) if cur is not None else None
            avail = availability(_linked(_in_scope(scope, props["availability"](scope), scope_attr)))
            used = bool(_USED.search(_linked(_in_scope(scope, props["itemCondition"](scope), scope_attr)) or ""))
            product = scope
            while product is not None and "Product" not in (product.get("itemtype") or product.get("typeof") or ""):
                product = _scope(product, scope_attr)
            holder = product if product is not None else scope
            for key in ("sku",):
                hit = _in_scope(scope, props[key](scope), scope_attr)
                if hit is None:  # an lxml element without children is falsy: never use `or` here
                    hit = _first(props[key](holder))
                sku = attr_or_text(hit) if hit is not None else None
            for key in ("gtin13", "gtin", "gtin12", "gtin8"):
                if key in props and gtin is None:
                    hit = _in_scope(scope, props[key](scope), scope_attr)
                    if hit is None:
                        hit = _first(props[key](holder))
                    gtin = attr_or_text(hit) if hit is not None else None
            url_el = _in_scope(scope, props["url"](scope), scope_attr)
            url = _linked(url_el)
            if product is not None and title is None:
                names = [n for n in props["name"](product) if _scope(n, scope_attr) is product]
                if names:
                    title = attr_or_text(names[0])
        symbol_currency = None
        if not from_content:
            symbol_currency = parse_price(raw, page.default_currency, page.page_currency)[1]
        currency = (page.currency(currency_token) if currency_token else None) or symbol_currency \
            or page.fallback_currency()
        low = "lowPrice" in (el.get("itemprop") or el.get("property") or "")
        if low and scope is not None:  # an AggregateOffer's range
            top = _in_scope(scope, props["highPrice"](scope), scope_attr)
            high = structured_amount(attr_or_text(top)) if top is not None else None
        candidates.append(Candidate(price=amount, currency=currency, raw=raw, availability=avail, sku=sku,
                                    gtin=gtin, url=url, used=used, low=low, element=el, aggregate=low,
                                    high=high))
    return candidates, title


def _first(found: list[_Element]) -> _Element | None:
    return found[0] if found else None


def microdata(page: Page, layout: Layout) -> tuple[list[Candidate], str | None]:
    return _items(page, layout, "microdata")


def rdfa(page: Page, layout: Layout) -> tuple[list[Candidate], str | None]:
    return _items(page, layout, "rdfa")


# --- meta tags --------------------------------------------------------------------------------------

def meta_tags(page: Page) -> list[Candidate]:
    """``product:price:amount`` / ``og:price:amount`` (a ``sale_price`` wins), with their currency."""
    meta = page.meta
    for prefix in ("product", "og"):
        raw = meta.get(f"{prefix}:sale_price:amount") or meta.get(f"{prefix}:price:amount")
        amount = structured_amount(raw)
        if amount is None or raw is None:
            continue
        token = meta.get(f"{prefix}:sale_price:currency") or meta.get(f"{prefix}:price:currency")
        currency = (page.currency(token) if token else None) or page.fallback_currency()
        was = structured_amount(meta.get(f"{prefix}:original_price:amount"))
        if was is None and meta.get(f"{prefix}:sale_price:amount"):
            was = structured_amount(meta.get(f"{prefix}:price:amount"))
        avail = availability(meta.get(f"{prefix}:availability") or meta.get("og:availability"))
        return [Candidate(price=amount, currency=currency, raw=raw, availability=avail, was=was)]
    return []


def page_currency(meta: dict[str, str]) -> str | None:
    """The currency the page's meta tags declare, as written (resolved later)."""
    for key in ("product:price:currency", "og:price:currency", "product:sale_price:currency", "pricecurrency"):
        if meta.get(key):
            return meta[key]
    return None
