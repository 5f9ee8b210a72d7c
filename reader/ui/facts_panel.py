"""The facts panel: numbers, dates and entities of the open article, grouped by kind.

It shows the facts of ``MainScreen.state`` (bound with ``data_bind``) and reports choices as
messages; the screen decides what a choice does.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.facts.model import Entity, EntityType, Facts, NumberFact, NumberKind
from reader.text.sanitize import visible
from reader.ui import keys
from reader.ui.state import FactsFailed, FactsIdle, FactsLoading, FactsReady, ReaderState

NUMBER_GROUPS: tuple[tuple[str, tuple[NumberKind, ...]], ...] = (
    ("数量 Counts", ("count", "number", "range")),
    ("金额 Money", ("money",)),
    ("比例 Percentages", ("percent",)),
    ("日期 Dates", ("date", "datetime", "year", "time")),
    ("时长 Durations", ("duration",)),
    ("序数 Ordinals", ("ordinal",)),
)
ENTITY_GROUPS: tuple[tuple[str, EntityType], ...] = (
    ("人物 People", "person"),
    ("地点 Places", "place"),
    ("机构 Organizations", "organization"),
    ("作品 Works", "work"),
    ("活动 Events", "event"),
)
CONTEXT = 8  # characters of context on each side of a number


_SEASONS = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}
_DURATION_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "H": "hours"}


def _readable(number: NumberFact) -> object:
    """The value worth showing beside a number: ISO dates as they are, jargon spelled out."""
    normalized = number.normalized
    if normalized is not None:
        season = re.fullmatch(r"(\d{4})-(2[1-4])", normalized)
        if season:
            return f"{season[1]} {_SEASONS[season[2]]}"
        duration = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDH])", normalized)
        if duration:
            return f"{duration[1]} {_DURATION_UNITS[duration[2]]}"
        return normalized
    return number.value


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class FactsPanel(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = keys.FACTS

    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    class FactChosen(Message):
        """Highlight ``ranges`` (a fact's mentions) and scroll to ``ranges[0]``."""

        def __init__(self, ranges: tuple[tuple[int, int], ...], label: str) -> None:
            super().__init__()
            self.ranges, self.label = ranges, label

    class EntityFilter(Message):
        def __init__(self, name: str, type_: str) -> None:
            super().__init__()
            self.name, self.type = name, type_

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: dict[str, NumberFact | Entity] = {}

    def watch_state(self, old: ReaderState, new: ReaderState) -> None:
        view = new.facts
        if view is old.facts and self.option_count:
            return
        if isinstance(view, FactsReady):
            self.show_facts(view.facts, view.context)
        elif isinstance(view, FactsLoading):
            self.show_message("Extracting facts…")
        elif isinstance(view, FactsFailed):
            self.show_message(view.message)
        else:
            assert isinstance(view, FactsIdle)
            self.show_message(view.message)

    def show_message(self, message: str) -> None:
        self._items = {}
        self.set_options([Option(Text(message, style="italic"), disabled=True)])

    def show_facts(self, facts: Facts, text: str) -> None:
        """Fill the panel; ``text`` gives each number a little context."""
        options: list[Option | None] = []
        self._items = {}
        for title, kinds in NUMBER_GROUPS:
            numbers = [n for n in facts.numbers if n.kind in kinds]
            if numbers:
                options.append(Option(Text(title, style="bold underline"), disabled=True))
                for index, number in enumerate(numbers):
                    option_id = f"n-{title}-{index}"
                    self._items[option_id] = number
                    options.append(Option(self._number_prompt(number, text), id=option_id))
        for title, type_ in ENTITY_GROUPS:
            entities = [e for e in facts.entities if e.type == type_]
            if entities:
                options.append(Option(Text(title, style="bold underline"), disabled=True))
                for index, entity in enumerate(entities):
                    option_id = f"e-{type_}-{index}"
                    self._items[option_id] = entity
                    options.append(Option(self._entity_prompt(entity), id=option_id))
        if not self._items:
            options = [
                Option(Text("No facts found in this article.", style="italic"), disabled=True)
            ]
        self.set_options(options)
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first

    @staticmethod
    def _number_prompt(number: NumberFact, text: str) -> Text:
        start, end = number.start, number.end
        prompt = Text(visible(number.text), style="bold")
        value = _readable(number)
        if value not in (None, "") and str(value) != number.text:
            prompt.append(f" = {visible(str(value))}", style="cyan")
        # Context stays within the fact's own paragraph.
        before = _squeeze(text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]).lstrip()
        after = _squeeze(text[end : end + CONTEXT].split("\n", 1)[0]).rstrip()
        prompt.append("\n  …" + visible(before), style="dim")
        prompt.append(visible(text[start:end].replace("\n", " ")), style="dim bold")
        prompt.append(visible(after) + "…", style="dim")
        return prompt

    @staticmethod
    def _entity_prompt(entity: Entity) -> Text:
        prompt = Text(visible(entity.name), style="bold")
        prompt.append(f" ×{len(entity.mentions)}", style="dim")
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            prompt.append("  (" + visible("、".join(aliases)) + ")", style="dim")
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        item = self._items.get(option_id or "")
        if item is None or option_id is None:
            return
        if isinstance(item, NumberFact):
            self.post_message(self.FactChosen(((item.start, item.end),), item.text))
        elif item.mentions:
            ranges = tuple((mention.start, mention.end) for mention in item.mentions)
            self.post_message(self.FactChosen(ranges, item.name))

    def action_filter_entity(self) -> None:
        if self.highlighted is None:
            return
        item = self._items.get(self.options[self.highlighted].id or "")
        if item is None:
            return
        if not isinstance(item, Entity):
            self.app.bell()
            self.notify(
                "Press e on a person, place, organization, work or event.", severity="warning"
            )
            return
        self.post_message(self.EntityFilter(item.name, item.type))
