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
# Bidi controls (overrides, embeddings, isolates, marks) can reorder what the terminal shows.
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_TABLE.update({code: "\ufffd" for code in BIDI_CONTROLS})
# Lone surrogates (a file name that is not UTF-8) cannot even be written to a terminal.
_TABLE.update({code: "\ufffd" for code in range(0xD800, 0xE000)})

_KEEP_NEWLINE = dict(_TABLE)
del _KEEP_NEWLINE[0x0A]

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
MAX_CLIPBOARD_URL = 8192


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol, same length."""
    if not _UNSAFE.search(text):
        return text
    return text.translate(_KEEP_NEWLINE if keep_newlines else _TABLE)


def has_controls(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def shown_path(path: str) -> str:
    """A file path for people: bytes that are not UTF-8 as ``\\xNN`` (as ``ls -b`` shows them),
    controls as visible symbols. Not the same length: for paths, never for article text."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape" if _escapable(path) else "surrogatepass")
        path = raw.decode("utf-8", "backslashreplace")
    return visible(path)


def _escapable(path: str) -> bool:
    return all(not 0xD800 <= ord(ch) < 0xDC80 and not 0xDD00 <= ord(ch) < 0xE000 for ch in path)


def clipboard_url(url: str) -> str | None:
    """The URL to hand to the terminal's clipboard (OSC 52), or None to refuse it.

    Only a single-line URL of printable characters passes: a control character inside it
    could end the OSC 52 sequence early and smuggle a command to the terminal."""
    candidate = url.strip()
    if not candidate or len(candidate) > MAX_CLIPBOARD_URL or has_controls(candidate):
        return None
    if not _URL.fullmatch(candidate) or not candidate.isprintable():
        return None
    return candidate
