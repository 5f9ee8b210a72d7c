from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import COMMAND_NAMES, build_parser, main

SEED_URL = "http://digitalpaper.stdaily.com/http_www.kjrb.com/kjrb/html/2023-10/20/content_561289.htm?div=-1"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )


def test_list_json_shows_the_seed() -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "path": "000_5e142f96c0527c7e.txt",
            "title": "[区 域] 在“一带一路”播撒科创“种子”",
            "date": "2023-10-19",
            "time": "22:02",
            "source": SEED_URL,
            "tags": [],
        }
    ]


def test_index_json_counts_and_problems(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# 甲\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00binary")
    result = run("index", str(tmp_path), "--json", "--no-facts")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"added", "updated", "removed", "unchanged", "skipped", "problems"}
    assert (report["added"], report["skipped"]) == (1, 1)
    assert report["problems"] == [{"path": "b.md", "reason": "binary file (contains NUL bytes)"}]
    again = json.loads(run("index", str(tmp_path), "--json", "--no-facts").stdout)
    assert (again["added"], again["unchanged"]) == (0, 1)


def test_index_table_and_list_table(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# 标题\x1b[2J\n\n日期：2023-05-01\n", encoding="utf-8")
    result = run("index", str(tmp_path), "--no-facts")
    # (The summary wraps at the terminal's width, which depends on the path's length.)
    assert result.returncode == 0 and "1 added" in " ".join(result.stdout.split())
    listing = run("list", str(tmp_path))
    assert "2023-05-01" in listing.stdout and "标题␛[2J" in listing.stdout
    assert "\x1b[2J" not in listing.stdout


@pytest.mark.parametrize("command", ["list", "index", "search", "entities"])
def test_bad_paths_give_one_line_and_no_traceback(tmp_path: Path, command: str) -> None:
    extra = ["北京"] if command == "search" else []
    missing = run(command, *extra, str(tmp_path / "missing"))
    assert missing.returncode != 0
    assert missing.stderr.strip().count("\n") == 0 and "no such folder" in missing.stderr
    (tmp_path / "f.md").write_text("x", encoding="utf-8")
    a_file = run(command, *extra, str(tmp_path / "f.md"))
    assert a_file.returncode != 0 and "not a folder" in a_file.stderr
    assert "Traceback" not in missing.stderr + a_file.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run("list", str(locked))
    finally:
        locked.chmod(0o755)
    assert result.returncode != 0 and "permission denied" in result.stderr


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "index" in capsys.readouterr().out


def test_command_names_match_the_parser() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(COMMAND_NAMES) == set(subparsers.choices)  # type: ignore[arg-type]


def test_too_many_arguments_for_the_reader(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["a", "b"]) == 2
    assert "unknown command" in capsys.readouterr().err
