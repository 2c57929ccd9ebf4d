"""The dispatcher's batching and its GIL switch interval, and the one thread pages are read on, with real threads."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from powertracker.dispatch import SWITCH_INTERVAL, Dispatcher, Later, _Backlog


def _long() -> bool:
    return sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)  # stored in microseconds: not exact


def test_quick_results_come_in_few_batches() -> None:
    d = Dispatcher([("shop", i) for i in range(60)], {"shop": (4, 0.0)}, 4, lambda i: i, lambda i, e: -1)
    batches = list(d.batches(size=128, linger=0.25))
    assert sorted(r for b in batches for r in b) == list(range(60))
    assert len(batches) < 10  # one commit a quarter-second, not one a result


def test_a_batch_holds_at_most_size_results() -> None:
    d = Dispatcher([("shop", i) for i in range(30)], {"shop": (2, 0.0)}, 2, lambda i: i, lambda i, e: -1)
    assert max(len(b) for b in d.batches(size=7, linger=1.0)) <= 7


def test_the_switch_interval_is_long_while_any_dispatcher_runs_and_restored_after() -> None:
    before = sys.getswitchinterval()
    assert before < SWITCH_INTERVAL
    release = threading.Event()
    seen: list[float] = []

    def slow(i: int) -> int:
        release.wait(5)
        return i

    first = Dispatcher([("a", 1)], {"a": (1, 0.0)}, 1, slow, lambda i, e: -1)
    second = Dispatcher([("b", 2)], {"b": (1, 0.0)}, 1, lambda i: i, lambda i, e: -1)
    it = first.batches()
    runner = threading.Thread(target=lambda: seen.extend(r for b in it for r in b))
    runner.start()
    deadline = time.monotonic() + 5
    while not _long() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(second.batches()) == [[2]]  # the second finishes first ...
    assert _long()  # ... and leaves the first's interval alone
    release.set()
    runner.join(5)
    assert seen == [1]
    assert sys.getswitchinterval() == pytest.approx(before)


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs Linux and two CPUs")
def test_the_workers_share_one_cpu_and_the_caller_gets_its_cpus_back() -> None:
    before = os.sched_getaffinity(0)
    d = Dispatcher([("a", i) for i in range(6)] + [("b", i) for i in range(6)], {"a": (3, 0.0), "b": (3, 0.0)}, 6,
                   lambda i: frozenset(os.sched_getaffinity(0)), lambda i, e: frozenset())
    during: set[frozenset[int]] = set()
    for batch in d.batches(size=4, linger=0.05):
        during.update(batch)
        during.add(frozenset(os.sched_getaffinity(0)))  # the collecting thread too
    assert during == {frozenset({max(before)})}
    assert os.sched_getaffinity(0) == before


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH") or os.sched_getscheduler(0) != os.SCHED_OTHER,
                    reason="needs Linux's scheduling policies and the default one")
def test_the_workers_run_as_a_batch_job_and_the_caller_gets_its_policy_back() -> None:
    d = Dispatcher([("a", i) for i in range(6)], {"a": (3, 0.0)}, 3,
                   lambda i: os.sched_getscheduler(0), lambda i, e: -1)
    during: set[int] = set()
    for batch in d.batches(size=4, linger=0.05):
        during.update(batch)
        during.add(os.sched_getscheduler(0))  # the collecting thread too
    assert during == {os.SCHED_BATCH}
    assert os.sched_getscheduler(0) == os.SCHED_OTHER


def test_pages_are_read_on_one_thread_one_at_a_time_while_the_workers_go_on() -> None:
    fetched: list[int] = []
    all_fetched = threading.Event()
    busy = threading.Lock()
    ran: list[int] = []

    def fetch(i: int) -> Later:
        fetched.append(i)
        if len(fetched) == 12:
            all_fetched.set()
        return Later(read, (i,))

    def read(i: int) -> int:
        assert all_fetched.wait(5), "the workers waited for the reading"  # the first read holds up the reader
        assert busy.acquire(blocking=False), "two reads at once"
        try:
            ran.append(threading.get_ident())
            return i * i
        finally:
            busy.release()

    d = Dispatcher([("shop", i) for i in range(12)], {"shop": (4, 0.0)}, 4, fetch, lambda i, e: -1)
    got = sorted(r for b in d.batches(size=128, linger=0.05) for r in b)
    assert got == [i * i for i in range(12)]
    assert len(set(ran)) == 1 and ran[0] != threading.get_ident()


def test_a_reading_that_fails_gives_the_jobs_failure_and_the_reader_goes_on() -> None:
    def read(i: int) -> int:
        return 100 // (i - 3)

    d = Dispatcher([("shop", i) for i in range(6)], {"shop": (2, 0.0)}, 2, lambda i: Later(read, (i,)),
                   lambda i, e: -i)
    assert sorted(r for b in d.batches(linger=0.05) for r in b) == sorted([100 // (i - 3) for i in (0, 1, 2, 4, 5)] + [-3])


def _taken(backlog: _Backlog, out: list[object]) -> threading.Thread:
    """A reader thread taking one item, once it waits inside ``take`` (so what is added after finds it waiting)."""
    t = threading.Thread(target=lambda: out.append(backlog.take()), daemon=True)
    t.start()
    deadline = time.monotonic() + 5
    while not backlog._ready._waiters and t.is_alive() and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.001)
    return t


def _add(backlog: _Backlog, *items: object) -> None:
    for item in items:
        assert backlog.reserve()
        backlog.put(item)


def test_an_idle_reader_starts_again_for_a_burst_and_then_reads_the_rest_at_once() -> None:
    backlog = _Backlog(cap=8, burst=3, wait=30.0)
    out: list[object] = []
    t = _taken(backlog, out)
    _add(backlog, "a", "b")
    t.join(0.3)
    assert t.is_alive() and not out  # two of a burst of three: still gathering
    _add(backlog, "c")
    t.join(5)
    assert out == ["a"]
    assert backlog.take() == "b" and backlog.take() == "c"  # what waits is read without waiting
    t = _taken(backlog, out)
    _add(backlog, "d")
    t.join(0.3)
    assert t.is_alive()  # read all there was: idle again, gathering the next burst
    backlog.end()  # no more coming: the rest at once, then None
    t.join(5)
    assert out == ["a", "d"] and backlog.take() is None


@pytest.mark.parametrize("hurried", [False, True])
def test_a_lone_page_is_read_after_the_wait_or_at_once_when_hurried(hurried: bool) -> None:
    backlog = _Backlog(cap=8, burst=3, wait=30.0 if hurried else 0.2)
    out: list[object] = []
    t = _taken(backlog, out)
    started = time.monotonic()
    _add(backlog, "a")
    if hurried:
        t.join(0.3)
        assert t.is_alive()
        backlog.hurry()  # a stop: no more waiting for bursts
    t.join(5)
    assert out == ["a"]
    assert hurried or time.monotonic() - started >= 0.15  # it did wait for a burst that never came


def test_a_full_backlog_holds_the_next_worker_before_it_fetches_and_a_close_lets_it_go() -> None:
    backlog = _Backlog(cap=2, burst=2, wait=30.0)
    _add(backlog, 1, 2)
    got: list[bool] = []
    held = threading.Thread(target=lambda: got.append(backlog.reserve()), daemon=True)
    held.start()
    held.join(0.3)
    assert held.is_alive()  # two fetched and unread: no third fetch yet
    assert backlog.take() == 1
    held.join(5)
    assert got == [True]
    waiting = []
    for _ in range(2):
        waiting.append(threading.Thread(target=lambda: got.append(backlog.reserve()), daemon=True))
        waiting[-1].start()
        waiting[-1].join(0.3)
        assert waiting[-1].is_alive()  # full again: one unread, one place taken
        if len(waiting) == 1:
            backlog.release()  # the held worker's job had no page to read: its place goes to the next
            waiting[0].join(5)
            assert got == [True, True]
    backlog.close()
    waiting[1].join(5)
    assert got == [True, True, False] and backlog.take() is None


def test_a_reading_whose_failure_cannot_be_recorded_is_abandoned_and_the_rest_are_read() -> None:
    def read(i: int) -> int:
        if i == 3:
            raise ValueError("bad page")
        return i

    def fail(i: int, exc: BaseException) -> int:
        raise RuntimeError("the failure record failed too")

    d = Dispatcher([("shop", i) for i in range(40)], {"shop": (4, 0.0)}, 4, lambda i: Later(read, (i,)), fail)
    got = sorted(r for b in d.batches(linger=0.05) for r in b)
    assert got == [i for i in range(40) if i != 3] and d.abandoned == 1


def test_pages_unread_when_the_grace_runs_out_are_counted_abandoned() -> None:
    stop = threading.Event()
    release = threading.Event()

    def fetch(i: int) -> Later:
        if i == 3:
            stop.set()
        return Later(read, (i,))

    def read(i: int) -> int:
        release.wait(10)  # the first page's reading never ends in time
        return i

    d = Dispatcher([("shop", i) for i in range(8)], {"shop": (1, 0.0)}, 1, fetch, lambda i, e: -1, stop=stop,
                   grace=0.3)
    try:
        assert [r for b in d.batches(linger=0.05) for r in b] == []
        assert d.abandoned == 4 and d.not_started == 4  # one being read, three waiting; four never fetched
    finally:
        release.set()


def test_every_job_is_read_abandoned_or_not_started_when_the_grace_runs_out_with_workers_held(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import powertracker.dispatch as dispatch

    monkeypatch.setattr(dispatch, "READ_BURST", 1)  # places for the four workers and one page more
    stop = threading.Event()
    release = threading.Event()
    fetched: list[int] = []

    def fetch(i: int) -> Later:
        fetched.append(i)
        return Later(read, (i,))

    def read(i: int) -> int:
        if i == 0:
            release.wait(10)  # stuck: the backlog fills and the workers wait for a place
        return i

    d = Dispatcher([("shop", i) for i in range(40)], {"shop": (4, 0.0)}, 4, fetch, lambda i, e: -1, stop=stop,
                   grace=0.3)
    threading.Timer(0.5, stop.set).start()
    try:
        got = [r for b in d.batches(linger=0.05) for r in b]
        assert got == [] and len(fetched) == 6  # five places, and the one being read gave its place back
        assert d.abandoned == 6 and d.not_started == 34
    finally:
        release.set()
