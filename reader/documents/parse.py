"""Files to :class:`Document`: front matter first, then the Markdown head of the article."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from reader.bounded import yaml_limits
from reader.bounded.files import MAX_ARTICLE_BYTES, read_regular_file
from reader.documents.dates import coerce_date, date_from_line
from reader.documents.decode import decode
from reader.documents.model import Document, Problem
from reader.text.sanitize import shown_path

# Only the head of a file is searched for title, date and source: they are at the top.
_HEAD_LINES = 40
_LINES_AFTER_TITLE = 8
_MAX_TITLE = 200

_URL_LINE = re.compile(
    r"^[*_\s]*(?:(?:来源|原文|原文链接|source|url)\s*[:：]\s*)?<?(https?://[^\s<>*]+)>?[*_\s]*$",
    re.I,
)
# `[查看原文](https://…)` on a line of its own, anywhere in the file, names the source too.
_SOURCE_LINK = re.compile(
    r"^\s*\[[^\]]*(?:原文|来源|source|original)[^\]]*\]\((https?://[^\s)]+)\)\s*$", re.I | re.M
)

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_SURROGATES = re.compile("[\ud800-\udfff]")
_MAX_SHOWN_VALUE = 80

_md = MarkdownIt("commonmark")


def load_document(
    path: Path, display_path: str | None = None, *, follow_links: bool = True
) -> Document:
    """Read and parse one file; a FIFO, a device or an oversized file is UnreadableFile."""
    raw = read_regular_file(path, limit=MAX_ARTICLE_BYTES, follow_links=follow_links)
    return parse_document(raw, display_path or path.name)


def parse_document(raw: bytes, name: str) -> Document:
    """Parse a file's bytes; ``name`` is used for problems and as the last-resort title."""
    decoded = decode(raw)
    text, encoding = decoded.text, decoded.encoding
    problems: list[Problem] = []
    if decoded.doubt is not None:
        problems.append(Problem(name, decoded.doubt))
    meta, body_start = _front_matter(text, name, problems)
    head_lines = _head_lines(text, body_start, _HEAD_LINES)

    title_line, title = _heading_title(head_lines)
    title = _clean_title(meta.get("title")) or title
    if not title:
        title_line, title = _first_line_title(head_lines)
    if not title:
        # A file name that is not UTF-8 shows its odd bytes as \\xNN, as ls -b would.
        title = shown_path(Path(name).stem or name)

    after_title = head_lines[title_line + 1 : title_line + 1 + _LINES_AFTER_TITLE]
    date = coerce_date(meta.get("date")) if "date" in meta else None
    if date is None and "date" in meta and meta["date"] not in (None, ""):
        shown = repr(meta["date"])
        if len(shown) > _MAX_SHOWN_VALUE:
            shown = shown[: _MAX_SHOWN_VALUE - 1] + "…"
        problems.append(Problem(name, f"front matter date not understood: {shown}"))
    if date is None:
        date = _first(date_from_line(line) for line in after_title)

    source = _clean_str(meta.get("source")) or _clean_str(meta.get("url"))
    if source is None:
        source = _first(_url_of(line) for line in after_title) or _source_link(text, body_start)

    return Document(
        title=title,
        text=text,
        body_start=body_start,
        date=date,
        source=source,
        author=_clean_str(meta.get("author")),
        tags=_tags(next((meta[key] for key in _TAG_KEYS if meta.get(key)), None)),
        encoding=encoding,
        problems=tuple(problems),
    )


def _front_matter(text: str, name: str, problems: list[Problem]) -> tuple[dict[str, Any], int]:
    if not text.startswith("---\n"):
        return {}, 0
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return {}, 0  # an opening rule without a closing one is just a thematic break
    yaml_text = text[4 : end.start()]
    body_start = end.end()
    if body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    try:
        data = yaml_limits.load(yaml_text, yaml_limits.FRONT_MATTER_LIMITS)
    except yaml_limits.YamlLimitError as error:
        limit_line = error.problem_mark.line + 2 if error.problem_mark is not None else 2
        problems.append(Problem(name, f"front matter ignored: {error.problem}", limit_line))
        return {}, body_start
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context_mark = getattr(error, "context_mark", None)
        if mark is not None and mark.line >= yaml_text.count("\n") and context_mark is not None:
            mark = context_mark  # the problem ran to the end: point where it started
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the ---
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.append(Problem(name, f"malformed front matter: {problem}", line))
        return {}, body_start
    except (ValueError, OverflowError, RecursionError) as error:
        # YAML that parses but cannot be built: date: 2023-02-30, a 5,000-digit number...
        problems.append(Problem(name, f"malformed front matter: {error}", 2))
        return {}, body_start
    if data is None:
        return {}, body_start
    if not isinstance(data, dict):
        problems.append(Problem(name, "front matter is not a mapping of keys to values", 2))
        return {}, body_start
    return {str(key).lower(): value for key, value in data.items()}, body_start


def _head_lines(text: str, start: int, count: int) -> list[str]:
    """The first ``count`` lines from ``start``, without copying the rest of a huge text."""
    end = start
    for _ in range(count):
        end = text.find("\n", end) + 1
        if end == 0:
            end = len(text)
            break
    return text[start:end].split("\n")[:count]


# The common case: the first line of the body is a plain `# title` (no inline markup to
# resolve). Anything else goes to markdown-it, which otherwise takes most of a sync's time.
_PLAIN_ATX = re.compile(r" {0,3}# +([^\s#][^*_`\[\]!<>&\\~]*?)(?: +#+)? *")


def _heading_title(lines: list[str]) -> tuple[int, str | None]:
    """The first level-1 heading in the head (ATX or setext), found by markdown-it."""
    first = lines[0] if lines else ""
    plain = _PLAIN_ATX.fullmatch(first)
    if plain is not None and not (len(lines) > 1 and lines[1].strip()[:1] in ("=", "-")):
        title = _clean_title(plain.group(1))
        if title:
            return 0, title
    tokens = _md.parse("\n".join(lines))
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.map:
            inline = tokens[index + 1]
            text = "".join(
                child.content
                for child in inline.children or ()
                if child.type in ("text", "code_inline")
            )
            title = _clean_title(text or inline.content)
            if title:
                return token.map[1] - 1, title
    return -1, None


def _first_line_title(lines: list[str]) -> tuple[int, str | None]:
    for index, line in enumerate(lines):
        title = _clean_title(line.strip().lstrip("#").strip().strip("*_"))
        if title:
            return index, title
    return -1, None


def _clean_title(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    title = " ".join(_SURROGATES.sub("\ufffd", str(value)).split())
    if len(title) > _MAX_TITLE:
        title = title[: _MAX_TITLE - 1] + "…"
    return title or None


def _clean_str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = _SURROGATES.sub("\ufffd", str(value)).strip()
    return text or None


# Front-matter keys that hold tags, as Hugo, Jekyll, Obsidian and Hexo files write them.
_TAG_KEYS = ("tags", "tag", "keywords", "categories")


def _tags(value: object) -> tuple[str, ...]:
    """Tags as given (a list, or one string split at commas); ``#tag`` means ``tag``."""
    if isinstance(value, str):
        items: Iterable[object] = re.split(r"[,，、]", value)
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return ()
    cleaned = (_clean_str(item) for item in items)
    return tuple(
        dict.fromkeys(
            tag.lstrip("#＃").strip() for tag in cleaned if tag and tag.lstrip("#＃").strip()
        )
    )


def _url_of(line: str) -> str | None:
    match = _URL_LINE.match(line)
    return match.group(1) if match else None


def _source_link(text: str, body_start: int) -> str | None:
    match = _SOURCE_LINK.search(text, body_start)
    return match.group(1) if match else None


def _first(values: Iterable[Any]) -> Any:
    return next((value for value in values if value is not None), None)
