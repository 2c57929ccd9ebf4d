"""End to end with the real scripts: demo shop -> scrape.py -> generate.py -> deploy.sh -> web root.

Also `make demo`'s own command (python -m powertracker.demo) on a free port.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from conftest import ROOT, SshServer, free_port
from lxml import html as lhtml

from powertracker.chart import money
from powertracker.demo_shop import PRODUCTS, DemoShop, copy_catalog, truth


def run(env: dict[str, str], *argv: str, cwd: Path = Path("/")) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), env=env, capture_output=True, text=True, timeout=120, cwd=cwd)


def cheapest(round_: int) -> dict[str, tuple[Decimal, str]]:
    """The demo shop's truth: per product, the lowest in-stock GBP price and its shop."""
    best: dict[str, tuple[Decimal, str]] = {}
    for (retailer, pid), (price, currency, availability, _) in truth(round_).items():
        if currency == "GBP" and availability != "out_of_stock":
            if pid not in best or (price, retailer) < best[pid]:
                best[pid] = (price, retailer)
    return best


def index_prices(index: Path) -> dict[str, str]:
    doc = lhtml.fromstring(index.read_bytes())
    return {li.get("data-product"): " ".join(li.cssselect(".price")[0].text_content().split())
            for li in doc.cssselect("li.card")}


def test_scrape_generate_deploy_with_the_real_scripts(demo_shop: DemoShop, env: dict[str, str],
                                                      sshd: SshServer, tmp_path: Path) -> None:
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), demo_shop.url)
    www = tmp_path / "www"
    www.mkdir()
    env = {**env, "DEFAULT_DELAY": "0", "DEPLOY_TARGET": f"root@127.0.0.1:{www}/",
           "DEPLOY_SSH_KEY": str(sshd.client_key), "DEPLOY_SSH_PORT": str(sshd.port),
           "DEPLOY_KNOWN_HOSTS": str(sshd.known_hosts)}
    py = sys.executable
    for round_ in (1, 2, 3):
        if round_ > 1:  # times are stored to the second: rounds in one second would be one moment
            time.sleep(1.05)
        demo_shop.set_round(round_)
        r = run(env, py, str(ROOT / "scrape.py"), "--json", "--all")  # seconds apart: --all, or nothing is due
        assert r.returncode == 0, r.stdout + r.stderr
        assert json.loads(r.stdout)["ok"] == 21
    r = run(env, py, str(ROOT / "generate.py"))
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(env, str(ROOT / "deploy.sh"))
    assert r.returncode == 0, r.stdout + r.stderr

    served = index_prices(www / "index.html")
    expected = {pid: money(price, "GBP") for pid, (price, _) in cheapest(3).items()}
    assert served == expected
    assert len(served) == len(PRODUCTS)
    page = lhtml.fromstring((www / "products" / "delta-2.html").read_bytes())
    # one line per shop priced in the compared currency (GBP); PowerHaus quotes EUR and is listed, not drawn
    assert len(page.cssselect("svg g.series path")) == 3

    r = run(env, py, str(ROOT / "quick_status.py"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("OK - 21/21 offers fresh"), r.stdout
    assert (Path(env["LOG_DIR"]) / "scraping.log").stat().st_size > 0
    assert "deploy ok" in (Path(env["LOG_DIR"]) / "deployment.log").read_text()


def test_make_demo_command(env: dict[str, str]) -> None:
    port = free_port()
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), f"http://127.0.0.1:{port}")
    r = run(env, sys.executable, "-m", "powertracker.demo", "--rounds", "3", "--port", str(port), cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "round 3/3: 21 of 21 offers priced" in r.stderr
    site = Path(env["SITE_DIR"])
    # index, 6 products, 2 categories, deals, shop health, 404
    assert f"site built: 12 pages in {site}/" in r.stdout
    expected = {pid: money(price, "GBP") for pid, (price, _) in cheapest(3).items()}
    assert index_prices(site / "index.html") == expected


def test_demo_reports_a_busy_port(env: dict[str, str]) -> None:
    shop = DemoShop(port=0).start()
    try:
        r = run(env, sys.executable, "-m", "powertracker.demo", "--rounds", "1", "--port", str(shop.port),
                cwd=ROOT)
    finally:
        shop.stop()
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"cannot start the demo shop on 127.0.0.1:{shop.port}" in r.stderr
