"""The library side of the reading screen's keys: the list's order (S), the folder tree (F),
next unread (u), mark all read (M), tags (#), the sidebar's width (< >), the timeline (T) and
the sync problems (!).

``MainScreen`` takes these from this mixin so that it stays one module a reader can take in;
they change the state only through the screen's own ``update``/``_list``/``_open``, on the UI
thread, like its other handlers. Each choice worth keeping is written to user state through
the screen's write queue. The ``on_…`` handlers here run after ``MainScreen``'s own handler of
the same message (Textual calls each class's handler along the MRO).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from reader.documents.model import Problem
from reader.store.listing import next_unread
from reader.store.timeline import TimelineEntry
from reader.text.sanitize import visible
from reader.ui.article_list import ArticleList
from reader.ui.confirm import ConfirmScreen
from reader.ui.list_view import (
    COLLAPSED_KEY,
    FOLDERS_KEY,
    SIDEBAR_KEY,
    SIDEBAR_STEP,
    SORT_KEY,
    SORT_NAMES,
    ListView,
    articles_of,
)
from reader.ui.messages import FactsExtracted, LibraryOpened, SyncFinished
from reader.ui.problems_screen import ProblemsScreen
from reader.ui.state import EntityArticles, Notice, SearchResults, TaggedArticles
from reader.ui.tag_screen import TagScreen
from reader.ui.timeline_screen import TimelineScreen

if TYPE_CHECKING:
    from reader.ui.main_screen import MainScreen


class LibraryKeys:
    @property
    def _screen(self) -> MainScreen:
        return cast("MainScreen", self)

    def _remember(self, key: str, value: str) -> None:
        library = self._screen.library
        if library is not None:
            self._screen.writes.put(partial(library.state.set_library_preference, key, value))

    def _show_view(self, view: ListView, notice: str) -> None:
        screen = self._screen
        screen.update(view=view, notice=Notice(notice))
        if not isinstance(screen.state.mode, SearchResults):  # search results keep their rank
            screen._list(screen.state.mode)

    # ------------------------------------------------------------ the list

    def action_sort_list(self) -> None:
        view = self._screen.state.view.next_sort()
        self._remember(SORT_KEY, view.sort)
        self._show_view(view, f"Sorted {SORT_NAMES[view.sort]} (S: next order)")

    def action_folder_tree(self) -> None:
        view = self._screen.state.view
        view = replace(view, folders=not view.folders)
        self._remember(FOLDERS_KEY, "1" if view.folders else "0")
        self._show_view(view, "Grouped by folder (F: flat)" if view.folders else "Flat list")

    def on_article_list_folder_toggled(self, message: ArticleList.FolderToggled) -> None:
        view = self._screen.state.view
        shut = view.collapsed ^ {message.path}
        self._remember(COLLAPSED_KEY, "\n".join(sorted(shut)))
        self._show_view(replace(view, collapsed=shut), f"{visible(message.path)}/")

    def action_next_unread(self) -> None:
        """u: the next unread article after the open one, in list order (wrapping round)."""
        screen = self._screen
        entries = articles_of(screen.article_list.entries)
        article = screen.state.article
        current = article.path if article is not None else None
        found = next_unread([e.path for e in entries], current, set(screen.state.read))
        if found is None:
            screen.update(notice=Notice("No other unread article in this list."))
            return
        entry = next(e for e in entries if e.path == found)
        screen.article_list.select_path(found)
        screen._open(found, entry.title, screen.state.hits_for(found))

    def action_mark_all_read(self) -> None:
        """M: every unread article of the list as it is now (search results, a tag, …) read,
        once the reader says yes."""
        screen = self._screen
        unread = [e.path for e in articles_of(screen.article_list.entries)]
        unread = [path for path in unread if path not in screen.state.read]
        if not unread:
            screen.update(notice=Notice("Every article in this list is read."))
            return
        which = "listed " if screen.state.mode.label else ""
        question = f"Mark the {len(unread)} unread {which}article{'s' * (len(unread) > 1)} read?"
        screen.app.push_screen(ConfirmScreen(question), partial(self._mark_read, unread))

    def _mark_read(self, paths: list[str], yes: bool | None) -> None:
        screen, library = self._screen, self._screen.library
        if not yes or library is None:
            return
        screen.update(
            read=screen.state.read | set(paths), notice=Notice(f"{len(paths)} marked read")
        )
        for path in paths:
            screen.article_list.update_entry(path, read=True)
        screen.writes.put(partial(library.state.set_read_many, paths))

    def action_filter_tag(self) -> None:
        if self._screen.library is not None:
            self._screen.app.push_screen(TagScreen(self._screen.library), self._tag_chosen)

    def _tag_chosen(self, tag: str | None) -> None:
        if tag is not None:
            self._screen._list(TaggedArticles(tag))
            self._screen.article_list.focus()

    def action_sidebar_width(self, by: int) -> None:
        """< and >: the sidebar four cells narrower or wider (kept for this library)."""
        body = self._screen.body
        width = body.set_sidebar_width(body.sidebar_width + by * SIDEBAR_STEP)
        self._remember(SIDEBAR_KEY, str(width))
        self._screen.update(notice=Notice(f"List width {width} (< >)"))

    # ------------------------------------------------------------ the timeline, problems

    def action_timeline(self) -> None:
        """T: the library's timeline; after e on an entity, only the articles mentioning it."""
        screen = self._screen
        if screen.library is None:
            return
        mode = screen.state.mode
        entity = mode.name if isinstance(mode, EntityArticles) else None
        timeline = TimelineScreen(
            screen.library, entity=entity, debounce=screen.pace.search_debounce
        )
        screen.app.push_screen(timeline, self._timeline_chosen)

    def _timeline_chosen(self, entry: TimelineEntry | None) -> None:
        if entry is None:
            return
        screen = self._screen
        hits = ((entry.start, entry.end),) if entry.end > entry.start else ()
        screen.article_list.select_path(entry.path)
        screen._open(entry.path, entry.title, hits)
        if screen.body.narrow:
            screen.body.facts_shown = False  # the overlay would hide that sentence
        screen.body.read()

    def on_facts_extracted(self, message: FactsExtracted) -> None:
        """The background pass has brought more dates: an open timeline that lacked them
        reads itself again."""
        top = self._screen.app.screen
        if isinstance(top, TimelineScreen) and top.without_facts:
            top.read_again()

    def action_show_problems(self) -> None:
        if self._screen.library is not None:
            self._screen.app.push_screen(ProblemsScreen(self._screen.library))

    def on_library_opened(self, message: LibraryOpened) -> None:
        self._screen.body.set_sidebar_width(message.sidebar_width)

    _announced: tuple[Problem, ...] = ()

    def on_sync_finished(self, message: SyncFinished) -> None:
        """After a sync that had problems, one line saying so (again only when they change)."""
        problems = tuple(message.report.problems)
        announced, self._announced = self._announced, problems
        if problems and problems != announced:
            count = len(problems)
            self._screen.notify(
                f"⚠ The sync had {count} file problem{'s' * (count > 1)}: ! lists them",
                severity="warning",
                timeout=8,
                markup=False,
            )
