"""Where a link in an article points: another article of the library, a heading, or away.

Pure path arithmetic on library-relative POSIX paths; nothing here touches the disk or the
network. A relative destination is taken from the linking article's folder (a leading ``/``
from the library's top), percent-escapes decoded, ``.`` and ``..`` resolved; one that climbs
above the library's top is outside it and never followed. The store then looks the
candidates up among the library's articles (``Library.resolve_link``).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Article files, as the library scan reads them (reader.documents.SUFFIXES).
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
# What a folder link opens, in order.
FOLDER_INDEXES = ("index.md", "README.md", "readme.md", "index.markdown", "README.markdown")
# Pages a site generator made from Markdown: x.html was x.md.
_PAGE_SUFFIXES = (".html", ".htm")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class ExternalLink:
    """A URL away from the library (http, mailto, …): shown and copied, never fetched."""

    url: str


@dataclass(frozen=True)
class LibraryLink:
    """A link into the library: the first of ``candidates`` that is an article is the target;
    ``anchor`` (decoded, without ``#``) names a heading there, or is None."""

    candidates: tuple[str, ...]
    anchor: str | None


@dataclass(frozen=True)
class UnusableLink:
    """A link that cannot be followed: outside the library, empty, or malformed."""

    url: str
    reason: str


Destination = ExternalLink | LibraryLink | UnusableLink


def classify_link(url: str, from_path: str) -> Destination:
    """Where ``url`` (as written, or percent-encoded as markdown-it gives it) leads from the
    article at library-relative ``from_path``."""
    url = url.strip()
    if not url:
        return UnusableLink(url, "the link has no destination")
    if url.startswith("//") or (_SCHEME.match(url) and not _is_drive(url)):
        return ExternalLink(url)
    parts = urlsplit(url)
    anchor = unquote(parts.fragment) if "#" in url else None
    raw_path = unquote(parts.path)
    if not raw_path:
        # "#section" or "?x#section": this very article
        return LibraryLink((from_path,), anchor or None)
    if "\x00" in raw_path:
        return UnusableLink(url, "the link's path holds a NUL character")
    raw_path = raw_path.replace("\\", "/")
    if raw_path.startswith("/"):
        joined = raw_path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(from_path), raw_path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return UnusableLink(url, "the link leads outside the library")
    folder = raw_path.endswith("/") or normal == "."
    normal = unicodedata.normalize("NFC", normal)
    return LibraryLink(_candidates("" if normal == "." else normal, folder), anchor or None)


def _candidates(path: str, folder: bool) -> tuple[str, ...]:
    if folder:
        return tuple(posixpath.join(path, name) if path else name for name in FOLDER_INDEXES)
    out = [path]
    lower = path.lower()
    if not lower.endswith(ARTICLE_SUFFIXES):
        stem = path
        for suffix in _PAGE_SUFFIXES:
            if lower.endswith(suffix):
                stem = path[: -len(suffix)]
        out += [stem + suffix for suffix in ARTICLE_SUFFIXES]
        out += [posixpath.join(path, name) for name in FOLDER_INDEXES]
    return tuple(dict.fromkeys(out))


def _is_drive(url: str) -> bool:
    """C:\\notes\\x.md is a Windows path, not a URL scheme."""
    return len(url) > 2 and url[1] == ":" and url[0].isalpha() and url[2] in "\\/"
