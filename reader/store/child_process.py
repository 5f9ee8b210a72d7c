"""Background passes handed to one spawned child process.

The app's first pass over a library (facts of every article, then the pinyin of their titles
and names) runs in a child, so it neither competes with the UI thread for the GIL nor leaves
its libraries (the tagger, pypinyin's dictionary) in the app's memory. The child lives for one
pass. Where a child cannot be started or dies, the work goes on in the calling thread.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Argument = TypeVar("Argument")
Result = TypeVar("Result")


class ChildProcess:
    """Runs picklable functions in one spawned child (``enabled``), or here."""

    def __init__(self, enabled: bool) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if enabled:
            from reader.text import segment

            try:
                # spawn, never fork: the parent may be a threaded Textual app.
                self.pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=segment.use_user_dictionaries,
                    initargs=(segment.user_dictionaries(),),
                )
            except (OSError, ValueError):
                self.pool = None

    def run(self, function: Callable[[Argument], Result], argument: Argument) -> Result:
        if self.pool is not None:
            try:
                return self.pool.submit(function, argument).result()
            except (OSError, ValueError, BrokenProcessPool):
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None  # the child could not run: go on in this thread
        return function(argument)

    def __enter__(self) -> ChildProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
