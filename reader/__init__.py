"""kbreader: an offline terminal reader for a Chinese knowledge base.

The core (documents, store, text, facts) never imports Textual; only ``reader.ui`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "open_library"]

if TYPE_CHECKING:
    # Type checkers see the real signature; at run time the import waits for first use so that
    # `kbreader --version` and the core stay quick to import.
    from reader.store import open_library


def __getattr__(name: str) -> object:
    if name == "open_library":
        from reader.store import open_library

        return open_library
    raise AttributeError(name)
