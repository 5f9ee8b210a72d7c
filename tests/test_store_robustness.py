"""The store under the conditions real libraries and real users create."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import open_library
from reader.store import Library, LibraryError


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "front_matter",
    ["date: 2023-02-30", "date: 0000-01-01", "x: " + "[" * 3000 + "]" * 3000],
)
def test_front_matter_that_cannot_be_built_never_stops_a_sync(
    tmp_path: Path, front_matter: str
) -> None:
    write(tmp_path / "odd.md", f"---\n{front_matter}\n---\n# 奇怪的文章\n\n正文。\n")
    write(tmp_path / "fine.md", "# 正常的文章\n\n日期：2023-05-01\n")
    report = open_library(tmp_path).sync(facts=False)
    assert (report.added, report.skipped) == (2, 0)
    [problem] = report.problems
    assert problem.path == "odd.md" and "front matter" in problem.reason


def test_facts_extracted_from_old_text_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", "# 标题\n\n北京有12345人参加。\n")
    library = open_library(tmp_path)
    library.sync(facts=False)
    real_extract = __import__("reader.facts", fromlist=["extract_facts"]).extract_facts

    def extract_while_the_file_changes(text: str, published: object = None) -> object:
        facts = real_extract(text, published=published)
        write(tmp_path / "a.md", "# 标题\n\n上海有99999人参加，多了。\n")
        Library(tmp_path).sync(facts=False)
        return facts

    monkeypatch.setattr("reader.facts.extract_facts", extract_while_the_file_changes)
    library.update_facts()
    monkeypatch.setattr("reader.facts.extract_facts", real_extract)
    facts = library.facts("a.md").to_dict()
    text = library.article("a.md").text  # type: ignore[union-attr]
    assert "99999人" in [n["text"] for n in facts["numbers"]]
    assert all(text[n["start"] : n["end"]] == n["text"] for n in facts["numbers"])


def test_a_file_deleted_during_the_sync_is_removed_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", "# 甲\n")
    write(tmp_path / "b.md", "# 乙\n")
    library = open_library(tmp_path)
    library.sync(facts=False)
    write(tmp_path / "b.md", "# 乙改\n\n更长的正文。\n")

    from reader.store import sync as sync_module

    real_read = sync_module._read

    def read_after_delete(stat: sync_module.FileStat) -> object:
        stat.absolute.unlink()
        return real_read(stat)

    monkeypatch.setattr(sync_module, "_read", read_after_delete)
    report = library.sync(facts=False)
    assert report.removed == 1 and report.skipped == 0 and report.problems == []
    assert [a.path for a in library.articles()] == ["a.md"]


def _open_and_list(root: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        library = Library(Path(root))
        library.sync(facts=False)
        queue.put(("ok", library.notices))
    except Exception as error:  # noqa: BLE001
        queue.put(("error", repr(error)))


def test_many_processes_opening_a_new_cache_at_once(tmp_path: Path) -> None:
    for index in range(20):
        write(tmp_path / "lib" / f"{index}.md", f"# 文章{index}\n")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [
        context.Process(target=_open_and_list, args=(str(tmp_path / "lib"), queue))
        for _ in range(5)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert results == [("ok", [])] * 5
    library = open_library(tmp_path / "lib")
    assert library.count() == 20 and library.notices == []
    assert not list(library.db_path.parent.glob("*.broken-*"))


def test_damage_found_while_working_is_reported_and_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", "# 甲\n\n北京。\n")
    library = open_library(tmp_path)
    library.sync(facts=False)

    def broken(*args: object, **kwargs: object) -> object:
        raise sqlite3.DatabaseError("database disk image is malformed")

    with monkeypatch.context() as patch:
        patch.setattr("reader.store.search_index.search", broken)
        with pytest.raises(LibraryError, match="damaged"):
            library.search("北京")
    library.close()
    reopened = open_library(tmp_path)
    assert reopened.notices and "damaged" in reopened.notices[0]
    assert reopened.sync(facts=False).added == 1
    assert [r.path for r in reopened.search("北京")] == ["a.md"]


def test_facts_extracted_in_a_child_process(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "# 标题\n\n北京有258位数学家参加。\n")
    write(tmp_path / "b.md", "# 二\n\n上海举办150余场活动。\n")
    library = open_library(tmp_path)
    library.sync(facts=False)
    seen: list[tuple[str, int, int]] = []
    done = library.update_facts(
        lambda phase, d, t, _p: seen.append((phase, d, t)), in_subprocess=True
    )
    assert done == 2 and seen[-1] == ("facts", 2, 2)
    assert [n["text"] for n in library.facts("a.md").to_dict()["numbers"]] == ["258位"]
    assert "北京" in {e.name for e in library.entities()}
    assert library.update_facts(in_subprocess=True) == 0


_SPELLED_IN_THE_CHILD = """
import sys
from pathlib import Path
from reader import open_library
library = open_library(Path(sys.argv[1]))
library.sync(facts=False)
library.update_facts(in_subprocess=True)
spelled_here = "pypinyin" in sys.modules
found = [r.path for r in library.search("bjdt")]
print(spelled_here, "pypinyin" in sys.modules, found)
"""


def test_the_background_pass_spells_pinyin_in_its_child_not_in_this_process(
    tmp_path: Path,
) -> None:
    # The app's memory: pypinyin's dictionary is loaded by the child of the background pass
    # and freed with it; a pinyin query reads the stored spellings without it.
    library_root = tmp_path / "library"
    write(library_root / "a.md", "# 北京地铁\n\n北京有258位数学家参加。\n")
    write(library_root / "b.md", "# 二\n\n上海举办150余场活动。\n")
    out = subprocess.run(
        [sys.executable, "-c", _SPELLED_IN_THE_CHILD, str(library_root)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["False", "False", "['a.md']"]
