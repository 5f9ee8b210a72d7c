"""Every key of the reader, by where it applies. Widgets take their ``BINDINGS`` from here; the
``?`` screen, the command palette and the README test read the same lists.

To add a key: a ``Binding`` with an ``id`` (the name users remap it by in config.yaml) in the
right list, and the ``action_`` method on the class that uses that list. Give it a row in the
README's key table; ``tests/test_docs.py`` fails until you do.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("tab", "focus_next", "Next pane", show=False, id="focus_next"),
    Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="focus_previous"),
]

SCREEN: list[BindingType] = [
    # A priority binding runs as the key arrives, so what is typed right after / (before the
    # screen would have handled the key) lands in the search bar; in the bar, / is typed.
    Binding("slash", "search", "Search", id="search", priority=True),
    # Esc is priority for the same reason: typed before /, it must act before / does.
    Binding("escape", "back", "Back", id="back", priority=True),
    Binding("n", "step_hit(1)", "Next hit", id="next_hit"),
    Binding("N", "step_hit(-1)", "Prev hit", show=False, id="previous_hit"),
    Binding("f", "toggle_facts", "Facts", id="toggle_facts"),
    Binding(
        "left_square_bracket", "step_article(-1)", "Prev article", show=False, id="previous_article"
    ),  # noqa: E501
    Binding(
        "right_square_bracket", "step_article(1)", "Next article", show=False, id="next_article"
    ),  # noqa: E501
    Binding("m", "toggle_mark('read')", "Read/unread", show=False, id="toggle_read"),
    Binding("B", "toggle_mark('bookmarks')", "Bookmark", id="toggle_bookmark"),
    Binding("apostrophe", "show_bookmarks", "Bookmarks", show=False, id="show_bookmarks"),
    Binding("r", "resync", "Re-sync", show=False, id="resync"),
    Binding("o", "show_source", "Source URL", show=False, id="show_source"),
    Binding("E", "edit", "Edit", show=False, id="edit"),
    # The library side (reader/ui/library_keys.py).
    Binding("T", "timeline", "Timeline", id="timeline"),
    Binding("S", "sort_list", "Sort", id="sort"),
    Binding("u", "next_unread", "Next unread", show=False, id="next_unread"),
    Binding("M", "mark_all_read", "Mark all read", show=False, id="mark_all_read"),
    Binding("F", "folder_tree", "Folder tree", show=False, id="folder_tree"),
    Binding("number_sign", "filter_tag", "Filter by tag", show=False, id="filter_tag"),
    Binding("less_than_sign", "sidebar_width(-1)", "Narrower list", show=False, id="list_narrower"),
    Binding("greater_than_sign", "sidebar_width(1)", "Wider list", show=False, id="list_wider"),
    Binding("exclamation_mark", "show_problems", "Sync problems", show=False, id="problems"),
    # Reading tools (reader.ui.reading_tools): they act on the open article.
    Binding("ctrl+f", "find_in_article", "Find", id="find_in_article"),
    Binding("t", "outline", "Outline", id="outline"),
    Binding("l", "links", "Links", id="links"),
    Binding("H,backspace", "history_back", "Back (link)", show=False, id="history_back"),
    Binding("colon,percent_sign", "jump_to_percent", "Go to %", show=False, id="jump_to_percent"),
]

LIST: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
    Binding("g,home", "first", "First", show=False, id="list.first"),
    Binding("G,end", "last", "Last", show=False, id="list.last"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="list.page_down"),
    Binding("pageup,b", "page_up", "Page up", show=False, id="list.page_up"),
    Binding("enter", "open", "Open", id="list.open"),
]

PANE: list[BindingType] = [
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="read.down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="read.up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="read.top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="read.bottom"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="read.page_down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="read.page_up"),
    Binding("enter", "screen.follow_link", "Follow link", show=False, id="read.follow_link"),
]

# The find bar's query (a Textual Input: other keys are typed into it).
FIND_BAR: list[BindingType] = [
    Binding("enter,down", "step(1)", "Next match", show=False, id="find.next"),
    Binding("up", "step(-1)", "Previous match", show=False, id="find.previous"),
]

# The outline and links lists.
PICKER: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="pick.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="pick.up"),
    Binding("g,home", "first", "First", show=False, id="pick.first"),
    Binding("G,end", "last", "Last", show=False, id="pick.last"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="pick.page_down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="pick.page_up"),
    Binding("enter", "select", "Go", id="pick.select"),
]
PICKER_SCREEN: list[BindingType] = [
    Binding("escape,q", "close", "Close", id="pick.close"),
]

FACTS: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="facts.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="facts.up"),
    Binding("g,home", "first", "First fact", show=False, id="facts.first"),
    Binding("G,end", "last", "Last fact", show=False, id="facts.last"),
    Binding("enter", "select", "Jump to mention", id="facts.select"),
    Binding("e", "filter_entity", "Articles with entity", id="facts.filter_entity"),
]

TIMELINE: list[BindingType] = [
    Binding("escape", "back", "Back", id="timeline.back"),
    Binding("slash", "filter", "Filter by text", id="timeline.filter"),
    Binding("s", "order", "Oldest/newest first", id="timeline.order"),
]

TIMELINE_LIST: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="timeline.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="timeline.up"),
    Binding("g,home", "first", "First", show=False, id="timeline.first"),
    Binding("G,end", "last", "Last", show=False, id="timeline.last"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="timeline.page_down"),
    Binding("pageup,b", "page_up", "Page up", show=False, id="timeline.page_up"),
    Binding("enter", "open", "Open at this sentence", id="timeline.open"),
]

PALETTE = Binding("ctrl+p", "command_palette", "Command palette", id="command_palette")

# The search bar is Textual's Input: its keys are its own, listed for the ? screen only.
SEARCH_BAR: list[BindingType] = [
    Binding("enter", "submit", "Open the best result at its first hit"),
]

WHERE: list[tuple[str, list[BindingType]]] = [
    ("Everywhere", [*APP, *SCREEN, PALETTE]),
    ("Article list", LIST),
    ("Reading pane", PANE),
    ("Facts panel", FACTS),
    ("Search bar (Esc: back to the list)", SEARCH_BAR),
    ("Timeline (T)", [*TIMELINE, *TIMELINE_LIST]),
    ("Find bar (Esc closes it)", FIND_BAR),
    ("Outline and links lists", [*PICKER, *PICKER_SCREEN]),
]


def all_bindings() -> list[Binding]:
    return [b for _, bindings in WHERE for b in bindings if isinstance(b, Binding)]
