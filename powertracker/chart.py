"""The price-history step chart: geometry for an inline SVG, computed in Python.

``build_chart`` turns each offer's ``price_history`` rows into one step line:
a row holds its price from ``first_seen`` to ``last_seen``, and the line stays
flat until the next row's ``first_seen``, where it steps to the new price.
Every row contributes a point (with a tooltip) at ``first_seen`` and at
``last_seen``. The template only lays out what this module computed, so the
markup is escaped by Jinja like everything else.

Coordinates are floats (geometry); prices stay Decimal and are formatted with
``money`` for labels and tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

# Colour-blind-aware, each at least 3:1 against white (WCAG non-text contrast).
PALETTE = ("#0b62a4", "#c2410c", "#047857", "#9d3c8a", "#8a6d00", "#4b5563", "#0e7490", "#b91c1c")
DASHES = ("", "6 3", "2 3")  # after the palette runs out, lines repeat with a dash pattern

WIDTH, HEIGHT = 420, 250
LEFT, RIGHT, TOP, BOTTOM = 66, 14, 12, 36
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(value: Decimal, currency: str | None, places: int = 2) -> str:
    """``£1,234.56``; unknown currencies as ``1,234.56 CHF``. Never goes through float."""
    if not isinstance(value, Decimal):
        raise TypeError(f"money needs a Decimal, got {type(value).__name__}")
    text = f"{value:,.{places}f}"
    if currency in SYMBOLS:
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        return f"{sign}{SYMBOLS[currency]}{text}"
    return f"{text} {currency}" if currency else text


def utc_text(when: datetime, with_time: bool = True) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%d %b %Y")


def series_style(index: int) -> tuple[str, str]:
    """(colour, dash pattern) of the index-th series."""
    return PALETTE[index % len(PALETTE)], DASHES[(index // len(PALETTE)) % len(DASHES)]


@dataclass(frozen=True)
class Step:
    """One price_history row of an offer."""

    price: Decimal
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class Series:
    label: str  # the retailer's display name
    currency: str
    steps: tuple[Step, ...]  # oldest first
    colour: str
    dash: str = ""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Line:
    label: str
    d: str
    colour: str
    dash: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    top: int
    bottom: int  # y of the plot's bottom edge
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    label: str  # the SVG's aria-label


def _nice_step(span: Decimal, parts: int = 4) -> Decimal:
    raw = span / parts
    exponent = raw.adjusted()
    base = Decimal(1).scaleb(exponent)
    for factor in (1, 2, 5, 10):
        if base * factor >= raw:
            return base * factor
    return base * 10


def _y_ticks(lo: Decimal, hi: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(axis low, axis high, step) enclosing lo..hi with round numbers."""
    if hi == lo:
        pad = max(abs(hi) * Decimal("0.05"), Decimal(1))
        lo, hi = lo - pad, hi + pad
    step = _nice_step(hi - lo)
    low = (lo / step).to_integral_value(ROUND_FLOOR) * step
    high = (hi / step).to_integral_value(ROUND_CEILING) * step
    return max(low, Decimal(0)) if lo >= 0 else low, high, step


def build_chart(series: Sequence[Series], title: str) -> Chart | None:
    """The chart of ``series``, or None when there is nothing to draw."""
    series = [s for s in series if s.steps]
    if not series:
        return None
    prices = [st.price for s in series for st in s.steps]
    times = [t for s in series for st in s.steps for t in (st.first_seen, st.last_seen)]
    t0, t1 = min(times), max(times)
    if t1 - t0 < timedelta(hours=1):
        t0, t1 = t0 - timedelta(hours=12), t1 + timedelta(hours=12)
    y_lo, y_hi, step = _y_ticks(min(prices), max(prices))
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    span_s = (t1 - t0).total_seconds()

    def x(t: datetime) -> float:
        return round(LEFT + (t - t0).total_seconds() / span_s * (right - LEFT), 1)

    def y(p: Decimal) -> float:
        return round(float(bottom - (p - y_lo) / (y_hi - y_lo) * (bottom - TOP)), 1)

    currencies = {s.currency for s in series}
    axis_currency = currencies.pop() if len(currencies) == 1 else None
    lines = []
    for s in series:
        d: list[str] = []
        points: list[Point] = []
        for i, st in enumerate(s.steps):
            if i == 0:
                d.append(f"M{x(st.first_seen)} {y(st.price)}")
            else:
                d.append(f"H{x(st.first_seen)} V{y(st.price)}")
            d.append(f"H{x(st.last_seen)}")
            text = f"{s.label}: {money(st.price, s.currency)}"
            points.append(Point(x(st.first_seen), y(st.price), f"{text} · {utc_text(st.first_seen)}"))
            if st.last_seen != st.first_seen:
                points.append(Point(x(st.last_seen), y(st.price), f"{text} · {utc_text(st.last_seen)}"))
        lines.append(Line(s.label, " ".join(d), s.colour, s.dash, tuple(points)))

    places = 0 if step == step.to_integral_value() else 2
    y_ticks = []
    value = y_lo
    while value <= y_hi:
        y_ticks.append(Tick(y(value), money(value, axis_currency, places), "end"))
        value += step
    if t1 - t0 < timedelta(days=3):
        fmt, count = "%d %b %H:%M", 3
    elif t0.year == t1.year:
        fmt, count = "%d %b", 4
    else:
        fmt, count = "%b %Y", 3
    x_ticks = []
    for i in range(count):
        t = t0 + (t1 - t0) * i / (count - 1)
        anchor = "start" if i == 0 else "end" if i == count - 1 else "middle"
        x_ticks.append(Tick(x(t), t.strftime(fmt), anchor))
    label = (f"Price history of {title} from {utc_text(t0, False)} to {utc_text(t1, False)}, "
             f"one line per shop ({', '.join(s.label for s in series)}); "
             f"prices between {money(min(prices), axis_currency)} and {money(max(prices), axis_currency)}. "
             "The table lists the current prices.")
    return Chart(WIDTH, HEIGHT, LEFT, right, TOP, bottom, tuple(lines), tuple(x_ticks), tuple(y_ticks), label)
