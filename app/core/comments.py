"""Comment threads on a statement or on one paragraph of one of its texts.

A thread is a first comment and its replies. Its author may edit a comment until someone
answers it; anyone who may comment may resolve or reopen a thread. A paragraph comment keeps
the paragraph's words, so it is found again after the text is edited around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.diff import split_paragraphs
from app.core.errors import NotFoundError, PermissionDenied, PressDeskError
from app.core.models import Comment, Revision, StatementText, User
from app.core.permissions import Action, require
from app.core.sqltypes import utcnow
from app.core.statements import get_statement

MAX_COMMENT_LENGTH = 10_000


@dataclass(frozen=True, slots=True)
class CommentView:
    id: int
    author_id: int | None
    author: str
    body: str
    created_at: datetime
    edited_at: datetime | None


@dataclass(frozen=True, slots=True)
class Thread:
    id: int
    statement_id: int
    lang: str | None
    #: The paragraph the thread is about, where it is now (None: the whole statement, or a
    #: paragraph that is no longer there).
    paragraph: int | None
    quote: str
    resolved_at: datetime | None
    resolved_by: str
    comments: tuple[CommentView, ...] = field(default_factory=tuple)
    #: Given as the reason for sending a text back.
    send_back: bool = False

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


def _clean(body: str) -> str:
    body = body.strip()
    if not body:
        raise PressDeskError("a comment needs some text")
    if len(body) > MAX_COMMENT_LENGTH:
        raise PressDeskError(f"a comment has at most {MAX_COMMENT_LENGTH} characters")
    return body


def _current_paragraphs(session: Session, text_id: int) -> list[str]:
    body = session.scalar(
        select(Revision.body)
        .join(StatementText, StatementText.id == Revision.text_id)
        .where(StatementText.id == text_id, Revision.number == StatementText.revision_number)
    )
    return split_paragraphs(body or "")


def add_comment(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    body: str,
    *,
    lang: str | None = None,
    paragraph: int | None = None,
    parent_id: int | None = None,
    approval_id: int | None = None,
) -> int:
    """A new thread (or, with ``parent_id``, a reply); returns the comment's id."""
    user = require(session, actor_id, Action.COMMENT)
    get_statement(session, statement_id)
    text_id, quote = None, ""
    if parent_id is not None:
        parent = session.get(Comment, parent_id)
        if parent is None or parent.statement_id != statement_id:
            raise NotFoundError(f"comment {parent_id} is not on this statement")
        if parent.parent_id is not None:
            parent = session.get(Comment, parent.parent_id)
        parent_id = parent.id
    elif lang is not None:
        text_id = session.scalar(
            select(StatementText.id).where(
                StatementText.statement_id == statement_id, StatementText.lang == lang
            )
        )
        if text_id is None:
            raise NotFoundError(f"this statement has no {lang} text")
        if paragraph is not None:
            paragraphs = _current_paragraphs(session, text_id)
            if not 0 <= paragraph < len(paragraphs):
                raise PressDeskError(f"the {lang} text has no paragraph {paragraph + 1}")
            quote = paragraphs[paragraph]
    comment = Comment(
        statement_id=statement_id,
        text_id=text_id,
        parent_id=parent_id,
        paragraph=paragraph if quote else None,
        quote=quote,
        approval_id=approval_id,
        author_id=user.id,
        body=_clean(body),
        created_at=utcnow(),
    )
    session.add(comment)
    session.flush()
    audit.record(
        session,
        "comment.added",
        user.id,
        statement_id,
        comment_id=comment.id,
        parent_id=parent_id,
        lang=lang,
    )
    return comment.id


def edit_comment(session: Session, comment_id: int, actor_id: int | None, body: str) -> None:
    """Its author rewords a comment nobody has answered yet."""
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFoundError(f"comment {comment_id} does not exist")
    if actor_id is None or comment.author_id != actor_id:
        raise PermissionDenied("only its author can edit a comment")
    thread_id = comment.parent_id or comment.id
    later = session.scalar(
        select(Comment.id).where(
            (Comment.parent_id == thread_id) | (Comment.id == thread_id),
            Comment.id > comment.id,
        )
    )
    if later is not None:
        raise PermissionDenied("a comment that has been answered cannot be edited")
    comment.body = _clean(body)
    comment.edited_at = utcnow()
    audit.record(session, "comment.edited", actor_id, comment.statement_id, comment_id=comment_id)


def resolve_thread(
    session: Session, comment_id: int, actor_id: int | None, *, resolved: bool = True
) -> None:
    """Marks a thread resolved (or open again)."""
    user = require(session, actor_id, Action.COMMENT)
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFoundError(f"comment {comment_id} does not exist")
    thread = session.get(Comment, comment.parent_id) if comment.parent_id else comment
    thread.resolved_at = utcnow() if resolved else None
    thread.resolved_by_id = user.id if resolved else None
    audit.record(
        session,
        "comment.resolved" if resolved else "comment.reopened",
        user.id,
        thread.statement_id,
        comment_id=thread.id,
    )


def _locate(quote: str, paragraph: int | None, paragraphs: list[str]) -> int | None:
    """Where the commented paragraph is now: the same words, nearest the old place."""
    if paragraph is None:
        return None
    places = [i for i, p in enumerate(paragraphs) if p == quote]
    if places:
        return min(places, key=lambda i: abs(i - paragraph))
    return None


def threads(session: Session, statement_id: int) -> list[Thread]:
    """The statement's threads, oldest first, each with its comments in order."""
    rows = session.execute(
        select(Comment, User.display_name, StatementText.lang)
        .outerjoin(User, User.id == Comment.author_id)
        .outerjoin(StatementText, StatementText.id == Comment.text_id)
        .where(Comment.statement_id == statement_id)
        .order_by(Comment.id)
    ).all()
    resolvers = dict(
        session.execute(
            select(User.id, User.display_name).where(
                User.id.in_({c.resolved_by_id for c, _, _ in rows if c.resolved_by_id})
            )
        ).all()
    )
    paragraphs: dict[int, list[str]] = {}
    heads: dict[int, tuple[Comment, str | None]] = {}
    replies: dict[int, list[CommentView]] = {}
    for comment, author, lang in rows:
        view = CommentView(
            comment.id,
            comment.author_id,
            author or "",
            comment.body,
            comment.created_at,
            comment.edited_at,
        )
        thread_id = comment.parent_id or comment.id
        replies.setdefault(thread_id, []).append(view)
        if comment.parent_id is None:
            heads[comment.id] = (comment, lang)
    result = []
    for thread_id, (head, lang) in heads.items():
        where = None
        if head.text_id is not None and head.paragraph is not None:
            if head.text_id not in paragraphs:
                paragraphs[head.text_id] = _current_paragraphs(session, head.text_id)
            where = _locate(head.quote, head.paragraph, paragraphs[head.text_id])
        result.append(
            Thread(
                id=thread_id,
                statement_id=statement_id,
                lang=lang,
                paragraph=where,
                quote=head.quote,
                resolved_at=head.resolved_at,
                resolved_by=resolvers.get(head.resolved_by_id, ""),
                comments=tuple(replies[thread_id]),
                send_back=head.approval_id is not None,
            )
        )
    return result
