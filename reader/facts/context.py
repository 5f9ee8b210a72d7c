"""What a count counts and what happened to it: its subject and its predicate.

150余场学术交流活动 counts 学术交流活动; 258位中俄优秀数学家 counts 数学家 (the modifiers
中俄, 优秀 are dropped); 论文70多篇 counts 论文, the head of the noun before it. 造成812人死亡
says 死亡 of the 812; 已拥有43家国内外会员 says 拥有. Both stay within the count's clause.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TypedDict

from reader.facts.entity_base import Token, freq
from reader.facts.lexicon import words

_NOUNS = frozenset(("n", "nz", "nt", "vn", "ng", "nl", "eng"))
# Words before the counted noun that narrow it (中俄, 优秀, 国内外): left out of the subject.
_MODIFIERS = frozenset(("a", "b", "an", "f", "s", "j", "ns", "nr", "m", "mq", "r", "uj", "z"))
_VERBS = frozenset(("v", "vi", "vd", "vn"))
# Verbs that only link a count to its subject (人数达812人, 共有43家): no predicate.
_LINKS = frozenset(
    words(
        "是 为 有 达 达到 共 共有 计 约 超 超过 逾 近 多达 占 累计 合计 总计 约有 仅 只 均 各 "
        "分别 已 已经 将 要 可 会 能 新 再 又 还 也 都 先后"
    )
)
_SUBJECT_STOPS = frozenset(words("为例 等 等等 之一 以上 左右 方面"))
_CLAUSE_END = frozenset('，。！？；：、,.!?;:\n（）()“”"')
_MAX_SUBJECT = 12


class About(TypedDict):
    subject: str | None
    predicate: str | None


class CountContext:
    """Subjects and predicates of counts, from the article's tokens."""

    def __init__(self, text: str, tokens: list[Token], starts: list[int] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        # Where each token starts (and, last, where the last one ends): a count that ends
        # inside a token (258位中: jieba glued the measure word to the next character) still
        # finds its neighbours. (The tokens cover the text, one after another.)
        self._starts = [tok.start for tok in tokens] if starts is None else starts[:-1]

    def token_of(self, pos: int) -> int:
        """The index of the token that holds character ``pos`` (a few counts an article: a
        search costs less than a table of every character)."""
        return bisect_right(self._starts, pos) - 1

    def __call__(self, end: int, begin: int) -> About:
        subject, after_end = self._after(end)
        before_start = begin
        if subject is None:
            subject, before_start = self._before(begin)
        return {"subject": subject, "predicate": self._predicate(after_end, before_start)}

    def word_before(self, pos: int) -> str | None:
        """The word right before ``pos`` when it is a word of two or more characters."""
        if pos <= 0:
            return None
        tok = self.tokens[self.token_of(pos - 1)]
        if tok.end != pos or len(tok.word) < 2 or not tok.word.isalpha():
            return None
        return tok.word

    def _next_index(self, pos: int) -> int | None:
        if pos >= len(self.text):
            return None
        index = self.token_of(pos)
        tok = self.tokens[index]
        return index if tok.start == pos else index + 1

    def _after(self, pos: int) -> tuple[str | None, int]:
        """The noun run after the count, past its modifiers; and where it ends."""
        index = self._next_index(pos)
        if index is None:
            return None, pos
        if index < len(self.tokens) and self.tokens[index].start > pos:
            leftover = self.text[pos : self.tokens[index].start]
            if any(ch in _CLAUSE_END for ch in leftover):
                return None, pos
        first_noun: int | None = None
        last_noun: int | None = None
        j = index
        while j < len(self.tokens) and self.tokens[j].end - pos <= _MAX_SUBJECT + 4:
            tok = self.tokens[j]
            if tok.word in _CLAUSE_END or not tok.word.strip() or tok.word in _SUBJECT_STOPS:
                break
            if tok.flag in _NOUNS:
                if first_noun is None:
                    first_noun = tok.start
                last_noun = tok.end
            elif first_noun is not None or tok.flag not in _MODIFIERS:
                break
            j += 1
        if first_noun is None or last_noun is None:
            return None, pos
        # Modifier-looking nouns (中俄 tagged j, 国内外 s) before the head are dropped above;
        # a run that is still too long keeps its last words, the head.
        start = max(first_noun, last_noun - _MAX_SUBJECT)
        return self.text[start:last_noun], last_noun

    def _before(self, pos: int) -> tuple[str | None, int]:
        """The head noun right before the count (论文 of 学术论文70多篇), skipping links."""
        j = self.token_of(pos - 1) if pos > 0 else -1
        if j >= 0 and self.tokens[j].end > pos:
            j -= 1
        while j >= 0 and self.tokens[j].word in _LINKS:
            j -= 1
        if j < 0:
            return None, pos
        tok = self.tokens[j]
        if tok.flag not in _NOUNS or tok.flag in ("nr", "nrt") or len(tok.word) > _MAX_SUBJECT:
            return None, pos
        return _head(tok.word), tok.start

    def _predicate(self, after: int, before: int) -> str | None:
        """A verb right after the count and its subject (812人死亡), else the nearest one
        before it in its clause (拥有43家), links and adverbs aside."""
        index = self._next_index(after)
        if index is not None and index < len(self.tokens):
            tok = self.tokens[index]
            if tok.start == after and tok.flag in _VERBS and tok.word not in _LINKS:
                return tok.word
        j = self.token_of(before - 1) if before > 0 else -1
        steps = 0
        while j >= 0 and steps < 6:
            tok = self.tokens[j]
            if tok.word in _CLAUSE_END:
                break
            if tok.flag in ("v", "vi") and tok.word not in _LINKS and len(tok.word) >= 2:
                return tok.word
            j -= 1
            steps += 1
        return None


def _head(noun: str) -> str:
    """学术论文 -> 论文: a long compound's last two characters when they are a word."""
    if len(noun) >= 4 and freq(noun[-2:]) > 0:
        return noun[-2:]
    return noun
