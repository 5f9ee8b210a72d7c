"""What a model span must pass before it is shown: a reader would accept it as a name.

The tagger is right most of the time; these checks remove its errors of the kinds a reader
notices at once: a common word or an idiom as a place (新建, 加密, 咬定青山), a time as a
person (今天上午), a fragment of a longer word, a position read as an organisation
(中共中央政治局常委 → 中共中央政治局), a company's short name as a person (华卓精科).
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.facts import gazetteer
from reader.facts import lexicon as lx
from reader.facts.entity_base import DOT, FinderBase, Span, freq, tag, transliterated_place
from reader.facts.model import EntityType
from reader.text import segment

# Words that are no abbreviation of a country however they are written (以 by, 对 to).
_FUNCTION_TAGS = frozenset(("p", "c", "d", "v", "r", "u", "uj", "ul", "m", "q"))
# (Not a province or city: 海南博鳌, 阿里尔 are one place as jieba reads them.)
_COUNTRY_OR_REGION = frozenset(("CTRY", "REG"))
_PERSON_TAGS = frozenset(("nr", "nrfg", "nrt"))
_NAME_TAGS = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "eng"))
# Tags of words that are no names whatever the tagger says (jieba's dictionary is not always
# right about names either: it lists 周恩来 as a time word, 高水平 as a name).
_WORD_TAGS = frozenset(
    ("v", "vd", "vn", "a", "ad", "an", "d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f", "i", "l")
)
# What may follow a name inside one jieba word: 马克思主义, 司法部长, 中国人, 法方.
_OVERHANGS = frozenset(
    (
        *lx.PERSON_TITLES,
        *lx.words("主义 思想 理论 精神 时代 同志 人 籍 方 军 队 队员 语 族 省 市 县 籍"),
    )
)
_EDGE = re.compile(r"^[\s\W_]+|[\s\W_]+$")
# (Sets, asked with isdisjoint: a name is a few characters, a pattern's call costs more.)
_INNER_PUNCTUATION = frozenset('，。！？；：、,;:!?"“”‘’《》\n')
# An organisation may hold a list or a title: 中国、斯洛伐克联合登山队, 美国《科学》杂志.
_ORG_INNER_PUNCTUATION = frozenset('，。！？；：,;:!?"“”‘’\n')
_TIME_WORDS = re.compile(
    r"^(?:今|昨|明|前|后|当|上|下|本|去|每)?(?:天|日|年|月|周|晚|夜|早|午)?"
    r"(?:上午|下午|中午|晚上|凌晨|早上|傍晚|清晨|深夜|今天|昨天|明天|今年|去年|明年|近日|日前)*$"
)
# Words right after a "person" that show it is a company's short name: 华卓精科科技, 卓精科公司.
_COMPANY_AFTER = lx.words("科技 公司 集团 股份 有限 控股 实业 电子 技术 智能 传媒 银行 证券")
_NAME_PARTS = re.compile(f"[{DOT}\\-]")
_STORM = re.compile(r"(?:台风|飓风|热带风暴|气旋|风暴)[“\"「『]?$")
_TITLE_INSIDE = re.compile(
    "|".join(sorted((t for t in lx.PERSON_TITLES if len(t) >= 2), key=len, reverse=True))
)
# Last characters that make a word a place name whatever jieba lists (保护区 is a word, but
# so would be any 区; they are left to the tagger).
_PLACE_ENDS = frozenset("省市县州岛湖山河江峡湾洲国球村镇乡区馆园宫寺庙街路港站场")
# A word's count in jieba's dictionary from which it is an everyday word (科技, 保护, 开发).
_EVERYDAY = 1000
_PLACE_ENDS_BEFORE = frozenset("州省市县")
_MONEY_NAMES = tuple(lx.words("克朗 马克 法郎 卢布 卢比 比索 里拉 美元 欧元 日元 英镑"))
_POSITIONS = frozenset(lx.PERSON_TITLES + lx.POSITION_WORDS)
_POSITION_SIZES = sorted({len(title) for title in _POSITIONS}, reverse=True)
# Two abbreviations that are one word, not a pair of countries (美德 virtue, 中华 China).
_WORDS_NOT_PAIRS = frozenset(lx.words("美德 中华 华中 中意 华美 日中 中日韩"))
# The pieces of text asked of jieba's dictionary as set phrases have at least four characters.
_OPENING = 4
_ADDRESS = (
    *lx.words("先生 女士 同志 老师 师傅 主席 总理 书记 局长 副局长 部长 市长 省长 县长 校长"),
)


def vetted(finder: FinderBase, start: int, end: int, kind: str) -> list[Span]:
    """The spans a model span stands for once checked: none, itself, or its parts
    (北京人民大会堂 -> 北京, 人民大会堂)."""
    text = finder.text
    piece = text[start:end]
    # (A letter or a digit at both ends, as nearly always: nothing to strip.)
    stripped = piece if piece[:1].isalnum() and piece[-1:].isalnum() else _EDGE.sub("", piece)
    if not stripped or stripped.isascii():
        return []  # Latin names are latin.py's: the tagger knows Chinese, not English
    if stripped is not piece:
        start += piece.index(stripped)
    end = start + len(stripped)
    inner = _ORG_INNER_PUNCTUATION if kind == "organization" else _INNER_PUNCTUATION
    if not inner.isdisjoint(stripped):
        return []
    widened = _whole_start(finder, start, end, kind)
    if widened is None:
        return []
    if widened != (start, kind):
        start, kind = widened
        stripped = text[start:end]
    listed = gazetteer.kind_of(stripped)
    if listed is not None and not (kind == "organization" and listed in gazetteer.PLACE_TYPES):
        # (A country the tagger calls an organisation is its team: 巴西 2∶0 ...)
        # A listed name is what its list says: 加纳 is a country (jieba: a verb; the tagger:
        # a person), 国务院新闻办公室 an organisation.
        listed_type: EntityType = "organization" if listed in gazetteer.ORG_TYPES else "place"
        return [Span(start, end, listed_type, stripped)]
    if kind == "person":
        found = _listed(_person(finder, start, end))
    elif kind == "place":
        found = _places(finder, start, end)
    else:
        found = _organisation(finder, start, end)
    # (Asked last, as it costs the most: the answer is the same.)
    if found and _in_idiom(finder, start, end):
        return []  # 金山银山, 咬定青山: set phrases are no names
    return found


def _whole_start(finder: FinderBase, start: int, end: int, kind: str) -> tuple[int, str] | None:
    """Where a name that the tagger began one character or one word too late really begins,
    and what it then is; None when it is a fragment of nothing a reader would accept.

    俄罗斯明斯克 of 白俄罗斯明斯克 begins inside a listed place (the country is 白俄罗斯);
    俄数学中心 of 中俄数学中心 begins inside a pair of country abbreviations (中俄): the
    whole is an organisation if it is named like one, else no name (中俄边境)."""
    text = finder.text
    index = _token_at(finder, start)
    if index is None:
        return start, kind
    tok = finder.tokens[index]
    if tok.start < start < tok.end < end and gazetteer.kind_of(tok.word) in gazetteer.PLACE_TYPES:
        return tok.start, kind
    if (
        index >= 1
        and tok.start == start
        and tok.end == start + 1
        and end - start >= 2
        and start >= 1
        and text[start - 1] in lx.COUNTRY_ABBREVIATIONS
        and text[start] in lx.COUNTRY_ABBREVIATIONS
        and text[start - 1 : start + 1] not in _WORDS_NOT_PAIRS
        and finder.tokens[index - 1].start == start - 1
        and finder.tokens[index - 1].flag not in _FUNCTION_TAGS
        and gazetteer.kind_of(text[start:end]) is None
    ):
        whole = text[start - 1 : end]
        if any(whole.endswith(suffix) for suffix in lx.ORG_SUFFIXES):
            return start - 1, "organization"
        return None
    return start, kind


def _listed(span: Span | None) -> list[Span]:
    return [] if span is None else [span]


def _fragment(finder: FinderBase, start: int, end: int, titles: bool = False) -> bool:
    """[start, end) cuts a dictionary word that is not itself a name (卓精 in 华卓精科 is
    no fragment, as jieba does not know 华卓精科; 青山 in 咬定青山不放松 is one)."""
    if not finder.inside_word(start, end):
        return False  # it begins and ends where jieba's words do: it cuts none
    for index in _covering(finder, start, end):
        tok = finder.tokens[index]
        if tok.start < start or tok.end > end:
            outside = finder.text[tok.start : start] + finder.text[end : tok.end]
            if tok.start >= start and outside in _OVERHANGS:
                continue  # 马克思|主义, 中国|人: the name then a suffix
            if titles and tok.start >= start and tok.word.endswith(lx.PERSON_TITLES):
                continue  # 司法部|长: the department inside its minister's title
            if len(tok.word) >= 2 and all(ch in lx.TRANSLIT for ch in tok.word):
                return True  # 布莱|切利园 -> 莱切利: a cut transliteration
            if len(tok.word) >= 2 and freq(tok.word) > 0 and tok.flag not in _NAME_TAGS:
                return True
    return False


def _covering(finder: FinderBase, start: int, end: int) -> list[int]:
    """Indexes of the tokens overlapping [start, end)."""
    found: list[int] = []
    for index in (_token_at(finder, start), _token_at(finder, end - 1)):
        if index is not None and index not in found:
            found.append(index)
    return found


def _token_at(finder: FinderBase, offset: int) -> int | None:
    index = finder.index_at.get(offset)
    if index is not None:
        return index
    for back in range(1, 12):
        index = finder.index_at.get(offset - back)
        if index is not None:
            return index if finder.tokens[index].end > offset else None
    return None


def _in_idiom(finder: FinderBase, start: int, end: int) -> bool:
    """咬定青山不放松, 青山绿水: the span sits inside a set phrase jieba's dictionary lists."""
    text = finder.text
    # An idiom that covers the span holds its text.
    for idiom in _idioms_holding().get(text[start:end], ()):
        if _covers(text, start, end, idiom):
            return True
    # The span with up to three characters either side (fewer at the text's edges), each
    # piece asked once.
    size = len(text)
    # The span alone must be a 成语 (i): jieba's "l" also lists 可口可乐公司. (At an edge of
    # the text the span alone also stands for "the span and the characters beyond", which the
    # text does not have: there "l" counts too, as it always did.)
    at_edge = start == 0 or end == size
    openings = _idiom_openings()
    for begin in range(max(0, start - 3), start + 1):
        if openings is not None and text[begin : begin + _OPENING] not in openings:
            continue  # no listed phrase opens with these characters: none of the pieces is one
        for stop in range(max(end, begin + _OPENING), min(size, end + 3) + 1):
            found = tag(text[begin:stop])
            if found == "i" or (found == "l" and (begin != start or stop != end or at_edge)):
                return True
    return False


def _idiom_openings() -> frozenset[str] | None:
    """The first four characters of every set phrase jieba's dictionary lists; None when a
    user dictionary is in use, as it may list set phrases of its own."""
    return None if segment.user_dictionaries() else _listed_openings()


@lru_cache(maxsize=1)
def _listed_openings() -> frozenset[str]:
    # (training/export_idiom_openings.py writes the file from jieba's own dictionary.)
    return frozenset((gazetteer.DATA / "idiom_openings.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def _idioms_holding() -> dict[str, list[str]]:
    """Every piece of text of a listed idiom -> the idioms holding it."""
    holding: dict[str, list[str]] = {}
    for idiom in sorted(lx.GEO_IDIOMS):
        pieces = {idiom[a:b] for a in range(len(idiom)) for b in range(a + 1, len(idiom) + 1)}
        for piece in pieces:
            holding.setdefault(piece, []).append(idiom)
    return holding


def _covers(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether an occurrence of ``phrase`` covers [start, end)."""
    low = max(0, end - len(phrase))
    found = text.find(phrase, low, start + len(phrase))
    while found != -1 and found <= start:
        if found + len(phrase) >= end:
            return True
        found = text.find(phrase, found + 1, start + len(phrase))
    return False


def _person(finder: FinderBase, start: int, end: int) -> Span | None:
    name = finder.text[start:end]
    text = finder.text
    if _STORM.search(text, max(0, start - 6), start):
        return None  # 台风“贝碧嘉”, 飓风“菲欧娜”: storms have names too
    if text[end : end + 1] == "奖" or any(ch.isdigit() for ch in name):
        return None  # 诺贝尔奖: a prize named after someone is no mention of them
    after_state = text[start - 1 : start] in _PLACE_ENDS_BEFORE
    if after_state and all(ch in lx.TRANSLIT for ch in name) and not finder.person_cue(start, end):
        return Span(start, end, "place", name)  # 加利福尼亚州库比蒂诺: a city of the state
    if len(name) == 1:
        # 汤老, 老李, 程先生, 常副局长: a surname with a form of address or a title.
        if name in lx.SURNAMES and (
            text[end : end + 1] in ("老", "总", "某", "家")
            or text[start - 1 : start] in ("老", "小")
            or finder.text_after(end, _ADDRESS)
        ):
            return Span(start, end, "person", name)
        return None
    if name in lx.NOT_NAMES or _TIME_WORDS.match(name):
        return None
    if (
        name[-1] in lx.NOT_NAME_ENDINGS
        and not all(ch in lx.TRANSLIT for ch in name)
        and tag(name) not in ("nr", "nrfg", "nrt")
        and not (len(name) == 3 and name[0] in lx.SURNAMES and freq(name) == 0)
    ):
        return None  # 纪念章, 雷阵雨; not 张之路, 俞曲园
    if _fragment(finder, start, end):
        return None
    if tag(name) in _WORD_TAGS and freq(name) > 100:
        return None  # 成果, 陈述: dictionary words first
    if tag(name) == "n" and freq(name) > 500 and not finder.person_cue(start, end):
        return None  # 王朝: a common noun that starts with a surname
    if finder.text_after(end, _COMPANY_AFTER):
        return None  # 卓精科科技: the short name of a company, not a person
    # 阿列克谢·图日林: a later 图日林 is the same person.
    parts = _NAME_PARTS.split(name)
    aliases = [part for part in parts[1:] if len(part) >= 2] if len(parts) > 1 else []
    return Span(start, end, "person", name, aliases)


def _places(finder: FinderBase, start: int, end: int) -> list[Span]:
    text = finder.text
    name = text[start:end]
    if len(name) == 1:
        return [Span(start, end, "place", name)]
    title = _TITLE_INSIDE.search(name)
    if title is not None and title.start() >= 2:
        # 秘鲁总统博鲁阿尔特: a country, a title and a name read as one place.
        found = _places(finder, start, start + title.start())
        person = _person(finder, start + title.end(), end)
        return found + ([person] if person is not None else [])
    pieces = gazetteer.split_address(name)
    if len(pieces) > 1 or pieces[0] != (0, len(name)):
        found = []
        for begin, stop in pieces:
            found += _places(finder, start + begin, start + stop) if stop - begin > 1 else []
        return found
    country = _country_before_a_name(finder, start, end)
    if country:
        found = [Span(start, start + country, "place", name[:country])]
        if transliterated_place(name[country:]):
            found.append(Span(start + country, end, "place", name[country:]))  # 德国|罗滕堡
        return found
    if tag(name) in _WORD_TAGS or any(ch.isdigit() for ch in name) or name.endswith(_MONEY_NAMES):
        return []  # 新建, 加密: verbs and adjectives jieba knows; 8座球场: a count; 瑞典克朗
    if _fragment(finder, start, end) or _common_words(finder, start, end):
        return []
    return [Span(start, end, "place", name)]


def _country_before_a_name(finder: FinderBase, start: int, end: int) -> int:
    """印尼雅万 (of 印尼雅万高铁): a listed country or region, then one word jieba reads as a person's
    name and no word of places (雅万, short for a railway's two cities): the place is the
    first word alone. Its length, or 0."""
    index = finder.index_at.get(start)
    if index is None or index + 1 >= len(finder.tokens):
        return 0
    first, last = finder.tokens[index], finder.tokens[index + 1]
    if (
        last.end == end
        and last.flag in _PERSON_TAGS
        and (len(last.word) == 2 or transliterated_place(last.word))
        and gazetteer.kind_of(first.word) in _COUNTRY_OR_REGION
        and gazetteer.kind_of(last.word) is None
        and last.word[-1] not in _PLACE_ENDS
    ):
        return first.end - start
    return 0


def _common_words(finder: FinderBase, start: int, end: int) -> bool:
    """时中心, 保护区: a "place" made only of ordinary dictionary words (none a name)."""
    within = _tokens_within(finder, start, end)
    for index in within:
        tok = finder.tokens[index]
        if tok.flag in _NAME_TAGS or freq(tok.word) == 0:
            return False
        if tok.word[-1] in _PLACE_ENDS and not (len(within) == 1 and _generic_zone(tok.word)):
            return False
    return True


def _generic_zone(word: str) -> bool:
    """科技园, 保护区, 开发区: a kind of zone, an everyday word and 园 or 区 (a later 科技园 of
    剑桥启迪科技园 is no name). 鼓楼区, 朝阳区 stay: their first part is rare or a name."""
    stem = word[:-1]
    return (
        word[-1] in "园区"
        and len(stem) >= 2
        and tag(stem) in ("n", "v", "vn")
        and freq(stem) >= _EVERYDAY
    )


def _tokens_within(finder: FinderBase, start: int, end: int) -> list[int]:
    first = _token_at(finder, start)
    if first is None:
        return []
    found = []
    index = first
    while index < len(finder.tokens) and finder.tokens[index].start < end:
        found.append(index)
        index += 1
    return found


def _organisation(finder: FinderBase, start: int, end: int) -> list[Span]:
    name = finder.text[start:end]
    pieces = gazetteer.split_address(name)
    if len(pieces) > 1 and all(
        gazetteer.kind_of(name[begin:stop]) in gazetteer.PLACE_TYPES for begin, stop in pieces
    ):
        # 白俄罗斯明斯克: a country and its city, not an organisation.
        return [
            Span(start + begin, start + stop, "place", name[begin:stop]) for begin, stop in pieces
        ]
    return _listed(_organisation_named(finder, start, end))


def _organisation_named(finder: FinderBase, start: int, end: int) -> Span | None:
    name = finder.text[start:end]
    # 中共中央政治局常委, 国务院总理: a position is a person's, not an organisation. (The
    # longest title the name ends with and is longer than.)
    for size in _POSITION_SIZES:
        if size < len(name) and name[-size:] in _POSITIONS:
            end -= size
            name = name[:-size]
            break
    if len(name) < 2 or name in lx.PERSON_TITLES or (name in lx.NOT_NAMES and name != "党中央"):
        return None
    if name.endswith(_MONEY_NAMES):
        return None  # 瑞典克朗, 德国马克: currencies
    if _fragment(finder, start, end, titles=True):
        return None
    return Span(start, end, "organization", name)
