"""Word drafts (.docx) arrive as Markdown drafts with their images (issue 9: Word drafts).

The documents are made here with python-docx, and one by LibreOffice when it is
installed (Debian's libreoffice-writer-nogui). ``data/import/word/protected.docx`` is a
real password-protected file: python-docx's document encrypted by msoffcrypto-tool
(password "secret").
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from PIL import Image
from sqlalchemy import select

from app.cli import main
from app.core.auth import workstation_user
from app.core.db import Database
from app.core.models import AuditEvent, Media, Statement, Status
from app.core.statements import current_revision
from tests.core.conftest import import_as_admin

PROTECTED = Path(__file__).parent / "data" / "import" / "word" / "protected.docx"


def add_link(paragraph, text: str, url: str) -> None:
    """A hyperlink run, which python-docx has no call for."""
    part = paragraph.part
    rel = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def png(color: str) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), color).save(out, "PNG")
    out.seek(0)
    return out


def press_draft(path: Path, *, language: str = "ru-RU") -> Path:
    document = docx.Document()
    document.core_properties.language = language
    document.core_properties.title = "Template title nobody changed"
    document.add_heading("Заявление МИД", 1)
    paragraph = document.add_paragraph("Министерство ")
    paragraph.add_run("решительно").bold = True
    paragraph.add_run(" и ")
    paragraph.add_run("спокойно").italic = True
    paragraph.add_run(" заявляет; подробнее на ")
    add_link(paragraph, "сайте", "https://mfa.tj/ru")
    paragraph.add_run(".")
    document.add_heading("Позиция", 2)
    document.add_paragraph("первое", style="List Bullet")
    document.add_paragraph("второе", style="List Bullet")
    document.add_paragraph("шаг один", style="List Number")
    document.add_paragraph("Слова министра.", style="Quote")
    document.add_picture(png("red"), width=Inches(1))
    document.save(path)
    return path


@pytest.fixture
def actor(db: Database) -> int:
    with db.transaction() as s:
        return workstation_user(s).id


def test_a_word_draft_becomes_a_markdown_draft_of_the_user(
    db: Database, actor: int, tmp_path: Path
) -> None:
    path = press_draft(tmp_path / "draft.docx")
    result = import_as_admin(db, [path], actor_id=actor)
    assert (result.created, result.errors) == (1, [])
    with db.transaction() as s:
        statement = s.scalar(select(Statement))
        assert (statement.status, statement.published_at) == (Status.DRAFT, None)
        assert (statement.source_lang, statement.created_by_id) == ("ru", actor)
        revision = current_revision(s, statement.id, "ru")
        assert revision.author_id == actor
        assert s.scalar(select(AuditEvent.user_id).where(AuditEvent.action == "statement.imported"))
        media = s.scalar(select(Media))
    assert revision.title == "Заявление МИД"
    body = revision.body
    assert body.startswith(
        "Министерство **решительно** и *спокойно* заявляет; подробнее на "
        "[сайте](https://mfa.tj/ru)."
    )
    assert "## Позиция" in body
    assert "- первое\n- второе" in body and "1. шаг один" in body
    assert "> Слова министра." in body
    assert f"![](media/{media.file_name})" in body and "Заявление МИД" not in body
    # The same file again is the same draft, unchanged.
    assert import_as_admin(db, [path], actor_id=actor).unchanged == 1


def test_title_and_language_when_the_document_has_no_heading(db: Database, tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Пресс-релиз"
    document.core_properties.language = "de-DE"  # not an office language
    document.add_paragraph("Текст без заголовка.")
    document.save(tmp_path / "note.docx")
    bare = docx.Document()
    bare.add_paragraph("Matn.")
    bare.save(tmp_path / "nomi-fayl.docx")
    result = import_as_admin(db, [tmp_path])
    assert result.created == 2
    with db.transaction() as s:
        found = {
            current_revision(s, st.id, st.source_lang).title: st.source_lang
            for st in s.scalars(select(Statement))
        }
    # Not an office language: the office's default; python-docx's template says en-US.
    assert found == {"Пресс-релиз": "tg", "nomi-fayl": "en"}


def test_the_language_chosen_wins_over_the_one_word_recorded(db: Database, tmp_path: Path) -> None:
    press_draft(tmp_path / "draft.docx", language="en-US")
    assert import_as_admin(db, [tmp_path], default_lang="tg").created == 1
    with db.transaction() as s:
        assert s.scalar(select(Statement.source_lang)) == "tg"


def test_damaged_and_protected_word_files_get_one_line_each(db: Database, tmp_path: Path) -> None:
    press_draft(tmp_path / "good.docx")
    (tmp_path / "not-a-zip.docx").write_bytes(b"PK\x03\x04 but nothing else")
    truncated = (tmp_path / "good.docx").read_bytes()[:2000]
    (tmp_path / "truncated.docx").write_bytes(truncated)
    shutil.copy(PROTECTED, tmp_path / "protected.docx")
    result = import_as_admin(db, [tmp_path])
    assert result.created == 1
    assert sorted(result.errors) == [
        f"{tmp_path / 'not-a-zip.docx'}: the Word file is damaged or not a .docx",
        f"{tmp_path / 'protected.docx'}: the Word file is password-protected or in the old "
        ".doc format: save it as a .docx without a password",
        f"{tmp_path / 'truncated.docx'}: the Word file is damaged or not a .docx",
    ]


def test_word_files_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    press_draft(tmp_path / "in" / "draft.docx")
    code = main(["--db", str(tmp_path / "p.db"), "import", str(tmp_path / "in")])
    assert code == 0
    assert "imported 1 new" in capsys.readouterr().out


@pytest.fixture(scope="module")
def libreoffice_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .docx written by LibreOffice Writer from an HTML page, made once."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("libreoffice")
    (folder / "draft.html").write_text(
        '<html lang="ru"><head><meta charset="utf-8"></head><body>'
        "<h1>Заявление МИД</h1><p>Первый абзац, <b>жирный</b> и <i>курсив</i>, "
        '<a href="https://mfa.tj/">ссылка</a>.</p><ul><li>один</li><li>два</li></ul>'
        "</body></html>",
        encoding="utf-8",
    )
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "draft.html"],
        cwd=folder,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0 or not (folder / "draft.docx").is_file():
        pytest.skip(f"LibreOffice could not convert: {done.stderr.decode(errors='replace')}")
    return folder / "draft.docx"


def test_a_draft_written_by_libreoffice(db: Database, libreoffice_draft: Path) -> None:
    result = import_as_admin(db, [libreoffice_draft], default_lang="ru")
    assert (result.created, result.errors) == (1, [])
    with db.transaction() as s:
        statement = s.scalar(select(Statement))
        revision = current_revision(s, statement.id, statement.source_lang)
    assert revision.title == "Заявление МИД"
    assert revision.body == (
        "Первый абзац, **жирный** и *курсив*, [ссылка](https://mfa.tj/).\n\n- один\n- два"
    )
