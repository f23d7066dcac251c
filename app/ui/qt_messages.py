"""Qt's and the web engine's console messages, sent to our log: known start-up noise kept quiet.

Every start printed lines that sound alarming and mean nothing for Press Desk: the preview's
Chromium looks for Vulkan and a D-Bus system bus, names the GPU's maker, and says when it runs
without its sandbox. Qt's messages now go to Python logging ("qt.<category>"): the known ones
below at INFO (shown with ``pressdesk -v``), anything else as the warning or error it is.
Chromium's own log lines (the D-Bus "ERROR") are limited to fatal ones by ``--log-level=3``.
"""

from __future__ import annotations

import logging
import os
import re

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

CHROMIUM_FLAGS_ENV = "QTWEBENGINE_CHROMIUM_FLAGS"

# Each with why it is harmless.
KNOWN_NOISE = re.compile(
    "|".join(
        (
            # No Vulkan driver installed: Chromium draws with OpenGL or in software instead.
            r"[Vv]ulkan",
            # A software renderer (llvmpipe, a virtual machine): only workarounds depend on it.
            r"Unable to detect GPU vendor|GPUInfo not initialized",
            # No OpenGL on a headless or virtual screen: Qt and Chromium render in software.
            r"QRhiGles2|Failed to create RHI|GBM is not supported",
            # As root (containers, CI) Chromium cannot sandbox itself; we turn it off there.
            r"Sandboxing disabled by user",
            # The offscreen platform of tests and screenshots has no window manager to ask.
            r"does not support propagateSizeHints",
        )
    )
)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    if KNOWN_NOISE.search(message):
        level = min(level, logging.INFO)
    logging.getLogger(f"qt.{context.category or 'default'}").log(level, "%s", message)


def route_qt_messages() -> None:
    """Sends Qt's messages to logging and keeps Chromium's own log to fatal errors.

    Call before the web engine starts (its flags are read once).
    """
    flags = os.environ.get(CHROMIUM_FLAGS_ENV, "")
    if "--log-level" not in flags:
        os.environ[CHROMIUM_FLAGS_ENV] = f"{flags} --log-level=3".strip()
    qInstallMessageHandler(_handle)
