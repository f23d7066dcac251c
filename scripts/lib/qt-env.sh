# shellcheck shell=bash
# Sourced by the scripts in scripts/: environment for running Qt and QtWebEngine.

# Chromium (inside QtWebEngine) refuses to start as root unless its sandbox is off.
webengine_allow_root() {
    if [ "$(id -u)" -eq 0 ] && [[ " ${QTWEBENGINE_CHROMIUM_FLAGS:-} " != *" --no-sandbox "* ]]; then
        export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:+$QTWEBENGINE_CHROMIUM_FLAGS }--no-sandbox"
    fi
}

# Tests and benchmarks never open a window, whatever the desktop session asks for.
qt_headless() {
    export QT_QPA_PLATFORM=offscreen
    webengine_allow_root
}
