"""Regular expressions kept between runs (powertracker/patterns.py): what comes back from the file is
the pattern ``re.compile`` makes, and a file that is not right is never used."""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path

import pytest

from powertracker import extract_heuristic, patterns


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store in a file of the test's own."""
    file = tmp_path / "__pycache__" / "patterns.marshal"
    monkeypatch.setattr(patterns, "FILE", file)
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_added", True)  # no exit hook from a test
    return file


def reload_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the next run starts with: only the file."""
    monkeypatch.setattr(patterns, "_kept", None)


def test_every_kept_pattern_is_the_one_re_compiles() -> None:
    extract_heuristic._no_price()
    kept = {k: v for k, v in patterns._known().items() if isinstance(k[0], str | bytes)}
    assert len(kept) > 100  # the extractor's patterns go through it
    for (pattern, flags), args in kept.items():
        assert patterns._sre.compile(*args) == re.compile(pattern, flags), pattern[:60]


SAMPLES = [(r"(?P<amount>\d{1,3}(?:[.,]\d{3})*)(?:[.,](\d{2}))?\s*(€|EUR)", re.I),
           (rb"charset=([\w-]+)", 0), (r"^\s*(was|rrp)\b", re.I | re.M), (r"prix (communiqué|annoncé)", re.I)]


def test_a_run_reads_back_what_the_last_one_kept(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = [patterns.compiled(p, f) for p, f in SAMPLES]
    hints = patterns.derived("literals", "price on request", re.I, lambda: (b"price on request",))
    assert patterns.save(force=True) and store.exists()
    reload_store(monkeypatch)
    assert len(patterns._known()) == len(SAMPLES) + 1
    again = [patterns.compiled(p, f) for p, f in SAMPLES]
    assert again == made == [re.compile(p, f) for p, f in SAMPLES]
    assert again[0].search("Preis 1.299,99 €").group("amount") == "1.299"
    assert patterns.derived("literals", "price on request", re.I, lambda: pytest.fail("computed again")) == hints


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("another python", {})),
                                     marshal.dumps([1, 2, 3])])
def test_a_file_that_is_not_right_is_not_used(store: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    store.parent.mkdir()
    store.write_bytes(content)
    assert patterns._known() == {}
    assert patterns.compiled(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_damaged_arguments_fall_back_to_re_compile(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = SAMPLES[2][0], int(SAMPLES[2][1])
    store.parent.mkdir()
    bad = (pattern, flags, [0, 99999, 7], 0, {}, ())  # code the engine refuses
    store.write_bytes(marshal.dumps((patterns._TAG, {(pattern, flags): bad})))
    assert patterns.compiled(pattern, flags) == re.compile(pattern, flags)


def test_bad_patterns_raise_as_re_does(store: Path) -> None:
    with pytest.raises(re.error):
        patterns.compiled(r"(unclosed")


def test_nothing_written_where_python_writes_no_bytecode(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compiled(*SAMPLES[1])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert not patterns.save() and not store.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert patterns.save() and store.exists()
    assert not list(store.parent.glob("*.tmp"))
