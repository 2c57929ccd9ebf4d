"""What one product page says, computed from that product's own rows (no rendering here).

Money is whole cents (int) with a currency; times are UTC epoch seconds. Everything is
anchored to the end of the UTC day of the product's newest observation (``anchor``), never
to the build time, so an unchanged product gives an unchanged page.

The comparison follows the ``price_comparison`` view: among the offers in stock (or of
unknown stock), in the reference currency (the one most of them use; ties: alphabetical),
the cheapest, dearest and average (exact cents, half up). Deal labels come from our own
history only, and each says what it is based on.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any

from ..chart import DAY, Series, View, build_views, cents_text, day_text, series_style

# a history row as the site reads it (sql/queries/site_history.*.sql): product_id, retailer, then these
ID, PRICE, CENTS, CUR, AVAIL, F_TEXT, F_EP, L_TEXT, L_EP, OBS, WAS = range(2, 13)
Row = tuple[Any, ...]

AVAILABILITY_TEXT = {"in_stock": "In stock", "out_of_stock": "Out of stock", "preorder": "Pre-order"}
MIN_DAYS_LOWEST = 7  # days of tracking before "lowest ever" means anything
MIN_DAYS_AVERAGE = 14
MIN_BELOW_AVERAGE_PCT = 5
FEED_DAYS = 30  # drops younger than this (before the anchor) go into the feeds
MIN_DROP_PCT = 1  # smaller drops show on the product page only (no badge, deal or feed entry)


@dataclass(frozen=True)
class Entry:
    """One catalog product, as the site needs it."""

    id: str
    name: str
    category: str
    brand: str | None
    offers: tuple[tuple[str, str], ...]  # (retailer, url)


@dataclass(slots=True)
class OfferView:  # made once per offer and page, so a cheap plain one
    retailer: str
    shop: str
    url: str
    cents: int | None
    currency: str | None
    availability: str | None
    last_seen: int | None
    stale: bool
    cheapest: bool
    compared: bool
    colour: str
    dash: str
    was_cents: int | None = None

    @property
    def availability_text(self) -> str:
        return AVAILABILITY_TEXT.get(self.availability or "", "Unknown")


@dataclass(frozen=True)
class Label:
    kind: str  # lowest-ever, lowest-30, below-average, claim
    title: str
    basis: str


@dataclass(frozen=True)
class Drop:
    at: int
    old: int
    new: int
    shop: str

    @property
    def pct(self) -> int:
        return (self.old - self.new) * 100 // self.old if self.old else 0

    @property
    def pct_text(self) -> str:
        """One decimal, rounded down: ``0.4``, ``12.5``."""
        tenths = (self.old - self.new) * 1000 // self.old if self.old else 0
        return f"{tenths // 10}.{tenths % 10}"


@dataclass
class ProductView:
    entry: Entry
    offers: list[OfferView]
    currency: str | None
    min_cents: int | None = None
    max_cents: int | None = None
    avg_cents: int | None = None
    shops: int = 0
    other_currencies: tuple[str, ...] = ()
    newest: int | None = None
    first: int | None = None
    anchor: int | None = None
    lowest_ever: tuple[int, int, str] | None = None  # cents, first seen, shop
    labels: list[Label] = field(default_factory=list)
    drop_day: Drop | None = None
    drop_week: Drop | None = None
    drops: list[Drop] = field(default_factory=list)  # recent drops of the cheapest price, newest first
    views: list[View] = field(default_factory=list)

    @property
    def best(self) -> OfferView | None:
        return next((o for o in self.offers if o.cheapest), None)

    @property
    def priced(self) -> bool:
        return any(o.cents is not None for o in self.offers)

    @property
    def tracked_days(self) -> int:
        return 0 if self.newest is None or self.first is None else (self.newest - self.first) // DAY


def to_cents(value: Any) -> int | None:
    """Cents of a price the database gave as text or Decimal (never a float); None stays None."""
    if value is None:
        return None
    try:
        return int((Decimal(str(value)) * 100).to_integral_value())
    except (InvalidOperation, ValueError):
        return None


class _Timeline:
    """The cheapest comparable price over time across offers, from ``start`` on."""

    def __init__(self, offers: list[tuple[str, list[Row]]], currency: str, start: int) -> None:
        events: list[tuple[int, int, int, int | None]] = []  # (time, offer, order, cents)
        append = events.append
        seq = 0
        for k, (_, rows) in enumerate(offers):
            i = max(bisect.bisect_right(rows, start, key=_FIRST) - 1, 0)  # the row under ``start``
            for j in range(i, len(rows)):
                r = rows[j]
                f = r[F_EP]
                append((f if f > start else start, k, seq,
                        r[CENTS] if r[CUR] == currency and r[AVAIL] != "out_of_stock" else None))
                seq += 1
            end = (rows[-1][L_EP] // DAY + 1) * DAY  # its last day ends
            append((end if end > start else start, k, seq, None))
            seq += 1
        events.sort()  # by time, then offer; a row before its offer's end
        current: list[int | None] = [None] * len(offers)
        points: list[tuple[int, int | None, int]] = []  # (from, cents, offer index)
        last_value: int | None = None
        n = len(events)
        for i, (t, k, _, cents) in enumerate(events):
            current[k] = cents
            if i + 1 < n and events[i + 1][0] == t:
                continue
            best, best_k = None, -1
            for j, c in enumerate(current):
                if c is not None and (best is None or c < best):
                    best, best_k = c, j
            if not points or last_value != best:
                points.append((t, best, best_k))
                last_value = best
        self.points = points
        self.times = [p[0] for p in points]

    def at(self, t: int) -> int | None:
        i = bisect.bisect_right(self.times, t) - 1
        return self.points[i][1] if i >= 0 else None

    def minimum(self, start: int, end: int) -> int | None:
        values = [c for i, (t, c, _) in enumerate(self.points)
                  if c is not None and t < end and (i + 1 == len(self.points) or self.points[i + 1][0] > start)]
        return min(values, default=None)

    def day_end_average(self, anchor: int, days: int) -> int | None:
        """The average (exact cents, half up) of the price at the end of each of the ``days`` days
        before ``anchor``, over the day ends that have one."""
        total = count = 0
        points = self.points
        last = anchor - 1  # the newest day end; day end d (0 = newest) is last - d * DAY
        for i, (t, cents, _) in enumerate(points):
            if cents is None or t > last:
                continue
            newest_d = min((last - t) // DAY, days - 1)  # the oldest day end at or after t
            oldest_d = 0 if i + 1 == len(points) else (last - points[i + 1][0]) // DAY + 1
            if oldest_d < 0:
                oldest_d = 0
            if newest_d >= oldest_d:
                total += cents * (newest_d - oldest_d + 1)
                count += newest_d - oldest_d + 1
        return (2 * total + count) // (2 * count) if count else None


_FIRST = itemgetter(F_EP)  # a row's first_seen (epoch s)


def build_product(entry: Entry, history: dict[str, list[Row]], shop_names: dict[str, str],
                  urls: dict[str, str], stale_seconds: float) -> ProductView:
    """The view of one product; ``history`` maps retailer -> its rows, oldest first."""
    offer_urls = dict(entry.offers)
    for retailer in history:
        if retailer not in offer_urls:
            offer_urls[retailer] = urls.get(retailer, "")
    current = {r: rows[-1] for r, rows in history.items() if rows}
    newest = max((row[L_EP] for row in current.values()), default=None)
    counts = Counter(row[CUR] for row in current.values() if row[AVAIL] != "out_of_stock")
    currency = min(counts, key=lambda c: (-counts[c], c)) if counts else None
    compared = sorted((row[CENTS], r) for r, row in current.items()
                      if row[AVAIL] != "out_of_stock" and row[CUR] == currency)
    cheapest = compared[0][1] if compared else None

    offers = []
    for index, (retailer, url) in enumerate(sorted(offer_urls.items())):
        colour, dash = series_style(index)
        shop = shop_names.get(retailer, retailer)
        row = current.get(retailer)
        if row is None:
            offers.append(OfferView(retailer, shop, url, None, None, None, None, False, False, False, colour, dash))
            continue
        offers.append(OfferView(
            retailer, shop, url, row[CENTS], row[CUR], row[AVAIL], row[L_EP],
            newest is not None and newest - row[L_EP] > stale_seconds, retailer == cheapest,
            row[AVAIL] != "out_of_stock" and row[CUR] == currency, colour, dash,
            None if row[WAS] is None else to_cents(row[WAS])))
    # the compared currency first, cheapest first; other currencies after; unpriced last
    offers.sort(key=lambda o: (o.cents is None, o.currency != currency, o.currency or "", o.cents or 0, o.shop))
    view = ProductView(entry=entry, offers=offers, currency=currency, newest=newest,
                       other_currencies=tuple(sorted({o.currency for o in offers
                                                      if o.currency and o.currency != currency})))
    if compared:
        total = sum(c for c, _ in compared)
        view.min_cents, view.max_cents = compared[0][0], compared[-1][0]
        view.avg_cents = (2 * total + len(compared)) // (2 * len(compared))
        view.shops = len(compared)
    if newest is None:
        return view
    view.first = min(rows[0][F_EP] for rows in history.values() if rows)
    view.anchor = anchor = (newest // DAY + 1) * DAY
    ordered = [(r, history[r]) for r in sorted(history) if history[r]]
    names = [shop_names.get(r, r) for r, _ in ordered]
    if currency is not None:
        _history_figures(view, ordered, names, currency, anchor)
    _claims(view, history, shop_names)
    styles = {o.retailer: (o.colour, o.dash) for o in offers}
    series = [Series(name, *styles[r],
                     tuple([(row[CENTS] if row[CUR] == currency and row[AVAIL] != "out_of_stock" else None,
                             row[F_EP], row[L_EP]) for row in rows]))
              for name, (r, rows) in zip(names, ordered, strict=True)]
    view.views = build_views(series, currency, view.first, anchor, entry.name)
    return view


def _history_figures(view: ProductView, ordered: list[tuple[str, list[Row]]], names: list[str],
                     currency: str, anchor: int) -> None:
    lowest = None
    for k, (_, rows) in enumerate(ordered):
        low = first = None
        for row in rows:  # the lowest comparable price of this offer, and when it was first seen
            if row[CUR] == currency and row[AVAIL] != "out_of_stock" and (low is None or row[CENTS] < low):
                low, first = row[CENTS], row[F_EP]
        if low is not None and (lowest is None or (low, first) < lowest[:2]):
            lowest = (low, first, names[k])
    view.lowest_ever = lowest
    line = _Timeline(ordered, currency, anchor - 90 * DAY)
    best = view.min_cents
    for t, attr in ((anchor - DAY, "drop_day"), (anchor - 7 * DAY, "drop_week")):
        before = line.at(t)
        if best is not None and before is not None and before > best:
            setattr(view, attr, Drop(t, before, best, view.best.shop if view.best else ""))
    previous = None
    feed_start = anchor - FEED_DAYS * DAY
    for t, cents, k in line.points:
        if previous is not None and cents is not None and cents < previous and t >= feed_start:
            view.drops.append(Drop(t, previous, cents, names[k]))
        previous = cents if cents is not None else previous
    view.drops.reverse()
    days = view.tracked_days
    since = day_text(view.first or 0)
    if best is None or view.lowest_ever is None:
        return
    shops = len(ordered)
    if days >= MIN_DAYS_LOWEST and best <= view.lowest_ever[0]:
        view.labels.append(Label("lowest-ever", "Lowest price ever",
                                 f"The lowest price we have seen at any of the {shops} shops we check,"
                                 f" in {days} days of tracking since {since}."))
    elif days >= 30 and best <= (line.minimum(anchor - 30 * DAY, anchor) or best):
        view.labels.append(Label("lowest-30", "Lowest in 30 days",
                                 f"No shop we check was cheaper in the 30 days to {day_text(anchor - 1)}."))
    if days >= MIN_DAYS_AVERAGE:
        window = min(90, days)
        average = line.day_end_average(anchor, window)
        if average is not None:
            pct = (average - best) * 100 // average
            if pct >= MIN_BELOW_AVERAGE_PCT:
                view.labels.append(Label(
                    "below-average", f"{pct} % below its {window}-day average",
                    f"The average of the lowest price at the end of each of the last {window} days"
                    f" was {cents_text(average, currency)}."))


def _claims(view: ProductView, history: dict[str, list[Row]], shop_names: dict[str, str]) -> None:
    """A shop's "was" price that our history of that shop never reached."""
    for offer in view.offers:
        if offer.was_cents is None or offer.cents is None or offer.was_cents <= offer.cents:
            continue
        rows = [r for r in history.get(offer.retailer, ()) if r[CUR] == offer.currency]
        highest = max(r[CENTS] for r in rows)
        if highest >= offer.was_cents:
            continue
        was = cents_text(offer.was_cents, offer.currency)
        days = (rows[-1][L_EP] - rows[0][F_EP]) // DAY
        view.labels.append(Label(
            "claim", f"{offer.shop}'s “was {was}” is not borne out",
            f"We have checked {offer.shop} for {days} days (since {day_text(rows[0][F_EP])}) and never saw"
            f" {was} there; the highest price we saw was {cents_text(highest, offer.currency)}."))


def summary(view: ProductView) -> dict[str, Any]:
    """The facts listing pages, deals, feeds and api/index.json need about one product."""
    best = view.best
    e = view.entry
    return {
        "id": e.id, "name": e.name, "category": e.category, "brand": e.brand,
        "path": f"products/{e.id}.html",
        "price": None if best is None or best.cents is None else f"{best.cents // 100}.{best.cents % 100:02d}",
        "cents": None if best is None else best.cents, "currency": view.currency,
        "shop": None if best is None else best.shop, "retailer": None if best is None else best.retailer,
        "shops": view.shops, "offers": len(view.offers),
        "in_stock": [o.retailer for o in view.offers if o.compared],
        "status": "priced" if best else "out_of_stock" if view.priced else "unpriced",
        "labels": [label.kind for label in view.labels],
        "drop_day": _drop(view.drop_day), "drop_week": _drop(view.drop_week),
        "drops": [_drop(d) for d in view.drops if d.pct >= MIN_DROP_PCT][:5],
        "newest": view.newest,
    }


def _drop(d: Drop | None) -> dict[str, Any] | None:
    return None if d is None or d.pct < MIN_DROP_PCT else {"at": d.at, "old": d.old, "new": d.new, "pct": d.pct, "shop": d.shop}
