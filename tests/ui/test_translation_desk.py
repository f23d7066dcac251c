"""The translation desk as a translator uses it: opened from the main window, segment by segment
with the keyboard, memory suggestions, glossary warnings, needs update, and TMX import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.translation.align import Change, State
from app.core.translation.memory import PairIn, add_pairs
from app.ui import colours
from app.ui.translation.import_dialog import ImportMemoryDialog
from app.ui.translation.window import CHANGED, CURRENT, TranslationWindow
from tests.ui.conftest import type_text

TG_PRESIDENT = "Президенти Ҷумҳурии Тоҷикистон"
RU_PRESIDENT = "Президент Республики Таджикистан"
SOURCE = TextContent(
    "Паёми Президент",
    "",
    "Президенти Ҷумҳурии Тоҷикистон бо сокинони шаҳри Хуҷанд вохӯрд.\n\n"
    "Дар вохӯрӣ масъалаҳои обу энергетика баррасӣ шуданд.\n\n"
    "Сархати сеюм дар бораи маориф.\n",
)


def _prepare(db: Database) -> int:
    desk = Desk.for_workstation(db)
    sid = desk.create("tg", SOURCE, ("Хуҷанд",))
    with db.transaction() as s:
        add_pairs(
            s,
            [
                PairIn(
                    "tg",
                    "ru",
                    "Дар вохӯрӣ масъалаҳои обу энергетикаи минтақа баррасӣ шуданд.",
                    "На встрече обсуждались вопросы водных ресурсов и энергетики региона.",
                    "earlier statement",
                )
            ],
        )
        from app.core.models import GlossaryTerm

        s.add_all(
            [
                GlossaryTerm(concept="president", lang="tg", term="Президенти Ҷумҳурии Тоҷикистон"),
                GlossaryTerm(
                    concept="president", lang="ru", term="Президент Республики Таджикистан"
                ),
            ]
        )
    return sid


def _open(qtbot, make_window, db: Database, sid: int) -> TranslationWindow:
    window = make_window(db)
    window.open_statement(sid)
    window.translation.open("ru")
    desk = window.translation.desks[(sid, "ru")]
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    qtbot.waitUntil(lambda: desk.current is not None)
    return desk


def _key(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, key, modifiers)


def test_translating_segment_by_segment_with_memory_and_glossary(qtbot, make_window, sqlite_db):
    sid = _prepare(sqlite_db)
    desk = _open(qtbot, make_window, sqlite_db, sid)
    # Pre-filled with the source: nothing is translated yet, and the caret is on the first
    # segment to do, the title, highlighted on both sides.
    assert desk.status.text().startswith("0 of 4 segments translated")
    assert desk.rows[desk.current].source.field == "title"
    assert desk.target.title.hasFocus()
    assert colours.tint(CURRENT).name() in desk.source.title.styleSheet()

    desk.target.title.selectAll()
    type_text(desk.target.title, "Послание Президента")
    desk.confirm()  # Ctrl+Return: the title is done, on to the first paragraph
    qtbot.waitUntil(lambda: desk.rows[desk.current].source.text.startswith("Президенти"))
    assert desk.target.body.hasFocus()
    # The glossary lists the term and warns while the translation lacks it.
    assert "Президент Республики Таджикистан" in desk.terms.toPlainText()
    assert "lacks" in desk.terms.toPlainText()
    type_text(desk.target.body, "Президента Республики Таджикистан встретили жители Худжанда.")
    desk.recompute()
    assert "lacks" not in desk.terms.toPlainText()
    assert desk.glossary_state.text() == ""

    _key(desk.target.body, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: desk.rows[desk.current].source.text.startswith("Дар вохӯрӣ"))
    # A fuzzy match from the memory, with its score, inserted with one key.
    qtbot.waitUntil(lambda: bool(desk.suggestions.matches))
    (match,) = desk.suggestions.matches
    assert 70 <= match.score < 100
    assert "fuzzy" in desk.suggestions.toPlainText()
    _key(desk.target.body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert "водных ресурсов и энергетики региона" in desk.target.body.toPlainText()
    row = desk.rows[desk.current]
    assert row.state is State.TRANSLATED
    assert desk.status.text().startswith("3 of 4 segments translated")
    assert desk.is_dirty()
    desk.save()
    assert not desk.is_dirty()


def test_a_glossary_term_in_an_inflected_form_is_flagged_when_forbidden(
    qtbot, make_window, sqlite_db
):
    sid = _prepare(sqlite_db)
    with sqlite_db.transaction() as s:
        from sqlalchemy import update

        from app.core.models import GlossaryTerm

        s.execute(
            update(GlossaryTerm)
            .where(GlossaryTerm.lang == "ru")
            .values(forbidden="Президент Таджикистана")
        )
    desk = _open(qtbot, make_window, sqlite_db, sid)
    desk.step(1)  # from the title to the first paragraph
    assert desk.rows[desk.current].source.text.startswith("Президенти")
    row = desk.rows[desk.current]
    desk.target.replace_range(
        "body", row.target.start, row.target.end, "Президентом Таджикистана встречены жители."
    )
    desk.recompute()
    assert "forbidden variant" in desk.terms.toPlainText()
    assert "Президентом Таджикистана" in desk.terms.toPlainText()
    assert desk.glossary_state.text() == "Glossary warnings: 1"


def test_source_edit_marks_exactly_the_changed_segments_until_updated(
    qtbot, make_window, sqlite_db
):
    sid = _prepare(sqlite_db)
    desk = _open(qtbot, make_window, sqlite_db, sid)
    desk.target.set_content(
        TextContent(
            "Послание Президента",
            "",
            "Президент Республики Таджикистан встретился с жителями Худжанда.\n\n"
            "На встрече обсуждались вопросы воды и энергетики.\n\n"
            "Третий абзац об образовании.\n",
        )
    )
    desk.mark_done()
    assert desk.status.text() == "4 of 4 segments translated"
    desk.close()

    core = Desk.for_workstation(sqlite_db)
    core.save(
        sid,
        "tg",
        TextContent(
            SOURCE.title,
            "",
            SOURCE.body.replace("обу энергетика", "обу энергетика ва кишоварзӣ").replace(
                "Сархати сеюм", "Сархати нав.\n\nСархати сеюм"
            ),
        ),
        None,
    )
    desk = _open(qtbot, make_window, sqlite_db, sid)
    assert desk.view.needs_update
    assert desk.notice.isVisible()
    assert "Needs update" in desk.notice.text()
    changed = [(r.source.text, r.change) for r in desk.rows if r.change is not Change.NONE]
    assert changed == [
        ("Дар вохӯрӣ масъалаҳои обу энергетика ва кишоварзӣ баррасӣ шуданд.", Change.CHANGED),
        ("Сархати нав.", Change.NEW),
    ]
    # The matching target segment is highlighted, and the diff is shown.
    changed_row = next(r for r in desk.rows if r.change is Change.CHANGED)
    assert changed_row.target.text == "На встрече обсуждались вопросы воды и энергетики."
    selections = desk.target.body.extraSelections()
    assert any(s.format.background().color() == colours.tint(CHANGED) for s in selections)
    assert "ва кишоварзӣ" in desk.changes.toPlainText()
    assert "source changes to go: 2" in desk.status.text()

    # Working through the changed segments: the last confirmation marks it updated.
    # The desk opens on the first segment to do.
    assert desk.rows[desk.current].change is Change.CHANGED
    row = desk.rows[desk.current]
    desk.target.replace_range(
        "body",
        row.target.start,
        row.target.end,
        "На встрече обсуждались вода, энергетика и сельское хозяйство.",
    )
    desk.confirm()
    assert desk.rows[desk.current].change is Change.NEW
    QApplication.processEvents()
    type_text(desk.target.body, "Новый абзац.")
    desk.confirm()
    assert not desk.view.needs_update
    assert not desk.notice.isVisible()
    assert [r for r in desk.rows if r.change is not Change.NONE] == []
    assert "covers the source's revision 2" in desk.statusBar().currentMessage()


def test_tmx_import_dialog_reports_and_cancel_keeps_the_memory(
    qtbot, sync_runner, desk, tmp_path: Path
):
    path = tmp_path / "memory.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="tg"/><body>'
        '<tu><tuv xml:lang="tg"><seg>Об</seg></tuv><tuv xml:lang="ru"><seg>Вода</seg></tuv></tu>'
        '<tu><tuv xml:lang="tg"><seg>Барқ</seg></tuv><tuv xml:lang="de"><seg>Strom</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    dialog = ImportMemoryDialog(desk, sync_runner, path)
    qtbot.addWidget(dialog)
    assert not dialog.running
    assert dialog.label.text().startswith("1 unit imported, 1 skipped; 1 segment pair added")
    assert "language de is not an office language" in dialog.label.text()

    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    dialog = ImportMemoryDialog(desk, sync_runner, broken)
    qtbot.addWidget(dialog)
    assert "not well-formed" in dialog.label.text()
    assert "Nothing was imported" in dialog.label.text()
    assert [m.target for m in desk.memory_matches("tg", "ru", "Об")] == ["Вода"]


def test_tags_are_named_in_the_translation_language(qtbot, make_window, sqlite_db):
    sid = _prepare(sqlite_db)
    desk = _open(qtbot, make_window, sqlite_db, sid)
    (field,) = desk.tags.fields.values()
    assert field.text() == ""
    assert field.placeholderText() == "missing: “Хуҷанд”"
    field.setText("Худжанд")
    field.editingFinished.emit()
    core = Desk.for_workstation(sqlite_db)
    assert [(t.name, t.translated) for t in core.tag_labels(sid, "ru")] == [("Худжанд", True)]
    assert desk.tags.fields[next(iter(desk.tags.fields))].text() == "Худжанд"
