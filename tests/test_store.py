from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from reader import open_library
from reader.store import Library, LibraryError
from reader.store.schema import SCHEMA_VERSION


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def article(title: str, date: str = "2023-05-01", body: str = "正文。") -> str:
    return f"# {title}\n\n日期：{date}\n\n{body}\n"


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root / "a.md", article("甲", "2023-01-01"))
    write(root / "sub" / "b.markdown", article("乙", "2023-03-01"))
    write(root / "sub" / "deeper" / "c.txt", "丙\n没有标题的文本\n", "gb18030")
    write(root / ".hidden" / "d.md", article("隐藏"))
    write(root / ".e.md", article("隐藏文件"))
    write(root / "notes.pdf", "not an article")
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_first_sync_reads_everything_then_nothing(library_dir: Path) -> None:
    before = snapshot(library_dir)
    library = open_library(library_dir)
    report = library.sync(facts=False)
    assert (report.added, report.updated, report.removed, report.unchanged, report.skipped) == (
        3,
        0,
        0,
        0,
        0,
    )
    assert [a.path for a in library.articles()] == ["sub/b.markdown", "a.md", "sub/deeper/c.txt"]
    again = library.sync(facts=False)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert snapshot(library_dir) == before, "the library folder must never be written"
    assert not library.db_path.is_relative_to(library_dir)
    assert library.db_path.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))


def test_changes_are_picked_up(library_dir: Path) -> None:
    library = open_library(library_dir)
    library.sync(facts=False)
    write(library_dir / "a.md", article("甲改", "2023-01-02", "新的正文，更长一些。"))
    (library_dir / "sub" / "b.markdown").unlink()
    write(library_dir / "new.md", article("丁"))
    report = library.sync(facts=False)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 1)
    titles = {a.path: a.title for a in library.articles()}
    assert titles == {"a.md": "甲改", "new.md": "丁", "sub/deeper/c.txt": "丙"}
    assert library.article("a.md") is not None
    assert library.article("a.md").text.endswith("新的正文，更长一些。\n")  # type: ignore[union-attr]
    assert library.article("sub/b.markdown") is None


def test_unreadable_files_are_skipped_with_reasons(library_dir: Path) -> None:
    (library_dir / "binary.md").write_bytes(b"\x00\x01\x02binary")
    (library_dir / "junk.txt").write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE]) * 8)
    write(library_dir / "fm.md", "---\ntitle: [oops\n---\n# 正文标题\n")
    library = open_library(library_dir)
    report = library.sync(facts=False)
    assert report.added == 4 and report.skipped == 2
    reasons = {p.path: p for p in report.problems}
    assert "NUL" in reasons["binary.md"].reason
    assert "decode" in reasons["junk.txt"].reason
    assert reasons["fm.md"].line == 2
    again = library.sync(facts=False)
    assert again.skipped == 2 and again.unchanged == 4
    (library_dir / "binary.md").unlink()
    third = library.sync(facts=False)
    assert third.skipped == 1 and {p.path for p in third.problems} == {"junk.txt", "fm.md"}


def test_article_fields(library_dir: Path) -> None:
    library = open_library(library_dir)
    library.sync(facts=False)
    c = library.article("sub/deeper/c.txt")
    assert c is not None
    assert c.title == "丙" and c.date is None and c.text == "丙\n没有标题的文本\n"
    assert c.to_dict() == {
        "path": "sub/deeper/c.txt",
        "title": "丙",
        "date": None,
        "time": None,
        "source": None,
        "tags": [],
    }


def test_bundled_library_holds_the_seed() -> None:
    library = open_library()
    library.sync(facts=False)
    [seed] = library.articles()
    assert seed.title == "[区 域] 在“一带一路”播撒科创“种子”"
    assert seed.date is not None and seed.date.isoformat() == "2023-10-19T22:02:00"
    assert seed.source is not None and seed.source.startswith("http://digitalpaper.stdaily.com/")


def test_missing_or_file_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError):
        open_library(tmp_path / "missing")
    write(tmp_path / "f.md", "x")
    with pytest.raises(LibraryError):
        open_library(tmp_path / "f.md")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "old_schema"])
def test_broken_cache_is_moved_aside_and_rebuilt(library_dir: Path, damage: str) -> None:
    library = open_library(library_dir)
    library.sync(facts=False)
    library.state.toggle_bookmark("a.md")
    db = library.db_path
    library.close()
    if damage == "garbage":
        db.write_bytes(b"this is not a database at all" * 100)
        for side in ("-wal", "-shm"):
            Path(str(db) + side).unlink(missing_ok=True)
    elif damage == "truncated":
        data = db.read_bytes()
        db.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    else:
        conn = sqlite3.connect(db)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 100}")
        conn.close()
    reopened = open_library(library_dir)
    assert len(reopened.notices) == 1 and "moved it to" in reopened.notices[0]
    assert list(db.parent.glob(db.name + ".broken-*"))
    assert reopened.sync(facts=False).added == 3
    assert reopened.state.bookmarks() == {"a.md"}, "user state survives a rebuilt cache"


def test_user_state_round_trip(library_dir: Path) -> None:
    library = open_library(library_dir)
    state = library.state
    state.set_read("a.md")
    state.set_position("a.md", 120)
    assert state.toggle_bookmark("a.md") is True
    state.set_last_open("a.md")
    library.close()
    state = open_library(library_dir).state
    assert state.read_paths() == {"a.md"}
    assert state.position("a.md") == 120 and state.position("zz.md") is None
    assert state.bookmarks() == {"a.md"}
    assert state.last_open() == "a.md"
    assert state.toggle_bookmark("a.md") is False and state.bookmarks() == set()
    state.set_read("a.md", False)
    assert state.read_paths() == set()
    other = open_library(library_dir / "sub").state
    assert other.last_open() is None and other.bookmarks() == set()


def _sync_many(root: str, rounds: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        library = Library(Path(root))
        for _ in range(rounds):
            library.sync(facts=False)
            library.articles()
            library.search("北京")
        queue.put("ok")
    except Exception as error:  # noqa: BLE001 - reported to the parent test
        queue.put(repr(error))


def test_two_processes_sync_and_read_at_once(tmp_path: Path) -> None:
    root = tmp_path / "big"
    for index in range(150):
        write(
            root / f"{index:03d}.md",
            article(f"北京新闻{index}", f"2023-01-{index % 28 + 1:02d}", "北京科技。" * 200),
        )
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_sync_many, args=(str(root), 3, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert results == ["ok", "ok"]
    library = open_library(root)
    assert library.notices == []
    assert library.count() == 150
