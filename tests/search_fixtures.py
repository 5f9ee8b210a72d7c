"""Shared helpers for the search tests: an in-memory store and synthetic articles."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence

from reader.store import search_index
from reader.store.schema import create_article_tables
from reader.store.search_index import SearchPage
from reader.store.tantivy_index import TantivyIndex

# Characters that stress the index: common and rare hanzi, names jieba does not know, Latin in
# both widths and cases, digits, NFKC expansions (ﬁ, ㍱, Ⅻ), punctuation, an emoji (2 cells,
# outside the BMP), a combining-free accented letter, control characters and newlines.
_HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
_NAMES = ["图日林", "升哲", "阿列克谢", "荷兰莱顿"]
_LATIN = [
    "IASP",
    "ｉａｓｐ",
    "Iasp",
    "Python",
    "ＧＤＰ",
    "5G",
    "2025",
    "２０２５",
    "ChatGPT",
    "x86_64",
]
_ODD = [
    "ﬁ",
    "㍱",
    "Ⅻ",
    "①",
    "é",
    "😀",
    "\x1b[31m",
    "\t",
    "\u3000",
    "…",
    "《",
    "》",
    "“",
    "”",
    "、",
    "，",
    "。",
    "-",
    "——",
    "(",
    ")",
    '"',
    "'",
    "*",
    "%",
]


class Store:
    """An in-memory cache and search index, searched the way the library searches."""

    def __init__(self, *, variants: bool = True) -> None:
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        create_article_tables(self.conn)
        search_index.create_schema(self.conn)
        self.index = TantivyIndex(None, variants=variants)

    def put(
        self, articles: Sequence[tuple[int, str, str, str | None, str]], removed: Sequence[int] = ()
    ) -> None:
        """Insert or replace ``(id, path, title, date, text)`` articles the way a sync does."""
        with self.index.updater(self.conn) as update:
            update.expect(len(articles) + len(removed))
            self.conn.execute("BEGIN")
            for article_id, path, title, date, text in articles:
                self.conn.execute(
                    "INSERT OR REPLACE INTO articles"
                    " (id, path, size, mtime_ns, title, date, encoding, text)"
                    " VALUES (?, ?, 0, 0, ?, ?, 'utf-8', ?)",
                    (article_id, path, title, date, text),
                )
                update.put(article_id, title, text)
            for article_id in removed:
                self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                update.remove(article_id)
            update.stamp(self.conn)
            self.conn.execute("COMMIT")

    def search(
        self, query: str, limit: int | None = 20, offset: int = 0, *, use_jieba: bool | None = True
    ) -> SearchPage:
        return search_index.search(self.conn, self.index, query, limit, offset, use_jieba=use_jieba)

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def make_store(
    articles: Sequence[tuple[str, str, str | None, str]], *, variants: bool = True
) -> Store:
    """An in-memory store with ``(path, title, date, text)`` articles indexed; ids from 1."""
    store = Store(variants=variants)
    store.put([(number, *article) for number, article in enumerate(articles, 1)])
    return store


def synthetic_article(rng: random.Random, length: int) -> str:
    pieces: list[str] = []
    size = 0
    while size < length:
        roll = rng.random()
        if roll < 0.70:
            piece = "".join(rng.choice(_HANZI) for _ in range(rng.randint(1, 6)))
        elif roll < 0.76:
            piece = rng.choice(_NAMES)
        elif roll < 0.86:
            piece = rng.choice(_LATIN) + rng.choice(["", " ", "年", "-"])
        elif roll < 0.97:
            piece = rng.choice(_ODD)
        else:
            piece = "\n\n" if rng.random() < 0.5 else "\n"
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces)


def synthetic_library(count: int, seed: int = 7) -> list[tuple[str, str, str | None, str]]:
    rng = random.Random(seed)
    articles: list[tuple[str, str, str | None, str]] = []
    for number in range(count):
        text = synthetic_article(rng, rng.randint(200, 900))
        title = text.split("\n", 1)[0][:20]
        date = None if number % 7 == 0 else f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        articles.append((f"synthetic/{number:03d}.md", title, date, text))
    return articles
