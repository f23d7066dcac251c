"""Body rendering with a time bound: bodies that look risky render in a worker process.

Python-Markdown is quadratic on long runs of unclosed ``[`` or ``<`` and recurses once per
level of list or quote nesting. A cheap scan decides whether a body could be one of those;
ordinary bodies render in-process at full speed, the others go to one persistent worker
process, which is killed (and replaced on the next call) when it overruns the timeout.
"""

import multiprocessing
import os
import re
import signal
import threading
from multiprocessing.connection import Connection

from app.core.lifeline import die_with_parent
from app.core.render.markdown import DEFAULT_MEDIA_PREFIX, render_body


class RenderError(Exception):
    """A body could not be rendered; ``reason`` says why in words a writer can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_TOO_DEEP = (
    "Lists or quotes are nested too deeply to be formatted (hundreds of levels). "
    "Remove some of the nesting."
)
_WORKER_DIED = "The formatting process stopped unexpectedly."
_WORKER_START_TIMEOUT = 60.0

# Python-Markdown is quadratic in the number of unclosed "[", "<", "`" or "~~~" fences, and in
# the number of lines of a block that its block processors split and re-queue (setext and hash
# headings, fences, "---" rules inside a paragraph); it recurses once per level of nesting; and
# each block, escape, entity or emphasis marker costs tens of microseconds. Below these limits
# (found by timing repeated runs of Markdown-significant characters and mixes of them) the
# worst arrangement of a body renders in at most a few tenths of a second, and a 5,000-word
# statement is well inside all of them.
_IN_PROCESS_MAX_CHARS = 64_000
_IN_PROCESS_MAX_COUNTS = {
    "[": 300,
    "<": 100,
    "`": 300,
    "~": 300,
    "\\": 1000,
    "&": 1000,
    "*": 2000,
    "_": 2000,
}
_IN_PROCESS_MAX_BLOCKS = 1000
_IN_PROCESS_MAX_BLOCK_LINES = 100
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_DEEP_NESTING = re.compile(
    r"^[ \t]*(?:(?:>|[*+-][ \t]|[0-9]{1,9}[.)][ \t])[ \t]*){10,}|^[ \t]{100,}\S", re.MULTILINE
)


def _needs_isolation(text: str) -> bool:
    """Whether *text* could take long (or recurse too deep) to render: a cheap, cautious guess."""
    if len(text) > _IN_PROCESS_MAX_CHARS:
        return True
    if any(text.count(char) > limit for char, limit in _IN_PROCESS_MAX_COUNTS.items()):
        return True
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(lines)
    if len(blocks) > _IN_PROCESS_MAX_BLOCKS:
        return True
    if max(block.count("\n") for block in blocks) > _IN_PROCESS_MAX_BLOCK_LINES:
        return True
    return _DEEP_NESTING.search(lines) is not None


def _serve(connection: Connection, parent: int) -> None:
    """Main loop of the worker process: render each request, reply with ("ok"|"error", str)."""
    die_with_parent(parent)
    # Ctrl+C in a terminal belongs to the parent, which ends this daemon process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection.send(("ready", ""))
    while True:
        try:
            text, lang, media_prefix = connection.recv()
        except EOFError:
            return
        try:
            reply = ("ok", render_body(text, lang, media_prefix=media_prefix))
        except RecursionError:
            reply = ("error", _TOO_DEEP)
        except Exception as error:
            reply = ("error", f"The body could not be formatted: {error!r}")
        connection.send(reply)


class _Worker:
    """One spawned worker process and the pipe to it."""

    def __init__(self) -> None:
        # spawn, not fork: the GUI process has Qt threads that a fork would copy half-way.
        context = multiprocessing.get_context("spawn")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child_end, os.getpid()), name="pressdesk-render", daemon=True
        )
        self.process.start()
        child_end.close()
        try:
            started = self.connection.poll(_WORKER_START_TIMEOUT) and self.connection.recv()
        except (EOFError, OSError):
            started = False
        if not started:
            self.stop()
            raise RenderError("The formatting process could not be started.")

    def render(self, request: tuple[str, str, str], timeout: float) -> tuple[str, str]:
        """Return the worker's reply, ("timeout", "") or ("died", "")."""
        try:
            self.connection.send(request)
            if not self.connection.poll(timeout):
                return ("timeout", "")
            return self.connection.recv()
        except (EOFError, OSError):
            return ("died", "")

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


_worker_lock = threading.Lock()
_worker: _Worker | None = None


def _forget_inherited_worker() -> None:
    """In a forked child (the export's process pool): the worker belongs to the parent."""
    global _worker, _worker_lock
    if _worker is not None:
        _worker.connection.close()
    _worker = None
    _worker_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_worker)


def _render_isolated(request: tuple[str, str, str], timeout: float) -> str:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.process.is_alive():
            _worker = _Worker()
        status, payload = _worker.render(request, timeout)
        if status in ("timeout", "died"):
            # A worker still busy with the pathological body is of no further use.
            _worker.stop()
            _worker = None
    if status == "ok":
        return payload
    if status == "timeout":
        raise RenderError(
            f"Formatting took longer than {timeout:.1f}".removesuffix(".0")
            + " seconds and was stopped. "
            "Look for a long run of “[” or “<” that is never closed, "
            "or for lists and quotes nested very deeply."
        )
    raise RenderError(_WORKER_DIED if status == "died" else payload)


def render_body_bounded(
    markdown_text: str,
    lang: str,
    *,
    timeout: float = 3.0,
    media_prefix: str = DEFAULT_MEDIA_PREFIX,
) -> str:
    """Like :func:`render_body`, but fail with :class:`RenderError` instead of hanging or crashing.

    A body that could be slow is rendered in the worker process and given *timeout* seconds,
    plus as much again per million characters so that a long but ordinary body still renders
    (the worker's start-up on first use is not counted); any other body renders in-process.
    """
    if _needs_isolation(markdown_text):
        allowed = timeout * (1 + len(markdown_text) / 1_000_000)
        return _render_isolated((markdown_text, lang, media_prefix), allowed)
    try:
        return render_body(markdown_text, lang, media_prefix=media_prefix)
    except RecursionError:
        raise RenderError(_TOO_DEEP) from None
