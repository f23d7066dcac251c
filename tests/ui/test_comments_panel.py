"""The comments dock: threads on the statement and on the paragraph at the caret, with author and
office time, replies, editing one's own unanswered comment, and resolved threads collapsed."""

from __future__ import annotations

from app.core.content import TextContent
from app.core.render.dates import date_line
from tests.ui.office import TG, drafted, office_desks


def put_caret(window, paragraph_text: str, offset: int = 3) -> None:
    body = window.editor.body
    cursor = body.document().find(paragraph_text)
    cursor.setPosition(cursor.selectionStart() + offset)
    body.setTextCursor(cursor)


def comment_lines(view) -> list[str]:
    """Each comment's heading and words, as the card shows them."""
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in view.body.findChildren(QLabel) if label is not view.quote]


def test_a_paragraph_thread_from_caret_to_resolved(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    writer = open_window(desks["writer"])
    writer.open_statement(sid, "tg")
    put_caret(writer, "Сархати дуюм")
    writer.comment_action.trigger()
    dialog = writer.comments.dialog
    assert dialog.chosen() == ("tg", 1)
    assert [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == [
        "The whole statement",
        "The TG text",
        "Paragraph 2 of the TG text: “Сархати дуюм дар бораи 4\u00a0710 сомонӣ.”",
    ]
    assert not dialog.ok.isEnabled()
    dialog.text.setPlainText("Рақамро санҷед.")
    dialog.ok.click()
    assert writer.comments_dock.windowTitle() == "Comments (1)"
    [view] = writer.comments.views
    thread = view.thread
    assert view.where.text() == "TG, paragraph 2"
    assert view.quote.text() == "“Сархати дуюм дар бораи 4\u00a0710 сомонӣ.”"
    when = date_line(thread.comments[0].created_at, "en", "Asia/Dushanbe")
    assert comment_lines(view) == [f"Нигора Раҳимова · {when}", "Рақамро санҷед."]
    assert list(view.edit_buttons) == [thread.comments[0].id]  # her own, unanswered

    # The editor sees it, without an Edit button on someone else's comment, and replies.
    editor = open_window(desks["editor"])
    editor.open_statement(sid)
    [view] = editor.comments.views
    assert view.edit_buttons == {}
    view.reply_button.click()
    editor.comments.dialog.text.setPlainText("Санҷидам, дуруст аст.")
    editor.comments.dialog.ok.click()
    [view] = editor.comments.views
    reply = view.thread.comments[1]
    assert list(view.edit_buttons) == [reply.id]  # only the last, hers
    view.edit_buttons[reply.id].click()
    assert editor.comments.dialog.text.toPlainText() == "Санҷидам, дуруст аст."
    editor.comments.dialog.text.setPlainText("Санҷидам: дуруст аст.")
    editor.comments.dialog.ok.click()
    [view] = editor.comments.views
    assert comment_lines(view)[-2].endswith(" · edited")
    assert comment_lines(view)[-1] == "Санҷидам: дуруст аст."

    # Answered: the writer can no longer edit hers.
    writer.comments.refresh()
    assert writer.comments.views[0].edit_buttons == {}

    # Resolved threads fold to one line; they can be opened and reopened.
    view.resolve_button.click()
    [view] = editor.comments.views
    assert view.body.isHidden() and view.toggle.text() == "Show"
    assert view.summary.text().startswith("Resolved by Малика Назарова, ")
    assert view.summary.text().endswith(" · 2 comments")
    assert editor.comments_dock.windowTitle() == "Comments"
    assert editor.comments.summary.text() == "Open: 0 · resolved: 1"
    view.toggle.click()
    assert not view.body.isHidden() and view.resolve_button.text() == "Reopen"
    editor.comments.refresh()
    assert not editor.comments.views[0].body.isHidden()  # stays open while looked at
    editor.comments.views[0].resolve_button.click()
    assert editor.comments_dock.windowTitle() == "Comments (1)"


def test_the_caret_paragraph_counts_as_the_core_does(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    body = "Аввал 🙂🙂 бо смайл.\nДуюм.\n\n\nСеюм.\n\n```\nкод\n\nбоз код\n```\n"
    sid = desks["writer"].create("tg", TextContent(TG.title, body=body))
    writer = open_window(desks["writer"])
    writer.open_statement(sid, "tg")
    put_caret(writer, "бо смайл", offset=1)
    writer.comment_action.trigger()
    assert writer.comments.dialog.chosen() == ("tg", 0)
    writer.comments.dialog.reject()
    put_caret(writer, "Дуюм.", offset=5)  # the paragraph's second line
    writer.comment_action.trigger()
    assert writer.comments.dialog.chosen() == ("tg", 0)
    writer.comments.dialog.reject()
    put_caret(writer, "боз код")  # inside a fenced block after a blank line
    writer.comment_action.trigger()
    assert writer.comments.dialog.chosen() == ("tg", 2)
    writer.comments.dialog.reject()
    cursor = writer.editor.body.textCursor()
    cursor.setPosition(writer.editor.body.document().findBlockByNumber(2).position())
    writer.editor.body.setTextCursor(cursor)  # on a blank line: about the statement
    writer.comment_action.trigger()
    dialog = writer.comments.dialog
    assert dialog.chosen() == (None, None) and dialog.choice.count() == 2
    dialog.text.setPlainText("Сарлавҳа дароз аст.")
    dialog.ok.click()
    [view] = writer.comments.views
    assert view.where.text() == "On the statement"


def test_typing_is_saved_before_commenting_on_it(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    writer = open_window(desks["writer"])
    writer.comment_action.trigger()
    assert writer.statusBar().currentMessage() == "Save the statement before commenting on it."
    writer.editor.title.setText("Нав")
    writer.editor.body.setPlainText("Сархати нав.")
    writer.editor.title.textEdited.emit("Нав")
    writer.comment_action.trigger()
    assert writer.editor.statement_id is not None and not writer.editor.is_dirty()
    assert writer.comments.dialog.chosen() == ("tg", 0)


def test_people_who_may_not_comment_are_not_offered_to(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].add_comment(sid, "Барои ҳама.")
    admin = open_window(desks["admin"])  # an admin only, no editorial role
    admin.open_statement(sid)
    assert not admin.comment_action.isEnabled() and admin.comments.new_button.isHidden()
    [view] = admin.comments.views
    assert view.reply_button.isHidden() and view.resolve_button.isHidden()
