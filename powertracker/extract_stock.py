"""Availability from what the page says, when its structured data does not say it.

Looks only where a shop states stock: the buy button, elements whose class or id names stock
or availability, and short text near the product title and buy button (never related-product
blocks). Clear phrases only, in the languages of the shops the extractor reads (English, German,
French, Dutch, the Nordic and Iberian languages, Italian, Polish, Czech, Slovak, Hungarian,
Romanian, Turkish, Japanese and more): "Sold out", "Ausverkauft", "Épuisé", "No disponible",
"Pre-order", "Disponibile in preordine", "In stock", "Auf Lager", "Skladem", ... Words that
deny stock are looked for first, so "Nincs raktáron" is never read as "raktáron". An
add-to-cart button that works says "in stock" only when neither the words nor the markup say
anything (``buy_button_availability``).
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.etree import _Element

from .extract_base import (
    SHORT_TEXT,
    Page,
    class_id,
    hints_in,
    register_short_hints,
    required_literals,
    text_content,
    visible_text,
)
from .extract_regions import Layout, unchosen_tile
from .patterns import compiled, derived

_OUT_WORDS = (
    r"sold out|out of stock|currently unavailable|no longer available|temporarily unavailable"
    r"|not available|unavailable|(?<!\bfast )ausverkauft|nicht (mehr )?(auf lager|an lager|verfügbar|lieferbar|vorrätig|erhältlich)"
    r"|derzeit nicht|(?<!\bfast )vergriffen|épuisé|epuise|rupture de stock|en rupture|indisponible|plus disponible"
    r"|niet (meer )?(op voorraad|leverbaar|beschikbaar)|uitverkocht|tijdelijk uitverkocht|slutsåld|slut i lager"
    r"|tillfälligt slut|ej i lager|finns ej i lager|udsolgt|ikke på lager|utsolgt|ikke tilgjengelig"
    r"|midlertidig utsolgt|agotado|sin stock|esaurito|esgotado|wyprzedany|(?<!\bskoro )vyprodáno|není skladem|nie ma na stanie"
    r"|rasprodano|nema na zalihi|razprodano|elfogyott|stoc epuizat|stokta yok|tükendi|chwilowo niedostępny|produkt niedostępny|brak w magazynie"
    r"|no disponible|sin existencias|fuera de stock|non (più )?disponibile|indisponível|sem estoque|fora de estoque"
    r"|stokta kalmadı|temin edilemiyor|brak towaru|wyprzedane|loppuunmyyty|tilapäisesti loppu|temporaneamente (terminato|esaurito)"
    r"|indisponibil|(jelenleg )?nem rendelhető|na skladě:? 0|na sklade:? 0|(dočasne |dočasně )?nedostupn[éý]|sem stock"
    # a notify-me button: the shop takes no order now
    r"|avvisami quando|anunță-mă când|ilmoita kun|avise-me quando|értesítést kérek|stokta olunca haber ver"
    r"|notify me when (it'?s )?(back )?(in stock|available)|benachrichtigen,? (wenn|sobald) (wieder )?verfügbar"
    r"|nie je na sklade|vypredané|nincs (raktáron|készleten)|ei varastossa|loppu varastosta|nu este în stoc|stoc epuizat"
    r"|habis dijual|stok habis|hết hàng|išparduota|nėra sandėlyje|neturime|nebeprekiaujama|izpārdots|nav noliktavā"
    r"|välja müüdud|laost otsas"
    # Cyrillic and Greek: not "Почти распродано" (almost sold out), nor "Δεν είναι διαθέσιμο για παραλαβή" (not for pick-up)
    r"|(?<!почти )изчерпан[оа]?|няма наличност|няма в наличност|не е в наличност|не е наличен"
    r"|нет в наличии(?! в магазин)|не в наличии(?! в магазин)|(?<!почти )распродано"
    r"|немає в наявності|немає на складі|відсутн\w* на складі|нема на залихи|(?<!σχεδόν )εξαντλήθηκε|εξαντλημένο"
    r"|μη διαθέσιμο(?! για)|δεν είναι (πλέον )?διαθέσιμο(?! για)|δεν υπάρχει σε απόθεμα|εκτός αποθέματος|uppselt|ekki til á lager"
)
_OUT_SCRIPTS = r"在庫切れ|売り切れ|品切れ|在庫なし|お取り扱いできません|สินค้าหมด|품절(?!\s?임박)"  # 품절임박: "almost sold out", still sold
# "Almost sold out!", "Presque épuisé", "Bijna uitverkocht": it still sells (German "fast" and Czech "skoro" only before
# their own language's words: "Selling fast" and Polish "skoro" (since) sit before sold-out words too)
_ALMOST = "".join(f"(?<!\\b{w} )" for w in (
    "almost", "nearly", "presque", "bijna", "casi", "quasi", "quase", "nästan", "næsten", "nesten", "lähes",
    "prawie", "téměř", "majdnem", "aproape", "neredeyse"))
OUT_OF_STOCK = compiled(rf"{_ALMOST}\b({_OUT_WORDS})\b|{_OUT_SCRIPTS}", re.I)
# every OUT_OF_STOCK match holds one of these: a page whose short texts hold none says nowhere that it is sold out
_OUT_HINTS = register_short_hints(derived(required_literals, f"{_OUT_WORDS}|{_OUT_SCRIPTS}", re.I))
PREORDER = compiled(
    r"\b(pre-?order|pre-?bestellen|vorbestell(en|ung|bar)|précommande|pré-commande|precommande"
    r"|vooruitbestellen|voorbestellen|pre-?order nu|förhandsbeställ|förbeställ|förboka|ennakkotilaa|ennakkotilaus"
    r"|przedsprzedaż|předobjedn|előrendel|preordin|prevendita|preventa|pré-venda|ön sipariş|forudbestil|forhåndsbestill"
    r"|available for pre-?order|coming soon|preordenar|predobjedn|pr[ée]-?encomend)\w*|予約|预售|預售|預購|사전\s?예약|예약\s?판매"
    r"|הזמנה מוקדמת",  # not Spanish "Reservar": a tour's booking, a hire's
    re.I,
)
# every PREORDER match holds one of these (case-folded, as ``hints_in`` looks for them): a page whose short texts and
# controls' values hold none has no pre-order button, and its buy button need not be found
_PREORDER_WORDS = register_short_hints(tuple(w.encode() for w in (
    "preorder", "pre-order", "prebestellen", "pre-bestellen", "vorbestell", "précommande", "pré-commande", "precommande",
    "vooruitbestellen", "voorbestellen", "förhandsbeställ", "förbeställ", "förboka", "ennakkotila", "przedsprzedaż",
    "předobjedn", "előrendel", "preordin", "prevendita", "preventa", "pré-venda", "sipariş", "forudbestil",
    "forhåndsbestill", "coming", "予約", "预售", "預售", "預購", "예약", "preorden", "predobjedn", "pre-encomend", "preencomend",
    "pré-encomend", "préencomend", "הזמנה מוקדמת")))  # not "encomend" alone: any Portuguese "encomenda" (an order)
IN_STOCK = compiled(
    r"\b(in stock|available now|ready to ship|auf lager|sofort lieferbar|lieferbar|verfügbar|en stock|disponible"
    r"|op voorraad|direct leverbaar|leverbaar|i lager|finns i lager|på lager|in voorraad|dostępny|w magazynie|skladem"
    r"|na skladě|na sklade|raktáron|készleten|disponibile|in magazzino|em estoque|disponível|varastossa|în stoc"
    r"|stokta var|stokta|в наличност|в наличии|є в наявності|σε απόθεμα|άμεσα διαθέσιμο|til á lager)\b"
    r"|在庫あり|재고\s?있음",
    re.I,
)
_MAX = 80
_ANY_STATE = compiled("|".join(f"(?:{p.pattern})" for p in (OUT_OF_STOCK, PREORDER, IN_STOCK)), re.I)


def text_availability(layout: Layout, words_only: bool = False) -> tuple[str | None, str | None]:
    """(availability, the words it came from), or (None, None) when the page says nothing clear. A disabled buy
    button with no label counts as "unavailable", unless ``words_only``."""
    texts: list[str] = []
    if layout.buy is not None:
        texts.append(" ".join(button_label(layout.buy).split()))
        if layout.buy.get("disabled") is not None and not texts[-1] and not words_only:
            texts[-1] = "unavailable"
    for el in layout.stock:
        if el.tag not in _NOT_SHOWN and not layout.another_products(el) and not dormant_badge(el) and not _picks_variant(el) \
                and next(el.iter("select", "fieldset"), None) is None \
                and not _one_places_stock(el):  # not a whole form (its options' "(Sold out)"), not one store's row
            text = visible_text(el)  # "Niet leverbaar" and the paragraph after it, not "leverbaarKopen.be"
            if text and len(text) <= _MAX * 2 and not _ELSEWHERE.search(text):
                texts.append(text)
    texts.extend(_labelled_stock(layout))
    texts.extend(_near_texts(layout))
    if layout.buy is not None and PREORDER.search(texts[0]):
        return "preorder", texts[0]
    for text in texts:  # any of its sold-out statements that is not one option's
        for m in OUT_OF_STOCK.finditer(text):
            if not _one_option(text, m):
                return "out_of_stock", m.group(0)
    for pattern, value in ((PREORDER, "preorder"), (IN_STOCK, "in_stock")):
        for text in texts:
            m = pattern.search(text)
            if m:
                return value, m.group(0)
    return None, None


# an option named just before its stock words: "Size S is sold out", "Größe XXL ist leider ausverkauft", "XS slut i lager"
_NAMED_OPTION = compiled(r"\b(sizes?|größen?|grösse|taille|talla|taglia|maat|storlek|størrelse|koko|rozmiar|velikost"
                         r"|colou?rs?|farbe|couleur|kleur|färg|farve|variant|variante)\b"
                         r"([^.!?;:\n]{1,30}|\s*[^.!?;:\n\s][^.!?;:\n]{0,29}[:：]\s*)$"  # "Taille L : ", not "Taille : "
                         r"|\b(str|gr)\.?\s?\d[^.!?;:\n]{0,30}$"  # "Str. 36"
                         r"|(?-i:\b(X{0,3}S|M|X{0,3}L|[2-5]XL)\b)\s*$", re.I)
# where one statement ends and the next begins: "Size S is sold out. Size M: in stock.", "화이트 재고 있음 · 블랙 일시품절"
_CLAUSE_END = compiled(r"[.;!?·•|/—–\n]|\s-\s")


def _one_option(text: str, said: re.Match[str]) -> bool:
    """Whether the out-of-stock words ``said`` in ``text`` are about one option: named just before them (not "all
    sizes", not "this colour", the chosen one), or beside a short statement, with no date or count, that another is in
    stock ("Size M: in stock", not "… will be back in stock", "In stock from 12 May", "In stock: 0")."""
    named = _NAMED_OPTION.search(text, 0, said.start())
    if named:
        before = _CLAUSE_END.split(text[:named.start()])[-1]  # its own statement's words before the option's name
        if not _EVERY.search(before) and not _THIS.search(before):
            return True
    return any(len(clause) <= 24 and IN_STOCK.search(clause) and not OUT_OF_STOCK.search(clause)
               and not _LATER.search(clause) and not any(c.isdigit() for c in clause)
               for clause in map(str.strip, _CLAUSE_END.split(text)))


_EVERY = compiled(r"\b(all|every|alle|allen|sämtliche|toutes|tous|todas|todos|tutte|tutti|kaikki|wszystkie|všechny|minden"
                  r"|alla)\b", re.I)
_THIS = compiled(r"\b(this|diese[rsn]?|cette|ce|deze|dit|denne|dette|detta|denna|tämä|questa|questo|esta|este|ta|ten)\s*$",
                 re.I)
_LATER = compiled(r"\b(back|again|when|soon|from|wieder|wenn|sobald|bald|ab|quand|dès|bientôt|à partir|cuando|desde|pronto"
                  r"|quando|presto|zodra|weer|binnenkort|vanaf|igen|när|snart|fra|från|od)\b", re.I)


# a spec table's stock row, labelled in its first cell: "Voorraad:" | "Op voorraad", "재고" | "재고있음"
_STOCK_LABEL = compiled(r"(voorraad|lieferstatus|verfügbarkeit|availability|stock|lagerstatus|disponibilité|disponibilidad"
                        r"|disponibilità|disponibilidade|dostępność|dostupnost|saatavuus|tillgänglighet|재고|在庫|库存|庫存)\s*[:：]?",
                        re.I)


def _labelled_stock(layout: Layout) -> list[str]:
    """The values of the page's stock rows (a table's or a definition list's), outside other products' blocks."""
    out = []
    for label in layout.doc.iter("th", "td", "dt"):
        text = text_content(label)
        if len(text) <= 24 and _STOCK_LABEL.fullmatch(text.strip()):
            value = label.getnext()
            if value is not None and value.tag in ("td", "dd") and not layout.another_products(value) \
                    and not _picks_variant(value):
                said = visible_text(value)
                if said and len(said) <= _MAX and not _ELSEWHERE.search(said):
                    out.append(said)
    return out


def _near_texts(layout: Layout) -> list[str]:
    """Short texts inside the product region (title + buy button), outside excluded blocks."""
    region = layout.product_region()
    if region is None:
        return []
    out = []
    for el in region.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "option", "select"):
            continue
        text = (el.text or "").strip()
        # only a text that states stock can decide: the cheap test first, the walks up the tree after
        if text and len(text) <= _MAX and _ANY_STATE.search(text) and not _OPTION_STATE.search(text) \
                and not _ELSEWHERE.search(text) \
                and not layout.another_products(el) and not dormant_badge(el) and not _picks_variant(el) \
                and not any(_FULFILMENT.search(class_id(a)) for a in islice(el.iterancestors(), 3)) \
                and not _one_places_stock(el):
            out.append(" ".join(text.split()))
        if len(out) > 400:
            break
    return out


def _one_places_stock(el: _Element) -> bool:
    """Whether ``el`` is one row of a list of stores' (or options') stock, "Ostrava: Není skladem" among "Praha: 4 ks"
    and "Brno: 7 ks": a list item that names its place before a colon, in a list whose every row states stock, another
    with a count or in stock. One store's shelf is not the product's stock."""
    item = next((a for a in (el, *islice(el.iterancestors(), 2)) if a.tag == "li"), None)
    if item is None:
        return False
    label, colon, _ = text_content(item).partition(":")
    if not colon or _STOCK_LABEL.search(label):  # "Availability: Out Of Stock" is the product's
        return False
    parent = item.getparent()
    rows = [o for o in parent if o.tag == "li"] if parent is not None else []
    values = [text_content(o).partition(":")[2] for o in rows]
    return len(rows) >= 2 and all(v and (_PIECES.match(v) or _ANY_STATE.search(v)) for v in values) \
        and any(o is not item and (_PIECES.match(v) or IN_STOCK.search(v)) for o, v in zip(rows, values, strict=True))


_PIECES = compiled(r"\s*\d+\s*(ks|kpl|stk|st|pcs|szt|db|pz|uds|unidades|pièces|stuks)\.?\s*$", re.I)  # "4 ks", not "6"


# a tile for one way of getting it, not whether it is sold: "Pickup | Not available" (class "fulfillment-tile")
_FULFILMENT = compiled(r"fulfil+ment|pick-?up|click-?(and|n|&)-?collect|collect-?in-?store|(?<![\w-])collect(?![\w-])", re.I)
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template"})  # WooCommerce's "unavailable variation" template
# a variant picker's own marks: one option's stock is not the chosen variant's (Dawn's fieldset of labels, swatches,
# size tiles, Amazon's twister)
_PICKER_TAGS = frozenset({"option", "optgroup"})
_PICKER_ATTR = compiled(r"swatch|variant|option(?!s)|size-?(tile|select|picker|list|btn|button|pills?(?![\w-]*note))|sizepicker|sku-?select"
                          r"|(condition|grade)-?(tile|select|picker|btn|button|chip)"  # a used item's grades
                          r"|twister|variations?-?(btn|button|item|list|tile|picker)"
                          r"|color-attribute|inventory_(selector|choice)"  # Salesforce SFRA's swatches, Rakuten's
                          r"|colou?rs?-?(list|item|chip|tile)|(?<![\w-])sizes?(?![\w-])", re.I)
_PICKER_ROLES = frozenset({"radiogroup", "listbox"})
# the chosen variant's own stock line (Shopify's classic #variant-inventory), not Rakuten's options table
_STOCK_LINE = compiled(r"inventory(?!_(selector|choice))", re.I)
# where the product is not sold, not whether it is in stock: "… not available in your country?", "Einige Farben sind in
# Ihrem Land nicht verfügbar"
_ELSEWHERE = compiled(r"your (country|region)|(ihrem|deinem) land|(ihrer|deiner) region|votre (pays|région)|tu país"
                      r"|il tuo paese|uw land|ditt land|dit land", re.I)
# an option's name with its state after it: "Sand (Out of stock)", "50 – uitverkocht", "Ambre & Tabac (épuisé)"
_OPTION_STATE = compiled(r"[\w)]\s*([(\[（]|\s[–—-]\s)\s*(" + OUT_OF_STOCK.pattern + r")", re.I)


def _picks_variant(el: _Element) -> bool:
    """Whether ``el`` sits in a variant picker (within four levels; Dawn's ``<variant-radios>`` is named by its tag): its
    words are about one option."""
    for node in (el, *islice(el.iterancestors(), 4)):
        names = f"{node.tag} {class_id(node)}"
        if _STOCK_LINE.search(names):
            return False
        if node.tag in _PICKER_TAGS or node.get("role") in _PICKER_ROLES or _PICKER_ATTR.search(names) or _unpressed(node) \
                or (node.tag == "li" and unchosen_tile(node)):  # one of a list of options, another marked chosen
            return True
    return False


def _unpressed(node: _Element) -> bool:
    """A toggle not pressed among others: an option not chosen (a lone option's "Sold out" is the product's)."""
    box = node.getparent()
    return node.get("aria-pressed") == "false" and box is not None and sum(o.get("aria-pressed") is not None for o in box) > 1


_SOLD_OUT_BADGE = compiled(r"price__badge--?sold-out")  # Dawn's one hyphen, Debut's two


def dormant_badge(el: _Element) -> bool:
    """Whether ``el`` is (in) the sold-out badge that every price block of Shopify's Dawn and Debut carries and
    the theme shows only when the block is marked ``price--sold-out``."""
    parent = el.getparent()
    for node in (el, parent) if parent is not None else (el,):
        if _SOLD_OUT_BADGE.search(node.get("class") or ""):
            return not any("price--sold-out" in (a.get("class") or "") for a in node.iterancestors())
    return False


_OFF = compiled(r"(^|[\s_-])(disabled|is-disabled|sold-?out|unavailable|out-of-stock)([\s_-]|$)", re.I)


def buy_button_availability(layout: Layout) -> str | None:
    """"in_stock" when the page's add-to-cart button works (not disabled, by attribute, ARIA or class): the shop
    takes orders for it now; None without one."""
    buy = layout.buy
    if buy is None or buy.get("disabled") is not None or buy.get("aria-disabled") == "true" \
            or _OFF.search(buy.get("class") or ""):
        return None
    return "in_stock"


def preorder_button(page: Page, layout: Layout) -> bool:
    """Whether the buy button takes pre-orders ("Pre-order", "Preordina", "Zamów w przedsprzedaży"): what the shop
    sells now, over markup a theme writes "InStock" in whatever the stock. A label is short: one of the page's short
    texts (``Page.short_text``) or a control's value of at most ``SHORT_TEXT`` characters (not ASP.NET's 100 KB
    ``__VIEWSTATE``), so a page with no pre-order word in either has no such button."""
    if not page.short_hints(_PREORDER_WORDS):
        values = [v for b in page.doc.iter("input", "button") if len(v := b.get("value") or "") <= SHORT_TEXT]
        if not hints_in("\n".join(values), _PREORDER_WORDS):
            return False
    buy = layout.buy
    return buy is not None and bool(PREORDER.search(" ".join(button_label(buy).split())))


def sold_out_shown(page: Page, layout: Layout) -> bool:
    """Whether the page says plainly that the product is sold out, where its buy button, if it has one, does not
    work: over markup that says it is in stock (a template's InStock, left as it was)."""
    if not page.short_hints(_OUT_HINTS) or buy_button_availability(layout) == "in_stock":
        return False
    return text_availability(layout, words_only=True)[0] == "out_of_stock"


def button_label(el: _Element) -> str:
    """What a buy button says: its text, else the value of an ``<input>`` (or of a ``<button>`` with no text)."""
    return text_content(el) or ((el.get("value") or "") if el.tag in ("input", "button") else "")
