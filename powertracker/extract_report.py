"""The readable ``scrape.py --extract`` summary: what was found, and every candidate rejected and why.

That list is how an operator debugs a shop: it shows the struck-through price, the unit price,
the related products' prices and the invalid JSON-LD block the extractor saw and set aside.
"""

from __future__ import annotations

from .models import Extraction

FIELDS = ("price", "currency", "availability", "was_price", "title", "strategy", "confidence", "raw")


def summary_lines(ext: Extraction, limit: int = 40) -> list[str]:
    """Key / value lines, then the rejected candidates (raw text and reason), at most ``limit`` of them."""
    data = ext.as_json()
    lines = [f"{key + ':':14}{'-' if data[key] is None else data[key]}" for key in FIELDS]
    if ext.price is None:
        lines.append("result:       no trustworthy price found")
    rejected = list(dict.fromkeys(ext.rejected))  # each (raw, reason) once, in the order found
    if rejected:
        lines.append(f"rejected ({len(rejected)}):")
        for raw, reason in rejected[:limit]:
            lines.append(f"  {raw or '-':<24} {reason}" if len(raw) <= 24 else f"  {raw}\n  {'':<24} {reason}")
        if len(rejected) > limit:
            lines.append(f"  ... and {len(rejected) - limit} more")
    else:
        lines.append("rejected:     none")
    return lines
