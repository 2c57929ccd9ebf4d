"""Storage on real SQLite and MariaDB: migrations, run-length history, the views."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from powertracker import store
from powertracker.db import Database, connect, named_query
from powertracker.errors import DatabaseError
from powertracker.migrate import migrate, migration_files
from powertracker.models import Observation

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def obs(retailer: str, price: str, hours: int = 0, product: str = "p1",
        availability: str | None = "in_stock", currency: str = "GBP") -> Observation:
    return Observation(product, retailer, f"https://{retailer}.example/{product}", Decimal(price),
                       currency, availability, T0 + timedelta(hours=hours))


def test_migration_files_match_across_dialects() -> None:
    sqlite = [(v, n) for v, n, _ in migration_files("sqlite")]
    mariadb = [(v, n) for v, n, _ in migration_files("mariadb")]
    assert sqlite == mariadb
    assert [v for v, _ in sqlite] == list(range(1, len(sqlite) + 1))


def test_migrations_apply_once(db_url: str) -> None:
    db = connect(db_url)
    versions = [r["version"] for r in db.query("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _, _ in migration_files(db.dialect)]
    assert migrate(db) == []  # idempotent
    db.close()
    again = connect(db_url)  # a second process finds nothing to do
    assert len(again.query("SELECT version FROM schema_migrations")) == len(versions)
    again.close()


def test_run_length_history_counts_every_observation(db: Database) -> None:
    results = []
    for hour, price in enumerate(["10.00", "10.00", "10.00", "9.50", "9.50", "10.00"]):
        run = store.start_run(db, "scrape", T0)
        with db.transaction():
            results.append(store.record_observation(db, obs("a", price, hour), run))
    assert results == ["new", "repeat", "repeat", "new", "repeat", "new"]
    rows = store.history(db, "p1")
    assert [(r["price"], r["observations"]) for r in rows] == [
        (Decimal("10.00"), 3), (Decimal("9.50"), 2), (Decimal("10.00"), 1)]
    assert rows[0]["first_seen"] == T0 and rows[0]["last_seen"] == T0 + timedelta(hours=2)
    assert sum(r["observations"] for r in rows) == 6


def test_same_run_recorded_twice_is_not_counted_twice(db: Database) -> None:
    run = store.start_run(db, "scrape", T0)
    with db.transaction():
        assert store.record_observation(db, obs("a", "5.00"), run) == "new"
    with db.transaction():
        assert store.record_observation(db, obs("a", "5.00"), run) == "duplicate"
    assert [r["observations"] for r in store.history(db)] == [1]


def test_availability_change_starts_a_new_row(db: Database) -> None:
    with db.transaction():
        store.record_observation(db, obs("a", "5.00", 0), None)
        store.record_observation(db, obs("a", "5.00", 1, availability="out_of_stock"), None)
    assert [r["availability"] for r in store.history(db)] == ["in_stock", "out_of_stock"]


def test_views_give_latest_per_offer_and_comparison(db: Database) -> None:
    with db.transaction():
        for hour, (a, b, c) in enumerate([("999.00", "1299.99", "1100.00"), ("1000.01", "999.99", "1100.00")]):
            store.record_observation(db, obs("shop-a", a, hour), None)
            store.record_observation(db, obs("shop-b", b, hour), None)
            store.record_observation(db, obs("shop-c", c, hour), None)
        store.record_observation(db, obs("shop-a", "20.00", product="p2"), None)
    latest = store.latest_prices(db)
    assert [(r["product_id"], r["retailer"], r["price"]) for r in latest] == [
        ("p1", "shop-a", Decimal("1000.01")), ("p1", "shop-b", Decimal("999.99")),
        ("p1", "shop-c", Decimal("1100.00")), ("p2", "shop-a", Decimal("20.00"))]
    assert latest[0]["last_seen"] == T0 + timedelta(hours=1)
    assert store.price_comparison(db) == [
        {"product_id": "p1", "min_price": Decimal("999.99"), "max_price": Decimal("1100.00"),
         "avg_price": Decimal("1033.33"), "retailers": 3, "cheapest_retailer": "shop-b", "currency": "GBP"},
        {"product_id": "p2", "min_price": Decimal("20.00"), "max_price": Decimal("20.00"),
         "avg_price": Decimal("20.00"), "retailers": 1, "cheapest_retailer": "shop-a", "currency": "GBP"}]


def test_comparison_ranks_only_in_stock_offers_in_one_currency(db: Database) -> None:
    with db.transaction():
        store.record_observation(db, obs("eu-shop", "199.00", currency="EUR"), None)  # cheaper digits, other money
        store.record_observation(db, obs("uk-gone", "150.00", availability="out_of_stock"), None)
        store.record_observation(db, obs("uk-a", "220.00"), None)
        store.record_observation(db, obs("uk-b", "210.00", availability=None), None)
        store.record_observation(db, obs("eu-only", "50.00", product="p2", currency="EUR"), None)
        store.record_observation(db, obs("uk-only", "45.00", product="p2", availability="out_of_stock"), None)
    assert len(store.latest_prices(db)) == 6  # every offer is still listed
    assert store.price_comparison(db) == [
        {"product_id": "p1", "min_price": Decimal("210.00"), "max_price": Decimal("220.00"),
         "avg_price": Decimal("215.00"), "retailers": 2, "cheapest_retailer": "uk-b", "currency": "GBP"},
        {"product_id": "p2", "min_price": Decimal("50.00"), "max_price": Decimal("50.00"),
         "avg_price": Decimal("50.00"), "retailers": 1, "cheapest_retailer": "eu-only", "currency": "EUR"}]


def test_average_rounds_half_up_on_both_databases(db: Database) -> None:
    # (0.01 + 0.02) / 2 = 0.015 -> 0.02 when rounded half up, exactly.
    with db.transaction():
        store.record_observation(db, obs("a", "0.01"), None)
        store.record_observation(db, obs("b", "0.02"), None)
    assert store.price_comparison(db)[0]["avg_price"] == Decimal("0.02")


def test_money_is_never_a_float(db: Database) -> None:
    with pytest.raises(TypeError, match="price must be a Decimal"):
        store.money(12.5)  # type: ignore[arg-type]
    with db.transaction():
        store.record_observation(db, obs("a", "12.5"), None)
    row = store.history(db)[0]
    assert isinstance(row["price"], Decimal) and str(row["price"]) == "12.50"


def test_a_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction():
        store.record_observation(db, obs("a", "1.00"), None)
        raise RuntimeError("power cut")
    assert store.history(db) == []


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match=r"cannot open database mysql://root:\*\*\*@127.0.0.1:1/x"):
        connect("mysql://root:pw@127.0.0.1:1/x")


def test_named_queries_prefer_the_dialect_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileNotFoundError, match="no query sql/queries/absent.sql for sqlite"):
        named_query("absent", "sqlite")
