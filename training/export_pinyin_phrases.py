"""Write ``reader/text/data/pinyin_phrases.json``: the pypinyin phrases the reader needs to
spell titles and names as pypinyin's whole phrase dictionary would, without its memory.

pypinyin's 47,000 phrases cost the reader about 45 MB for the pinyin of titles and names.
Kept here, with pypinyin's readings: the phrases whose toneless reading differs from their
characters' first readings (银行), and the phrases that keep such a phrase from taking a
character in their stead (举行 keeps 行会 out of 举行会议; its reading is the plain one).
Measured on the first 200 hanzi runs of each news-dev article (237,718 syllables): 23
syllables differ from the whole dictionary (0.01%), peak memory 31 MB instead of 70 MB.

Run from the repository: ``python training/export_pinyin_phrases.py``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pypinyin import Style
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
from pypinyin.style import convert

TARGET = Path(__file__).resolve().parent.parent / "reader" / "text" / "data" / "pinyin_phrases.json"


def _toneless(reading: str) -> str:
    return str(convert(reading, Style.NORMAL, strict=True))


def _first_reading(char: str) -> str | None:
    readings = PINYIN_DICT.get(ord(char))
    return _toneless(readings.split(",")[0]) if readings else None


def phrases_needed() -> set[str]:
    spelled = {
        phrase: [_toneless(r[0]) for r in readings] for phrase, readings in PHRASES_DICT.items()
    }
    changing = {p for p, s in spelled.items() if s != [_first_reading(c) for c in p]}
    starting_with: dict[str, list[str]] = defaultdict(list)
    for phrase in changing:
        for length in range(1, len(phrase)):
            starting_with[phrase[:length]].append(phrase)
    guarding = set()
    for phrase in spelled.keys() - changing:
        # Segmentation matches forward, longest first: a kept phrase that starts inside this
        # one would take its last characters, with another reading, were this one not kept.
        if any(
            spelled[other][:length] != spelled[phrase][-length:]
            for length in range(1, len(phrase))
            for other in starting_with.get(phrase[-length:], ())
        ):
            guarding.add(phrase)
    return changing | guarding


def main() -> None:
    kept = {phrase: [[r[0]] for r in PHRASES_DICT[phrase]] for phrase in phrases_needed()}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"{len(kept)} of {len(PHRASES_DICT)} phrases -> {TARGET}")


if __name__ == "__main__":
    main()
