"""`kbreader facts FILE` (one article's facts) and `kbreader entities [PATH]` (a library's)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from rich import box
from rich.table import Table
from rich.text import Text

from reader import documents
from reader.bounded.files import MAX_ARTICLE_BYTES, too_big
from reader.cli.common import CliError, print_json, print_notice, stdout_console, yaml_text
from reader.cli.library_cmds import open_checked, show_notices
from reader.documents import Document, UnreadableFile
from reader.store.facts_cache import bounded
from reader.text.sanitize import shown_path, visible

if TYPE_CHECKING:
    from reader.facts import Facts

# reader.facts (every extractor) is imported where it is used: every command loads this
# module, and `kbreader search` should not pay for it.


def register(subparsers: Any) -> None:
    facts = subparsers.add_parser(
        "facts",
        help="numbers, dates and entities of one article",
        description="Extract the facts of any article file (in a library or not; - reads stdin).",
    )
    facts.add_argument("file", metavar="FILE", help="the article file, or - for standard input")
    output = facts.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--yaml", action="store_true", help="print YAML")
    facts.set_defaults(handler=run_facts)

    entities = subparsers.add_parser(
        "entities",
        help="the library's people, places, organizations, events and works",
        description="Every entity of the library with the number of articles mentioning it.",
    )
    entities.add_argument(
        "path", nargs="?", metavar="PATH", help="library folder (default: the bundled library)"
    )
    entities.add_argument("--json", action="store_true", help="print a JSON list")
    entities.set_defaults(handler=run_entities)


def _read(raw_path: str) -> tuple[str, Document]:
    if raw_path == "-":
        raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(raw) > MAX_ARTICLE_BYTES:
            raise CliError(f"standard input is {too_big(len(raw), MAX_ARTICLE_BYTES)}")
        try:
            return "-", documents.parse_document(raw, "-")
        except UnreadableFile as error:
            raise CliError(f"cannot read standard input: {error.reason}") from None
    path = Path(raw_path).expanduser()
    if not path.exists():
        raise CliError(f"no such file: {raw_path}")
    if path.is_dir():
        raise CliError(f"is a folder, not a file: {raw_path}")
    try:
        return raw_path, documents.load_document(path, raw_path)
    except UnreadableFile as error:
        raise CliError(f"cannot read {raw_path}: {error.reason}") from None


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def facts_document(path: str, document: Document, facts: Facts) -> dict[str, Any]:
    """The CLI's JSON/YAML shape: {path, title, date, numbers, entities}."""
    return {"path": path, "title": document.title, "date": _iso(document.date), **facts.to_dict()}


def run_facts(args: argparse.Namespace) -> int:
    path, document = _read(args.file)
    head, note = bounded(document.text)
    if note is not None:
        print_notice(f"kbreader: {shown_path(path)}: {note}")
    from reader.facts import extract_facts

    facts = extract_facts(head, document.date)
    data = facts_document(path, document, facts)
    if args.json:
        print_json(data)
    elif args.yaml:
        sys.stdout.write(yaml_text(data))
    else:
        console = stdout_console()
        heading = Text(visible(document.title), style="bold")
        if document.date is not None:
            heading.append(f"  {_iso(document.date)}", style="dim")
        console.print(heading)
        console.print(numbers_table(facts))
        console.print(entities_table(facts))
    return 0


def _cell(value: object) -> Text:
    """Article text is untrusted: controls become visible symbols, markup stays literal."""
    return Text("" if value is None else visible(str(value)))


_APPROX_SIGNS = {"about": "≈", "more_than": ">", "at_least": "≥", "less_than": "<", "nearly": "≲"}


def numbers_table(facts: Facts) -> Table:
    from reader.facts.model import NumberKind
    from reader.facts.summary import about_text

    # Six columns fit 80: the value carries its unit and approximation.
    table = Table(title="numbers and dates", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("kind", no_wrap=True)
    # Folded, never cut with "…" (a cut date or count reads as another one).
    table.add_column("text", overflow="fold", min_width=10)
    table.add_column("value", overflow="fold", min_width=6)
    table.add_column("normalized", overflow="fold", min_width=16)
    table.add_column("what", overflow="fold", ratio=1)
    table.add_column("at", justify="right", no_wrap=True)

    rank = {kind: i for i, kind in enumerate(get_args(NumberKind))}
    for number in sorted(facts.numbers, key=lambda n: (rank.get(n.kind, 99), n.start)):
        value = "–".join(map(str, number.value)) if isinstance(number.value, list) else number.value
        shown = " ".join(str(part) for part in (value, number.unit) if part not in (None, ""))
        if number.approx is not None:
            shown = _APPROX_SIGNS[number.approx] + shown
        table.add_row(
            _cell(number.kind),
            _cell(number.text),
            _cell(shown),
            _cell(number.normalized),
            _cell(about_text(number)),  # what is counted · what happened to it
            _cell(number.start),
        )
    return table


def entities_table(facts: Facts) -> Table:
    table = Table(title="entities", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("type", "name", "aliases", "mentions", "first at"):
        numeric = column in ("mentions", "first at")
        table.add_column(
            column, justify="right" if numeric else "left", no_wrap=numeric, overflow="fold"
        )
    from reader.facts.model import EntityType

    rank = {kind: i for i, kind in enumerate(get_args(EntityType))}
    for entity in sorted(facts.entities, key=lambda e: (rank.get(e.type, 99), -len(e.mentions))):
        first = min((m.start for m in entity.mentions), default=None)
        table.add_row(
            _cell(entity.type),
            _cell(entity.name),
            _cell("、".join(entity.aliases)),
            _cell(len(entity.mentions)),
            _cell(first),
        )
    return table


def run_entities(args: argparse.Namespace) -> int:
    library = open_checked(args.path)
    try:
        library.sync(facts=False)
        library.update_facts()
        summaries = sorted(library.entities(), key=lambda e: (-e.articles, e.type, e.name))
    except OSError as error:
        raise CliError(f"cannot read the library: {error}") from None
    finally:
        library.close()
    show_notices(library)
    if args.json:
        print_json([{"name": e.name, "type": e.type, "articles": e.articles} for e in summaries])
        return 0
    table = Table(title="entities", title_justify="left")
    for column in ("type", "name", "articles"):
        table.add_column(column, justify="right" if column == "articles" else "left")
    for summary in summaries:
        table.add_row(_cell(summary.type), _cell(summary.name), _cell(summary.articles))
    stdout_console().print(table)
    return 0
