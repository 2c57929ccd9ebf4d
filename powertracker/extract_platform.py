"""Platform markup of the big shop systems, for pages without usable structured data.

Each reader knows where one platform puts the product's own price, its list price and its
variants: Shopify (the product JSON the theme embeds, prices in cents, the variant the product
form selects), WooCommerce (``p.price`` with ``<del>`` / ``<ins>``, the variations form), Magento
(``data-price-type="finalPrice"`` / ``oldPrice`` in the price box), BigCommerce
(``data-product-price-with-tax``), PrestaShop (``.current-price-value``, ``.regular-price``) and
marketplace-style split prices (``a-price-whole`` / ``a-price-fraction``, the struck
``a-text-price``), Cafe24, and a hand-made shop's PayPal button (its hidden ``amount``, when the
page shows it). Blocks that ``Layout`` excludes (related products, carousels) are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from itertools import islice
from typing import Any

from lxml.etree import XPath, _Element

from .extract_base import (
    SCREEN_READER_ONLY,
    Candidate,
    Page,
    availability,
    class_id,
    has_class,
    has_digit,
    plain_text,
    text_content,
    visible_text,
)
from .extract_heuristic import excl_vat, incl_vat
from .extract_regions import Layout, site_header
from .extract_structured import PRODUCT_TYPES
from .patterns import compiled
from .prices import find_prices, normalize, parse_price, structured_amount


def _x(expr: str) -> XPath:
    return XPath(expr)


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_SHOPIFY_JSON = _x("//script[@type='application/json'][@data-product-json or starts-with(@id, 'ProductJson')"
                   " or starts-with(@id, 'ProductJSON')"
                   " or contains(@id, 'product-json') or parent::variant-radios or parent::variant-selects]")  # Dawn's list
_SHOPIFY_FORM_ID = _x("//form[contains(@action, '/cart/add')]//*[@name='id']")
_WOO_PRICE = _x(f"//*[self::p or self::span or self::div][{_cls('price')}][.//*[{_cls('woocommerce-Price-amount')}]]")
_WOO_SUMMARY_PRICE = _x(f"//*[{_cls('summary')}]//p[{_cls('price')}]")
_WOO_AMOUNT = _x(f".//*[{_cls('woocommerce-Price-amount')}]")
_WOO_VARIATIONS = _x("//form[@data-product_variations]")
_MAGENTO_FINAL = _x("//*[@data-price-type='finalPrice'][@data-price-amount]")
_MAGENTO_OLD = _x("//*[@data-price-type='oldPrice'][@data-price-amount]")
_MAGENTO_SPECIAL = _x(f"//*[{_cls('price-box')}]//*[{_cls('special-price')} or {_cls('regular-price')}]"
                      f"//*[{_cls('price')}]")
_MAGENTO_OLD_TEXT = _x(f"//*[{_cls('price-box')}]//*[{_cls('old-price')}]//*[{_cls('price')}]")
_BC_WITH_TAX = _x("//*[@data-product-price-with-tax]")
_BC_WITHOUT_TAX = _x("//*[@data-product-price-without-tax]")
_BC_WAS = _x("//*[@data-product-non-sale-price-with-tax or @data-product-rrp-with-tax"
             " or @data-product-non-sale-price-without-tax or @data-product-rrp-price-without-tax]")
_PS_CURRENT = _x(f"//*[{_cls('current-price-value')} or ({_cls('current-price')} and @content)]"
                 f" | //*[{_cls('current-price')}]//*[@content]")
_PS_REGULAR = _x(f"//*[{_cls('product-prices')} or {_cls('product-price')}]//*[{_cls('regular-price')}]")
_MP_PRICE = _x(f"//*[{_cls('a-price')}][not(@data-a-strike='true')][not({_cls('a-text-price')})]")
_MP_WAS = _x(f"//*[{_cls('a-price')}][@data-a-strike='true' or {_cls('a-text-price')}]")
_MP_SKIP = compiled(r"pricePerUnit|installment|instalment|finance|used|olp|other-sellers|aod-|basisPrice|hlcx|comparison|newer"
                   r"|savingsPercentage",  # the "-22%" badge Amazon classes "a-price" too
                   re.I)
_CURRENCY_JS = (compiled(r"Shopify\.currency\s*=\s*\{[^}]*?\"active\"\s*:\s*\"([A-Z]{3})\""),
                compiled(r"\"currency\"\s*:\s*\{[^}]*?\"iso_code\"\s*:\s*\"([A-Z]{3})\""),
                compiled(r"\"currencyCode\"\s*:\s*\"([A-Z]{3})\""))


def script_currency(page: Page) -> str | None:
    """A currency code that the shop's own scripts declare (Shopify.currency, PrestaShop, dataLayer)."""
    for script in page.doc.iter("script"):
        text = script.text or ""
        if "urrency" not in text:
            continue
        for pattern in _CURRENCY_JS:
            m = pattern.search(text)
            if m:
                return m.group(1)
    return None


def _text_price(page: Page, el: _Element) -> tuple[Decimal | None, str | None, str]:
    raw = visible_text(el)
    amount, currency = parse_price(raw, page.default_currency, page.page_currency)
    return amount, currency or page.fallback_currency(), raw


def _cents(value: Any) -> Decimal | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value) / 100
    return structured_amount(value)


def _variant_id(url: str | None) -> str | None:
    m = re.search(r"[?&]variant=(\d+)", url or "")
    return m.group(1) if m else None


def shopify(page: Page, layout: Layout) -> list[Candidate]:
    scripts = _SHOPIFY_JSON(page.doc)
    if not scripts:
        return []
    try:
        data = json.loads(scripts[0].text or "", parse_float=Decimal)
    except ValueError as exc:
        page.reject((scripts[0].text or "")[:80], f"invalid Shopify product JSON: {exc}")
        return []
    product = data.get("product", data) if isinstance(data, dict) else {"variants": data}  # Dawn: the variants alone
    variants = product.get("variants") if isinstance(product, dict) else None
    if not isinstance(variants, list):
        return []
    ids = _SHOPIFY_FORM_ID(page.doc)
    selected = None
    if ids:
        el = ids[0]
        if el.tag == "select":
            options = [o for o in el.iter("option") if o.get("selected") is not None] or list(el.iter("option"))
            selected = options[0].get("value") if options else None
        else:
            selected = el.get("value")
    currency = page.fallback_currency()
    out = []
    for v in variants:
        if not isinstance(v, dict):
            continue
        amount = _cents(v.get("price"))
        if amount is None:
            continue
        was = _cents(v.get("compare_at_price"))
        vid = str(v.get("id", ""))
        out.append(Candidate(
            price=amount, currency=currency, raw=str(v.get("price")), availability=availability(v.get("available")),
            was=was if was and was > amount else None, sku=v.get("sku") or None, gtin=v.get("barcode") or None,
            url=f"?variant={vid}" if vid else None, name=v.get("name") or v.get("title"),
            selected=bool(selected) and vid == selected))
    return out


def _names_vat(tail: str | None) -> bool:
    """Whether the words right after a price suffix's amount say it includes VAT ("(£538.80 inc. VAT)")."""
    label = (tail or "")[:24]
    return incl_vat(label) and not excl_vat(label)


def woocommerce(page: Page, layout: Layout) -> list[Candidate]:
    out: list[Candidate] = []
    for form in _WOO_VARIATIONS(page.doc):
        try:
            variations = json.loads(form.get("data-product_variations") or "", parse_float=Decimal)
        except ValueError:
            variations = None
        for v in variations if isinstance(variations, list) else []:
            amount = structured_amount(v.get("display_price"))
            if amount is None:
                continue
            was = structured_amount(v.get("display_regular_price"))
            out.append(Candidate(
                price=amount, currency=page.fallback_currency(), raw=str(v.get("display_price")),
                availability=availability(v.get("is_in_stock")), was=was if was and was > amount else None,
                sku=v.get("sku") or None, url=f"?variation_id={v.get('variation_id')}"))
    if out:
        return out
    own = _WOO_SUMMARY_PRICE(page.doc)
    if own and not has_digit(visible_text(own[0])):  # the product's own price box, empty or "Logga in för att se pris":
        page.reject(visible_text(own[0]), "WooCommerce: the product's price box shows no amount")
        if all(layout.another_products(b) for b in _WOO_PRICE(page.doc)):  # no price box of its own with an amount (a
            page.memo["empty price box"] = True  # sticky bar's, an Elementor widget's): nor will the heuristic read one
        return out  # the amounts further on (a replacement's callout, samples, a product loop) are other things'
    for block in _WOO_PRICE(page.doc):
        if layout.excluded(block) or any(a.tag == "ul" and has_class(a, "products")
                                         for a in block.iterancestors()):  # a product loop's card: another product's
            page.reject(visible_text(block), "WooCommerce price inside a related-products block or product loop")
            continue
        current = [a for a in _WOO_AMOUNT(block) if not any(x.tag == "del" for x in a.iterancestors())]
        struck = [a for a in _WOO_AMOUNT(block) if any(x.tag == "del" for x in a.iterancestors())]
        if not current:
            continue
        suffix = [a for a in current if any(has_class(x, "woocommerce-price-suffix") for x in a.iterancestors())]
        net = None
        if suffix and len(suffix) < len(current):  # "£449.00 (£538.80 inc. VAT)": the suffix's amount, if it has the VAT
            gross = [a for a in suffix if _names_vat(a.tail)]
            for a in suffix if not gross else [a for a in current if a not in suffix]:
                page.reject(visible_text(a), "WooCommerce: the price suffix's other figure (with or without VAT)")
            if len(gross) == 1 and len(current) - len(suffix) == 1:  # one net, one gross: no range
                net = _text_price(page, next(a for a in current if a not in suffix))[0]
            current = gross or [a for a in current if a not in suffix]
        prices = [_text_price(page, a) for a in current]
        amount, currency, raw = prices[0]
        if amount is None:
            continue
        was = _text_price(page, struck[0])[0] if struck else None
        low = len(prices) > 1
        for upper in prices[1:]:
            page.reject(upper[2], "upper end of a price range")
        if was is not None:
            page.reject(visible_text(struck[0]), "struck-through (was) price")
        out.append(Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None,
                             low=low, element=block, net=net))
        text = visible_text(block)
        if not (excl_vat(text) and not incl_vat(text)):
            break  # an ex-VAT block first (a trade shop's) is kept only when no inc-VAT block follows
    if len(out) > 1:
        page.reject(out[0].raw, "price without VAT (the page also shows it with VAT)")
        out = out[-1:]
    return out


_WOO_FORM = _x("//form[contains(concat(' ', normalize-space(@class), ' '), ' variations_form ')][@data-product_variations]")


def woocommerce_selected_variation(page: Page) -> Candidate | None:
    """The variation a WooCommerce variable product preselects (every attribute's ``<select>`` has a
    selected option) and its price, from the form's variation data: what the page shows once its
    script runs, where the HTML alone shows the range. None unless exactly one variation matches."""
    if not page.mentions("variations_form"):
        return None
    forms = _WOO_FORM(page.doc)
    if len(forms) != 1:
        return None
    form = forms[0]
    chosen: dict[str, str] = {}
    for select in form.iter("select"):
        name = select.get("data-attribute_name") or select.get("name") or ""
        if not name.startswith("attribute_"):
            continue  # an add-on's own select (Product Add-Ons' "Embroidery"): no attribute of a variation
        picked = [o.get("value") for o in select.iter("option") if o.get("selected") is not None and o.get("value")]
        if len(picked) != 1:
            return None
        chosen[name] = str(picked[0])
    try:
        variations = json.loads(form.get("data-product_variations") or "")
    except ValueError:
        return None
    if not chosen or not isinstance(variations, list):
        return None
    variations = [v for v in variations if isinstance(v, dict) and isinstance(v.get("attributes"), dict)]
    # a select that no variation names (a grind, an engraving) is an option of the product, not a variation's
    varying = {k: value for k, value in chosen.items() if any(k in v["attributes"] for v in variations)}
    hits = [v for v in variations if varying and all(v["attributes"].get(k) in (value, "") for k, value in varying.items())]
    amount = structured_amount(hits[0].get("display_price")) if len(hits) == 1 else None
    if amount is None or amount <= 0:
        return None
    stock = "in_stock" if hits[0].get("is_in_stock") else "out_of_stock" if hits[0].get("is_in_stock") is False else None
    was = structured_amount(hits[0].get("display_regular_price"))
    return Candidate(price=amount, currency=page.fallback_currency(), raw=str(hits[0].get("display_price")),
                     availability=stock, was=was if was and was > amount else None, selected=True, element=form)


def magento(page: Page, layout: Layout) -> list[Candidate]:
    # a grouped product's table lists its members' prices, none the page's ("Vanaf € 12,95" above it is)
    finals = [el for el in _MAGENTO_FINAL(page.doc) if not layout.excluded(el)
              and not any(a.get("id") == "super-product-table" for a in el.iterancestors("table"))]
    olds = [el for el in _MAGENTO_OLD(page.doc) if not layout.excluded(el)]
    if finals:
        el = finals[0]
        amount = structured_amount(el.get("data-price-amount"))
        if amount is None:
            return []
        text_currency = parse_price(visible_text(el), page.default_currency, page.page_currency)[1]
        was = structured_amount(olds[0].get("data-price-amount")) if olds else None
        return [Candidate(price=amount, currency=text_currency or page.fallback_currency(),
                          raw=visible_text(el) or el.get("data-price-amount", ""),
                          was=was if was and was > amount else None, element=el)]
    specials = [el for el in _MAGENTO_SPECIAL(page.doc) if not layout.excluded(el)]
    if specials:
        amount, currency, raw = _text_price(page, specials[0])
        old = [el for el in _MAGENTO_OLD_TEXT(page.doc) if not layout.excluded(el)]
        was = _text_price(page, old[0])[0] if old else None
        if amount is not None:
            return [Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None,
                              element=specials[0])]
    return []


def bigcommerce(page: Page, layout: Layout) -> list[Candidate]:
    for finder in (_BC_WITH_TAX, _BC_WITHOUT_TAX):
        for el in finder(page.doc):
            if layout.excluded(el):
                continue
            amount, currency, raw = _text_price(page, el)
            if amount is None:
                continue
            was = None
            for w in _BC_WAS(page.doc):
                if not layout.excluded(w):
                    was = _text_price(page, w)[0]
                    if was is not None:
                        break
            return [Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None,
                              element=el)]
    return []


def prestashop(page: Page, layout: Layout) -> list[Candidate]:
    for el in _PS_CURRENT(page.doc):
        if layout.excluded(el):
            continue
        amount = structured_amount(el.get("content"))
        text_amount, currency, raw = _text_price(page, el)
        if amount is None:
            amount = text_amount
        if amount is None:
            continue
        was = None
        for w in _PS_REGULAR(page.doc):
            if not layout.excluded(w):
                was = _text_price(page, w)[0]
                break
        return [Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None,
                          element=el)]
    return []


def _mp_skip(el: _Element, layout: Layout) -> bool:
    if layout.excluded(el) or layout.unselected_option(el):
        return True
    for a in (el, *el.iterancestors()):
        if _MP_SKIP.search(f"{a.get('id') or ''} {a.get('class') or ''}"):
            return True
    return False


def _mp_amount(page: Page, el: _Element) -> tuple[Decimal | None, str | None, str]:
    hidden = el.find(".//span[@class='a-offscreen']")
    if hidden is not None and find_prices(normalize(text_content(hidden))):
        return _text_price(page, hidden)
    return _text_price(page, el)


_SPLIT_PRICE = _x(f"//*[{_cls('promo-price')}][*[{_cls('promo-price__fraction')}]]")
_FRACTION_CHILD = _x(f"*[{_cls('promo-price__fraction')}]")


def split_price(page: Page, layout: Layout) -> list[Candidate]:
    """A marketplace's whole / fraction price with no currency sign (``24<sup>99</sup>``, bol.com's
    ``promo-price``): the retailer's currency."""
    for el in _SPLIT_PRICE(page.doc):
        if _mp_skip(el, layout):
            continue
        whole = (el.text or "").strip().rstrip(",.")
        fractions = _FRACTION_CHILD(el)
        cents = text_content(fractions[0]).strip() if fractions else ""
        if not whole.isdigit() or not (cents.isdigit() and len(cents) == 2 or cents in ("-", "–")):
            continue
        amount = Decimal(whole) + (Decimal(cents) / 100 if cents.isdigit() else 0)
        return [Candidate(price=amount, currency=page.fallback_currency(), raw=f"{whole},{cents}", element=el)]
    return []


def marketplace(page: Page, layout: Layout) -> list[Candidate]:
    for el in _MP_PRICE(page.doc):
        if _mp_skip(el, layout):
            continue
        amount, currency, raw = _mp_amount(page, el)
        if amount is None:
            continue
        was = None
        for w in _MP_WAS(page.doc):
            if not _mp_skip(w, layout):
                was = _mp_amount(page, w)[0]
                page.reject(_mp_amount(page, w)[2], "struck-through (was) price")
                break
        return [Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None,
                          element=el)]
    return []


_CAFE24_PAY_DISCOUNT = compiled(r"결제\s?시|페이|카드")  # "(카카오페이 결제 시 3% 즉시할인)": a payment method's price


def cafe24(page: Page, layout: Layout) -> list[Candidate]:
    """Cafe24's detail table (Korea): 판매가 in ``#span_product_price_text``, a discount's price in
    ``#span_product_price_sale`` ("71,200원 (17,800원 할인)") unless a payment method's, 소비자가 (the list
    price, struck) in ``#span_product_price_custom``."""
    found = {el.get("id"): el for el in page.doc.iterfind(".//*[@id]") if (el.get("id") or "").startswith("span_product_price_")}
    text, sale, custom = (found.get(f"span_product_price_{k}") for k in ("text", "sale", "custom"))
    if sale is not None and _CAFE24_PAY_DISCOUNT.search(text_content(sale)):
        sale = None
    for el in (sale, text):
        if el is None or layout.excluded(el):
            continue
        amount, currency, raw = _text_price(page, el)
        if amount is None:
            continue
        was = _text_price(page, custom)[0] if custom is not None else None
        if el is sale and text is not None:
            was = _text_price(page, text)[0] or was
        return [Candidate(price=amount, currency=currency, raw=raw, was=was if was and was > amount else None, element=el)]
    return []


_PAYPAL_FORM = _x("//form[contains(@action, 'paypal.com/cgi-bin/webscr')]")
_WORDS = compiled(r"\w+")


def _words(text: str | None) -> set[str]:
    return set(_WORDS.findall((text or "").casefold()))

_NOT_THE_ITEM = frozenset({"deposit", "swatch", "sample", "samples", "anzahlung", "muster", "acompte", "échantillon",
                           "aanbetaling", "staal", "gift", "wrap", "wrapping", "postage", "shipping", "delivery"})


def paypal(page: Page, layout: Layout) -> list[Candidate]:
    """PayPal's buy button, a hand-made shop's basket: the hidden ``amount`` and ``currency_code`` of the one form
    that adds the product (``cmd`` ``_cart`` or ``_xclick``), when the page has just one outside other products'
    blocks (a "view basket" button has no amount; several are the product's and its accessories') and its
    ``item_name`` names the page's product (not a "Deposit - Oak Rocking Chair", a "Fabric swatch")."""
    found = []
    for form in _PAYPAL_FORM(page.doc):
        fields = {i.get("name"): i.get("value") for i in form.iter("input") if i.get("type") == "hidden"}
        if fields.get("cmd") in ("_cart", "_xclick") and fields.get("amount") and not layout.excluded(form):
            found.append((form, fields))
    if len(found) != 1:
        return []
    form, fields = found[0]
    named = _words(fields.get("item_name"))
    heading = _words(text_content(layout.title)) if layout.title is not None else set()
    if not named or not (named <= heading | _words(page.doc.findtext("head/title"))
                         or (heading and heading <= named and len(named - heading) <= 2 and not named & _NOT_THE_ITEM)):
        return []  # its words the title's, or the heading's and a size or a code more ("Oak Chopping Board (Large) #CB40")
    amount, body = structured_amount(fields["amount"]), page.doc.find("body")
    if amount is None or amount <= 0 or body is None or all(
            m.amount != amount for m in find_prices(normalize(visible_text(body)))):
        return []  # hidden fields the page does not show: left from an older price
    currency = (fields.get("currency_code") or "").strip().upper() or None
    return [Candidate(price=amount, currency=currency, raw=fields["amount"], element=form)]


# (name, reader, markers: the reader runs only on a page whose source holds one of them)
READERS: tuple[tuple[str, Callable[[Page, Layout], list[Candidate]], tuple[str, ...]], ...] = (
    ("shopify", shopify, ("data-product-json", "ProductJson", "ProductJSON", "product-json", "variant-radios", "variant-selects")),
    ("woocommerce", woocommerce, ("woocommerce-Price-amount", "data-product_variations")),
    ("magento", magento, ("data-price-type", "price-box")),
    ("bigcommerce", bigcommerce, ("data-product-price",)),
    ("prestashop", prestashop, ("current-price",)),
    ("marketplace", marketplace, ("a-price",)),
    ("marketplace", split_price, ("promo-price__fraction",)),
    ("cafe24", cafe24, ("span_product_price_text",)),
    ("paypal", paypal, ("cgi-bin/webscr",)),
)


def platform(page: Page, layout: Layout) -> tuple[str | None, list[Candidate]]:
    """The first platform reader that finds the product's price: (platform name, candidates)."""
    for name, reader, markers in READERS:
        if not page.mentions(*markers):
            continue
        found = reader(page, layout)
        if found:
            return name, found
    return None, []


# the body class / id by which each platform marks a category, collection, search, basket, checkout, order or not-found page ("category"
# and "search" (and "cart") count only as the body's id, PrestaShop's)
_LISTING_BODY = frozenset({"page-type-category", "page-type-brand", "page-type-search", "catalog-category-view",
                           "catalogsearch-result-index", "template-collection", "template-search", "tax-product_cat",
                           "tax-product_tag", "post-type-archive-product", "is-ctl-search", "page-category",
                           "page-search", "category", "search", "catalog-product-compare-index", "page-index-type-cat",
                           "template-cart", "woocommerce-cart", "checkout-cart-index", "is-act-cartpage", "page-cart",
                           "cart-page", "cart", "body-cart", "products-list-page", "indexbody", "page-comparison",
                           "tax-product_brand", "tax-pwb-brand", "tax-yith_product_brand",
                           "woocommerce-wishlist", "module-blockwishlist-view", "module-iqitwishlist-view", "page-stores",
                           "type-cart", "is-act-finishpage", "woocommerce-order-received", "page-order-confirmation",
                           "order-confirmation", "woocommerce-checkout", "woocommerce-view-order", "checkout-index-index",
                           "checkout-onepage-success", "sales-guest-view", "sales-guest-form", "sales-order-view",
                           "order-tracking", "page-404",
                           "error404", "template-404", "cms-noroute-index", "pagenotfound", "page-not-found"})
_ALSO_ON_PRODUCTS = frozenset({"woocommerce-checkout", "order-tracking"})  # body classes a product page may carry too
# a basket's line items: Shopify's cart form (its body names nothing), PrestaShop's and others' - an item a
# whole cart-item class with a digit in it (not an empty drawer's "cart-items" list)
_ITEM = ("contains(concat(' ', normalize-space(@class), ' '), ' cart-item ') or"
         " contains(concat(' ', normalize-space(@class), ' '), ' cart__item ')")
_CART_FORM = XPath(f"//form[@action='/cart' or @id='cart' or contains(@class, 'cart-form')][.//*[{_ITEM}]"
                   "[translate(., '0123456789', '') != .]]")
# a basket's second sign beside its heading: a quantity field per line, or its line items
_QUANTITIES = XPath("count(//input[not(@type='hidden')][@type='number' or contains(@name, 'qty')"
                    " or contains(@name, 'quantity') or contains(@name, 'menge') or contains(@aria-label, 'Menge')"
                    " or contains(@aria-label, 'uantit') or contains(@aria-label, 'uantid') or contains(@aria-label, 'antidad')"
                    " or contains(@aria-label, 'Aantal') or contains(@aria-label, 'Antal')]"
                    " | //select[contains(@name, 'qty') or contains(@name, 'quantity')"
                    " or contains(@aria-label, 'Menge') or contains(@aria-label, 'uantit')]"
                    " | //*[contains(@class, 'cart-item') or contains(@class, 'cart_item') or contains(@class, 'line-item')"
                    " or contains(@class, 'basket-item')][translate(., '0123456789', '') != .])")


# a basket's other sign beside its heading: its subtotal
_ITEM_COUNT = compiled(r"\(\s*\d+[^)]*\)\W*$")  # "Koszyk (2)": a basket's count of its lines
_SUBTOTAL = compiled(r"\b(subtotal|sub-total|sous-total|zwischensumme|subtotaal|delsumma|att betala|mellemsum|välisumma"
                     r"|suma częściowa|mezisoučet|medzisúčet|részösszeg|υποσύνολο|subtotale|vahesumma|tarpinė suma|starpsumma"
                     r"|междинна сума|ara toplam|ürün(ün|lerin) toplamı)\b|小計|小计|소계", re.I)
_GUIDE_WORDS = r"(buying guide|kaufberatung|guide d.achat|guía de compra|koopgids|köpguide|kjøpeguide|købsguide)"
# a search page's heading: 'Search results for "mug"', "Suchergebnisse für …", "3 résultats pour « mug »"
_SEARCH_WORDS = compiled(r"^\W*(\d+\s+)?(search results?|results? for|you searched for|você buscou( por)?|vous avez cherché|sie suchten nach|suchergebnisse|ergebnisse für|résultats? (de (la )?recherche"
                           r"|pour)|resultados( de (la )?búsqueda| para)|risultati( della ricerca| per)|zoekresultaten"
                           r"|resultaten voor|sökresultat|søgeresultater|søkeresultater|wyniki wyszukiwania|výsledky hledání"
                           r"|(find a|find your( local)?) store$|store (locator|finder)$|filialfinder$|filiale finden$|filialsuche$"
                           r"|trouver un magasin$|nos magasins$|nuestras tiendas$|unsere (filialen|geschäfte|märkte)$|our stores$|encuentra tu tienda$"
                           r"|(((min|din) )?(önskelista|ønskeliste)|((meine|deine) )?wunschliste)(?=\s*\(\d+\)$|$)"
                           r"|検索結果|搜索结果|搜尋結果|검색 결과|(my |your )?wish ?list|ma liste de souhaits|mes favoris|wunschliste"
                           r"|verlanglijst|lista de deseos|(product )?comparison|compare products|comparer|produktvergleich|vergleichsliste"
                           r"|vergelijk|comparar|confronta|(producten|produkte|produits|productos|prodotti) (vergelijken|vergleichen"
                           r"|comparer|comparar|confrontare)|porównanie produktów|srovnání produktů|termékek összehasonlítása"
                           r"|σύγκριση προϊόντων|comparație produse|comparação de produtos|tuotevertailu|primerjava izdelkov"
                           r"|usporedba proizvoda|porovnanie produktov|porovnání produktů|produktu salīdzinājums|prekių palyginimas"
                           r"|toodete võrdlus|сравнение на продукти|compare (\w+ ){0,2}\w+s$"  # "Compare bookshelf speakers"
                           # a buying guide's, in its own words at the end ("Best heat pumps for NZ homes 2025: our buying guide")
                           r"|.{0,50}\b" + _GUIDE_WORDS + r"$"
                           # a checkout step's: "Bestellung abschließen", "Review your order"
                           r"|checkout$|kasse$|zur kasse$|bestellung (abschließen|prüfen)$|bestellübersicht$"
                           r"|(review|complete|place) (your )?order$|finaliser (ma |la |votre )?commande$"
                           r"|récapitulatif de (la |votre )?commande$|finalizar (compra|pedido)$|riepilogo (dell.)?ordine$"
                           r"|bestelling (afronden|controleren)$|afrekenen$|till kassan$|podsumowanie zamówienia$)\b", re.I)
# a search page's title, anywhere in it: "쿠팡! - 생필품 검색결과", "Search results for mug | Shop" (not a course named
# "Google Search Results")
_SEARCH_TITLE = compiled(r"검색\s?결과|検索結果|搜索结果|搜尋結果|\bsearch results for\b"
                         # a buying guide's: "Heat pumps: our buying guide | …"
                         r"|\b" + _GUIDE_WORDS + r"\b"
                         # a finance calculator's: "E-bike financieren – bereken je maandbedrag | …"
                         r"|\b(bereken (je|uw) maandbedrag|finance calculator|finanzierungsrechner|ratenrechner"
                         r"|calculateur de (financement|crédit|mensualités)|calculadora de (financiación|cuotas))\b"
                         # a recipe, its groceries priced: "Krämig laxpasta | Recept Stadsbutiken"
                         r"|[|–—]\s*(recept|recipe|rezept|recette|ricetta|receta|opskrift|oppskrift)\b[^|–—]*$"
                         # a product's questions and answers: "Questions & Answers: Instant Pot Duo … | …"
                         r"|^\W*(questions? (&|and) answers?|fragen (&|und) antworten|questions[- ]réponses"
                         r"|preguntas y respuestas)\s*[:|–—]"
                         # a price tracker's page of a product's past prices ("… Amazon price history charts | …")
                         r"|\b(price history|preisverlauf|historique des prix|prijsgeschiedenis|historial de precios"
                         r"|histórico de preços|storico (dei )?prezzi|prishistorik|historia cen)\b"
                         # a title that is only those words and the shop's name ("Order received – …"), not "Thank You
                         # For Your Order Stickers" nor "Order Confirmation – Printable Email Template | …";
                         # a registry someone keeps ("…'s Wedding Registry | …"), not "Acrylic Wedding Gift Registry Sign"
                         r"|^\W*(order (received|confirmation|confirmed|tracking|status|details)|track (your |my )?order"
                         r"|bestelldetails|détails de (la |votre )?commande|detalles del pedido|detalhes do pedido"
                         r"|dettagli (dell.)?ordine|bestelgegevens|orderdetaljer|szczegóły zamówienia"
                         r"|sendungsverfolgung|suivi de (votre |ma )?commande|bestelling volgen|thank you for your (order|purchase)"
                         r"|seguimiento de (tu |su )?pedido|rastreamento d[eo] pedido|tracciamento (dell.)?ordine"
                         r"|śledzenie zamówienia|sledování objednávky|bestellstatus|lacak pesanan|ติดตามคำสั่งซื้อ"
                         r"|terima kasih atas (pembelian|pesanan) anda|vielen dank für ihre bestellung"
                         r"|merci pour votre commande|gracias por tu (compra|pedido)|obrigado pela sua compra"
                         r"|bedankt voor je bestelling|grazie per il tuo ordine|tack för din beställning"
                         r"|dziękujemy za (zamówienie|zakupy)|tak for din (ordre|bestilling)|takk for (din )?bestilling"
                         r"|děkujeme za (vaši )?objednávku|ďakujeme za (vašu )?objednávku|děkujeme za (váš )?nákup"
                         r"|ďakujeme za (váš )?nákup|takk for handelen|tak for (dit )?køb|ordrebekreftelse|ordrebekræftelse"
                         r"|orderbekräftelse|bestellbestätigung|confirmation de commande|confirmación de (su |tu )?pedido"
                         r"|confirmação d[oa] (seu )?(pedido|encomenda)|conferma (dell.)?ordine|potvrzení objednávky)"
                         r"(,\s*[^\W\d_][\w .'-]{0,40})?"  # the shopper's name: "Obrigado pela sua compra, Mariana!"
                         r"\W*(#?\s*[\w-]*\d[\w-]*\W*)?"  # its number: "#1042", "HF-20931877"
                         r"([|–—-][^|–—]*)?$"
                         r"|['’]s (wedding |baby |gift )+registry\s*([|–—-]|$)"
                         r"|^\W*lista de (casamiento|casamento|bodas?|regalos|nacimiento|presentes) de "
                         r"|^\W*(hochzeitstisch|hochzeitsliste|geschenkeliste|babyliste) von ", re.I)


def _titled_so(heading: str) -> bool:
    """Whether a heading says what ``_SEARCH_TITLE`` finds in a title ("Obrigado pela sua compra, Mariana!"), with
    nothing after a dash (in a title the shop's name; in a heading a product's: "Thank You For Your Order – Kraft
    Sticker Roll")."""
    m = _SEARCH_TITLE.search(heading)
    return m is not None and not re.search(r"\s[|–—-]\s", heading[m.start():])


# a basket's title in CJK, the whole of it or its last part ("G마켓 - 장바구니"; not "접이식 장바구니", a foldable basket)
_CART_TITLE = compiled(r"(^|[-|–:]\s*)(장바구니|ショッピングカート|カート|购物车|購物車)\s*$")
# a basket's heading starts with its word ("Your cart", "Dein Warenkorb (3 Artikel)"), not "Seagrass Storage Basket"
_BAG_WORDS = compiled(r"^\W*((your|my)\s+(shopping\s+)?bag(\s*\(\d+[^)]*\))?|(shopping\s+)?bag\s*\(\d+[^)]*\))\W*$", re.I)
# "Shopping Bag" alone names a leather bag as often as a basket: a basket only over a table of quantity fields
_SHOPPING_BAG = compiled(r"^\W*shopping bag\W*$", re.I)
_LINE_QUANTITIES = XPath("count(//tr//input[@type='number'])")  # a basket table's rows
_CART_WORDS = compiled(r"^\W*((your|my|dein|mein|ihr|votre|mon|tu|il tuo|uw|je|din|twój|váš|meu|seu|mi)\s+)?(shopping\s+)?(cart"
                         r"|basket|warenkorb|panier|carrito|carrello|winkelwagen(tje)?|winkelmandje|varukorg|kundvagn|kurv|indkøbskurv|handlevogn"
                         r"|handlekurv|koszyk|košík|kosár|sepet|sepetim|ostoskori|καλάθι( αγορών)?|το καλάθι μου|coș(ul)? de cumpărături"
                         r"|carrinho( de compras)?|coșul (meu|tău)( de cumpărături)?|nákupný košík|nakupovalna košarica"
                         r"|košarica|(pirkinių )?krepšelis|(iepirkumu )?grozs|ostukorv|(innkaupa)?karfa|количка)(\s+(tartalma|inhalt|obsah|zawartość))?"
                         r"\s*(\(\d+[^)]*\))?\W*$"
                         r"|^\W*((your|my)\s+trolley|trolley\s*\(\d+[^)]*\))\W*$", re.I)  # not "Shopping Trolley", a toy's name


_DRAWER = compiled(r"drawer|mini-?cart|off-?canvas|side-?cart|flyout", re.I)


def _in_drawer(form: _Element) -> bool:
    """Whether a basket form sits in a drawer or mini-cart beside the page (Dawn's ``<cart-drawer>``, closed until
    opened), not in the page itself."""
    return any(_DRAWER.search(f"{a.tag} {class_id(a)}") for a in form.iterancestors())


# a shop's not-found page's heading or title, and nothing more ("Page introuvable", "Oops! Page not found", "404")
_NOT_FOUND_WORDS = compiled(r"^\W*((error|fehler|erreur)\s*)?(?P<code>404(\s*(error|fehler|erreur))?)?\W*"
                              r"(oops!?\s*|sorry,?\s*|hoppla!?\s*|oups\W*|ups!?\s*|ne pare rău,?\s*|üzgünüz,?\s*|извините,?\s*)?(?P<words>((the|this) )?(page|product|item|article)"
                              r" (was |could not be |cannot be |can't be )?not found|(the )?page you (requested|are looking for|were looking for) (can.?t|cannot|could not) be found|(page|produit|article) introuvable"
                              r"|(seite|produkt|artikel) nicht gefunden|diese seite gibt es (leider )?nicht( \(?mehr\)?)?|cette page n.existe (pas|plus)"
                              r"|(this|that) page (does not|doesn.t|no longer) exists?|(we )?(can.?t|cannot|could ?n.t) find (that|this|the) page|esta página no existe|questa pagina non esiste"
                              r"|deze pagina bestaat niet( meer)?|pagina niet gevonden|product niet gevonden"
                              r"|página no encontrada|pagina non trovata|página não encontrada|sidan (kunde inte hittas"
                              r"|hittades inte)|siden (blev ikke fundet|ble ikke funnet|finnes ikke|findes ikke)"
                              r"|strona nie (została znaleziona|istnieje)|stránka (nenalezena|nebyla nalezena)"
                              r"|sivua ei löytynyt|(お探しの)?ページが見つかりません(でした)?|(το )?προϊόν δεν βρέθηκε|η σελίδα δεν βρέθηκε"
                              r"|페이지를 찾을 수 없습니다|상품을 찾을 수 없습니다|pagina (căutată |solicitată )?nu a fost găsită|pagina nu există"
                              r"|(aradığınız )?sayfa bulunamadı|страница не найдена|сторінку не знайдено|сторінка не знайдена"
                              r"|az oldal nem található|الصفحة غير موجودة|لم يتم العثور على الصفحة|הדף (שחיפשת )?לא נמצא)?\W*$", re.I)


def _not_found(text: str | None) -> bool:
    m = _NOT_FOUND_WORDS.match(text) if text else None
    return m is not None and bool(m.group("code") or m.group("words"))


def _first_heading(layout: Layout) -> str | None:
    """The page's first shown h1 outside the site header (not a screen reader's heading), when short."""
    h1 = next((h for h in layout.doc.iter("h1") if not SCREEN_READER_ONLY.search(h.get("class") or "") and not layout.hidden(h)
               and not any(a.tag == "header" and site_header(a) for a in h.iterancestors())), None)  # not an article's
    text = " ".join(text_content(h1).split()) if h1 is not None else ""
    return text if text and len(text) <= 60 else None


# a count of results or products after a heading ("248 products", "248 produtos": plural, not a set's "1 product")
_RESULTS = (r"results?|ergebnisse|treffer|résultats|resultados|risultati|resultaten|träffar|resultater|wyników|ofert|oferty"
            r"|offers|angebote|offres|ofertas")
_PRODUCTS = (r"products|produkte|produits|productos|prodotti|producten|produkter|produktów|produktů|tuotetta|produtos"
             r"|artículos|articoli|artigos|artikel|artikelen")
_RESULT_COUNT = compiled(r"^\W*\d[\d.,\s]*\s+(" + _RESULTS + "|" + _PRODUCTS + r")\b", re.I)
# the count at the end of the heading itself: "robot sprzątający 5 635 ofert" (results or offers: not "Kit … 4 Produtos")
_COUNT_ENDS = compiled(r"\s\d[\d.,\s]*\s+(" + _RESULTS + r")\W*$", re.I)


def _result_count(layout: Layout) -> str | None:
    """The count of results right after the page's first h1 ('“air fryer”' then "186 results"): a search or category
    page's."""
    h1 = next(layout.doc.iter("h1"), None)
    sibling = h1.getnext() if h1 is not None else None
    text = " ".join(text_content(sibling).split()) if sibling is not None and isinstance(sibling.tag, str) else ""
    return text if len(text) <= 40 and _RESULT_COUNT.match(text) else None


# a sale campaign's heading: "BLACK WEEK", "Black Friday Εβδομάδα – έως -50%", "Summer Sale"
_PROMO_HEADING = compiled(r"black\s?(friday|week)|cyber\s?(monday|week)|singles.?day|prime day|\b(summer|winter|spring"
                          r"|mid-?season|end of season|flash|mega|clearance) sale\b|schlussverkauf|\bsoldes\b|\brebajas\b"
                          r"|\bsaldi\b|wyprzedaż|výprodej|izpārdošana|išpardavimas|kiárusítás"
                          # the campaign's name as the whole heading: "FRENCH DAYS", "Ugens tilbud", "Up to 40% off …"
                          r"|^\W*((1[0-2]|[1-9])\.(1[0-2]|[1-9]) (biggest |mega |super )?(sale|deals)|(biggest|year-?end|payday) sale"
                          r"|french days|eofy sale|(this week's|weekly) deals|angebote der woche"
                          r"|(ugens|veckans|ukens|viikon) (tilbud|erbjudanden|tarjoukset))\W*$|^\W*(save )?up to \d\d ?% off\b"
                          # and in other languages the discount on something: "Op til 40 % på hele kollektionen", "Bis zu
                          # 30 % auf Sommermode" (not "Bis zu 50 % sparen mit dem Wellness-Gutschein", a voucher's name)
                          r"|^\W*(op til|opp? til|upp till|jopa|bis zu|jusqu'à|hasta( un)?|fino al|tot|até) -?\d\d ?%"
                          r" (rabatt |rabat |alennus(ta)? |korting |descuento |de descuento |sconto |di sconto |de desconto |de réduction )?"
                          r"(på|auf|sur|en|su|sul|sulla|op|em|no|na|kaikista|alles)\b(?!.*(gutschein|voucher|gavekort|presentkort"
                          r"|lahjakortti|bon cadeau|chèque cadeau|tarjeta regalo|buono regalo|cadeaubon|vale-presente"
                          r"|carte avantage|cuponera|cupones|coupon book|kuponhæfte|kupongbok|kuponkihäfte))", re.I)


def _tiles(doc: _Element) -> set[_Element]:
    """The buttons of a grid of offers: the first four or more that say the same ("Zum Deal", "Στο καλάθι"), or none."""
    alike: dict[str, list[_Element]] = {}
    first = None
    for button in doc.iter("button"):
        text = plain_text(button)
        if text:
            same = alike.setdefault(text, [])
            same.append(button)
            if first is None and len(same) == 4:
                first = text
    return set(alike[first]) if first is not None else set()


def _in_tiles(button: _Element, tiles: set[_Element]) -> bool:
    """Whether ``button`` is one of the grid's (a card's, two or three levels below a container of four or more of
    ``tiles``), not a product's own beside a related grid that says the same."""
    return button in tiles and any(sum(1 for b in grid.iter("button") if b in tiles) >= 4
                                   for grid in islice(button.iterancestors(), 1, 3))


def _priced_cards(doc: _Element) -> bool:
    """Whether four or more elements of one class each hold a link and a price: a grid of product cards (a
    Squarespace sale page's "product-list-item"s), for a campaign's page without buttons."""
    counts: dict[str, int] = {}
    for el in doc.iter("div", "li", "article", "section"):
        names = el.get("class")
        if names and el.find(".//a") is not None and find_prices(normalize(text_content(el))):
            counts[names] = counts.get(names, 0) + 1
            if counts[names] >= 4:
                return True
    return False


def _name_alone(heading: str) -> bool:
    """Whether the heading is the campaign's name and nothing more ("Spring Sale", not "Payday Sale Mystery Box"), or
    opens with its discount ("Up to 40% off camping & hiking", "Op til 40 % på hele kollektionen")."""
    m = _PROMO_HEADING.search(heading)
    return m is not None and ("%" in m.group() or not _LETTER.search(heading[:m.start()] + heading[m.end():]))


_LETTER = compiled(r"[^\W\d_]")


def _priced_under_heading(layout: Layout) -> bool:
    """Whether a short price label stands within a dozen elements after the h1, outside cards and related blocks:
    a product named for what it saves ("Bis zu 30 % auf die Heizkosten sparen – Thermostat") priced under its
    name, not a campaign's heading over its grid (asked of a heading that opens with a discount only: a sale's
    name, "11.11 Biggest Sale", has its vouchers' "RM30 off" and banners' amounts under it)."""
    title = layout.title
    start = layout.order.get(title) if title is not None else None
    if start is None:
        return False
    for el in islice(layout.order, start + 1, start + 13):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        text = " ".join(text_content(el).split())
        if text and len(text.split()) <= 4 and find_prices(normalize(text)) and not layout.another_products(el):
            return True
    return False


_COUNTED = compiled(r"\(\d+\)\s*$")


def _sold_under(layout: Layout, heading: str | None, body: _Element) -> bool:
    """Whether a product named like a page of another kind ("Min önskelista", a book; "Tak for din ordre", stickers) is
    sold under its name: a buy button and a price right under the heading, not on a Shopify page template, and no
    count of items after the name ("Compare Products (3)", "Ønskeliste (2)")."""
    return layout.buy is not None and not layout.another_products(layout.buy) and _priced_under_heading(layout) \
        and "template-page" not in (body.get("class") or "").split() \
        and not (heading and _COUNTED.search(heading))


def listing_page(page: Page, layout: Layout) -> str | None:
    """What says the page lists products (a category, collection or search page): the platform's
    ``<body>`` class or id, as BigCommerce, Magento, Shopify, WooCommerce, Shopware and PrestaShop
    set it, or a JSON-LD ItemList with no Product and no buy button on the page (a product page may
    mark up its carousel as an ItemList). A listing's prices are many products', none the offer's."""
    types = page.memo.get("json-ld types") or set()
    if "ItemList" in types and not types & PRODUCT_TYPES and layout.buy is None:
        return "JSON-LD ItemList and no buy button"
    body = page.doc.find("body")
    if body is None:
        return None
    if page.mentions("cart-item", "cart__item") and any(not layout.hidden(f) and not _in_drawer(f) for f in _CART_FORM(page.doc)):
        return "a basket's line items"
    heading = _first_heading(layout)  # a basket's and nothing more ("Dein Warenkorb (3 Artikel)", not "Basket Weaving Kit")
    if heading is not None and (_CART_WORDS.match(heading) or _BAG_WORDS.match(heading)) and (
            _QUANTITIES(page.doc) >= 2 or (layout.buy is None and (_SUBTOTAL.search(" ".join(body.itertext()))
                                                                   or _ITEM_COUNT.search(heading)))):
        return "a basket's line items"
    if heading is not None and _SHOPPING_BAG.match(heading) and _LINE_QUANTITIES(page.doc) >= 2:
        return "a basket's line items"
    if _not_found(heading) or (heading is not None and (_SEARCH_WORDS.match(heading) or _titled_so(heading))
                               and not _sold_under(layout, heading, body)):
        return f"its heading says {heading!r}"
    if heading is not None and _PROMO_HEADING.search(heading) and not types & PRODUCT_TYPES \
            and ((tiles := _tiles(page.doc)) and (layout.buy is None or _in_tiles(layout.buy, tiles))
                 or (layout.buy is None and _name_alone(heading) and _priced_cards(page.doc)
                     and not ("%" in heading and _priced_under_heading(layout)))):
        return f"its heading says {heading!r} over a grid of offers (a campaign's page)"
    if (count := _result_count(layout)) is not None:
        return f"its heading is followed by a count of results ({count!r})"
    if heading is not None and _COUNT_ENDS.search(heading):
        return f"its heading ends with a count of results ({heading!r})"
    title = page.doc.findtext(".//title")
    if title and ((_SEARCH_TITLE.search(title) and not _sold_under(layout, heading, body)) or (  # a basket's, unless it names the product in the h1 too
            _CART_TITLE.search(title) and not types & PRODUCT_TYPES and (heading is None or heading not in title))):
        return f"its title says {' '.join(title.split())!r}"
    name = re.split(r"\s[|–—-]\s", title.strip())[0] if title else None  # "Page introuvable | Vins & Terroirs"
    if _not_found(name) and (heading is None or heading not in title):  # a joking heading, not the product's name
        return f"its title says {name!r}"
    words = (body.get("class") or "").lower().split()
    body_id = (body.get("id") or "").lower()
    product = "single-product" in words  # One Page Checkout's product page is a checkout too
    found = [w for w in words if w in _LISTING_BODY and w not in ("category", "search", "cart")
             and not (product and w in _ALSO_ON_PRODUCTS)]
    if body_id in _LISTING_BODY:
        found.append(f"id {body_id}")
    return f"its <body> says {found[0]!r}" if found else None

