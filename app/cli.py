"""The `pressdesk` command: the desktop app by default, and headless sub-commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import PressDeskError

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
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the desktop app (the default)")

    demo = sub.add_parser("demo", help="fill the database with demo statements in tg/ru/en")
    demo.add_argument("--count", type=int, default=200, help="how many statements (default 200)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same content)")

    imp = sub.add_parser("import", help="import Markdown files with Hugo or Pelican front matter")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--lang", help="language of files that name none (default: office default)")

    export = sub.add_parser("export", help="write the static website of published statements")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.add_argument("--zip", type=Path, metavar="FILE", help="also pack the site into FILE")
    export.add_argument(
        "--changed-only", action="store_true", help="write only what changed since the last export"
    )
    export.add_argument("--theme", type=Path, metavar="DIR", help="office theme folder")
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

    users = sub.add_parser("users", help="add and list users and roles")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users_sub.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--name", default="", help="display name")
    add.add_argument(
        "--roles", default="writer", help="comma-separated: writer, translator, editor, admin"
    )
    users_sub.add_parser("list", help="list users and their roles")
    roles = users_sub.add_parser("roles", help="set a user's roles")
    roles.add_argument("username")
    roles.add_argument("roles", help="comma-separated: writer, translator, editor, admin")
    return parser


def _open(args: argparse.Namespace, *, brings_content: bool = False, writes: str | None = None):
    """The database of ``--db``: made anew only for a command that brings content into it
    (which then says so) or with ``--create``; ``writes`` names what needs to write to it."""
    from app.core.migrate import open_database

    db = open_database(args.db, create=brings_content or args.create, writes=writes)
    if db.created:
        print(f"created a new database at {db.url.database}", file=sys.stderr)
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
        result = import_paths(db, args.paths, default_lang=args.lang)
    finally:
        db.close()
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    print(
        f"imported {result.created} new and {result.updated} updated statements, "
        f"{result.unchanged} unchanged, {len(result.errors)} files failed"
    )
    return EXIT_USER_ERROR if result.errors else EXIT_OK


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

    db = _open(args)
    try:
        report = export_site(
            db,
            args.out,
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
        with db.transaction() as session:
            if args.users_command == "add":
                roles = users.parse_roles(args.roles.split(","))
                user = users.add_user(session, args.username, args.name, roles)
                print(f"added {user.username}")
            elif args.users_command == "roles":
                roles = users.parse_roles(args.roles.split(","))
                users.set_roles(session, args.username, roles, actor_id=None)
                print(f"{args.username}: {', '.join(sorted(r.value for r in roles))}")
            else:
                for user in users.list_users(session):
                    roles = ", ".join(sorted(r.value for r in user.role_set))
                    print(f"{user.username}\t{user.display_name}\t{roles}")
    finally:
        db.close()
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(args.db, create=args.create)


COMMANDS = {
    None: _cmd_gui,
    "gui": _cmd_gui,
    "demo": _cmd_demo,
    "import": _cmd_import,
    "export": _cmd_export,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "check": _cmd_check,
    "users": _cmd_users,
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


if __name__ == "__main__":
    sys.exit(main())
