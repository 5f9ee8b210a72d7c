"""The facts panel: numbers, dates and entities of the open article, grouped by kind.

It shows the facts of ``MainScreen.state`` (bound with ``data_bind``) and reports choices as
messages; the screen decides what a choice does.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Span, Text
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.facts.model import Entity, Facts, NumberFact
from reader.facts.summary import about_text, sections, value_text
from reader.text.sanitize import visible
from reader.ui import keys
from reader.ui.picker import option_room
from reader.ui.state import FactsFailed, FactsIdle, FactsLoading, FactsReady, ReaderState
from reader.ui.styling import layered_style

CONTEXT = 8  # characters of context on each side of a number, at most


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _without_colours(prompt: Text) -> Text:
    def uncoloured(style: str | Style) -> Style:
        return (Style.parse(style) if isinstance(style, str) else style).without_color

    plain = prompt.copy()
    plain.style = uncoloured(prompt.style)
    plain.spans = [Span(span.start, span.end, uncoloured(span.style)) for span in prompt.spans]
    return plain


def _fitted(before: str, fact: str, after: str, room: int | None) -> tuple[str, str]:
    """As much of ``before`` (its end) and ``after`` (its start) as fits ``room`` cells
    beside the fact, taken in turn so the fact stays near the middle."""
    if room is None:
        return before, after
    budget = room - cell_len("  …" + fact + "…")
    taken_before = taken_after = 0
    while True:
        grew = False
        if taken_before < len(before):
            width = cell_len(before[-taken_before - 1])
            if width <= budget:
                budget -= width
                taken_before += 1
                grew = True
        if taken_after < len(after):
            width = cell_len(after[taken_after])
            if width <= budget:
                budget -= width
                taken_after += 1
                grew = True
        if not grew:
            break
    return before[len(before) - taken_before :], after[:taken_after]


class FactsPanel(OptionList):
    # The theme's text colours (not fixed ANSI ones: cyan on a light page reads 2.4:1).
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "facts-panel--heading",
        "facts-panel--value",
        "facts-panel--about",
        "facts-panel--context",
    }
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
        self._tones: dict[str, Style] = {}
        self._room_shown: int | None = None
        self._plain_at: int | None = None  # the option shown without its tones (highlighted)
        self._toned: dict[int, Text] = {}  # that option's prompt with them

    def on_mount(self) -> None:
        self.watch(self, "highlighted", self._highlight_moved)

    def _highlight_moved(self, _old: int | None, new: int | None) -> None:
        """The highlighted option in the cursor's own colours: its tones (chosen for the
        panel's background) on the cursor's background read at 1.2:1 in textual-light."""
        old = self._plain_at
        if old == new:
            return
        if old is not None and old in self._toned and old < self.option_count:
            self.replace_option_prompt_at_index(old, self._toned.pop(old))
        self._plain_at = None
        if new is not None and new < self.option_count:
            prompt = self.get_option_at_index(new).prompt
            if isinstance(prompt, Text):
                self._toned[new] = prompt
                self.replace_option_prompt_at_index(new, _without_colours(prompt))
                self._plain_at = new

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._tones:
            self._tones.clear()
            self._show_again()  # drawn in the old theme's colours

    def on_resize(self) -> None:
        if option_room(self) != self._room_shown:
            self._show_again()  # context lines fit the old width

    def _show_again(self) -> None:
        view = self.state.facts
        if isinstance(view, FactsReady):
            highlighted = self.highlighted
            self.show_facts(view.facts, view.context)
            self.highlighted = highlighted

    def _tone(self, name: str) -> Style:
        """The component's text colour and text style, over whatever row background."""
        tone = self._tones.get(name)
        if tone is None:
            full = layered_style(self, [f"facts-panel--{name}"])
            tone = self._tones[name] = full.without_color + Style(color=full.color)
        return tone

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
        self._room_shown = option_room(self)  # the context lines' width
        self._plain_at, self._toned = None, {}
        # What leads (key figures, main actors) and the grouping are the core's decision.
        for section in sections(facts, text):
            options.append(Option(Text(section.title, style=self._tone("heading")), disabled=True))
            for index, number in enumerate(section.numbers):
                option_id = f"n-{section.key}-{index}"
                self._items[option_id] = number
                options.append(Option(self._number_prompt(number, text), id=option_id))
            for index, entity in enumerate(section.entities):
                option_id = f"e-{section.key}-{index}"
                self._items[option_id] = entity
                options.append(Option(self._entity_prompt(entity), id=option_id))
        if not self._items:
            options = [
                Option(Text("No facts found in this article.", style="italic"), disabled=True)
            ]
        self.set_options(options)
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = first
        self._highlight_moved(None, self.highlighted)  # (no change event if it was ``first``)

    def _number_prompt(self, number: NumberFact, text: str) -> Text:
        start, end = number.start, number.end
        prompt = Text(visible(number.text), style="bold")
        value = value_text(number)
        if value:
            prompt.append(f" = {visible(value)}", style=self._tone("value"))
        about = about_text(number)
        if about:
            prompt.append(f" — {visible(about)}", style=self._tone("about"))
        # Context stays within the fact's own paragraph, and on one line: wrapped, it would
        # start a line with a comma and lose its indent.
        before = _squeeze(text[max(0, start - CONTEXT) : start].rsplit("\n", 1)[-1]).lstrip()
        after = _squeeze(text[end : end + CONTEXT].split("\n", 1)[0]).rstrip()
        fact = visible(text[start:end].replace("\n", " "))
        before, after = _fitted(visible(before), fact, visible(after), self._room_shown)
        context = self._tone("context")
        prompt.append("\n  …" + before, style=context)
        prompt.append(fact, style=context + Style(bold=True))
        prompt.append(after + "…", style=context)
        return prompt

    def _entity_prompt(self, entity: Entity) -> Text:
        prompt = Text(visible(entity.name), style="bold")
        prompt.append(f" ×{len(entity.mentions)}", style=self._tone("context"))
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            prompt.append("  (" + visible("、".join(aliases)) + ")", style=self._tone("context"))
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
