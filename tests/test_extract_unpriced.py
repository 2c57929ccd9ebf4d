"""Pages whose markup names the product but prices none of its offers, and the fees a price box adds on top."""

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


def test_comprar_is_a_buy_button() -> None:
    html = ('<html><body><main><h1>Geladeira Frost Free 375L</h1><p class="avaliacoes">4,6 (312)</p>'
            '<div class="produto__preco"><span>R$ 3.299,00</span></div><button class="btn">Comprar</button>'
            '<p class="frete">Frete R$ 89,90</p></main></body></html>')
    assert Layout(_parse(html)).buy is not None  # type: ignore[arg-type]
    assert extract(html, "u", default_currency="BRL").price == Decimal("3299.00")


@pytest.mark.parametrize("note", ["zzgl. Versand", "zzgl. Versandkosten:", "zzgl. Servicepauschale", "+ Versand"])
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
