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
from reader.cli.common import ArgumentParser, CliError, print_error
from reader.paths import write_crash_log
from reader.store import LibraryError

COMMAND_MODULES = (library_cmds, search_cmd, facts_cmd)
COMMAND_NAMES = ("index", "list", "search", "facts", "entities")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="kbreader",
        usage="kbreader [-h] [--version] [PATH | COMMAND ...]",
        description="Offline terminal reader for a knowledge base of (mostly Chinese) articles.",
        epilog=(
            "Without a command, opens the reader on PATH: a folder of articles, or one article"
            " (.md, .markdown, .txt) with its folder (default: the bundled sample library)."
            " kbreader COMMAND -h tells more of each command."
        ),
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
    if argv[0] == "search":
        argv = ["search", *search_cmd.query_first(argv[1:])]
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CliError as error:
        print_error(str(error))
        return error.exit_code
    except LibraryError as error:  # a damaged index that could not be rebuilt, a full disk
        print_error(str(error))
        return 1
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print_error(f"cannot use{where}: {error.strerror or error}")
        return 1
    except Exception as error:  # noqa: BLE001 - a bug still gets one line, and a log
        log = write_crash_log(error)
        details = f"; details in {log}" if log is not None else ""
        print_error(f"unexpected error: {type(error).__name__}: {error}{details}")
        return 1
