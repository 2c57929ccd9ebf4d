"""Catalog loading: good files load, each bad field is named, the rest survives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from powertracker.catalog import load_catalog, load_products, load_retailers
from powertracker.config import PROJECT_ROOT
from powertracker.errors import ConfigError

GOOD = {"id": "river-2", "name": "River 2", "category": "Power stations",
        "offers": [{"retailer": "shop-a", "url": "https://shop-a.example/p/river-2"},
                   {"retailer": "shop-b", "url": "https://shop-b.example/r2", "selector": ".now-price"}]}


def write(folder: Path, name: str, data: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(data if isinstance(data, str) else json.dumps(data))


def test_single_object_and_list_files_load(tmp_path: Path) -> None:
    write(tmp_path, "a.json", GOOD)
    write(tmp_path, "b.json", [dict(GOOD, id="delta-2", name="Delta 2", priority="high")])
    products, problems = load_products(tmp_path)
    assert problems == []
    assert [p.id for p in products] == ["river-2", "delta-2"]
    assert products[0].offers[1].selector == ".now-price"
    assert products[1].priority == "high"
    assert products[0].offers[0].product_id == "river-2"


@pytest.mark.parametrize(("data", "expected"), [
    ("{not json", "bad.json: is not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    ({**GOOD, "offers": []}, "bad.json: product.offers: must be a non-empty list"),
    ({**GOOD, "id": "River 2"}, "bad.json: product.id: must be lower-case letters"),
    ({k: v for k, v in GOOD.items() if k != "name"}, "bad.json: product.name: is required"),
    ({**GOOD, "offers": [{"retailer": "shop-a", "url": "ftp://x"}]}, "bad.json: product.offers[0].url: must be an http(s) URL"),
    ({**GOOD, "offers": [{"retailer": "shop-a", "url": "https://x.example/", "currency": "pounds"}]},
     "bad.json: product.offers[0].currency: must be an ISO 4217 code"),
    ({**GOOD, "priority": "urgent"}, "bad.json: product.priority: must be one of high, normal, low"),
    ({**GOOD, "offers": GOOD["offers"] + [GOOD["offers"][0]]}, "bad.json: product.offers[2].retailer: 'shop-a' appears twice"),
])
def test_a_bad_file_is_named_and_the_rest_still_loads(tmp_path: Path, data: object, expected: str) -> None:
    write(tmp_path, "bad.json", data)
    write(tmp_path, "good.json", dict(GOOD, id="good-one"))
    products, problems = load_products(tmp_path)
    assert [p.id for p in products] == ["good-one"]
    assert len(problems) == 1
    assert problems[0].endswith(expected) or expected in problems[0], problems[0]


def test_duplicate_product_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.json", GOOD)
    write(tmp_path, "b.json", GOOD)
    products, problems = load_products(tmp_path)
    assert len(products) == 1
    assert "b.json: product.id: 'river-2' is already defined in" in problems[0]


def test_retailers_file_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "retailers.json"
    path.write_text(json.dumps({"shop-a": {"name": "Shop A", "currency": "GBP", "delay": 2, "concurrency": 2}}))
    write(tmp_path / "products", "a.json", GOOD)
    catalog = load_catalog(tmp_path / "products", path, default_delay=7)
    assert catalog.retailer("shop-a").name == "Shop A"
    assert catalog.retailer("shop-a").delay == 2.0
    unknown = catalog.retailer("shop-b", default_delay=7)
    assert (unknown.name, unknown.delay, unknown.concurrency, unknown.currency) == ("shop-b", 7, 1, None)
    assert len(catalog.offers) == 2


@pytest.mark.parametrize(("data", "expected"), [
    ("[", "retailers.json: is not valid JSON"),
    ({"shop-a": {"delay": "slow"}}, "retailers.json: shop-a.delay: must be a non-negative number"),
    ({"shop-a": {"concurrency": 0}}, "shop-a.concurrency: must be a whole number of at least 1"),
    ({"Shop A": {}}, "Shop A: retailer id must be lower-case"),
])
def test_bad_retailers_file_is_a_config_error(tmp_path: Path, data: object, expected: str) -> None:
    path = tmp_path / "retailers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    with pytest.raises(ConfigError) as info:
        load_retailers(path)
    assert expected in str(info.value)


def test_missing_retailers_file_means_defaults(tmp_path: Path) -> None:
    assert load_retailers(tmp_path / "absent.json") == {}


@pytest.mark.parametrize("folder", ["data", "data/demo"])
def test_shipped_catalogs_are_valid(folder: str) -> None:
    base = PROJECT_ROOT / folder
    catalog = load_catalog(base / "products", base / "retailers.json")
    assert catalog.problems == ()
    assert len(catalog.products) >= 5
    assert {o.retailer for o in catalog.offers} <= set(catalog.retailers)
