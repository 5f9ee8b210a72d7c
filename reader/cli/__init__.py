"""The ``kbreader`` subcommands. They use the core only, never Textual: the app is started by
``reader.launch``, which hands :func:`main` the function that opens it.

Each subcommand lives in its own module with a ``register(subparsers)`` function that adds its
parser and sets ``handler`` to a function ``(args) -> int``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from reader import __version__
from reader.cli import facts_cmd, library_cmds, search_cmd
from reader.cli.common import CliError, print_error
from reader.store.library import LibraryError
from reader.text.sanitize import visible

COMMAND_MODULES = (library_cmds, search_cmd, facts_cmd)
COMMAND_NAMES = ("index", "list", "search", "facts", "entities")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kbreader",
        description="Offline terminal reader for a knowledge base of (mostly Chinese) articles.",
        epilog="Without a command, opens the reader on PATH (default: the bundled sample library).",
    )
    parser.add_argument("--version", action="version", version=f"kbreader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


# (library folder or None for the bundled one, article to open in it or None) -> exit status
ReaderLauncher = Callable[[Path | None, str | None], int]


def main(argv: Sequence[str] | None = None, open_reader: ReaderLauncher | None = None) -> int:
    """Run one subcommand; ``kbreader [PATH]`` checks PATH and calls ``open_reader`` with the
    library folder and, when PATH is an article file, that file's path in it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = {"-h", "--help", "--version", *COMMAND_NAMES}
    if not argv or argv[0] not in known:
        return library_cmds.open_reader(argv, parser, open_reader)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CliError as error:
        print_error(str(error))
        return error.exit_code
    except LibraryError as error:
        print_error(visible(str(error)))
        return 1
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
