"""What the office installs: a wheel that works outside the checkout, and desktop integration,
a Debian package and a Windows installer that agree with the bundle and with each other.

The bundle itself is built and started by `make bundle` (scripts/bundle), outside the tests.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import xml.etree.ElementTree as ET
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "invalid.pressdesk.PressDesk"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_makes_the_demo_site(tmp_path: Path) -> None:
    """`pip install .` anywhere gives the theme, migrations, demo and the interface's compiled
    catalogs: not only a checkout, and from the committed files alone (no .mo among them)."""
    source = tmp_path / "source"
    for name in run("git", "ls-files", cwd=ROOT).splitlines():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    assert not list(source.rglob("*.mo"))
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source, cwd=tmp_path)
    (wheel,) = wheels.glob("pressdesk-*.whl")
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=tmp_path)
    home = tmp_path / "home"
    env = {"PATH": f"{fresh / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    where = run(python, "-c", "import app.resources as r; print(r.__file__)", cwd=tmp_path, env=env)
    assert where.startswith(str(fresh)), where  # the installed package, not this checkout
    speaks = "from app.core.i18n import _, use_language; print(use_language('tg'), _('&File'))"
    assert run(python, "-c", speaks, cwd=tmp_path, env=env).split() == ["tg", "&Файл"]
    pressdesk = fresh / "bin" / "pressdesk"
    run(pressdesk, "--db", tmp_path / "office.db", "demo", "--count", "20", cwd=tmp_path, env=env)
    run(pressdesk, "--db", tmp_path / "office.db", "export", "--out", "site", cwd=tmp_path, env=env)
    site = tmp_path / "site"
    assert "Хадамоти матбуоти Президенти Ҷумҳурии Тоҷикистон" in (site / "index.html").read_text()
    assert (site / "assets" / "style.css").read_bytes() == (
        ROOT / "resources" / "themes" / "default" / "assets" / "style.css"
    ).read_bytes()
    assert len(list(site.glob("*/????/??/*.html"))) >= 20


def test_the_desktop_entry_and_the_metainfo_name_the_same_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] in PROJECT["scripts"]  # the command pip and the bundle install
    assert desktop["Icon"] == APP_ID and desktop["Type"] == "Application"
    meta = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/binary") == desktop["Exec"]
    assert meta.find("releases/release").get("version") == PROJECT["version"]
    assert (ROOT / "resources" / "icons" / "pressdesk.png").is_file()
    assert (ROOT / "resources" / "icons" / "pressdesk.svg").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="scripts/setup installs")
def test_the_desktop_entry_and_the_metainfo_are_valid() -> None:
    run("desktop-file-validate", PACKAGING / f"{APP_ID}.desktop", cwd=ROOT)
    run("appstreamcli", "validate", "--no-net", PACKAGING / f"{APP_ID}.metainfo.xml", cwd=ROOT)


def inno_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'#define (\w+) "([^"]*)"', text))


def test_the_windows_installer_script_matches_the_bundle() -> None:
    """Inno Setup runs only on Windows: checked here against the spec and pyproject.toml."""
    script = (PACKAGING / "pressdesk.iss").read_text(encoding="utf-8")
    spec = (PACKAGING / "pressdesk.spec").read_text(encoding="utf-8")
    defines = inno_defines(script)
    assert defines["AppVersion"] == PROJECT["version"]
    bundle = (PACKAGING / PureWindowsPath(defines["BundleDir"]).as_posix()).resolve()
    assert bundle.parent == (ROOT / "build" / "bundle" / "dist")
    assert f'NAME = "{bundle.name}"' in spec  # the folder the spec makes
    windowed = defines["AppProgram"].removesuffix(".exe")
    assert f'program("{windowed}", console=False)' in spec
    sections = re.findall(r"^\[(\w+)\]", script, re.MULTILINE)
    assert sections == ["Setup", "Languages", "Tasks", "Files", "Icons", "Run"]
    setup = dict(re.findall(r"^(\w+)=(.*)$", script.split("[Languages]")[0], re.MULTILINE))
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert (PACKAGING / setup["SetupIconFile"]).is_file()
    assert f'icon=str(ROOT / "packaging" / "{setup["SetupIconFile"]}")' in spec


def test_the_debian_package_script_installs_what_desktops_look_for() -> None:
    script = (PACKAGING / "build-deb").read_text(encoding="utf-8")
    assert f"id={APP_ID}" in script
    for path in (
        "usr/share/applications/$id.desktop",
        "usr/share/metainfo/$id.metainfo.xml",
        "usr/share/icons/hicolor/256x256/apps/$id.png",
        "usr/share/icons/hicolor/scalable/apps/$id.svg",
    ):
        assert path in script
    assert os.access(PACKAGING / "build-deb", os.X_OK)
    assert os.access(ROOT / "scripts" / "bundle", os.X_OK)
