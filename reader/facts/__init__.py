"""Facts of an article: numbers, dates and named entities with offsets into its full text.

No Textual here. ``extract_facts`` needs the segmenter and the tagger, loaded lazily the first
time it runs: call it from a worker, never from the UI thread. Importing this package is
cheap (the model classes and ``FACTS_VERSION``); the extraction machinery (numpy, the
patterns) is imported on first use of ``extract_facts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.facts.model import FACTS_VERSION, Entity, Facts, Mention, NumberFact

if TYPE_CHECKING:
    from reader.facts.extract import extract_facts

__all__ = ["FACTS_VERSION", "Entity", "Facts", "Mention", "NumberFact", "extract_facts"]


def __getattr__(name: str) -> object:
    if name == "extract_facts":
        from reader.facts.extract import extract_facts

        globals()["extract_facts"] = extract_facts  # later look-ups find it directly
        return extract_facts
    raise AttributeError(name)
