"""The page around the price: a buy button in its many wordings and forms, the fees and rates printed beside the
price, a shop laid out in tables, and products marked up without a price (tests/fixtures/review17)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from powertracker.extract import _parse, extract
from powertracker.extract_regions import Layout

REVIEW17 = Path(__file__).resolve().parent / "fixtures" / "review17"
PAGES = json.loads((REVIEW17 / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", PAGES, ids=[e["file"] for e in PAGES])
def test_a_product_marked_up_without_a_price_is_read_off_the_page(entry: dict[str, str]) -> None:
    """A review's pages (tests/fixtures/review17): the JSON-LD names the product and prices nothing, and the
    buy control is one the layout does not know, greyed out (a size to pick, sold out), a pre-order, a
    showroom's or a dealer's. A rule that refused the page's own price there (a quote, a bid or a sold item
    marks up so too) broke 30 of the 33 priced pages: it was withdrawn, and these keep it so."""
    page = REVIEW17 / "pages" / entry["file"]
    e = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
    want = None if entry["price"] is None else Decimal(entry["price"])
    assert (e.price, e.currency if want is not None else None) == (want, entry["currency"]), e.rejected


@pytest.mark.parametrize("control", [
    '<button class="btn">Comprar</button>', '<a class="btn btn-primary" href="/bestellen">Jetzt bestellen</a>',
    '<button class="btn">Koop nu</button>', '<button class="btn">Acquista</button>', '<button class="btn">Buy</button>',
    '<button class="btn">Lägg till i varukorgen</button>', '<button class="btn">Do koszyka</button>',
    '<button class="btn">Lisää koriin</button>', '<button class="btn">かごに追加</button>',
    '<button class="btn icon" aria-label="Add to bag"><svg></svg></button>',
    '<input type="image" src="/img/cart.gif" alt="In den Warenkorb">'])
def test_buy_controls_the_layout_knows(control: str) -> None:
    html = (f'<html><body><main><h1>Geladeira Frost Free 375L</h1><div class="preco"><span>R$ 3.299,00</span></div>'
            f'<p>{control}</p></main></body></html>')
    buy = Layout(_parse(html)).buy  # type: ignore[arg-type]
    assert buy is not None and buy.tag in ("button", "a", "input")


def test_a_loyalty_rate_beside_the_buy_button_is_no_price() -> None:
    # "購物金：消費每 NT$100 回饋 1 點": a point back for every NT$100 spent, right above the cart button
    html = ('<html><body><main><h1>阿里山高山烏龍茶 150g</h1><table><tr><td>原價</td><td><s>NT$1,200</s></td></tr>'
            '<tr><td>優惠價</td><td><b>NT$880</b></td></tr><tr><td>購物金</td><td>消費每 NT$100 回饋 1 點</td></tr></table>'
            '<p><button class="btn">放入購物車</button></p></main></body></html>')
    assert extract(html, "u", default_currency="TWD").price == Decimal("880")


@pytest.mark.parametrize("note", ["zzgl. Versand", "zzgl. Versandkosten:", "zzgl. Servicepauschale", "+ Versand",
                                  "zzgl. Versand ("])
def test_a_fee_named_on_top_of_the_price_is_not_the_price(note: str) -> None:
    body = ('<div class="pdp_price"><span class="p_price">149,99&nbsp;€</span></div>'
            f'<div class="pdp_price__info">inkl. MwSt. {note} 5,95&nbsp;€</div><button>In den Warenkorb</button>')
    html = f"<html><body><main><h1>Akku-Staubsauger V12</h1>{body}</main></body></html>"
    assert extract(html, "u", default_currency="EUR").price == Decimal("149.99")


def test_a_note_that_ends_the_element_before_is_not_a_label_of_the_next_amount() -> None:
    body = ('<div class="price">1.049,00 €*</div><p class="tax">zzgl. MwSt. zzgl. <a href="/s">Versandkosten</a></p>'
            '<div class="price-gross"><span>1.248,31 €</span> <span>inkl. 19 % MwSt.</span></div><button>In den Warenkorb</button>')
    html = f"<html><body><main><h1>Sitz-Steh-Schreibtisch</h1>{body}</main></body></html>"
    assert extract(html, "u", default_currency="EUR").price == Decimal("1248.31")


def test_a_shop_laid_out_in_a_table_with_its_finance_line_in_the_first_row() -> None:
    # the first row of the layout table holds the whole buy box: no finance plan's header row
    html = ('<html><body><table><tr><td class="links">Menú</td><td><h1>Moma E-Bike 28" Pro</h1><table><tr>'
            '<td><img src="/b.jpg" alt=""></td><td class="kaufbox"><div class="precio">'
            '<span class="precio-antes">PVP recomendado: 1.499,00 €</span><br><span class="precio-final">1.249,00 €</span>'
            ' <span class="iva">IVA incluido</span></div><div class="financiacion">Financiación: 12 cuotas de 104,08 €'
            ' al 0% TAE</div><input type="submit" value="Añadir al carrito"></td></tr></table></td></tr></table></body></html>')
    assert extract(html, "u", default_currency="EUR").price == Decimal("1249.00")
    plan = ('<html><body><h1>Moma E-Bike</h1><p class="price">1.249,00 €</p><table><tr><th>Cuotas</th><th>Mensual</th>'
            '<th>Total</th></tr><tr><td>12</td><td>104,08 €</td><td>1.249,00 €</td></tr></table></body></html>')
    e = extract(plan, "u", default_currency="EUR")
    assert e.price == Decimal("1249.00") and any("finance" in r for _, r in e.rejected)  # the plan's rows still are


def test_a_service_offered_from_an_amount_beside_a_sold_work_is_no_price() -> None:
    html = ('<html><body><main><h1>Eleanor Voss</h1><h2>Low Tide, Morecambe Bay</h2><p class="sold-label">Sold</p>'
            '<a class="btn" href="/enquire">Enquire about similar works</a><ul><li>Framing service available from &pound;280</li>'
            '<li>Worldwide shipping, crated, from &pound;150</li></ul></main></body></html>')
    e = extract(html, "u", default_currency="GBP")
    assert e.price is None, e.rejected


def test_a_trade_in_worth_up_to_an_amount_is_no_price() -> None:
    html = ('<html><body><main><h1>小米 Redmi K70 12GB+256GB</h1><div class="summary-price"><div class="dt">京 选 价</div>'
            '<span class="p-price"><span>￥</span><span class="price">2299.00</span></span></div>'
            '<div id="summary-promotion"><em>以旧换新</em> 以旧换新，闲置手机回收最高抵 ￥800</div>'
            '<a class="btn-special1" href="/cart">加入购物车</a></main></body></html>')
    e = extract(html, "u", default_currency="CNY")
    assert e.price == Decimal("2299.00")
    assert any(raw == "￥800" and "'up to'" in reason for raw, reason in e.rejected), e.rejected  # holdout155/page-16


def test_harga_hubungi_kami_is_no_price_but_a_contact_link_is_nothing() -> None:
    said = ('<html><body><main><h1>Set Sofa Ukir Jati Jepara</h1><div class="harga"><p><strong>Harga:</strong> Hubungi Kami</p>'
            '</div><p class="ongkir">Ongkir Jabodetabek mulai Rp 1.500.000</p><a class="btn" href="https://wa.me/1">WhatsApp</a>'
            '</main></body></html>')
    assert extract(said, "u", default_currency="IDR").price is None
    priced = said.replace("<p><strong>Harga:</strong> Hubungi Kami</p>", '<p class="price">Rp 12.500.000</p>').replace(
        "</main>", '</main><footer><a href="/kontak">Hubungi Kami</a></footer>')
    assert extract(priced, "u", default_currency="IDR").price == Decimal("12500000")


def test_a_suggested_replacement_is_another_product() -> None:
    html = ('<html><body><main><h1>Canon EOS 1500D DSLR</h1><p class="stock">Out of stock</p>'
            '<div class="em-alt"><h3>Suggested replacement</h3><div class="em-alt__item"><a href="/canon-eos-r100.html">Canon'
            ' EOS R100</a> <span class="price">₹45,990</span> <span class="old-price">MRP ₹52,995</span></div></div>'
            '</main></body></html>')
    e = extract(html, "u", default_currency="INR")
    assert e.price is None, e.rejected


@pytest.mark.parametrize(("first", "second", "badge", "price"), [
    ("Rp125.000", "Rp89.000", "29% off", "89000"),  # Shopee: the struck price first, its class obfuscated
    ("€ 79,90", "€ 59,90", "-25%", "59.90"),
    ("€ 79,90", "€ 69,90", "-25%", "79.90"),  # the arithmetic fails: no pair (a bundle beside the price)
])
def test_a_discount_beside_two_prices_tells_which_is_the_old_one(first: str, second: str, badge: str, price: str) -> None:
    html = (f'<html><body><main><h1>SKINTIFIC Barrier Repair Gel 30g</h1><section><h2>Harga:</h2><div class="a1">'
            f'<div class="x9">{first}</div><div class="b2"><div class="c3">{second}</div><div class="d4">{badge}</div>'
            '</div></div></section><button class="btn">Beli Sekarang</button></main></body></html>')
    currency = "IDR" if first.startswith("Rp") else "EUR"
    assert extract(html, "u", default_currency=currency).price == Decimal(price)


def test_a_gift_worth_an_amount_is_no_price() -> None:
    html = ('<html><body><main><h1>Husqvarna LC 140SP fűnyíró</h1><div class="arak"><div class="listaar">Listaár: <s>209 990 Ft</s>'
            '</div><div class="brutto-ar">Bruttó ár: <span class="ar">189 990 Ft</span></div></div>'
            '<div class="ajandek">Ajándék: 1 l motorolaj (2 490 Ft értékben)</div><input type="submit" value="Kosárba">'
            '</main></body></html>')
    assert extract(html, "u", default_currency="HUF").price == Decimal("189990")


FLASH_SALE = ('<html><head><script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Product",'
              ' "name": "Philips Airfryer HD9252", "offers": {{"@type": "Offer", "price": "4990.00", "priceCurrency": "THB"}}}}'
              '</script></head><body><main><h1>Philips Airfryer HD9252</h1>{box}<div class="voucher">Voucher ฿150</div>'
              '<button class="add-to-cart">หยิบใส่รถเข็น</button></main></body></html>')


@pytest.mark.parametrize(("box", "price"), [
    # Lazada: a flash sale at half price; the markup kept the price struck through beside it ("deleted")
    ('<div class="pdp-product-price"><span class="pdp-price pdp-price_type_normal">฿2,490</span><div class="origin-block">'
     '<span class="pdp-price pdp-price_type_deleted">฿4,990</span><span class="discount">-50%</span></div></div>', "2490"),
    ('<div class="price"><span class="now">฿1,990</span> <del>฿4,990</del> <b>-60%</b></div>', "1990"),
    # no badge to explain so deep a cut: another price beside it (a trade-in's, a subscription's), the markup stands
    ('<div class="price"><span class="now">฿1,990</span> <del>฿4,990</del></div>', "4990.00"),
    # the struck price in a box of its own, away from the amount read instead: too far below to stand in for it
    ('<div class="price"><del>฿4,990</del></div><p>Deposit ฿990 today</p><div class="deal"><span class="now">฿990</span></div>',
     "4990.00"),
])
def test_markup_left_at_a_price_struck_beside_a_deep_sale_gives_way(box: str, price: str) -> None:
    assert extract(FLASH_SALE.format(box=box), "u", default_currency="THB").price == Decimal(price)


def _vtex_amount(whole: str, group: str, cents: str) -> str:
    h = "vtex-product-price-1-x-"
    return (f'<span class="{h}currencyContainer"><span class="{h}currencyCode">R$</span><span class="{h}currencyLiteral">'
            f'&nbsp;</span><span class="{h}currencyInteger">{whole}</span><span class="{h}currencyGroup">.</span>'
            f'<span class="{h}currencyInteger">{group}</span><span class="{h}currencyDecimal">,</span>'
            f'<span class="{h}currencyFraction">{cents}</span></span>')


def test_vtex_class_names_are_read_without_their_app_prefix() -> None:
    # every VTEX class starts "vtex-product-price-1-x-": the prefix does not make each amount the product's price
    h = "vtex-product-price-1-x-"
    html = ('<html><body><main><h1 class="vtex-store-components-3-x-productNameContainer">Smart TV 55" Samsung UHD</h1>'
            f'<div class="{h}listPrice"><span class="{h}listPriceLabel">De </span><span class="{h}listPriceValue {h}strike">'
            f'{_vtex_amount("3", "799", "00")}</span></div><div class="{h}sellingPrice"><span class="{h}sellingPriceLabel">'
            f'Por </span><span class="{h}sellingPriceValue">{_vtex_amount("2", "999", "00")}</span></div>'
            '<button class="vtex-add-to-cart-button-0-x-buttonText">Adicionar ao carrinho</button></main></body></html>')
    got = extract(html, "u", default_currency="BRL")
    assert (got.price, got.was_price) == (Decimal("2999.00"), Decimal("3799.00"))


NAVER = ('<html><head><title>비비고 왕교자 1.05kg x 2봉 : 푸드마켓K</title>{og}</head><body><div class="store">'
         '<h2 class="name">푸드마켓K</h2></div><div class="detail"><h3 class="_22kNQ _copyable">비비고 왕교자 1.05kg x 2봉</h3>'
         '<div class="p1"><del><span class="blind">정가</span>19,800원</del><strong><span class="rate">30%</span>'
         '<span class="blind">할인가</span><span class="amt">13,900</span><span class="won">원</span></strong></div>'
         '<ul class="qty"><li>2개 이상 구매 시 개당 500원 할인</li></ul><div class="ship">배송비 3,000원</div>'
         '<a href="#" class="_2-uvQ N=a:pcs.buy">구매하기</a></div></body></html>')


def test_a_product_titled_with_an_h3_named_in_its_og_title() -> None:
    og = '<meta property="og:type" content="og:product"><meta property="og:title" content="비비고 왕교자 1.05kg x 2봉 : 푸드마켓K">'
    assert extract(NAVER.format(og=og), "u", default_currency="KRW").price == Decimal("13900")
    assert Layout(_parse(NAVER.format(og="")), None).title is None  # no og:type product: no h3 is taken for the title


def test_markup_flagged_without_vat_left_at_the_was_price_gives_way_to_the_sale_price() -> None:
    # WooCommerce writes valueAddedTaxIncluded "false" though its prices hold VAT; the sale price is below the markup's
    offer = ('{"@type": "Offer", "price": "14.50", "priceCurrency": "GBP", "priceSpecification": {"price": "14.50",'
             ' "priceCurrency": "GBP", "valueAddedTaxIncluded": "false"}}')
    html = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",'
            f' "name": "Assam Harmony 250g", "offers": [{offer}]}}</script></head><body><main><h1>Assam Harmony 250g</h1>'
            '<p class="price"><del><span class="amount">£14.50</span></del> <ins><span class="amount">£11.60</span></ins></p>'
            '<button class="single_add_to_cart_button">Add to basket</button></main></body></html>')
    assert extract(html, "u", default_currency="GBP").price == Decimal("11.60")


@pytest.mark.parametrize(("title", "button", "price"), [
    ("מקרר Samsonic RF59C701ES - השוואת מחירים | זאפפ", '<a class="go" href="/go/a">לחנות</a>', None),
    ("Samsonic RF59C701ES Preisvergleich | Geizhals", '<a class="go" href="/go/a">Zum Shop</a>', None),
    # a shop's own title that promises to compare prices: it sells the product
    ("Samsonic RF59C701ES | Compare prices and buy at Appliance Shop", '<button class="btn">Add to cart</button>', "5490"),
])
def test_a_price_comparison_page_has_no_price_of_its_own(title: str, button: str, price: str | None) -> None:
    html = (f'<html><head><title>{title}</title></head><body><main><h1>Samsonic RF59C701ES</h1><div class="range">₪5,490'
            f' – ₪6,190</div><table><tr><td>Shop A</td><td>₪5,490</td><td>{button}</td></tr><tr><td>Shop B</td><td>₪6,190'
            '</td></tr></table></main></body></html>')
    assert extract(html, "u", default_currency="ILS").price == (Decimal(price) if price else None)


@pytest.mark.parametrize("note", [
    "Sin stock — producto discontinuado",  # beside a replacement model's price
    "Remate finalizado el 14/03 a las 19:00 hrs. Este lote fue adjudicado y ya no recibe ofertas.",  # an ended auction
    "No hay vendedores disponibles para este producto nuevo.",  # a marketplace's catalogue page, only used offers
    "हमारी कीमत देखने के लिए, इस आइटम को अपनी कार्ट में जोड़ें।",  # Amazon.in: add to cart to see the price
])
def test_spanish_portuguese_and_hindi_statements_of_no_price(note: str) -> None:
    html = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",'
            ' "name": "Bosch GWS 850", "offers": {"@type": "Offer", "price": "24990", "priceCurrency": "ARS"}}</script></head>'
            f'<body><main><h1>Bosch GWS 850</h1><p class="note">{note}</p><div class="alt">'
            '<p>Reemplazado por GWS 900-125: <span class="amount">$ 189.999</span></p></div></main></body></html>')
    assert extract(html, "u", default_currency="ARS").price is None


@pytest.mark.parametrize("heading", ["Reemplazado por: Bosch GWS 900-125", "अक्सर एक साथ खरीदे गए"])
def test_a_replacement_or_bought_together_block_holds_other_products(heading: str) -> None:
    html = ('<html><body><main><h1>Bosch GWS 850</h1><p class="stock out-of-stock">Sin stock</p>'
            f'<div class="box"><h3>{heading}</h3><p><span class="amount">$ 189.999</span></p></div></main></body></html>')
    assert extract(html, "u", default_currency="ARS").price is None


def test_amounts_to_pick_from_with_none_picked_are_no_price() -> None:
    chips = "".join(f'<input type="radio" name="amount" id="a{n}" value="{n}"><label for="a{n}" class="chip">{n} kr</label>'
                    for n in (200, 300, 500, 1000))
    html = (f'<html><body><main><h1>Gavekort</h1><fieldset>{chips}</fieldset><div class="summary"><span>Å betale:</span> '
            '<span data-bind="total">– kr</span></div><button class="add-to-cart">Legg i handlekurv</button></main></body></html>')
    assert extract(html, "u", default_currency="NOK").price is None
    picked = html.replace('value="300">', 'value="300" checked>')  # one picked: its amount is the price
    assert extract(picked.replace("– kr", "300 kr"), "u", default_currency="NOK").price == Decimal("300")


def test_a_rental_only_page_in_finnish_has_no_price() -> None:
    html = ('<html><body><main><h1>Mattopesurin vuokraus – Kleenor SP10</h1><p>Tämä laite on vain vuokrattavissa – emme myy'
            ' sitä.</p><table><tr><td>Vuorokausi</td><td>39 €</td></tr><tr><td>Viikko</td><td>149 €</td></tr></table>'
            '<button class="btn">Varaa</button></main></body></html>')
    assert extract(html, "u", default_currency="EUR").price is None


def test_a_buy_box_with_a_marketplace_offer_a_price_history_and_its_net_price_at_its_foot() -> None:
    filler = "".join(f"<div><span>Spezifikation {i}</span></div>" for i in range(14))
    html = ('<html><body><main><h1>Lelit Bianca V3</h1><section>Beschreibung</section><aside aria-label="Kaufoptionen"><div>'
            '<div><span>CHF</span> <strong class="a1">1\'299.50</strong> <span>statt 1\'499.–</span></div>'
            '<div>Tiefster Preis der letzten 3 Monate: CHF 1\'199.–</div><button type="button">In den Warenkorb</button>'
            f'{filler}<div><h3>Weitere Angebote</h3><div><span>KaffeeProfi AG (Marktplatz)</span> <strong>CHF 1\'249.–</strong>'
            '</div></div><div>Preise inkl. MwSt. · CHF 1\'202.13 exkl. MwSt.</div></div></aside></main></body></html>')
    assert extract(html, "u", default_currency="CHF").price == Decimal("1299.50")


CAFE24 = ('<html><body><div class="xans-element- xans-product xans-product-detail"><div class="infoArea"><div class="headingArea">'
          '<h2>울 핸드메이드 하프 코트</h2></div><table><tbody>{rows}<tr><th>적립금</th><td><span id="span_mileage_text">890원 (1%)'
          '</span></td></tr><tr><th>배송비</th><td><strong>3,000원</strong> (50,000원 이상 구매 시 무료)</td></tr><tr><th>회원 할인가'
          '</th><td><span>VIP 등급 84,550원</span></td></tr></tbody></table><a href="#none" class="first btnSubmit">BUY NOW</a>'
          '</div></div></body></html>')


@pytest.mark.parametrize(("rows", "price"), [
    ('<tr><th>소비자가</th><td><strike id="span_product_price_custom">129,000원</strike></td></tr>'
     '<tr><th>판매가</th><td><strong id="span_product_price_text">89,000원</strong></td></tr>', "89000"),
    ('<tr><th>판매가</th><td><strong id="span_product_price_text">89,000원</strong></td></tr><tr><th>할인판매가</th><td>'
     '<span id="span_product_price_sale">71,200원 <span>(17,800원 할인)</span></span></td></tr>', "71200"),
    ('<tr><th>판매가</th><td><strong id="span_product_price_text">64,800원</strong></td></tr><tr><th>할인판매가</th><td>'
     '<span id="span_product_price_sale">62,856원 (카카오페이 결제 시 3% 즉시할인)</span></td></tr>', "64800"),
])
def test_cafe24_detail_table(rows: str, price: str) -> None:
    assert extract(CAFE24.format(rows=rows), "u", default_currency="KRW").price == Decimal(price)


def test_a_jd_product_titled_by_its_sku_name_under_a_logo_h1() -> None:
    html = ('<html><body><header class="jd-header"><h1 class="jd-logo"><a href="/"><img src="logo.svg" alt="京东"></a></h1>'
            '</header><div class="itemInfo-wrap"><div class="sku-name">美的（Midea）606升 十字对开门冰箱</div><div class="summary">'
            '<div class="dt">京 东 价</div><div class="dd"><span class="p-price"><span>￥</span><span class="price">4599.00</span>'
            '</span> <span class="pricing">[<del>￥5299.00</del>]</span></div><div class="dt">PLUS价</div><div class="dd">'
            '<span class="p-price-plus">￥4499.00</span></div></div><a href="//cart.jd.com/gate" class="btn-special1">加入购物车</a>'
            '</div><div class="fittings"><h3>优惠套装</h3><div class="suit-item">冰箱+洗烘套装 <span class="suit-price">套装价：'
            '<strong>￥7,898.00</strong></span> <span class="suit-save">立省￥700.00</span></div></div></body></html>')
    assert extract(html, "u", default_currency="CNY").price == Decimal("4599.00")


def test_markup_left_at_the_price_a_sale_page_labels_reg() -> None:
    html = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name":'
            ' "Ninja Coffee Maker", "offers": {"@type": "Offer", "price": "89.99", "priceCurrency": "USD"}}</script></head>'
            '<body><main><h1>Ninja Coffee Maker</h1><div data-test="product-price"><span class="sale">$64.99</span> '
            '<span data-test="product-regular-price" class="h-text-grayDark">reg <span>$89.99</span></span> Sale</div>'
            '<button class="add">Add to cart</button></main></body></html>')
    assert extract(html, "u", default_currency="USD").price == Decimal("64.99")


def test_walmart_names_its_blocks_in_data_automation() -> None:
    html = ('<html><body><main><h1>Kraft Dinner Original</h1><div data-automation="buybox-price"><span>Now $13.97</span> '
            '<span class="strike"><del>$16.47</del></span></div><div data-automation="other-offers"><a href="#offers">2 other'
            '</a> from <span>$12.49</span> + shipping</div><button data-automation="cta-button">Add to cart</button></main>'
            '</body></html>')
    assert extract(html, "u", default_currency="CAD").price == Decimal("13.97")


def test_a_members_only_price_beside_the_list_price_struck_is_no_price() -> None:
    html = ('<html><head><meta property="product:price:amount" content="89000"><meta property="product:price:currency"'
            ' content="KRW"></head><body><div class="xans-product-detail"><h2>살롱 헤어 앰플 1000ml</h2><table><tr><th>소비자가'
            '</th><td><span id="span_product_price_custom"><strike>89,000원</strike></span></td></tr><tr><th>판매가</th><td>'
            '<strong id="span_product_price_text">회원공개</strong></td></tr></table><a href="#none" class="btnSubmit">BUY NOW'
            '</a></div></body></html>')
    assert extract(html, "u", default_currency="KRW").price is None


def test_a_malay_sold_out_page_that_hides_its_price() -> None:
    html = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name":'
            ' "Biskut Dahlia", "offers": {"@type": "Offer", "price": "35.00", "priceCurrency": "MYR", "availability":'
            ' "http://schema.org/OutOfStock"}}</script></head><body><main><h1>Biskut Dahlia</h1><div class="product__price-area">'
            '<span class="product__sold-out-label">HABIS DIJUAL</span></div><button type="button" disabled>Habis Dijual'
            '</button><p>Penghantaran: RM10 (percuma melebihi RM150).</p></main></body></html>')
    got = extract(html, "u", default_currency="MYR")
    assert (got.price, got.availability) == (None, "out_of_stock")


def test_a_blog_posts_review_of_a_product_is_no_product_page() -> None:
    ld = ('{"@context": "https://schema.org", "@graph": [{"@type": "BlogPosting", "headline": "Dyson V15 review"},'
          ' {"@type": "Review", "itemReviewed": {"@type": "Product", "name": "Dyson V15", "offers": {"@type": "Offer",'
          ' "price": "9490", "priceCurrency": "TWD"}}}]}')
    html = (f'<html><head><script type="application/ld+json">{ld}</script></head><body class="post-template-default'
            ' single single-post"><article><h1>Dyson V15 review</h1><p>NT$9,490 at launch.</p></article></body></html>')
    assert extract(html, "u", default_currency="TWD").price is None
    shop = html.replace("single single-post", "single single-product")  # a shop's product page with the same markup
    assert extract(shop, "u", default_currency="TWD").price == Decimal("9490")


@pytest.mark.parametrize("note", ["Bidding has ended", "This auction closed on Apr 6, 2024 at 9:00 PM CT.",
                                  "Ez az aukció lezárult."])
def test_an_ended_auctions_winning_bid_and_retail_value_are_no_price(note: str) -> None:
    html = ('<html><body><main><h1>KitchenAid Pro 600, open box</h1><div class="lot-status" role="status">'
            f'<p>{note}</p></div><div class="bid"><span>Winning bid</span> <strong>$212.00</strong></div>'
            '<p class="retail">Retail value: <span>$549.99</span></p><p>Shipping $24.95</p></main></body></html>')
    assert extract(html, "u", default_currency="USD").price is None


@pytest.mark.parametrize("dash", ["～", "〜", "~", "－"])
def test_a_range_with_a_japanese_wave_dash_is_read_from_its_low_end(dash: str) -> None:
    html = ('<html><body><main><h1>象印 圧力IH炊飯ジャー NW-FB10 / NW-FB18</h1><div class="ec-price">'
            f'<span class="ec-price__price">￥39,800 {dash} ￥44,800</span><span class="ec-price__tax">税込</span></div>'
            '<button class="add-cart">カートに入れる</button></main></body></html>')
    assert extract(html, "u", default_currency="JPY").price == Decimal("39800")


AUCTION = ('<html><body><main><h1>Omega Seamaster 1965</h1><div class="bid-status"><p>Current bid</p><p>€ 420</p></div>'
           '<div class="estimate">Expert estimate <strong>€ 800 – € 1.000</strong></div>{buy}'
           '<form><button class="btn btn--primary" type="submit">{bid}</button></form>'
           '<p class="fees">Buyer protection fee 9% + € 3 · shipping € 35</p></main></body></html>')


@pytest.mark.parametrize("bid", ["Place bid", "Plaats bod", "Fai un'offerta", "Tee tarjous", "入札する"])
def test_an_auction_without_a_buy_now_price_has_no_price(bid: str) -> None:
    e = extract(AUCTION.format(buy="", bid=bid), "u", default_currency="EUR")
    assert e.price is None and any("an auction" in reason for _, reason in e.rejected), (e.price, e.rejected)


def test_an_auction_that_also_sells_outright_has_its_buy_now_price() -> None:
    buy = '<div class="buy-now"><h3>Buy Now</h3><p class="price">€ 1.450</p><button class="btn">Buy Now</button></div>'
    assert extract(AUCTION.format(buy=buy, bid="Place bid"), "u", default_currency="EUR").price == Decimal("1450")


REVIEW18 = Path(__file__).resolve().parent / "fixtures" / "review18"
AUCTION_PAGES = json.loads((REVIEW18 / "manifest.json").read_text(encoding="utf-8"))
# still read wrong: a classified's price with its buyer protection added (01, 03), bid buttons worded otherwise
# ("Bid 125.00 USD", "Přihodit": 29, 33), a current bid in the JSON-LD (31); 20's "Bid" button aside, its estimate
# ("Estimate £120–£180") now reads as no price
AUCTION_MISSES = {"page-01.html", "page-03.html", "page-29.html", "page-31.html", "page-33.html"}


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["file"], marks=[pytest.mark.xfail(strict=True)]
                                                if e["file"] in AUCTION_MISSES else []) for e in AUCTION_PAGES])
def test_auctions_offers_and_bid_buttons_of_other_kinds(entry: dict[str, str]) -> None:
    """A review's pages (tests/fixtures/review18) for the auction rule: classifieds that take offers on an asking
    price, shops beside other lots' auctions or a charity auction, hidden and closed bid buttons, auctions that
    also sell outright. A first version (any bid button) broke 21 of them; these keep its narrowing."""
    page = REVIEW18 / "pages" / entry["file"]
    e = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
    want = None if entry["price"] is None else Decimal(entry["price"])
    assert (e.price, e.currency if want is not None else None) == (want, entry["currency"]), e.rejected


FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the pages each review still reads wrong, as before the rules it reviews. review19: an 85 % cut whose struck price
# sits in another box (p04), VTEX's Pix price and another seller's lower offer (p05, p07); an Argentine ended auction
# and a Finnish rental page worded otherwise than the rules know (n3, n5). review20: a subscription price labelled
# "nur" nearer the buy button (p01); statements worded otherwise than the rules know (n4, n5)
REVIEW_MISSES = {
    "review19": {"p04-clearance-85pct-struck-in-image-badge.html", "p05-vtex-br-pix-spotprice.html",
                 "p07-vtex-br-pix-above-card-price.html", "n3-ar-remate-finalizado.html", "n5-fi-vain-vuokrattavissa.html"},
    "review20": {"p01-de-futter-spar-abo-nur.html", "n4-dk-denne-vare-produceres-ikke-laengere.html",
                 "n5-us-mug-wont-be-restocking.html"},
    "review21": set(),
    "review22": set(),
    "review24": {"c03-es-promo-tabla-10-49-piezas-minimo.html", "c04-us-build-yours-after-deposit.html",
                 "c06-de-shopware-campaign-bis-zu-30-ab-preis.html"},
    "review25": set(),
    "review26": {"s11-nextjs-reserve-today-for-150.html"},
    "review27": {"t09-rental-only-rent-now-miss.html", "t10-shopware-mietdauer-miss.html",
                 "t19-shopify-template-page-wishlist-journal.html", "t20-shopify-reservation-deposit-tbc-miss.html",
                 "t22-addon-span-price-on-request.html"},
    "review28": set(),
    "review29": set(),
    "review30": set(),
    "review31": set(),
    "review32": set(),
    "review33": set(),
    "review34": set(),
    "review35": set(),
    "review36": set(),
    "review37": {"page-15.html"},
}
REVIEW_PAGES = [pytest.param(folder, e, id=f"{folder}/{e['file']}",
                             marks=[pytest.mark.xfail(strict=True)] if e["file"] in misses else [])
                for folder, misses in REVIEW_MISSES.items()
                for e in json.loads((FIXTURES / folder / "manifest.json").read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("folder", "entry"), REVIEW_PAGES)
def test_pages_a_review_built_against_a_sessions_rules(folder: str, entry: dict[str, str]) -> None:
    """Reviews' pages: priced pages on which one of a session's rules could fire wrongly, and pages without a price
    worded a little otherwise. review19 (its first reading broke 22): a trade-in or subscription price beside struck
    markup, a description's h2 repeating og:title, "compare prices" in a shop's own title, radio options with none
    checked, blank price slots of other kinds, a net price beside a set's gross-looking one, a marketplace seller alone
    on the page, "Bestpreis der letzten 3 Monate", statements about another model. review20 (its first reading broke
    30): a bundle's "Only £599.00" or "Por R$ 1.349,00", a Japanese book's 定価 in a table cell, "PVP" as a book's
    price, "Cijena uz popust", a "Store coupon:" or "Credit available" line next to the price, a licence sold per year,
    a free-shipping line's threshold, a statement about another edition, size or model, a gift card's own title, a
    product called "Cesto de Compras", "Search Results" in a course's title. review21 (its first reading broke 14 of
    25): a row header naming an edition ("Original"), 定期便価格 beside 通常価格, price boxes classed "box-cena-doprava",
    "doprava-zdarma", "card-tier" or "desconto-progressivo-ativo", "De … a …" and "De … Até …" ranges, a trolley titled
    "… - 购物车", product pages headed "Black Friday Mystery Box" or "Ugens tilbud: …" above a related grid whose buttons
    say what the product's own says. review22 (its first reading broke 13 of 34): "£54.00 (inc. VAT £9.00)" and "(inkl.
    MwSt. 20,75 €)" (the tax inside the price, not the price with it), a gross price in a "price-including-tax-note", a
    filter or case whose title names the machine or phone another JSON-LD block sells, products called "Payday Sale
    Mystery Box" or "Year-End Sale Lucky Bag", "€ 8,26 excl. btw € 9,99 incl. btw -20%", a box of "約45～55個" mandarins,
    a volume table's one-box row "1～9箱", 非会員様価格, "Billionaire Boys Club 20% off", a price panel titled
    "Recommended retail price". review24 (built against this session's rules; 30 of its 35 pages wrong at first, on
    price or stock): a Slovak "pri minimálnom odbere od 3 ks", "Rental only for one evening?", "Cena na upit" for bulk
    orders, a knife "not for sale to under-18s", "Kilohinta", a shop titled "Collect from 150 stores". review25 (built
    against holdout195-197's rules; 30 of its 39 pages wrong at first): a spec row's "Popcornvogn: Kun til udlejning",
    an add-on's "not available in your region", "… not available in your country? Find a distributor", "Einige Farben
    sind in Ihrem Land nicht verfügbar", products called "Min önskelista", "Wishlist Notebook", "Tak for din ordre" or
    "Hochzeitsliste von A bis Z" with a price and a buy button under their name, "Toptan fiyatlar yalnızca …" under a
    price shown; and wordings the rules missed ("in Ihrer Region leider nicht", "isn't available", "Cet article",
    "Filiale finden", "Ønskeliste (2)", "Děkujeme za nákup", "Ordrebekreftelse"). review26 (built against the rules
    after it; 23 of its 36 pages wrong at first): a price row with a "Compare" checkbox, a ski pass's "€ 62,00 / day"
    under a menu's "Ski rental", "899,00 € Payable en plusieurs fois", a brand's span over "Price on application",
    "for trade and private clients. Price on application.", a real wishlist of one item, a shop's own "Ceny i opinie"
    title, "Price: to be announced" for another edition, "To be announced" fixtures; and "Só disponível para aluguer",
    reservation deposits held in JSON-LD, "Bestellbestätigung" with "Erneut kaufen", WooCommerce's order-received
    page, "1.349,00 RONPreț redus". review27 (26 pages, 10 wrong at first): "Vanaf €29,95" or "ab CHF 79.–" beside a
    "Gratis verzending" line, "Prix non-adhérents", size pills all server-rendered unpressed. review28 (two reviews of
    session 25's rules, each of its 28 pages wrong at first): "Selling fast" then "Sold out", pictured radio cards none
    checked, bold product names that open with a related word ("Stalen …", "Replacement …"), a gift card or coin whose
    title ends "– £50" beside its own price, a PayPal deposit or swatch button, "Preis inkl. 7 % MwSt.: 6,90 €",
    WooCommerce's "product_cat-minibasket" (its stock checked too where marked). review29 (a third review, 23 pages
    the rules after review28 read wrong): product names in wrapped headings ("Replacement Glass Carafe …"), "Related
    Products" over cards with buy buttons, Salient's "nectar-price-typography", "$14.99 / 100 ct", a link "Log in for
    wholesale pricing" beside a retail price, a PayPal item_name with a size and code more. review30 (a review of
    session 26's rules, 11 pages they read wrong): a used-camera dealer's own "Used: €2,450.00", "à ne pas rater",
    "Our price with shipping included:", a badge "Kupon -10%", "EUR 69.00 / CHF 66.00 / USD 75.00", "Was €89.00 Now
    €69.00" in an "on-sale" box, a pack that is the product, "30 gün içinde ücretsiz iade", "3,980円（税込）で送料無料",
    a service box's "Price: €89.00". review31 (a review of the same rules, 14 pages they read wrong): "Kupon rabatowy
    -10%" and "Kupon Fırsatı" after a price, "Son 30 günün en çok satanı", "6 Aylık", "eller del betalingen op med
    ViaBill" inside the price's element, a "Request a Quote" or "Log in to see your price" block beside a shown price,
    an eSIM's plan rows ("30 days") on a page whose only hire word is a script's window.location, a gift box's price
    above a case's, "5,980円で送料無料！", a ski brand "One Way", a resale shop's "Prix seconde main :" and
    "product--secondhand" block. review32 (a review of session 27's rules, 14 pages they read wrong): "Skriv en vurdering"
    and "1 arvio" (reviews) before a price, "zzgl. Speditionskosten", "Tilbuddet er udløbet", "Offerta terminata" and
    "Tarjous on päättynyt" notices of products no longer sold, "250 TL kupon kodu:", a mattress's own "4 opciones
    desde", a purchase card whose bold name is "Replacement Blades", a used offer beside a new item sold out, "Ce modèle
    n'est plus fabriqué, mais ...", "New 2025 colours and pricing announced soon", a hire depot whose "Hire" is only in
    its menu and breadcrumb, "Price: Request a quote" under an add-on's "from £395 + VAT". review33 (a review of the next rules, 14 pages): "Prijs
    volgt de actuele goudkoers", "Priset kommer snart att höjas", "Volumeprijzen enkel voor zakelijke klanten", a
    business login "Log in voor uw prijs" and an installer's "Get a free quote" beside a shown price, a Taiwanese
    auction's buy-now "直購價", a year's subscription ("Total price for 12 months:", "Gesamtkosten für 12 Monate:", "Coût
    total sur 12 mois :"), a store card's "Credit back" chip. review34 (9 pages): a toy "Shopping Trolley", "Større antall?
    Ring for pris." and "Bel voor een prijsopgave" under a price, payment and fabric-sample notes "disponibile solo in
    negozio", "nur im Showroom erhältlich", a Korean note that rental products cannot be bought outright. review35 (9
    pages, the session's structural rules): a pre-order's "Coming March 2026" box under its price, a zero placeholder
    in markup beside a page builder's plain price, "Precio según medidas seleccionadas:", a vintage "2022 — 12,90 €".
    review36 (16 pages, the rules for holdout270-274): "Leveranstid" in a price's element, "nooit gebruikt", a game
    named "Insider", "Kupferzuschlag", "$50.00 in store credit" on a gift card, "會員 9 折", a price box of UVP / Unser
    Preis / Sie sparen rows, statements in a buy box about an accessory or custom sizes, "Gesamtpreis wird angezeigt",
    a configurator's or a bundle's "... to see the price" beside a product with its price. review37 (16 pages against
    the next rules): a label in a bold element of its own before the colon ("<span>Icke-medlem</span>: 699 kr", "<span>
    Prijs na korting</span>: € 54,95") had been read into the amount's label, "Für Mitglieder: 54,95 €" after a price
    had made that price a member's, "Precio con tarjeta de crédito o débito:" read as a store card's, a free-delivery
    threshold taken for a price shown before a configurator's statement; the label rule is withdrawn (page-15, a Polish
    "Cena: 229 zł" it had mended, is a known miss again) and the others narrowed.
    These keep the narrowing."""
    page = FIXTURES / folder / "pages" / entry["file"]
    e = extract(page.read_bytes(), page.as_uri(), default_currency=entry["default_currency"])
    want = None if entry["price"] is None else Decimal(entry["price"])
    assert (e.price, e.currency if want is not None else None) == (want, entry["currency"]), e.rejected
    if entry.get("availability_checked"):
        assert e.availability == entry["availability"]


CAMPAIGN_TILES = "".join(f'<div class="tile"><h3>Deal {i}</h3><span class="price">€{i}9,99</span>'
                         f'<button>{{label}}</button></div>' for i in range(1, 7))


def test_a_sale_campaigns_grid_of_offers_is_no_product_page() -> None:
    page = (f'<html><body><h1>BLACK WEEK – bis zu 40 % Rabatt</h1><p>Nur bis Montag.</p>'
            f'{CAMPAIGN_TILES.format(label="Zum Deal")}</body></html>')
    assert extract(page, "https://shop.example/black-week", default_currency="EUR").price is None


def test_a_product_named_for_a_sale_with_its_own_buy_button_keeps_its_price() -> None:
    page = (f'<html><body><main><h1>Black Friday Mystery Box</h1><div class="product-price">€29,99</div>'
            f'<button class="add-to-cart">In den Warenkorb</button></main>'
            f'<section>{CAMPAIGN_TILES.format(label="Ansehen")}</section></body></html>')
    assert extract(page, "https://shop.example/mystery-box", default_currency="EUR").price == Decimal("29.99")


CARDS = "".join(f'<li class="card"><a href="/p/{i}">Artikel {i}</a><span class="price">{i}9,00 €</span></li>'
                for i in range(1, 6))


@pytest.mark.parametrize(("title", "heading"), [
    ("Thank You For Your Order Stickers – 500 Roll | Print Co", "Thank You For Your Order Stickers – 500 Roll"),
    ("Acrylic Wedding Gift Registry – Table Sign | Paper & Oak", "Acrylic Wedding Gift Registry – Table Sign"),
    ("Order Confirmation – Printable Email Template | Paper Co", "Order Confirmation – Printable Email Template"),
    ("Thank You For Your Order – Kraft Sticker Roll (500) | Print Co",
     "Thank You For Your Order – Kraft Sticker Roll (500)")])
def test_a_product_named_for_an_order_or_a_registry_is_read(title: str, heading: str) -> None:
    # titles that look like an order confirmation's or a gift registry's, but the page sells the sticker or the sign
    page = (f'<html><head><title>{title}</title></head><body><main><h1>{heading}</h1><p class="price">$24.00</p>'
            f'<button class="btn">Add to cart</button></main><ul>{CARDS}</ul></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="USD").price == Decimal("24.00")


@pytest.mark.parametrize(("title", "heading"), [("Order Details | Halcyon Home &amp; Tech", "Order HH40218836"),
                                              ("Bestelldetails – Gartenwelt", "Bestellung 100482"),
                                              ("Order received – Kahvikulma", "Order received")])
def test_an_order_pages_title_says_it_holds_no_price(title: str, heading: str) -> None:
    page = (f'<html><head><title>{title}</title></head><body><main><h1>{heading}</h1><table><tr><td>Desk lamp × 1</td>'
            f'<td class="price">$549.99</td></tr><tr><td>Total</td><td>$742.47</td></tr></table></main></body></html>')
    assert extract(page, "https://shop.example/account/orders/1", default_currency="USD").price is None


def test_a_vouchers_name_that_opens_with_a_discount_is_no_campaigns_heading() -> None:
    # a voucher sold on its own page with a "Gutschein sichern" link the layout does not take for a buy button
    page = (f'<html><body><main><h1>Bis zu 50 % Wellness-Gutschein für zwei</h1><div class="preis">49,00 €</div>'
            f'<a class="cta" href="/checkout?v=12">Gutschein sichern</a></main><ul>{CARDS}</ul></body></html>')
    assert extract(page, "https://shop.example/g", default_currency="EUR").price == Decimal("49.00")


def test_a_minimum_orders_piece_price_is_the_price() -> None:
    # "the price of a piece when taking from 3 pieces": the shop sells in threes, and quotes what one of them costs
    page = ('<html><body><main><h1>Keramický hrnek Modrá linka</h1><p class="cena">Cena za kus při odběru od 3 ks:'
            ' <strong>39 Kč</strong></p><button class="btn">Do košíku</button></main></body></html>')
    assert extract(page, "https://obchod.example/hrnek", default_currency="CZK").price == Decimal("39")


def test_a_buy_column_that_opens_with_an_endorsement_is_not_a_related_block() -> None:
    page = ('<html><body><main><h1>Ethiopia Guji Natural 250 g</h1><div class="col-md-6 product-buy">'
            '<p class="h5">Recommended by our baristas</p><div class="product-prices"><span class="current">14,90 €</span>'
            '</div><form action="/cart" method="post"><button class="add-to-cart">Add to cart</button></form></div>'
            '</main></body></html>')
    assert extract(page, "https://shop.example/guji", default_currency="EUR").price == Decimal("14.90")


@pytest.mark.parametrize(("currency", "body", "price"), [
    ("TRY", '<div class="son30-fiyat">22.499,00 TL</div><div class="price">24.999,00 TL</div>', "24999.00"),
    ("PLN", '<div class="cena-montazu">899,00 zł</div><div class="price">2 999,00 zł</div>', "2999.00"),
    ("CZK", '<p class="cena-dopravy">199 Kč</p><p class="price"><strong>12 990 Kč</strong></p>', "12990"),
    ("EUR", '<p class="precio-unidad">1,25 €</p><p class="price"><strong>24,95 €</strong> / caja</p>', "24.95"),
    ("TRY", '<p class="kurulum-fiyat">750,00 TL</p><p class="price-box"><strong>8.999,00 TL</strong></p>', "8999.00"),
    ("EUR", '<p class="prezzo-montaggio">350,00 €</p><p class="price"><strong>1.290,00 €</strong></p>', "1290.00"),
    ("BRL", '<p class="info">R$ 59,90</p><p class="pt-precos"><strong>R$ 49,90</strong></p>', "49.90"),
])
def test_a_price_box_named_in_another_language_is_its_own_word(currency: str, body: str, price: str) -> None:
    # "cena", "fiyat", "precio", "prezzo" name a price box; not when joined to fitting's, delivery's, a unit's or the
    # last 30 days' price, which stand before the product's own here
    page = f'<html><body><h1>Artikel</h1>{body}<button class="btn">Kaufen</button></body></html>'
    assert extract(page, "https://shop.example/p", default_currency=currency).price == Decimal(price)


@pytest.mark.parametrize(("currency", "body", "price"), [
    # a parcel locker named after the price is a way to collect it, not a shipping cost
    ("HUF", '<div class="ar"><span>Ár: 12 990 Ft (Foxpost átvétel)</span></div><p>Foxpost csomagautomata: 990 Ft</p>',
     "12990"),
    ("HUF", '<p>1 db-tól: <strong>2 490 Ft</strong></p><p>10 db-tól: 2 190 Ft</p>', "2490"),  # the one-piece row
    ("CZK", '<p>Minimální odběr od 3 ks: <strong>59 Kč</strong> / ks</p>', "59"),  # a minimum order's piece price
    ("PLN", '<p>Minimalne zamówienie od 3 szt.: <strong>19,90 zł</strong></p>', "19.90"),
])
def test_a_locker_after_the_price_and_a_first_quantity_row_leave_the_price(currency: str, body: str, price: str) -> None:
    page = f'<html><body><h1>Bögre</h1>{body}<button class="btn">Kosárba</button></body></html>'
    assert extract(page, "https://shop.example/p", default_currency=currency).price == Decimal(price)


@pytest.mark.parametrize(("currency", "body", "price"), [
    ("EUR", '<p>Inhalt: 100 - 120 Stück <span class="preis">12,99 €</span></p>', "12.99"),  # a pack's contents
    ("GBP", '<div class="opt">Makes 12 - 24 pieces</div><div>£14.99</div>', "14.99"),
    ("EUR", '<table><tr><td>1 - 9 piezas</td><td>0,45 €</td></tr><tr><td>10 - 49 piezas</td><td>0,39 €</td></tr>'
            '</table>', "0.45"),  # a quantity table: its first row is the price
])
def test_a_count_of_pieces_before_the_price_is_no_quantity_row(currency: str, body: str, price: str) -> None:
    page = f'<html><body><h1>Set</h1>{body}<button class="btn">Add to cart</button></body></html>'
    assert extract(page, "https://shop.example/p", default_currency=currency).price == Decimal(price)


@pytest.mark.parametrize(("currency", "body", "price"), [
    # a made-to-order page's base price shown before "Build yours to see your price"
    ("USD", '<h1>Trail bike TX-2</h1><p class="price">$2,499.00</p><p class="note">Build yours to see your price with '
            'upgrades.</p>', "2499.00"),
    ("USD", '<h1>Custom sofa</h1><p>Customize yours to see your price.</p>', None),
    # a buy column opened by a line classed "h5" that is no block of cards
    ("EUR", '<main><h1>Ethiopia Guji 250 g</h1><div class="summary"><p class="h5">You may also like it as espresso</p>'
            '<span class="price">14,90 €</span><a class="btn add" href="/cart/add/12">In den Warenkorb</a></div></main>',
     "14.90"),
    # a price panel titled in Hungarian ("recommended consumer price" names a price, not recommendations)
    ("HUF", '<main><h1>Kávéfőző</h1><div class="col"><div class="h5">Ajánlott fogyasztói ár</div><span class="price">'
            '49 990 Ft</span></div><div class="buy"><button>Kosárba</button></div></main>', "49990"),
    # a one-word heading that is no state of the product ("Neu – …") opens no statement that it is not sold
    ("EUR", '<main><h1>Kaffeemühle im Set</h1><p class="stock">Neu – dieses Produkt ist nicht mehr erhältlich, sondern '
            'nur noch im Set.</p><p class="price">89,00 €</p><button>In den Warenkorb</button></main>', "89.00"),
])
def test_headings_and_statements_a_review_found_misread(currency: str, body: str, price: str | None) -> None:
    page = f'<html><body>{body}<button class="btn">Add to cart</button></body></html>'
    got = extract(page, "https://shop.example/p", default_currency=currency).price
    assert got == (None if price is None else Decimal(price))


@pytest.mark.parametrize(("heading", "under", "price"), [
    ("Bis zu 30 % auf die Heizkosten sparen – Thermostat T4", '<div class="p"><span>79,00 €</span></div>', "79.00"),
    ("Hasta un 50% en restaurantes – Cuponera Madrid 2027", '<div class="p"><span>25,00 €</span></div>', "25.00"),
    ("Bis zu 30 % auf Sommermode", "<p>Nur bis Sonntag: stöbern Sie in unseren Angeboten.</p>", None),
])
def test_a_product_named_for_a_discount_is_priced_under_its_name(heading: str, under: str, price: str | None) -> None:
    # a campaign's heading opens with its discount too: the price label right under the name, or a coupon book's
    # name, tells the product's page from the campaign's grid of offers
    page = (f'<html><body><main><h1>{heading}</h1>{under}<a class="cta" href="/checkout?v=1">Jetzt sichern</a></main>'
            f'<ul>{CARDS}</ul></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="EUR").price
    assert got == (None if price is None else Decimal(price))


@pytest.mark.parametrize(("box", "price"), [
    ('<div class="product-price"><span class="state">Sold out</span></div><p>Care for it: <a href="/p/2">Leather care'
     ' cream</a> <span class="cross">$24.90</span></p>', None),
    ('<div class="price"><div class="price__container"><span class="price-item">$59.00</span></div>'
     '<span class="price__badge price__badge--sold-out">Sold out</span></div><button name="add">Add to cart</button>',
     "59.00"),
])
def test_a_price_box_that_holds_only_sold_out_hides_the_price(box: str, price: str | None) -> None:
    # the amount under it is another product's offered beside it; Dawn's badge, hidden until the block is sold
    # out, says nothing
    page = f'<html><body><main><h1>Biker jacket</h1>{box}</main></body></html>'
    got = extract(page, "https://shop.example/p", default_currency="USD").price
    assert got == (None if price is None else Decimal(price))


@pytest.mark.parametrize(("body", "price"), [
    ('<div class="price-box"><a href="/login">Bitte melden Sie sich an, um Preise zu sehen.</a></div>'
     '<p>Schutzkoffer 39,00 €</p>', None),
    ('<p>Versand Paket 7,90 €, frei ab 250,00 €</p><p class="price">129,00 €</p>', "129.00"),
])
def test_a_login_notice_in_the_price_box_says_no_price(body: str, price: str | None) -> None:
    page = f'<html><body><main><h1>Sideboard Nussbaum</h1>{body}</main></body></html>'
    got = extract(page, "https://shop.example/p", default_currency="EUR").price
    assert got == (None if price is None else Decimal(price))


def test_an_offer_to_lease_is_no_price_to_buy() -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Generator",'
          ' "offers": {"@type": "Offer", "price": "180.00", "priceCurrency": "PEN", "businessFunction":'
          ' "http://purl.org/goodrelations/v1#LeaseOut"}}</script>')
    page = (f'<html><head>{ld}</head><body><main><h1>Generador 6.5 kVA</h1><p>Este equipo no está a la venta.</p><p>Día S/ 180.00 · Semana S/ 1,050.00</p>'
            '<a class="btn" href="/cotizar">Cotizar</a></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="PEN").price is None


@pytest.mark.parametrize(("title", "heading"), [
    ("Samsung Galaxy A55: menor preço R$ 1.799,00 em 14 lojas | Comparaí", "Samsung Galaxy A55 5G"),
    ("Lista de casamiento de Sofía & Martín | Casa Rivera", "Sofía & Martín"),
    ("Terima kasih atas pembelian Anda! - Nusantara Wastra", "Terima kasih atas pembelian Anda!"),
    ("Tak for din ordre #10432 – Nordlys", "Tak for din ordre!"),
    ("Děkujeme za objednávku | Kuchyně Plus", "Děkujeme za objednávku"),
    ("Hochzeitstisch von Anna & Lukas | Wohnhaus", "Anna & Lukas"),
    ("Min önskelista | Hemmabutiken", "Min önskelista"),
    ("Butiker | Hemmabutiken", "Find a store"),
])
def test_comparison_registry_and_thank_you_titles_are_no_products(title: str, heading: str) -> None:
    cards = "".join(f'<li class="item"><a href="/p/{i}">Item {i}</a> <span class="price">R$ {i}99,00</span>'
                    f'<a href="/go/{i}">Ir à loja</a></li>' for i in range(1, 5))
    page = (f'<html><head><title>{title}</title></head><body><main><h1>{heading}</h1><p class="total">R$ 803,00</p>'
            f'<ul>{cards}</ul></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="BRL").price is None


def test_a_turkish_dealer_log_in_box_says_no_price() -> None:
    page = ('<html><body><main><h1>Makita DHP486Z</h1><div class="price-login-box"><p class="title">Fiyatlar yalnızca'
            ' kayıtlı bayilerimize gösterilmektedir.</p><a href="/uye-girisi">Bayi Girişi</a></div><ul><li>Minimum'
            ' sipariş tutarı 2.500 TL + KDV</li><li>1.500 TL üzeri siparişlerde ücretsiz kargo</li></ul></main></body>'
            '</html>')
    assert extract(page, "https://shop.example/p", default_currency="TRY").price is None


@pytest.mark.parametrize("heading", ["Required items", "You'll also need"])
def test_items_a_product_needs_are_other_products(heading: str) -> None:
    page = ('<html><body><main><h1>Rinnai RE199iN tankless water heater</h1><p>Sign in to see your price.</p>'
            f'<section><h3>{heading}</h3><div><a href="/p/2">Vent kit</a> <span>$176.42 ea.</span></div></section>'
            '</main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="USD").price is None


def test_a_price_on_quote_in_spanish_says_no_price() -> None:
    page = ('<html><body><main><h1>Compresor de tornillo TK-15</h1><div class="quote-request-box"><p><strong>Precio bajo'
            ' presupuesto</strong></p><button class="btn">Solicitar presupuesto</button></div><div class="extra"><p>'
            'Accesorio: filtro <span class="price">48,50 €</span></p></div></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="EUR").price is None


@pytest.mark.parametrize(("specs", "price"), [
    ("<tr><th>Nennwert</th><td>20 Euro</td></tr><tr><th>Ausgabepreis Bundesbank (2024)</th><td>25,00 €</td></tr>", None),
    ("<tr><th>Nennwert</th><td>20 Euro</td></tr><tr><th>Preis</th><td>39,90 €</td></tr>", "39.90"),
])
def test_a_coins_face_value_and_issue_price_are_not_the_shops(specs: str, price: str | None) -> None:
    page = (f'<html><body><main><h1>20 Euro Silbermünze 2024 Wolf</h1><p class="stock">Ausverkauft</p>'
            f'<table class="specs">{specs}</table></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="EUR").price
    assert got == (None if price is None else Decimal(price))


def test_an_out_of_print_edition_has_no_price_of_its_own() -> None:
    page = ('<html><body><main><h1>The Rings of Saturn</h1><p>Hardback, 1998</p><p class="status">Out of print</p>'
            "<p>This edition is no longer published and we can't supply new copies.</p><table><tr><td>Keel Row Books"
            '</td><td>Very Good, dust jacket price-clipped</td><td>£34.50</td></tr></table></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="GBP").price is None


# review24's pages (built against the session's stock rules): the availability each states, but for those still wrong
STOCK_MISSES = {"a10-de-shopware-collectors-vorbestellen-button.html", "b02-us-shopify-first-variant-offer-instock.html",
                "c05-uk-eol-dash-no-longer-available.html", "d08-es-disponible-a-partir-del-reservar.html"}


@pytest.mark.parametrize("entry", [
    pytest.param(e, id=e["file"], marks=[pytest.mark.xfail(strict=True)] if e["file"] in STOCK_MISSES else [])
    for e in json.loads((FIXTURES / "review24" / "manifest.json").read_text(encoding="utf-8"))])
def test_the_stock_a_reviews_pages_state(entry: dict[str, str]) -> None:
    """Denials that hold a stock word ("Brak towaru w magazynie", "Stokta kalmadı"), notify-me buttons ("Avvisami
    quando disponibile"), sold-out labels beside a working button ("Loppuunmyyty", "Sem stock"), pre-order words in
    Czech and Hungarian."""
    page = FIXTURES / "review24" / "pages" / entry["file"]
    e = extract(page.read_bytes(), "https://shop.example/p", default_currency=entry["default_currency"])
    assert e.availability == entry["availability"], e.rejected


def test_a_split_swiss_price_ending_in_a_dash_beats_a_french_instalment() -> None:
    page = ('<html><body><main><h1>Galaxy S24 128 Go</h1><div class="sc-a1"><s>CHF 949.–</s></div>'
            '<div class="sc-tha7dc"><span class="sc-6ajl2x">CHF</span> <strong class="sc-oebmq5">849.–</strong></div>'
            '<div class="sc-93tdgt">Paiement en plusieurs fois : 12 × CHF 74.45 (taux annuel effectif 9.95 %)</div>'
            '<button class="sc-b7">Ajouter au panier</button></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="CHF")
    assert (got.price, got.currency) == (Decimal(849), "CHF")


def test_an_add_on_not_ticked_in_its_row_is_not_the_price() -> None:
    addons = "".join(f'<li class="addon"><label><input type="checkbox"> {name}</label><span class="addon__price">'
                     f'£{price}</span></li>' for name, price in (("Helmet", "79.99"), ("Lock", "39.99"), ("Rack", "449.00")))
    page = ('<html><body><main><section class="buybox"><h1>Commuter 2</h1><div class="pricing"><p>Was <del>£1,499.99</del>'
            '</p><div class="price"><span>£</span><span>1,299</span><sup>99</sup></div></div>'
            f'<ul class="addons"><li>Add accessories</li>{addons}</ul><button>Add to basket</button></section></main>'
            '</body></html>')
    assert extract(page, "https://shop.example/p", default_currency="GBP").price == Decimal("1299.99")


def test_accident_protection_offered_beside_the_price_is_not_it() -> None:
    page = ('<html><body><main><h1>Rugged SSD 2TB</h1><div class="price-section"><span class="price price--withoutTax">$149.99</span>'
            '</div><p>Free shipping on orders over $49.</p><div class="options"><label>Capacity</label><input type="radio"'
            ' name="c"> 1TB <input type="radio" name="c" checked> 2TB</div><p class="protection">Add 2-Year Accident'
            ' Protection for $19.99 at checkout.</p><form><button type="submit">Add to Cart</button></form></main></body>'
            '</html>')
    got = extract(page, "https://shop.example/p", default_currency="USD")
    assert got.price == Decimal("149.99")
    assert ("$19.99", "a service or warranty plan sold beside it") in got.rejected


@pytest.mark.parametrize(("statement", "price"), [
    ("Este equipamento está disponível apenas para aluguer.", None),
    ("Também disponível para compra: fale connosco.", "25.00"),  # no hire-only statement: the rate stands as the price
])
def test_a_portuguese_hire_only_page_has_no_price_to_buy(statement: str, price: str | None) -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org/", "@type": "Product", "name": "Coluna JBL",'
          ' "offers": {"@type": "Offer", "price": "25.00", "priceCurrency": "EUR", "availability":'
          ' "https://schema.org/InStock"}}</script>')
    page = (f'<html><head>{ld}</head><body><main><h1>Coluna amplificada JBL PRX915 (aluguer)</h1><p class="price">Desde: '
            '<span class="amount"><bdi>25,00&nbsp;€</bdi></span> / dia</p>'
            f'<p><strong>{statement}</strong></p><ul><li>1 dia: 25,00 €</li><li>Semana: 140,00 €</li></ul>'
            '<button>Reservar</button></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="EUR").price
    assert got == (None if price is None else Decimal(price))


def test_a_size_sold_out_in_a_pill_picker_is_not_the_chosen_size() -> None:
    pills = ('<div class="size-pills"><button type="button" class="size-pill" aria-pressed="false" disabled>S'
             '<span class="size-pill__flag">Sold out</span></button><button type="button" class="size-pill"'
             ' aria-pressed="true">M</button></div>')
    page = (f'<html><body><main><h1>Commuter 2</h1><div class="price">£1,299.99</div>{pills}'
            '<div class="stock">In stock - dispatched within 2 working days</div><button>Add to basket</button></main>'
            '</body></html>')
    assert extract(page, "https://shop.example/p", default_currency="GBP").availability == "in_stock"


def test_a_coming_soon_page_taking_deposits_has_no_price() -> None:
    page = ('<html><body><main><h1>Arcadia R2</h1><div class="reserve-box"><p><strong>Price:</strong> to be announced at'
            ' launch</p><p>Reserve yours today with a <strong>$100</strong> fully refundable deposit.</p>'
            '<button class="btn btn--primary">Reserve for $100</button></div></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="USD").price is None


@pytest.mark.parametrize(("title", "body", "price", "currency"), [
    ("Nákupní košík | runsport.cz", '<body class="desktop type-cart">', "3 690 Kč", "CZK"),  # Shoptet's basket
    ("Confirmación de pedido", '<body id="order-confirmation" class="page-order-confirmation">', "36,90 €", "EUR"),
    ("Apple AirPods Pro 2 - Ceny i opinie - Ceneo.pl", "<body>", "849,00 zł", "PLN"),  # a comparison site's offers
])
def test_a_basket_a_confirmation_and_a_comparison_page_have_no_price(title: str, body: str, price: str,
                                                                      currency: str) -> None:
    page = (f'<html><head><title>{title}</title></head>{body}<main><h1>{title.split(" - ")[0]}</h1>'
            f'<div class="item"><a href="/p/1">Pegasus 41</a> <span class="price">{price}</span></div>'
            '<a class="btn" href="/next">Pokračovat</a></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency=currency).price is None


@pytest.mark.parametrize("word", ["Selbstbeteiligung", "Excess"])
def test_an_insurance_excess_is_no_price(word: str) -> None:
    page = ('<html><body><main><h1>Camera bag</h1><div class="price">149 €</div><label><input type="checkbox" checked>'
            f' Versicherung ({word} 250 €)</label><button>In den Warenkorb</button></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="EUR")
    assert got.price == Decimal(149)
    assert any(raw == "250 €" and reason.startswith("a deposit") for raw, reason in got.rejected)


@pytest.mark.parametrize(("line", "price"), [
    ("<p>899,00 € <small>Payable en plusieurs fois</small></p>", "899.00"),  # the price, payable in parts
    ("<p>1.799,00 € <small>0 % effektiver Jahreszins möglich</small></p>", "1799.00"),
    ("<p>Paiement en plusieurs fois : 12 × 74,95 €</p><p>899,00 €</p>", "899.00"),  # the parts, not the price
])
def test_finance_words_beside_the_price_leave_it_the_price(line: str, price: str) -> None:
    page = f'<html><body><main><h1>Lave-linge</h1>{line}<button>Ajouter au panier</button></main></body></html>'
    assert extract(page, "https://shop.example/p", default_currency="EUR").price == Decimal(price)


def test_a_day_rate_is_a_hire_rate_only_where_the_product_is_hired_out() -> None:
    menu = '<nav><a href="/rental">Ski rental</a></nav>'
    ticket = f'<html><body>{menu}<main><h1>Day ticket</h1><p class="price">€ 62,00 / day</p><button>Buy</button></main></body></html>'
    assert extract(ticket, "https://shop.example/p", default_currency="EUR").price == Decimal("62.00")
    hired = ticket.replace("<h1>Day ticket</h1>", "<h1>Ski set (rental only)</h1>")
    assert extract(hired, "https://shop.example/p", default_currency="EUR").price is None


def test_once_rates_are_hire_rates_an_add_on_a_day_is_one_too() -> None:
    rates = "<ul><li>Daily $185</li><li>Weekend $370</li><li>Weekly $740</li></ul>"
    addons = '<h2>Add-ons</h2><table><tr><td>Extra battery</td><td>$10 / day</td></tr></table>'
    page = (f'<html><body><nav><a href="/rentals">Rentals</a></nav><main><h1>FX6 Cinema Camera Kit</h1>{rates}<p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p>'
            f'<p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p><p>x</p>{addons}'
            '<button>Request reservation</button></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="USD").price is None
    # a camera that is for sale keeps its price, whatever its add-ons cost a day
    sold = page.replace(rates, '<p class="price">$6,498.00</p>').replace("Request reservation", "Add to cart")
    assert extract(sold, "https://shop.example/p", default_currency="USD").price == Decimal("6498.00")


@pytest.mark.parametrize(("row", "price"), [
    ('<tr><td>Our price: £119.99</td><td><input type="checkbox" name="compare"> Compare</td></tr>', "119.99"),
    ('<tr><td><input type="checkbox"> Gift wrap</td><td>£4.99</td></tr><tr><td>£119.99</td><td></td></tr>', "119.99"),
])
def test_a_checkbox_in_the_price_row_is_no_add_on(row: str, price: str) -> None:
    page = f'<html><body><main><h1>Brass lamp</h1><table>{row}</table><button>Add to basket</button></main></body></html>'
    assert extract(page, "https://shop.example/p", default_currency="GBP").price == Decimal(price)


@pytest.mark.parametrize(("block", "price"), [
    ('<span class="brand">Patek Philippe</span><div class="price">Price on application</div>', None),
    ('<p>Bespoke for trade and private clients. Price on application.</p>', None),
    ('<p>Price: £20.00</p><h3>Paperback</h3><p>Price: to be announced</p>', "20.00"),  # another edition's
])
def test_a_statement_beside_a_brand_or_another_edition(block: str, price: str | None) -> None:
    page = (f'<html><body><main><h1>Calatrava</h1>{block}<button>Enquire</button><aside><p>Strap £1,150</p>'
            '</aside><p>Swatch £2.50</p></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="GBP").price
    assert got == (None if price is None else Decimal(price))


@pytest.mark.parametrize(("hint", "currency", "price"), [
    ('<p class="hint">inkl. MwSt., zzgl. Versand ab CHF 50.– kostenlos</p>', "CHF", "79"),
    ('<p class="hint">Livraison offerte dès 69 € · 79 € FREE delivery</p>', "EUR", "79"),
])
def test_a_free_delivery_threshold_under_the_price_is_not_it(hint: str, currency: str, price: str) -> None:
    sign = "CHF" if currency == "CHF" else "€"
    page = (f'<html><body><main><section><h1>Tagesrucksack</h1><div class="Price_a1"><p class="Price_b2"><span>{sign}</span>'
            f' <span>79.–</span></p>{hint}</div><button type="button">In den Warenkorb</button></section></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency=currency).price == Decimal(price)


def test_a_members_price_in_french_is_not_the_price() -> None:
    page = ('<html><body><main><h1>Casque ANC</h1><div class="price">299,99 €</div><p><span class="f-adherent">Adhérents :'
            ' 284,99 €</span></p><button>Ajouter au panier</button></main></body></html>')
    got = extract(page, "https://shop.example/p", default_currency="EUR")
    assert got.price == Decimal("299.99")
    assert any(raw == "284,99 €" and reason.startswith("member") for raw, reason in got.rejected)


def test_a_prestashop_stores_page_has_no_price() -> None:
    page = ('<html><head><title>Nos magasins</title></head><body id="stores" class="page-stores"><main><h1>Nos magasins</h1>'
            '<div class="store"><h2>Lyon</h2><p>Gravel Rando 2 à 1 299 € au lieu de 1 499 €</p></div></main></body></html>')
    assert extract(page, "https://shop.example/p", default_currency="EUR").price is None


def test_a_hebrew_unit_price_is_not_the_price() -> None:
    page = ('<html lang="he"><body><main><h1>קפה נמס עלית</h1><div class="price"><span>₪</span><span>23.90</span>'
            "<span>ליח'</span></div><div class=\"smallText\">₪11.95 ל-100 גרם</div><button>הוספה לסל</button></main>"
            '</body></html>')
    got = extract(page, "https://shop.example/p", default_currency="ILS")
    assert got.price == Decimal("23.90")
    assert ("₪11.95", "unit price") in got.rejected
