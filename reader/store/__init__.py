"""The article store (no Textual): SQLite cache per library, search index, facts, user state."""

from reader.store.articles import Article, EntitySummary, SyncReport
from reader.store.library import Library, LibraryError, open_library

__all__ = ["Article", "EntitySummary", "Library", "LibraryError", "SyncReport", "open_library"]
