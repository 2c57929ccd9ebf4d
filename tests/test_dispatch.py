"""The dispatcher's batching and its GIL switch interval, and the one thread pages are read on, with real threads."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from powertracker.dispatch import SWITCH_INTERVAL, Dispatcher, OneThread


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


def test_one_thread_runs_every_call_on_its_own_thread_one_at_a_time() -> None:
    one = OneThread("reader")
    ran: list[tuple[int, int]] = []
    busy = threading.Lock()

    def job(i: int) -> int:
        assert busy.acquire(blocking=False), "two calls at once"
        try:
            time.sleep(0.001)
            ran.append((i, threading.get_ident()))
            return i * i
        finally:
            busy.release()

    assert one._thread is None  # started by the first call, on the caller's CPUs
    got: dict[int, int] = {}
    callers = [threading.Thread(target=lambda i=i: got.__setitem__(i, one.call(job, i))) for i in range(12)]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    one.close()
    assert got == {i: i * i for i in range(12)}
    assert len({ident for _, ident in ran}) == 1 and ran[0][1] not in {t.ident for t in callers}
    with pytest.raises(RuntimeError, match="closed"):
        one.call(job, 1)


def test_one_thread_hands_the_callers_exception_back_and_goes_on() -> None:
    one = OneThread("reader")
    with pytest.raises(ZeroDivisionError):
        one.call(lambda: 1 / 0)
    assert one.call(lambda x: x + 1, 41) == 42
    one.close()
    assert one._thread is not None
    one._thread.join(timeout=5)
    assert not one._thread.is_alive()
