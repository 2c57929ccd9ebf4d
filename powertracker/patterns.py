"""The extractor's regular expressions, compiled once and kept between runs, as Python keeps bytecode.

Compiling is the costly half of a regular expression's life in a short process: ``re`` parses the
pattern and generates its code in Python, about 0.2 ms for each of the two hundred that a scrape
imports, which is some 55 ms of a run's CPU (6 % of a run where most pages answer 304). What the
compiler hands to the C engine (``_sre.compile``'s arguments: flags, code, groups) depends only on
the pattern, its flags and the interpreter, so ``compiled`` keeps it in ``__pycache__`` beside the
package's bytecode, one file per interpreter build, and the next run builds the pattern from it
directly. The result equals what ``re.compile`` returns (tests/test_patterns.py compares every kept
pattern's code, groups and group names).

Anything unexpected (no such file, another interpreter's, a damaged one, a read-only or
``PYTHONDONTWRITEBYTECODE`` install, an ``re`` whose internals differ) means plain ``re.compile``:
never a different pattern. The engine itself checks the code it is given (``invalid SRE code``).
A run that compiled something new writes the file again at exit: what it used, and what the file held
that one of the last ``KEEP_SAVES`` writers used (runs that import different modules keep each
other's), so patterns since edited out of the source drop out instead of piling up.
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

    _TAG = (f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}"
            f"|{_sre.MAXGROUPS}")  # the build, and what sizes its engine's code (a 32-bit one differs)
except (ImportError, AttributeError):  # another Python: re.compile always
    _TAG = ""

FILE = Path(__file__).resolve().parent / "__pycache__" / f"patterns.{sys.implementation.cache_tag}.marshal"

T = TypeVar("T")
Key = tuple[Any, ...]

_lock = threading.Lock()
KEEP_SAVES = 8  # an entry no run has used in this many writes of the file is dropped

_kept: dict[Key, Any] | None = None  # what the file held: key -> _sre.compile's arguments, or a derived value
_ages: dict[Key, int] = {}  # the file's write in which each entry was last used
_saves = 0  # how many times the file has been written
_used: dict[Key, Any] = {}  # what this run looked up or made
_added = False  # something new was made: write the file at exit


def compiled(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from what an earlier run kept when it can be."""
    flags = int(flags)
    if not _TAG or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (isinstance(pattern, bytes), pattern, flags)
    args = _known().get(key)
    if args is not None:
        try:
            made = _sre.compile(*args)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass
        else:
            _use(key, args, new=False)
            return made  # type: ignore[no-any-return]
    try:
        args = _arguments(pattern, flags)
        made = _sre.compile(*args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - an re whose internals differ: the public way
        return re.compile(pattern, flags)
    _use(key, args, new=True)
    return made  # type: ignore[no-any-return]


def derived(make: Callable[[str, int], T], pattern: str, flags: int) -> T:
    """``make(pattern, flags)``, a ``marshal``-able value computed from a pattern (``required_literals``
    parses one in Python too), kept like a compiled pattern for as long as ``make``'s module file is
    unchanged (its size and modification time, as bytecode is checked)."""
    try:
        st = os.stat(sys.modules[make.__module__].__file__ or "")
    except (KeyError, OSError, TypeError):
        return make(pattern, flags)
    key = ("derived", make.__module__, make.__qualname__, st.st_size, st.st_mtime_ns, pattern, int(flags))
    if _TAG and key in _known():
        value: T = _known()[key]
        _use(key, value, new=False)
        return value
    value = make(pattern, flags)
    if _TAG:
        _use(key, value, new=True)
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


def _known() -> dict[Key, Any]:
    global _kept
    if _kept is None:
        loaded = _load()
        with _lock:
            if _kept is None:
                _kept = loaded
    return _kept


def _load() -> dict[Key, Any]:
    global _ages, _saves
    try:
        tag, saves, kept = marshal.loads(FILE.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if tag != _TAG or not isinstance(kept, dict) or not isinstance(saves, int):
        return {}
    try:
        _ages = {key: age for key, (age, _) in kept.items()}
        _saves = saves
        return {key: value for key, (_, value) in kept.items()}
    except (TypeError, ValueError):
        _ages, _saves = {}, 0
        return {}


def _use(key: Key, value: Any, *, new: bool) -> None:
    global _added
    with _lock:
        _used[key] = value
        if new and not _added:
            _added = True
            atexit.register(_save_quietly)


def save(*, force: bool = False) -> bool:
    """Write what this run used and what the file held that a recent writer used (``force``: even where
    Python writes no bytecode either, as ``compileall`` does); False when not written."""
    if (sys.dont_write_bytecode and not force) or not _TAG:
        return False
    kept = _known()
    with _lock:
        saves = _saves + 1
        entries = {key: (_ages[key], value) for key, value in kept.items() if saves - _ages.get(key, 0) < KEEP_SAVES}
        entries.update((key, (saves, value)) for key, value in _used.items())
        data = marshal.dumps((_TAG, saves, entries))
    tmp = FILE.with_name(f"{FILE.name}.{os.getpid()}.tmp")
    try:
        FILE.parent.mkdir(exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, FILE)  # whole or not at all, whichever run writes last
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # a read-only file system refuses even that
            pass
        return False
    return True


def _save_quietly() -> None:
    """At exit: a file that cannot be written is no error, only a slower next run."""
    try:
        save()
    except Exception:  # noqa: BLE001, S110 - nothing at interpreter exit is worth a traceback
        pass
