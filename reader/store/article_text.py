"""Article text as the store keeps it: GB18030, a third smaller than UTF-8 for Chinese.

Chinese takes 3 bytes a character in UTF-8, 2 in UTF-16 and 2 in GB18030, which also keeps
ASCII (digits, Markdown, web addresses: a tenth of a Chinese news text) at one byte; the
article text is most of the cache. GB18030 is a Unicode transformation format (every code
point round-trips; checked for all of them by tests/test_store.py), so nothing is lost. A
text holding a lone surrogate (from a file that was not valid text) cannot be GB18030 and
is kept as UTF-16 instead.

The whole database cannot use another encoding (declared-type converters, which path columns
use, would then be handed bytes they cannot tell from a path's own), so the ``text`` column
alone holds a mark byte + the encoded text, and its declared type ``ARTICLETEXT`` turns them
back into ``str`` on every read (``connect`` turns on declared-type converters). Plain TEXT
written by older code or by tests reads back unchanged: no mark byte ever begins UTF-8.
"""

from __future__ import annotations

import sqlite3

TEXT_TYPE = "ARTICLETEXT"  # contains TEXT, so SQLite gives the column text affinity
GB18030_MARK = b"\xfe"  # bytes no UTF-8 text begins with
UTF16_MARK = b"\xff"


def to_db(text: str) -> bytes:
    """The value to bind for an article's text (lone surrogates kept, losslessly)."""
    try:
        return GB18030_MARK + text.encode("gb18030")
    except UnicodeEncodeError:
        return UTF16_MARK + text.encode("utf-16-le", "surrogatepass")


def from_db(raw: bytes) -> str:
    mark = raw[:1]
    if mark == GB18030_MARK:
        return str(memoryview(raw)[1:], "gb18030")
    if mark == UTF16_MARK:
        return str(memoryview(raw)[1:], "utf-16-le", "surrogatepass")
    return raw.decode("utf-8", "surrogatepass")


sqlite3.register_converter(TEXT_TYPE, from_db)
