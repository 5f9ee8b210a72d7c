"""The facts panel: numbers, dates and entities of the open article, grouped by kind.

It shows what the store hands it (the facts' ``to_dict()`` form) and reports choices as
messages; the screen decides what a choice does.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.text.sanitize import visible

NUMBER_GROUPS = (
    ("数量 Counts", ("count", "number", "range")),
    ("金额 Money", ("money",)),
    ("比例 Percentages", ("percent",)),
    ("日期 Dates", ("date", "datetime", "year", "time")),
    ("时长 Durations", ("duration",)),
    ("序数 Ordinals", ("ordinal",)),
)
ENTITY_GROUPS = (
    ("人物 People", "person"),
    ("地点 Places", "place"),
    ("机构 Organizations", "organization"),
    ("作品 Works", "work"),
    ("活动 Events", "event"),
)
CONTEXT = 8  # characters of context on each side of a number


_SEASONS = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}
_DURATION_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "H": "hours"}


def _readable(number: dict[str, Any]) -> object:
    """The value worth showing beside a number: ISO dates as they are, jargon spelled out."""
    normalized = number.get("normalized")
    if isinstance(normalized, str):
        season = re.fullmatch(r"(\d{4})-(2[1-4])", normalized)
        if season:
            return f"{season[1]} {_SEASONS[season[2]]}"
        duration = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDH])", normalized)
        if duration:
            return f"{duration[1]} {_DURATION_UNITS[duration[2]]}"
        return normalized
    return number.get("value")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class FactsPanel(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facts.up"),
        Binding("e", "filter_entity", "Articles with entity", id="facts.filter_entity"),
    ]

    class FactChosen(Message):
        """Scroll the reading pane to ``[start, end)`` and highlight it."""

        def __init__(self, start: int, end: int, label: str) -> None:
            super().__init__()
            self.start, self.end, self.label = start, end, label

    class EntityFilter(Message):
        def __init__(self, name: str, type_: str) -> None:
            super().__init__()
            self.name, self.type = name, type_

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: dict[str, dict[str, Any]] = {}
        self._mention_cursor: dict[str, int] = {}

    def show_message(self, message: str) -> None:
        self._items = {}
        self.set_options([Option(Text(message, style="italic"), disabled=True)])

    def show_facts(self, facts: dict[str, Any], text: str) -> None:
        """Fill the panel from a facts dict; ``text`` gives each number a little context."""
        options: list[Option | None] = []
        self._items = {}
        self._mention_cursor = {}
        numbers = facts.get("numbers", [])
        for title, kinds in NUMBER_GROUPS:
            group = [n for n in numbers if n.get("kind") in kinds]
            if group:
                options.append(Option(Text(title, style="bold underline"), disabled=True))
                for index, number in enumerate(group):
                    option_id = f"n-{title}-{index}"
                    self._items[option_id] = {"fact": "number", **number}
                    options.append(Option(self._number_prompt(number, text), id=option_id))
        entities = facts.get("entities", [])
        for title, type_ in ENTITY_GROUPS:
            group = [e for e in entities if e.get("type") == type_]
            if group:
                options.append(Option(Text(title, style="bold underline"), disabled=True))
                for index, entity in enumerate(group):
                    option_id = f"e-{type_}-{index}"
                    self._items[option_id] = {"fact": "entity", **entity}
                    options.append(Option(self._entity_prompt(entity), id=option_id))
        if not self._items:
            options = [
                Option(Text("No facts found in this article.", style="italic"), disabled=True)
            ]
        self.set_options(options)
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first

    @staticmethod
    def _number_prompt(number: dict[str, Any], text: str) -> Text:
        start, end = int(number["start"]), int(number["end"])
        prompt = Text(visible(str(number.get("text", ""))), style="bold")
        value = _readable(number)
        if value not in (None, "") and str(value) != number.get("text"):
            prompt.append(f" = {visible(str(value))}", style="cyan")
        # Context stays within the fact's own paragraph.
        before = _squeeze(text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]).lstrip()
        after = _squeeze(text[end : end + CONTEXT].split("\n", 1)[0]).rstrip()
        prompt.append("\n  …" + visible(before), style="dim")
        prompt.append(visible(text[start:end].replace("\n", " ")), style="dim bold")
        prompt.append(visible(after) + "…", style="dim")
        return prompt

    @staticmethod
    def _entity_prompt(entity: dict[str, Any]) -> Text:
        prompt = Text(visible(str(entity.get("name", ""))), style="bold")
        mentions = entity.get("mentions", [])
        prompt.append(f" ×{len(mentions)}", style="dim")
        aliases = [a for a in entity.get("aliases", []) if a != entity.get("name")]
        if aliases:
            prompt.append("  (" + visible("、".join(map(str, aliases))) + ")", style="dim")
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        item = self._items.get(option_id or "")
        if item is None or option_id is None:
            return
        if item["fact"] == "number":
            self.post_message(
                self.FactChosen(int(item["start"]), int(item["end"]), str(item["text"]))
            )
            return
        mentions = item.get("mentions") or []
        if mentions:
            # Enter again on the same entity walks through its mentions.
            turn = self._mention_cursor.get(option_id, -1) + 1
            self._mention_cursor[option_id] = turn
            mention = mentions[turn % len(mentions)]
            label = f"{item['name']} {turn % len(mentions) + 1}/{len(mentions)}"
            self.post_message(self.FactChosen(int(mention["start"]), int(mention["end"]), label))

    def action_filter_entity(self) -> None:
        if self.highlighted is None:
            return
        item = self._items.get(self.options[self.highlighted].id or "")
        if item is None:
            return
        if item["fact"] != "entity":
            self.app.bell()
            self.notify(
                "Press e on a person, place, organization, work or event.", severity="warning"
            )
            return
        self.post_message(self.EntityFilter(str(item["name"]), str(item["type"])))
