"""Every key and every subcommand is documented: in the README and on the ? screen."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from reader.cli import build_parser
from reader.ui.app import COMMANDS
from reader.ui.help_screen import HelpScreen, key_label
from reader.ui.keys import all_bindings
from tests.app_support import make_app

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_key_rows() -> list[tuple[set[str], set[str]]]:
    """(keys, binding ids) of each row of the README's key table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Keys", 1)[1].split("\n### ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("key", "---"):
            keys = {k.strip() for k in re.split(r" / |, ", cells[0])}
            rows.append((keys, set(re.findall(r"`([^`]+)`", cells[2]))))
    return rows


def subcommands() -> set[str]:
    parser = build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(action.choices)


def test_every_binding_has_a_row_in_the_readme_with_its_keys() -> None:
    rows = readme_key_rows()
    for binding in all_bindings():
        if binding.id is None:
            continue  # the search bar's own Enter: described in the Enter row
        row = next((keys for keys, ids in rows if binding.id in ids), None)
        assert row is not None, f"{binding.id} is not in the README's key table"
        for key in binding.key.split(","):
            assert key_label(key) in row, f"{binding.id}: {key_label(key)} not in {row}"


def test_every_subcommand_is_in_the_readme_and_on_the_help_screen() -> None:
    readme = README.read_text(encoding="utf-8")
    helped = " ".join(command for command, _ in COMMANDS)
    for name in subcommands():
        assert f"kbreader {name}" in readme, name
        assert f"kbreader {name}" in helped, name


async def test_the_help_screen_lists_every_binding_and_subcommand(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.binding_ids == {b.id for b in all_bindings() if b.id}
        assert {c.split()[1] for c in (cmd for cmd, _ in app.screen.commands) if " " in c} >= (
            subcommands()
        )
