"""Where Press Desk finds its database and its default theme, without importing anything heavy.

The export's no-change check runs before SQLAlchemy or Jinja2 load, and needs both.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

ENV_VAR = "PRESSDESK_DB"
# The repository's resources/ folder, installed as the package app.resources (see setup.py):
# a folder on disk in a checkout, a wheel and a PyInstaller bundle alike.
RESOURCES_DIR = Path(str(files("app.resources")))
DEFAULT_THEME_DIR = RESOURCES_DIR / "themes" / "default"


def default_database_path() -> Path:
    return platformdirs.user_data_path("pressdesk", appauthor=False) / "pressdesk.db"


def database_target(target: str | None) -> str:
    """The value naming the database: ``--db``, else ``$PRESSDESK_DB``, else the default file."""
    return target or os.environ.get(ENV_VAR) or str(default_database_path())


def sqlite_file(value: str) -> Path | None:
    """The SQLite file a value names (a value without ``://`` is a path), else None."""
    if "://" in value:
        return None
    return Path(value).expanduser().resolve()
