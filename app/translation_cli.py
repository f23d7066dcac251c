"""The `pressdesk tm …` and `pressdesk glossary …` commands: translation memory and glossary."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli_auth import acting_desk
from app.core.errors import PressDeskError

EXIT_OK = 0


def _pair(value: str) -> tuple[str, str]:
    source, sep, target = value.partition(":")
    if not sep or not source or not target or source == target:
        raise argparse.ArgumentTypeError(f"a pair is SOURCE:TARGET, such as tg:ru, not {value!r}")
    return source, target


def add_commands(sub: argparse._SubParsersAction) -> None:
    tm = sub.add_parser("tm", help="translation memory: TMX import and export, lookups")
    tm_sub = tm.add_subparsers(dest="tm_command", metavar="ACTION", required=True)
    tm_import = tm_sub.add_parser("import", help="add the pairs of a TMX file to the memory")
    tm_import.add_argument("file", type=Path, metavar="FILE.tmx")
    tm_import.add_argument(
        "--lang-map",
        action="append",
        default=[],
        metavar="CODE=LANG",
        help="read the file's language CODE as the office language LANG (repeatable)",
    )
    tm_export = tm_sub.add_parser("export", help="write the memory as TMX 1.4")
    tm_export.add_argument("file", type=Path, metavar="FILE.tmx")
    tm_export.add_argument("--pair", type=_pair, metavar="SRC:TGT", help="only this pair")
    tm_lookup = tm_sub.add_parser("lookup", help="matches for a segment, as JSON lines")
    tm_lookup.add_argument("--pair", type=_pair, required=True, metavar="SRC:TGT")
    tm_lookup.add_argument("text", metavar="TEXT")
    tm_lookup.add_argument("--limit", type=int, default=5, help="at most this many (default 5)")

    glossary = sub.add_parser("glossary", help="office glossary: CSV import and export, find")
    g_sub = glossary.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    g_import = g_sub.add_parser("import", help="add or update terms from a CSV file")
    g_import.add_argument("file", type=Path, metavar="FILE.csv")
    g_export = g_sub.add_parser("export", help="write the glossary as CSV")
    g_export.add_argument("file", type=Path, metavar="FILE.csv")
    g_find = g_sub.add_parser(
        "find", help="the glossary terms in a text (a file or standard input), as JSON lines"
    )
    g_find.add_argument("--lang", required=True, help="language of the text")
    g_find.add_argument("file", type=Path, nargs="?", metavar="FILE")


def _open(args: argparse.Namespace):
    from app.core.migrate import open_database

    return open_database(args.db)


def _progress() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        print(f"\r{percent}%", end="" if done < total else "\n", file=sys.stderr)

    return report


def _tool_version() -> str:
    # Imported here: every `pressdesk` start (cron's publish-due included) would pay for it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pressdesk")
    except PackageNotFoundError:
        return "0"


def _cmd_tm(args: argparse.Namespace) -> int:
    from app.core.translation import exchange, memory

    db = _open(args)
    try:
        if args.tm_command == "import":
            lang_map = exchange.parse_lang_map(args.lang_map)
            report = acting_desk(args, db).import_memory(args.file, lang_map, _progress())
            for warning in report.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            for reason, count in sorted(report.skipped.items()):
                print(f"skipped {count} units: {reason}")
            print(
                f"{report.imported} units imported, {sum(report.skipped.values())} skipped; "
                f"{report.pairs_added} pairs added, {report.pairs_known} already in the memory"
            )
        elif args.tm_command == "export":
            with db.reading() as session:
                count = exchange.export_tmx(
                    session, args.file, pair=args.pair, tool_version=_tool_version()
                )
            print(f"wrote {count} units to {args.file}")
        else:
            with db.reading() as session:
                matches = memory.lookup(session, *args.pair, args.text, limit=args.limit)
            for match in matches:
                print(
                    json.dumps(
                        {
                            "match": match.target,
                            "source": match.source,
                            "score": match.score,
                            "origin": match.origin,
                        },
                        ensure_ascii=False,
                    )
                )
    finally:
        db.close()
    return EXIT_OK


def _read_text(path: Path | None) -> str:
    if path is None:
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise PressDeskError(f"cannot read {path}: {error.strerror}") from error
    except UnicodeDecodeError:
        raise PressDeskError(f"{path} is not UTF-8 text") from None


def _cmd_glossary(args: argparse.Namespace) -> int:
    from app.core.translation import glossary

    db = _open(args)
    try:
        if args.glossary_command == "import":
            report = acting_desk(args, db).import_glossary(args.file)
            for reason, count in sorted(report.skipped.items()):
                print(f"skipped {count} rows: {reason}")
            print(
                f"{report.added} terms added, {report.updated} updated, "
                f"{report.unchanged} unchanged"
            )
            return EXIT_OK
        with db.reading() as session:
            if args.glossary_command == "export":
                count = glossary.export_csv(session, args.file)
                print(f"wrote {count} terms to {args.file}")
                return EXIT_OK
            terms = glossary.load(session)
    finally:
        db.close()
    matcher = terms.matcher(args.lang)
    for number, line in enumerate(_read_text(args.file).splitlines(), start=1):
        found = [
            {"concept": f.concept, "term": f.term, "start": f.start, "end": f.end}
            | ({"forbidden": True} if f.forbidden else {})
            for f in matcher.find(line)
        ]
        print(json.dumps({"line": number, "terms": found}, ensure_ascii=False))
    return EXIT_OK


COMMANDS = {"tm": _cmd_tm, "glossary": _cmd_glossary}
