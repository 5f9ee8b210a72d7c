"""One-character country abbreviations (中美, 访华, 俄总统, 美方), resolved against the article.

巴 is Pakistan, Brazil, Panama or Palestine; 加 Canada, Ghana or Gabon. An abbreviation names
the country the article writes out in full (中巴合作 in an article about 巴西 is Brazil);
only the unambiguous ones (美 中 俄 英 ...) fall back to their usual country, and only where
jieba sees a country word (中美关系, 美方, 访华), never inside another word (审美方面, 之美).
"""

from __future__ import annotations

from collections import Counter

from reader.facts import gazetteer
from reader.facts import lexicon as lx
from reader.facts.entity_base import PAIR_TAILS, FinderBase, Span, Token
from reader.facts.model import EntityType

# Abbreviations that stand for one country whatever the article (the fallback of lx's map).
_UNAMBIGUOUS = frozenset(
    "中华美俄英法德日韩朝印越泰非欧亚蒙墨菲葡荷意京沪津渝港台冀晋辽皖闽赣鲁豫鄂湘粤琼黔滇藏陕陇"
)
# Words after an abbreviation that make it a country: 美方, 俄军, 英总统, 中美关系 ...
_AFTER = frozenset(
    lx.words("方 军 方面 政府 总统 总理 首相 外长 国防部长 大使 领导人 两国 双方 关系 边境 合作")
)
_VERBS_BEFORE = frozenset("访来对赴抵驻离返在")
_VERBS_ALONE = frozenset(("访", "赴", "来", "抵", "驻", "离", "返", "访问"))
_PAIR_TAILS = PAIR_TAILS - {""}
_WORDS_NOT_PAIRS = frozenset(lx.words("美德 中华 华中 中意 华美 中非 日中 中日韩"))
_COUNTRY_KINDS = frozenset(("CTRY", "CN"))
# After two one-character places that together name a country (中非), a head of state's or a
# minister's title makes them that country: 中非总统 is the Central African Republic's, where
# 中非合作 is China and Africa.
_TITLES_OF_A_COUNTRY = ("总统", "总理", "首相", "外长", "国防部长", "大使")


def _may_hold_abbreviation(word: str) -> list[int]:
    """Whether ``_abbreviations_in`` can find anything in the word, by the word alone (its
    neighbours decide the rest): the scan skips every other word, most of an article."""
    abbr = lx.COUNTRY_ABBREVIATIONS
    if len(word) == 1:
        return [int(word in abbr)]
    if len(word) > 6:
        return [0]
    first, second = word[0], word[1]
    return [
        int(
            (len(word) == 2 and first in _VERBS_BEFORE and second in abbr and second != "日")
            or (first in abbr and second in abbr and first != second)
            or (len(word) == 2 and first in abbr and second in "方军")
        )
    ]


def _country_row(word: str) -> list[int]:
    """Whether the word is a country (or Chinese division) of the gazetteers, in full."""
    return [int(len(word) >= 2 and gazetteer.kind_of(word) in _COUNTRY_KINDS)]


class PlaceRules(FinderBase):
    def listed_names(self) -> None:
        """Countries, regions and institutions of the gazetteers that the tagger left out,
        on jieba's word boundaries. A Chinese city's bare name counts only where jieba tags it
        a place: 大同, 安康, 朝阳 are also ordinary words."""
        for i, end, kind in self.article.listed():
            name = self.text[i:end]
            index = self.index_at.get(i)
            single = index is not None and self.tokens[index].end == end
            if (
                kind in ("CN", "CITY")
                and single
                and index is not None
                and self.tokens[index].flag != "ns"
            ):
                continue
            if self.free(i, end) and not any(s.start < end and s.end > i for s in self.model_spans):
                # Only where the tagger saw nothing: 青藏高原 it may read as 青 and 藏.
                type_: EntityType = "organization" if kind in gazetteer.ORG_TYPES else "place"
                self.add(Span(i, end, type_, name))

    def country_abbreviations(self) -> None:
        mentioned = self._countries_named()
        # The tagger's one-character places (中, 美, 青, 藏 in 青藏铁路), resolved the same way;
        # in a pair (印巴, 巴以, 黄淮, 江淮) the partner tells which country or river it is.
        singles = {
            span.start: span.name
            for span in self.model_spans
            if span.type == "place" and len(span.name) == 1
        }
        for start, char in singles.items():
            pair = char + singles.get(start + 1, "")
            if (
                len(pair) == 2
                and gazetteer.kind_of(pair) == "CTRY"
                and self.text_after(start + 2, _TITLES_OF_A_COUNTRY)
            ):
                self.add(Span(start, start + 2, "place", pair))
            if not self.free(start, start + 1) or self._inside_other_word(start):
                continue
            partner = singles.get(start - 1) or singles.get(start + 1)
            place = _in_pair(char, start, self.text) if partner else None
            place = place or _resolve(char, mentioned, paired=partner is not None)
            if place is not None:
                self.add(Span(start, start + 1, "place", place))
        holders = self.word_table("may hold an abbreviation", _may_hold_abbreviation)
        for i in holders[:, 0].nonzero()[0].tolist():
            tok = self.tokens[i]
            word = tok.word
            if tok.flag == "x":
                continue
            for offset in self._abbreviations_in(i):
                char = word[offset] if offset < len(word) else ""
                start = tok.start + offset
                if not char or not self.free(start, start + 1):
                    continue
                country = _resolve(char, mentioned)
                if country is not None:
                    self.add(Span(start, start + 1, "place", country))

    def _inside_other_word(self, start: int) -> bool:
        """亚 of 亚运会, 奥 of 奥运会: the first character of an event's name is no place."""
        index = _token_index(self, start)
        if index is None:
            return False
        word = self.tokens[index].word
        return len(word) > 1 and word.endswith(lx.EVENT_SUFFIXES)

    def _countries_named(self) -> Counter[str]:
        """Countries the article names in full (by the model or the gazetteer), with counts."""
        named: Counter[str] = Counter()
        for span in self.spans:
            if span.type == "place" and gazetteer.kind_of(span.name) in ("CTRY", "CN"):
                named[span.name] += 1
        words = self.article.words
        countries = self.word_table("country word", _country_row)
        for i in countries[:, 0].nonzero()[0].tolist():
            named[words[i]] += 1
        return named

    def _abbreviations_in(self, i: int) -> list[int]:
        """Offsets inside token ``i`` that are one-character country names, by jieba's cut:
        中美 (a pair jieba tags as a place), 中美关系, 中加/合作, 美方, 俄军, 访华, 俄/总统."""
        tok = self.tokens[i]
        word = tok.word
        abbr = lx.COUNTRY_ABBREVIATIONS
        tails = _PAIR_TAILS
        if len(word) == 2 and word[0] in _VERBS_BEFORE and word[1] in abbr and word[1] != "日":
            return [1]  # 访华, 驻华, 离京
        # (The neighbours asked only here: 访华-like words need neither, a pair no word before.)
        after = self.token_after(i)
        if len(word) >= 2 and word[0] in abbr and word[1] in abbr and word[0] != word[1]:
            if word in _WORDS_NOT_PAIRS and not (after is not None and after.word in tails):
                return []  # 美德, 中华: words, unless 两国/关系 follows
            if len(word) == 2 and (
                tok.flag in ("ns", "j", "nt", "nz")
                or (after is not None and after.start == tok.end and after.word in tails)
            ):
                return [0, 1]  # 中美, 中加/合作
            if len(word) > 2 and word[2:] in tails:
                return [0, 1]  # 中美关系
            return []
        if len(word) == 2 and word[0] in abbr and word[1] in "方军":
            return [0]  # 美方, 俄军
        if len(word) == 1 and word in abbr:
            before = self.token_before(i)
            if (
                after is not None
                and after.start == tok.end
                and (after.word in _AFTER or after.word in lx.PERSON_TITLES)
            ):
                return [0]  # 俄/总统
            if before is not None and before.end == tok.start and before.word in _VERBS_ALONE:
                return [0]  # 访/美
            pair_after = (
                after is not None
                and after.start == tok.end
                and len(after.word) == 1
                and after.word in abbr
                and after.word != word
            )
            pair_before = (
                before is not None
                and before.end == tok.start
                and len(before.word) == 1
                and before.word in abbr
                and before.word != word
            )
            if pair_after:
                following = self.token_after(i + 1)
                if following is not None and following.word in tails:
                    return [0]  # 中/以/两国
            if pair_before and after is not None and after.word in tails:
                return [0]
        return []


# Pairs whose partner settles an ambiguous character (巴 of 印巴 is Pakistan, of 巴以 Palestine).
_PAIRS = {
    "印巴": ("印度", "巴基斯坦"),
    "巴以": ("巴勒斯坦", "以色列"),
    "阿以": ("阿拉伯国家", "以色列"),
    "黄淮": ("黄河", "淮河"),
    "江淮": ("长江", "淮河"),
    "江汉": ("长江", "汉江"),
    "青藏": ("青海", "西藏"),
    "川藏": ("四川", "西藏"),
    "滇藏": ("云南", "西藏"),
    "新藏": ("新疆", "西藏"),
    "京津": ("北京", "天津"),
    "京沪": ("北京", "上海"),
    "沪宁": ("上海", "南京"),
    "京九": ("北京", "九龙"),
    "港澳": ("香港", "澳门"),
    "港台": ("香港", "台湾"),
    "欧美": ("欧洲", "美国"),
}


def _in_pair(char: str, start: int, text: str) -> str | None:
    for pair_start in (start - 1, start):
        pair = text[pair_start : pair_start + 2]
        names = _PAIRS.get(pair)
        if names is not None:
            return names[start - pair_start]
    return None


def _token_index(finder: FinderBase, offset: int) -> int | None:
    for back in range(0, 8):
        index = finder.index_at.get(offset - back)
        if index is not None:
            return index if finder.tokens[index].end > offset else None
    return None


def _resolve(char: str, mentioned: Counter[str], paired: bool = False) -> str | None:
    """The country ``char`` stands for in this article, or None when it cannot be told.
    A province's one-character name counts only in a pair the tagger marked (青藏, 川渝)."""
    default = lx.COUNTRY_ABBREVIATIONS.get(char) or (
        lx.PROVINCE_ABBREVIATIONS.get(char) if paired or char in _UNAMBIGUOUS else None
    )
    candidates = [
        (count, name)
        for name, count in mentioned.items()
        if name.startswith(char) or name == default
    ]
    if candidates:
        return max(candidates)[1]
    if (char in _UNAMBIGUOUS or (paired and char in lx.PROVINCE_ABBREVIATIONS)) and default:
        return default
    return None


__all__ = ["PlaceRules", "Token"]
