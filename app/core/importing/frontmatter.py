"""Split a Markdown file's text into its header (YAML ``---``, TOML ``+++`` or Pelican
``Key: value`` lines) and its body."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Literal

import yaml

from app.core.importing.errors import FrontMatterError

FrontMatterStyle = Literal["yaml", "toml", "pelican"]

# Python-Markdown's meta extension, which Pelican uses: "Key: value", continued by lines
# indented four spaces or more, up to the first blank or non-matching line.
_PELICAN_KEY = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")
_PELICAN_MORE = re.compile(r"[ ]{4,}(.*)")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

NO_FRONT_MATTER = "no front matter: expected '---', '+++' or a 'Title:' header"


@dataclass(frozen=True)
class FrontMatter:
    """A file's header fields (keys lower-cased, as Hugo and Pelican treat them) and body."""

    style: FrontMatterStyle
    fields: dict[str, object]
    body: str


def split_front_matter(text: str) -> FrontMatter:
    """Split ``text`` (LF line ends, no BOM); raise ``FrontMatterError`` when it has no header
    or the header does not parse."""
    lines = text.split("\n")
    first = lines[0].rstrip()
    if first == "---":
        return _fenced(lines, "yaml", ("---", "..."))
    if first == "+++":
        return _fenced(lines, "toml", ("+++",))
    return _pelican(lines)


def _fenced(lines: list[str], style: FrontMatterStyle, closers: tuple[str, ...]) -> FrontMatter:
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        raise FrontMatterError(
            f"front matter opened with '{lines[0].rstrip()}' on line 1 is never closed"
        )
    header = "\n".join(lines[1:end])
    data = _load_yaml(header) if style == "yaml" else _load_toml(header, end + 1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a list of 'key: value' fields")
    fields = {str(key).lower(): value for key, value in data.items()}
    return FrontMatter(style, fields, "\n".join(lines[end + 1 :]).strip("\n"))


def _load_yaml(header: str) -> object:
    try:
        return yaml.safe_load(header)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # +2: the opening '---' is line 1 of the file and marks count from 0.
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = error.problem or error.context or "syntax error"
        raise FrontMatterError(f"invalid YAML front matter{where}: {problem}") from error
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML front matter: {error}") from error


def _load_toml(header: str, closing_line: int) -> object:
    try:
        return tomllib.loads(header)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        if position:
            line, column = int(position.group(1)) + 1, position.group(2)
            message = _TOML_POSITION.sub("", message).strip()
            raise FrontMatterError(
                f"invalid TOML front matter at line {line}, column {column}: {message}"
            ) from error
        message = message.replace("(at end of document)", "").strip()
        raise FrontMatterError(
            f"invalid TOML front matter at line {closing_line}: {message}"
        ) from error


def _pelican(lines: list[str]) -> FrontMatter:
    fields: dict[str, object] = {}
    key: str | None = None
    body_start = len(lines)
    for index, line in enumerate(lines):
        if match := _PELICAN_KEY.fullmatch(line):
            key = match.group(1).lower()
            fields[key] = match.group(2).strip()
        elif key is not None and line.strip() and (more := _PELICAN_MORE.fullmatch(line)):
            fields[key] = f"{fields[key]}\n{more.group(1).strip()}".strip()
        else:
            body_start = index
            break
    if "title" not in fields:
        raise FrontMatterError(NO_FRONT_MATTER)
    return FrontMatter("pelican", fields, "\n".join(lines[body_start:]).strip("\n"))
