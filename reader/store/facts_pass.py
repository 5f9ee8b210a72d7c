"""The background facts pass as the reader's own requests see it.

While the pass runs (in its child process, see reader.store.child_process), an article the
reader opens is not extracted a second time in the app: the pass takes it next, on its own,
and the request waits for it. So the app never loads the tagger during the first pass over a
library (about 33 MB of its memory), and the open article's facts still come first.

A pass can also be announced before it starts (the app's sync, which the pass follows): an
article asked for meanwhile waits for the pass too, at most ``START_WAIT`` seconds — an
announcement the pass never honours (a sync that failed and was not withdrawn) costs that
wait, never the facts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

START_WAIT = 10.0  # seconds an announced pass may take to start before the asker goes on


class FactsPass:
    """Articles asked for while a pass runs, and whether one runs."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._passes = 0
        self._asked: list[int] = []  # not yet taken by a pass
        self._taken: set[int] = set()  # in a pass's hands
        self._announced = False  # a pass is about to start

    def announce(self) -> None:
        """A pass will start soon: requests wait for it rather than extract on their own."""
        with self._changed:
            self._announced = True

    def withdraw(self) -> None:
        """No pass follows after all (nothing runs, the app quits): waiting requests go on."""
        with self._changed:
            self._announced = False
            self._changed.notify_all()

    @contextmanager
    def running(self) -> Iterator[None]:
        with self._changed:
            self._passes += 1
            self._announced = False
            self._changed.notify_all()
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
        (extracted, failed, or the pass ended); False when no pass runs (at once, or once an
        announced pass was withdrawn or did not start in time)."""
        with self._changed:
            if not self._passes and self._announced:
                self._changed.wait_for(lambda: self._passes or not self._announced, START_WAIT)
            if not self._passes:
                return False
            if article_id not in self._taken and article_id not in self._asked:
                self._asked.append(article_id)
            while self._passes and (article_id in self._asked or article_id in self._taken):
                self._changed.wait()
            return True
