"""The `pressdesk` command: the desktop app by default, and headless sub-commands."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import translation_cli
from app.cli_auth import PASSWORD_ENV, USER_ENV, acting_desk, secret
from app.core.errors import PressDeskError

if TYPE_CHECKING:
    from app.core.db import Database

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressdesk",
        description="Press Desk: draft, translate, approve, schedule and export statements.",
    )
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="SQLite file or SQLAlchemy URL (default: $PRESSDESK_DB, else the user data folder)",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="make a new, empty database if there is none at --db (demo and import always may)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"act as this user (default: ${USER_ENV}); the password comes from "
        f"${PASSWORD_ENV} or a prompt. A database with one user needs neither",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the desktop app (the default)")

    demo = sub.add_parser("demo", help="fill the database with demo statements in tg/ru/en")
    demo.add_argument("--count", type=int, default=200, help="how many statements (default 200)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same content)")

    imp = sub.add_parser(
        "import", help="import Markdown files (Hugo or Pelican) and Word drafts (.docx)"
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument(
        "--lang", help="office language of files that name none (default: office default)"
    )
    imp.add_argument(
        "--date-from-file",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="date published files that have no date by their modification time "
        "(default: for Pelican files only)",
    )
    imp.add_argument(
        "--update-matching",
        action="store_true",
        help="let a file imported for the first time update the statement made in the app "
        "that has its address (each one is listed)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="list what would be imported; change nothing"
    )

    export = sub.add_parser("export", help="write the static website of published statements")
    export.add_argument(
        "--out", type=Path, metavar="DIR", help="folder to write (default: the office's)"
    )
    export.add_argument("--zip", type=Path, metavar="FILE", help="also pack the site into FILE")
    export.add_argument(
        "--changed-only", action="store_true", help="write only what changed since the last export"
    )
    export.add_argument(
        "--theme", type=Path, metavar="DIR", help="theme folder (default: the office's)"
    )
    export.add_argument(
        "--overwrite", action="store_true", help="replace an existing file at --zip FILE"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="export into a folder that holds other files (none of them is replaced)",
    )
    export.add_argument(
        "--allow-shrink",
        action="store_true",
        help="replace a site with one of fewer than half its pages",
    )
    export.add_argument(
        "--base-url",
        metavar="URL",
        help="address the site is published at (default: the office setting); needed for "
        "sitemap.xml and absolute links in feeds",
    )

    backup = sub.add_parser("backup", help="online backup of the database and its images")
    backup.add_argument("--to", required=True, type=Path, metavar="FILE")
    backup.add_argument("--overwrite", action="store_true", help="replace an existing FILE")

    restore = sub.add_parser("restore", help="check a backup, then restore it as a database")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.add_argument("--to", required=True, type=Path, metavar="PATH")
    restore.add_argument(
        "--overwrite", action="store_true", help="replace an existing database at PATH"
    )

    check = sub.add_parser("check", help="check integrity, schema, hashes, images and caches")
    check.add_argument(
        "--full", action="store_true", help="check the whole search index, not a sample"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the caches and the search index; report what cannot be rebuilt",
    )

    office = sub.add_parser("office", help="show or change the office settings")
    office_sub = office.add_subparsers(dest="office_command", metavar="ACTION", required=True)
    show = office_sub.add_parser("show", help="every setting with its value and meaning")
    show.add_argument("key", nargs="?", help="only this setting's value")
    change = office_sub.add_parser(
        "set", help="change a setting (admins): KEY.LANG for one language, logo FILE"
    )
    change.add_argument("key")
    change.add_argument("value")
    reset = office_sub.add_parser("reset", help="put a setting back to its default (admins)")
    reset.add_argument("key")

    users = sub.add_parser("users", help="add and list users, their roles and passwords")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users_sub.add_parser("add", help="add a user (admins only, but for the first)")
    add.add_argument("username")
    add.add_argument("--name", default="", help="display name")
    add.add_argument(
        "--roles", default="writer", help="comma-separated: writer, translator, editor, admin"
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the new user's password from stdin"
    )
    users_sub.add_parser("list", help="list users and their roles")
    roles = users_sub.add_parser("roles", help="set a user's roles (admins only)")
    roles.add_argument("username")
    roles.add_argument("roles", help="comma-separated: writer, translator, editor, admin")
    password = users_sub.add_parser(
        "password", help="set a password (one's own, or anyone's as an admin)"
    )
    password.add_argument("username")
    password.add_argument(
        "--password-stdin", action="store_true", help="read the new password from stdin"
    )

    listing = sub.add_parser("statements", help="list statements with each language's state")
    listing.add_argument(
        "--status",
        action="append",
        metavar="S",
        help="only this status (draft, in_review, approved, scheduled, published, withdrawn); "
        "may be repeated",
    )
    listing.add_argument("--json", action="store_true", help="one JSON array, for scripts")

    review = sub.add_parser("review", help="the editorial workflow: submit, approve, send back")
    review.add_argument("step", choices=["submit", "approve", "send-back", "withdraw"])
    review.add_argument("statement", metavar="ID", help="statement id or slug")
    review.add_argument(
        "--lang",
        action="append",
        metavar="L",
        help="the language (approve: may be repeated; default every text not yet approved)",
    )
    review.add_argument("--comment", default="", help="why (required to send back)")

    schedule = sub.add_parser("schedule", help="schedule an approved statement (editors)")
    schedule.add_argument("statement", metavar="ID", help="statement id or slug")
    schedule.add_argument(
        "--at",
        required=True,
        metavar="WHEN",
        help='"YYYY-MM-DD HH:MM" in the office time zone, or ISO 8601 with an offset',
    )
    schedule.add_argument("--embargo", metavar="WHEN", help="never published before this")
    schedule.add_argument(
        "--override", metavar="REASON", help="publish despite a failing pre-publish checklist"
    )
    schedule.add_argument(
        "--expires", metavar="WHEN", help="its pages come down by themselves at this moment"
    )

    expire = sub.add_parser(
        "expire", help="when a scheduled or published statement's pages come down (editors)"
    )
    expire.add_argument("statement", metavar="ID", help="statement id or slug")
    when = expire.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", metavar="WHEN", help='"YYYY-MM-DD HH:MM" (office zone) or ISO')
    when.add_argument("--never", action="store_true", help="keep its pages up")

    correct = sub.add_parser(
        "correct",
        help="add a dated correction note to a published statement, in every language it is "
        "published in (editors)",
    )
    correct.add_argument("statement", metavar="ID", help="statement id or slug")
    correct.add_argument(
        "--note",
        action="append",
        required=True,
        metavar="LANG=TEXT",
        help="the note in one language (repeat for each published language)",
    )

    due = sub.add_parser(
        "publish-due", help="publish what is due and export it (for cron or Task Scheduler)"
    )
    due.add_argument(
        "--now", metavar="ISO8601", help="the moment to act at (default: now; for tests)"
    )
    due.add_argument(
        "--out", type=Path, metavar="DIR", help="export folder (default: the office's)"
    )

    cal = sub.add_parser("calendar", help="what is scheduled, published, overdue or failed")
    cal.add_argument("--from", dest="start", metavar="DATE", help="first day (default: today)")
    cal.add_argument("--to", dest="end", metavar="DATE", help="day after the last (default: +14)")
    cal.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    translation_cli.add_commands(sub)
    return parser


def _open(
    args: argparse.Namespace, *, brings_content: bool = False, writes: str | None = None
) -> Database:
    """The database of ``--db``: made anew only for a command that brings content into it
    (which then says so) or with ``--create``; ``writes`` names what needs to write to it."""
    from app.core.migrate import open_database

    db = open_database(args.db, create=brings_content or args.create, writes=writes)
    if db.created:
        print(f"created a new database at {db.url.database}")
    return db


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.core.demo.writer import write_demo

    if not 1 <= args.count <= 100_000:
        raise PressDeskError("--count must be between 1 and 100000")
    db = _open(args, brings_content=True, writes="write demo statements")
    try:
        written = write_demo(db, args.count, seed=args.seed, progress=_progress_printer())
    finally:
        db.close()
    print(f"wrote {written} demo statements")
    return EXIT_OK


def _progress_printer():
    interactive = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    return report


def _cmd_import(args: argparse.Namespace) -> int:
    from app.core.importing.importer import import_paths

    db = _open(args, brings_content=True, writes="import")
    try:
        result = import_paths(
            db,
            args.paths,
            actor_id=acting_desk(args, db).actor.id,
            default_lang=args.lang,
            date_from_file=args.date_from_file,
            update_matching=args.update_matching,
            dry_run=args.dry_run,
            progress=_progress_printer(),
        )
    finally:
        db.close()
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    if args.dry_run:
        for item in result.statements:
            if item.outcome == "new":
                print(f"would create {item.slug}: {', '.join(item.files)}")
            elif item.outcome == "update":
                print(f"would update statement {item.statement_id}: {', '.join(item.files)}")
        print(
            f"dry run: {result.created} new and {result.updated} existing statements, "
            f"{len(result.errors)} files failed; nothing was changed"
        )
    else:
        print(
            f"imported {result.created} new and {result.updated} updated statements, "
            f"{result.unchanged} unchanged, {len(result.errors)} files failed"
        )
    return EXIT_USER_ERROR if result.errors else EXIT_OK


def _cmd_office(args: argparse.Namespace) -> int:
    from app.core import settings as office_settings

    db = _open(args)
    try:
        with db.reading() as session:
            current = office_settings.load_settings(session)
        if args.office_command == "show":
            _show_office(office_settings.describe(current), args.key)
            return EXIT_OK
        logo_file = None
        name = args.key.partition(".")[0]
        if args.office_command == "reset":
            wanted = office_settings.with_default(current, name)
        elif args.key == "logo" and args.value:
            wanted, logo_file = current, Path(args.value).expanduser()
        else:
            wanted = office_settings.with_value(current, args.key, args.value)
        desk = acting_desk(args, db)
        desk.save_office(wanted, logo_file)
        shown = office_settings.kind(name).show(getattr(desk.settings(), name))
        print(f"{name} = {shown}")
    finally:
        db.close()
    return EXIT_OK


def _show_office(rows: list[tuple[str, str, str]], key: str | None) -> None:
    """Every setting as ``name = value`` under its meaning, or one setting's value alone."""
    if key is None:
        for name, value, meaning in rows:
            print(f"# {meaning}\n{name} = {value}")
        return
    values = {name: value for name, value, _meaning in rows}
    if key not in values:
        raise PressDeskError(f"no office setting {key!r}")
    print(values[key])


def _cmd_export(args: argparse.Namespace) -> int:
    from app.core.export.stamp import unchanged_sqlite
    from app.core.validation import base_url

    if args.base_url is not None:
        args.base_url = base_url(args.base_url)
    # An unchanged SQLite database is told apart before SQLAlchemy even loads.
    last = unchanged_sqlite(args.db, args.out, args.theme, args.base_url, args.zip)
    if last is not None:
        for warning in last.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(
            f"0 files written, 0 removed, {last.pages} pages unchanged, 0 errors", file=sys.stderr
        )
        return EXIT_OK

    from app.core.export.run import export_site
    from app.core.settings import load_settings

    db = _open(args)
    try:
        out = args.out
        if out is None:
            with db.reading() as session:
                folder = load_settings(session).export_folder
            if not folder:
                raise PressDeskError(
                    "give --out DIR, or set the office's export folder: "
                    "pressdesk office set export_folder DIR"
                )
            out = Path(folder)
        report = export_site(
            db,
            out,
            changed_only=args.changed_only,
            theme_dir=args.theme,
            zip_path=args.zip,
            progress=_progress_printer(),
            base_url=args.base_url,
            force=args.force,
            overwrite=args.overwrite,
            allow_shrink=args.allow_shrink,
        )
    finally:
        db.close()
    for path in report.written:
        print(f"written {path}")
    for path in report.removed:
        print(f"removed {path}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(
        f"{len(report.written)} files written, {len(report.removed)} removed, "
        f"{report.unchanged} pages unchanged, {len(report.errors)} errors",
        file=sys.stderr,
    )
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def _cmd_backup(args: argparse.Namespace) -> int:
    from app.core.backup import backup

    db = _open(args)
    try:
        images = backup(db, args.to, overwrite=args.overwrite)
    finally:
        db.close()
    print(f"backed up to {args.to} ({images} images inside)")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from app.core.restore import restore

    restored = restore(args.backup, args.to, overwrite=args.overwrite)
    print(
        f"restored {restored.statements} statements and {restored.images} images "
        f"to {args.to.expanduser().absolute()}"
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from app.core.check import run_check

    db = _open(args, writes="repair" if args.repair else None)
    try:
        report = run_check(db, full=args.full, repair=args.repair)
    finally:
        db.close()
    for fact in report.facts:
        print(fact)
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    for repaired in report.repaired:
        print(f"repaired: {repaired}")
    if not report.ok:
        print(f"{len(report.problems)} problems found", file=sys.stderr)
        return EXIT_USER_ERROR
    print("ok")
    return EXIT_OK


def _cmd_users(args: argparse.Namespace) -> int:
    from app.core import users

    db = _open(args, writes=None if args.users_command == "list" else "change users")
    try:
        if args.users_command == "list":
            with db.reading() as session:
                for user in users.list_users(session):
                    if not user.active:
                        continue
                    roles = ", ".join(sorted(r.value for r in user.role_set))
                    print(f"{user.username}\t{user.display_name}\t{roles}")
            return EXIT_OK
        if args.users_command == "add":
            roles = users.parse_roles(args.roles.split(","))
            with db.reading() as session:
                first = users.active_users(session) == 0
            actor_id = None if first else acting_desk(args, db).actor.id
            password = None
            if args.password_stdin or sys.stdin.isatty():
                password = secret(
                    f"Password for {args.username}: ", stdin=args.password_stdin, confirm=True
                )
            with db.transaction() as session:
                user = users.add_user(
                    session, args.username, args.name, roles, actor_id=actor_id, password=password
                )
                given = ", ".join(sorted(r.value for r in user.role_set))
            print(f"added {user.username} ({given})")
            if password is None:
                print(
                    f"warning: {args.username} has no password; set one with "
                    f"`pressdesk users password {args.username}` before a second user is added",
                    file=sys.stderr,
                )
            return EXIT_OK
        actor_id = acting_desk(args, db).actor.id
        if args.users_command == "roles":
            roles = users.parse_roles(args.roles.split(","))
            with db.transaction() as session:
                users.set_roles(session, args.username, roles, actor_id=actor_id)
            print(f"{args.username}: {', '.join(sorted(r.value for r in roles))}")
        else:
            password = secret(
                f"New password for {args.username}: ", stdin=args.password_stdin, confirm=True
            )
            with db.transaction() as session:
                users.set_password(session, args.username, password, actor_id=actor_id)
            print(f"password set for {args.username}")
    finally:
        db.close()
    return EXIT_OK


def _statement_id(db: Database, value: str) -> int:
    from sqlalchemy import select

    from app.core.models import Statement

    with db.reading() as session:
        if value.isdigit() and session.get(Statement, int(value)) is not None:
            return int(value)
        found = session.scalar(select(Statement.id).where(Statement.slug == value))
    if found is None:
        raise PressDeskError(f"no statement {value!r} (give its id or its slug)")
    return found


def _cmd_statements(args: argparse.Namespace) -> int:
    from app.core import listing
    from app.core.models import Status
    from app.core.settings import load_settings

    try:
        statuses = frozenset(Status(s) for s in args.status or ())
    except ValueError as error:
        raise PressDeskError(f"unknown status: {error}") from None
    db = _open(args)
    rows = []
    try:
        with db.reading() as session:
            languages = load_settings(session).languages
            flt = listing.StatementFilter(statuses=statuses)
            total = listing.count_statements(session, flt)
            for offset in range(0, total, 500):
                ids = listing.statement_ids(
                    session, flt, sort=listing.SortKey.DATE, offset=offset, limit=500
                )
                rows.extend(listing.statement_rows(session, ids, languages))
    finally:
        db.close()
    if args.json:
        json.dump(
            [
                {
                    "id": r.id,
                    "slug": r.slug,
                    "status": r.status.value,
                    "title": r.title,
                    "languages": {lang: state.value for lang, state in r.languages.items()},
                    "scheduled_at": r.scheduled_at.isoformat() if r.scheduled_at else None,
                    "published_at": r.published_at.isoformat() if r.published_at else None,
                }
                for r in rows
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
        return EXIT_OK
    for r in rows:
        states = " ".join(f"{lang}:{state.value}" for lang, state in r.languages.items())
        print(f"{r.id}\t{r.slug}\t{r.status.value}\t{states}\t{r.title}")
    return EXIT_OK


def _cmd_review(args: argparse.Namespace) -> int:
    db = _open(args, writes="change the workflow")
    try:
        desk = acting_desk(args, db)
        sid = _statement_id(db, args.statement)
        langs = args.lang or []
        if args.step == "submit":
            result = desk.submit(sid, args.comment)
        elif args.step == "approve":
            result = desk.approve(sid, langs or None, args.comment)
        elif args.step == "send-back":
            if len(langs) != 1:
                raise PressDeskError("say which language goes back with one --lang")
            result = desk.send_back(sid, langs[0], args.comment)
        else:
            result = desk.withdraw(sid, args.comment)
    finally:
        db.close()
    done = f" ({', '.join(result.langs)})" if result.langs else ""
    print(f"{args.step}{done}: {result.status_before.value} → {result.status.value}")
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(args.db, create=args.create)


def _cmd_schedule(args: argparse.Namespace) -> int:
    from app.core.moments import local_time, parse_moment

    db = _open(args, writes="schedule")
    try:
        desk = acting_desk(args, db)
        zone = desk.settings().timezone
        at = parse_moment(args.at, zone)
        embargo = parse_moment(args.embargo, zone) if args.embargo else None
        expires = parse_moment(args.expires, zone) if args.expires else None
        result = desk.schedule(
            _statement_id(db, args.statement),
            at,
            embargo=embargo,
            override_reason=args.override,
            expires=expires,
        )
    finally:
        db.close()
    print(f"scheduled for {local_time(at, zone)}: {result.status_before.value} → scheduled")
    return EXIT_OK


def _cmd_expire(args: argparse.Namespace) -> int:
    from app.core.moments import local_time, parse_moment

    db = _open(args, writes="set an expiry")
    try:
        desk = acting_desk(args, db)
        zone = desk.settings().timezone
        expires = None if args.never else parse_moment(args.at, zone)
        desk.set_expiry(_statement_id(db, args.statement), expires)
    finally:
        db.close()
    print(f"comes down at {local_time(expires, zone)}" if expires else "stays up")
    return EXIT_OK


def _cmd_correct(args: argparse.Namespace) -> int:
    notes: dict[str, str] = {}
    for given in args.note:
        lang, sep, text = given.partition("=")
        if not sep or not lang.strip():
            raise PressDeskError(
                f"--note {given!r} is not LANG=TEXT (for example ru=Исправлена дата.)"
            )
        notes[lang.strip()] = text
    db = _open(args, writes="add a correction")
    try:
        desk = acting_desk(args, db)
        desk.correct(_statement_id(db, args.statement), notes)
    finally:
        db.close()
    print("correction added: the website shows it from the next export")
    return EXIT_OK


def _cmd_publish_due(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from app.core.export.stamp import unchanged_sqlite

    now = datetime.now(UTC)
    if args.now:
        try:
            now = datetime.fromisoformat(args.now.replace("Z", "+00:00"))
        except ValueError:
            raise PressDeskError(f"--now {args.now!r} is not an ISO 8601 moment") from None
        if now.tzinfo is None:
            raise PressDeskError("--now needs an offset (for example 2026-12-04T10:00+05:00)")
    # Nothing due and the site up to date: said before SQLAlchemy even loads.
    if unchanged_sqlite(args.db, args.out, None, None, None, at=now, nothing_due=True):
        print("nothing is due; the website is up to date", file=sys.stderr)
        return EXIT_OK

    from app.core import publishing
    from app.core.export.run import export_site
    from app.core.moments import local_time
    from app.core.settings import load_settings

    db = _open(args, writes="publish")
    try:
        with db.reading() as session:
            settings = load_settings(session)
        out = args.out or (Path(settings.export_folder) if settings.export_folder else None)
        if out is None:
            raise PressDeskError(
                "no export folder: give --out DIR or set the office's (pressdesk office set "
                "export_folder DIR)"
            )
        run = publishing.publish_due(
            db, now=now, export=lambda: export_site(db, out, changed_only=True, at=now)
        )
    finally:
        db.close()
    zone = settings.timezone
    for outcome in run.published:
        late = int((now - outcome.due).total_seconds() // 60)
        note = f", {late} min late" if late > 0 else ""
        due = local_time(outcome.due, zone)
        print(f"published {outcome.statement_id} {outcome.slug} (due {due}{note})")
    for outcome in run.overdue:
        print(
            f"waiting for an editor: {outcome.statement_id} {outcome.slug} was due "
            f"{local_time(outcome.due, zone)}",
            file=sys.stderr,
        )
    for outcome in run.failed:
        print(f"failed: {outcome.statement_id} {outcome.slug}: {outcome.reason}", file=sys.stderr)
    if run.export_error and not run.failed:
        print(f"failed: the export: {run.export_error}", file=sys.stderr)
    report = run.export
    if report is not None:
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
        print(
            f"{len(report.written)} files written, {len(report.removed)} removed",
            file=sys.stderr,
        )
    return EXIT_OK if run.ok and (report is None or report.ok) else EXIT_USER_ERROR


def _cmd_calendar(args: argparse.Namespace) -> int:
    from datetime import UTC, date, datetime, time, timedelta

    from app.core import calendar
    from app.core.moments import local_time, zone_of
    from app.core.settings import load_settings
    from app.core.sqltypes import utcnow

    db = _open(args)
    try:
        with db.reading() as session:
            settings = load_settings(session)
            zone = settings.timezone
            now = utcnow()

            def midnight(day: date) -> datetime:
                # The start of the day in the office zone.
                return datetime.combine(day, time(), tzinfo=zone_of(zone)).astimezone(UTC)

            def day(value: str | None, default: date) -> date:
                if value is None:
                    return default
                try:
                    return date.fromisoformat(value.strip())
                except ValueError:
                    raise PressDeskError(f"{value!r} is not a day (write YYYY-MM-DD)") from None

            first = day(args.start, now.astimezone(zone_of(zone)).date())
            start = midnight(first)
            end = midnight(day(args.end, first + timedelta(days=14)))
            found = calendar.entries(
                session, start, end, now, settings.languages, settings.required_langs
            )
    finally:
        db.close()
    if args.json:
        json.dump(
            [
                {
                    "id": e.statement_id,
                    "slug": e.slug,
                    "title": e.title,
                    "mark": e.mark.value,
                    "at": e.at.isoformat(),
                    "local": local_time(e.at, zone),
                    "ready": e.ready,
                    "languages": {lang: state.value for lang, state in e.languages.items()},
                    "reason": e.reason,
                }
                for e in found
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
        return EXIT_OK
    for e in found:
        note = f"\t{e.reason}" if e.reason else ""
        ready = "ready" if e.ready else "not ready"
        print(
            f"{local_time(e.at, zone)}\t{e.mark.value}\t{e.statement_id}\t{e.slug}\t{ready}{note}"
        )
    return EXIT_OK


COMMANDS = {
    None: _cmd_gui,
    "gui": _cmd_gui,
    "demo": _cmd_demo,
    "import": _cmd_import,
    "export": _cmd_export,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "office": _cmd_office,
    "check": _cmd_check,
    "users": _cmd_users,
    "statements": _cmd_statements,
    "review": _cmd_review,
    "schedule": _cmd_schedule,
    "calendar": _cmd_calendar,
    "publish-due": _cmd_publish_due,
    "expire": _cmd_expire,
    "correct": _cmd_correct,
    **translation_cli.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except PressDeskError as error:
        print(f"pressdesk: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("pressdesk: interrupted", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:  # a bug: one line here, the traceback in the log file
        from app.core.errors import describe_error
        from app.core.logfile import log_error, start_log_file

        doing = f"running `pressdesk {args.command or 'gui'}`"
        path = start_log_file()
        log_error(error, doing)
        what = describe_error(error, doing, "something went wrong while {doing}").message
        where = f"; details in {path}" if path else f": {type(error).__name__}: {error}"
        print(f"pressdesk: {what}{where}", file=sys.stderr)
        if args.verbose:
            raise
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
