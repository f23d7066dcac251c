"""Background tasks: results on the main thread, serial order, errors, cancelling, latest wins."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread

from app.ui.tasks import CancelToken, SynchronousTaskRunner, TaskRunner


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    assert task_runner.shutdown(timeout=5)


def test_result_arrives_on_the_main_thread(runner: TaskRunner, qtbot) -> None:
    main_thread = QThread.currentThread()
    seen: list[tuple[int, bool, bool]] = []

    def work() -> tuple[int, bool]:
        return 42, threading.current_thread() is threading.main_thread()

    def done(result: tuple[int, bool]) -> None:
        seen.append((*result, QThread.currentThread() is main_thread))

    runner.run(work, on_done=done, serial=True)
    runner.run(work, on_done=done, serial=False)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [(42, False, True), (42, False, True)]


def test_serial_tasks_run_one_at_a_time_in_order(runner: TaskRunner, qtbot) -> None:
    started: list[int] = []
    results: list[int] = []
    overlapping = threading.Event()
    running = threading.Lock()

    def work(n: int) -> int:
        if not running.acquire(blocking=False):
            overlapping.set()
            return n
        try:
            started.append(n)
            time.sleep(0.002 * (10 - n))  # early tasks are slower: order must not depend on speed
            return n
        finally:
            running.release()

    for n in range(10):
        runner.run(work, n, on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 10)
    assert started == list(range(10))
    assert results == list(range(10))
    assert not overlapping.is_set()


def test_parallel_tasks_use_the_pool(runner: TaskRunner, qtbot) -> None:
    barrier = threading.Barrier(2, timeout=5)
    results: list[str] = []

    def meet(name: str) -> str:
        barrier.wait()  # only returns when both run at the same time
        return name

    runner.run(meet, "a", on_done=results.append, serial=False)
    runner.run(meet, "b", on_done=results.append, serial=False)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert sorted(results) == ["a", "b"]


def test_errors_are_delivered_not_raised(runner: TaskRunner, qtbot) -> None:
    errors: list[BaseException] = []
    done: list[object] = []

    def fail() -> None:
        raise ValueError("database is locked")

    runner.run(fail, on_done=done.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "database is locked"
    assert errors[0].__traceback__ is not None
    assert done == []


@pytest.mark.qt_no_exception_capture
def test_error_without_handler_goes_to_the_excepthook(
    runner: TaskRunner, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: seen.append(error))

    def fail() -> None:
        raise RuntimeError("render failed")

    task = runner.run(fail, serial=False)
    qtbot.waitUntil(lambda: task.finished)
    qtbot.waitUntil(lambda: bool(seen))
    assert str(seen[0]) == "render failed" and seen[0].__traceback__ is not None


def test_cancelled_task_polls_its_token_and_gets_no_callback(runner: TaskRunner, qtbot) -> None:
    entered = threading.Event()
    saw_cancel = threading.Event()
    calls: list[object] = []

    def slow(cancel: CancelToken) -> str:
        entered.set()
        while not cancel.cancelled:
            time.sleep(0.001)
        saw_cancel.set()
        return "too late"

    task = runner.run(slow, on_done=calls.append, on_error=calls.append, serial=False)
    assert entered.wait(5)
    task.cancel()
    assert saw_cancel.wait(5)
    qtbot.waitUntil(lambda: task.finished)
    qtbot.wait(50)
    assert calls == []


def test_cancelled_before_start_never_runs(runner: TaskRunner, qtbot) -> None:
    gate = threading.Event()
    ran: list[str] = []
    runner.run(gate.wait, 5)
    queued = runner.run(ran.append, "queued")
    queued.cancel()
    after = runner.run(ran.append, "after")
    gate.set()
    qtbot.waitUntil(lambda: after.finished)
    assert ran == ["after"]
    assert queued.finished


def test_raise_if_cancelled_ends_the_task_quietly(runner: TaskRunner, qtbot) -> None:
    entered = threading.Event()
    calls: list[object] = []

    def work(cancel: CancelToken) -> None:
        entered.set()
        while True:
            cancel.raise_if_cancelled()
            time.sleep(0.001)

    task = runner.run(work, on_done=calls.append, on_error=calls.append)
    assert entered.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.finished)
    qtbot.wait(50)
    assert calls == []


def test_latest_wins(runner: TaskRunner, qtbot) -> None:
    results: list[str] = []
    first_running = threading.Event()
    release = threading.Event()

    def render(text: str) -> str:
        if text == "first":
            first_running.set()
            release.wait(5)
        return text.upper()

    first = runner.run_latest("preview", render, "first", on_done=results.append)
    assert first_running.wait(5)
    runner.run_latest("preview", render, "second", on_done=results.append)
    last = runner.run_latest("preview", render, "third", on_done=results.append)
    other = runner.run_latest("other", render, "other", on_done=results.append)
    release.set()
    qtbot.waitUntil(lambda: last.finished and other.finished and first.finished)
    qtbot.waitUntil(lambda: "THIRD" in results and "OTHER" in results)
    qtbot.wait(50)
    assert sorted(results) == ["OTHER", "THIRD"]
    assert first.cancelled


def test_shutdown_waits_and_refuses_new_work(qapp) -> None:
    runner = TaskRunner()
    finished = threading.Event()

    def slow() -> None:
        time.sleep(0.2)
        finished.set()

    runner.run(slow)
    assert runner.shutdown(timeout=5)
    assert finished.is_set()
    finished.clear()
    late = runner.run(slow)
    assert late.cancelled and late.finished
    time.sleep(0.3)
    assert not finished.is_set()


def test_shutdown_gives_up_after_the_timeout(qapp) -> None:
    runner = TaskRunner()
    release = threading.Event()
    runner.run(release.wait, 10)
    started = time.monotonic()
    assert not runner.shutdown(timeout=0.1)
    assert time.monotonic() - started < 2
    release.set()


def test_synchronous_runner_delivers_before_returning() -> None:
    runner = SynchronousTaskRunner()
    results: list[object] = []
    errors: list[BaseException] = []

    def with_token(n: int, cancel: CancelToken) -> int:
        assert not cancel.cancelled
        return n * 2

    runner.run(with_token, 21, on_done=results.append)
    runner.run(lambda: 1 / 0, on_done=results.append, on_error=errors.append, serial=False)
    runner.run_latest("k", str, 5, on_done=results.append)
    assert results == [42, "5"]
    assert isinstance(errors[0], ZeroDivisionError)
