"""The site-wide files: index, category pages, deals, shop health, feeds, api index, sitemap.

Listing pages are assembled from each product's stored card (rendered with the product), so
a change to one product re-renders its own files and re-assembles only these. Every file
goes through ``write_file``: written only when its bytes differ from the live build's. A category
page lists every product of its category: its cards are streamed from the state into the file,
never held whole in memory.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..chart import DAY, cents_text
from .source import Reader
from .state import State

INDEX_LIST_LIMIT = 300  # up to this many products the index lists them all; above, the top drops
DEALS_LIMIT = 50
FEED_LIMIT = 50
HEALTH_DAYS = 7
CARDS_AT = "\x00cards\x00"  # where a category page's cards go, in the page rendered without them
CARDS_CHUNK = 200  # cards joined at a time
LABEL_NAMES = {"lowest-ever": "Lowest ever", "lowest-30": "Lowest in 30 days", "below-average": "Below average",
               "claim": "Shop's claim not borne out"}


def xml_escape(text: str) -> str:
    """&, < and > as entities (what xml.sax.saxutils.escape does, without importing urllib)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "category"


def category_slugs(names: list[str]) -> dict[str, str]:
    """category name -> slug, unique: a slug two names share gets -2, -3 ... in name order."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(names):
        base = slug = slugify(name)
        n = 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[name] = slug
    return out


@dataclass
class Listing:
    """Where site-wide files go, and how they are written."""

    env: jinja2.Environment
    state: State
    put: Callable[[str, bytes], None]  # (relative path, bytes)
    put_stream: Callable[[str, Iterable[bytes]], None]  # the same, piece by piece
    common: dict[str, Any]
    site_url: str
    stale_hours: float

    def page(self, template: str, rel: str, root: str, **values: Any) -> None:
        html = self.env.get_template(template).render(self.common, root=root, **values)
        self.put(rel, html.encode("utf-8"))

    def page_with_cards(self, template: str, rel: str, root: str, cards: Callable[[], Iterator[str]],
                        **values: Any) -> None:
        """``page`` whose ``cards`` value (the cards' HTML, one after another) is written as it is
        read: the page is rendered around a marker, and the cards streamed in at the marker."""
        html = self.env.get_template(template).render(self.common, root=root, cards=Markup(CARDS_AT), **values)
        pieces = html.split(CARDS_AT)

        def chunks() -> Iterator[bytes]:
            for i, piece in enumerate(pieces):
                if i:
                    yield from (part.encode("utf-8") for part in cards())
                yield piece.encode("utf-8")

        self.put_stream(rel, chunks())


def _cards(cards: Iterable[str], prefix: str = "") -> Iterator[str]:
    """The cards joined by newlines, a few hundred at a time, their product links under ``prefix``."""
    first = True
    it = iter(cards)
    while part := list(islice(it, CARDS_CHUNK)):
        text = "\n".join(part)
        if prefix:  # the links sit inside a card: never split across two of them
            text = text.replace(' href="products/', f' href="{prefix}products/')
        yield text if first else "\n" + text
        first = False


def write_listings(out: Listing, slugs: dict[str, str], shop_names: dict[str, str], newest: int | None) -> set[str]:
    """Index and category pages; returns the paths written or kept."""
    categories = out.state.categories()
    total = sum(n for _, n in categories)
    paths = {"index.html"}
    listed = total <= INDEX_LIST_LIMIT
    cats = []
    for name, count in categories:
        slug = slugs[name]
        fresh, in_stock = out.state.category_facts(name)
        rel = f"categories/{slug}.html"
        out.page_with_cards("category.html", rel, "../", lambda name=name: _cards(out.state.cards(name), "../"),
                            name=name, slug=slug, count=count, fresh=fresh,
                            shops=[(r, shop_names.get(r, r)) for r in sorted(in_stock)])
        paths.add(rel)
        # the index lists every card only while there are few (INDEX_LIST_LIMIT)
        cats.append({"name": name, "path": rel, "count": count,
                     "cards": Markup("".join(_cards(out.state.cards(name)))) if listed else ""})
    top = "" if listed else Markup("\n".join(card for _, card in out.state.top("drop_week", 24)))
    shops_count = len(out.state.shops_in_stock())
    out.page("index.html", "index.html", "", total=total, shops=shops_count, categories=cats, listed=listed,
             top=top, fresh=newest)
    return paths


def write_deals(out: Listing, newest: int | None) -> None:
    sections = []
    for column, title, note in (
            ("drop_day", "Dropped since 00:00 UTC",
             "Each product's cheapest price at its latest check against its cheapest at 00:00 UTC that day"
             " (whole UTC days, not the last 24 hours)."),
            ("drop_week", "Dropped in the last 7 days",
             "Each product's cheapest price at its latest check against its cheapest at the start of the 7 whole"
             " UTC days that end with that check.")):
        summaries = [json.loads(s) for s, _ in out.state.top(column, DEALS_LIMIT)]
        sections.append((title, note, [(s, s[column]) for s in summaries]))
    out.page("deals.html", "deals.html", "", sections=sections, fresh=newest, label_names=LABEL_NAMES)


def write_shops(out: Listing, reader: Reader, shop_names: dict[str, str]) -> None:
    newest = reader.newest_attempt()
    shops = []
    until = "today"
    if newest is not None:
        end = datetime.fromtimestamp((int(newest.timestamp()) // DAY + 1) * DAY, UTC)
        until = (end - timedelta(seconds=1)).strftime("%-d %b %Y")
        for row in reader.shops(end - timedelta(days=HEALTH_DAYS)):
            attempts, ok = int(row["attempts"]), int(row["successes"] or 0)
            shops.append({"retailer": row["retailer"], "shop": shop_names.get(row["retailer"], row["retailer"]),
                          "attempts": attempts, "successes": ok, "rate": ok * 100 // attempts if attempts else None,
                          "last_ok": row["last_ok_at"]})
    shops.sort(key=lambda s: s["shop"].casefold())
    fresh = int(newest.timestamp()) if newest else None
    out.page("shops.html", "shops.html", "", shops=shops, until=until, fresh=fresh)


def _iso(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def atom(out: Listing, rel: str, title: str, category: str | None) -> None:
    rows = out.state.drops(category, FEED_LIMIT)
    base = out.site_url or "../"
    feed_id = f"{out.site_url}{rel}" if out.site_url else f"tag:power-tracker,2024:{rel}"
    updated = _iso(rows[0][0]) if rows else "1970-01-01T00:00:00Z"
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{xml_escape(title)}</title>", f"<id>{xml_escape(feed_id)}</id>",
             f"<updated>{updated}</updated>", f'<link rel="alternate" href="{xml_escape(base)}index.html"/>',
             "<author><name>Power Tracker</name></author>"]
    for at, pid, doc in rows:
        d = json.loads(doc)
        old, new = cents_text(d["old"], d["currency"]), cents_text(d["new"], d["currency"])
        text = f"{d['name']}: {new} at {d['shop']}, down from {old} ({d['pct']} %)"
        parts.append(f"<entry><title>{xml_escape(text)}</title>"
                     f"<id>tag:power-tracker,2024:drop/{xml_escape(pid)}/{at}</id><updated>{_iso(at)}</updated>"
                     f'<link href="{xml_escape(base)}products/{xml_escape(pid)}.html"/>'
                     f"<summary>{xml_escape(text)}. The cheapest price we saw at any shop we check.</summary></entry>")
    parts.append("</feed>\n")
    out.put(rel, "\n".join(parts).encode("utf-8"))


def write_data(out: Listing, pages: list[str], products: Iterable[str], newest_seen: datetime | None) -> None:
    """api/index.json, sitemap.xml (``pages``, then the ``products`` pages), robots.txt and the shared
    freshness.json. The big ones are made a few hundred entries at a time, never whole in memory."""
    def index() -> Iterator[bytes]:
        yield b"[\n"
        summaries, sep = (s for s in out.state.summaries() if s), ""
        while part := list(islice(summaries, 500)):
            yield (sep + ",\n".join(part)).encode("utf-8")
            sep = ",\n"
        yield b"\n]\n"

    out.put_stream("api/index.json", index())
    prefix = out.site_url

    def sitemap() -> Iterator[bytes]:
        yield b'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        paths = chain(pages, products)
        while part := list(islice(paths, 500)):
            yield "".join(f"<url><loc>{xml_escape(prefix + p)}</loc></url>\n" for p in part).encode("utf-8")
        yield b"</urlset>\n"

    out.put_stream("sitemap.xml", sitemap())
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {prefix}sitemap.xml\n" if prefix else "")
    out.put("robots.txt", robots.encode("ascii"))
    fresh = {"newest_observation": newest_seen.strftime("%Y-%m-%dT%H:%M:%SZ") if newest_seen else None,
             "stale_hours": out.stale_hours}
    out.put("freshness.json", (json.dumps(fresh, sort_keys=True) + "\n").encode("ascii"))


def assets(templates_dir: Path) -> dict[str, tuple[str, bytes]]:
    """name -> (content-hashed path, bytes) of the site's own CSS, JS and icon."""
    out = {}
    for name, file in (("css", "site.css"), ("js", "site.js"), ("icon", "icon.svg")):
        data = (templates_dir / "assets" / file).read_bytes()
        stem, ext = file.rsplit(".", 1)
        out[name] = (f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}", data)
    return out


def not_found(out: Listing, css: bytes) -> None:
    """404.html is served from any depth, so it inlines its style (allowed by hash in its CSP)."""
    text = css.decode("utf-8")
    if "</" in text:
        raise ValueError("site.css must not contain '</' (it is inlined in 404.html)")
    digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
    out.page("404.html", "404.html", "/", inline_css=text, style_hash=f"sha256-{digest}", fresh=None)
