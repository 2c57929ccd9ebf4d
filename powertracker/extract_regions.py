"""Where on the page the product is: its title, its buy button, and the blocks to ignore.

Related-product, recommendation, recently-viewed and "customers also bought" blocks, site
navigation, footers, mini-baskets and cookie or newsletter banners hold prices that are not
this product's. ``Layout`` finds them once per page (by tag, by class / id / aria-label words,
and by headings such as "You may also like" in the locales we read), and answers
"is this element inside one?" with a memo. A block that holds the product title or the buy
button is never excluded (some shops wrap the whole product in an ``<aside>``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import count

from lxml.etree import XPath, _Element

from .extract_base import class_id, has_class, text_content
from .patterns import compiled
from .prices import find_prices

_RELATED_ATTR = compiled(
    r"related|recommend|up-?sell|cross-?sell|also-?(bought|viewed|like|purchased)|similar|recently[-_]?viewed"
    r"|you-?may|complete-the-look|variation_(color|size|style)_name|andere-kleuren|other-colou?rs|andere-farben|autres-couleurs|goes-well-with|pairs-well|pairs-with|passt-dazu|frequently-bought|sponsored|carousel|product-?grid|products-grid|product-?list"
    r"|mini-?cart|mini-?basket|cart-?drawer|cart-dropdown|header-cart|topbar-cart|cart-?navi|basket-summary|newsletter|cookie|promo-?bar|announcement|mega-?menu"
    r"|site-nav|breadcrumb|\brecs\b|\breco-|alternatives|accessories-list|product-accessories|more-from|other-products|bestseller"
    r"|trending|compare-products|similaires|associes|aehnliche|successor|replacement|nachfolger|previous-?model|prev-?model|older-?model|predecessor|\bsidebar\b|recent-?(strip|items|products)"
    r"|product_list_widget|widget_products|widget_recently|widget_top_rated"
    r"|event-?list|events-?list|upcoming-?events"  # an events calendar's tickets (Squarespace's "eventlist")
    # whole class / id names only ("product__price-review", Tailwind's "filter" hold prices):
    # a listing's price filter ("0 € – 500 €"), a reviews block ("Got it for $119 on Prime Day")
    r"|(?:(?<![\w-])|(?<=__))(refinements?(-bar|-price)?|facets?(-(container|wrapper|list|panel|vertical|horizontal|drawer))?"
    r"|filters"
    r"|filter-(panel|range|group|list|sidebar|multi-select)|(price|search|product)-filters?"
    r"|reviews?|(product|customer|product-detail)-reviews?|reviews-(section|list|container|wrapper))(?![\w-])",
    re.I,
)
_CART_ATTR = compiled(r"add-?to-?cart|addtocart|add_to_cart|buy-?button|add-to-basket|product-form__submit"
                        r"|tocart|btn[-_]?(cart|buy)|button-(buy|cart)|(cart|buy)[-_]?btn|sepete-?ekle"  # H&M's, OpenCart's, Ticimax's
                        r"|link-?(buy|basket)", re.I)  # Taobao's J_LinkBuy, J_LinkBasket
_TITLE_ATTR = compiled(r"(^|\s|__)((product|goods|item|sku)[-_]?(title|name)|productView-title|pageHeading|(item|goods)_detail_tit|headingArea)(\s|$)", re.I)  # Ecwid's "product-details__product-title", osCommerce's heading cell
_BUTTON_ATTR = compiled(r"(?<![a-z])(btn|button|cta)(?![a-z])", re.I)
_STOCK_ATTR = compiled(r"stock|availab|inventory|lagerstatus|voorraad|disponib|lieferbar|verfuegbar|lager"
                         r"|saldo|sold-?out|preorder|pre-order|subscriber-?container", re.I)  # VTEX's notify-me box
_ANY_ATTR = compiled("|".join(p.pattern for p in (_RELATED_ATTR, _CART_ATTR, _TITLE_ATTR, _BUTTON_ATTR,
                                                    _STOCK_ATTR)), re.I)
# ``//@a/..`` walks attribute lists, about twice as fast in libxml2 as testing ``//*[@a]`` on every
# element (same nodes, same document order)
_MARKED = XPath("//@class/.. | //@id/..")  # the elements _marks reads: one without either has no mark
_HIDDEN_STYLE = compiled(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_EXCLUDED_TAG_NAMES = frozenset({"nav", "footer", "aside", "header", "select", "dialog"})
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_RELATED_LABEL = compiled(r"related|recommend", re.I)
# unions of simple steps: libxml2 tests a name step far faster than ``//*[self::x or ...]`` (same nodes, same order)
_NAMED_ADD = XPath("//@name[. = 'add' or . = 'add-to-cart']/..")  # a form's add-to-cart control of any tag
_BUTTON_TYPES = frozenset({"submit", "button", "image"})
_TITLES = XPath("//h1 | //@itemprop[. = 'name']/parent::*[not(self::meta)]")
_RELATED_HEADING = compiled(
    r"^(related|similar (items?|products?) to consider|similar|compare with similar|you (may|might) (also )?(like|love)|customers (also|who)|people also|frequently bought"
    r"|recently viewed|complete the look|completa (il tuo|la tua|tu|o seu|a sua)|complétez (votre|le look)|(alternatives|alternativen|alternatieven|alternativas)( disponibles?| available| products| zu diesem (produkt|artikel))?$|alternative (products|produkte)$|more from|other customers|recommended(?! by\b)|ähnliche|das könnte|kunden kauften"
    r"|kunden, die|zuletzt angesehen|passend dazu|empfehlungen|vous aimerez|produits similaires|produits associés"
    r"|les clients ont|vous pourriez|gerelateerde|vergelijkbare|anderen bekeken|klanten kochten|misschien ook"
    r"|liknande|andra köpte|relaterade|du kanske|relaterede|lignende|andre købte|andre kjøpte|kanskje du"
    r"|関連商品|(この商品に)?関連する商品|よく一緒に購入|この商品をチェックした人|この商品を見た人|こんな商品も|おすすめ|この商品を買った人|(この商品の)?新(しい)?モデル(があります|が出ています|あり)|後継(機種|モデル|品)|successor|newer (model|version)|previous (model|version)|forrige modell|tidligere model|tidigare modell|föregående modell|vorgängermodell|vorgänger|modèle précédent|poprzedni model|edellinen malli|replacement|replaced by|opvolger|ersatzprodukt|suggested (replacements?|alternatives?|products|items|for you)"
    r"|reemplazo|reemplazado por|producto de reemplazo|substituto|produto substituto|sostituto|prodotto sostitutivo|vervanger|vervangend product"
    r"|remplacé par|produit de remplacement|(unser |das )?nachfolge(r|modell)|dazu passt|onderdelen|ersatzteile|spare parts|pièces détachées|ricambi|repuestos|(commander des |order )?(échantillons|samples|stoffmuster|stalen|campioni|muestras)|bijpassend|beispielküchen|perfekt tillsammans|passar bra med|perfect together|goes well with|pairs well with|parfait avec|ersätts av|erstattet af|erstattes av"
    r"|potrebbe interessarti|ti potrebbe|potrebbero piacerti|prodotti correlati|prodotti simili|te puede interesar"
    r"|también te (puede|podría)|productos relacionados|productos similares|quizás te interese|você (também )?pode"
    r"|produtos relacionados|produtos semelhantes|produtos similares|quem viu|podobné produkty|související|mohlo by vás|může se vám"
    r"|może cię zainteresować|podobne produkty|polecane|klienci kupili|hasonló termékek|ajánlott|produse similare"
    r"|s-ar putea|asiakkaat ostivat|samankaltaiset|benzer ürünler|ilgili ürünler|相關商品|相关商品|猜你喜歡"
    r"|((popular|optional) )+extras$|also from\b|\d+ (autres|other) (produits|products) (dans la même catégorie|in the same category)"
    r"|les clients qui ont acheté|optional add-?ons$|(weitere|andere) angebote$|(more|other) (offers|buying choices)$|autres offres$|altre offerte$|(más|otras) ofertas$|outras ofertas$|推薦商品|推荐商品|관련 상품|추천 상품|md\s?(추천|픽)|md'?s? picks?|함께 본|अक्सर एक साथ खरीदे|समान उत्पाद|संबंधित उत्पाद|מוצרים דומים|מוצרים קשורים|สินค้าที่เกี่ยวข้อง|สินค้าแนะนำ|อุปกรณ์เสริมที่แนะนำ"
    r"|ostatnio oglądane|naposledy (prohlížené|zobrazené)|legutóbb megtekintett|vizualizate recent|vistos recentemente"
    r"|visti di recente|vistos recientemente|senast visade|viimeksi katsotut|nylig sett|sidst sete|récemment consultés"
    r"|наскоро разгледани|πρόσφατα προβληθέντα|最近チェックした|最近瀏覽|최근 본|recent bekeken|laatst bekeken"
    r"|veja também|veja tambem|complétez (la tenue|le look|votre look)|complete o look|completa il look|completa el look"
    r"|komplettiere den look|maak de look compleet|découvrez aussi|à découvrir aussi|scopri anche|descubre también"
    r"|accessories|zubehör|passendes zubehör|accessoires|accessori|accesorios|acessórios|akcesoria|tilbehør|tillbehör"
    r"|toebehoren|příslušenství|kiegészítők|there is a newer (model|version)|required (items|accessories|parts)$|you('ll| will) also need|pachete disponibile|(available )?bundles with this (model|product|item)"
    r"|(gift cards|gift vouchers|lahjakortit|geschenkgutscheine|geschenkkarten|cartes cadeaux|cadeaubonnen"
    r"|tarjetas regalo|buoni regalo|karty podarunkowe|dárkové poukazy|ajándékkártyák|gavekort|presentkort)$"
    r"|οι πελάτες που αγόρασαν|σχετικά προϊόντα|παρόμοια προϊόντα|μπορεί (επίσης )?να σας αρέσ)",
    re.I,
)
_BUY_TEXT = compiled(
    r"add to (cart|basket|bag|trolley)|^add$|buy now|buy it now|in den (warenkorb|einkaufswagen)|jetzt kaufen"
    r"|ajouter au panier|acheter|in (mijn )?winkelwagen|toevoegen aan|in (mijn |het |je )?(winkel)?mand(je)?\b|lägg i (varukorg|kundvagn)"
    r"|köp nu|^köp$|læg i (kurv|indkøbskurv)|køb nu|^køb$|legg i (handlekurv|handlevogn)|kjøp nå|^kjøp$"
    r"|カートに入れる|今すぐ購入|予約|pre-?order|vorbestellen|précommander|pré-commander|vooruitbestellen|reserveren"
    r"|förhandsbeställ|forudbestil|forhåndsbestill|előrendel|przedsprzedaż|předobjednat|in den korb|warenkorb"
    r"|añadir al (carrito|cesta)|agregar al carrito|adicionar ao (carrinho|cesto)|comprar agora|^comprar\b|aggiungi al carrello"
    r"|acquista ora|dodaj do koszyka|kup teraz|do košíku|koupit|kosárba|adaugă în coș|adauga in cos|lisää ostoskoriin"
    r"|osta nyt|sepete ekle|hemen al|προσθήκη στο καλάθι|αγορά τώρα|добави в количката|купи сега|加入購物車|加入购物车|放入購物車|立即購買|立即购买|장바구니|바로\s?구매|구매하기"
    r"|הוסף לסל|הוספה לסל|ใส่ตะกร้า|ซื้อเลย"
    r"|jetzt bestellen|^bestellen$|^kaufen$|koop nu|^acquista$|compra ora|añadir a la cesta|^ajouter$|lägg till i varukorg"
    r"|order now|^buy$|add to order|do koszyka|tilføj til (kurv|indkøbskurv)|lisää koriin|かごに追加|カートに追加|^hinzufügen$"
    r"|lisa (ostu)?korvi|į krepšelį|dodaj u (košaricu|košaru|korpu)|dodaj v košarico|pievienot grozam|ielikt grozā"
    r"|додај у корпу|добави в кошницата|pridať do košíka|vložit do košíku",
    re.I,
)


_MARKS: dict[str, tuple[bool, bool, bool, bool, bool]] = {}  # _marks' answers by class + id string


def _marks(words: str) -> tuple[bool, bool, bool, bool, bool]:
    """(related block, stock element, buy button, buy button if a link, product title) for a class + id
    string; class strings repeat within a page and across a shop's pages, so the answers are kept (a
    shop has a few hundred; past 8192, no more are kept). A hot loop reads ``_MARKS`` itself first."""
    found = _MARKS.get(words)
    if found is not None:
        return found
    named = words
    if "type-product" in named:  # WooCommerce's single product (Avada calls it "product-grid-view" too): no grid,
        # and its categories' and tags' slugs name what it is, not the block ("product_cat-minibasket")
        named = _WOO_TERMS.sub(" ", named.replace("product-grid-view", ""))
    if "--" in named:  # a BEM modifier naming the layout ("product-details--layout-two-columns-sidebar-right",
        named = _LAYOUT_MODIFIER.sub(" ", named)  # "--sticky-sidebar", Ecwid's "ec-store__product-page--has-sidebar")
    if not _ANY_ATTR.search(named):
        found = (False, False, False, False, False)
    else:
        cart = bool(_CART_ATTR.search(named))
        found = (bool(_RELATED_ATTR.search(named)), bool(_STOCK_ATTR.search(named)), cart,
                 cart or bool(_BUTTON_ATTR.search(named)), bool(_TITLE_ATTR.search(named)))
    if len(_MARKS) < 8192:
        _MARKS[words] = found
    return found


_WOO_TERMS = compiled(r"(?<!\S)(product_(cat|tag|brand)|pa_[\w-]+|pwb-brand|tag)-\S*")
_SHOP_SUFFIX = compiled(r"\s+[:|\-–—]\s+[^:|\-–—]+$")  # " : Shop name", " | Shop name" after a page's title
_LAYOUT_MODIFIER = compiled(r"\S*--(\S*layout|(has|with|sticky)-sidebar)\S*")  # not "page-layout__col--sidebar"
_NO_BUTTON_TAGS = frozenset({"script", "style", "noscript", "template", "link", "meta"})  # WooCommerce's wc-add-to-cart-js
_ARIA_CHOICE = ("aria-current", "aria-checked", "aria-pressed", "aria-selected")


def _amount_buttons(button: _Element) -> int:
    """How many plain buttons beside ``button`` (itself included) are labelled with an amount alone."""
    box = button.getparent()
    if box is None:
        return 0
    return sum(1 for b in box if b.tag == "button" and b.get("type") == "button" and _amount_alone(b))


def _amount_alone(el: _Element) -> bool:
    """Whether ``el`` is labelled with an amount and nothing else ("€ 25,00", "200 kr")."""
    return bool(_AMOUNT_ONLY.fullmatch(" ".join(text_content(el).split())))


def _add_on_box(row: _Element) -> _Element | None:
    """The checkbox of a list item or table row that is one add-on to tick: a single checkbox, no other input, little
    text (not a product's whole buy box with a "gift wrap" box in it, nor the price's own row with a "Compare" box)."""
    inputs = row.findall(".//input")
    if len(inputs) != 1 or inputs[0].get("type") != "checkbox" or row.find(".//button") is not None:
        return None
    box, text = inputs[0], text_content(row)
    return box if len(text) <= 160 and not _COMPARE_BOX.search(f"{class_id(box)} {box.get('name') or ''} {text}") else None


_COMPARE_BOX = compiled(r"compar|vergleich|wish|merk|price|preis|prix|prezzo|precio|prijs|pris\b|cena", re.I)


_TILE_TAGS = frozenset({"li", "button", "a", "div"})
_CHOSEN_CLASS = compiled(r"(?<!un)(?<!not-)selected|swatchselect|(?<![\w-])_?active(?![\w-])|is[-_]active|--active", re.I)
_TILE_WORD = compiled(r"^(item|option|tile|choice)$|swatch|variant", re.I)


def chosen_tile(el: _Element) -> bool:
    """Whether ``el``'s class marks it as the option chosen ("variant-tile--selected", Amazon's "swatchSelect")."""
    return bool(_CHOSEN_CLASS.search(el.get("class") or ""))


# a tile's child marked as the chosen one: SFRA's <button class="color-attribute"><span class="swatch-value selected">
# (a class word of its own: each tile has its "selected-assistive-text")
_CHOSEN_WORD = compiled(r"(?<![\w-])(selected|is-selected|active|is-active)(?![\w-])", re.I)


def _marked_chosen(tile: _Element) -> bool:
    """Whether ``tile`` is marked as the option chosen: by its class, a button's by one of its children's, a list item's
    by its one child's class or ``aria-current`` (``<li><span class="size size--selected" aria-current="true">``)."""
    if chosen_tile(tile):
        return True
    if tile.tag == "button":
        return any(_CHOSEN_WORD.search(c.get("class") or "") for c in tile.iterchildren())
    return tile.tag == "li" and len(tile) == 1 and (chosen_tile(tile[0]) or tile[0].get("aria-current") == "true")


def buy_words(text: str) -> bool:
    """Whether ``text`` is a buy button's ("Add to cart", "Buy now", "In den Warenkorb")."""
    return bool(_BUY_TEXT.search(text))


def _child_shape(item: _Element) -> tuple[str, list[str]] | None:
    """A list item's one element child's tag and first class word (``span.size`` of ``<li><span class="size">``)."""
    return (item[0].tag, (item[0].get("class") or "").split()[:1]) if len(item) == 1 and isinstance(item[0].tag, str) \
        else None


def unchosen_tile(tile: _Element) -> bool:
    """Whether ``tile`` is one of a row of option tiles (same tag) of which another, not it, is marked chosen. A list
    item marked only by its child's class is one of a row of items shaped alike (not a tab's "active" link beside the
    price's item)."""
    if _marked_chosen(tile):
        return False
    box = tile.getparent()
    if tile.tag == "li" and box is not None:
        shape = _child_shape(tile)
        return any(t is not tile and t.tag == "li" and (chosen_tile(t) or (
            shape is not None and _child_shape(t) == shape and _marked_chosen(t))) for t in box)
    kind = (tile.get("class") or "").split()[:1]  # a <div> tile only beside its kind: "item" and "item selected"
    if box is None or (tile.tag == "div" and not (kind and _TILE_WORD.search(kind[0]))):
        return False
    return any(t is not tile and t.tag == tile.tag and _marked_chosen(t)
               and (tile.tag != "div" or (t.get("class") or "").split()[:1] == kind) for t in box)


_AMOUNT_ONLY = compiled(r"\D{0,4}\s?\d[\d.,\s]*\s?\D{0,4}")
# a heading that is an amount and nothing more, with its currency or its cents ("245,00 €", "$1,299"; not "180mm")
_PRICE_HEADING = compiled(r"(?P<a>[€$£¥]|[A-Z]{3})?\s?\d[\d.,'\s]*?(?P<c>[.,]\d\d)?\s?(?P<b>€|\$|£|円|(?i:zł|kr\.?|kč|ft|lei)"
                            r"|[A-Z]{3})?")


def price_heading(text: str) -> bool:
    """Whether a heading's text is an amount alone (osCommerce's ``<h1 style="float: right">245,00 €</h1>``)."""
    m = _PRICE_HEADING.fullmatch(text)
    return m is not None and bool(m.group("a") or m.group("b") or m.group("c"))


class Layout:
    """The product's anchors and the excluded blocks of one page, each found only when first asked.

    A structured-data page usually needs none of it, or only ``excluded`` for a handful of price
    elements: that walks up from the element and judges each ancestor on its own tag, class / id /
    aria-label and child headings, so no pass over the whole page is made for it.
    """

    def __init__(self, doc: _Element, product_name: str | None = None) -> None:
        self.doc = doc
        self.product_name = product_name  # og:title on a page whose og:type is a product: finds an h2 / h3 title
        self._hidden: dict[_Element, bool] = {}
        self._checked: set[str | None] | None = None  # the names of the page's checked inputs
        self._radios: Counter[str | None] = Counter()  # its radio buttons by name, counted with _checked
        self._unpicked = 0  # its groups of three radio buttons or more with none checked, counted with _checked
        self._ids: dict[str | None, _Element] | None = None  # the page's inputs by id
        self._marked: tuple[list[_Element], list[_Element], list[_Element]] | None = None
        self._title: _Element | None | bool = False  # False: not looked for yet
        self._buy: _Element | None | bool = False
        self._order: dict[_Element, int] | None = None
        self._anchor_line: set[_Element] | None = None
        self._memo: dict[_Element, bool] = {}
        self._cards: dict[_Element, bool] = {}
        self._related: dict[_Element, bool] = {}
        self._region: _Element | None | bool = False

    def _marks_of(self) -> tuple[list[_Element], list[_Element], list[_Element]]:
        """(stock, buttons, titles) among the elements that carry a class or id (one pass)."""
        if self._marked is None:
            stock: list[_Element] = []
            buttons: list[_Element] = []
            titles: list[_Element] = []
            known = _MARKS  # the hot loop: one dict look-up for most elements, no call
            for el in _MARKED(self.doc):
                words = class_id(el)
                _, is_stock, is_button, is_link_button, is_title = known.get(words) or _marks(words)
                if is_stock:
                    stock.append(el)
                if is_button or (is_link_button and el.tag == "a"):
                    buttons.append(el)
                if is_title:
                    titles.append(el)
            self._marked = stock, buttons, titles
        return self._marked

    @property
    def stock(self) -> list[_Element]:
        """Elements whose class / id names stock or availability."""
        return self._marks_of()[0]

    @property
    def title(self) -> _Element | None:
        if self._title is False:
            self._title = self._first_title(self._marks_of()[2])
        return self._title  # type: ignore[return-value]

    @property
    def buy(self) -> _Element | None:
        if self._buy is False:
            self._buy = self._first_buy(self._marks_of()[1])
        return self._buy  # type: ignore[return-value]

    def _holds_anchor(self, el: _Element) -> bool:
        if self._anchor_line is None:
            line: set[_Element] = set()
            for anchor in (self.title, self.buy):
                if anchor is not None:
                    line.add(anchor)
                    line.update(anchor.iterancestors())
            self._anchor_line = line
        return el in self._anchor_line

    def _alike_holds_anchor(self, el: _Element) -> bool:
        """Whether a sibling shaped like ``el`` (same tag and class) holds the product title or buy button: the
        blocks of one product's info column ("product-info__block-item": its title's, its price's), no row of cards."""
        parent = el.getparent()
        cls = el.get("class")
        return parent is not None and any(s.tag == el.tag and s.get("class") == cls and self._holds_anchor(s)
                                          for s in parent)

    def _is_root(self, el: _Element) -> bool:
        """Whether ``el`` itself starts an excluded block (``_starts_block``, or one the browser does
        not show) that holds neither the product title nor the buy button."""
        return (_starts_block(el) or hides(el)) and not self._holds_anchor(el)

    def unselected_option(self, el: _Element) -> bool:
        """Whether ``el`` sits in the label of an option the page has not chosen (the input inside it, or the one
        its ``for`` names): an unticked checkbox
        (an add-on, a warranty), a radio button left unchecked while another of its group is
        checked (a "Subscribe & Save" price beside the one-time purchase chosen), or an ARIA
        listbox option not selected while another is."""
        for depth, a in enumerate((el, *el.iterancestors())):
            if depth <= 2 and a.tag in ("li", "tr") and (box := _add_on_box(a)) is not None:
                return box.get("checked") is None  # <li><label><input type=checkbox> Helmet</label><span>£79.99
            if a.get("role") == "option":  # a custom listbox: "Initialen (+€12,00)" beside the chosen "Geen"
                box = a.getparent()
                return a.get("aria-selected") != "true" and box is not None and any(
                    o.get("role") == "option" and o.get("aria-selected") == "true" for o in box)
            for aria in _ARIA_CHOICE:  # variant tiles: aria-current="false" beside the one that is "true"
                if a.get(aria) == "false":
                    box = a.getparent()
                    if box is not None and len(box) == 1 and box.getparent() is not None:
                        box = box.getparent()  # each tile in a wrapper of its own: <li><button aria-pressed="false">
                    return box is not None and any(o.get(aria) in ("true", "page") for o in box.iter() if o is not a)
            if a.tag in _TILE_TAGS and unchosen_tile(a) and not (a.tag == "li" and self._holds_anchor(a)):
                # Amazon's twister: <li class="swatchSelect"> is the one chosen (not a list item around the buy box)
                return True
            if a.tag == "button" and a.get("type") == "button" and _amount_buttons(a) >= 3 \
                    and a.get("aria-pressed") != "true":  # "€ 10,00" "€ 25,00" "€ 50,00": amounts to pick from
                return True
            if a.tag == "label":
                if (box := a.find(".//input[@type='checkbox']")) is not None:
                    return box.get("checked") is None
                radio = a.find(".//input[@type='radio']")
                if radio is None and (target := a.get("for")):  # <input id="v2" type="radio"><label for="v2">
                    radio = self._by_id(target)
                    radio = radio if radio is not None and radio.get("type") == "radio" else None
                if radio is None or radio.get("checked") is not None or not radio.get("name"):
                    return False
                if self._checked is None:
                    self._checked = {r.get("name") for r in self.doc.iterfind(".//input[@checked]")}
                    self._radios = Counter(r.get("name") for r in self.doc.iterfind(".//input[@type='radio']"))
                    self._unpicked = sum(n >= 3 and k not in self._checked for k, n in self._radios.items())
                # another of its group checked, or none of three or more amounts to pick, or of pictured products in
                # one of several such groups (a bundle builder's steps before any choice: whose price is the page's
                # cannot be told; one group of pictured cards alone may all cost the same, or be purchase options)
                name = radio.get("name")
                return name in self._checked or (self._radios[name] >= 3 and (
                    _amount_alone(a) or (self._unpicked >= 2 and a.find(".//img") is not None)))
            if a.tag in ("body", "form", "html"):
                return False
        return False

    def _by_id(self, ident: str) -> _Element | None:
        if self._ids is None:
            self._ids = {}
            for e in self.doc.iterfind(".//input[@id]"):  # the first of a duplicated id, as the browser takes it
                self._ids.setdefault(e.get("id"), e)
        return self._ids.get(ident)

    def hidden(self, el: _Element) -> bool:
        """Whether ``el`` sits in an element the browser does not show (memoised along the path)."""
        return _in_block(el, self._hidden, hides)

    def _first_title(self, marked: list[_Element]) -> _Element | None:
        found = [el for el in _TITLES(self.doc) if el.tag == "h1" or any(
            "Product" in (a.get("itemtype") or "") for a in el.iterancestors())]
        if marked:
            order = self.order
            found = sorted({*found, *marked}, key=lambda el: order.get(el, 0))
        for el in found:
            if any(a.tag in ("nav", "footer") or (a.tag == "header" and site_header(a))
                   or (el.tag != "h1" and _related_block(a)) for a in el.iterancestors()):
                continue  # the site's header, or a recently-viewed product's own name
            text = " ".join(text_content(el).split())
            if text and not price_heading(text):  # osCommerce's <h1 style="float: right">245,00 €</h1>
                return el
        return self._named_heading()

    def _offers_to_buy(self) -> bool:
        """Whether a buy button, or a link or button that says buy in so many words ("구매하기"), is on the page."""
        return self.buy is not None or any(
            _BUY_TEXT.search(text) for el in self.doc.iter("a", "button")
            if len(text := " ".join(text_content(el).split())) <= 30 and text)

    def _named_heading(self) -> _Element | None:
        """With no h1, the first h2 / h3 whose text is the product's name as its og:title gives it, less the shop's
        name after it ("비비고 왕교자 1.05kg x 2봉 : 푸드마켓K"): Naver's smart stores title a product with an h3."""
        if not self.product_name or not self._offers_to_buy():  # a headless page's description may repeat the name
            return None
        name = " ".join(self.product_name.split())
        names = {name, _SHOP_SUFFIX.sub("", name)}
        for el in self.doc.iter("h2", "h3"):
            text = " ".join(text_content(el).split())
            if text in names and not find_prices(text) and not any(
                    a.tag in ("nav", "footer", "header", "li") or _related_block(a) or _is_card(a)
                    for a in el.iterancestors()):
                return el
        return None

    def _first_buy(self, marked: list[_Element]) -> _Element | None:
        # buttons and button inputs, in document order (iter() with tags filters in C: a fortieth of an XPath's cost)
        found = [el for el in self.doc.iter("button", "input") if el.tag == "button" or el.get("type") in _BUTTON_TYPES]
        named = _NAMED_ADD(self.doc)
        if named:
            marked = [*marked, *named]
        if marked:
            order = self.order
            found = sorted({*found, *marked}, key=lambda el: order.get(el, 0))
        h1 = next(self.doc.iter("h1"), None)  # not self.title, which may ask for the buy button
        titled = set(h1.iterancestors()) if h1 is not None else set()  # a card holding the h1 is the product's
        for el in found:
            if el.tag in _NO_BUTTON_TAGS or self.hidden(el) or any(
                    a.tag in ("nav", "footer") or _related_block(a) or (_is_card(a) and a not in titled)
                    for a in el.iterancestors()):
                continue  # a closed quick-view's button, a related product's own (not a table layout's row)
            text = " ".join((text_content(el) or el.get("value") or el.get("aria-label") or el.get("alt") or "").split())
            if _BUY_TEXT.search(text) or _BUY_TEXT.search(el.get("value") or "") or _CART_ATTR.search(
                    f"{el.get('id') or ''} {el.get('class') or ''} {el.get('name') or ''}"):
                return el
        return None

    def excluded(self, el: _Element) -> bool:
        """Whether ``el`` sits inside a related / navigation / footer block (memoised along the path)."""
        return _in_block(el, self._memo, self._is_root)

    def another_products(self, el: _Element) -> bool:
        """Whether ``el`` is in an excluded block or in one of a row of product cards: other products' place."""
        return self.excluded(el) or self.in_cards(el)

    def in_related(self, el: _Element) -> bool:
        """Whether ``el`` sits in a related-products block (``_related_block``; not a nav, footer or aside)."""
        return _in_block(el, self._related, _related_block)

    def in_cards(self, el: _Element) -> bool:
        """Whether ``el`` sits in one of a row of product cards: an element holding a link whose
        parent holds at least two more like it (same tag and class, each with a link and a digit),
        as related products, "available now" lists and other products' tiles are laid out, whatever
        their heading says. A card holding the product title or buy button is not one."""
        memo = self._cards
        path = []
        node: _Element | None = el
        result = False
        for _ in range(10):
            if node is None or node.tag in ("body", "main", "html"):
                break
            known = memo.get(node)
            if known is not None:
                result = known
                break
            path.append(node)
            if self._holds_anchor(node):
                break
            if _is_card(node) and not self._alike_holds_anchor(node):  # not the product's own blocks beside its title's
                result = True
                break
            node = node.getparent()
        for seen in path:
            memo[seen] = result
        return result

    @property
    def order(self) -> dict[_Element, int]:
        """Each element's position in document order."""
        if self._order is None:
            self._order = dict(zip(self.doc.iter(), count()))  # the pairs made in C: a seventh cheaper
        return self._order

    def distance(self, el: _Element) -> int | None:
        """Elements between ``el`` and the nearer of the title and the buy button; None without either."""
        order = self.order
        pos = order.get(el)
        if pos is None:
            return None
        spans = [abs(pos - order[a]) for a in (self.title, self.buy) if a is not None and a in order]
        return min(spans) if spans else None

    def product_region(self) -> _Element | None:
        """The smallest element holding both the title and the buy button (None without both)."""
        if self.title is None or self.buy is None:
            return None
        if self._region is False:
            # a set of the elements themselves, not their id(): lxml makes a new proxy object per access
            # and frees it when unreferenced, so a later proxy of another element can reuse the same id
            ancestors = {self.title, *self.title.iterancestors()}
            node: _Element | None = self.buy
            while node is not None and node not in ancestors:
                node = node.getparent()
            self._region = node
        return self._region  # type: ignore[return-value]


def _in_block(el: _Element, memo: dict[_Element, bool], starts: Callable[[_Element], bool]) -> bool:
    """Whether ``el`` or an ancestor ``starts`` a block; the answer is remembered for every element
    walked, so a page's elements cost one walk up between them."""
    path = []
    node: _Element | None = el
    result = False
    while node is not None:
        known = memo.get(node)
        if known is not None:
            result = known
            break
        path.append(node)
        if starts(node):
            result = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = result
    return result


def _has_link(el: _Element) -> bool:
    return (el.tag == "a" and el.get("href") is not None) or el.find(".//a[@href]") is not None


def _is_card(el: _Element) -> bool:
    """``el`` holds a link and has at least two siblings of its tag and class that hold a link and a digit."""
    parent = el.getparent()
    if parent is None or len(parent) < 3 or not isinstance(el.tag, str) or not _has_link(el):
        return False
    cls = el.get("class")
    if not cls and el.tag not in ("li", "article", "tr", "td", "a"):  # Volusion's layout divs: no class, links and digits in each
        return False
    alike = 0
    for sib in parent:
        if sib is el or sib.tag != el.tag or sib.get("class") != cls:
            continue
        if _has_link(sib) and any(c.isdigit() for c in text_content(sib)):
            alike += 1
            if alike >= 2:
                return True
    return False


# utility classes that hide an element whatever the screen (Shoptet's "noDisplay" holds the variants' prices),
# unless a class beside one shows it at some width ("hidden md:block", "d-none d-lg-flex")
_HIDDEN_CLASS = compiled(r"(?<!\S)((?i:no-?display)|d-none|is-hidden|hidden|hide)(?!\S)")
_SHOWN_CLASS = compiled(r"(?<!\S)(d-\w+-(block|flex|inline\S*|grid|table\S*)|\w+:(block|flex|inline\S*|grid|table\S*|contents))(?!\S)")


def hides(el: _Element) -> bool:
    """Whether the browser shows nothing of ``el``: a ``<template>``, ``hidden``, an inline
    ``display: none`` / ``visibility: hidden`` (a sold-out page's price box, another variant's price),
    or a closed modal dialog (Bootstrap's ``class="modal" aria-hidden="true"``: a quick view's)."""
    if el.tag == "template" or el.get("hidden") is not None:
        return True
    if el.get("aria-hidden") == "true" and (el.get("role") in ("dialog", "alertdialog")
                                            or has_class(el, "modal")):
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style) is not None:
        return True
    names = el.get("class")
    return bool(names) and _HIDDEN_CLASS.search(names) is not None and _SHOWN_CLASS.search(names) is None



_HAS = compiled(r"(?<!\S)(has|with)-\S+")


def _starts_block(el: _Element) -> bool:
    """Whether ``el`` starts a block whose prices are not the product's: a nav / footer / aside /
    header / select / dialog, or a related-products block (``_related_block``)."""
    if el.tag == "aside" and _PRODUCT_PART.search(class_id(el)):
        return _related_block(el)  # a buy box laid out as an aside ("bm-product__right"), not a sidebar
    return el.tag in _EXCLUDED_TAG_NAMES or _related_block(el)


_PRODUCT_PART = compiled(r"product[-_]{1,2}(right|left|info|main|details?|summary|side|buy|purchase|col)|buy-?box|purchase"
                           r"|pdp|summary", re.I)


def _related_block(el: _Element) -> bool:
    """An element marked related (class, id, aria-label), or the block around a heading such as
    "You may also like" (that holds no h1: a product's own)."""
    tag = el.tag
    if not isinstance(tag, str) or tag in ("body", "main", "html"):  # "has-sidebar" on the body: the page itself
        return False
    label = el.get("aria-label")
    hook = el.get("data-hook") or el.get("data-testid")  # Wix's and React shops' names for their blocks
    names = _HAS.sub(" ", el.get("class") or "")  # "has-breadcrumbs", "with-sidebar": what it holds, not what it is
    if _marks(f"{names} {el.get('id') or ''}")[0] or (hook and _RELATED_ATTR.search(hook)) or (
            label and _RELATED_LABEL.match(label)):
        return True
    seen = 0  # the block's elements before the heading: a block opens with its heading
    for child in el:
        ctag = child.tag
        if not isinstance(ctag, str):
            continue
        seen += 1
        if seen == 1 and ctag not in _HEADING_TAGS and len(child) == 1 and child[0].tag in _HEADING_TAGS \
                and not (child.text or "").strip() and not (child[0].tail or "").strip() \
                and _RELATED_HEADING.search(" ".join(text_content(child[0]).split())) and _no_buy_box(el):
            child = child[0]  # a page builder's heading in a wrapper of its own ("<div class=rich-text><h2>Also from"),
            ctag = child.tag  # over a block that is no buy box (not "<div class=product-name><h2>Replacement Carafe")
        # a heading, not the product's own title ("<h2 class=product-title>Gavekort</h2>"), whatever it says; or
        # the block's first thing named its title ("<p class="bundle-offer__title">Frequently bought together")
        # (a line classed only "h5" opens one when the block holds cards: links to two products or more)
        classes = child.get("class") or ""
        titled = ctag not in _HEADING_TAGS and seen == 1 and bool(_BLOCK_TITLE.search(classes) or (
            _H_CLASS.search(classes) and len(el.findall(".//a[@href]")) >= 2) or _bold_heading(el, child))
        if (ctag in _HEADING_TAGS or titled) and not _marks(class_id(child))[4]:
            text = " ".join(text_content(child).split())
            # a price panel's "Recommended retail price" is no heading of recommendations
            if len(text) <= 60 and _RELATED_HEADING.search(text) and not (titled and _PRICE_NAME.search(text)):
                # not OpenCart's #content, the product above its "Ähnliche Produkte", nor a page body whose buy
                # column and description come before its "Produtos similares"
                # nor a buy column that opens with a classed line ("<p class="h5">Recommended by our baristas")
                return el.find(".//h1") is None and (seen <= 2 and not titled or el.find(".//form") is None)
    return False


def _bold_heading(block: _Element, line: _Element) -> bool:
    """Whether ``line``, ``block``'s first, is a hand-made heading of other products: one bold phrase and nothing else
    that is a related-products heading, whole or in three words at most ("<p><strong>Weitere Angebote</strong></p>",
    "Related Products"; not a product's name that opens with such a word, "Stalen wandrek Industrieel zwart",
    "Replacement Glass Jug for …"), over a block that is no buy box (``_no_buy_box``)."""
    if line.tag in ("strong", "b") or (line.tag == "span" and "bold" in (line.get("class") or "")):
        bold = line  # the bold phrase itself opens the block ("<span class="a-text-bold">Similar item to consider")
    elif line.tag not in ("p", "div") or len(line) != 1 or line[0].tag not in ("strong", "b") \
            or (line.text or "").strip() or (line[0].tail or "").strip():
        return False
    else:
        bold = line[0]
    if len(bold):
        return False
    text = " ".join((bold.text or "").split()).rstrip(" :")
    m = _RELATED_HEADING.match(text)
    # a bold phrase alone (not in a line of its own) may be a card's product name ("Replacement Blades"): whole only
    return m is not None and (m.end() >= len(text) or (bold is not line and len(text.split()) <= 3
                                                       and not text[m.end()].isalnum())) and _no_buy_box(block)  # not "Zubehörset für Gartenteichpumpen"


def _no_buy_box(block: _Element) -> bool:
    """Whether ``block`` is no product's buy box: no form in it or around it, and no buy control, or several (each
    card's own) - not a buy box that opens with "Accessoires", nor an add-on form's "Zubehör (optional)"."""
    if block.tag == "form" or next(block.iterancestors("form"), None) is not None or block.find(".//form") is not None:
        return False
    buys = sum(1 for b in block.iter("a", "button", "input") if buy_words(" ".join(text_content(b).split())))
    return buys != 1


_PRICE_NAME = compiled(r"price|preis|prix|prezzo|precio|preço|prijs|pris|cena|\bár\b|価格|价格|가격|\d", re.I)
_BLOCK_TITLE = compiled(r"(^|[\s_-])(title|heading|headline)(?![a-z])", re.I)
_H_CLASS = compiled(r"(^|\s)h[2-6](\s|$)", re.I)  # PrestaShop's "<p class="h5">"
_SITE_HEADER = compiled(r"site|masthead|page-header|top|global|main-header|navbar", re.I)


def site_header(el: _Element) -> bool:
    """Whether a ``<header>`` is the site's (it holds a nav, or its class says so), not an article's own."""
    return el.find(".//nav") is not None or bool(_SITE_HEADER.search(class_id(el)))
