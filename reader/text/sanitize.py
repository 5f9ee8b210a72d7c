"""Make untrusted text safe for a terminal without changing its length.

Every control character (C0 except newline, DEL, C1) becomes one visible symbol, so offsets
into the text stay valid: ESC shows as ␛, BEL as ␇, and so on. An escape sequence therefore
reaches the screen as harmless printable characters, never as a command to the terminal.
"""

from __future__ import annotations

import re

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE: dict[int, str] = {**_C0_PICTURES, 0x7F: "\u2421"}
# C1 controls have no Control Pictures of their own; U+FFFD keeps them visible and 1:1.
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidi overrides and isolates can reorder what the terminal shows; make them visible too.
_TABLE.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

_KEEP_NEWLINE = dict(_TABLE)
del _KEEP_NEWLINE[0x0A]

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol, same length."""
    if not _UNSAFE.search(text):
        return text
    return text.translate(_KEEP_NEWLINE if keep_newlines else _TABLE)


def has_controls(text: str) -> bool:
    return _UNSAFE.search(text) is not None
