"""Article paths as SQLite keeps them: lossless for file names that are not valid UTF-8.

The OS hands such a name to Python with its odd bytes as lone surrogates (surrogateescape),
which SQLite text cannot hold. Such a path is stored as a BLOB of the file name's own bytes;
every other path stays TEXT, so valid names keep their form (and their user state). A BLOB
never equals a TEXT, so the two cannot collide. Columns declared ``PATHTEXT`` read back as the
same ``str`` either way (``connect`` turns on declared-type converters).
"""

from __future__ import annotations

import sqlite3

PATH_TYPE = "PATHTEXT"  # contains TEXT, so SQLite gives the column text affinity


def to_db(path: str) -> str | bytes:
    """The value to bind for ``path``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no file name can hold: keep it distinct
            return path.encode("utf-8", "surrogatepass")
    return path


def from_db(value: object) -> str:
    """A stored path back as the OS spells it (for columns read without the converter)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    return str(value)


def _convert(raw: bytes) -> str:
    # Converters always get bytes: a TEXT value's UTF-8, or a BLOB's own bytes.
    return raw.decode("utf-8", "surrogateescape")


sqlite3.register_converter(PATH_TYPE, _convert)
