"""extract.py: every strategy on the demo shops' pages and on hand-written edge cases."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from lxml.etree import HTMLParser, fromstring

from powertracker.demo_shop import render
from powertracker.extract import availability, currency_code, extract, parse_price
from powertracker.extract_base import Page
from powertracker.extract_heuristic import MULTIBUY, UNCHOSEN, _labels_next_amount
from powertracker.extract_regions import Layout
from powertracker.extract_structured import json_ld

BASE = "http://127.0.0.1:8765"
CAMPKIT_SELECTOR = ".product-main .price-now"


def page(retailer: str, product: str, round_: int = 1) -> str:
    html = render(round_, retailer, product, BASE)
    assert html is not None
    return html


def test_json_ld_shop_with_was_price_and_repaired_block() -> None:
    e = extract(page("voltmart", "river-2", 4), f"{BASE}/voltmart/p/river-2")
    assert e.as_json() == {
        "price": "205.99", "currency": "GBP", "availability": "in_stock", "was_price": "228.99",
        "title": "EcoFlow River 2 Portable Power Station", "strategy": "json-ld", "confidence": 0.95,
        "raw": "205.99",
    }
    assert e.rejected == ()  # the WebSite block's trailing comma is repaired, not reported


def test_unrepairable_json_ld_block_is_reported() -> None:
    html = page("voltmart", "river-2", 4).replace('"VoltMart",}', '"Volt"Mart"}')
    e = extract(html, f"{BASE}/voltmart/p/river-2")
    assert (e.price, e.strategy) == (Decimal("205.99"), "json-ld")
    assert [reason.split(":")[0] for _, reason in e.rejected] == ["invalid JSON-LD"]


def test_json_ld_out_of_stock() -> None:
    e = extract(page("voltmart", "delta-2", 3), f"{BASE}/voltmart/p/delta-2")
    assert (e.price, e.currency, e.availability, e.was_price) == (Decimal("648.99"), "GBP", "out_of_stock", None)


def test_microdata_shop_in_euro_reads_the_visible_was_price() -> None:
    html = page("powerhaus", "delta-2", 5)
    assert '<del class="was">Was 751,99 €</del>' in html
    e = extract(html, f"{BASE}/powerhaus/p/delta-2", default_currency="EUR")
    assert e.as_json() == {
        "price": "668.99", "currency": "EUR", "availability": "in_stock", "was_price": "751.99",
        "title": "EcoFlow Delta 2 Portable Power Station", "strategy": "microdata", "confidence": 0.9,
        "raw": "668.99",
    }


def test_opengraph_shop_preorder() -> None:
    e = extract(page("gridless", "explorer-1000-plus"), f"{BASE}/gridless/p/explorer-1000-plus")
    assert (e.price, e.currency, e.availability, e.strategy, e.confidence, e.title) == (
        Decimal("1130.99"), "GBP", "preorder", "meta", 0.85, "Jackery Explorer 1000 Plus Portable Power Station")


def test_plain_shop_selector_and_heuristic_ignore_distractors() -> None:
    html = page("campkit", "delta-2", 4)  # was £635.99, now £552.99, related products priced too
    assert "<del class=\"was\">Was £635.99</del>" in html and "Related products" in html
    e = extract(html, f"{BASE}/campkit/p/delta-2", selector=CAMPKIT_SELECTOR, default_currency="GBP")
    assert (e.price, e.currency, e.strategy, e.confidence, e.raw) == (
        Decimal("552.99"), "GBP", "selector", 0.9, "£552.99")
    found = extract(html, f"{BASE}/campkit/p/delta-2")
    assert (found.price, found.currency, found.was_price, found.strategy, found.title) == (
        Decimal("552.99"), "GBP", Decimal("635.99"), "heuristic", "EcoFlow Delta 2 Portable Power Station")
    reasons = {reason for _, reason in found.rejected}
    assert {"struck-through or was / list price", "shipping cost or threshold"} <= reasons


def test_selector_beats_structured_data() -> None:
    html = page("voltmart", "river-2", 4)
    e = extract(html, "u", selector="p.price span")
    assert (e.price, e.currency, e.strategy, e.raw) == (Decimal("205.99"), "GBP", "selector", "£205.99")


def test_selector_matching_nothing_or_invalid_falls_through() -> None:
    html = page("voltmart", "river-2")
    assert extract(html, "u", selector=".nope").strategy == "json-ld"
    e = extract(html, "u", selector="p[[")
    assert (e.strategy, e.price) == ("json-ld", Decimal("228.99"))
    assert [(raw[:3], reason.split(":")[0]) for raw, reason in e.rejected] == [("p[[", "invalid selector")]


def test_invalid_json_ld_block_is_skipped() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@type": "Product", "name": "Broken", </script>
    <script type="application/ld+json">[{"@type": "Product", "name": "Good",
      "offers": [{"@type": "Offer", "price": 12.5, "priceCurrency": "usd",
                  "availability": "http://schema.org/PreOrder"}]}]</script></head></html>"""
    e = extract(html, "u")
    assert (e.price, e.currency, e.availability, e.title, e.strategy) == (
        Decimal("12.5"), "USD", "preorder", "Good", "json-ld")
    assert len(e.rejected) == 1 and e.rejected[0][1].startswith("invalid JSON-LD")


def test_json_ld_aggregate_offer_and_graph() -> None:
    html = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage"}, {"@type": ["Product"], "name": "Bundle",
       "offers": {"@type": "AggregateOffer", "lowPrice": "99.00", "highPrice": "120", "priceCurrency": "EUR"}}
    ]}</script>"""
    e = extract(html, "u")
    assert (e.price, e.currency, e.title, e.strategy, e.raw) == (
        Decimal("99.00"), "EUR", "Bundle", "json-ld", "99.00")


VARIANTS = """<script type="application/ld+json">{"@type": "Product", "name": "Variants", "offers": [
  {"@type": "Offer", "price": "10.00", "priceCurrency": "GBP", "sku": "V-1", "url": "/p/v?variant=1"},
  {"@type": "Offer", "price": "12.00", "priceCurrency": "GBP", "sku": "V-2", "gtin13": "0012345678905",
   "url": "/p/v?variant=2", "availability": "https://schema.org/OutOfStock"}]}</script>"""


def test_several_offers_at_different_prices_are_ambiguous_not_guessed() -> None:
    e = extract(VARIANTS, "u")
    assert (e.price, e.strategy, e.confidence) == (None, None, 0.0)
    assert any(reason.startswith("ambiguous: json-ld lists 2 different prices") for _, reason in e.rejected)


@pytest.mark.parametrize(("kwargs", "price", "availability"), [
    ({"sku": "v-2"}, "12.00", "out_of_stock"),
    ({"gtin": "12345678905"}, "12.00", "out_of_stock"),
    ({"offer_url": "https://shop.example/p/v?variant=1"}, "10.00", None),
])
def test_the_offer_picks_its_variant(kwargs: dict[str, str], price: str, availability: str | None) -> None:
    e = extract(VARIANTS, "https://shop.example/p/v", **kwargs)
    assert (e.price, e.availability, e.strategy, e.confidence) == (Decimal(price), availability, "json-ld", 0.95)


def test_the_visible_price_picks_the_default_variant() -> None:
    html = VARIANTS + '<h1>Variants</h1><p class="price">£12.00</p><button>Add to basket</button>'
    e = extract(html, "u")
    assert (e.price, e.strategy, e.confidence) == (Decimal("12.00"), "json-ld", 0.8)


def test_the_pages_own_url_picks_the_variant_it_shows() -> None:
    html = VARIANTS + '<meta property="og:url" content="https://shop.example/p/v?variant=2">'
    e = extract(html, "u")
    assert (e.price, e.availability, e.confidence) == (Decimal("12.00"), "out_of_stock", 0.8)


def test_a_stale_meta_price_the_page_never_shows_gives_way_to_the_visible_price() -> None:
    html = ('<html><head><meta property="product:price:amount" content="549.99">'
            '<meta property="product:price:currency" content="USD"></head><body><h1>Monitor</h1>'
            '<div class="pricing__current">$499.99</div><button>Add to Cart</button></body></html>')
    e = extract(html, "u", default_currency="USD")
    assert (e.price, e.strategy) == (Decimal("499.99"), "heuristic")
    shown = html.replace("$499.99", "$549.99")
    assert (extract(shown, "u").price, extract(shown, "u").strategy) == (Decimal("549.99"), "meta")


def _paypal_form(amount: str, cmd: str = "_cart") -> str:
    return ('<form target="paypal" action="https://www.paypal.com/cgi-bin/webscr" method="post">'
            f'<input type="hidden" name="cmd" value="{cmd}"><input type="hidden" name="add" value="1">'
            f'<input type="hidden" name="item_name" value="Kit"><input type="hidden" name="amount" value="{amount}">'
            '<input type="hidden" name="shipping" value="3.50"><input type="hidden" name="currency_code" value="GBP">'
            '<input type="image" src="btn_cart_LG.gif" name="submit" alt="PayPal"></form>')


def test_a_hand_made_shops_paypal_button_gives_its_price() -> None:
    """No title heading, no buy button the heuristic knows, prices of parts and postage all over: the one PayPal
    form that adds the product holds its amount and currency, shown in the page's "Price:" cell."""
    parts = "".join(f"<tr><td>Part {i}</td><td>&pound;{p}</td></tr>" for i, p in enumerate(("6.50", "5.25", "18.00")))
    page = (f'<p><font size="5"><b>GWR 14xx kit</b></font></p><table><tr><td><b>Price:</b></td><td><b>&pound;24.95</b>'
            f'</td></tr></table>{_paypal_form("24.95")}<p>You will also need</p><table>{parts}</table>'
            '<table><tr><td>UK</td><td>&pound;3.50</td></tr><tr><td>Europe</td><td>&pound;7.50</td></tr></table>')
    head = "<title>GWR 14xx kit | Lane Models</title>"
    e = extract(_doc(page, head=head), "u", default_currency="GBP")
    assert (e.price, e.currency, e.strategy) == (Decimal("24.95"), "GBP", "platform:paypal")
    stale = page.replace('name="amount" value="24.95"', 'name="amount" value="29.95"')  # a form the page does not show
    assert extract(_doc(stale, head=head), "u", default_currency="GBP").price != Decimal("29.95")
    two = page.replace("<p>You will also need</p>", f"<p>You will also need</p>{_paypal_form('18.00', '_xclick')}")
    assert extract(_doc(two, head=head), "u", default_currency="GBP").strategy != "platform:paypal"  # whose is whose?
    # a deposit's form, its amount shown too: its item is not the page's title
    deposit = (page.replace('value="Kit"', 'value="Deposit - Kit"').replace('name="amount" value="24.95"',
                                                                            'name="amount" value="6.50"'))
    assert extract(_doc(deposit, head=head), "u", default_currency="GBP").strategy != "platform:paypal"


@pytest.mark.parametrize("title", ["A Pictorial Guide to the Lakeland Fells, Book One: The Eastern Fells", "The Eastern Fells"])
def test_a_price_set_off_by_a_dash_at_the_end_of_the_title(title: str) -> None:
    page = (f'<h1>{title} &mdash; &pound;85</h1><p>First edition, 1955. Fine in a good dust wrapper.</p>'
            '<table><tr><td>UK postage</td><td>&pound;3.95</td></tr><tr><td>Europe</td><td>&pound;9.50</td></tr></table>'
            '<p>More Wainwright: <a href="/b/2">Book Two</a> &pound;60</p>')
    assert extract(_doc(page), "u", default_currency="GBP").price == Decimal("85")
    under = page.replace("&mdash; &pound;85", "under &pound;85")  # a heading's bound, no price
    assert extract(_doc(under), "u", default_currency="GBP").price != Decimal("85")


@pytest.mark.parametrize("label", ["In mijn mandje", "In winkelmandje", "In het mandje"])
def test_a_dutch_basket_button(label: str) -> None:
    """A Dutch "mandje" (basket) button anchors the page: the checked size's price, not another size's or the
    delivery's, though the page has no h1."""
    sizes = "".join(f'<label><input type="radio" name="maat" value="{v}"{c}> <span>{n} &mdash; &euro; {p}</span></label>'
                    for v, n, p, c in (("20", "Halve vlaai", "14,50", " checked"), ("26", "Hele vlaai", "24,95", ""),
                                       ("30", "Grote vlaai", "32,50", "")))
    page = (f'<h2>Bosvruchtenvlaai</h2><form action="mand.php"><div>{sizes}</div><p class="prijsregel">Prijs: &euro; 14,50'
            f'</p><p>incl. 9% btw</p><p><label>Slagroom erbij? <select name="slagroom"><option value="0" selected>Nee</option>'
            f'<option value="1">Ja, bakje 250 ml (+ &euro; 2,95)</option></select></label></p><p><input type="submit" '
            f'value="{label}"></p></form><h3>Bezorgen</h3><table><tr><th>Postcode</th><th>Bezorgkosten</th></tr><tr><td>5611'
            ' (Eindhoven)</td><td>&euro; 3,95</td></tr><tr><td>Overige</td><td>&euro; 8,50</td></tr></table>')
    assert extract(_doc(page), "u", default_currency="EUR").price == Decimal("14.50")


@pytest.mark.parametrize("notes", [
    "TVA incluse (8,1 % : CHF 86.11) · TAR incluse CHF 0.46",  # Swiss French: the VAT in it, the recycling fee in it
    "inkl. MwSt. (davon MwSt. 8,1 %: CHF 86.11) · inkl. vRG CHF 0.46",
    "IVA inclusa (8,1 %: CHF 86.11) · TRA inclusa CHF 0.46",
])
def test_the_tax_and_the_recycling_fee_a_swiss_price_includes(notes: str) -> None:
    page = (f'<h1>Objectif 24-70 mm</h1><div class="price-box"><span class="old">Prix conseillé CHF 1\'299.00</span>'
            f'<span class="price">CHF 1\'149.00</span><div class="text-sm">{notes}</div></div>'
            '<button>Ajouter au panier</button>')
    assert extract(_doc(page), "u", default_currency="CHF").price == Decimal("1149.00")


@pytest.mark.parametrize(("body", "currency", "want"), [
    # OXID's mini-basket, its line and its total
    ('<h1>Fahrradhelm Aero</h1><div class="minibasket-menu"><table><tr><td>Rücklicht</td><td class="price">19,99 €</td>'
     '</tr><tr><td>Summe</td><td class="price">19,99 €</td></tr></table></div><p>UVP <del>99,95 €</del></p><div class="box">'
     '<span>79,95 € *</span></div><button>In den Warenkorb</button>', "EUR", "79.95"),
    # Impulse's cart drawer (id="CartDrawer"): a line discounted in the basket
    ('<div id="CartDrawer" class="drawer drawer--right"><div class="cart__item"><a>Oat Cleanser</a><span class="cart__price">'
     '£25.50</span></div></div><h1>Vitamin C Serum 30ml</h1><p><span class="price">£24.00</span> <s>£32.00</s></p>'
     '<button>Add to cart</button>', "GBP", "24.00"),
    # Polish instalments ("w 3 ratach po") and a multibuy ("Kup 2 szt. – zapłacisz … /szt.") right under the price
    ('<h1>Klocki Statek kosmiczny Nova</h1><div><s>249,99 zł</s></div><div>189,99 zł</div><div>Kup 2 szt. – zapłacisz '
     '<b>179,99 zł/szt.</b></div><div>zapłać później lub w 3 ratach po <b>63,33 zł</b></div>'
     '<button>Dodaj do koszyka</button>', "PLN", "189.99"),
])
def test_a_basket_another_sellers_offer_instalments_and_a_multibuy_beside_the_price(body: str, currency: str,
                                                                                    want: str) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(want), e.rejected


def test_a_bold_line_heads_a_block_of_other_offers() -> None:
    """"<p><strong>Weitere Angebote</strong></p>" opens the block of other sellers' offers as a heading would."""
    doc = fromstring('<html><body><h1>MacBook Air 13"</h1><div><strong>CHF 1\'299.–</strong></div><div><p><strong>'
                     'Weitere Angebote</strong></p><div><span>Marktplatz: iStore</span><strong id="o">CHF 1\'279.–</strong>'
                     '</div></div><div><p><strong>Lieferung</strong></p><p id="d">Morgen geliefert</p></div></body></html>',
                     HTMLParser())
    layout = Layout(doc)
    assert layout.another_products(doc.find(".//*[@id='o']"))
    assert not layout.another_products(doc.find(".//*[@id='d']"))  # a bold line heading anything else


def test_a_us_grocers_regular_price_beside_a_members_and_a_per_count_unit_price() -> None:
    body = ('<h1>Organic Large Brown Eggs, 12 ct</h1><div class="price-block"><div><span>Rewards Member Price</span>'
            '<span class="price price--member">$4.99</span><a href="/rewards">Sign in or join to get this price</a></div>'
            '<div><span>Price</span><span class="price price--regular">$5.49</span><span class="unit">$0.46/ct</span>'
            '</div></div><button>Add to Cart</button>')
    assert extract(_doc(body), "u", default_currency="USD").price == Decimal("5.49")


def test_log_in_for_wholesale_pricing_where_the_price_would_be() -> None:
    gate = ('<h1>Tidewater Dog Chews, Case of 24</h1><div class="price-gate"><p class="price-gate__title">Log in for'
            ' wholesale pricing</p><p>Pricing is available to approved retail accounts only.</p></div>'
            '<p>Free freight on orders of $500+ to the lower 48.</p><button>Add to Cart</button>')
    assert extract(_doc(gate), "u", default_currency="USD").price is None
    # a retail price shown (split over elements) above a trade member's link: the retail price stands
    retail = gate.replace('<div class="price-gate"><p class="price-gate__title">Log in for wholesale pricing</p><p>Pricing is'
                          ' available to approved retail accounts only.</p></div>',
                          '<div class="price"><sup>$</sup>149<sup>.00</sup></div><div>Are you a trade member? <a href='
                          '"/login">Log in for wholesale pricing</a></div>')
    assert extract(_doc(retail), "u", default_currency="USD").price == Decimal("149.00")


def test_prestashops_price_and_shipping_box_holds_the_price() -> None:
    """PrestaShop 1.7 wraps its price box in "product-price-and-shipping": the box's amounts are no shipping costs."""
    body = ('<h1>Gaggia Classic Evo Pro</h1><div class="product-prices"><div class="product-price-and-shipping"><div '
            'class="current-price"><span class="price">379,00 €</span></div><div class="product-discount"><span class='
            '"regular-price">449,00 €</span><span class="discount">Risparmi 70,00 €</span></div><div>IVA inclusa</div>'
            '</div></div><p>Spedizione 6,90 € · gratuita sopra 49 €</p><button>Aggiungi al carrello</button>')
    assert extract(_doc(body), "u", default_currency="EUR").price == Decimal("379.00")


def test_other_sellers_offers_beside_the_buy_box() -> None:
    others = ('<div class="bl-buybox__others"><ul><li class="bl-offer"><span class="bl-offer__price">39,99 €</span> <span>'
              '+ 5,90 € de livraison</span> <span>Vendu par DecoPeinture Express</span></li></ul></div>')
    body = ('<h1>Peinture murale blanc mat 2,5 L</h1><aside><div>Vendu par <strong>Bricoland</strong></div><div class='
            '"bl-price"><span>42</span><span>,90&nbsp;€</span></div><p>17,16&nbsp;€ / L</p><div><button>Ajouter au panier'
            f'</button></div>{others}</aside>')
    assert extract(_doc(body), "u", default_currency="EUR").price == Decimal("42.90")


def test_a_prestashop_wishlist_module_page_holds_no_price() -> None:
    body = ('<h1>La mia lista dei desideri</h1><div class="product-miniature"><a href="/moka">Moka Express 6 tazze</a>'
            '<span class="price">34,90 €</span><button>Aggiungi al carrello</button></div>')
    assert extract(_doc(body, body_attrs=' id="module-iqitwishlist-view" class="lang-it"'), "u",
                   default_currency="EUR").price is None


def test_a_nectar_price_is_a_members_price() -> None:
    body = ('<h1>Lavazza Qualita Oro Ground Coffee 227g</h1><div class="pd__nectar"><img alt="Nectar Price"><span class='
            '"pd__cost__nectar-price">&pound;4.25</span></div><div><span class="pd__cost__retail-price">&pound;5.50</span>'
            '<span>&pound;24.23 / kg</span></div><button>Add</button>')
    assert extract(_doc(body), "u", default_currency="GBP").price == Decimal("5.50")


def test_a_quote_pages_optional_extras_and_other_products_under_a_wrapped_heading() -> None:
    """A garden room built to order: its extras' prices (under "Popular optional extras") and other products' (under
    a page builder's heading in a wrapper of its own, "Also from Oak Hollow") are no price of the product."""
    body = ('<h1>The Willow Garden Room</h1><p>Designed and built to order.</p><a href="/quote">Request a Quote</a>'
            '<section><h2>Popular optional extras</h2><p>Add any of these to your quote.</p><table><tr><td>Electrical'
            ' package</td><td>&pound;1,250.00</td></tr><tr><td>Decking</td><td>&pound;1,895.00</td></tr></table></section>'
            '<section><div class="rich-text"><h2>Also from Oak Hollow</h2></div><div class="grid"><div class="card">'
            '<h3>Insulated Storage Shed</h3><p class="other-price">&pound;3,495.00</p><a href="/shed">Find out more</a>'
            '</div><div class="card"><h3>Base Kit</h3><p class="other-price">&pound;895.00</p><a href="/base">Find out'
            ' more</a></div></div></section>')
    assert extract(_doc(body), "u", default_currency="GBP").price is None


def test_an_order_confirmation_a_rental_an_auction_and_a_finance_calculator_hold_no_price() -> None:
    thanks = ('<h1>Obrigado pela sua compra, Mariana!</h1><table><tr><td>Liquidificador</td><td>R$ 749,90</td></tr>'
              '<tr><td>Total</td><td>R$ 1.196,62</td></tr></table><a href="/">Continuar comprando</a>')
    assert extract(_doc(thanks), "u", default_currency="BRL").price is None
    rates = ('<h1>Sony FX6 Cinema Camera Kit</h1><p>Rent the FX6 for your next shoot.</p><h2>Rental Rates</h2><table><tr>'
             '<td>Daily (24 hrs)</td><td>$185</td></tr><tr><td>Weekly (7 days)</td><td>$740</td></tr><tr><td>Monthly</td>'
             '<td>Call for quote</td></tr></table><a href="/reserve">Request a reservation</a>')
    assert extract(_doc(rates), "u", default_currency="USD").price is None
    similar = "".join(f'<li class="similar-item"><a href="/l/{i}">Kamera {i}</a> CHF {i}40.00 <a href="/l/{i}/buy">Sofort'
                      ' kaufen</a></li>' for i in range(3, 6))
    auction = ('<h1>Vito B Sucherkamera</h1><p>Aktuelles Gebot CHF 120.00</p><p>Startpreis CHF 1.00</p><form><input name="amount">'
               '<button type="submit">Bieten</button></form><p>Versand CHF 9.00</p>'
               f'<section class="related"><h2>Ähnliche Artikel</h2><ul>{similar}</ul></section>')
    assert extract(_doc(auction), "u", default_currency="CHF").price is None
    calculator = ('<h1>Je nieuwe e-bike, in kleine maandbedragen</h1><p>Aankoopbedrag € 2.999,00</p><p>Looptijd 36'
                  ' maanden: € 93,46 per maand</p><button>Bereken</button>')
    assert extract(_doc(calculator, head="<title>E-bike financieren – bereken je maandbedrag | Volta Velo</title>"),
                   "u", default_currency="EUR").price is None


def test_gambios_category_page_holds_no_price() -> None:
    grid = "".join(f'<div class="product-container"><a href="/w{i}">Wein {i}</a><span class="current-price">{i},95 EUR'
                   '</span></div>' for i in range(5, 11))
    body = f'<h1>Rotwein</h1><p>12 von 49 Artikeln</p>{grid}'
    teaser = ('<h1>Rotwein</h1><p>Unsere Rotweine aus Rheinhessen.</p><div class="teaser"><h2>Dornfelder trocken 2023</h2>'
              '<span class="price">7,95 EUR</span><button>In den Warenkorb</button></div>')  # one product featured
    assert extract(_doc(teaser, body_attrs=' class="page-index-type-cat"'), "u", default_currency="EUR").price is None
    assert extract(_doc(body, body_attrs=' class="page-index-type-cat page-index-type-gm_boosted_category"'), "u",
                   default_currency="EUR").price is None


def test_woocommerce_ex_vat_block_first_gives_way_to_the_inc_vat_one() -> None:
    amount = '<span class="woocommerce-Price-amount amount"><bdi>{}&nbsp;€</bdi></span>'
    html = (f'<h1 class="product_title">Lampada</h1><p class="price">{amount.format("72,95")} <small>IVA esclusa'
            f'</small></p><p class="price">{amount.format("89,00")} <small>IVA inclusa</small></p>'
            '<button name="add-to-cart">Aggiungi al carrello</button>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.strategy) == (Decimal("89.00"), "platform:woocommerce")


def test_a_meta_price_the_page_shows_only_as_its_was_price_gives_way_to_the_sale_price() -> None:
    html = ('<html><head><meta property="product:price:amount" content="60.00">'
            '<meta property="product:price:currency" content="NZD"><meta itemprop="price" content="60.00"></head>'
            '<body><h1>Candle</h1><div class="product-price"><span class="sr">Sale Price:</span>$45.00 '
            '<span class="original-price">$60.00</span></div><button name="add">Add to cart</button></body></html>')
    e = extract(html, "u", default_currency="NZD")
    assert (e.price, e.strategy) == (Decimal("45.00"), "heuristic"), e.rejected
    assert ("60.00", "microdata: itemprop=price outside any itemscope (no item it belongs to)") in e.rejected


def test_an_article_page_has_no_price_whatever_it_lists() -> None:
    html = ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Best machines"}</script>'
            '<h1>The 7 best espresso machines</h1><table><tr><td>Bambino</td><td><strong>$399.95</strong></td></tr>'
            '<tr><td>Dedica</td><td><strong>$249.95</strong></td></tr></table><button>Add to cart</button>')
    e = extract(html, "u", default_currency="USD")
    assert e.price is None
    assert any("the page is no product page" in reason for _, reason in e.rejected)


def test_unknown_sku_falls_back_to_the_page_and_says_so() -> None:
    e = extract(VARIANTS, "u", sku="NOPE")
    assert e.price is None
    assert any(reason.startswith("no offer on the page matches sku=NOPE") for _, reason in e.rejected)


def test_microdata_text_price_without_content() -> None:
    html = """<div itemscope itemtype="https://schema.org/Offer"><h1>Thing</h1>
      <span itemprop="price">1.299,99 €</span><span itemprop="availability">OutOfStock</span></div>"""
    e = extract(html, "u")
    assert (e.price, e.currency, e.availability, e.strategy, e.title) == (
        Decimal("1299.99"), "EUR", "out_of_stock", "microdata", "Thing")


def test_og_price_amount_variant() -> None:
    html = """<html><head><title>Power bank | Shop</title>
      <meta property="og:price:amount" content="49.95"><meta property="og:price:currency" content="GBP">
      </head></html>"""
    e = extract(html, "u")
    assert (e.price, e.currency, e.availability, e.strategy, e.title) == (
        Decimal("49.95"), "GBP", None, "meta", "Power bank | Shop")


@pytest.mark.parametrize("html", [
    "<html><head><title>Nothing</title></head><body><p>Call us for a price: 0800 123 456</p></body></html>",
    "",
    "<?xml version='1.0' encoding='utf-8'?><html><body><h1>Nothing</h1></body></html>",
])
def test_page_without_a_price_gives_none(html: str) -> None:
    e = extract(html, "u")
    assert (e.price, e.currency, e.strategy, e.confidence) == (None, None, None, 0.0)
    assert e.as_json()["price"] is None


@pytest.mark.parametrize(("text", "default", "expected"), [
    ("1.299,99 €", None, (Decimal("1299.99"), "EUR")),
    ("£1,299.99", None, (Decimal("1299.99"), "GBP")),
    ("CHF 1'299.50", None, (Decimal("1299.50"), "CHF")),
    ("1 299,00 kr", "SEK", (Decimal("1299.00"), "SEK")),
    ("1 299,00 kr", None, (Decimal("1299.00"), None)),
    ("$24.99", "CAD", (Decimal("24.99"), "CAD")),
    ("$24.99", None, (Decimal("24.99"), "USD")),
    ("EUR 5,50", None, (Decimal("5.50"), "EUR")),
    ("Price on request", None, (None, None)),
])
def test_locale_price_strings(text: str, default: str | None, expected: tuple[Decimal | None, str | None]) -> None:
    assert parse_price(text, default) == expected


def test_currency_and_availability_names() -> None:
    assert [currency_code(x) for x in ("gbp", "€", "zł", "XYZ", "", None)] == ["GBP", "EUR", "PLN", None, None, None]
    assert [availability(x) for x in ("https://schema.org/InStock", "http://schema.org/SoldOut", "in stock",
                                      "BackOrder", "maybe", None)] == [
        "in_stock", "out_of_stock", "in_stock", "preorder", None, None]


@pytest.mark.parametrize(("words", "want"), [
    ("Dostępny", "in_stock"), ("Skladem", "in_stock"), ("Raktáron", "in_stock"), ("Disponibile", "in_stock"),
    ("Em estoque", "in_stock"), ("Varastossa", "in_stock"), ("În stoc", "in_stock"), ("Stokta var", "in_stock"),
    ("Disponibile in preordine", "preorder"), ("Preventa", "preorder"),
])
def test_stock_and_preorder_in_more_languages(words: str, want: str) -> None:
    html = _doc(f'<h1>Lamp</h1><p class="price">€20.00</p><p class="stock">{words}</p>')
    assert extract(html, "u", default_currency="EUR").availability == want


@pytest.mark.parametrize(("button", "want"), [
    ('<button class="btn add-to-cart">Add to cart</button>', "in_stock"),
    ('<button class="btn add-to-cart disabled">Add to cart</button>', None),
    ('<button class="btn add-to-cart" aria-disabled="true">Add to cart</button>', None),
    ("", None),
])
def test_a_working_add_to_cart_button_says_in_stock(button: str, want: str | None) -> None:
    html = _doc(f'<h1>Lamp</h1><p class="price">€20.00</p>{button}')
    assert extract(html, "u", default_currency="EUR").availability == want


@pytest.mark.parametrize(("body", "want"), [
    ('<h1>Lamp</h1><p class="stock">Nicht mehr lieferbar</p><p>Unser Nachfolger: <a href="/p/2">Lamp II</a></p>',
     "out_of_stock"),
    ('<h1>Lamp</h1><p class="price">Price on request</p><p class="stock">In stock</p>', "in_stock"),
    # the state and the sentence after it are two blocks: not "leverbaarWe" (no word end), then "weer leverbaar"
    ('<h1>Deurbel</h1><div class="buy-block__unavailable"><strong>Niet leverbaar</strong><p>We weten niet of en'
     ' wanneer het weer leverbaar wordt.</p></div>', "out_of_stock"),
    ('<body class="search-results"><h1>Lamps</h1><ul>' + "".join(
        f'<li class="card"><a href="/p/{i}">Lamp {i}</a> <span class="price">€{i}0.00</span> <span class="stock">Sold'
        f' out</span></li>' for i in range(1, 5)) + "</ul></body>", None),
])
def test_a_page_without_a_price_still_says_its_stock(body: str, want: str | None) -> None:
    # a product's page, not a listing's: its cards' stock is no one product's
    assert extract(_doc(body), "u", default_currency="EUR").availability == want


@pytest.mark.parametrize(("button", "want"), [("Pre-order", "preorder"), ("Preordina", "preorder"),
                                            ("Add to cart", "in_stock")])
def test_a_pre_order_button_outranks_markup_that_says_in_stock(button: str, want: str) -> None:
    # themes write InStock whatever the stock; a pre-order app changes only the button
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Game",'
            ' "offers": {"@type": "Offer", "price": "59.99", "priceCurrency": "USD",'
            ' "availability": "https://schema.org/InStock"}}</script>')
    html = _doc(f'<h1>Game</h1><p class="price">$59.99</p><button class="product-form__submit">{button}</button>', head)
    e = extract(html, "u", default_currency="USD")
    assert (e.price, e.availability) == (Decimal("59.99"), want)


# a label for each of PREORDER's words, in the cases and spacing shops write them: the button is looked for only when
# the page's short texts (or a control's value) hold one of its words, so a word missing there is never read
_PRE_ORDER_LABELS = (
    "PRE-ORDER", "Preorder now", "Prebestellen", "Pre-Bestellen", "Jetzt vorbestellen", "Précommander", "Pré-commande",
    "Precommande", "Vooruitbestellen", "Voorbestellen", "Förhandsbeställ", "Förbeställ nu", "Förboka", "Ennakkotilaa",
    "Ennakkotilaus", "Zamów w przedsprzedaży", "Předobjednat", "Előrendelés", "Preordina", "Prevendita", "Preventa",
    "Pré-venda", "Ön sipariş ver", "Forudbestil", "Forhåndsbestill", "Available for\n  pre-order", "Coming\n soon",
    "予約する", "预售", "預售", "預購", "사전 예약", "사전예약", "예약 판매", "Preordenar", "Predobjednať", "Pré-encomendar",
    "Pre-encomenda", "להזמנה מוקדמת")
_GAME = ('<script type="application/ld+json">{"@type": "Product", "name": "Game", "offers": {"@type": "Offer",'
         ' "price": "59.99", "priceCurrency": "USD", "availability": "https://schema.org/InStock"}}</script>')
_ORDER_WORDS = "<p>Free delivery on orders over $50. Order by 3pm for same-day dispatch.</p>"


@pytest.mark.parametrize("control", ['<button class="product-form__submit">{}</button>',
                                     '<button class="product-form__submit"><span>{}</span></button>',
                                     '<input type="submit" class="product-form__submit" value="{}">',
                                     '<button class="product-form__submit" value="{}"></button>'])
@pytest.mark.parametrize("label", _PRE_ORDER_LABELS)
def test_every_pre_order_label_is_read_off_the_buy_button(control: str, label: str) -> None:
    html = _doc(f'<h1>Game</h1><p class="price">$59.99</p>{control.format(label)}{_ORDER_WORDS}', _GAME)
    assert extract(html, "u", default_currency="USD").availability == "preorder"


def test_pre_order_words_elsewhere_than_the_buy_button_leave_the_markups_stock() -> None:
    # the page's words only send the extractor to the buy button; the button's label decides
    html = _doc('<h1>Game</h1><p class="price">$59.99</p><button class="product-form__submit">Add to cart</button>'
                '<input type="hidden" name="mode" value="preorder"><p>Pre-order the collector\'s edition from 1 May.</p>'
                f'{_ORDER_WORDS}', _GAME)
    assert extract(html, "u", default_currency="USD").availability == "in_stock"


def _ways_through(items: list) -> list[str]:  # type: ignore[type-arg]
    """A string for each way through a parsed pattern's branches and optional parts (a set's first member)."""
    from re import _constants as c
    out = [""]
    for op, av in items:
        if op is c.LITERAL:
            ways = [chr(av)]
        elif op is c.BRANCH:
            ways = [w for branch in av[1] for w in _ways_through(branch)]
        elif op is c.SUBPATTERN:
            ways = _ways_through(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, sub = av
            ways = [w * n for w in _ways_through(sub) for n in sorted({low, max(low, min(high, 1))})]
        elif op is c.IN:
            ways = [" " if av[0] == (c.CATEGORY, c.CATEGORY_SPACE) else "a" if av[0][0] is c.CATEGORY else chr(av[0][1])]
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            ways = [""]
        else:
            raise AssertionError(f"no way through {op}")
        out = [o + w for o in out for w in ways]
    return out


@pytest.mark.parametrize(("pattern", "words"), [("PREORDER", "_PREORDER_WORDS"), ("OUT_OF_STOCK", "_OUT_HINTS")])
def test_every_way_through_a_stock_pattern_holds_one_of_its_words(pattern: str, words: str) -> None:
    """The words a page's short texts are first searched for (``Page.short_hints``) rule a page out only if every match
    of the pattern holds one: a hand-kept list, or one derived from the pattern, that fell behind it would fail here."""
    from re import _parser

    from powertracker import extract_stock
    from powertracker.extract_base import hints_in
    regex, hints = getattr(extract_stock, pattern), getattr(extract_stock, words)
    ways = _ways_through(list(_parser.parse(regex.pattern, regex.flags)))
    assert len(ways) > 40
    for way in ways:
        assert regex.search(way), way
        assert hints_in(way, hints) and hints_in(way.upper(), hints), way


def test_an_in_stock_pages_words_hold_no_sold_out_hint() -> None:
    """A page that says it is in stock, in any of the languages the stock words know, is not searched again for a
    sold-out statement: no sold-out hint is a piece of an in-stock phrase (an Icelandic "ekki á lager" gave " lager",
    the hint "Auf Lager" then held, and every such page paid for a second reading of its stock). Czech "Skladem" and "Na skladě"
    and Italian "Disponibile" do hold one, as "Není skladem", "Na skladě: 0" and "Non disponibile" need."""
    from powertracker.extract_base import hints_in
    from powertracker.extract_stock import _OUT_HINTS

    shown = ("In stock · Auf Lager · Sofort lieferbar · En stock · Op voorraad · På lager · I lager · Finns i lager"
             " · Raktáron · Em estoque · Varastossa · În stoc · Stokta var · В наличност · В наличии"
             " · Є в наявності · Σε απόθεμα · Άμεσα διαθέσιμο · Til á lager · 在庫あり · 재고 있음")
    assert hints_in(shown, _OUT_HINTS) == ()


def _stale_markup(offers: list[tuple[str, str]], shown: str, button: str = "<button>Add to basket</button>") -> str:
    listed = ", ".join(f'{{"@type": "Offer", "price": "{price}", "priceCurrency": "GBP", '
                       f'"availability": "https://schema.org/{state}"}}' for price, state in offers)
    return ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", '
            f'"name": "Desk lamp", "offers": [{listed}]}}</script></head><body><h1>Desk lamp</h1>'
            f'<p class="price">{shown}</p>{button}</body></html>')


@pytest.mark.parametrize(("offers", "shown", "button", "want"), [
    ([("49.00", "OutOfStock")], "<s>£49.00</s> £39.00", "", "out_of_stock"),
    ([("49.00", "InStock"), ("59.00", "OutOfStock")], "<s>£49.00</s> £39.00", "", None),
    ([("49.00", "InStock"), ("59.00", "OutOfStock")], "<s>£49.00</s> £39.00", "<button>Add to basket</button>",
     "in_stock"),
    ([("49.00", "InStock")], "<s>£49.00</s> £39.00 <span>Sold out</span>", "<button>Add to basket</button>",
     "out_of_stock"),
    ([("49.00", "OutOfStock")], "<s>£49.00</s> £39.00", '<button class="btn" disabled>Add to basket</button>',
     "out_of_stock"),
])
def test_stale_markup_still_tells_the_stock(offers: list[tuple[str, str]], shown: str, button: str,
                                            want: str | None) -> None:
    """Markup left at the was price does not give the price, but its stock stands when the page's text says
    none and its offers agree; the page's own words outrank it, and a working add-to-cart button speaks only
    when neither does."""
    e = extract(_stale_markup(offers, shown, button), "u", default_currency="GBP")
    assert (e.price, e.availability) == (Decimal("39.00"), want), e.rejected


@pytest.mark.parametrize("words", ["Agotado", "Esaurito", "Esgotado", "Vyprodáno", "Rasprodano", "Tükendi",
                                   "สินค้าหมด", "품절", "No disponible", "Non disponibile", "Produto indisponível",
                                   "Nincs raktáron", "Nie je na sklade", "Ei varastossa", "Nu este în stoc"])
def test_sold_out_in_more_languages(words: str) -> None:
    html = _doc(f'<h1>Lamp</h1><p class="price">€20.00</p><p class="stock">{words}</p>')
    assert extract(html, "u", default_currency="EUR").availability == "out_of_stock"


def test_microdata_variant_chosen_by_a_sku_held_in_a_childless_meta() -> None:
    # lxml elements without children are falsy; the offer's own <meta itemprop="sku"> must still count
    page = """<html><body><div itemscope itemtype="https://schema.org/Product">
      <h1 itemprop="name">Lamp</h1>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="sku" content="LAMP-RED"><meta itemprop="priceCurrency" content="GBP">
        <span itemprop="price" content="20.00">£20.00</span></div>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="sku" content="LAMP-BLUE"><meta itemprop="priceCurrency" content="GBP">
        <span itemprop="price" content="25.00">£25.00</span></div>
    </div></body></html>"""
    for sku, price in (("LAMP-RED", "20.00"), ("LAMP-BLUE", "25.00")):
        e = extract(page, "https://shop.example/lamp", sku=sku)
        assert (e.price, e.currency, e.strategy) == (Decimal(price), "GBP", "microdata"), (sku, e)


def test_up_to_off_is_a_saving_in_vietnamese() -> None:
    page = '<html><body><h1>Máy lạnh</h1><p>{} 2.000.000₫</p><button>Mua ngay</button></body></html>'
    assert extract(page.format("Giá:"), "u", default_currency="VND").price == Decimal("2000000")
    assert extract(page.format("Giảm đến"), "u", default_currency="VND").price is None


@pytest.mark.parametrize(("html", "currency", "price"), [
    # "to see the delivery price" is no "log in to see prices"
    ('<h1>Sykkel</h1><p class="price">kr 8 999,-</p><p>Skriv inn postnummer for å se pris på frakt</p>'
     '<button>Legg i handlekurv</button>', "NOK", "8999"),
    # the discounted price's own label in Vietnamese and Indonesian is no saving
    ('<h1>Điện thoại</h1><p>Giá giảm: 8.990.000₫</p><button>Mua ngay</button>', "VND", "8990000"),
    ('<h1>Blender</h1><p>Harga hemat: Rp 449.000</p><button>Beli</button>', "IDR", "449000"),
    # a price wrapper whose class merely holds "review", "facets" or Tailwind's "filter" is still the price's
    ('<h1>Lamp</h1><div class="product__price-review"><span class="price">$49.99</span></div>'
     '<button>Add to cart</button>', "USD", "49.99"),
    ('<h1>Lamp</h1><div class="filter drop-shadow-md"><span class="price">$49.99</span></div>'
     '<button>Add to cart</button>', "USD", "49.99"),
    # a quantity stepper's "+" is no add-on
    ('<h1>Lamp</h1><div class="qty"><button>-</button><input value="1"><button>+</button></div>'
     '<span class="price">$59.99</span><button>Add to cart</button>', "USD", "59.99"),
])
def test_labels_that_look_like_distractors(html: str, currency: str, price: str) -> None:
    e = extract(f"<html><body><main>{html}</main></body></html>", "u", default_currency=currency)
    assert e.price == Decimal(price), e.rejected


@pytest.mark.parametrize(("html", "price"), [
    # Dawn's current price sits in .price__regular, labelled "Regular price", when no sale is on
    ('<h1>Kettle</h1><div class="price__regular"><span class="visually-hidden">Regular price</span>'
     '<span class="price-item price-item--regular">£40.00</span></div><button>Add to cart</button>', "40.00"),
    # ...but a "regular" price with a lower sale price beside it is the was price
    ('<h1>Kettle</h1><span class="regular-price">£40.00</span> <span class="sale-price">£32.00</span>'
     '<button>Add to cart</button>', "32.00"),
    # tax-included yen over the tax-excluded figure
    ('<h1>鉄瓶</h1><span class="price-item price-item--regular">¥12,800 <small>（税込）</small></span>'
     '<p class="caption">税抜 ¥11,636</p><button>カートに入れる</button>', "12800"),
    # a quantity-break table and a unit price before the price, "with-list-price" is the now price
    ('<h1>Öl</h1><table class="product-block-prices"><tr><th>Bis 5</th><td>14,95 €*</td></tr>'
     '<tr><th>Ab 6</th><td>13,45 €*</td></tr></table><p class="product-detail-price with-list-price">14,95 €*</p>'
     '<span class="list-price">statt 17,90 €*</span><span>(19,93 €* / 1 Liter)</span>'
     '<button>In den Warenkorb</button>', "14.95"),
    # a sold-out product has no buy button of its own: a related product's must not anchor the page
    ('<h1>Öl</h1><p class="product-price">14,95 €</p><p>Ausverkauft</p><div class="cross-selling">'
     '<h2>Das könnte Ihnen auch gefallen</h2><div class="box"><a class="product-name">Essig</a>'
     '<span class="product-price">8,95 €</span><button>In den Warenkorb</button></div></div>', "14.95"),
    # the euro sign in the decimal point's place, split over elements
    ('<h1>Aspirateur</h1><div class="price"><span>399</span><sup>€99</sup></div><button>Ajouter au panier</button>',
     "399.99"),
    # a discontinued product: the only prices are other products' cards, under a heading no list names
    ('<h1>Sovepose</h1><p>Denne varen er utgått.</p><h3>Tilsvarende produkter</h3><div class="row">'
     + "".join(f'<div class="col"><a href="/p/{i}">Pose {i}</a><p>kr {i} 499,00</p><button>Legg i handlekurv'
               '</button></div>' for i in (1, 2, 3)) + '</div>', None),
    # an article: prices emphasised in running prose are not a product's price
    ('<h1>Bien choisir son couteau</h1><p>Comptez <strong>entre 60 et 150 €</strong> pour un très bon premier'
     ' couteau japonais fabriqué à la main. En dessous de 40 euros, les aciers sont souvent mal traités et au-delà'
     ' vous payez surtout la finition.</p>', None),
    # forint
    ('<h1>Méz</h1><div class="wnd-product-price"><span class="wnd-price">12 990 Ft</span></div>'
     '<button name="add">Kosárba</button>', "12990"),
    # a discontinued product's successor card is not its price
    ('<h1>Barista Express</h1><p>Dit product is niet meer leverbaar.</p><form action="/cart/add"></form>'
     '<div class="product-successor card"><h3>Opvolger: Barista Express Impress</h3>'
     '<p class="product-price">€ 599,00</p><a href="/impress">Bekijk opvolger</a></div>', None),
    # OpenCart: "6 or more" quantity prices and an ex-tax figure beside the price
    ('<h1>Drill</h1><ul><li><h2>€79.99</h2></li><li>Ex Tax: €65.03</li><li>3 or more €74.99</li>'
     '<li>6 or more €71.50</li></ul><button id="button-cart">Add to Cart</button>', "79.99"),
    # the EU's lowest-of-30-days note, and a "1.299,–" shown before the price it precedes
    ('<h1>OLED TV</h1><div class="price"><span>1.299,–</span><span class="sr-only">1.299,00 €</span></div>'
     '<div class="price__lowest">Niedrigster Gesamtpreis der letzten 30 Tage: 1.349,00 €</div>'
     '<button>In den Warenkorb</button>', "1299.00"),
    # a marketplace's whole / fraction price with no currency sign at all
    ('<h1>Oordopjes</h1><span class="promo-price" data-test="price">24<sup class="promo-price__fraction">99</sup>'
     '</span><a class="btn" data-button-type="buy">In winkelwagen</a>', "24.99"),
    # Wix labels each amount after it: "$60.00 Regular Price $45.00 Sale Price"
    ('<h1>Bud Vase</h1><div data-hook="product-price"><span>$60.00</span><span class="sr-only">Regular Price</span>'
     '<span>$45.00</span><span class="sr-only">Sale Price</span></div><button>Add to Cart</button>', "45.00"),
    # a configurator that ends in a quote: "Preis auf Anfrage" opening a sentence
    ('<h1>Modulregal</h1><p class="cfg-price-note">Preis auf Anfrage nach Konfiguration – Sie erhalten Ihre'
     ' Offerte innert 48 Stunden.</p><p>Tablar CHF 24.90</p><button>Offerte anfordern</button>', None),
    # a sign only the newer currencies use (the visible-price scan must know it as a currency)
    ('<h1>Kahve</h1><div class="urun-fiyat"><span>₺1.299,90</span></div><button>Sepete ekle</button>', "1299.90"),
    # "Price on request" where the price would be: the service price below is not the watch's
    ('<h1>Chronograph</h1><div class="price"><span class="price-on-request">Price on request</span></div>'
     '<button>Add to cart</button><ul><li>Standard service from £650</li></ul>', None),
    # a trade shop's "log in to see prices", in Danish; the promo threshold beside it is no price
    ('<h1>Kontorstol</h1><p class="login-note">Log ind for at se priser</p><button>Log ind</button>'
     '<section class="promo"><h2>Spar 15 % på din første ordre over 5.000 kr.</h2></section>', None),
    # each amount labelled before it: "Cena s DPH:" opens the gross price, it is not the net one's suffix
    ('<h1>Gril</h1><div class="price-excl">Cena bez DPH: 72,36 €</div><label class="price"><span>Cena s DPH:</span>'
     ' <span>89,00 €</span></label><button>Do košíka</button>', "89.00"),
    # the EU's 30-day note in Slovak; a free-delivery threshold in Croatian
    ('<h1>Batoh</h1><p>34,90 €*</p><p class="product-detail-price-lowest">Najnižšia cena za posledných 30 dní:'
     ' 36,90 €</p><button>Do košíka</button>', "34.90"),
    ('<h1>Romobil</h1><p>Besplatna dostava iznad 70 €</p><button>Dodaj u košaricu</button>', None),
    # no price, said in Polish, Slovenian and German; the amounts beside them are not the product's
    ('<h1>Wiertarka</h1><p>Zaloguj się, aby zobaczyć cenę</p><p>Minimalne zamówienie 500,00 zł</p>'
     '<button>Zaloguj</button>', None),
    ('<h1>Savna</h1><p class="price">Cena po povpraševanju</p><button>Pošlji povpraševanje</button>'
     '<p>Montaža: od 350,00 €</p>', None),
    ('<h1>Televizor</h1><p>Za prikaz cene dodajte izdelek v košarico</p><button>V košarico</button>'
     '<p>Dostava in montaža: 79,00 €</p>', None),
    ('<h1>Rasenmäher (Auslaufmodell)</h1><p>Dieser Artikel ist leider nicht mehr lieferbar.</p>'
     '<p>Ersatzteile: Messer 24,90 €</p>', None),
    # "Before GST" is the price without it (the next line's "(incl. 9% GST)" labels the price after it);
    # an add-on's "+ UV filter (S$89)" is no price of the lens
    ('<h1>Lens</h1><p>Before GST S$2,567.89</p><p>Price (incl. 9% GST) S$2,799.00</p><button>Add to Cart</button>',
     "2799.00"),
    ('<h1>Lens</h1><p>In stock</p><button>Add to Cart</button><p>+ UV filter (S$89)</p>', None),
    # a members' price marked two levels up ("member-price" around its label and amount)
    ('<h1>Canapé</h1><div class="product__price"><span class="price-item">1\u202f249,00\u00a0€</span></div>'
     '<div class="member-price"><span class="loyalty">Prix membre carte Ondine+ : <strong>1\u202f149,00\u00a0€'
     '</strong></span></div><button>Ajouter au panier</button>', "1249.00"),
    # a weight glued to the price after it is no new amount ("9,99 €500 g")
    ('<h1>Kaffee</h1><div class="price">9,99 €<span class="unit">500 g</span></div><button>In den Warenkorb</button>',
     "9.99"),
    # TL, RM and Rp only on shops of their currency: a teaspoon and a model number elsewhere
    ('<h1>Sirup</h1><p>Ausverkauft</p><p>Dosierung: 1 TL</p><p>Passend für: RM 035</p>', None),
    ('<h1>Pump</h1><p class="price">£49.00</p><p>Model: RM 2000</p><button>Add to basket</button>', "49.00"),
    ('<h1>Mooncakes</h1><p>Price will be announced soon.</p><p>$88.00</p><button>Notify me</button>', None),
    # a Thai sold-out page that hides its price; its recommended accessories are other products
    ('<h1>กล้องมิเรอร์เลส Z-50</h1><p>สินค้าหมด</p><button>แจ้งเตือนเมื่อมีสินค้า</button><section><h2>อุปกรณ์เสริมที่แนะนำ'
     '</h2><ul><li>เมมโมรี่การ์ด ฿690</li><li>แบตเตอรี่ ฿1,290</li></ul></section>', None),
    # a price a reviewer paid is no price of the page's
    ('<h1>Air fryer</h1><p class="availability">Currently unavailable.</p><section id="reviews"><div class="review">'
     '<b>Great value</b><p>Got this for $119 on Prime Day, works great.</p></div></section>', None),
])
def test_heuristic_reads_platform_price_markup(html: str, price: str | None) -> None:
    e = extract(f"<html><body><main>{html}</main></body></html>", "u", default_currency="GBP")
    assert e.price == (None if price is None else Decimal(price)), e.rejected


def test_a_microdata_aggregate_offer_over_a_tier_table_reads_its_one_unit_row() -> None:
    html = ('<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Futter 5 kg</h1>'
            '<div itemprop="offers" itemscope itemtype="https://schema.org/AggregateOffer"><meta itemprop="priceCurrency"'
            ' content="EUR"><meta itemprop="lowPrice" content="17.9"><meta itemprop="highPrice" content="19.9">'
            '<table class="product-block-prices-grid"><tr><th>Bis 2</th><td>19,90 €*</td><td class="product-block-prices-cell">3,98 €* / 1 Kilogramm</td></tr>'
            '<tr><th>Ab 3</th><td>18,90 €*</td><td class="product-block-prices-cell">3,78 €* / 1 Kilogramm</td></tr><tr><th>Ab 6</th><td>17,90 €*</td>'
            '<td class="product-block-prices-cell">3,58 €* / 1 Kilogramm</td></tr></table></div>'  # a per-kg column beside the tiers
            '<p class="product-detail-price">19,90 €*</p><button>In den Warenkorb</button></div></body></html>')
    e = extract(html, "u", default_currency="EUR")
    assert e.price == Decimal("19.90"), e.rejected


def test_every_json_ld_block_counts_however_many_came_before() -> None:
    """Each block's offers are read, the fifth as the first (they were once lost from the third on,
    when a block's objects reused the ids of an earlier block's, freed); the shown price decides."""
    block = ('<script type="application/ld+json">{{"@type": "Product", "name": "Oil", "offers": {{"@type": "Offer",'
             ' "price": "{}", "priceCurrency": "EUR", "url": "https://s.example/oil"}}}}</script>')
    prices = ["59.00", "58.00", "57.00", "56.00", "49.00"]
    html = (f'<html><head>{"".join(block.format(p) for p in prices[:4])}</head><body><h1>Oil</h1>'
            f'<p class="price">49,00 €</p><button name="add-to-cart">Añadir</button>{block.format(prices[4])}'
            '</body></html>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.strategy) == (Decimal("49.00"), "json-ld"), e.rejected
    page = Page(doc=fromstring(html), url="u", default_currency="EUR", meta={}, lang=None, html=html)
    assert [str(c.price) for c in json_ld(page)[0]] == prices


@pytest.mark.parametrize("markup", [
    '<script type="application/ld+json">{"@type": "Product", "name": "Parka", "offers": {"@type": "Offer",'
    ' "price": "149.00", "priceCurrency": "CAD"}}</script>',
    '<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope'
    ' itemtype="https://schema.org/Offer"><meta itemprop="price" content="149.00">'
    '<meta itemprop="priceCurrency" content="CAD"></div></div>',
])
def test_structured_price_shown_only_as_the_was_price_gives_way_to_the_sale_price(markup: str) -> None:
    html = (f'<html><body>{markup}<h1>Parka</h1><div class="price"><s class="price--compare">$149.00 CAD</s>'
            ' <span class="price--sale">$119.00 CAD</span></div><button name="add">Add to cart</button></body></html>')
    e = extract(html, "u", default_currency="CAD")
    assert (e.price, e.strategy) == (Decimal("119.00"), "heuristic"), e.rejected
    assert any("shows only as its was price" in reason for _, reason in e.rejected)


def test_quantity_break_offers_read_as_the_one_unit_row() -> None:
    row = ('<tr itemprop="offers" itemscope itemtype="https://schema.org/Offer"><th><meta itemprop="price"'
           ' content="{}"><meta itemprop="priceCurrency" content="EUR">{}</th><td>€ {}*</td></tr>')
    html = ('<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Doos</h1>'
            '<div class="product-block-prices"><table>' + row.format("12.95", "Tot 9", "12,95")
            + row.format("11.50", "Vanaf 10", "11,50") + row.format("9.95", "Vanaf 50", "9,95")
            + '</table></div><button>In winkelwagen</button></div></body></html>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.strategy) == (Decimal("12.95"), "microdata"), e.rejected
    plain = html.replace("product-block-prices", "product-variants")  # not a price table: no tier is picked
    assert not any("quantity-break" in reason for _, reason in extract(plain, "u", default_currency="EUR").rejected)
    body = plain.replace("<body>", '<body class="has-volume-discount">')  # a discount app's mark on the page
    assert not any("quantity-break" in reason for _, reason in extract(body, "u", default_currency="EUR").rejected)


def test_a_sold_out_page_that_hides_its_price_has_none() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Armchair", "offers": {"@type": "Offer",'
          ' "price": "329.00", "priceCurrency": "GBP", "availability": "https://schema.org/OutOfStock"}}</script>')
    hidden = (f'<html><head>{ld}</head><body><h1>Armchair</h1><form action="/cart/add" class="product-form">'
              '<button class="product-form__submit" type="submit" name="add" disabled>Sold out</button></form><aside class="related-products"><h2>You may also like</h2><p>£249.00</p></aside>'
              '</body></html>')
    e = extract(hidden, "u", default_currency="GBP")
    assert (e.price, e.availability) == (None, "out_of_stock")
    assert any("sold out" in reason for _, reason in e.rejected), e.rejected
    for shows, price in (("£329.00", "329.00"), ("£394.80 inc. VAT", "394.80"),
                         ("329,-", "329.00")):  # a price shown, even without a sign: not hidden
        shown = hidden.replace("<h1>Armchair</h1>", f'<h1>Armchair</h1><p class="price">{shows}</p>')
        assert extract(shown, "u", default_currency="GBP").price == Decimal(price)
    for digits in ("Height: 1329 mm", "Item no. 32900", "Width: 329 cm"):  # digits of a measure are no price
        measured = hidden.replace("<h1>Armchair</h1>", f"<h1>Armchair</h1><p>{digits}</p>")
        assert extract(measured, "u", default_currency="GBP").price is None, digits


def test_a_structured_price_the_page_does_not_show_gives_way_to_the_visible_one() -> None:
    """Stale JSON-LD (an SEO app's), or the price without VAT in the markup: the page's own price
    wins; a review's "I paid $169" is no showing; a page that shows nothing (drawn by script) keeps it."""
    ld = ('<script type="application/ld+json">{{"@type": "Product", "name": "Pack", "offers": {{"@type": "Offer",'
          ' "price": "169.00", "priceCurrency": "USD"{}}}}}</script>')
    page = ('<html><head>{}</head><body><h1>Pack</h1><div class="product__price"><span class="money">$189.00</span>'
            '</div><button name="add">Add to cart</button><div class="reviews"><p>Got it for $169 last fall before'
            ' the price went up, still worth it.</p></div></body></html>')
    e = extract(page.format(ld.format("")), "u", default_currency="USD")
    assert (e.price, e.strategy) == (Decimal("189.00"), "heuristic"), e.rejected
    net = ld.format(', "priceSpecification": {"price": "169.00", "valueAddedTaxIncluded": "false"}')
    shown_net = page.format(net).replace("</span></div>", '</span> ($169.00 ex. VAT)</div>')
    assert extract(shown_net, "u", default_currency="USD").price == Decimal("189.00")
    assert extract(f"<html><head>{ld.format('')}</head><body><div id=app></div></body></html>", "u").price \
        == Decimal("169.00")


@pytest.mark.parametrize("body", [
    # the structured price shown in an odd split: "$" "1299" "99"
    '<div class="price-format__main-price"><span>$</span><span class="big">1299</span><span>99</span></div>',
    '<div class="price"><span>$</span><span class="f2">1,299</span><span>99</span></div>',
    # drawn by script (only an attribute holds it) beside other figures the page shows
    '<div class="product-price" data-price="1299.99"></div><p class="promo">Free $25 gift card</p>'
    '<label><input type=checkbox> Care &amp; Repair 3 years $99.00</label>',
    # an approximate price in another currency
    '<div class="product-price" data-price="1299.99"></div><div class="price-converted">€1,549.00</div>',
])
def test_a_structured_price_stands_when_the_page_shows_nothing_that_can_replace_it(body: str) -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Range", "offers": {"@type": "Offer",'
          ' "price": "1299.99", "priceCurrency": "USD"}}</script>')
    html = f'<html><head>{ld}</head><body><h1>Range</h1>{body}<button name="add">Add to cart</button></body></html>'
    e = extract(html, "u", default_currency="USD")
    assert (e.price, e.strategy) == (Decimal("1299.99"), "json-ld"), e.rejected


@pytest.mark.parametrize(("vat", "shows", "price"), [
    ('"false"', "1.190,00 € inkl. MwSt.", "1190.00"),
    ('"https://schema.org/False"', "1.190,00 € inkl. MwSt.", "1190.00"),
    # the dearer figure beside it is a warranty, not the price with VAT: too far above it
    ('false', '1.000,00 € zzgl. MwSt.</p><p class="care">Garantieverlängerung 1.449,00 €', "1000.00"),
])
def test_a_price_marked_without_vat_gives_way_to_the_price_with_vat_only(vat: str, shows: str, price: str) -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Herd", "offers": {"@type": "Offer",'
          f' "price": "1000.00", "priceCurrency": "EUR", "priceSpecification": {{"price": "1000.00",'
          f' "valueAddedTaxIncluded": {vat}}}}}}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Herd</h1><p class="price">{shows}</p>'
            '<button name="add">In den Warenkorb</button></body></html>')
    assert extract(html, "u", default_currency="EUR").price == Decimal(price)


def test_a_discontinued_product_keeps_no_price_from_its_markup() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Soundbar", "offers": {"@type": "Offer",'
          ' "price": "449.00", "priceCurrency": "EUR", "availability": "https://schema.org/Discontinued"}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Soundbar</h1><p class="alert">Dieser Artikel ist leider nicht mehr'
            ' erhältlich.</p><div class="successor"><h2>Nachfolger</h2><p class="price">€ 399,00</p></div></body></html>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (None, "out_of_stock"), e.rejected


@pytest.mark.parametrize(("shows", "price"), [
    ('<span class="price">500,00 kr.</span>', "500.00"),  # the preselected denomination
    ('<span class="price">Fra 250,00 kr.</span>', "250.00"),  # "from": the lowest
    ('<span class="price">1.000,00 kr.</span>', "250.00"),  # the top of the range is never the offer's price
])
def test_an_aggregate_offer_gives_way_to_the_single_price_the_page_shows(shows: str, price: str) -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Gavekort", "offers": {"@type":'
          ' "AggregateOffer", "lowPrice": "250.00", "highPrice": "1000.00", "priceCurrency": "DKK"}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Gavekort</h1><div class="product-price">{shows}</div>'
            '<button name="add">Læg i kurv</button></body></html>')
    assert extract(html, "u", default_currency="DKK").price == Decimal(price)


def test_a_page_that_says_log_in_for_prices_has_none_whatever_its_markup_leaks() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Valve", "offers": {"@type": "Offer",'
          ' "price": "86.40", "priceCurrency": "USD"}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Valve 3/4"</h1><p class="price"><a href="/my-account/">Login to view'
            ' prices</a></p><p>Case of 10</p><button name="add-to-cart">Add to cart</button></body></html>')
    e = extract(html, "u", default_currency="USD")
    assert e.price is None and any("Login to view prices" in reason for _, reason in e.rejected), e.rejected
    shown = html.replace('<p class="price">', '<p class="price"><span>$86.40</span> ')  # shown after all: it stands
    assert extract(shown, "u", default_currency="USD").price == Decimal("86.40")


def test_woocommerce_reads_the_preselected_variation_not_the_range() -> None:
    variations = ('[{"attributes": {"attribute_pa_size": "small"}, "display_price": 12, "display_regular_price": 12,'
                  ' "is_in_stock": true}, {"attributes": {"attribute_pa_size": "medium"}, "display_price": 15,'
                  ' "display_regular_price": 18, "is_in_stock": true}]').replace('"', "&quot;")
    select = ('<select name="attribute_pa_size" data-attribute_name="attribute_pa_size"><option value="">Choose'
              '</option><option value="small">Small</option><option value="medium"{}>Medium</option></select>')
    html = ('<html><body><h1 class="product_title">Honey</h1><p class="price"><span class="woocommerce-Price-amount'
            ' amount">£12.00</span> – <span class="woocommerce-Price-amount amount">£18.00</span></p>'
            f'<form class="variations_form cart" data-product_variations="{variations}">SELECT'
            '<button class="single_add_to_cart_button">Add to basket</button></form></body></html>')
    e = extract(html.replace("SELECT", select.format(" selected")), "u", default_currency="GBP")
    assert (e.price, e.was_price, e.strategy) == (Decimal("15"), Decimal("18"), "platform:woocommerce")
    assert extract(html.replace("SELECT", select.format("")), "u", default_currency="GBP").price == Decimal("12.00")
    grind = ('<select name="attribute_grind"><option value="beans" selected="selected">Beans</option>'
             '<option value="filter">Filter</option></select>')  # an option no variation names
    e = extract(html.replace("SELECT", select.format(" selected") + grind), "u", default_currency="GBP")
    assert e.price == Decimal("15"), e.rejected


def test_an_empty_woocommerce_price_box_leaves_the_page_without_a_price() -> None:
    html = ('<html><body><div class="product type-product"><div class="summary entry-summary"><h1 class="product_title">'
            'Hartley 3 Seater Sofa</h1><p class="price"></p><p>Made to order, priced individually.</p><form>'
            '<input type="submit" value="Request a quote"></form><div class="sample-box"><h3>Fabric samples</h3>'
            '<p>Up to 3 free, then <span class="woocommerce-Price-amount amount">£3.00</span> each.</p></div></div>'
            '</div></body></html>')
    e = extract(html, "u", default_currency="GBP")
    assert e.price is None, e.rejected
    shown = html.replace('<p class="price"></p>', '<p class="price"><span class="woocommerce-Price-amount amount">'
                                                   '£1,450.00</span></p>')
    assert extract(shown, "u", default_currency="GBP").price == Decimal("1450.00")


@pytest.mark.parametrize(("text", "default", "price", "currency"), [
    ("NT$2,390", "TWD", "2390", "TWD"), ("NT$ 1,280", "USD", "1280", "TWD"), ("₺1.299,90", "TRY", "1299.90", "TRY"),
    ("₪ 349.90", "ILS", "349.90", "ILS"), ("$1.249.999", "ARS", "1249999", "ARS"),
])
def test_more_currencies(text: str, default: str, price: str, currency: str) -> None:
    assert parse_price(text, default) == (Decimal(price), currency)


def test_markup_in_another_currency_gives_way_to_the_shops_own() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Bougie", "offers": {"@type": "Offer",'
          ' "price": "47.00", "priceCurrency": "USD"}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Bougie</h1><p class="price">64,95 $</p>'
            '<button name="add">Ajouter au panier</button></body></html>')
    e = extract(html, "u", default_currency="CAD")
    assert (e.price, e.currency) == (Decimal("64.95"), "CAD"), e.rejected


def test_an_aggregate_offer_gives_way_to_a_marketplace_buy_box() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Tandenborstel", "offers": {"@type":'
          ' "AggregateOffer", "lowPrice": "18.49", "highPrice": "27.50", "priceCurrency": "EUR"}}</script>')
    html = (f'<html><head>{ld}</head><body><h1>Tandenborstel</h1><div class="buy-block"><span class="promo-price"'
            ' data-test="price">21<sup class="promo-price__fraction">99</sup></span></div>'
            '<a class="btn" data-button-type="buy">In winkelwagen</a></body></html>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("21.99")


def test_magento_price_excluding_tax_wrapper_gives_way_to_the_including_one() -> None:
    html = ('<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Drill</h1>'
            '<span itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span class="price-container">'
            '<span class="price-wrapper price-excluding-tax" data-label="Excl. VAT"><span class="price">€189.95</span>'
            '</span><span class="price-suffix"> Ex. VAT</span><span class="price-wrapper price-including-tax"'
            ' data-label="Incl. VAT"><span class="price">€233.64</span></span><span class="price-suffix"> Inc. VAT'
            '</span><meta itemprop="price" content="189.95"><meta itemprop="priceCurrency" content="EUR"></span>'
            '</span><button id="product-addtocart-button">Add to Cart</button></div></body></html>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.strategy) == (Decimal("233.64"), "heuristic"), e.rejected


@pytest.mark.parametrize(("html", "price"), [
    # a club price for members below the regular one (marked "regular", as it is the price)
    ('<h1>Kaffebryggare</h1><div class="product-price"><span class="price price--regular">1 495:-</span></div>'
     '<div class="club-price"><span>Klubbpris</span> <span class="club-price__value">1 295:-</span></div>'
     '<button>Köp</button>', "1495"),
    # other sellers' (second-hand) offers below a buy box drawn without a currency sign
    ('<h1>De Stille Polder</h1><div class="buy-block"><span class="promo-price" data-test="price">24<sup'
     ' class="promo-price__fraction">99</sup></span><a class="ui-btn" data-test="add-to-cart">In winkelwagen</a>'
     '<div class="buy-block__alternative-sellers">Andere verkopers (3) vanaf <span class="price">€ 19,50</span>'
     ' (tweedehands)</div></div>', "24.99"),
    # other sellers' offers named before their amount, in English and German
    ('<h1>Kettle K2</h1><p class="price">€24.99</p><button>Add to basket</button><p>3 more offers from €17.99</p>', "24.99"),
    ('<h1>Wasserkocher K2</h1><p class="price">24,99 €</p><button>In den Warenkorb</button>'
     '<p><a href="#angebote">Weitere Angebote</a> ab 17,99 €</p>', "24.99"),
])
def test_member_and_other_sellers_prices_are_not_the_price(html: str, price: str) -> None:
    e = extract(f"<html><body><main>{html}</main></body></html>", "u", default_currency="SEK" if "Köp" in html else "EUR")
    assert e.price == Decimal(price), e.rejected


def test_an_ended_listing_and_a_price_kept_only_in_platform_data_are_no_price() -> None:
    ended = ('<html><body><h1>PlayStation 5</h1><div class="ux-message"><span>This listing was ended by the seller'
             ' because the item is no longer available.</span></div><div class="x-price-primary"><span>Sold for</span>'
             ' <s>£339.00</s></div><div class="x-price-approx"><span>Approximately</span> <span>US $428.12</span></div>'
             '<button>Buy it now</button></body></html>')
    assert extract(ended, "u", default_currency="GBP").price is None
    shopify = ('<html><body><h1 class="product__title">Fuzz Pedal</h1><div class="price"><span class="map-message">'
               'See price in cart</span></div><p>Ships in 2 days</p><form action="/cart/add"><input type="hidden"'
               ' name="id" value="1"><button name="add">Add to cart</button></form><script type="application/json"'
               ' data-product-json>{"product": {"variants": [{"id": 1, "price": 24900}]}}</script></body></html>')
    assert extract(shopify, "https://shop.example/products/fuzz", default_currency="USD").price is None
    said = shopify.replace("See price in cart", "Handmade in Leeds")  # without the statement, the data's price
    assert extract(said, "https://shop.example/products/fuzz", default_currency="USD").price == Decimal("249")


def _doc(body: str, head: str = "", body_attrs: str = "") -> str:
    return f"<html><head>{head}</head><body{body_attrs}><main>{body}</main></body></html>"


def test_og_price_gives_way_to_the_variant_a_checked_radio_button_chose() -> None:
    variants = ", ".join(f'{{"id": {i}, "title": "${a}.00", "price": {a}00, "available": true}}'
                         for i, a in ((11, 25), (12, 50), (13, 100)))
    head = ('<meta property="og:price:amount" content="25.00"><meta property="og:price:currency" content="AUD">'
            f'<script type="application/json" id="ProductJson-main">{{"id": 1, "title": "Gift Card", "variants":'
            f' [{variants}]}}</script>')
    radios = "".join(f'<input type="radio" name="id" value="{i}"{" checked" if i == 13 else ""}><label>${a}</label>'
                     for i, a in ((11, 25), (12, 50), (13, 100)))
    body = ('<h1>Gift Card</h1><div class="price"><span class="price-item price-item--regular">$100.00 AUD</span></div>'
            f'<form method="post" action="/cart/add">{radios}<button>Add to cart</button></form>')
    assert extract(_doc(body, head=head), "u", default_currency="AUD").price == Decimal("100.00")
    first = body.replace("$100.00 AUD", "$25.00 AUD").replace('value="13" checked', 'value="13"').replace(
        'value="11"', 'value="11" checked')
    assert extract(_doc(first, head=head), "u", default_currency="AUD").price == Decimal("25.00")


def test_the_markups_product_named_by_the_titles_model_code() -> None:
    """Three Product blocks (a warranty first, the machine, an installation): the one whose name holds the title's
    model code is the page's, though the title does not open with its name; its price left from before the sale."""
    blocks = "".join('<script type="application/ld+json">{{"@type": "Product", "name": "{}", "sku": "{}", "offers": '
                     '{{"@type": "Offer", "price": "{}", "priceCurrency": "EUR"}}}}</script>'.format(*p)
                     for p in (("Estensione di garanzia 3 anni Lavatrici", "GAR-3", "149.99"),
                               ("Lavatrice Samsung WW11DB8B95GBU3 11 kg", "172418", "1199.99"),
                               ("Installazione lavatrice", "SRV-1", "39.00")))
    body = ('<h1>Samsung WW11DB8B95GBU3 Lavatrice 11 kg, Classe A</h1><div class="price"><del>1.299,00 €</del> '
            '<span class="price-now">1.099,99 €</span></div><button>Aggiungi al carrello</button><div class="extras">'
            '<label><input type="checkbox"> Estensione di garanzia 3 anni: 149,99 €</label><label><input type="checkbox">'
            ' Installazione: 39,00 €</label></div>')
    e = extract(_doc(body, head=blocks), "u", default_currency="EUR")
    assert (e.price, e.title) == (Decimal("1099.99"), "Lavatrice Samsung WW11DB8B95GBU3 11 kg"), e.rejected


def test_what_the_browser_does_not_show_is_no_price() -> None:
    sold_out = _doc('<h1>PlayStation 5 Slim</h1><div class="status"><h2>Produto esgotado</h2>'
                    '<button>Avise-me</button></div><div class="price-box" style="display:none">'
                    '<span class="price">R$ 3.599,90</span></div>')
    assert extract(sold_out, "u", default_currency="BRL").price is None
    shown = sold_out.replace(' style="display:none"', "")
    assert extract(shown, "u", default_currency="BRL").price == Decimal("3599.90")
    # another colour's price in a <template> does not make the first variant's markup price "shown"
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Parka", "offers": {"@type": "Offer",'
          ' "price": "749.95", "priceCurrency": "DKK"}}</script>')
    variant = _doc('<h1>Parka</h1><div class="pdp-price"><span class="price">899,95 kr.</span></div>'
                   '<template data-variant="black"><span class="price">749,95 kr.</span></template>'
                   '<button>Læg i kurv</button>', head=ld)
    assert extract(variant, "u", default_currency="DKK").price == Decimal("899.95")
    assert extract(variant.replace("<template", "<div").replace("</template>", "</div>"), "u",
                   default_currency="DKK").price == Decimal("749.95")


def test_a_tax_label_beside_the_price_through_inline_wrappers() -> None:
    woo = _doc('<h1>Four mixte</h1><p class="price"><span class="amount"><bdi>1\u202f020,00\u00a0€</bdi></span>'
               ' <small>HT</small></p><p class="price-ttc">soit <span class="amount"><bdi>1\u202f224,00\u00a0€</bdi>'
               '</span> TTC</p><button>Ajouter au panier</button>')
    assert extract(woo, "u", default_currency="EUR").price == Decimal("1224.00")
    yen = _doc('<h1>コピー用紙</h1><div><span class="label">販売価格（税別）</span><span class="main">￥2,980</span></div>'
               '<div>（税込 <span class="sub">￥3,278</span>）</div><button>カートに入れる</button>')
    assert extract(yen, "u", default_currency="JPY").price == Decimal("3278")


def test_markup_without_gst_gives_way_though_a_tier_table_repeats_it() -> None:
    html = _doc('<h1>Hammer Drill</h1><div itemscope itemtype="https://schema.org/Product"><div itemprop="offers"'
                ' itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="SGD">'
                '<p><span itemprop="price" content="1000.00">S$1,000.00</span> <small>excl. GST</small></p>'
                '<p><span>S$1,090.00</span> <small>incl. 9% GST</small></p></div></div><table><tr><th>Qty</th>'
                '<th>Excl. GST</th><th>Incl. GST</th></tr><tr><td>1 – 4</td><td>S$1,000.00</td><td>S$1,090.00</td></tr>'
                '<tr><td>5+</td><td>S$950.00</td><td>S$1,035.50</td></tr></table><button>Add to cart</button>'
                '<button>Request a quote</button>')
    e = extract(html, "u", default_currency="SGD")
    assert (e.price, e.strategy) == (Decimal("1090.00"), "heuristic"), e.rejected


@pytest.mark.parametrize(("statement", "priced"), [
    ("This product is no longer available.", False),
    ("Den här produkten säljs inte längre och kommer inte tillbaka i lager.", False),
    ("Dieser Artikel ist nicht mehr lieferbar", False),
    ("This product is no longer available in red", True),  # a colour, not the product
])
def test_a_product_no_longer_sold_has_no_price_beside_its_replacement(statement: str, priced: bool) -> None:
    html = _doc(f'<h1>Kettle Braai 2022</h1><div class="notice"><p>{statement}</p></div><div><a href="/p/new">'
                'Replacement model</a> <span class="price">£429.00</span></div>')
    assert (extract(html, "u", default_currency="GBP").price is not None) is priced


def test_in_stock_markup_gives_way_to_a_statement_when_only_another_products_card_shows_its_price() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Saunaofen Aura Gen. 3", "offers": {"@type":'
          ' "Offer", "price": "599.00", "priceCurrency": "EUR", "availability": "https://schema.org/InStock"}}</script>')
    card = ('<section class="related-products"><h2>Passendes Zubehör</h2><ul><li class="product-card"><a href="/p/gen2">'
            'Saunaofen Aura Gen. 2</a> <span class="price">599,00 €</span><button>In den Warenkorb</button></li>'
            '<li class="product-card"><a href="/p/steine">Saunasteine</a> <span class="price">29,90 €</span>'
            '<button>In den Warenkorb</button></li></ul></section>')
    body = ('<h1>Saunaofen Aura Gen. 3</h1><p>Noch nicht verfügbar. Der Preis wird zum Verkaufsstart bekanntgegeben.</p>'
            f'<button>Benachrichtigen</button>{card}')
    e = extract(_doc(body, head=ld), "u", default_currency="EUR")
    assert e.price is None, e.rejected
    own = body.replace("</h1>", '</h1><p class="price">599,00 €</p>')
    assert extract(_doc(own, head=ld), "u", default_currency="EUR").price == Decimal("599.00")


def test_prices_in_a_row_of_links_to_other_colours_are_theirs() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Car seat Sepia Black", "offers": {"@type":'
          ' "Offer", "availability": "https://schema.org/Discontinued", "priceCurrency": "CZK"}}</script>')
    row = ('<div class="variants"><span>Další barvy:</span> <a href="/d/seat-grey">Mirage Grey – 6 490 Kč</a> · '
           '<a href="/d/seat-blue">Ocean Blue – 6 290 Kč</a></div>')
    body = f'<h1>Car seat Sepia Black</h1>{row}<div class="delivery">Doprava zdarma od 1 500 Kč</div>'
    assert extract(_doc(body, head=ld), "u", default_currency="CZK").price is None
    # one link is no row: a link to configure the product may hold its own price
    lone = ('<h1>Car seat Sepia Black</h1><div class="configure"><a href="/d/seat-configure">Configure yours – 6 490 Kč'
            '</a></div><div class="delivery">Doprava zdarma od 1 500 Kč</div>')
    assert extract(_doc(lone), "u", default_currency="CZK").price == Decimal("6490")


def test_markup_holding_only_the_used_offer_the_page_shows_as_used() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Fenix 7X", "offers": {"@type":'
          ' "AggregateOffer", "priceCurrency": "CHF", "lowPrice": 349.0, "highPrice": 349.0, "offerCount": 1,'
          ' "itemCondition": "https://schema.org/UsedCondition"}}</script>')
    body = ('<h1>Fenix 7X</h1><div class="offer-none"><strong>Derzeit kein Angebot</strong></div>'
            '<div class="pdp-secondhand"><h3>Gebraucht</h3><p>1 Angebot von Privatverkäufern: <strong>CHF 349.–</strong>'
            '</p><a href="/p/1/secondhand">Zum Gebrauchtangebot</a></div>')
    assert extract(_doc(body, head=ld), "u", default_currency="CHF").price is None
    # a second-hand shop's own price: used, and shown as the product's price
    shop = '<h1>Fenix 7X</h1><p class="price">CHF 349.–</p><button>In den Warenkorb</button>'
    assert extract(_doc(shop, head=ld), "u", default_currency="CHF").price == Decimal("349.0")


@pytest.mark.parametrize(("body", "currency", "price"), [
    # Impulse's visually hidden "Normalpris" before its "on-sale" price; ViaBill's "4 rater á"
    ('<h1>Ruskindsstøvle</h1><p>Del betalingen op i 4 rater á <b>324,99 kr.</b> med ViaBill</p><div class="price-block">'
     '<span class="visually-hidden">Normalpris</span><span class="product__price on-sale">1.299,95 kr.</span>'
     '<span class="visually-hidden">Førpris</span><span class="product__price product__price--compare">1.799,95 kr.'
     '</span></div><button>Læg i kurv</button>', "DKK", "1299.95"),
    # a coupon's amount, a monthly figure ("Aylık ... TL'den"), the lowest of 30 days ("Son 30 günün")
    ('<h1>Airfryer XXL</h1><span class="prc-org">11.499,00 TL</span><span class="prc-dsc">8.999,00 TL</span><div>Son 30'
     ' günün en düşük fiyatı: 8.749,00 TL</div><div>Aylık <strong>749,92 TL</strong>’den başlayan taksitlerle</div>'
     '<div class="coupon-box"><span class="coupon">250 TL Kupon</span></div><button>Sepete Ekle</button>', "TRY", "8999.00"),
    ('<h1>Συμπιεστής</h1><div class="price-on-request"><span class="label">Τιμή:</span> <strong>Κατόπιν επικοινωνίας'
     '</strong></div><ul><li>Δωρεάν μεταφορά εντός Αττικής · Υπόλοιπη Ελλάδα από 180,00 €</li></ul>', "EUR", None),
])
def test_the_eastern_european_and_nordic_sets_cases(body: str, currency: str, price: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


_REVIEW31_CASES = [
    # another way to pay the amount, said after it in its own element, is no finance figure
    ('<h1>Thule Yepp 2 Maxi</h1><p class="price">1.299,00 kr. <small>eller del betalingen op med ViaBill</small></p>'
     '<button>Læg i kurv</button>', "DKK", "1299.00"),
    ('<h1>Desk lamp</h1><p class="price">£99.00 <small>or pay in 3 with Klarna</small></p><button>Add to basket</button>',
     "GBP", "99.00"),
    ('<h1>Desk lamp</h1><p class="price">Pay in 3 with Klarna: £33.00</p><p>£99.00</p><button>Add to basket</button>',
     "GBP", "99.00"),
    # a request for a quote or a trade login beside the price shown above it
    ('<h1>Makita XFD131</h1><div class="product-price"><span class="price">$249.00</span></div><div class="product-price-'
     'actions"><span>Buying 10 or more?</span><a href="/quote">Request a Quote</a></div><button>Add to Cart</button>',
     "USD", "249.00"),
    ('<h1>Kompressor</h1><div class="pdp-price"><strong>Request a quote</strong></div><p>Filter 62,62 €</p>', "EUR", None),
    # a six months' supply ("6 Aylık"), a best seller of the last 30 days, "Kupon Fırsatı": no instalment, no lowest price
    ('<h1>Omega 3</h1><p class="price">6 Aylık <b>849,90 TL</b></p><span>Son 30 günün en çok satanı</span>'
     '<p class="price">1.299,00 TL <span>Kupon Fırsatı</span></p><button>Sepete Ekle</button>', "TRY", "849.90"),
    # the price, shipped free ("5,980円で送料無料！"), not the yen more to free shipping
    ('<h1>スニーカー</h1><p class="price">販売価格 5,980円で送料無料！</p><button>カートに入れる</button>', "JPY", "5980"),
    # a resale shop's own used item, the only price
    ('<h1>Sac Longchamp Le Pliage L</h1><p>État : <strong>Très bon état</strong></p><p class="prix"><span>Prix seconde '
     'main :</span> <span>45,00 €</span></p><p>Prix neuf constaté : <s>125,00 €</s></p><button>Ajouter au panier</button>',
     "EUR", "45.00"),
    # ... not a used offer beside the new item sold out
    ('<h1>Ampli Marantz PM7000N</h1><p class="stock">Épuisé</p><div class="occasion"><p><span>Prix d\'occasion :</span> '
     '<span>1 490 €</span></p><button>Ajouter au panier</button></div>', "EUR", None),
    # a marketplace's other offers, "Ver 4 opciones desde $ 1.049.999", under a listing that ended
    ('<h1>Heladera Samsung 382 L</h1><p>Publicación finalizada</p><div><h3>Otras opciones de compra</h3><a href="/b">Ver '
     '4 opciones desde $ 1.049.999</a></div>', "ARS", None),
]


_HOLDOUT251_TO_254_CASES = [
    # an auction's current bid in Danish, its estimate; a closed Catawiki lot with its expert's estimate
    ('<h1>Peugeot PX10, 1978</h1><div class="bidbox"><span>Nuværende bud</span> <span>4.200 kr.</span></div><div><span>'
     'Vurdering</span> <span>6.000 – 8.000 kr.</span></div><p>Fragt 395 kr.</p>', "DKK", None),
    ('<h1>Royal Delft vaas</h1><div class="lot-closed"><strong>Dit kavel is gesloten</strong><p>Gesloten op zondag'
     '</p></div><div><span class="label">Schatting expert</span> <span class="amount">€ 300 - € 400</span></div>', "EUR",
     None),
    # a discontinued model, its spare parts' prices under it
    ('<h1>VTC électrique Ardenne E8</h1><div class="message notice"><div>Ce modèle n\'est plus fabriqué et ne peut plus '
     'être commandé. Il a été remplacé par l\'Ardenne E9.</div></div><div class="spare-parts"><h3>Pièces compatibles</h3>'
     '<ul><li>Batterie 504 Wh — <span class="price">649,00 €</span></li></ul></div>', "EUR", None),
    # "Du sparst 249,01 €" and a freight fee ("Speditionsgebühr") beside OTTO's "retail-price" red price
    ('<h1>Boxspringbett Lina</h1><div class="pdp_price"><div><span>UVP</span> <span class="pdp_price__previous">899,00 €'
     '</span></div><div><span class="pdp_price__retail-price--red">649,99 €</span></div><p>Du sparst 249,01 €</p><p>inkl. '
     'MwSt. zzgl. <a href="#v">Speditionsgebühr 35,00 €</a></p></div><button>In den Warenkorb</button>', "EUR", "649.99"),
    # Godomall's and Cafe24's product headings, no h1 ("item_detail_tit", "headingArea")
    ('<div class="item_detail_tit"><h3>비타민D 4000IU (60정)</h3></div><dl><dt>정가</dt><dd><del>32,000원</del></dd></dl><dl>'
     '<dt>판매가</dt><dd><strong><strong>24,900</strong></strong>원</dd></dl><dl><dt>구매혜택</dt><dd>구매 시 <b>249원</b> 마일리'
     '지 적립</dd></dl><dl><dt>수량할인</dt><dd>2개 이상 구매 시 개당 2,000원 할인</dd></dl><dl><dt>배송비</dt><dd><strong>3,000원</strong>'
     '</dd></dl><div class="soldout"><strong>일시품절</strong></div><div class="related"><h2>추천 상품</h2><ul><li class="card">'
     '<a href="/p/2">오메가3</a><span>19,900원</span><button>장바구니 담기</button></li><li class="card"><a href="/p/3">'
     '비타민C</a><span>29,800원</span><button>장바구니 담기</button></li></ul></div>', "KRW", "24900"),
    ('<div class="headingArea"><h2>[단종] 어성초 진정 토너 250ml</h2></div><div class="soldout-notice"><p><strong>'
     '판매종료된 상품입니다.</strong></p></div><table><tr><th>배송비</th><td><strong>3,000원</strong> (40,000원 이상 구매 시 무료)'
     '</td></tr></table>', "KRW", None),
    # a coming-soon board whose price is to be announced, its fins' price beside it
    ('<h1>Drift Twin Fin</h1><div class="price"><p class="price-tba">Pricing and release date announced soon</p></div>'
     '<div class="addons"><p>Twin fin set <span>$89.95 AUD</span></p></div>', "AUD", None),
    # a finance offer's threshold ("ab einem Warenwert von € 1.000,00") on a configurator not yet configured
    ('<h1>Ecksofa ALVARO</h1><ul><li>Finanzierung möglich ab einem Warenwert von € 1.000,00</li></ul>', "EUR", None),
]


def test_a_bold_span_heads_a_block_of_another_product() -> None:
    # a marketplace page whose product is unavailable: a used offer, and a similar item's price under a bold line
    body = ('<div id="centerCol"><h1 id="title">Breville Barista Pro</h1></div><div id="buybox"><div id="outOfStock">'
            '<span class="a-color-price">Currently unavailable.</span></div><div id="usedOnlyBuybox"><span>Used - Good'
            '</span><span class="a-price"><span class="a-offscreen">$489.99</span></span></div></div><div id="ask"><div '
            'class="a-box"><div class="a-box-inner"><span class="a-text-bold">Similar item to consider</span><div class='
            '"a-row">Breville Barista Express</div><div class="a-row"><span class="a-price"><span class="a-offscreen">'
            '$549.95</span></span></div></div></div></div>')
    e = extract(_doc(body), "u", default_currency="USD")
    assert e.price is None, (e.price, e.strategy, e.rejected)


@pytest.mark.parametrize(("body", "price"), [
    # a launch date in the price box: no price yet, whatever the old formula beside it costs
    ('<h1>Dewdrop Barrier Cream 2.0</h1><div class="price price--coming-soon"><span class="price-item">Launching October '
     '2025</span></div><div class="legacy"><h3>Can\'t wait?</h3><div class="legacy-card"><span>Original formula</span> '
     '<span class="legacy-price"><s>$42.00</s> $33.60</span> <a class="button" href="/p/1">Shop original</a></div></div>',
     None),
    # the date in a banner, the price in its box
    ('<div class="banner">Launching October 2025: our new formula</div><h1>Dewdrop Barrier Cream</h1><div class="price">'
     '<span class="price-item">$33.60</span></div><button>Add to cart</button>', "33.60"),
])
def test_a_launch_date_where_the_price_would_be(body: str, price: str | None) -> None:
    e = extract(_doc(body), "u", default_currency="USD")
    assert e.price == (None if price is None else Decimal(price)), e.rejected


@pytest.mark.parametrize(("body", "price"), [
    # the shop's markup says 0.00 (no price to give): an amount beside the title that no mark calls the price is not one
    ('<h1>Galaxy S25 256GB</h1><p>Only on a plan: £0 upfront, then £32 a month. Total cost <b>£1,152</b></p>'
     '<button>Choose your plan</button>', None),
    # ... but the price box's own amount is (a grouped product's parent, its children's lowest "Vanaf € 12,95")
    ('<h1>Galaxy S25 256GB</h1><div class="price-box"><span class="price">£1,152.00</span></div><button>Add to basket'
     '</button>', "1152.00"),
])
def test_a_zero_placeholder_in_markup_asks_for_a_marked_price(body: str, price: str | None) -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Galaxy S25",'
          ' "offers": {"@type": "Offer", "price": "0.00", "priceCurrency": "GBP"}}</script>')
    e = extract(_doc(body, head=ld), "u", default_currency="GBP")
    assert e.price == (None if price is None else Decimal(price)), e.rejected


_REVIEW32_CASES = [
    # a review link ("Skriv en vurdering") before the price is no auction's estimate
    ('<h1>Weber Spirit E-325</h1><div class="rating">☆☆☆☆☆ <a href="#r">Skriv en vurdering</a></div><p class="price">'
     '6.999,00 kr.</p><button>Læg i kurv</button>', "DKK", "6999.00"),
    # "zzgl. Speditionskosten" after the price is a note on top of it
    ('<h1>Sofa Lund</h1><p class="price">1.299,00 EUR <small>inkl. 19 % MwSt. zzgl. Speditionskosten</small></p>'
     '<button>In den Warenkorb</button>', "EUR", "1299.00"),
    # an expired offer of a product no longer sold: "tilbud" is no request for a quote
    ('<h1>Kaffemaskine X</h1><p class="price">349,00 kr.</p><p class="notice">Tilbuddet er udløbet, og varen sælges ikke '
     'længere.</p>', "DKK", None),
    # "Price: Request a quote" where the price stands, an add-on's "from £395 + VAT" above it
    ('<h1>Combi oven 10-grid</h1><ul><li>Site survey &amp; fitting from £395 + VAT</li></ul><div class="product-price">'
     '<span>Price: Request a quote</span></div>', "GBP", None),
    # a coupon's code after its amount
    ('<h1>Airfryer</h1><div class="price-box"><span class="coupon">250 TL kupon kodu: FRITOZ250</span><span class="price">'
     '7.499,00 TL</span></div><button>Sepete Ekle</button>', "TRY", "7499.00"),
    # the product's own sizes from a price ("Disponible en 4 opciones desde")
    ('<h1>Colchón Viscoelástico</h1><p class="price">Disponible en 4 opciones desde 299,00 €</p><button>Añadir al carrito'
     '</button>', "EUR", "299.00"),
    # no longer made, but a few left
    ('<h1>Poêle Jøtul F 163</h1><p class="price">1 249,00 €</p><p>Ce modèle n\'est plus fabriqué, mais il nous reste '
     'encore quelques exemplaires.</p><button>Ajouter au panier</button>', "EUR", "1249.00"),
    # new colours' pricing to be announced, under the price
    ('<h1>Trek Domane AL 5</h1><p class="price">£3,299.00</p><p>New 2025 colours and pricing announced soon.</p>'
     '<button>Add to basket</button>', "GBP", "3299.00"),
]


_HOLDOUT257_TO_260_CASES = [
    # another country's price, named so, far below the shop's own
    ('<h1>Robotický vysavač S8</h1><div class="detail-price-box"><span class="price-value">12 990 Kč</span></div><ul>'
     '<li>Prodloužená záruka</li><li>Pojištění</li><li>Instalace</li><li>Doprava zdarma</li><li>Doručení kurýrem</li>'
     '<li>Osobní odběr</li></ul><ul>' + "".join(f"<li>Vlastnost {i}</li>" for i in range(12)) + '</ul><p>Záruka 2 roky</p>'
     '<p>Vrácení do 30 dnů</p><p>Skladem</p><button class="btn-buy">Do '
     'košíku</button><div class="eur-price">Cena pro Slovensko: 529,00 €</div>', "CZK", "12990"),
    # a wholesaler's prices for business customers only, a printing set-up cost beside them
    ('<h1>Koffiebekers 8oz</h1><div class="price-login-box"><p class="price-login-title">Prijzen alleen voor zakelijke '
     'klanten</p><a href="/login">Inloggen</a></div><div class="bedrukking"><p>Eenmalige clichékosten <strong>€ 95,00'
     '</strong> excl. btw per kleur.</p></div>', "EUR", None),
    # "Get a free, tailored quote" in the price card; bill savings a year
    ('<h1>6.6kW Solar System</h1><div class="sys-card__price"><p class="sys-card__price-label">Your price</p><p class="'
     'sys-card__price-value">Get a free, tailored quote</p></div><ul><li>Estimated bill savings of <strong>$1,650 per '
     'year</strong></li></ul>', "AUD", None),
    # Paidy's three payments ("¥6,600 × 3回") under a regular price, its price without tax beside it
    ('<h1>カシミヤマフラー</h1><div class="price"><div class="price__regular"><span class="visually-hidden">通常価格</span>'
     '<span class="price-item price-item--regular">¥19,800</span></div></div><div class="product__tax">税込 <span>（税抜 '
     '¥18,000）</span></div><div class="paidy-widget">Paidy 3回あと払い（分割手数料無料）：<strong>¥6,600</strong> × 3回</div>'
     '<button>カートに追加</button>', "JPY", "19800"),
    # a Taiwanese auction: the current bid, the bid button
    ('<h1>Vintage 手提包</h1><table><tr><th>目前出價</th><td><strong>NT$3,200</strong></td></tr><tr><th>起標價</th><td>NT$500'
     '</td></tr></table><form><input type="number" name="bid"><button type="submit">出價</button></form>', "TWD", None),
    # a phone on a plan: its total over the term, a trade-in's credit paid out
    ('<h1>iPhone 16 128GB</h1><p><strong>£0</strong> upfront</p><p><strong>£62.00</strong> a month for 24 months</p><p>Total '
     'cost over 24 months: £1,488.00</p><p>Trade in your old phone and get up to <strong>£450</strong> credit paid into '
     'your bank account.</p><button>Choose plan</button>', "GBP", None),
]


@pytest.mark.parametrize("said", ["Hinta ja tarkka saapumispäivä julkaistaan pian.", "Prijs volgt.",
                                  "De prijs wordt binnenkort bekendgemaakt.", "Priset meddelas snart.",
                                  "Prisen offentliggøres snart.", "El precio se anunciará pronto.", "Prezzo in arrivo."])
def test_a_price_to_be_announced_in_other_languages(said: str) -> None:
    body = (f'<h1>Puinen leikkikeittiö Aamu</h1><div class="coming"><p>{said}</p><form><input type="email">'
            '<button>Ilmoita minulle</button></form></div><ul class="usp"><li>Lahjapaketointi 2,90 €</li></ul>')
    e = extract(_doc(body), "u", default_currency="EUR")
    assert e.price is None, (e.price, e.rejected)


_REVIEW33_CASES = [
    # a price that follows the gold rate, one that will soon go up
    ('<h1>Goudbaar 100 gram</h1><p class="price">€ 8.412,65</p><p>Prijs volgt de actuele goudkoers en wordt elke minuut '
     'bijgewerkt.</p><button>In winkelwagen</button>', "EUR", "8412.65"),
    ('<h1>Espressomaskin Rocket</h1><p>Priset kommer snart att höjas – köp nu.</p><p class="price">17 490 kr</p><button>'
     'Lägg i varukorg</button>', "SEK", "17490"),
    # a business customer's own price behind a login, a members' price note, under the consumer price
    ('<h1>Accuboormachine 18V</h1><p class="price">€ 199,95</p><p>Zakelijke klant? <a href="/login">Log in voor uw prijs'
     '</a></p><p>Ledenprijzen alleen voor ingelogde klanten.</p><button>In winkelwagen</button>', "EUR", "199.95"),
    # an installation quote offered beside the unit's price
    ('<h1>Daikin split air conditioner</h1><div class="price-block"><div class="price-row"><span class="price">£1,149.00'
     '</span></div><div class="price-row"><a href="/quote">Get a free quote</a></div></div><button>Add to basket</button>',
     "GBP", "1149.00"),
    # a year's subscription paid once
    ('<h1>Which? magazine, 12 issues</h1><p>Total price for 12 months: <strong class="price">£49.99</strong></p><button>'
     'Subscribe</button>', "GBP", "49.99"),
    # a store card's "Credit back" chip after the price
    ('<h1>LG OLED65C4</h1><p class="price">$1,799.99 <span class="chip">Credit back: 5% in rewards</span></p><button>Add '
     'to Cart</button>', "USD", "1799.99"),
    # a Taiwanese auction that also sells outright ("直購價")
    ('<h1>Leica Q2</h1><table><tr><th>目前出價</th><td>NT$52,000</td></tr><tr><th>直購價</th><td><strong>NT$61,800</strong>'
     '</td></tr></table><form><button type="submit">出價</button><button type="submit">直接購買</button></form>', "TWD",
     "61800"),
]


_HOLDOUT261_CASES = [
    # a sofa sold only in the showroom, an empty price box, cushions to buy online under "Completa il tuo salotto"
    ('<h1>Divano 3 posti Velia</h1><div class="price-box" data-role="priceBox"></div><div class="instore-only"><span>'
     'Disponibile solo in showroom</span></div><div class="addon-products"><h3>Completa il tuo salotto – acquistabile '
     'online</h3><ul><li><a href="/c">Cuscino Velia</a><div class="price-box"><span class="price">€ 59,00</span></div>'
     '</li><li><a href="/p">Pouf Velia</a><div class="price-box"><span class="price">€ 179,00</span></div></li></ul></div>',
     "EUR", None),
    # a water purifier for rent only ("렌탈 전용 상품"), its filters sold beside it
    ('<h1>퓨어웰 냉온정수기</h1><table><tr><th>판매가</th><td><span>렌탈 전용 상품</span></td></tr><tr><th>월 렌탈료</th><td>월 '
     '29,900원</td></tr></table><div class="addon"><h3>함께 구매하면 좋은 상품</h3><ul><li><a href="/f">필터 세트</a> <span '
     'class="price">39,000원</span></li></ul></div>', "KRW", None),
    # an auction house's lot: its estimate as a range with one sign, its bid buttons
    ('<h1>JAEGER-LECOULTRE – Reverso, vers 1935</h1><div class="lot__estimate"><span>Estimation</span> <span>3 000 / 5 000 €'
     '</span></div><div class="lot__actions"><a href="/ordre">Déposer un ordre d’achat</a> <a href="/tel">Enchérir par '
     'téléphone</a></div>', "EUR", None),
    # a range whose first figure has no sign: not its upper end
    ('<h1>Vintage racercykel</h1><div><span>Vurdering</span> <span>6.000 – 8.000 kr.</span></div>', "DKK", None),
    # ... but a price whose cents are a dash still stands
    ('<h1>Kopfhörer</h1><div class="price"><span>299,–</span> <span class="sr-only">299,00 €</span></div><button>In den '
     'Warenkorb</button>', "EUR", "299.00"),
]


def test_dawn_variant_list_gives_the_chosen_variant_over_json_ld_first() -> None:
    # Shopify Dawn: JSON-LD holds the first variant ($89.00), the form the chosen one, its price in the price box
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Team Model",'
          ' "offers": {"@type": "Offer", "price": "89.00", "priceCurrency": "CAD", "availability": "https://schema.org/'
          'InStock"}}</script>')
    body = ('<h1>Harbourfront Team Model 8.25"</h1><div id="price-main"><div class="price"><span class="price-item price-item'
            '--regular">$189.00 CAD</span></div></div><variant-radios><fieldset><input type="radio" name="Setup" value="'
            'Deck only"><input type="radio" name="Setup" value="Complete" checked="checked"></fieldset><script type="'
            'application/json">[{"id": 11, "price": 8900, "public_title": "Deck only"}, {"id": 12, "price": 18900, "'
            'public_title": "Complete"}]</script></variant-radios><form action="/cart/add"><input type="hidden" name="id" '
            'value="12"><button type="submit" name="add">Add to cart</button></form><section class="related-products"><h2>You '
            'may also like</h2><ul class="grid"><li class="card"><a href="/p/2">Team Model 8.5"</a><span class="price-item">'
            '$89.00 CAD</span></li><li class="card"><a href="/p/3">Cruiser</a><span class="price-item">$99.00 CAD</span>'
            '</li></ul></section>')
    e = extract(_doc(body, head=ld), "u", default_currency="CAD")
    assert (e.price, e.currency) == (Decimal("189.00"), "CAD"), (e.strategy, e.rejected)


_HOLDOUT262_263_CASES = [
    # a point's worth in yen, under the price
    ('<h1>南部鉄器 急須</h1><p class="price">¥12,800</p><p>128ポイント還元（1ポイント＝1円）</p><button>カートに追加する</button>',
     "JPY", "12800"),
    # Kruidvat's "pricebadge" is the price, not a badge
    ('<h1>Andrélon Shampoo</h1> <div class="pricebadge pricebadge--promo"> <div class="pricebadge__new-price"><span class='
     '"sr-only">€ 4,99</span><span aria-hidden="true" class="pricebadge__fraction">4</span><span aria-hidden="true" class='
     '"pricebadge__decimals">99</span></div> </div> <p class="product-unit-price">Prijs per 100 ml: € 1,66</p> <button>In '
     'winkelmand</button>', "EUR", "4.99"),
    # OpenCart's quantity discounts ("6 oder mehr 12,95€") under the price
    ('<h1>Bio Olivenöl 0,5 l</h1><ul><li><h2>14,95€</h2></li><li>Netto: 13,97€</li><li>3 oder mehr 13,95€</li><li>6 oder '
     'mehr 12,95€</li></ul><button>In den Warenkorb</button>', "EUR", "14.95"),
    # a trolley page; a rental priced by telephone
    ('<h1 class="cart-page__title">Trolley (13 items)</h1><div class="cart-item"><span>Milk 2L</span><span>$3.10</span>'
     '</div><div class="summary"><span>Subtotal</span><span>$87.45</span></div>', "AUD", None),
    ('<h1>2-hanes fadølsanlæg</h1><p><strong>Pris:</strong> Ring for pris – prisen afhænger af lejeperioden.</p><div class='
     '"acc"><h3>Tilbehør</h3><p>Fustage 20 l <span>1.295,00 kr.</span></p><p>Krus <span>195,00 kr.</span></p></div>',
     "DKK", None),
]


_REVIEW34_CASES = [
    # a toy named "Shopping Trolley" is no basket
    ('<h1>Shopping Trolley</h1><p class="price">£42.95</p><form action="/cart/add"><input type="number" name="quantity" '
     'value="1"><button>Add to basket</button></form>', "GBP", "42.95"),
    # a call for a price for large quantities, under the price
    ('<h1>Kontorstol Ergo</h1><p class="price">5 990,-</p><button>Legg i handlekurv</button><p>Større antall? Ring for '
     'pris.</p>', "NOK", "5990"),
    # notes on payment or fabric samples, not the product
    ('<h1>Divano Lino</h1><p class="price">1.190,00 €</p><button>Aggiungi al carrello</button><ul><li>Pagamento in contanti '
     'disponibile solo in negozio</li></ul>', "EUR", "1190.00"),
    ('<h1>Sofa Oslo</h1><p class="price">1.649,00 €</p><button>In den Warenkorb</button><p>Weitere Stoffmuster nur im '
     'Showroom erhältlich</p>', "EUR", "1649.00"),
]


_HOLDOUT268_269_CASES = [
    # a basket headed with its contents or its count of lines
    ('<h1>Kosár tartalma</h1><table><tr><td>Bögre</td><td>3 490 Ft</td></tr><tr><td>Tányér</td><td>5 990 Ft</td></tr>'
     '</table><p>Részösszeg: 9 480 Ft</p>', "HUF", None),
    ('<h1>Koszyk (2)</h1><table><tr><td>Czajnik</td><td>219,00 zł</td></tr><tr><td>Kubek</td><td>149,00 zł</td></tr>'
     '</table>', "PLN", None),
    # a carrier's class before its rate
    ('<h1>Merino yarn</h1><ul><li><s>£6.99</s></li><li><h2>£5.49</h2></li><li>Ex Tax: £4.58</li></ul><button>Add to Cart'
     '</button><p>Royal Mail 2nd Class £2.95 · free over £25</p>', "GBP", "5.49"),
    # a Shoptet price box "Připravujeme", the price to be told later, the previous model's price beside it
    ('<h1>Stan Covert 3 WS 2025</h1><div class="p-final-price-wrapper"><strong class="price-final">Připravujeme</strong>'
     '</div><div><span>Cena a termín dodání budou upřesněny</span></div><p>Předchozí model koupíte za 6 490 Kč.</p>', "CZK",
     None),
]


_REVIEW35_CASES = [
    # a launch date in a price box of its own, under the pre-order price shown
    ('<h1>Keychron Q6 Max</h1><p class="price">$149.00</p><div class="price-note">Coming March 2026</div><button>Pre-order'
     '</button>', "USD", "149.00"),
    # markup's zero placeholder beside a price a page builder writes without a price class, a buy button under it
    ('<h1>Lámpara Nórdica</h1><h2 class="elementor-heading-title">89,00 €</h2><button>Añadir al carrito</button>', "EUR",
     "89.00"),
    # "Precio según medidas seleccionadas:" labels the price shown
    ('<h1>Estor enrollable</h1><p>Precio según medidas seleccionadas:</p><p class="total">45,90 €</p><button>Añadir al '
     'carrito</button>', "EUR", "45.90"),
    # a vintage before its price
    ('<h1>Riesling trocken</h1><p class="vintage">2022 — 12,90 €</p><button>In den Warenkorb</button>', "EUR", "12.90"),
]


_HOLDOUT266_CASES = [
    # a subscription's price ("Suscríbete y ahorra 10%:") under a regular price
    ('<h1>Sérum vitamina C</h1><div class="price"><span class="visually-hidden">Precio habitual</span><span class="'
     'price-item price-item--regular">24,95 €</span></div><button>Añadir a la cesta</button><div class="subscription">'
     'Suscríbete y ahorra 10%: 22,46 € cada 2 meses</div>', "EUR", "24.95"),
    # a price to be told later, the previous model's beside it
    ('<h1>Pinarello Dogma F 2025</h1><p>Prezzo e data di arrivo saranno comunicati a breve.</p><form><input type="email">'
     '<button>Avvisami</button></form><p class="note">Nel frattempo scopri il Dogma F 2024 a € 5.990,00.</p>', "EUR", None),
    # a kitchen priced by its measurements, its extras' prices under it
    ('<h1>Cocina a medida Alhambra</h1><p class="price-note">Precio según medidas y configuración.</p><ul><li>Transporte '
     'desde 49,00 €</li><li>Desmontaje: 150,00 €</li></ul>', "EUR", None),
]


_HOLDOUT271_TO_273_CASES = [
    # the price without VAT where its element names both, "s DPH 21 %" first and "bez DPH" beside the amount
    ('<h1>Laminátová podlaha Dub</h1><div class="detail__price"><p class="detail__price-main"><strong>596,80 Kč</strong>'
     '</p><p class="detail__vat">Cena s DPH 21 % · bez DPH 493,22 Kč za balení</p></div><button>Do košíku</button>', "CZK",
     "596.80"),
    # a discount tag "8 折" (80 % of the price) before the price box, not a saving's label
    ('<h1>阿里山高山烏龍茶 150g</h1><div class="price-container"><span class="promotion-tag">限時 8 折</span>'
     '<div class="price-sale price">NT$1,280</div><div class="price-regular price crossed">NT$1,600</div></div>'
     '<button>加入購物車</button>', "TWD", "1280"),
    # ... while "滿$2,000 折$100" is $100 off a spend of $2,000
    ('<h1>無線吸塵器</h1><div class="prodPrice"><span class="label">網路價</span><span class="price">$1,290</span></div>'
     '<p>全館滿$2,000 折$100</p><button>加入購物車</button>', "TWD", "1290"),
    # a list of each size's price below the price box: the box's price is the chosen size's
    ('<h1>Bettwäsche Leona</h1><div><p class="product-detail-price">89,95 €*</p></div><div class="size-prices"><p>Preise '
     'je Größe:</p><ul><li><span>135 × 200 cm</span> <span>59,95 €*</span></li><li><span>155 × 220 cm</span> <span>79,95 €*'
     '</span></li><li><span>200 × 200 cm</span> <span>89,95 €*</span></li><li><span>200 × 220 cm</span> <span>119,95 €*'
     '</span></li></ul></div><button>In den Warenkorb</button>', "EUR", "89.95"),
    # a price shown only in the basket, as said without the word "it"
    ('<h1>AVR-X4900H Receiver</h1><div class="pdp-map"><p><strong>Add this item to your cart to see our price</strong>'
     '</p></div><button>Add to Cart</button><p>HDMI cable <span class="price">$19.99</span></p>', "USD", None),
    # a discontinued product's statement in the buy block, its used offers beside it ("Gebruikt")
    ('<h1>PadCafé HD7820</h1><div class="gallery"><ul>' + '<li><img src="x.jpg"></li>' * 30 + '</ul></div><div class="'
     'buy-block buy-block--unavailable"><p>Niet leverbaar</p><p class="buy-block__text">Dit artikel is niet meer '
     'leverbaar. De fabrikant heeft dit model uit het assortiment gehaald.</p></div><div class="second-chance"><p>'
     '<strong>Tweede Kans</strong> – Gebruikt, in goede staat: <a href="/p/2">vanaf € 34,99</a></p></div>', "EUR", None),
    # an auction lot without bids: the expert's estimate and the hammer prices of similar lots
    ('<h1>Longines – Montre de poche</h1><div><h2>Estimation de l\'expert</h2><p class="estimate">350 € – 500 €</p></div>'
     '<p>Aucune enchère</p><ul><li>Longines argent, vers 1920 – adjugé 380 € (février 2024)</li><li>Longines acier – '
     'adjugé 640 € (décembre 2023)</li></ul>', "EUR", None),
    # a configurator that shows its price once every choice is made, an armrest's price under it
    ('<h1>Soffa Hälla – designa din egen</h1><div class="configurator-summary"><p class="price">Pris visas när du har '
     'gjort alla val</p></div><button>Lägg i varukorgen</button><ul><li>Armstöd <span class="price">1 495 kr</span></li>'
     '</ul>', "SEK", None),
    # ... and home delivery's rate ("Hemleverans") under it
    ('<h1>Soffa Hälla – designa din egen</h1><div class="configurator-summary"><p class="price">Pris visas när du har '
     'gjort alla val</p></div><button>Lägg i varukorgen</button><ul><li>Hemleverans med bärhjälp: 995 kr</li></ul>', "SEK",
     None),
    # an AggregateOffer over colours, the box showing the chosen colour's price, the range's top, beside the range
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Sloane Satchel", '
     '"offers": {"@type": "AggregateOffer", "priceCurrency": "USD", "lowPrice": "298.00", "highPrice": "328.00", '
     '"offerCount": 3}}</script><h1>Sloane Satchel</h1><div class="productPrice"><p class="newPrice"><span class="'
     'price-value">$328.00</span></p></div><button>Add to Bag</button><p class="price-range">Price varies by color: $298.00 '
     '– $328.00</p>', "USD", "328.00"),
    # a reward for buying, in dollars ("Earn $12 in Cobalt Rewards"), beside a price the page marks as regular
    ('<h1>Quilted Barn Jacket</h1><div class="price"><span class="price__regular">$119.00</span></div><div class="rewards">'
     'Earn $12 in Cobalt Rewards on this purchase</div><button>Add to bag</button>', "USD", "119.00"),
    # a door builder's price shown once every step is done, an accessory card's price under it
    ('<h1>Carriage House – Build Your Door</h1><div class="config"><div class="summary-price"><p class="summary-price__'
     'value">—</p><p>Complete all steps and enter your ZIP code to see your price.</p></div><button>Add to quote</button>'
     '</div><div '
     'class="accessory"><p>Belt Drive Opener</p><p class="accessory__price">$329.00</p><button>Add</button></div>', "USD",
     None),
    # a members' price named after the programme ("Insider price") under the regular price
    ('<h1>Quilted Barn Jacket</h1><div class="price"><span class="price__regular">$119.00</span></div><div class="insider">'
     '<span>Insider price</span> <span>$95.20</span> <a href="/login">Sign in</a> to unlock</div><button>Add to bag'
     '</button>', "USD", "119.00"),
]


_HOLDOUT274_CASES = [
    # a set's price ("Takım fiyatı (sağ + sol)") beside the single part's, the price with VAT labelled with its rate
    ('<h1>Sachs Ön Amortisör Sağ</h1><ul class="list-unstyled"><li><span>KDV Hariç Fiyat</span><h2 class="price-exvat">'
     '1.537,92 TL</h2></li><li class="price-incvat">KDV Dahil (%20): <b>1.845,50 TL</b></li><li class="pair-price">Takım '
     'fiyatı (sağ + sol): 3.457,90 TL (KDV dahil)</li></ul><button>Sepete Ekle</button>', "TRY", "1845.50"),
    # a Turkish "call for price", accessories' prices in a table under it
    ('<h1>CFMOTO 800MT Explore 2025</h1><div class="price-ask"><span class="price-ask__value">Fiyat için arayınız</span>'
     '</div><button>Test sürüşü</button><table><tr><td>Yan Çanta Seti</td><td class="num">34.900 TL</td></tr></table>', "TRY",
     None),
    # a price shown once a city is chosen, an accessory's beside it
    ('<h1>Raftaar Vega 350</h1><div class="price-panel"><p class="price-panel__value">—</p><p>Select a city to see the price'
     '</p></div><button>Book now</button><div class="acc"><p>Touring Seat</p><p class="acc__price">₹3,950</p></div>', "INR",
     None),
    # Shopify's product JSON under an id spelled "ProductJSON-...", the basket form on the set of four over og:price's one
    ('<meta property="og:price:amount" content="489,99"><meta property="og:price:currency" content="RON"><h1>Continental '
     'TS 870</h1><div class="price"><span class="price-item price-item--regular">1.899,00 lei</span></div><form method="post" '
     'action="/cart/add"><input type="hidden" name="id" value="102"><button>Adaugă în coș</button></form><script type="'
     'application/json" id="ProductJSON-main">{"id": 1, "title": "Continental TS 870", "variants": [{"id": 101, "price": '
     '48999, "title": "Bucată", "available": true}, {"id": 102, "price": 189900, "title": "Set 4 bucăți", "available": true}'
     ']}</script><p>Bucată (1 anvelopă) – 489,99 lei</p>', "RON", "1899.00"),
    # WooCommerce's screen-reader sentence in Greek ("Η αρχική τιμή ήταν:") says the struck price is the was price
    ('<script type="application/ld+json">{"@context": "https://schema.org/", "@type": "Product", "name": "Pirelli P7", '
     '"offers": {"@type": "Offer", "price": "112.90", "priceCurrency": "EUR"}}</script><h1>Pirelli P7</h1><p class="price">'
     '<del aria-hidden="true"><span class="woocommerce-Price-amount amount">112,90 €</span></del> <span class="screen-'
     'reader-text">Η αρχική τιμή ήταν: 112,90 €.</span><ins aria-hidden="true"><span class="woocommerce-Price-amount '
     'amount">104,90 €</span></ins></p><button>Προσθήκη στο καλάθι</button>', "EUR", "104.90"),
]


_HOLDOUT276_CASES = [
    # a members' price named after the club, "for medlemmer" after it
    ('<h1>Bosch Serie 6 vaskemaskin</h1><div class="pp-price"><span>Nettpris</span><div class="pp-price__main">6 990,-</div>'
     '<div class="club"><b>Elhuset Pluss-pris 6 490,-</b> for medlemmer.</div></div><button>Legg i handlekurven</button>',
     "NOK", "6990"),
    # a Lithuanian "the price will be announced soon", a coupon for signing up under it
    ('<h1>LG OLED65C6 televizorius</h1><div class="price-box"><p class="price-tba">Kaina bus paskelbta artimiausiu metu</p>'
     '</div><button>Pranešti</button><div class="notify"><strong>50 € nuolaidos kuponą</strong></div>', "EUR", None),
]


_HOLDOUT280_281_CASES = [
    # a marketplace's last sale price, said not to be current, on a page with no seller
    ('<h1>Kablosuz Kulaklık X3</h1><div class="no-seller"><p>Bu ürün şu anda satışta değil.</p><small>Son satış fiyatı: '
     '2.149,00 TL (12.01.2024) – güncel fiyat değildir.</small></div><button>Haber ver</button>', "TRY", None),
    # a sold-out bike whose price will be published when stock arrives, said mid-sentence; a pay-later threshold
    ('<h1>Kolo Trail 29</h1><div class="alert"><strong>Razprodano.</strong> Novo dobavo pričakujemo spomladi 2026 – cena bo '
     'objavljena ob prihodu zaloge.</div><ul><li>Obroki brez obresti z Leanpay za nakupe nad 150 €</li></ul><button>'
     'Obvesti me</button>', "EUR", None),
    # a net price shown large ("+ PDV"), the price with VAT ("s PDV-om") under it
    ('<h1>Aku bušilica DDF485</h1><div class="product-detail-price-container"><p class="product-detail-price">159,92 € + PDV'
     '</p><p class="product-detail-price-gross">199,90 € s PDV-om</p></div><button>U košaricu</button>', "EUR", "199.90"),
]


@pytest.mark.parametrize(("body", "currency", "price"), _REVIEW31_CASES + _HOLDOUT251_TO_254_CASES + _REVIEW32_CASES + _HOLDOUT257_TO_260_CASES + _REVIEW33_CASES + _HOLDOUT261_CASES + _HOLDOUT262_263_CASES + _REVIEW34_CASES + _HOLDOUT266_CASES
                         + _HOLDOUT268_269_CASES + _REVIEW35_CASES + _HOLDOUT271_TO_273_CASES
                         + _HOLDOUT274_CASES + _HOLDOUT276_CASES
                         + _HOLDOUT280_281_CASES)
def test_wordings_from_the_blind_sets_and_reviews(body: str, currency: str, price: str | None) -> None:
    """Each wording a blind set or a review found misread, on a small page of its own (the full pages are fixtures)."""
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


def test_a_marketplace_savings_badge_classed_a_price_is_not_read() -> None:
    body = ('<h1 id="title"><span id="productTitle">TrailFlask Bottle 32 oz</span></h1><div id="corePrice"><span class="'
            'a-price savingsPercentage">-22%</span> <span class="a-price"><span class="a-offscreen">$34.99</span><span '
            'aria-hidden="true"><span class="a-price-symbol">$</span><span class="a-price-whole">34<span class="a-price-'
            'decimal">.</span></span><span class="a-price-fraction">99</span></span></span><div class="basisPrice">List '
            'Price: <span class="a-text-price"><span class="a-offscreen">$44.95</span>$44.95</span></div></div><div id="'
            'olp">New (6) from $29.50 · Used (2) from $22.00</div><button id="add-to-cart-button">Add to Cart</button>')
    e = extract(_doc(body), "u", default_currency="USD")
    assert (e.price, e.strategy) == (Decimal("34.99"), "platform:marketplace"), e.rejected


def test_prestashop_price_before_taxes_gives_way_to_the_one_with_taxes() -> None:
    body = ('<h1 class="h1">Sérum à l\'argousier 30 ml</h1><div class="product-prices js-product-prices"><div class="'
            'product-discount"><span class="regular-price">39,95 $</span></div><div class="product-price has-discount"><div '
            'class="current-price"><span class="current-price-value" content="34.95">34,95 $</span> <span class="discount">'
            'Économisez 5,00 $</span></div></div><div class="tax-shipping-delivery-label">avant taxes</div><div class="'
            'product-price-tax-incl">Prix taxes incluses (TPS + TVQ) : <strong>40,18 $</strong></div></div>'
            '<form action="/panier"><button class="add-to-cart">Ajouter au panier</button></form>')
    e = extract(_doc(body, body_attrs=' id="product"'), "u", default_currency="CAD")
    assert (e.price, e.currency) == (Decimal("40.18"), "CAD"), e.rejected


@pytest.mark.parametrize(("body", "currency", "price"), [
    # a quote asked for in the price box, beside an accessory table
    ('<h1>Ruuvikompressori TK-15</h1><div class="pdp-price pdp-price--quote"><p>Hinta</p><p><strong>Pyydä tarjous'
     '</strong></p></div><table><tr><td>Suodatin</td><td>62,62 €</td></tr></table>', "EUR", None),
    ('<h1 class="page-title">Krepšelis</h1><div class="cart-row"><span>Šepetėlis</span><span>34,90 €</span></div>'
     '<dl><dt>Tarpinė suma</dt><dd>109,87 €</dd></dl>', "EUR", None),
    # an Icelandic discontinued product, its shop's free delivery threshold ("Frí heimsending yfir 15.000 kr.")
    ('<p>Frí heimsending yfir 15.000 kr.</p><h1>Höggborvél HB-18</h1><p>Þessi vara er hætt í sölu</p>'
     '<div class="successor"><h2>Í staðinn mælum við með</h2><a href="/p/hb20">HB-20</a> <span>34.995 kr.</span></div>',
     "ISK", None),
])
def test_the_nordic_and_baltic_sets_cases(body: str, currency: str, price: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


def test_a_case_price_its_bottle_price_divides_and_baltic_quantity_rows_are_multibuys() -> None:
    body = ('<h1>Rioja Reserva 2019</h1><table><tr><td>Før:</td><td><s>179,95 kr.</s></td></tr><tr><td>Pris:</td><td>'
            '<span class="price">149,95 kr.</span></td></tr><tr><td>Kassepris:</td><td><span class="box">6 fl. 749,00 kr.'
            '</span> <span>– 124,83 kr. pr. fl.</span></td></tr></table><button>Læg i kurv</button>')
    e = extract(_doc(body), "u", default_currency="DKK")
    assert e.price == Decimal("149.95") and ("749,00 kr.", MULTIBUY) in e.rejected, e.rejected
    body = ('<h1>Stabdžių kaladėlės</h1><p class="price">38.50€</p><ul><li>2 arba daugiau 36.00€</li><li>4 arba daugiau'
            ' 34.50€</li></ul><button>Į krepšelį</button>')
    e = extract(_doc(body), "u", default_currency="EUR")
    assert e.price == Decimal("38.50") and ("34.50€", MULTIBUY) in e.rejected, e.rejected


@pytest.mark.parametrize(("body", "body_attrs", "currency", "price"), [
    # Nuvemshop's product block is flagged "js-has-new-shipping ... js-shipping-calculator-container"
    ('<div class="js-has-new-shipping js-product-detail js-shipping-calculator-container"><div class="col"><h1>Kit Café'
     '</h1><div class="price-container"><span class="js-price-display" id="price_display">R$189,90</span> <span'
     ' class="price-compare">R$249,90</span></div><div class="shipping">Frete PAC R$ 22,40</div><button>Comprar</button>'
     '</div></div>', "", "BRL", "189.90"),
    # VTEX's basket: its body class, or its heading "Meu carrinho"
    ('<h2 class="cart-title">Meu carrinho</h2><table><tr><td>Capa</td><td>R$ 279,90</td></tr></table><p>Subtotal'
     ' R$ 509,60</p>', ' class="body-cart"', "BRL", None),
    ('<h1 class="cart-title">Meu carrinho</h1><table><tr><td>Capa</td><td>R$ 279,90</td></tr></table><p>Subtotal'
     ' R$ 509,60</p>', "", "BRL", None),
])
def test_the_electronics_and_latin_american_sets_cases(body: str, body_attrs: str, currency: str, price: str | None) -> None:
    e = extract(_doc(body, body_attrs=body_attrs), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


def test_ec_cubes_header_cart_is_no_candidate() -> None:
    body = ('<div class="ec-headerRole__cart"><div class="ec-cartNavi"><div class="ec-cartNavi__price">￥6,380</div></div>'
            '</div><h1>スケールフィギュア</h1><div class="ec-productRole__price"><span class="ec-price__price">￥18,700'
            '</span><span>税込</span></div><button>予約する</button>')
    e = extract(_doc(body), "u", default_currency="JPY")
    assert e.price == Decimal("18700") and "￥6,380" not in dict(e.rejected), e.rejected


def test_the_blocks_of_a_products_info_column_are_no_row_of_cards() -> None:
    """Shopify Prestige's info column: each block a "product-info__block-item", each holding a link and a digit."""
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Pixel 8", "offers": {"@type": "Offer",'
          ' "price": "449.00", "priceCurrency": "GBP"}}</script>')
    item = '<div class="product-info__block-item">{}</div>'
    body = ('<div class="product-info__block-list">' + "".join(item.format(b) for b in (
        '<a href="/collections/google">Google</a>', '<h1>Pixel 8 128GB – Very Good</h1>',
        '<a href="#reviews">4.6 / 5</a><sale-price>£429</sale-price><s>£599</s>',
        '<a href="?variant=1">Good £399</a> <a href="?variant=2">Excellent £469</a>',
        '<a href="/p/case">Case</a> <label><input type="checkbox"> £9.99</label>',
        '<button>Add to cart</button>')) + '</div>')
    assert extract(_doc(body, head=ld), "u", default_currency="GBP").price == Decimal("429")


@pytest.mark.parametrize(("body", "body_attrs", "currency", "price", "reasons"), [
    # a table layout's rows, each with a link and a digit, are no cards: its image button buys ("Læg i kurv"); what
    # the price comes to a skein ("svarer til 29,99 kr. pr. nøgle") is no price beside it
    ('<table><tr><td><a href="/">Logo</a> Kurv: 0,00 kr.</td></tr><tr><td><a href="/a">Menu</a> 2 varer</td></tr>'
     '<tr><td><table><tr><td><a href="/t">Ugens tilbud</a><br><span>Før 39,95 kr.</span><br><span>29,95 kr.</span>'
     '</td></tr></table></td><td><h1>Garnpakke Hygge</h1><p><a href="/g">Guide</a> 8 nøgler</p><table><tr><td>Pris:'
     '</td><td><span class="PriceText">299,95 kr.</span></td></tr><tr><td colspan="2">(svarer til 29,99 kr. pr. nøgle)'
     '</td></tr></table><form><input type="image" src="/koeb.gif" alt="Læg i kurv"></form></td></tr></table>',
     "", "DKK", "299.95", {"29,99 kr.": "unit price", "29,95 kr.": None}),
    # a make-an-offer's floor and the total with shipping beside a record's price
    ('<h1>Blue Train LP</h1><div class="price-box"><span class="price">£18.00</span><p>+ £4.50 shipping</p><p>Total'
     ' with shipping to United Kingdom: <strong>£22.50</strong></p><p><a href="/offer">Make an offer</a> – seller'
     ' accepts offers above £15.00</p><a class="button" href="/cart?add=1">Add to Cart</a></div>', "", "GBP", "18.00",
     {"£22.50": "basket total", "£15.00": "a spend threshold (a promotion's or free shipping's)"}),
    # the VAT inside the price, named before its bracket ("Inkl. moms (89,80 kr)")
    ('<h1>Ljusstake</h1><div class="price"><s>599,00 kr</s> <span>449,00 kr</span></div><div class="tax">Inkl. moms'
     ' (89,80 kr)</div><button>Lägg i varukorgen</button>', "", "SEK", "449.00",
     {"89,80 kr": "the tax inside the price before it"}),
    # an ended Dutch auction: its highest bid ("Hoogste bod") is no price
    ('<h1>Omega Seamaster 300</h1><div class="bid-panel"><span class="badge">Veiling gesloten</span><p>Hoogste bod</p>'
     '<p class="amount">€ 1.150</p></div><p>Verzending € 25,00</p>', "", "EUR", None, {}),
    # a hire table's rows named in their header cell, its additional day, its delivery "each way"
    ('<h1>Mini digger hire</h1><table><tr><th>Hire period</th><th>ex VAT</th><th>inc VAT</th></tr><tr><th>1 day</th>'
     '<td>£95.00</td><td>£114.00</td></tr><tr><th>Additional day (after first week)</th><td>£48.00</td><td>£57.60</td>'
     '</tr></table><ul><li>Delivery &amp; collection (within 15 miles of depot): <strong>£60.00</strong> each way</li></ul>'
     '<button>Book hire</button>', "", "GBP", None, {}),
    # Mercado Libre's "12 meses sin intereses de $708.25"
    ('<h1>Pantalla 55"</h1><div class="price"><s>$10,999</s> <span>$8,499</span></div><p>en 12 meses sin intereses de'
     ' <span class="andes-money-amount">$708<sup>25</sup></span></p><button>Comprar ahora</button>', "", "MXN", "8499", {}),
    # a header basket's "小計：¥4,290", "あと710円で送料無料", "5,000円（税込）以上のご注文で送料無料"
    ('<div class="notice">【お知らせ】5,000円（税込）以上のご注文で送料無料</div><div class="cart-btn"><p>小計：<strong>¥4,290'
     '</strong>（税込）</p><p>あと710円で送料無料</p></div><h1>南部鉄器 鉄瓶</h1><p><s>¥14,300</s></p><p class="price">¥12,800'
     '（税込）</p><button>カートに入れる</button>', "", "JPY", "12800",
     {"¥4,290": "basket total", "710円": "a spend threshold (a promotion's or free shipping's)"}),
    # the one amount labelled "Unser Preis:" beats an accessory's named right under the buy button
    ('<h1>Thule EasyFold XT 2</h1><table><tr><td><b>Listenpreis:</b></td><td><s>€ 699,00</s></td></tr><tr><td><b>Unser'
     ' Preis:</b></td><td><font size="5"><b>€ 549,00</b></font></td></tr><tr><td>Lieferzeit:</td><td>2–3 Tage</td></tr>'
     '<tr><td>Artikelnr.:</td><td>TH-933100</td></tr></table><form><input type="submit" value="In den Warenkorb"></form>'
     '<p>Passender Adapter 7/13-polig: € 19,90</p>', "", "EUR", "549.00", {}),
    # a trade portal's "Sign in to see your price" beside its banners' amounts
    ('<h1>ProGrade 20V Hammer Drill Kit</h1><div class="price-box"><a class="action login" href="/login">Sign in to see'
     ' your price</a></div><div class="b2b"><ul><li>Free jobsite delivery on orders over $750</li><li>Net 30 credit'
     ' accounts with limits up to $50,000</li></ul></div>', "", "CAD", None, {}),
    # ... but a link saying so after a members' price ("Pro accounts: $170.99 — sign in to see your price") offers another
    ('<h1>Remanufactured Alternator</h1><p class="price">$189.99</p><div class="pro"><p><strong>Pro</strong> commercial'
     ' accounts: <strong>$170.99</strong> — <a href="/pro/login">sign in to see your price</a></p></div>'
     '<button>Add to Cart</button>', "", "USD", "189.99", {}),
    # an ended auction, its winning bid shown before "This auction has ended."
    ('<h1>1967 Omega Seamaster</h1><p>Auction ended: March 10, 2024</p><p>Winning bid: <span class="amount"><bdi><span>$'
     '</span>1,250.00</bdi></span> by j***n</p><p class="auction-closed">This auction has ended. Bidding is closed.</p>'
     '<h3>Bid history</h3><table><tr><td>b***r</td><td>$1,225.00</td></tr><tr><td>k***2</td><td>$1,150.00</td></tr>'
     '</table>', "", "USD", None, {}),
    # PrestaShop's comparison page
    ('<h1>Comparación de productos</h1><table><tr><td><a href="/p/1">Cafetera A</a> 169,90 €</td><td><a href="/p/2">'
     'Cafetera B</a> 399,00 €</td></tr></table>', ' class="page-comparison"', "EUR", None, {}),
])
def test_the_hand_made_and_no_price_sets_cases(body: str, body_attrs: str, currency: str, price: str | None,
                                               reasons: dict[str, str | None]) -> None:
    """``reasons``: why an amount is not the price (None: never a candidate, outside the product's block)."""
    e = extract(_doc(body, body_attrs=body_attrs), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected
    assert {raw: dict(e.rejected).get(raw) for raw in reasons} == reasons


def test_a_through_class_is_a_struck_price_and_an_underscored_active_class_a_chosen_tile() -> None:
    body = ('<h1>Galaxy A55</h1><p class="product__price--show">9.490.000₫</p><p class="product__price--through">'
            '10.990.000₫</p><button>Mua ngay</button>')
    assert extract(_doc(body), "u", default_currency="VND").was_price == Decimal("10990000")
    body = ('<h1>Ekspres</h1><div class="p">1 349,00 zł</div><div class="v"><span>Kolor:</span> <a class="t _active"'
            ' href="#">czarny</a> <a class="t" href="/oferta/2">srebrny · 1 399,00 zł</a></div><button>Dodaj do koszyka'
            '</button>')
    assert extract(_doc(body), "u", default_currency="PLN").rejected == (("1 399,00 zł", UNCHOSEN),)


def test_an_aggregate_offers_top_is_the_chosen_option_when_the_cheaper_ones_are_unchosen() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Káva", "offers": {"@type": "AggregateOffer",'
          ' "lowPrice": "189", "highPrice": "549", "priceCurrency": "CZK"}}</script>')
    radios = "".join(f'<label><input type="radio" name="w" value="{w}"{" checked" if p == 549 else ""}> {w} – {p} Kč'
                     '</label>' for w, p in (("250 g", 189), ("500 g", 319), ("1 kg", 549)))
    body = f'<h1>Káva</h1><div class="price-final"><strong>549 Kč</strong></div>{radios}<button>Do košíku</button>'
    assert extract(_doc(body, head=ld), "u", default_currency="CZK").price == Decimal("549")


def test_listing_pages_have_no_price() -> None:
    cards = "".join(f'<li class="card"><a href="/p/{i}">Robot {i}</a> <span class="price">€{i}99.00</span></li>'
                    for i in range(1, 5))
    item_list = ('<script type="application/ld+json">{"@type": "ItemList", "itemListElement": []}</script>')
    assert extract(_doc(f"<h1>Robot vacuums</h1><ul>{cards}</ul>", head=item_list), "u",
                   default_currency="EUR").price is None
    banner = f'<p>Envío gratis desde 50 €</p><h1>Robots</h1><ul>{cards}</ul>'
    facets = '<div class="refinement refinement-price"><button>0 € – 500 €</button><button>500 € – 1 000 €</button></div>'
    box = ('<div class="listing-col"><div class="slider-item"><div class="card product-box"><div class="card-body">'
           '<div class="product-info"><a href="/p/{0}">Chair {0}</a><div class="price-info"><div class="price-wrapper">'
           '<span class="product-price">{0}98,25 €</span></div></div><button class="btn-buy">Add</button></div></div>'
           '</div></div></div>')  # eight levels deep: Shopware's listing
    grid = "".join(box.format(i) for i in range(1, 7))
    assert extract(_doc(f'<h1>Office chairs</h1><div class="listing-row">{grid}</div>'), "u",
                   default_currency="EUR").price is None
    assert extract(_doc(f"<h1>Sofas</h1>{facets}<ul>{cards}</ul>"), "u", default_currency="EUR").price is None
    assert extract(_doc(banner, body_attrs=' class="page-type-category"'), "u", default_currency="EUR").price is None


def test_an_amount_without_a_currency_sign_in_the_price_spot() -> None:
    html = _doc('<h1>Treskruer 4,0 × 40 mm</h1><div class="hk-price"><span class="hk-price-int">129</span>'
                '<sup class="hk-price-dec">90</sup></div><div class="unit-price">0,65 kr/stk</div>'
                '<button>Legg i handlevogn</button>')
    e = extract(html, "u", default_currency="NOK")
    assert (e.price, e.currency, e.confidence) == (Decimal("129.90"), "NOK", 0.4)
    struck = html.replace('<div class="hk-price">', '<div class="hk-price"><s>').replace("</sup></div>", "</sup></s></div>")
    assert extract(struck, "u", default_currency="NOK").price is None


def test_a_split_price_without_a_sign_read_out_by_its_aria_label() -> None:
    price = ('<div class="_price_4kq" aria-label="54,95 kronor per styck"><span class="_kr">54</span>'
             '<span class="_ore">95</span><span class="_unit">/st</span></div>')
    html = _doc(f'<h1>Smör Normalsaltat 500 g</h1><s>109,90 kr/kg</s>{price}<button>Lägg i kundvagn</button>')
    assert extract(html, "u", default_currency="SEK").price == Decimal("54.95")
    # a label that reads out other digits than the ones shown is no reading of them
    assert extract(html.replace('"54,95 kronor', '"44,95 kronor'), "u", default_currency="SEK").price is None


def test_amounts_listed_together_are_values_to_choose_from() -> None:
    info = _doc('<h1>Gift Cards</h1><div class="prose"><p>Pick your amount</p><p>Digital cards in $25, $50, $100,'
                ' $150, $250 or $500.</p></div><a href="/products/gift-card">Buy a gift card</a>')
    assert extract(info, "u", default_currency="AUD").price is None
    # two amounts side by side are a was and a sale price, not a list
    sale = _doc('<h1>Cap</h1><p class="price"><s>$39.95</s> $29.95</p><button>Add to cart</button>')
    assert extract(sale, "u", default_currency="AUD").price == Decimal("29.95")


def test_r_is_rand_only_on_a_rand_shop() -> None:
    html = _doc('<h1>Mirrorless camera</h1><div class="buybox"><span class="price">R 12 999</span>'
                '<button>Add to cart</button></div>')
    assert extract(html, "u", default_currency="ZAR").price == Decimal("12999")
    bike = _doc('<h1>BMW R 1200 GS top box</h1><div class="buybox"><span class="price">£189.00</span>'
                '<p>Fits the R 1250 GS too</p><button>Add to cart</button></div>')
    assert extract(bike, "u", default_currency="GBP").price == Decimal("189.00")


def test_a_price_in_an_option_the_page_has_not_chosen() -> None:
    options = ('<h1>Kelp Shampoo 500 ml</h1><div><label><input type="radio" name="buy" value="sns"> Refill'
               ' pouch: <span class="price">£8.54</span></label></div><div><label><input type="radio" name="buy"'
               ' value="once" checked> One-time purchase: <span class="price">£8.99</span></label></div>'
               '<button>Add to basket</button>')
    assert extract(_doc(options), "u", default_currency="GBP").price == Decimal("8.99")
    chosen = options.replace(' value="sns">', ' value="sns" checked>').replace(' value="once" checked>', ' value="once">')
    assert extract(_doc(chosen), "u", default_currency="GBP").price == Decimal("8.54")
    # an ARIA listbox (Wix): the surcharge of an option not selected, beside the one that is
    listbox = ('<h1>Ring</h1><div data-hook="product-price"><span>€59,00</span></div><div role="listbox">'
               '<div role="option" aria-selected="true">None</div><div role="option">Initials (+€12,00)</div></div>'
               '<button>Add to cart</button>')
    assert extract(_doc(listbox), "u", default_currency="EUR").price == Decimal("59.00")


def test_pictured_products_to_pick_before_any_choice_hold_no_price() -> None:
    """A bundle builder's steps of cards (a picture, a name, a price, a radio button each), none picked yet: which
    card's price is the page's cannot be told, and the kit's own price is only a dash."""
    cards = "".join(f'<li><label><input type="radio" name="step-{i // 3}" value="{i}"><img src="{i}.jpg" alt="">'
                    f'<span class="name">Cleanser {i}</span><span class="price">${p}.00</span></label></li>'
                    for i, p in enumerate((24, 28, 26, 32, 38, 44)))
    html = (f'<h1>Build your routine</h1><ul>{cards}</ul><p><span>Kit price</span> <span>&mdash;</span></p>'
            '<button disabled>Add routine to cart</button>')
    assert extract(_doc(html), "u", default_currency="USD").price is None
    picked = html.replace('value="1">', 'value="1" checked>')
    assert extract(_doc(picked), "u", default_currency="USD").price == Decimal("28.00")
    # one group of pictured cards alone: purchase options, or designs that all cost the same, still priced
    buy = "".join(f'<label class="purchase-type__card"><input type="radio" name="purchaseType" value="{v}"><img src="{v}'
                  f'.svg" alt="" width="24"><span>{v}</span><span class="purchase-type__price">{p}</span></label>'
                  for v, p in (("Kaufen", "2.299,00 €"), ("Finanzieren", "ab 63,86 € mtl."), ("Mieten", "ab 89,90 € / Monat")))
    one = f'<h1>Canon EOS R6 Mark II</h1><div class="purchase-type">{buy}</div><button>In den Warenkorb</button>'
    assert extract(_doc(one), "u", default_currency="EUR").price == Decimal("2299.00")


def test_wix_names_its_price_in_data_hook() -> None:
    """``data-hook="formatted-primary-price"`` marks the price as a class would: it beats the gift
    wrap listed right by the buy button."""
    html = ('<h1>Ring</h1>' + '<p>Handmade in Ghent</p>' * 4 + '<div data-hook="product-price"><span'
            ' data-hook="formatted-primary-price">€59,00</span></div>' + '<p>Recycled silver</p>' * 4
            + '<button>Add to cart</button>'
            '<ul><li>Gift wrap €3,50</li></ul>')
    assert extract(_doc(html), "u", default_currency="EUR").price == Decimal("59.00")


@pytest.mark.parametrize(("body", "currency", "price"), [
    # "+ GST" after the larger figure; the price with GST is the smaller line
    ('<h1>Cable Ties</h1><div><span class="price_sale">Rs. 381.36</span> <span>+ GST</span></div>'
     '<div class="price_incl">(Rs. 450.00 incl. 18% GST)</div><button>Add to cart</button>', "INR", "450.00"),
    # WooCommerce's screen-reader sentence "Ursprünglicher Preis war" is the was price: stale JSON-LD gives way
    ('<script type="application/ld+json">{"@type": "Product", "name": "Siebträger", "offers": {"@type": "Offer",'
     ' "price": "1299.00", "priceCurrency": "EUR"}}</script><h1>Siebträger</h1><p class="price"><del>1.299,00 €</del>'
     '</p><p class="price"><span class="screen-reader-text">Ursprünglicher Preis war: 1.299,00 €.'
     '</span><span class="screen-reader-text">Aktueller Preis ist: 1.149,00 €.</span></p>'
     '<button>In den Warenkorb</button>', "EUR", "1149.00"),
    # its French-Canadian sentence "Le prix initial était", the struck and the sale price hidden from screen readers
    ('<script type="application/ld+json">{"@type": "Product", "name": "Kayak", "offers": {"@type": "Offer",'
     ' "price": "1499.99", "priceCurrency": "CAD"}}</script><h1>Kayak</h1><p class="price"><del aria-hidden="true">'
     '1\u00a0499,99 $</del> <span class="screen-reader-text">Le prix initial était : 1\u00a0499,99 $.</span>'
     '<ins aria-hidden="true">1\u00a0299,99 $</ins><span class="screen-reader-text">Le prix actuel est : 1\u00a0299,99'
     ' $.</span></p><button>Ajouter au panier</button>', "CAD", "1299.99"),
    # a Chinese buy link and a goods_name title anchor the price beside them, not the instalment or add-on
    ('<h2 class="goods_name">陶瓷手沖咖啡壺</h2><ul><li>原價 <del>$2,280</del></li><li>特價 <strong>$1,680</strong></li>'
     '</ul><ul><li>分期付款：每期 $280</li></ul><div class="btn_area"><a href="#" class="btn_cart">加入購物車</a></div>'
     '<div class="addon"><label><input type="checkbox"> 濾紙 <span class="addon_price">$99</span></label></div>'
     '<footer><p>全館滿$1,500免運</p></footer>', "TWD", "1680"),
    # "Splátky od 1 083 Kč měsíčně" is an instalment, under a "Do košíku" button
    ('<h1>Pračka</h1><h2>12\u00a0990 Kč</h2><button id="button-cart">Do košíku</button>'
     '<p>Splátky od 1\u00a0083 Kč měsíčně.</p>', "CZK", "12990"),
])
def test_labels_and_anchors_in_more_languages(body: str, currency: str, price: str) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(price), e.rejected


@pytest.mark.parametrize(("body", "currency", "price"), [
    # a related carousel under an Italian heading is no price of a sold-out page that hides its own
    ('<h1>Anello in argento</h1><p>Esaurito</p><section><h2>Potrebbe interessarti anche</h2><div>'
     '<a href="/p/1">Orecchini</a> <span>68,00 €</span></div></section>', "EUR", None),
    # Wix names the block in data-hook, not in its class
    ('<h1>Anello in argento</h1><p>Esaurito</p><section data-hook="related-products"><div>'
     '<a href="/p/1">Orecchini</a> <span>68,00 €</span></div></section>', "EUR", None),
    # WooCommerce's screen-reader sentence, translated, says which is the was price
    ('<h1>Konvice</h1><p class="price"><span class="screen-reader-text">Původní cena byla: 1 499 Kč.</span>'
     '<span class="screen-reader-text">Aktuální cena je: 1 199 Kč.</span></p><button>Do košíku</button>', "CZK", "1199"),
    # "4 interest-free payments of $12.25 with Afterpay" beside a Wix sale price labelled after it
    ('<h1>Mug Set</h1><div><span class="a">$65.00</span><span class="sr-only">Regular Price</span> <span>$49.00</span>'
     '<span class="sr-only">Sale Price</span></div><div><p>or 4 interest-free payments of <strong>$12.25</strong> with'
     ' Afterpay</p></div><button>Add to Cart</button>', "USD", "49.00"),
])
def test_related_blocks_was_sentences_and_instalments_said_around_the_amount(body: str, currency: str,
                                                                           price: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


@pytest.mark.parametrize(("body", "currency", "price"), [
    # "/ 300g" names the pack; "per 100g" is the unit price
    ('<h1>Shower Gel 300g</h1><div class="product-price"><span class="amount">£12.00</span> / 300g</div>'
     '<p class="unit-price">£4.00 per 100g</p><button>Add to bag</button>', "GBP", "12.00"),
    # Danish ",-" with no currency sign, under a club price for members
    ('<h1>Støvsuger</h1><div class="club-price"><span>Klubpris</span> <span class="amount">4.499,-</span></div>'
     '<div class="price"><span class="amount">4.999,-</span></div><button>Læg i kurv</button>', "DKK", "4999"),
])
def test_pack_sizes_and_bare_dash_prices(body: str, currency: str, price: str) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(price), e.rejected


def test_an_aggregate_offers_top_is_the_buy_box_when_the_cheaper_offers_are_used() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "MacBook Air", "offers": {"@type":'
          ' "AggregateOffer", "lowPrice": 1089, "highPrice": 1299, "priceCurrency": "CHF"}}</script>')
    body = ('<h1>MacBook Air</h1><div><strong class="mainPrice">CHF 1’299.–</strong></div><button>In den Warenkorb'
            '</button><section class="otherOffers"><ul><li>Gebraucht – wie neu CHF 1’089.–</li></ul></section>')
    assert extract(_doc(body, head=ld), "u", default_currency="CHF").price == Decimal("1299")


@pytest.mark.parametrize(("body", "currency", "price"), [
    # euro first, the lev figure a conversion beside it (Bulgaria after the switch); and the other way round
    ('<h1>Раница</h1><p class="price price--sale">45,99 € <span class="price-bgn">(89,95 лв.)</span></p>'
     '<button>Добави в количката</button>', "EUR", "45.99"),
    ('<h1>Раница</h1><p class="price price--sale">149<sup>99</sup> лв. <span class="muted">(76,69 €)</span></p>'
     '<button>Добави в количката</button>', "BGN", "149.99"),
    # IKEA-style family price for members above the price for everyone else
    ('<h1>Καναπές</h1><div><span>Τιμή μελών CLUB</span><div class="price price--family"><span>549,00 €</span></div>'
     '</div><div class="pip-regular"><span>Τιμή για μη μέλη</span> <div class="price"><span>599,00 €</span></div>'
     '</div><p>Πληρώστε σε 12 άτοκες δόσεις των 49,92 €</p><button>Προσθήκη στο καλάθι</button>', "EUR", "599.00"),
])
def test_conversions_and_family_prices(body: str, currency: str, price: str) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(price), e.rejected


def test_recently_viewed_microdata_before_the_product_is_not_its_price() -> None:
    recent = ''.join(f'<li itemscope itemtype="https://schema.org/Product"><a href="/p/{i}"><span itemprop="name">'
                     f'iPad {i}</span></a><span itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
                     f'<span itemprop="price" content="{p}">{p} zł</span><meta itemprop="priceCurrency" content="PLN">'
                     f'</span></li>' for i, p in ((1, "1649.00"), (2, "899.00")))
    product = ('<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">iPad 9</h1><div itemprop='
               '"offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="1199.00">1 199 zł'
               '</span><meta itemprop="priceCurrency" content="PLN"></div><button>Dodaj do koszyka</button></div>')
    html = _doc(f'<section class="recent-strip"><h2>Ostatnio oglądane</h2><ul>{recent}</ul></section>{product}')
    assert extract(html, "u", default_currency="PLN").price == Decimal("1199.00")


@pytest.mark.parametrize(("body", "currency", "price"), [
    # an "R" that is no rand on a euro shop, before a range sign: no crash, the euro price
    ('<h1>BMW R 18</h1><div class="price">BMW R 18 Cruiser: 21.990 €</div><button>In den Warenkorb</button>', "EUR", "21990"),
    ('<h1>Typ R</h1><div class="price">Typ R 18.990,00 €</div><button>In den Warenkorb</button>', "EUR", "18990.00"),
    # "per lei" is "for her"; "en noir" is "in black"; "2 portes" are doors; "lunares" are polka dots
    ('<h1>Regalo</h1><p class="price">Regalo per lei 29,90 €</p><button>Aggiungi al carrello</button>', "EUR", "29.90"),
    ("<h1>Sac</h1><p>Ce produit n'est plus disponible en noir</p><p class=\"price\">129,00 €</p>"
     '<button>Ajouter au panier</button>', "EUR", "129.00"),
    ('<h1>Armoire</h1><p class="price">Armoire 2 portes 199,00 €</p><button>Ajouter au panier</button>', "EUR", "199.00"),
    ('<h1>Vestido</h1><p class="price">Vestido lunares 29,99 €</p><button>Añadir al carrito</button>', "EUR", "29.99"),
    # a theme's product-card-price is no members' card price
    ('<h1>Mug</h1><div class="product-card-price"><span>£20.00</span></div><button>Add to basket</button>', "GBP",
     "20.00"),
    # a price in another currency far from the shop's own is not a conversion of it
    ('<h1>Lamp</h1><div class="price">$20.00</div><button>Add to cart</button><p>x</p><p>x</p><p>x</p><p>x</p>'
     '<p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><footer-note><span>Gift cards'
     ' from £5</span></footer-note>', "GBP", "20.00"),
    # "£83.33 ex VAT £100.00": the label before £100 belongs to the amount before it
    ('<h1>Drill</h1><p class="price">£83.33 ex VAT £100.00</p><button>Add to basket</button>', "GBP", "100.00"),
    # no currency sign: a count is no price, and two spans run together are not one amount
    ('<h1>Lamp</h1><div class="price-alerts">3</div><div class="pricebox"><span class="price-int">129</span>'
     '<span class="dec">90</span></div><button>Add to cart</button>', "EUR", None),
])
def test_reviewed_cases(body: str, currency: str, price: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), e.rejected


def test_an_item_list_beside_a_buy_button_is_a_product_page() -> None:
    ld = '<script type="application/ld+json">{"@type": "ItemList", "itemListElement": []}</script>'
    html = _doc('<h1>Lamp</h1><p class="price">£20.00</p><button>Add to basket</button>', head=ld)
    assert extract(html, "u", default_currency="GBP").price == Decimal("20.00")


def test_three_x_rows_of_a_tier_table_are_quantity_prices() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Wine", "offers": {"@type":'
          ' "AggregateOffer", "lowPrice": "7.99", "highPrice": "9.99", "priceCurrency": "EUR"}}</script>')
    body = ('<h1>Wine</h1><table class="tier-prices"><tr><td>1x</td><td>€9.99</td></tr><tr><td>3x</td><td>€8.99</td></tr>'
            '<tr><td>6x</td><td>€7.99</td></tr></table><button>In den Warenkorb</button>')
    assert extract(_doc(body, head=ld), "u", default_currency="EUR").price == Decimal("9.99")


def test_an_r_that_is_no_rand_before_a_range_dash_does_not_break_the_scan() -> None:
    html = _doc('<h1>BMW R 18</h1><div class="price">BMW R 18 – 21.990 €</div><button>In den Warenkorb</button>')
    e = extract(html, "u", default_currency="EUR")  # raised IndexError when the skipped "R 18" was the range's low
    assert e.price != Decimal("18")


@pytest.mark.parametrize(("indent", "found"), [(" " * 120, True), ("", True), ("x " * 100, False)])
def test_a_statement_on_a_page_without_a_buy_button_is_read_among_long_texts(indent: str, found: bool) -> None:
    """No buy button, so the whole body is searched, first through its texts of at most 200 characters
    once stripped: an indented statement still counts, one in a long text never did."""
    filler = "<p>" + "Sturdy steel frame, folds flat, fits a car boot. " * 40 + "</p>"
    html = _doc(f'<h1>Trailer T-300</h1>{filler}<div class="price-box">\n{indent}Price on request{indent}\n</div>'
                f'{filler}<div class="related"><a href="/p/2">Trailer T-200</a> <span>£899.00</span></div>'
                '<div class="acc"><span>Cover</span> <span class="price">£49.00</span></div>')
    e = extract(html, "u", default_currency="GBP")
    assert (e.price is None) is found, e.rejected


@pytest.mark.parametrize(("statement", "said"), [
    ("Ár kérésre", True),
    ("ÁR KÉRÉSRE", True),  # upper case: found in the case-folded text, not the lower-cased bytes
    ("Продуктът все още не е пуснат в продажба. Цената ще бъде обявена при старта на продажбите.", True),
    ("Harga dan tarikh jualan akan diumumkan tidak lama lagi.", True),
    ("Noch nicht verfügbar – Markteinführung im Februar. Der Preis wird zum Verkaufsstart bekanntgegeben.", True),
    ("Ein Angebot für Sondermaße erstellen wir gern, der Preis auf Anfrage gilt dann nur für Sie.", False),
])
def test_statements_with_letters_beyond_ascii_and_at_a_sentence_start(statement: str, said: bool) -> None:
    html = _doc(f'<h1>Nordica 200</h1><p class="note">{statement}</p><button>Ajánlatot kérek</button>'
                '<div class="related"><a href="/p/2">Sauna stones</a> <span>8 990 Ft</span></div>'
                '<div class="acc"><span class="price">12 990 Ft</span></div>')
    assert (extract(html, "u", default_currency="HUF").price is None) is said


def test_hints_beyond_ascii_are_matched_case_folded() -> None:
    from powertracker.extract_base import hints_in, required_literals

    hints = required_literals(r"price on request|ár kérésre|очаквайте", re.I)
    assert hints is not None and "ár kérésre".encode() in hints and "очаквайте".encode() in hints
    assert hints_in("Az ÁR KÉRÉSRE érvényes".encode(), hints) == ("ár kérésre".encode(),)
    assert hints_in("ОЧАКВАЙТЕ скоро".encode(), hints) == ("очаквайте".encode(),)
    assert hints_in("Ár: 8 990 Ft".encode(), hints) == ()


def test_hints_are_found_in_one_pass_in_their_order_in_bytes_or_text() -> None:
    from powertracker.extract_base import hints_in, required_literals

    hints = required_literals(r"call for (a )?price|preis auf anfrage|prix sur demande", re.I)
    assert hints is not None
    page = "Prix SUR DEMANDE · Preis auf Anfrage · Versand frei"
    both = tuple(h for h in hints if h in (b"preis auf anfrage", b"prix sur demande"))
    assert len(both) == 2 and hints_in(page, hints) == both == hints_in(page.encode(), hints)
    assert hints_in("Call us", hints) == () and hints_in("Kelvin \u212a", hints) == hints  # a letter re.I folds on its own


@pytest.mark.parametrize("space", [" ", "&nbsp;", "&#8239;"])
def test_words_held_together_by_no_break_spaces_still_count(space: str) -> None:
    """A badge or a statement written with no-break spaces between its words ("Sold&nbsp;out") is read as with
    ordinary ones: the quick look for its words before the patterns must not rule it out."""
    sold_out = ('<script type="application/ld+json">{"@type":"Product","name":"Trail Lantern","offers":{"@type":"Offer",'
                '"price":"49.00","priceCurrency":"GBP","availability":"https://schema.org/InStock"}}</script>'
                f'<h1>Trail Lantern</h1><p class="price">£49.00</p><p class="stock">Sold{space}out</p>')
    assert extract(_doc(sold_out), "u", default_currency="GBP").availability == "out_of_stock"
    on_request = (f'<h1>Nordica 200</h1><p class="note">Preis{space}auf{space}Anfrage</p>'
                  '<div class="acc"><span class="price">129,90 €</span></div>')
    assert extract(_doc(on_request), "u", default_currency="EUR").price is None


def test_the_euro_sign_as_the_decimal_point_in_a_superscript() -> None:
    html = _doc('<h1>Le Roman</h1><ul><li>Poche <span>8,90 €</span></li></ul>'
                '<div class="f-priceBox-price">22<sup>€50</sup></div><button>Ajouter au panier</button>'
                '<div class="tile"><span class="price">€50</span></div>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("22.50")
    alone = _doc('<h1>Carte cadeau</h1><div class="price"><span>Montant</span> <sup>€50</sup></div>'
                 '<button>Ajouter au panier</button>')
    assert extract(alone, "u", default_currency="EUR").price == Decimal("50")


def test_a_trade_page_showing_the_price_without_vat_first() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Header", "offers": {"@type": "Offer",'
          ' "price": "12.34", "priceCurrency": "GBP"}}</script>')
    rs = _doc('<h1>PCB Header 40 way</h1><div class="price-panel"><p class="unit">Price Each (ex. VAT)</p>'
              '<p class="ex">£12.34</p><p class="inc">£14.81 <span>Each (inc. VAT)</span></p></div>'
              '<table class="price-breaks_table"><tr><td>1 - 9</td><td>£12.34</td><td>£14.81</td></tr>'
              '<tr><td>50 +</td><td>£10.49</td><td>£12.59</td></tr></table><button>Add to basket</button>'
              '<p>Total (ex. VAT) <strong>£12.34</strong></p>', head=ld)
    assert extract(rs, "u", default_currency="GBP").price == Decimal("14.81")
    wurth = _doc('<h1>Holzbauschraube 5x60</h1><div class="price"><span>18,40 €</span> <span>zzgl. MwSt.</span></div>'
                 '<div class="price"><span>21,90 €</span> <span>inkl. 19 % MwSt.</span></div>'
                 '<table class="scaled-prices"><tr><th>ab 1 VE</th><td>18,40 €</td></tr><tr><th>ab 3 VE</th>'
                 '<td>16,90 €</td></tr></table><button>In den Warenkorb</button>',
                 head=ld.replace("12.34", "18.40").replace("GBP", "EUR"))
    assert extract(wurth, "u", default_currency="EUR").price == Decimal("21.90")


def test_markup_holding_the_multibuy_price_gives_way_to_the_single_price() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Sauvignon Blanc", "offers":'
          ' {"@type": "Offer", "price": "9.99", "priceCurrency": "GBP"}}</script>')
    body = ('<h1>Sauvignon Blanc 2023</h1><p>Single bottle price <span class="value">£12.99</span></p>'
            '<p>Mix Six price <span class="value--promo">£9.99</span> when you buy 6 or more bottles</p>'
            '<button>Add to basket</button>')
    assert extract(_doc(body, head=ld), "u", default_currency="GBP").price == Decimal("12.99")
    tiers = ('<h1>Sauvignon Blanc 2023</h1><p>Price <span class="value">£9.99</span></p><table class="tier-prices">'
             '<tr><td>1+</td><td>£9.99</td></tr><tr><td>6+</td><td>£8.49</td></tr></table><button>Add to basket</button>')
    assert extract(_doc(tiers, head=ld), "u", default_currency="GBP").price == Decimal("9.99")


def test_markup_stands_by_a_price_split_without_a_sign_and_a_multibuy_with_words_between() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Pilsener krat", "offers":'
          ' {"@type": "Offer", "price": 17.99, "priceCurrency": "EUR"}}</script>')
    body = ('<h1>Pilsener krat 24 x 30 cl</h1><div class="promo">2 kratten voor € 32</div><div class="price">'
            '<span>17</span><span>,</span><sup>99</sup></div><span>+ € 3,90 statiegeld</span>'
            '<button>In winkelmand</button>')
    e = extract(_doc(body, head=ld), "u", default_currency="EUR")
    assert (e.price, e.strategy) == (Decimal("17.99"), "json-ld"), e.rejected
    signed = body.replace("<span>17</span><span>,</span><sup>99</sup>", "€ 17,99")
    assert extract(_doc(signed), "u", default_currency="EUR").price == Decimal("17.99")  # not the crate pair's € 32


def test_magento_old_price_under_a_final_price_container_is_the_was_price() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Brunello 2019", "offers":'
          ' {"@type": "Offer", "price": "42.00", "priceCurrency": "EUR"}}</script>')
    box = ('<span class="old-price"><span class="price-container price-final_price"><span class="price-label">Prezzo'
           ' pieno</span> <span data-price-amount="42" data-price-type="oldPrice" class="price-wrapper"><span'
           ' class="price">42,00 €</span></span></span></span><span class="special-price"><span class="price-container'
           ' price-final_price"><span data-price-amount="34.9" data-price-type="finalPrice" class="price-wrapper">'
           '<span class="price">34,90 €</span></span></span></span>')
    html = _doc(f'<h1>Brunello di Montalcino 2019</h1><div class="price-box">{box}</div><button>Aggiungi al carrello'
                '</button>', head=ld)
    assert extract(html, "u", default_currency="EUR").price == Decimal("34.90")


@pytest.mark.parametrize("badge", ["Available to hire only", "Artikelnummer 50211 · Alleen verhuur"])
def test_a_rental_page_has_no_price_to_buy_at(badge: str) -> None:
    html = _doc(f'<h1>Heavy Duty Breaker 110V</h1><p class="badge">{badge}</p><table><tr><th>1 Day</th>'
                '<td>£45.00</td></tr><tr><th>1 Week</th><td>£90.00</td></tr></table><button>Add to hire basket</button>')
    assert extract(html, "u", default_currency="GBP").price is None


@pytest.mark.parametrize("said", ["Prezzi riservati ai clienti business", "Accedi per il prezzo",
                                  "Preise nur für Geschäftskunden", "Login for price"])
def test_trade_only_pages_have_no_price_beside_a_stale_meta_tag(said: str) -> None:
    head = '<meta property="product:price:amount" content="64.50"><meta property="product:price:currency" content="EUR">'
    html = _doc(f'<h1>Avvitatore a impulsi 18V</h1><p class="b2b-notice">{said}</p><a href="/login">Accedi</a>'
                '<p>Spese di spedizione 9,90 € per ordini inferiori a 150 €</p>', head=head)
    assert extract(html, "u", default_currency="EUR").price is None


def test_japanese_markup_without_tax_and_a_line_through_class() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "潤滑剤", "offers": {"@type": "Offer",'
          ' "price": "1800", "priceCurrency": "JPY"}}</script>')
    body = ('<h1>スプレー式潤滑剤 420ml 10本入</h1><div class="Price"><span>¥1,800</span><span>（税別）</span></div>'
            '<div class="Price--Sub"><span>¥1,980</span><span>（税込）</span></div><table><tr><td>12345678</td>'
            '<td class="u-price">¥1,800<br><span>(¥1,980税込)</span></td></tr></table><button>カートに入れる</button>')
    assert extract(_doc(body, head=ld), "u", default_currency="JPY").price == Decimal("1980")
    sale = ('<h1>ダッフルコート</h1><div class="proper"><span class="u-line-through">¥8,990</span><span>税込</span></div>'
            '<div class="sale"><span>¥5,393</span> 税込 40%OFF</div><button>カートに入れる</button>')
    assert extract(_doc(sale, head=ld.replace("1800", "8990")), "u", default_currency="JPY").price == Decimal("5393")


@pytest.mark.parametrize(("sign", "after"), [("¥", ""), ("", " €")])
def test_a_split_price_whose_digits_are_struck_through(sign: str, after: str) -> None:
    html = _doc(f'<h1>九阳豆浆机 DJ12-D2</h1><div class="Price--row--2wPBZ"><span>价格</span><span>{sign}</span>'
                f'<span class="Price--lineThrough--1j6yY">399.00</span><span>{after}</span></div><div class="extra">'
                f'<span>促销价</span><span>{sign}</span><span class="Price--orange">329.00</span><span>{after}</span></div>'
                '<button>立即购买</button>')
    assert extract(html, "u", default_currency="CNY" if sign else "EUR").price == Decimal("329.00")


def test_a_marketplace_price_beside_member_coupon_instalment_and_service_figures() -> None:
    html = _doc('<h1>Xiaomi 15 12GB+256GB</h1><div class="summary"><div class="dt">京东价</div><div class="dd">'
                '<span class="p-price"><span>￥</span><span class="price">2999.00</span></span></div></div>'
                '<div class="summary"><div class="dt">PLUS价</div><div class="dd"><span class="p-price-x"><span>￥</span>'
                '<span class="price">2949.00</span></span></div></div><div class="top"><span>领券后到手价</span>'
                ' <span class="final">¥2799</span></div><div class="svc"><a>延长保修 2年 ￥169</a></div>'
                '<div class="bt"><strong>￥249.92×12期</strong></div><button>加入购物车</button>')
    e = extract(html, "u", default_currency="CNY")
    assert e.price == Decimal("2999.00"), e.rejected
    reasons = dict(e.rejected)
    assert reasons["￥2949.00"].startswith("member") and reasons["¥2799"].startswith("a price after a coupon")
    assert reasons["￥169"].startswith("a service") and reasons["￥249.92"].startswith("monthly")
    code = _doc('<h1>Desk lamp</h1><p><span class="price">$49.99</span></p><p><span class="p">$39.99</span> with code'
                ' SAVE10</p><button>Add to cart</button>')
    assert extract(code, "u", default_currency="USD").price == Decimal("49.99")


def test_eastern_arabic_digits_and_the_gulf_signs() -> None:
    html = _doc('<h1>سامسونج جالكسي تاب S9 FE</h1><div class="old"><del>٢٬٩٩٩٫٠٠ د.إ</del></div>'
                '<div class="price"><span>١٬٧٤٩٫٠٠ د.إ</span></div><button>أضف إلى السلة</button>', head='')
    e = extract(html, "u", default_currency="AED")
    assert (e.price, e.currency) == (Decimal("1749.00"), "AED"), e.rejected


@pytest.mark.parametrize(("said", "currency"), [
    ("本商品已絕版", "TWD"), ("会員登録・ログインで表示", "JPY"), ("Precio exclusivo para distribuidores.", "MXN"),
    ("سيتم الإعلان عن السعر وموعد الإطلاق قريباً.", "SAR"), ("Производ више није у понуди.", "RSD"),
])
def test_statements_in_asian_arabic_and_cyrillic_scripts(said: str, currency: str) -> None:
    html = _doc(f'<h1>Item 123</h1><div class="price-box"><p>{said}</p></div><button>Notify me</button>'
                '<div class="successor"><a href="/p/2">Item 124</a> <span class="price">$350</span></div>'
                '<ul class="cards"><li><a href="/p/3">A</a> <span>$120</span></li></ul>')
    assert extract(html, "u", default_currency=currency).price is None


def test_a_sale_price_element_named_unit_price_is_no_unit_price() -> None:
    html = _doc('<h1>Camera X</h1><dl><dt>販売価格</dt><dd><strong id="js_unitPrice" class="productPrice ecPriceSale">'
                '￥54,800</strong><span>（税込）</span></dd></dl><p>税抜￥49,819</p><button>ショッピングカートに入れる</button>')
    assert extract(html, "u", default_currency="JPY").price == Decimal("54800")
    per_kg = _doc('<h1>Coffee 1 kg</h1><p class="price">£12.00</p><p class="unit-price"><span>£12.00</span></p>'
                  '<button>Add to basket</button>')
    assert extract(per_kg, "u", default_currency="GBP").price == Decimal("12.00")


def test_whole_prices_written_with_a_comma_dash_and_a_regular_price_beside_a_members_one() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Robot", "offers": {"@type": "Offer",'
          ' "price": 4999.0, "priceCurrency": "DKK"}}</script>')
    power = _doc('<h1>Robotstøvsuger R9</h1><div class="tag"><span class="tag__price">3.999,-</span>'
                 '<span class="tag__before">Førpris 4.999,-</span></div><button>Læg i kurv</button>', head=ld)
    assert extract(power, "u", default_currency="DKK").price == Decimal("3999")
    oda = _doc('<h1>Juice 2 l</h1><div class="price price--member"><span>Medlemspris</span><span class="price__value">22'
               '<sup>90</sup></span></div><div class="price price--regular"><span>Ordinær pris</span>'
               '<span class="price__value">29<sup>90</sup></span></div><button>Legg i handlekurv</button>')
    assert extract(oda, "u", default_currency="NOK").price == Decimal("29.90")


def test_the_price_tag_settles_which_listed_offer_when_the_page_says_nothing_else() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Seerumi", "offers": ['
          '{"@type": "Offer", "price": 39.9, "priceCurrency": "EUR", "sku": "C-30"},'
          '{"@type": "Offer", "price": 54.9, "priceCurrency": "EUR", "sku": "C-50"}]}</script>'
          '<meta property="product:price:amount" content="39,90"><meta property="product:price:currency" content="EUR">')
    html = _doc('<h1>C-vitamiiniseerumi</h1><p>Koko: 30 ml / 50 ml</p><button>Lisää ostoskoriin</button>', head=ld)
    assert extract(html, "u", default_currency="EUR").price == Decimal("39.9")


def test_markup_of_a_variant_tile_the_page_has_not_chosen() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Trimmer", "sku": "019421", "offers":'
          ' {"@type": "Offer", "price": 549, "priceCurrency": "SEK"}}</script>')
    tiles = ''.join(f'<a href="/p/{i}" class="tile" aria-current="{cur}"><span>{name}</span><span>{price}:-</span></a>'
                    for i, (name, price, cur) in enumerate([("Utan batteri", "549", "false"),
                                                            ("Med batteri", "899", "true")]))
    html = _doc(f'<h1>Grästrimmer 18V med batteri</h1><p>Art.nr: 019422</p><div class="price">899:- inkl. moms</div>'
                f'<div class="tiles">{tiles}</div><button>Köp</button>', head=ld)
    assert extract(html, "u", default_currency="SEK").price == Decimal("899")


def test_latin_american_and_spanish_price_boxes() -> None:
    uy = _doc('<h1>Consola PixelBoy Pro</h1><div class="precio"><span>U$S</span> <span>329</span><div class="conv">Aprox.'
              ' $ 13.160 pesos uruguayos (cotización del día, solo referencial)</div></div><button>Agregar al carrito</button>')
    assert (extract(uy, "u", default_currency="UYU").price, extract(uy, "u", default_currency="UYU").currency) == (
        Decimal("329"), "USD")
    cl = _doc('<h1>Notebook Slim 3</h1><div class="p"><span>Tarjeta Andes</span> <span>$ 119.990</span></div>'
              '<div class="p"><span>Precio Internet</span> <span>$ 129.990</span></div><button>Agregar</button>')
    assert extract(cl, "u", default_currency="CLP").price == Decimal("129990")
    es = _doc('<h1>Lavavajillas SMS4</h1><div class="box"><div>Antes <s>649,00 €</s></div><span class="p"><span>549</span>'
              '<span>,00</span><span>€</span></span><p>IVA incluido. Incluye 3,00 € de tasa RAEE.</p></div>'
              '<button>Añadir al carrito</button>')
    assert extract(es, "u", default_currency="EUR").price == Decimal("549.00")
    mx = _doc('<div class="product type-product instock taxable shipping-taxable purchasable"><div class="summary">'
              '<h1>Rotomartillo 850 W</h1><p class="price"><span class="woocommerce-Price-amount amount"><bdi>$1,120.69</bdi>'
              '</span> <small class="woocommerce-price-suffix">+ IVA</small></p><p class="iva">Precio con IVA incluido (16%):'
              ' <strong class="iva__value">$1,300.00</strong> MXN</p><button>Añadir al carrito</button></div></div>')
    assert extract(mx, "u", default_currency="MXN").price == Decimal("1300.00")
    ar = _doc('<h1>Aire Split 5500 W</h1><div class="p">$ 899.999</div><p>Precio sin impuestos nacionales: $ 743.800,83</p>'
              '<button>Comprar</button>', head='<script type="application/ld+json">{"@type": "Product", "name": "Aire",'
              ' "offers": {"@type": "Offer", "price": 743800.83, "priceCurrency": "ARS"}}</script>')
    assert extract(ar, "u", default_currency="ARS").price == Decimal("899999")


def test_asian_price_words_signs_and_full_width_digits() -> None:
    tw = _doc('<h1>歌林 無線吸塵器</h1><div class="o-prodPrice__originalPrice"><span>建議售價</span><span>$1,590</span></div>'
              '<div class="o-prodPrice__price"><span>網路價</span><span class="o-prodPrice__price--value">1,290</span></div>'
              '<div class="promo">全館滿$2,000 折$100</div><button>加入購物車</button>')
    assert extract(tw, "u", default_currency="TWD").price == Decimal("1290")
    th = _doc('<h1>ตู้เย็น 2 ประตู</h1><div class="sale"><span>12,990</span> <span>บาท</span></div><div>ราคาปกติ'
              ' <span>15,990 บาท</span> <span>ประหยัด 3,000 บาท</span></div><button>หยิบใส่ตะกร้า</button>',
              head='<script type="application/ld+json">{"@type": "Product", "name": "x", "offers": {"@type": "Offer",'
                   ' "price": "15990.00", "priceCurrency": "THB"}}</script>')
    assert extract(th, "u", default_currency="THB").price == Decimal("12990")
    jp = _doc('<h1>名入れタオル</h1><p>定価 <s>３，０８０円</s></p><p class="price">販売価格 ２，４２０円（税込）</p>'
              '<p>送料 全国一律 ５２０円</p><button>カートに入れる</button>')
    assert extract(jp, "u", default_currency="JPY").price == Decimal("2420")


def test_utility_class_storefronts() -> None:
    medusa = _doc('<h1>Wool Beanie</h1><div class="flex text-ui-fg-base"><span class="text-xl-semi"><span'
                  ' data-testid="product-price">44,25 €</span></span><p><span>Ursprünglich: </span><span'
                  ' class="line-through">59,00 €</span></p></div><p>Versand 4,90 €</p><button>In den Warenkorb</button>')
    assert extract(medusa, "u", default_currency="EUR").price == Decimal("44.25")
    tailwind = _doc('<h1>Winter Parka</h1><div class="text-red-700"><span class="align-super">$</span><span'
                    ' class="text-4xl">249</span><span class="text-base align-super">99</span></div><div>Reg. <span'
                    ' class="line-through">$299.99</span></div><button>Add to cart</button>')
    assert extract(tailwind, "u", default_currency="CAD").price == Decimal("249.99")


def test_turkish_and_romanian_price_boxes() -> None:
    hb = _doc('<h1>Galaxy Buds FE</h1><div class="wrap"><div class="extra"><del class="price-old">2.799,00 TL</del>'
              '<span class="badge">%16</span></div><div class="price"><span>2.349</span><span>,</span><span>90</span> '
              '<span>TL</span></div><div class="premium"><span>Premium üyelere özel: <b>2.249,90 TL</b></span></div></div>'
              '<button>Sepete ekle</button>')
    assert extract(hb, "u", default_currency="TRY").price == Decimal("2349.90")
    md = ('<div itemscope itemtype="https://schema.org/Product"><meta itemprop="name" content="Matkap"><div itemprop="offers"'
          ' itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="TRY"><meta itemprop="price"'
          ' content="4165.83"></div></div>')
    ts = _doc(f'{md}<h1>Bosch GSR 18V-55</h1><div><span>KDV Hariç:</span> <span>₺4.165,83</span></div><div><span>KDV'
              ' Dahil:</span> <span>₺4.999,00</span></div><button>Sepete Ekle</button>')
    assert extract(ts, "u", default_currency="TRY").price == Decimal("4999.00")
    emag = _doc('<h1>Laptop Acer Aspire 7</h1><div class="pricing-block has-installments"><p class="product-new-price">'
                '2.749<sup>99</sup> <span>Lei</span></p><p class="genius">Preț Genius: <b>2.699,99 Lei</b></p></div>'
                '<div class="resealed"><a>Vezi 3 oferte resigilate începând de la <b>2.349,99 Lei</b></a></div>'
                '<button>Adaugă în coș</button>')
    assert extract(emag, "u", default_currency="RON").price == Decimal("2749.99")


# pages a review of the session's rules showed them misreading (each was right before those rules)
REVIEWED: list[tuple[str, str | None, str, str]] = [
    ('<html><body> <div class="product"> <h1>Birkenstock Arizona Original</h1> <div class="price"><span>€89,95</span></div> <button>Add to cart</button> </div> </body></html>',
     'EUR', '89.95', 'a title ending in "Original" is no was label'),
    ('<html><body> <div class="product"> <h1>Seagrass Storage Basket</h1> <div class="price"><span>£24.99</span></div> <button>Add to basket</button> </div> </body></html>',
     'GBP', '24.99', 'a title ending in "Basket" is no basket total'),
    ('<html><body> <div class="product"> <h1>Lave-linge Bosch Serie 6</h1> <div class="price">549,00 € <small>dont 10,00 € d\'éco-participation</small></div> <button>Ajouter au panier</button> </div> </body></html>',
     'EUR', '549.00', 'an eco-participation inside the price box'),
    ('<html><body> <div class="product"> <h1>Samsung wasmachine WW90T</h1> <p class="price">€ 549,00 incl. BTW en Recupel</p> <button>In winkelwagen</button> </div> </body></html>',
     'EUR', '549.00', '"incl. BTW en Recupel"'),
    ('<html><body> <div class="product"> <h1>Lavazza Espresso Bohnen</h1> <div class="product-price"> <span class="product-price__amount">3,49 €</span> <span class="product-price__unit-price">1 kg = 6,98 €</span> </div> <button>In den Warenkorb</button> </div> </body></html>',
     'EUR', '3.49', 'a BEM unit-price class'),
    ('<html><body> <div class="product"> <h1>Philips Airfryer XL</h1> <div class="price"><span class="badge">-20%</span><span class="int">119</span><sup>,99 €</sup></div> <button>In den Warenkorb</button> </div> </body></html>',
     'EUR', '119.99', 'a "-20%" badge glued to a split price'),
    ('<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Taladro Bosch GSR 18V","offers":{"@type":"Offer","price":"129.99","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script></head><body> <div class="product"> <h1>Taladro Bosch GSR 18V</h1> <div class="price"><span class="int">129</span><sup>,99</sup> €</div> <p class="promo">Precio exclusivo para clientes online</p> <button>Añadir al carrito</button> </div> </body></html>',
     'EUR', '129.99', '"Precio exclusivo para clientes online" is a promo'),
    ('<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Roller blind","offers":{"@type":"Offer","price":"49.99","priceCurrency":"GBP","availability":"https://schema.org/InStock"}}</script></head><body> <div class="product"> <h1>Blackout Roller Blind</h1> <div class="price">£<span class="int">49</span><sup>.99</sup></div> <p>Standard sizes ship in 2 days. Price on application for widths over 3 m.</p> <button>Add to basket</button> </div> </body></html>',
     'GBP', '49.99', '"Price on application for widths over 3 m."'),
    ('<html lang="zh-CN"><body> <div class="product"> <h1>小米手环８ NFC版</h1> <div class="price">¥299，5色可选</div> <button>加入购物车</button> </div> </body></html>',
     'CNY', '299', 'a full-width comma in a sentence'),
    ('<html><body> <div class="product"> <h1>Wollmantel Damen</h1> <div class="price"><span class="price-int">189</span>,<sup>95</sup></div> <div class="sizes">Größe: <a>XS/34</a> <a>S/36</a> <a>M/38</a></div> <button>In den Warenkorb</button> </div> </body></html>',
     'EUR', '189.95', 'sizes "XS/34 S/36"'),
    ('<html lang="zh-CN"><body> <div class="product"> <h1>MacBook Air 13 英寸</h1> <div class="price">¥7,999 起</div> <button>购买</button> </div> </body></html>',
     'CNY', '7999', '"¥7,999 起" is a from-price'),
    ('<html><body> <div class="product"> <h1>Tarjeta Regalo</h1> <div class="price"><span>25,00 €</span></div> <button>Añadir al carrito</button> </div> </body></html>',
     'EUR', '25.00', '"Tarjeta Regalo" is a product'),
    ('<html><body> <div class="product"> <h1>Duracell AA Batterien</h1> <p class="price">Packung mit 12 Stück für 9,99 €</p> <button>In den Warenkorb</button> </div> </body></html>',
     'EUR', '9.99', 'a pack\'s own price "Packung mit 12 Stück für"'),
    ('<html lang="ar" dir="rtl"><body> <div class="product"> <h1>سامسونج جالاكسي</h1> <div class="price">3,499 ريال قطري</div> <button>أضف إلى السلة</button> </div> </body></html>',
     None, '3499 QAR', '"ريال قطري"'),
    ('<html lang="zh-CN"><body> <div class="product"> <h1>飞利浦 电动牙刷 HX6730</h1> <div class="price"><span class="tag">限时8折</span> <span class="now">¥239</span></div> <button>加入购物车</button> </div> </body></html>',
     'CNY', '239', '"8折" is a rate'),
    ('<html lang="ar-MA" dir="rtl"><body> <div class="product"> <h1>هاتف سامسونج جالاكسي</h1> <div class="price">2.499,00 درهم</div> <button>أضف إلى السلة</button> </div> </body></html>',
     'MAD', '2499.00 MAD', 'the Moroccan dirham'),
    ('<html lang="zh-CN"><body> <div class="product"> <h1>华为 MatePad 11.5</h1> <div class="price"><span class="tag">官方正品保障</span> ¥<em>1999</em>.00</div> <button>加入购物车</button> </div> </body></html>',
     'CNY', '1999.00', '"官方正品保障" is a badge'),
    ('<html><body> <div class="product"> <h1>Dining chairs</h1> <div class="price">Set of 2 <span class="amount">€95</span></div> <button>Add to cart</button> </div> </body></html>',
     'EUR', '95', '"Set of 2 €95"'),
]


@pytest.mark.parametrize(("html", "currency", "expected", "why"), REVIEWED, ids=[r[3] for r in REVIEWED])
def test_pages_the_review_found(html: str, currency: str | None, expected: str, why: str) -> None:
    e = extract(html, "https://shop.example/p/1", default_currency=currency)
    amount, _, code = expected.partition(" ")
    assert e.price == Decimal(amount), (why, e.rejected)
    if code:
        assert e.currency == code


def test_a_shopify_cart_page_and_statements_after_a_lead_in() -> None:
    cart = _doc('<h1>Your cart</h1><form action="/cart" id="cart"><table><tr class="cart-item"><td><a href="/p/1">Earl'
                ' Grey</a></td><td><span class="price">£12.50</span></td><td>£25.00</td></tr></table></form>'
                '<p>Subtotal £63.00</p><button>Check out</button>')
    assert extract(cart, "u", default_currency="GBP").price is None
    product_json = '<script type="application/json" data-product-json>{"price": 29500, "variants": []}</script>'
    soon = _doc('<h1>Sac Colette</h1><div class="coming-soon"><p><strong>Lancement le 12 septembre.</strong> Le prix'
                ' sera annoncé aux inscrits de la liste d\'attente 48 h avant l\'ouverture des ventes.</p></div>'
                f'{product_json}<button>M\'inscrire</button>')
    assert extract(soon, "u", default_currency="EUR").price is None
    b2b = _doc('<h1>Werkbank</h1><div class="b2b"><span>Prijzen zichtbaar na inloggen</span></div><p>Gratis bezorging vanaf'
               ' € 250</p><button>Inloggen</button>',
               head='<meta property="og:price:amount" content="48,50"><meta property="og:price:currency" content="EUR">')
    assert extract(b2b, "u", default_currency="EUR").price is None


def test_wrapper_classes_that_say_what_they_hold_exclude_nothing() -> None:
    body = ('<div class="entry has-media has-product-nav product"><div class="summary"><h2 class="product_title">'
            'Lámpara LED CurePro</h2><p class="price"><span class="woocommerce-Price-amount amount">120,00 €</span> <small>'
            '+ IVA</small></p><p class="con-iva"><span class="woocommerce-Price-amount amount">145,20 €</span> <small>IVA'
            ' incluido (21%)</small></p><button class="single_add_to_cart_button">Añadir al carrito</button></div></div>')
    html = _doc(body, body_attrs=' class="single-product has-sidebar has-breadcrumbs"')
    assert extract(html, "u", default_currency="EUR").price == Decimal("145.20")
    spain = _doc('<h1>Paleta Ibérica</h1><div class="price"><span>89</span><sup>,90</sup> €</div><div class="widget">'
                 '<span>Págalo en 3 plazos de <strong>29,97 €</strong> con Aplazame</span></div>'
                 '<form action="/cart/add" class="addToCartForm"><button>Añadir</button></form>')
    assert extract(spain, "u", default_currency="EUR").price == Decimal("89.90")


def test_marketplace_bids_other_offers_fees_and_instant_savings() -> None:
    auction = _doc('<h1>Vintage Camera</h1><div class="x-bid-price"><span>Current bid:</span> <span>US $46.00</span>'
                   ' <span>(11 bids)</span></div><label><span>Enter US $47.00 or more</span></label><button>Place bid</button>'
                   '<p>Shipping: US $8.45</p>')
    assert extract(auction, "u", default_currency="USD").price is None
    buy_now = _doc('<h1>Gitarre</h1><div><span>Aktuelles Gebot:</span> <span>EUR 345,00</span></div><div><span>'
                   'Sofort-Kaufen:</span> <span>EUR 489,00</span></div><button>Sofort-Kaufen</button>')
    assert extract(buy_now, "u", default_currency="EUR").price == Decimal("489.00")
    used = _doc('<h1>Casque audio</h1><p>Actuellement indisponible.</p><div id="used"><a href="/o"><span>D\'occasion (2)'
                ' à partir de </span><span class="a-price"><span class="a-offscreen">61,20 €</span><span aria-hidden="true">'
                '61,20 €</span></span></a></div><button>Ajouter à la liste</button>')
    assert extract(used, "u", default_currency="EUR").price is None
    costco = _doc('<h1>Laptop 15</h1><div class="box"><div><span>$649.99</span></div><div><span>- $100.00</span> <span>'
                  'Instant Savings</span></div><div><span>Price</span> <span>$549.99</span></div></div><p>EHF $7.00</p>'
                  '<button>Add to Cart</button>')
    assert extract(costco, "u", default_currency="CAD").price == Decimal("549.99")
    sap = _doc('<h1>Drill</h1><p class="price">€249.00</p><table><tr><td class="volume__price-quantity">5-9</td>'
               '<td class="volume__price-amount">€236.55</td></tr></table><button>Add to cart</button>')
    assert extract(sap, "u", default_currency="EUR").price == Decimal("249.00")
    amazon = _doc('<h1>Espresso Machine</h1><div class="price"><span>To see our price, add this item to your basket.</span>'
                  '</div><div class="rrp">RRP: <s>£449.95</s></div><button>Add to Basket</button>')
    assert extract(amazon, "u", default_currency="GBP").price is None


def test_baltic_nordic_and_slovenian_words() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Survepesur", "offers": {"@type": "Offer",'
          ' "price": "349.00", "priceCurrency": "EUR"}}</script>')
    ee = _doc('<h1>Survepesur K5</h1><p class="price"><del><span>349,00 €</span></del> <span class="sr">Algne hind oli:'
              ' 349,00 €.</span><ins><span>299,00 €</span></ins></p><p class="low">Madalaim hind viimase 30 päeva jooksul:'
              ' 329,00 €</p><p>Inbank 12,45 €/kuus</p><button>Lisa ostukorvi</button>', head=ld)
    assert extract(ee, "u", default_currency="EUR").price == Decimal("299.00")
    md = ('<div itemscope itemtype="https://schema.org/Product"><meta itemprop="name" content="x"><div itemprop="offers"'
          ' itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="EUR"><span'
          ' itemprop="price" content="122.94">149,99 €</span></div></div>')
    si = _doc(f'<h1>Kolo</h1>{md}<div>Cena brez DDV: 122,94 €</div><button>V košarico</button>')
    assert extract(si, "u", default_currency="EUR").price == Decimal("149.99")
    fi = _doc('<h1>Talvisodan kirjeet</h1><p class="status"><strong>Ei saatavilla.</strong> Tuote on poistunut valikoimasta,'
              ' eikä kustantaja enää toimita sitä.</p><div class="editions"><a href="/p/2">Pokkari</a> <span class="price">'
              '12,95 €</span></div><button>Ilmoita minulle</button>')
    assert extract(fi, "u", default_currency="EUR").price is None
    ie = _doc('<h1>The Bog Book (Hardback)</h1><p class="qb-price qb-price--tbc">Price TBC</p><button>Reserve</button>'
              '<div class="card"><a href="/p/2">Field Guide</a><p class="price">€12.99</p></div>')
    assert extract(ie, "u", default_currency="EUR").price is None


def test_markup_net_of_a_gross_price_shown_with_its_vat_rate() -> None:
    md = ('<div itemscope itemtype="https://schema.org/Product"><meta itemprop="name" content="x"><div itemprop="offers"'
          ' itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="EUR"><meta'
          ' itemprop="price" content="149.00"></div></div>')
    jtl = _doc(f'{md}<h1>Akkuschrauber 18V</h1><div class="price h1"><span>149,00 €</span> <span>*</span></div>'
               '<div class="gross"><strong>177,31 €</strong> inkl. 19% MwSt.</div><button>In den Warenkorb</button>')
    assert extract(jtl, "u", default_currency="EUR").price == Decimal("177.31")
    upsell = jtl.replace("177,31 €", "189,00 €")  # not 149 + a VAT rate: a dearer thing, the markup stands
    assert extract(upsell, "u", default_currency="EUR").price == Decimal("149.00")


def test_a_magento_grouped_product_reads_its_from_price() -> None:
    row = ('<tr><td>{0}</td><td><div class="price-box price-final_price"><span class="price-container price-final_price">'
           '<span data-price-amount="{1}" data-price-type="finalPrice" class="price-wrapper"><span class="price">€ {2}'
           '</span></span></span></div></td></tr>')
    table = "".join(row.format(*r) for r in (("Taartvorm 24 cm", "18.5", "18,50"), ("Taartvorm 20 cm", "12.95", "12,95")))
    html = _doc('<h1>Patisse Silver-Top set</h1><div><span class="price-label">Vanaf</span> <span class="price-wrapper"'
                ' data-price-amount="12.95"><span class="price">€ 12,95</span></span> <span>incl. btw</span></div>'
                f'<table class="grouped" id="super-product-table">{table}</table><button>In winkelwagen</button>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("12.95")


def test_amounts_offered_as_buttons_to_pick_are_no_price() -> None:
    quick = "".join(f'<button type="button" class="quick">€ {a},00</button> ' for a in (10, 25, 50))
    html = _doc(f'<h1>Adopteer een zeehond</h1><form class="cart"><p><span>Snel kiezen:</span> {quick}</p>'
                '<label>Kies je eigen bedrag</label><input name="nyp" value=""><button type="submit">Doneer</button></form>')
    assert extract(html, "u", default_currency="EUR").price is None
    sizes = _doc('<h1>Gift card</h1><p class="price">€ 25,00</p><button type="button">S</button><button type="button">M'
                 '</button><button type="submit">In winkelwagen</button>')
    assert extract(sizes, "u", default_currency="EUR").price == Decimal("25.00")


def test_grocery_and_chain_store_price_boxes() -> None:
    nectar = _doc('<h1>Coffee 227g</h1><div class="cost"><span class="nectar-price">£3.50</span><span>with Nectar</span></div>'
                  '<div><span class="pd__cost__retail-price">£4.75</span><span class="per-unit">£1.90 / 100g</span></div>'
                  '<button>Add</button>')
    assert extract(nectar, "u", default_currency="GBP").price == Decimal("4.75")
    case = _doc('<h1>Wine, case of 6</h1><div class="base-price"><span class="base-price__regular"><span>£41.94</span></span>'
                '<span class="base-price__comparison-price">£6.99 per bottle · £9.32 per litre</span></div>'
                '<button>Add to trolley</button>')
    assert extract(case, "u", default_currency="GBP").price == Decimal("41.94")
    cents = _doc('<h1>Yoghurt 1kg</h1><div class="price price--large"><span class="price-dollars">$4</span><span'
                 ' class="price-cents">.50</span></div><div class="was">Was $6.00</div><button>Add to cart</button>')
    assert extract(cents, "u", default_currency="AUD").price == Decimal("4.50")
    cart = _doc('<h1>Dein Warenkorb (3 Artikel)</h1><ul><li class="sc-cart-item"><a href="/p/1">TV</a> <b>899,00 €</b></li>'
                '<li class="sc-cart-item"><a href="/p/2">Soundbar</a> <b>199,99 €</b></li></ul><p>Gesamtsumme 1.098,99 €</p>'
                '<button>Zur Kasse</button>')
    assert extract(cart, "u", default_currency="EUR").price is None
    basket = _doc('<h1>Seagrass Storage Basket</h1><p class="price">£24.99</p><div class="mini-cart"><div class="cart-item">'
                  '</div></div><button>Add to basket</button>')
    assert extract(basket, "u", default_currency="GBP").price == Decimal("24.99")


def test_legacy_shop_pages() -> None:
    zen = _doc('<h1>Fountain Pen</h1><h2><span class="normalprice">$28.00 </span>&nbsp;<span class="productSpecialPrice">'
               '$23.80</span></h2><button>Add to Cart</button>',
               head='<meta property="product:price:amount" content="28.00"><meta property="product:price:currency" content="USD">')
    assert extract(zen, "u", default_currency="USD").price == Decimal("23.80")
    sv = _doc('<h1>Borrmaskin</h1><div class="login-to-see-price"><i class="icon">\ue897</i> <a href="/login">Logga in</a>'
              ' för att se priser och beställa.</div><div class="acc"><a href="/p/2">Bits</a> <span class="price">189,00 kr'
              '</span></div><button>Lägg i varukorgen</button>')
    assert extract(sv, "u", default_currency="SEK").price is None
    nl = _doc('<h1>GN-bak 1/1</h1><a href="/login" class="btn"><i class="fa"></i> Inloggen voor prijs</a><div class="offer">'
              'Aanbieding van de week <span class="price">€ 49,95</span></div><button>Bestellen</button>')
    assert extract(nl, "u", default_currency="EUR").price is None
    fr = _doc('<h1>Calendrier 2025</h1><p>Le prix sera communiqué le jour de la mise en vente.</p><div class="card">'
              '<a href="/p/2">Coffret</a> <span class="price">24,90 €</span></div><button>Me prévenir</button>')
    assert extract(fr, "u", default_currency="EUR").price is None
    cart = _doc('<h1>Warenkorb</h1><table><tr><td>Tee</td><td><input name="cart_quantity[]" value="2"></td><td>7,90 EUR'
                '</td><td>15,80 EUR</td></tr><tr><td>Kanne</td><td><input name="cart_quantity[]" value="1"></td><td>39,00 EUR'
                '</td><td>39,00 EUR</td></tr></table><p>Summe 59,30 EUR</p><button>Zur Kasse</button>')
    assert extract(cart, "u", default_currency="EUR").price is None
    payhip = _doc('<h1>Patroon Sokken</h1><p>Een patroon voor sokken.</p><a class="payhip-buy-button">Koop het patroon'
                  ' – € 8</a>')
    assert extract(payhip, "u", default_currency="EUR").price == Decimal("8")


def test_a_closed_quick_view_modal_is_not_the_product() -> None:
    modal = ('<div id="qv" class="modal fade" role="dialog" aria-hidden="true"><h4>Quick View</h4><h2>Dutch Oven</h2>'
             '<p class="price"><span class="price-new">$119.00</span> <span class="price-old">$149.00</span></p>'
             '<button type="button" class="btn btn-primary">Add to Cart</button></div>')
    html = _doc(f'{modal}<h1>12 inch Cast Iron Skillet</h1><ul><li>Brand: Ironbound</li><li>Model: SK-12</li></ul>'
                '<h2>$74.95</h2><p>Approx. €69.10 / £59.20</p><div class="form-group"><button type="button" class="btn'
                ' btn-primary">Add to Cart</button></div>')
    assert extract(html, "u", default_currency="USD").price == Decimal("74.95")


def test_a_virtuemart_price_block_with_its_tax_amount() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Rolgordijn", "offers": {"@type": "Offer",'
          ' "price": "24.95", "priceCurrency": "EUR"}}</script>')
    rows = "".join(f'<div class="vm-price-value"><span class="vm-price-desc">{label}: </span><span>€ {amount}</span></div>'
                   for label, amount in (("Normale prijs", "24,95"), ("Verkoopprijs", "19,95"), ("Korting", "-€ 5,00"),
                                         ("Btw-bedrag (9%)", "1,65")))
    html = _doc(f'<h1>Rolgordijn verduisterend</h1><div class="product-price">{rows}</div><button>In winkelwagen</button>',
                head=ld)
    assert extract(html, "u", default_currency="EUR").price == Decimal("19.95")


def test_the_price_after_a_promotion_and_a_swedish_launch_note() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Sella E8", "offers": {"@type": "Offer",'
          ' "price": "2690.00", "priceCurrency": "EUR"}}</script>')
    it = _doc('<h1>E-bike Sella E8</h1><div class="price"><span class="price--strike">€2.690,00</span> <span class="price--sale">'
              '€2.490,00</span></div><button>Aggiungi al carrello</button><p>Prezzo in promozione fino al 31 maggio, poi torna'
              ' a €2.690,00.</p>', head=ld)
    assert extract(it, "u", default_currency="EUR").price == Decimal("2490.00")
    sv = _doc('<h1>Elcykel C8</h1><div class="soon"><p class="stock"><strong>Kommer snart</strong> – lansering planerad till'
              ' april 2025. Pris och leveransdatum meddelas vid lanseringen.</p></div><p>Leveransmontering: 495 kr.</p>'
              '<button>Bevaka</button>')
    assert extract(sv, "u", default_currency="SEK").price is None


SECOND_REVIEW: list[tuple[str, str, str | None, str]] = [
    ('<h1>Sneaker Run 2</h1><div class="price-box"><span class="price">119,95 €</span> <span class="promo">Black Friday'
     ' -30 €</span></div><button class="add-to-cart">In den Warenkorb</button>', "EUR", "119.95", "a glued minus is a saving"),
    ('<h1>Espresso Machine Duo</h1><div class="prices"><div class="col"><h4>Our price</h4><span class="amount">€ 379,00'
     '</span></div><div class="col"><h4>Was</h4><span class="amount">€ 499,00</span></div></div><button class="add-to-cart">'
     'Add to cart</button>', "EUR", "379.00", "a short heading still labels"),
    ('<h1>Cordless Drill 18V</h1><div class="price-box"><span class="price">£100.00</span></div><div class="bundle">Kit'
     ' with 2 batteries and charger: <span>£120.00 inc. VAT</span></div><button class="add-to-cart">Add to basket</button>',
     "GBP", "100.00", "no VAT rate printed: a kit, not the gross"),
    ('<div id="CartDrawer" class="drawer" hidden><form action="/cart" method="post" class="cart-form"><div class="cart-items">'
     '</div><button type="submit" name="checkout">Check out</button></form></div><h1 class="product__title">Linen Shirt'
     '</h1><div class="price-box"><span class="price">€ 59,00</span></div><form action="/cart/add" method="post"><button'
     ' type="submit" class="add-to-cart">Add to cart</button></form>', "EUR", "59.00", "an empty, hidden cart drawer"),
    ('<h1>Shopping Basket</h1><div class="price-box"><span class="price">€ 34,95</span></div><p>Hand-woven willow basket'
     '.</p><button type="submit" class="add-to-cart">Add to cart</button>', "EUR", "34.95", "a basket for sale"),
    ('<h1>Pendant Lamp Orb 40</h1><div class="price-box"><span class="price">€ 249,00</span></div><p>Shown in matt black.'
     ' Price on request in other finishes such as brass and copper.</p><button class="add-to-cart">Add to cart</button>',
     "EUR", "249.00", "a statement for other finishes"),
    ('<h1>Zine #4</h1><div class="price-box"><span class="price">$5.00</span> <span class="nyp">or more</span></div>'
     '<button class="add-to-cart">Add to cart</button>', "USD", "5.00", "pay what you want, no bid"),
    ('<div class="product" data-bid="4471"><h1>Desk Lamp Arco</h1><div class="price-box"><span class="price">€ 89,00'
     '</span></div><button class="add-to-cart">Add to cart</button></div>', "EUR", "89.00", "a data-bid id is no auction"),
]


@pytest.mark.parametrize(("body", "currency", "expected", "why"), SECOND_REVIEW, ids=[r[3] for r in SECOND_REVIEW])
def test_pages_the_second_review_found(body: str, currency: str, expected: str | None, why: str) -> None:
    e = extract(_doc(body), "https://shop.example/p/1", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), (why, e.rejected)


def test_every_no_price_statement_keeps_a_long_literal() -> None:
    """The statement search skips every subtree whose text holds none of these literals; one as short
    as 'r ' (what 'ár (érdeklődésre|...)' gave) is in every page and makes a sale page's scan 7x dearer."""
    from powertracker.extract_heuristic import _NO_PRICE_WORDS

    assert _NO_PRICE_WORDS is not None
    assert [h for h in _NO_PRICE_WORDS if len(h) < 3] == []
    assert len([h for h in _NO_PRICE_WORDS if len(h) < 5]) <= 3  # 'poa', 'pric' and the like, no more


SEVENTH_SESSION_LD = ('<script type="application/ld+json">{"@type": "Product", "name": "AirPods Pro 2", "offers": {"@type":'
                      ' "AggregateOffer", "lowPrice": 169.0, "highPrice": 279.0, "offerCount": 14, "priceCurrency": "EUR",'
                      ' "offers": [{"@type": "Offer", "price": 229.0, "priceCurrency": "EUR", "itemCondition":'
                      ' "https://schema.org/NewCondition", "seller": {"@type": "Organization", "name": "Shop"}}]}}</script>')
SOLD_OUT_LD = ('<script type="application/ld+json">{"@type": "Product", "name": "Tidepool Plate", "offers": {"@type":'
               ' "Offer", "price": "148.00", "priceCurrency": "USD", "availability": "https://schema.org/OutOfStock"}}'
               '</script>')
COMPARE_AT_LD = ('<script type="application/ld+json">{"@type": "Product", "name": "Explorer 2000", "offers": ['
                 + ", ".join(f'{{"@type": "Offer", "price": "{p}", "priceCurrency": "EUR", "sku": "E-{i}"}}'
                             for i, p in enumerate(("2199.00", "3397.00", "3898.00"))) + ']}</script>')
GROUPED_LD = ('<script type="application/ld+json">{"@type": "Product", "name": "Set valigie", "offers": [{"@type": "Offer",'
              ' "priceSpecification": [{"@type": "UnitPriceSpecification", "price": "169.00", "priceCurrency": "EUR"},'
              ' {"@type": "UnitPriceSpecification", "price": "129.00", "priceCurrency": "EUR", "priceType":'
              ' "https://schema.org/ListPrice"}]}]}</script>')
MARKETS_LD = ''.join(f'<script type="application/ld+json">{{"@type": "Product", "name": "Teekanne", "offers": {{"@type":'
                     f' "Offer", "price": "{p}", "priceCurrency": "{c}"}}}}</script>' for p, c in (("54.90", "CHF"),
                                                                                            ("49.95", "EUR")))
NET_LD = ('<script type="application/ld+json">{"@type": "Product", "name": "TS254", "offers": [{"@type": "Offer", "price":'
          ' "150.00", "priceCurrency": "EUR", "priceSpecification": {"price": "150.00", "priceCurrency": "EUR",'
          ' "valueAddedTaxIncluded": "false"}}]}</script>')
# pages the blind sets of the seventh session read wrong at first: (body, head, currency, expected, why)
SEVENTH_SESSION: list[tuple[str, str, str, str | None, str]] = [
    ('<h1>Explorer 2000</h1><div class="price"><s class="price-item price-item--regular">2 199,00 €</s> <span class='
     '"price-item price-item--sale">1 499,00 €</span></div><fieldset><label>Seule <span class="variant-price">1 499,00 €'
     '</span></label><label>Avec panneau <span class="variant-price">2 299,00 €</span></label></fieldset><button>Ajouter'
     ' au panier</button>', COMPARE_AT_LD, "EUR", "1499.00", "offers holding the compare-at prices"),
    ('<h1>Laptop 13 DIY Edition</h1><fieldset><div class="opt"><span>1TB Storage</span><span class="text-sm">$129.00</span>'
     '</div></fieldset><aside data-configurator-target="summary"><h2>Your Laptop 13</h2><div class="flex"><span>Total'
     '</span><span class="text-3xl" data-configurator-target="total">$899.00</span></div><button>Pre-order</button>'
     '</aside>', "", "USD", "899.00", "a configurator's total"),
    ('<h1 class="product-info-title-desktop"><span>Bio Bratkartoffel-Gewürz 250 g</span></h1><form class="product-info"'
     ' method="post"><dl class="dl-horizontal"><dt>Art.Nr.:</dt><dd>GMS-BK-250</dd><dt><label>Lieferzeit:</label></dt><dd>'
     'ca. 2-3 Tage</dd></dl><div class="price-container"><div class="price-container-inner"><span class="productOldPrice">'
     'Unser bisheriger Preis 8,99 EUR</span><br /><span class="productNewPrice">Nur 7,49 EUR</span></div><p class="tax">'
     'inkl. 7% MwSt. zzgl. <a href="/versand">Versand</a></p><p class="products-vpe"><span class="gm_products_vpe'
     ' products-vpe">29,96 EUR pro Kilogramm</span></p></div><div class="graduated-prices"><p><strong>Sparpaket:</strong>'
     ' 3 Beutel für 19,99 EUR (Sie sparen 2,48 EUR)</p></div><button type="submit">In den Warenkorb</button></form>', "",
     "EUR", "7.49", "a unit price per Kilogramm"),
    ('<h1>BLUETTI EB70S powerstation</h1><div class="product__discontinued" role="status"><p><strong>Niet meer leverbaar'
     '</strong></p><p>Dit product is uit ons assortiment en wordt niet meer geleverd door BLUETTI. Het is daarom niet meer'
     ' te bestellen.</p><a href="/p/ac70" class="btn">Bekijk de opvolger</a></div><div class="partner"><p><small>Tweedehands'
     ' of refurbished nodig? Bij onze partner <a href="https://partner.example/">TweedeKansje.nl</a> vanaf <strong>€ 349,-'
     '</strong> (verkoop en garantie via partner).</small></p></div>', "", "EUR", None,
     "a Dutch 'no longer in our range' opening its sentence"),
    ('<h1>Teekanne Kyusu</h1><div class="price"><span class="price-item">CHF 54.90</span></div><p>inkl. MwSt.</p>'
     '<select name="country"><option>Deutschland (EUR €)</option><option selected>Schweiz (CHF CHF)</option></select>'
     '<button>In den Warenkorb</button>', MARKETS_LD, "EUR", "54.90", "a market's view in francs of a shop in euros"),
    ('<h1 class="Pdp_title">Lavazza Qualità Rossa Ground Coffee 250g</h1><div class="PriceBlock_wrap"><div class="PriceBlock_plus">'
     '<span class="PlusBadge_badge">Greens Plus Price</span><p class="PriceBlock_plusPrice">&pound;3.75</p><p>With your'
     ' Greens Plus card. Ends 18 Feb.</p></div><div class="PriceBlock_regular"><p class="PriceBlock_price">&pound;4.75</p>'
     '<p class="PriceBlock_unit">&pound;1.90/100g</p></div></div><div>In stock</div><button>Add to trolley</button>', "",
     "GBP", "4.75", "a supermarket's loyalty-card price named after the scheme"),
    ('<h1 class="h2">Men\'s Winter Boots</h1><div class="collection"><div class="collection__facets"><p>Filters</p><div'
     ' class="price-range"><input name="filter.v.price.gte" type="number" max="349.99"><p class="text-xs">The highest'
     ' price is $349.99</p></div></div><div class="collection__products"><p>12 products</p></div></div><p>Free shipping'
     ' across Canada on orders over $99.</p>', "", "CAD", None, "a collection page's price filter in BEM facets"),
    ('<h1>Whey Protein 80</h1><div class="p-final-price-wrapper"><strong class="price-final"><span class="price-final-holder'
     ' default-variant">od&nbsp;499&nbsp;Kč</span><span class="price-final-holder no-display 1">499 Kč</span><span class='
     '"price-final-holder no-display 2">1 149 Kč</span></strong> <span class="price-additional"><span class='
     '"price-additional-holder default-variant">od&nbsp;445,54&nbsp;Kč</span><span class="price-additional-holder'
     ' no-display 1">445,54&nbsp;Kč</span><span class="price-additional-holder no-display 2">1 025,89&nbsp;Kč</span>'
     '&nbsp;bez DPH</span></div><button>Do košíku</button>', "", "CZK", "499", "Shoptet's hidden variant prices"),
    ('<h1>Vélo gravel Arvo GR2</h1><div class="pdp-status"><p class="badge">Bientôt disponible</p><p>Prix annoncé au'
     ' lancement</p><button>M\'aviser</button></div><p class="note">Vous cherchez un vélo maintenant? Le GR1 est offert à'
     ' <strong>1&nbsp;899,99&nbsp;$</strong>.</p>', "", "CAD", None, "a French 'price announced at launch'"),
    ('<h1>Eau de Parfum Figue Ambrée</h1><fieldset><legend>Contenance</legend><input type="radio" name="c" id="v0"><label'
     ' for="v0">30 ml – 62,00 €</label><input type="radio" name="c" id="v1" checked><label for="v1">50 ml – 89,00 €</label>'
     '<input type="radio" name="c" id="v2"><label for="v2">100 ml – 128,00 €</label></fieldset><button>Ajouter au panier'
     '</button>', "", "EUR", "89.00", "variant radios whose labels name their input by for="),
    ('<h1>Vorst tafelcirkelzaag TS254</h1><p class="price"><span class="amount"><bdi>€ 181,50</bdi></span> <small>incl. BTW'
     '</small></p><p class="ex"><bdi>€ 150,00</bdi> excl. BTW</p><button>In winkelwagen</button>', NET_LD, "EUR", "181.50",
     "a gross price whose digits hold the net price's"),
    ('<h1>Set valigie</h1><p class="price"><span class="screen-reader-text">Fascia di prezzo: da € 129,00 a € 169,00'
     '</span><span aria-hidden="true"><bdi>€ 129,00</bdi> – <bdi>€ 169,00</bdi></span></p><button>Aggiungi</button>',
     GROUPED_LD, "EUR", "129.00", "a list price below the price"),
    ('<h1>Tidepool Dinner Plate</h1><div class="notice"><p>This product has been discontinued</p><p>Explore our current'
     ' glazes below.</p></div><section class="related"><h2>Shop similar</h2><div class="card"><a href="/p/2">Harbor Bowl'
     '</a><span class="price">$132.00</span> <s class="compare">$148.00</s></div></section>', SOLD_OUT_LD, "USD", None,
     "a discontinued product whose old price is only another product's compare-at price"),
    ('<p class="notice">This listing sold on Sun, 2 Mar at 20:14.</p><h1>Desk Lamp Arco</h1><div class="x-price-primary">'
     '<span>£60.00</span></div><a href="/sell">Sell one like this</a>', "", "GBP", None, "an eBay listing that has sold"),
    ('<h1>Cordless Drill 18V</h1><div class="row"><div class="labels"><span>Price:</span></div><div class="values">'
     '<span class="big">£89.99</span></div></div><div class="row"><div class="labels"><span>Postage:</span></div>'
     '<div class="values"><span class="big">£4.75</span> Royal Mail Tracked 48.</div></div><button>Buy it now</button>',
     "", "GBP", "89.99", "a postage label in the column before the amount"),
    ('<h1 class="page-heading">Winkelwagentje</h1><div class="basket-item"><a href="/p/1">Tandenborstel</a><span class='
     '"basket-item__quantity">1</span><span class="price">89,99</span></div><div class="basket-item"><a href="/p/2">'
     'Opzetborstels</a><span class="basket-item__quantity">2</span><span class="price">11,49</span></div><p>Totaalbedrag'
     ' € 112,97</p><button>Verder naar bestellen</button>', "", "EUR", None, "a Dutch basket page"),
    ('<div class="f-productHeader-Content"><h1 class="f-productHeader-Title">Apple AirPods Pro 2 avec boîtier de c'
     'harge MagSafe (USB-C) Blanc</h1><div class="f-productHeader-subTitle">Écouteurs sans fil à réduction de brui'
     't active</div><div class="f-productHeader-review"><span class="sr-only">4,7 sur 5</span> <a href="#avis">221'
     '4 avis</a></div></div><div class="f-buyBox" data-automation-id="buy-box"><div class="f-faPriceBox"><span cla'
     'ss="f-faPriceBox__price userPrice checked">229,00&nbsp;€</span><span class="f-faPriceBox__oldPrice">279,00\xa0€'
     '</span> <span class="f-faPriceBox__discount">-18%</span><div class="f-faPriceBox__ecoPart">Dont 0,02 € d\'éco'
     '-part. DEEE</div></div><div class="f-buyBox-member"><span class="f-buyBox-memberLogo">Adhérents</span> <b>Pr'
     'ix adhérent : 219,00 €</b> · soit 10 € de remise immédiate <a href="#">Devenir adhérent</a></div><div class='
     '"f-buyBox-availability"><span class="f-buyBox-availabilityStatus-available">En stock</span> · Livraison grat'
     'uite dès demain · Retrait 1h en magasin</div><div class="f-buyBox-payment">Payez en 4x sans frais : <b>4 x 5'
     '7,25 €</b></div><div class="f-buyBox-services"><label><input type="checkbox"> Garantie casse-vol 2 ans <b>39'
     ',99 €</b></label><label><input type="checkbox"> Extension de garantie 2 ans <b>29,99 €</b></label></div><but'
     'ton class="f-buyBox-buttons ff-button ff-button--block ff-button--yellow js-ProductBuy-add" data-automation-'
     'id="buy-button">Ajouter au panier</button><div class="f-buyBox-marketplace"><a href="#">14 offres : Neuf dès'
     ' 199,90 € · Occasion dès 169,00 €</a><div class="f-mpOffers"><div><span class="f-priceBox-price">199,90&nbsp'
     ';€</span> <span>Neuf – vendu par TechPartner</span></div><div><span class="f-priceBox-price">169,00&nbsp;€</'
     'span> <span>Reconditionné – Très bon état – vendu par Recommerce</span></div></div></div></div></div>', SEVENTH_SESSION_LD, "EUR",
     "229.00", "the one offer an AggregateOffer lists, not a marketplace seller's"),
]


@pytest.mark.parametrize(("body", "head", "currency", "expected", "why"), SEVENTH_SESSION,
                         ids=[r[4] for r in SEVENTH_SESSION])
def test_pages_the_seventh_sessions_blind_sets_found(body: str, head: str, currency: str, expected: str | None,
                                                       why: str) -> None:
    e = extract(_doc(body, head=head), "https://shop.example/p/1", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), (why, e.rejected)


@pytest.mark.parametrize("body_class", ["error404 woocommerce-js", "template-404", "cms-noroute-index"])
def test_a_not_found_page_by_its_body_class(body_class: str) -> None:
    grid = ('<h1>Page not found</h1><p>Sorry, nothing here.</p><div class="woocommerce"><p class="price"><span class='
            '"woocommerce-Price-amount amount"><bdi>$69.95</bdi></span></p><a class="button add_to_cart_button">Add to'
            ' cart</a></div>')
    assert extract(_doc(grid, body_attrs=f' class="{body_class}"'), "u", default_currency="USD").price is None


# pages a review of the seventh session's rules built, each read right before those rules: (page, currency,
# expected, why)
THIRD_REVIEW: list[tuple[str, str, str | None, str]] = [
    ('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Akku-Staubsauger V11 – Deal der Woche<'
     '/title></head><body><main><div class="product"><h1>Akku-Staubsauger V11 Absolute</h1><div class="deal-ba'
     'nner"><strong>Deal der Woche:</strong> Dieses Angebot wurde beendet. Der Artikel bleibt zum regulären Pr'
     'eis erhältlich.</div><div class="price-box"><span class="price">449,00 €</span> <span class="tax">inkl. '
     'MwSt., versandkostenfrei</span></div><form action="/warenkorb/add" method="post"><input type="number" na'
     'me="menge" value="1"><button type="submit">In den Warenkorb</button></form></div></main></body></html>',
     'EUR', '449.00', "a shop's promotion that has ended is no ended listing"),
    ('<!doctype html><html><head><meta charset="utf-8"><title>Makita DHP482 Akku-Schlagbohrschrauber</title></'
     'head><body><div class="product-detail"><h1>Makita DHP482Z Akku-Schlagbohrschrauber 18 V</h1><div class="'
     'buybox"><div class="buybox-labels"><div>Preis:</div><div>Versand:</div></div><div class="buybox-values">'
     '<div class="value">89,99 €</div><div class="value">kostenlos (DHL, 1-3 Werktage)</div></div></div><p cla'
     'ss="tax">inkl. MwSt.</p><button type="submit" class="btn-cart">In den Warenkorb</button></div></body></h'
     'tml>',
     'EUR', '89.99', 'a column of labels that ends in a shipping one'),
    ('<!doctype html><html><head><meta charset="utf-8"><title>Oak Dining Table 180cm</title></head><body><main'
     ' class="product"><h1>Solid Oak Dining Table 180cm</h1><div class="product-price"><span class="price-labe'
     'l">Price including delivery:</span> <span class="price">£499.00</span></div><p>Free delivery to most UK '
     'mainland addresses within 10 working days.</p><form action="/cart/add" method="post"><input type="number'
     '" name="quantity" value="1"><button type="submit">Add to basket</button></form></main></body></html>',
     'GBP', '499.00', 'a price including delivery'),
    ('<!doctype html><html><head><meta charset="utf-8"><title>Shopping Bag – Rains</title><meta property="og:t'
     'ype" content="product"></head><body class="template-product"><header><a href="/">Rains</a> <a href="/car'
     't">Cart (0)</a></header><main><div class="product"><h1 class="product__title">Shopping Bag</h1><div clas'
     's="price"><span class="price-item price-item--regular">€45,00</span></div><p>Waterproof tote with a zip '
     'top. 14 L.</p><form action="/cart/add" method="post" class="product-form"><input type="hidden" name="id"'
     ' value="4123"><label for="q">Quantity</label><input id="q" type="number" name="quantity" value="1" min="'
     '1"><button type="submit" name="add">Add to cart</button></form></div><div class="sticky-atc"><span>Shopp'
     'ing Bag</span> <span>€45,00</span><form action="/cart/add" method="post"><input type="hidden" name="id" '
     'value="4123"><input type="hidden" name="quantity" value="1"><button type="submit">Add to cart</button></'
     'form></div></main></body></html>',
     'EUR', '45.00', 'a tote named Shopping Bag with a hidden quantity'),
    ('<!doctype html><html><head><meta charset="utf-8"><title>Merino Beanie – Nordwolle</title><script type="a'
     'pplication/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Merino Beanie","sku":"MB-'
     '100","offers":[{"@type":"AggregateOffer","lowPrice":"24.90","highPrice":"34.90","offerCount":3,"priceCur'
     'rency":"EUR","availability":"https://schema.org/InStock"}]}</script><script type="application/ld+json">{'
     '"@context":"https://schema.org","@type":"Product","name":"Merino Loop Schal","sku":"ML-200","offers":{"@'
     'type":"Offer","price":"29.90","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</scrip'
     't></head><body class="product-template-default single single-product woocommerce"><div class="product ty'
     'pe-product product-type-variable"><h1 class="product_title entry-title">Merino Beanie</h1><p class="pric'
     'e"><span class="woocommerce-Price-amount amount"><bdi>24,90&nbsp;€</bdi></span> – <span class="woocommer'
     'ce-Price-amount amount"><bdi>34,90&nbsp;€</bdi></span></p><form class="variations_form cart"><select nam'
     'e="attribute_pa_groesse"><option value="">Wähle eine Option</option><option>Kinder</option><option>Damen'
     '</option><option>Herren</option></select><input type="number" name="quantity" value="1"><button type="su'
     'bmit" class="single_add_to_cart_button button">In den Warenkorb</button></form></div><section class="ups'
     'ells products"><h2>Passend dazu</h2><ul class="products"><li class="product"><a href="/p/loop"><h2 class'
     '="woocommerce-loop-product__title">Merino Loop Schal</h2><span class="price"><span class="woocommerce-Pr'
     'ice-amount amount"><bdi>29,90&nbsp;€</bdi></span></span></a></li></ul></section></body></html>',
     'EUR', '24.90', "another product's offer is no member of the AggregateOffer"),
    ('<!doctype html><html><head><meta charset="utf-8"><title>Tidepool Dinner Plate</title><script type="appli'
     'cation/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Tidepool Dinner Plate","offer'
     's":{"@type":"Offer","price":"148.00","priceCurrency":"USD","availability":"https://schema.org/OutOfStock'
     '"}}</script></head><body><main class="product-page"><div class="product-info"><h1>Tidepool Dinner Plate,'
     ' set of 4</h1><p class="notice">This product is no longer available.</p><p>Hand-glazed stoneware, made i'
     'n Portugal. Dishwasher safe.</p></div><aside class="product-buybox"><p class="price">$148.00</p><p class'
     '="stock">Sold out</p><form action="/back-in-stock"><input type="email" name="email" placeholder="Email">'
     '<button type="submit">Notify me</button></form></aside></main></body></html>',
     'USD', '148.00', "a sold-out price in an aside buy box is the product's"),
]


def test_a_list_price_per_kilogram_is_a_unit_price_not_a_was_price() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Kaffee", "offers": {"@type": "Offer",'
          ' "priceSpecification": [{"@type": "UnitPriceSpecification", "price": "16.90", "priceCurrency": "EUR"},'
          ' {"@type": "UnitPriceSpecification", "price": "33.80", "priceCurrency": "EUR", "priceType":'
          ' "https://schema.org/ListPrice", "referenceQuantity": {"@type": "QuantitativeValue", "value": 1,'
          ' "unitCode": "KGM"}}]}}</script>')
    html = _doc('<h1>Kaffee 500 g</h1><p class="price">16,90 €</p><p class="unit">33,80 € / 1 kg</p><button>Kaufen</button>',
                head=ld)
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.was_price) == (Decimal("16.90"), None)


@pytest.mark.parametrize(("names", "hidden"), [("no-display 1", True), ("d-none", True), ("hidden", True),
                                              ("is-hidden price", True), ("hidden md:block", False),
                                              ("d-none d-lg-flex", False), ("hidden-xs", False), ("price", False),
                                              ("parameter-dependent noDisplay 2205", True)])
def test_utility_classes_that_hide_an_element_on_every_screen(names: str, hidden: bool) -> None:
    from powertracker.extract_regions import hides

    assert hides(fromstring(f'<span class="{names}">9,99 €</span>')) is hidden


def test_json_ld_variants_are_told_apart_by_the_one_price_shoptet_shows() -> None:
    ld = ('{"@type":"Product","name":"Brazílie","offers":[{"@type":"Offer","sku":"812/250","price":389,'
          '"priceCurrency":"CZK","availability":"https://schema.org/InStock"},{"@type":"Offer","sku":"812/1000",'
          '"price":1290,"priceCurrency":"CZK","availability":"https://schema.org/OutOfStock"}]}')
    body = ('<h1>Brazílie</h1><select><option value="131" selected>250 g</option><option value="132">1000 g</option>'
            '</select><strong class="price-final"><span class="price-final-holder parameter-dependent 2204">389&nbsp;Kč'
            '</span><span class="price-final-holder parameter-dependent noDisplay 2205">1&nbsp;290&nbsp;Kč</span></strong>'
            '<button>Do košíku</button>')
    e = extract(_doc(body, head=f'<script type="application/ld+json">{ld}</script>'), "u", default_currency="CZK")
    assert (e.price, e.availability) == (Decimal("389"), "in_stock"), e.rejected


# pages a review of the session's later rules built, each read right before those rules: (page, currency,
# expected, why)
FOURTH_REVIEW: list[tuple[str, str, str | None, str]] = [
    ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Wanderschuh Alpin GTX</title><script t'
     'ype="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Wanderschuh Alpin G'
     'TX","sku":"AG-42", "offers":[{"@type":"Offer","price":"139.95","priceCurrency":"EUR","availability":"htt'
     'ps://schema.org/InStock"}, {"@type":"Offer","price":"159.00","priceCurrency":"CHF","availability":"https'
     '://schema.org/InStock"}]}</script></head><body><div class="product-detail"><h1 class="product-title">Wan'
     'derschuh Alpin GTX</h1><div class="product-price"><span class="price">129,95 €</span> </div><p class="co'
     'untry-note">Auch im Shop Schweiz erhältlich: CHF 159.00</p><button class="btn add-to-cart" type="submit"'
     '>In den Warenkorb</button></div></body></html>',
     'EUR', '129.95', "a note about another country's shop in its currency"),
    ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Electric Toothbrush 3000</title></h'
     'ead><body><div class="product-details"><h1 class="product-title">Electric Toothbrush 3000</h1><div class'
     '="price-info"><span class="price">£49.99</span> <span class="points-note">with your Boots Advantage Card'
     ' you\'d earn 196 points</span></div><button class="add-to-basket" type="submit">Add to basket</button></d'
     'iv></body></html>',
     'GBP', '49.99', 'a loyalty-points note after the only price'),
    ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Coffee Beans 1kg</title></head><body><'
     'div class="product-detail"><h1 class="product-title">Espresso Coffee Beans 1kg</h1><div class="price-blo'
     'ck"><span class="price price--regular">€ 24,99</span><span class="price-tax d-none">incl. VAT</span><spa'
     'n class="member-label">Member price</span> <span class="price price--member">€ 21,99</span></div><button'
     ' class="btn btn-primary add-to-cart" type="submit">Add to cart</button></div></body></html>',
     'EUR', '24.99', "a hidden tax label, then the next amount's members' label"),
    ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Biologische groene thee 100 g</title><'
     '/head><body><div class="product-detail"><h1>Biologische groene thee 100 g</h1><div class="price"><span c'
     'lass="price__current">€ 6,95</span></div><div class="product-description"><p>Dit product is uit ons asso'
     'rtiment biologische thee, rechtstreeks van de plantage.</p></div><button class="btn add-to-cart" type="s'
     'ubmit">In winkelwagen</button></div></body></html>',
     'EUR', '6.95', "'uit ons assortiment' meaning from our range"),
    ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Console NextGen 1 To</title></head><bo'
     'dy><div class="product-page"><h1 class="product-name">Console NextGen 1 To</h1><div class="product-price'
     '"><span class="current-price">449,99 €</span></div><div class="product-description"><p>Prix annoncé au l'
     'ancement de 549,99 €, désormais en baisse.</p></div><button class="add-to-cart btn btn-primary">Ajouter '
     'au panier</button></div></body></html>',
     'EUR', '449.99', 'a launch price named in a sentence'),
    ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Whey Protein 1kg</title></head><body><'
     'main class="product"><h1 class="product__title">Whey Protein 1kg</h1><form action="/cart/add" class="pro'
     'duct-form"><fieldset class="purchase-options"><div class="purchase-option"><input type="radio" id="po-su'
     'b" name="purchase_type" value="sub"><label for="po-sub">Subscribe &amp; save 15% <span class="po-price">'
     '€ 25,46</span></label></div><div class="purchase-option"><input type="radio" id="po-once" name="purchase'
     '_type" value="once" checked><label for="po-once">One-time purchase <span class="po-price">€ 29,95</span>'
     '</label></div></fieldset><button type="submit" name="add" class="product-form__submit">Add to cart</butt'
     'on></form></main><div class="sticky-atc" aria-label="Quick add"><span class="sticky-atc__title">Whey Pro'
     'tein 1kg</span><input type="radio" id="po-once" name="purchase_type_sticky" value="once"><input type="ra'
     'dio" id="po-sub" name="purchase_type_sticky" value="sub" checked></div></body></html>',
     'EUR', '29.95', "a sticky bar that repeats the option radios' ids"),
]


@pytest.mark.parametrize(("html", "currency", "expected", "why"), THIRD_REVIEW + FOURTH_REVIEW,
                         ids=[r[3] for r in THIRD_REVIEW + FOURTH_REVIEW])
def test_pages_the_third_and_fourth_reviews_found(html: str, currency: str, expected: str | None, why: str) -> None:
    e = extract(html, "https://shop.example/p/1", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), (why, e.rejected)


# pages the blind sets of the eighth session read wrong at first: (body, currency, expected, why)
EIGHTH_SESSION: list[tuple[str, str, str | None, str]] = [
    ('<h1>Młotowiertarka DeWalt DCH273P2</h1><div class="offer-ended"><div><strong>Sprzedaż zakończona</strong></div>'
     '<p>Ostatnio sprzedano za 1 749,00 zł (4 sztuki).</p><a href="/listing">Zobacz podobne oferty</a></div><section>'
     '<h2>Podobne oferty</h2><ul><li><a href="/o/1">DeWalt DCH273N</a> <span>899,00 zł</span></li><li><a href="/o/2">'
     'DeWalt DCH133</a> <span>1 299,00 zł</span></li></ul></section>', "PLN", None, "an ended Polish listing"),
    ('<h1>Nettoyeur haute pression K7</h1><div class="m-price"><p class="m-price__store-required"><svg width="18">'
     '<use href="#icon-store"></use></svg> <strong>Choisissez votre magasin</strong> pour afficher le prix et la'
     ' disponibilité de ce produit.</p></div><div class="m-services"><h4>Services associés</h4><ul><li>Mise en service'
     ' à domicile : 49,00 €</li></ul></div>', "EUR", None, "a store-only price, an icon before the words"),
    ('<cart-drawer class="drawer"><div id="CartDrawer" class="cart-drawer"><form action="/cart" id="CartDrawer-Form"'
     ' class="cart__contents cart-drawer__form"><table><tr class="cart-item"><td>Rooibos 100 g</td><td><input type="number"'
     ' name="updates[]" value="2"></td><td>€19,90</td></tr></table></form></div></cart-drawer><h1>Smoked Vanilla Soy'
     ' Candle</h1><div class="price"><span class="price-item price-item--regular">€34,00</span></div><form action="/cart/add">'
     '<input type="number" name="quantity" value="1"><button type="submit" name="add">Add to cart</button></form>', "EUR",
     "34.00", "a closed cart drawer's items beside the product"),
    ('<h1>Kussensloop Percale 60 x 70 cm</h1><div class="product__set-only"><p class="h4">Alleen verkrijgbaar in een set</p>'
     '<a class="set-card" href="/products/set"><span class="set-card__title">Dekbedovertrekset Percale</span><span'
     ' class="set-card__price">vanaf € 89,95</span></a></div><button type="button" disabled>Niet los verkrijgbaar</button>',
     "EUR", None, "sold only as part of a set"),
    ('<h1 class="product_title">Zegar kominkowy Gustav Becker</h1><div class="auction"><p class="auction-end">Aukcja'
     ' zakończona</p><p>Cena wywoławcza: <span class="woocommerce-Price-amount amount"><bdi>500,00&nbsp;zł</bdi></span></p>'
     '<p>Zwycięska oferta: <strong>1 250,00 zł</strong></p></div>', "PLN", None, "an ended auction"),
    ('<h1>Anvelopă iarnă WinterGrip 205/55 R16</h1><ul><li><h2>389,90 lei</h2></li><li>Fără TVA: 322,23 lei</li><li class='
     '"discount">Pachet 4 bucăți: 1.479,60 lei (369,90 lei/buc.)</li><li>3 Stück oder mehr 379,90 lei</li></ul><button'
     ' type="button" id="button-cart">Adaugă în coș</button>', "RON", "389.90", "a pack's price and its price a piece"),
    ('<div data-hook="product-title-wrapper"><h1 data-hook="product-title">栃木レザー 二つ折り財布</h1></div><div data-hook='
     '"product-prices-wrapper"><div data-hook="product-price"><span data-hook="formatted-primary-price">¥18,700</span></div>'
     '<div data-hook="tax-disclaimer" class="tax">税込（本体価格 ¥17,000）</div></div><div data-hook="add-to-cart-wrapper">'
     '<button data-hook="add-to-cart">カートに追加</button></div>', "JPY", "18700", "the label nearer the amount: 本体価格 after 税込"),
    ('<h1>Wiertarka udarowa</h1><p>1 218,70 zł bez VAT</p><p>1 499,00 zł</p><button>Do koszyka</button>', "PLN", "1499.00",
     "'bez VAT' holds 'z VAT'"),
    ('<h1>Enameled Dutch Oven – Drop 04</h1><p class="drop">Pricing revealed on drop day</p><form><input type="email">'
     '<button>Join the waitlist</button></form><div class="bundle"><a href="/p/lid">Lid stand</a> <span>$49.00</span></div>'
     '<div class="related"><a href="/p/pan">Skillet</a> <span>$165.00</span></div>', "USD", None, "a price revealed on drop day"),
    ('<h1 class="ob__product-title">Alpina Innenfarbe Weiß 10 l</h1><div class="buy"><div class="ob-price"><strong class='
     '"ob-price__value">49,99 €</strong><span class="ob-price__unit">/ Stück</span></div><p class="ob-price__base">5,00 € / l'
     '</p><div class="ob-size"><a href="/p/1">2,5 l · 17,99 €</a><a class="is-active" href="#">10 l · 49,99 €</a><a href='
     '"/p/3">15 l · 69,99 €</a></div><button class="ob-btn">In den Warenkorb</button></div>', "EUR", "49.99",
     "a price a piece of a product sold by the piece"),
    ('<form name="cart_quantity"><div><h1 style="float: right;">245,00 €</h1><h1>8 Reales Carlos III 1778 Méjico</h1></div>'
     '<p class="smallText">Precio aproximado: 266,00 USD</p><button type="submit">Añadir al carrito</button></form><table>'
     '<tr><td><a href="/p/83">Catálogo Calicó</a><br>59,00 €</td><td><a href="/p/84">8 Reales 1759</a><br><del>360,00 €'
     '</del> <span class="productSpecialPrice">320,00 €</span></td><td><a href="/p/85">2 Escudos</a><br>690,00 €</td></tr>'
     '</table>', "EUR", "245.00", "osCommerce's price in an h1 of its own"),
    ('<h1 id="productName">Ρολόι τοίχου Junghans 1920</h1><h2 id="productPrices"><span class="productCallforPrice"><a href='
     '"/contact_us"><img src="call_for_prices.jpg" alt="Καλέστε για τιμή"></a> Καλέστε για τιμή</span></h2><div id="alsoP">'
     '<h2>Οι πελάτες που αγόρασαν αυτό το προϊόν αγόρασαν επίσης...</h2><div><a href="/p/90">Kienzle 1930</a><br>380,00 €'
     '</div></div><div class="sideBox"><a href="/p/95">Καθρέφτης</a><div>420,00 €</div></div>', "EUR", None,
     "Zen Cart's Greek call for price"),
    ('<h1 class="page-title"><span itemprop="name">DJI Power 1000 V2 (kommer snart)</span></h1><div class="stock unavailable">'
     '<span>Kommer snart</span></div><div class="coming-soon-box"><p><strong>Kommer snart!</strong> Pris och leveransdatum är'
     ' ännu inte fastställda.</p><button class="action primary notify" type="button">Bevaka produkten</button><p class="small">'
     'Föregångaren DJI Power 1000 kostade 9 990 kr vid lanseringen.</p></div>', "SEK", None, "a price not yet set"),
    ('<h1>Apple iPad 10. Nesil 64 GB</h1><ul class="list-unstyled"><li><span style="text-decoration: line-through;">13.999,00'
     ' TL</span></li><li><h2>12.499,00 TL</h2></li><li>KDV Hariç: 10.415,83 TL</li><li class="havale-price">Havale/EFT ile:'
     ' <strong>12.124,03 TL</strong> (%3 indirimli)</li></ul><button type="button" id="button-cart">Sepete Ekle</button>',
     "TRY", "12499.00", "a bank-transfer price"),
    ('<h1 class="ar-product__name">Stratos 14 Pro Laptop</h1><div class="ar-product__grid"><section class="ar-media"><img'
     ' src="/p.jpg" alt=""></section><aside class="ar-product__right"><div class="ar-price"><span>£</span><span>1,099</span>'
     '<sup>.00</sup></div><div class="ar-price__was"><span>Was £1,299.00</span> <span class="ar-save">Save £200.00</span>'
     '</div><div class="ar-credit">Or <strong>£45.79 a month</strong> for 24 months.</div><button class="ar-btn">Deliver'
     '</button></aside></div><aside class="sidebar"><h3>Popular</h3><a href="/p/2">Mouse</a> £19.99</aside>', "GBP",
     "1099.00", "a buy box laid out as an aside"),
    ('<h1>Santokukniv Damask 18 cm</h1><div class="product-price-container"><span class="price-regular"><s>1&nbsp;699:-</s>'
     '</span> <span class="price price-sale"><span class="price-integer">1&nbsp;299</span><span class="price-decimals">:-'
     '</span></span><span class="price-badge">-24%</span></div><button type="submit" class="buy-button">Köp</button>',
     "SEK", "1299", "the ':-' of the was price before the sale price is no minus"),
    ('<div class="col-md-6"><h1 class="h1" itemprop="name">Perforateur SDS-Plus 800 W</h1><div class="product-prices"><div'
     ' class="product-price h5" itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price'
     'Currency" content="EUR"><div class="current-price"><span class="current-price-value" itemprop="price" content="83.25">'
     '83,25 €</span></div></div><div class="tax-shipping-delivery-label">HT</div></div><p class="price-ttc">soit <span class'
     '="price-ttc-value">99,90&nbsp;€</span> TTC</p><button class="add-to-cart">Ajouter au panier</button></div>', "EUR",
     "99.90", "PrestaShop's 'HT' a block after the price"),
    ('<h1>Το προϊόν δεν βρέθηκε!</h1><p>Λυπούμαστε.</p><h3>Νέα προϊόντα</h3><div class="row"><div class="product-layout col-lg-'
     '3"><div class="product-thumb"><a href="/p/1">Μέλι θυμαρίσιο</a><p class="price">5,50 €<span class="price-tax">Χωρίς ΦΠΑ:'
     ' 4,34 €</span></p><button type="button" onclick="cart.add(1)">Στο καλάθι</button></div></div></div>', "EUR", None,
     "a Greek not-found heading"),
    ('<h1>맞춤 원목 테이블</h1><div class="info"><p class="price-note">가격 문의</p><p>주문 제작 상품입니다.</p></div><button>견적 요청'
     '</button><div class="more"><h3>추천</h3><p><a href="/p/1">원목 의자</a> 50,000원</p></div>', "KRW", None,
     "a Korean price-on-request"),
    ('<h1 id="productTitle">2022 Morstein Riesling GG 0,75 l</h1><div class="pricebox"><div class="price-wrapper"><div id="prod'
     'uctPrice" class="price"><span>54,00&nbsp;€</span> *</div><div class="pricePerUnit">Inhalt: 0,75 Liter (72,00&nbsp;€ /'
     ' Liter)</div></div><div class="amountPriceInfo"><table><tr><td>ab 6 Flaschen</td><td>51,50&nbsp;€ / Stk.</td></tr><tr>'
     '<td>ab 12 Flaschen</td><td>49,90&nbsp;€ / Stk.</td></tr></table></div></div><button id="toBasket" type="submit">In den'
     ' Warenkorb</button>', "EUR", "54.00", "a quantity table's prices a piece"),
    ('<h1 class="hb-pdp__title">IdeaPad Slim 5 16IRU9</h1><div class="js-order-block order-block"><div class="sales-price"><span'
     ' class="sales-price__former"><span class="sales-price__former-price">1.199,-</span> Adviesprijs</span><strong class="sales'
     '-price__current">1.049,-</strong></div><div class="order-block__savings">Je bespaart 150,-</div><button class="button'
     ' js-add-to-cart" type="button">In mijn winkelwagen</button></div>', "EUR", "1049", "a was label after the was price"),
    ('<h1>NOCO Boost X GBX55</h1><div class="product-detail-buy"><p class="product-detail-price">€119.00*</p><p class="product-'
     'detail-tax">Incl. VAT</p><button class="btn btn-primary btn-buy">Add to shopping cart</button><div class="card bgrade-'
     'offer"><div class="card-body"><h5 class="card-title">B-Grade / Ex-display available</h5><p><span class="product-price">'
     '€89.00*</span> <a href="/b-grade">View B-grade</a></p></div></div></div>', "EUR", "119.00", "a B-grade offer"),
    ('<h1>Tefal Ingenio Tencere Seti</h1><ul class="list-unstyled"><li><span style="text-decoration: line-through;">3.899,00 TL'
     '</span></li><li><h2>3.249,90 TL</h2></li><li><table class="table taksit"><tr><th>Taksit</th><th>Aylık</th><th>Toplam'
     '</th></tr><tr><td>6</td><td>568,73 TL</td><td>3.412,40 TL</td></tr><tr><td>9</td><td>393,79 TL</td><td>3.544,11 TL</td>'
     '</tr></table></li></ul><div id="product"><button type="button" id="button-cart">Sepete Ekle</button></div>', "TRY",
     "3249.90", "a Turkish instalment table"),
    ('<h1>SONY WH-CH720N 無線降噪耳機</h1><div class="pc-offshelf"><strong>此商品已下架</strong><p>本商品已停止販售，原售價 $3,990，'
     '感謝您的支持。</p></div><button class="pc-btn" type="button" disabled>已下架</button><div class="rel"><a href="/p/2">'
     'WH-1000XM5</a> <span>$10,990</span></div>', "TWD", None, "a product taken off the shelf"),
    ('<div class="product-details product-details--layout-two-columns-sidebar-right"><div class="product-details__sidebar"><div'
     ' class="product-details__product-title ec-header-h3">Outwell Catamarca Arm Chair</div><div class="product-details__product'
     '-price-row"><span class="details-product-price__value ec-price-item">£44.99</span><div class="product-details__product-'
     'price-tax">incl. VAT</div></div><ul class="details-product-wholesale__list"><li>Buy 2 for £42.99 each</li><li>Buy 4+ for'
     ' £39.99 each</li></ul><button class="form-control__button" type="button"><span>Add to Basket</span></button></div></div>',
     "GBP", "44.99", "Ecwid's layout modifier and title class"),
]


@pytest.mark.parametrize(("body", "currency", "expected", "why"), EIGHTH_SESSION, ids=[r[3] for r in EIGHTH_SESSION])
def test_pages_the_eighth_sessions_blind_sets_found(body: str, currency: str, expected: str | None, why: str) -> None:
    e = extract(_doc(body), "https://shop.example/p/1", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), (why, e.rejected)


@pytest.mark.parametrize(("block_class", "expected"), [("price price--show-badge", "in_stock"),
                                                       ("price price--sold-out price--show-badge", "out_of_stock")])
def test_dawns_sold_out_badge_counts_only_when_its_price_block_is_sold_out(block_class: str, expected: str | None) -> None:
    body = (f'<h1>Sencha Kirishima</h1><div class="{block_class}"><div class="price__container"><span class="price-item">'
            '€8,95</span></div><span class="badge price__badge-sold-out">Uitverkocht</span></div><button type="submit"'
            ' name="add">Toevoegen aan winkelwagen</button>')
    e = extract(_doc(body), "https://shop.example/p/1", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("8.95"), expected)


def test_a_structured_price_shown_only_as_the_lowest_price_of_30_days_gives_way_to_the_visible_one() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Herbata Sencha", "offers": {"@type": "Offer",'
          ' "price": "16.90", "priceCurrency": "PLN", "availability": "https://schema.org/InStock"}}</script>')
    body = ('<h1 class="product_title">Herbata Sencha 100 g</h1><p class="price"><span class="woocommerce-Price-amount'
            ' amount"><bdi>18,90&nbsp;zł</bdi></span></p><p class="omnibus"><small>Najniższa cena z ostatnich 30 dni: <span'
            ' class="woocommerce-Price-amount amount"><bdi>16,90&nbsp;zł</bdi></span></small></p><form class="cart"><button'
            ' type="submit" name="add-to-cart">Dodaj do koszyka</button></form>')
    e = extract(_doc(body, head=ld), "https://shop.example/p/1", default_currency="PLN")
    assert e.price == Decimal("18.90"), e.rejected


def test_a_not_found_page_by_its_heading_or_title() -> None:
    slider = ('<section class="cms-element-product-slider"><h2>Nos meilleures ventes</h2><div class="product-box"><a href='
              '"/p/1">Chasselas 2022</a> <span class="product-price">CHF 18.50</span><button>Ajouter au panier</button></div>'
              '<div class="product-box"><a href="/p/2">Gamay 2021</a> <span class="product-price">CHF 29.50</span></div></section>')
    by_title = _doc('<h2>Page introuvable</h2><p>Désolés, la page que vous cherchez n\'existe pas.</p>' + slider,
                    head="<title>Page introuvable | Vins &amp; Terroirs</title>")
    assert extract(by_title, "u", default_currency="CHF").price is None
    by_heading = _doc("<h1>Oops! Page not found</h1>" + slider)
    assert extract(by_heading, "u", default_currency="CHF").price is None
    a_product = _doc("<h1>Chasselas 2022</h1>" + slider.replace("<h2>Nos meilleures ventes</h2>", ""),
                     head="<title>404 Error T-Shirt | Shop</title>")
    assert extract(a_product, "u", default_currency="CHF").price == Decimal("18.50")


def test_a_related_heading_does_not_make_the_block_holding_the_product_a_related_one() -> None:
    card = ('<div class="product-layout"><div class="product-thumb"><a href="/p/{0}">Grinder part {0}</a><p class="price">'
            '{0},90 €<span class="price-tax">Ohne MwSt.: {0},32 €</span></p><button type="button">In den Warenkorb</button>'
            '</div></div>')
    page = _doc('<div class="row"><div id="content" class="col-sm-9"><div class="col-sm-4"><h1>Comandante C40 MK4</h1>'
                '<ul class="list-unstyled"><li><h2>269,00 €</h2></li><li>Ohne MwSt.: 226,05 €</li></ul><div id="product">'
                '<button type="button" id="button-cart">In den Warenkorb</button></div></div><h3>Ähnliche Produkte</h3>'
                f'<div class="row">{card.format(19)}{card.format(29)}</div></div><div id="column-right" class="col-sm-3">'
                f'<h3>Bestseller</h3><div class="row">{card.format(9)}{card.format(15)}</div></div></div>')
    assert extract(page, "u", default_currency="EUR").price == Decimal("269.00")


def test_an_aggregate_offers_low_from_a_return_or_a_marketplace_seller_gives_way_to_the_shops_price() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "ThinkPad X1", "offers": {"@type": "AggregateOffer",'
          ' "lowPrice": 1709.1, "highPrice": 1899, "priceCurrency": "CHF", "offerCount": 3}}</script>')
    body = ('<section class="dg-buy"><h1>ThinkPad X1 Carbon Gen 12</h1><div class="productDetail_price"><strong class="dg-'
            "price\">CHF 1'899.–</strong> <span class=\"dg-strike\">statt CHF 2'249.–</span></div><div class=\"offers-other"
            "\"><h3>Weitere Angebote</h3><ul><li>Marktplatz-Händler «NotebookExpress»: CHF 1'849.50 – Lieferung 5–8 Tage</li>"
            "<li>Retoure, Zustand wie neu: CHF 1'709.10</li></ul></div><button class=\"dg-btn\" type=\"button\">In den Waren"
            'korb</button></section>')
    assert extract(_doc(body, head=ld), "https://shop.example/p", default_currency="CHF").price == Decimal("1899")


@pytest.mark.parametrize(("ld_price", "body", "currency", "expected"), [
    # the JSON-LD's net price, the page's gross one 27 % dearer and rounded to the forint
    ('43299", "priceSpecification": {"@type": "PriceSpecification", "price": "43299", "priceCurrency": "HUF",'
     ' "valueAddedTaxIncluded": false}, "x": "', '<h1>Napelem 410 W</h1><p class="price">54 990 Ft</p><p>Nettó: 43 299 Ft'
     '</p><button type="submit" name="add-to-cart">Kosárba</button>', "HUF", "54990"),
    # a stale JSON-LD price the page shows only as its lowest price of 30 days, written with a no-break space
    # Avada: the page-title bar's h1 first, the product in a "product-grid-view" div, WooCommerce's add-to-cart script
    ("99.00", '<script id="wc-add-to-cart-js-extra">var wc_add_to_cart_params = {"ajax_url": "/wp-admin/admin-ajax.php"};'
     '</script><div class="fusion-page-title-bar"><h1 class="entry-title">Cast Iron Skillet 12-inch</h1></div><div id="prod'
     'uct-1288" class="product type-product sale product-grid-view"><div class="summary"><h1 class="product_title">Cast Iron'
     ' Skillet 12-inch</h1><p class="price"><del aria-hidden="true"><span class="woocommerce-Price-amount amount"><bdi>$99.00'
     '</bdi></span></del> <span class="screen-reader-text">Original price was: $99.00.</span><ins><span class="woocommerce-'
     'Price-amount amount"><bdi>$79.00</bdi></span></ins></p><form class="cart"><button type="submit" name="add-to-cart"'
     ' class="single_add_to_cart_button">Add to basket</button></form></div></div>', "USD", "79.00"),
    ("15990", '<h1>OLED TV 55"</h1><div class="price"><span class="now">14&nbsp;990:-</span><span class="was">ord. pris'
     ' 19&nbsp;990:-</span></div><p class="lowest">Lägsta pris senaste 30 dagarna: 15&nbsp;990:-</p><button>Lägg i'
     ' varukorg</button>', "SEK", "14990"),
])
def test_structured_prices_the_visible_page_corrects(ld_price: str, body: str, currency: str, expected: str) -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "P", "offers": {"@type": "Offer", "price": "'
          f'{ld_price}", "priceCurrency": "{currency}"}}}}</script>')
    e = extract(_doc(body, head=ld), "https://shop.example/p/1", default_currency=currency)
    assert e.price == Decimal(expected), e.rejected


def test_volusions_image_button_is_the_buy_button_and_its_layout_divs_are_no_cards() -> None:
    page = ('<html><body><div><a href="/c/1">Carb parts 2024</a></div><div id="content_area"><a href="/">Home</a><form><span>Rebuild Kit'
            '</span><b>Our Price: $34.95</b><input type="image" src="/btn_addtocart.gif" name="btnaddtocart" alt="Add to'
            ' cart" class="vCSS_input_addtocart"></form></div><div><a href="/h/1">Help 24/7</a></div></body></html>')
    layout = Layout(fromstring(page, HTMLParser()))
    assert layout.buy is not None and layout.buy.get("name") == "btnaddtocart"


# pages a review of the eighth session's rules built, each read right before those rules (tests/fixtures/review8/):
# (file, currency, expected)
FIFTH_REVIEW: list[tuple[str, str, str]] = [
    ("set_separately", "EUR", "59.95"), ("set_einzeln", "EUR", "59.95"), ("store", "EUR", "89.99"),
    ("store_fr", "EUR", "89.99"), ("configured", "EUR", "39.95"), ("configured_de", "EUR", "39.95"),
    ("greek", "EUR", "149.00"), ("presale_pl", "PLN", "249.99"), ("presale_pl2", "PLN", "249.99"),
    ("revealed", "EUR", "129.00"), ("auction", "EUR", "120.00"), ("pack_set", "EUR", "59.95"), ("pack_lot", "EUR", "59.95"),
    ("pack_zestaw", "PLN", "159.99"), ("pack_ro", "RON", "159.99"), ("pack_packung", "EUR", "12.99"),
    ("ship_cls_pl", "PLN", "159.99"), ("ship_cls_pl2", "PLN", "159.99"), ("ship_cls_it", "EUR", "149.00"),
    ("multibuy_cls", "EUR", "8.49"),
]


# pages a second review of the eighth session's rules built, each read right at cace85a (tests/fixtures/review8b/):
# (file, currency, expected)
SIXTH_REVIEW: list[tuple[str, str, str | None]] = [
    ("pay_vorkasse", "EUR", "189.90"), ("pay_przelew2", "PLN", "549.00"), ("pay_attr", "EUR", "649.00"),
    ("de_notyet", "EUR", "2499.00"), ("en_notyet2", "GBP", "3499.00"), ("sv_notyet", "SEK", "24990"),
    ("ko_bulk", "KRW", "29000"), ("aside_noprice", "EUR", None), ("vat_dl", "EUR", "121.00"), ("vat_b2b", "EUR", "595.00"),
    ("gridview_noprice", "EUR", None),
]


def test_ambiguous_json_ld_variants_settled_by_the_pages_one_microdata_offer() -> None:
    variants = ", ".join(f'{{"@type": "Product", "sku": "LA{ah}", "offers": {{"@type": "Offer", "price": "{price}",'
                         f' "priceCurrency": "EUR"}}}}' for ah, price in ((70, "149.95"), (95, "189.95"), (130, "259.95")))
    ld = ('<script type="application/ld+json">{"@type": "ProductGroup", "name": "Leisure battery", "hasVariant": ['
          f'{variants}]}}</script>')
    body = ('<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Leisure battery 95Ah</h1><div itemprop'
            '="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="189.95"><meta itemprop="'
            'priceCurrency" content="EUR"></div><button class="btn-buy">Add to cart</button></div>')
    assert extract(_doc(body, head=ld), "https://shop.example/p", default_currency="EUR").price == Decimal("189.95")


# pages a third review of the eighth session's rules built, each read right at a1dbaaa (tests/fixtures/review8c/)
SEVENTH_REVIEW: list[tuple[str, str, str]] = [
    ("piece_td", "EUR", "4.90"), ("piece_deep", "EUR", "49.99"), ("flaschen_badge", "EUR", "12.90"),
    ("save_was_now", "USD", "89.99"), ("bware_buybox", "EUR", "599.00"), ("taksit", "TRY", "2499.00"),
]


# pages with no price for the product that a review of e2d060a built and that read a fee, a deposit, a replacement's
# or a suggestion's price (tests/fixtures/review9/): price on request after a colon, trade log-ins, "Price: TBA", a lone
# "Discontinued.", not-found headings, "Veja também" / "Complétez la tenue" / "Recent bekeken" blocks, "<dt>価格：</dt>
# <dd>お問い合わせください</dd>", hire rates by the day or week and a deposit, a sold-out page whose price is only in og:price,
# "Price: Request a quote", an accessory's microdata offer under isRelatedTo, Amazon's comparison table, "Garantie 5 ans",
# a search page with two results
NINTH_REVIEW: list[tuple[str, str, None]] = [
    (f"null{n:02d}", currency, None) for n, currency in ((1, "EUR"), (3, "EUR"), (4, "PLN"), (5, "SEK"), (7, "GBP"),
                                                         (8, "EUR"), (9, "GBP"), (13, "EUR"), (14, "EUR"), (15, "USD"),
                                                         (22, "EUR"), (23, "EUR"), (24, "EUR"), (6, "JPY"),
                                                         (10, "EUR"), (11, "GBP"), (12, "GBP"), (2, "GBP"), (16, "EUR"),
                                                         (17, "USD"), (18, "EUR"), (21, "EUR"))]


# priced pages the second review of e2d060a found read wrong: "Online Exclusive" taken for "excl." VAT, WooCommerce's
# "(£538.80 inc. VAT)" price suffix read as a range's top, a Greek "6 ή περισσότερα" quantity row, a WooCommerce
# variation preselected beside an add-on's own select
NINTH_REVIEW_PRICED: list[tuple[str, str, str]] = [
    ("wrong02", "USD", "45.00"), ("wrong06", "GBP", "538.80"), ("wrong07", "EUR", "89.00"),
    ("wrong10", "GBP", "48.00"), ("wrong03", "GBP", "45.00"), ("wrong04", "KWD", "12.500")]  # JSON-LD offers per variant, the basket form's preselected one (the first sold out)


# no-price pages a second hunt for invented prices built at 7603d4e (tests/fixtures/review10/): B2B log-ins, "Price on
# enquiry", launch and configurator wordings, a basket called "Your Bag", a wishlist, a comparison page under an
# article's header, a brand archive, a successor, a stool "worth £149", a trade-in "bis zu 250 €", a reservation fee, a
# sample, a surcharge, a part sold only in a kit, a joking 404 heading under a plain title, Polish "chwilowo
# niedostępny", "Dazu passt perfekt", sold-out pages whose price is only in JSON-LD or Shopify's product JSON beside
# an upsell or another colour's card
TENTH_REVIEW: list[tuple[str, str, None]] = [
    (f"null{n:02d}", currency, None) for n, currency in ((1, "EUR"), (2, "GBP"), (3, "EUR"), (4, "EUR"), (5, "EUR"),
                                                         (6, "GBP"), (7, "EUR"), (8, "GBP"), (9, "PLN"), (10, "EUR"),
                                                         (11, "EUR"), (12, "USD"), (14, "EUR"), (17, "EUR"), (18, "EUR"),
                                                         (15, "SEK"), (16, "AUD"))]


# priced pages a review of this session's rules built, each read right at e2d060a and wrong by 1dc4b39's first cut of
# them (tests/fixtures/review11/): order-by-mail shops' "Unser Angebot:" and "Tarif :", size lists, a configure link, a
# Services or "Ook verkrijgbaar als" heading in the buy box, brands and words that looked like samples or deposits, a
# day's ski pass, "Händlerpreise" / "Versandpreis" / "Montagepreis" / "Delivery price" sentences, one colour's
# "Discontinued", a kit's "4 items included", a "Merkzettel" and a "404" T-shirt, Shopify's #variant-inventory, one
# colour "aus dem Sortiment genommen", a product called "Shopping Bag", Bootstrap's list-group-item
ELEVENTH_REVIEW: list[tuple[str, str, str]] = [
    ("fp01", "EUR", "49.00"), ("fp02", "EUR", "35.00"), ("fp03", "EUR", "24.95"), ("fp04", "GBP", "1299"),
    ("fp06", "EUR", "649.00"), ("fp07", "EUR", "24.99"), ("fp08", "CHF", "95.00"), ("fp09", "EUR", "39.95"),
    ("fp10", "EUR", "89.95"), ("fp11", "EUR", "54.00"), ("fp12", "EUR", "34.90"), ("fp13", "EUR", "289.00"),
    ("fp14", "GBP", "425.00"), ("fp15", "EUR", "599.00"), ("fp16", "GBP", "89.00"), ("fp17", "GBP", "64.00"),
    ("fp18", "EUR", "12.90"), ("fp19", "EUR", "24.95"), ("fp22", "EUR", "129.00"), ("fp23", "GBP", "3.50"),
    ("fp25", "EUR", "245.00"), ("fp27", "EUR", "349.00")]


# the same review's pages whose price stood but whose stock the rules misread
@pytest.mark.parametrize(("name", "currency", "price", "stock"), [
    ("fp21", "GBP", "38.00", "out_of_stock"),  # Shopify classic's #variant-inventory is the chosen variant's own line
    ("fp26", "PLN", "119.00", "in_stock"),  # "Dostępność: w magazynie"; "Odbiór osobisty w salonie: niedostępny" is
    # store pickup, not the product
])
def test_stock_lines_the_review_found(name: str, currency: str, price: str, stock: str | None) -> None:
    page = Path(__file__).parent / "fixtures" / "review11" / f"{name}.html"
    e = extract(page.read_bytes(), "https://shop.example/p", default_currency=currency)
    assert (e.price, e.availability) == (Decimal(price), stock)


# the reviews' pages, each in its folder under tests/fixtures/
# the twelfth review: priced pages that the session's new rules misread (carriers, 'Free', fees, statements)
TWELFTH_REVIEW: list[tuple[str, str, str]] = [
    ("de_dhl_note", "EUR", "34.95"), ("fr_colissimo_note", "EUR", "42.90"), ("nl_postnl_note", "EUR", "259.00"),
    ("uk_royalmail_note", "GBP", "159.00"), ("dk_gls_note2", "DKK", "1299.00"), ("se_postnord_note", "SEK", "1495"),
    ("kr_shipping_note", "KRW", "39000"), ("us_ships_free_badge", "USD", "89.00"),
    ("uk_delivery_free_badge", "GBP", "249.99"), ("fr_livraison_gratuite_badge", "EUR", "299.99"),
    ("es_envio_gratis_badge", "EUR", "159.95"), ("br_frete_gratis_badge", "BRL", "249.90"),
    ("de_versand_kostenlos_badge", "EUR", "89.95"), ("uk_alcohol_free", "GBP", "42.00"),
    ("uk_sugar_free_variant", "GBP", "7.49"), ("uk_engraving_free", "GBP", "349.00"),
    ("uk_course_fee", "GBP", "295.00"), ("us_registration_fee", "USD", "299.00"),
    ("uk_membership_fee", "GBP", "45.00"), ("de_service_fee", "EUR", "89.00"), ("us_you_pay_pack", "USD", "24.99"),
    ("uk_pay_icons_pack", "GBP", "14.99"), ("uk_screen_protection", "GBP", "12.99"),
    ("us_openbox_picker", "USD", "399.99"), ("ua_utochniuite", "UAH", "7899"), ("ru_opt_po_zaprosu", "RUB", "12490"),
    ("ua_dohovirna_listing", "UAH", "485000"), ("uk_trade_note", "GBP", "24.00"),
    ("us_wholesale_note", "USD", "28.00"), ("dk_giv_et_bud", "DKK", "18500"), ("uk_last_stock_note", "GBP", "89.99"),
    ("jp_shin_model_title", "JPY", "4980"), ("nl_genre_alternative", "EUR", "39.99"),
    ("de_book_alternativen", "EUR", "18.00"), ("ar_alternativas_de_pago", "ARS", "89999"),
    ("de_stale_long_node", "EUR", "49.99"), ("de_stale_ld_dhl", "EUR", "179.00"), ("woo_suffix_pack", "GBP", "2.50")]

# the thirteenth review: priced pages that the second batch's rules misread (lone 'Coming soon', MRP, headings)
THIRTEENTH_REVIEW: list[tuple[str, str, str]] = [
    ("br_preco_anunciado_outra_versao", "BRL", "3399.00"), ("cl_precio_normal_only", "CLP", "24990"),
    ("cl_precio_normal_vs_tarjeta", "CLP", "59990"), ("click_collect_not_any_store", "GBP", "749.00"),
    ("cn_mobile_no_h1_weinituijian", "CNY", "159.00"), ("cn_tradein_zanwu_baojia", "CNY", "1699.00"),
    ("coming_soon_badge_preorder", "GBP", "149.00"), ("coming_soon_swatch_before_price", "USD", "129.95"),
    ("de_keine_angebote_zubehoer", "EUR", "89.90"), ("de_normal_vs_mitglieder", "EUR", "79.00"),
    ("de_preisverlauf_in_pricebox", "EUR", "169.90"), ("em_breve_cor", "BRL", "89.90"),
    ("es_ningun_vendedor_reacondicionado", "EUR", "249.89"), ("fr_aucune_offre_occasion", "EUR", "349.99"),
    ("gr_price_box_price_history_wrapper", "EUR", "69.99"), ("greek_store_availability", "EUR", "69.99"),
    ("id_tidak_tersedia_di_toko", "IDR", "2899000"), ("in_combo_offers_heading_buybox", "INR", "1499"),
    ("in_mrp_inline_text", "INR", "2450"), ("in_mrp_only_d2c", "INR", "599"),
    ("in_pharmacy_mrp_per_tablet", "INR", "33.76"), ("lien_he_contact_haravan", "VND", "1590000"),
    ("mx_precio_de_lista_only", "MXN", "1299.00"), ("mx_precio_regular_only", "MXN", "459.00"),
    ("pk_rs_dot_wholesale_note", "PKR", "4990"), ("se_kommer_snart_size", "SEK", "349"),
    ("uk_split_price_coming_soon_colour", "GBP", "199.99"), ("vn_call_to_order_lien_he_cards", "VND", "2150000"),
    ("vn_gia_sau_giam", "VND", "1190000"), ("vn_packaging_hop_qua_tang", "VND", "850000"),
    ("vn_price_note_mua_kem", "VND", "9490000")]

# the fourteenth review: priced pages the third batch's statements misread (notes about other offers and models)
FOURTEENTH_REVIEW: list[tuple[str, str, str]] = [
    ("nl_b2b_netto_ccv", "EUR", "789.00"), ("nl_zakelijk_login_netto", "EUR", "44.95"),
    ("nl_tuincentrum_clubprijs", "EUR", "24.99"), ("woo_discontinued_laststock", "USD", "1299.99"),
    ("parts_discontinued_model", "GBP", "18.49"), ("bstock_discontinued_maker", "USD", "549.00"),
    ("ebay_nos_subtitle", "USD", "89.99"), ("jp_preorder_kinjitsu", "JPY", "8800"),
    ("jp_hatsubai_yotei_label", "JPY", "268400"), ("jp_kimari_shidai", "JPY", "5280"),
    ("split_price_openbox_unavail", "USD", "629.99"), ("hd_pickup_unavail", "USD", "99.00"),
    ("decant_size_table_unavail", "USD", "34.00"), ("coffee_subscribe_unavail", "USD", "18.00"),
    ("es_milanuncios_seller_ads", "EUR", "1150"), ("es_coches_historial", "EUR", "17450"),
    ("br_ml_outras_ofertas", "BRL", "289.90")]

# the fifteenth review: priced pages the fourth batch's rules misread (used / member words, statements, empty boxes)
FIFTEENTH_REVIEW: list[tuple[str, str, str]] = [
    ("woo_elementor_price_widget", "USD", "89.00"), ("used_de_retoure", "EUR", "129.95"),
    ("used_skillet_chefs", "USD", "64.00"), ("used_gift_occasion", "GBP", "42.00"),
    ("used_refurb_workshop", "USD", "389.00"), ("hu_nem_klubtag", "HUF", "89990"),
    ("hu_nem_klubtag_jsonld", "HUF", "89990"), ("en_wine_nonmember_jsonld", "USD", "48.00"),
    ("used_es_usado_profesionales", "EUR", "89.90"), ("used_it_usato_officine", "EUR", "219.00"),
    ("used_fr_occasions", "EUR", "34.90"), ("used_en_canbeused", "AUD", "39.95"),
    ("woo_quickview_skeleton_top", "GBP", "38.00"), ("woo_sticky_atc_top_empty", "USD", "139.95"),
    ("jsonld_aggregaterating_itemreviewed", "USD", "449.00"), ("jsonld_review_wraps_product", "GBP", "35.00"),
    ("fr_ca_ecofrais_inclus", "CAD", "1049.99"), ("lt_montavimas_uzklausa", "EUR", "1289.00"),
    ("ro_magazine_stoc", "RON", "899.99"), ("cz_variant_row_nabidka", "CZK", "4290"),
    ("pl_akcesoria_cena_ogloszona", "PLN", "2499.00"), ("no_ikke_medlem_jsonld", "NOK", "349.00"),
    ("de_nichtmitglieder_jsonld", "EUR", "59.95"), ("golf_club_title_jsonld", "USD", "599.99"),
    ("used_de_ungebraucht", "EUR", "74.90"), ("used_sv_obegagnad", "SEK", "899"),
    ("es_precio_no_socio_jsonld", "EUR", "55.00")]

# the sixteenth review: priced pages the fifth batch's first wordings misread (a tier's, a service's, another edition's note)
SIXTEENTH_REVIEW: list[tuple[str, str, str]] = [
    ("de_b2b_staffel_anmelden", "EUR", "129.90"),
    ("de_staffelpreise_geschaeftskunden", "EUR", "14.49"),
    ("de_massanfertigung_beratung", "EUR", "599.00"),
    ("fr_edition_collector_lancement", "EUR", "69.99"),
    ("en_contract_pricing_organization", "USD", "84.60"),
    ("en_map_addon_cover", "USD", "549.00"),
    ("nl_leaseprijs_berekend", "EUR", "3699.00"),
    ("tw_bulk_purchase_ask", "TWD", "12990"),
    ("en_price_drop_alert_signin", "USD", "329.99"),
    ("de_montage_beratung", "EUR", "899.00"),
    ("tw_lens_price_ask_store", "TWD", "5280"),
    ("en_business_account_signin_above", "USD", "399.00"),
    ("fr_accessory_launch_note", "EUR", "899.99")]

REVIEW_PAGES = ([("review8", *r) for r in FIFTH_REVIEW] + [("review8b", *r) for r in SIXTH_REVIEW]
                + [("review8c", *r) for r in SEVENTH_REVIEW] + [("review9", *r) for r in NINTH_REVIEW + NINTH_REVIEW_PRICED]
                + [("review10", *r) for r in TENTH_REVIEW] + [("review11", *r) for r in ELEVENTH_REVIEW]
                + [("review12", *r) for r in TWELFTH_REVIEW] + [("review13", *r) for r in THIRTEENTH_REVIEW]
                + [("review14", *r) for r in FOURTEENTH_REVIEW] + [("review15", *r) for r in FIFTEENTH_REVIEW]
                + [("review16", *r) for r in SIXTEENTH_REVIEW])


@pytest.mark.parametrize(("folder", "name", "currency", "expected"), REVIEW_PAGES,
                         ids=[f"{r[0]}/{r[1]}" for r in REVIEW_PAGES])
def test_pages_the_reviews_found(folder: str, name: str, currency: str, expected: str | None) -> None:
    page = Path(__file__).parent / "fixtures" / folder / f"{name}.html"
    e = extract(page.read_bytes(), "https://shop.example/p", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), e.rejected


@pytest.mark.parametrize(("picker", "expected"), [
    # Dawn: every unavailable option's label carries a visually hidden "Variant sold out or unavailable"
    ('<variant-radios><fieldset class="product-form__input"><input type="radio" id="s" name="Size" value="S" disabled>'
     '<label for="s">S <span class="visually-hidden label-unavailable">Variant sold out or unavailable</span></label>'
     '<input type="radio" id="m" name="Size" value="M" checked><label for="m">M</label></fieldset></variant-radios>',
     "in_stock"),
    ('<ul class="size-tiles"><li class="size-tile">38 <span class="size-tile__stock">ausverkauft</span></li>'
     '<li class="size-tile is-selected">39 <span class="size-tile__stock">lieferbar</span></li></ul>', "in_stock"),
    ('<ul><li>Sand (Out of stock)</li><li>Ochre</li></ul>', "in_stock"),  # an option named with its state
    # WooCommerce's template for an unavailable variation, kept in a script until one is chosen
    ('<script type="text/template" id="tmpl-unavailable-variation-template"><p>Sorry, this product is unavailable.'
     '</p></script>', "in_stock"),
    ('<div class="price price--sold-out"><span class="price__badge price__badge--sold-out">Sold out</span></div>',
     "out_of_stock"),  # Debut's badge, shown: the price block says sold out
])
def test_one_options_stock_is_not_the_chosen_variants(picker: str, expected: str) -> None:
    html = _doc(f'<div class="product"><h1>Linen shirt</h1><span class="price">€49,00</span>{picker}'
                '<p class="product__inventory">In stock</p><button name="add">Add to cart</button></div>')
    assert extract(html, "u", default_currency="EUR").availability == expected


def test_a_service_word_ends_at_a_word() -> None:
    html = _doc('<h1>Pattex Montagekleber 370 g</h1><div class="box"><p>Montagekleber 12,99 €</p></div>'
                '<button>In den Warenkorb</button>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("12.99")
    fitting = _doc('<h1>Küche Modena</h1><div class="box"><p>Montage ab 299,00 €</p></div><button>Angebot anfordern</button>')
    assert extract(fitting, "u", default_currency="EUR").price is None


def test_flipkart_buy_box_fees_protection_plans_and_other_sellers() -> None:
    box = ('<h1>Phone 15 (128 GB)</h1><div><div class="_30jeq3">₹1,29,999</div><div class="_3I9_wc">₹1,34,900</div></div>'
           '<div>Delivery by 17 Jul | <span>Free</span> <span class="_3hEwkb">₹40</span></div>'
           '<div><div>Protect Promise Fee ₹99</div><div>Complete Mobile Protection 1 Year ₹5,999</div></div>'
           '<div><span>2 sellers from ₹1,29,490</span></div><button>ADD TO CART</button>')
    e = extract(_doc(box), "u", default_currency="INR")
    assert e.price == Decimal("129999"), e.rejected
    assert {raw: why for raw, why in e.rejected}["₹40"] == "shipping cost or threshold"


def test_vat_words_that_open_the_next_amounts_element_are_its_label() -> None:
    komplett = ('<h1>Ryzen 7 9700X</h1><div class="product-price"><span class="product-price-now">4 995:-</span>'
                '<div class="product-price-vat">Exkl. moms 3 996:-</div></div><p class="stockstatus">Förbeställ</p>'
                '<p>Paket: Ryzen 7 9700X + kylare: <strong>6 290:-</strong></p><button class="buy-button">Förbeställ</button>')
    e = extract(_doc(komplett), "u", default_currency="SEK")
    assert (e.price, e.availability) == (Decimal("4995"), "preorder"), e.rejected
    # after a separator the words are a note of their own ("incl. btw" is still the € 9,95's)
    note = fromstring('<div><div class="h1">€ 9,95</div><div class="h5">incl. btw · € 8,29 per 100 stuks</div></div>')
    label = fromstring('<div><span>4 995:-</span><div>Exkl. moms 3 996:-</div></div>')
    assert (_labels_next_amount(note[0]), _labels_next_amount(label[0])) == (False, True)


def test_amazon_jp_related_and_newer_model_boxes() -> None:
    html = ('<h1>ヘッドホン WH-1000XM4</h1><div id="availability"><span>現在お取り扱いできません。</span></div>'
            '<div id="newer-version"><h5>この商品の新モデルがあります：</h5><a href="/dp/B09">WH-1000XM5</a>'
            ' <span class="a-price"><span class="a-offscreen">￥44,400</span></span></div>'
            '<div id="sp_detail"><h2>この商品に関連する商品</h2><ol><li>Q30 <span class="a-price"><span class="a-offscreen">'
            '￥8,990</span></span></li><li>QC45 <span class="a-price"><span class="a-offscreen">￥36,300</span></span></li>'
            '</ol></div>')
    assert extract(_doc(html), "u", default_currency="JPY").price is None


def test_json_ld_holding_a_woocommerce_price_without_vat_gives_way_to_its_suffixs_gross() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Fryer", "offers": {"@type": "Offer",'
          ' "price": "412.50", "priceCurrency": "GBP"}}</script>')
    amount = '<span class="woocommerce-Price-amount amount"><bdi>£{}</bdi></span>'
    body = (f'<div class="summary"><h1 class="product_title">Fryer</h1><p class="price"><del>{amount.format("449.00")}</del>'
            f' <ins>{amount.format("412.50")}</ins> <small class="woocommerce-price-suffix">ex. VAT ({amount.format("495.00")}'
            ' inc. VAT)</small></p><button name="add-to-cart">Add to basket</button></div>')
    e = extract(_doc(body, head=ld), "u", default_currency="GBP")
    assert (e.price, e.strategy) == (Decimal("495.00"), "platform:woocommerce"), e.rejected


@pytest.mark.parametrize(("statement", "money"), [
    ("Log in om prijzen en voorraad te zien", "€ {},00"),  # Sana Commerce
    ("Trade prices are visible to approved stockists.", "£{}.00"),  # Shopify B2B
    ("Bud ønskes", "{} kr"),  # a classified ad asking for bids
    ("This item is no longer available for new purchase.", "${}.00"),  # Best Buy, beside an open-box offer
    ("회원 공개", "{},000원"),  # Cafe24: the price is shown to members only
])
def test_wholesale_and_classified_pages_that_say_they_show_no_price(statement: str, money: str) -> None:
    body = (f'<h1>Universeelschroef 5,0 x 60</h1><div class="price-block"><span>{statement}</span></div>'
            f'<p>{money.format(150)}</p><section class="promo"><p>Yamaha P-145 — <strong>{money.format(599)}</strong></p>'
            '</section>')
    currency = parse_price(money.format(1), None)[1] or "NOK"
    assert extract(_doc(body), "u", default_currency=currency).price is None


def test_markup_at_a_price_only_another_products_card_shows_gives_way_on_a_sale_page() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Power Bank", "offers": {"@type":'
          ' "AggregateOffer", "lowPrice": "1299.00", "highPrice": "1299.00", "priceCurrency": "PHP"}}</script>')
    box = ('<div class="pdp-product-price"><span class="pdp-price">₱999.00</span> <del class="origin">₱2,599.00</del></div>'
           '<div class="detail"><p>Regular price ₱1,299.00. Flash sale price valid while stocks last, limited to two'
           ' units per customer.</p></div>')
    cards = ('<div class="recommendation"><h2>People Who Viewed This Item Also Viewed</h2><div class="card"><a href="/c1">'
             'Charger</a> <span class="price">₱1,299.00</span></div><div class="card"><a href="/c2">Cable</a> <span'
             ' class="price">₱299.00</span></div></div>')
    e = extract(_doc(f'<h1>Power Bank</h1>{box}<button>Add to Cart</button>{cards}', head=ld), "u", default_currency="PHP")
    assert (e.price, e.strategy) == (Decimal("999.00"), "heuristic"), e.rejected
    # the same markup on a page whose own box shows it stands
    same = box.replace("₱999.00", "₱1,299.00")
    assert extract(_doc(f'<h1>Power Bank</h1>{same}<button>Add to Cart</button>{cards}', head=ld), "u",
                   default_currency="PHP").price == Decimal("1299.00")


def test_a_stale_price_is_not_shown_inside_a_longer_amount() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Air Fryer", "offers": {"@type": "Offer",'
          ' "price": "99.99", "priceCurrency": "AUD"}}</script>')
    body = ('<h1>Air Fryer 4L</h1><div class="price-block"><div class="rrp">RRP <s>$199.99</s></div><div class="price">'
            '<span>$</span><span class="amount">89</span><span class="cents">.99</span></div></div><button>Add to cart</button>')
    assert extract(_doc(body, head=ld), "u", default_currency="AUD").price == Decimal("89.99")


def test_an_unchosen_tile_in_a_wrapper_of_its_own_and_a_normal_price_label() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Good Girl", "offers": {"@type": "Offer",'
          ' "price": "89.00", "priceCurrency": "EUR"}}</script>')
    tiles = "".join(f'<li><button type="button" aria-pressed="{"true" if ml == 100 else "false"}"><span>{ml} ml</span>'
                    f'<span class="variant-price">{price},00 €</span></button></li>'
                    for ml, price in ((50, 89), (100, 124), (150, 159)))
    body = (f'<h1>Good Girl Eau de Parfum</h1><div class="prices"><span class="price-sale">124,00 €</span></div>'
            f'<ul class="variants">{tiles}</ul><button>Añadir a la cesta</button>')
    assert extract(_doc(body, head=ld), "u", default_currency="EUR").price == Decimal("124.00")
    ripley = ('<h1>Galaxy S24</h1><dl class="prices"><dt>Normal</dt><dd><span class="product-price">S/ 3,299.00</span></dd>'
              '<dt>Internet</dt><dd><span class="product-price">S/ 2,499.00</span></dd></dl><button>Agregar al carro</button>')
    assert extract(_doc(ripley), "u", default_currency="PEN").price == Decimal("2499.00")


@pytest.mark.parametrize(("body", "currency"), [
    ('<div class="st-price"><div class="st-price-main">Liên hệ</div></div><ul class="promo"><li>Tặng màn chiếu trị giá'
     ' 1.290.000₫</li></ul>', "VND"),  # FPT Shop: contact us for the price
    ('<div class="p-price"><span class="price">暂无报价</span></div><div class="tip">该商品已下柜</div>', "CNY"),  # JD, delisted
    ('<div class="status"><b>Produk tidak tersedia</b></div>', "IDR"),  # Blibli
    ('<div class="pdp__offerPrice"><span>Coming Soon</span></div><p>1 Year Extended Warranty from ₹2,499 | Screen Damage'
     ' Protection ₹3,299</p>', "INR"),
    ('<div class="sku-unavailable"><p>Δεν είναι διαθέσιμο σε κανένα κατάστημα αυτή τη στιγμή</p></div><div class="price-history">'
     '<h3>Ιστορικό τιμών</h3><p>Χαμηλότερη τιμή 6 μηνών: <strong>329,00 €</strong></p></div>', "EUR"),  # Skroutz
    ('<div class="soon"><span>Brevemente</span><p>O preço será anunciado no dia de abertura das reservas.</p></div>', "EUR"),
])
def test_statements_from_asian_and_southern_european_shops(body: str, currency: str) -> None:
    assert extract(_doc(f'<h1>Product 2025</h1>{body}<p>Rp150.000 ₹70 ￥99.00 120.000₫ 15,00 €</p>'), "u",
                   default_currency=currency).price is None


def test_a_price_split_in_three_alike_spans_and_a_code_glued_to_a_hidden_label() -> None:
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Grill", "offers": {"@type": "Offer",'
          ' "price": 649.0, "priceCurrency": "USD"}}</script>')
    box = ('<div class="price-format__strike"><span>Was</span> <span class="u__strike">$649.00</span></div><div class="price">'
           '<span class="price-format__large-currency-symbols">$</span><span>549</span>'
           '<span class="price-format__large-currency-symbols">00</span></div>')
    e = extract(_doc(f'<h1>Spirit E-325 Gas Grill</h1>{box}<button>Add to Cart</button>', head=ld), "u",
                default_currency="USD")
    assert (e.price, e.was_price) == (Decimal("549.00"), Decimal("649.00")), e.rejected
    warehouse = ('<h1>ANC Headphones</h1><div class="price-list"><span class="price price--highlight"><span'
                 ' class="visually-hidden">Sale price</span>AED 349.00</span> <span class="price price--compare"><span'
                 ' class="visually-hidden">Regular price</span>AED 449.00</span></div><button>Add to cart</button>')
    assert extract(_doc(warehouse), "u", default_currency="AED").price == Decimal("349.00")


@pytest.mark.parametrize(("body", "currency", "expected"), [
    # Amazon's buy box says so in a price-coloured span; the used offer below is another seller's
    ('<div id="buybox"><span class="a-color-price">Currently unavailable.</span></div><div id="usedRow"><h5>Save with Used'
     ' - Like New</h5><span class="a-price"><span class="a-offscreen">£38.40</span></span></div>', "GBP", None),
    ('<div><h2>No Longer Available</h2><p>This item has been discontinued by the manufacturer.</p></div><p>Used from'
     ' <b>$1,149.95</b></p><p>Get up to $1,025.00 toward your next purchase</p>', "USD", None),
    ('<div class="price"><span class="product__price--coming-soon">近日発売</span><p>価格・発売日は決まり次第お知らせします。</p>'
     '</div><p>現行モデル <b>¥39,800</b></p>', "JPY", None),
    ('<p>Publicación finalizada</p><p>Precio original pagado: $2,899.00</p>', "MXN", None),
    # an option not chosen that is priced on request does not make the page's price one
    ('<h2 class="price-new">€ 1.249,00</h2><label class="finish-option"><input type="radio" name="f"> Su misura'
     ' <span class="finish-price">Prezzo su richiesta</span></label><label><input type="radio" name="f" checked> Rovere'
     '</label>', "EUR", "1249.00"),
])
def test_the_fourth_batchs_statements(body: str, currency: str, expected: str | None) -> None:
    e = extract(_doc(f'<h1>Product</h1>{body}<button>Add to Cart</button>'), "u", default_currency=currency)
    assert e.price == (None if expected is None else Decimal(expected)), e.rejected



@pytest.mark.parametrize(("statement", "money"), [
    ("Preise sind nur für registrierte Geschäftskunden sichtbar", "{},00 €"),  # Shopware B2B
    ("Preise nur für Fachhändler", "{},00 €"),
    ("Preis: nach persönlicher Beratung", "CHF {}.–"),  # a tailor's made-to-measure suit
    ("Prix communiqué lors du lancement", "{},00 €"),  # a coming-soon product
    ("To see product price, add this item to your cart", "${}.00"),  # Magento under a minimum advertised price
    ("售價：請洽門市", "NT${}"),  # made to order: ask in store
    ("Endast för uthyrning", "{} kr"),  # a hire shop's machine
    ("Kun til udlejning", "{},00 kr."),
    ("This item is not available in your region", "${}.00"),  # a page seen from a country it is not sold to
    ("Ce produit n'est pas disponible dans votre pays", "{},00 €"),
    ("Dieser Artikel ist in Ihrem Land nicht verfügbar", "{},00 €"),
    ("Dieser Artikel ist in Ihrer Region leider nicht verfügbar.", "{},00 €"),
    ("Dieses Produkt ist in deinem Land nicht verfügbar.", "{},00 €"),
    ("Sorry, this product isn't available in your country.", "${}.00"),
    ("Cet article n'est pas disponible dans votre pays.", "{},00 €"),
    ("Denne maskine er kun til leje.", "{},00 kr."),
    ("Finns endast för uthyrning – ej till försäljning", "{} kr"),
    ("Nur Miete", "{} €"),
    ("Dieses Gerät kann bei uns ausschließlich gemietet werden.", "{} €"),
])
def test_the_fifth_batchs_statements(statement: str, money: str) -> None:
    body = (f'<h1>Barberstuhl Classic</h1><div class="price-box"><span>{statement}</span></div>'
            f'<p class="addon">Kopfstütze + {money.format(150)}</p><button>Anfrage senden</button>'
            f'<section class="promo"><p>Ready-made — <strong>{money.format(599)}</strong></p></section>')
    currency = parse_price(money.format(1), None)[1] or "TWD"
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price is None, (e.price, e.rejected)
    shown = _doc(f'<h1>Barberstuhl Classic</h1><div class="price-box"><span>{money.format(899)}</span></div>'
                 '<button>In den Warenkorb</button><section class="related"><h2>Related products</h2>'
                 f'<div class="card"><a href="/p/2">Waschbecken</a><span>{statement}</span></div></section>')
    assert extract(shown, "u", default_currency=currency).price == Decimal(899), statement  # another product's note



def test_an_events_calendar_on_a_books_page_holds_no_price_of_it() -> None:
    # an author's site: the book is sold elsewhere; the readings have tickets and ask for donations
    events = "".join(f'<li class="eventlist-event"><h3 class="eventlist-title">Reading {i}</h3><ul><li>{what}</li></ul></li>'
                     for i, what in enumerate(("Tickets $32, includes a signed hardcover", "$5 suggested donation")))
    html = _doc('<h1>The Salt Orchard</h1><p>Buy it from <a href="https://example.org/b">Bookshop</a></p>'
                f'<section class="eventlist eventlist--upcoming"><h2>Upcoming events</h2><ul>{events}</ul></section>')
    assert extract(html, "u", default_currency="USD").price is None


@pytest.mark.parametrize("options", [
    # Salesforce SFRA: a swatch's screen-reader "sold out" is that colour's
    '<div class="attribute"><button class="color-attribute" aria-label="Select Color Ruby" disabled><span class="swatch-'
    'circle"></span><span class="sr-only selected-assistive-text">sold out</span></button></div>',
    # Rakuten: the options table marks one colour "（売り切れ）"
    '<table class="inventory_selector"><tr><td><label class="inventory_choice_name">ロゼ</label></td><td><label'
    ' class="inventory_choice_name">ホワイト（売り切れ）</label></td></tr></table>',
])
def test_an_options_sold_out_mark_is_not_the_products_stock(options: str) -> None:
    html = _doc(f'<div class="product"><h1>Velvet Lipstick</h1><p class="price">$24.00</p>{options}'
                '<p class="availability">In Stock</p><button class="add-to-cart">Add to Bag</button></div>')
    e = extract(html, "u", default_currency="USD")
    assert (e.price, e.availability) == (Decimal("24.00"), "in_stock")


def test_vtexs_notify_me_box_says_the_product_is_unavailable() -> None:
    html = _doc('<h1>Gel-Kayano 30</h1><div class="vtex-store-components-3-x-subscriberContainer"><div class="vtex-store-'
                'components-3-x-title">Produto indisponível</div><div>Deseja saber quando estiver disponível?</div>'
                '<form><input type="email"><button>Avise-me</button></form></div>')
    assert extract(html, "u", default_currency="BRL").availability == "out_of_stock"


def test_an_indonesian_harga_coret_is_the_struck_price() -> None:
    html = _doc('<h1>Gunting Dahan Tekiro 8 inch</h1><div class="tm-harga"><div class="tm-harga-coret">Rp 110.000</div>'
                '<div class="tm-harga-jual">Rp 87.500</div><div class="tm-diskon">Hemat 20%</div></div>'
                '<button class="tm-beli">Beli Sekarang</button>')
    e = extract(html, "u", default_currency="IDR")
    assert (e.price, e.was_price) == (Decimal("87500"), Decimal("110000"))


def test_an_oscommerce_heading_cell_names_the_product_its_rows_are_no_cards() -> None:
    # osCommerce 2.2 lays the page out in table rows, each with a link and a digit, as a listing's rows would be
    rows = ('<tr><td class="main">Lieferstatus: auf Lager, 1-3 Werktage <a href="shipping.php">Versand</a></td></tr>'
            '<tr><td class="main">Kettenschloss (+ 6,50 EUR) <a href="info.php?id=2">Info</a></td></tr>'
            '<tr><td class="main">Bewertungen: 4 <a href="reviews.php">lesen</a></td></tr>')
    html = _doc('<table><tr><td><form action="product_info.php?action=add_product"><table><tr><td><table><tr>'
                '<td class="pageHeading">Shimano CN-HG701 Kette 11-fach</td><td class="pageHeading"><s>39,95 EUR</s> '
                '<span class="productSpecialPrice">32,90 EUR</span><br><span class="smallText">inkl. 19 % MwSt. zzgl. '
                f'<a href="shipping.php">Versandkosten</a></span></td></tr></table></td></tr>{rows}<tr><td><input '
                'type="image" src="button_in_cart.gif" alt="In den Warenkorb"></td></tr></table></form></td></tr></table>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("32.90")


@pytest.mark.parametrize(("label", "value", "want"), [("Voorraad:", "Op voorraad", "in_stock"), ("재고", "재고있음", "in_stock"),
                                                      ("Lagerstatus", "Ausverkauft", "out_of_stock")])
def test_a_spec_tables_stock_row_states_the_stock(label: str, value: str, want: str) -> None:
    html = _doc(f'<h1>Inktpatroon 304XL</h1><table><tr><td>Prijs:</td><td><b>&euro; 42,95</b></td></tr><tr><td>{label}</td>'
                f'<td><font color="green"><b>{value}</b></font></td></tr></table>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("42.95"), want)


@pytest.mark.parametrize("said", [
    '<p class="stock-note">Size S is sold out. Size M: in stock.</p>',  # the option named before its words
    '<div class="size-stock-hint">Größe XXL ist leider ausverkauft.</div>',
    '<p class="pdp__stock">I lager — storlek M, skickas inom 24 h. XS slut i lager.</p>',
    '<div class="stock">화이트 재고 있음 · 블랙 일시품절</div>',  # beside a short statement that another is in stock
    '<div class="prod-stock">품절임박 · 남은 수량 5개</div>',  # "almost sold out": it still sells
    '<ul class="options"><li>아이보리 (+0원)</li><li>차콜 (+2,000원) [품절]</li></ul>',  # an option's bracketed state
    '<div role="radiogroup" aria-label="Taglia"><label>40</label><label>41 <span>Esaurito</span></label></div>',
    '<ul><li class="c-color-list__item is-soldout">ホワイト<span>在庫切れ</span></li></ul>',
    '<ul><li class="size is-soldout"><button>M (50 cm)</button><span class="sz-stock">Udsolgt</span></li></ul>',
    '<div class="fulfillment-tile"><p>Pickup</p><p>Not available</p></div>',  # one way of getting it
])
def test_one_options_or_one_ways_stock_is_not_the_products(said: str) -> None:
    html = _doc(f'<div class="product"><h1>Trail Jacket</h1><p class="price">€ 79,95</p>{said}'
                '<button class="add-to-cart">Add to cart</button></div>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("79.95"), "in_stock")


@pytest.mark.parametrize("said", [
    '<p class="size-pills__note">All sizes sold out</p>',
    "<p class=\"availability\">Currently unavailable. We don't know when or if this item will be back in stock.</p>",
    '<div class="stock">Alle Größen ausverkauft</div>',
    '<div class="stock">In allen Größen ausverkauft</div>',
    '<div class="stock">Alle Farben und Größen ausverkauft</div>',
    '<div class="stock">Diese Farbe ist leider ausverkauft</div>',  # the chosen one
    '<div class="stock">Size S is sold out. This item is no longer available.</div>',  # the second is the product's
    # an in-stock clause with a date, a count or "soon" is no other option's stock
    '<div class="stock">Nicht auf Lager - Lieferbar ab 12. Mai</div>',
    '<div class="stock">Sold out - In stock from 12 May</div>',
    '<div class="stock">Out of stock / In stock soon</div>',
    '<div class="stock">Sold out. In stock: 0</div>',
    '<div class="collection-info"><p>Out of stock</p></div>',  # a collection, no click-and-collect tile
])
def test_a_statement_about_every_option_is_the_products_stock(said: str) -> None:
    html = _doc(f'<div class="product"><h1>Trail Jacket</h1><p class="price">€ 79,95</p>{said}'
                '<button class="add-to-cart">Add to cart</button></div>')
    assert extract(html, "u", default_currency="EUR").availability == "out_of_stock"


@pytest.mark.parametrize("button", [
    '<button data-testid="add-to-cart">Hinzufügen</button>',  # H&M (its class "button-buy" alone says as much)
    '<button class="button-buy">In den Einkaufswagen</button>',
    '<a id="btnSepeteEkle" class="SepeteEkle" href="#">SEPETE EKLE</a>',  # Ticimax: a link
    *(f'<button class="btn">{label}</button>' for label in ("Lisa ostukorvi", "Į krepšelį", "Dodaj u košaricu", "Ielikt grozā")),
])
def test_a_working_buy_button_says_in_stock(button: str) -> None:
    html = _doc(f'<div class="product"><h1>Leinenhemd</h1><p class="price">24,99 €</p>{button}</div>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("24.99"), "in_stock")


def _opencart(prices: str, after: str = "", currency: str = "грн") -> str:
    """OpenCart 3's default product page: the prices in a list, then the quantity box and its #button-cart."""
    return _doc(f'<div id="product-product"><h1>Блендер Philips HR3573</h1><ul class="list-unstyled"><li>Наявність: В '
                f'наявності</li></ul><ul class="list-unstyled">{prices}</ul><div id="product"><label for="input-quantity">'
                f'Кількість</label><input type="text" name="quantity" value="1" id="input-quantity"><button type="button" '
                f'id="button-cart" class="btn btn-primary btn-lg btn-block">Купити</button>{after}</div></div>')


@pytest.mark.parametrize(("html", "currency", "want"), [
    # Russian discount rows under the price, nearer the button than it
    (_opencart('<li><span style="text-decoration: line-through;">62 990 ₽</span></li><li><h2>54 990 ₽</h2></li><li>от 2 шт.'
               ' — 53 490 ₽</li><li>от 5 шт. — 51 990 ₽</li>'), "RUB", "54990"),
    # Ukrainian instalments: "price when paying in parts: 3 payments of 833"
    (_opencart('<li><span style="text-decoration: line-through;">2 999 грн</span></li><li><h2>2 499 грн</h2></li><li>Ціна при'
               ' оплаті частинами: 3 платежі по 833 грн</li>'), "UAH", "2499"),
    # India's EMI offered above an order value, below the button
    (_opencart('<li><h2>₹2,849.00</h2></li><li>10 या अधिक ₹2,699.00</li>',
               '<div class="alert">EMI विकल्प: ₹3,000 से अधिक के ऑर्डर पर उपलब्ध।</div>'), "INR", "2849.00"),
])
def test_opencarts_cart_button_is_the_buy_button_and_the_figures_by_it_no_price(html: str, currency: str, want: str) -> None:
    e = extract(html, "u", default_currency=currency)
    assert (e.price, e.availability) == (Decimal(want), "in_stock")


def test_a_serbian_price_per_piece_of_a_box_is_no_price_of_it() -> None:
    html = _doc('<h1>Утичница 16A, кутија 10 ком.</h1><ul class="list-unstyled"><li><h2>3.599 дин.</h2></li><li>Без ПДВ-а: 2.999'
                ' дин.</li><li><small>Цена по комаду: 359,90 дин.</small></li></ul><button id="button-cart">Додај у корпу</button>')
    assert extract(html, "u", default_currency="RSD").price == Decimal("3599")


def test_a_romanian_auction_lot_has_bids_and_no_price() -> None:
    html = _doc('<h1>Motostivuitor diesel 3 t, an 2014</h1><table><tr><th>Preț de pornire</th><td>25.000 lei</td></tr><tr><th>'
                'Oferta curentă</th><td><strong>38.500 lei</strong></td></tr></table><form><input type="number">'
                '<button type="submit">Licitează</button></form>')
    assert extract(html, "u", default_currency="RON").price is None


@pytest.mark.parametrize(("line", "currency"), [("Ušteda 80,00 €", "EUR"),  # Croatian: the saving
                                                 ("Cena bez PVN: 440,00 €", "EUR")])  # Latvian: without VAT
def test_a_baltic_or_croatian_saving_or_net_price_beside_the_button_is_no_price(line: str, currency: str) -> None:
    html = _doc('<div class="product"><h1>Bicikl Scott Aspect 960</h1><div class="pd-price"><div>MPC: <s>629,99 €</s></div>'
                '<div><span class="label">Web cijena</span> <span class="amount"><span class="int">549</span><span class="dec">,99'
                f'</span> <span class="cur">€</span></span></div><div>{line}</div></div><div class="pd-stock">Na stanju</div>'
                '<button class="btn btn--cart">Add to cart</button></div>')
    assert extract(html, "u", default_currency=currency).price == Decimal("549.99")


def _tiers(*rows: tuple[str, str]) -> str:
    cells = "".join(f'<tr class="product-block-prices-row"><th class="product-block-prices-cell">{label}</th><td class="product-'
                    f'block-prices-cell"><span class="product-block-prices-price">{price}&nbsp;€*</span></td></tr>'
                    for label, price in rows)
    return f'<table class="table product-block-prices-grid"><tbody>{cells}</tbody></table>'


def test_a_graduated_price_tables_first_row_is_the_price_of_one() -> None:
    # Shopware 6 with block prices shows no other price: "Bis 4" is what one chair costs
    html = _doc('<h1>Bürostuhl ErgoPro 500</h1><div class="product-detail-buy">'
                f'{_tiers(("Bis 4", "349,00"), ("Ab 5", "329,00"), ("Ab 10", "309,00"))}<div class="product-detail-net-price">'
                '<small>Netto: 293,28&nbsp;€ / Stück (bis 4 Stück)</small></div><button class="btn-buy">In den Warenkorb'
                '</button></div>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("349.00")


def test_a_price_box_beside_a_tier_table_keeps_its_was_price() -> None:
    # Shopware's microdata: an AggregateOffer over the table's rows, each an Offer
    rows = "".join(f'<tr class="product-block-prices-row" itemprop="offers" itemscope itemtype="https://schema.org/Offer"><th '
                   f'class="product-block-prices-cell"><meta itemprop="priceCurrency" content="EUR"><meta itemprop="price" '
                   f'content="{price}"><span>{label}</span></th><td class="product-block-prices-cell">{price.replace(".", ",")}'
                   ' €*</td></tr>' for label, price in (("Bis 2", "249.95"), ("Ab 3", "239.95"), ("Ab 6", "229.95")))
    html = _doc('<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kochset Trekking</h1><div class='
                '"product-detail-buy"><table class="table product-block-prices-grid"><tbody itemprop="offers" itemscope itemtype='
                '"https://schema.org/AggregateOffer"><meta itemprop="priceCurrency" content="EUR"><meta itemprop="lowPrice" '
                f'content="229.95"><meta itemprop="highPrice" content="249.95">{rows}</tbody></table>'
                '<div class="product-detail-price-container">'
                '<p class="product-detail-price with-list-price">249,95 €*</p><span class="product-detail-list-price-wrapper">'
                '<span class="list-price-price">statt 299,95 €*</span></span></div><button class="btn-buy">In den Warenkorb'
                '</button></div></div>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.was_price) == (Decimal("249.95"), Decimal("299.95"))


def test_swatches_priced_on_their_own_leave_the_price_box_the_price() -> None:
    # Salesforce SFRA: the chosen colour's swatch marks a span inside its button "selected"; another colour is on
    # sale ("statt" the price shown), a third sold out
    swatch = ('<button class="color-attribute" aria-label="Farbe {name}"{off}><span class="swatch-value {chosen}"></span>'
              '<span class="sr-only selected-assistive-text"></span><span class="swatch-price">{price}</span></button>')
    swatches = "".join(swatch.format(name=n, chosen=c, price=p, off=o) for n, c, p, o in (
        ("Schwarz", "selected", "199,95&nbsp;€", ""), ("Olive", "", "159,96&nbsp;€ statt 199,95&nbsp;€", ""),
        ("Rot", "", "ausverkauft", " disabled")))
    html = _doc('<div class="product-detail"><h1 class="product-name">Daunenjacke Arlberg</h1><div class="prices"><div class="price">'
                '<span class="sales"><span class="value">199,95&nbsp;€</span></span></div></div><div class="color-swatches">'
                f'{swatches}</div><button class="add-to-cart btn btn-primary">In den Warenkorb</button></div>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("199.95")


def _variants_ld(*offers: tuple[str, str]) -> str:
    listed = ", ".join(f'{{"@type": "Offer", "sku": "{sku}", "price": "89.95", "priceCurrency": "EUR", "availability": '
                       f'"https://schema.org/{state}"}}' for sku, state in offers)
    return (f'<script type="application/ld+json">{{"@type": "Product", "name": "Trail Jacket", "offers": [{listed}]}}'
            '</script>')


_IN_STOCK_LD = _variants_ld(("TJ-M", "InStock"))


def test_a_page_that_shows_sold_out_is_sold_out_whatever_its_stale_markup_says() -> None:
    html = _doc('<div class="product"><h1>Trail Jacket</h1><p class="price">€ 89,95</p><p class="stock">Out of stock</p>'
                '<button class="add-to-cart" disabled>Add to cart</button><form><input type="email"><button>Notify me'
                '</button></form></div>', head=_IN_STOCK_LD)
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("89.95"), "out_of_stock")


@pytest.mark.parametrize("rest", [
    '<button class="add-to-cart">Add to cart</button><p class="stock">Out of stock in store</p>',  # it sells online
    '<section class="related"><h2>You may also like</h2><div class="card"><a href="/p/2">Rain Jacket</a><span class="'
    'stock">Sold out</span><span>€ 59,95</span></div><div class="card"><a href="/p/3">Fleece</a><span>€ 39,95</span></div>'
    '<div class="card"><a href="/p/4">Gilet</a><span>€ 49,95</span></div></section>',  # another product's
])
def test_markup_in_stock_stands_when_the_page_does_not_say_this_product_is_sold_out(rest: str) -> None:
    html = _doc(f'<div class="product"><h1>Trail Jacket</h1><p class="price">€ 89,95</p>{rest}</div>', head=_IN_STOCK_LD)
    assert extract(html, "u", default_currency="EUR").availability == "in_stock"


@pytest.mark.parametrize(("shown", "struck", "currency", "want"), [
    ("৳ ৩৫৭", "৳ ৪২০", "BDT", "357"),  # Bengali digits
    ("₹ १,२९९", "₹ १,९९९", "INR", "1299"),  # Devanagari digits
])
def test_indic_digits_are_read(shown: str, struck: str, currency: str, want: str) -> None:
    html = _doc(f'<div class="product"><h1>Book</h1><div class="price"><del>{struck}</del> <span class="sell">{shown}</span>'
                '</div><button class="add-to-cart">Add to cart</button></div>')
    assert extract(html, "u", default_currency=currency).price == Decimal(want)
    assert extract(html.encode(), "u", default_currency=currency).price == Decimal(want)  # as a scrape reads it


@pytest.mark.parametrize(("offers", "want"), [
    ((("TJ-M", "InStock"),), "out_of_stock"),  # the one offer: what the page shows is this variant
    ((("TJ-S", "OutOfStock"), ("TJ-M", "InStock")), "in_stock"),  # one of several: the page may show another
])
def test_a_named_variants_own_offer_outranks_what_the_page_shows_only_among_several(offers: tuple[tuple[str, str], ...],
                                                                                   want: str) -> None:
    html = _doc('<div class="product"><h1>Trail Jacket</h1><p class="price">€ 89,95</p><p class="stock">Out of stock</p>'
                '<button class="add-to-cart" disabled>Add to cart</button></div>', head=_variants_ld(*offers))
    assert extract(html, "u", default_currency="EUR", sku="TJ-M").availability == want


def test_a_silent_disabled_button_and_another_products_sold_out_leave_the_markups_stock() -> None:
    cards = "".join(f'<div class="card"><a href="/p/{i}">Jacket {i}</a><span>€ {i}9,95</span>{"<em>Sold out</em>" if i == 2 else ""}'
                    '</div>' for i in range(2, 5))
    html = _doc('<div class="product"><h1>Trail Jacket</h1><p class="price">€ 89,95</p><button class="add-to-cart" disabled>'
                f'</button></div><section class="related"><h2>You may also like</h2>{cards}</section>', head=_IN_STOCK_LD)
    assert extract(html, "u", default_currency="EUR").availability == "in_stock"


def test_a_quantity_tables_later_row_up_to_a_count_is_no_price_of_one() -> None:
    html = _doc('<h1>Bürostuhl ErgoPro 500</h1><div class="product-detail-buy">'
                f'{_tiers(("Bis 4", "349,00"), ("Bis 9", "329,00"), ("Ab 10", "309,00"))}<button class="btn-buy">In den Warenkorb'
                '</button></div>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("349.00")


@pytest.mark.parametrize(("line", "currency", "want"), [
    ("Цена за шт.: 1 990 ₽", "RUB", "1990"),  # alone, a piece's price is the price of one
    ("Cena po komadu: 359,90 din.", "RSD", "359.90"),
    ("Aktualna oferta: 199,00 zł", "PLN", "199.00"),  # a shop's current deal, no auction's bid
    ("EMI · 14,99 €", "EUR", "14.99"),  # a record label, no instalment
])
def test_ordinary_price_labels_that_resemble_other_figures(line: str, currency: str, want: str) -> None:
    html = _doc(f'<div class="product"><h1>Item</h1><p class="price">{line}</p><button class="add-to-cart">Add to cart</button>'
                '</div>')
    assert extract(html, "u", default_currency=currency).price == Decimal(want)


def test_korean_reward_credit_is_no_price() -> None:
    html = _doc('<h1>비타민C 앰플 30ml</h1><dl><div><dt>정가</dt><dd><del>40,000원</del></dd></div><div><dt>판매가</dt><dd>'
                '<strong>20%</strong> <strong>32,000원</strong></dd></div><div><dt>적립금</dt><dd>320원 (1%)</dd></div></dl>'
                '<button class="add-to-cart">장바구니 담기</button>')
    assert extract(html, "u", default_currency="KRW").price == Decimal("32000")


@pytest.mark.parametrize("count", ["248 products", "248 produtos"])
def test_a_heading_followed_by_a_count_of_products_is_a_category_page(count: str) -> None:
    tile = ('<div class="sb-tile"><a href="/p/9"><span class="sb-tile__name">Müller Corner 6x124g</span></a><div class="sb-'
            'tile__price"><s>£4.00</s> <span class="sb-tile__price-now">£3.00</span></div><button type="button" aria-label='
            '"Add Müller Corner 6x124g">+</button></div>')
    html = _doc(f'<h1 class="sb-plp__title">Dairy, eggs &amp; chilled</h1><p class="sb-plp__count">{count}</p>'
                f'<div class="sb-plp__filters"><select><option>Sort by: Relevance</option></select></div>{tile}')
    assert extract(html, "u", default_currency="GBP").price is None


def _swedish_basket(kind: str) -> str:
    if kind == "quantity boxes":
        rows = "".join(f'<tr><td><a href="/p/{i}">{name}</a></td><td><input type="number" name="antal[{i}]" value="{n}"></td>'
                       f'<td>{price} kr</td></tr>' for i, (name, n, price) in enumerate((("Skruv 5x50, 200 st", 2, "189,00"),
                                                                                         ("Plugg 8 mm, 100 st", 1, "776,00"))))
        return _doc(f'<h1>Din kundvagn</h1><table>{rows}</table><table class="summering"><tr><th>Delsumma</th><td>1 154,00 kr'
                    '</td></tr><tr><th>Varav moms 25 %</th><td>246,60 kr</td></tr><tr><th>Att betala</th><td>1 233,00 kr</td></tr>'
                    '</table>')
    rows = "".join(f'<tr class="cart-row"><td>{name}</td><td>{n}</td><td>{price} kr</td></tr>'
                   for name, n, price in (("Loka Citron 1,5 l", 2, "33,80"), ("Arla Mellanmjölk 1,5 l", 1, "19,95")))
    return _doc(f'<h1>Varukorg</h1><table class="cart-table">{rows}</table><div class="cart-summary"><p>Varor: 53,75 kr</p>'
                '<p>Plockavgift: 39,00 kr</p><p>Att betala: 92,75 kr</p></div><button class="ic-btn">Till kassan</button>')


@pytest.mark.parametrize("kind", ["quantity boxes", "a total to pay"])  # "Din kundvagn"; "Varukorg" ... "Att betala:"
def test_a_swedish_basket_page_holds_no_price_of_a_product(kind: str) -> None:
    assert extract(_swedish_basket(kind), "u", default_currency="SEK").price is None


def test_a_taobao_page_reads_its_promotional_price_not_its_coupon_or_express_fee() -> None:
    html = _doc('<h3 class="tb-main-title">春秋新款纯棉休闲卫衣男宽松</h3><ul class="tb-meta"><li class="tb-detail-price"><span>价格</span>'
                '<strong><em>¥</em><del>159.00</del></strong></li><li class="tb-promo-price"><span>淘宝价</span><em>¥</em><strong>89.00'
                '</strong></li><li class="tb-coupon"><span>券后价</span> ¥79 <a>领券</a></li><li>快递 ¥8.00 （满99包邮）</li></ul>'
                '<div class="tb-action"><a class="J_LinkBuy">立即购买</a><a class="J_LinkAdd">加入购物车</a></div>')
    assert extract(html, "u", default_currency="CNY").price == Decimal("89.00")


@pytest.mark.parametrize(("body", "currency", "want"), [
    # a deposit to pay now, named with its moment ("Pay a 50% deposit today:"), beside the configured total
    ('<h1>The Hampstead</h1><p class="total">Price for 1 alcove: <strong>£1,450.00</strong></p>'
     '<p>Pay a 50% deposit today: <strong>£725.00</strong></p><button>Add to basket</button>', "GBP", "1450.00"),
    # a bundle's saving in Portuguese ("Poupas 19,99 €")
    ('<h1>Pack Horizonte de Cinzas + Passe</h1><div class="precos"><p>Preço dos artigos em separado: <s>79,98 €</s>'
     '</p><p class="preco-atual">59,99 €</p><p>Poupas 19,99 € com o pack · IVA incluído</p></div>'
     '<button>Adicionar ao carrinho</button>', "EUR", "59.99"),
    # a shop that prints its price without a sign, beside a bottle deposit, a price per litre and a pick-up fee,
    # each named in Dutch after or before its amount
    ('<h1>Coca-Cola Zero 1,5 L</h1><div class="price-amount"><span>2</span><span>.</span><span>39</span></div>'
     '<div>Excl. <strong>€0,25</strong> statiegeld</div><button>In winkelwagen</button>', "EUR", "2.39"),
    ('<h1>Coca-Cola Zero 1,5 L</h1><div class="price-amount"><span>2</span><span>.</span><span>39</span></div>'
     '<div>1,5 l · prijs per lt €1.59</div><button>In winkelwagen</button>', "EUR", "2.39"),
    ('<h1>Coca-Cola Zero 1,5 L</h1><div class="price-amount"><span>2</span><span>.</span><span>39</span></div>'
     '<button>In winkelwagen</button><ul><li>Ophalen bij een ophaalpunt vanaf €0,99</li></ul>', "EUR", "2.39"),
    # a Swedish auction that also sells outright ("Köp nu"); one without that has no price to pay
    ('<h1>Rörstrand kaffekanna</h1><div class="bid-box"><span>Ledande bud</span> <span>450 kr</span> (7 bud)'
     '<button>Lägg bud</button><p>Köp nu-pris <span>1 200 kr</span></p><button>Köp nu</button></div>', "SEK", "1200"),
    ('<h1>Canon AE-1 Program</h1><div class="bid-box"><p><span>Ledande bud</span> <span>1 250 kr</span></p>'
     '<p><span>Utropspris</span> <span>500 kr</span></p><button>Lägg bud</button></div>', "SEK", None),
])
def test_deposits_savings_fees_and_bids_named_in_more_words(body: str, currency: str, want: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == (None if want is None else Decimal(want)), e.rejected


def test_a_calculators_total_in_italian_is_no_price_of_one() -> None:
    body = ('<h1>Gres Rovere Miele 20 x 120 cm</h1><div class="m-price"><span>€ 29,85</span> / confezione</div>'
            '<div class="calc">Ti servono 15 confezioni · Totale <strong>€ 447,75</strong></div>'
            '<button>Aggiungi al carrello</button>')
    e = extract(_doc(body), "u", default_currency="EUR")
    assert e.price == Decimal("29.85") and ("€ 447,75", "basket total") in e.rejected, e.rejected


def test_a_marketplace_page_reads_its_buy_box_not_another_sellers_lower_offer() -> None:
    ld = ('{"@type":"Product","name":"Horizonte de Cinzas - PS5","offers":{"@type":"AggregateOffer","lowPrice":289,'
          '"highPrice":299.9,"priceCurrency":"BRL","offers":[{"@type":"Offer","price":299.9,"priceCurrency":"BRL",'
          '"seller":{"name":"Arena Gamer"}},{"@type":"Offer","price":289,"priceCurrency":"BRL",'
          '"seller":{"name":"Games Plus SP"}}]}}')
    body = ('<h1>Horizonte de Cinzas - PS5</h1><p>De <s>R$ 349,90</s> Por <span class="selling-price">R$ 299,90</span></p>'
            '<button>Comprar</button><p>Vendido e entregue por <strong>Arena Gamer</strong></p>'
            '<p><a href="#sellers">Mais 1 oferta a partir de R$ 289,00</a> vendida por Games Plus SP</p>')
    e = extract(_doc(body, head=f'<script type="application/ld+json">{ld}</script>'), "u", default_currency="BRL")
    assert e.price == Decimal("299.90"), e.rejected


@pytest.mark.parametrize("body", [
    # a Danish basket: its quantity fields are labelled "Antal"
    '<h1>Din kurv (2 varer)</h1><table><tr><td>Vægmaling 10 L</td><td><input value="2" aria-label="Antal"></td>'
    '<td>1.698,00 kr.</td></tr><tr><td>Pensel</td><td><input value="1" aria-label="Antal"></td><td>89,95 kr.</td></tr>'
    '</table><p>I alt 1.787,95 kr.</p><button>Gå til kassen</button>',
    # a checkout step
    '<h1>Bestellung abschließen</h1><ul><li>2 x Apfelschorle 18,99 €</li><li>Pfand 3,30 €</li></ul>'
    '<p>Gesamtsumme <strong>22,29 €</strong></p><button>Zahlungspflichtig bestellen</button>',
])
def test_baskets_and_checkout_steps_hold_no_products_price(body: str) -> None:
    e = extract(_doc(body), "u", default_currency="DKK" if "kurv" in body else "EUR")
    assert e.price is None, e


def test_a_price_trackers_history_page_holds_no_price_to_pay() -> None:
    html = ('<html><head><title>Ninja DZ550 Foodi Air Fryer – Amazon price tracker, Amazon price history charts |'
            ' PriceTrail</title></head><body><h1>Amazon price history for Ninja DZ550 Foodi 10 Quart 6-in-1 DualZone'
            ' Smart XL Air Fryer</h1><table><tr><td>Highest</td><td>$279.99</td></tr><tr><td>Lowest</td>'
            '<td>$159.99</td></tr></table><a class="btn" href="https://www.amazon.com/dp/B0BXN6S2Q7">View at Amazon</a>'
            '</body></html>')
    assert extract(html, "u", default_currency="USD").price is None


@pytest.mark.parametrize(("stores", "currency", "want"), [
    ('<li>Laval (boul. Saint-Martin) : 6 en stock</li><li>Montréal – Marché Central : Rupture de stock</li>', "CAD",
     "in_stock"),
    ('<li>Praha-Čestlice: 4 ks</li><li>Ostrava: Není skladem</li><li>Plzeň: 1 ks</li>', "CZK", "in_stock"),
    ('<li>Brixo Gent: 5 op voorraad</li><li>Brixo Aalst: Niet op voorraad</li>', "EUR", "in_stock"),
    # a product's own facts, one of them its stock: that is the product's
    ('<li>Marque : Boréale</li><li>Code : 58213</li><li>Disponibilité : Rupture de stock</li>', "CAD", "out_of_stock"),
])
def test_one_stores_empty_shelf_is_not_the_products_stock(stores: str, currency: str, want: str) -> None:
    html = _doc(f'<h1>Chauffe-terrasse au propane</h1><p class="price">349,99 $</p><button>Ajouter au panier</button>'
                f'<div class="stores"><h2>Ramassage en magasin</h2><ul>{stores}</ul></div>')
    assert extract(html, "u", default_currency=currency).availability == want


def test_a_used_items_sold_out_grade_is_not_the_chosen_ones_stock() -> None:
    html = _doc('<h1>Sony A7 III (gebraucht)</h1><div class="conditions">'
                '<button class="condition-tile is-selected"><span>Sehr gut</span> <span>1.089,00 €</span></button>'
                '<button class="condition-tile condition-tile--soldout" disabled><span>Gut</span> <span>ausverkauft</span>'
                '</button></div><button class="add-to-cart">In den Warenkorb</button>')
    e = extract(html, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("1089.00"), "in_stock")


def test_a_hungarian_pre_order_button_and_a_points_worth_in_forints() -> None:
    html = _doc('<h1>A Duna-parti ház</h1><p>Bolti ár: <s>5 990 Ft</s></p><p>Online ár: <span>4 990 Ft</span></p>'
                '<p>Törzsvásárlói pont: 250 pont (1 pont = 1 Ft)</p><form><button>Előrendelem</button></form>')
    e = extract(html, "u", default_currency="HUF")
    assert (e.price, e.availability) == (Decimal(4990), "preorder"), e.rejected


@pytest.mark.parametrize(("statement", "currency"), [
    ("Your price will appear here once you've picked a case, processor and memory.", "GBP"),
    ("Maak eerst je keuzes", "EUR"),
    ("Selecciona el tamaño y el acabado para calcular el precio", "EUR"),
    ("Vælg moduler, stof og ben for at se prisen", "DKK"),
])
def test_a_configurator_before_any_choice_has_no_price(statement: str, currency: str) -> None:
    sign = {"GBP": "£", "EUR": "€ ", "DKK": "kr. "}[currency]
    body = (f'<h1>Build your own</h1><fieldset><label><input type="radio" name="a"> Option A <span class="delta">+ {sign}250'
            f'</span></label><label><input type="radio" name="a"> Option B <span class="delta">+ {sign}390</span></label>'
            f'</fieldset><div class="summary"><p class="summary__price">{statement}</p>'
            f'<p class="summary__extra">Bottle holder <span class="price">{sign}69,95</span></p></div>'
            f'<button>Add to basket</button>')
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price is None, e


@pytest.mark.parametrize(("head", "body", "currency"), [
    ("<title>Track your order HF-20931877 | Hartley &amp; Finch</title>",
     "<h1>Your order is on its way</h1><ul><li>Linen shirt x2 <span>£18.00</span></li></ul><p>Total £125.00</p>", "GBP"),
    ("<title>Robot sprzątający - Niska cena na Allegro</title>",
     '<h1>robot sprzątający <small>5 635 ofert</small></h1><article><h2>Oferta wyróżniona</h2><p>Robot X10'
     ' <span>1 299,00 zł</span></p><button>Dodaj do koszyka</button></article>', "PLN"),
    ("<title>Krämig laxpasta med citron och dill | Recept Stadsbutiken</title>",
     "<h1>Krämig laxpasta med citron och dill</h1><p>En snabb vardagsfavorit som är klar på 25 minuter.</p>"
     "<h2>Handla receptet</h2><ul><li>Laxfilé 89:90 kr/st</li><li>Pasta 24,90 kr</li></ul>", "SEK"),
])
def test_order_tracking_search_and_recipe_pages_hold_no_products_price(head: str, body: str, currency: str) -> None:
    assert extract(_doc(body, head=head), "u", default_currency=currency).price is None


def test_a_sold_out_rakuten_page_keeps_its_last_price_only_as_a_previous_one() -> None:
    body = ('<h1>圧力IH炊飯器 NW-KM10</h1><p class="soldout">売り切れました</p><p class="restock-last"><small>前回販売価格：'
            '34,800円（税込）</small></p><div class="rec-box"><h2>この商品を見た人はこんな商品も見ています</h2><ul><li>'
            '<span class="rec-name">NW-KM10 ホワイト</span><span class="rec-price">34,800円</span></li></ul></div>')
    assert extract(_doc(body), "u", default_currency="JPY").price is None


def test_wix_reads_its_primary_price_past_the_secondary_ones_screen_reader_label() -> None:
    body = ('<h1>Fjordhumle Pale Ale – 6-pak</h1><div data-hook="product-price"><span data-hook="formatted-secondary-price"'
            ' class="ProductPrice_secondary">179,00 kr.</span><span class="sr-only">Normalpris</span><span data-hook='
            '"formatted-primary-price" class="ProductPrice_primary">149,00 kr.</span><span class="sr-only">Udsalgspris'
            '</span></div><button data-hook="add-to-cart">Læg i kurv</button>')
    e = extract(_doc(body), "u", default_currency="DKK")
    assert (e.price, e.was_price) == (Decimal("149.00"), Decimal("179.00")), e.rejected


@pytest.mark.parametrize(("head", "body", "currency"), [
    ("<title>Shopping Bag | Kilbeggan Crafts</title>",
     '<h1 class="page-title">Shopping Bag</h1><table><tr><td>Wool throw</td><td><input type="number" class="qty" value="1">'
     '</td><td>€89.00</td></tr><tr><td>Candle</td><td><input type="number" class="qty" value="2"></td><td>€43.20</td>'
     '</tr></table>'
     '<p>Subtotal €175.40</p><button>Proceed to Checkout</button>', "EUR"),
    ("<title>Best heat pumps for NZ homes 2025 | Warm Homes NZ</title>",
     "<h1>Best heat pumps for NZ homes 2025: our buying guide</h1><p>The Daikin Cora costs about <strong>$2,799</strong>"
     " installed.</p><p>Fujitsu's Lifestyle range starts near $2,499.</p>", "NZD"),
])
def test_a_shopping_bag_and_a_buying_guide_hold_no_products_price(head: str, body: str, currency: str) -> None:
    assert extract(_doc(body, head=head), "u", default_currency=currency).price is None


@pytest.mark.parametrize(("body", "currency", "want"), [
    # a product named by how many it holds, not a page of results
    ('<h1>Kit Cronograma Capilar 4 Produtos</h1><div class="price">R$ 89,90</div><button>Comprar</button>', "BRL",
     "89.90"),
    # a deposit note after the product's own price, not naming an amount of its own
    ('<h1>Apfelschorle 12 x 0,7 l</h1><p><span class="price">17,99 €</span> <span>Pfand wird an der Kasse berechnet'
     '</span></p><button>In den Warenkorb</button>', "EUR", "17.99"),
    # a sale price followed by its was price's label and amount
    ('<h1>Ullfilt</h1><p><span class="price">299 kr</span> <span>Normalpris 399 kr</span></p>'
     '<button>Lägg i varukorg</button><p>Presentinslagning: 25 kr</p>', "SEK", "299"),
    # a Japanese list price label before the price itself, with a full-width colon
    ('<h1>文庫本 夜の庭</h1><p class="price">定価：1,650円（税込）</p><button>カートに入れる</button><p>ブックカバー：110円</p>',
     "JPY", "1650"),
    ('<h1>Schroef 4 x 40 mm</h1><p class="price">Prijs per stuk: € 0,49</p><button>In winkelwagen</button>', "EUR",
     "0.49"),
    ('<h1>Set asciugamani</h1><p>Prezzo totale: <span class="price">€ 49,90</span></p><button>Aggiungi al carrello'
     '</button>', "EUR", "49.90"),
    ('<h1>Haveslange 20 m</h1><div class="price">49,95 kr.</div><p>Vælg dit varehus for at se prisen i butikken</p>'
     '<button>Læg i kurv</button>', "DKK", "49.95"),
    ('<h1>Tegellijm 25 kg</h1><div class="price">€ 24,99 <span>Gratis ophalen bij de winkel</span></div>'
     '<button>In winkelwagen</button>', "EUR", "24.99"),
    # a link to other sellers' offers beside the product's own price
    ('<h1>Fone Bluetooth X3</h1><p class="price">R$ 199,90 <a href="#sellers">ver outras ofertas</a></p>'
     '<button>Comprar</button>', "BRL", "199.90"),
    ('<h1>Kettle K2</h1><p class="price">£19.99 <a href="#offers">See more offers</a></p><button>Add to basket</button>',
     "GBP", "19.99"),
])
def test_words_beside_a_products_own_price_leave_it_the_price(body: str, currency: str, want: str) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(want), e.rejected


@pytest.mark.parametrize("body", [
    # the product's facts, one a count: its stock row is its own
    '<h1>Pale Ale 6-pack</h1><p class="price">£12.00</p><button disabled>Add to cart</button><ul><li>SKU: 48213</li>'
    '<li>Status: Sold out</li><li>Pack size: 6</li></ul>',
    # grams before the sold-out words: no size named
    '<h1>Caffè in grani</h1><p class="price">€ 18,90</p><p class="stock">Confezione 1000 gr esaurito</p>',
])
def test_a_products_own_sold_out_words_beside_counts_and_grams_stand(body: str) -> None:
    assert extract(_doc(body), "u", default_currency="EUR").availability == "out_of_stock"


def test_a_czech_discontinued_notice_a_polish_auctions_current_bid_and_a_refurbished_sellers_offer() -> None:
    gone = _doc('<h1>Robotický vysavač R7</h1><div class="discontinued"><p><strong>Produkt se již neprodává</strong></p>'
                '<p>Doporučujeme nástupce:</p><div class="card"><a href="/r8">R8</a> <span>11 990 Kč</span></div></div>')
    assert extract(gone, "u", default_currency="CZK").price is None
    auction = _doc('<h1>Rower trekkingowy Kross Trans 5.0</h1><div class="auction"><p>Aktualna cena: <strong>450,00 zł'
                   '</strong> · 17 ofert · 9 licytujących</p><button>Licytuj</button></div>')
    assert extract(auction, "u", default_currency="PLN").price is None
    ld = ('{"@type":"Product","name":"Sony WH-CH720N","offers":{"@type":"AggregateOffer","lowPrice":"59.90",'
          '"highPrice":"79.99","priceCurrency":"EUR","offers":[{"@type":"Offer","price":"79.99","priceCurrency":"EUR"},'
          '{"@type":"Offer","price":"74.90","priceCurrency":"EUR"},{"@type":"Offer","price":"59.90","priceCurrency":"EUR",'
          '"itemCondition":"https://schema.org/RefurbishedCondition"}]}}')
    body = ('<h1>Sony WH-CH720N</h1><p><s>99,99 €</s> <span class="price">79,99 €</span></p><button>Comprar</button>'
            '<p>Vendido por AudioMax PT: 74,90 € + 3,99 € portes</p>'
            '<p>Vendido por Recondicionados.pt (recondicionado, grau A): 59,90 €</p>')
    e = extract(_doc(body, head=f'<script type="application/ld+json">{ld}</script>'), "u", default_currency="EUR")
    assert e.price == Decimal("79.99"), e.rejected


def test_a_turkish_basket_page_holds_no_products_price() -> None:
    body = ('<h1>Sepetim (3 Ürün)</h1><ul><li>Kulaklık <input value="1"> <span>1.249,00 TL</span></li><li>Kılıf'
            ' <input value="1"> <span>249,99 TL</span></li></ul><div class="summary"><h2>Sipariş Özeti</h2><dl>'
            '<dt>Ürünün Toplamı</dt><dd>2.248,89 TL</dd><dt>Toplam</dt><dd><strong>2.148,89 TL</strong></dd></dl></div>')
    assert extract(_doc(body), "u", default_currency="TRY").price is None


# what the blind sets holdout225 and holdout227 found, each read wrong before its rule: (page, head, currency,
# expected price, expected availability, why)
BLIND_225_227: list[tuple[str, str, str, str | None, str | None, str]] = [
    ('<h1>Telefon Galaxy S25</h1><div class="product-page-pricing"><p class="product-old-price">PRP: <s>2.899<sup>99'
     '</sup> Lei</s></p><p class="product-new-price">2.549<sup>99</sup> <span>Lei</span></p><button class="btn">Adaugă'
     ' în coș</button></div><div class="resealed-offer"><div class="resealed-offer__title">Resigilat</div><p>Produs'
     ' resigilat, verificat.</p><p class="resealed-offer__price">de la <span class="product-new-price">2.189<sup>99</sup>'
     ' <span>Lei</span></span></p><a class="btn btn-link" href="/r">Vezi oferta</a></div>', "", "RON", "2549.99", None,
     "a marketplace's resealed offer below its own"),
    ('<h1>Раница Speed Lite 21</h1><ul class="price-block"><li><h2>45,00 &euro; <small>(88,01 лв.)</small></h2></li>'
     '<li>Без ДДС: 37,50 &euro;</li></ul><p>Наличност: <span class="stock-out">Изчерпан</span></p>'
     '<button disabled>Изчерпан</button>', "", "EUR", "45.00", "out_of_stock", "Bulgarian: without VAT, sold out"),
    ('<div class="title page-title">Ελαιόλαδο Κορωνέικη 5 λίτρα</div><ul><li class="product-stock in-stock"><b>'
     'Διαθεσιμότητα:</b> <span>Άμεσα διαθέσιμο</span></li></ul><div class="product-price-group"><div class="price-wrapper">'
     '<div class="product-price-new">42,90€</div><div class="product-price-old">47,90€</div></div><div class="product-tax">'
     'Χωρίς ΦΠΑ: 37,96€</div><div class="product-points unit-price">Τιμή ανά λίτρο: 8,58€</div></div><a id="button-cart"'
     ' class="btn btn-cart"><span>Προσθήκη στο καλάθι</span></a>', "", "EUR", "42.90", "in_stock",
     "a Greek price per litre; Greek stock words"),
    ('<h1>Apple iPhone 13 128GB</h1><div class="sku-unavailable"><p class="unavailable-title">Δεν είναι διαθέσιμο σε'
     ' κανένα κατάστημα αυτή τη στιγμή</p><button>Ειδοποίηση</button></div>', "", "EUR", None, "out_of_stock",
     "a Greek 'not available in any shop' beside no price"),
    ('<h1>Álafoss lopapeysa</h1><div class="vara__verd"><span>24.990 kr.</span> <span>Verð áður <s>29.990 kr.</s></span>'
     '</div><label><input type="radio" name="s" value="XS" disabled> XS <em>uppselt</em></label><label><input type="radio"'
     ' name="s" value="M" checked> M</label><p class="vara__lager">&#10003; Til á lager &ndash; sent næsta virka dag</p>'
     '<button type="submit">Setja í körfu</button>', "", "ISK", "24990", "in_stock", "Icelandic stock words"),
    ('<h1>Lopapeysa</h1><div class="vara__verd"><span>24.990 kr.</span></div><p class="vara__lager">Uppselt</p>'
     '<button type="submit" disabled>Setja í körfu</button>', "", "ISK", "24990", "out_of_stock",
     "Icelandic sold out"),
    ('<h1>Philips EP2231/40</h1><div class="product__discontinued-box"><h2>Ši prekė nebeprekiaujama</h2><p class="product__'
     'availability">Prieinamumas: <b>Neturime</b></p></div>', "", "EUR", None, "out_of_stock",
     "a Lithuanian discontinued product, no price"),
    ('<h1>Gift Certificates</h1><form><label for="a">Amount</label><span>$</span><input id="a" name="certificate_amount">'
     '<small>Must be between $25.00 and $500.00</small><button type="submit">Add Gift Certificate to Cart</button></form>',
     "", "USD", None, None, "a gift card's free amount and its bounds"),
    ('<h1>Smartphone X12 128 GB</h1><div class="selling-price"><span class="price">649,00&nbsp;€</span></div>'
     '<button>Añadir al carrito</button><div class="vtex-seller-selector-0-x-container"><p>Otras ofertas para este'
     ' producto</p><div class="vtex-seller-selector-0-x-sellerRow"><span>MovilesYa</span> · <span class="vtex-seller-'
     'selector-0-x-sellerPrice">629,00&nbsp;€</span></div></div>',
     '<script type="application/ld+json">{"@type":"Product","name":"Smartphone X12 128 GB","offers":{"@type":'
     '"AggregateOffer","lowPrice":629,"highPrice":649,"priceCurrency":"EUR","offerCount":2}}</script>', "EUR", "649.00",
     None, "VTEX's seller selector: the AggregateOffer's low is another seller's"),
]


@pytest.mark.parametrize(("body", "head", "currency", "price", "stock", "why"), BLIND_225_227,
                         ids=[r[5] for r in BLIND_225_227])
def test_pages_the_blind_sets_holdout225_and_holdout227_found(body: str, head: str, currency: str, price: str | None,
                                                              stock: str | None, why: str) -> None:
    e = extract(_doc(body, head=head), "https://shop.example/p/1", default_currency=currency)
    assert e.price == (None if price is None else Decimal(price)), (why, e.rejected)
    if stock is not None:
        assert e.availability == stock, why


@pytest.mark.parametrize("body_class", ["page-template-default woocommerce-checkout woocommerce-page",
                                        "sales-guest-view page-layout-1column", "checkout-index-index"])
def test_a_checkout_or_an_order_page_by_its_body_class(body_class: str) -> None:
    review = ('<h1>Kassa</h1><table class="shop_table"><tr><td>Kahvi 500 g × 1</td><td><span class="amount">18,90 €'
              '</span></td></tr><tr><th>Yhteensä</th><td><strong>37,80 €</strong></td></tr></table>'
              '<button type="submit">Tee tilaus</button>')
    assert extract(_doc(review, body_attrs=f' class="{body_class}"'), "u", default_currency="EUR").price is None


def _product(title: str, price: str, stock_html: str, button: str = '<button class="add-to-cart">Add to cart</button>',
             price_class: str = "price-value") -> str:
    return (f'<h1 class="product-title">{title}</h1><div class="price"><span class="{price_class}">{price}</span></div>'
            f'{stock_html}{button}')


@pytest.mark.parametrize(("stock_html", "disabled", "want"), [
    ('<p class="availability">Няма в наличност</p>', True, "out_of_stock"),  # its "в наличност" is no "in stock"
    ('<p class="availability">Не в наличии</p>', True, "out_of_stock"),
    ('<p class="availability">Δεν είναι πλέον διαθέσιμο</p>', True, "out_of_stock"),
    ('<p class="availability">Відсутній на складі</p>', True, "out_of_stock"),
    ('<p class="stock-badge">Σχεδόν εξαντλήθηκε!</p>', False, "in_stock"),  # almost sold out: still sold
    ('<p class="stock-badge">Почти распродано!</p>', False, "in_stock"),
    ('<p class="availability">Άμεσα διαθέσιμο</p><p class="store-info">Δεν είναι διαθέσιμο για παραλαβή από το'
     ' κατάστημα</p>', False, "in_stock"),  # not for pick-up, but sold
    ('<p class="availability">В наличии</p><p class="store">Нет в наличии в магазине на Тверской</p>', False, "in_stock"),
], ids=["bg-none-in-stock", "ru-not-in-stock", "el-no-longer", "uk-absent", "el-almost", "ru-almost", "el-no-pick-up",
        "ru-one-store"])
def test_cyrillic_and_greek_stock_phrases_read_whole(stock_html: str, disabled: bool, want: str) -> None:
    button = f'<button class="add-to-cart"{" disabled" if disabled else ""}>Добави</button>'
    e = extract(_doc(_product("Утюг GC1742", "59,90 €", stock_html, button)), "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("59.90"), want), e.rejected


@pytest.mark.parametrize("badge", ["Almost sold out!", "Nearly sold out", "Fast ausverkauft", "Bijna uitverkocht",
                                   "Presque épuisé", "Casi agotado", "Quasi esaurito", "Nästan slutsåld"])
def test_almost_sold_out_still_sells(badge: str) -> None:
    page = _doc(_product("Camp Stove Pro", "49,99 €", f'<p class="stock-badge">{badge}</p>'))
    e = extract(page, "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("49.99"), "in_stock"), e.rejected


@pytest.mark.parametrize("badge", ["Selling fast<br>Sold out", "English Breakfast sold out", "Skoro produkt vyprodáno",
                                   "Going fast</span> <span>Out of stock"])
def test_a_word_before_sold_out_that_is_no_almost(badge: str) -> None:
    page = _doc(_product("Camp Stove Pro", "49,99 €", f'<p class="stock-status"><span>{badge}</span></p>',
                         '<button class="notify" disabled>Notify me</button>'))
    assert extract(page, "u", default_currency="EUR").availability == "out_of_stock"


def test_the_words_and_classes_of_other_offers_leave_the_products_own_price_alone() -> None:
    # WooCommerce One Page Checkout: a product page whose body is also a checkout's
    opc = _doc(_product("Toaster HD2581", '<span class="woocommerce-Price-amount amount"><bdi>29,90&nbsp;<span class='
                        '"woocommerce-Price-currencySymbol">&euro;</span></bdi></span>', '<p class="stock in-stock">In stock'
                        '</p>', '<form class="cart"><button type="submit" name="add-to-cart" class="single_add_to_cart_'
                        'button">Add to basket</button></form>'), body_attrs=' class="single single-product postid-123'
               ' woocommerce woocommerce-checkout"')
    assert extract(opc, "u", default_currency="EUR").price == Decimal("29.90")
    resealed_flag = _doc(_product("Laptop IdeaPad 3", '<div class="buybox" data-resealed="false"><span class="amount">'
                                  '€499.99</span></div>', '<p class="stock">In stock</p>'))
    assert extract(resealed_flag, "u", default_currency="EUR").price == Decimal("499.99")
    main_seller = _doc(_product("Liquidificador Walita", '<div class="product-seller-selector-main"><span class="amount">'
                                'R$ 199,90</span><span>Vendido e entregue por Loja</span></div>', '<p>Em estoque</p>',
                                '<button class="add-to-cart">Comprar</button>'))
    assert extract(main_seller, "u", default_currency="BRL").price == Decimal("199.90")
    # another seller's amount named just before its "more offers", the product itself unavailable
    others = _doc('<h1>Toaster HD2581</h1><div class="offers-hint"><a href="#offers">£17.99 · 3 more offers</a></div>'
                  '<p class="availability">Currently unavailable.</p>')
    assert extract(others, "u", default_currency="GBP").price is None


@pytest.mark.parametrize(("label", "amount", "currency", "want"), [
    ("Preț unitar:", "12,50 lei", "RON", "12.50"),  # Romanian: the price of one item
    ("Τιμή ανά τεμάχιο:", "1,20 €", "EUR", "1.20"),  # price per piece
])
def test_a_price_per_item_label_is_the_price(label: str, amount: str, currency: str, want: str) -> None:
    body = _product("Biblioraft A4, 75 mm", f'<span class="lbl">{label}</span> <span class="amount">{amount}</span>',
                    '<p class="stock">In stock</p>')
    assert extract(_doc(body), "u", default_currency=currency).price == Decimal(want)


def test_one_sold_out_size_in_a_list_of_priced_sizes_is_that_sizes() -> None:
    sizes = ('<ul class="pdp-sizes_list"><li><a href="/55" class="pdp-size"><span class="pdp-size_label">55"</span><span'
             ' class="pdp-size_price">699,00 €</span></a></li><li><span class="pdp-size pdp-size--selected" aria-current='
             '"true"><span class="pdp-size_label">65"</span><span class="pdp-size_price">899,00 €</span></span></li><li>'
             '<span class="pdp-size pdp-size--disabled"><span class="pdp-size_label">75"</span><span class="pdp-size_price">'
             'Agotado</span></span></li></ul>')
    body = (f'<h1 class="pdp-title">TV QLED 65" Q80F</h1>{sizes}<div class="pdp-prices"><span class="price-sale">899<span>'
            ',00</span> <span>€</span></span> <span class="price-unit--original">1.199,00 €</span></div><button class='
            '"add-to-cart">Añadir a la cesta</button><div class="pdp-stock">Disponible</div>')
    e = extract(_doc(body), "u", default_currency="EUR")
    assert (e.price, e.availability) == (Decimal("899.00"), "in_stock"), e.rejected


@pytest.mark.parametrize(("body", "currency", "want"), [
    # a rebate voucher of so much ("returns a 100 yuan accessories voucher"), the page's one amount
    ('<h1>小米15 12GB+256GB 白色</h1><div class="summary-promotion"><em>满额返券</em> 购买立返100元配件券</div><a href="/cart?pid=1"'
     ' class="btn-special1">加入购物车</a>', "CNY", None),
    # eMAG's Genius price, for its members only, shown first
    ('<h1>Aspirator robot X8</h1><div class="genius-price-box"><span class="genius-price">1.249<sup>99</sup> <span>Lei</span>'
     '</span> <span class="genius-label">preț Genius · doar pentru membri</span></div><p class="product-new-price">1.299<sup>99'
     '</sup> <span>Lei</span></p><button class="btn-emag">Adaugă în coș</button>', "RON", "1299.99"),
])
def test_a_voucher_and_a_members_price_are_not_the_price(body: str, currency: str, want: str | None) -> None:
    assert extract(_doc(body), "u", default_currency=currency).price == (None if want is None else Decimal(want))


@pytest.mark.parametrize(("title", "body_class"), [
    ("Seguimiento de pedido DN-2026-0048213 | Deportes Nova", ""),
    ("Mi cuenta | Deportes Nova", "order-tracking"),
])
def test_an_order_tracking_page_holds_no_price(title: str, body_class: str) -> None:
    page = (f'<html><head><title>{title}</title></head><body class="{body_class}"><main><h1>Seguimiento de tu pedido</h1><ol>'
            '<li>Pedido recibido</li><li>Enviado</li></ol><div class="line-item"><h3>Zapatillas Trail X</h3><span class="price">'
            '89,95 €</span></div><p>Total: 160,83 €</p><a class="btn" href="/ayuda">Contactar</a></main></body></html>')
    assert extract(page, "u", default_currency="EUR").price is None


@pytest.mark.parametrize(("title", "body_class"), [("お探しのページが見つかりません | 白と糸 公式オンラインストア", ""),
                                                  ("Oups | Boutique", "page-404")])
def test_a_not_found_page_by_its_japanese_title_or_its_body_class(title: str, body_class: str) -> None:
    page = (f'<html><head><title>{title}</title></head><body class="{body_class}"><main><h2>おすすめ</h2><div class="item"><a'
            ' href="/p/1">リネンシャツ</a><span class="price">4,180円</span><button>カートに入れる</button></div></main></body></html>')
    assert extract(page, "u", default_currency="JPY").price is None


@pytest.mark.parametrize(("stock", "want"), [
    ('<span class="badge product-available">En stock</span> <span class="small">· Taille L : rupture de stock, réassort prévu'
     ' fin mars</span>', "in_stock"),  # one size named before its colon
    ('<span class="badge">Taille : rupture de stock</span>', "out_of_stock"),  # no size named: the product's own
])
def test_a_size_named_before_a_colon_owns_its_sold_out_words(stock: str, want: str) -> None:
    body = (f'<h1>Casque urbain MIPS</h1><div class="current-price"><span class="price">79,99 €</span></div><div'
            f' id="product-availability">{stock}</div><button class="add-to-cart">Ajouter au panier</button>')
    assert extract(_doc(body), "u", default_currency="EUR").availability == want


# pages a review of holdout229's rules built, each read right before them: (page, currency, price, availability)
REVIEW_229: list[tuple[str, str, str, str | None]] = [
    # the page's columns are a list, its gallery's item "active": the buy box's item is no unchosen option
    ('<ul class="product-columns"><li><div class="gallery active"><img src="a.jpg" alt=""></div></li><li><h1>Bosch PSB'
     ' 1800</h1><span class="price">€ 89,99</span><p class="availability">Auf Lager</p><button class="add-to-cart"'
     ' type="submit">In den Warenkorb</button></li></ul>', "EUR", "89.99", "in_stock"),
    # a facts list whose rating item is "active": its stock item is the product's
    ('<h1>Bosch PSB 1800</h1><div class="price-box"><span class="price">€ 89,99</span></div><ul class="product-facts"><li>'
     '<span class="rating active">★★★★☆</span></li><li>Art.-Nr.: 06039A3300</li><li class="availability">Ausverkauft</li>'
     '</ul><button class="add-to-cart" type="submit" disabled>In den Warenkorb</button>', "EUR", "89.99", "out_of_stock"),
    ('<ul class="product-actions"><li><a class="wishlist-toggle active">Auf dem Merkzettel</a></li><li><span class="price">'
     '€ 89,99</span></li><li><button class="add-to-cart">In den Warenkorb</button></li></ul><h1>Bosch PSB 1800</h1>',
     "EUR", "89.99", None),
    # a voucher named after the price's own 元, not a voucher's amount
    ('<h1>Redmi Note 13 Pro 8GB+256GB</h1><p class="price">¥2999.00元，用券再省50元</p><p class="stock">有货</p><button'
     ' class="buy-btn">加入购物车</button>', "CNY", "2999.00", None),
    # a perk for Genius members after the price, and a wrapper named for Genius
    ('<h1>Laptop IdeaPad Slim 3</h1><div class="price-box"><p class="product-new-price">2.499,99 Lei</p><p class="genius-'
     'info">Pentru membrii Genius: livrare gratuită</p></div><button class="add-to-cart">Adaugă în coș</button>', "RON",
     "2499.99", None),
    ('<h1>Laptop IdeaPad Slim 3</h1><div class="pricing has-genius-price"><p class="product-new-price">2.499,99 Lei</p>'
     '<span class="genius-badge">Genius</span></div><button class="add-to-cart">Adaugă în coș</button>', "RON", "2499.99",
     None),
]


@pytest.mark.parametrize(("body", "currency", "price", "stock"), REVIEW_229,
                         ids=["list-columns", "facts-list", "actions-list", "cn-own-yuan", "ro-genius-perk", "ro-genius-wrap"])
def test_pages_a_review_of_holdout229s_rules_found(body: str, currency: str, price: str, stock: str | None) -> None:
    e = extract(_doc(body), "u", default_currency=currency)
    assert e.price == Decimal(price), e.rejected
    if stock is not None:
        assert e.availability == stock


def test_a_product_pages_body_class_order_tracking_beside_single_product_keeps_its_price() -> None:
    body = '<h1>Bosch PSB 1800</h1><p class="price">€ 89,99</p><button class="add-to-cart">In den Warenkorb</button>'
    page = _doc(body, body_attrs=' class="single single-product woocommerce order-tracking"')
    assert extract(page, "u", default_currency="EUR").price == Decimal("89.99")


@pytest.mark.parametrize(("page", "currency"), [
    # a Thai price-comparison page, its JSON-LD an AggregateOffer of the merchants' prices
    ('<html><head><title>ราคา Apple iPhone 16 (128GB) เปรียบเทียบราคาจาก 10 ร้านค้า ถูกสุด ฿28,790 | PriceCheck</title><script'
     ' type="application/ld+json">{"@type":"Product","name":"Apple iPhone 16 (128GB)","offers":{"@type":"AggregateOffer",'
     '"lowPrice":"28790","highPrice":"29900","priceCurrency":"THB","offerCount":10}}</script></head><body><main><h1>ราคา'
     ' Apple iPhone 16 (128GB)</h1><ul><li>Shop A <span class="price">฿28,790</span> <a href="/go/a">ไปที่ร้าน</a></li><li>'
     'Shop B <span class="price">฿29,900</span> <a href="/go/b">ไปที่ร้าน</a></li></ul></main></body></html>', "THB"),
    # an Indonesian order-tracking page
    ('<html><head><title>Lacak Pesanan #CM260209-88421 | CantikMart</title></head><body><main><h1>Lacak Pesanan</h1><div'
     ' class="line-item"><h3>Serum Vitamin C 30 ml</h3><span class="price">Rp139.000</span></div><p>Total: Rp332.200</p>'
     '<a class="btn" href="/bantuan">Hubungi kami</a></main></body></html>', "IDR"),
])
def test_a_thai_price_comparison_and_an_indonesian_order_tracking_page_hold_no_price(page: str, currency: str) -> None:
    assert extract(page, "u", default_currency=currency).price is None


def test_a_macedonian_price_without_vat_beside_the_price_with_it() -> None:
    body = ('<h1>Фрижидер Beko RCNA406</h1><p class="price-old">36.990ден.</p><h2 class="price">32.990ден.</h2><p class="tax">'
            'Без ДДВ: 27.958ден.</p><button class="btn-cart">Додади во кошничка</button>')
    assert extract(_doc(body), "u", default_currency="MKD").price == Decimal("32990")


def test_a_flipkart_price_beside_its_mrp_and_a_cut_down_discount() -> None:
    # the MRP beside the price is struck by an obfuscated class; "3% off" is 3.7 % cut to a whole per cent
    body = ('<h1>SAMSUNG Galaxy S25 Ultra 5G (256 GB)</h1><div class="_25b18c"><div class="_30jeq3 _16Jk6d">₹1,29,999</div><div'
            ' class="_3I9_wc _2p6lqe">₹1,34,999</div><div class="_3Ay6Sb"><span>3% off</span></div></div><div><span>Price'
            ' inclusive of all taxes. M.R.P. ₹1,34,999</span></div><button class="_2KpZ6l">ADD TO CART</button>')
    e = extract(_doc(body), "u", default_currency="INR")
    assert (e.price, e.was_price) == (Decimal("129999"), Decimal("134999")), e.rejected


def test_a_products_questions_and_answers_page_holds_no_price() -> None:
    page = ('<html><head><title>Questions &amp; Answers: Instant Pot Duo Plus 6 Quart | Parkway</title></head><body><main><h1>'
            'Questions &amp; Answers</h1><div class="qa"><p>Q: Is it worth it?</p><p>A: I paid <b>$79.99</b> on Black Friday.'
            '</p></div><a class="btn" href="/p/1">See the product</a></main></body></html>')
    assert extract(page, "u", default_currency="USD").price is None
