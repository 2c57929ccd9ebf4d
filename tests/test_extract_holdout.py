"""The blind sets already measured (tests/fixtures/holdout/ to holdout160/): written by someone who
had not read the extractor, measured once before any fix (bench/holdout_accuracy.py records the
figures), then fixed against. They are no longer held out, so they are kept here as regression
tests: every page right on price and currency, and null on every page that shows no price, but for the
known misses below (strict xfails, so that a fix shows)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from powertracker.extract import extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9",
        "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17",
        "holdout18", "holdout19", "holdout20", "holdout21", "holdout22", "holdout23", "holdout24",
        "holdout25", "holdout26", "holdout27", "holdout28", "holdout29", "holdout30", "holdout31", "holdout32",
        "holdout33", "holdout34", "holdout35", "holdout36", "holdout37", "holdout38", "holdout39",
        "holdout40", "holdout41", "holdout42", "holdout43", "holdout44", "holdout45", "holdout46",
        "holdout47", "holdout48", "holdout49", "holdout50", "holdout51", "holdout52", "holdout53", "holdout54",
        "holdout55", "holdout56", "holdout57", "holdout58", "holdout59", "holdout60", "holdout61", "holdout62", "holdout63", "holdout64", "holdout65", "holdout66", "holdout67", "holdout68", "holdout69", "holdout70", "holdout71", "holdout72", "holdout73", "holdout74", "holdout75",
        "holdout76", "holdout77", "holdout78", "holdout79", "holdout80", "holdout81", "holdout82", "holdout83", "holdout85",
        "holdout84", "holdout86", "holdout87", "holdout88", "holdout89", "holdout90", "holdout91",
        "holdout92", "holdout93", "holdout94", "holdout95", "holdout96", "holdout97",
        "holdout98", "holdout99", "holdout100", "holdout101", "holdout103",
        "holdout102", "holdout104", "holdout105", "holdout106",
        "holdout107", "holdout109", "holdout110", "holdout111",
        "holdout108",
        "holdout112", "holdout113", "holdout114", "holdout115", "holdout116", "holdout117",
        "holdout118", "holdout119", "holdout120", "holdout121", "holdout122", "holdout123", "holdout124",
        "holdout128", "holdout125", "holdout126", "holdout127", "holdout130", "holdout131", "holdout132",
        "holdout129", "holdout133", "holdout136", "holdout135", "holdout134", "holdout137", "holdout138",
        "holdout139", "holdout140", "holdout141", "holdout142", "holdout143", "holdout144", "holdout146", "holdout145",
        "holdout147", "holdout148", "holdout149", "holdout150", "holdout151", "holdout152",
        "holdout153", "holdout154", "holdout155", "holdout156", "holdout157", "holdout158", "holdout159", "holdout160",
        "holdout162", "holdout163", "holdout161", "holdout164", "holdout165", "holdout166", "holdout167", "holdout168",
        "holdout169", "holdout170", "holdout171", "holdout172", "holdout173", "holdout174", "holdout175", "holdout176", "holdout179", "holdout177", "holdout178",
        "holdout180", "holdout181", "holdout182", "holdout183", "holdout184", "holdout187", "holdout185", "holdout186", "holdout190", "holdout191", "holdout188", "holdout189",
        "holdout192", "holdout194", "holdout195", "holdout197", "holdout196",
        "holdout199", "holdout198", "holdout200", "holdout201", "holdout203", "holdout202", "holdout204",
        "holdout206", "holdout205", "holdout207", "holdout208",
        "holdout210", "holdout209", "holdout211", "holdout212",
        "holdout213", "holdout214", "holdout216", "holdout217", "holdout218", "holdout215", "holdout219", "holdout220", "holdout221", "holdout223", "holdout222", "holdout224",
        "holdout225", "holdout227", "holdout226", "holdout229", "holdout230", "holdout228", "holdout232", "holdout231",
        "holdout236", "holdout234", "holdout235", "holdout233", "holdout238", "holdout237", "holdout239",
        "holdout243", "holdout246", "holdout240", "holdout242", "holdout244", "holdout245", "holdout241",
        "holdout247", "holdout248", "holdout249", "holdout250",
        "holdout251", "holdout252", "holdout253", "holdout254", "holdout255", "holdout256",
        "holdout257", "holdout259", "holdout260", "holdout258", "holdout261", "holdout264", "holdout262", "holdout263",
        "holdout265", "holdout267", "holdout266", "holdout268", "holdout269",
        "holdout275", "holdout270", "holdout271", "holdout272", "holdout273",
        "holdout274", "holdout276", "holdout277", "holdout279", "holdout278",
        "holdout282", "holdout280", "holdout281")
# still read wrong (bench/holdout_accuracy.py says why): marked, so a fix shows up as an unexpected pass
KNOWN_MISSES = {"holdout281/page-20.html", "holdout281/page-25.html", "holdout282/page-04.html", "holdout276/page-37.html", "holdout278/page-19.html", "holdout272/page-39.html", "holdout273/page-10.html", "holdout178/page-18.html", "holdout178/page-35.html", "holdout172/page-19.html", "holdout167/page-05.html", "holdout167/page-39.html",
                "holdout140/page-38.html",
                "holdout16/page-16.html", "holdout135/page-30.html", "holdout145/page-39.html",
                "holdout147/page-25.html", "holdout156/page-19.html",
                "holdout148/page-22.html",
                "holdout148/page-27.html", "holdout148/page-32.html",
                "holdout119/page-14.html",
                "holdout125/page-26.html",
                "holdout23/page-24.html", "holdout100/page-13.html", "holdout108/page-23.html",
                "holdout38/page-10.html",
                "holdout43/page-31.html", "holdout43/page-36.html",
                "holdout44/page-28.html", "holdout47/page-05.html", "holdout47/page-21.html",
                "holdout48/page-26.html", "holdout52/page-28.html",
                "holdout56/page-34.html", "holdout259/page-28.html", "holdout262/page-13.html", "holdout262/page-24.html",
                "holdout263/page-10.html", "holdout268/page-27.html", "holdout268/page-30.html", "holdout268/page-40.html"}
PAGES = [pytest.param(folder, entry, id=f"{folder}/{entry['file']}",
                      marks=[pytest.mark.xfail(strict=True)] if f"{folder}/{entry['file']}" in KNOWN_MISSES else [])
         for folder in SETS
         for entry in json.loads((FIXTURES / folder / "manifest.json").read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("folder", "entry"), PAGES)
def test_blind_set_page(folder: str, entry: dict[str, Any]) -> None:
    page = FIXTURES / folder / "pages" / entry["file"]
    got = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
    want = None if entry["price"] is None else Decimal(entry["price"])
    assert (got.price, got.currency if want is not None else None) == (want, entry["currency"]), got.rejected
