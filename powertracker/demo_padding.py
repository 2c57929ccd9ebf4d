"""Markup that makes a demo page weigh what a real shop page weighs (60-150 KB), without a price in it.

Real product pages are mostly navigation, inline styles, descriptions, spec tables, reviews and
footers. ``chrome(seed, size)`` returns (head, top, bottom) fragments of that kind, deterministic
in ``seed``, together about ``size`` bytes. No currency symbol, no price-like number and no
schema.org markup appear in them, so extractors find exactly what they found without them.
"""

from __future__ import annotations

import hashlib
import random

WORDS = (
    "portable power station battery capacity solar charging output inverter lithium iron phosphate cells "
    "camping outdoor backup home emergency quiet fast recharge ports socket cable panel expandable weight "
    "handle display app control bluetooth wifi warranty years cycles safety certified surge protection "
    "temperature management compact durable design travel vanlife festival garden workshop fridge laptop "
    "phone drone camera kettle light heater pump tools reliable efficient clean energy storage system"
).split()
CATEGORIES = ("Power stations", "Power banks", "Solar panels", "Accessories", "Cables", "Camping",
              "Outdoor kitchen", "Lighting", "Heating", "Tools", "Gift cards", "Clearance")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6))) + "</p>\n"


def _nav(rng: random.Random) -> str:
    items = []
    for cat in CATEGORIES:
        links = "".join(f'<li><a href="/c/{cat.lower().replace(" ", "-")}/{i}">{_sentence(rng, 2)[:-1]}</a></li>'
                        for i in range(rng.randint(6, 12)))
        items.append(f'<li class="menu-item"><a href="#">{cat}</a><ul class="submenu">{links}</ul></li>')
    return f'<nav class="mega-menu" aria-label="Main"><ul>{"".join(items)}</ul></nav>\n'


def _style(rng: random.Random) -> str:
    rules = "".join(f".c{i}{{margin:{rng.randint(0, 24)}px;padding:{rng.randint(0, 16)}px;"
                    f"color:#{rng.randrange(0xFFFFFF):06x};display:flex}}" for i in range(rng.randint(80, 160)))
    return f"<style>{rules}</style>\n"


def _specs(rng: random.Random) -> str:
    rows = "".join(f"<tr><th>{_sentence(rng, 2)[:-1]}</th><td>{_sentence(rng, 3)[:-1]}</td></tr>"
                   for _ in range(rng.randint(12, 30)))
    return f'<section class="specs"><h2>Specifications</h2><table>{rows}</table></section>\n'


def _review(rng: random.Random) -> str:
    stars = rng.randint(3, 5)
    return (f'<article class="review"><h3>{_sentence(rng, 4)[:-1]}</h3>'
            f'<p class="stars" aria-label="{stars} out of 5">{"&#9733;" * stars}</p>{_paragraph(rng)}</article>\n')


def _footer(rng: random.Random) -> str:
    cols = "".join(f'<div class="col"><h4>{_sentence(rng, 2)[:-1]}</h4><ul>'
                   + "".join(f'<li><a href="/help/{i}">{_sentence(rng, 3)[:-1]}</a></li>' for i in range(8))
                   + "</ul></div>" for _ in range(4))
    return f'<footer class="site-footer">{cols}<p>{_sentence(rng, 12)}</p></footer>\n'


def chrome(seed: str, size: int) -> tuple[str, str, str]:
    """(head, top, bottom) markup, deterministic in ``seed``, about ``size`` bytes together."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    head = _style(rng)
    top = _nav(rng) + '<ol class="breadcrumbs"><li><a href="/">Home</a></li><li>Products</li></ol>\n'
    parts = ['<section class="description"><h2>Description</h2>', _paragraph(rng), _paragraph(rng),
             "</section>\n", _specs(rng), '<section class="reviews"><h2>Reviews</h2>']
    total = len(head) + len(top) + sum(map(len, parts))
    footer = _footer(rng)
    while total + len(footer) + 20 < size:
        piece = _review(rng)
        parts.append(piece)
        total += len(piece)
    parts.append("</section>\n")
    return head, top, "".join(parts) + footer
