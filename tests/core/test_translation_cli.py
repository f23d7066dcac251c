"""`pressdesk tm …` and `pressdesk glossary …` as a script runs them."""

# ruff: noqa: E501 (a TMX fixture reads best as written)
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" srclang="tg-TJ" adminlang="en"
 segtype="paragraph" o-tmf="OmegaT TMX" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="tg-TJ"><seg>Президенти Ҷумҳурии Тоҷикистон бо сокинони Хатлон вохӯрд.</seg></tuv>
<tuv xml:lang="ru-RU"><seg>Президент Республики Таджикистан встретился с жителями Хатлона.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="tg-TJ"><seg>Об</seg></tuv><tuv xml:lang="de-DE"><seg>Wasser</seg></tuv></tu>
<tu tuid="3"><tuv xml:lang="tj"><seg>Энергетика</seg></tuv><tuv xml:lang="ru"><seg>Энергетика</seg></tuv></tu>
</body></tmx>
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "office.db")
    assert main(["--db", path, "--create", "check"]) == 0
    return path


def test_tm_import_lookup_and_export(db: str, tmp_path: Path) -> None:
    source = tmp_path / "omegat.tmx"
    source.write_text(TMX, encoding="utf-8")
    result = run("--db", db, "tm", "import", str(source), "--lang-map", "tj=tg")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "skipped 1 units: language de-DE is not an office language (use --lang-map)",
        "2 units imported, 1 skipped; 2 pairs added, 0 already in the memory",
    ]
    query = "Президенти Ҷумҳурии Тоҷикистон бо сокинони Суғд вохӯрд."
    result = run("--db", db, "tm", "lookup", "--pair", "tg:ru", query)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    match = json.loads(line)
    assert match["match"] == "Президент Республики Таджикистан встретился с жителями Хатлона."
    assert 70 <= match["score"] < 100
    assert match["origin"] == "omegat.tmx #1"

    out = tmp_path / "out.tmx"
    result = run("--db", db, "tm", "export", str(out), "--pair", "tg:ru")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote 2 units to {out}"
    assert out.read_text(encoding="utf-8").count("<tu ") == 2


def test_tm_errors_and_usage(db: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text(TMX[:300], encoding="utf-8")
    result = run("--db", db, "tm", "import", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "pressdesk: broken.tmx is not well-formed XML (line 5, column 0): unclosed token"
    ]
    assert main(["--db", db, "tm", "lookup", "--pair", "tg", "x"]) == 2
    assert main(["--db", db, "tm"]) == 2


def test_glossary_import_find_and_export(db: str, tmp_path: Path) -> None:
    terms = tmp_path / "terms.csv"
    terms.write_text(
        "concept,lang,term,forbidden,note\n"
        "president,ru,Президент Республики Таджикистан,Президент РТ,\n"
        "president,tg,Президенти Ҷумҳурии Тоҷикистон,,\n",
        encoding="utf-8",
    )
    result = run("--db", db, "glossary", "import", str(terms))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 terms added, 0 updated, 0 unchanged"
    text = "Указ Президента Республики Таджикистан\nничего\nПрезидент РТ сказал\n"
    result = run("--db", db, "glossary", "find", "--lang", "ru", stdin=text)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {
            "line": 1,
            "terms": [
                {
                    "concept": "president",
                    "term": "Президент Республики Таджикистан",
                    "start": 5,
                    "end": 38,
                }
            ],
        },
        {"line": 2, "terms": []},
        {
            "line": 3,
            "terms": [
                {
                    "concept": "president",
                    "term": "Президент РТ",
                    "start": 0,
                    "end": 12,
                    "forbidden": True,
                }
            ],
        },
    ]
    document = tmp_path / "text.txt"
    document.write_text("Президенти Ҷумҳурии Тоҷикистонро", encoding="utf-8")
    result = run("--db", db, "glossary", "find", "--lang", "tg", str(document))
    assert json.loads(result.stdout)["terms"][0]["end"] == 32
    out = tmp_path / "out.csv"
    result = run("--db", db, "glossary", "export", str(out))
    assert result.stdout.strip() == f"wrote 2 terms to {out}"
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "concept,lang,term,forbidden,note"
