"""export_prices.py: each product's price history as CSV and JSON, on both databases."""

from __future__ import annotations

import csv
import json
import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner, Result

import export_prices
from powertracker import store
from powertracker.db import connect
from powertracker.models import Observation

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def invoke(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(export_prices.main, list(args), env=env)


def seed(url: str) -> None:
    db = connect(url)
    plan = [(0, "river-2", "shop-a", "299.00"), (1, "river-2", "shop-a", "299.00"),
            (2, "river-2", "shop-a", "279.99"), (0, "river-2", "shop-b", "305.50"), (0, "Bad/Id", "shop-a", "1.00")]
    for hours, product, retailer, price in plan:
        t = T0 + timedelta(hours=hours)
        with db.transaction():
            store.record_observation(db, Observation(product, retailer, f"https://{retailer}.example/{product}",
                                                     Decimal(price), "GBP", "in_stock", t), None)
    db.close()


def test_export_csv_and_json(db_url: str, env: dict[str, str]) -> None:
    seed(db_url)
    env = dict(env, DATABASE_URL=db_url)
    r = invoke(env)
    assert r.exit_code == 0, r.output
    out = Path(env["DATA_DIR"]) / "prices"
    assert r.stdout == f"wrote 2 files for 1 products (3 history rows) in {out}; skipped unsafe ids: Bad/Id\n"
    assert sorted(p.name for p in out.iterdir()) == ["river-2.csv", "river-2.json"]
    rows = list(csv.DictReader((out / "river-2.csv").open()))
    assert [(r["retailer"], r["price"], r["first_seen"], r["last_seen"], r["observations"]) for r in rows] == [
        ("shop-a", "299.00", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "2"),
        ("shop-a", "279.99", "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z", "1"),
        ("shop-b", "305.50", "2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z", "1"),
    ]
    doc = json.loads((out / "river-2.json").read_text())
    assert doc["product_id"] == "river-2"
    assert doc["history"][1] == {"retailer": "shop-a", "price": "279.99", "currency": "GBP",
                                 "availability": "in_stock", "first_seen": "2026-03-01T12:00:00Z",
                                 "last_seen": "2026-03-01T12:00:00Z", "observations": 1,
                                 "url": "https://shop-a.example/river-2"}
    # unchanged data: nothing rewritten, mtimes kept
    old = (T0 - timedelta(days=1)).timestamp()
    for p in out.iterdir():
        os.utime(p, (old, old))
    r = invoke(env, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["written"] == []
    assert all(p.stat().st_mtime == old for p in out.iterdir())
    status = json.loads((Path(env["DATA_DIR"]) / "export.status").read_text())
    assert (status["status"], status["products"], status["files_changed"]) == ("ok", 1, 0)


def test_dry_run_writes_nothing(env: dict[str, str], sqlite_url: str) -> None:
    seed(sqlite_url)
    r = invoke(env, "--dry-run")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("would write 2 files for 1 products") and "nothing changed" in r.stdout
    assert not (Path(env["DATA_DIR"]) / "prices").exists()


def test_unreachable_database_exits_3(env: dict[str, str]) -> None:
    r = invoke(env)
    assert r.exit_code == 3, r.output
    assert "no database at" in r.output
    assert CliRunner().invoke(export_prices.main, ["-h"]).stdout.count("Example:") == 1
