"""The site theme: Jinja2 templates, assets and UI strings, default theme overridden file by file.

A theme folder holds `templates/` (Jinja2, `.html` and `.xml`), `assets/` (copied to OUT/assets)
and optionally `strings.yaml` (UI strings per language). An office theme folder wins over the
default theme file by file, and key by key for strings. Every template is compiled and its
`extends`/`include`/`import` targets checked when the theme loads, so a broken theme fails before
an export writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateSyntaxError,
    meta,
    nodes,
)
from jinja2.sandbox import SandboxedEnvironment

from app.core.location import DEFAULT_THEME_DIR
from app.core.render.dates import bcp47, rfc3339

PAGE_TEMPLATES = (
    "article.html",
    "index.html",
    "archive.html",
    "tag.html",
    "chooser.html",
    "feed.xml",
    "sitemap.xml",
)

TEMPLATE_SUFFIXES = (".html", ".xml")

FALLBACK_LANG = "en"

# What a theme's templates may use besides the values each page gets (see render/pages.py):
# the filters and tests the default theme needs, and no globals at all.
FILTERS = {"rfc3339": rfc3339, "bcp47": bcp47}
TESTS = ("none", "defined", "undefined")
# Jinja's own globals, which a theme does not get: cycler, joiner and namespace are objects
# whose attributes lead back to Python itself.
WITHHELD_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})


class _ThemeSandbox(SandboxedEnvironment):
    """Jinja's sandbox, remembering which attribute of which type it found safe.

    The sandbox decides by the type of the object and the attribute's name alone, and a
    page of 20 teasers asks it thousands of times; asked once per pair, rendering in the
    sandbox costs about a third more than without it instead of three quarters.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


class ThemeError(Exception):
    """A theme that cannot be used: the message names the file and, where known, the line."""


class Theme:
    """A loaded, fully compiled theme. Build it with `Theme.load`."""

    def __init__(
        self,
        folders: tuple[Path, ...],
        templates: Mapping[str, Template],
        strings: Mapping[str, Mapping[str, str]],
    ) -> None:
        self._folders = folders
        self._templates = dict(templates)
        self._strings = strings
        self._template_dirs = tuple(folder / "templates" for folder in folders)

    @classmethod
    def load(cls, override: Path | None = None) -> Theme:
        """Load the default theme, with `override` (an office theme folder) winning file by file.

        Raises ThemeError naming the file and line of the first broken template or strings file.
        """
        if not DEFAULT_THEME_DIR.is_dir():
            raise ThemeError(f"{DEFAULT_THEME_DIR}: the default theme is missing")
        folders: tuple[Path, ...] = (DEFAULT_THEME_DIR,)
        if override is not None:
            override = Path(override)
            if not override.is_dir():
                raise ThemeError(f"{override}: the theme folder does not exist")
            folders = (override.resolve(), DEFAULT_THEME_DIR)
        for folder in folders[:-1]:
            _refuse_links_outside(folder)
        environment = _ThemeSandbox(
            loader=ChoiceLoader(
                [FileSystemLoader(folder / "templates", encoding="utf-8") for folder in folders]
            ),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            cache_size=-1,
        )
        environment.globals.clear()
        environment.filters = dict(FILTERS)
        environment.tests = {name: environment.tests[name] for name in TESTS}
        templates = _compile_all(environment)
        missing = [name for name in PAGE_TEMPLATES if name not in templates]
        if missing:
            raise ThemeError(f"{folders[0]}: the theme has no template {', '.join(missing)}")
        strings = _load_strings(folders)
        return cls(folders, templates, strings)

    @property
    def folders(self) -> tuple[Path, ...]:
        """The theme folders, the winning one first."""
        return self._folders

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render template `name`; any failure becomes a ThemeError naming the template line."""
        try:
            template = self._templates[name]
        except KeyError:
            raise ThemeError(f"the theme has no template {name}") from None
        try:
            return template.render(context)
        except ThemeError:
            raise
        except Exception as exc:
            where = _template_frame(exc.__traceback__, self._template_dirs) or name
            raise ThemeError(f"{where}: {type(exc).__name__}: {exc}") from exc

    def text(self, key: str, lang: str) -> str:
        """The UI string `key` in `lang`, else in its base language, else in English."""
        for candidate in (lang, lang.replace("-", "_").split("_")[0], FALLBACK_LANG):
            value = self._strings.get(candidate, {}).get(key)
            if value is not None:
                return value
        raise ThemeError(f"the theme has no UI string {key!r}")

    def assets(self) -> Iterator[tuple[str, Path]]:
        """(path relative to OUT/assets, file to copy) for every asset, office files winning."""
        chosen: dict[str, Path] = {}
        for folder in reversed(self._folders):
            root = folder / "assets"
            if not root.is_dir():
                continue
            for path in root.rglob("*"):
                relative = path.relative_to(root)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                # Regular files only, inside the theme folder (links were checked at load).
                if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
                    chosen[relative.as_posix()] = path
        for relative in sorted(chosen):
            yield relative, chosen[relative]


def _compile_all(environment: Environment) -> dict[str, Template]:
    loader = environment.loader
    assert loader is not None
    names = [name for name in loader.list_templates() if _is_template(name)]
    available = set(names)
    templates: dict[str, Template] = {}
    for name in names:
        try:
            source, filename, _ = loader.get_source(environment, name)
            tree = environment.parse(source, name, filename)
            _check_references(tree, available, filename or name)
            _check_sandbox(environment, tree, filename or name)
            templates[name] = environment.get_template(name)
        except TemplateSyntaxError as exc:
            raise ThemeError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ThemeError(f"{name}: {exc}") from exc
    return templates


def _is_template(name: str) -> bool:
    """Only visible .html and .xml files are templates; notes or images beside them are not."""
    hidden = any(part.startswith(".") for part in name.split("/"))
    return not hidden and name.endswith(TEMPLATE_SUFFIXES)


def _check_references(tree: nodes.Template, available: set[str], filename: str) -> None:
    """Fail on `extends`/`include`/`import` of a template the theme does not have."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            continue
        if isinstance(node, nodes.Include) and node.ignore_missing:
            continue
        if target.value not in available:
            raise ThemeError(f"{filename}:{node.lineno}: template {target.value!r} not found")


def _check_sandbox(environment: Environment, tree: nodes.Template, filename: str) -> None:
    """Fail on what the sandbox would refuse while rendering, so that it fails before an
    export writes anything: a private attribute (``__init__``, ``_x``) or a Jinja global
    that a theme does not get."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            raise ThemeError(
                f"{filename}:{node.lineno}: a theme may not use {name!r} (private attributes "
                "are outside the sandbox themes are rendered in)"
            )
    withheld = sorted(meta.find_undeclared_variables(tree) & WITHHELD_GLOBALS)
    if withheld:
        lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == withheld[0]]
        raise ThemeError(
            f"{filename}:{min(lines)}: a theme may not use {withheld[0]!r} (not among what "
            "a theme is given)"
        )


def _refuse_links_outside(folder: Path) -> None:
    """Refuse a theme whose files lead outside its folder (a link to /etc/passwd among its
    assets would publish it), or that holds anything but regular files and folders."""
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise ThemeError(f"{path}: a link to {path.resolve()}, outside the theme folder")
        if not (path.is_file() or path.is_dir()):
            raise ThemeError(f"{path}: neither a file nor a folder")


def _load_strings(folders: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for folder in reversed(folders):
        path = folder / "strings.yaml"
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise ThemeError(f"{path}{line}: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ThemeError(f"{path}: {exc}") from exc
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(v, str) for v in table.values())
            for table in data.values()
        ):
            raise ThemeError(f"{path}: expected a mapping of language to mapping of strings")
        for lang, table in data.items():
            merged.setdefault(str(lang), {}).update({str(k): v for k, v in table.items()})
    return merged


def _template_frame(tb: TracebackType | None, template_dirs: tuple[Path, ...]) -> str | None:
    """The innermost template frame of a traceback as "file:line" (Jinja maps it to the source)."""
    found = None
    roots = tuple(f"{folder}{os.sep}" for folder in template_dirs)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(roots):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
