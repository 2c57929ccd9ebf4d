"""Exports: each product's price history as CSV and JSON under DATA_DIR/prices/.

One pair of files per product, ``<product_id>.csv`` and ``<product_id>.json``,
with one row per run of identical observations (as ``price_history`` keeps
them): retailer, price (a decimal string, never a float), currency,
availability, first and last seen (UTC, ISO 8601) and the number of
observations. A file is replaced atomically, and only when its bytes change,
so an unchanged export keeps its mtime (rsync and backups skip it). Files of
products no longer in the database are left alone: an export never loses data.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import store
from .atomic import write_atomically
from .config import Settings
from .db import Database

logger = logging.getLogger(__name__)

COLUMNS = ("product_id", "retailer", "price", "currency", "availability", "first_seen", "last_seen",
           "observations", "url")
_SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


@dataclass
class ExportResult:
    directory: Path
    products: int = 0
    rows: int = 0
    written: list[str] = field(default_factory=list)  # file names whose content changed
    skipped: list[str] = field(default_factory=list)  # product ids not usable as file names

    def as_json(self) -> dict[str, Any]:
        return {"directory": str(self.directory), "products": self.products, "rows": self.rows,
                "written": self.written, "skipped": self.skipped}


def export_dir(settings: Settings) -> Path:
    return settings.data_dir / "prices"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def render(product_id: str, rows: list[dict[str, Any]]) -> tuple[bytes, bytes]:
    """(CSV, JSON) bytes of one product's history."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    records = [{c: _text(r.get(c)) if c != "observations" else int(r["observations"]) for c in COLUMNS}
               for r in rows]
    for rec in records:
        writer.writerow([rec[c] for c in COLUMNS])
    for rec in records:
        rec["availability"] = rec["availability"] or None
        del rec["product_id"]
    doc = {"product_id": product_id, "history": records}
    return buf.getvalue().encode(), (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode()


def _replace_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomically(path, data)
    return True


def export_prices(db: Database, settings: Settings, dry_run: bool = False) -> ExportResult:
    """Write every product's history; ``dry_run`` lists what would change and writes nothing."""
    result = ExportResult(directory=export_dir(settings))
    by_product: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.history(db):
        by_product[row["product_id"]].append(row)
    for product_id, rows in sorted(by_product.items()):
        if not _SAFE.match(product_id):
            result.skipped.append(product_id)
            logger.warning("run=export product=%s: id is not a safe file name; not exported", product_id)
            continue
        result.products += 1
        result.rows += len(rows)
        for suffix, data in zip((".csv", ".json"), render(product_id, rows), strict=True):
            path = result.directory / f"{product_id}{suffix}"
            if dry_run:
                changed = not path.is_file() or path.read_bytes() != data
            else:
                changed = _replace_if_changed(path, data)
            if changed:
                result.written.append(path.name)
    if not dry_run:
        logger.info("run=export product=-: %d products, %d rows, %d files changed in %s", result.products,
                    result.rows, len(result.written), result.directory)
    return result
