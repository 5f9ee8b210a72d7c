from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reader.bounded.files import UnreadableFile

SUFFIXES = frozenset({".md", ".markdown", ".txt"})  # the files that are articles

__all__ = ["Document", "Problem", "UnreadableFile"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file. ``line`` is 1-based when the problem has a place."""

    path: str
    reason: str
    line: int | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"path": self.path, "reason": self.reason}
        if self.line is not None:
            out["line"] = self.line
        return out


@dataclass(frozen=True)
class Document:
    """A parsed file. Every offset in kbreader is a code-point offset into ``text``."""

    title: str
    text: str
    body_start: int = 0
    date: dt.date | dt.datetime | None = None
    source: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    encoding: str = "utf-8"
    problems: tuple[Problem, ...] = field(default=())

    @property
    def body(self) -> str:
        """The Markdown after any front matter."""
        return self.text[self.body_start :]
