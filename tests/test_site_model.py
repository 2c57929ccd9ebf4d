"""What a product page says, from its own history: deal labels, drops, chart ranges, page size."""

from __future__ import annotations

import gzip
import json
import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html as lhtml
from sitedata import NOW, make_settings, parse, seed, text, write_catalog

from powertracker import store
from powertracker.db import connect
from powertracker.site import generate
from powertracker.site.model import DAY, Entry, build_product
from powertracker.site.source import Reader, fingerprint, offer_state

START = 1_700_000_000 // DAY * DAY  # a midnight, UTC
ENTRY = Entry("x", "Thing", "Things", None, (("a", "https://a.example/x"), ("b", "https://b.example/x")))
NAMES = {"a": "Shop A", "b": "Shop B"}


def row(retailer: str, cents: int, first_day: float, last_day: float, availability: str = "in_stock",
        was: str | None = None, rid: int = 0) -> tuple[object, ...]:
    f, last = START + int(first_day * DAY), START + int(last_day * DAY)
    price = f"{cents // 100}.{cents % 100:02d}"
    return ("x", retailer, rid, price, cents, "GBP", availability, "", f, "", last, 1, was)


def view(history: dict[str, list[tuple[object, ...]]]):  # type: ignore[no-untyped-def]
    return build_product(ENTRY, history, NAMES, {}, 3 * 3600)


def test_lowest_in_30_days_and_below_the_90_day_average() -> None:
    history = {
        "a": [row("a", 20000, 0, 59.5), row("a", 15000, 60, 69.5), row("a", 19000, 70, 99.5), row("a", 17000, 100, 120.5)],
        "b": [row("b", 21000, 0, 120.5)],
    }
    v = view(history)
    assert v.best is not None and (v.best.cents, v.best.shop) == (17000, "Shop A")
    assert v.lowest_ever == (15000, START + 60 * DAY, "Shop A")
    kinds = {label.kind: label for label in v.labels}
    assert set(kinds) == {"lowest-30", "below-average"}  # not the lowest ever: 150.00 on day 60
    assert kinds["lowest-30"].basis == "No shop we check was cheaper in the 30 days to 13 Mar 2024."
    # the lowest at each of the last 90 day ends: 170 x 21, 190 x 30, 150 x 10, 200 x 29 -> 184.11
    assert kinds["below-average"].title == "7 % below its 90-day average"
    assert kinds["below-average"].basis == ("The average of the lowest price at the end of each of the last"
                                            " 90 days was £184.11.")


def test_a_claimed_was_price_we_never_saw_is_flagged_with_its_basis() -> None:
    history = {"a": [row("a", 30000, 0, 40), row("a", 25000, 41, 60, was="399.00")],
               "b": [row("b", 26000, 0, 60, was="270.00")]}
    v = view(history)
    claims = [label for label in v.labels if label.kind == "claim"]
    # Shop B's "was 270.00": we never saw it above 260.00; Shop A's 399.00: never above 300.00
    assert [c.title for c in claims] == ["Shop A's “was £399.00” is not borne out",
                                         "Shop B's “was £270.00” is not borne out"]
    assert claims[0].basis == ("We have checked Shop A for 60 days (since 14 Nov 2023) and never saw £399.00 there;"
                               " the highest price we saw was £300.00.")
    history["b"] = [row("b", 27000, 0, 30), row("b", 26000, 31, 60, was="270.00")]
    assert [label.title for label in view(history).labels if label.kind == "claim"] == [
        "Shop A's “was £399.00” is not borne out"]  # Shop B did charge 270.00


def test_drops_today_and_this_week_are_anchored_to_whole_days() -> None:
    history = {"a": [row("a", 10000, 0, 10.2), row("a", 9000, 10.25, 12.4)],  # cut on day 10, seen to day 12
               "b": [row("b", 9500, 0, 12.3), row("b", 8800, 12.3, 12.4)]}  # cut on day 12 at 07:12
    v = view(history)
    assert v.anchor == START + 13 * DAY
    assert v.drop_day is not None and (v.drop_day.old, v.drop_day.new, v.drop_day.shop) == (9000, 8800, "Shop B")
    assert v.drop_week is not None and (v.drop_week.old, v.drop_week.new, v.drop_week.pct) == (9500, 8800, 7)
    assert [(d.old, d.new, d.shop) for d in v.drops] == [(9000, 8800, "Shop B"), (9500, 9000, "Shop A")]


def test_out_of_stock_rows_never_count_as_a_price() -> None:
    history = {"a": [row("a", 5000, 0, 10, "out_of_stock"), row("a", 9000, 11, 20)],
               "b": [row("b", 9900, 0, 20)]}
    v = view(history)
    assert v.lowest_ever == (9000, START + 11 * DAY, "Shop A")
    assert [label.kind for label in v.labels] == ["lowest-ever"]


def test_chart_ranges_and_one_line_per_shop() -> None:
    history = {r: [row(r, 10000 + i * 100 + k, i * 10, i * 10 + 9.9) for i in range(50)]
               for k, r in enumerate(("a", "b"))}
    v = view(history)
    assert [w.key for w in v.views] == ["30d", "90d", "1y", "all"]  # 500 days of history
    assert [(w.end - w.start) // DAY for w in v.views[:3]] == [30, 90, 365]
    for w in v.views:
        doc = lhtml.fromstring(str(w.svg))
        assert len(doc.cssselect("g.series")) == 2
    short = view({r: rows[-5:] for r, rows in history.items()})  # 50 days: no 90 d, 1 y
    assert [w.key for w in short.views] == ["30d", "all"]


def test_comparison_matches_the_price_comparison_view(db_url: str, tmp_path: Path, env: dict[str, str]) -> None:
    write_catalog(tmp_path)
    seed(db_url)
    seed(db_url, {("river-2", "shop-c"): [(9, "301.00", "in_stock")]}, currency="EUR")
    db = connect(db_url)
    try:
        expected = {r["product_id"]: r for r in store.price_comparison(db)}
        reader = Reader(db)
        history = reader.history(["delta-2", "panel-100", "river-2"])
        for pid in ("delta-2", "river-2"):
            v = build_product(Entry(pid, pid, "c", None, ()), history[pid], {}, {}, 3 * 3600)
            e = expected[pid]
            assert (v.min_cents, v.max_cents, v.avg_cents, v.shops, v.currency, v.best.retailer if v.best else None) \
                == (int(e["min_price"] * 100), int(e["max_price"] * 100), int(e["avg_price"] * 100),
                    int(e["retailers"]), e["currency"], e["cheapest_retailer"]), pid
        # the offer states the next build reads cheaply give the fingerprint the render gave
        states = {}
        for pid, retailer, rid, price, currency, avail, last, was in reader.added(0):
            if pid == "river-2" and (retailer not in states or rid > states[retailer][0]):
                states[retailer] = [rid, str(price), currency, avail, last, None if was is None else str(was)]
        rendered = {r: offer_state(rows[-1]) for r, rows in history["river-2"].items()}
        assert states == rendered
        latest = {retailer: [rid, str(price), currency, avail, last, None if was is None else str(was)]
                  for pid, retailer, rid, price, currency, avail, last, was in reader.latest_states(["river-2"])}
        assert latest == rendered  # what a build reads of the products whose rows moved
        assert fingerprint("h", states, 3600) == fingerprint("h", rendered, 3600)
    finally:
        db.close()


def test_reader_copes_without_the_was_price_column(sqlite_url: str) -> None:
    db = connect(sqlite_url)
    try:
        db.execute("ALTER TABLE price_history DROP COLUMN was_price")
        reader = Reader(db)
        assert reader.was == "NULL"
        db.execute("INSERT INTO price_history (product_id, retailer, url, price, currency, availability, first_seen,"
                   " last_seen) VALUES ('p', 'a', 'https://a.example/p', '10.00', 'GBP', 'in_stock',"
                   " '2024-01-01 00:00:00', '2024-01-01 00:00:00')")
        rows = reader.history(["p"])["p"]["a"]
        assert rows[0][3:5] == ("10.00", 1000) and rows[0][-1] is None
    finally:
        db.close()


def test_a_year_of_five_shops_is_under_10_kb_gzipped(env: dict[str, str], tmp_path: Path) -> None:
    """Change points only: a price change about every week per shop, a year long."""
    shops = [f"shop-{c}" for c in "abcde"]
    write_catalog(tmp_path, [{"id": "big", "name": "EcoFlow Delta 2 Max Portable Power Station",
                              "category": "Power stations",
                              "offers": [{"retailer": s, "url": f"https://{s}.example/p/big"} for s in shops]}])
    settings = make_settings(env, tmp_path)
    rng = random.Random(5)
    end = NOW
    rows = []
    for s in shops:
        t, price = end - timedelta(days=365), Decimal(rng.randint(80000, 120000)) / 100
        while t < end:
            length = timedelta(hours=rng.randint(24, 14 * 24))
            last = min(t + length - timedelta(hours=1), end)
            rows.append({"product_id": "big", "retailer": s, "url": f"https://{s}.example/p/big", "price": price,
                         "currency": "GBP", "availability": "in_stock" if rng.random() > 0.05 else "out_of_stock",
                         "first_seen": t, "last_seen": last, "observations": int(length.total_seconds() // 3600)})
            t += length
            price = (price * Decimal(rng.randint(90, 110)) / 100).quantize(Decimal("0.01"))
    db = connect(settings.database_url)
    try:
        with db.transaction():
            assert store.bulk_load_history(db, rows) == len(rows) > 5 * 40
    finally:
        db.close()
    generate(settings, now=NOW)
    page = (settings.site_dir / "products" / "big.html").read_bytes()
    doc = parse(settings.site_dir / "products" / "big.html")
    assert [text(label) for label in doc.cssselect(".ranges label")] == ["30 days", "90 days", "All"]
    assert len(doc.cssselect(".v-all g.series")) == 5
    assert len(doc.cssselect(".v-all circle")) > 150  # every in-stock change point has its tooltip
    assert len(gzip.compress(page, 9)) < 10_000, len(gzip.compress(page, 9))
    assert json.loads((settings.site_dir / "api" / "products" / "big.json").read_text())["shops"] == 5


@pytest.mark.parametrize("days, expected", [(9, ["all"]), (31, ["all"]), (40, ["30d", "all"]),
                                           (120, ["30d", "90d", "all"]), (370, ["30d", "90d", "all"])])
def test_short_histories_offer_only_the_ranges_they_fill(days: int, expected: list[str]) -> None:
    v = view({"a": [row("a", 1000, 0, days)]})
    assert [w.key for w in v.views] == expected
