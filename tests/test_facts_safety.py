from __future__ import annotations

from reader.facts import extract_facts
from reader.facts.markup import prose_only


def test_escape_sequences_are_not_prose() -> None:
    text = "# 标题\n\n危险\x1b[2J\x1b]0;owned\x07文本，共有3位代表。\n"
    prose = prose_only(text)
    assert len(prose) == len(text)
    assert "\x1b" not in prose and "owned" not in prose
    numbers = extract_facts(text).to_dict()["numbers"]
    assert [n["text"] for n in numbers] == ["3位"]
    assert all(text[n["start"] : n["end"]] == n["text"] for n in numbers)


def test_a_number_opening_a_text_takes_no_approximation_from_its_end() -> None:
    """约 at the end of the text is not "before" the 5 at its start (a negative offset once)."""
    text = "5人参加，大约"
    numbers = extract_facts(text).numbers
    assert [(n.text, n.start, n.end, n.approx) for n in numbers] == [("5人", 0, 2, None)]
