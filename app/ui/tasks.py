"""The one way to run work off the UI thread, with results handed back on the main thread.

Serial tasks (anything touching the database) run one at a time, in submission order, on a
single worker thread; other tasks (rendering, search) run on a thread pool. A task's `on_done` or
`on_error` is called on the main thread through a queued signal, unless the task was cancelled.
A function that declares a `cancel` parameter receives a `CancelToken` to poll. `run_latest`
serves debounced work: a newer task with the same key cancels the older one, so only the latest
result ever arrives. Pass ids between threads, never ORM objects.

`SynchronousTaskRunner` has the same interface and runs everything at once, for tests.
"""

from __future__ import annotations

import inspect
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class TaskCancelled(Exception):
    """Raised by `CancelToken.raise_if_cancelled`; a task ending with it counts as cancelled."""


class CancelToken:
    """Lets a running function notice that its task was cancelled."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise TaskCancelled

    def _set(self) -> None:
        self._event.set()


def _accepts_cancel(fn: Callable[..., Any]) -> bool:
    try:
        parameter = inspect.signature(fn).parameters.get("cancel")
    except (TypeError, ValueError):  # some builtins have no signature
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.KEYWORD_ONLY,
    )


class Task:
    """One submitted call. `cancel()` it to skip it if not started and to drop its result."""

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callback | None,
        on_error: Callback | None,
        serial: bool,
        key: Hashable | None = None,
    ) -> None:
        self.fn = fn
        self.args = args
        self.on_done = on_done
        self.on_error = on_error
        self.serial = serial
        self.key = key
        self.token = CancelToken()
        self._finished = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop; its callbacks will not be called. Safe from any thread."""
        self.token._set()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    @property
    def finished(self) -> bool:
        """True once the function has returned or raised, or was skipped because cancelled."""
        return self._finished.is_set()

    def _execute(self) -> tuple[Any, BaseException | None]:
        """Run the function (on whatever thread calls this) and return (result, error)."""
        try:
            if self.cancelled:
                return None, None
            if _accepts_cancel(self.fn):
                return self.fn(*self.args, cancel=self.token), None
            return self.fn(*self.args), None
        except TaskCancelled:
            return None, None
        except Exception as error:
            return None, error
        finally:
            self._finished.set()


class _TaskRunnerBase(QObject):
    """Submission, latest-wins bookkeeping and delivery; subclasses decide where tasks run."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: dict[Hashable, Task] = {}
        self._closed = False

    @property
    def closed(self) -> bool:
        """Shut down: it takes no more tasks."""
        return self._closed

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        serial: bool = True,
    ) -> Task:
        """Run `fn(*args)` off the UI thread; `on_done(result)` or `on_error(exc)` follow on it.

        Without `on_error`, a failure goes to `sys.excepthook` (the app's error dialog and
        log file) rather than being lost.
        """
        return self._submit(Task(fn, args, on_done, on_error, serial))

    def run_latest(
        self,
        key: Hashable,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        serial: bool = False,
    ) -> Task:
        """Like `run`, but cancel any earlier task submitted under the same `key`."""
        previous = self._latest.get(key)
        if previous is not None:
            previous.cancel()
        task = Task(fn, args, on_done, on_error, serial, key)
        self._latest[key] = task
        return self._submit(task)

    def _submit(self, task: Task) -> Task:
        if self._closed:
            # A timer of a window that is going away; its work has nowhere to report.
            log.warning("task %r refused: the task runner has been shut down", task.fn)
            task.cancel()
            task._finished.set()
            return task
        self._start(task)
        return task

    def _start(self, task: Task) -> None:
        raise NotImplementedError

    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        """Called on the main thread once a task has run."""
        if task.key is not None and self._latest.get(task.key) is task:
            del self._latest[task.key]
        if self._closed or task.cancelled:
            return
        if error is None:
            if task.on_done is not None:
                task.on_done(result)
        elif task.on_error is not None:
            task.on_error(error)
        else:
            # A failure nobody expected goes where uncaught exceptions go: the error
            # dialog and the log file, once app.ui.errors is installed.
            sys.excepthook(type(error), error, error.__traceback__)


class TaskRunner(_TaskRunnerBase):
    """Runs tasks on a serial worker thread or a thread pool; see the module docstring."""

    _task_ran = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Signals from worker threads reach this main-thread object as queued calls.
        self._task_ran.connect(self._deliver)
        self._pool = QThreadPool(self)
        self._serial_queue: queue.SimpleQueue[Task | None] = queue.SimpleQueue()
        # A daemon thread, so a task stuck past the shutdown timeout cannot hold the process.
        self._serial_thread = threading.Thread(
            target=self._serial_loop, name="pressdesk-serial-tasks", daemon=True
        )
        self._serial_thread.start()
        self._outstanding = 0
        self._idle = threading.Condition()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Refuse new tasks (they come back cancelled, never run), let submitted ones finish for
        up to `timeout` seconds, then stop.

        Tasks already queued still run (a queued save must not be lost), but no callbacks are
        called any more. Returns False when some task was still running at the deadline.
        """
        if self._closed:
            return self._outstanding == 0
        self._closed = True
        deadline = time.monotonic() + timeout
        with self._idle:
            self._idle.wait_for(
                lambda: self._outstanding == 0, timeout=max(0.0, deadline - time.monotonic())
            )
        self._serial_queue.put(None)
        self._pool.clear()
        remaining_ms = max(0, int((deadline - time.monotonic()) * 1000))
        self._pool.waitForDone(remaining_ms)
        return self._outstanding == 0

    def _start(self, task: Task) -> None:
        with self._idle:
            self._outstanding += 1
        if task.serial:
            self._serial_queue.put(task)
        else:
            self._pool.start(lambda: self._execute(task))

    def _serial_loop(self) -> None:
        while (task := self._serial_queue.get()) is not None:
            self._execute(task)

    def _execute(self, task: Task) -> None:
        result, error = task._execute()
        if not self._closed:
            self._task_ran.emit(task, result, error)
        with self._idle:
            self._outstanding -= 1
            self._idle.notify_all()


class SynchronousTaskRunner(_TaskRunnerBase):
    """Runs each task at once on the calling thread and delivers before `run` returns."""

    def shutdown(self, timeout: float = 5.0) -> bool:
        self._closed = True
        return True

    def _start(self, task: Task) -> None:
        result, error = task._execute()
        self._deliver(task, result, error)
