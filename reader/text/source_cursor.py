"""A forward-only position in Markdown source, shared by the layout and the outline.

markdown-it tells which lines a block spans but not where its inline pieces stand, so both
readers of the parse follow each piece's text through the source from a cursor that only
moves forward, within the lines of the block at hand.
"""

from __future__ import annotations

import re


class SourceCursor:
    """The cursor, the end of the current block and the source's line starts."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cursor = 0
        self.limit = len(source)
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", source))]

    def line_start(self, line: int) -> int:
        """Where ``line`` starts; past the last line, the end of the source."""
        if line >= len(self.line_starts):
            return len(self.source)
        return self.line_starts[line]

    def focus(self, lines: list[int]) -> None:
        """Search within the block on ``lines`` ([first, past-last), markdown-it's ``map``)."""
        self.cursor = max(self.cursor, self.line_start(lines[0]))
        self.limit = self.line_start(lines[1])
        if self.limit <= self.cursor:
            self.limit = len(self.source)

    def find(self, text: str) -> int:
        return self.source.find(text, self.cursor, self.limit)

    def skip_link_tail(self) -> None:
        """Move past ``](destination "title")``, ``][label]`` or ``]`` after a link's text."""
        src, at = self.source, self.cursor
        if src.startswith("](", at):
            depth, index = 0, at + 2
            while index < self.limit:
                char = src[index]
                if char == "\\":
                    index += 1
                elif char == "(":
                    depth += 1
                elif char == ")":
                    if depth == 0:
                        self.cursor = index + 1
                        return
                    depth -= 1
                index += 1
        elif src.startswith("][", at):
            end = src.find("]", at + 2, self.limit)
            if end >= 0:
                self.cursor = end + 1
        elif src.startswith(("]", ">"), at):  # ">": an autolink's closing bracket
            self.cursor = at + 1
