"""Where the reader came from when following links: a stack of places, like frogmouth's
History, kept as a plain value in ``ReaderState`` (no widget holds it).

Following a link pushes the place it was followed from; ``backspace``/``H`` pops it and goes
back there. A place is an article and a text offset (the top line then), so going back
lands on the line the link was on, at any terminal size.
"""

from __future__ import annotations

from dataclasses import dataclass

HISTORY_LIMIT = 100
"""Places kept; the oldest go first (nobody walks back a hundred links)."""


@dataclass(frozen=True)
class Place:
    path: str
    title: str
    offset: int


@dataclass(frozen=True)
class History:
    places: tuple[Place, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def push(self, place: Place) -> History:
        """``place`` is where a link was followed from."""
        if self.places and self.places[-1] == place:
            return self  # the same link followed twice from one place: one step back
        return History((*self.places, place)[-HISTORY_LIMIT:])

    def back(self) -> tuple[Place | None, History]:
        """The last place left, and the history without it."""
        if not self.places:
            return None, self
        return self.places[-1], History(self.places[:-1])
