"""Turning files into articles: decoding, front matter, title/date/source detection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.documents.model import SUFFIXES, Document, Problem, UnreadableFile

if TYPE_CHECKING:
    from reader.documents.parse import load_document, parse_document

__all__ = ["SUFFIXES", "Document", "Problem", "UnreadableFile", "load_document", "parse_document"]


def __getattr__(name: str) -> Any:
    # The parser (markdown-it, PyYAML, charset detection) loads when first asked for: a
    # `kbreader search` on a library that has not changed never parses a file.
    if name in ("load_document", "parse_document"):
        from reader.documents import parse

        return getattr(parse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
