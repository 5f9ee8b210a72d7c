"""The last sync's problems stay retrievable from the store, across a restart."""

from __future__ import annotations

from pathlib import Path

from reader import open_library


def test_problems_survive_a_restart(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "good.md").write_text("# 好\n", encoding="utf-8")
    (root / "binary.md").write_bytes(b"\x00\x01\x02binary")
    (root / "bad-front.md").write_text("---\ntitle: [unclosed\n---\n# 标题\n", encoding="utf-8")
    library = open_library(root)
    assert library.problems() == [] and library.last_sync() is None
    report = library.sync(facts=False)
    assert {p.path for p in report.problems} == {"binary.md", "bad-front.md"}
    library.close()

    again = open_library(root)
    kept = again.problems()
    assert kept == report.problems
    assert all(problem.reason for problem in kept)
    last = again.last_sync()
    assert last is not None and (last.added, last.skipped) == (2, 1)
    assert last.finished_at > 0

    (root / "binary.md").unlink()
    again.sync(facts=False)
    assert [p.path for p in open_library(root).problems()] == ["bad-front.md"]


def test_before_any_sync_the_problems_table_answers(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "binary.md").write_bytes(b"\x00\x01")
    library = open_library(root)
    library.sync(facts=False)
    library.connection().execute("DELETE FROM meta WHERE key = 'last_sync'")
    assert [p.path for p in library.problems()] == ["binary.md"]
    library.connection().execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_sync', 'not json')"
    )
    assert [p.path for p in library.problems()] == ["binary.md"]
