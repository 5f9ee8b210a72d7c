"""`kbreader search QUERY [PATH]`: full-text search, as a table with highlighted snippets or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from reader.cli.common import CliError, print_json, stdout_console
from reader.cli.library_cmds import open_checked
from reader.store.articles import Article
from reader.store.listing import tag_query
from reader.store.search_index import QueryTooLong, SearchPage, SearchResult
from reader.store.search_query import parse_query
from reader.text.sanitize import shown_path, visible

DEFAULT_LIMIT = 20


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search the library's articles",
        description=(
            'Terms separated by spaces must all match; "a quoted phrase" matches as written; '
            "-term excludes. Any text is a valid query, including one that starts with -"
            " (kbreader search -上海 PATH); after -- nothing is read as an option. Traditional"
            " and simplified forms match each other (config: traditional_simplified); ASCII"
            " letters also match titles and names by pinyin (yidaiyilu, ydyl), ranked below"
            " literal matches. #tag (one word) lists the articles carrying that tag."
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="what to look for")
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="library folder (default: the bundled library)"
    )
    parser.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N results (default {DEFAULT_LIMIT}; 0 for all)",
    )
    parser.add_argument(
        "--offset",
        type=_limit,
        default=0,
        metavar="N",
        help="skip the first N results (the next page: --offset 20)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: query, total, offset and results (best first)",
    )
    parser.set_defaults(handler=run_search)


def query_first(arguments: list[str]) -> list[str]:
    """``search``'s arguments with its options first and ``--`` before the query and path.

    A query term may start with a dash (``-上海`` excludes 上海, and a query can be just
    that); argparse would take it for an option. Only --limit N, --offset N, --json and
    -h/--help are options here; any other word is the query or the path, as after ``--``."""
    options: list[str] = []
    rest: list[str] = []
    words = iter(arguments)
    for word in words:
        if word == "--":
            rest.extend(words)
        elif word in ("-h", "--help", "--json"):
            options.append(word)
        elif word in ("--limit", "--offset"):
            options += [word, next(words, "")]
        elif word.startswith("--") and len(word) > 2:
            options.append(word)  # --limit=N, --offset=N, or an unknown --option argparse names
        else:
            rest.append(word)
    return [*options, "--", *rest]


def _limit(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {raw!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all) or more")
    return value


def run_search(args: argparse.Namespace) -> int:
    library = open_checked(args.path)
    tag = tag_query(args.query)
    try:
        # Facts are not needed to search; skipping them keeps a first search quick. jieba is
        # not loaded either (the words-apart fallback and word bonus need it; nothing else).
        library.sync(facts=False)
        if tag is not None:  # #tag, as in the app's search bar: the articles carrying it
            tagged = library.articles(tag=tag)
            for notice in library.notices:
                print(visible(notice), file=sys.stderr)
            return print_tagged(tagged, args)
        results = library.search(
            args.query, limit=args.limit or None, offset=args.offset, use_jieba=None
        )
        unnamed = library.without_facts() if parse_query(args.query).pinyin else 0
    except QueryTooLong as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot read the library: {error}") from None
    finally:
        library.close()
    for notice in library.notices:
        print(visible(notice), file=sys.stderr)
    if unnamed:
        # Names come from the facts, which this command does not extract (that is slow).
        print(
            f"pinyin matched titles only: names are matched once facts are extracted"
            f" ({unnamed:,} {'article lacks' if unnamed == 1 else 'articles lack'} them;"
            " kbreader index extracts them)",
            file=sys.stderr,
        )
    # (An undecodable argument arrives with lone surrogates, which cannot be printed.)
    shown = args.query.encode("utf-8", "replace").decode("utf-8")
    if args.json:
        print_json(
            {
                "query": shown,
                "total": results.total,
                "offset": results.offset,
                "results": [result.to_dict() for result in results],
            }
        )
        return 0
    console = stdout_console()
    if not results:
        what = "no articles match" if not results.total else f"{results.total} matches; none from"
        console.print(Text(f"{what} {visible(shown)}", style="dim"))
        return 0
    console.print(Text(count_label(results), style="bold"))
    console.print(results_table(results))
    return 0


def print_tagged(tagged: list[Article], args: argparse.Namespace) -> int:
    """``#tag``'s articles, newest first, paged with --offset/--limit like results."""
    page = tagged[args.offset : args.offset + args.limit if args.limit else None]
    shown = args.query.encode("utf-8", "replace").decode("utf-8")
    if args.json:
        print_json(
            {
                "query": shown,
                "total": len(tagged),
                "offset": args.offset,
                "results": [article.to_dict() for article in page],
            }
        )
        return 0
    console = stdout_console()
    if not page:
        what = "no articles tagged" if not tagged else f"{len(tagged)} tagged; none from"
        console.print(Text(f"{what} {visible(shown)}", style="dim"))
        return 0
    first, last = args.offset + 1, args.offset + len(page)
    more = f"; --offset {last} for more" if last < len(tagged) else ""
    console.print(Text(f"{len(page)} of {len(tagged)} tagged ({first}–{last}{more})", style="bold"))
    table = Table(show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("date", no_wrap=True)
    table.add_column("article")
    table.add_column("tags", overflow="fold")
    for rank, article in enumerate(page, first):
        title = Text(visible(article.title), style="bold")
        title.append("\n" + shown_path(article.path), style="dim")
        date = article.date.isoformat()[:10] if article.date is not None else ""
        tags = Text(visible(" ".join(f"#{own}" for own in article.tags)))
        table.add_row(str(rank), date, title, tags)
    console.print(table)
    return 0


def count_label(page: SearchPage) -> str:
    """ "20 of 306 (1–20; --offset 20 for more)": counts are never capped silently."""
    first, last = page.offset + 1, page.offset + len(page)
    label = f"{len(page)} of {page.total} matches ({first}–{last}"
    return label + (f"; --offset {last} for more)" if page.more else ")")


def results_table(results: list[SearchResult]) -> Table:
    table = Table(show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("score", justify="right")
    table.add_column("date", no_wrap=True)
    table.add_column("article")
    # A run of Chinese has no space to wrap at: folded, not cut with "…" (and a hit with it).
    table.add_column("snippet", overflow="fold")
    for rank, result in enumerate(results, 1):
        # Titles and paths come from the files: shown as plain Text, never as markup.
        article = Text(visible(result.title), style="bold")
        article.append("\n" + visible(result.path), style="dim")
        if result.tier:
            article.append(f"\n({result.match})", style="italic dim")
        date = result.date.isoformat()[:10] if result.date is not None else ""
        table.add_row(str(rank), f"{result.score:.2f}", date, article, snippet_text(result))
    return table


def snippet_text(result: SearchResult) -> Text:
    text = Text(result.snippet)
    for start, end in result.snippet_hits:
        text.stylize("bold reverse", start, end)
    return text
