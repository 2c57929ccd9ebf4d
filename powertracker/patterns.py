"""The extractor's regular expressions, compiled once and kept between runs, as Python keeps bytecode.

Compiling is the costly half of a regular expression's life in a short process: ``re`` parses the
pattern and generates its code in Python, about 0.2 ms for each of the two hundred that a scrape
imports, which is some 55 ms of a run's CPU (6 % of a run where most pages answer 304). What the
compiler hands to the C engine (``_sre.compile``'s arguments: flags, code, groups) depends only on
the pattern, its flags and the interpreter, so ``compiled`` keeps it in ``__pycache__`` beside the
package's bytecode, one file per interpreter build, and the next run builds the pattern from it
directly. The result equals what ``re.compile`` returns (``Pattern.__eq__`` compares the code:
tests/test_patterns.py checks every kept pattern).

Anything unexpected (no such file, another interpreter's, a damaged one, a read-only or
``PYTHONDONTWRITEBYTECODE`` install, an ``re`` whose internals differ) means plain ``re.compile``:
never a different pattern. The engine itself checks the code it is given (``invalid SRE code``).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, AnyStr, TypeVar

try:
    import _sre
    from re import _compiler, _parser  # the stdlib's own compiler (private, hence the fallback)

    _TAG = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.implementation.cache_tag}"
except (ImportError, AttributeError):  # another Python: re.compile always
    _TAG = ""

FILE = Path(__file__).resolve().parent / "__pycache__" / f"patterns.{sys.implementation.cache_tag}.marshal"
MAX_KEPT = 4096  # patterns; more means a caller passes patterns that vary (not this module's use)

_lock = threading.Lock()
_kept: dict[tuple[Any, int], tuple[Any, ...]] | None = None  # (pattern, flags) -> _sre.compile's arguments
_added = False


def compiled(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from what an earlier run kept when it can be."""
    flags = int(flags)
    args = _known().get((pattern, flags)) if _TAG else None
    if args is not None:
        try:
            return _sre.compile(*args)  # type: ignore[no-any-return]
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass
    if not _TAG or flags & re.DEBUG:
        return re.compile(pattern, flags)
    try:
        args = _arguments(pattern, flags)
        made = _sre.compile(*args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - an re whose internals differ: the public way
        return re.compile(pattern, flags)
    _keep((pattern, flags), args)
    return made  # type: ignore[no-any-return]


T = TypeVar("T")


def derived(name: str, pattern: str, flags: int, make: Callable[[], T]) -> T:
    """``make()``, a value computed from ``pattern`` alone (``marshal``-able), kept like a compiled pattern:
    ``extract_base.required_literals`` parses the pattern in Python too."""
    key = ((name, pattern), int(flags))
    if _TAG and key in _known():
        return _known()[key]  # type: ignore[return-value]
    value = make()
    if _TAG:
        _keep(key, value)  # type: ignore[arg-type]
    return value


def _arguments(pattern: AnyStr, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (pattern, int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _known() -> dict[tuple[Any, int], tuple[Any, ...]]:
    global _kept
    if _kept is None:
        with _lock:
            if _kept is None:
                _kept = _load()
    return _kept


def _load() -> dict[tuple[Any, int], tuple[Any, ...]]:
    try:
        tag, kept = marshal.loads(FILE.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return kept if tag == _TAG and isinstance(kept, dict) else {}


def _keep(key: tuple[Any, int], args: tuple[Any, ...]) -> None:
    global _added
    kept = _known()
    with _lock:
        if len(kept) < MAX_KEPT:
            kept[key] = args
            if not _added:
                _added = True
                atexit.register(save)


def save(*, force: bool = False) -> bool:
    """Write the kept patterns (called at exit when a run compiled new ones; ``force``: even where Python
    writes no bytecode either, as ``compileall`` does); False when not written."""
    if (sys.dont_write_bytecode and not force) or not _TAG:
        return False
    with _lock:
        data = marshal.dumps((_TAG, dict(_known())))
    tmp = FILE.with_name(f"{FILE.name}.{os.getpid()}.tmp")
    try:
        FILE.parent.mkdir(exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, FILE)  # whole or not at all, whichever run writes last
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True
