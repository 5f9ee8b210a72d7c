"""Pieces every subcommand shares: library argument checks, errors, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import yaml
from rich.console import Console

from reader.text.sanitize import BIDI_CONTROLS, has_controls, visible

# Characters JSON may carry raw but a terminal must not get raw: DEL, C1, bidi controls, line
# and paragraph separators, and lone surrogates (a file name that is not UTF-8, which \udcXX
# keeps lossless). C0 controls JSON escapes itself.
_JSON_ESCAPED = re.compile(
    "[\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(map(chr, BIDI_CONTROLS)) + "]"
)


class CliError(Exception):
    """A user-facing failure: one clear line on stderr, a non-zero exit, no traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def print_error(message: str) -> None:
    # Paths and messages may hold control characters: never let them reach the terminal raw.
    print(f"kbreader: {one_line(message)}", file=sys.stderr)


def print_notice(message: str) -> None:
    """A notice from the store (a rebuilt index, a restored state): one safe line."""
    print(one_line(message), file=sys.stderr)


def one_line(message: str) -> str:
    return visible(" ".join(message.encode("utf-8", "backslashreplace").decode().split()))


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with every error on one line (usage stays on --help)."""

    def error(self, message: str) -> NoReturn:
        print_error(f"{message} (see {self.prog} --help)")
        raise SystemExit(2)


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
    sys.stdout.write(json_text(data) + "\n")


def json_text(data: Any) -> str:
    """JSON, readable (not ASCII-escaped) yet safe: see _JSON_ESCAPED. Lossless."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # Those characters can only stand inside JSON strings, where \uXXXX means the same.
    return _JSON_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def yaml_text(data: Any) -> str:
    return yaml.dump(data, Dumper=_SafeOutputDumper, allow_unicode=True, sort_keys=False, width=100)


class _SafeOutputDumper(yaml.SafeDumper):
    """A string holding a control (C0, C1, DEL, bidi) is written double-quoted with escapes.

    PyYAML escapes C0 and DEL itself but writes C1's NEL and bidi overrides raw once
    ``allow_unicode`` is on; for such a string it is turned off, so its non-ASCII characters
    are all written as escapes. Every other string stays readable."""

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if _unsafe_in_yaml(scalar):
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not _unsafe_in_yaml(text):
            super().write_double_quoted(text, split)
            return
        self.allow_unicode = False
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = True


def _unsafe_in_yaml(text: str) -> bool:
    return has_controls(text) or "\u2028" in text or "\u2029" in text
