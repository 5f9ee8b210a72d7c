"""The ``kbreader`` entry point: a subcommand runs in ``reader.cli``; ``kbreader [PATH]`` opens
the app. This is the one place that knows both, so the CLI never imports Textual."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_reader=_run_app)


def _run_app(library_path: Path | None, article: str | None = None) -> int:
    """Open the app on ``library_path``; ``article`` (a path in it) is the one to show.

    The app opens the article it last showed, so naming ``article`` as that is how it gets
    shown first (and ``kbreader FILE.md`` then leaves it as the last article read)."""
    from reader.ui.app import run_app  # Textual loads only when the app is asked for

    if article is not None:
        remember_as_open(library_path, article)
    return run_app(library_path)


def remember_as_open(library_path: Path | None, article: str) -> None:
    from reader.paths import data_dir, seeds_dir
    from reader.store.state import UserState

    root = (seeds_dir() if library_path is None else library_path).resolve()
    state = UserState(data_dir() / "state.sqlite3", str(root))
    try:
        state.set_last_open(article)
    finally:
        state.close()
