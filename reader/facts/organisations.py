"""Organisations and events: grown leftwards from a word with a known suffix.

协会, 大学, 委员会 (organisations) and 论坛, 交易会, 研讨会 (events) end a name; the words before
them join while they are name-like, and the result must contain something specific (a proper
name, or 国际/全国-like scope for strong suffixes). Aliases come from brackets and from company
names without their legal form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from typing import Literal

from reader.facts import gazetteer
from reader.facts import lexicon as lx
from reader.facts.entity_base import (
    ABBREVIATION,
    CJK,
    CN_NUMERAL,
    EDITION,
    GENERIC_EVENTS,
    NAME_PART_FLAGS,
    NOT_HEAD_FLAGS,
    ORG_LAST_CHARS,
    PROPER_FLAGS,
    SMALL_WORDS,
    FinderBase,
    Span,
    Token,
    place_evidence,
    tag,
)
from reader.facts.tagger import EntityTagger

EDITION_PREFIX = re.compile(r"^(?:第?[0-9零〇一二三四五六七八九十百]+|首)届")
# Suffixes that make a name an organisation's whatever the tagger thought of the words before.
_STRONG_ORG_SUFFIXES = tuple(
    lx.words(
        "大学 学院 委员会 有限公司 股份有限公司 集团 银行 法院 检察院 医院 研究院 研究所 "
        "科学院 协会 学会 基金会 联合会 商会 交易所 出版社 电视台 通讯社"
    )
)
_TEAM_WORDS = frozenset(("队", "男队", "女队", "国家队"))
# The entity types an organisation-like head word can start.
OrgKind = Literal["organization", "event"]


class OrganisationRules(FinderBase):
    def event_candidates(self) -> list[Span]:
        """Named and numbered events (中关村论坛, 第五届国际综合性科学中心研讨会); one whose
        name is a listed institution (世界经济论坛, 全国人民代表大会) is an organisation."""
        found: list[Span] = []
        for i in self._heads("event"):
            span = self._grow(i, "event")
            if span is None:
                continue
            core = EDITION_PREFIX.sub("", span.name)
            if gazetteer.is_organisation(core) or gazetteer.is_organisation(span.name):
                start = span.end - len(core)
                span = Span(start, span.end, "organization", self.text[start : span.end])
            found.append(span)
        return found

    def organisations(self) -> None:
        """Organisations the tagger left out, grown leftwards from a strong suffix (大学,
        委员会, 有限公司 ...) over name-like words: only where no entity stands yet."""
        candidates: list[Span] = []
        for i in self._heads("organization"):
            if not self.tokens[i].word.endswith(_STRONG_ORG_SUFFIXES):
                continue
            span = self._grow(i, "organization")
            if span is not None and len(span.name) >= 4 and self.free(span.start, span.end):
                candidates.append(span)
        for span in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
            self.add(span)
        words = self.article.words
        for i in compress(range(len(words)), map(_TEAM_WORDS.__contains__, words)):
            tok = self.tokens[i]
            if not self.free(tok.start, tok.end):
                continue
            if i > 0:
                # 法国队, 辽宁队: a team named after its country or province.
                before = self.tokens[i - 1]
                if before.end == tok.start and self._is_place(before.start, before.end):
                    self._replace_place(before, tok)

    def _replace_place(self, place: Token, team: Token) -> None:
        self.spans = [s for s in self.spans if not (s.start == place.start and s.type == "place")]
        self.taken[place.start : place.end] = b"\x00" * (place.end - place.start)
        name = self.text[place.start : team.end]
        self.add(Span(place.start, team.end, "organization", name))

    def _heads(self, kind: OrgKind) -> list[int]:
        """Indexes of the words that can end an organisation's (or an event's) name."""
        if not self.tokens:
            return []
        if self._head_kinds is None:
            # Through the tagger's word and tag indexes (found once per article): a word's
            # kind under each class of tag, and each tag's class, are tables read by index.
            words, word_ids, tags, tag_ids = EntityTagger.shared().model.ids(self.article)
            kinds = words.table_of("head kinds", _kinds_by_class, len(_FLAG_CLASSES))
            classes = tags.table_of("head class", _flag_class, 1)
            self._head_kinds = kinds[word_ids, classes[tag_ids, 0]]
        heads: list[int] = (self._head_kinds == _KIND_CODES[kind]).nonzero()[0].tolist()
        return heads

    def _grow(self, i: int, kind: OrgKind) -> Span | None:
        head = self.tokens[i]
        start = head.start
        if not suffix_of(head.word, kind):
            # A bare jieba "organisation" word is taken alone or not at all, and only when it
            # looks like one (jieba's list also holds 中医药, 新兴产业, 社会科学).
            if head.word in lx.STANDALONE_ORGS or head.flag == "j":
                return Span(head.start, head.end, kind, head.word)
            word = head.word
            if (
                word in lx.NOT_NAMES
                or len(word) < 3
                or not (word[-1] in ORG_LAST_CHARS or word.endswith("中央"))
            ):
                return None
            # 中国/ns 全国政协/nt: a place right before an organisation word belongs to it.
            before = self.tokens[i - 1] if i > 0 else None
            if before is not None and before.flag == "ns" and self.free(before.start, before.end):
                return Span(before.start, head.end, kind, before.word + word)
            return Span(head.start, head.end, kind, word)
        proper = head.flag in ("nt", "nz", "j", "ns") and len(head.word) >= 3
        scope = False
        j = i - 1
        parts = 1
        while j >= 0 and parts < 7:
            tok = self.tokens[j]
            if head.end - tok.start > 24:
                break
            if tok.flag not in NAME_PART_FLAGS and not self._verb_in_company(j, head):
                break
            if not (CJK.match(tok.word) or (tok.flag == "eng" and tok.word[:1].isupper())):
                break
            if tok.word in lx.PERSON_TITLES or tok.word in lx.DATELINE_WORDS:
                break
            if tok.flag in ("nr", "nrfg") and not (
                all(ch in lx.TRANSLIT for ch in tok.word) or place_evidence(tok.word)
            ):
                # A person's name ends an organisation's (罗豪才 主持会议); 莫斯科 does not.
                break
            if len(tok.word) == 2 and tok.word[0] in "全各本该此每":
                break  # 全市中小学: a quantifier, not part of a name
            if not self.free(tok.start, tok.end) and not self._is_place(tok.start, tok.end):
                break
            if tok.flag in ("a", "l", "s") and j == i - 1 and kind == "organization":
                break
            proper = proper or tok.flag in PROPER_FLAGS
            scope = scope or tok.word in lx.SCOPE_WORDS
            start = tok.start
            parts += 1
            j -= 1
        # 第七届世界智能大会, 首届人工智能安全峰会: a numbered event is a named one, whatever
        # its words.
        edition = (
            kind == "event" and EDITION.search(self.text, max(0, start - 12), start) is not None
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
        suffix = suffix_of(head.word, kind)
        weak = suffix in (lx.WEAK_EVENT_SUFFIXES if kind == "event" else lx.WEAK_ORG_SUFFIXES)
        named_event = kind == "event" and (
            (head.word == suffix and len(head.word) >= 3 and suffix not in GENERIC_EVENTS)
            or (edition and start < head.start)
        )
        if head.word in lx.STANDALONE_ORGS and start == head.start:
            return Span(head.start, head.end, kind, head.word)
        if (
            start == head.start
            and not (head.flag == "nt" and len(head.word) >= 3)
            and not named_event
        ):
            # 古巴队, 莱顿大学: one word, but its part before the suffix is a proper name.
            core = head.word[: -len(suffix)] if suffix else ""
            if len(core) >= 2 and tag(core) in ("ns", "nt", "nz", "nrt", "j"):
                return Span(head.start, head.end, kind, head.word)
            return None
        specific = proper or (scope and not weak and len(name) >= 5) or head.flag == "nt"
        if not specific and not named_event:
            return None
        if len(name) < 3 or name in lx.NOT_NAMES:
            return None
        if edition:
            return self._with_organiser(start, head.end, name)
        return Span(start, head.end, kind, name)

    def _with_organiser(self, start: int, end: int, name: str) -> Span | None:
        """IASP第40届世界大会: a numbered event keeps its organiser's name before the edition.
        The mention covers the whole phrase; the name leaves the edition out (IASP世界大会)."""
        edition = EDITION.search(self.text, max(0, start - 12), start)
        assert edition is not None
        k = self.index_at.get(edition.start())
        before = self.token_before(k) if k is not None else None
        if (
            before is not None
            and before.end == edition.start()
            and before.flag in ("eng", "nt", "nz", "j")
            and (before.flag != "eng" or before.word[:1].isupper())
        ):
            return Span(before.start, end, "event", before.word + name)
        if len(name) <= 4 and name[:2] in lx.SCOPE_WORDS:
            return None  # 第40届世界大会 alone: too generic a name to list without its organiser
        return Span(start, end, "event", name)

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

    def aliases(self) -> None:
        """Bracketed abbreviations and company names without their legal form."""
        for span in list(self.spans):
            if span.type not in ("organization", "event"):
                continue  # (people and places have neither)
            found: list[str] = []
            match = ABBREVIATION.match(self.text, span.end)
            if match and match.group(1) not in span.name:
                found.append(match.group(1))
            if span.type == "organization":
                found.extend(self._company_cores(span))
            if found:
                span.aliases.extend(alias for alias in found if alias not in span.aliases)

    def _company_cores(self, span: Span) -> list[str]:
        """启迪控股股份有限公司 → 启迪控股; 北京升哲科技有限公司 → 北京升哲科技, 升哲科技."""
        if not span.name.endswith(lx.LEGAL_FORMS):
            return []  # (most organisations: asked of all the forms in one call)
        for form in lx.LEGAL_FORMS:
            if span.name.endswith(form) and len(span.name) - len(form) >= 4:
                core = span.name[: -len(form)]
                index = self.index_at.get(span.start)
                first = self.tokens[index] if index is not None else None
                if first is not None and first.flag == "ns" and len(core) - len(first.word) >= 3:
                    return [core, core[len(first.word) :]]
                return [core]
        return []


def _by_length(suffixes: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """The suffixes as one set per length, longest first: a word is asked once per length
    (a handful of set look-ups), not once per suffix (well over a hundred ``endswith``)."""
    lengths = sorted({len(suffix) for suffix in suffixes}, reverse=True)
    return tuple((n, frozenset(s for s in suffixes if len(s) == n)) for n in lengths)


_EVENT_SUFFIXES_BY_LENGTH = _by_length(lx.EVENT_SUFFIXES)
_ORG_SUFFIXES_BY_LENGTH = _by_length(lx.ORG_SUFFIXES)


@lru_cache(maxsize=65536)
def suffix_of(word: str, kind: str) -> str:
    """The longest event (or organisation) suffix ``word`` ends with; cached, as words repeat."""
    for length, suffixes in (
        _EVENT_SUFFIXES_BY_LENGTH if kind == "event" else _ORG_SUFFIXES_BY_LENGTH
    ):
        if length <= len(word) and word[-length:] in suffixes:
            return word[-length:]
    return ""


# The last characters of the abbreviations jieba tags "j" that name organisations (北大, 欧盟).
_ABBREVIATION_ENDS = frozenset("委办局厅部院所会社团司队军盟联大协航")


def _head_kind(word: str, flag: str) -> OrgKind | None:
    """Whether a jieba word can end an organisation's or an event's name (cached: words repeat)."""
    if flag in NOT_HEAD_FLAGS or not CJK.match(word):
        return None
    event = suffix_of(word, "event")
    if event:
        if len(event) == 1 and len(word) < 3 and flag not in ("nz", "nt"):
            return None  # 使节, 环节, 决赛: ordinary words that end like an event
        return "event"
    if word.endswith(("干部", "交界处", "总部")) or (
        word.endswith("部") and len(word) >= 2 and word[-2] in "东西南北中内外"
    ):
        return None  # cadres and compass points, not departments
    suffix = suffix_of(word, "organization")
    if suffix:
        if (
            suffix in lx.WEAK_ORG_SUFFIXES
            and len(word) == 2
            and word != suffix
            and flag != "nt"
            and word not in ("男队", "女队")
        ):
            return None  # 格局, 场所: ordinary words that happen to end like a name
        if len(word) == 2 and word[0] in SMALL_WORDS:
            return None  # 东部, 全部, 格局-like words are not names
        return "organization"
    if flag == "nt" and len(word) >= 3:
        return "organization"
    if (
        flag == "j"
        and 2 <= len(word) <= 4
        and word[-1] in _ABBREVIATION_ENDS
        and not CN_NUMERAL.match(word)  # 三大, 五大: counts of things, not 北大
    ):
        return "organization"  # 北大, 欧盟, 足协, 法航: abbreviations jieba knows
    if word in lx.STANDALONE_ORGS:
        return "organization"
    return None


# _head_kind reads a word's tag only as one of these classes (any other tag: the last one);
# each class is written as a tag of it.
_FLAG_CLASSES = ("x", "nt", "nz", "j", "n")
_KIND_CODES: dict[OrgKind | None, int] = {None: 0, "event": 1, "organization": 2}


# The last characters of every word whose kind _head_kind reads from its end: the suffixes',
# the abbreviations' and those of the endings it turns down (干部, 交界处).
_ENDS_READ = frozenset(
    {s[-1] for s in (*lx.EVENT_SUFFIXES, *lx.ORG_SUFFIXES)} | _ABBREVIATION_ENDS | {"部", "处"}
)
_NO_HEAD = (0,) * len(_FLAG_CLASSES)
# A word ending otherwise heads an organisation only when tagged nt, from three characters on.
_LONG_NT_ONLY = (0, _KIND_CODES["organization"], 0, 0, 0)


def _kinds_by_class(word: str) -> Sequence[int]:
    """``_head_kind`` of the word under each class of ``_FLAG_CLASSES`` ("x" never heads).
    Found once per word a process meets: most words end in none of the characters it reads
    and need no suffix search."""
    if not CJK.match(word):
        return _NO_HEAD
    if word[-1] not in _ENDS_READ and word not in lx.STANDALONE_ORGS:
        return _LONG_NT_ONLY if len(word) >= 3 else _NO_HEAD
    return (0, *(_KIND_CODES[_head_kind(word, flag)] for flag in _FLAG_CLASSES[1:]))


def _flag_class(flag: str) -> list[int]:
    if flag in NOT_HEAD_FLAGS:
        return [0]
    return [_FLAG_CLASSES.index(flag) if flag in _FLAG_CLASSES[1:4] else 4]
