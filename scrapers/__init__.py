"""Retailer adapters: one module per shop that structured data and a configured selector cannot handle.

A module is named after the shop's domain in snake_case (``shop_example_com.py``) and exposes a pure
``parse(html: str, url: str) -> Extraction``: no network, no database, no logging set-up.
``ADAPTERS`` maps a domain to its module name; the scraper consults it before the generic extractor.
"""

ADAPTERS: dict[str, str] = {}  # domain -> module name under scrapers/; none needed yet
