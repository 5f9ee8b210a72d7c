"""People: transliterated names around ·, bylines, Latin names, Chinese names.

A Chinese name is a surname plus one or two characters that are not an ordinary word; titles
(教授, 总统 ...) and speech verbs (表示, 说 ...) are the evidence that rescues doubtful ones.
A transliteration is a person only with such evidence or when jieba's dictionary lists it as a
name and nothing marks it as a place (莫斯科市 in the dictionary, an ending such as 斯坦).
"""

from __future__ import annotations

import re

from reader.facts import lexicon as lx
from reader.facts.entity_base import (
    BYLINE,
    CJK,
    DOT,
    LATIN_NAME,
    LONG_TITLES,
    NAME_ENDINGS,
    TITLED_NAME_FLAGS,
    FinderBase,
    Span,
    all_translit,
    compact,
    freq,
    place_evidence,
    tag,
    transliterated_place,
)


class PeopleRules(FinderBase):
    def dotted_names(self) -> None:
        """Transliterated names joined around a middle dot: 阿列克谢·图日林, 艾巴·伦德."""
        for i, tok in enumerate(self.tokens):
            if tok.word not in DOT:
                continue
            left = self._name_run(i, -1)
            right = self._name_run(i, +1)
            if left is None or right is None:
                continue
            start, end = left, right
            # A third part: 玛丽·居里·斯克沃多夫斯卡 — keep joining while dots follow.
            k = self.index_at.get(end)
            while k is not None and k < len(self.tokens) and self.tokens[k].word in DOT:
                further = self._name_run(k, +1)
                if further is None:
                    break
                end = further
                k = self.index_at.get(end)
            name = self.text[start:end]
            parts = re.split(f"[{DOT}]", name)
            if any(place_evidence(part) for part in parts):
                continue  # 中国·廊坊: a place and a place, not a person
            aliases = [part for part in parts[1:] if len(part) >= 2]
            self.add(Span(start, end, "person", name, aliases))

    def _name_run(self, i: int, step: int) -> int | None:
        """Offset where the name-like run next to the dot at token ``i`` ends (or starts)."""
        j = i + step
        edge: int | None = None
        length = 0
        while 0 <= j < len(self.tokens):
            tok = self.tokens[j]
            namelike = tok.flag in ("nr", "nrt", "nrfg", "ns", "nz") or (
                tok.flag in ("x", "n", "ng", "a", "j", "v")
                and all(ch in lx.TRANSLIT for ch in tok.word)
                and len(tok.word) <= 2
            )
            if not namelike or not CJK.match(tok.word) or length + len(tok.word) > 8:
                break
            if len(tok.word) >= 2 and place_evidence(tok.word) and j != i + step:
                break  # 美国彼得·彼得森: the country is not part of the name
            length += len(tok.word)
            edge = tok.start if step < 0 else tok.end
            j += step
        return edge

    def bylines(self) -> None:
        """本报记者 华 凌: reporters' names, often spaced out, after a byline word."""
        for match in BYLINE.finditer(self.text):
            name = compact(match.group("name"))
            if name[0] in lx.SURNAMES or name[:2] in lx.COMPOUND_SURNAMES:
                self.add(Span(match.start("name"), match.end("name"), "person", name))

    def latin_names(self) -> None:
        """KOSAL Sovanvisal: capitalised Latin words with a title before or a speech verb after."""
        for match in LATIN_NAME.finditer(self.text):
            if self.person_cue(match.start(), match.end()):
                name = re.sub(r"\s+", " ", match.group(0))
                self.add(Span(match.start(), match.end(), "person", name))

    def chinese_names(self) -> None:
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.flag not in ("nr", "nrfg", "nrt", "ns", "nz", "ng") or not CJK.match(tok.word):
                continue
            start, end, word = tok.start, tok.end, tok.word
            # jieba sometimes cuts a name after the surname: 王/nr 济武/nr.
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                len(word) == 1
                and word in lx.SURNAMES
                and nxt is not None
                and nxt.flag in ("nr", "nrfg", "ng")
                and 1 <= len(nxt.word) <= 2
            ):
                end, word = nxt.end, word + nxt.word
            elif tok.flag == "nrt" and len(word) >= 2 and self.free(start, end):
                self._foreign(word, start, end, i)  # jieba's transliterated names: 库克, 亨特
                continue
            elif tok.flag not in ("nr", "nrfg"):
                continue
            if not self.free(start, end):
                continue
            verdict = self._person_verdict(word, start, end)
            if verdict == "person":
                self.add(Span(start, end, "person", word))
            elif verdict == "foreign":
                self._foreign(word, start, end, i)

    def names_in_words(self) -> None:
        """邓小平理论, 胡老, 老李: a name inside a word jieba did not split."""
        for tok in self.tokens:
            word = tok.word
            if len(word) < 2 or tok.flag == "x" or not self.free(tok.start, tok.end):
                continue
            for ending in NAME_ENDINGS if word[-2:] in NAME_ENDINGS else ():
                core = word[: -len(ending)]
                if (
                    word.endswith(ending)
                    and len(core) >= 2
                    and tag(core) == "nr"
                    and core[0] in lx.SURNAMES
                ):
                    self.add(Span(tok.start, tok.start + len(core), "person", core))
            if len(word) == 2 and tok.flag == "nr":
                if word[1] in "老总" and word[0] in lx.SURNAMES:
                    self.add(Span(tok.start, tok.start + 1, "person", word[0]))
                elif word[0] in "老小" and word[1] in lx.SURNAMES:
                    self.add(Span(tok.start + 1, tok.end, "person", word[1]))

    def split_names(self) -> None:
        """李/nr 铁辰 校长: a surname jieba cut off, joined back when a title or verb confirms."""
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if (
                len(tok.word) != 1
                or tok.word not in lx.SURNAMES
                or tok.flag not in ("nr", "nrfg", "ns", "n", "ng")
            ):
                continue
            end = tok.end
            j = i + 1
            while (
                j < len(tokens) and end - tok.end < 2 and len(tokens[j].word) <= 2 - (end - tok.end)
            ):
                if not CJK.match(tokens[j].word) or tokens[j].flag in (
                    "uj",
                    "p",
                    "c",
                    "d",
                    "v",
                    "x",
                    "m",
                ):
                    break
                end = tokens[j].end
                j += 1
            if end == tok.end or not self.free(tok.start, end):
                continue
            word = self.text[tok.start : end]
            if freq(word) > 0 or word[-1] in lx.NOT_NAME_ENDINGS or freq(word[1:]) > 300:
                continue  # 司有关负责人: 有关 is a word, not a given name
            if self.text_after(end, (*lx.SPEECH_VERBS, *lx.PERSON_TITLES)) or self.text_before(
                tok.start, lx.PERSON_TITLES
            ):
                self.add(Span(tok.start, end, "person", word))

    def names_cut_before_last_character(self) -> None:
        """李铁/nr 辰/ng 校长: a name's last character cut off; joined when a title confirms."""
        tokens = self.tokens
        for i in range(len(tokens) - 1):
            tok, nxt = tokens[i], tokens[i + 1]
            if (
                tok.flag != "nr"
                or len(tok.word) != 2
                or tok.word[0] not in lx.SURNAMES
                or len(nxt.word) != 1
                or nxt.flag not in ("ng", "zg", "g", "q", "n", "nr", "a", "vg", "tg")
                or not CJK.match(nxt.word)
                or nxt.word in lx.NOT_NAME_ENDINGS
            ):
                continue
            word = tok.word + nxt.word
            if freq(word) > 0 or not self.free(tok.start, nxt.end):
                continue
            if self.person_cue(tok.start, nxt.end):
                self.add(Span(tok.start, nxt.end, "person", word))

    def titled_names(self) -> None:
        """总统普京, 总干事谭/zg 德塞/ns, 秘书长古/a 特雷斯/nr: a name right after a title,
        however jieba cut and tagged it."""
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.word in ("代表", "委员", "专家", "记者") or not (
                tok.word in lx.PERSON_TITLES or tok.word.endswith(LONG_TITLES)
            ):
                continue  # 总统, or a title at the end of a word jieba made: 英国首相
            j, end = i + 1, tok.end
            while (
                j < len(tokens)
                and tokens[j].flag in TITLED_NAME_FLAGS
                and CJK.match(tokens[j].word)
            ):
                if tokens[j].end - tok.end > 5:
                    break
                end = tokens[j].end
                j += 1
            word = self.text[tok.end : end]
            if not 2 <= len(word) <= 5 or not self.free(tok.end, end):
                continue
            if word in lx.NOT_NAMES or word[-1] in lx.NOT_NAME_ENDINGS or word in lx.PERSON_TITLES:
                continue
            single = j == i + 2
            surname = (word[0] in lx.SURNAMES or word[:2] in lx.COMPOUND_SURNAMES) and len(
                word
            ) <= 3
            foreign = all(ch in lx.TRANSLIT for ch in word)
            known_place = tag(word) == "ns" and freq(word) > 300
            if (
                surname or foreign or (single and tokens[i + 1].flag in ("nr", "nrt", "ns"))
            ) and not known_place:
                if surname and len(word) == 2 and freq(word) > 0 and tag(word) not in ("nr", "ns"):
                    continue  # 主任委员-like common words
                self.add(Span(tok.end, end, "person", word))

    def _person_verdict(self, word: str, start: int, end: int) -> str | None:
        if word in lx.NOT_NAMES or word[-1] in lx.NOT_NAME_ENDINGS:
            return None
        if word[:2] in lx.COMPOUND_SURNAMES and len(word) in (3, 4):
            given = word[2:]
        elif word[0] in lx.SURNAMES and len(word) in (2, 3):
            given = word[1:]
        else:
            return "foreign" if len(word) >= 2 else None
        if len(given) == 2 and all(ch in lx.TRANSLIT for ch in given):
            return "foreign"  # 莫斯科, 卢森堡: a surname by accident, then transliteration
        if place_evidence(word):
            return None  # 石家庄: jieba knows 石家庄市
        cue = self.person_cue(start, end)
        # A name jieba's dictionary lists (陈亚平) may have a given name that is also a word.
        common = 1000 if len(word) == 3 and tag(word) == "nr" else 300
        if (
            freq(given) > common
            and tag(given) not in ("nr", "nrfg")
            and not (cue and len(given) == 1)
        ):
            return None  # 高水平, 时表示: the "given name" is an ordinary word
        if (
            len(word) == 3
            and freq(word) > 0
            and tag(word) not in ("nr", "nrfg", "nrt", "nz", "ns", "nt")
        ):
            return None  # 许可证, 白皮书: a dictionary word that is not a name
        if cue:
            return "person"
        if len(word) == 2 and freq(word) > 0:
            return None  # 陈述, 金秋: two-character dictionary words are words first
        return "person"

    def _foreign(self, word: str, start: int, end: int, i: int) -> None:
        if len(word) < 2:
            return
        if not all_translit(word):
            return  # 二十大, 乌军: not a transliteration, so no foreign name either
        if transliterated_place(word):
            self.add(Span(start, end, "place", word))
            return
        if self.person_cue(start, end) and len(word) <= 6:
            self.add(Span(start, end, "person", word))
            return
        before = self.token_before(i)
        place_context = (
            self.text_before(start, lx.PLACE_CUES_BEFORE)
            or (before is not None and before.flag == "ns")
            or self.text_after(end, ("、",))
            and self.text_before(start, ("、",))
            or (before is not None and before.word == "、")
        )
        if place_context:
            self.add(Span(start, end, "place", word))
        elif (
            tag(word) in ("nr", "nrt")
            and len(word) >= 3
            and not self.text_after(end, (*lx.PLACE_SUFFIXES, "人"))
        ):
            # A transliteration jieba's dictionary lists as a name, with no sign of a place.
            self.add(Span(start, end, "person", word))
