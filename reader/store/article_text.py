"""Article text as the store keeps it: UTF-16, a third smaller than UTF-8 for Chinese.

Chinese takes 3 bytes a character in UTF-8 and 2 in UTF-16, and the article text is most of
the cache. The whole database cannot be UTF-16 (declared-type converters, which path columns
use, would then be handed UTF-16 bytes they cannot tell from a path's own), so the ``text``
column alone holds ``MARK`` + UTF-16-LE bytes, and its declared type ``ARTICLETEXT`` turns them
back into ``str`` on every read (``connect`` turns on declared-type converters). Plain TEXT
written by older code or by tests reads back unchanged: MARK never begins UTF-8.
"""

from __future__ import annotations

import sqlite3

TEXT_TYPE = "ARTICLETEXT"  # contains TEXT, so SQLite gives the column text affinity
MARK = b"\xff"  # a byte no UTF-8 text begins with


def to_db(text: str) -> bytes:
    """The value to bind for an article's text (lone surrogates kept, losslessly)."""
    return MARK + text.encode("utf-16-le", "surrogatepass")


def from_db(raw: bytes) -> str:
    if raw[:1] == MARK:
        return raw[1:].decode("utf-16-le", "surrogatepass")
    return raw.decode("utf-8", "surrogatepass")


sqlite3.register_converter(TEXT_TYPE, from_db)
