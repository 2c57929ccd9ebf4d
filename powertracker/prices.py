"""Price strings in every common locale -> (Decimal, ISO 4217 code).

``parse_price`` reads one price string (``'1.299,99 €'``, ``'£1,299.99'``, ``"CHF 1'299.50"``,
``'¥12,800'``, ``'12,95 kr'``, ``'1 299,99 €'`` with non-breaking or thin spaces, ``'29,-'``).
``find_prices`` finds every currency-marked amount in a run of visible text, with its position,
for the heuristic. Amounts are always Decimal; a currency is a code from ``KNOWN_CURRENCIES`` or None.

An ambiguous symbol (``$``, ``kr``, ``¥``) resolves, in order, to the page's own currency hint,
the retailer's default, the page language (``kr`` on a Swedish page is SEK), else its usual
meaning (``$`` USD, ``¥`` JPY); ``kr`` with no hint at all stays unknown rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .patterns import compiled

# ISO 4217 codes a retailer is likely to quote; validation rejects anything else.
KNOWN_CURRENCIES = frozenset(
    "AED ARS AUD BGN BRL CAD CHF CLP CNY COP CZK DKK EUR GBP HKD HUF ILS INR ISK JPY KRW MXN NOK NZD PLN RON "
    "SEK SGD THB TRY TWD USD ZAR BAM BHD EGP IDR KWD MAD MYR OMR PEN PHP QAR RSD RUB SAR UAH UYU VND "
    "KES NGN GHS TZS UGX PKR LKR NPR BDT MKD AMD UZS KZT GEL".split()
)
# codes that are words too ("pen", "rub", "bam"): read in text only from their signs ("S/", "KM")
_WORD_CODES = frozenset({"BAM", "PEN", "RUB", "MAD", "PHP"})
_SHOPS_OWN = ("DKK", "NOK", "SEK", "EUR", "CHF", "CZK", "HUF", "PLN", "ISK")  # the currencies written "4.999,-"
SYMBOLS: dict[str, tuple[str, ...]] = {  # symbol -> candidate codes; the first is the usual meaning
    "£": ("GBP",), "€": ("EUR",), "₹": ("INR",), "₩": ("KRW",), "zł": ("PLN",), "kč": ("CZK",), "ft": ("HUF",),
    "us$": ("USD",), "u$s": ("USD",), "a$": ("AUD",), "au$": ("AUD",), "c$": ("CAD",), "ca$": ("CAD",), "nz$": ("NZD",),
    "hk$": ("HKD",), "s$": ("SGD",), "r$": ("BRL",), "nt$": ("TWD",), "fr.": ("CHF",), "sfr.": ("CHF",),
    "fr": ("CHF",), "₺": ("TRY",), "₪": ("ILS",), "฿": ("THB",), "원": ("KRW",),
    "rs.": ("INR", "PKR", "LKR", "NPR"), "rs": ("INR", "PKR", "LKR", "NPR"),
    "ksh": ("KES",), "ksh.": ("KES",), "₦": ("NGN",), "gh₵": ("GHS",), "₵": ("GHS",), "tsh": ("TZS",), "ush": ("UGX",),
    "৳": ("BDT",), "֏": ("AMD",), "₸": ("KZT",), "₾": ("GEL",), "ден": ("MKD",), "ден.": ("MKD",),
    "so'm": ("UZS",), "soʻm": ("UZS",), "so‘m": ("UZS",), "сўм": ("UZS",), "रु": ("NPR", "INR"), "रू": ("NPR", "INR"),
    "रु.": ("NPR", "INR"),
    "r": ("ZAR",), "лв": ("BGN",), "лв.": ("BGN",),  # only on a page whose hints say rand (HINT_ONLY): "R 1200 GS" is a motorbike
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD"),
    "kr": ("SEK", "NOK", "DKK", "ISK"), "kr.": ("DKK", "SEK", "NOK", "ISK"), ":-": ("SEK", "NOK", "DKK"),
    # "4.999,-": a whole price in the shop's own money, as Nordic, German, Swiss and Czech shops write it
    ",-": _SHOPS_OWN, ",–": _SHOPS_OWN,
    "¥": ("JPY", "CNY"), "￥": ("JPY", "CNY"), "円": ("JPY",), "yen": ("JPY",), "元": ("CNY",), "lei": ("RON",),
    "euro": ("EUR",), "euros": ("EUR",), "eur": ("EUR",), "tl": ("TRY",), "₱": ("PHP",), "₴": ("UAH",),
    "₽": ("RUB",), "₫": ("VND",), "rm": ("MYR",), "rp": ("IDR",), "rp.": ("IDR",),
    "s/": ("PEN",), "s/.": ("PEN",), "km": ("BAM",), "din.": ("RSD",), "дин.": ("RSD",), "грн": ("UAH",),
    "грн.": ("UAH",), "د.إ": ("AED",), "درهم": ("AED", "MAD"), "ر.س": ("SAR",), "ريال": ("SAR", "QAR", "OMR"),
    "ريالقطري": ("QAR",), "ريالعماني": ("OMR",), "ريالسعودي": ("SAR",), "درهمإماراتي": ("AED",),
    "درهممغربي": ("MAD",),
    "ر.ق": ("QAR",), "ر.ع": ("OMR",), "ر.ع.": ("OMR",), "ج.م": ("EGP",), "جنيه": ("EGP",), "د.ك": ("KWD",),
    "د.ب": ("BHD",), "บาท": ("THB",), "vnđ": ("VND",), "vnd": ("VND",), "đ": ("VND",),
}
# symbols that are no currency at all unless the page's hints name theirs: "R 1200 GS" is a motorbike,
# "1 TL" a teaspoon, "RM 035" and "Rp 12" model numbers
HINT_ONLY = frozenset({"r", "tl", "rm", "rp", "rp.", "km", "s/", "s/."})  # "S/36" is a size
_NO_USUAL_MEANING = {"kr", "kr.", ":-", ",-", ",–", "ريال", "درهم"} | HINT_ONLY
_LAKH = compiled(r"\d{1,2}(?:,\d\d)+,\d{3}")
LANG_CURRENCY = {"sv": "SEK", "da": "DKK", "nb": "NOK", "nn": "NOK", "no": "NOK", "is": "ISK",
                 "zh": "CNY", "ja": "JPY", "en-ca": "CAD", "fr-ca": "CAD", "en-au": "AUD", "en-nz": "NZD", "en-za": "ZAR",
                 "af": "ZAR"}

_SPACES = compiled(r"[\s\u00a0\u2007\u2009\u202f\u200a\u2002\u2003]+")
_APOSTROPHES = compiled(r"[’′ʼ`´]")
_CODES = "|".join(sorted(KNOWN_CURRENCIES - _WORD_CODES))
# the Arabic signs, written after the amount in the source's order: "٢٬٩٩٩٫٠٠ د.إ", "2,149.00 ريال"
_ARABIC = r"د\.إ|درهم(?: إماراتي| مغربي)?|ر\.س|ريال(?: قطري| عماني| سعودي)?|ر\.ق|ر\.ع\.?|ج\.م|جنيه|د\.ك|د\.ب"
# A currency token: a code, a symbol, or a word-like abbreviation.
_SIGNS = "£€$¥￥₹₩₺₪฿₱₴₽₫₦₵৳֏₸₾円元"  # one-character currency signs
_SHILLING = r"(?:[KTU]Sh|Ksh)"  # Kenyan, Tanzanian, Ugandan
# a currency word or code ends at a letter, unless the next word starts there with a capital: a visually hidden
# label's text runs into it ("349,00 leiPreț inițial:", "1.349,00 RONPreț redus", "299 krInkl. moms")
_WORD_END = r"(?![a-z]|[A-Z](?![a-z]))"
_CUR = (r"(?:US ?\$|U\$S|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|NT\$|S\$|R\$|S/\.?|[" + _SIGNS + r"]|zł|Kč|(?<![A-Za-z])" + _SHILLING + r"\.?(?![A-Za-z])|" + _ARABIC + r"|(?<![A-Za-z])Ft" + _WORD_END + r"|SFr\.|Fr\.(?=\s?\d)|(?<![A-Za-z])[kK]r\.?" + _WORD_END + r"|лв\.?|"
        r"(?<![A-Za-z])(?i:" + _CODES + r")" + _WORD_END + r"|(?i:euros?)" + _WORD_END + r"|(?<=\d):-"
        # a code in capitals glued to a word before it, as a visually hidden label's text runs into it: "Sale priceAED 349.00"
        r"|(?<=[a-z])(?:" + _CODES + r")(?= ?\d))")
# An amount: grouped thousands (. , ' or space), an optional 1-2 digit fraction, or a ",-" / ".–" ending.
_NUM = (r"(?<![\d.,])(?<![^\d]%)(?<!^%)(?:\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])|\d{1,3}(?:(?:[.,']|\s(?=\d{3}(?!\d)))\d{3})+|\d+)"
        r"(?:[.,]\d{1,2}(?!\d)|[.,](?:-|–|—){1,2})?(?![\d])")
# French big-box style, the euro sign in the decimal point's place: 399€99
_EURO_POINT = r"(?P<num3>(?<![\d.,])\d{1,3}(?:[. ]\d{3})*|(?<![\d.,])\d+)\s?(?P<cur3>€)(?P<frac3>\d\d)(?!\d)"
# tokens read on one side only: rand, rupees (Nepali रु too), ringgit and rupiah are written before the amount ("205/55
# R16" is a tyre), lei, won and Turkish lira after it ("per lei 29,90 €" is "for her", "회원 5%" a member
# discount)
_BEFORE_ONLY = r"(?<![A-Za-z])(?:Rs\.?|RM|Rp\.?|R)(?= ?\d)|(?:रु|रू)\.?(?= ?\d)"
_AFTER_ONLY = r"(?<![A-Za-z])(?:(?i:lei)|TL|KM|(?i:din)\.|дин\.|ден\.?|(?i:грн)\.?|(?i:so['ʻ‘]m)|сўм)" + _WORD_END + r"|(?:VNĐ|vnđ|đ)(?!\w)|원|บาท|(?<=\d),[-–](?![\d–-])"
_PRICE = compiled(
    _EURO_POINT + r"|(?P<cur1>" + _BEFORE_ONLY + "|" + _CUR + r")\s?(?P<num1>" + _NUM + r")|(?P<num2>" + _NUM
    + r")\s?(?P<cur2>" + _AFTER_ONLY + "|" + _CUR + r")"
)
_BARE = compiled(_NUM)
_COUNT = compiled(r"\d{1,3}")  # a quantity: a small whole number
CENTS_END = compiled(r"[.,]\d\d$")  # an amount that ends in cents
_CODE_AFTER = compiled(r" ?([A-Z]{3})(?![A-Za-z])")  # the code that settles a "$" or "kr" written before the amount
_ANY_CURRENCY = compiled(r"[" + _SIGNS + r"]|원|บาท|\d ?đ(?!\w)|" + _ARABIC + r"|S/|(?<![A-Za-z])KM\b|din\.|дин\.|грн|\d,[-–]|[kK]r\b|(?i:lei)\b|(?<![A-Za-z])TL\b|\bRM ?\d|\bRp\.? ?\d|лв|Rs\b|(?<![A-Za-z])R ?\d|ден|(?i:so['ʻ‘]m)|сўм|रु|रू|zł|Kč|\b" + _SHILLING + r"\b|Ft\b|Fr\.|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])|[eE]uro|\d:-")


@lru_cache(maxsize=8192)
def has_currency(text: str) -> bool:
    """Whether ``text`` may hold a currency symbol or upper-case code (a cheap pre-filter for visible text)."""
    return _ANY_CURRENCY.search(text) is not None


@dataclass(frozen=True)
class PriceMatch:
    start: int
    end: int
    amount: Decimal
    symbol: str  # the currency token as written
    raw: str


def normalize(text: str) -> str:
    """One ordinary space for every kind of space, ``'`` for every apostrophe, trimmed."""
    return _SPACES.sub(" ", _APOSTROPHES.sub("'", text)).strip()


def parse_amount(num: str) -> Decimal | None:
    """``'1.299,99'`` -> 1299.99, ``'1,299'`` -> 1299, ``"1'299.50"`` -> 1299.50, ``'29,-'`` -> 29."""
    text = normalize(num).replace(" ", "").replace("'", "")
    if _LAKH.fullmatch(text):  # Indian grouping: 1,29,999
        return Decimal(text.replace(",", ""))
    text = re.sub(r"[.,](?:-|–|—){1,2}$", "", text)
    if not text or not re.fullmatch(r"[\d.,]+", text) or not any(c.isdigit() for c in text):
        return None
    last = max(text.rfind("."), text.rfind(","))
    if last >= 0:
        fraction = text[last + 1:]
        separators = {c for c in text if c in ".,"}
        # The last separator is decimal when 1-2 digits follow it, or when it differs from the others.
        if len(fraction) in (1, 2) or (len(separators) == 2 and text.count(text[last]) == 1
                                       and len(fraction) != 3):
            whole = re.sub(r"[.,]", "", text[:last])
            text = f"{whole or '0'}.{fraction}"
        elif len(fraction) == 3 and text.count(text[last]) >= 1:
            text = re.sub(r"[.,]", "", text)
        else:
            return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# currencies of a thousand fils: "KWD 12.500" is twelve and a half dinars, not twelve thousand five hundred
THREE_DECIMALS = frozenset({"KWD", "BHD", "OMR", "JOD", "IQD", "LYD"})
_FILS = compiled(r"(?<![\d.,])(\d{1,3}(?:,\d{3})*|\d+)\.(\d{3})(?![\d.,])")


def in_fils(raw: str, amount: Decimal) -> Decimal:
    """``amount`` read again for a three-decimal currency: a dot before the last three digits of ``raw``'s number is
    its decimal point ("KWD 12.500" -> 12.5, "1,250.500 KD" -> 1250.5); anything else stands."""
    m = _FILS.search(raw)
    if m is None or Decimal(m.group(1).replace(",", "") + m.group(2)) != amount:
        return amount
    return Decimal(f"{m.group(1).replace(',', '')}.{m.group(2)}")


def currency_code(token: str | None, default_currency: str | None = None, page_currency: str | None = None,
                  lang: str | None = None) -> str | None:
    """An ISO 4217 code for a code or symbol; ambiguous ones resolve by page hint, default, language."""
    if not token:
        return None
    text = token.strip()
    if text.upper() in KNOWN_CURRENCIES:
        return text.upper()
    symbol = text.lower().replace(" ", "")
    candidates = SYMBOLS.get(symbol)
    if not candidates:
        return None
    if len(candidates) == 1 and symbol not in HINT_ONLY:
        return candidates[0]
    for hint in (page_currency, default_currency, lang_currency(lang)):
        if hint in candidates:
            return hint
    if text.lower() in _NO_USUAL_MEANING:
        return None
    return candidates[0]


def lang_currency(lang: str | None) -> str | None:
    """The currency a page language implies for an ambiguous symbol (sv -> SEK), if any."""
    if not lang:
        return None
    lang = lang.strip().lower().replace("_", "-")
    return LANG_CURRENCY.get(lang) or LANG_CURRENCY.get(lang.split("-")[0])


def find_prices(text: str) -> list[PriceMatch]:
    """Every currency-marked amount in ``text`` (already normalized), left to right."""
    return list(_found(text))


@lru_cache(maxsize=4096)
def _found(text: str) -> tuple[PriceMatch, ...]:
    """``find_prices``, remembered: the same short texts come back (a container is read twice a
    page, and a shop repeats its labels and related products on every page)."""
    return tuple(_find_prices(text))


def _find_prices(text: str) -> list[PriceMatch]:
    found = []
    pos = 0
    while (m := _PRICE.search(text, pos)) is not None:
        pos = m.end()
        follows = text[m.end():m.end() + 2]
        count = m.group("num2") or m.group("num3") or ""
        if not _COUNT.fullmatch(count):  # "9,99 €500 g": a price, then a weight: the sign stays
            sign = -1
        elif m.group("cur2") and follows[:1].isdigit():  # "1 $45.99": a quantity, then a price
            sign = m.start("cur2")
        elif m.group("cur3") and follows[:1] in (".", ",") and follows[1:].isdigit():  # "1 €45,99", not "12€95"
            sign = m.start("cur3")
        else:
            sign = -1
        if sign >= 0 and (glued := _PRICE.match(text, sign)) is not None and glued.group("cur1") \
                and CENTS_END.search(glued.group("num1")):
            m, pos = glued, glued.end()  # the sign opens the next amount
        if m.group("num3"):
            whole = parse_amount(m.group("num3").replace(".", "").replace(" ", ""))
            amount = None if whole is None else whole + Decimal(m.group("frac3")) / 100
            if amount is not None:
                found.append(PriceMatch(m.start(), m.end(), amount, "€", m.group(0)))
            continue
        num = m.group("num1") or m.group("num2")
        symbol = m.group("cur1") or m.group("cur2")
        amount = parse_amount(num)
        if amount is None:
            continue
        end = m.end()
        named = _CODE_AFTER.match(text, end) if m.group("cur1") else None
        if named is not None and named.group(1) in SYMBOLS.get(symbol.lower(), ()):  # "$64.00 CAD"
            symbol, end = named.group(1), named.end()
            pos = max(pos, end)
        found.append(PriceMatch(m.start(), end, amount, symbol, text[m.start():end]))
        if symbol.lower() in HINT_ONLY and m.group("cur1"):  # "Typ R 18.990,00 €": its own sign may follow
            after = _PRICE.match(text, m.start("num1"))
            if after is not None and after.group("cur2"):
                found.append(PriceMatch(after.start(), after.end(), parse_amount(after.group("num2")) or amount,
                                        after.group("cur2"), after.group(0)))
    return found


def parse_price(text: str | None, default_currency: str | None = None,
                page_currency: str | None = None) -> tuple[Decimal | None, str | None]:
    """Amount and currency of one price string; (None, None) when it holds no price."""
    if text is None:
        return None, None
    clean = normalize(text)
    if not clean:
        return None, None
    for m in find_prices(clean):
        currency = currency_code(m.symbol, default_currency, page_currency)
        if currency is not None or m.symbol.lower() not in HINT_ONLY:
            return m.amount, currency
    bare = _BARE.search(clean)
    if bare is not None and re.fullmatch(r"[^\d]{0,24}" + re.escape(bare.group(0)) + r"[^\d]{0,24}", clean):
        amount = parse_amount(bare.group(0))
        if amount is not None:
            rest = (clean[:bare.start()] + " " + clean[bare.end():]).strip()
            if not rest:
                return amount, None
            from price_parser import Price  # imported on first use: most pages never get here

            return amount, currency_code(Price.fromstring(rest).currency, default_currency, page_currency)
    return None, None


def structured_amount(value: object) -> Decimal | None:
    """A schema.org price: a number, or a string that should use '.' as decimal mark ('1299.99')."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return Decimal(text)
        return parse_price(text)[0]
    return None
