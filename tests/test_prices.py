"""prices.py: a table of price strings across locales, currency resolution and text search."""

from __future__ import annotations

from decimal import Decimal

import pytest

from powertracker.prices import (
    currency_code,
    find_prices,
    has_currency,
    in_fils,
    normalize,
    parse_amount,
    parse_price,
    structured_amount,
)

NB, NNB, THIN = "\u00a0", "\u202f", "\u2009"

# (text, retailer default currency, amount, currency)
CASES: list[tuple[str, str | None, str | None, str | None]] = [
    # GBP
    ("£1,299.99", None, "1299.99", "GBP"), ("£1299.99", None, "1299.99", "GBP"), ("£5", None, "5", "GBP"),
    ("£0.99", None, "0.99", "GBP"), ("£12.5", None, "12.5", "GBP"), ("£ 49.00", None, "49.00", "GBP"),
    ("GBP 49.00", None, "49.00", "GBP"), ("49.00 GBP", None, "49.00", "GBP"), ("Now £79.00", None, "79.00", "GBP"),
    ("Our price: £39.99", None, "39.99", "GBP"), ("£1,000,000.00", None, "1000000.00", "GBP"),
    ("£12,345", None, "12345", "GBP"), ("£ 1 299.99", None, "1299.99", "GBP"), ("Price £19.99 inc VAT", None, "19.99", "GBP"),
    ("gbp 7.50", None, "7.50", "GBP"), ("£1,299.99 – £1,499.99", None, "1299.99", "GBP"),
    # USD / dollars
    ("$1,299", None, "1299", "USD"), ("$1,299.00", None, "1299.00", "USD"), ("$24.99", None, "24.99", "USD"),
    ("$24.99", "CAD", "24.99", "CAD"), ("$24.99", "AUD", "24.99", "AUD"), ("$24.99", "GBP", "24.99", "USD"),
    ("US$ 12.50", None, "12.50", "USD"), ("US$12.50", "CAD", "12.50", "USD"), ("USD 99", None, "99", "USD"),
    ("99 USD", None, "99", "USD"), ("C$ 49.99", None, "49.99", "CAD"), ("CA$49.99", None, "49.99", "CAD"),
    ("A$ 1,099.00", None, "1099.00", "AUD"), ("AU$59", None, "59", "AUD"), ("NZ$ 79.95", None, "79.95", "NZD"),
    ("HK$ 388", None, "388", "HKD"), ("S$ 25.90", None, "25.90", "SGD"), ("R$ 1.299,90", None, "1299.90", "BRL"),
    ("$0.50", None, "0.50", "USD"), ("$ 1 299.00", None, "1299.00", "USD"), ("$1,299.99", "MXN", "1299.99", "MXN"),
    ("From $18.50", None, "18.50", "USD"), ("$3,499.00 USD", None, "3499.00", "USD"),
    # EUR, German style
    ("1.299,99 €", None, "1299.99", "EUR"), ("1.299,99€", None, "1299.99", "EUR"), ("1299,99 €", None, "1299.99", "EUR"),
    ("12,95 €", None, "12.95", "EUR"), ("0,99 €", None, "0.99", "EUR"), ("29,– €", None, "29", "EUR"),
    ("29,- €", None, "29", "EUR"), ("29,-- €", None, "29", "EUR"), ("1.299,- €", None, "1299", "EUR"),
    ("EUR 5,50", None, "5.50", "EUR"), ("5,50 EUR", None, "5.50", "EUR"), ("1.234.567,89 €", None, "1234567.89", "EUR"),
    (f"1.299,00{NB}€", None, "1299.00", "EUR"), ("statt 59,99 €", None, "59.99", "EUR"), ("ab 10,00 €", None, "10.00", "EUR"),
    ("Preis: 249,00 € inkl. MwSt.", None, "249.00", "EUR"), ("€1.299", None, "1299", "EUR"), ("10 €", None, "10", "EUR"),
    ("2.499 €", None, "2499", "EUR"), ("1.000 €", None, "1000", "EUR"), ("99 Euro", None, "99", "EUR"),
    ("12,90 euros", None, "12.90", "EUR"), ("€ 1.049,95", None, "1049.95", "EUR"),
    # EUR, French style
    (f"1{NB}299,99{NB}€", None, "1299.99", "EUR"), (f"1{NNB}299,99{NNB}€", None, "1299.99", "EUR"),
    (f"1{THIN}299,99 €", None, "1299.99", "EUR"), ("1 299,99 €", None, "1299.99", "EUR"), ("24,90 €", None, "24.90", "EUR"),
    ("1 234 567,00 €", None, "1234567.00", "EUR"), ("à partir de 9,90 €", None, "9.90", "EUR"),
    (f"12{NB}000{NB}€", None, "12000", "EUR"), ("Prix : 49,00 € TTC", None, "49.00", "EUR"), ("349 €", None, "349", "EUR"),
    # EUR, Dutch / Irish style
    ("€ 12,95", None, "12.95", "EUR"), ("€12,95", None, "12.95", "EUR"), ("€ 1.299,95", None, "1299.95", "EUR"),
    ("€ 1.299,-", None, "1299", "EUR"), ("€ 49,-", None, "49", "EUR"), ("€24.95", None, "24.95", "EUR"),
    ("€1,299.00", None, "1299.00", "EUR"), ("vanaf € 19,99", None, "19.99", "EUR"), (f"€{NB}7,50", None, "7.50", "EUR"),
    ("EUR 1.299,00", None, "1299.00", "EUR"),
    # CHF
    ("CHF 1'299.50", None, "1299.50", "CHF"), ("CHF 1’299.50", None, "1299.50", "CHF"), ("CHF 89.50", None, "89.50", "CHF"),
    ("CHF 89.–", None, "89", "CHF"), ("1'299.00 CHF", None, "1299.00", "CHF"), ("Fr. 49.90", None, "49.90", "CHF"),
    ("SFr. 12.00", None, "12.00", "CHF"), ("CHF 12'345", None, "12345", "CHF"), ("CHF 1 299.00", None, "1299.00", "CHF"),
    ("chf 5.00", None, "5.00", "CHF"),
    # JPY / CNY
    ("¥12,800", None, "12800", "JPY"), ("¥ 12,800", None, "12800", "JPY"), ("12,800円", None, "12800", "JPY"),
    ("12.800円", None, "12800", "JPY"), ("¥3,980（税込）", None, "3980", "JPY"), ("JPY 5000", None, "5000", "JPY"),
    ("¥12,800", "CNY", "12800", "CNY"), ("￥980", None, "980", "JPY"), ("¥128", "JPY", "128", "JPY"),
    ("88元", None, "88", "CNY"), ("CNY 1,299.00", None, "1299.00", "CNY"),
    # Nordic kroner
    ("12,95 kr", "SEK", "12.95", "SEK"), ("12,95 kr", "NOK", "12.95", "NOK"), ("12,95 kr", "DKK", "12.95", "DKK"),
    ("12,95 kr", None, "12.95", None), ("12 995 kr", "SEK", "12995", "SEK"), ("1 299,00 kr", "SEK", "1299.00", "SEK"),
    ("1.299,95 kr.", "DKK", "1299.95", "DKK"), ("1.299,95 kr.", None, "1299.95", None), ("kr 1 299,-", "NOK", "1299", "NOK"),
    ("kr 1.299,00", "NOK", "1299.00", "NOK"), ("2.499 kr", "SEK", "2499", "SEK"), ("SEK 1 299", None, "1299", "SEK"),
    ("1 299 SEK", None, "1299", "SEK"), ("DKK 499,95", None, "499.95", "DKK"), ("NOK 2 990,-", None, "2990", "NOK"),
    ("499:-", "SEK", "499", "SEK"), ("1 299:-", "SEK", "1299", "SEK"), ("Kr 79,-", "NOK", "79", "NOK"), (f"12{NB}995{NB}kr", "SEK", "12995", "SEK"),
    ("kr. 349,00", "DKK", "349.00", "DKK"), ("1.299 kr", "NOK", "1299", "NOK"), ("ISK 12.990", None, "12990", "ISK"),
    # other currencies
    ("₹1,29,999", None, "129999", "INR"), ("₹ 12,34,567.50", None, "1234567.50", "INR"), ("₹ 999", None, "999", "INR"), ("₩12,000", None, "12000", "KRW"),
    ("129,99 zł", None, "129.99", "PLN"), ("1 299,99 zł", None, "1299.99", "PLN"), ("1 299 Kč", None, "1299", "CZK"),
    ("PLN 49,00", None, "49.00", "PLN"), ("CZK 1 299", None, "1299", "CZK"), ("HUF 12 990", None, "12990", "HUF"),
    ("ZAR 1,299.00", None, "1299.00", "ZAR"), ("TRY 499,90", None, "499.90", "TRY"), ("RON 199,99", None, "199.99", "RON"),
    ("MXN 1,299.00", None, "1299.00", "MXN"), ("ILS 59.90", None, "59.90", "ILS"), ("BGN 39,90", None, "39.90", "BGN"),
    # written with a space, a suffix or a word: US $, 원, Rs., lei; R is rand only on a rand shop
    ("US $45.99", "MXN", "45.99", "USD"), ("89,000원", None, "89000", "KRW"), ("Rs. 1,19,990.00", None, "119990.00", "INR"),
    ("Rs 499", None, "499", "INR"), ("39,00 lei", None, "39.00", "RON"), ("1.199,00 Lei", None, "1199.00", "RON"),
    (f"R 12{NB}999", "ZAR", "12999", "ZAR"), ("R 1200 GS", "GBP", "1200", None), ("R2-D2", "USD", None, None),
    # no currency marked: the amount, the default currency only through page hints (not here)
    ("49.95", None, "49.95", None), ("1299.99", "GBP", "1299.99", None), ("12,95", None, "12.95", None),
    ("1,299", None, "1299", None), ("Price: 12,95", None, "12.95", None), ("1.299,99", None, "1299.99", None),
    # Turkish lira written TL after the amount; ringgit and rupiah before it; the signs of peso, hryvnia, rouble, dong
    # (each only on a shop of its currency: "1 TL" is a teaspoon, "RM 035" a model number)
    ("749,90 TL", "TRY", "749.90", "TRY"), ("1.299,99 TL", "TRY", "1299.99", "TRY"),
    ("RM 1,299.00", "MYR", "1299.00", "MYR"), ("Rp 150.000", "IDR", "150000", "IDR"),
    ("Rp. 150.000", "IDR", "150000", "IDR"), ("₱1,299", None, "1299", "PHP"),
    ("₴ 1 299", None, "1299", "UAH"), ("1 299 ₽", None, "1299", "RUB"), ("250.000₫", None, "250000", "VND"),
    # a code after the amount settles the sign before it (a US shop showing Canadian prices)
    ("$64.00 CAD", "USD", "64.00", "CAD"), ("$1,299 AUD incl. GST", "USD", "1299", "AUD"), ("kr 199 SEK", "NOK", "199", "SEK"),
    ("$5 EUR", "USD", "5", "USD"),  # no dollar: the code is something else's
    # Peru, Bosnia, Serbia, Ukraine, the Gulf and Egypt
    ("S/ 1,299.00", "PEN", "1299.00", "PEN"), ("S/. 89.90", "PEN", "89.90", "PEN"), ("Talla S/36", "EUR", "36", None), ("1.249,00 KM", "BAM", "1249.00", "BAM"),
    ("Domet 100 KM", "EUR", "100", None), ("1.299 din.", None, "1299", "RSD"), ("17 999 грн", None, "17999", "UAH"),
    ("2,149.00 ريال", "SAR", "2149.00", "SAR"), ("1,749.00 د.إ", None, "1749.00", "AED"), ("26,499 ج.م", None, "26499", "EGP"),
    ("4.999,-", "DKK", "4999", "DKK"), ("1 299,–", "NOK", "1299", "NOK"), ("29,-", None, "29", None),
    ("%25999,90 ₺", "TRY", None, None),  # a "%25" badge glued to the was price: no amount starts after the %
    ("24.990.000đ", None, "24990000", "VND"),
    # East and West Africa, South Asia: "Rs" is the rupee of the shop's own country
    ("KSh 3,499", None, "3499", "KES"), ("Ksh. 1,200", "KES", "1200", "KES"), ("₦45,000", None, "45000", "NGN"),
    ("GH₵ 250.00", None, "250.00", "GHS"), ("TSh 25,000", None, "25000", "TZS"), ("USh 50,000", None, "50000", "UGX"),
    ("৳ 1,200", None, "1200", "BDT"), ("Rs. 4,999", "PKR", "4999", "PKR"), ("Rs 12,500", None, "12500", "INR"),
    ("रु 3,450", "NPR", "3450", "NPR"), ("रु. 1,299", "INR", "1299", "INR"),
    # North Macedonia, Armenia, Uzbekistan, Kazakhstan, Georgia
    ("32.990ден.", None, "32990", "MKD"), ("125 000 ֏", None, "125000", "AMD"), ("2 450 000 so'm", None, "2450000", "UZS"),
    ("1 899 000 сўм", None, "1899000", "UZS"), ("₸ 249 990", None, "249990", "KZT"), ("1 299 ₾", None, "1299", "GEL"),
    ("Pen 12 pack", "GBP", "12", None),  # a bare number: "pen" is a word here, not the sol's code
    # no price at all
    ("Price on request", None, None, None), ("Preis auf Anfrage", None, None, None), ("Sold out", None, None, None),
    ("", None, None, None), ("   ", None, None, None), ("Call 0800 123 456 for a quote today please", None, None, None),
    ("£", None, None, None), ("Free", None, None, None), ("TBC", None, None, None),
    ("£1,299.99 RRP", None, "1299.99", "GBP"), ("Was: £99.00", None, "99.00", "GBP"), ("£-", None, None, None), ("€ -", None, None, None), ("Épuisé", None, None, None), ("N/A", None, None, None),
]


@pytest.mark.parametrize(("text", "default", "amount", "currency"), CASES, ids=[repr(c[0]) for c in CASES])
def test_price_strings(text: str, default: str | None, amount: str | None, currency: str | None) -> None:
    got = parse_price(text, default)
    assert got == (None if amount is None else Decimal(amount), currency)
    if got[0] is not None:
        assert isinstance(got[0], Decimal)
        assert got[0] == Decimal(amount)  # type: ignore[arg-type]
        assert str(got[0]) == amount  # exact, with the written number of places


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({c[0] for c in CASES if c[0].strip()}) >= 150


@pytest.mark.parametrize(("token", "default", "page", "lang", "expected"), [
    ("$", None, None, None, "USD"), ("$", "CAD", None, None, "CAD"), ("$", "GBP", "AUD", None, "AUD"),
    ("$", None, None, "en-CA", "CAD"), ("kr", None, None, None, None), ("kr", None, None, "sv-SE", "SEK"),
    ("kr", None, None, "da", "DKK"), ("kr", None, None, "nb", "NOK"), ("kr", "NOK", "SEK", None, "SEK"),
    ("kr.", "DKK", None, None, "DKK"), ("¥", None, None, None, "JPY"), ("¥", None, None, "zh-CN", "CNY"),
    ("€", "GBP", None, None, "EUR"), ("gbp", None, None, None, "GBP"), ("XYZ", None, None, None, None),
    ("", None, None, None, None), (None, None, None, None, None),
])
def test_currency_resolution_order(token: str | None, default: str | None, page: str | None, lang: str | None,
                                   expected: str | None) -> None:
    assert currency_code(token, default, page, lang) == expected


def test_find_prices_in_text_reports_every_amount_in_order() -> None:
    text = normalize("Was £1,499.99 Now £1,299.99 – or £54.17/month. Delivery £4.95")
    assert [(m.amount, m.symbol, m.raw) for m in find_prices(text)] == [
        (Decimal("1499.99"), "£", "£1,499.99"), (Decimal("1299.99"), "£", "£1,299.99"),
        (Decimal("54.17"), "£", "£54.17"), (Decimal("4.95"), "£", "£4.95")]
    assert find_prices("Model 3000, 24 months warranty, 1,299 reviews") == []
    assert find_prices("Dekr 12 items") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("1 $45.99", [("45.99", "$")]),  # a quantity cell, then the price: the sign opens the amount after it
    ("Qty 1 €45,99", [("45.99", "€")]),
    ("1$45.99 and 2 €", [("45.99", "$"), ("2", "€")]),
    ("1 $ 45.99", [("1", "$")]),  # spaced both ways: read as it stands
    ("ab 12€95 Versand", [("12.95", "€")]),  # the sign as decimal mark stays a price
    ("12,95 kr", [("12.95", "kr")]),
])
def test_a_sign_glued_to_the_next_amount_belongs_to_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(str(m.amount), m.symbol) for m in find_prices(normalize(text))] == expected


@pytest.mark.parametrize(("num", "expected"), [
    ("1.299,99", "1299.99"), ("1,299.99", "1299.99"), ("1,299", "1299"), ("1.299", "1299"), ("1'299.50", "1299.50"),
    ("1 299", "1299"), ("29,-", "29"), ("12.5", "12.5"), ("0,5", "0.5"), ("12.3456", None), ("abc", None), ("", None),
])
def test_parse_amount(num: str, expected: str | None) -> None:
    assert parse_amount(num) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(("value", "expected"), [
    (1299, "1299"), (12.5, "12.5"), (Decimal("9.99"), "9.99"), ("1299.99", "1299.99"), ("1,299.99", "1299.99"),
    ("£12.00", "12.00"), (True, None), (None, None), ([], None), ("free", None),
])
def test_structured_amount(value: object, expected: str | None) -> None:
    assert structured_amount(value) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(("text", "expected"), [
    ("349,00 leiPreț inițial:420,00 lei", [("349.00", "lei"), ("420.00", "lei")]),  # a hidden label's text runs on
    ("299 krInkl. moms", [("299", "kr")]),
    ("12 Leiden", []),  # a word, not lei
    ("4 KRONER", []),
    ("300 LEIPZIG", []),
])
def test_a_currency_word_ends_where_a_capital_follows_a_small_letter(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(str(m.amount), m.symbol) for m in find_prices(normalize(text))] == expected


def test_dong_sign_only_as_a_word_of_its_own() -> None:
    assert find_prices("86 đánh giá · 312 bình luận") == []  # 86 reviews
    assert [m.amount for m in find_prices("Giá 1.290.000 đ")] == [Decimal("1290000")]


@pytest.mark.parametrize("text", ["1.249,90TL", "59,90 TL", "120KM", "12 KM"])
def test_a_currency_glued_to_its_amount_counts(text: str) -> None:
    assert has_currency(text)


@pytest.mark.parametrize(("raw", "read", "expected"), [
    ("KWD 12.500", "12500", "12.500"),  # twelve and a half dinars: a thousand fils each
    ("1,250.500 KD", "1250500", "1250.500"),
    ("KD 1,250", "1250", "1250"),  # a comma groups thousands
    ("KWD 12", "12", "12"),
    ("BD 3.750", "3.750", "3.750"),  # already read right (structured data): stands
])
def test_three_decimal_currencies_read_their_fils(raw: str, read: str, expected: str) -> None:
    assert in_fils(raw, Decimal(read)) == Decimal(expected)
