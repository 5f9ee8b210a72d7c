"""Bytes to text without any user setting: UTF-8 (BOM or not), UTF-16 with BOM, GB18030.

GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
"""

from __future__ import annotations

import codecs

from reader.documents.model import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise UnreadableFile with the reason otherwise."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"not valid {encoding} despite its byte-order mark: {error.reason}"
                ) from None
            return normalise_newlines(text), encoding.removesuffix("-sig")
    if b"\x00" in raw:
        raise UnreadableFile("binary file (contains NUL bytes)")
    try:
        return normalise_newlines(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return normalise_newlines(raw.decode("gb18030")), "gb18030"
    except UnicodeDecodeError:
        raise UnreadableFile("cannot decode as UTF-8, UTF-16 or GB18030") from None
