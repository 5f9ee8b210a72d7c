"""Measured quality: precision and recall per category on hand-annotated passages.

tests/fixtures/facts/passages.yaml lists, for each short passage, every number fact and every
entity mention a reader would want. Matching is on (text, category), counted with multiplicity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.facts import extract_facts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "facts" / "passages.yaml"
# Dates, datetimes, years and times are one category: the panel shows them together.
_CATEGORY = {"datetime": "date", "year": "date", "time": "date"}


def _passages() -> list[dict[str, Any]]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _scores() -> dict[str, tuple[int, int, int]]:
    """category -> (true positives, predicted, gold)."""
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for passage in _passages():
        published = passage.get("published")
        assert published is None or isinstance(published, dt.date)
        facts = extract_facts(passage["text"], published)
        want = Counter(
            (text, "number:" + _CATEGORY.get(kind, kind)) for text, kind, _ in passage["numbers"]
        ) + Counter((text, "entity:" + kind) for text, kind in passage["entities"])
        got = Counter(
            (n.text, "number:" + _CATEGORY.get(n.kind, n.kind)) for n in facts.numbers
        ) + Counter((m.text, "entity:" + e.type) for e in facts.entities for m in e.mentions)
        for (_, category), count in (want & got).items():
            tp[category] += count
        for (_, category), count in got.items():
            predicted[category] += count
        for (_, category), count in want.items():
            gold[category] += count
    return {c: (tp[c], predicted[c], gold[c]) for c in set(gold) | set(predicted)}


def _pr(tp: int, predicted: int, gold: int) -> tuple[float, float]:
    return (tp / predicted if predicted else 1.0, tp / gold if gold else 1.0)


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int, int]]:
    return _scores()


def test_fixture_passages_are_annotated_consistently() -> None:
    for passage in _passages():
        for text, _kind, _value in passage["numbers"]:
            assert text in passage["text"]
        for text, kind in passage["entities"]:
            assert text in passage["text"]
            assert kind in ("person", "place", "organization", "work", "event")


def test_numbers_overall(scores: dict[str, tuple[int, int, int]]) -> None:
    totals = [sum(v[i] for c, v in scores.items() if c.startswith("number:")) for i in range(3)]
    precision, recall = _pr(*totals)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, scores)


def test_entities_overall(scores: dict[str, tuple[int, int, int]]) -> None:
    totals = [sum(v[i] for c, v in scores.items() if c.startswith("entity:")) for i in range(3)]
    precision, recall = _pr(*totals)
    assert precision >= 0.9 and recall >= 0.8, (precision, recall, scores)


# Per-category floors: precision first, as the facts panel needs.
@pytest.mark.parametrize(
    ("category", "min_precision", "min_recall"),
    [
        ("number:count", 0.95, 0.9),
        ("number:date", 0.95, 0.9),
        ("number:money", 1.0, 1.0),
        ("number:percent", 1.0, 1.0),
        ("number:ordinal", 1.0, 1.0),
        ("number:duration", 1.0, 1.0),
        ("entity:person", 0.9, 0.75),
        ("entity:organization", 0.9, 0.85),
        ("entity:place", 0.85, 0.7),
        ("entity:work", 1.0, 1.0),
        ("entity:event", 1.0, 0.5),
    ],
)
def test_category(
    scores: dict[str, tuple[int, int, int]], category: str, min_precision: float, min_recall: float
) -> None:
    precision, recall = _pr(*scores.get(category, (0, 0, 0)))
    assert precision >= min_precision and recall >= min_recall, (category, precision, recall)


def test_values(scores: dict[str, tuple[int, int, int]]) -> None:
    for passage in _passages():
        facts = extract_facts(passage["text"], passage.get("published"))
        by_text = {n.text: n for n in facts.numbers}
        for text, _kind, value in passage["numbers"]:
            if value is not None and text in by_text:
                assert by_text[text].value == value, text


def report() -> str:
    """Per-category figures for benchmarks/RESULTS-facts.md: python -m tests.test_facts_quality"""
    lines = ["| category | P | R | gold |", "| --- | --- | --- | --- |"]
    for category, (tp, predicted, gold) in sorted(_scores().items()):
        precision, recall = _pr(tp, predicted, gold)
        lines.append(f"| {category} | {precision:.2f} | {recall:.2f} | {gold} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
