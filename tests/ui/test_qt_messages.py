"""Qt's console messages go to the log: known start-up noise quietly, real warnings as such."""

from __future__ import annotations

import logging
import os

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from app.ui.qt_messages import CHROMIUM_FLAGS_ENV, route_qt_messages


@pytest.mark.no_qt_log
def test_start_up_noise_is_quiet_and_warnings_stay_warnings(
    qapp, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_FLAGS_ENV, "--no-sandbox")
    caplog.set_level(logging.DEBUG)
    route_qt_messages()
    try:
        qWarning("Failed to load vulkan: Cannot load library vulkan")
        qWarning("Unable to detect GPU vendor for device: Mesa/X.org llvmpipe")
        qWarning("QLayout: Attempting to add QLayout to a widget which already has a layout")
    finally:
        qInstallMessageHandler(None)
    levels = [(record.levelname, record.name) for record in caplog.records]
    assert levels == [("INFO", "qt.default"), ("INFO", "qt.default"), ("WARNING", "qt.default")]
    assert os.environ[CHROMIUM_FLAGS_ENV] == "--no-sandbox --log-level=3"
