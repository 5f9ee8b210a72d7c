"""`kbreader FILE.md` opens that file in its folder; `E`'s editor choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import cli
from reader.editor import EditorError, editor_command


class Launcher:
    def __init__(self) -> None:
        self.calls: list[tuple[Path | None, str | None]] = []

    def __call__(self, library: Path | None, article: str | None) -> int:
        self.calls.append((library, article))
        return 0


def write(path: Path, text: str = "# 标题\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_opens_in_its_folder(tmp_path: Path) -> None:
    article = write(tmp_path / "notes" / "第12期.md")
    launch = Launcher()
    assert cli.main([str(article)], open_reader=launch) == 0
    assert launch.calls == [((tmp_path / "notes").resolve(), "第12期.md")]


def test_a_link_to_a_file_opens_the_folder_the_file_is_in(tmp_path: Path) -> None:
    real = write(tmp_path / "library" / "a.markdown")
    link = tmp_path / "desktop" / "link.md"
    link.parent.mkdir()
    link.symlink_to(real)
    launch = Launcher()
    assert cli.main([str(link)], open_reader=launch) == 0
    assert launch.calls == [((tmp_path / "library").resolve(), "a.markdown")]


def test_a_folder_and_nothing_still_work(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "a.md")
    launch = Launcher()
    assert cli.main([str(tmp_path / "notes")], open_reader=launch) == 0
    assert cli.main([], open_reader=launch) == 0
    assert launch.calls == [(tmp_path / "notes", None), (None, None)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("report.pdf", "not an article file"),
        (".hidden.md", "hidden files are not read"),
        ("missing.md", "no such file or folder"),
    ],
)
def test_files_that_cannot_be_opened_say_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    if name != "missing.md":
        write(tmp_path / name)
    launch = Launcher()
    assert cli.main([str(tmp_path / name)], open_reader=launch) == 2
    assert launch.calls == []
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_editor_order_editor_then_visual_then_vi() -> None:
    file = Path("/lib/第12期.md")
    assert editor_command(file, {"EDITOR": "nano", "VISUAL": "code"}) == ["nano", str(file)]
    assert editor_command(file, {"VISUAL": "code --wait"}) == ["code", "--wait", str(file)]
    assert editor_command(file, {"EDITOR": "  ", "VISUAL": ""}) == ["vi", str(file)]
    assert editor_command(file, {}) == ["vi", str(file)]
    quoted = {"EDITOR": "'/opt/My Editor/ed' -n"}
    assert editor_command(file, quoted) == ["/opt/My Editor/ed", "-n", str(file)]


def test_a_broken_editor_setting_is_reported_not_guessed() -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR"):
        editor_command("x.md", {"EDITOR": "vim 'unclosed", "VISUAL": "code"})


def test_the_file_is_one_argument_whatever_its_name() -> None:
    odd = "a b; rm -rf ~ $(x).md"
    assert editor_command(odd, {"EDITOR": "vi"}) == ["vi", odd]
