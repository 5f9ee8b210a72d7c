"""People, places, organisations, works and events, built on top of jieba's part-of-speech tags.

jieba's tags are a starting point, not an answer: it tags 莫斯科 as a person, 丰硕成果 as a
person, splits 国际科技园区协会 into common nouns and knows nothing of 阿列克谢·图日林. So:

* organisations and events grow leftwards from a word ending in a known suffix (协会, 大学,
  委员会, 论坛, 交易会 ...) over name-like words, and must contain something specific;
* a person is a surname plus one or two characters that are not an ordinary word, or a
  transliterated name (joined around ·) or a Latin one, with titles and speech verbs as evidence;
* places are jieba's place words minus abstract nouns, plus transliterations in place context;
* aliases come from brackets (国际科技园区协会（IASP）), from a company's name without its
  legal form (启迪控股股份有限公司 → 启迪控股), and from the last part of a foreign name.

Precision comes first: anything doubtful is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from reader.facts import lexicon as lx
from reader.facts.model import Entity, Mention


@dataclass(frozen=True)
class Token:
    word: str
    flag: str
    start: int
    end: int


@dataclass
class _Span:
    start: int
    end: int
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)


_PROPER_FLAGS = frozenset(("ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "eng"))
# Word classes that may stand inside an organisation's or event's name.
_NAME_PART_FLAGS = _PROPER_FLAGS | frozenset(("n", "vn", "b", "an", "ng", "nl", "l", "a", "s"))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十两百千万]")
_LONG_TITLES = tuple(t for t in lx.PERSON_TITLES if len(t) >= 2 and t not in ("代表", "委员"))
_GENERIC_EVENTS = frozenset(
    lx.words("运动会 研讨会 交易会 博览会 展览会 发布会 座谈会 交流会 锦标赛")
)
_EDITION = re.compile(r"(?:第?[0-9零〇一二三四五六七八九十百]+|首)届\s*$")
_NOT_HEAD_FLAGS = frozenset(
    ("x", "nr", "nrfg", "v", "vd", "ad", "d", "m", "t", "r", "uj", "p", "c", "u")
)
_NAME_ENDINGS = ("主义", "思想", "理论", "精神", "时代", "同志")
# One-character abbreviations that are also common words (法 law, 以 by, 非 not, 新 new ...).
_AMBIGUOUS_ABBREVIATIONS = frozenset("中以法非加新亚欧马埃蒙墨意巴")
# Last characters of organisation words (委, 局, 社, 台, 协 ...), for jieba's bare "nt" words.
_ORG_LAST_CHARS = frozenset("委办局厅部院所会社团行司队军盟联校台协大讯篮足组署报刊党")
_PAIR_TAILS = frozenset(
    (
        "",
        "关系",
        "两国",
        "两国间",
        "两国关系",
        "双方",
        "边界",
        "友好",
        "之间",
        "两国之间",
        "合作",
        "建交",
        "会谈",
        "首脑",
    )
)
_TITLED_NAME_FLAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nz", "zg", "a", "ng", "j", "n"))
_DOT = "·•‧・"
_SMALL_WORDS = frozenset("东西南北中内外全局干头腹底顶上下前后左右各本该此某每总分")
_ABBREVIATION = re.compile(r"[（(]([A-Z][A-Za-z0-9&.\-]{1,15}|[\u4e00-\u9fff]{2,8})[）)]")
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z])[A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){1,3}(?![A-Za-z])"
)
_BYLINE = re.compile(
    r"(?:记者|通讯员|摄影|撰文|作者|编辑)[：: \t\u3000]*"
    r"(?P<name>[\u4e00-\u9fff][ \t\u3000]?[\u4e00-\u9fff](?:[ \t\u3000]?[\u4e00-\u9fff])?)"
    r"(?=[ \t\u3000]*(?:$|\n|[、，。）)]|[ \t\u3000]+))",
    re.M,
)
_WORK = re.compile(r"《([^《》\n]{1,60})》")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and dictionary tags (the tokenizer is already loaded by now)."""
    import jieba.posseg

    from reader.text.segment import tokenizer

    return tokenizer().FREQ, jieba.posseg.dt.word_tag_tab


def _freq(word: str) -> int:
    return _dictionary()[0].get(word, 0) or 0


def _tag(word: str) -> str | None:
    return _dictionary()[1].get(word)


def _compact(text: str) -> str:
    """A name without the spaces typesetters put between Chinese characters (华 凌 → 华凌)."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


class _Finder:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.taken = bytearray(len(text))
        self.spans: list[_Span] = []
        self.index_at = {tok.start: i for i, tok in enumerate(tokens)}
        self.works_found: list[_Span] = []

    # -- bookkeeping -------------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, span: _Span) -> bool:
        if span.end <= span.start or not self.free(span.start, span.end):
            return False
        self.taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        self.spans.append(span)
        return True

    def token_before(self, i: int) -> Token | None:
        j = i - 1
        while j >= 0 and not self.tokens[j].word.strip():
            j -= 1
        return self.tokens[j] if j >= 0 else None

    def token_after(self, i: int) -> Token | None:
        j = i + 1
        while j < len(self.tokens) and not self.tokens[j].word.strip():
            j += 1
        return self.tokens[j] if j < len(self.tokens) else None

    def text_before(self, start: int, words: Iterable[str]) -> bool:
        head = self.text[max(0, start - 8) : start].rstrip()
        return any(head.endswith(word) for word in words)

    def text_after(self, end: int, words: Iterable[str]) -> bool:
        tail = self.text[end : end + 8].lstrip()
        return any(tail.startswith(word) for word in words)

    def person_cue(self, start: int, end: int) -> bool:
        return self.text_before(start, lx.PERSON_TITLES) or self.text_after(
            end, (*lx.SPEECH_VERBS, *lx.PERSON_TITLES)
        )

    # -- works ---------------------------------------------------------------------------
    def works(self) -> None:
        for match in _WORK.finditer(self.text):
            title = match.group(1)
            if title.strip():
                # Works do not claim their characters: names inside titles are still mentions.
                self.works_found.append(
                    _Span(match.start(1), match.end(1), "work", _compact(title))
                )

    # -- people ----------------------------------------------------------------------------
    def dotted_names(self) -> None:
        """Transliterated names joined around a middle dot: 阿列克谢·图日林, 艾巴·伦德."""
        for i, tok in enumerate(self.tokens):
            if tok.word not in _DOT:
                continue
            left = self._name_run(i, -1)
            right = self._name_run(i, +1)
            if left is None or right is None:
                continue
            start, end = left, right
            # A third part: 玛丽·居里·斯克沃多夫斯卡 — keep joining while dots follow.
            k = self.index_at.get(end)
            while k is not None and k < len(self.tokens) and self.tokens[k].word in _DOT:
                further = self._name_run(k, +1)
                if further is None:
                    break
                end = further
                k = self.index_at.get(end)
            name = self.text[start:end]
            parts = re.split(f"[{_DOT}]", name)
            if any(_place_evidence(part) for part in parts):
                continue  # 中国·廊坊: a place and a place, not a person
            aliases = [part for part in parts[1:] if len(part) >= 2]
            self.add(_Span(start, end, "person", name, aliases))

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
            if not namelike or not _CJK.match(tok.word) or length + len(tok.word) > 8:
                break
            if len(tok.word) >= 2 and _place_evidence(tok.word) and j != i + step:
                break  # 美国彼得·彼得森: the country is not part of the name
            length += len(tok.word)
            edge = tok.start if step < 0 else tok.end
            j += step
        return edge

    def bylines(self) -> None:
        """本报记者 华 凌: reporters' names, often spaced out, after a byline word."""
        for match in _BYLINE.finditer(self.text):
            name = _compact(match.group("name"))
            if name[0] in lx.SURNAMES or name[:2] in lx.COMPOUND_SURNAMES:
                self.add(_Span(match.start("name"), match.end("name"), "person", name))

    def latin_names(self) -> None:
        """KOSAL Sovanvisal: capitalised Latin words with a title before or a speech verb after."""
        for match in _LATIN_NAME.finditer(self.text):
            if self.person_cue(match.start(), match.end()):
                name = re.sub(r"\s+", " ", match.group(0))
                self.add(_Span(match.start(), match.end(), "person", name))

    def chinese_names(self) -> None:
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.flag not in ("nr", "nrfg", "nrt", "ns", "nz", "ng") or not _CJK.match(tok.word):
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
                self.add(_Span(start, end, "person", word))
            elif verdict == "foreign":
                self._foreign(word, start, end, i)

    def names_in_words(self) -> None:
        """邓小平理论, 胡老, 老李: a name inside a word jieba did not split."""
        for tok in self.tokens:
            word = tok.word
            if len(word) < 2 or tok.flag == "x" or not self.free(tok.start, tok.end):
                continue
            for ending in _NAME_ENDINGS if word[-2:] in _NAME_ENDINGS else ():
                core = word[: -len(ending)]
                if (
                    word.endswith(ending)
                    and len(core) >= 2
                    and _tag(core) == "nr"
                    and core[0] in lx.SURNAMES
                ):
                    self.add(_Span(tok.start, tok.start + len(core), "person", core))
            if len(word) == 2 and tok.flag == "nr":
                if word[1] in "老总" and word[0] in lx.SURNAMES:
                    self.add(_Span(tok.start, tok.start + 1, "person", word[0]))
                elif word[0] in "老小" and word[1] in lx.SURNAMES:
                    self.add(_Span(tok.start + 1, tok.end, "person", word[1]))

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
                if not _CJK.match(tokens[j].word) or tokens[j].flag in (
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
            if _freq(word) > 0 or word[-1] in lx.NOT_NAME_ENDINGS or _freq(word[1:]) > 300:
                continue  # 司有关负责人: 有关 is a word, not a given name
            if self.text_after(end, (*lx.SPEECH_VERBS, *lx.PERSON_TITLES)) or self.text_before(
                tok.start, lx.PERSON_TITLES
            ):
                self.add(_Span(tok.start, end, "person", word))

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
                or not _CJK.match(nxt.word)
                or nxt.word in lx.NOT_NAME_ENDINGS
            ):
                continue
            word = tok.word + nxt.word
            if _freq(word) > 0 or not self.free(tok.start, nxt.end):
                continue
            if self.person_cue(tok.start, nxt.end):
                self.add(_Span(tok.start, nxt.end, "person", word))

    def titled_names(self) -> None:
        """总统普京, 总干事谭/zg 德塞/ns, 秘书长古/a 特雷斯/nr: a name right after a title,
        however jieba cut and tagged it."""
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.word in ("代表", "委员", "专家", "记者") or not (
                tok.word in lx.PERSON_TITLES or tok.word.endswith(_LONG_TITLES)
            ):
                continue  # 总统, or a title at the end of a word jieba made: 英国首相
            j, end = i + 1, tok.end
            while (
                j < len(tokens)
                and tokens[j].flag in _TITLED_NAME_FLAGS
                and _CJK.match(tokens[j].word)
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
            known_place = _tag(word) == "ns" and _freq(word) > 300
            if (
                surname or foreign or (single and tokens[i + 1].flag in ("nr", "nrt", "ns"))
            ) and not known_place:
                if (
                    surname
                    and len(word) == 2
                    and _freq(word) > 0
                    and _tag(word) not in ("nr", "ns")
                ):
                    continue  # 主任委员-like common words
                self.add(_Span(tok.end, end, "person", word))

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
        if _place_evidence(word):
            return None  # 石家庄: jieba knows 石家庄市
        cue = self.person_cue(start, end)
        # A name jieba's dictionary lists (陈亚平) may have a given name that is also a word.
        common = 1000 if len(word) == 3 and _tag(word) == "nr" else 300
        if (
            _freq(given) > common
            and _tag(given) not in ("nr", "nrfg")
            and not (cue and len(given) == 1)
        ):
            return None  # 高水平, 时表示: the "given name" is an ordinary word
        if (
            len(word) == 3
            and _freq(word) > 0
            and _tag(word) not in ("nr", "nrfg", "nrt", "nz", "ns", "nt")
        ):
            return None  # 许可证, 白皮书: a dictionary word that is not a name
        if cue:
            return "person"
        if len(word) == 2 and _freq(word) > 0:
            return None  # 陈述, 金秋: two-character dictionary words are words first
        return "person"

    def _foreign(self, word: str, start: int, end: int, i: int) -> None:
        if len(word) < 2:
            return
        if not _all_translit(word):
            return  # 二十大, 乌军: not a transliteration, so no foreign name either
        if _transliterated_place(word):
            self.add(_Span(start, end, "place", word))
            return
        if self.person_cue(start, end) and len(word) <= 6:
            self.add(_Span(start, end, "person", word))
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
            self.add(_Span(start, end, "place", word))
        elif (
            _tag(word) in ("nr", "nrt")
            and len(word) >= 3
            and not self.text_after(end, (*lx.PLACE_SUFFIXES, "人"))
        ):
            # A transliteration jieba's dictionary lists as a name, with no sign of a place.
            self.add(_Span(start, end, "person", word))

    # -- organisations and events -------------------------------------------------------
    def organisations(self) -> None:
        candidates: list[_Span] = []
        for i, tok in enumerate(self.tokens):
            kind = self._head_kind(tok)
            if kind is None:
                continue
            span = self._grow(i, kind)
            if span is not None:
                candidates.append(span)
        # Longest first: 剑桥大学三一学院 beats 剑桥大学, a 研讨会 beats the 中心 inside it.
        for span in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
            self.add(span)

    def _head_kind(self, tok: Token) -> str | None:
        word = tok.word
        if tok.flag in _NOT_HEAD_FLAGS or not _CJK.match(word):
            return None
        if _suffix(word, "event"):
            return "event"
        if word.endswith(("干部", "交界处", "总部")) or (
            word.endswith("部") and len(word) >= 2 and word[-2] in "东西南北中内外"
        ):
            return None  # cadres and compass points, not departments
        suffix = _suffix(word, "organization")
        if suffix:
            if (
                suffix in lx.WEAK_ORG_SUFFIXES
                and len(word) == 2
                and word != suffix
                and tok.flag != "nt"
                and word not in ("男队", "女队")
            ):
                return None  # 格局, 场所: ordinary words that happen to end like a name
            if len(word) == 2 and word[0] in _SMALL_WORDS:
                return None  # 东部, 全部, 格局-like words are not names
            return "organization"
        if tok.flag == "nt" and len(word) >= 3:
            return "organization"
        if (
            tok.flag == "j"
            and 2 <= len(word) <= 4
            and word[-1] in "委办局厅部院所会社团司队军盟联大协航"
            and not _CN_NUMERAL.match(word)  # 三大, 五大: counts of things, not 北大
        ):
            return "organization"  # 北大, 欧盟, 足协, 法航: abbreviations jieba knows
        if word in lx.STANDALONE_ORGS:
            return "organization"
        return None

    def _grow(self, i: int, kind: str) -> _Span | None:
        head = self.tokens[i]
        start = head.start
        if not _suffix(head.word, kind):
            # A bare jieba "organisation" word is taken alone or not at all, and only when it
            # looks like one (jieba's list also holds 中医药, 新兴产业, 社会科学).
            if head.word in lx.STANDALONE_ORGS or head.flag == "j":
                return _Span(head.start, head.end, kind, head.word)
            word = head.word
            if (
                word in lx.NOT_NAMES
                or len(word) < 3
                or not (word[-1] in _ORG_LAST_CHARS or word.endswith("中央"))
            ):
                return None
            # 中国/ns 全国政协/nt: a place right before an organisation word belongs to it.
            before = self.tokens[i - 1] if i > 0 else None
            if before is not None and before.flag == "ns" and self.free(before.start, before.end):
                return _Span(before.start, head.end, kind, before.word + word)
            return _Span(head.start, head.end, kind, word)
        proper = head.flag in ("nt", "nz", "j", "ns") and len(head.word) >= 3
        scope = False
        j = i - 1
        parts = 1
        while j >= 0 and parts < 7:
            tok = self.tokens[j]
            if head.end - tok.start > 24:
                break
            if tok.flag not in _NAME_PART_FLAGS and not self._verb_in_company(j, head):
                break
            if not (_CJK.match(tok.word) or (tok.flag == "eng" and tok.word[:1].isupper())):
                break
            if tok.word in lx.PERSON_TITLES or tok.word in lx.DATELINE_WORDS:
                break
            if tok.flag in ("nr", "nrfg") and not (
                all(ch in lx.TRANSLIT for ch in tok.word) or _place_evidence(tok.word)
            ):
                # A person's name ends an organisation's (罗豪才 主持会议); 莫斯科 does not.
                break
            if len(tok.word) == 2 and tok.word[0] in "全各本该此每":
                break  # 全市中小学: a quantifier, not part of a name
            if not self.free(tok.start, tok.end) and not self._is_place(tok.start, tok.end):
                break
            if tok.flag in ("a", "l", "s") and j == i - 1 and kind == "organization":
                break
            proper = proper or tok.flag in _PROPER_FLAGS
            scope = scope or tok.word in lx.SCOPE_WORDS
            start = tok.start
            parts += 1
            j -= 1
        # 第七届世界智能大会, 首届人工智能安全峰会: a numbered event is a named one, whatever
        # its words.
        edition = (
            kind == "event" and _EDITION.search(self.text, max(0, start - 12), start) is not None
        )
        # Trim leading words that cannot open a name: adjectives, and single characters that
        # are not names themselves (经海口市中级人民法院 starts at 海口).
        while start < head.start and not edition:
            k = self.index_at[start]
            first = self.tokens[k]
            if (
                first.flag in ("a", "l", "s", "vn")
                or (len(first.word) == 1 and first.flag not in ("ns", "j", "nt"))
                # A name opens with a proper word or 国际/全国..., not 时代新征程中国共产党.
                or (first.flag in ("n", "ng", "nl", "b", "an") and first.word not in lx.SCOPE_WORDS)
            ):
                start = self.tokens[k].end
            else:
                break
        name = self.text[start : head.end]
        suffix = _suffix(head.word, kind)
        weak = suffix in (lx.WEAK_EVENT_SUFFIXES if kind == "event" else lx.WEAK_ORG_SUFFIXES)
        named_event = kind == "event" and (
            (head.word == suffix and len(head.word) >= 3 and suffix not in _GENERIC_EVENTS)
            or (edition and start < head.start)
        )
        if head.word in lx.STANDALONE_ORGS and start == head.start:
            return _Span(head.start, head.end, kind, head.word)
        if (
            start == head.start
            and not (head.flag == "nt" and len(head.word) >= 3)
            and not named_event
        ):
            # 古巴队, 莱顿大学: one word, but its part before the suffix is a proper name.
            core = head.word[: -len(suffix)] if suffix else ""
            if len(core) >= 2 and _tag(core) in ("ns", "nt", "nz", "nrt", "j"):
                return _Span(head.start, head.end, kind, head.word)
            return None
        specific = proper or (scope and not weak and len(name) >= 5) or head.flag == "nt"
        if not specific and not named_event:
            return None
        if len(name) < 3 or name in lx.NOT_NAMES:
            return None
        if edition:
            return self._with_organiser(start, head.end, name)
        return _Span(start, head.end, kind, name)

    def _with_organiser(self, start: int, end: int, name: str) -> _Span | None:
        """IASP第40届世界大会: a numbered event keeps its organiser's name before the edition.
        The mention covers the whole phrase; the name leaves the edition out (IASP世界大会)."""
        edition = _EDITION.search(self.text, max(0, start - 12), start)
        assert edition is not None
        k = self.index_at.get(edition.start())
        before = self.token_before(k) if k is not None else None
        if (
            before is not None
            and before.end == edition.start()
            and before.flag in ("eng", "nt", "nz", "j")
            and (before.flag != "eng" or before.word[:1].isupper())
        ):
            return _Span(before.start, end, "event", before.word + name)
        if len(name) <= 4 and name[:2] in lx.SCOPE_WORDS:
            return None  # 第40届世界大会 alone: too generic a name to list without its organiser
        return _Span(start, end, "event", name)

    def _verb_in_company(self, j: int, head: Token) -> bool:
        """启迪控股股份有限公司, 北京升哲科技有限公司: a company name may hold a verb-like word,
        but only between a proper name and the legal form."""
        verb = self.tokens[j]
        if not head.word.endswith(("公司", "集团")) or verb.flag != "v":
            return False
        if len(verb.word) > 1 and verb.word not in lx.COMPANY_VERBS:
            return False
        left = self.token_before(j)
        # 阿里巴巴集团控股有限公司: the verb may also follow the group's own 集团.
        return left is not None and (
            left.flag in ("nz", "ns", "nt", "j", "nr", "nrt") or left.word == "集团"
        )

    def _is_place(self, start: int, end: int) -> bool:
        return any(s.start == start and s.end == end and s.type == "place" for s in self.spans)

    # -- places --------------------------------------------------------------------------
    def buildings(self) -> None:
        """人民大会堂, 首都体育馆: buildings and sites are places."""
        for tok in self.tokens:
            if (
                tok.flag in ("nt", "ns", "nz", "n")
                and len(tok.word) >= 3
                and tok.word.endswith(lx.BUILDING_SUFFIXES)
                and (tok.flag != "n" or _place_evidence(tok.word[:2]))
            ):
                self.add(_Span(tok.start, tok.end, "place", tok.word))

    def places(self) -> None:
        for tok in self.tokens:
            if tok.flag != "ns" or len(tok.word) < 2 or not _CJK.match(tok.word):
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
            if not _placelike(word):
                continue
            if _tag(word) not in ("ns", None) and not word.endswith(lx.PLACE_SUFFIXES):
                continue  # jieba's HMM guessed "place" for a word its dictionary knows otherwise
            if (
                _tag(word) is None
                and _freq(word) == 0
                and not (word.endswith(lx.PLACE_SUFFIXES) or all(ch in lx.TRANSLIT for ch in word))
            ):
                continue
            if _place_holder_prefix(word) and word.endswith(("地区", "流域", "方面")):
                continue  # 东北地区: the place is 东北, taken by country_abbreviations()
            suffixed = word.endswith(lx.PLACE_SUFFIXES) and not (
                len(word) == 2 and word[-1] in "区国省市县乡镇村"  # 新区, 社区, 本市
            )
            if (len(word) == 2 and _freq(word) > 0 or len(word) >= 4 and _freq(word) < 10) and not (
                _place_evidence(word) or suffixed or _all_translit(word)
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
            self.add(_Span(tok.start, end, "place", self.text[tok.start : end]))

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
                    and _tag(prefix) == "ns"
                    and _placelike(prefix)
                    and (_place_evidence(prefix) or prefix.endswith(lx.PLACE_SUFFIXES))
                ):
                    self.add(_Span(tok.start, tok.start + size, "place", prefix))
                    break

    def country_abbreviations(self) -> None:
        """中美, 访华, 俄总统: one-character country names, linked to the full name."""
        for i, tok in enumerate(self.tokens):
            word = tok.word
            if tok.flag == "x" or len(word) > 6 or not self.free(tok.start, tok.end):
                continue
            abbr = lx.COUNTRY_ABBREVIATIONS
            prefix = _place_holder_prefix(word)
            if prefix and (
                len(prefix) >= 2
                and _tag(prefix) in ("ns", "f")
                and _placelike(prefix)
                or prefix in abbr
            ):
                # 印度政府, 俄总统, 南亚地区: the place inside a word jieba did not split.
                self.add(
                    _Span(tok.start, tok.start + len(prefix), "place", abbr.get(prefix, prefix))
                )
            elif (
                len(word) >= 2
                and word[0] in "访来对赴抵在进离返驻"
                and word[1] in abbr
                and word[1] != "日"
                and tok.flag != "nr"
            ):
                # 访华, 离京, 驻华大使, 对华关系: the country after a verb of going or staying.
                self.add(_Span(tok.start + 1, tok.start + 2, "place", abbr[word[1]]))
            elif (
                len(word) >= 2
                and word[0] in abbr
                and word[1] in abbr
                and word[0] != word[1]
                and (
                    (len(word) == 2 and tok.flag in ("ns", "j", "nt", "t"))
                    or word[2:] in _PAIR_TAILS
                    or (self.token_after(i) is not None and self.token_after(i).word in _PAIR_TAILS)  # type: ignore[union-attr]
                )
            ):
                # 中美, 中美关系, 印巴两国: two countries, each a mention of its own.
                for k in range(2):
                    self.add(_Span(tok.start + k, tok.start + k + 1, "place", abbr[word[k]]))
            elif (
                len(word) == 1
                and word in abbr
                and tok.flag in ("j", "ns")
                and word not in _AMBIGUOUS_ABBREVIATIONS
            ):
                self.add(_Span(tok.start, tok.end, "place", abbr[word]))
            elif len(word) == 1 and word in abbr and tok.flag in ("j", "ns", "f", "nr", "v"):
                after = self.token_after(i)
                before = self.token_before(i)
                if (after is not None and after.word in lx.PERSON_TITLES) or (
                    before is not None
                    and before.word in ("访", "赴", "来", "抵", "在", "进", "离", "返")
                ):
                    self.add(_Span(tok.start, tok.end, "place", abbr[word]))

    # -- aliases and repeated mentions -------------------------------------------------
    def aliases(self) -> None:
        """Bracketed abbreviations and company names without their legal form."""
        for span in list(self.spans):
            found: list[str] = []
            if span.type in ("organization", "event"):
                match = _ABBREVIATION.match(self.text, span.end)
                if match and match.group(1) not in span.name:
                    found.append(match.group(1))
            if span.type == "organization":
                found.extend(self._company_cores(span))
            span.aliases.extend(alias for alias in found if alias not in span.aliases)

    def _company_cores(self, span: _Span) -> list[str]:
        """启迪控股股份有限公司 → 启迪控股; 北京升哲科技有限公司 → 北京升哲科技, 升哲科技."""
        for form in lx.LEGAL_FORMS:
            if span.name.endswith(form) and len(span.name) - len(form) >= 4:
                core = span.name[: -len(form)]
                index = self.index_at.get(span.start)
                first = self.tokens[index] if index is not None else None
                if first is not None and first.flag == "ns" and len(core) - len(first.word) >= 3:
                    return [core, core[len(first.word) :]]
                return [core]
        return []

    def repeated(
        self, types: tuple[str, ...] = ("person", "place", "organization", "event")
    ) -> None:
        """Find later mentions of every name and alias that the rules above did not catch.

        One pass over the text with all names at once (longest first), so a long article with
        many entities stays linear."""
        owner: dict[str, _Span] = {}
        for span in self.spans:
            if span.type not in types:
                continue
            for name in (span.name, *span.aliases):
                if len(name) >= 3 or (len(name) == 2 and (span.type == "person" or name.isascii())):
                    owner.setdefault(name, span)
        if not owner:
            return
        pattern = re.compile("|".join(map(re.escape, sorted(owner, key=len, reverse=True))))
        for match in pattern.finditer(self.text):
            name, (start, end) = match.group(0), match.span()
            if name.isascii() and (_latin_at(self.text, start - 1) or _latin_at(self.text, end)):
                continue  # IASP inside a longer Latin word
            if self.free(start, end):
                span = owner[name]
                self.add(_Span(start, end, span.type, span.name, []))


def _latin_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()


def _placelike(word: str) -> bool:
    """Reject the common nouns jieba lists as places: 深度, 法典 (abstract), 海洋, 山区, 两国
    (made only of generic geographic characters). 东北, 西南 stay: compass regions are places."""
    if word[-1] in "性化力感率量典" or (word[-1] == "度" and word[0] in lx.MEASURE_CHARS):
        return False
    if len(word) == 2 and all(ch in lx.GENERIC_GEO_CHARS for ch in word):
        return len(word) == 2 and all(ch in "东南西北" for ch in word)
    return True


@lru_cache(maxsize=65536)
def _suffix(word: str, kind: str) -> str:
    """The longest event (or organisation) suffix ``word`` ends with; cached, as words repeat."""
    for suffix in lx.EVENT_SUFFIXES if kind == "event" else lx.ORG_SUFFIXES:
        if word.endswith(suffix):
            return suffix
    return ""


def _transliterated_place(word: str) -> bool:
    """塞尔维亚, 哈萨克斯坦, 乌克兰, 约翰内斯堡: endings that name countries and cities."""
    return _place_evidence(word) or word.endswith(lx.TRANSLIT_PLACE_ENDINGS)


def _all_translit(word: str) -> bool:
    return all(ch in lx.TRANSLIT for ch in word)


@lru_cache(maxsize=4096)
def _place_evidence(word: str) -> bool:
    """jieba's dictionary holds 莫斯科市, 卢森堡人, 科索沃省: the word names a place.

    A very common word needs two such compounds: 太阳队 alone does not make 太阳 a place."""
    freq = _dictionary()[0]
    found = sum(1 for suffix in lx.PLACE_EVIDENCE_SUFFIXES if freq.get(word + suffix))
    return found >= (2 if freq.get(word, 0) > 3000 else 1)


@lru_cache(maxsize=65536)
def _place_holder_prefix(word: str) -> str:
    for suffix in lx.PLACE_HOLDER_SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return ""


def find_entities(text: str, tokens: list[Token]) -> list[Entity]:
    finder = _Finder(text, tokens)
    finder.works()
    finder.buildings()
    finder.dotted_names()
    finder.bylines()
    finder.latin_names()
    # Organisations before single names and places: they absorb place words and mis-tagged
    # names (北京市科学技术委员会, 莫斯科国立大学).
    finder.organisations()
    # Their aliases too (阿里巴巴集团控股有限公司 → 阿里巴巴), before a person rule takes them.
    finder.aliases()
    finder.repeated(("organization", "event"))
    finder.names_in_words()
    finder.titled_names()
    finder.names_cut_before_last_character()
    finder.chinese_names()
    finder.split_names()
    finder.country_abbreviations()  # before places: 中美关系 is 中 and 美, not a place 中美
    finder.places()
    finder.places_inside_words()
    finder.aliases()
    finder.repeated()
    return _group(text, finder.spans + finder.works_found)


def _group(text: str, spans: list[_Span]) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    canonical: dict[tuple[str, str], str] = {}
    # Map every alias to the entity that declared it, so "IASP" joins 国际科技园区协会.
    for span in spans:
        key = (span.type, _compact(span.name))
        for alias in span.aliases:
            canonical.setdefault((span.type, alias), key[1])
    for span in sorted(spans, key=lambda s: s.start):
        name = _compact(span.name)
        name = canonical.get((span.type, name), name)
        entity = entities.setdefault((span.type, name), Entity(name=name, type=span.type))
        mention_text = text[span.start : span.end]
        entity.mentions.append(Mention(mention_text, span.start, span.end))
        for alias in [*span.aliases, _compact(mention_text)]:
            if alias != name and alias not in entity.aliases:
                entity.aliases.append(alias)
    return list(entities.values())
