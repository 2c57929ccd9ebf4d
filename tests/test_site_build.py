"""Building the site: incremental (only changed files written), atomic (a failure changes nothing)."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from sitedata import EVIL, NOW, PRODUCTS, SERIES, make_settings, parse, seed, snapshot, text, write_catalog

from powertracker import store
from powertracker.config import Settings
from powertracker.db import connect
from powertracker.errors import ConfigError
from powertracker.site import TEMPLATES_DIR, SiteError, generate, output
from powertracker.site.state import State, state_path

LISTING = {"index.html", "categories/power-stations.html", "deals.html", "api/index.json", "freshness.json",
           "feeds/drops.atom", "feeds/power-stations.atom"}


def changed_paths(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@pytest.fixture
def site(env: dict[str, str], tmp_path: Path) -> Settings:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    seed(settings.database_url)
    summary = generate(settings, now=NOW)
    assert summary.changed == summary.files == 25
    return settings


def test_unchanged_data_writes_nothing_and_keeps_mtimes(site: Settings) -> None:
    before = snapshot(site.site_dir)
    inode = site.site_dir.stat().st_ino
    past = 1_600_000_000
    for p in site.site_dir.rglob("*"):
        os.utime(p, (past, past))
    summary = generate(site, now=NOW)
    assert (summary.changed, summary.rendered, summary.files) == (0, 0, 25)
    assert snapshot(site.site_dir) == before
    assert {p.stat().st_mtime for p in site.site_dir.rglob("*") if p.is_file()} == {past}
    assert site.site_dir.stat().st_ino == inode  # not even swapped
    db = connect(site.database_url)
    try:
        run = store.last_run(db, "generate")
    finally:
        db.close()
    assert run is not None and run["status"] == "ok" and run["stats"]["pages"] == 9


def test_an_hourly_scrape_without_changes_rewrites_only_the_freshness_file(site: Settings) -> None:
    before = snapshot(site.site_dir)
    # every offer seen again an hour later at the same price: pages show days, so only the
    # shared freshness file (the newest observation's time) moves
    seed(site.database_url, {k: [v[-1]] for k, v in SERIES.items()}, hours=1)
    summary = generate(site, now=NOW)
    assert (summary.changed, summary.rendered) == (1, 0)
    assert changed_paths(before, snapshot(site.site_dir)) == {"freshness.json"}
    assert json.loads((site.site_dir / "freshness.json").read_text())["newest_observation"] == "2024-05-10T13:00:00Z"


def test_one_product_change_rewrites_its_files_and_the_pages_listing_it(site: Settings) -> None:
    before = snapshot(site.site_dir)
    seed(site.database_url, {("river-2", "shop-b"): [(9, "259.00", "in_stock")]}, hours=2)
    summary = generate(site, now=NOW)
    after = snapshot(site.site_dir)
    assert summary.rendered == 1
    assert changed_paths(before, after) == {"products/river-2.html", "products/river-2.csv",
                                            "api/products/river-2.json", "freshness.json"} | LISTING
    assert summary.changed == len(changed_paths(before, after))
    card = parse(site.site_dir / "index.html").cssselect("li.card[data-product=river-2]")[0]
    assert (text(card.cssselect(".price")[0]), text(card.cssselect(".shop")[0])) == ("£259.00", "Shop B & Sons")
    # and the next build, with the spare folder brought level first, is right too
    seed(site.database_url, {("delta-2", "shop-b"): [(9, "899.00", "in_stock")]}, hours=3)
    before = after
    summary = generate(site, now=NOW)
    after = snapshot(site.site_dir)
    assert changed_paths(before, after) == {"products/delta-2.html", "products/delta-2.csv",
                                            "api/products/delta-2.json", "freshness.json"} | LISTING
    spare = output.spare_path(site.site_dir)
    assert snapshot(spare) == before  # the previous build, exactly
    assert "£899.00" in text(parse(site.site_dir / "products" / "delta-2.html").cssselect("p.best")[0])
    assert "£259.00" in text(parse(site.site_dir / "products" / "river-2.html").cssselect("p.best")[0])


def test_incremental_builds_on_either_database(env: dict[str, str], tmp_path: Path, db_url: str) -> None:
    """What moved since the last build is found the same way on SQLite and MariaDB: rows seen again
    (by their id and last-seen time) and rows added."""
    write_catalog(tmp_path)
    seed(db_url)
    settings = make_settings(env, tmp_path, db_url)
    assert generate(settings, now=NOW).changed == 25
    before = snapshot(settings.site_dir)
    seed(db_url, {k: [v[-1]] for k, v in SERIES.items()}, hours=1)  # seen again
    assert (generate(settings, now=NOW).rendered, changed_paths(before, snapshot(settings.site_dir))) == (
        0, {"freshness.json"})
    before = snapshot(settings.site_dir)
    seed(db_url, {("river-2", "shop-b"): [(9, "259.00", "in_stock")]}, hours=2)  # a new price
    assert generate(settings, now=NOW).rendered == 1
    assert changed_paths(before, snapshot(settings.site_dir)) == {
        "products/river-2.html", "products/river-2.csv", "api/products/river-2.json", "freshness.json"} | LISTING
    before = snapshot(settings.site_dir)
    generate(settings, now=NOW, full=True)
    # pages count by the day; what rendering everything again changes is only what an hour moved:
    # the CSV rows' last-seen times and api/index.json's "newest" of the product not rendered since
    assert changed_paths(before, snapshot(settings.site_dir)) == {"products/delta-2.csv", "api/index.json"}


def test_rows_seen_again_on_a_later_day_render_every_product_they_touch(
        env: dict[str, str], tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows seen again are parked, then their products looked up in chunks (here a row at a
    time), on either database: every product they touch is rendered again."""
    import powertracker.site as site_module

    monkeypatch.setattr(site_module, "MOVED_CHUNK", 1)
    write_catalog(tmp_path)
    seed(db_url)
    settings = make_settings(env, tmp_path, db_url)
    generate(settings, now=NOW)
    last = {k: [v[-1]] for k, v in SERIES.items() if v[-1][0] == max(p[0] for s in SERIES.values() for p in s)}
    seed(db_url, last, hours=25)  # seen again the next day: "last checked" moves on every page they touch
    assert generate(settings, now=NOW).rendered == len({pid for pid, _ in last}) > 1


def test_catalog_edits_and_removals(site: Settings, tmp_path: Path) -> None:
    before = snapshot(site.site_dir)
    products = json.loads(json.dumps(PRODUCTS))
    products[1]["name"] = "Delta 2 (2024)"
    del products[2]  # panel-100 leaves the catalog, and with it the only solar panel
    write_catalog(tmp_path, products)
    generate(site, now=NOW)
    after = snapshot(site.site_dir)
    gone = {"products/panel-100.html", "products/panel-100.csv", "api/products/panel-100.json",
            "categories/solar-panels.html", "feeds/solar-panels.atom"}
    assert gone.isdisjoint(after)
    assert changed_paths(before, after) == gone | LISTING - {"freshness.json", "feeds/drops.atom",
                                                            "feeds/power-stations.atom"} | {
        "products/delta-2.html", "api/products/delta-2.json", "sitemap.xml",  # its CSV has no name
        "feeds/drops.atom", "feeds/power-stations.atom"}
    assert text(parse(site.site_dir / "products" / "delta-2.html").cssselect("h1")[0]) == "Delta 2 (2024)"


def test_an_entry_edited_in_place_renders_its_product_again(site: Settings, tmp_path: Path) -> None:
    """A catalog entry that changes (its category and its history alone) is rendered again; one moved
    to another file unchanged is left alone."""
    before = snapshot(site.site_dir)
    products = json.loads(json.dumps(PRODUCTS))
    products[1]["name"] = "Delta 2 (2024)"
    moved = products.pop(2)
    write_catalog(tmp_path, products)
    (tmp_path / "products" / "more.json").write_text(json.dumps([moved]), encoding="utf-8")
    summary = generate(site, now=NOW)
    after = snapshot(site.site_dir)
    assert summary.rendered == 1
    changed = changed_paths(before, after)
    assert {"products/delta-2.html", "api/products/delta-2.json", "categories/power-stations.html"} <= changed
    assert not any(p.startswith(("products/", "api/products/")) and "delta-2" not in p for p in changed)
    assert text(parse(site.site_dir / "products" / "delta-2.html").cssselect("h1")[0]) == "Delta 2 (2024)"
    assert generate(site, now=NOW, full=True).changed == 0  # the incremental build missed nothing


def test_duplicate_ids_keep_the_first_definition_and_are_reported(site: Settings, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    catalog, extra = tmp_path / "products" / "catalog.json", tmp_path / "products" / "extra.json"
    mini = {"id": "mini-1", "name": "Mini 1", "category": "Power stations",
            "offers": [{"retailer": "shop-a", "url": "https://shop-a.example/p/mini-1"}]}
    extra.write_text(json.dumps([dict(PRODUCTS[0], name="Impostor"), mini, dict(mini, name="Mini 1 again")]),
                     encoding="utf-8")
    expected = [f"catalog: {extra}: 'river-2' is already defined in {catalog}",  # in another file
                f"catalog: {extra}: 'mini-1' is already defined in {extra}"]  # in the same file

    def build() -> tuple[int, int, list[str]]:
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="powertracker.site"):
            summary = generate(site, now=NOW)
        return summary.products, summary.changed, [r.getMessage() for r in caplog.records
                                                   if r.getMessage().startswith("catalog:")]

    products, _, problems = build()
    assert (products, problems) == (4, expected)
    assert text(parse(site.site_dir / "products" / "river-2.html").cssselect("h1")[0]) == EVIL
    assert text(parse(site.site_dir / "products" / "mini-1.html").cssselect("h1")[0]) == "Mini 1"
    assert build() == (4, 0, expected)  # files not parsed again: their problems told again all the same
    extra.write_text(json.dumps([mini]), encoding="utf-8")
    products, _, problems = build()
    assert (products, problems) == (4, [])
    assert text(parse(site.site_dir / "products" / "river-2.html").cssselect("h1")[0]) == EVIL
    extra.unlink()  # mini-1 leaves the catalog: its files go
    assert build()[::2] == (3, [])
    assert not any("mini-1" in p for p in snapshot(site.site_dir))


def test_state_bookkeeping_is_read_back_in_chunks(tmp_path: Path) -> None:
    """What a build notes per product stays in the state (temporary tables), read back by id a chunk
    at a time: each chunk a query of its own, so the state may change between two."""
    state = State(tmp_path / "state.sqlite")
    try:
        state.begin()
        state.start_catalog()
        state.put_entries([(pid, "a.json", "{}", "h", "c", pid, "shop-a") for pid in ("e", "a", "d", "b", "c")])
        assert state.seen_in(["a", "x", "e"]) == {"a": "a.json", "e": "a.json"}
        assert state.drop_unseen() == 0
        assert state.dirty_all() == 5
        assert list(state.dirty_ids(2)) == [["a", "b"], ["c", "d"], ["e"]]
        for pid in ("a", "b", "c"):  # rendered
            state.put_offers(pid, "fp", {"shop-a": [ord(pid), "1.00", "GBP", "in_stock", 0, None]})
        state.dirty_unrendered()
        state.start_touched()
        state.add_touched(["d", "b", "a", "zz", "a"])
        chunks = []
        for chunk in state.touched_clean(1):  # d is dirty already; a chunk marked dirty does not matter
            chunks.append(chunk)
            state.add_dirty(chunk)
        assert chunks == [["a"], ["b"], ["zz"]]
        assert [i for c in state.dirty_ids(10) for i in c] == ["a", "b", "d", "e", "zz"]
        # a new catalog pass: a unchanged (though in another file), b changed, the rest gone
        state.start_catalog()
        state.put_entries([("a", "b.json", "{}", "h", "c", "a", "shop-a"), ("b", "b.json", "[]", "h2", "c", "b", "")])
        assert state.drop_unseen() == 3
        assert state.conn.execute("SELECT id, file, entry_hash, fp FROM products ORDER BY id").fetchall() == [
            ("a", "a.json", "h", "fp"), ("b", "b.json", "h2", None)]
        assert state.conn.execute("SELECT product_id FROM offer_rows ORDER BY 1").fetchall() == [("a",), ("b",)]
        state.put_files([(f"{o}/{n}", "d", 1, o) for o in ("a", "c", "d", "e") for n in (1, 2)])
        owners = []
        for chunk in state.orphan_owners(2):
            owners.append(chunk)
            for owner in chunk:
                for rel in state.owned(owner):
                    state.drop_file(rel)
        assert owners == [["c", "d"], ["e"]]
        state.add_pending(["x", "a", "m"])
        assert list(state.pending(2)) == [["a", "m"], ["x"]]
    finally:
        state.close()


def test_worker_processes_build_the_same_site(site: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big build's way (catalog parsed, pages rendered and written by worker processes) makes the
    same site as a small build's, in process, and the spare to be along with it."""
    import powertracker.site as site_module
    from powertracker.site import listing, state

    expected = snapshot(site.site_dir)
    for name, value in (("POOL_MIN", 1), ("POOL_FILES", 1), ("BATCH", 1)):
        monkeypatch.setattr(site_module, name, value)
    monkeypatch.setattr(listing, "CARDS_CHUNK", 1)  # a category page's cards streamed one by one
    monkeypatch.setattr(state, "CHUNK", 1)  # the ids seen in the catalog looked up one by one
    products = json.loads(json.dumps(PRODUCTS))
    (tmp_path / "products" / "catalog.json").unlink()
    for i, product in enumerate(products):  # one file each: parsed by the workers
        (tmp_path / "products" / f"{i}.json").write_text(json.dumps(product), encoding="utf-8")
    other = make_settings({**{k: v for k, v in os.environ.items() if k == "PATH"},
                           "DATABASE_URL": site.database_url, "PRODUCTS_DIR": str(tmp_path / "products"),
                           "RETAILERS_FILE": str(tmp_path / "retailers.json"), "SITE_DIR": str(tmp_path / "big"),
                           "LOG_DIR": str(tmp_path / "logs"), "DATA_DIR": str(tmp_path / "big-data")}, tmp_path)
    summary = generate(other, now=NOW)
    assert (summary.rendered, summary.changed, summary.files) == (3, 25, 25)
    assert snapshot(other.site_dir) == expected
    spare = output.spare_path(other.site_dir)
    assert snapshot(spare) == expected  # the spare the workers filled, ready for the next build
    assert all(p.stat().st_nlink == 2 for p in other.site_dir.rglob("*") if p.is_file())
    seed(site.database_url, {("river-2", "shop-b"): [(9, "259.00", "in_stock")]}, hours=2)
    summary = generate(other, now=NOW)
    assert summary.rendered == 1
    assert changed_paths(expected, snapshot(other.site_dir)) == {
        "products/river-2.html", "products/river-2.csv", "api/products/river-2.json", "freshness.json"} | LISTING


def test_lost_state_rebuilds_fully_but_still_writes_only_changed_files(site: Settings) -> None:
    before = snapshot(site.site_dir)
    state_path(site.data_dir).unlink()
    summary = generate(site, now=NOW)
    assert (summary.rendered, summary.changed) == (3, 0)
    assert snapshot(site.site_dir) == before
    assert generate(site, now=NOW, full=True).changed == 0


def test_a_spare_left_half_written_is_not_trusted(site: Settings) -> None:
    seed(site.database_url, {("river-2", "shop-b"): [(9, "259.00", "in_stock")]}, hours=2)
    generate(site, now=NOW)
    spare = output.spare_path(site.site_dir)
    (spare / "products" / "delta-2.html").write_text("half written")
    output.busy_marker(site.site_dir).touch()  # as a killed build leaves it
    seed(site.database_url, {("delta-2", "shop-b"): [(9, "899.00", "in_stock")]}, hours=3)
    generate(site, now=NOW)
    assert "half written" not in (site.site_dir / "products" / "delta-2.html").read_text()
    assert not output.busy_marker(site.site_dir).exists()
    assert generate(site, now=NOW, full=True).changed == 0  # what the incremental build left is complete


def _broken_templates(tmp_path: Path, template: str, source: str | None) -> Path:
    broken = tmp_path / "broken-templates"
    shutil.copytree(TEMPLATES_DIR, broken)
    if source is None:
        (broken / template).unlink()
    else:
        (broken / template).write_text(source, encoding="utf-8")
    return broken


@pytest.mark.parametrize("template, source", [
    ("product.html", "{% extends 'base.html' %}{% block content %}{{ product.no_such_field }}{% endblock %}"),
    ("404.html", "{% extends 'base.html' %}{% block content %}{% if %}{% endblock %}"),
    ("assets/site.css", None),
])
def test_failed_build_leaves_live_site_untouched(site: Settings, tmp_path: Path, template: str,
                                                 source: str | None) -> None:
    before = snapshot(site.site_dir)
    seed(site.database_url, {("panel-100", "shop-b"): [(9, "99.00", "in_stock")]}, hours=2)  # data changed
    broken = _broken_templates(tmp_path, template, source)
    with pytest.raises(SiteError, match="cannot render the site"):
        generate(site, now=NOW, templates_dir=broken)
    assert snapshot(site.site_dir) == before
    assert sorted(p.name for p in site.site_dir.parent.iterdir() if p.name.startswith("site")) == ["site"]
    db = connect(site.database_url)
    try:
        run = store.last_run(db, "generate")
    finally:
        db.close()
    assert run is not None and run["status"] == "failed"
    if template == "product.html":
        assert "no_such_field" in run["stats"]["error"]
    # and a good build afterwards picks up the change
    generate(site, now=NOW)
    cards = {li.get("data-product"): li for li in parse(site.site_dir / "index.html").cssselect("li.card")}
    assert text(cards["panel-100"].cssselect(".price")[0]) == "£99.00"


def test_swap_without_rename_exchange(site: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Filesystems without renameat2 get rename-old-aside, rename-new-in, old one kept as the spare."""
    seed(site.database_url, {("panel-100", "shop-b"): [(9, "99.00", "in_stock")]}, hours=2)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    before = snapshot(site.site_dir)
    summary = generate(site, now=NOW)
    assert summary.changed == len(changed_paths(before, snapshot(site.site_dir))) > 0
    assert sorted(p.name for p in site.site_dir.parent.iterdir() if "site" in p.name) == [".site.spare", "site"]
    assert snapshot(output.spare_path(site.site_dir)) == before
    cards = {li.get("data-product"): li for li in parse(site.site_dir / "index.html").cssselect("li.card")}
    assert text(cards["panel-100"].cssselect(".price")[0]) == "£99.00"


def test_first_build_failure_leaves_no_site_and_no_temp(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    broken = _broken_templates(tmp_path, "index.html", "{{ nope }}")
    with pytest.raises(SiteError, match="'nope' is undefined"):
        generate(settings, now=NOW, templates_dir=broken)
    assert not settings.site_dir.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("site")] == []


def test_leftover_temp_folders_of_a_killed_build_are_removed(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    settings = make_settings(env, tmp_path)
    old = tmp_path / "site.tmp-dead1234"
    fresh = tmp_path / "site.tmp-busy5678"  # maybe another build in progress: left alone
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "index.html").write_text("partial")
    os.utime(old, (1_600_000_000, 1_600_000_000))
    generate(settings, now=NOW)
    assert not old.exists() and fresh.exists()


def test_empty_catalog_folder_is_a_config_error_and_changes_nothing(site: Settings, tmp_path: Path) -> None:
    before = snapshot(site.site_dir)
    shutil.rmtree(tmp_path / "products")
    with pytest.raises(ConfigError, match="no valid products"):
        generate(site, now=NOW)
    assert snapshot(site.site_dir) == before
