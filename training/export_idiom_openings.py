"""Write ``reader/facts/data/idiom_openings.txt``: the first four characters of every word
jieba's dictionary tags as a set phrase (i, 成语) or an idiomatic expression (l, 习用语).

The vetting rules drop a name that sits inside a set phrase (青山 of 咬定青山不放松), by
asking jieba's tag of every piece of text around it of four characters or more. A piece can
only be such a phrase when its first four characters open one, and a set lookup of those
costs far less than asking the compiled dictionary of every piece (about 60,000 distinct
pieces a pass over news-dev). rjieba bundles jieba's dictionary (every word of jieba's
``dict.txt`` is listed with the same tag there) but offers no way to list its words, so the
list is taken from pure-Python jieba (a dev dependency) and shipped.

Run from the repository: ``python training/export_idiom_openings.py``.
"""

from __future__ import annotations

from pathlib import Path

import jieba

TARGET = Path(__file__).resolve().parent.parent / "reader" / "facts" / "data" / "idiom_openings.txt"
SET_PHRASE_TAGS = frozenset(("i", "l"))
OPENING = 4  # the vetting rules ask pieces of four characters or more


def openings(dictionary: Path) -> list[str]:
    """The sorted first four characters of the dictionary's set phrases of four or more."""
    found = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, _count, tag = line.split()
        if tag in SET_PHRASE_TAGS and len(word) >= OPENING:
            found.add(word[:OPENING])
    return sorted(found)


def jieba_dictionary() -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def main() -> None:
    found = openings(jieba_dictionary())
    TARGET.write_text("\n".join(found) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(found)} openings")


if __name__ == "__main__":
    main()
