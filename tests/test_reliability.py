"""Issue 13's numbered failures, one test (or a few) each: no file, byte or full disk takes the
library down, and nothing unsafe reaches the terminal or the clipboard.

Each test was seen to fail on the release before the fix (9e53a93). Tests that could hang or
eat memory on a broken build run the risky part in a daemon thread or a child process with a
limit, so a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader import open_library
from reader.cli import main
from reader.store import LibraryError
from reader.store.library import Library

UNSAFE_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
GBK_NAME = os.fsdecode("北京新闻".encode("gbk") + b".md")  # not valid UTF-8


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """Run ``kbreader ARGS`` in this process (as the console script would), capturing it."""

    def run(*args: str) -> Ran:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


def finishes(work: Callable[[], object], seconds: float = 20) -> object:
    """``work()``'s result, or fail if it blocks (a daemon thread: a hang cannot stall pytest)."""
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still blocked after {seconds} s"
    return outcome[0]


# --- 1. one file with a non-UTF-8 name --------------------------------------------------------


def test_1_a_file_name_that_is_not_utf8_is_listed_stored_and_readable(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    root = tmp_path / "lib"
    write(root / GBK_NAME, "# 北京新闻\n\n正文。\n")
    write(root / "fine.md", "# 正常\n")
    library = open_library(root)
    report = library.sync(facts=False)
    assert (report.added, report.skipped) == (2, 0)
    article = library.article(GBK_NAME)
    assert article is not None and article.text == "# 北京新闻\n\n正文。\n"
    assert sorted(a.path for a in library.articles()) == sorted([GBK_NAME, "fine.md"])
    library.state.set_read(GBK_NAME)
    assert library.state.read_paths() == {GBK_NAME}
    assert library.sync(facts=False).unchanged == 2  # stored losslessly: nothing re-read

    listing = cli("list", str(root))
    assert listing.returncode == 0, listing.stderr
    assert "\\xb1\\xb1" in listing.stdout  # the odd bytes shown as escapes, like ls -b
    as_json = cli("list", str(root), "--json")
    paths = {entry["path"] for entry in json.loads(as_json.stdout)}
    assert paths == {GBK_NAME, "fine.md"}  # \udcXX escapes: lossless for a script
    assert cli("search", "正文", str(root)).returncode == 0


def test_1_a_file_whose_title_comes_from_a_non_utf8_name(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / os.fsdecode(b"\xff\xfe-note.txt"), "")
    library = open_library(root)
    assert library.sync(facts=False).added == 1
    [article] = library.articles()
    assert article.title == "\\xff\\xfe-note"


# --- 2. YAML bombs in front matter and config; a FIFO as config ------------------------------

# The "billion laughs": about 600 bytes that expand to 9**8 = 43 million strings.
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefg", "bcdefgh", strict=True)
)

_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from pathlib import Path
"""


def run_limited(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child with 1.5 GB of address space: a bomb fails, not the machine."""
    return subprocess.run(
        [sys.executable, "-c", _CHILD + code], capture_output=True, text=True, timeout=timeout
    )


def test_2_alias_bomb_in_front_matter_loads_the_article_without_it(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "bomb.md", f"---\n{BOMB}title: *h\ntags: *h\n---\n# 炸弹\n\n正文。\n")
    write(root / "good.md", "# 好文章\n\n日期：2023-05-01\n")
    result = run_limited(
        "from reader import open_library\n"
        f"library = open_library({str(root)!r})\n"
        "report = library.sync(facts=False)\n"
        "print(report.added, [p.reason for p in report.problems])\n"
        "print(sorted(a.title for a in library.articles()))\n"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    counts, titles = result.stdout.splitlines()
    assert counts.startswith("2 ") and "front matter ignored: aliases expand" in counts
    assert titles == str(sorted(["炸弹", "好文章"]))


def test_2_config_bombs_are_refused_quickly(tmp_path: Path) -> None:
    remaps = ", ".join(f"k{index}: *h" for index in range(9))  # a mapping, as keys: wants
    config = write(tmp_path / "config.yaml", f"theme: nord\n{BOMB}m: &m {{{remaps}}}\nkeys: *m\n")
    result = run_limited(
        "from reader.config import load_config\n"
        f"config = load_config(Path({str(config)!r}))\n"
        "print(config.theme, config.keys, config.errors)\n",
        timeout=30,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "None {}" in result.stdout and "aliases expand" in result.stdout

    from reader.config import load_config

    deep = write(tmp_path / "deep.yaml", "reading_width: 70\nkeys: " + "[" * 5000 + "]" * 5000)
    loaded = load_config(deep)
    assert loaded.errors and "nested deeper" in loaded.errors[0]


def test_2_a_fifo_as_config_never_blocks_start_up(tmp_path: Path) -> None:
    from reader.config import Config, load_config

    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    config = finishes(lambda: load_config(fifo))
    assert isinstance(config, Config)
    assert config.errors and "FIFO" in config.errors[0]


# --- 3. damage that only a read meets ---------------------------------------------------------


def test_3_a_bad_byte_in_a_stored_column_is_repaired_by_the_read(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n\n来源：https://example.com/a\n\n北京。\n")
    write(root / "b.md", "# 乙\n")
    library = open_library(root)
    library.sync(facts=False)
    db_path = library.db_path
    library.close()
    conn = sqlite3.connect(db_path)
    # A raw 0xFF in a TEXT column, with an escape sequence beside it (quoted by SQLite).
    conn.execute("UPDATE articles SET source = CAST(x'ff1b5d303b6576696c07' AS TEXT)")
    conn.commit()
    conn.close()

    listing = cli("list", str(root))
    assert listing.returncode == 0, listing.stderr
    assert "甲" in listing.stdout and "乙" in listing.stdout
    assert "rebuilt" in listing.stderr and "\x1b" not in listing.stderr
    assert "Traceback" not in listing.stderr

    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE articles SET title = CAST(x'ff' AS TEXT)")
    conn.commit()
    conn.close()
    reopened = open_library(root)
    assert sorted(a.title for a in reopened.articles()) == ["乙", "甲"]
    assert any("rebuilt" in notice for notice in reopened.notices)


def test_3_a_dropped_store_table_is_caught_on_open(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n")
    library = open_library(root)
    library.sync(facts=False)
    library.state.toggle_bookmark("a.md")
    library.close()
    conn = sqlite3.connect(library.db_path)
    conn.execute("DROP TABLE problems")
    conn.commit()
    conn.close()
    reopened = open_library(root)
    assert reopened.notices and "missing its table(s) problems" in reopened.notices[0]
    assert reopened.sync(facts=False).added == 1
    assert reopened.state.bookmarks() == {"a.md"}


# --- 4. a corrupt, foreign or truncated state.sqlite3 -----------------------------------------


def _state_with_a_bookmark(root: Path) -> Path:
    write(root / "a.md", "# 甲\n")
    write(root / "b.md", "# 乙\n")
    library = open_library(root)
    library.state.toggle_bookmark("a.md")
    library.state.set_position("a.md", 42)
    library.close()
    open_library(root).close()  # the next start backs up the state the first one left
    return library.state.db_path


@pytest.mark.parametrize("damage", ["garbage", "foreign", "truncated"])
def test_4_broken_state_is_moved_aside_and_restored_from_the_backup(
    tmp_path: Path, damage: str
) -> None:
    root = tmp_path / "lib"
    state_path = _state_with_a_bookmark(root)
    for side in ("-wal", "-shm"):
        Path(f"{state_path}{side}").unlink(missing_ok=True)
    if damage == "garbage":
        state_path.write_bytes(b"not a database at all " * 200)
    elif damage == "foreign":
        state_path.unlink()
        conn = sqlite3.connect(state_path)
        conn.execute("CREATE TABLE users (name TEXT, password TEXT)")
        conn.commit()
        conn.close()
    else:
        data = state_path.read_bytes()
        state_path.write_bytes(data[: len(data) // 2])
    library = open_library(root)
    assert library.state.bookmarks() == {"a.md"}
    assert library.state.position("a.md") == 42
    [notice] = [n for n in library.notices if "reading state" in n]
    assert "moved it to state.sqlite3.broken-" in notice and "restored the backup" in notice
    library.state.toggle_bookmark("b.md")
    assert library.state.bookmarks() == {"a.md", "b.md"}


def test_4_state_damage_met_while_running_is_repaired(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    state_path = _state_with_a_bookmark(root)
    library = open_library(root)
    library.state.bookmarks()
    library.state.close()
    for side in ("-wal", "-shm"):
        Path(f"{state_path}{side}").unlink(missing_ok=True)
    state_path.write_bytes(b"\0" * 4096)
    assert library.state.bookmarks() == {"a.md"}  # no "file is not a database"


def test_4_backups_rotate_three_kept(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n")
    for run in range(6):
        library = open_library(root)
        library.state.set_position("a.md", run)
        library.close()
    backups = library.state.backups()
    assert len(backups) == 3
    positions = []
    for backup in backups:
        conn = sqlite3.connect(backup)
        positions.append(conn.execute("SELECT offset FROM positions").fetchone()[0])
        conn.close()
    assert positions == [4, 3, 2]  # taken at each start: the newest holds the last run's


def test_4_unusable_state_folder_still_starts(tmp_path: Path, isolated_home: Path) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n")
    data = isolated_home / "data" / "kbreader"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the state folder should be")
    library = open_library(root)
    assert any("kept only until the reader closes" in n for n in library.notices)
    assert library.state.toggle_bookmark("a.md") is True
    assert library.state.bookmarks() == {"a.md"}


# --- 5. disk full is disk full ----------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """Every cache connection can grow by no page (SQLite's max_page_count): SQLITE_FULL."""
    from reader.store import database

    real_connect = database.connect
    full = {"on": False}

    def connect(path: Path) -> sqlite3.Connection:
        conn = real_connect(path)
        if full["on"] and "libraries" in str(path):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(database, "connect", connect)
    monkeypatch.setattr("reader.store.library.connect", connect, raising=False)

    def switch(on: bool) -> None:
        full["on"] = on

    return switch


def _library_of(root: Path, count: int) -> None:
    for index in range(count):
        write(root / f"{index:02d}.md", f"# 文章{index}\n\n北京新闻{index}。" + "内容" * 200)


def test_5_disk_full_is_reported_as_such_and_damages_nothing(
    tmp_path: Path, full_disk: Callable[[bool], None]
) -> None:
    root = tmp_path / "lib"
    _library_of(root, 3)
    open_library(root).sync(facts=False)  # a first cache, then the disk fills up
    full_disk(True)
    _library_of(root, 30)
    library = open_library(root)
    with pytest.raises(
        LibraryError, match=r"disk is full: cannot write in .*libraries \(.* free\)"
    ):
        library.sync(facts=False)
    cache = library.db_path.parent
    assert not list(cache.glob("*.damaged")) and not list(cache.glob("*.broken-*"))
    library.close()

    full_disk(False)  # space is back: the same sync goes on
    again = open_library(root)
    assert again.notices == []
    assert again.sync(facts=False).added == 27
    assert again.count() == 30


def test_5_disk_full_on_the_command_line_is_one_line(
    tmp_path: Path, full_disk: Callable[[bool], None], capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    _library_of(root, 20)
    full_disk(True)
    assert main(["index", str(root), "--no-facts"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk is full" in err and "free" in err


def test_5_a_damage_marker_that_cannot_be_written_raises_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store.database import mark_damaged

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", no_space)
    mark_damaged(tmp_path / "x.sqlite3", sqlite3.DatabaseError("database disk image is malformed"))
    mark_damaged(tmp_path / "x.sqlite3", OSError(errno.ENOSPC, "No space left on device"))


def test_5_moved_aside_copies_are_pruned_to_the_newest_two(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n")
    library = open_library(root)
    library.close()
    for index in range(5):
        copy = library.db_path.with_name(f"{library.db_path.name}.broken-2024010{index}-000000")
        copy.write_bytes(b"old")
        os.utime(copy, (1_700_000_000 + index, 1_700_000_000 + index))
    library.db_path.write_bytes(b"garbage" * 100)
    reopened = open_library(root)
    assert reopened.notices
    copies = sorted(p.name for p in library.db_path.parent.glob("*.broken-*"))
    assert len(copies) == 2 and copies[0].endswith("20240104-000000")


# --- 6. big files -----------------------------------------------------------------------------


def test_6_facts_of_a_huge_article_come_from_its_head_and_others_get_theirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.store.facts_cache.FACTS_MAX_CHARS", 4000, raising=False)
    root = tmp_path / "lib"
    paragraph = "北京有12人参加会议。\n\n"
    write(root / "huge.md", "# 大文件\n\n" + paragraph * 30_000)  # 390,000 characters
    write(root / "small.md", "# 小文件\n\n上海有34人参加。\n")
    library = open_library(root)
    report = library.sync()
    assert report.facts_extracted == 2
    huge = library.facts("huge.md").to_dict()
    assert huge["numbers"] and max(n["end"] for n in huge["numbers"]) <= 4000
    assert [n["text"] for n in library.facts("small.md").to_dict()["numbers"]] == ["34人"]
    [note] = [p for p in report.problems if p.path == "huge.md"]
    assert note.reason.startswith("facts from the first") and "390,0" in note.reason


def test_6_a_file_over_the_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "fine.md", "# 好\n")
    with (root / "huge.md").open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk used
    report = open_library(root).sync(facts=False)
    assert report.added == 1 and report.skipped == 1
    [problem] = report.problems
    assert problem.path == "huge.md" and "too big" in problem.reason


def test_6_facts_are_committed_article_by_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    for index in range(3):
        write(root / f"{index}.md", f"# 文{index}\n\n北京有{index + 10}人。\n")
    library = open_library(root)
    library.sync(facts=False)
    from reader.store import facts_cache

    real = facts_cache.extract_dicts
    calls = []

    def slow_on_the_third(items: list[tuple[str, str | None]]) -> list[dict[str, Any]]:
        calls.append(len(items))
        if any("12人" in text for text, _ in items):
            raise KeyboardInterrupt  # the user quits during the slow one
        return real(items)

    monkeypatch.setattr(facts_cache, "BATCH_CHARS", 10, raising=False)
    monkeypatch.setattr(facts_cache, "extract_dicts", slow_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        library.update_facts()
    monkeypatch.setattr(facts_cache, "extract_dicts", real)
    assert library.update_facts() == 1  # the two before it were kept


# --- 8. escapes and markup --------------------------------------------------------------------


def test_8_hostile_folder_names_reach_the_terminal_visibly_and_never_as_markup(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    root = tmp_path / "x[/tmp] [archive] \x1b]0;owned\x07"
    write(root / "a.md", "# 标题\x1b[31m红\n")
    for command in ("index", "list"):
        result = cli(command, str(root), "--no-facts" if command == "index" else "--json")
        assert result.returncode == 0, result.stderr
        assert not UNSAFE_OUTPUT.search(result.stdout + result.stderr)
    shown = cli("list", str(root))
    assert "[archive]" in shown.stdout and "x[/tmp]" in shown.stdout
    assert "␛]0;owned␇" in shown.stdout and "标题␛[31m红" in shown.stdout


def test_8_json_and_yaml_escape_c1_del_and_bidi_controls(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    hostile = "北京\x9b31m\u202e反转\x7f\x85\u2066结束"
    article = write(tmp_path / "a.md", f"# {hostile}\n\n北京有12人。\n")
    outputs = {
        "list": cli("list", str(tmp_path), "--json"),
        "facts-json": cli("facts", str(article), "--json"),
        "facts-yaml": cli("facts", str(article), "--yaml"),
    }
    for name, result in outputs.items():
        assert result.returncode == 0, (name, result.stderr)
        assert not UNSAFE_OUTPUT.search(result.stdout), name
    title = " ".join(hostile.split())  # a title's whitespace (NEL is) is collapsed
    assert json.loads(outputs["list"].stdout)[0]["title"] == title  # lossless
    assert json.loads(outputs["facts-json"].stdout)["title"] == title
    assert yaml.safe_load(outputs["facts-yaml"].stdout)["title"] == title


def test_8_clipboard_takes_only_a_plain_url() -> None:
    from reader.text.sanitize import clipboard_url

    assert clipboard_url(" https://example.com/a?b=1 ") == "https://example.com/a?b=1"
    assert clipboard_url("https://e.com/\x1b]52;c;ZXZpbA==\x07") is None
    assert clipboard_url("https://e.com/\u202egnp.exe") is None
    assert clipboard_url("https://e.com/a b") is None
    assert clipboard_url("javascript alert") is None


# --- 9. reading outside the library -----------------------------------------------------------


def test_9_links_out_of_the_library_and_into_proc_are_not_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    outside = write(tmp_path / "outside" / "secret.md", "# 秘密\n")
    write(root / "a.md", "# 甲\n")
    write(root / "sub" / "b.md", "# 乙\n")
    (root / "passwd.md").symlink_to(outside)
    (root / "status.md").symlink_to("/proc/self/status")
    (root / "inside.md").symlink_to(root / "sub" / "b.md")
    library = open_library(root)  # the default: links out of the library are not followed
    report = library.sync(facts=False)
    assert sorted(a.path for a in library.articles()) == ["a.md", "inside.md", "sub/b.md"]
    reasons = {problem.path: problem.reason for problem in report.problems}
    assert "link out of the library" in reasons["passwd.md"]
    assert "never reads /proc" in reasons["status.md"]
    again = library.sync(facts=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    allowed = open_library(root, follow_external_links=True).sync(facts=False)
    assert allowed.added == 1  # secret.md now; /proc still never
    assert any("never reads /proc" in p.reason for p in allowed.problems)


def test_9_follow_external_links_comes_from_the_config(tmp_path: Path, isolated_home: Path) -> None:
    root = tmp_path / "lib"
    (root).mkdir()
    (root / "out.md").symlink_to(write(tmp_path / "elsewhere.md", "# 外面\n"))
    write(isolated_home / "config" / "kbreader" / "config.yaml", "follow_external_links: true\n")
    assert open_library(root).sync(facts=False).added == 1


def test_9_a_file_swapped_for_a_fifo_before_it_is_read_never_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n")
    write(root / "b.md", "# 乙\n")
    from reader.store import sync as sync_module

    real_read = sync_module._read

    def swap_then_read(stat: Any) -> Any:
        if stat.path == "b.md":
            stat.absolute.unlink()
            os.mkfifo(stat.absolute)
        return real_read(stat)

    monkeypatch.setattr(sync_module, "_read", swap_then_read)
    library = Library(root)
    report = finishes(lambda: library.sync(facts=False))
    assert isinstance(report, type(library.sync(facts=False)))
    assert [a.path for a in library.articles()] == ["a.md"]


def test_9_a_library_inside_proc_is_refused() -> None:
    with pytest.raises(LibraryError, match="never reads /proc"):
        open_library("/proc/self")


# --- 10. silent mojibake ----------------------------------------------------------------------

TRADITIONAL = "# 臺北新聞\n\n今天臺北天氣很好，市民紛紛出門散步，公園裡擠滿了遊客。\n"
JAPANESE = "# 東京のニュース\n\n今日の東京は晴れです。多くの人が公園へ散歩に出かけました。\n"
SIMPLIFIED = "# 北京新闻\n\n今天北京天气很好，市民纷纷出门散步，公园里挤满了游客。\n"


def test_10_big5_shift_jis_and_utf16_without_bom_are_read_right(tmp_path: Path) -> None:
    write(tmp_path / "big5.md", TRADITIONAL, "big5")
    write(tmp_path / "sjis.md", JAPANESE, "shift_jis")
    write(tmp_path / "gbk.md", SIMPLIFIED, "gbk")
    write(tmp_path / "utf16.md", SIMPLIFIED, "utf-16-le")
    library = open_library(tmp_path)
    report = library.sync(facts=False)
    assert report.added == 4 and report.problems == []
    texts = {a.path: a.text for a in library.articles()}
    assert texts == {
        "big5.md": TRADITIONAL,
        "sjis.md": JAPANESE,
        "gbk.md": SIMPLIFIED,
        "utf16.md": SIMPLIFIED,
    }


def test_10_an_unsure_guess_is_reported_never_silent(tmp_path: Path) -> None:
    write(tmp_path / "short.md", "臺灣", "big5")  # four bytes: GB18030 reads them too
    report = open_library(tmp_path).sync(facts=False)
    assert report.added == 1
    [problem] = report.problems
    assert problem.reason.startswith("encoding unsure")


# --- 11. command line ---------------------------------------------------------------------------


def test_11_a_query_may_start_with_a_dash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "bj.md", "# 北京\n\n北京新闻。\n")
    write(tmp_path / "sh.md", "# 上海\n\n上海新闻。\n")
    assert main(["search", "-上海", str(tmp_path), "--json"]) == 0  # argparse took it as -上
    assert isinstance(json.loads(capsys.readouterr().out)["results"], list)
    assert main(["search", "-上海 新闻", str(tmp_path), "--json"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)["results"]] == ["bj.md"]
    assert main(["search", "--json", "--", "-上海 新闻", str(tmp_path)]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)["results"]] == ["bj.md"]


def test_11_errors_are_one_line(
    tmp_path: Path, isolated_home: Path, cli: Callable[..., Ran]
) -> None:
    article = write(tmp_path / "a.md", "# 甲\n\n北京有12人。\n")
    cache = isolated_home / "cache" / "kbreader"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("a file where the cache folder should be")
    # facts needs no cache (since the segmenter keeps none): it works, or says why in a line.
    facts = cli("facts", str(article))
    assert "Traceback" not in facts.stderr
    assert facts.returncode == 0 or facts.stderr.count("\n") == 1
    for args in (("list", str(tmp_path)), ("entities", str(tmp_path)), ("search", "--limit")):
        result = cli(*args)
        assert result.returncode != 0, args
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (
            args,
            result.stderr,
        )


def test_11_the_app_exits_non_zero_after_a_crash_and_names_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.ui import app as app_module
    from reader.ui.main_screen import MainScreen

    def crash(self: MainScreen) -> None:
        raise RuntimeError("boom")

    real_run = app_module.KbReaderApp.run

    def run_headless(self: app_module.KbReaderApp, **kwargs: Any) -> Any:
        return real_run(self, headless=True, **kwargs)

    monkeypatch.setattr(MainScreen, "on_mount", crash)
    monkeypatch.setattr(app_module.KbReaderApp, "run", run_headless)
    write(tmp_path / "a.md", "# 甲\n")
    assert app_module.run_app(tmp_path) == 1
    err = capsys.readouterr().err
    log = re.search(r"details in (\S+\.log)", err)
    assert log is not None and "RuntimeError: boom" in Path(log.group(1)).read_text()


# --- 8, in the app: the clipboard --------------------------------


async def test_8_the_app_copies_only_a_plain_source_url(tmp_path: Path) -> None:
    from reader.ui.article_list import ArticleList
    from tests.app_support import make_app, settle

    write(
        tmp_path / "a.md", "# 甲\n\n来源：https://example.com/x\x1b]52;c;ZXZpbA==\x07\n\n正文。\n"
    )
    write(tmp_path / "b.md", "# 乙\n\n来源：https://example.com/plain\n\n正文。\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main_screen.query_one(ArticleList)
        for path, url in (("a.md", None), ("b.md", "https://example.com/plain")):
            articles.focus()
            articles.select_path(path)
            await pilot.press("enter")
            await settle(pilot)
            article = app.main_screen.state.article
            assert article is not None and article.path == path
            await pilot.press("o")
            if url is None:
                assert app.clipboard == ""
            else:
                assert app.clipboard == url


def test_3_articles_emptied_behind_our_back_get_their_own_facts(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "# 甲\n\n北京有12人。\n")
    library = open_library(tmp_path)
    library.sync()
    library.close()
    conn = sqlite3.connect(library.db_path)  # foreign keys off, as in any sqlite3 shell
    conn.execute("DELETE FROM articles")
    conn.commit()
    conn.close()
    write(tmp_path / "a.md", "# 甲\n\n上海有34人。\n")
    reopened = open_library(tmp_path)
    assert reopened.sync(facts=False).added == 1
    assert [n["text"] for n in reopened.facts("a.md").to_dict()["numbers"]] == ["34人"]
