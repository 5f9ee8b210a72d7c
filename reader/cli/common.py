"""Pieces every subcommand shares: library argument checks, errors, JSON output."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from reader.text.sanitize import visible


class CliError(Exception):
    """A user-facing failure: one clear line on stderr, a non-zero exit, no traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def print_error(message: str) -> None:
    # Paths and messages may hold control characters: never let them reach the terminal raw.
    print(f"kbreader: {visible(message)}", file=sys.stderr)


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def check_library_path(raw: str | None) -> Path | None:
    """Validate a PATH argument naming a library folder; None means the bundled library."""
    if raw is None:
        return None
    path = Path(raw).expanduser()
    if not path.exists():
        raise CliError(f"no such folder: {raw}")
    if not path.is_dir():
        raise CliError(f"not a folder: {raw} (give the folder that holds the articles)")
    if not os.access(path, os.R_OK | os.X_OK):
        raise CliError(f"cannot read folder: {raw} (permission denied)")
    return path


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
