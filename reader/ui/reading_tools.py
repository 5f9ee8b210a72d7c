"""The reading screen's tools over the open article: find in it (Ctrl+F), its outline (t), its
links (l, and Enter on the top line) with a history to go back (Backspace, H), and a jump to a
percentage (: or %).

``MainScreen`` is a ``ReadingTools``: these are its key and message handlers, kept here so the
screen's module reads in one sitting. They follow the screen's rules: the state changes only
here, on the UI thread; the work (finding in a long article, parsing its outline, looking a
link up in the store) runs in tasks that answer with messages; an answer about an article no
longer open is dropped. Nothing here fetches anything: a URL away from the library is shown
and copied, never opened.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual.message import Message
from textual.screen import Screen

from reader.store import Article, Library
from reader.store.linking import LinkTarget
from reader.text.linebreak import fill
from reader.text.links import ExternalLink, classify_link
from reader.text.outline import Link, Outline, outline_of
from reader.text.position import parse_percent
from reader.text.sanitize import clipboard_url, visible
from reader.ui import article_actions, finding, tasks, transitions
from reader.ui.article_view import ArticleView
from reader.ui.body import ReaderBody
from reader.ui.find_bar import FindBar
from reader.ui.history import Place
from reader.ui.links_screen import LinksScreen
from reader.ui.outline_screen import OutlineScreen
from reader.ui.percent_prompt import PercentPrompt
from reader.ui.state import Notice, Range, ReaderState

if TYPE_CHECKING:
    from textual.reactive import reactive

    from reader.config import Config

# Worker groups (each supersedes its own older request).
FIND, OUTLINE, LINK = "find", "outline", "link"
OUTLINE_AHEAD = "outline-ahead"

# "ahead": read when the article arrives, so t, l and Enter act at once (keys typed right
# after them reach the list they open, not the reading screen behind it).
Purpose = Literal["outline", "links", "line", "ahead"]


@dataclass
class OutlineReady(Message):
    """The headings and links of the article at ``path``, for ``purpose``: the outline, the
    links list, or the links to follow with Enter (those in the first of ``spans`` with any:
    the cursor line, the screen)."""

    path: str
    purpose: Purpose
    outline: Outline
    spans: tuple[Range, ...] = ()
    article: Article | None = None  # what it was read from (a sync may bring a new text)


@dataclass
class LinkResolved(Message):
    from_path: str
    target: LinkTarget


def outline_task(article: Article, purpose: Purpose, spans: tuple[Range, ...]) -> OutlineReady:
    outline = outline_of(article.body, base_offset=article.body_start)
    return OutlineReady(article.path, purpose, outline, spans, article)


def resolve_task(library: Library, from_path: str, url: str) -> LinkResolved:
    return LinkResolved(from_path, library.resolve_link(from_path, url))


def copied(copy: Callable[[str], object], url: str) -> Notice:
    """Hand ``url`` to the terminal's clipboard (OSC 52) if it is a plain URL."""
    plain = clipboard_url(url)
    if plain is None:  # a control character could end the OSC 52 sequence early
        return Notice(f"Not copied (not a plain web address): {visible(url)}")
    copy(plain)
    return Notice(f"Link copied (where the terminal allows): {plain}")


class ReadingTools(Screen[None]):
    _outline_read: tuple[Article, Outline] | None = None  # the open article's, read ahead
    if TYPE_CHECKING:  # the reading screen's parts these tools use (MainScreen has them)
        state: reactive[ReaderState]
        library: Library | None
        config: Config

        def _open(
            self, path: str, title: str, hits: tuple[Range, ...] = (), again: bool = False
        ) -> None: ...

        def action_resync(self) -> None: ...

        @property
        def body(self) -> ReaderBody: ...

    @property
    def pane(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.state = replace(self.state, notice=Notice(text, error))

    def _readable(self) -> Article | None:
        """The article shown, or None (and the status line says so)."""
        article = self.state.article
        if article is None or self.state.missing is not None:
            self._say("Open an article first.")
            return None
        return article

    # ------------------------------------------------------------ find in the article

    def action_find_in_article(self) -> None:
        if self._readable() is not None:
            self.state = finding.opened(self.state)
            self.find_bar.open()
            body = self.body
            if body.narrow and body.facts_shown:
                # Floating, it covers the find bar and its count. The query has the focus
                # first, so closing the panel does not hand it to the article.
                self.set_focus(self.find_bar.input)
                body.facts_shown = False

    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        self.state = finding.typed(self.state, message.query)
        self._find()

    def _find(self) -> None:
        article, asked = self.state.article, self.state.finding
        if article is None or asked is None or not asked.query.strip():
            return
        variants = self.config.traditional_simplified
        work = partial(finding.find_task, article, asked.query, asked.request, variants=variants)
        tasks.start(self, work, FIND)

    def on_found(self, message: finding.Found) -> None:
        # Only what the reader can see counts: not a match inside a link's hidden target.
        pane = self.pane
        shown = tuple(match for match in message.matches if pane.shows(match[0]))
        self.state = finding.found(self.state, replace(message, matches=shown))

    def on_find_bar_step(self, message: FindBar.Step) -> None:
        if not self.state.hits:
            self.app.bell()
        self.state = finding.stepped(self.state, message.by)

    def close_find(self) -> None:
        """(Esc, while the find bar is open.)"""
        self.state = finding.closed(self.state)
        if self.focused is self.find_bar.input:
            self.set_focus(self.pane)

    def article_arrived(self, before: ReaderState) -> None:
        """(After an article loaded.) Its outline is read ahead; an open find bar finds
        again in what is shown now."""
        state = self.state
        if state.article is not None and state.article is not before.article:
            self._outline_read = None
            tasks.start(self, partial(outline_task, state.article, "ahead", ()), OUTLINE_AHEAD)
        if state.finding is None or state.article is None:
            return
        same = before.article is not None and before.article.path == state.article.path
        if same and before.article is not None and before.article.text == state.article.text:
            return  # re-read after a sync, unchanged: the matches and the place stay
        state = finding.article_changed(state, same)
        self.state = finding.typed(state, state.finding.query if state.finding else "")
        self._find()

    # ------------------------------------------------------------ outline and links

    def action_outline(self) -> None:
        self._ask_outline("outline")

    def action_links(self) -> None:
        self._ask_outline("links")

    def action_follow_link(self) -> None:
        """Enter in the reading pane: the link under the cursor (the current hit, if it is on
        screen), else one on the cursor line (the hit's, else the top line), else one of
        those on screen: followed at once when it is the only one, else chosen from a list."""
        spans = self._cursor_spans()
        if spans:
            self._ask_outline("line", spans)

    def _cursor_spans(self) -> tuple[Range, ...]:
        """Where to look for the link to follow, nearest first: the current hit (a match of
        the find bar on a link's text), its line (else the top line), the whole screen."""
        rows, hits = self._rows_on_screen(), self.state.hits
        hit_row = self.pane.row_of(hits.current[0]) if hits else -1
        hit = hits.current if hit_row in rows else None
        line = next(
            (span for row in ([hit_row] if hit else rows) if (span := self._span(row))), None
        )
        screen = [span for row in rows if (span := self._span(row))]
        whole = (screen[0][0], screen[-1][1]) if screen else None
        return tuple(span for span in (hit, line, whole) if span is not None)

    def _rows_on_screen(self) -> range:
        pane = self.pane
        layout, top = pane.text_layout, round(pane.scroll_y)
        if layout is None:
            return range(0)
        return range(top, min(top + pane.scrollable_content_region.height, len(layout)))

    def _span(self, row: int) -> Range | None:
        """The whole-article offsets shown on ``row`` (None: a row without text)."""
        layout = self.pane.text_layout
        shown = [] if layout is None else [o for o in layout.lines[row].offsets if o >= 0]
        base = self.pane.base_offset
        return (min(shown) + base, max(shown) + 1 + base) if shown else None

    def _ask_outline(self, purpose: Purpose, spans: tuple[Range, ...] = ()) -> None:
        article = self._readable()
        if article is None:
            return
        read = self._outline_read
        if read is not None and read[0] is article:
            self._use_outline(purpose, read[1], spans)
        else:
            tasks.start(self, partial(outline_task, article, purpose, spans), OUTLINE)

    def on_outline_ready(self, message: OutlineReady) -> None:
        article, outline = self.state.article, message.outline
        if article is None or article.path != message.path or self.state.missing is not None:
            return
        if message.article is article:
            self._outline_read = (article, outline)
        if message.purpose != "ahead":
            self._use_outline(message.purpose, outline, message.spans)

    def _use_outline(self, purpose: Purpose, outline: Outline, spans: tuple[Range, ...]) -> None:
        if purpose == "outline":
            self._show_outline(outline)
            return
        line = purpose == "line"
        links = list(outline.links)
        if line:  # the cursor line's links, else the screen's
            links = next((found for s in spans if (found := outline.links_in(*s))), [])
        if line and len(links) == 1:
            self.follow(links[0])
        elif not links:
            self._say("No link on screen (l lists them all)." if line else "No links here.")
        else:
            title = "Links on screen" if line else "Links"
            self.app.push_screen(LinksScreen(links, title), callback=self.follow)

    def _show_outline(self, outline: Outline) -> None:
        if not outline.headings:
            self._say("This article has no headings.")
        else:
            # The heading the top line is under (or is: its text starts after the "# ").
            top = next((span for row in self._rows_on_screen() if (span := self._span(row))), None)
            current = outline.heading_at(top[1] - 1 if top else self.state.position or 0)
            screen = OutlineScreen(outline.headings, current)
            self.app.push_screen(screen, callback=self._go_to_heading)

    def _go_to_heading(self, offset: int | None) -> None:
        if offset is not None:
            self.state = replace(self.state, anchor=transitions.anchor(self.state, offset))
            self.set_focus(self.pane)

    def follow(self, link: Link | None) -> None:
        """Follow ``link`` from the open article: a URL away is copied and shown; a link into
        the library is looked up in the store (only the store: never the disk, never a
        network)."""
        article = self.state.article
        if link is None or article is None:
            return
        if isinstance(classify_link(link.url, article.path), ExternalLink):
            self._show_external(link.url)
        elif link.kind == "image":
            self._say(f"An image (not shown in a terminal): {visible(link.shown_url)}")
        elif self.library is not None:
            work = partial(resolve_task, self.library, article.path, link.url)
            tasks.start(self, work, LINK)

    def _show_external(self, url: str) -> None:
        notice = copied(self.app.copy_to_clipboard, url)
        self.state = replace(self.state, notice=notice)
        # The status line cuts a long URL short; the notification shows it whole, broken
        # after its slashes (not inside a number) for the toast's width (styles/tools.tcss:
        # at most 60 cells or 70% of the screen, less its padding and border).
        room = min(60, self.app.size.width * 7 // 10) - 3
        shown = "\n".join(fill(visible(url), room)) if room >= 12 else visible(url)
        self.notify(shown, title=notice.text.partition(":")[0], markup=False, timeout=10)

    def on_link_resolved(self, message: LinkResolved) -> None:
        state, target = self.state, message.target
        article = state.article
        if article is None or article.path != message.from_path:
            return  # another article is open now: that link is not on screen any more
        if target.kind == "external":
            self._show_external(target.url)
            return
        if target.kind == "missing" or target.path is None:
            self._say(f"Not followed: {visible(target.problem or 'nowhere to go')}", error=True)
            return
        place = Place(article.path, article.title, state.position or 0)
        self.state = replace(state, history=state.history.push(place))
        self._go_to(target.path, posixpath.basename(target.path), target.offset or 0)
        if target.problem:
            self.notify(visible(target.problem), severity="warning", markup=False)

    def _go_to(self, path: str, title: str, offset: int) -> None:
        article = self.state.article
        if article is not None and article.path == path and self.state.missing is None:
            self.state = replace(self.state, anchor=transitions.anchor(self.state, offset))
        else:
            self._open(path, title)
            wanted = self.state.wanted  # asked for just now, answered later (this thread)
            if wanted is not None and wanted.path == path:
                self.state = replace(self.state, wanted=replace(wanted, at=offset))
        self.set_focus(self.pane)

    def action_history_back(self) -> None:
        place, history = self.state.history.back()
        if place is None:
            self.app.bell()
            self._say("Nothing to go back to (Backspace returns after following a link).")
            return
        self.state = replace(self.state, history=history)
        self._go_to(place.path, place.title, place.offset)

    # ------------------------------------------------------------ the article's file

    def action_show_source(self) -> None:
        if self._readable() is not None and self.state.article is not None:
            notice = article_actions.copy_source(self.app, self.state.article)
            self.state = replace(self.state, notice=notice)

    def action_edit(self) -> None:
        """E: ``$EDITOR``, else ``$VISUAL``, else ``vi``; the library re-syncs after it."""
        article, library = self._readable(), self.library
        if article is not None and library is not None:
            failed = article_actions.edit(self.app, library.root / article.path)
            if failed is not None:
                self.state = replace(self.state, notice=failed)
            else:
                self.action_resync()

    # ------------------------------------------------------------ where am I

    def action_jump_to_percent(self) -> None:
        if self._readable() is not None:
            self.app.push_screen(PercentPrompt(), callback=self._go_to_percent)

    def _go_to_percent(self, typed: str | None) -> None:
        if typed is None or not typed.strip():
            return
        percent = parse_percent(typed)
        if percent is None:
            self._say(f"Not a percentage: {visible(typed)} (type a number, 0 to 100)", error=True)
        elif not self.pane.go_to_percent(percent):
            self._say("The article is still being laid out; try again in a moment.")
