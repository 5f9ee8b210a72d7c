"""The article store (no Textual): SQLite cache per library, search index, facts, user state."""

from reader.store.articles import Article, EntitySummary, SyncReport
from reader.store.errors import DiskFullError, LibraryError
from reader.store.library import Library, open_library

__all__ = [
    "Article",
    "DiskFullError",
    "EntitySummary",
    "Library",
    "LibraryError",
    "SyncReport",
    "open_library",
]
