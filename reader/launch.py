"""The ``kbreader`` entry point: a subcommand runs in ``reader.cli``; ``kbreader [PATH]`` opens
the app. This is the one place that knows both, so the CLI never imports Textual."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_reader=_run_app)


def _run_app(library_path: Path | None, article: str | None = None) -> int:
    """Open the app on ``library_path``; ``article`` (a path in it) is the one to show first."""
    from reader.ui.app import run_app  # Textual loads only when the app is asked for

    return run_app(library_path, article)
