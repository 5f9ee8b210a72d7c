"""The trained tagger as arrays: its weights, and every character's state scores by look-up.

CRFsuite trains the model; ``training/export_ner.py`` writes its weights into ``ner.npz`` with,
for each attribute family of ``crf_features``, the values the model knows and the weight row
each selects. Here the attributes of all the characters of all the sentences of an article are
found at once — code-point tables for characters, hashed integer keys for character pairs,
dictionaries for words and tags — and a character's state scores are the sum of its rows, added
in ``TEMPLATES`` order as CRFsuite adds them. An attribute the model does not know selects a
row of zeros.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reader.facts import gazetteer
from reader.facts.crf_features import (
    CLASS_LETTERS,
    SENTENCE_END,
    SENTENCE_START,
    TEMPLATES,
    char_class,
    word_value,
)

ARRAYS_PATH = Path(__file__).resolve().parent / "models" / "ner.npz"
CHAR_TEMPLATES = ("c", "l", "r")
TEXT_TEMPLATES = ("j", "w", "wl", "wr", "g")
# Class letters as small integers; ^ and $ stand for "before the sentence" and "after it".
CLASS_CODES = {letter: code for code, letter in enumerate(CLASS_LETTERS + "^$")}
# Before a sentence and after it: the code and the class of each edge (one column each).
_EDGES = np.array(
    [[ord(SENTENCE_START), ord(SENTENCE_END)], [CLASS_CODES["^"], CLASS_CODES["$"]]], dtype=np.int64
)
BMP = 0x10000

Ints = npt.NDArray[np.int64]
Rows = npt.NDArray[np.intp]
Scores = npt.NDArray[np.float64]


def pair_key(first: int, second: int) -> int:
    return (first << 21) | second


def pack_strings(values: list[str]) -> npt.NDArray[np.uint8]:
    """Strings as one UTF-8 buffer: attribute values never hold NUL (CRFsuite's own separator)."""
    return np.frombuffer("\x00".join(values).encode("utf-8"), np.uint8).astype(np.uint8)


def unpack_strings(packed: npt.NDArray[np.uint8]) -> list[str]:
    return packed.tobytes().decode("utf-8").split("\x00") if packed.size else []


class Article:
    """A text and its segmentation, as the tagger and the gazetteers read it: ``starts[i]`` is
    where word i begins, ``starts[-1]`` where the last one ends (no word is empty). ``covered``
    tells whether the words put together are the text (otherwise no word or gazetteer
    attributes)."""

    __slots__ = ("covered", "starts", "tags", "text", "words", "_listed", "_ids")

    def __init__(
        self,
        text: str,
        words: Sequence[str],
        tags: Sequence[str],
        starts: Sequence[int],
        covered: bool = True,
    ) -> None:
        self.text = text
        self.words = words
        self.tags = tags
        self.starts = starts
        self.covered = covered
        self._listed: list[tuple[int, int, str]] | None = None
        self._ids: tuple[WordIndex, Rows, WordIndex, Rows] | None = None

    @classmethod
    def of(cls, text: str, pairs: Sequence[tuple[str, str]]) -> Article:
        kept = [(word, tag) for word, tag in pairs if word]
        starts = [0]
        for word, _ in kept:
            starts.append(starts[-1] + len(word))
        if starts[-1] != len(text):  # one word of everything, and no word attributes
            return cls(text, [text], ["x"], [0, len(text)], covered=False)
        return cls(text, [w for w, _ in kept], [t for _, t in kept], starts)

    def listed(self, candidates: Sequence[int] | None = None) -> list[tuple[int, int, str]]:
        """The gazetteers' names in the text (``gazetteer.listed_spans``), found once."""
        if self._listed is None:
            self._listed = gazetteer.listed_spans(self.text, self.words, self.starts, candidates)
        return self._listed


class CrfModel:
    """Weights and attribute tables of the exported tagger."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: tuple[str, ...] = tuple(str(label) for label in arrays["labels"])
        self.transitions: Scores = arrays["transitions"].astype(np.float64)
        self.absent = int(arrays["attributes"])  # the row of zeros
        weights = np.zeros((self.absent + 1, len(self.labels)))
        weights[arrays["weight_rows"], arrays["weight_labels"]] = arrays["weights"]
        self.weights: Scores = weights
        # Code point -> folded code point, and -> class, for the BMP (others: see _folded and
        # _classes).
        # The tables keep the archive's small types (uint16, uint8; rows as int32): a look-up
        # widens what it takes, and the tables stay a quarter of the size.
        self._fold: npt.NDArray[np.uint16] = arrays["fold"].astype(np.uint16)
        self._class_of: npt.NDArray[np.uint8] = arrays["classes"].astype(np.uint8)
        self._chars = {name: self._char_table(arrays, name) for name in CHAR_TEMPLATES}
        # Character pairs: the row of each known pair as lc and as cr.
        self._pairs_known = PairTable(
            arrays["pair_keys"],
            self._or_absent(arrays["pair_lc"]),
            self._or_absent(arrays["pair_cr"]),
            self.absent,
        )
        self._kinds = np.full(12**3, self.absent, dtype=np.int32)
        self._kinds[arrays["k_keys"]] = arrays["k_rows"]
        # The small vocabularies (tags, gazetteer marks) as dictionaries; the words', 17,000
        # strings, as arrays (a dictionary of them took 2 MB), asked a whole article's new
        # words at a time.
        self._text: dict[str, dict[str, int]] = {
            name: dict(
                zip(
                    unpack_strings(arrays[f"{name}_values"]),
                    arrays[f"{name}_rows"].tolist(),
                    strict=True,
                )
            )
            for name in ("j", "g")
        }
        self._words = {
            name: Vocabulary(arrays[f"{name}_values"], arrays[f"{name}_rows"])
            for name in ("w", "wl", "wr")
        }
        self.word_start = int(self._words["wl"].rows(["^"], self.absent)[0])
        self.word_stop = int(self._words["wr"].rows(["$"], self.absent)[0])
        self._word_ids = WordIndex(self._rows_of_words, 3)
        self._tag_ids = WordIndex(self._rows_of_tags, 4)
        self._indexing = threading.Lock()  # the indexes fill as articles come
        self._marks = {
            kind: tuple(self._text["g"].get(f"{place}-{kind}", self.absent) for place in "BIE")
            for kind in gazetteer.TYPES
        }

    @classmethod
    def load(cls, path: Path = ARRAYS_PATH) -> CrfModel:
        with np.load(path, allow_pickle=False) as archive:
            return cls({name: archive[name] for name in archive.files})

    def _or_absent(self, rows: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
        return np.where(rows < 0, self.absent, rows).astype(np.int32)

    def _char_table(self, arrays: dict[str, np.ndarray], name: str) -> npt.NDArray[np.int32]:
        """Code point -> row, one entry past the largest known code point for all the rest."""
        keys = arrays[f"{name}_keys"]
        table = np.full(int(keys.max(initial=0)) + 2, self.absent, dtype=np.int32)
        table[keys] = arrays[f"{name}_rows"]
        return table

    def _char_rows(self, name: str, codes: Ints) -> npt.NDArray[np.int32]:
        return self._chars[name].take(codes, mode="clip")  # the last entry: all the rest

    def _rows_of_words(self, words: list[str]) -> Rows:
        """The rows each word selects: w on its characters; wl and wr on its neighbours'."""
        absent, vocabularies = self.absent, self._words
        out = np.empty((len(words), 3), dtype=np.intp)
        out[:, 0] = vocabularies["w"].rows(list(map(word_value, words)), absent)
        out[:, 1] = vocabularies["wl"].rows(words, absent)
        out[:, 2] = vocabularies["wr"].rows(words, absent)
        return out

    def _rows_of_tags(self, tags: list[str]) -> Rows:
        """The j rows of a word's characters by their place in it: S (alone), B, M, E."""
        j, absent = self._text["j"], self.absent
        return np.array(
            [[j.get(place + tag, absent) for place in "SBME"] for tag in tags], dtype=np.intp
        ).reshape(len(tags), 4)

    def emissions(self, article: Article, sentences: Sequence[tuple[int, int]]) -> list[Scores]:
        """The (characters × labels) state scores of each sentence, a [first, last) range of
        the article's words."""
        scores, ends = self.state_scores(article, sentences)
        bounds = [0, *ends.tolist()]
        return [scores[bounds[k] : bounds[k + 1]] for k in range(len(sentences))]

    def state_scores(
        self, article: Article, sentences: Sequence[tuple[int, int]]
    ) -> tuple[Scores, Rows]:
        """``emissions`` of all the sentences one after another, and where each one ends."""
        # The sentences' word ranges and the words' starts as arrays, for the word rows too.
        ranges = np.array(sentences, dtype=np.intp).reshape(len(sentences), 2)
        starts = np.array(article.starts, dtype=np.intp)
        firsts, lasts = starts.take(ranges.T)
        lengths = lasts - firsts
        ends = lengths.cumsum()
        total = int(ends[-1]) if len(ends) else 0
        if not total:
            return np.zeros((0, len(self.labels))), ends
        # The sentences' characters one after another: where each one is in the text, and
        # which of them open and close a sentence.
        offsets = ends - lengths
        where = np.arange(total) + (firsts - offsets).repeat(lengths)
        nonempty = lengths > 0
        opening = offsets[nonempty]
        closing = ends[nonempty] - 1

        # Each character as the model reads it (folded) and its class, with the neighbours of
        # both, in one array: one pass finds the neighbours of the two.
        raw = _code_points(article.text)[where]
        read = np.empty((2, total), dtype=np.int64)
        beyond = int(raw.max()) >= BMP  # (rare: most articles need no second look)
        read[0] = self._folded(raw, beyond)
        read[1] = self._classes(raw, beyond)
        before, after = _neighbours(read, opening, closing, _EDGES[:, :1], _EDGES[:, 1:])
        codes, kinds = read
        left, kind_left = before
        right, kind_right = after

        rows = np.empty((len(TEMPLATES), total), dtype=np.intp)
        rows[0] = self._char_rows("c", codes)
        rows[1] = self._char_rows("l", left)
        rows[2] = self._char_rows("r", right)
        rows[3:5] = self._pairs(codes, left, right, closing)
        rows[5] = self._kinds.take((kind_left * 12 + kinds) * 12 + kind_right)
        if article.covered:
            self._word_rows(article, ranges, starts, rows[6:10])
            rows[10] = self._gazetteer_rows(article, where)
        else:
            rows[6:11] = self.absent

        # Summed over the templates in order, as CRFsuite sums a character's attributes (one
        # template at a time: the rows of all of them at once made a temporary ten times the
        # size of the scores, which pushed the rest of the extraction out of the caches). A
        # short article's temporary is small: its rows are taken at once and reduced over the
        # templates, two calls instead of twenty (a reduction over the outer axis adds the
        # templates one after another, in the same order: the same sums, bit for bit).
        weights = self.weights
        if total <= _GATHERED_AT_ONCE:
            gathered: Scores = np.add.reduce(weights.take(rows, axis=0), axis=0)
            return gathered, ends
        scores: Scores = weights.take(rows[0], axis=0)
        add = np.add
        for template in rows[1:]:
            add(scores, weights.take(template, axis=0), scores)
        return scores, ends

    def _folded(self, raw: Ints, beyond: bool = True) -> npt.NDArray[np.integer[Any]]:
        # Beyond the BMP the model knows no character: any code there selects no row.
        folded = self._fold.take(raw, mode="clip")
        return np.where(raw < BMP, folded, raw) if beyond else folded

    def _classes(self, raw: Ints, beyond: bool = True) -> npt.NDArray[np.uint8]:
        kinds = self._class_of.take(raw, mode="clip")
        if beyond:
            for i in (raw >= BMP).nonzero()[0].tolist():  # emoji and other rare characters
                kinds[i] = CLASS_CODES[char_class(chr(raw[i]))]
        return kinds

    def _pairs(self, codes: Ints, left: Ints, right: Ints, closing: Rows) -> Rows:
        """The lc and cr rows: the pair a character makes with the one before it, and with
        the one after it — the same pair seen from both ends, looked up once."""
        # Pair i is (left[i], codes[i]); a sentence's last character adds (codes, right).
        wanted = (left << 21) | codes
        tails = (codes[closing] << 21) | right[closing]
        lc, cr = self._pairs_known.rows(np.concatenate([wanted, tails]))
        total = len(codes)
        # cr of character i is the pair i+1, except at a sentence's end, where it is its tail.
        out = np.empty((2, total), dtype=np.intp)
        out[0] = lc[:total]
        out[1, :-1] = cr[1:total]
        out[1, closing] = cr[total:]
        return out

    def ids(self, article: Article) -> tuple[WordIndex, Rows, WordIndex, Rows]:
        """The article's words and tags as indexes into the model's word and tag tables (and
        those tables), found once per article: the rules read their own per-word tables
        through the same indexes (``WordIndex.table_of``)."""
        if article._ids is None:
            words, tags = article.words, article.tags
            with self._indexing:
                # A full index is replaced, not emptied: indexes handed out stay valid.
                if len(self._word_ids) + len(words) > _WORD_CACHE:
                    self._word_ids = WordIndex(self._rows_of_words, 3)
                if len(self._tag_ids) + len(words) > _WORD_CACHE:
                    self._tag_ids = WordIndex(self._rows_of_tags, 4)
                word_index, tag_index = self._word_ids, self._tag_ids
                word_ids = np.fromiter(map(word_index.__getitem__, words), np.intp, len(words))
                tag_ids = np.fromiter(map(tag_index.__getitem__, tags), np.intp, len(tags))
                word_index.settle()
                tag_index.settle()
            article._ids = (word_index, word_ids, tag_index, tag_ids)
        return article._ids

    def _word_rows(self, article: Article, ranges: Rows, starts: Rows, out: Rows) -> None:
        """Rows of j, w, wl and wr for every character, from its word and the words around it
        (``ranges``: the sentences' [first, last) words; ``starts``: ``article.starts``)."""
        firsts = ranges[:, 0]
        counts = ranges[:, 1] - firsts
        edge = counts.cumsum()
        picked = np.arange(int(edge[-1])) + np.repeat(firsts - (edge - counts), counts)
        word_index, word_ids, tag_index, tag_ids = self.ids(article)
        table = word_index.table.take(word_ids.take(picked), axis=0)  # [w, wl, wr]
        places = tag_index.table.take(tag_ids.take(picked), axis=0)  # [S, B, M, E]
        size = (starts[1:] - starts[:-1]).take(picked)
        # The words before and after each word within its sentence, or ^ and $ at its edges.
        nonempty = counts > 0
        before = np.empty(len(picked), dtype=np.intp)
        before[1:] = table[:-1, 1]
        before[(edge - counts)[nonempty]] = self.word_start
        after = np.empty(len(picked), dtype=np.intp)
        after[:-1] = table[1:, 2]
        after[edge[nonempty] - 1] = self.word_stop

        # Rows by word, repeated over its characters (w; j of a middle character), then those
        # of its first and last characters put in place (wl, wr; j's B and E, or S alone).
        word_of = np.arange(len(picked)).repeat(size)
        ends = size.cumsum()
        opening = ends - size
        closing = ends - 1
        out[0] = places[:, 2].take(word_of)
        out[0, closing] = places[:, 3]
        out[0, opening] = np.where(size == 1, places[:, 0], places[:, 1])
        out[1] = table[:, 0].take(word_of)
        out[2:] = self.absent
        out[2, opening] = before
        out[3, closing] = after

    def _gazetteer_rows(self, article: Article, where: Rows) -> Rows:
        """Per character the row of its gazetteer mark (B-CTRY, I-CTRY, E-CTRY ...)."""
        marks = np.full(len(article.text), self.absent, dtype=np.intp)
        index, ids, _, _ = self.ids(article)
        begins = index.table_of("begins a listed name", _begins_name, 1).take(ids, axis=0)
        for begin, end, kind in article.listed(begins[:, 0].nonzero()[0].tolist()):
            opens, inside, closes = self._marks[kind]
            marks[begin] = opens
            marks[begin + 1 : end - 1] = inside
            marks[end - 1] = closes
        return marks.take(where)


class Vocabulary:
    """Strings -> rows with no Python object per string: the strings' hashes sorted, the rows
    in the same order, and the strings themselves (UTF-8, one after another) to confirm a
    match. Asked many strings at once (a search of all their hashes in one call)."""

    def __init__(self, packed: npt.NDArray[np.uint8], rows: npt.NDArray[np.int32]) -> None:
        values = unpack_strings(packed)
        # A string listed twice selects its last row, as a dictionary built from the pairs.
        last = {value: index for index, value in enumerate(values)}
        kept = sorted(last.values(), key=lambda index: hash(values[index]))
        self._hashes = np.fromiter((hash(values[i]) for i in kept), np.int64, len(kept))
        self._rows = np.asarray(rows)[kept].astype(np.int32)
        encoded = [values[i].encode("utf-8") for i in kept]
        self._bounds = np.cumsum([0, *map(len, encoded)]).tolist()
        self._packed = b"".join(encoded)

    def rows(self, values: list[str], absent: int) -> Rows:
        """The row of each of ``values``, ``absent`` for those not listed."""
        out = np.full(len(values), absent, dtype=np.intp)
        if not values or not len(self._hashes):
            return out
        hashes = np.fromiter(map(hash, values), np.int64, len(values))
        found = np.minimum(np.searchsorted(self._hashes, hashes), len(self._hashes) - 1)
        listed = self._hashes.take(found) == hashes
        for i in listed.nonzero()[0].tolist():
            # (A value holding a lone surrogate is in no list: its bytes match none.)
            wanted = values[i].encode("utf-8", "surrogatepass")
            k = int(found[i])
            while k < len(self._hashes) and self._hashes[k] == hashes[i]:
                if self._packed[self._bounds[k] : self._bounds[k + 1]] == wanted:
                    out[i] = self._rows[k]
                    break
                k += 1
        return out


class PairTable:
    """Character pair keys (``pair_key``) -> their lc and cr rows, by cuckoo hashing: a key sits
    in one of its two places (two bit fields of key * multiplier) of a table twice the keys'
    number or more, so a look-up reads two places and compares two keys. (A binary search of
    the 17,792 sorted keys took 50 us an article; buckets of four places, read as four rows
    256 KB apart, were mostly cache misses in the extraction: 49.5 ms a pass over news-dev
    against 34.4 ms for the two places. Made at load in 5 ms.)"""

    _MULTIPLIER = 0x9E3779B97F4A7C15  # Fibonacci hashing: the top bits of key * phi ...
    _ANOTHER = 0x632BE59BD9B4E019  # ... (or another odd multiplier, should the keys not fit)
    _KICKS = 500  # keys moved for one key before the table is made again (another multiplier)

    def __init__(
        self, keys: Ints, lc: npt.NDArray[np.int32], cr: npt.NDArray[np.int32], absent: int
    ) -> None:
        # Twice the keys' number of places or more: a load of a half at most, where cuckoo
        # hashing with two places nearly always fits the keys at the first multiplier.
        self._bits = max(8, (2 * len(keys) - 1).bit_length())
        # The bit fields' shifts and mask as numpy scalars, made once (a look-up made three).
        self._first_shift = np.uint64(64 - self._bits)
        self._second_shift = np.uint64(32 - self._bits)
        self._mask = np.uint64((1 << self._bits) - 1)
        held = None
        for attempt in range(64):  # (64 multipliers in a row failing: beyond any real key set)
            multiplier = (self._MULTIPLIER + 2 * attempt * self._ANOTHER) % (1 << 64)
            self._multiplier = np.uint64(multiplier)
            held = self._place(np.asarray(keys, dtype=np.int64))
            if held is not None:
                break
        if held is None:
            raise ValueError("pair keys that no hash table holds")
        # At each place its key (-1: none) and rows; one place more, matching no key, holds the
        # rows of zeros that a key found nowhere gets.
        self._keys = np.append(keys, -1).astype(np.int64).take(held)
        self._lc = np.append(np.append(lc, absent).take(held), absent).astype(np.int32)
        self._cr = np.append(np.append(cr, absent).take(held), absent).astype(np.int32)

    def _places(self, keys: Ints) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        """Each key's two places: two bit fields of one product."""
        hashed = keys.view(np.uint64) * self._multiplier
        first: npt.NDArray[np.uint64] = hashed >> self._first_shift
        second: npt.NDArray[np.uint64] = (hashed >> self._second_shift) & self._mask
        return first, second

    def _place(self, keys: Ints) -> npt.NDArray[np.intp] | None:
        """The index of the key held at each place (``len(keys)``: none), or None if the keys
        do not fit. Each key first goes to its first place if no earlier key wants it, the rest
        one at a time, each moving a key it finds to that key's other place."""
        count = len(keys)
        first, second = self._places(keys)
        held = np.full(1 << self._bits, count, dtype=np.intp)
        wanted, first_keys = np.unique(first, return_index=True)
        held[wanted.astype(np.intp)] = first_keys
        placed = np.zeros(count, dtype=np.bool_)
        placed[first_keys] = True
        firsts, seconds = first.tolist(), second.tolist()
        for key in (~placed).nonzero()[0].tolist():  # about one key in eight
            place = seconds[key]
            for _ in range(self._KICKS):
                key, held[place] = int(held[place]), key
                if key == count:
                    break
                place = seconds[key] if place == firsts[key] else firsts[key]
            else:
                return None
        return held

    def rows(self, keys: Ints) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """The lc and cr rows of each of ``keys`` (the row of zeros for an unknown pair)."""
        first, second = self._places(keys)
        nowhere = len(self._keys)
        at_second = np.where(self._keys.take(second) == keys, second, nowhere)
        found = np.where(self._keys.take(first) == keys, first, at_second)
        return self._lc.take(found), self._cr.take(found)


class WordIndex(dict[str, int]):
    """Word (or tag) -> its index in ``table`` (the model's rows of it) and in any table of
    ``table_of``, filled as words come: a new word gets its index at once and its rows at
    ``settle``, with all the other new words of the call."""

    def __init__(self, rows_of: Callable[[list[str]], Rows], width: int) -> None:
        super().__init__()
        self._rows_of = rows_of
        self._new: list[str] = []
        self.order: list[str] = []  # the words by index
        self.table = np.empty((1024, width), dtype=np.intp)
        self._tables: dict[str, tuple[npt.NDArray[np.int8], int]] = {}
        self._lock = threading.Lock()

    def __missing__(self, key: str) -> int:
        index = len(self)
        self[key] = index
        self._new.append(key)
        self.order.append(key)
        return index

    def settle(self) -> None:
        """Fill in the rows of the words met since the last call."""
        if not self._new:
            return
        end = len(self)
        while end > len(self.table):
            self.table = np.concatenate([self.table, np.empty_like(self.table)])
        self.table[end - len(self._new) : end] = self._rows_of(self._new)
        self._new = []

    def table_of(
        self, name: str, values_of: Callable[[str], Sequence[int]], width: int
    ) -> npt.NDArray[np.int8]:
        """A table of small values (-128..127), ``width`` a word, one row per index: the rows of
        the words indexed since the last call computed by ``values_of``, once per word."""
        with self._lock:
            table, done = self._tables.get(name, (np.empty((0, width), dtype=np.int8), 0))
            wanted = len(self.order)
            if done < wanted:
                if wanted > len(table):  # a new array: tables handed out stay as they were
                    grown = np.empty((max(1024, 2 * wanted), width), dtype=np.int8)
                    grown[:done] = table[:done]
                    table = grown
                table[done:wanted] = np.array(
                    [values_of(word) for word in self.order[done:wanted]], dtype=np.int8
                ).reshape(-1, width)
                self._tables[name] = (table, wanted)
        return table


_WORD_CACHE = 200_000
# Up to this many characters, an article's template rows are taken in one call (a temporary of
# 11 rows of 13 scores a character: 146 KB at most; past that the loop is as fast).
_GATHERED_AT_ONCE = 128


def _begins_name(word: str) -> list[int]:
    return [int(gazetteer.begins_name(word))]


def _code_points(text: str) -> Ints:
    # surrogatepass: a lone surrogate is one code point of its own, like any other.
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return raw.astype(np.int64)


def _neighbours(
    values: npt.NDArray[np.int64],
    first: Rows,
    last: Rows,
    before: npt.NDArray[np.int64],
    after: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each character's left and right neighbour within its sentence (``before`` and ``after``
    at the sentence's edges), for each row of ``values``."""
    left = np.empty_like(values)
    left[:, 1:] = values[:, :-1]
    left[:, first] = before
    right = np.empty_like(values)
    right[:, :-1] = values[:, 1:]
    right[:, last] = after
    return left, right
