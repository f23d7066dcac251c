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
# A real header is a few dozen lines; a bigger one is a mistake (or an attack) that YAML
# would take minutes and gigabytes to read.
MAX_HEADER_CHARS = 64 * 1024
_TOO_LONG = f"the header is longer than {MAX_HEADER_CHARS // 1024} KB"


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
    end, size = None, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            end = i
            break
        size += len(lines[i]) + 1
        if size > MAX_HEADER_CHARS:
            raise FrontMatterError(f"{_TOO_LONG} (is its closing '{closers[0]}' missing?)")
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
    except (ValueError, OverflowError, RecursionError) as error:
        raise FrontMatterError(_value_problem("YAML", error)) from error


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
    except (ValueError, OverflowError, RecursionError) as error:
        raise FrontMatterError(_value_problem("TOML", error)) from error


def _value_problem(style: str, error: Exception) -> str:
    """What a parser that choked on a value (rather than the syntax) means, in a line."""
    if isinstance(error, RecursionError):
        return f"invalid {style} front matter: lists or fields nested too deeply"
    if "digits" in str(error):  # Python refuses to read numbers of thousands of digits
        return f"invalid {style} front matter: a number with too many digits"
    return f"invalid {style} front matter: {error}"


def _pelican(lines: list[str]) -> FrontMatter:
    # Each field's lines are collected and joined once: adding line after line to a
    # string would copy it every time, quadratic in the header's length.
    parts: dict[str, list[str]] = {}
    key: str | None = None
    body_start = len(lines)
    size = 0
    for index, line in enumerate(lines):
        if match := _PELICAN_KEY.fullmatch(line):
            key = match.group(1).lower()
            parts[key] = [match.group(2).strip()]
        elif key is not None and line.strip() and (more := _PELICAN_MORE.fullmatch(line)):
            parts[key].append(more.group(1).strip())
        else:
            body_start = index
            break
        size += len(line) + 1
        if size > MAX_HEADER_CHARS:
            raise FrontMatterError(_TOO_LONG)
    if "title" not in parts:
        raise FrontMatterError(NO_FRONT_MATTER)
    fields: dict[str, object] = {
        name: "\n".join(part for part in values if part) for name, values in parts.items()
    }
    return FrontMatter("pelican", fields, "\n".join(lines[body_start:]).strip("\n"))
