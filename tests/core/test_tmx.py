"""TMX files as real tools write them: encodings, language codes, many languages, inline
markup, props and notes, other versions; broken and hostile files; export read back by
translate-toolkit."""

# ruff: noqa: E501 (TMX fixtures read best as written)
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from sqlalchemy import func, select
from translate.storage import tmx as toolkit_tmx

from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.models import TranslationMemoryEntry
from app.core.translation import memory
from app.core.translation.exchange import (
    ImportCancelled,
    export_tmx,
    import_tmx,
    parse_lang_map,
)
from app.core.translation.tmx import TmxError, TmxReader

LANGS = ("tg", "ru", "en")


def _tmx(
    body: str, *, version: str = "1.4", srclang: str = "tg", lang_attr: str = "xml:lang"
) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{version}">\n'
        f'<header creationtool="test" srclang="{srclang}" adminlang="en" segtype="sentence" '
        f'o-tmf="x" datatype="plaintext"/>\n<body>\n{body.replace("xml:lang", lang_attr)}</body>\n</tmx>\n'
    )


UNIT = (
    '<tu tuid="1"><tuv xml:lang="tg"><seg>Обу энергетика.</seg></tuv>'
    '<tuv xml:lang="ru"><seg>Вода и энергетика.</seg></tuv></tu>\n'
)


def _import(db: Database, path: Path, **options):
    with db.transaction() as s:
        return import_tmx(s, path, languages=LANGS, **options)


def _entries(db: Database) -> list[tuple[str, str, str, str]]:
    with db.transaction() as s:
        return [
            (e.source_lang, e.target_lang, e.source_text, e.target_text)
            for e in s.scalars(select(TranslationMemoryEntry).order_by(TranslationMemoryEntry.id))
        ]


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_utf8_and_utf16_with_or_without_a_byte_order_mark(
    db: Database, tmp_path: Path, codec: str, bom: bytes
) -> None:
    path = tmp_path / "memory.tmx"
    text = _tmx(UNIT)
    if codec.startswith("utf-16"):
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(bom + text.encode(codec))
    report = _import(db, path)
    assert (report.imported, report.pairs_added) == (1, 1)
    assert _entries(db) == [("tg", "ru", "Обу энергетика.", "Вода и энергетика.")]


def test_a_legacy_8bit_encoding_named_in_the_declaration(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "cp1251.tmx"
    unit = (
        '<tu><tuv xml:lang="ru"><seg>Вода и энергетика.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Water and energy.</seg></tuv></tu>\n'
    )
    path.write_bytes(_tmx(unit).replace("UTF-8", "windows-1251").encode("cp1251"))
    _import(db, path)
    assert _entries(db) == [("ru", "en", "Вода и энергетика.", "Water and energy.")]


def test_an_undeclared_encoding_is_a_clear_error(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "undeclared.tmx"
    path.write_bytes(_tmx(UNIT).replace(' encoding="UTF-8"', "").encode("cp1251"))
    with pytest.raises(TmxError, match=r"not UTF-8 .* names no other encoding"):
        _import(db, path)


def test_language_codes_in_any_form_and_tmx_1_1_lang(db: Database, tmp_path: Path) -> None:
    body = "".join(
        f'<tu><tuv xml:lang="{tg}"><seg>Матн {n}</seg></tuv>'
        f'<tuv xml:lang="{ru}"><seg>Текст {n}</seg></tuv></tu>\n'
        for n, (tg, ru) in enumerate([("TG", "ru-RU"), ("tg_TJ", "RU_ru"), ("tg-Cyrl-TJ", "Ru")])
    )
    path = tmp_path / "old.tmx"
    path.write_text(_tmx(body, version="1.1", lang_attr="lang"), encoding="utf-8")
    report = _import(db, path)
    assert report.pairs_added == 3
    assert report.warnings == ["old.tmx says it is TMX 1.1, not 1.4: what is readable was read"]


def test_lang_map_maps_codes_the_automatic_mapping_misses(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "odd.tmx"
    path.write_text(_tmx(UNIT.replace('"tg"', '"tj"')), encoding="utf-8")
    report = _import(db, path)
    assert report.pairs_added == 0
    assert report.skipped == {"language tj is not an office language (use --lang-map)": 1}
    report = _import(db, path, lang_map=parse_lang_map(["tj=tg"]))
    assert report.pairs_added == 1
    with pytest.raises(PressDeskError, match="CODE=LANG"):
        parse_lang_map(["tj"])


def test_units_with_three_languages_and_srclang_all(db: Database, tmp_path: Path) -> None:
    body = (
        '<tu srclang="*all*"><tuv xml:lang="en"><seg>Water</seg></tuv>'
        '<tuv xml:lang="ru"><seg>Вода</seg></tuv><tuv xml:lang="tg"><seg>Об</seg></tuv></tu>\n'
        '<tu srclang="ru"><tuv xml:lang="en"><seg>Energy</seg></tuv>'
        '<tuv xml:lang="ru"><seg>Энергия</seg></tuv><tuv xml:lang="tg"><seg>Энергия</seg></tuv></tu>\n'
    )
    path = tmp_path / "three.tmx"
    path.write_text(_tmx(body, srclang="*all*"), encoding="utf-8")
    _import(db, path)
    assert _entries(db) == [
        ("tg", "ru", "Об", "Вода"),
        ("tg", "en", "Об", "Water"),
        ("ru", "en", "Вода", "Water"),
        ("ru", "tg", "Энергия", "Энергия"),
        ("ru", "en", "Энергия", "Energy"),
        ("tg", "en", "Энергия", "Energy"),
    ]
    # Every language pair is found both ways.
    with db.transaction() as s:
        assert memory.lookup(s, "en", "tg", "Water")[0].target == "Об"


INLINE = (
    '<tu tuid="42" creationid="anna"><prop type="x-project">Press</prop><note>checked twice</note>'
    '<tuv xml:lang="tg"><seg>Ба <bpt i="1" x="1">&lt;b&gt;</bpt>Душанбе<ept i="1">&lt;/b&gt;</ept> '
    '<ph x="2">&lt;br/&gt;</ph>омад <hi type="italic">имрӯз</hi>.</seg></tuv>'
    '<tuv xml:lang="ru"><seg>Приехал в <bpt i="1" x="1">&lt;b&gt;</bpt>Душанбе<ept i="1">&lt;/b&gt;</ept> '
    '<ph x="2">&lt;br/&gt;</ph><hi type="italic">сегодня</hi>.</seg></tuv></tu>\n'
)


def test_inline_markup_becomes_placeholders_and_export_gives_it_back(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "inline.tmx"
    path.write_text(_tmx(INLINE), encoding="utf-8")
    _import(db, path)
    ((_, _, source, target),) = _entries(db)
    assert source == "Ба {1}Душанбе{/1} {2}омад {3}имрӯз{/3}."
    assert target == "Приехал в {1}Душанбе{/1} {2}{3}сегодня{/3}."
    out = tmp_path / "out.tmx"
    with db.transaction() as s:
        assert export_tmx(s, out, pair=("tg", "ru"), tool_version="test") == 1
    written = out.read_text(encoding="utf-8")
    assert '<bpt i="1" x="1">&lt;b&gt;</bpt>Душанбе<ept i="1">&lt;/b&gt;</ept>' in written
    assert '<hi type="italic">имрӯз</hi>' in written
    assert '<prop type="x-project">Press</prop>' in written
    assert "<note>checked twice</note>" in written
    assert 'tuid="42"' in written
    assert 'creationid="anna"' in written
    # Importing the export again adds nothing: it is the same memory.
    assert _import(db, out).pairs_added == 0


def test_export_is_read_back_by_translate_toolkit(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        memory.add_pairs(
            s,
            [
                memory.PairIn("tg", "ru", "Обу энергетика & «барқ» <2024>", "Вода и энергетика"),
                memory.PairIn("ru", "tg", "Сегодня", "Имрӯз"),
                memory.PairIn("tg", "en", "Об", "Water"),
            ],
        )
    out = tmp_path / "export.tmx"
    with db.transaction() as s:
        assert export_tmx(s, out, pair=("tg", "ru"), tool_version="test") == 2
    store = toolkit_tmx.tmxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == [
        ("Обу энергетика & «барқ» <2024>", "Вода и энергетика"),
        ("Имрӯз", "Сегодня"),
    ]
    assert store.sourcelanguage == "tg"


def test_a_broken_file_imports_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text(_tmx(UNIT * 3 + "<tu><tuv xml:lang='tg'><seg>без конца"), encoding="utf-8")
    with pytest.raises(TmxError, match=r"broken.tmx is not well-formed XML \(line \d+"):
        _import(db, path)
    assert _entries(db) == []
    other = tmp_path / "other.xml"
    other.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(TmxError, match="not a TMX file"):
        _import(db, other)


def test_entities_are_refused_no_billion_laughs_no_xxe(db: Database, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;">]><tmx version="1.4"><header/><body><tu>'
        '<tuv xml:lang="tg"><seg>&c;</seg></tuv><tuv xml:lang="ru"><seg>x</seg></tuv>'
        "</tu></body></tmx>"
    )
    xxe = laughs.replace(
        '<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;">',
        f'<!ENTITY c SYSTEM "file://{secret}">',
    )
    for name, text in (("laughs.tmx", laughs), ("xxe.tmx", xxe)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(TmxError, match="declares XML entities"):
            _import(db, path)
    assert _entries(db) == []


def test_a_cancelled_import_leaves_the_memory_as_it_was(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    path.write_text(
        _tmx(
            "".join(
                f'<tu><tuv xml:lang="tg"><seg>Матни {n} дар бораи об</seg></tuv>'
                f'<tuv xml:lang="ru"><seg>Текст {n} о воде</seg></tuv></tu>\n'
                for n in range(30_000)
            )
        ),
        encoding="utf-8",
    )
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        _import(
            db,
            path,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 1,
        )
    assert seen and seen[0][0] < seen[0][1]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(TranslationMemoryEntry)) == 0


def test_reader_streams_units_and_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(_tmx(UNIT * 5), encoding="utf-8")
    reader = TmxReader(path)
    progress: list[int] = []
    units = list(reader.units(lambda done, total: progress.append(done)))
    assert len(units) == 5
    assert progress[-1] == path.stat().st_size
    assert units[0].attributes == {"tuid": "1"}
