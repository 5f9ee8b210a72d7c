"""`kbreader index`, `kbreader list`, and opening the reader itself."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from reader.cli.common import (
    CliError,
    check_library_path,
    one_line,
    print_error,
    print_json,
    print_notice,
    stdout_console,
)
from reader.documents import SUFFIXES
from reader.documents.dates import to_iso
from reader.store import Library, LibraryError, SyncReport, open_library
from reader.text.sanitize import shown_path, visible

_PHASES = {"read": "Reading articles", "facts": "Extracting facts"}


def register(subparsers: Any) -> None:
    index = subparsers.add_parser("index", help="sync the library's index and show what changed")
    index.add_argument(
        "path", nargs="?", metavar="PATH", help="library folder (default: the bundled library)"
    )
    index.add_argument("--json", action="store_true", help="print one JSON object")
    index.add_argument("--no-facts", action="store_true", help="skip fact extraction")
    index.set_defaults(handler=run_index)

    listing = subparsers.add_parser("list", help="list the library's articles, newest first")
    listing.add_argument(
        "path", nargs="?", metavar="PATH", help="library folder (default: the bundled library)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(handler=run_list)


def open_checked(raw_path: str | None) -> Library:
    """Open the library named on the command line, turning every failure into one line."""
    path = check_library_path(raw_path)
    try:
        library = open_library(path)
    except LibraryError as error:
        raise CliError(str(error), exit_code=1) from None
    except OSError as error:
        raise CliError(f"cannot open the index: {error}", exit_code=1) from None
    show_notices(library)
    return library


def show_notices(library: Library) -> None:
    """Print (once) what the store has to say: a rebuilt index, a restored reading state."""
    for notice in library.take_notices():
        print_notice(notice)


def sync_with_progress(library: Library, *, facts: bool, quiet: bool) -> SyncReport:
    if quiet or not sys.stderr.isatty():
        return library.sync(facts=facts)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def progress(phase: str, done: int, total: int, _path: str) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(_PHASES.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        return library.sync(progress, facts=facts)


def run_index(args: argparse.Namespace) -> int:
    library = open_checked(args.path)
    report = sync_with_progress(library, facts=not args.no_facts, quiet=args.json)
    show_notices(library)
    if args.json:
        print_json(report.to_dict())
        return 0
    console = stdout_console()
    # The folder's name is the user's, not markup: Text, never an f-string given to print.
    summary = Text(shown_path(str(library.root)), style="bold")
    summary.append(
        f": {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {report.skipped} skipped"
        + (f"; facts extracted for {report.facts_extracted}" if report.facts_extracted else "")
    )
    console.print(summary)
    if report.problems:
        table = Table(title=f"{len(report.problems)} problem(s)", title_justify="left")
        table.add_column("file")
        table.add_column("line", justify="right")
        table.add_column("problem")
        for problem in report.problems:
            table.add_row(
                Text(shown_path(problem.path)),
                str(problem.line or ""),
                Text(one_line(problem.reason)),
            )
        console.print(table)
    return 0


def run_list(args: argparse.Namespace) -> int:
    library = open_checked(args.path)
    library.sync(facts=False)
    articles = library.articles()
    show_notices(library)
    if args.json:
        print_json([article.to_dict() for article in articles])
        return 0
    title = Text(f"{len(articles)} article(s) in {shown_path(str(library.root))}")
    table = Table(title=title, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("title")
    table.add_column("path", overflow="fold")
    for article in articles:
        date = to_iso(article.date) or ""
        table.add_row(
            date.replace("T", " ")[:16],
            Text(visible(article.title)),
            Text(shown_path(article.path)),
        )
    stdout_console().print(table)
    return 0


def reader_target(raw: str | None) -> tuple[Path | None, str | None]:
    """What ``kbreader [PATH]`` opens: (library folder, article to open in it).

    A folder is the library; an article file opens in its folder (as glow and frogmouth
    do), named by its path relative to that folder. None: the bundled library."""
    if raw is None:
        return None, None
    given = Path(raw).expanduser()
    if not given.exists():
        raise CliError(f"no such file or folder: {raw}")
    if given.is_dir():
        return check_library_path(raw), None
    file = given.resolve()  # a link to an article opens the folder the article lives in
    if not file.is_file():
        raise CliError(f"not a file or folder: {raw}")
    if file.suffix.lower() not in SUFFIXES:
        raise CliError(
            f"not an article file: {raw} (kbreader reads {', '.join(sorted(SUFFIXES))} files)"
        )
    if file.name.startswith("."):
        raise CliError(
            f"{raw}: hidden files are not read (the library skips names starting with .)"
        )
    if not os.access(file, os.R_OK):
        raise CliError(f"cannot read file: {raw} (permission denied)")
    return check_library_path(str(file.parent)), file.name


def open_reader(
    argv: list[str],
    parser: argparse.ArgumentParser,
    launch: Callable[[Path | None, str | None], int] | None,
) -> int:
    """`kbreader [PATH]`: check the path, then hand it to ``launch`` (the app): the library
    folder, and the article to open when PATH named a file."""
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print_error(
            f"unknown command or too many arguments: {' '.join(argv)} (see kbreader --help)"
        )
        return 2
    try:
        path, article = reader_target(argv[0] if argv else None)
    except CliError as error:
        hint = (
            ""
            if argv[0].startswith((".", "/", "~"))
            else " (commands: index, list, search, facts, entities; see --help)"
        )
        print_error(str(error) + hint)
        return error.exit_code
    if launch is None:
        print_error("this entry point runs subcommands only; the reader opens with `kbreader`")
        return 2
    return launch(path, article)
