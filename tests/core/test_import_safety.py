"""A bad file is refused alone, in one line, and nothing outside the folder or beyond reason
is read (issue 9: items 2, 3, 4, 5, 9 and 10)."""

from __future__ import annotations

import contextlib
import os
import struct
import threading
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.core.db import Database
from app.core.export.run import export_site
from app.core.importing.importer import ImportResult
from app.core.models import Media, Statement
from app.core.statements import current_revision
from tests.core.conftest import import_as_admin


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def good(folder: Path, name: str, title: str = "Good") -> Path:
    return write(folder, name, f"---\ntitle: {title}\ndate: 2021-02-03\n---\nBody.\n")


def statement_count(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Statement))


def media_count(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Media))


def finishes(work: Callable[[], Any], seconds: float = 60) -> Any:
    """``work()``'s result, failing the test (instead of hanging it) if it never returns."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, as a decompression bomb does."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def tiny_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, "PNG")
    return out.getvalue()


# Item 2: one bad file never stops the others


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("bad-day.md", "---\ntitle: T\ndate: 2021-02-30\n---\n", "day is out of range"),
        (
            "huge-yaml.md",
            "---\ntitle: T\ndate: 2021-01-01\nn: " + "9" * 5000 + "\n---\n",
            "a number with too many digits",
        ),
        (
            "huge-toml.md",
            '+++\ntitle = "T"\ndate = 2021-01-01\nn = ' + "9" * 5000 + "\n+++\n",
            "a number with too many digits",
        ),
        (
            "deep-yaml.md",
            "---\ntitle: T\ndate: 2021-01-01\nn: " + "[" * 3000 + "]" * 3000 + "\n---\n",
            "nested too deeply",
        ),
        (
            "deep-toml.md",
            '+++\ntitle = "T"\ndate = 2021-01-01\nn = ' + "[" * 3000 + "]" * 3000 + "\n+++\n",
            "nested too deeply",
        ),
    ],
)
def test_a_bad_value_fails_its_file_alone(
    db: Database, tmp_path: Path, name: str, text: str, reason: str
) -> None:
    good(tmp_path, "a-first.md", "First")
    write(tmp_path, name, text)
    good(tmp_path, "z-last.md", "Last")
    result = import_as_admin(db, [tmp_path])
    assert result.created == 2
    (error,) = result.errors
    assert error.startswith(f"{tmp_path / name}: ") and reason in error
    assert "\n" not in error


def test_a_decompression_bomb_image_is_a_warning_and_the_run_goes_on(
    db: Database, tmp_path: Path
) -> None:
    good(tmp_path, "a.md", "Before")
    (tmp_path / "bomb.png").write_bytes(png_header(20000, 20000))
    write(tmp_path, "b.md", "---\ntitle: Bomb\ndate: 2021-01-01\n---\n![big](bomb.png)\n")
    good(tmp_path, "c.md", "After")
    result = import_as_admin(db, [tmp_path])
    assert (result.created, result.errors) == (3, [])
    assert any("b.md" in w and "bomb.png" in w and "too many pixels" in w for w in result.warnings)
    assert media_count(db) == 0


def test_the_command_names_each_bad_file_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good(tmp_path / "in", "a.md")
    write(tmp_path / "in", "b.md", "---\ntitle: T\ndate: 2021-02-30\n---\n")
    code = main(["--db", str(tmp_path / "p.db"), "import", str(tmp_path / "in")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    assert f"error: {tmp_path / 'in' / 'b.md'}: " in err
    assert "imported 1 new and 0 updated statements, 0 unchanged, 1 files failed" in out


# Item 3: a date no page can show is refused; the export keeps working


def test_a_date_the_export_cannot_print_is_refused(db: Database, tmp_path: Path) -> None:
    write(tmp_path, "in/far.md", "---\ntitle: Far\ndate: 9999-12-31T23:59:59Z\n---\n")
    write(tmp_path, "in/old.md", "---\ntitle: Old\ndate: 0999-01-01\n---\n")
    write(tmp_path, "in/late.md", "---\ntitle: T\ndate: 2020-01-01\nlastmod: 9999-12-31\n---\n")
    good(tmp_path / "in", "ok.md")
    result = import_as_admin(db, [tmp_path / "in"])
    assert result.created == 1 and len(result.errors) == 3
    assert all("cannot be shown on a page" in e for e in result.errors)
    report = export_site(db, tmp_path / "out", workers=1)
    assert report.ok


# Item 4: images come only from inside the folder imported


def test_images_outside_the_folder_are_never_copied(db: Database, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(tiny_png())
    folder = tmp_path / "site" / "content"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "link.png").symlink_to(secret)
    references = [
        "../../secret.png",
        "../images/link.png",
        f"{{static}}{secret}",  # Pelican looked in every folder up to /
        f"{{static}}/{secret.name}",
    ]
    body = "\n".join(f"![x]({r})" for r in references)
    write(folder, "posts/a.md", f"Title: A\nDate: 2020-01-01\nImage: ../../secret.png\n\n{body}\n")
    result = import_as_admin(db, [folder])
    assert result.created == 1
    assert media_count(db) == 0
    with db.transaction() as s:
        statement = s.scalar(select(Statement))
        assert statement.lead_media_id is None
        assert "media/" not in current_revision(s, statement.id, "tg").body
    outside = [w for w in result.warnings if "outside the folder imported" in w]
    assert len(outside) == 2 and "../images/link.png" in outside[1]
    # Looked for inside the folder only, and not found there.
    assert sum("{static}" in w and "not found" in w for w in result.warnings) == 2


# Item 5: no file can hang the import or take its memory


def test_a_pipe_named_like_a_statement_is_skipped(db: Database, tmp_path: Path) -> None:
    good(tmp_path, "a.md")
    fifo = tmp_path / "b.md"
    os.mkfifo(fifo)
    try:
        result: ImportResult = finishes(lambda: import_as_admin(db, [tmp_path]))
    finally:
        # Frees a reader that opened the pipe and waits for a writer.
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert result.created == 1 and result.errors == []
    assert any("b.md" in note and "not a regular file" in note for note in result.notes)


def test_an_oversized_image_is_refused_before_it_is_read(db: Database, tmp_path: Path) -> None:
    with open(tmp_path / "big.png", "wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)  # claims 200 MB, occupies nothing
    write(tmp_path, "a.md", "---\ntitle: A\ndate: 2020-01-01\nimage: big.png\n---\n![b](big.png)\n")
    tracemalloc.start()
    try:
        result = import_as_admin(db, [tmp_path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.created == 1
    assert any("big.png" in w and "larger than 40 MB" in w for w in result.warnings)
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize(
    "header",
    [
        "---\ntitle: T\ndate: 2021-01-01\nsummary: |\n" + "  a line of the summary\n" * 400_000,
        "Title: T\nDate: 2021-01-01\nSummary: start\n" + "    a line of the summary\n" * 360_000,
    ],
    ids=["yaml", "pelican"],
)
def test_a_ten_megabyte_header_is_refused_at_once(
    db: Database, tmp_path: Path, header: str
) -> None:
    write(tmp_path, "huge.md", header + "---\n\nBody\n")
    good(tmp_path, "ok.md")
    result: ImportResult = finishes(lambda: import_as_admin(db, [tmp_path]), seconds=20)
    assert result.created == 1
    (error,) = result.errors
    assert "huge.md: the header is longer than 64 KB" in error


# Item 9: files without a date are dated from the file, as Pelican does


def test_pelican_files_without_a_date_take_the_files_time(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "in/a.md", "Title: Undated\n\nBody\n")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # 2020-09-13 12:26:40 UTC
    result = import_as_admin(db, [tmp_path / "in"])
    assert (result.created, result.errors) == (1, [])
    assert any(
        "a.md: no date: dated 2020-09-13 12:26 UTC from the file" in w for w in result.warnings
    )
    with db.transaction() as s:
        assert s.scalar(select(Statement.published_at)).timestamp() == 1_600_000_000


def test_hugo_files_without_a_date_need_date_from_file(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "in/a.md", "---\ntitle: Undated\n---\nBody\n")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    refused = import_as_admin(db, [tmp_path / "in"])
    assert refused.created == 0 and "--date-from-file" in refused.errors[0]
    assert import_as_admin(db, [tmp_path / "in"], date_from_file=True).created == 1
    pelican = write(tmp_path, "p/b.md", "Title: Undated too\n\nBody\n")
    assert "missing date" in import_as_admin(db, [pelican], date_from_file=False).errors[0]


# Item 10: languages are the office's


def test_lang_must_be_an_office_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good(tmp_path / "in", "a.md")
    db = str(tmp_path / "p.db")
    code = main(["--db", db, "import", "--lang", "../../x", str(tmp_path / "in")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == (
        "pressdesk: language '../../x' is not one of the office's languages (tg, ru, en)"
    )
    assert main(["--db", db, "import", "--lang", "ru", str(tmp_path / "in")]) == 0


def test_a_file_in_a_language_the_office_lacks_is_refused(db: Database, tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: T\ndate: 2020-01-01\nlang: de\n---\n")
    write(tmp_path, "b.ru-RU.md", "---\ntitle: Т\ndate: 2020-01-01\n---\n")
    result = import_as_admin(db, [tmp_path])
    assert result.created == 1
    assert result.errors == [
        f"{tmp_path / 'a.md'}: language 'de' is not one of the office's languages (tg, ru, en)"
    ]
    with db.transaction() as s:
        assert s.scalar(select(Statement.source_lang)) == "ru"


def test_a_statement_that_cannot_be_saved_leaves_the_others_of_its_batch(
    db: Database, tmp_path: Path
) -> None:
    for n in range(5):
        good(tmp_path, f"{n}.md", f"Good {n}")
    write(tmp_path, "2-long.md", f"---\ntitle: {'x' * 600}\ndate: 2021-01-01\n---\n")
    result = import_as_admin(db, [tmp_path])
    assert result.created == 5 and statement_count(db) == 5
    assert result.errors == [f"{tmp_path / '2-long.md'}: the title is longer than 500 characters"]
