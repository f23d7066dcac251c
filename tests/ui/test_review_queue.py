"""The review queue dock: what awaits an editor and what was sent back to its author, with the
steps an editor takes from there, the preview following the chosen language, and the word diff
of a text changed after its approval."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.content import TextContent
from app.core.models import Status
from app.ui.review.panel import SENT_BACK, TO_REVIEW
from tests.ui.office import EN, RU, TG, drafted, office_desks


def test_an_editor_reviews_from_the_queue_with_the_preview_in_the_chosen_language(
    sqlite_db, open_window, fake_renderer, qtbot
) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].submit(sid)
    window = open_window(desks["editor"])
    review = window.review
    assert window.review_dock.windowTitle() == "Review (1)"
    assert window.review_action.text() == "Review (1)"  # the toolbar's badge
    assert review.entry_texts(TO_REVIEW) == [
        TG.title,
        "  EN — awaits approval",
        "  RU — awaits approval",
        "  TG — awaits approval",
    ]
    assert review.sections[TO_REVIEW].text(0) == "To review (1)"

    review.choose(sid, "ru")
    assert (window.editor.statement_id, window.editor.lang) == (sid, "ru")
    assert window.editor.title.text() == RU.title
    qtbot.waitUntil(  # the preview shows the Russian page
        lambda: (
            window.preview.last_page is not None
            and f"<h1>{RU.title}</h1>" in window.preview.last_page.html
        ),
        timeout=3000,
    )
    assert fake_renderer.calls[-1][:2] == (sid, "ru")
    assert review.approve_button.text() == "Approve RU"

    review.approve_button.click()
    assert window.statusBar().currentMessage() == (
        "Approved RU; other languages still await approval"
    )
    assert review.entry_texts(TO_REVIEW) == [
        TG.title,
        "  EN — awaits approval",
        "  TG — awaits approval",
    ]
    assert review.current is None and not review.approve_button.isEnabled()

    review.choose(sid, "tg")
    review.approve_all_button.click()
    assert desks["editor"].statement(sid).status is Status.APPROVED
    assert review.entry_texts(TO_REVIEW) == ["Nothing awaits your review."]
    assert window.review_dock.windowTitle() == "Review"
    assert window.editor.state_line.text().startswith("Approved · TG approved")


def test_refusals_are_shown_as_the_core_words_them(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].submit(sid)
    # The editor corrects the English text herself: four eyes keep her from approving it.
    english = desks["editor"].statement(sid).texts["en"]
    desks["editor"].save(
        sid, "en", TextContent(EN.title, EN.lead, "The new statement.\n"), english.version
    )
    window = open_window(desks["editor"])
    window.review.choose(sid, "en")
    window.review.approve_button.click()
    assert window.review.problem.isVisible()
    assert window.review.problem.text() == (
        "Cannot approve: Малика Назарова wrote the current en text, and the office's four-eyes "
        "rule has another editor approve it"
    )
    # The writer changes the source: the Russian translation is behind it.
    tajik = desks["writer"].statement(sid).texts["tg"]
    desks["writer"].save(sid, "tg", TextContent(TG.title, TG.lead, "Матни нав.\n"), tajik.version)
    window.review.refresh()
    assert "  RU — needs update" in window.review.entry_texts(TO_REVIEW)
    window.review.choose(sid, "ru")
    assert window.review.problem.isHidden()  # a new choice clears the old message
    window.review.approve_button.click()
    assert window.review.problem.text() == (
        "Cannot approve: the ru translation was made from an older tg text: its translator "
        "updates it first"
    )
    assert desks["editor"].statement(sid).status is Status.IN_REVIEW


def test_send_back_needs_a_comment_and_lands_in_its_authors_queue(
    sqlite_db, open_window, qtbot
) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].submit(sid)
    editor = open_window(desks["editor"])
    editor.review.choose(sid, "ru")
    editor.review.send_back_button.click()
    dialog = editor.review.send_back_dialog
    assert dialog.isVisible() and dialog.chosen() == "ru"
    assert not dialog.ok.isEnabled()  # no comment, no sending back
    qtbot.keyClicks(dialog.text, "   ")
    assert not dialog.ok.isEnabled()
    dialog.text.setPlainText("Уточните сумму во втором абзаце.")
    assert dialog.ok.isEnabled()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert desks["editor"].statement(sid).status is Status.DRAFT
    assert editor.review.entry_texts(TO_REVIEW) == ["Nothing awaits your review."]
    assert not editor.comments.views[-1].badge.isHidden()  # marked "Sent back"

    translator = open_window(desks["translator"])
    assert translator.review_dock.windowTitle() == "Review (1)"
    assert TO_REVIEW not in translator.review.sections  # translators do not review
    assert translator.review.approve_button.isHidden()
    assert translator.review.entry_texts(SENT_BACK) == [
        TG.title,
        "  RU — sent back: “Уточните сумму во втором абзаце.”",
    ]
    translator.review.choose(sid, "ru", SENT_BACK)
    assert translator.review.comment.isVisible()
    assert "Уточните сумму во втором абзаце." in translator.review.comment.text()
    assert (translator.editor.statement_id, translator.editor.lang) == (sid, "ru")

    writer = open_window(desks["writer"])
    assert writer.review.entry_texts(SENT_BACK) == ["Nothing was sent back to you."]


def test_a_text_changed_after_approval_shows_what_changed(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].submit(sid)
    desks["editor"].approve(sid)
    russian = desks["translator"].statement(sid).texts["ru"]
    desks["translator"].save(
        sid, "ru", TextContent(RU.title, RU.lead, "Новый текст заявления.\n"), russian.version
    )
    window = open_window(desks["second_editor"])
    assert window.review.entry_texts(TO_REVIEW) == [
        TG.title,
        "  RU — changed after approval",
    ]
    assert window.review.diff.isHidden()
    window.review.choose(sid, "ru")
    assert window.review.diff.isVisible()
    assert window.review.diff.marked("delete") == ["Текст "]
    assert window.review.diff.marked("insert") == ["Новый текст "]
    window.review.approve_button.click()
    assert desks["editor"].statement(sid).status is Status.APPROVED


def test_the_queue_follows_what_others_do(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    window = open_window(desks["editor"])
    assert window.review_dock.windowTitle() == "Review"
    window.poll_changes()
    desks["writer"].submit(sid)
    window.poll_changes()
    assert window.review_dock.windowTitle() == "Review (1)"
    # After one's own save, too: the editor's edit of an approved text brings it back.
    desks["second_editor"].approve(sid)
    window.review.refresh()
    assert window.review_dock.windowTitle() == "Review"
    window.open_statement(sid, "en")
    window.editor.body.setPlainText("The statement, corrected.\n")
    window.save()
    assert window.review.entry_texts(TO_REVIEW) == [
        TG.title,
        "  EN — changed after approval",
    ]


def test_the_docks_come_back_as_they_were_left(sqlite_db, open_window, qtbot) -> None:
    desks = office_desks(sqlite_db)
    window = open_window(desks["editor"], panels=False)
    # Closed at first, so a small screen keeps its list, editor and preview.
    assert window.review_dock.isHidden() and window.comments_dock.isHidden()
    window.comments_action.trigger()
    assert window.comments_dock.isVisible()
    window.close()
    again = open_window(desks["editor"], panels=False)
    assert again.review_dock.isHidden() and again.comments_dock.isVisible()
    again.review_action.trigger()  # the shortcut brings it back, ready for the keyboard
    assert again.review_dock.isVisible() and again.review_action.isChecked()
    qtbot.waitUntil(again.review.tree.hasFocus, timeout=2000)
    assert again.review_action.shortcut().toString() == "Ctrl+Shift+R"
    assert again.comments_action.shortcut().toString() == "Ctrl+Shift+C"
    assert again.dockWidgetArea(again.review_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
