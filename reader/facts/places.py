"""Places: jieba's place words minus common nouns, buildings, places inside longer words,
and one-character country abbreviations (中美, 访华, 俄总统).
"""

from __future__ import annotations

from reader.facts import lexicon as lx
from reader.facts.entity_base import (
    AMBIGUOUS_ABBREVIATIONS,
    CJK,
    PAIR_TAILS,
    FinderBase,
    Span,
    all_translit,
    freq,
    place_evidence,
    place_holder_prefix,
    placelike,
    tag,
)


class PlaceRules(FinderBase):
    def buildings(self) -> None:
        """人民大会堂, 首都体育馆: buildings and sites are places."""
        for tok in self.tokens:
            if (
                tok.flag in ("nt", "ns", "nz", "n")
                and len(tok.word) >= 3
                and tok.word.endswith(lx.BUILDING_SUFFIXES)
                and (tok.flag != "n" or place_evidence(tok.word[:2]))
            ):
                self.add(Span(tok.start, tok.end, "place", tok.word))

    def places(self) -> None:
        for tok in self.tokens:
            if tok.flag != "ns" or len(tok.word) < 2 or not CJK.match(tok.word):
                continue
            word = tok.word
            if word in lx.NOT_NAMES or not self.free(tok.start, tok.end):
                continue
            if (
                len(word) == 2
                and word[0] in "中美俄英法日德韩朝印荷澳加意西葡欧亚非"
                and word[1] in "中美俄英法日德韩朝印荷澳加意西葡欧亚非"
            ):
                continue  # 中俄, 中荷: two countries, not a place
            if not placelike(word):
                continue
            if tag(word) not in ("ns", None) and not word.endswith(lx.PLACE_SUFFIXES):
                continue  # jieba's HMM guessed "place" for a word its dictionary knows otherwise
            if (
                tag(word) is None
                and freq(word) == 0
                and not (word.endswith(lx.PLACE_SUFFIXES) or all(ch in lx.TRANSLIT for ch in word))
            ):
                continue
            if place_holder_prefix(word) and word.endswith(("地区", "流域", "方面")):
                continue  # 东北地区: the place is 东北, taken by country_abbreviations()
            suffixed = word.endswith(lx.PLACE_SUFFIXES) and not (
                len(word) == 2 and word[-1] in "区国省市县乡镇村"  # 新区, 社区, 本市
            )
            if (len(word) == 2 and freq(word) > 0 or len(word) >= 4 and freq(word) < 10) and not (
                place_evidence(word) or suffixed or all_translit(word)
            ):
                # 治安, 福利, 新区 or 重大意义, 广大干部: jieba lists them as places. Real
                # places have compounds in its dictionary (北京市, 印度人) or a place suffix.
                continue
            end = tok.end
            nxt = self.index_at.get(tok.end)
            if nxt is not None and self.tokens[nxt].word in (
                "县",
                "市",
                "省",
                "区",
                "州",
                "镇",
                "乡",
            ):
                end = self.tokens[nxt].end  # 积石山/ns 县: jieba split the county's name
            self.add(Span(tok.start, end, "place", self.text[tok.start : end]))

    def places_inside_words(self) -> None:
        """纽约联合国总部: a place name opening a longer word jieba kept whole."""
        for tok in self.tokens:
            word = tok.word
            if tok.flag not in ("nt", "ns", "nz") or len(word) < 4:
                continue
            for size in range(len(word) - 2, 1, -1):
                prefix = word[:size]
                if (
                    self.free(tok.start, tok.start + size)
                    and tag(prefix) == "ns"
                    and placelike(prefix)
                    and (place_evidence(prefix) or prefix.endswith(lx.PLACE_SUFFIXES))
                ):
                    self.add(Span(tok.start, tok.start + size, "place", prefix))
                    break

    def country_abbreviations(self) -> None:
        """中美, 访华, 俄总统: one-character country names, linked to the full name."""
        for i, tok in enumerate(self.tokens):
            word = tok.word
            if tok.flag == "x" or len(word) > 6 or not self.free(tok.start, tok.end):
                continue
            abbr = lx.COUNTRY_ABBREVIATIONS
            prefix = place_holder_prefix(word)
            if prefix and (
                len(prefix) >= 2
                and tag(prefix) in ("ns", "f")
                and placelike(prefix)
                or prefix in abbr
            ):
                # 印度政府, 俄总统, 南亚地区: the place inside a word jieba did not split.
                self.add(
                    Span(tok.start, tok.start + len(prefix), "place", abbr.get(prefix, prefix))
                )
            elif (
                len(word) >= 2
                and word[0] in "访来对赴抵在进离返驻"
                and word[1] in abbr
                and word[1] != "日"
                and tok.flag != "nr"
            ):
                # 访华, 离京, 驻华大使, 对华关系: the country after a verb of going or staying.
                self.add(Span(tok.start + 1, tok.start + 2, "place", abbr[word[1]]))
            elif (
                len(word) >= 2
                and word[0] in abbr
                and word[1] in abbr
                and word[0] != word[1]
                and (
                    (len(word) == 2 and tok.flag in ("ns", "j", "nt", "t"))
                    or word[2:] in PAIR_TAILS
                    or (self.token_after(i) is not None and self.token_after(i).word in PAIR_TAILS)  # type: ignore[union-attr]
                )
            ):
                # 中美, 中美关系, 印巴两国: two countries, each a mention of its own.
                for k in range(2):
                    self.add(Span(tok.start + k, tok.start + k + 1, "place", abbr[word[k]]))
            elif (
                len(word) == 1
                and word in abbr
                and tok.flag in ("j", "ns")
                and word not in AMBIGUOUS_ABBREVIATIONS
            ):
                self.add(Span(tok.start, tok.end, "place", abbr[word]))
            elif len(word) == 1 and word in abbr and tok.flag in ("j", "ns", "f", "nr", "v"):
                after = self.token_after(i)
                before = self.token_before(i)
                if (after is not None and after.word in lx.PERSON_TITLES) or (
                    before is not None
                    and before.word in ("访", "赴", "来", "抵", "在", "进", "离", "返")
                ):
                    self.add(Span(tok.start, tok.end, "place", abbr[word]))
