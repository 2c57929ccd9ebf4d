"""A minimal Scrapy spider for bench/scrape_bench.py: fetch the demo shop's pages, extract the prices.

Runs in the bench-only venv (requirements-bench.txt), never in Power Tracker's own:

    .venv-bench/bin/python bench/scrapy_spider.py --urls urls.json --out items.json --in-flight 16

It knows each shop's markup (the demo shop's four styles), as a spider written for these shops
would, and extracts with Scrapy's own selectors. At the end it prints one JSON line: wall
seconds of the crawl, CPU seconds (user, sys) and peak RSS of the whole process.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

AMOUNT = re.compile(r"[\d.,]+")


def plain_amount(text: str, currency: str) -> str | None:
    m = AMOUNT.search(text or "")
    if not m:
        return None
    raw = m.group(0)
    raw = raw.replace(".", "").replace(",", ".") if currency == "EUR" else raw.replace(",", "")
    return str(Decimal(raw))


class PriceSpider(scrapy.Spider):
    name = "prices"

    def __init__(self, targets: list[dict[str, Any]], items: list[dict[str, Any]], **kw: Any) -> None:
        super().__init__(**kw)
        self.targets = targets
        self.items = items

    async def start(self) -> Any:
        for t in self.targets:
            yield scrapy.Request(t["url"], callback=self.parse_page, cb_kwargs={"target": t}, dont_filter=True)

    def parse_page(self, response: scrapy.http.Response, target: dict[str, Any]) -> None:
        markup, currency = target["markup"], target["currency"]
        price = cur = None
        if markup == "json-ld":
            for block in response.xpath('//script[@type="application/ld+json"]/text()').getall():
                try:
                    data = json.loads(block)
                except ValueError:
                    continue
                for node in data.get("@graph", [data]):
                    if node.get("@type") == "Product":
                        offer = node["offers"]
                        price, cur = offer.get("price"), offer.get("priceCurrency")
        elif markup == "microdata":
            price = response.css('[itemprop="price"]::attr(content)').get()
            cur = response.css('[itemprop="priceCurrency"]::attr(content)').get()
        elif markup == "meta":
            price = response.css('meta[property="product:price:amount"]::attr(content)').get()
            cur = response.css('meta[property="product:price:currency"]::attr(content)').get()
        else:
            text = response.css(target["selector"] + "::text").get()
            price, cur = plain_amount(text or "", currency), currency
        self.items.append({"retailer": target["retailer"], "product_id": target["product_id"],
                           "price": None if price is None else str(Decimal(price).quantize(Decimal("0.01"))),
                           "currency": cur})


def peak_rss_kb() -> int:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: Linux carries the forking parent's peak into it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--urls", required=True, help="JSON list of {url, retailer, product_id, markup, currency, selector}")
    ap.add_argument("--out", required=True, help="where to write the extracted items (JSON)")
    ap.add_argument("--in-flight", type=int, default=16, help="requests in flight")
    args = ap.parse_args()
    with open(args.urls, encoding="utf-8") as fh:
        targets = json.load(fh)
    items: list[dict[str, Any]] = []
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": args.in_flight,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.in_flight,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "RETRY_TIMES": 2,
        "USER_AGENT": "ScrapyBench/1.0",
    })
    process.crawl(PriceSpider, targets=targets, items=items)
    t0 = time.monotonic()
    process.start()
    wall = time.monotonic() - t0
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(items, fh)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime, "maxrss_kb": peak_rss_kb(),
                      "pages": len(items)}))


if __name__ == "__main__":
    main()
