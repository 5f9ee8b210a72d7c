"""One sync at a time, then the background fact extraction; a re-sync asked for meanwhile runs
right after (the extraction stops for it and resumes after the next sync).

The screen owns this (UI thread only) and tells it what the tasks answered; the tasks get the
library and a stop flag, never this object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from textual.message import Message
from textual.message_pump import MessagePump

from reader.store import Library
from reader.ui import tasks
from reader.ui.pace import Pace


class LibrarySync:
    def __init__(self, requester: MessagePump, pace: Pace) -> None:
        self.requester, self.pace = requester, pace
        self.running = False
        self.pending = False
        self.announce = False  # say "Synced" when done: the reader asked for this one
        self._stop_facts = threading.Event()

    def start(self, library: Library) -> None:
        self.running, self.pending = True, False
        if self.pace.background_facts:
            # The open article's facts wait for the pass that follows the sync: the app
            # does not load the tagger for them (about 30 MB of its memory).
            library.announce_facts_pass()
        post: Callable[[Message], object] = self.requester.post_message
        tasks.start(
            self.requester, partial(tasks.sync, library, post, self.pace.list_refresh), tasks.SYNC
        )

    def resync(self, library: Library) -> None:
        self.announce = True
        if self.running:
            self.pending = True
            self._stop_facts.set()
        else:
            self.start(library)

    def announce_once(self) -> bool:
        """Should the finished sync be announced (the reader asked for it)?"""
        announce, self.announce = self.announce, False
        return announce

    def synced(self, library: Library) -> bool:
        """The sync is done; True while the fact extraction that follows runs."""
        if self.pending or not self.pace.background_facts:
            self.idle(library)
            return False
        self._stop_facts = threading.Event()
        work = partial(tasks.extract_facts, library, self.requester.post_message, self._stop_facts)
        tasks.start(self.requester, work, tasks.SYNC)
        return True

    def idle(self, library: Library | None) -> None:
        """Nothing runs any more (done, stopped or failed); a re-sync asked for starts now."""
        self.running = False
        if library is not None:
            library.withdraw_facts_pass()
        if self.pending and library is not None:
            self.start(library)

    def stop(self, library: Library | None) -> None:
        """On quit: the extraction's child process is told to stop."""
        self._stop_facts.set()
        if library is not None:
            library.withdraw_facts_pass()
