"""The price-history step chart: an inline SVG per time range, drawn from change points.

A price_history row is one run of identical observations, so every row is a change
point. Each offer becomes one step line: a row holds its price until the next row's
``first_seen``; the newest row holds until the end of the day it was last seen. Rows
out of stock leave a gap. Windows are whole UTC days ending at the end of the product's
newest day (``anchor``), so a page depends only on its own data, never on the build time.

``render_svg`` returns markup (escaped here: labels come from the catalog and shops);
coordinates are integers on a 480 x 250 canvas (no floats in money: prices are cents).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from markupsafe import Markup, escape

# Colour-blind-aware, each at least 3:1 against white (WCAG non-text contrast).
PALETTE = ("#0b62a4", "#c2410c", "#047857", "#9d3c8a", "#8a6d00", "#4b5563", "#0e7490", "#b91c1c")
DASHES = ("", "6 3", "2 3")  # after the palette runs out, lines repeat with a dash pattern
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
DAY = 86400

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 70, 12, 12, 30  # margins
RANGES = (("30d", "30 days", 30), ("90d", "90 days", 90), ("1y", "1 year", 365))


def money(value: Decimal, currency: str | None, places: int = 2) -> str:
    """``£1,234.56``; unknown currencies as ``1,234.56 CHF``. Never goes through float."""
    if not isinstance(value, Decimal):
        raise TypeError(f"money needs a Decimal, got {type(value).__name__}")
    text = f"{value:,.{places}f}"
    if currency in SYMBOLS:
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        return f"{sign}{SYMBOLS[currency]}{text}"
    return f"{text} {currency}" if currency else text


def cents_text(cents: int, currency: str | None, places: int = 2) -> str:
    """``money`` for a whole number of cents (the site's working unit): exact, fast."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    text = f"{cents // 100:,}" if places == 0 else f"{cents // 100:,}.{cents % 100:02d}"
    if currency in SYMBOLS:
        return f"{sign}{SYMBOLS[currency]}{text}"
    return f"{sign}{text} {currency}" if currency else sign + text


def series_style(index: int) -> tuple[str, str]:
    """(colour, dash pattern) of the index-th series."""
    return PALETTE[index % len(PALETTE)], DASHES[(index // len(PALETTE)) % len(DASHES)]


_SWATCHES: dict[tuple[str, str], Markup] = {}


def swatch(colour: str, dash: str) -> Markup:
    """The legend's sample of a series' line (cached: a few styles make every page)."""
    mark = _SWATCHES.get((colour, dash))
    if mark is None:
        pattern = f' stroke-dasharray="{escape(dash)}"' if dash else ""
        mark = _SWATCHES[(colour, dash)] = Markup(
            '<svg class="swatch" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true" focusable="false">'
            f'<line x1="1" y1="6" x2="23" y2="6" stroke="{escape(colour)}" stroke-width="3"{pattern}/></svg>')
    return mark


_DAY_TEXT: dict[int, str] = {}


def day_text(epoch: int) -> str:
    """``3 May 2025`` (UTC) of an epoch second; cached per day."""
    day = epoch // DAY
    text = _DAY_TEXT.get(day)
    if text is None:
        text = _DAY_TEXT[day] = time.strftime("%-d %b %Y", time.gmtime(day * DAY))
    return text


_DAY_ISO: dict[int, str] = {}


def day_iso(epoch: int) -> str:
    """``2025-05-03`` (UTC) of an epoch second; cached per day."""
    day = epoch // DAY
    text = _DAY_ISO.get(day)
    if text is None:
        text = _DAY_ISO[day] = time.strftime("%Y-%m-%d", time.gmtime(day * DAY))
    return text


def utc_text(when: datetime, with_time: bool = True) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%d %b %Y")


@dataclass(frozen=True)
class Series:
    """One offer's rows in the chart's currency, oldest first: (cents or None when out of stock, first, last)."""

    label: str  # the shop's display name
    colour: str
    dash: str
    rows: tuple[tuple[int | None, int, int], ...]


@dataclass(frozen=True)
class View:
    key: str  # 30d, 90d, 1y, all
    label: str
    start: int
    end: int
    svg: Markup


def _segments(s: Series, end_cap: int, currency: str | None) -> list[tuple[int, int, int, str]]:
    """(cents, from, to, end of the point's circle: its radius and tooltip) pieces of the step line,
    in-stock rows only. The tooltip does not depend on the range, so it is made once for all of them."""
    out = []
    rows = s.rows
    symbol = SYMBOLS.get(currency or "")
    head = f'" r="4"><title>{escape(s.label)}: {symbol or ""}'
    days = _DAY_TEXT
    n = len(rows)
    for i, (cents, first, last) in enumerate(rows):
        if cents is None:
            continue
        to = rows[i + 1][1] if i + 1 < n else min(end_cap, (last // DAY + 1) * DAY)
        if to > first:
            price = f"{cents // 100:,}.{cents % 100:02d}" if symbol else cents_text(cents, currency)
            day = days.get(first // DAY) or day_text(first)
            out.append((cents, first, to, f"{head}{price} from {day}</title></circle>"))
    return out


def _nice_step(span: int) -> int:
    raw = max(span / 4, 1)
    base = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if base * factor >= raw:
            return base * factor
    return base * 10


def _y_axis(lo: int, hi: int) -> tuple[int, int, int]:
    if hi == lo:
        pad = max(hi // 20, 100)
        lo, hi = max(lo - pad, 0), hi + pad
    step = _nice_step(hi - lo)
    return lo // step * step, -(-hi // step) * step, step


_AXES: dict[tuple[int, int, int, int, str | None], str] = {}  # axis markup by (start, end) or prices: pages share most


def _x_axis(start: int, end: int, x0: float, xs: float) -> str:
    key = (0, start, end, 0, None)
    text = _AXES.get(key)
    if text is None:
        bottom = HEIGHT - BOTTOM
        out = []
        for i, anchor in enumerate(("start", "middle", "middle", "end")):
            t = start + (end - start) * i // 3
            x = int(x0 + t * xs)
            label = day_text(t if i < 3 else end - 1)
            short = label.rsplit(" ", 1)[0] if end - start <= 366 * DAY else label.split(" ", 1)[1]
            out.append(f'<path fill="none" d="M{x} {bottom}v4"/><text x="{x}" y="{bottom + 18}"'
                       f' text-anchor="{anchor}">{short}</text>')
        text = _remember(key, "".join(out))
    return text


def _y_axis_marks(y_lo: int, y_hi: int, step: int, y0: float, ys: float, currency: str | None) -> tuple[str, str]:
    """(grid lines, price labels) of the y axis."""
    key = (1, y_lo, y_hi, step, currency)
    text = _AXES.get(key)
    if text is None:
        right = WIDTH - RIGHT
        places = 0 if step % 100 == 0 else 2
        ticks = range(y_lo, y_hi + 1, step)
        grid = "".join(f'<path d="M{LEFT} {int(y0 - v * ys)}H{right}"/>' for v in ticks)
        labels = "".join(f'<text x="{LEFT - 6}" y="{int(y0 - v * ys)}" dy=".32em" text-anchor="end">'
                         f'{cents_text(v, currency, places)}</text>' for v in ticks)
        text = _remember(key, grid + "\0" + labels)
    grid, labels = text.split("\0")
    return grid, labels


def _remember(key: tuple[int, int, int, int, str | None], text: str) -> str:
    if len(_AXES) > 4096:
        _AXES.clear()
    _AXES[key] = text
    return text


def render_svg(pieces: Sequence[tuple[Series, list[tuple[int, int, int, str]]]], currency: str | None,
               start: int, end: int, title: str) -> Markup | None:
    """One SVG of the step lines between ``start`` and ``end`` (epoch seconds); None when nothing shows."""
    shown = []
    lo = hi = None
    for s, segments in pieces:
        segs = [seg for seg in segments if seg[2] > start and seg[1] < end]
        if segs:
            shown.append((s, segs))
            low, high = min(segs)[0], max(segs)[0]
            lo = low if lo is None or low < lo else lo
            hi = high if hi is None or high > hi else hi
    if lo is None or hi is None:
        return None
    y_lo, y_hi, step = _y_axis(lo, hi)
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    xs = (right - LEFT) / (end - start)
    ys = (bottom - TOP) / (y_hi - y_lo)
    x0 = LEFT - start * xs + 0.5  # x(t) = int(x0 + t * xs)
    y0 = bottom + y_lo * ys + 0.5  # y(c) = int(y0 - c * ys)
    grid, labels = _y_axis_marks(y_lo, y_hi, step, y0, ys, currency)
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Price history of '
           f'{escape(title)} from {day_text(start)} to {day_text(end - 1)}, one line per shop; '
           f'prices between {cents_text(lo, currency)} and {cents_text(hi, currency)}. '
           f'The table lists the current prices."><g class="grid" fill="none">{grid}</g><g class="axis">'
           f'<path fill="none" d="M{LEFT} {TOP}V{bottom}H{right}"/>{labels}{_x_axis(start, end, x0, xs)}</g>']
    x_start, x_end = int(x0 + start * xs), int(x0 + end * xs)
    for s, segs in shown:
        d: list[str] = []
        dots: list[str] = []
        prev_to = None
        for cents, a, b, tail in segs:
            x1 = int(x0 + a * xs) if a > start else x_start
            y = int(y0 - cents * ys)
            x2 = int(x0 + b * xs) if b < end else x_end
            d.append(f"V{y}H{x2}" if prev_to == a else f"M{x1} {y}H{x2}")  # a step, or a gap then a line
            prev_to = b
            dots.append(f'<circle cx="{x1}" cy="{y}{tail}')
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        out.append(f'<g class="series" fill="{s.colour}" stroke="{s.colour}"{dash}>'
                   f'<path fill="none" d="{"".join(d)}"/>{"".join(dots)}</g>')
    out.append("</svg>")
    return Markup("".join(out))


def build_views(series: Sequence[Series], currency: str | None, first: int, anchor: int, title: str) -> list[View]:
    """The chart's ranges: 30 d, 90 d, 1 y where history is longer than them, then all of it."""
    all_start = first // DAY * DAY
    pieces = [(s, _segments(s, anchor, currency)) for s in series]
    views = []
    for key, label, days in RANGES:
        start = anchor - days * DAY
        if anchor - all_start <= (days + days // 10) * DAY:
            break  # "All" shows (nearly) the same
        svg = render_svg(pieces, currency, start, anchor, title)
        if svg is not None:
            views.append(View(key, label, start, anchor, svg))
    svg = render_svg(pieces, currency, all_start, anchor, title)
    if svg is not None:
        views.append(View("all", "All", all_start, anchor, svg))
    return views
