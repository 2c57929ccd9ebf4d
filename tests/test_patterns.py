"""Regular expressions kept between runs (powertracker/patterns.py): what comes back from the file is
the pattern ``re.compile`` makes, and a file that is not right is never used."""

from __future__ import annotations

import importlib
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from powertracker import extract_base, extract_heuristic, patterns

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store in a file of the test's own."""
    file = tmp_path / "__pycache__" / "patterns.marshal"
    monkeypatch.setattr(patterns, "FILE", file)
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_used", {})
    monkeypatch.setattr(patterns, "_ages", {})
    monkeypatch.setattr(patterns, "_saves", 0)
    monkeypatch.setattr(patterns, "_added", True)  # no exit hook from a test
    return file


def next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the next run starts with: only the file."""
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_used", {})
    monkeypatch.setattr(patterns, "_ages", {})
    monkeypatch.setattr(patterns, "_saves", 0)


def same(a: re.Pattern[str] | re.Pattern[bytes], b: re.Pattern[str] | re.Pattern[bytes]) -> bool:
    """Equal as ``re`` compares them (flags, text, code), and in their groups, which it does not compare."""
    return a == b and (a.groups, a.groupindex) == (b.groups, b.groupindex)


def test_every_pattern_the_extractor_uses_is_the_one_re_compiles() -> None:
    extract_heuristic._no_price()
    kept = {k: v for k, v in patterns._used.items() if k[0] in (True, False)}
    assert len(kept) > 100  # the extractor's patterns go through it
    for (_, pattern, flags), args in kept.items():
        assert same(patterns._sre.compile(*args), re.compile(pattern, flags)), pattern[:60]


SAMPLES = [(r"(?P<amount>\d{1,3}(?:[.,]\d{3})*)(?:[.,](?P<cents>\d{2}))?\s*(€|EUR)", re.I),
           (rb"charset=([\w-]+)", 0), (r"^\s*(was|rrp)\b", re.I | re.M), (r"prix (communiqué|annoncé)", re.I),
           (r"(?x) \d+ # digits", 0), (rb"(?i)ab+", re.A)]


def test_a_run_reads_back_what_the_last_one_kept(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = [patterns.compiled(p, f) for p, f in SAMPLES]
    hints = patterns.derived(extract_base.required_literals, "price on request|ár kérésre", re.I)
    assert patterns.save(force=True) and store.exists()
    next_run(monkeypatch)
    assert len(patterns._known()) == len(SAMPLES) + 1
    again = [patterns.compiled(p, f) for p, f in SAMPLES]
    assert all(same(x, y) and same(y, re.compile(*s)) for x, y, s in zip(made, again, SAMPLES, strict=True))
    assert again[0].search("Preis 1.299,99 €").group("amount", "cents") == ("1.299", "99")
    assert patterns.derived(extract_base.required_literals, "price on request|ár kérésre", re.I) == hints
    assert hints == (b"price on request", "ár kérésre".encode())


def test_runs_keep_each_others_patterns_and_drop_what_none_uses(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compiled(r"scrape's pattern", 0)
    patterns.save(force=True)
    next_run(monkeypatch)
    patterns.compiled(r"generate's pattern", 0)  # a run importing other modules: the scrape's stays
    patterns.save(force=True)
    next_run(monkeypatch)
    assert sorted(k[1] for k in patterns._known()) == ["generate's pattern", "scrape's pattern"]
    for i in range(patterns.KEEP_SAVES):  # runs that use neither (the pattern was edited out of the source)
        next_run(monkeypatch)
        patterns.compiled(f"pattern {i}", 0)
        patterns.save(force=True)
    next_run(monkeypatch)
    assert "scrape's pattern" not in [k[1] for k in patterns._known()]
    assert f"pattern {patterns.KEEP_SAVES - 1}" in [k[1] for k in patterns._known()]


def test_a_derived_value_is_made_again_when_its_module_changes(store: Path, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    module = tmp_path / "literals_maker.py"
    module.write_text("def make(pattern, flags):\n    return (b'old',)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import literals_maker  # type: ignore[import-not-found]

    assert patterns.derived(literals_maker.make, "x", 0) == (b"old",)
    patterns.save(force=True)
    next_run(monkeypatch)
    module.write_text("def make(pattern, flags):\n    return (b'new-code',)\n")  # a new size: a new key
    importlib.reload(literals_maker)
    assert patterns.derived(literals_maker.make, "x", 0) == (b"new-code",)


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("another python", 1, {})),
                                     marshal.dumps([1, 2, 3]), marshal.dumps((patterns._TAG, 1, {("x", 0): "no age"}))])
def test_a_file_that_is_not_right_is_not_used(store: Path, content: bytes) -> None:
    store.parent.mkdir()
    store.write_bytes(content)
    assert patterns._known() == {}
    assert same(patterns.compiled(*SAMPLES[0]), re.compile(*SAMPLES[0]))


def test_damaged_arguments_fall_back_to_re_compile(store: Path) -> None:
    pattern, flags = SAMPLES[2][0], int(SAMPLES[2][1])
    store.parent.mkdir()
    bad = (pattern, flags, [0, 99999, 7], 0, {}, ())  # code the engine refuses
    store.write_bytes(marshal.dumps((patterns._TAG, 1, {(False, pattern, flags): (1, bad)})))
    assert patterns._known()  # read: the engine refuses it below
    assert same(patterns.compiled(pattern, flags), re.compile(pattern, flags))


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


def test_a_fresh_process_saves_without_a_file_to_start_from(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from powertracker import patterns;"
            f"patterns.FILE = Path({str(tmp_path / 'p.marshal')!r}); patterns.compiled('a+b');"
            "print(patterns.save(force=True))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert (out.returncode, out.stdout.strip(), out.stderr) == (0, "True", "")
