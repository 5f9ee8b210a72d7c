"""What the reading screen shows, as one plain value owned by the UI thread.

``ReaderState`` is frozen: a message handler makes the next state with ``dataclasses.replace``
and assigns it to ``MainScreen.state``; the sidebar, status bar, reading pane and facts panel
are bound to that reactive and redraw what changed. Workers never see it: they get plain
values and answer with messages (``reader.ui.tasks``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reader.facts.model import Facts
from reader.store import Article, SyncReport
from reader.text.sanitize import visible
from reader.ui.history import History
from reader.ui.list_view import ListView

Range = tuple[int, int]


# ---------------------------------------------------------------- what the list shows


@dataclass(frozen=True)
class AllArticles:
    label = ""


@dataclass(frozen=True)
class Bookmarks:
    label = "bookmarks"


@dataclass(frozen=True)
class EntityArticles:
    name: str

    @property
    def label(self) -> str:
        return f"entity: {self.name}"


@dataclass(frozen=True)
class TaggedArticles:
    tag: str

    @property
    def label(self) -> str:
        return f"tag: {self.tag}"


@dataclass(frozen=True)
class SearchResults:
    """``typed`` is what the search bar holds; ``shown`` the query whose results are listed
    (None until the first answer). Enter acts on ``typed``, never on a stale ``shown``."""

    typed: str
    shown: str | None = None
    words_apart: bool = False

    @property
    def label(self) -> str:
        if self.shown is None or not self.shown.strip():
            return ""
        return f"search: {self.shown}" + (" · words apart" if self.words_apart else "")


ListMode = AllArticles | Bookmarks | EntityArticles | TaggedArticles | SearchResults
"""A new list mode is a frozen dataclass with a ``label`` plus a branch in
``reader.ui.tasks.list_articles`` that lists it."""


def same_listing(a: ListMode, b: ListMode) -> bool:
    """Do ``a`` and ``b`` list the same rows? (A search's rows depend on its query only.)"""
    if isinstance(a, SearchResults) and isinstance(b, SearchResults):
        return a.typed == b.typed
    return a == b


# ---------------------------------------------------------------- the open article


@dataclass(frozen=True)
class Hits:
    """Highlighted ranges in the open article and the one being looked at: search hits, or
    the mentions of a fact (``label`` names them in the status line: "北京 2/5")."""

    ranges: tuple[Range, ...] = ()
    index: int = 0
    label: str = "hit"

    def __bool__(self) -> bool:
        return bool(self.ranges)

    @property
    def current(self) -> Range:
        return self.ranges[self.index]

    def step(self, by: int) -> Hits:
        return Hits(self.ranges, (self.index + by) % len(self.ranges), self.label)


NO_HITS = Hits()


@dataclass(frozen=True)
class Anchor:
    """Where the reading pane must go: ``offset`` at the top (a restored position) or a few
    lines below it (``context``: a hit, a fact — near the top, so the place saved as the top
    line still shows it at another terminal size). ``serial`` makes a repeated jump to the
    same place a new request. ``if_hidden``: no scroll when the place already shows (n/N
    to the next hit on the same screen keeps the page still)."""

    offset: int
    context: bool = False
    serial: int = 0
    if_hidden: bool = False


@dataclass(frozen=True)
class Wanted:
    """An article asked for and not loaded yet (its title comes from the list row)."""

    path: str
    title: str
    request: int
    hits: tuple[Range, ...] = ()  # search hits to light once it is open
    quiet: bool = False  # the open article again: nothing to announce
    reread: bool = False  # read again after a sync changed the library: stay where it was
    at: int | None = None  # a followed link's target (or a place gone back to): open it there


@dataclass(frozen=True)
class Finding:
    """The find bar is open on the article: ``query`` as typed (its matches are the ``hits``,
    labelled with it); ``origin``, where the reader was when it opened (the first match shown
    is the first after it); ``before``, the highlights Esc brings back; ``request`` tells a
    stale answer from the one awaited; ``count``, the matches found (None while awaited)."""

    query: str
    origin: int
    before: Hits
    request: int = 0
    count: int | None = None


@dataclass(frozen=True)
class FactsIdle:
    """The panel is hidden or no article is open."""

    message: str = "Open an article to see its facts."


@dataclass(frozen=True)
class FactsLoading:
    path: str


@dataclass(frozen=True)
class FactsReady:
    path: str
    facts: Facts
    context: str  # the prose the facts came from, for the panel's snippets


@dataclass(frozen=True)
class FactsFailed:
    path: str
    message: str


FactsView = FactsIdle | FactsLoading | FactsReady | FactsFailed


# ---------------------------------------------------------------- the status line


@dataclass(frozen=True)
class Notice:
    """A message for the status line until the next thing happens; errors stand out."""

    text: str
    error: bool = False


@dataclass(frozen=True)
class LibraryStatus:
    text: str = "Opening the library…"  # what the last sync found, or what is going on
    progress: tuple[int, int] | None = None  # done, total while a sync or extraction runs
    doing: str = ""  # what the progress counts ("Extracting facts")

    @property
    def shown(self) -> str:
        if self.progress is None:
            return self.text
        return f"{self.doing}: {self.progress[0]}/{self.progress[1]}"


@dataclass(frozen=True)
class ReaderState:
    article: Article | None = None
    missing: str | None = None  # the path of an open article that left the library
    wanted: Wanted | None = None
    hits: Hits = NO_HITS
    anchor: Anchor | None = None
    position: int | None = None  # source offset of the open article's top line
    left_at: dict[str, int] = field(default_factory=dict)  # positions of articles left so far
    mode: ListMode = field(default_factory=AllArticles)
    view: ListView = field(default_factory=ListView)  # the list's order, the folder tree
    listed: int | None = None  # rows listed for ``mode``; None while they load
    matches: int = 0  # a search's every match (the list shows the first ``listed``)
    list_error: str | None = None
    results: dict[str, tuple[Range, ...]] = field(default_factory=dict)  # search hits by path
    open_first_result: bool = False  # Enter was pressed before the answer came
    read: frozenset[str] = frozenset()
    bookmarks: frozenset[str] = frozenset()
    facts: FactsView = field(default_factory=FactsIdle)
    notice: Notice | None = None
    library: LibraryStatus = field(default_factory=LibraryStatus)
    synced: bool = False  # a sync has finished: an empty list means an empty library
    problems: tuple[str, ...] = ()  # config and dictionary errors, listed on the ? screen
    requests: int = 0  # the last article request made
    finding: Finding | None = None  # the find bar is open (reader.ui.finding)
    history: History = field(default_factory=History)  # where links were followed from

    def hits_for(self, path: str) -> tuple[Range, ...]:
        """The search hits of ``path`` when the list shows search results."""
        return self.results.get(path, ()) if isinstance(self.mode, SearchResults) else ()


def status_line(state: ReaderState) -> Notice:
    """The left part of the status bar."""
    if state.notice is not None:
        return state.notice
    if state.wanted is not None and not state.wanted.quiet:
        return Notice(f"Opening {visible(state.wanted.title)}…")
    if state.missing is not None:
        return Notice(f"{visible(state.missing)} — no longer in the library")
    if state.hits:
        hits = state.hits
        # Esc first brings back the whole list when a search or filter narrows it.
        clears = "Esc clears" if isinstance(state.mode, AllArticles) else "Esc twice clears"
        return Notice(
            f"{visible(hits.label)} {hits.index + 1}/{len(hits.ranges)}"
            f" — n/N next/previous, {clears}"
        )
    if state.article is not None:
        return Notice(f"{visible(state.article.title)} · {describe_date(state.article.date)}")
    return Notice("")


def list_label(state: ReaderState) -> str:
    """What the list shows, above it: "search: 的 (100 of 306)", "bookmarks (3)", or nothing."""
    text = state.mode.label
    return f"{text} ({list_count(state)})" if text else ""


def list_count(state: ReaderState) -> str:
    """How many rows the list has: "12", "100 of 306" (a list cut short always says so)."""
    if state.listed is None:
        return "…"
    if state.matches > state.listed:
        return f"{state.listed} of {state.matches}"
    return str(state.listed)


def describe_date(date: dt.date | dt.datetime | None) -> str:
    if date is None:
        return "undated"
    if isinstance(date, dt.datetime):
        return date.strftime("%Y-%m-%d %H:%M")
    return date.isoformat()


def library_line(state: ReaderState) -> str:
    """The right part of the status bar: the library's state and any problems."""
    problems = len(state.problems)
    if not problems:
        return state.library.shown
    return f"{state.library.shown} · ⚠ {problems} problem{'s' if problems > 1 else ''} (?)"


def sync_summary(report: SyncReport, count: int) -> str:
    """ "3 articles · 1 new, 2 changed" — what a sync did, in words."""
    changes = [
        f"{number} {word}"
        for number, word in (
            (report.added, "new"),
            (report.updated, "changed"),
            (report.removed, "removed"),
            (report.skipped, "skipped"),
        )
        if number
    ]
    summary = f"{count} article{'' if count == 1 else 's'} · " + (
        ", ".join(changes) or "up to date"
    )
    if report.problems:
        problems = len(report.problems)
        summary += f"; {problems} file problem{'s' if problems > 1 else ''} (! lists them)"
    return summary
