"""The background facts pass as the reader's own requests see it.

While the pass runs (in its child process, see reader.store.child_process), an article the
reader opens is not extracted a second time in the app: the pass takes it next, on its own,
and the request waits for it. So the app never loads the tagger during the first pass over a
library (about 33 MB of its memory), and the open article's facts still come first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class FactsPass:
    """Articles asked for while a pass runs, and whether one runs."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._passes = 0
        self._asked: list[int] = []  # not yet taken by a pass
        self._taken: set[int] = set()  # in a pass's hands

    @contextmanager
    def running(self) -> Iterator[None]:
        with self._changed:
            self._passes += 1
        try:
            yield
        finally:
            with self._changed:
                self._passes -= 1
                if not self._passes:
                    self._asked.clear()
                    self._taken.clear()
                self._changed.notify_all()

    def take_asked(self) -> list[int]:
        """The articles asked for since the last call; the pass extracts them next."""
        with self._changed:
            asked, self._asked = self._asked, []
            self._taken.update(asked)
            return asked

    def done_with(self, article_ids: list[int]) -> None:
        with self._changed:
            self._taken.difference_update(article_ids)
            self._changed.notify_all()

    def wait_for(self, article_id: int) -> bool:
        """Asks the running pass for the article and waits until it is through with it
        (extracted, failed, or the pass ended); False at once when no pass runs."""
        with self._changed:
            if not self._passes:
                return False
            if article_id not in self._taken and article_id not in self._asked:
                self._asked.append(article_id)
            while self._passes and (article_id in self._asked or article_id in self._taken):
                self._changed.wait()
            return True
