"""Load and validate the catalog: product files and retailers.json.

A broken file or field yields one problem naming the file and the field; the
rest of the catalog still loads. ``load_catalog`` never raises for bad
content, only ``load_retailers`` raises ConfigError when retailers.json itself
is unreadable (every offer depends on it).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .models import Offer, Product, Retailer

logger = logging.getLogger(__name__)

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
PRIORITIES = ("high", "normal", "low")


class Problem(ValueError):
    """One bad field: ``where`` is 'file: field.path'."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(frozen=True)
class Catalog:
    products: tuple[Product, ...]
    retailers: dict[str, Retailer]
    problems: tuple[str, ...]

    def retailer(self, retailer_id: str, default_delay: float = 5.0) -> Retailer:
        """The retailer's settings, or defaults for one with no entry."""
        found = self.retailers.get(retailer_id)
        return found or Retailer(id=retailer_id, name=retailer_id, delay=default_delay)

    @property
    def offers(self) -> list[Offer]:
        return [offer for product in self.products for offer in product.offers]


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _str(obj: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise Problem(f"{where}.{key}", "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise Problem(f"{where}.{key}", f"must be a non-empty string, got {value!r}")
    return value.strip()


def _url(obj: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    value = _str(obj, key, where, required)
    if value is not None:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise Problem(f"{where}.{key}", f"must be an http(s) URL, got {value!r}")
    return value


def _currency(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = _str(obj, key, where, required=False)
    if value is not None and not CURRENCY.match(value):
        raise Problem(f"{where}.{key}", f"must be an ISO 4217 code such as GBP, got {value!r}")
    return value


def _number(obj: dict[str, Any], key: str, where: str, default: float, integer: bool = False) -> Any:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise Problem(f"{where}.{key}", f"must be a non-negative number, got {value!r}")
    if integer and (int(value) != value or value < 1):
        raise Problem(f"{where}.{key}", f"must be a whole number of at least 1, got {value!r}")
    return int(value) if integer else float(value)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise Problem(_rel(path), f"is not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise Problem(_rel(path), f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def load_retailers(path: Path, default_delay: float = 5.0) -> dict[str, Retailer]:
    """Parse retailers.json: an object keyed by retailer id. A missing file means no entries."""
    if not path.exists():
        logger.info("no retailers file at %s; every retailer gets the defaults", path)
        return {}
    try:
        data = _read_json(path)
        if not isinstance(data, dict):
            raise Problem(_rel(path), "must be a JSON object keyed by retailer id")
        retailers = {}
        for rid, entry in data.items():
            where = f"{_rel(path)}: {rid}"
            if not SLUG.match(rid):
                raise Problem(where, "retailer id must be lower-case letters, digits, '.', '_' or '-'")
            if not isinstance(entry, dict):
                raise Problem(where, "must be an object")
            retailers[rid] = Retailer(
                id=rid,
                name=_str(entry, "name", where, required=False) or rid,
                base_url=_url(entry, "base_url", where, required=False),
                currency=_currency(entry, "currency", where),
                delay=_number(entry, "delay", where, default_delay),
                concurrency=_number(entry, "concurrency", where, 1, integer=True),
                selector=_str(entry, "selector", where, required=False),
            )
        return retailers
    except Problem as exc:
        raise ConfigError(str(exc)) from None


def _product(obj: Any, where: str, source: str) -> Product:
    if not isinstance(obj, dict):
        raise Problem(where, "must be a JSON object")
    pid = _str(obj, "id", where)
    assert pid is not None
    if not SLUG.match(pid):
        raise Problem(f"{where}.id", f"must be lower-case letters, digits, '.', '_' or '-', got {pid!r}")
    priority = _str(obj, "priority", where, required=False) or "normal"
    if priority not in PRIORITIES:
        raise Problem(f"{where}.priority", f"must be one of {', '.join(PRIORITIES)}, got {priority!r}")
    raw_offers = obj.get("offers")
    if not isinstance(raw_offers, list) or not raw_offers:
        raise Problem(f"{where}.offers", "must be a non-empty list")
    offers = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_offers):
        ow = f"{where}.offers[{i}]"
        if not isinstance(raw, dict):
            raise Problem(ow, "must be a JSON object")
        retailer = _str(raw, "retailer", ow)
        assert retailer is not None
        if not SLUG.match(retailer):
            raise Problem(f"{ow}.retailer", f"must be a retailer id such as shop-a, got {retailer!r}")
        if retailer in seen:
            raise Problem(f"{ow}.retailer", f"{retailer!r} appears twice in this product")
        seen.add(retailer)
        url = _url(raw, "url", ow)
        assert url is not None
        offers.append(Offer(
            product_id=pid, retailer=retailer, url=url,
            selector=_str(raw, "selector", ow, required=False),
            currency=_currency(raw, "currency", ow),
            sku=_str(raw, "sku", ow, required=False),
            gtin=_str(raw, "gtin", ow, required=False),
        ))
    name = _str(obj, "name", where)
    assert name is not None
    return Product(
        id=pid, name=name,
        category=_str(obj, "category", where, required=False) or "Other",
        brand=_str(obj, "brand", where, required=False),
        priority=priority, offers=tuple(offers), source=source,
    )


def _parse_file(path: Path) -> tuple[list[tuple[str, Product]], list[str]]:
    """(where, product) for each valid entry of one file, and one problem line per bad entry."""
    source = _rel(path)
    try:
        data = _read_json(path)
    except Problem as exc:
        return [], [str(exc)]
    entries, problems = [], []
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        where = f"{source}: " + (f"[{i}]" if isinstance(data, list) else "product")
        try:
            entries.append((where, _product(obj, where, source)))
        except Problem as exc:
            problems.append(str(exc))
    return entries, problems


def load_product_file(path: Path) -> tuple[list[Product], list[str]]:
    """The valid products of one file, and one problem line per bad entry.

    No checks across files (an id defined in two files): callers that read the folder file
    by file (the site build caches unchanged files) make that check themselves.
    """
    entries, problems = _parse_file(path)
    return [product for _, product in entries], problems


def product_files(products_dir: Path) -> list[Path]:
    """The product files: ``products_dir/*.json`` by name (none when the folder is missing)."""
    return sorted(products_dir.glob("*.json")) if products_dir.is_dir() else []


def load_products(products_dir: Path) -> tuple[list[Product], list[str]]:
    """Every product in ``products_dir/*.json``, and one problem line per bad entry."""
    if not products_dir.is_dir():
        return [], [f"{_rel(products_dir)}: products folder does not exist"]
    products: list[Product] = []
    problems: list[str] = []
    ids: dict[str, str] = {}
    for path in product_files(products_dir):
        entries, file_problems = _parse_file(path)
        problems.extend(file_problems)
        for where, product in entries:
            if product.id in ids:
                problems.append(f"{where}.id: {product.id!r} is already defined in {ids[product.id]}")
                continue
            ids[product.id] = product.source
            products.append(product)
    return products, problems


def load_catalog(products_dir: Path, retailers_file: Path, default_delay: float = 5.0) -> Catalog:
    retailers = load_retailers(retailers_file, default_delay)
    products, problems = load_products(products_dir)
    for problem in problems:
        logger.error("catalog: %s", problem)
    return Catalog(products=tuple(products), retailers=retailers, problems=tuple(problems))
