"""People the rules see better than the model: joined transliterations, bylines, titled names.

阿列克谢·图日林 and 阿库福-阿多 are one person each (the model trained on sentences sometimes
stops at the dot or the hyphen); 本报记者 华 凌 is a reporter however spaced; a title right
before or after a short name (总统普京, 李强总理) confirms a name the model left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.facts import lexicon as lx
from reader.facts.entity_base import (
    BYLINE,
    CJK,
    DOT,
    LONG_TITLES,
    FinderBase,
    Span,
    compact,
    freq,
    place_evidence,
    tag,
)

_NAME_PART = r"[\u4e00-\u9fff]{1,8}"
# Two to four parts joined by a middle dot or a hyphen: 阿列克谢·图日林, 阿库福-阿多.
_JOINED = re.compile(rf"{_NAME_PART}(?:[{DOT}\-‐－]{_NAME_PART}){{1,3}}")
_JOINER = re.compile(rf"[{DOT}\-‐－]")
# A joined name lies within 8 characters before its first joiner and 27 after it.
_JOINED_BEFORE, _JOINED_AFTER = 8, 30
# Where a byline starts: its word (the pattern's context conditions are looked up from there).
_BYLINE_WORD = re.compile("记者|通讯员|摄影|撰文|作者|编辑")


_TITLES = frozenset(lx.PERSON_TITLES) - frozenset(lx.words("代表 委员 专家 记者 同志 先生 女士"))


def _is_title(word: str) -> bool:
    """总统, 秘书长, or a word jieba made of a place and a title: 英国首相."""
    return word in _TITLES or (len(word) > 2 and word.endswith(LONG_TITLES))


def _title_row(word: str) -> list[int]:
    return [int(_is_title(word))]


def _translit_tail(word: str) -> str:
    size = len(word)
    while size > 0 and word[size - 1] in lx.TRANSLIT:
        size -= 1
    return word[size:]


def _translit_head(word: str) -> str:
    size = 0
    while size < len(word) and word[size] in lx.TRANSLIT:
        size += 1
    return word[:size]


def _joined_names(text: str) -> Iterator[re.Match[str]]:
    """``_JOINED.finditer(text)``, searched only around the joiners (the pattern tried at every
    character of a long article costs more than the rest of this module)."""
    windows: list[tuple[int, int]] = []
    for joiner in _JOINER.finditer(text):
        low, high = max(0, joiner.start() - _JOINED_BEFORE), joiner.start() + _JOINED_AFTER
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    for low, high in windows:
        yield from _JOINED.finditer(text, low, high)


def _bylines(text: str) -> Iterator[re.Match[str]]:
    """``BYLINE.finditer(text)``: a byline starts at its word, so only those places are tried."""
    reached = 0
    for word in _BYLINE_WORD.finditer(text):
        if word.start() < reached:
            continue
        match = BYLINE.match(text, word.start())
        if match is not None:
            reached = match.end()
            yield match


class PeopleRules(FinderBase):
    def dotted_names(self) -> None:
        """Transliterated names joined by · or -: 阿列克谢·图日林, 艾巴·伦德, 阿库福-阿多."""
        for match in _joined_names(self.text):
            start, end = match.span()
            parts = _JOINER.split(match.group(0))
            # The run may hold words around the name (美国彼得·彼得森, 阿多表示): the name is
            # the transliteration characters next to the joiners.
            head = _translit_tail(parts[0])
            tail = _translit_head(parts[-1])
            if not head or not tail or any(not part for part in parts[1:-1]):
                continue
            start += len(parts[0]) - len(head)
            end -= len(parts[-1]) - len(tail)
            parts[0], parts[-1] = head, tail
            if len(head) >= 2 and place_evidence(head):
                continue  # 中国·廊坊-like: a place, not a person
            middle = parts[1:-1]
            if any(sum(ch in lx.TRANSLIT for ch in part) < len(part) / 2 for part in middle):
                continue
            hyphen = not any(d in match.group(0) for d in DOT)
            if hyphen and len(head) + len(tail) < 4 and not self.person_cue(start, end):
                continue  # 中-美, 京-津: pairs of places, not one name
            name = self.text[start:end]
            aliases = [part for part in parts[1:] if len(part) >= 2]
            self.add(Span(start, end, "person", name, aliases))

    def bylines(self) -> None:
        """本报记者 华 凌: reporters' names, often spaced out, after a byline word."""
        for match in _bylines(self.text):
            name = compact(match.group("name"))
            if freq(name[1:]) > 0 and tag(name[1:]) not in ("nr", "nrfg"):
                continue  # 记者时表示: a surname-like character before a word is no name
            if name[0] in lx.SURNAMES or name[:2] in lx.COMPOUND_SURNAMES:
                self.add(Span(match.start("name"), match.end("name"), "person", name))

    def titled_names(self) -> None:
        """总统普京, 李强总理: a free word of two or three characters next to a title, that the
        model tagged nothing, is a name when jieba's dictionary or the surname list says so."""
        tokens = self.tokens
        titles = self.word_table("title", _title_row)
        for i in titles[:, 0].nonzero()[0].tolist():
            for j in (i + 1, i - 1):
                if not 0 <= j < len(tokens):
                    continue
                name = tokens[j]
                word = name.word
                if not 2 <= len(word) <= 3 or not self.free(name.start, name.end):
                    continue
                if name.flag not in ("nr", "nrfg", "nrt") or word in lx.NOT_NAMES:
                    continue
                if word[-1] in lx.NOT_NAME_ENDINGS or place_evidence(word):
                    continue
                following = self.token_after(j)
                if (
                    following is not None
                    and following.start == name.end
                    and CJK.match(following.word)
                    and len(following.word) == 1
                ):
                    continue  # 高云/江: jieba cut the name; the model did not take it
                if word[0] in lx.SURNAMES or all(ch in lx.TRANSLIT for ch in word):
                    self.add(Span(name.start, name.end, "person", word))
