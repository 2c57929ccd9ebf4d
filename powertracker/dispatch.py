"""Run jobs on worker threads with a global cap and, per politeness key (retailer), a cap and a delay.

A worker takes the next job from a key that has a free slot and whose delay since its last
dispatch has passed, going round the keys in turn; a key that is slow (or far behind its delay)
holds only its own slots, so one slow shop never slows the others. A job may leave the rest of its
work (reading its page) to the one reader thread (``Later``), which reads what comes in bursts.
Results come back to the calling thread (``batches()`` of what has come in), which alone talks to
the database.

Stopping: after ``stop`` is set no job is handed out; ``batches()`` keeps yielding what the
in-flight jobs return (and the reader reads) for ``grace`` seconds, then returns, abandoning the
rest (the workers are daemon threads; their late results are dropped). ``abandoned`` says how many jobs that was.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's mallopt parameter
# How long a thread may hold the GIL while another waits for it (CPython's default is 5 ms). The
# workers mostly wait on sockets; at 5 ms a page's extraction is cut short several times to hand
# the GIL round, each hand-over a few system calls and a cold cache.
SWITCH_INTERVAL = 0.05


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas before starting threads (False where that is not glibc).

    By default glibc gives threads up to 8 arenas per core, and pages parsed on many threads leave
    freed memory scattered over all of them: a run with 16 workers peaked about 40 % higher.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


_switch_lock = threading.Lock()
_switch_users = 0  # dispatchers running now: the last one to finish restores the interval
_switch_saved = 0.0


@contextmanager
def long_switch_interval() -> Iterator[None]:
    """``SWITCH_INTERVAL`` (or the longer one set already) while any dispatcher runs, then the one before."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(max(_switch_saved, SWITCH_INTERVAL))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


@contextmanager
def one_cpu() -> Iterator[None]:
    """The calling thread, and the threads it starts meanwhile, on one CPU; then its CPUs as before.

    The workers take turns at the GIL, but lxml's parser and zlib run without it, so on two cores a
    page parsed on one core while another thread runs on the other: both slow down (shared caches,
    the interpreter's hot data moving between cores), and in the benchmark a run on one core spent
    a quarter less CPU and finished sooner. Nothing changes where affinity is not Linux's, or the
    thread may use one CPU only.
    """
    try:
        allowed = os.sched_getaffinity(0)
        if len(allowed) > 1:
            os.sched_setaffinity(0, {max(allowed)})  # cpu0 takes most interrupts on a Pi
        else:
            allowed = set()
    except (AttributeError, OSError):  # not Linux, or a sandbox that forbids it
        allowed = set()
    try:
        yield
    finally:
        if allowed:
            try:
                os.sched_setaffinity(0, allowed)
            except OSError:
                logger.warning("could not restore this thread's CPU affinity")


@contextmanager
def batch_policy() -> Iterator[None]:
    """The calling thread, and the threads it starts meanwhile, under Linux's ``SCHED_BATCH``; then its policy as before.

    A worker whose answer arrives is woken while a page is being read on the one CPU; under the default policy it
    preempts that thread at once, only to find the GIL taken and sleep again: six such switches a page in the
    benchmark, about 7 % of the run's CPU. A batch thread waking does not preempt: it runs when the running one
    waits or its time slice ends. The scrape is a batch job, which the policy also tells the rest of the machine.
    Nothing changes where the policy is not Linux's, or the thread runs under another policy than the default.
    """
    try:
        switched = os.sched_getscheduler(0) == os.SCHED_OTHER
        if switched:
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or a sandbox that forbids it
        switched = False
    try:
        yield
    finally:
        if switched:
            try:
                os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
            except OSError:
                logger.warning("could not restore this thread's scheduling policy")


J = TypeVar("J")
R = TypeVar("R")


# Pages fetched wait for the one reader thread in a backlog. An idle reader starts again only when READ_BURST pages
# wait, or the first of them has waited READ_WAIT seconds, or no more will come: a reader that wakes for every page
# reads each with the CPU's caches gone cold (after a few milliseconds idle, a page cost half as much again in the
# benchmark at 50 ms of latency); one woken for a burst reads the rest warm. A worker takes a place in the backlog
# before it fetches, and there are READ_BURST places more than workers: a burst gathers while every worker fetches,
# and no more pages than that are ever held unread (with sixteen workers, 32; about 5 MB of pages).
READ_BURST = 16
READ_WAIT = 0.5


@dataclass(frozen=True)
class Later:
    """What a job returns when the rest of its work is to run on the dispatcher's one reader thread:
    ``fn(*args)`` there gives the job's result. The worker goes on to its next job meanwhile."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]


class _Backlog:
    """Fetched pages waiting for the reader, in order, handed out in bursts (``take``). A worker reserves a place
    before it takes a job, so the pages fetched and not yet read are never more than ``cap``."""

    def __init__(self, cap: int, burst: int, wait: float) -> None:
        self.cap, self.burst, self.wait = max(1, cap), max(1, min(burst, cap)), wait
        self._items: deque[Any] = deque()
        self._reserved = 0  # places taken by workers whose page is not in yet
        lock = threading.Lock()
        self._room = threading.Condition(lock)
        self._ready = threading.Condition(lock)
        # each implies the ones before it: given up, no more pages come, and what waits is not waited on
        self._hurry = False  # read what waits at once (stopping)
        self._ended = False  # no more pages coming
        self._closed = False  # given up: no place given, nothing more handed out

    def reserve(self) -> bool:
        """Waits for a place; False once the backlog is closed."""
        with self._room:
            while len(self._items) + self._reserved >= self.cap and not self._closed:
                self._room.wait()
            if self._closed:
                return False
            self._reserved += 1
            return True

    def release(self) -> None:
        """Gives back a place not used (the job had no page to read)."""
        with self._room:
            self._reserved -= 1
            self._room.notify()

    def put(self, item: Any) -> None:
        """Adds ``item`` in a reserved place (dropped when the backlog was closed meanwhile)."""
        with self._ready:
            self._reserved -= 1
            if self._closed:
                return
            self._items.append(item)
            if len(self._items) in (1, self.burst):  # the first starts the reader's clock; a burst wakes it
                self._ready.notify()

    def take(self) -> Any | None:
        """The next item; None once none will come. After it has read all there was, the reader waits for a
        burst (or the first one's ``wait``, or a hurry)."""
        with self._ready:
            if not self._items:
                while not self._items and not self._ended:
                    self._ready.wait()
                deadline = time.monotonic() + self.wait
                while len(self._items) < self.burst and not self._hurry:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._ready.wait(left)
            if not self._items:  # none came (close() clears what waited)
                return None
            item = self._items.popleft()
            self._room.notify()
            return item

    def hurry(self) -> None:
        with self._ready:
            self._hurry = True
            self._ready.notify_all()

    def end(self) -> None:
        """No more items will come: the reader reads the rest at once, then ``take`` says None."""
        with self._ready:
            self._hurry = self._ended = True
            self._ready.notify_all()

    def close(self) -> None:
        """Gives up what waits; workers waiting for a place and the reader waiting for pages are let go."""
        with self._ready:
            self._closed = self._hurry = self._ended = True
            self._items.clear()
            self._ready.notify_all()
            self._room.notify_all()


@dataclass
class Lane:
    """One politeness key: its cap, its delay between dispatches, and its queue."""

    cap: int
    delay: float
    pending: deque[object]
    in_flight: int = 0
    next_at: float = 0.0


class Dispatcher(Generic[J, R]):
    def __init__(self, jobs: Iterable[tuple[str, J]], limits: dict[str, tuple[int, float]], workers: int,
                 work: Callable[[J], R | Later | None], fail: Callable[[J, BaseException], R],
                 stop: threading.Event | None = None, grace: float = 5.0) -> None:
        self._lanes: dict[str, Lane] = {}
        for key, job in jobs:
            if key not in self._lanes:
                cap, delay = limits.get(key, (1, 0.0))
                self._lanes[key] = Lane(max(1, cap), max(0.0, delay), deque())
            self._lanes[key].pending.append(job)
        self.total = sum(len(lane.pending) for lane in self._lanes.values())
        self._order = list(self._lanes)
        self._turn = 0
        self.workers = max(1, min(workers, self.total or 1))
        self.work, self.fail = work, fail
        self.stop = stop or threading.Event()
        self.grace = grace
        self._cond = threading.Condition()
        self._results: queue.SimpleQueue[tuple[str, R | None]] = queue.SimpleQueue()
        self._backlog = _Backlog(READ_BURST + self.workers, READ_BURST, READ_WAIT)
        self._live = self.workers  # workers not yet finished (guarded by _cond)
        self.abandoned = 0

    def raise_delay(self, key: str, delay: float) -> None:
        """Make ``key`` wait at least ``delay`` between dispatches (robots.txt Crawl-delay)."""
        with self._cond:
            lane = self._lanes.get(key)
            if lane is not None and delay > lane.delay:
                lane.next_at += delay - lane.delay
                lane.delay = delay

    def _next(self) -> tuple[str, J] | None:
        with self._cond:
            while True:
                if self.stop.is_set():
                    return None
                now = time.monotonic()
                wake = None
                waiting = False
                n = len(self._order)
                for i in range(n):
                    key = self._order[(self._turn + i) % n]
                    lane = self._lanes[key]
                    if not lane.pending:
                        continue
                    waiting = True
                    if lane.in_flight >= lane.cap:
                        continue
                    if lane.next_at > now:
                        wake = lane.next_at if wake is None else min(wake, lane.next_at)
                        continue
                    lane.in_flight += 1
                    lane.next_at = now + lane.delay
                    self._turn = (self._turn + i + 1) % n
                    return key, lane.pending.popleft()  # type: ignore[return-value]
                if not waiting:
                    return None
                self._cond.wait(None if wake is None else max(0.0, wake - now))

    def _done(self, key: str) -> None:
        with self._cond:
            self._lanes[key].in_flight -= 1
            self._cond.notify_all()

    def _worker(self) -> None:
        while True:
            placed = self._backlog.reserve()  # a place for its page first
            picked = self._next() if placed else None
            if picked is None:
                if placed:
                    self._backlog.release()
                with self._cond:
                    self._live -= 1
                    if not self._live:
                        self._backlog.end()
                self._results.put(("exit", None))
                return
            key, job = picked
            try:
                result = self.work(job)
            except BaseException as exc:  # noqa: BLE001 - a bug in one job must not stop the run
                result = self._failed(job, exc)
            finally:
                self._done(key)
            if isinstance(result, Later):  # its page is read on the reader thread; this worker fetches the next
                self._backlog.put((job, result))
            else:
                self._backlog.release()
                self._results.put(("result", result))
            del job, result  # nothing of a page kept while waiting for the next job

    def _failed(self, job: J, exc: BaseException) -> R | None:
        """``fail``'s result for a job that crashed; None (abandoned) should ``fail`` itself raise."""
        logger.exception("job %r crashed", job)
        try:
            return self.fail(job, exc)
        except BaseException:  # noqa: BLE001 - the thread must go on to report, or the run waits for it
            logger.exception("job %r: its failure could not be recorded", job)
            return None

    def _reader(self) -> None:
        """Reads the fetched pages one at a time, in the order they came (``_Backlog``)."""
        try:
            while (item := self._backlog.take()) is not None:
                job, later = item
                try:
                    result = later.fn(*later.args)
                except BaseException as exc:  # noqa: BLE001 - as in _worker
                    result = self._failed(job, exc)
                self._results.put(("result", result))
                del item, job, later, result  # nothing of a page kept while waiting for the next
        finally:
            self._results.put(("exit", None))

    def batches(self, size: int = 128, linger: float = 0.25) -> Iterator[list[R]]:
        """Start the workers and yield results as they come, until all are done or stopped, in lists:
        each holds what came in within ``linger`` seconds of its first result (at most ``size``), so
        the caller stores them in one go. A commit costs more than a row: on a Pi, a few commits a
        second instead of one per page halve the database's share of a run."""
        if not self.total:
            return
        with long_switch_interval(), one_cpu(), batch_policy():
            yield from self._collect(size, linger)

    def _collect(self, size: int, linger: float) -> Iterator[list[R]]:
        threads = [threading.Thread(target=self._worker, name=f"scrape-{i}", daemon=True)
                   for i in range(self.workers)]
        threads.append(threading.Thread(target=self._reader, name="scrape-read", daemon=True))
        for t in threads:
            t.start()
        try:
            yield from self._gather(len(threads), size, linger)
        finally:
            self._backlog.close()  # stopped, or the caller stopped listening: workers waiting for a place let go

    def _gather(self, running: int, size: int, linger: float) -> Iterator[list[R]]:
        deadline = None
        came = 0  # results in, one for each job handed out (None for one given up)
        while running:
            try:
                item = self._results.get(timeout=0.1)
            except queue.Empty:
                if self.stop.is_set():
                    self._backlog.hurry()
                    with self._cond:
                        self._cond.notify_all()
                    if deadline is None:
                        deadline = time.monotonic() + self.grace
                    elif time.monotonic() > deadline:
                        self._backlog.close()
                        in_flight = self.total - self.not_started - came  # fetching, waiting to be read, or being read
                        self.abandoned += in_flight
                        logger.warning("stopping: abandoned %d page(s) still in flight or unread", in_flight)
                        return
                continue
            batch: list[R] = []
            until = time.monotonic() + linger
            while True:
                kind, result = item
                if kind == "exit":
                    running -= 1
                else:
                    came += 1
                    if result is None:  # the job gave up on a stop before its request went out
                        self.abandoned += 1
                    else:
                        batch.append(result)
                if len(batch) >= size or not running:
                    break
                wait = until - time.monotonic()
                if wait <= 0 or self.stop.is_set():
                    break
                try:
                    item = self._results.get(timeout=wait)
                except queue.Empty:
                    break
            if batch:
                yield batch

    @property
    def not_started(self) -> int:
        with self._cond:
            return sum(len(lane.pending) for lane in self._lanes.values())
