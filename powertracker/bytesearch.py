"""Substring search in a whole page's bytes: the C library's ``memmem`` where it has one, ``bytes.find`` elsewhere.

An extraction searches a 100 KB page a few dozen times (the markers of shop platforms, the places
an amount is written). CPython's ``bytes.find`` steps through it at 2 to 3 GB/s for needles of a
few bytes; glibc's ``memmem`` (also in musl and the BSDs) is two to three times faster. A call
through ctypes costs about half a microsecond, so texts shorter than a few KB keep ``bytes.find``.
The call holds the GIL, as the page is read under it anyway.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

_SHORT = 4096  # bytes: a shorter text is searched by bytes.find

Memmem = Callable[[int, int, bytes, int], int | None]


def _memmem() -> Memmem | None:
    try:
        proto = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t)
        return proto(("memmem", ctypes.CDLL(None)))  # type: ignore[no-any-return]
    except (OSError, AttributeError, TypeError):  # no C library to load (Windows), or no memmem in it
        return None


_MEMMEM = _memmem()


def find(haystack: bytes | str, needle: bytes | str, start: int = 0) -> int:
    """``haystack.find(needle, start)``, for a non-negative ``start`` (a str is left to ``str.find``)."""
    size = len(haystack) - start
    if _MEMMEM is None or size < _SHORT or not needle or start < 0 or isinstance(haystack, str):
        return haystack.find(needle, start)  # type: ignore[arg-type]
    base: int = ctypes.cast(haystack, ctypes.c_void_p).value  # type: ignore[assignment]
    at = _MEMMEM(base + start, size, needle, len(needle))  # type: ignore[arg-type]
    return -1 if at is None else at - base


def holds(haystack: bytes | str, needle: bytes | str) -> bool:
    """``needle in haystack``."""
    return find(haystack, needle) != -1
