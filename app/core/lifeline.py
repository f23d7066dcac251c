"""Worker processes that end with the process that started them, killed or crashed.

On Linux the kernel sends the worker SIGKILL when its parent ends (``PR_SET_PDEATHSIG``);
everywhere a daemon thread also watches the parent's process id, twice a second, and ends
the worker when it changes (the worker was handed to another parent: its own has ended).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 0.5


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)


def die_with_parent(parent: int) -> None:
    """Ends this process as soon as process ``parent`` (which started it) ends."""
    if sys.platform.startswith("linux"):
        # Without it, the watching thread still ends the worker within WATCH_INTERVAL.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # ended before the line above
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="lifeline", daemon=True).start()
