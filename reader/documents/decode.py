"""Bytes to text without any user setting.

UTF-8 (BOM or not) and UTF-16 with a BOM are certain. Anything else is judged by
charset-normalizer among the encodings Chinese (and Japanese) files really come in: UTF-16
without a BOM, GB18030 (a superset of GBK and GB2312), Big5 and Shift-JIS. Many byte strings
decode without error in several of these -- Big5 read as GB18030 is valid garbage -- so
"decodes" is not enough: the detector measures how much of each decoding looks like text.
A guess it is unsure of is still shown, with a problem saying so; never silently.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from reader.documents.model import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ("gb18030", "big5", "shift_jis")
_UTF16 = ("utf_16_le", "utf_16_be")
_NAMES = {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be", "shift_jis": "shift-jis"}
# charset-normalizer's "chaos": the share of a decoding that looks wrong (0 = clean text).
SURE_CHAOS = 0.05  # above this, the guess is reported as unsure
MAX_CHAOS = 0.5  # above this, the file is not text in any candidate encoding
_TIE = 0.02  # decodings this close in chaos are equally likely
_BYTES_PER_BROKEN = 1000  # a nearly-UTF-8 file has at most one broken sequence per this
# Half-width katakana is what GBK bytes look like read as Shift-JIS: no real text is mostly it.
_HALFWIDTH_KATAKANA = re.compile("[\uff61-\uff9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_IMPLAUSIBLE = 0.3  # added to the chaos of such a decoding: chosen last, and then unsure


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    doubt: str | None = None  # why the text may show wrong characters (a problem to report)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes) -> Decoded:
    """The text of ``raw``; raise UnreadableFile with the reason when it is not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"not valid {encoding} despite its byte-order mark: {error.reason}"
                ) from None
            return Decoded(normalise_newlines(text), encoding.removesuffix("-sig"))
    if b"\x00" in raw:
        guess = _detect(raw, _UTF16)
        # UTF-16 decodes nearly any even-length bytes: only clean, printable text is text.
        if guess is None or guess.doubt is not None or not _printable(guess.text):
            raise UnreadableFile("binary file (contains NUL bytes)")
        return guess
    try:
        return Decoded(normalise_newlines(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as error:
        nearly = _nearly_utf8(raw, error)
    if nearly is not None:
        return nearly
    guess = _detect(raw, _CANDIDATES)
    if guess is None:
        raise UnreadableFile(
            "cannot decode as UTF-8, UTF-16, GB18030, Big5 or Shift-JIS (not a text file?)"
        )
    return guess


# Controls (but tab and newlines), replacement characters, private use, noncharacters, and
# a byte-order mark past the start.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffd\ue000-\uf8ff\ufdd0-\ufdef]"
)


def _printable(text: str) -> bool:
    # A text file has lines (or at least a space); binary read as UTF-16 rarely does.
    return _NOT_TEXT.search(text) is None and any(ch in text for ch in "\n\r ")


def _nearly_utf8(raw: bytes, error: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 cut in the middle of its last character, or with one broken byte sequence per
    thousand bytes at most: shown, and said so. Text in another encoding read as UTF-8
    breaks nearly everywhere, so it never passes."""
    text = raw.decode("utf-8", "replace")
    broken = text.count("\ufffd") - raw.decode("utf-8", "ignore").count("\ufffd")
    cut_short = error.reason == "unexpected end of data" and broken == 1
    if not cut_short and broken * _BYTES_PER_BROKEN > len(raw):
        return None
    return Decoded(
        normalise_newlines(text),
        "utf-8",
        f"not valid UTF-8: {broken} broken byte sequence(s) shown as \ufffd",
    )


def _plausible(text: str) -> bool:
    foreign = len(_NON_ASCII.findall(text))
    return foreign == 0 or len(_HALFWIDTH_KATAKANA.findall(text)) * 2 < foreign


def _detect(raw: bytes, candidates: tuple[str, ...]) -> Decoded | None:
    decodings = []
    for match in from_bytes(raw, cp_isolation=list(candidates), threshold=MAX_CHAOS):
        try:
            # The detector may have judged a sample: the whole file must decode, strictly.
            text = raw.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        chaos = match.chaos if _plausible(text) else match.chaos + _IMPLAUSIBLE
        decodings.append((chaos, candidates.index(match.encoding), match.encoding, text))
    if not decodings:
        return None
    decodings.sort()
    best_chaos = decodings[0][0]
    # Near-ties happen on short files: the candidates' order (GB18030 first, the likeliest
    # in a Chinese library) decides, and the doubt is reported.
    close = sorted(
        (rank, encoding, text)
        for chaos, rank, encoding, text in decodings
        if chaos <= best_chaos + _TIE and text != decodings[0][3] or chaos == best_chaos
    )
    _, encoding, text = close[0]
    name = _NAMES.get(encoding, encoding)
    others = [_NAMES.get(other, other) for _, other, _ in close[1:]]
    doubt = None
    if best_chaos > SURE_CHAOS:
        doubt = f"encoding unsure: shown as {name}, but {best_chaos:.0%} of it looks wrong"
    elif others:
        doubt = f"encoding unsure: shown as {name}, but it reads as {' or '.join(others)} too"
    if doubt is not None:
        doubt += "; save the file as UTF-8 to be sure"
    return Decoded(normalise_newlines(text), name, doubt)
