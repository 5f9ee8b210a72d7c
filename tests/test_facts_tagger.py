"""The exported tagger against its definitions: the attribute strings CRFsuite trained on, the
textbook Viterbi recursion, the character tables it was exported with."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from reader.facts import extract_facts
from reader.facts.crf_features import CLASS_LETTERS, char_class, features, fold
from reader.facts.crf_model import BMP, Article, PairTable, unpack_strings
from reader.facts.tagger import EntityTagger, labels_from_spans, spans_from_labels
from reader.facts.viterbi import _pack, decode, decode_one
from reader.text.segment import posseg

SENTENCES = [
    "国家主席习近平在人民大会堂会见了来访的俄罗斯总统普京。",
    "央视网消息（新闻联播）：国际科技园区协会（IASP）第40届世界大会在北京开幕。",
    "阿列克谢·图日林说，OpenAI发布了GPT-4o，ＦＵＬＬ－ＷＩＤＴＨ １２３ 字符也在。",
    "   本报记者 华 凌   ",
    "İstanbul是土耳其最大的城市，Σίσυφος也来了。",
    "表情🙂和生僻字𠀀不在模型里，\ud800也不该让它出错。",
    "中国/银行、中国银行和加勒比海的海盗，东京都。",
    "x",
]


@pytest.fixture(scope="module")
def tagger() -> EntityTagger:
    return EntityTagger.shared()


def _attribute_rows(tagger: EntityTagger) -> dict[str, int]:
    """Every attribute string the model knows, spelled as features() spells it -> its row."""
    with np.load(tagger_path(), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    rows: dict[str, int] = {}
    for name in ("c", "l", "r"):
        for key, row in zip(arrays[f"{name}_keys"], arrays[f"{name}_rows"], strict=True):
            rows[f"{name}={chr(key)}"] = int(row)
    for key, lc, cr in zip(arrays["pair_keys"], arrays["pair_lc"], arrays["pair_cr"], strict=True):
        pair = chr(int(key) >> 21) + chr(int(key) & 0x1FFFFF)
        for name, row in (("lc", lc), ("cr", cr)):
            if row >= 0:
                rows[f"{name}={pair}"] = int(row)
    letters = CLASS_LETTERS + "^$"
    for key, row in zip(arrays["k_keys"], arrays["k_rows"], strict=True):
        k = int(key)
        rows["k=" + letters[k // 144] + letters[k // 12 % 12] + letters[k % 12]] = int(row)
    for name in ("j", "w", "wl", "wr", "g"):
        values = unpack_strings(arrays[f"{name}_values"])
        for value, row in zip(values, arrays[f"{name}_rows"], strict=True):
            rows[f"{name}={value}"] = int(row)
    return rows


def tagger_path() -> str:
    from reader.facts.crf_model import ARRAYS_PATH

    return str(ARRAYS_PATH)


def test_state_scores_are_the_trained_attributes_summed_in_order(tagger: EntityTagger) -> None:
    """Bit for bit: the weights of the attributes features() lists (those the model knows),
    added one after another from zero as CRFsuite adds them."""
    rows = _attribute_rows(tagger)
    weights = tagger.model.weights
    for text in SENTENCES:
        words = posseg(text)
        article = Article.of(text, words)
        (scores,) = tagger.model.emissions(article, [(0, len(article.words))])
        expected = np.zeros((len(text), len(tagger.model.labels)))
        for i, attributes in enumerate(features(text, words)):
            for attribute in attributes:
                row = rows.get(attribute.decode("utf-8", "surrogatepass"))
                if row is not None:
                    expected[i] += weights[row]
        assert scores.shape == expected.shape
        assert np.array_equal(scores, expected), text


def test_short_and_long_articles_sum_the_templates_alike(
    tagger: EntityTagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows taken at once and reduced (short articles) or one template at a time: the same
    sums, bit for bit."""
    from reader.facts import crf_model

    for text in ["".join(SENTENCES) * 3, *SENTENCES]:
        article = Article.of(text, posseg(text))
        ranges = [(0, len(article.words))]
        scores = {}
        for limit in (0, 10_000):
            monkeypatch.setattr(crf_model, "_GATHERED_AT_ONCE", limit)
            scores[limit] = tagger.model.state_scores(article, ranges)[0]
        assert np.array_equal(scores[0], scores[10_000]), text


def test_sentences_of_an_article_score_as_they_would_alone(tagger: EntityTagger) -> None:
    """Neighbours, word attributes and gazetteer marks stop at a sentence's edges."""
    text = "".join(SENTENCES[:3] + SENTENCES[6:7])
    words = posseg(text)
    article = Article.of(text, words)
    ends = [i + 1 for i, word in enumerate(article.words) if word in "。："]
    ranges = list(itertools.pairwise([0, *ends]))
    together = tagger.model.emissions(article, ranges)
    for (first, last), scores in zip(ranges, together, strict=True):
        sentence = text[article.starts[first] : article.starts[last]]
        alone = Article.of(
            sentence, list(zip(article.words[first:last], article.tags[first:last], strict=True))
        )
        (expected,) = tagger.model.emissions(alone, [(0, len(alone.words))])
        assert np.array_equal(scores, expected), sentence


def test_shipped_character_tables_are_the_features_ones(tagger: EntityTagger) -> None:
    """The folding and classes the model was exported with are what crf_features computes."""
    codes = np.arange(BMP)
    folded = tagger.model._folded(codes)
    classes = tagger.model._classes(codes)
    letters = CLASS_LETTERS
    for code in range(BMP):
        ch = chr(code)
        assert folded[code] == ord(fold(ch)), hex(code)
        assert letters[classes[code]] == char_class(ch), hex(code)


def _random_problem(rng: np.random.Generator, sentences: int) -> list[np.ndarray]:
    lengths = rng.integers(0, 40, size=sentences)
    lengths[rng.integers(0, sentences)] = rng.integers(60, 120)  # one long one, split in two
    return [rng.normal(0, 3, size=(int(n), 5)) for n in lengths]


def test_pair_table_finds_every_known_pair_and_no_other(tagger: EntityTagger) -> None:
    """The hashed pair look-up against a dictionary: known keys give their rows, any other key
    the row of zeros; for key sets of every size (and the model's own), and for keys that
    crowd few places (multiples of one large power of two share their low bits)."""
    rng = np.random.default_rng(7)
    with np.load(tagger_path(), allow_pickle=False) as archive:
        model_keys = archive["pair_keys"].astype(np.int64)
    key_sets = [
        np.unique(rng.integers(0, 1 << 42, size)) for size in (0, 1, 2, 3, 100, 3000, 20_000)
    ]
    key_sets += [model_keys, np.arange(1, 2000, dtype=np.int64) << 30]
    for keys in key_sets:
        lc = rng.integers(0, 100, len(keys)).astype(np.int32)
        cr = rng.integers(0, 100, len(keys)).astype(np.int32)
        table = PairTable(keys, lc, cr, absent=100)
        queries = np.concatenate([keys, rng.integers(0, 1 << 42, 3000), [0, (1 << 42) - 1]])
        known = {int(k): (int(a), int(b)) for k, a, b in zip(keys, lc, cr, strict=True)}
        found_lc, found_cr = table.rows(queries)
        expected = [known.get(int(q), (100, 100)) for q in queries]
        assert list(zip(found_lc.tolist(), found_cr.tolist(), strict=True)) == expected


def test_batched_decoding_is_the_textbook_recursion() -> None:
    rng = np.random.default_rng(7)
    for _ in range(30):
        transitions = rng.normal(0, 3, size=(5, 5))
        emissions = _random_problem(rng, int(rng.integers(1, 12)))
        batched = decode(emissions, transitions)
        for scores, labels in zip(emissions, batched, strict=True):
            assert np.array_equal(labels, decode_one(scores, transitions))


def test_packed_lanes_decode_each_sentence_alone() -> None:
    """Many short sentences sharing lanes (a piece after another starts afresh), several long
    ones split in two, sentences of one character, equal lengths and empty sentences."""
    rng = np.random.default_rng(11)
    for _ in range(40):
        transitions = rng.normal(0, 3, size=(6, 6))
        lengths = rng.integers(0, 12, size=int(rng.integers(1, 30)))
        lengths[rng.integers(0, len(lengths), size=3)] = rng.integers(20, 40)
        if rng.random() < 0.3:
            lengths[:] = lengths[0]
        emissions = [rng.normal(0, 3, size=(int(n), 6)) for n in lengths]
        for scores, labels in zip(emissions, decode(emissions, transitions), strict=True):
            assert np.array_equal(labels, decode_one(scores, transitions))


def test_lanes_hold_every_piece_once_within_their_steps() -> None:
    rng = np.random.default_rng(5)
    for _ in range(100):
        sizes = rng.integers(1, 21, size=int(rng.integers(1, 40))).tolist()
        lanes = _pack(sizes, 2, len(sizes), 20)
        assert sorted(piece for lane in lanes for piece in lane) == list(range(2, len(sizes)))
        assert all(sum(sizes[piece] for piece in lane) <= 20 for lane in lanes)


def test_textbook_recursion_finds_the_best_path() -> None:
    rng = np.random.default_rng(3)
    for length in (1, 2, 3, 4):
        for _ in range(20):
            transitions = rng.normal(0, 2, size=(4, 4))
            scores = rng.normal(0, 2, size=(length, 4))
            paths = list(itertools.product(range(4), repeat=length))
            totals = [
                sum(scores[t, p[t]] for t in range(length))
                + sum(transitions[p[t - 1], p[t]] for t in range(1, length))
                for p in paths
            ]
            best = paths[int(np.argmax(totals))]
            assert tuple(decode_one(scores, transitions)) == best
            assert tuple(decode([scores], transitions)[0]) == best


def test_decoding_nothing() -> None:
    transitions = np.zeros((3, 3))
    assert decode([], transitions) == []
    (empty,) = decode([np.zeros((0, 3))], transitions)
    assert empty.shape == (0,)


def test_tags_a_sentence(tagger: EntityTagger) -> None:
    text = "国家主席习近平在人民大会堂会见了来访的俄罗斯总统普京。"
    found = {(text[start:end], kind) for start, end, kind in tagger.spans(text, posseg(text))}
    assert {("习近平", "PER"), ("俄罗斯", "LOC"), ("普京", "PER")} <= found


def test_a_segmentation_that_does_not_cover_the_text_is_ignored(tagger: EntityTagger) -> None:
    text = "习近平会见普京。"
    assert tagger.spans(text, [("习近平", "nr")]) == tagger.spans(text, [("完全不对", "x")])


def test_labels_and_spans_round_trip() -> None:
    spans = [(0, 3, "PER"), (4, 5, "LOC"), (6, 9, "ORG")]
    assert spans_from_labels(labels_from_spans(10, spans)) == spans
    # A broken sequence is read as far as it is consistent.
    assert spans_from_labels(["I-PER", "E-PER", "B-LOC", "E-LOC", "B-ORG", "O", "E-ORG"]) == [
        (2, 4, "LOC")
    ]


def test_a_character_that_lowercases_to_two_never_breaks_extraction() -> None:
    """'İ'.lower() is two code points: features keep one character for one."""
    text = "İstanbul是土耳其最大的城市，李明说，İİİ公司在伊斯坦布尔。"
    facts = extract_facts(text)
    for entity in facts.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
