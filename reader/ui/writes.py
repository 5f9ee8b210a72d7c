"""User-state writes (positions, read marks, bookmarks, the theme), in the order they were made.

The UI thread queues a write and goes on; one worker at a time drains the queue. On quit and on
a hang-up the UI thread drains what is left itself, so a write queued a moment before is never
lost and never lands after a newer one.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from functools import partial

from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

from reader.ui import tasks

Write = Callable[[], "Message | None"]
"""A store write; it may answer with a message (posted to the queue's owner once it is done):
a read queued behind writes sees them."""


class WriteQueue:
    def __init__(self, owner: MessagePump) -> None:
        self.owner = owner
        self._queue: deque[Write] = deque()
        self._queue_lock = threading.Lock()  # held for a moment: the UI thread queues under it
        self._order_lock = threading.Lock()  # held while writing: one write at a time, in order
        self._draining = False

    def put(self, write: Write) -> None:
        """Queue ``write``; a worker runs it soon (and any queued behind it)."""
        with self._queue_lock:
            self._queue.append(write)
            if self._draining:
                return
            self._draining = True
        tasks.start(self.owner, partial(_drain, self), tasks.WRITES)

    def drain(self) -> None:
        """Run queued writes until none is left (in a worker, or on the UI thread at exit)."""
        try:
            while True:
                with self._order_lock:
                    with self._queue_lock:
                        if not self._queue:
                            self._draining = False
                            return
                        write = self._queue.popleft()
                    answer = write()
                if answer is not None:
                    self.owner.post_message(answer)
        except BaseException:
            with self._queue_lock:
                self._draining = False  # the next put starts a new drain for what is left
            raise

    def pending(self) -> int:
        with self._queue_lock:
            return len(self._queue)


def _drain(queue: WriteQueue) -> None:
    queue.drain()


class PositionKeeper:
    """When the reading position is written: a jump or a restore at once; hand scrolling once
    it has stopped for ``delay`` seconds (0: at once); whatever is pending on quit."""

    def __init__(self, owner: MessagePump, writes: WriteQueue, delay: float) -> None:
        self.owner, self.writes, self.delay = owner, writes, delay
        self._pending: Write | None = None
        self._timer: Timer | None = None

    def moved(self, write: Write, *, by_hand: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending = write
        if by_hand and self.delay > 0:
            self._timer = self.owner.set_timer(self.delay, self.flush)
        else:
            self.flush()

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        write, self._pending = self._pending, None
        if write is not None:
            self.writes.put(write)
