"""kbreader's errors: each has a title for the status line and a message a reader can act on.

Tasks raise these (or let anything else escape); the app's one ``Worker.StateChanged``
handler turns whatever a worker raised into a readable line with :func:`explain`. Nothing a
worker raises ends the app.
"""

from __future__ import annotations

import sqlite3


class KbReaderError(Exception):
    title = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LibraryUnavailable(KbReaderError):
    title = "Cannot open the library"


class StoreError(KbReaderError):
    title = "The article store failed"


class SyncFailed(KbReaderError):
    title = "Sync failed"


class SearchFailed(KbReaderError):
    title = "Search failed"


class FactsFailed(KbReaderError):
    title = "Facts failed"


class EditorFailed(KbReaderError):
    title = "Could not start the editor"


def explain(error: BaseException) -> tuple[str, str]:
    """(title, message) for any exception, in words rather than a traceback."""
    if isinstance(error, KbReaderError):
        return error.title, error.message
    if isinstance(error, sqlite3.Error):
        return StoreError.title, f"{error} (the cache is checked and repaired at the next start)"
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return "File error", f"{error.strerror or error}{where}"
    return "Unexpected error", f"{type(error).__name__}: {error}"
