"""The visible-price heuristic, for pages with neither structured data nor known platform markup.

Every currency-marked amount in the page's visible text is a candidate, read from the smallest
element that holds it whole (so ``£`` ``1,299`` ``<sup>99</sup>`` split over elements is one
price). A candidate is rejected, with the reason kept for the operator, when it sits in a
related-products / navigation block, or is a struck-through or "was" / RRP price, a unit price
(per kg, per 100 ml), a monthly or finance figure, a shipping cost or threshold, a "save £x"
amount, a multibuy price, an approximate conversion, another seller's or a used offer, the upper
end of a range, or sits in running text. The survivor nearest the product title and the buy
button, preferring elements marked as a price, wins. With no title and no buy button to anchor
to, only a page with one distinct price is trusted. Words are matched in English, German,
French, Dutch, Swedish, Danish, Norwegian and Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from itertools import islice, pairwise
from urllib.parse import urlsplit

from lxml.etree import XPath, _Element

from .extract_base import (
    SHORT_TEXT,
    Candidate,
    Page,
    class_id,
    elements_holding,
    has_digit,
    is_fraction,
    plain_text,
    register_short_hints,
    required_literals,
    text_content,
    visible_text,
)
from .extract_regions import Layout, buy_words, chosen_tile, hides, price_heading
from .extract_stock import dormant_badge
from .patterns import compiled, derived
from .prices import HINT_ONLY, PriceMatch, find_prices, has_currency, normalize, parse_amount

_SKIP_PARENTS = frozenset({"script", "style", "noscript", "template", "option", "textarea"})
MAX_CONTAINER = 90  # characters: longer text is running prose, not a price label
_WINDOW = 36


def _rx(pattern: str) -> re.Pattern[str]:
    return compiled(pattern, re.I)


_WAS_ATTR = _rx(r"(?<![a-z])(was|old|van|ancien|r[eé]gi)(?![a-z])|oldprice|wasprice|origin-?price|normalprice|barre|barré|durchgestrichen|coret|compare|strike|crossed|line-?through|rrp|msrp|list-?price|original|before|previous|uvp"
                r"|streich|non-sale|price--non-sale|price-standard|saved-from|(?<![a-z])(prc|price)-?org(?![a-z])|eski-?fiyat|(?<![a-z])lthr(?![a-z])|(?<![a-z])deleted(?![a-z])|price-*through")
# VTEX prefixes every class with its app's name ("vtex-product-price-1-x-listPriceValue"): the rest is the name
_VTEX_HANDLE = compiled(r"\bvtex-[a-z0-9-]+?-\d+-x-")
_WITH_WAS = compiled(r"\b(with|has)-(list|old|was|compare|regular)-?price", re.I)  # the now price, beside a was price
_NOW_ATTR = _rx(r"sale|now|current|final|special|our-?price|actual|aktuell|promo|selling|reduced|discounted|offer"
                r"|(?<![a-z])(voor|neu|nu|nyt|nå)(?![a-z])"
                r"|price--main|price-to-pay|pricetopay|price--large|product-price")
# the name in Portuguese, Spanish, Italian, Czech / Polish, Finnish, Turkish: a word of its own, not the last 30 days'
# ("son30-fiyat") nor fitting's, delivery's, a unit's, wholesale or a price alert's ("cena-montazu", "precio-unidad")
_PRICE_ATTR = _rx(r"price|preis|prix|prijs|pris|amount|cost"
                  r"|(?<![0-9])(?<![0-9][-_])(?<!kilo)(?<!litra)(?<!yksikkö)(?<!kurulum[-_])(?<!montaz[-_])(?<!montaż[-_])(?<!doprava[-_])"
                  r"(pre[cç]os?|precios?|prezz[oi]|cen[ay]|hinta|fiyat)"
                  r"(?![-_]?(monta[zż]|montaggio|kurulum|doprav|unidad|atacado|alarm|instal|spedizion|envio|frete))")
_WAS_LEFT = _rx(r"(\bwas|\brrp|\bmsrp|list price|piyasa fiyatı|son satış fiyatı|\boriginal(ly)?|\bbefore|previously|typical price|前回販売価格"
                r"|retail price|\brec\.? price|\buvp|statt|bisher|ursprünglich|vorher|preis war|\bavant|au lieu de"
                r"|prix barré|prix de référence|prix conseillé|prix public conseillé|voorheen|adviesprijs|\bwas\b|tidigare"
                r"|ord\.? ?pris|ordinarie|\bførpris|\bpvp recomendado|\bpvpr|^\W*før|^\W*de\s*:\s*$|\bnormalpris|vejl\.? (udsalgs)?pris|veiledende|norm\.? ?pris"
                r"|参考価格|希望小売価格|prix catalogue|listenpreis|建議售價|建议售价|建议零售价|原價|原价|市價|划线价|專櫃價|giá gốc|giá niêm yết"
                r"|harga asal|harga coret|정가|eredeti ár|korábbi ár|původní cena|pôvodná cena"
                r"|السعر الأصلي( هو| كان)?|السعر قبل الخصم|המחיר המקורי( היה)?|מחיר מקורי"  # Arabic, Hebrew: the original price
                # the price after the promotion: "poi torna a €2.690,00", "then back to £49"
                r"|poi torna a|then (goes )?back to|reverts to|danach wieder|puis revient à"
                # WooCommerce's screen-reader sentence in its translations: "Původní cena byla:", "Il prezzo originale era:"
                r"|(original|origine|initial|inicial|inizial|původní|pierwotn|oorspronkelijk|ursprungl|oprindelig|opprinnelig"
                r"|eredeti|inițial|alkuper|algne|pradinė|sākotnējā)"
                r"\w*\s(\S+\s){0,3}(era|était|var|byla|była|was|a fost|volt|war|oli|blev|buvo|bija)"
                r"|(η )?αρχική τιμή (ήταν|είναι))[\s:.：]*$")  # Greek: "Η αρχική τιμή ήταν:"
# "regular": Shopify's Dawn marks and labels its current price so when no sale is on; a was price only
# when the page shows a lower price beside it
_WEAK_WAS_ATTR = _rx(r"regular|retail")  # a "retail" price is the regular one when no sale stands beside it
_WEAK_WAS_LEFT = _rx(r"(regular price|通常価格|定価|běžná cena|bežná cena|normal price|ราคาปกติ|harga normal|precio normal|preço normal|normale prijs"
                     r"|normalpreis|prix normal|prezzo normale|precio regular|precio (de )?lista|\bm\.?r\.?p|^\W*normal|^\W*reg\.?"
                     # a pre-order's price after the launch: "Cena po premierze: 249,95 zł"
                     r"|cena po premierze|price after (launch|release)|preis nach (dem )?(release|erscheinen|marktstart)"
                     r"|prix après (la )?sortie)[\s:.]*$")
_WEAK_WAS_RIGHT = _rx(r"^\s*(regular price|original price|list price|was price|prezzo di listino|normalpris|normalpreis)\b")  # Wix labels after the amount
# a unit's size is 1, 10, 100 or 1000 (per 100 g, per 1 l); "£12.00 / 300g" names the pack, not a unit
_UNIT_RIGHT = _rx(r"^[\s*]*\)?\s*(/|per\b|pro\b|je\b|le\b|la\b|par\b|för\b|pr\.?\s|à\s|the\b)\s*((1|10|100|1000)\s*)?"
                  r"(kg|g|gr|l|ltr|litre|liter|ml|cl|m|m2|m²|m³|stk|stück|st\b|unit|piece|kilo"
                  r"|cu\.? ?ft|sq\.? ?ft|sq\.? ?m|ft|yd|gal|fl\.? ?oz"
                  r"|kilogramm?e?|kilogramo|chilogrammo|gramm?e?s?|gramos|litro|lb|oz|sheet|wash|tablet"
                  r"|capsule|meter|metre|metro|wh|kwh)(?![a-z])|^[\s*]*\)?\s*(/|per\b)\s*(ct|count)(?![a-z])"
                  r"|^\s*ל-?\s?(1|10|100|1000)\s?(גרם|גר\'|ק\"ג|ליטר|מ\"ל)")  # "₪11.95 ל-100 גרם": for 100 grams
_UNIT_LEFT = _rx(r"(unit price|price per|grundpreis|prix au (kg|kilo|litre)|prix unitaire|prijs per|eenheidsprijs"
                 r"|jämförpris|jmf\.? ?pris|kilopris|literpris|enhedspris|単価|τιμή ανά (λίτρο|κιλό)|цена за (кг|литър)"
                 r"|egységár|jednotková cena|cena jednostkowa|yksikköhinta)"
                 r"(\s*(1|10|100|1000)?\s*(kg|g|l|lt|ltr|liter|litre|ml|cl|m2|m²|kilo))?"  # "prijs per lt €1.59"
                 r"[\s:.]*\(?\s*$")
_UNIT_ATTR = _rx(r"unit-?price|unitprice|price-?per(?!-sellable)|base-?price|basisprice|grundpreis|comparison|jmfpris"
                 r"|price--unit|per-unit|ppu|(?<![a-z])vpe(?![a-z])")
_MONTHLY_RIGHT = _rx(r"^\s*\)?\s*((with|mit|avec|con|com|med) (afterpay|klarna|affirm|clearpay|zip|sezzle|paypal|scalapay"
                     r"|alma|payjustnow|laybuy|aplazame|sequra|oney|cofidis|heylight)|/\s?(mo|mth|month|monat|mois|maand|mnd|mån|md|月|kuus|kk|mėn|mēn)\b|per (month|maand|månad|måned)"
                     r"|a month|p/?m\b|monthly|miesięcznie|mies\.|/\s?mies|měsíčně|havonta|lunar|mensuales|al mes|x ?\d+ ?(months|monate|mois|maanden)|mtl|im monat|pro monat"
                     r"|par mois|i månaden|om måneden|pr\.? ?(md|mnd|mån)|/月|月々|for \d+ months"
                     r"|[×x] ?\d+ ?(期|回)|/ ?期|/ ?tháng|/ ?เดือน)")  # "￥249.92×12期", Paidy's "¥6,600 × 3回", "2.082.500₫/tháng", "1,299 บาท/เดือน"
# a yearly fee in brackets beside something else: "Adhérer (14,99 €/an)" (not "49,00 € / an", a subscription's price)
_PER_YEAR_RIGHT = _rx(r"\s*(/\s?(an|year|yr|jahr|jaar|år|rok|vuosi|anno|año|ano)\b|per (year|annum|jaar|år)|par an\b|pro jahr|a year\b)")
_MONTHLY_CTX = _rx(r"financ|instal|klarna|afterpay|clearpay|pay in \d|paypal|\bapr\b|ratenzahlung|raten|\b\d+ rater\b|viabill"
                   r"|monatlich|mensualit|en \d+ fois|\d+x sans frais|betaal in|gespreid|afbetal|delbetal"
                   r"|avbetal|månadsbetal|per month|a month|/mo\b|分割|splátk|měsíčně|mesačne|miesięcznie|\braty\b|\brata\b|\b\d+ rat\b"
                   r"|havonta|részlet|rate lunare|pe lună|\bcuotas?\b|sin intereses|parcela|sem juros|\bal mes\b|/mes\b|por mes"
                   r"|al mese|\bin \d+ rate\b|taksit|kuukaudessa|每期|分期|할부|δόσ|вноск|на месец|месечно|\bplazos\b|aplazame"
                   r"|частинами|частями|розстроч|рассроч"  # Ukrainian and Russian "in parts"
                   r"|\bemi\s*(options?|plans?|available|starts|from|विकल्प)|no[- ]cost emi|\bemi\s*[:@]"  # India's EMI
                   )
def _finance_said(whole: str, m: PriceMatch) -> bool:
    """Whether the amount's own element speaks of finance (Klarna, instalments), other than as another way to pay the
    amount after it ("1.299,00 kr. eller del betalingen op med ViaBill", "£99.00 or pay in 3 with Klarna")."""
    said = _MONTHLY_CTX.search(whole)
    return said is not None and not (said.start() >= m.end and _OR_AFTER.match(whole, m.end) is not None)


_OR_AFTER = compiled(r"\W*(or|eller|oder|ou|o|of|tai|lub|albo|nebo|alebo|vagy|sau|или|veya|ya da)\b", re.I)
# "Pay via M-Pesa: 3 × KSh 1,166": parts right before the amount, in a text about paying (a tier table's "3x" is no plan)
_PARTS_LEFT = _rx(r"\b\d{1,2} ?[x×]\s*$")
_PAY_WORD = _rx(r"\bpay\b|paiement|payable|zahlung|\bpago\b|pagamento|betaling")  # "Paiement en plusieurs fois : 12 ×"
# an instalment said around the amount in its own words: "4 interest-free payments of $12.25 with Afterpay"
_MONTHLY_LEFT = _rx(r"(payments? of|instal+ments? of|total cost over (the )?\d+ months?:?|gesamtkosten über \d+ monate|\b\d+ ?x de|cuotas de|parcelas de|plazos de|meses sin intereses de|\d+ rate da|rat(y|ach) po|每期|每月"
                    r"|\b\d+ taksit|(?<!\d )(?<!\d)\baylık|\bhavi|\bmensal|\bmensile|\bmonatlich|\bmensuel|\bmonthly|\bmiesięcznie|\bměsíčně)\s*:?\s*$")
# a finance block's class (not "text-xl-semi", not a block that "has-installments" beside it)
_MONTHLY_ATTR = _rx(r"(?<!has-)(?<!with-)(financ|instal|monthly|klarna|afterpay|clearpay|paypal-?message|bnpl|credit"
                    r"|(?<![a-z])emi\b|ratenkauf|(?<![\w-])taksit(-tablosu|-table)?(?![\w-])"
                    r"|(?<![a-z])(alma|oney|scalapay|sezzle|affirm)(?![a-z]))")  # pay-later providers ("alma-pnx-message")
_SHIPPING_CTX = _rx(r"shipping|delivery|deliver|postage|p&p|\bship|versand|spedition|lieferung|liefer|livraison|frais de port"
                    r"|\bport\b|verzend|bezorg|\bfrakt|levering|leverans(?!tid|datum)|\bfragt|送料|porto|orders? over|spend over"
                    r"|commandes? de plus|ab einem bestellwert|bestellwert|dès \d|vanaf \d|env[íi]o|gastos de env"
                    r"|spedizion|consegna|wysyłk|dostaw|dostav|poštnin|isporuk|doprav|doručen|szállítás|livrare"
                    r"|portes (grátis|gratuitos|de envio)|entrega|frete|kargo"
                    r"|παράδοσ|μεταφορ(ικ|ά)|αποστολ|доставк|assembly service|installation service|συναρμολόγ|монтаж"
                    r"|piegād|pristatym|\btarne|toimitus|heimsending|sendingarkostn|toimituskulu|快递|运费|邮费|包邮|運費|宅配")
# named before the amount in its own element, not a "Gratis ophalen bij de winkel" note beside the price
_PICKUP_LEFT = _rx(r"ophaalpunt|afhaalpunt|ophalen bij|afhalen bij")  # a pick-up point's fee
# a parcel locker's name before the amount in its element ("Foxpost csomagautomata: 990 Ft"); not after it, where it
# is an option beside the price ("12 990 Ft – átvehető Foxpost automatában")
_LOCKER_LEFT = _rx(r"csomagautomat|foxpost|paczkomat|inpost|packeta|zásilkovn|omniva")
# a label that names the amount beside it a shipping cost, and nothing else ("Postage:" in a column before it;
# not "Preis: Versand:", a column of labels, nor "Price including delivery:")
_SHIPPING_LEFT = _rx(r"^\W*(shipping|delivery|postage|p&p|versand|versandkosten|lieferkosten|livraison|frais de port"
                     r"|verzendkosten|bezorgkosten|env[íi]o|gastos de env[íi]o|spedizione|porto|frete|frakt|fragt"
                     r"|wysyłka|dostawa|(inpost )?paczkomaty?|kurier( (dpd|inpost|gls|dhl|ups|fedex))?)"
                     r"( (cost|costs|fee|charge))?\s*:\s*$")
_EACH_WAY_RIGHT = _rx(r"^\W*(each way|per way|pro (weg|strecke)|par trajet|por trayecto)\b")  # a delivery's and collection's
# a carrier's rate, named right before it: "Chronofresh 14,90 €", "배송비 3,000원" (not "... zzgl. Versand (DHL)" after a price)
_CARRIER_LEFT = _rx(r"(\b(colissimo|chronopost|chronofresh|mondial relay|dhl|dpd|gls|postnl|royal mail|evri|postnord)\b"
                    r"(\s+\d(st|nd|rd|th)\s+class)?[^\d]{0,20}"  # "Royal Mail 2nd Class £2.95"
                    r"|배송비\s*[:：]?\s*)$")
# a delivery charge waived in a delivery-date line: "Delivery by 17 Jul, Wednesday | Free ₹40"
_FREE_LEFT = _rx(r"\b(free|gratis|kostenlos|gratuite?|grátis|gratuita)\W*$")
_DELIVERY_LINE = _rx(r"^\W*(delivery|delivered|arrives|get it) by\b")
# the tax itself: "Btw-bedrag (9%): € 1,65", "MwSt.-Betrag: 3,19 €", "VAT amount: £2.47"
_TAX_AMOUNT_LEFT = _rx(r"(btw|mwst\.?|vat|iva|tva|moms|alv|dph|gst|tax|kdv|ddv|pdv)[\s-]?(-?bedrag|-?betrag|amount|anteil"
                       r"|beløb|belopp|importe|montant|importo)\s*(\(\d+([.,]\d+)?\s?%\))?\s*:?\s*$")
_TAX_AMOUNT_ATTR = _rx(r"tax-?amount|vat-?amount|taxamount")
# a spend threshold: "滿$2,000 折$100" (over $2,000, $100 off), "5,000円以上"
_THRESHOLD_LEFT = _rx(r"(滿|满|\b(ab|bei) (einem )?(waren|bestell|einkaufs)wert (von|ab)|\bminimum (first |initial |repeat )?order( value| amount)?( of)?|\bmin\. order( value)?"
                     r"|\b(min\.?|minimum) (spend|purchase)( of)?|\b(purchases?|orders?) (over|above)|pirkumiem virs|pasūtījumiem virs|za nakupe nad|nákupy nad|nákupoch nad"
                     r"|\b(accepts?|considers?) offers (above|over|from)|\bminimum offer( of)?"  # a make-an-offer's floor
                     r"|für einkäufe (ab|über)|achats? (de plus de|dès|supérieurs? à)|compras (superiores a|de más de)|acquisti (superiori a|sopra)"
                     r"|mindestbestellwert( von)?|minimum de commande( de)?|minimale bestelwaarde( van)?"
                     r"|minimální hodnota objednávky|minimálna hodnota objednávky|minimalna wartość zamówienia"
                     r"|valoarea minimă a comenzii"
                     # free (shipping) above it: "€ 6,90 (gratis sopra € 69,00", "gratuite dès 60 €"
                     r"|\b(free|gratis|gratuit[aoe]?|grátis|kostenlos) (sopra|oltre|dès|ab|vanaf|över|over|above|a partir de|desde"
                     r"|acima de|od))\s*:?\s*$")
# "あと710円で送料無料": 710 yen more to free shipping (not "販売価格 5,980円で送料無料！", the price, shipped free)
_MORE_TO_FREE_LEFT = compiled(r"(あと|残り|さらに)\s*$")
_THRESHOLD_RIGHT = _rx(r"^\s*([（(]税込[)）]\s*)?(以上|이상|einkaufswert|bestellwert|warenwert)")
# "ab CHF 50.– kostenlos", "dès 69 € offerte": what an order must reach for something free (its shipping)
_FROM_LEFT = _rx(r"\b(ab|from|dès|vanaf|över|fra|desde|a partir de|da|od|oltre)\s*$")
_FREE_RIGHT = _rx(r"\W*(kostenlos|versandkostenfrei|gratis|free|offerte?s?|gratuite?s?|zdarma|ingyenes|gratuito)\b")
_FROM_RIGHT = _rx(r"^\s*起")  # "¥7,999 起": from ¥7,999
# the price's own note that shipping comes on top: "39.99 CHF inkl. MwSt., zzgl. Versand" is no shipping cost
_SHIPPING_NOUNS = r"versand(kosten)?|speditions?(kosten|gebühr)?|shipping|livraison|frais de port|verzendkosten|env[íi]o|spedizione|servicepauschale|servicegebühr"
_PLUS_SHIPPING = _rx(rf"(zzgl\.?|zuzüglich|plus|excl\.?|exkl\.?|excluding|hors|\+)\s*({_SHIPPING_NOUNS})"
                    r"|(?<!以上)(?<!以上で)(?<!以上は)送料無料(?!ライン|条件|まで)")  # or Japan's "送料無料" badge beside the price, not "3,980円以上送料無料"
# ... unless that note names the amount right after it, in the same element: "inkl. MwSt. zzgl. Versand 5,95 €",
# "+ Servicepauschale 5,95 €" (on top of the price, so only the adding words: "excl. shipping: 49,99" is the price;
# and not a note that ends the element before the amount's: "zzgl. Versandkosten</p><div>1.248,31 €")
_PLUS_SHIPPING_LEFT = _rx(rf"(zzgl\.?|zuzüglich|plus|\+)\s*({_SHIPPING_NOUNS})\s*[:(]?\s*$")
# not WooCommerce's product class ("shipping-taxable"), nor PrestaShop's VAT label ("tax-shipping-delivery-label")
# not a product block's flags ("js-has-new-shipping", "js-shipping-calculator-container": Nuvemshop's)
_SHIPPING_ATTR = _rx(r"(?<!tax-)(?<!price-and-)(?<!has-new-)(?<!has-)shipping(?!-taxable)(?!-calculator)|(?<!tax-shipping-)delivery|postage|versand|livraison|verzend|frakt|fragt"
                     r"|(?<!cena-)doprava(?!-?(zdarma|zadarmo|cena))")  # not "box-cena-doprava", "doprava-zdarma"
# a fee the price includes: "Incluye 3,00 € de tasa RAEE", "dont 2,00 € d'éco-participation", "Éco-part : 2 €"
_FEE_INCLUDES = _rx(r"(dont|incluye|incluido|incl\.?|inkl\.?|including|includes|davon|waarvan|di cui)\s*:?\s*$")
_FEE_CTX = _rx(r"\b(packaging|handling|convenience|booking|admin|processing|platform|promise|payment|card|cod|delivery"
               r"|installation|set-?up|recycling|disposal) fee\s*:?\s*$|\behf\b|\bvrg\b|vorgezogene recyclinggebühr|environmental handling fee|eco fee|éco-frais|écofrais( de)?\s*:?\s*$|\braee\b|éco-?part|eco-?part|ecotasa|eco-?tax|\bweee\b|recupel|eco-?contribu|\bdeee\b|tasa de reciclaje|ecovalor"
               r"|(recyklačn\w+ poplat\w+|recyklačn\w+ poplatok|poplat\w+ za recyklaci|timbru(l)? verde|taxa verde|opłat\w+ recykling\w*"
               r"|termékdíj|\b(tar|tra) (incluse?|comprise?|inclusa|compresa)|taxe anticipée de recyclage"
               r"|tassa di riciclaggio anticipata)\s*:?\s*$")  # Swiss French / Italian for vRG
_SAVE_LEFT = _rx(r"(save|saving|savings of|you save|sparen|sie sparen|du sparst|ihr spart|ersparnis|économisez|économie|bespaar|je bespaart"
                 r"|voordeel|korting|spara|du sparar|\bspar\b|besparelse|rabatt?|sconto|お得|割引|poupe|poupa|poupas|poupança|economize|ahorra|ahorras"
                 r"|ahorro|risparmi|oszczędzasz|ušetříte|säästä|säästät|säästö|megtakarítás|spórolj|economisești|economisesti"
                 r"|ušteda|uštedite|uštedi|prihranek|ietaupi|ietaupījums|sutaupote|sutaupysite|säästad|спестявате|уштеда"
                 r"|^\W*(sleva|zľava)|beszámítjuk|beszámítás|jimat sehingga|hemat hingga|hemat sampai|giảm đến|giảm tới|(?<!giá )(?<!sau )giảm( thêm| ngay)?|trợ giá( đến| lên đến)?|trị giá|phiếu mua hàng|(?<!quà )tặng|tiết kiệm|ประหยัด|(?<![\d,.:])[-−–](?!\s)|(?<![^\W\d_] )(?<![\d,.:])[-−–]\s+|(?<!\d)(?<![^\d,.]\d )(?<![^\d,.]\d\d )(?<!^\d )(?<!^\d\d )折|立减|立減|减|減|省|补贴|補貼|返现|返現|立返|trade-?in (bonus|credit|value|offer)|eintauschprämie|inruilpremie|prime de reprise|\bworth|im wert von|echivalentul a|equivalent to|équivalent à|d.une valeur de|del valore di|ter waarde van|αξίας|por valor de|no valor de|o wartości|v hodnotě|可抵|抵扣|抵用|折价|价值|價值)[\s:]*"
                 r"(up to|bis zu|jusqu'à|tot|upp till|op til|akár|až)?\s*$")
_SAVE_RIGHT = _rx(r"^\s*(off\b|credit(?=\s*([.,;!)]|$)|\s+(towards?|on|off|when|for|with|bonus|paid)\b)|((store|shop|seller|platform) )?coupons?\b(?!\s*:)|kupon(u|lar)?(?=\s*([.,;!)]|$|kodu))|korting|rabatt|de réduction|de remise|günstiger|billigare|sparen|besparelse|お得"
                  r"|értékben|értékű|kedvezmény"  # Hungarian after the amount: "(2 490 Ft értékben)", worth so much
                  r"|元(配件|优惠|购物|代金|现金|礼品)?券"  # a voucher of so much: "立返100元配件券" (not "¥89.00 券后价 ¥79")
                  r"|value\b(?!\s*(pack|size|bundle|set|:)))")  # a set's "A $120 value": what its contents would cost
_SAVE_ATTR = _rx(r"\bsav(e|ing)|you-?save|discount-amount|(?<!price)(?<!price-)badge|sticker|flag|price-?diff|ersparnis")
_MULTIBUY_LEFT = _rx(r"(\b\d+\s*(\w+\s+){0,2}(for|für|pour|voor|för)|buy \d+|kauf(e)? \d+|kup \d+ (szt\.?|sztuki)( i zapłać|,? (i |[–-] )?zapłacisz)?|ab \d+ (stück|stk|ve)|from \d+ (pcs|units)"
                     r"|\d+\s*x|\bmix (&|and) match|\bmix (six|6|twelve|12)( price)?|\d+ (st|stk) för|\d+ or more|\d+\s?\+|\d+ und mehr|\d+ oder mehr|\d+ et plus"
                     r"|\d+ of meer|\d+ ou plus|\d+ eller fler[ae]?|\d+ tai enemmän|\d+ lub więcej|\d+ o más|\d+ o più|\d+ vagy több"
                     r"|\b\d+\s*(stück|stk|st\.?|pcs|pieces|units|items|pièces|stuks|szt\.?)\s+(oder mehr|or more|und mehr|et plus"
                     r"|ou plus|of meer|o más|o più|eller fler[ae]?|lub więcej)\s*:?\s*$"
                     r"|\d+ sau mai multe|\d+ (ή|και) περισσότερ\w*|\d+ или повече|\d+ (sztuk|szt\.?) lub więcej|\d+ (nebo|a) více|\d+ ou mais|\d+ veya daha fazla|\d+ tai useamp\w*"
                     r"|leve \d+,? pague|lleva \d+,? paga|prendi \d+,? paghi|\d+ arba daugiau|\d+ vai vairāk|\d+ või rohkem"
                     # "3 db-tól:", "od 3 ks" (from 3 pieces; from 2 up, as "od 1 ks" is the single piece's price;
                     # not a minimum order's "Cena za kus při odběru od 3 ks", "Minimální odběr od 3 ks", the price
                     # of each of them)
                     r"|\b([2-9]|\d\d+)\s*db[-‑]?t[óő]l"
                     r"|(?<!odběru )(?<!odběr )(?<!odber )(?<!odberu )(?<!odbere )(?<!zamówieniu )(?<!zamówienie )(?<!minimalnym )\bod ([2-9]|\d\d+)\s*(ks|kusů|szt\.?|sztuk)"
                     # OpenCart's Russian, Ukrainian and Hindi discount rows: "от 5 шт. —", "5 або більше", "10 या अधिक"
                     r"|\bот ([2-9]|\d\d+)\s*(шт\.?|штук)\s*[—–-]?|\b([2-9]|\d\d+) (или больше|або більше|या अधिक)"
                     # a Japanese bulk-buy table's rows: "5～9箱", "10箱以上"
                     # (not the one-unit row "1～9箱", nor a box's count "約45～55個")
                     r"|(?<![約\d])([2-9]|\d\d+)\s*[～~〜]\s*\d+\s*(箱|個|点|本|枚|セット|袋|缶|組)"
                     r"|(?<![約\d])([2-9]|\d\d+)\s*(箱|個|点|本|枚|セット|袋|缶|組)\s*以上)[\s:：]*$")
# a quantity table's row label past the first, the whole label: "10 - 49 piezas", "100+ pcs" (not "1 - 9 piezas";
# not a pack's contents written before its price, "Inhalt: 100 - 120 Stück")
_QUANTITY_ROW = _rx(r"^\W*([2-9]|\d\d+)\s*([-–]\s*\d+|\+)\s*(piezas|unidades|uds\.?|pcs|pieces|units|stück|stk\.?"
                    r"|szt\.?|ks)\W*$")
# a price when bought together with another product: "Mua kèm Galaxy Buds FE ... chỉ còn 1.400.000₫"
_BOUGHT_WITH = _rx(r"\bmua kèm\b|\b(takım fiyatı|satzpreis)\b\D{0,30}$")  # a set's price: "Takım fiyatı (sağ + sol):"
# the EU's "lowest price of the last 30 days" beside a reduced price: a reference, not the price
_LOWEST_30_LEFT = _rx(r"(lowest|niedrigste[rn]?|laagste|le plus bas|più basso|más bajo|mais baixo|lägsta|laveste"
                      r"|najniższa|nejnižší|najnižš|najniž|alin|legalacsonyabb|cel mai mic|madalaim|zemākā|žemiausia)\D{0,60}\b30\b\D{0,30}$"
                      r"|\b30\s*(days|tage|dagen|jours|giorni|días|dias|dagar|dage|dager|dni|dní|dnů|dana|napban|nap|zile|ημερών|päivän|päeva|dienų|dienu"
                      r")\D{0,40}$|\b30\s*günün en (düşük|ucuz)\D{0,30}$"
                      # a shop's own lowest of a longer span: "Tiefster Preis der letzten 3 Monate:"
                      r"|(iefste[rn]?|iedrigste[rn]?|lowest) (price|preis) (der|of the|in den|in the) (letzten|last|past) \d{1,2}"
                      r" (months|monate)\W{0,3}$")  # "[T]iefster Preis der letzten 3 Monate:" (the window may cut its T)
MULTIBUY_ATTR = _rx(r"multi-?buy-?(offer|price|deal)|block-?price|tier-?price|graduated|staffel|quantity-?(break|discount|price)|volume[-_]*(price|discount)|price-?breaks?|scaled-?prices?"
                     r"|bulk-?(price|discount)|(?<![a-z-])(desconto-progressivo|descuento-progresivo)(?![a-z-])")
# "Packung mit 12 Stück für 9,99 €", "Set of 6 glasses for £24.99": a pack's own price, no multibuy
_PACK_OF = _rx(r"\b(pack|packung|set|box|case|lot|kit|pakke|paquete|confezione|doos|karton|kiste|coffret)\s+(of|mit|de|van"
               r"|da|med|con|z)\s+\d+\s*(\w+\s+){0,2}(for|für|pour|voor|för)\s*$")
_MULTIBUY_RIGHT = _rx(r"^\s*(each when|when you buy|each for|pro stück ab|per stuk bij|each \((?!\s*(inc|incl|ex|exc|excl)\b)"
                      r"|for \d+\b)")  # not "£14.81 Each (inc. VAT)"
# a collectible's own figures: "Nennwert 20 Euro", "Ausgabepreis Bundesbank (2024) 25,00 €", "Face value: £5"
_FACE_VALUE_LEFT = _rx(r"(nennwert|face value|valeur faciale|valore nominale|valor facial|nominale waarde"
                       r"|ausgabepreis( \w+)?( \(\d{4}\))?|issue price( \(\d{4}\))?)\s*:?\s*$")
_APPROX_LEFT = _rx(r"(approx\.?|aprox\.?|approximately|about|ca\.|circa|\bcca\.?|≈|~|environ|ungefähr|ongeveer|cirka|omkring"
                   r"|ungefär|約)\s*\(?\s*$")
_APPROX_ATTR = _rx(r"price-?approx|approx-?price|converted-?price|price-?converted|currency-?conver")
_USED_CTX = _rx(r"\bused\b|\bresale (on|at|from|via)\b|gebraucht|occasion|refurbished|reconditionn|recondicionad|tweedehands|(?<!nooit )(?<!niet )(?<!nog )\bgebruikt\b|begagnad|brugt|\bbrukt"
                r"|other sellers|andere verkäufer|autres vendeurs|andere verkopers|new & used|from \d+ sellers|\d+ sellers from|中古"
                r"|resigilat|open box|b-ware|ikinci el|二手|diğer satıcılar|alte oferte|new \(\d+\) from|neu \(\d+\) ab"
                r"|다른 판매자|retoure|marktplatz-?händler|marketplace seller|neuf \(\d+\) à partir|d'occasion|\busato\b|\busado\b"
                r"|second[- ]?hand|seconde main|segunda mano|privatverkäufer|private sellers?\b|vendeurs? particuliers?")
# other sellers' offers, named before their amount: "Mais 1 oferta a partir de R$ 289,00", "3 more offers from £17.99"
# (not "R$ 199,90 ver outras ofertas" or "£19.99 See more offers", a link beside the product's own price)
_MORE_OFFERS = r"(weitere angebote|more offers|autres offres|altre offerte|más ofertas)"
_OTHER_OFFERS_LEFT = _rx(r"(mais \d+ ofertas?|outras ofertas|outros vendedores|otros vendedores|\d+ ofertas?|ver \d+ opci(ones|ón)|ver \d+ opç(ões|ão)) (a partir d[eo]|desde)\s*$"
                         r"|" + _MORE_OFFERS + r"\b(\s*\(\d+\))?[^\d]{0,24}$")  # "Weitere Angebote (5) ab"
# ... or named right after it: "£17.99 · 3 more offers", "17,99 € (5 weitere Angebote)" (not "£19.99 See more offers")
_OTHER_OFFERS_RIGHT = _rx(r"^\W{0,4}(\d+\s+)?" + _MORE_OFFERS)
_USED_ATTR = _rx(r"open-?box|resealed-?offer|resigilat|seller-?selector(?!-?main)|other-?sellers?(?!-?name)|alternative-?sellers|other-?offers|more-?buying|used|olp|marketplace-offers|aod"
                 r"|refurb|offer-?list|buy-?box_*-*others|(?<![a-z])b-?(grade|ware)-?offer|second-?hand")
# the price of the used item itself, as a resale shop labels it ("Prix seconde main :", "Gebraucht-Preis:")
_OWN_USED_LABEL = _rx(r"\b(prix|price|preis|precio|prezzo|prijs|pris|preço)\s*(de |d')?(seconde main|second[- ]?hand|occasion|used"
                      r"|gebraucht|usado|usato|tweedehands|begagnat|brugt|segunda mano)\s*[:：]?\s*$"
                      r"|\b(gebraucht|used|second[- ]?hand)-?preis\s*:?\s*$")


_CONDITION_LABEL = _rx(r"\b(état|condition|zustand|stand|tilstand|skick|kunto|estado|condizioni|staat|stan)\s*:")


# "3 000 / 5 000 €", "6.000 – 8.000 kr.": a range's first figure, with no sign (not "299,–", a price's dash for cents)
_RANGE_FIRST = compiled(r"\s*(?!(19|20)\d\d\b)\d([\d\s.,'’]*\d)?\s*(/|\s[–—-])\s*")  # not a vintage "2022 — "
# another country's price of the product, named so: "Cena pro Slovensko: 529,00 €", "Price for Ireland:"
_MARKET_LEFT = _rx(r"\b(cena|price|preis|prix|precio|prezzo|prijs|pris|hinta|ár)\s+(pro|for|für|pour|para|per|voor|för|til"
                   r"|w|v|na)\s+[^\W\d_]+\s*:?\s*$")


def _names_condition(layout: Layout) -> bool:
    """Whether the product's own block names the item's condition ("État : Très bon état"): a used item the shop sells
    itself, not a used offer beside a new one sold out."""
    title = layout.title
    block = title.getparent() if title is not None else None
    return block is not None and _CONDITION_LABEL.search(" ".join(block.itertext())) is not None


def _used_attr(el: _Element, attrs: str) -> bool:
    """Whether the amount sits in a block classed as used or other sellers' offers (``_USED_ATTR`` in ``attrs``), other
    than the product's own block around its title (a second-hand shop's "product product--secondhand")."""
    if not _USED_ATTR.search(attrs):
        return False
    node: _Element | None = el
    for level in _chain_attrs(el)[0]:
        if node is None:
            break
        if _USED_ATTR.search(level):
            return node.find(".//h1") is None
        node = node.getparent()
    return True  # marked inside the amount's own element


_MEMBER_LEFT = _rx(r"(member|club|loyalty|vip|medlems?|klubb|mitglieder|prix membre|prix adhérent|(?<!non-)(?<!non )adhérents?|ledenprijs"
                   r"|jäsen|członk|(?<!非)会員様?|preço clube|clube|socio|sócio)\+?\s?(price|pris|preis|hinta|cena|価格)?[\s:.：]*$"
                   r"|pre[țt] genius[\s:]*$"  # eMAG's members' price
                   r"|\b(insider|pluss)[- ]?(price|pris|preis)[\s:.]*$"  # "Insider price", "Elhuset Pluss-pris" (not a game named "Insider")
                   r"|(?<!非)(会員|會員|会员)\s?\d{1,2}(\.\d)?\s?折[\s:.：]*$"  # "會員 9 折 NT$3,582": a members' discount
                   r"|\b(com (o )?cartão|con (la )?tarjeta|avec (la )?carte|mit (der )?karte|with (the |your )?card)\b"  # a store card's,
                   r"(?! (de )?(crédito|credito|débito|debito|bancaire|bleue|credit|debit|payment|de pagamento))[^\d:]{0,40}:\s*$"  # not a bank's
                   r"|(?<!非)会員様?\s?\d{1,2}\s?%\s?off[\s:.：]*$"  # "ゴールド会員様 5%OFF 2,831円", not "非会員様価格"
                   r"|\b(members?|mitglieder) \w{2,6}:\s*$"  # "Mitglieder DAV:", "Members NT:"
                   r"|(?<!nem )\b(klubtag(i)?|tagi|törzsvásárlói) ár\s*:?\s*$"
                   r"|\bplus price[\s:.]*$|(מחיר )?(לחברי|חברי) (ה)?מועדון[\s:]*$|מחיר מועדון[\s:]*$"
                   r"|\b(prix (adhérent|membre)|members?'? price|club price|ledenprijs|medlemspris|mitgliederpreis)\s+[^\W\d_]+\s*:?\s*$"  # "Prix adhérent PixelPass :"
                   r"|\b(cena s kartico|cijena s karticom|cena s kart(ou|ičkou)|cena z kartą|preis mit (kunden)?karte"
                   r"|pre[tț] cu card(ul)?)(\s+[^\W\d_]+){0,2}[\s:.]*$"  # "Cena s kartico Zvestoba": a loyalty card's
                   r"|(\bplus ?价|会员价|會員價|88vip\s?(到手)?|\btarjeta(\s+(?!regalo|gr[aá]fica|de |sd\b|micro|madre)\w+)?|üyelere özel( fiyat)?|üye fiyatı"
                   r"|preț genius|pret genius)[\s:：]*$")
# a price after a coupon or a code: "券后¥299", "领券后到手价 ¥2799", "クーポン使用で ¥4,853", "$39.99 with code SAVE10"
_COUPON_LEFT = _rx(r"(券后价?|券後價?|到手价?|after coupons?|coupon price|with (the )?(code|coupon)|クーポン(使用|適用|利用)(で|後)"
                   r"|쿠폰\s?(적용)?\s?가|mit (gutschein|code)|avec (le )?code|met (de )?code|con (il )?codice"
                   r"|con (el )?(código|cupón)|^\s*coupon)[\s:：]*$")  # "<dt>Coupon</dt><dd>S$15.90 ..."
# a discount for paying one way: Turkish shops' "Havale/EFT ile: 12.124,03 TL (%3 indirimli)"
_PAYMENT_LEFT = _rx(r"((havale(\s?/\s?eft)?|eft) ile|(price )?(by|with|via) bank transfer|bank transfer price"
                    r"|bei (vorkasse|überweisung)|przelewem|par virement( bancaire)?)\s*[:：]\s*$")  # a label, with its colon
_PAYMENT_ATTR = _rx(r"havale")
_COUPON_RIGHT = _rx(r"^\s*(with (the )?(code|coupon)|after coupons?|mit (gutschein|code)|avec (le )?code|met (de )?code"
                    r"|nur mit (coupon|gutschein|(der )?app)|only with (a |the )?(coupon|app))")
# an auction's bid: "Current bid: US $46.00", "Enter US $47.00 or more", "Geben Sie mindestens EUR 350,00 ein"
_BID_LEFT = _rx(r"(current bid|starting bid|winning bid|highest bid|aktuelles gebot|höchstgebot|startgebot|mindestgebot"
                r"|adjugée?s?( à| pour)?|prix d.adjudication|hammer price|\bzuschlag(spreis)?( bei| für)?"
                r"|huidig bod|hoogste bod|winnend bod|korkein tarjous|nykyinen tarjous|現在(価格)?"
                r"|enchère actuelle|offerta attuale|puja actual|geben sie mindestens"
                r"|pre[țt] de pornire|cena wywoławcza|aktuální příhoz|vyvolávací cena"
                r"|ledande bud|högsta bud|utropspris|høyeste bud|højeste bud|aktuelt bud|nuværende bud|nåværende bud|nuvarande bud"
                r"|目前出價|目前出价|起標價|起标价|最高出價|最高出价|目前競標價"
                r"|aktuellt bud|næste bud|mindste bud"
                # an auction's estimate of the lot: "Estimate £120–£180", "Schatting expert € 300 - € 400" (not Danish "vurdering",
                # Finnish "arvio": a shopper's review too)
                r"|estimate|estimated value|expert estimate|schatting( expert)?|expertschatting|schätzwert|schätzpreis|schätzung"
                r"|estimation( de l['’]expert)?|stima|estimación|uppskattning|uppskattat värde|takseret til)\s*:?\s*$")  # not "Aktualna oferta", a deal
BID = "a bid in an auction (not a price to buy it at)"
# an auction's own bid control, its whole text ("Place bid", "Fai un'offerta", "入札する", "Plaats bod", "Bidding closed")
_BID_CONTROL = _rx(r"^\W*(place (a |your )?bid|bid now|submit (a |your )?bid|bidding (is )?closed|(jetzt )?bieten|gebot abgeben"
                   r"|fai un['’]offerta|faire une offre|enchérir|pujar|plaats (een )?bod|入札する|tee tarjous"
                   r"|licytuj|dar lance|liciteaz[aă]|przebij|přihodit|licitiraj|lägg (ett )?bud|legg inn bud|afgiv bud|出價|出价|我要出價"
                   r"|enchérir (en ligne|en live|par téléphone)|d[ée]poser un ordre d.achat|leave an absentee bid|bid live)\W*$")
_BUY_NOW = (r"buy it now|buy now|直購價|直购价|直接購買|直接购买|sofort-? ?kaufen|sofortkauf|compralo subito|compra subito|osta heti|achat immédiat"
            r"|acheter maintenant|cómpralo ya|comprar ahora|comprar agora|compre já|kup teraz|nu kopen|köp nu|kjøp nå|køb nu")
_BUY_NOW_CONTROL = _rx(rf"^\W*({_BUY_NOW}|即決で落札する|今すぐ落札する)\W*$")  # an auction that also sells outright
_BUY_NOW_LEFT = _rx(rf"({_BUY_NOW}|即決(価格)?)\W*$")  # that price, named before it
_BID_RIGHT = _rx(r"^\s*[·•]?\s*\(?\d+ (bids?|gebote?|enchères?|offerte|bud|ofert\W+\d+ licytując\w*)\)?")  # "· 17 ofert · 9 licytujących"
_BID_ENTER = _rx(r"\benter( us)?\s*$")  # with "or more" after the amount: "Enter US $47.00 or more"
_OR_MORE = _rx(r"^\s*or more\b")  # alone, a pay-what-you-want minimum ("$5.00 or more")
_BID_ATTR = _rx(r"x-bid-|bid-?price|current-?bid|bid-?amount|bidding")
# the bounds a form's amount field allows (a gift card's free amount): "Must be between $25.00 and $500.00"
_LIMITS = r"\b(must be|should be|amounts?|value|enter|choose|wählen|doit être|debe ser|moet)\s+(between|zwischen|entre|tussen|tra)\s*"
_AND = r"(and|und|et|y|e|en|och)"
_LIMITS_LEFT = _rx(_LIMITS + "$")
_LIMITS_RIGHT = _rx(r"^\s*" + _AND + r"\s*\S{0,4}\s?\d")
_LIMITS_UPPER_LEFT = _rx(_LIMITS + r"[^\s\d]{0,4}\s?\d[\d.,]*\s?[^\s\d]{0,4}\s+" + _AND + r"\s*$")  # "… and $500.00"
_MEMBER_ATTR = _rx(r"member-?price|club-?price|loyalty-?price|vip-?price|rewards?-?price|cmr-?price|price--member|price-{1,2}club|(?<![a-z-])card-?price|clubcard|(?<![\w-])genius-?price"
                   r"|loyalty-?card|offer-tag--member|price--family|family-?price|(?<![a-z])nectar-price(?![\w-])")
# the label after it: "£2.50 Clubcard Price", "$4.99 with card"
_MEMBER_RIGHT = _rx(r"^\s*((club ?card|member|members'?|card ?holder|club|loyalty|vip|app|advantage card|rewards?)\s?(price|only)"
                    r"|with (your )?(club ?card|card|app|membership|nectar)"
                    r"|with your ((?!credit|debit|gift|bank)[a-z]+ ){1,2}card(?=\s*([.,;)!]|$))|precio (con )?tarjeta|con tarjeta|preço (com )?cartão"
                    r"|com cartão|precio socio|preço clube|[сc] (\w+ )?карт(ой|ою)"
                    r"|(doar )?pentru membri(i genius)?\s*([.,;)!]|$))")  # "1.249,99 Lei … doar pentru membri"
# "Initials (+€12,00)", "+ 82mm UV filter (S$89)": what an option or add-on adds to the price
_ADDON_LEFT = _rx(r"\+\s*$|\(\s*\+\s*$|\b(aufpreis|mehrpreis|surcharge|supplément|meerprijs|sovrapprezzo|recargo)[\s:]*$")
# a service sold beside the product, named before its price in its own element: "延长保修 2年 ￥169"
_SERVICE_LEFT = _rx(r"(warranty|protection plan|(mobile|device|damage|theft|accident|accidental damage) protection|aufstellservice|montageservice|aufbauservice|installationsservice"
                    r"|assembly service|installation service|aufmaß\b|aufmass\b|montage\b|einbau\b|inmeten\b|sopralluogo|只换不修|延长保|碎屏险|意外险|garantie-?plus|garantieschutz|przedłużona gwarancja|prodloužená záruka|applecare|care pack|geek squad|garantieverlängerung|extension de garantie"
                    r"|garanzia estesa|延长保修|延長保固|碎屏保|보증 연장|framing|einrahmung|encadrement)\D{0,12}"
                    r"(\d+\s?(年|年間|years?|jahre|ans|months?|mj\.?|lata|lat|roky|let|jaar|år))?"
                    r"(\s*(available\s+)?(from|ab|dès|à partir de|desde|vanaf))?[\s:：]*$")  # "Framing service available from £280"
# a hire rate's duration, as the whole label before it: "1 Day £89.00", "<th>1 Tag</th><td>149,00 €</td>", "Weekend"
_HIRE_LEFT = _rx(r"^\W*((\d+|one|ein|eine|un|une|uno|una|één) (days?|tag|tage|jour|jours|giorno|giorni|días?|dag|dagen"
                 r"|weeks?|woche|wochen|semaines?|settimana|settimane|semanas?|weken|dias?)|weekend|wochenende|week-end"
                 r"|fim de semana|semana|daily|weekly|nightly|(additional|extra|each additional|further) (days?|weeks?|nights?))"
                 r"\s*(\([^)]*\))?[\s:]*$")
# a rate a day or a week after the amount: "Desde 25,00 € / dia", "£89 per day"
_HIRE_RIGHT = _rx(r"\s*(/|per|pro|par|por|al|a)\s*(day|dia|día|tag|jour|giorno|dag|dygn|døgn|week|woche|semaine|semana|settimana)\b")
# "bis zu 250 €" alone: a trade-in bonus's, a saving's or a finance limit's ceiling, never a price to pay
_UP_TO_LEFT = _rx(r"^\W*((get|earn|receive|save) )?(up to|bis zu|jusqu.à|fino a|hasta|até|tot)\s*$"
                  r"|(最高|最多)可?(抵|减|減|省|返|补贴|補貼)\s*$")  # "闲置手机回收最高抵 ￥800": a trade-in worth up to ¥800
# a subscription's price, beside the one-off purchase's: "定期お届け便", "Subscribe & Save"
_SUBSCRIPTION_LEFT = _rx(r"(定期(お届け|購入)?便?(価格|料金)?|subscribe (&|and) save|spar-?abo|im abo|suscr[ií]bete y ahorra"
                         r"|abonnez-vous et économisez|iscriviti e risparmia|abonnieren und sparen)( (un )?\d+ ?%)?\s*[:：]?\s*$")
# a price band that heads a shelf of deals or names a filter: "Under $50", "Moins de 50 €", "Geschenke unter 20 €"
_UNDER = _rx(r"^\W*((gifts?|deals?|everything|cadeaux|geschenke|regalos|alles|tout)\s+)?(under|below|less than|moins de|unter"
             r"|menos de|sotto i|onder de|alle under)\s*$")
# a sample of the material, not the product: "Musterstück: 4,90 €", "Échantillon : 2 €"
_SAMPLE_LEFT = _rx(r"\b(musterstück|stoffmuster|farbmuster|muster|samples?|échantillons?|campioni?|muestras?)\s*:\s*$")
# a rental's words somewhere in the page (a day's ski pass is a product of its own)
_HIRE_WORDS = ("hire", "Hire", "rental", "Rental", "miete", "Miete", "mieten", "Verleih", "verhuur", "Verhuur", "huur",
               "location", "Location", "noleggio", "Noleggio", "alquiler", "Alquiler", "uthyrning", "leje", "utleie", "aluguer", "Aluguer", "aluguel", "Aluguel", "verleih", "Mietdauer", "Mietbeginn", "Mietzeitraum")
_DEPOSIT_LEFT = _rx(r"(定金|订金|尾款|预付款|予約金|頭金)[\s:：]*$|^\W*reserve( yours| it| now| one| today)*( for)( only)?\s*$|\b(kaution|(security |refundable )?deposit|caução|caucao|selbstbeteiligung|excess|deductible|självrisk|selvrisiko|eigen risico|reservation fee|booking fee|reservierungsgebühr|frais de réservation|caution|depósito|cauzione|fianza|anzahlung|acompte)"
                    r"( today| now| due( today)?| payable( today)?| heute)?( of| von| de| di)?[\s:]*$")  # "deposit today: £725"
# a bottle's or crate's deposit, named after it: "Excl. €0,25 statiegeld", "zzgl. 3,30 € Pfand"
_DEPOSIT_RIGHT = _rx(r"^\s*(statiegeld|pfand|flaskepant|pant|pantti|kaucja|záloha|zálohy)\b")
# a guarantee for a term, named before its price: "Garantie 5 ans pièces et main d'œuvre 79,99 €"
_SERVICE_TERM = _rx(r"^\W*(garantie|garanzia|garantía|warranty|gewährleistung)\s+(\+\s?)?\d+\s?(ans?|anni|años|years?|jahre)\b"
                    r"\D{0,40}$")
_ROUNDED_RIGHT = _rx(r"^\s*(jt|juta|rb|ribu|triệu|nghìn|mio\.?|mln\.?|millones|milhões)\b")
_POINTS_RIGHT = _rx(r"^\s*(points|pts|punkte|bonuspunkte|poäng|point"
                   r"|(in|of)( [\w'&-]+){0,2} (rewards?|cash ?back|bonus cash)\b"  # "Earn $12 in Cobalt Rewards"
                   r"|(回饋|回馈|送|返)\s*\d+\s*(點|点)|(ごとに|につき)\s*\d+\s*(ポイント|pt))")  # "消費每 NT$100 回饋 1 點"
_POINTS_LEFT = _rx(r"\b(points?|pts|punkte?|poäng|poeng|pisteet?)\s+(per|for every|für jeden|pour chaque|för varje|pro)\s*$"
                  r"|\b(\d+\s*)?\w{0,8}(points?|pts|punkte?|poäng|pont|punkty?|pkt|puntos?|punti|pontos|body|monet[ay]?|coins?)\s*=\s*$"  # a point's worth: "(1 Qpoint = S$0.01)"
                  r"|(적립금|적립\s?예정|적립)\s*:?\s*$"  # Korean reward credit: "적립금 320원 (1%)"
                  r"|(ポイント|pt|点|點)\s*[=＝]\s*$")  # a point's worth in yen: "（1ポイント＝1円）"
_EXCL_CTX = _rx(r"(税抜|税別|本体価格|本体\s*$|^\s*[+＋]\s*(消費)?税|\bexcl(?!usiv)\.?|\bex\.?\s?(vat|tax|btw|moms|mwst|gst)|exkl(?!usiv)\.?|ekskl\.?|zzgl\.?\s?(mwst|ust|mehrwert)|excluding|\bwithout (vat|tax|gst)"
                r"|\bhors tax|\bht\b|netto|nettó|ohne mwst|plus (vat|gst)|\+ ?(vat|gst|tax)|excl\.? btw|\bnet\b|iva esclusa|esclusa iva|sin iva|sem iva"
                r"|\+ ?iva|bez dph|bez vat|\bveroton|alv 0|before (gst|vat|tax)|avant (les )?taxes|pre-gst|sin impuestos|kdv hariç|vergiler hariç|\+ ?kdv"
                r"|fără tva|без пдв|без ндс|без ддс|без ддв|brez ddv|bez pdv|\+ ?pdv|\+ ?ddv|ilman alv|utan moms|uden moms|eks\.? mva|ekskl\.? mva"
                r"|exkl\.? moms|χωρίς φπα|\bhtva\b|hors tva|excl\.? tva|zonder btw|bez pvn|be pvm|ilma km\b|\+ ?km\b)")
_INCL_CTX = _rx(r"(税込|\bincl\.?|\binc\.?\s?(vat|tax|gst)|inkl\.?|including|\bttc\b|inklusive|avec tva|incl\.? btw|\bbrutto"
                r"|iva inclusa|iva inclu[íi]d[ao]|con iva|com iva|ivato|tva (incluse|comprise)|s dph|z vat|sis\. alv|\bsa? pdv|\bz ddv"
                r"|kdv dahil|tva inclus|з пдв|с ндс|с ддс|со ддв|\btvac\b|btw inbegrepen|taxes incluses)")


# Magento's price-excluding-tax / price-including-tax wrappers and their like
_EXCL_ATTR = _rx(r"excl(uding)?-?tax|price-?excl|ex-?vat|without-?tax|tax-?excl")
_INCL_ATTR = _rx(r"incl(uding)?-?tax|price-?incl|inc-?vat|with-?tax|tax-?incl")


def excl_vat(text: str) -> bool:
    """Whether ``text`` labels a price as without VAT / sales tax."""
    return _EXCL_CTX.search(text) is not None


def incl_vat(text: str) -> bool:
    """Whether ``text`` labels a price as with VAT."""
    return _INCL_CTX.search(text) is not None


_FROM_LEFT = _rx(r"(from|starting at|starts at|as low as|ab|à partir de|dès|vanaf|från|fra|fr\.|jetzt ab)\s*:?\s*$")
# the end of a clause: "no longer available." but not "no longer available in red"
_CLAUSE_END = r"(?=\s*([.!,;]|$|(and|och|und|et|og|y|e)\b))(?!,?\s*(but|mais|aber|pero|ma|maar|men|mutta)\b)"
# "Select your store to see the price in store" beside the online price: not a page without one
_NOT_IN_STORE = r"(?!\s+(in|en|im|au|in de|in der|in the|dans le|du) (store|magasin|markt|winkel|filiale|shop|boutique))"
# labels that say "no price" only in the price box itself ("<div class="st-price-main">Liên hệ</div>"), not on a
# swatch, a hotline button or a trade-in row
_SOON = ("coming soon", "bientôt disponible", "demnächst verfügbar", "próximamente", "em breve", "prossimamente",
         "binnenkort", "kommer snart", "tulossa")
# a price box a script has yet to fill ("Henter pris…"): no price to read off the page, but markup may hold it
LOADING = ("(henter|hämtar|laster) pris(en)?", "loading price", "price loading", "preis wird geladen", "prijs wordt geladen",
           "chargement du prix", "cargando precio")
# a price box that holds only the word that it is sold out: its price hidden with the stock
_SOLD_OUT_WORDS = ("sold out", "ausverkauft", "tükendi", "udsolgt", "utsolgt", "slutsåld", "agotado", "esaurito", "épuisé",
                   "uitverkocht", "vyprodáno", "wyprzedane", "品切れ", "売り切れ", "품절")
_SOLD_OUT_BOX = compiled("|".join(rf"^\W*{w}\W*$" for w in _SOLD_OUT_WORDS), re.I)
_QUOTE_REQUESTS = ("pyydä tarjous", "kysy tarjous", "request a quote", "begär offert", "be om tilbud", "bed om tilbud",
                   "angebot anfordern", "demander un devis", "solicitar presupuesto", "richiedi (un )?preventivo",
                   "offerte aanvragen")
# a launch date where the price will be: "Launching October 2025", "Coming March 12, 2026" (one alternative a word: each
# keeps a literal for the page's hint search)
_LAUNCH_DATES = tuple(rf"{w} (in |on )?[a-z]+\.? (\d{{1,2}}(st|nd|rd|th)?,? )?\d{{4}}" for w in ("launching", "launches", "coming"))
_IN_PRICE_BOX_ONLY = ("liên hệ", *_SOON, "暂无报价", "暫無報價", "お問い?合わ?せ(ください|下さい)", r"售價\s*[:：]?\s*請洽門市", r"preis:? nach (persönlicher )?beratung",
                      "prix communiqué (lors du|au) lancement",  # "售價：請洽門市": ask in store
                      # a quote asked for where the price would stand
                      *_QUOTE_REQUESTS, "(log ?in|sign ?in) to (see|view) your price",
                      "get a (free,? )?(tailored |personali[sz]ed |no-obligation )?quote", "připravujeme",
                      *_LAUNCH_DATES,
                      *LOADING, *_SOLD_OUT_WORDS)
_PRICE_BOX_ONLY = compiled("|".join(rf"^\W*{w}\W*$" for w in _IN_PRICE_BOX_ONLY), re.I)
# ... the shopper's own price or sum to pay, blank and nothing after it but the step to take first ("Kies eerst ...")
_BLANK_PRICE_LABELS = ("your price", "jouw prijs", "uw prijs", "ihr preis", "dein preis", "votre prix", "å betale",
                       "din pris")
_NOTE_END = r"(?=\s*([.!,;:–—-]|$|(and|et)\b))"  # "Prix annoncé au lancement – printemps 2025", not "... de 549,99 €"
_NO_STORE = r"(?:(?!tienda|magasin|markt|filiale|butik|store|winkel|varehus|point de vente|drive|centro|center|postleitzahl|plz|postcode|código postal|provincia|zona|region)[^.!?]){0,60}"  # words between, none a store's
_NO_PRICE_TEXT = (r"price:? (up)?on (request|application)|request (a|the) price|call for (a )?pric|fiyat için (bizi )?arayın|"
                r"^\W*preis nach (der )?konfiguration\W*$|^\W*price after configuration\W*$|^\W*prix après configuration\W*$|\bring (for|efter|för) pris\b|\bbel voor (een )?prijs(opgave)?\b|contact us for"
                r" (a )?pric|\bpoa\b|(log ?in|sign ?in|register) (to|for) (see|view|get)?\s*(our )?pric"
                r"|\bpreis:? auf anfrage|preis anfragen|preise? (nur |erst )?nach (der )?(anmeldung|login|einloggen)|(anmelden|einloggen|melden sie sich an|loggen sie sich ein),? um (die |unsere )?preise|fiyatlar(ı)? (yalnızca|sadece) (kayıtlı )?(bayi|üye)|fiyatları görmek için (lütfen )?giriş yap|prix:? sur (simple )?demande"
                r"|connectez-vous pour voir|prijs:? op aanvraag|prijs opvragen|\bprijzen (alleen|enkel|uitsluitend) voor (zakelijke|ingelogde|geregistreerde) klanten"
                r"|^\W*log ?in voor (de )?prijs(en)?\W*$"
                # flat alternatives: each keeps a long literal run for elements_holding's pruning
                r"|log ind for at se pris(er)?\b|log ind for at se vores pris(er)?\b|logg inn for å se pris(er|ene)?\b"
                r"|logg inn for å se våre pris(er)?\b|logga in för att se pris(er|erna)?\b"
                r"|logga in för att se våra pris(er)?\b|inloggen om (de |uw |je )?(netto prijs|prijzen( en \w+)?) te (zien|bekijken)"
                r"|log ?in om (de |uw |je )?(netto prijs|prijzen( en \w+)?) te (zien|bekijken)|pris:? på (förfrågan|begäran|forespørsel"
                r"|forespørgsel|anmodning)|precio:? (a consultar|consultar|bajo petición|a petición|bajo consulta)"
                r"|prezzo:? su richiesta|価格[は:：]?\s?お問い?合わせ|consultar (el )?precio|zapytaj o cen|要問合せ|価格\s?[:：]?\s?未定|preço sob consulta|pret la cerere"
                r"|preț la cerere|cena:? na zapytanie|cena do uzgodnienia|cena po zalogowaniu|cena na dotaz"
                r"|ceny vidí (pouze|jen) přihlášen|^\W*produsul nu mai este disponibil|^\W*kaina teikiama pagal užklausą"
                r"|cena na vyžádání|cena na vyžiadanie|cena na dopyt|cena po přihlášení|cena po prihlásení"
                r"|cena po povpraševanju|cena na povpraševanje|cijena na upit|^\W*cena na upit|cijena po dogovoru|ár érdeklődésre"
                r"|ár megegyezés szerint|aby zobaczyć cen|za prikaz cene|za prikaz cijene|az ár megtekintéséhez|az árak megtekintéséhez"
                r"|^\W*(log ?in|sign ?in) (to see|for) (the |our )?(trade|wholesale|dealer) pric(es?|ing)\W*$|^\W*가격은 출시(일)?에 공개됩니다|^\W*prodej (tohoto (produktu|zboží) )?(byl )?ukončen\W*$|^\W*(sản phẩm )?(đã )?ngừng kinh doanh\W*$"
                r"|^\W*(售價\s*[:：]?\s*)?(價格|价格)請?(來電)?洽詢|^\W*(售价\s*[:：]?\s*)?价格请?(来电)?洽询"
                r"|^\W*hinta( ja \w+)? (vahvistetaan|ilmoitetaan|julkaistaan|julkistetaan) myöhemmin"
                r"|(see|view) (our )?(low )?price in (the )?(cart|basket|checkout)|add (it |this item |this product )?to (your )?(cart|basket)"
                r" to see (the |our )?(low )?price|(our )?price is too low to (show|display|advertise)|preis im warenkorb|prix dans le panier|prezzo nel carrello"
                r"|aggiungi al carrello per (vedere|visualizzare) il prezzo|precio en el carrito"
                r"|añade al carrito para ver el precio|cena w koszyku|cena v košíku|cijena u košarici|cena v košarici"
                r"|see (the )?price before order confirmation|(click|tap) for the price|(click|tap) for price"
                r"|this listing (was|has been|has) ended|^\W*publicación finalizada\W*$|^\W*publicação finalizada\W*$|^\W*anuncio finalizado\W*$|listing has ended|this listing sold on|bidding has ended on this"
                r"|(?<!\w)sprzedaż zakończona|oferta (została )?zakończona|ta oferta zakończyła się|aukcja zakończona"
                r"|(this )?auction (has )?(ended|closed)" + _CLAUSE_END + r"|(diese )?auktion (ist )?beendet|enchère terminée"
                + r"|^\W*veiling (is )?gesloten\W*$|(deze )?veiling is gesloten( op)?\b|^\W*(dit |het )?kavel is gesloten\W*$"
                r"|^\W*(this )?lot (is |has )?closed\W*$"
                r"|(este )?lote (fue adjudicado y )?ya no recibe ofertas"  # an ended auction's lot
                r"|^\W*bidding (has )?ended\W*$|this auction (closed|ended) on\b|ez az aukció lezárult"
                r"|^\W*auktionen (är|har) (avslutad|avslutats)\W*$|^\W*auktionen avslutades\b|^\W*auktionen er (afsluttet|avsluttet)\W*$"
                r"|(この|本)オークションは終了(しています|しました)"
                # sold only inside a set: the set's price is another product's
                + r"|alleen verkrijgbaar (in|als) (een )?set|nur im set erhältlich|only (available|sold) as part of a set"
                # a made-to-order product's price, shown once it is built: "Build yours to see your price."
                + r"|(build|configure|customi[sz]e|design) (yours|your own|it|your \w+) to (see|get|view|reveal) (your|the) price"
                + r"|(the )?price (is )?(shown|displayed) (once|when) you('ve| have)? (made|chosen|selected) (all|your)"
                + r"|(complete|finish) (all|every|each|the) (\w+ )?steps\b[\w ,]{0,40}? to see (your|the) (exact )?price"
                + r"|pris(et)? visas när du (har )?(gjort|valt) (alla|dina)|\bpreis wird angezeigt, sobald sie"
                # a store-only price: shown once a store is picked
                r"|(choose|select|pick) (your|a) (local )?store to (see|view|show) (the )?price" + _NOT_IN_STORE
                + r"|(choose|select|pick|enter) (your |a )?(city|location|state|pin ?code|zip code|postcode)( to (see|view|check) (the"
                r"|your)| for( the)?) price"
                + r"|(choisissez|sélectionnez|choisir) (votre|un) magasin pour (afficher|voir|connaître) (le|son) prix"
                + _NOT_IN_STORE + r"|(wählen sie|wähle) (ihren|deinen|einen) (markt|baumarkt|filiale),? um (den )?preis"
                + _NOT_IN_STORE + r"|kies (je|uw|een) (winkel|filiaal|vestiging) (om|voor) (de )?prijs" + _NOT_IN_STORE
                + r"|καλέστε για τιμή|τιμή:?\s*κατόπιν (αιτήματος|επικοινωνίας|ζήτησης)|ζητήστε τιμή" + _CLAUSE_END
                # a made-to-measure product: its price once configured
                + r"|prijs wordt berekend na (de )?configuratie|pric(e|ing) (is |will be )?calculated (after|once) (you )?configur"
                r"|preis wird nach (der )?konfiguration berechnet|prix calculé après (la )?configuration"
                r"|(your |the )?price will (appear|show)( here)? (once|when|after) you|maak eerst (je|uw) keuze"
                # the options to choose first, not a store ("Choisissez votre magasin pour voir le prix": the online one stands)
                r"|(selecciona|elige|seleccione)\b" + _NO_STORE + r" para (calcular|ver) el precio|vælg\b" + _NO_STORE
                + r" for at se prisen|(wähle|wählen sie)\b" + _NO_STORE + r" um den preis zu (sehen|berechnen)"
                r"|choisissez\b" + _NO_STORE + r" pour (voir|calculer) le prix"
                # the price itself, as the clause opens ("Pris och leveransdatum är ännu inte fastställda"), not an
                # installation price's or a stone's
                r"|^\W*pris(et)?( och \w+)? är (ännu )?inte (fastställd|fastställt|fastställda|bestämt)"
                r"|^\W*(the )?price (is )?not yet (set|fixed|confirmed|determined)|^\W*(der )?preis steht noch nicht fest"
                r"|^\W*prisen er (endnu )?ikke (fastsat|fastsatt)"
                r"|price will be announced|pric(e|ing) (will be |to be |is )?revealed (on|at|when|before|soon)"
                r"|this (item|product|style) is (sold out|no longer available),? and (it )?(won.t|will not) be restocked"
                r"|pricing will be announced|(final )?pric(e|ing) will be (published|confirmed) (at|before) launch|pric(e|ing) and availability (will be|to be) announced|price:?\s*to be announced|harga( \w+){0,4} akan diumumkan"
                r"|цената ще бъде обявена|цена(та)? при запитване|ár kérésre|^\W*ціну уточнюйте\W*$|^\W*уточнюйте ціну\W*$"
                r"|^\W*ціна за запитом\W*$|^\W*цену уточняйте\W*$|^\W*уточняйте цену\W*$|^\W*цена по запросу\W*$"
                r"|prezzi riservati ai clienti|accedi per (il prezzo|vedere i prezzi|visualizzare i prezzi)"
                r"|prij(s|zen) zichtbaar na inloggen|le prix sera (annoncé|communiqué)|prix communiqué prochainement"
                r"|prix annoncé (au|lors du) lancement" + _NOTE_END + r"|pric(e|ing) announced at launch" + _NOTE_END
                + r"|inloggen voor (de )?prij(s|zen)|pris(et)?( och \w+)? meddelas|prisen (offentliggøres|kommer senere)"
                r"|prisen( og \w+)? (publiseres|offentliggjøres|annonseres)|pris og \w+ (publiseres|offentliggjøres|annonseres)"
                r"|(trade |wholesale |our )?prices? (are|is) (only )?(visible|available|shown|displayed) (only )?(to|for)"
                r" (approved|registered|logged[- ]in|verified|trade|wholesale)\b"
                # opening a sentence: "... brevemente. O preço será anunciado ...", not "PS5 Pro: o preço será anunciado"
                r"|(?:^|(?<=[.!]\s))o preço será (anunciado|divulgado)|(?:^|(?<=[.!]\s))el precio se (anunciará|dará a conocer)"
                r"|(?:^|(?<=[.!]\s))il prezzo sarà (annunciato|comunicato)"
                + "".join(rf"|^\W*{w}\W*$" for w in _IN_PRICE_BOX_ONLY)
                + r"|该商品已下柜|该商品已下架|^\W*価格(・発売日)?は決まり次第"
                r"|^\W*giá\s*:?\s*liên hệ\W*$|^\W*produk (ini )?tidak tersedia\W*$|produk ini sudah tidak dijual"
                r"|^\W*harga\s*:?\s*hubungi kami\W*$"  # Indonesian "Price: contact us", the whole text
                # a price-comparison page with no shop offering it now
                r"|^\W*δεν είναι διαθέσιμο σε κανένα κατάστημα( αυτή τη στιγμή)?\W*$"
                # a classified ad that asks for bids instead of a price: "Pris: Bud ønskes"
                r"|\bbud ønskes|\bbud önskas|\bbud modtages|\bgiv et bud\b|\boffers wanted\b"
                r"|to see (our|product) price,? add (this item|it) to (your )?(basket|cart)|(हमारी )?कीमत देखने के लिए,?( इस आइटम को)?( अपनी)? कार्ट में जोड़ें|price:? (tba|tbc)\b|^\W*hinta (ja [\w ]{1,30}?)?(julkaistaan|ilmoitetaan) (pian|myöhemmin)|^\W*prijs volgt( binnenkort| later)?\W*$|^\W*kaina bus paskelbta|cena bo objavljena|cena:? na základe konfigurácie|cena:? podle konfigurace|^\W*cena tiks paziņota|^\W*hind (avaldatakse|teatatakse) (peagi|hiljem)|^\W*de prijs wordt (binnenkort|later) bekend ?gemaakt|^\W*priset (meddelas|kommer) (snart|senare)\W*$|^\W*prisen (offentliggøres|følger|kommer) (snart|senere)\W*$|^\W*el precio se anunciará|^\W*prezzo in arrivo|^\W*prezzo disponibile a breve|^\W*pric(e|ing)( and [\w ]{1,30}?)? (will be |to be |is )?announced( soon| at launch| shortly| later)?\b|price to be confirmed|\bquote only\b|prix\s?:? sur devis|판매가? ?종료된 상품|^\W*회원\s?공개\W*$|회원에게만 공개|판매가 종료되었습니다|(dieser artikel|dieses produkt) ist (leider )?ausverkauft und nicht mehr (lieferbar|erhältlich)|(das modell|der artikel|das produkt) wurde vom hersteller eingestellt|nur in (der|unserer) filiale erhältlich|nur im (laden|geschäft|store) erhältlich|only available in (our )?(stores?|showroom)|^\W*(disponibile|acquistabile) solo in (showroom|negozio)\W*$|^\W*nur im showroom erhältlich\W*$|^\W*렌탈 ?전용( ?상품)?\W*$|\bin-store only\b|uniquement en magasin|solo (disponible )?en tienda|log ?in or (apply|register)[\w\s]{0,30} to (see|view) (our |the )?prices|prix sur soumission|(dit|het) model is niet meer (leverbaar|verkrijgbaar)|\bpreise sehen sie (erst )?nach (der )?(anmeldung|login)|pric(e|ing) (up)?on enquiry|\bpreis wird (zum|beim|bei|nach|zur) \w+ bekannt ?gegeben|^\W*(the )?pric(e|ing) (will be|to be) confirmed|preis wird nach (eingabe|angabe) (ihrer|der) maße berechnet|(dieser artikel|dieses produkt|das produkt|der artikel|dieses modell) wurde (leider )?aus (dem|unserem) sortiment genommen|only (available|sold) as part of (a|the|our) [\w\s-]{0,40}(set|kit|bundle)\b|pric(e|ing):? request a quote|^\W*épuisé\W+plus commercialisé|le prix n.est plus affiché|prices? (is|are) no longer (shown|displayed)"
                r"|identifiez-vous pour (accéder à|voir|consulter) (vos|nos|les) (tarifs|prix)|(click|tap) to (see|view|reveal) (the )?price"
                r"|no longer (manufactures|makes|produces) (this|the) (product|item|model|camera)"
                r"|prix à confirmer|preis folgt|(tuote on )?poistunut valikoimasta|utgått ur sortimentet|udgået af sortimentet"
                r"|utgått fra sortimentet|nicht mehr im sortiment|uit het assortiment"
                r"|(dit product|dit artikel) is uit (ons|het) assortiment(?=\s*([.!,;]|$|en\b))"
                r"|preis wird (noch )?bekannt gegeben|el precio se anunciará|il prezzo sarà comunicato"
                r"|\bpreise (sind )?nur für (registrierte |angemeldete )?(geschäftskunden|gewerbekunden|fachhändler|händler)|prix réservés aux professionnels"
                r"|prices for trade customers only|trade prices? only|login for price"
                r"|precio exclusivo para (distribuidores|mayoristas|profesionales)"
                r"|inicia sesión para ver (los |el )?precios?|faça login para ver (o |os )?preços?"
                r"|^\W*가격\s?(문의|상담)\W*$|ログインで表示|ログイン後に表示|ログインして(卸)?価格を見る|登录后查看价格|登入後顯示價格|로그인 후 가격"
                r"|سيتم الإعلان عن السعر|السعر عند الطلب"
                # no longer sold, in words a replacement's price may stand beside
                r"|(此|本)?商品已下架|已停止(販售|销售)|本商品已絕版|本商品已绝版|この商品は絶版|(производ|артикал) више није у понуди|(proizvod|artikal|artikl)"
                r" više nije u ponudi|produsul nu mai este comercializat|ürün artık satılmamaktadır|bu ürün (artık )?satışta değil(dir)?"
                r"|товар знято з продажу|produkt wycofany ze sprzedaży"
                # Amazon's, over its used offers
                r"|we don'?t know when or if this item will be back in stock|ob und wann dieser artikel wieder vorrätig"
                r"|nous ne savons pas (quand|si) cet article|no sabemos (si|cuándo) este producto volverá"
                r"|non sappiamo se e quando (questo|l')\s?articolo"
                # a rental: its day and week rates are no price to buy it at
                r"|available (to|for) hire only|(to|for) hire only|alleen (te )?(verhuur|huur)|nur zur miete"
                r"|^\W*(for )?rental only\b(?![^.!]*\?)|available (to|for) rent only|(this|the) (product|item|kit) is not for sale" + _CLAUSE_END
                + r"|nur (zur )?vermietung|uniquement (à la|en) location|location uniquement|solo (a )?noleggio"
                # an out-of-print book, whose used copies other sellers offer
                r"|^\W*out of print\W*$|(this|the) (edition|title|book) is (now )?no longer (published|in print)"
                r"|(this|the) (edition|title|book) is (now )?out of print"
                r"|^\W*endast (för )?uthyrning\W*$|^\W*kun til udlejning\W*$|^\W*kun udlejning\W*$|^\W*kun (for )?utleie\W*$"
                r"|finns (endast|bara) (för|till) uthyrning|er kun til (leje|udlejning)\b"
                r"|^\W*nur (zur )?miete\W*$|(kann|können) (bei uns )?(nur|ausschließlich) (gemietet|geliehen|ausgeliehen) werden"
                r"|((este|esta|o|a) )?(equipamento|produto|artigo|máquina) (está )?disponível apenas para (aluguer|aluguel)"
                r"|^\W*(só|apenas|somente) (disponível )?para (aluguer|aluguel)\b|não vendemos (este|esta) (equipamento|produto|artigo|máquina)"
                # a page for a region the product is not sold to
                # (a question, "… not available in your country? Find a distributor", points elsewhere)
                r"|(this|the) (item|product) (is not|isn.t|is currently not) available (in|to) your (region|country)(?!\s*\?)"
                r"|(ce produit|cet article|le produit|l.article) n.est pas disponible dans votre (pays|région)(?!\s*\?)"
                r"|(dieser|der|das|dieses) (artikel|produkt) ist (leider )?in ((ihrem|deinem) land|(ihrer|deiner) region) (leider )?nicht"
                r" (verfügbar|erhältlich)"
                r"|precio (bajo|según|previo) presupuesto|^\W*precio según (medidas|medida|configuración)( y configuración)?(?=\s*[.!]|\s*$)|^\W*prezzo( e [\w ]{1,30}?)? (sarà|saranno) comunicat[oi] (a breve|presto|più avanti)|^\W*cena( a [\w ]{1,30}?)? (bude|budou) upřesněn[aéy]?\b|precio (a|por|bajo) consulta|solo (en )?alquiler|(este|el) (equipo|producto|artículo) no está a la venta|tämä (laite|tuote|kone) on vain vuokrattavissa|^\W*pouze (pronájem|k pronájmu)\W*$"
                # a product that is no longer sold (a replacement's price may stand beside it)
                r"|(this|the) (product|item|model|article) (is|has been) (unfortunately |sadly )?no longer (available"
                r"|sold|for sale|stocked|made"
                r"|produced|in production|available for (new )?(purchase|order)|available to (buy|order|purchase))" + _CLAUSE_END
                + r"|(this|the) (product|item|model|article) (is|has been) discontinued" + _CLAUSE_END
                + r"|(den här |denna )?(produkten|varan|artikeln) (säljs|finns) inte längre" + _CLAUSE_END
                + r"|(dieser artikel|dieses produkt|der artikel|das produkt) (ist )?(leider )?nicht mehr (lieferbar|erhältlich"
                r"|verfügbar)" + _CLAUSE_END
                + r"|(dieser artikel|dieses produkt) wird nicht mehr (hergestellt|verkauft|angeboten)" + _CLAUSE_END
                + r"|(ce produit|cet article|ce modèle) n['’]est plus (disponible|vendu|commercialisé|fabriqué|en vente)" + _CLAUSE_END
                + r"|(dit product|dit artikel) is niet meer (leverbaar|verkrijgbaar|beschikbaar)" + _CLAUSE_END
                + r"|(dit product|dit artikel) wordt niet meer (verkocht|geleverd|gemaakt)" + _CLAUSE_END
                + r"|(produktet|varen) (sælges|forhandles|selges) ikke l(ængere|enger)" + _CLAUSE_END
                + r"|(produktet|varen) er udgået" + _CLAUSE_END + r"|^\W*udgået vare\W*$" + r"|(det|den) (produceres|fremstilles) ikke (igen|længere)" + _CLAUSE_END
                + r"|tento (produkt|výrobek) (již|už) není v nabídce" + _CLAUSE_END + r"|(produktet|varen) er utgått" + _CLAUSE_END
                + r"|(þessi )?vara er hætt í sölu" + _CLAUSE_END
                + r"|(produkt|výrobek) se (již|už) neprodává" + _CLAUSE_END
                + r"|(este producto|este artículo) ya no (está disponible|se vende|se fabrica)" + _CLAUSE_END
                + r"|questo (prodotto|articolo) non è più (disponibile|in vendita)" + _CLAUSE_END
                + r"|este (produto|item) não está mais disponível" + _CLAUSE_END
                + r"|este (produto|item) foi descontinuado" + _CLAUSE_END
                + r"|este (produto|item) saiu de linha" + _CLAUSE_END
                + r"|(sin stock\W+|^\W*|este )producto (está )?discontinuado" + _CLAUSE_END  # not "Reemplaza al X, producto ..."
                + r"|no hay vendedores disponibles para este producto( nuevo)?" + _CLAUSE_END
                + r"|não há vendedores disponíveis para este produto( novo)?" + _CLAUSE_END
                + r"|販売終了|生産終了"
                # a price slot the page leaves blank until something is chosen: "Jouw prijs: –", "Å betale: – kr"
                + "".join(rf"|^\W*{w}\s*:\s*[–—-]\s*(kr|€|eur|\$|£|,-)?\.?\s*($|(kies|choose|select|wähle|velg|välj"
                          r"|vælg|choisissez|elige|scegli)\b)" for w in _BLANK_PRICE_LABELS))


@cache
def _no_price() -> re.Pattern[str]:
    """The no-price statements, compiled when a page first holds one of their words (most never do:
    the compiling costs a scrape run 13 ms)."""
    return _rx(_NO_PRICE_TEXT)


_WORD = compiled(r"[^\W\d_]{2,}")
_RANGE_SEP = compiled(r"^\s*(-|–|—|to|bis|à|a|tot|till|til|~|〜|～|－)\s*$", re.I)
_TOTAL_LEFT = _rx(r"(total|(?<!prezzo )totale|(?<!pris )totalt|subtotal|summe|zwischensumme|sous-total|totaal|summa|i alt|合計|小計|小计|basket|cart|warenkorb"
                  r"|panier|winkelwagen|varukorg|kurv)[\s:：]*$"
                  r"|\bwith (shipping|delivery|postage) to\b[^:.]{0,40}:\s*$")  # "Total with shipping to United Kingdom:"

_CONFIGURATOR = compiled(r"configurator|configure|builder", re.I)


def _configured(el: _Element) -> bool:
    """Whether ``el`` (or an element up to three levels above it) is a configurator's: its "Total" is the
    price of the product as configured, not a basket's ("data-configurator-target='total'")."""
    return any(_CONFIGURATOR.search(f"{k} {v}") for node in (el, *islice(el.iterancestors(), 3))
               for k, v in node.attrib.items())


@dataclass
class Seen:
    """One visible amount and what the heuristic made of it."""

    match: PriceMatch
    element: _Element
    text: str
    currency: str | None
    reason: str | None = None  # why it is not the price
    was: bool = False
    weak: bool = False  # a was price only by a "regular" mark: revived when no lower price stands beside it
    low: bool = False
    incl: bool = False
    excl: bool = False
    piece: bool = False  # labelled as a piece's price ("Цена по комаду"): a unit price beside a higher one (the pack's)
    first_tier: bool = False  # the price in a quantity table's first row (``_first_tier``): the price of one
    own_used: bool = False  # labelled the price of a used item ("Prix seconde main :"): a resale shop's, if no other stands
    score: float = 0.0


@dataclass
class Scan:
    """What the heuristic found on a page: every amount, the winner, the was price beside it."""

    seen: list[Seen] = field(default_factory=list)
    best: Seen | None = None
    was: Decimal | None = None
    confidence: float = 0.0
    note: str | None = None  # why there is no winner
    bare: Seen | None = None  # with no winner: an amount without a currency sign in the product's price spot


_FRAGMENT = compiled(r"[\d.,'\s]{1,12}|\d[\d.,']{0,9}[.,][-–—]{1,2}|\d[\d.,']{0,9}[.,]\d\d\s?[-–~]\s?\d[\d.,']{0,9}[.,]\d\d|[^\d\s]{1,4}\s?|[^\d\s]{1,4}\s?[\d.,'\s]{1,12}")


def _container(node: _Element, text_of: Callable[[_Element], str]) -> tuple[_Element, str] | None:
    """The smallest element around ``node`` whose text holds a whole currency-marked price; climbs
    (at most three levels) only from a fragment of a split price such as ``1,299`` or ``£``."""
    el: _Element = node
    text = text_of(el)
    for _ in range(3):
        if find_prices(text) and not (_EURO_CENTS.fullmatch(text) and _after_digit(el)) and not (
                _cents_follow(el, text) and len(find_prices(text_of(el.getparent()))) == 1):  # the parent: this price alone
            return el, text
        if not _FRAGMENT.fullmatch(text):
            return None
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        parent_text = text_of(parent)
        if len(parent_text) > MAX_CONTAINER:
            return None
        el, text = parent, parent_text
    return (el, text) if find_prices(text) else None


_EURO_CENTS = compiled(r"\s*€\d\d\s*")  # "22<sup>€50</sup>": the cents of 22,50 €, the euro sign as its point


def _cents_follow(el: _Element, text: str) -> bool:
    """Whether the cents of ``el``'s whole amount stand in the next element ("<span>$4</span><span
    class="price-cents">.50</span>"): then the parent holds the price."""
    nxt = el.getnext()
    return bool(text[-1:].isdigit() and nxt is not None and not (el.tail or "").strip() and is_fraction(nxt)
                and _CENTS.fullmatch((nxt.text or "").strip()))


_CENTS = compiled(r"[.,]?\d\d")


def _after_digit(el: _Element) -> bool:
    """Whether ``el`` is a superscript glued to digits right before it (its previous sibling's tail,
    else its parent's text): "22<sup>€50</sup>", not "Set of 2 <span>€95</span>"."""
    if el.tag != "sup" and not is_fraction(el):
        return False
    prev = el.getprevious()
    parent = el.getparent()
    before = (prev.tail if prev is not None else parent.text if parent is not None else None) or ""
    return before[-1:].isdigit()


def _collect_containers(page: Page, root: _Element, excluded: Callable[[_Element], bool],
                        containers: dict[_Element, str]) -> None:
    """The elements under ``root`` that each hold one whole visible price, with their text."""
    for el, text in _containers(page, root, excluded):
        if el not in containers:
            containers[el] = text


def _containers(page: Page, root: _Element, excluded: Callable[[_Element], bool]) -> Iterator[tuple[_Element, str]]:
    """Each element under ``root`` that holds one whole visible price, with its text, in page order
    (an element may come more than once)."""
    text_of = page.text_of
    for el, is_tail in page.nodes_with_digits(root):
        if el.tag in _SKIP_PARENTS:
            continue
        node = el.tail if is_tail else el.text
        if len(node) > 400 or (not has_currency(node) and not _FRAGMENT.fullmatch(node.strip())):
            continue  # prose, or no currency and too much text to be one piece of a split price
        host = el.getparent() if is_tail else el
        if host is None or host.tag in _SKIP_PARENTS or excluded(host):
            continue
        key = ("container", host)
        found = page.memo[key] if key in page.memo else page.memo.setdefault(key, _container(host, text_of))
        if found is not None:
            yield found


_COUNT = compiled(r"\(\d+\)")
_HEADINGS = frozenset({"h1"})  # the product's title is no label of the price under it ("<h4>Was</h4>" is)
_LABEL_TAGS = frozenset({"dt", "label", "span", "th", "b", "strong", "small", "em", "div"})
_LABELLED = frozenset({"dd", "span", "div", "strong", "b", "em", "bdi", "ins"})  # wrappers a label stands before


def _neighbour_text(el: _Element, before: bool) -> str:
    """Short text just before / after an element (its sibling's or parent's). Before it: past a hidden
    copy of the same amount (Amazon's a-offscreen), and, from the first thing in a wrapper, the
    wrapper's label (three levels at most, and only a short label element's words without an amount:
    ``<dt>PLUS价</dt><dd><span>￥2949``); never the h1. After it, from an element that is the last
    thing in an inline parent, the parent's next label counts too (two levels at most, and only a
    label without digits): the "HT" of ``<span><bdi>1 020,00 €</bdi></span> <small>HT</small>``, past hidden
    siblings between them."""
    sib = el.getprevious() if before else el.getnext()
    if before:
        own = None
        while sib is not None and isinstance(sib.tag, str) and not (sib.tail or "").strip() \
                and " ".join(text_content(sib).split()) == (own := own or " ".join(text_content(el).split())):
            el, sib = sib, sib.getprevious()
        for level in range(3):  # the first thing in its parent: the parent's label ("<dt>PLUS价</dt><dd><span>￥2949")
            parent = el.getparent()
            lead = " ".join(((sib.tail if sib is not None else (parent.text if parent is not None else None)) or "").split())
            if not lead and sib is not None and isinstance(sib.tag, str) and sib.tag not in _HEADINGS:
                lead = " ".join(text_content(sib).split())[-_WINDOW:]
            if lead:  # from further up, only a label element's: not a heading, a block or another amount
                label = sib is not None and sib.tag in _LABEL_TAGS and len(lead) <= 32
                if sib is None and len(lead) <= 60 and any(c.isalpha() for c in lead) and not find_prices(lead):
                    return lead  # the wrapper's parent's own words before it: "<small>Lowest price of 30 days: <span><bdi>"
                words = _COUNT.sub("", lead)  # "D'occasion (2) à partir de": a count in brackets is no amount
                return lead if level == 0 or (label and not has_digit(words) and any(c.isalpha() for c in lead)) else ""
            if parent is not None and parent.tag == "td" and sib is None:
                return _row_label(parent)
            if parent is None or parent.tag not in _LABELLED:
                return ""
            el, sib = parent, parent.getprevious()
        return ""
    node = el
    skipped = False
    while sib is not None and isinstance(sib.tag, str) and hides(sib) and not (node.tail or "").strip():
        node, sib, skipped = sib, sib.getnext(), True  # past hidden siblings (other variants' prices) to the words after
    if skipped:  # only their tail ("bez DPH"), never the next element (the next amount's label)
        return " ".join((node.tail or "").split())[:_WINDOW]
    for level in range(3):
        tail = " ".join((node.tail or "").split())
        if tail and (level == 0 or not has_digit(tail)):
            return tail[:_WINDOW]
        if sib is not None and isinstance(sib.tag, str):
            text = " ".join(text_content(sib).split())
            return text[:_WINDOW] if level == 0 or not has_digit(text) else ""
        parent = node.getparent()
        if tail or sib is not None or parent is None:
            return ""
        if parent.tag not in _INLINE:
            return _vat_label_after(parent)
        node = parent
        sib = node.getnext()
    return ""


def _short_text(el: _Element, limit: int) -> str | None:
    """``el``'s text, spaces collapsed, when it is at most ``limit`` characters; None for a longer one (read only as
    far as the limit)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len("".join(piece.split()))  # its characters but spaces: never more than the collapsed text's length
        if size > limit:
            return None
    text = " ".join("".join(parts).split())
    return text if len(text) <= limit else None


# a quantity table's first row, the single unit's: "Bis 4", "1 - 9 Stück", "ab 1", "1+"
_FIRST_TIER = _rx(r"^\W*((bis|up to|jusqu'à|tot|fino a|hasta|até|do|till|upp till|op til|opp til)\s+\d+|1(\s*[-–]\s*\d+|\s?\+)?"
                  r"|(ab|from|od|vanaf|à partir de|desde|da|fra|från|alkaen)\s+1)"
                  r"(\s*(stück|stk|st|pcs|pieces|units?|unidades|pièces|pezzi|szt|ks|kpl)\.?)?\W*$")


def _first_tier(el: _Element) -> bool:
    """Whether ``el`` is the price in a quantity table's first row of prices, whose label says it is the single unit's
    ("Bis 4" then "Ab 5"; not the "Bis 9" of a second row)."""
    row = next((a for a in islice(el.iterancestors(), 5) if a.tag == "tr"), None)
    if row is None or not len(row) or row[0] is el or el in row[0].iterdescendants():
        return False
    if any(r.tag == "tr" and r.find(".//td") is not None for r in row.itersiblings(preceding=True)):
        return False  # a row of prices before it (a header row has none)
    return bool(_FIRST_TIER.match(plain_text(row[0])))


def _row_label(cell: _Element) -> str:
    """The header of a two-cell row, for the amount that opens its other cell ("<tr><th>Původní cena:</th><td>3 290
    Kč"): a short label without digits that names a price, else nothing (a size table's "38 | 24,6 cm", a tier's
    "1 unidade | R$ 42,90", an edition's "Original | £74.99"): a price's name ("Původní cena", "通常価格", "定価") or a
    subscription's ("定期お届け便"); or a quantity table's row past the first ("10 - 49 piezas")."""
    row = cell.getparent()
    head = cell.getprevious()
    if row is None or len(row) != 2 or head is None or head.tag not in ("th", "td") or (head.tail or "").strip():
        return ""
    label = plain_text(head)
    if 0 < len(label) <= 32 and (_MULTIBUY_LEFT.search(label) or _QUANTITY_ROW.search(label)):
        return label
    return label if 0 < len(label) <= 32 and not has_digit(label) and (
        _PRICE_WORD.search(label) or _SUBSCRIPTION_LEFT.search(label)) else ""


def _label_before(s: Seen) -> str:
    """The label in the table cell before the one ``s`` opens ("<td>Unser Preis:</td><td><b>€ 549,00</b></td>"), an old
    table layout's price row (``_row_label``); "" elsewhere."""
    if s.text[:s.match.start].strip():
        return ""
    cell = next((a for a in (s.element, *islice(s.element.iterancestors(), 3)) if a.tag == "td"), None)
    return _row_label(cell) if cell is not None else ""


def _row_head(cell: _Element) -> str:
    """The header cell opening the table row ``cell`` is in ("<tr><th>1 day</th><td>£95.00</td><td>£114.00</td>"),
    for the amounts in its other cells; "" outside such a row."""
    for a in (cell, cell.getparent()):
        if a is not None and a.tag == "td":
            row = a.getparent()
            if row is not None and row.tag == "tr" and row[0].tag == "th" and row[0] is not a:
                return plain_text(row[0])
    return ""


def _vat_label_after(block: _Element) -> str:
    """The VAT label standing alone after the block an amount ends (PrestaShop's ``<div class="current-price">...
    </div></div><div class="tax-shipping-delivery-label">HT</div>``): two blocks up at most, nothing between."""
    for _ in range(2):
        if (block.tail or "").strip():
            return ""
        nxt = block.getnext()
        if nxt is not None and isinstance(nxt.tag, str):
            text = _short_text(nxt, 24)  # a label's length at most: the next block is often a whole section
            if not text or has_digit(text) or not (_EXCL_CTX.search(text) or _INCL_CTX.search(text)):
                return ""
            return "" if any(has_digit(text_content(s)) for s in nxt.itersiblings()) else text  # not the next amount's label
        block = block.getparent()
        if block is None:
            return ""
    return ""




_MAGENTO_PRICE_TYPES = frozenset({"oldPrice", "finalPrice"})


def price_marked(el: _Element) -> bool:
    """Whether ``el`` or one of its three nearest ancestors is classed as a price."""
    return bool(_PRICE_ATTR.search(" ".join(_chain_attrs(el, 3)[0])))


def _chain_attrs(el: _Element, depth: int = 4) -> tuple[list[str], bool]:
    """Attribute words of ``el`` and a few ancestors, nearest first; whether any is struck through."""
    levels = []
    struck = False
    node: _Element | None = el
    for _ in range(depth):
        if node is None or node.tag in ("body", "main"):
            break
        if node.tag in ("del", "s", "strike") or "line-through" in (node.get("style") or ""):
            struck = True
        bits = [node.get("class") or "", node.get("id") or "", node.get("itemprop") or "",
                node.get("data-hook") or "", node.get("data-testid") or "",  # Wix's and React shops' names
                node.get("data-automation") or node.get("data-automation-id") or ""]  # Walmart's
        if node.get("data-price-type") in _MAGENTO_PRICE_TYPES:  # not its basePrice (without tax), no unit price
            bits.append(node.get("data-price-type") or "")
        bits.extend(k for k in node.keys() if k.startswith("data-"))  # noqa: SIM118
        levels.append(" ".join(bits).lower())
        node = node.getparent()
    return levels, struck


def _was_marked(levels: list[str]) -> str | None:
    """The nearest element marked either way decides: ``price--was`` inside ``price--sale`` is a was
    price ("strong"); a ``regular`` mark is "weak"."""
    for level in levels:
        mark = _level_mark(level)
        if mark is not None:
            return mark or None
    return None


@lru_cache(maxsize=4096)
def _level_mark(level: str) -> str | None:
    """One element's names: "strong", "weak", "" (marked as the price now) or None (unmarked). Cached: a shop's
    class strings repeat on every page, and each test is a long case-blind alternation."""
    level = _WITH_WAS.sub("", _VTEX_HANDLE.sub("", level))
    if _WAS_ATTR.search(level):
        return "strong"
    if _NOW_ATTR.search(level):
        return ""
    if _WEAK_WAS_ATTR.search(level):
        return "weak"
    return None


_WAS_REASON = "struck-through or was / list price"
MULTIBUY = "multibuy / quantity price"
RUNNING_TEXT = "inside running text"
TITLE_PRICE = "an amount ending the product's title (its price only when the page names no other)"
UNCHOSEN = "an option the page has not selected"
MEMBER = "member / club price (for shoppers who sign up or log in)"
RANGE_TOP = "upper end of a price range"
LOWEST_30 = "lowest price of the last 30 days (a reference the law asks for, not the price)"
HIRE = "a hire rate for a length of time (a rental, not a price to buy it at)"
DEPOSIT = "a deposit, a sample or an 'up to' figure (not a price to buy the product at)"
USED = "used or another seller's offer"


# a unit price says its unit somewhere beside it; a class alone ("base-price__regular") may mean the product's price
_UNIT_WORDS = _rx(r"(?<![a-z])(kg|g|gr|l|lt|ltr|ml|cl|m|m2|m²|m³|stk|st|stück|pc|pcs|piece|unit|kilo\w*|liter|litre|litro"
                  r"|lb|oz|metro|mètre|meter|stuk|kpl|szt|ks|db|buc|adet|ea|unidad|unité|pz|pezzo|100|1000|each|je|pro"
                  r"|per|par|à|por|al|le|la)(?![a-z])|/|=")


def _unit_marked(levels: list[str], attrs: str) -> bool:
    """Whether the class / id names mark a unit price; not an element whose own names call it the sale
    price as well ("productPrice ecPriceSale js_scl_unitPrice": a price per item, as a shop means it)."""
    if not _UNIT_ATTR.search(attrs):
        return False
    own = levels[0] if levels else ""
    return not (_UNIT_ATTR.search(own) and _SALE_WORD.search(_UNIT_ATTR.sub(" ", own)))


_SALE_WORD = _rx(r"sale|special|promo|reduced|discount")  # a sale mark, not a block name ("product-price")


_BLOCKS = frozenset({"div", "p", "ul", "ol", "table", "section", "dl", "form"})


def _inline_text(el: _Element, whole: str) -> str:
    """``el``'s text less its block children's ("U$S 329" over "<div>Aprox. $ 13.160 pesos ...</div>")."""
    for child in el:
        if isinstance(child.tag, str) and child.tag in _BLOCKS:
            text = normalize(visible_text(child))
            if text:
                whole = whole.replace(text, " ", 1)
    return whole


def _waived_delivery(el: _Element) -> bool:
    parent = el.getparent()
    return parent is not None and bool(_DELIVERY_LINE.search(" ".join(text_content(parent).split())[:200]))


def _is_fee(left: str, right: str) -> bool:
    """Whether the amount is a fee the price includes: its word right before it ("Éco-participation :
    2,00 €"), or right after it when an "of which" opens it ("dont 10,00 € d'éco-participation")."""
    before = re.split(r"\d", left)[-1]
    after = re.split(r"\d", right, maxsplit=1)[0]
    return bool(_FEE_CTX.search(before) or (_FEE_INCLUDES.search(before) and _FEE_CTX.search(after)))


_PIECE_RIGHT = _rx(r"^[\s*]*/\s*(stk|stück|st|unit|piece|pcs|pc)\.?(?![a-z])")


def _sold_by_the_piece(right: str, left: str, attrs: str, el: _Element) -> bool:
    """Whether "49,99 € / Stück" is the price of the piece the page sells, not a pack's price a piece: bare beside
    an amount marked as the price, not in brackets ("(0,20 € / Stück)"), in an element named a unit or base price, or
    in a quantity table."""
    return bool(_PIECE_RIGHT.match(right)) and "(" not in left[-3:] and not _UNIT_ATTR.search(attrs) \
        and "unit" not in attrs and "base" not in attrs and "price" in attrs and not _quantity_row(el)


def _quantity_row(el: _Element) -> bool:
    """Whether ``el`` sits in a table row beside another cell with a number ("ab 12 Flaschen | 49,90 € / Stk."):
    a quantity table's price a piece, not a row that labels the price ("Preis | 4,90 € / Stk.")."""
    cell = next((a for a in (el, *islice(el.iterancestors(), 3)) if a.tag in ("td", "th")), None)
    row = cell.getparent() if cell is not None else None
    return row is not None and any(c is not cell and has_digit(text_content(c)) for c in row)


def _was_label(left: str) -> bool:
    """Whether the words before an amount call it a was price; not a label that follows the amount before
    them ("1.199,- Adviesprijs 1.049,-": the advised price is the 1.199)."""
    m = _WAS_LEFT.search(left)
    return m is not None and not (_AFTER_ITS_AMOUNT.search(m.group()) and _PRICE_BEFORE.search(left[:m.start()]))


# a piece's price, named before it: "Цена по комаду:", "Cijena po komadu", "Цена за штуку" (alone, the price of one)
# a piece's share of a pack's price, or what the price comes to a piece ("(svarer til 29,99 kr. pr. nøgle)")
_PIECE_LEFT = _rx(r"((цена|cena|cijena) po komadu|цена по комаду|(цена|ціна) за (штуку|шт\.?)|svarer til|tilsvarer|motsvarar"
                  r"|vastaa|entspricht|komt overeen met|odpowiada|odpovídá)[\s:.]*$")
_AFTER_ITS_AMOUNT = _rx(r"adviesprijs|adviesverkoopprijs|prix conseillé|prezzo consigliato|listenpreis")  # "1.199,- Adviesprijs"
_PRICE_BEFORE = compiled(r"(\d[.,]\d\d|\d\s?[,:]-|[€$£¥]\s?\d[\d.,]*)\s*$")
# Wix's hook on the price to pay: the words before it are its secondary (was) price's screen-reader label ("Normalpris")
# a price element's own class that says it holds the current price, whatever label stands before it (Impulse's
# visually hidden "Normalpris" before its "product__price on-sale")
_CURRENT_HOOK = compiled(r"formatted-primary-price|(?<![\w-])on-sale(?![\w-])")


def _classify(s: Seen, left: str, right: str, levels: list[str], struck: bool, whole: str) -> None:
    """Why ``s`` is not the price, if it is not. ``left`` / ``right`` are the words right beside the
    amount (a neighbouring element's when its own element has none); ``whole`` is its own element's
    text, the only place wide context words (shipping, finance, used) are looked for."""
    ctx = whole
    own_left = whole[:s.match.start]  # its own element's words before it
    own_near = own_left[-_WINDOW:]
    attrs = " ".join(levels)
    mark = _was_marked(levels)
    s.piece = _PIECE_LEFT.search(left) is not None
    in_tier_table = MULTIBUY_ATTR.search(attrs) is not None
    if struck or (_was_label(left) and not (levels and _CURRENT_HOOK.search(levels[0]) and not own_left.strip())) \
            or mark == "strong":
        s.reason, s.was = _WAS_REASON, True
    elif (_UNIT_RIGHT.search(right) and not _sold_by_the_piece(right, left, attrs, s.element)) or _UNIT_LEFT.search(left) or (
            _unit_marked(levels, attrs) and _UNIT_WORDS.search(f"{left[-30:]} {whole} {right[:30]}")):
        s.reason = "unit price"
    elif _MONTHLY_RIGHT.search(right) or _MONTHLY_LEFT.search(left) or _finance_said(ctx, s.match) \
            or (_PER_YEAR_RIGHT.match(right) and left.rstrip().endswith("(")) \
            or (_PARTS_LEFT.search(left) and _PAY_WORD.search(ctx[:s.match.start])) \
            or _MONTHLY_ATTR.search(attrs):  # noqa: SIM114
        s.reason = "monthly / finance figure"
    elif _SHIPPING_CTX.search(_PLUS_SHIPPING.sub(" ", ctx)) or _SHIPPING_ATTR.search(attrs) or _SHIPPING_LEFT.search(left) \
            or _CARRIER_LEFT.search(left) or _PICKUP_LEFT.search(own_left) or (_FREE_LEFT.search(left) and _waived_delivery(s.element)) \
            or _LOCKER_LEFT.search(own_near) \
            or _PLUS_SHIPPING_LEFT.search(own_near) or _EACH_WAY_RIGHT.match(right):
        s.reason = "shipping cost or threshold"
    elif (_TAX_AMOUNT_LEFT.search(left) and not _EXCL_CTX.search(left[-24:]) and not _INCL_CTX.search(left[-24:])) \
            or _TAX_AMOUNT_ATTR.search(levels[0] if levels else ""):
        s.reason = "the tax in the price, not the price"
    elif _THRESHOLD_LEFT.search(left) or _THRESHOLD_RIGHT.search(right) or _free_from(s, whole) \
            or (_MORE_TO_FREE_LEFT.search(left) and right.lstrip().startswith("で送料無料")):
        s.reason = "a spend threshold (a promotion's or free shipping's)"
    elif _is_fee(left, right):
        s.reason = "a fee the price includes (recycling, eco-participation)"
    elif _SAVE_LEFT.search(left) or _SAVE_RIGHT.search(right) or _SAVE_ATTR.search(" ".join(levels[:2])):
        s.reason = "saving amount"
    elif (_MULTIBUY_LEFT.search(left) and not _PACK_OF.search(left)) or _QUANTITY_ROW.search(left) \
            or _MULTIBUY_RIGHT.search(right) \
            or (in_tier_table and not _first_tier(s.element)) or _BOUGHT_WITH.search(own_left):
        s.reason = MULTIBUY
    elif _LOWEST_30_LEFT.search(left):
        s.reason = LOWEST_30
    elif _APPROX_LEFT.search(left) or _APPROX_ATTR.search(attrs):
        s.reason = "approximate conversion"
    elif _FACE_VALUE_LEFT.search(left):
        s.reason = "a coin's or stamp's face value or issue price, not the shop's"
    elif _USED_CTX.search(ctx) or _USED_CTX.search(left) or _used_attr(s.element, attrs) \
            or _OTHER_OFFERS_LEFT.search(left) or _OTHER_OFFERS_LEFT.search(own_near) \
            or _OTHER_OFFERS_RIGHT.search(right):
        s.reason, s.own_used = USED, _OWN_USED_LABEL.search(left) is not None
    elif _ROUNDED_RIGHT.search(right):
        s.reason = "a rounded figure in millions or thousands (a filter's or a banner's, 'Rp1 jt')"
    elif _POINTS_RIGHT.search(right) or _POINTS_LEFT.search(left):  # "earn 1 point per $1": a loyalty rate
        s.reason = "points"
    elif _MEMBER_LEFT.search(left) or _MEMBER_RIGHT.search(right) or _MEMBER_ATTR.search(" ".join(levels[:3])):
        s.reason = MEMBER
    elif _BID_LEFT.search(left) or _BID_RIGHT.search(right) or _BID_ATTR.search(" ".join(levels[:3])) \
            or (_BID_ENTER.search(left) and _OR_MORE.search(right)):
        s.reason = BID
    elif (_LIMITS_LEFT.search(left) and _LIMITS_RIGHT.search(right)) or _LIMITS_UPPER_LEFT.search(left):
        s.reason = "a bound of the amounts a form allows (a gift card's free amount)"
    elif _PAYMENT_LEFT.search(left) or _PAYMENT_ATTR.search(" ".join(levels[:3])):
        s.reason = "a price for paying one way (bank transfer), not the price"
    elif _COUPON_LEFT.search(left) or _COUPON_RIGHT.search(right):
        s.reason = "a price after a coupon or code"
    elif _ADDON_LEFT.search(own_left) or whole.lstrip().startswith("+"):  # its own text, not a "+" button's
        s.reason = "an add-on's or option's surcharge"
    elif len(whole) <= 60 and (_SERVICE_LEFT.search(own_left) or _SERVICE_TERM.search(own_left)):
        s.reason = "a service or warranty plan sold beside it"
    elif _DEPOSIT_LEFT.search(left) or _SAMPLE_LEFT.search(left) or _UP_TO_LEFT.search(left) or _DEPOSIT_RIGHT.match(whole[s.match.end:] + (s.element.tail or "")):
        s.reason = DEPOSIT
    elif _SUBSCRIPTION_LEFT.search(left):
        s.reason = "a subscription's price"
    elif _UNDER.match(own_left) and not whole[s.match.end:].strip():
        s.reason = "a price band (a shelf's heading or a filter: 'Under $50')"
    elif _TOTAL_LEFT.search(left) and not _configured(s.element):
        s.reason = "basket total"
    elif len(whole) > MAX_CONTAINER or (len(_WORD.findall(whole)) > 8
                                        and len(_WORD.findall(_inline_text(s.element, whole))) > 8):
        s.reason = RUNNING_TEXT
    if s.reason is None:
        s.first_tier = in_tier_table  # only a table's first row gets here
        # the label right after the amount ("1 020,00 € HT"), else the one right before it ("税別 ￥2,980")
        beside = _EXCL_CTX.search(right[:24]) or _INCL_CTX.search(right[:24])
        after = beside is not None and not _labels_next_amount(s.element)
        label = right[:24] if after else ("" if has_digit(left[-16:]) else left[-16:])  # not an amount before it's label
        alone = len(find_prices(whole)) <= 1  # with two amounts in it, the element's words may be the other's
        # the label beside the amount outranks the rest of its element ("Precio con IVA. Precio sin IVA: 1.033,05 €")
        by_label_excl, by_label_incl = _EXCL_CTX.search(label), _INCL_CTX.search(label)
        if after and _gross_after(s.match.amount, right):  # "2,831円(税込3,057円)": the one in brackets is with tax
            by_label_excl, by_label_incl = beside, None
        if by_label_excl and by_label_incl:  # both: the one nearer the amount ("税込（本体価格 ¥17,000）"); "bez VAT" holds "z VAT"
            excl_key = (-by_label_excl.start(), by_label_excl.end()) if after else (by_label_excl.end(), -by_label_excl.start())
            incl_key = (-by_label_incl.start(), by_label_incl.end()) if after else (by_label_incl.end(), -by_label_incl.start())
            if excl_key >= incl_key:
                by_label_incl = None
            else:
                by_label_excl = None
        # else its element's words, when it is the element's one amount; with both, the nearer ("Cena s DPH 21 % ·
        # bez DPH 493,22 Kč")
        gap_excl = _nearest(_EXCL_CTX, whole, s.match) if alone and not by_label_incl else None
        gap_incl = _nearest(_INCL_CTX, whole, s.match) if alone and not by_label_excl else None
        if gap_excl is not None and gap_incl is not None:
            gap_excl, gap_incl = (gap_excl, None) if gap_excl <= gap_incl else (None, gap_incl)
        s.excl = bool(by_label_excl or gap_excl is not None or _EXCL_ATTR.search(attrs))
        s.incl = bool(by_label_incl or gap_incl is not None or _INCL_ATTR.search(attrs))
        s.low = bool(_FROM_LEFT.search(left) or _FROM_RIGHT.search(right))
        if s.incl:
            s.excl = False
        if mark == "weak" or _WEAK_WAS_LEFT.search(left) or (_WEAK_WAS_RIGHT.search(right) and not _next_is_priced(s.element)):
            s.reason, s.was, s.weak = _WAS_REASON, True, True


# the price with tax in brackets after an amount: "(税込3,218円)", "(税込価格 15,400円)", "(inkl. MwSt. CHF 79.90)"; not a
# rate ("(inkl. 19% MwSt.)")
_NEXT_GROSS = _rx(r"^\s*[（(]\s*(税込|incl\.?|inkl\.?|inc\.?|including|ttc|brutto)[^\d%()（）]{0,16}\d(?![\d.,]*\s?%)")
# the tax inside the price before it: "£54.00 (inc. VAT £9.00)", "129,95 € (inkl. MwSt. 20,75 €)"
_TAX_WORD = r"(vat|mwst\.?|gst|btw|tva|iva|ust\.?|moms|alv|dph|áfa|kdv|ддс|ндс|пдв)"
# "(incl. VAT: …", "TVA incluse (8,1 % : …", "davon MwSt. 19 %: …": the tax an amount before holds (not "Preis inkl.
# 7 % MwSt.: 6,90 €", the price itself labelled with the rate: a bracket or an "of which" opens the tax's note)
_OF_WHICH = r"(davon|dont|of which|di cui|waarvan|hiervon|de los cuales)"
_TAX_INSIDE_LEFT = _rx(rf"[（(]\s*(incl\.?|inkl\.?|inc\.?|including|davon|dont)\s*{_TAX_WORD}\.?[\s:]*$"
                       rf"|\b(incl\.?|inkl\.?|inc\.?|including)\s*{_TAX_WORD}\.?\s*[（(]\s*$"  # "Inkl. moms (89,80 kr)"
                       rf"|\b{_TAX_WORD}\b[^\d(]{{0,20}}\(\s*\d{{1,2}}([.,]\d{{1,2}})?\s?%\s*[:=]?\s*$"
                       rf"|{_OF_WHICH}\s+({_TAX_WORD}\.?\s*\d{{1,2}}([.,]\d{{1,2}})?\s?%|\d{{1,2}}([.,]\d{{1,2}})?\s?%\s*{_TAX_WORD}\.?)"
                       rf"\s*[:=]?\s*$")


def _free_from(s: Seen, whole: str) -> bool:
    """Whether the amount is what an order must reach for free delivery, all in its own element: "zzgl. Versand ab
    CHF 50.– kostenlos" (not a "From €29,95" price beside a "Gratis verzending" line)."""
    before, after = whole[:s.match.start], whole[s.match.end:]
    return bool(_FROM_LEFT.search(before) and _FREE_RIGHT.match(after) and _SHIPPING_CTX.search(before))


def _gross_after(amount: Decimal, right: str) -> bool:
    """Whether ``right`` opens with the price with tax in brackets, higher than ``amount`` (not the tax itself)."""
    if not _NEXT_GROSS.match(right):
        return False
    found = find_prices(right)
    return bool(found) and found[0].amount > amount


def _next_is_priced(el: _Element) -> bool:
    """Whether the element after ``el`` holds an amount: its words label that amount, not ``el``'s."""
    nxt = el.getnext()
    return nxt is not None and isinstance(nxt.tag, str) and not (el.tail or "").strip() \
        and bool(find_prices(normalize(text_content(nxt))))


def _labels_next_amount(el: _Element) -> bool:
    """Whether the VAT words after ``el`` open the next element, whose own text goes on to an amount: they are
    that amount's label ("<span>4 995:-</span><div>Exkl. moms 3 996:-</div>"), not ``el``'s."""
    nxt = el.getnext()
    if nxt is None or (el.tail or "").strip() or not isinstance(nxt.tag, str):
        return False
    text = " ".join(text_content(nxt).split())
    label = _EXCL_CTX.search(text[:24]) or _INCL_CTX.search(text[:24])
    rest = text[label.end():label.end() + 40] if label is not None and label.start() <= 2 else ""
    found = find_prices(rest)  # right after the label's words: "incl. btw · € 8,29 per 100 stuks" is another note
    return bool(found) and found[0].start <= 12 and re.fullmatch(r"[\w\s.:]*", rest[:found[0].start]) is not None


def survey(page: Page, layout: Layout) -> Scan:
    """Every visible amount on the page, classified on its own, before any is chosen (choosing only turns
    unclassified amounts and was prices into others, so a reason such as HIRE already stands here)."""
    out = Scan()
    region = layout.product_region()
    body = page.doc.find("body")
    roots = [r for r in (region, body if body is not None else page.doc) if r is not None and r.tag != "html"]
    containers: dict[_Element, str] = {}
    def excluded(el: _Element) -> bool:
        return layout.excluded(el) or layout.in_cards(el)

    for root in roots[:1] if region is not None and region.tag != "body" else roots[-1:]:
        _collect_containers(page, root, excluded, containers)
    if not containers and len(roots) > 1:  # nothing priced near the title and buy button: read the whole page
        _collect_containers(page, roots[-1], excluded, containers)
    for el, text in containers.items():
        # "R 1200 GS" on a shop that does not sell in rand is no price at all
        matches = [m for m in find_prices(text) if m.symbol.lower() not in HINT_ONLY or page.currency(m.symbol)]
        levels, struck = _chain_attrs(el)
        before, after = _neighbour_text(el, True), _neighbour_text(el, False)
        listed = _listed(text, matches) if len(matches) > 2 else ()
        for i, m in enumerate(matches):
            left = text[max(0, m.start - _WINDOW):m.start]
            right = text[m.end:m.end + _WINDOW]
            upper = i == 0 and _RANGE_FIRST.fullmatch(text[:m.start]) is not None  # "6.000 – 8.000 kr.": no sign first
            if not left.strip() or upper:
                left = before[-_WINDOW:]  # nothing before it in its element, or only a range's first figure ("3 000 / ")
            if not right.strip():
                right = _before_next_label(after[:_WINDOW])
            s = Seen(m, el, text, page.currency(m.symbol))
            if i > 0 and _RANGE_SEP.match(text[matches[i - 1].end:m.start]) and out.seen[-1].reason is None:
                s.reason = RANGE_TOP
                out.seen[-1].low = True
                out.seen.append(s)
                continue
            sub_levels, sub_struck = _sub_marks(el, m, text, len(matches))
            _classify(s, left, right, sub_levels + levels, struck or sub_struck, text)
            if s.reason is None and upper:
                s.reason = RANGE_TOP
            if s.reason is None and not s.incl and not text[m.end:].strip() and _gross_after(m.amount, after):
                s.excl = True  # "2,980円(税込3,218円)": the amount in brackets after it is the one with tax
            if s.reason is None and out.seen and _TAX_INSIDE_LEFT.search(left) \
                    and s.match.amount * 3 < out.seen[-1].match.amount:
                s.reason = "the tax inside the price before it"
            if s.reason is None and i > 0 and out.seen[-1].reason == MULTIBUY and _PER_PIECE_RIGHT.match(right):
                s.reason = MULTIBUY  # "Pachet 4 bucăți: 1.479,60 lei (369,90 lei/buc.)": the pack's price a piece
            if s.reason is None and i + 1 < len(matches) and _PACK_LEFT.search(left) \
                    and _PER_PIECE_RIGHT.match(text[matches[i + 1].end:]):
                s.reason = MULTIBUY  # a pack offered beside the piece: "Pachet 4 bucăți: 1.479,60 lei (369,90 lei/buc.)"
            if s.reason is None and not (m.amount > 0):
                s.reason = "zero amount"
            if s.reason is None and i in listed:
                s.reason = LISTED
            if s.reason is None and _in_prose(page, el):
                s.reason = RUNNING_TEXT
            if s.reason is None and layout.unselected_option(el):
                s.reason = UNCHOSEN
            if s.reason in (None, RUNNING_TEXT) and _title_then_price(layout, el, text, m):
                s.reason = TITLE_PRICE  # "The Eastern Fells — £85": a second-hand shop's, a classified ad's (see choose)
            elif s.reason is None and _in_title(layout, el, text):
                s.reason = "inside the page's title (\"... under £500\")"
            if s.reason is None and _in_finance_table(page, el):
                s.reason = "monthly / finance figure"
            if s.reason is None and ((_HIRE_LEFT.search(left) or (_HIRE_LEFT.search(_row_head(el)) and _hire_shown(page)))
                                     and page.mentions(*_HIRE_WORDS)  # last: on a page without them, 28 whole-page scans
                                     or _HIRE_RIGHT.match(right) and (_hire_region(page, layout)
                                                                      or any(x.reason == HIRE for x in out.seen))):
                s.reason = HIRE
            if s.reason is None and _links_elsewhere(page, el):
                s.reason = "in a named link to another page (another product or colour)"
            out.seen.append(s)
    return out


# a pack's label before its price ("Pachet 4 bucăți:"): a multibuy only when its price a piece follows it
_PACK_LEFT = _rx(r"\b(pachet|pack|packung|set|lot|sada|zestaw|kit)( de| of| mit| z| s)? \d+ (bucăți|buc\.?|pcs|pieces|stück"
                 r"|stk|st|ks|szt\.?|sztuk|pièces|pezzi|unidades)\s*:?\s*$")
_PER_PIECE_RIGHT = _rx(r"\s*(/\s*(buc|stk|st|szt|ks|pc|pcs|piece|unit|stück|item|ea)\b|(each|per (piece|unit|item)|pro stück"
                      r"|la bucată|za kus|par pièce|cada uno)\b)")
# "Cena s DPH: 89,00", "(incl. 9% GST) S$2,799"; not "inkl. 19 % MwSt." (a rate, then nothing)
_OPENS_AMOUNT = compiled(r"[\s:()\[\]]{0,3}\D{0,3}\d(?![\d.,]*\s?%)")
_RATE = compiled(r"[\s:()\[\]]{0,3}\d{1,2}(?:[.,]\d{1,2})?\s?%\D{0,12}?(?=\D{0,3}\d)")  # "9% GST) " before an amount


def _hire_shown(page: Page) -> bool:
    """Whether the page's visible text (its menu and breadcrumb too, not its scripts' "window.location") speaks of
    hiring."""
    if "hire shown" not in page.memo:
        body = page.doc.find("body")
        text = visible_text(body) if body is not None else ""
        page.memo["hire shown"] = any(w in text for w in _HIRE_WORDS)
    return bool(page.memo["hire shown"])


def _hire_region(page: Page, layout: Layout) -> bool:
    """Whether the product's own block (its title to its buy button) speaks of hiring it out ("(aluguer)", "Mietpreis"),
    not only the site's menu ("Ski rental" beside a day ticket's "€ 62,00 / day")."""
    if "hire region" not in page.memo:
        region, title = layout.product_region(), layout.title
        block = title.getparent() if title is not None else None  # the title's block: its "Kun for utleie" badge
        text = " ".join(text_content(b) for b in (region, block) if b is not None and b.tag not in ("body", "html"))
        page.memo["hire region"] = any(w in text for w in _HIRE_WORDS)
    return bool(page.memo["hire region"])


LISTED = "one of several amounts listed together (gift card values, a choice of sizes)"
_LIST_SEP = compiled(r"\s*(,|/|\||;|or|oder|ou|o|of|eller|tai|lub|albo|nebo|alebo|vagy|sau|или|and|und|et|y|e|en|og|och|ja)?\s*",
                     re.I)


def _listed(text: str, matches: list[PriceMatch]) -> set[int]:
    """The indices of the amounts in runs of three or more joined only by commas or "or" ("Digital
    cards in $25, $50, $100, $150, $250 or $500"): a list of values to choose from, none of them
    the price; not one price in several currencies ("EUR 69.00 / CHF 66.00 / USD 75.00")."""
    out: set[int] = set()
    run = [0]
    for i in range(1, len(matches) + 1):
        if i < len(matches) and _LIST_SEP.fullmatch(text[matches[i - 1].end:matches[i].start]) \
                and text[matches[i - 1].end:matches[i].start].strip() and matches[i].symbol == matches[i - 1].symbol:
            run.append(i)
            continue
        if len(run) > 2:
            out.update(run)
        run = [i]
    return out


def _nearest(ctx: re.Pattern[str], whole: str, amount: PriceMatch) -> int | None:
    """How many characters lie between ``amount`` and the nearest of ``ctx``'s labels in ``whole`` (None without one)."""
    gaps = [amount.start - m.end() if m.end() <= amount.start else max(m.start() - amount.end, 0)
            for m in ctx.finditer(whole)]
    return min(gaps) if gaps else None


def _before_next_label(text: str) -> str:
    """The neighbour's text after an amount, up to its own first amount or the first VAT label in it
    that opens an amount: "Cena s DPH: 89,00 €" labels the 89,00, and "£14.81 Each (inc. VAT)" is
    the next amount's with its label, not the amount before it; "inkl. MwSt." alone (or before other
    words) stays the label of the amount before it."""
    found = find_prices(text)
    cut = found[0].start if found else len(text)
    for ctx in (_EXCL_CTX, _INCL_CTX):
        for m in ctx.finditer(text):
            rate = _RATE.match(text, m.end())
            if _OPENS_AMOUNT.match(text, rate.end() if rate else m.end()):
                cut = min(cut, m.start())
                break
    return text[:cut]


_INLINE = frozenset({"strong", "b", "em", "i", "mark", "span", "a", "u", "small", "bdi", "ins", "font", "data"})
_PROSE = frozenset({"p", "li", "dd", "blockquote", "figcaption"})


def _in_prose(page: Page, el: _Element) -> bool:
    """An amount emphasised inside a paragraph of prose ("Comptez <strong>60 à 150 €</strong> pour ...")."""
    parent = el.getparent()
    if el.tag not in _INLINE or parent is None or parent.tag not in _PROSE:
        return False
    text = page.text_of(parent)
    return len(text) > 140 and len(_WORD.findall(text)) > 16


_NOT_A_PAGE = _rx(r"^\s*(#|javascript:|mailto:|tel:)|cart|basket|checkout|panier|warenkorb|winkelwagen|carrito|carrello"
                  r"|add|login|account|offer-listing|compare")


_FINANCE_HEAD = _rx(r"\b(taksit|aylık|instal+ments?|monthly|per month|cuotas?|parcelas?|raten|monatsrate|mensualit|rate mensili"
                   r"|rata|rat|splátk|részlet)\b")


def _in_finance_table(page: Page, el: _Element) -> bool:
    """Whether ``el`` is a cell of a table whose header names instalments ("Taksit | Aylık | Toplam"): every amount in it
    is a plan's, its totals included."""
    table = next((a for a in islice(el.iterancestors(), 5) if a.tag == "table"), None)
    if table is None:
        return False
    key = ("finance table", table)
    if key not in page.memo:
        head = table.find(".//tr")
        page.memo[key] = head if head is not None and _FINANCE_HEAD.search(" ".join(text_content(c) for c in head)) \
            else None
    head = page.memo[key]
    # a plan's amounts are in the rows under its header: an amount in that first row is a layout table's
    # (a shop laid out in tables, its finance line beside the price: "Financiación: 12 cuotas de 104,08 €")
    return head is not None and not any(a is head for a in el.iterancestors())


def _links_elsewhere(page: Page, el: _Element) -> bool:
    """Whether the amount sits in a link to another page of the shop that also names what it leads to ("Écru –
    119,00 €" among "Disponible dans d'autres coloris"): the product's own price is no link away."""
    in_list = any(a.tag == "li" for a in islice(el.iterancestors(), 4))
    for a in (el, *islice(el.iterancestors(), 3)):
        if a.tag == "a":
            if not in_list and not _priced_sibling_link(page, a):
                return False  # a list of other colours or products; a lone link may be the product's own ("Configure yours")
            href = a.get("href") or ""
            if not href or _NOT_A_PAGE.search(href) or a.get("aria-current") in ("true", "page") or chosen_tile(a):
                return False  # a variant tile the page has chosen leads to this page
            target, here = urlsplit(href), urlsplit(page.url)
            if target.path in ("", here.path) or (target.netloc and target.netloc != here.netloc):
                return False  # this page, or another site's checkout ("Buy Fieldnote Sans — $29" on Gumroad)
            text = page.text_of(a)
            return bool(_WORD.search(text)) and not buy_words(text)
    return False


def _priced_sibling_link(page: Page, a: _Element) -> bool:
    """Whether a link beside ``a`` also holds an amount: links in a row ("Další barvy: Mirage Grey – 6 490 Kč ·
    Ocean Blue – 6 290 Kč"), a list without its list markup."""
    parent = a.getparent()
    return parent is not None and any(
        sib is not a and sib.tag == "a" and has_digit(page.text_of(sib)) for sib in parent)


def _in_title(layout: Layout, el: _Element, text: str) -> bool:
    """Whether the amount sits in the product's title ("... under £500"), not in a heading that is the price alone
    (osCommerce's ``<h1 style="float: right">245,00 €</h1>`` beside the name's)."""
    title = layout.title
    inside = el.tag == "h1" or (title is not None and (el is title or any(a is title for a in el.iterancestors())))
    if not inside:
        return False
    heading = el if el.tag == "h1" else title
    return not price_heading(text if heading is el else " ".join(text_content(heading).split()))


_PRICE_AFTER_DASH = compiled(r"\S\s+[–—-]\s*$")


def _title_then_price(layout: Layout, el: _Element, text: str, m: PriceMatch) -> bool:
    """Whether the amount ends the product's title heading, set off by a dash after the name ("The Eastern Fells —
    £85"): the one price a hand-written page shows for its one item."""
    return (el.tag == "h1" or el is layout.title) and not text[m.end:].strip() \
        and _PRICE_AFTER_DASH.search(text, 0, m.start) is not None


def _title_price_stands(out: Scan, titled: Seen) -> bool:
    """Whether the amount ending the title is the page's price: no other amount is marked or labelled a price ("Our
    price: £46.49" under "Gift Card – £50", "Reduced to £280"), and the page names the amount elsewhere only when it
    shows no other (a coin's "face value of £100" beside its price)."""
    amount = titled.match.amount
    others = [s for s in out.seen if s.reason is None and s.match.amount != amount]
    if others and any(s is not titled and s.match.amount == amount for s in out.seen):
        return False  # a coin's "face value of £100" beside its price; not "£185 including the loose cushion" alone
    return not any(_PRICE_ATTR.search(" ".join(_chain_attrs(s.element)[0]))
                   or _PRICED_LABEL.search(s.text[max(0, s.match.start - 30):s.match.start]) for s in others)


def _never(el: _Element) -> bool:
    return False


def may_show_was(page: Page, above: Decimal) -> bool:
    """Whether the page could show a struck-through / was price higher than ``above``: the test
    ``scan`` applies to each amount, over every priced element of the body, excluded blocks
    included. It needs no ``Layout`` and no scoring, so a page whose structured data settled the
    price skips the full scan when the answer is no (``scan`` finds a was price only among these)."""
    body = page.doc.find("body")
    seen: set[_Element] = set()
    for el, text in _containers(page, body if body is not None else page.doc, _never):
        if el in seen:
            continue
        seen.add(el)
        matches = find_prices(text)
        if not any(m.amount > above for m in matches):
            continue
        levels, struck = _chain_attrs(el)
        before = None
        for m in matches:
            if m.amount <= above:
                continue
            left = text[max(0, m.start - _WINDOW):m.start]
            if not left.strip():
                before = _neighbour_text(el, True) if before is None else before
                left = before[-_WINDOW:]
            sub_levels, sub_struck = _sub_marks(el, m, text, len(matches))
            if struck or sub_struck or _was_words(left) or _was_marked(sub_levels + levels):
                return True
    return False


@lru_cache(maxsize=4096)
def _was_words(left: str) -> bool:
    """Whether the words before an amount call it a was price, strongly or weakly (cached: labels repeat)."""
    return bool(_WAS_LEFT.search(left) or _WEAK_WAS_LEFT.search(left))


_DIGITS = compiled(r"\d(?:[\d.,'\s]*\d)?")


def _sub_marks(el: _Element, m: PriceMatch, text: str, count: int) -> tuple[list[str], bool]:
    """The marks of the element inside ``el`` that holds match ``m``: the smallest holding the whole
    match (``<del>2.799,00 TL</del>`` beside a "%16" badge), else the one holding its digits, of a
    price split over elements (``<span>¥</span><span class="lineThrough">399.00</span>``)."""
    if len(text) > MAX_CONTAINER or not len(el):
        return [], False
    sub = _match_element(el, m)
    if sub is el and count == 1:
        found = _DIGITS.search(m.raw)
        digits = found.group() if found else m.raw
        sub = next((c for c in el.iterdescendants() if isinstance(c.tag, str) and not len(c)
                    and (c.text or "").strip() == digits), el)
    return _chain_attrs(sub, 2) if sub is not el else ([], False)


def _match_element(el: _Element, m: PriceMatch) -> _Element:
    """The smallest descendant of ``el`` whose text holds the whole match (for its struck / class marks)."""
    best = el
    for child in el.iterdescendants():
        if isinstance(child.tag, str) and m.raw in normalize(text_content(child)):
            best = child
    return best


def _revive_weak(out: Scan, layout: Layout) -> None:
    """A "regular" price is the price unless a lower price (not one without VAT) stands beside it."""
    order = layout.order
    for s in out.seen:
        if not s.weak:
            continue
        pos = order.get(s.element, 0)
        if not any((o.reason is None or o.weak) and not o.excl and o.match.amount < s.match.amount
                   and abs(order.get(o.element, 0) - pos) <= 12 for o in out.seen):
            s.reason, s.was, s.weak = None, False, False


def _piece_of_pack(out: Scan, layout: Layout) -> None:
    """A piece's price beside a higher one (a box of ten's "3.599 дин." above "Цена по комаду: 359,90") is a unit price."""
    order = layout.order
    for s in out.seen:
        if s.piece and s.reason is None:
            pos = order.get(s.element, 0)
            if any(o.reason is None and o.match.amount > s.match.amount and abs(order.get(o.element, 0) - pos) <= 12
                   for o in out.seen):
                s.reason = "unit price"


_COUNT_BEFORE = compiled(r"(?<![\d.,])([2-9]|[1-9]\d)\s*[^\W\d]{1,10}\.?\s*$")  # "6 fl. " before a case's price


def _pack_beside_piece(out: Scan) -> None:
    """A pack's price that the amount right after it divides by its count ("6 fl. 749,00 kr. – 124,83 kr. pr. fl."),
    after a lower price still standing (the bottle's 149,95 kr.) above that share (not a gift box's 59,00 kr.): a
    multibuy, and its share a piece a unit price."""
    seen = out.seen
    for i, (a, b) in enumerate(pairwise(seen)):
        count = _COUNT_BEFORE.search(a.text[:a.match.start]) if a.reason is None else None
        if count is None:
            continue
        n = int(count.group(1))
        if abs(b.match.amount * n - a.match.amount) <= Decimal("0.01") * n and any(  # the piece's own price, before it
                o.reason is None and b.match.amount < o.match.amount < a.match.amount
                for o in seen[:i]):
            a.reason, b.reason = MULTIBUY, "unit price"


def _saved_from(out: Scan) -> None:
    """A price that the saving shown right after it brings down to the price shown right after that
    ("$649.99", "- $100.00 Instant Savings", "Price $549.99") is the price before the saving."""
    seen = out.seen
    for k, x in enumerate(seen):
        if x.reason != "saving amount":
            continue
        before = next((s for s in reversed(seen[max(0, k - 2):k]) if s.reason is None), None)
        after = next((s for s in seen[k + 1:k + 3] if s.reason is None), None)
        # three amounts in a row may share a price box with long notes in it ("Online Price", "Less:", "Your Price")
        adjacent = before is seen[k - 1] and k + 1 < len(seen) and after is seen[k + 1]
        if before is not None and after is not None and before.match.amount - x.match.amount == after.match.amount \
                and one_box(before.element, after.element, 600 if adjacent else 200):
            before.reason, before.was = _WAS_REASON, True


def _percent_off_from(out: Scan) -> None:
    """The higher of two prices side by side that a discount shown beside them brings down to the lower one
    ("Rp125.000", "Rp89.000", "29% off": 125.000 less 29 % is 88.750; Shopee's "RM45.90", "RM69.00", "-33%") is the
    price before the discount, though nothing marks it as struck through (a theme strikes it with an obfuscated
    class)."""
    alive = [s for s in out.seen if s.reason is None]
    for before, after in zip(alive, alive[1:], strict=False):
        high, low = max(before.match.amount, after.match.amount), min(before.match.amount, after.match.amount)
        if not high > low > 0 or not one_box(before.element, after.element):
            continue
        if after.match.amount > before.match.amount and (before.excl or before.incl or after.excl or after.incl):
            continue  # "€ 8,26 excl. btw  € 9,99 incl. btw  -20%": one price without and with VAT
        for text in (after.text[after.match.end:], _neighbour_text(after.element, False),
                     _neighbour_text(before.element, True)):
            m = _PERCENT_OFF.match(text)
            if m is not None:
                if discount_explains(high, low, int(m.group("rate") or m.group("rate2"))):
                    struck = before if before.match.amount == high else after
                    struck.reason, struck.was = _WAS_REASON, True
                break


# a discount's percentage beside the prices: "29% off", "-29%", "−29 %", "(-29%)"
_PERCENT_OFF = compiled(r"\W{0,3}[-−–]\s?(?P<rate>\d{1,2})\s?%|\W{0,3}(?P<rate2>\d{1,2})\s?%\s?(off|korting|rabatt|giảm|diskon|de réduction|sconto|descuento|할인)\b", re.I)


def discount_explains(high: Decimal, low: Decimal, rate: int) -> bool:
    """Whether ``rate`` per cent off ``high`` gives ``low``, as a shop rounds it, or cuts it to a whole per cent
    ("₹1,34,999", "₹1,29,999", "3% off": 3.7 % off)."""
    return 0 < rate < 100 and (abs(high * (100 - rate) / 100 - low) <= high / 200 + 1
                               or rate <= (high - low) * 100 / high < rate + 1)


def shared_box(x: _Element, y: _Element, text: int = 200) -> _Element | None:
    """The small box ``x`` and ``y`` sit in: their nearest common ancestor within four levels of both, when it has
    at most ``text`` characters of text; None when there is none."""
    ups = {a for a, _ in zip(x.iterancestors(), range(4), strict=False)}
    for a, _ in zip(y.iterancestors(), range(4), strict=False):
        if a in ups:
            return a if len(text_content(a)) <= text else None
    return None


def one_box(x: _Element, y: _Element, text: int = 200) -> bool:
    """Whether ``x`` and ``y`` sit in one small box (``shared_box``)."""
    return shared_box(x, y, text) is not None


# common standard and reduced VAT / GST rates, in per cent
VAT_RATES = tuple(Decimal(r) for r in ("20", "19", "21", "22", "23", "24", "25", "25.5", "27", "10", "7", "8.1", "5", "9",
                                        "12", "13", "14", "15", "16", "17", "18", "6", "8", "2.6", "3.8"))
_CENT = Decimal("0.01")


def vat_rates_between(net: Decimal, gross: Decimal) -> Iterator[Decimal]:
    """The common VAT rates that take ``net`` to ``gross``, to the cent."""
    return (r for r in VAT_RATES if abs(net * (1 + r / 100) - gross) <= _CENT)


def _net_of_gross(alive: list[Seen], layout: Layout) -> None:
    """A price that a nearby price marked as with VAT is, plus a common VAT rate to the cent, is that
    price without VAT, whatever its own label says ("149,00 € *" beside "177,31 € inkl. 19% MwSt.")."""
    gross = [s for s in alive if s.incl]
    if not gross:
        return
    order = layout.order
    for s in alive:
        if s.incl or s.excl:
            continue
        pos = order.get(s.element, 0)
        if any(g.match.amount > s.match.amount and abs(order.get(g.element, 0) - pos) <= 12
               and any(_rate_shown(g, r) for r in vat_rates_between(s.match.amount, g.match.amount)) for g in gross):
            s.excl = True


def _plus_vat(net: Seen, gross: Seen) -> bool:
    """Whether ``gross`` is ``net`` plus a common VAT rate, to the cent, and ``net``'s own line says the prices are
    with VAT and it is without: far apart as they may be ("CHF 1'299.50" atop a buy box, "Preise inkl. MwSt. · CHF
    1'202.13 exkl. MwSt." at its foot), they are one price with and without VAT (not a B2B shop's net price beside a
    set's that happens to be it plus 20 %)."""
    return bool(_INCL_CTX.search(net.text) and _EXCL_CTX.search(net.text)) and any(
        vat_rates_between(net.match.amount, gross.match.amount))


def _rate_shown(gross: Seen, rate: Decimal) -> bool:
    """Whether the gross price's own words print the VAT rate that makes it ("inkl. 19% MwSt."): without it a
    kit at 120 beside a drill at 100 is no gross and net."""
    words = f"{gross.text} {_neighbour_text(gross.element, False)}"
    number = f"{rate.normalize():f}".replace(".", "[.,]")
    return re.search(rf"(?<![\d.,]){number}([.,]0+)?\s?%", words) is not None


_NOTE_ATTR = compiled(r"(^|\s|__)notes?($|\s)")  # a note, or a block's note: not "price-including-tax-note"


def choose(out: Scan, page: Page, layout: Layout) -> None:
    """Completes ``out``, a page's ``survey``: the amount most likely the price, and the was price beside it."""
    _saved_from(out)
    _percent_off_from(out)
    _piece_of_pack(out, layout)
    _pack_beside_piece(out)
    if any(s.weak for s in out.seen):
        _revive_weak(out, layout)
    titled = next((s for s in out.seen if s.reason == TITLE_PRICE), None)
    if titled is not None and _title_price_stands(out, titled):
        titled.reason = None
    alive = [s for s in out.seen if s.reason is None]
    _net_of_gross(alive, layout)
    if any(s.excl for s in alive):
        order = layout.order
        for s in alive:  # an ex-VAT price beside a higher one the page does not call ex-VAT: that is inc-VAT
            pos = order.get(s.element, 0)
            if s.excl and any(o.incl or (not o.excl and o.match.amount > s.match.amount
                                         and (abs(order.get(o.element, 0) - pos) <= 12 or _plus_vat(s, o))) for o in alive):
                s.reason = "price without VAT (the page also shows it with VAT)"
        alive = [s for s in alive if s.reason is None]
    home = page.fallback_currency()
    if home and any((s.currency or home) != home for s in alive):
        order = layout.order
        own = [order.get(s.element, 0) for s in alive if (s.currency or home) == home]
        for s in alive:  # "45,99 € (89,95 лв.)": beside the shop's own currency, another is a conversion
            pos = order.get(s.element, 0)
            if (s.currency or home) != home and (any(abs(pos - p) <= 12 for p in own) or (
                    own and _MARKET_LEFT.search(s.text[max(0, s.match.start - _WINDOW):s.match.start]))):
                s.reason = f"a price in {s.currency} beside the shop's own in {home} (a conversion)"
        alive = [s for s in alive if s.reason is None]
    if not alive and layout.buy is not None and len({s.match.amount for s in out.seen if s.own_used}) == 1 \
            and all(s.reason != USED or s.own_used for s in out.seen) and _names_condition(layout):
        alive = [s for s in out.seen if s.own_used]  # a resale shop's one used item: its price is the price
        for s in alive:
            s.reason = None
    if not alive:
        out.note = "no visible price outside related blocks and distractors"
        bare = _bare_price(page, layout)
        if bare is not None and not no_price_statement(page, layout):
            out.bare, out.confidence = bare, BARE_CONFIDENCE
        return
    anchored = layout.title is not None or layout.buy is not None
    region = layout.product_region()
    said = no_price_statement(page, layout)
    if said:
        out.note = f"the page says {said!r} where the price would be"
        return
    labelled = [s for s in alive if _PRICE_LABEL_BEFORE.search(_label_before(s))]  # one "Unser Preis:", not a table's rows
    listed = _option_rows(out.seen) if len(alive) > 1 else set()  # a penalty only tells apart two or more
    for s in alive:
        attrs = " ".join(_chain_attrs(s.element)[0])
        score = 0.0
        if _PRICE_ATTR.search(attrs):
            score += 3
        if _NOW_ATTR.search(attrs):
            score += 2
        if s.incl:
            score += 1
        if _NOTE_ATTR.search(s.element.get("class") or ""):
            score -= 2  # a note under the price box ("p-price__note": "※ホワイトは在庫切れです（税込14,080円）")
        if s.first_tier or id(s) in listed:
            score -= 2  # the price box, if any, says it more plainly than a table of tiers or of options' prices
        if region is not None and (s.element is region or any(a is region for a in s.element.iterancestors())):
            score += 2
        if len(labelled) == 1 and s is labelled[0]:
            score += 2  # "Unser Preis: € 549,00", not "Passender Adapter 7/13-polig: € 19,90" beside the buy button
        dist = layout.distance(s.element)
        if dist is not None:
            score -= dist / 12
        s.score = score
    alive.sort(key=lambda s: -s.score)
    best = alive[0]
    if not anchored:
        if len({s.match.amount for s in alive}) > 1:
            out.note = "several prices and no product title or buy button to tell which is this product's"
            return
    else:
        dist = layout.distance(best.element)
        if dist is not None and dist > 150:
            out.note = "no price near the product title or buy button"
            return
    marked = bool(_PRICE_ATTR.search(" ".join(_chain_attrs(best.element)[0])))
    label = best.text[:best.match.start]
    if layout.buy is None and not marked and _LABEL_BEFORE.search(label) and not _PRICE_WORD.search(label) \
            and best is not titled:  # "Book One: The Eastern Fells — £85"
        out.note = (f"the likeliest amount is labelled as something else ({best.text[:60]!r}), and the page has no buy"
                    " button and no price mark")
        return
    out.best = best
    for s in alive[1:]:
        if s.match.amount != best.match.amount:
            s.reason = s.reason or "farther from the product title and buy button"
    out.confidence = 0.7 if marked else 0.55
    order = layout.order
    pos = order.get(best.element, 0)
    was = [s for s in out.seen if s.was and s.match.amount > best.match.amount
           and abs(order.get(s.element, 0) - pos) <= 12]
    if was:
        out.was = min(was, key=lambda s: abs(order.get(s.element, 0) - pos)).match.amount


def _option_rows(seen: list[Seen]) -> set[int]:
    """The amounts in rows of a list or table of three or more, each row with an amount of its own, all different
    ("Preise je Größe: 135 × 200 cm 59,95 € · 155 × 220 cm 79,95 € · ..."): the options' prices, one of them the
    chosen one's, which the price box shows, if the page has one (as ``id``s: a ``Seen`` is not hashable)."""
    rows: dict[_Element, dict[_Element, Seen]] = {}
    for s in seen:
        el = s.element
        row = el if el.tag in ("li", "tr") else next((a for a in islice(el.iterancestors(), 3) if a.tag in ("li", "tr")), None)
        if row is not None and (parent := row.getparent()) is not None:
            rows.setdefault(parent, {}).setdefault(row, s)
    out: set[int] = set()
    for by_row in rows.values():
        if len(by_row) >= 3 and len({s.match.amount for s in by_row.values()}) == len(by_row) \
                and all(s.reason is None for s in by_row.values()) \
                and len({tuple(c.tag for c in row) for row in by_row}) == 1 \
                and all(_labelled_row(row, s) for row, s in by_row.items()):
            out.update(id(s) for s in by_row.values())
    return out


def _labelled_row(row: _Element, s: Seen) -> bool:
    """Whether ``row``'s text names an option before ``s``'s amount, and nothing after it but a mark ("*")."""
    text = normalize(text_content(row))
    at = text.find(s.match.raw)
    return at > 0 and any(c.isalnum() for c in text[:at]) and not any(c.isalnum() for c in text[at + len(s.match.raw):])


_NO_PRICE_WORDS = register_short_hints(derived(required_literals, _NO_PRICE_TEXT, re.I))
# a label that names the price itself: "Giá: 2.000.000₫", "Preis: 49,00 €", "Our price:"
_PRICE_WORD = _rx(r"pri[cx]e?|preis|angebot|offer|tarif|valor|precio|prezzo|prijs|pris|cen[ay]|cijena|preço|giá|harga|fiyat|hinta|\bár\b|τιμή"
                  r"|цена|价格|價格|価格|定価|가격|ราคา|kostet|costs?\b|now\b|jetzt|nu\b|ahora|ora\b|agora")
_PRICED_LABEL = _rx(_PRICE_WORD.pattern + r"|reduced|sale\b|only\b")  # "Reduced to £280", "Our price:"
_PRICE_NAMES = r"price|preis|prix|prijs|pris|precio|prezzo|preço|cena|hinta"  # "price" in the shops' languages
_PRICE_LABEL_BEFORE = _rx(rf"^\W*(our |unser |notre |onze |vores |vår )?({_PRICE_NAMES}|fiyat)\s*[:：]\s*$")  # a label naming the amount after it the price, and nothing more
_LABEL_BEFORE = compiled(r"[^\W\d_]{2,}[^:：]*[:：]")  # "Inmeten aan huis: € 75,00", "Media Mail: $4.99"
# or a one-word heading that names the product's state: "Discontinued – this product …" (not "Limited – …")
# the end of the sentence before, and the article a statement may open with ("... im Februar. Der Preis wird ...")
_SENTENCE_END = compiled(r"[.!?]\s+((der|das|the|le|la|el|il|het|de|o|a)\s+)?$|^\W*(discontinued|unavailable|retired|obsolete|archived|eingestellt|ausgelaufen"
                         r"|udgået|utgått|lopetettu|épuisé|arrêté|descatalogado|descontinuado|discontinuato"
                         r"|uitverkocht|wycofany|ukončeno)\s+[–—-]\s+$", re.I)


def _opens_sentence(text: str, said: re.Match[str]) -> bool:
    """Whether the statement opens a sentence of ``text`` ("... Цената ще бъде обявена при старта на
    продажбите.") and no condition follows it ("Price on application for widths over 3 m." is a
    price for some sizes, not this one's)."""
    if not _SENTENCE_END.search(text, 0, said.start()):
        return False
    rest = re.split(r"[.!?]", text[said.end():], maxsplit=1)[0]
    return not _QUALIFIED.match(rest)


_QUALIFIED = _rx(r"\s*(for|für|pour|voor|per|para|ab|from|over|above|über|bei|if|when|wenn)\b"
                 r"|.{0,40}\b(other|different|custom|larger|smaller|special|andere[nrs]?|autres|otros|otras|altri|altre"
                 r"|andra|andre)\b")  # "Price on request in other finishes"
BARE_CONFIDENCE = 0.4  # an amount without a currency sign, in a price-marked element by the title
_PRICE_MARKED = XPath("//@class[contains(translate(., 'PRICE', 'price'), 'price')]/.."
                      " | //@id[contains(translate(., 'PRICE', 'price'), 'price')]/..")
_BARE_AMOUNT = compiled(r"(\d{1,3}(?:[ .,']\d{3})*|\d+)(?:[.,]\d{1,2}|[.,][-–—]{1,2})?")  # 1.299,99 / 4.999,-
_NOT_THE_PRICE_ATTR = (_UNIT_ATTR, _MONTHLY_ATTR, _SHIPPING_ATTR, _SAVE_ATTR, MULTIBUY_ATTR, _APPROX_ATTR, _USED_ATTR,
                       _MEMBER_ATTR)


def shown_bare(page: Page, amount: Decimal) -> bool:
    """Whether a price-marked element's whole text is ``amount`` without any currency sign, as a shop
    that prints none writes it (``<span>17</span>,<sup>99</sup>`` beside "+ € 3,90 statiegeld")."""
    for el in _PRICE_MARKED(page.doc):
        text = page.text_of(el)
        if _BARE_AMOUNT.fullmatch(text) and ("," in text or "." in text) and parse_amount(text) == amount:
            return True
    return False


_SPOKEN = compiled(r"\s*(\d{1,3}(?:[ .']\d{3})*,\d\d|\d{1,3}(?:[ ,']\d{3})*\.\d\d)(?!\d)")


def _spoken_amount(el: _Element, text: str) -> str | None:
    """The amount an element's aria-label reads out when its visible digits are that amount's, split
    over spans with no separator ("<span>54</span><span>95</span>/st" labelled "54,95 kronor per
    styck"): what a screen reader is told the price is."""
    label = el.get("aria-label")
    m = _SPOKEN.match(label) if label else None
    if m is None:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return m.group(1) if digits == "".join(ch for ch in m.group(1) if ch.isdigit()) else None


def _bare_price(page: Page, layout: Layout) -> Seen | None:
    """The amount a price-marked element near the product title shows without any currency sign
    (``<span class="price-int">129</span><sup>90</sup>``, ``4.999,-``: a shop that prints none), when
    every currency-marked amount on the page was ruled out: read in the shop's currency, never struck
    through, unchosen, in the title, or marked as a was, unit, finance, shipping or saving figure."""
    title = layout.title
    if title is None:
        return None
    found = []
    for el in _PRICE_MARKED(page.doc):
        dist = layout.distance(el)
        if dist is None or dist > 25 or layout.excluded(el) or layout.in_cards(el):
            continue
        text = page.text_of(el)
        if not _BARE_AMOUNT.fullmatch(text) or not ("," in text or "." in text):
            text = _spoken_amount(el, text)
            if text is None:
                continue  # a price has its cents or its ",-"; a lone "3" is a count, "12990" two spans run together
        levels, struck = _chain_attrs(el)
        attrs = " ".join(levels)
        mark = _was_marked(levels)  # a "regular" price stands when nothing else does (beside a members' price)
        if struck or mark == "strong" or any(rx.search(attrs) for rx in _NOT_THE_PRICE_ATTR) \
                or next(el.iter("del", "s", "strike"), None) is not None or layout.unselected_option(el) \
                or _in_title(layout, el, text):
            continue
        amount = parse_amount(text)
        if amount is not None and amount > 0:
            found.append((mark is not None, dist, Seen(PriceMatch(0, len(text), amount, "", text), el, text, None)))
    return min(found, key=lambda f: f[:2])[2] if found else None


def auction_without_buy_now(page: Page, layout: Layout, found: Scan) -> bool:
    """Whether the page auctions the product and sells it no other way: an amount of its own labelled as a bid
    ("Current bid € 145"), a visible bid control of its own ("Place bid", "入札する"), and no buy-now control
    or buy-now label by the heuristic's amount. Then its bids, estimates and fees are no price to buy it at. (A
    bid button alone is no auction: classifieds let a buyer make an offer on an asking price, and shops show
    other lots' auctions.)"""
    if not any(s.reason == BID and not layout.another_products(s.element) for s in found.seen):
        return False  # most pages: no bid of their own, nothing more to look at
    best = found.best
    if best is not None and (_BUY_NOW_LEFT.search(best.text[:best.match.start])
                             or _BUY_NOW_LEFT.search(_neighbour_text(best.element, True))):
        return False
    bid = False
    for el in page.doc.iter("button", "input", "a"):
        text = " ".join(((el.get("value") if el.tag == "input" else text_content(el)) or "").split())
        if not text or len(text) > 40:
            continue
        if _BUY_NOW_CONTROL.match(text) and not layout.another_products(el):
            return False  # it sells outright too: the heuristic finds that price (not a similar lot's "Sofort kaufen")
        if not bid and _BID_CONTROL.match(text) and not layout.hidden(el) and not layout.another_products(el):
            bid = True
    return bid


def no_price_statement(page: Page, layout: Layout) -> str | None:
    """A short "Price on request" / "Log in to see prices" in the product's price spot, if the page
    has one: then the amounts around it (a service, a strap, a related watch) are not its price.
    Looked for once per page (the markup check and the scan both ask)."""
    if "no price statement" not in page.memo:
        page.memo["no price statement"] = _no_price_statement(page, layout)
    return page.memo["no price statement"]  # type: ignore[no-any-return]


def _no_price_statement(page: Page, layout: Layout) -> str | None:
    # the body's descriptions and reviews are most of its text, and no statement, so the words are first looked for
    # in the texts short enough to be one (a few KB of a 100 KB page), run together (a statement may span nodes):
    # most pages hold none, and then need no layout (a statement is read only from texts of SHORT_TEXT at most)
    held = None if _NO_PRICE_WORDS is None else page.short_hints(_NO_PRICE_WORDS)
    if held is not None and not held:
        return None
    region = layout.product_region()
    root, hints = (region, _NO_PRICE_WORDS) if region is not None else (page.doc.find("body"), held)
    if root is None:
        root = page.doc
    # iter(), less the subtrees whose text has none of the no-price words: same elements, same order
    for el in elements_holding(root, hints):
        for text in _statement_texts(el):
            said = _no_price().search(text[:SHORT_TEXT]) if len(text) <= SHORT_TEXT else None
            # short, or a sentence that opens with it ("Preis auf Anfrage nach Konfiguration - ...", "Not yet
            # on sale. The price will be announced at launch.")
            if said is None or (len(text) > 60 and said.start() > 0 and not _opens_sentence(text, said)) \
                    or layout.another_products(el) or layout.unselected_option(el) \
                    or any(_USED_ATTR.search(class_id(a)) for a in islice(el.iterancestors(), 4)) or _table_row(el) \
                    or _about_another_thing(el) or _link_to_trade_prices(el, text):
                continue  # another product's block or card, other sellers' offers, an option not chosen ("Prezzo su richiesta")
            marked = price_marked(el)
            if _PRICE_BOX_ONLY.match(said.group()) and (not marked or _box_priced(el)):
                continue  # not in a price box, or beside the amount
            if _SOLD_OUT_BOX.match(said.group()) and dormant_badge(el):
                continue  # Dawn's and Debut's badge, shown only when the block is sold out
            dist = layout.distance(el)
            if (marked or (dist is not None and dist <= 25) or _in_buy_box(el)) and not (
                    _yields(text, said) and _priced_before(layout, el)):
                return " ".join(text.split())
    return None


def _link_to_trade_prices(el: _Element, text: str) -> bool:
    """Whether the statement is a link's whole text offering trade prices ("<a href=/login>Log in for wholesale
    pricing</a>" beside a retail price): an offer to trade buyers, not the price spot's say (a trade-only shop's
    "Log in or apply for a trade account to see prices" link still is)."""
    said = " ".join(text.split())
    return _FOR_TRADE_PRICING.match(said) is not None and any(" ".join(text_content(a).split()) == said
                                                              for a in el.iter("a"))


_FOR_TRADE_PRICING = _rx(r"^\W*(log ?in|sign ?in) for (the |our )?(trade|wholesale|dealer) pric")


_ADDON_ATTR = _rx(r"add-?on|upsell|cross-?sell")
_BRAND_ATTR = _rx(r"brand|vendor|manufacturer|hersteller|marque|marca")
# a label that asks for the price or the stock: its value is the product's ("Preis: Auf Anfrage", "Status: Nur Miete")
_OWN_LABEL = _rx(r"availab|verfügbar|status|lager|stock|tillgäng|tilgængel|disponib|dostęp|dostup|levering|leverans|售價|售价"
                 r"|판매가|hinweis|note|notice|info|achtung|attention|wichtig|important|bemærk|obs\b|huom|uwaga|pozor|nota\b"
                 r"|remarque|let op|opmerking|aviso|atención|avviso|sorry|leider")


def _about_another_thing(el: _Element) -> bool:
    """Whether ``el`` is the value of a row that names something else ("<dt>Popcornvogn</dt><dd>Kun til udlejning</dd>",
    "<strong>Tryckluftsslang 20 m:</strong> endast uthyrning", an add-on's name beside its note), or sits in an
    add-on's block: its statement is about that thing, not the product."""
    label = el.getprevious()
    if label is not None and not ((label.tag, el.tag) in (("dt", "dd"), ("th", "td")) or (
            label.tag in _STATEMENT_LABELS and el.tag in _STATEMENT_LABELS and not _BRAND_ATTR.search(class_id(label)))
            or text_content(label).strip().endswith((":", "："))):
        label = None  # not "<span>Patek Philippe</span><div>Price on application</div>", a brand over its statement
    if label is None and not (el.text or "").strip() and len(el) and el[0].tag in _STATEMENT_LABELS \
            and (el[0].tail or "").strip() and text_content(el[0]).strip().endswith((":", "：")):
        label = el[0]
    if label is not None:
        name = " ".join(text_content(label).split())  # a name, not an icon ("🔒") nor an option priced itself
        if any(c.isalpha() for c in name) and len(name) <= 60 and not _PRICE_WORD.search(name) \
                and not _OWN_LABEL.search(name) and "price" not in class_id(label).lower() \
                and not find_prices(normalize(name)):
            return True
    return any(_ADDON_ATTR.search(class_id(a)) for a in islice(el.iterancestors(), 2))


def _own_sentence(text: str, said: re.Match[str]) -> str:
    """The sentence of ``text`` that holds the statement ``said``, up to its end ("Toptan fiyatlar yalnızca …")."""
    start = max(text.rfind(mark, 0, said.start()) for mark in ".!?")
    return text[start + 1:said.end()]


_BUY_BOX = _rx(r"\bbuy-?(box|block)\b")


def _in_buy_box(el: _Element) -> bool:
    """Whether ``el`` is in the block classed the buy box (``buy-block buy-block--unavailable``), a few levels up, and
    that block shows no amount (else the statement is about something in it: "Sondermaße? Preis auf Anfrage")."""
    box = next((a for a in islice(el.iterancestors(), 4) if _BUY_BOX.search(a.get("class") or "")), None)
    return box is not None and not find_prices(normalize(text_content(box)))


def _table_row(el: _Element) -> bool:
    """Whether ``el`` sits in a short data row of a table of several (a size's, a tier's, an edition's row: "XS ·
    Prodej ukončen"), whose statement is about that row; not a label row ("<th>판매가</th><td>회원공개")."""
    row = next((a for a in islice(el.iterancestors(), 4) if a.tag == "tr"), None)
    if row is None or row.find("th") is not None:
        return False
    table = row.getparent()
    return table is not None and len(table.findall("tr")) >= 2 and len(text_content(row)) <= 200


def _box_priced(el: _Element) -> bool:
    """Whether the element around ``el`` shows an amount with its currency."""
    box = el.getparent()
    return box is not None and bool(find_prices(normalize(text_content(box))))


# statements that also stand beside a price to pay ("From € 39,95 ... Final price is calculated once you configure",
# "Buy it now: € 120,00 ... Auction has ended"): they say "no price" only when none is shown between the title and them
_YIELDING = _rx(r"configur|konfigur|revealed|visas när du|alla val|(complete|finish) (all|every|each|the) |sobald sie"
                r"|too low to (show|display)|(cart|basket) to see|auction|aukcja|auktion|enchère|trade|wholesale|toptan|stockist|\bbud\b"
                r"|^(build|customi[sz]e|design) "  # "Build yours to see your price" under a base price shown
                r"|available for (new )?(purchase|order)|κανένα κατάστημα|netto prijs|to be announced|" + "|".join(_SOON))


# a request for a quote or a login for one's own price, which a shop also offers beside a price it shows ("Buying 10 or
# more? Request a Quote"), unless it stands under the price's own label ("Price: Request a quote")
_QUOTE_ASKED = _rx("|".join(_QUOTE_REQUESTS) + r"|(see|view) your price|log ?in voor uw prijs|get a (free,? )?([\w-]+,? )?quote"
                   r"|ring (for|efter|för) pris|bel voor (een )?prijs")
# a launch date or a price by measure, which a page may also write beside a price it shows ("$149.00 ... Coming March 2026")
_LAUNCH = _rx("|".join(rf"^\W*{d}" for d in _LAUNCH_DATES) + r"|^\W*precio según medidas")
_PRICE_LABEL_FIRST = _rx(rf"^\W*({_PRICE_NAMES})\s*:")


def _yields(text: str, said: re.Match[str]) -> bool:
    """Whether the statement is one that also stands beside a price to pay (``_YIELDING``, ``_QUOTE_ASKED``)."""
    sentence = _own_sentence(text, said)
    return _YIELDING.search(sentence) is not None or _LAUNCH.search(sentence) is not None or (
        _QUOTE_ASKED.search(sentence) is not None and not _PRICE_LABEL_FIRST.match(text))


def _priced_before(layout: Layout, el: _Element) -> bool:
    """Whether an amount with its currency is shown between the product title and ``el``, in page order (not a list
    price: "Manufacturer list price: £1,068.00" beside "Log in to see trade price" is no price to pay)."""
    order, title = layout.order, layout.title
    start, end = order.get(title) if title is not None else None, order.get(el)
    if start is None or end is None or end <= start:
        return False
    shown = []  # the texts run together: a price split over elements ("<sup>$</sup>149<sup>.00</sup>")
    for node in islice(order, start, end):
        if node.tag in _SKIP_PARENTS or not isinstance(node.tag, str) or _bid_labelled(node):
            continue
        for own, text in ((True, node.text if node is not title else None), (False, node.tail)):  # not "Arcadia R2"
            if text and not layout.hidden(node) and not (own and _list_price(node)):
                if has_digit(text) and find_prices(text):
                    if _SHIPPING_CTX.search(text):
                        continue  # "Fri frakt över 499 kr": a delivery's threshold is no price shown
                    return True
                shown.append(text)
    return bool(shown) and bool(find_prices(normalize("".join(shown))))


def _bid_labelled(node: _Element) -> bool:
    """Whether ``node`` is (in) an amount an auction labels as a bid ("Winning bid: <span>$1,250.00</span>")."""
    return any(a.text and _BID_LEFT.search(a.text) for a in islice(node.iterancestors(), 4))


def _list_price(node: _Element) -> bool:
    """Whether the element's own amount is marked or labelled a was / list price (its class, or the words before it)."""
    return _was_marked([class_id(node)]) == "strong" or _was_label(_neighbour_text(node, True)[-_WINDOW:])


_STATEMENT_INLINE = frozenset({"a", "i", "b", "strong", "em", "span", "small", "u", "br", "svg", "img"})  # an icon before the words
_LEAD = compiled(r"^[\W_]+")  # an icon's private-use glyph, a bullet
_STATEMENT_LABELS = frozenset({"span", "label", "b", "strong"})  # a short label before a statement's value


def _statement_texts(el: _Element) -> Iterator[str]:
    """Where a statement may be read in ``el``: its own words (its text and its children's tails, "<strong>Launch
    12 May.</strong> Price to be announced"), then, when its children are all inline, its whole text ("<i>icon</i>
    <a>Logga in</a> för att se priser")."""
    if not isinstance(el.tag, str):
        return
    own = " ".join("".join([el.text or "", *(c.tail or "" for c in el)]).split())  # "Preis&nbsp;auf&nbsp;Anfrage" too
    if own:
        yield own
        label = el.getprevious()  # "<dt>価格：</dt><dd>お問い合わせください</dd>", "<span>Prix</span> <strong>Sur devis</strong>"
        if label is not None and ((el.tag, label.tag) in (("dd", "dt"), ("td", "th")) or (
                label.tag in _STATEMENT_LABELS and len(text_content(label).strip()) <= 20)):
            yield f"{' '.join(text_content(label).split())} {own}"
    if len(el) and all(isinstance(c.tag, str) and c.tag in _STATEMENT_INLINE for c in el):
        whole = _LEAD.sub("", " ".join(text_content(el).split()))
        if whole and whole != own and len(whole) <= SHORT_TEXT:
            yield whole


def heuristic(page: Page, found: Scan) -> list[Candidate]:
    best = found.best
    for s in found.seen:
        if s.reason is not None:
            page.reject(s.match.raw, s.reason)
    if best is None:
        if found.note:
            page.reject("", f"heuristic: {found.note}")
        bare = found.bare
        if bare is None:
            return []
        return [Candidate(price=bare.match.amount, currency=page.fallback_currency(), raw=bare.text,
                          element=bare.element)]
    return [Candidate(price=best.match.amount, currency=best.currency or page.fallback_currency(),
                      raw=best.match.raw, was=found.was, low=best.low, element=best.element)]
