"""Facts of an article: numbers, dates and named entities with offsets into its full text.

No Textual here. ``extract_facts`` needs jieba, loaded lazily through ``reader.text.segment``
the first time it runs: call it from a worker, never from the UI thread.
"""

from __future__ import annotations

from reader.facts.extract import extract_facts
from reader.facts.model import FACTS_VERSION, Entity, Facts, Mention, NumberFact

__all__ = ["FACTS_VERSION", "Entity", "Facts", "Mention", "NumberFact", "extract_facts"]
