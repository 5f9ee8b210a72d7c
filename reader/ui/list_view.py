"""How the list is shown — its order, the folder tree, the sidebar's width — and the header
above it. Plain values and pure functions: the screen keeps a ``ListView`` in its state and
remembers each choice in user state (``PREFERENCES``), per library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reader.store import Article
from reader.store.listing import SORT_ORDERS, SortOrder, folder_rows, folder_tree
from reader.ui.article_list import ListEntry

SORT_NAMES: dict[SortOrder, str] = {
    "date": "by date",
    "title": "by title",
    "path": "by path",
    "last_read": "by last read",
}

# The sidebar: about a third of the terminal, within these bounds (cells).
SIDEBAR_MIN, SIDEBAR_MAX, SIDEBAR_STEP = 24, 60, 4
READING_ROOM = 30  # a width chosen with < > never squeezes the article below this


@dataclass(frozen=True)
class ListView:
    sort: SortOrder = "date"
    folders: bool = False  # grouped by folder (F)
    collapsed: frozenset[str] = frozenset()  # folders shut in the tree (Enter on a folder)

    def next_sort(self) -> ListView:
        """S: the next order, round the cycle."""
        following = SORT_ORDERS[(SORT_ORDERS.index(self.sort) + 1) % len(SORT_ORDERS)]
        return ListView(following, self.folders, self.collapsed)


# user-state keys (``UserState.library_preference``)
SORT_KEY, FOLDERS_KEY, SIDEBAR_KEY = "list.sort", "list.folders", "sidebar.width"
COLLAPSED_KEY = "list.collapsed"  # the folders shut in the tree, one a line


def view_from(preferences: Mapping[str, str | None]) -> ListView:
    """The view remembered for a library; anything unreadable is the default."""
    sort = preferences.get(SORT_KEY)
    chosen: SortOrder = next((order for order in SORT_ORDERS if order == sort), "date")
    shut = frozenset(filter(None, (preferences.get(COLLAPSED_KEY) or "").split("\n")))
    return ListView(chosen, preferences.get(FOLDERS_KEY) == "1", shut)


def chosen_width(preferences: Mapping[str, str | None]) -> int | None:
    """The sidebar width set with < and >, or None (it follows the terminal)."""
    value = preferences.get(SIDEBAR_KEY) or ""
    return int(value) if value.isdigit() else None


def sidebar_width(terminal: int, chosen: int | None) -> int:
    """A third of the terminal within [24, 60]; a width chosen with < > within the same
    bounds, leaving the article room to read."""
    if chosen is None:
        return max(SIDEBAR_MIN, min(SIDEBAR_MAX, terminal // 3))
    widest = max(SIDEBAR_MIN, min(SIDEBAR_MAX, terminal - READING_ROOM))
    return max(SIDEBAR_MIN, min(widest, chosen))


def articles_of(entries: Iterable[ListEntry]) -> list[ListEntry]:
    """The article rows (not the folder headers of the tree)."""
    return [entry for entry in entries if not entry.folder]


def unread_in(entries: Iterable[ListEntry], read: frozenset[str]) -> int:
    return sum(1 for entry in entries if not entry.folder and entry.path not in read)


def list_header(label: str, count: str, unread: int | None, view: ListView, ranked: bool) -> str:
    """The line above the list: what it shows, how many, how many unread, in which order —
    "12 · 3 unread · by date", "search: 北京 (100 of 306) · 5 unread" (short: the sidebar
    may be 24 cells)."""
    parts = [f"{label} ({count})" if label else count]
    if unread is not None:
        parts.append(f"{unread} unread")
    if not ranked:  # search results come in rank order, whatever S says
        parts.append(SORT_NAMES[view.sort] + (" · folders" if view.folders else ""))
    return " · ".join(parts)


def entries_for(
    articles: Iterable[Article], view: ListView, read: frozenset[str], marks: frozenset[str]
) -> list[ListEntry]:
    """The list's rows: the articles as given, or (folders on) grouped into the folder tree."""

    def row(article: Article, depth: int = 0) -> ListEntry:
        return ListEntry(
            article.path,
            article.title,
            article.date,
            read=article.path in read,
            bookmarked=article.path in marks,
            depth=depth,
        )

    if not view.folders:
        return [row(article) for article in articles]
    top = folder_tree(articles)
    if not top.folders:
        return [row(article) for article in top.articles]  # a flat library: nothing to group
    return [
        row(item.article, item.depth)
        if item.article is not None
        else ListEntry(
            item.folder.path,
            item.folder.name,
            depth=item.depth,
            folder=True,
            count=item.folder.total,
            shut=item.folder.path in view.collapsed,
        )
        for item in folder_rows(top, view.collapsed)
    ]
