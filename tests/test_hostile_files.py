"""A library of hostile files: odd names, encodings, YAML bombs, sizes, links, FIFOs.

One sync must exit 0, list every file that can be read (with its own name, losslessly), and
report every other one; nothing it prints may carry a raw control character.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = "article"  # must be listed
PROBLEM = "problem"  # must be reported, not listed
BOTH = "both"  # listed, with a problem reported (bad front matter, an unsure encoding...)
SIMPLIFIED = "# 北京新闻\n\n今天北京天气很好，市民纷纷出门散步，公园里挤满了游客。\n"
TRADITIONAL = "# 臺北新聞\n\n今天臺北天氣很好，市民紛紛出門散步，公園裡擠滿了遊客。\n"
JAPANESE = "# 東京のニュース\n\n今日の東京は晴れです。多くの人が公園へ散歩に出かけました。\n"
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefg", "bcdefgh", strict=True)
)

Maker = Callable[[Path], None]


@dataclass(frozen=True)
class Hostile:
    name: bytes  # relative path, as the file system holds it
    make: Maker
    expect: str

    @property
    def path(self) -> str:
        return os.fsdecode(self.name)


def content(data: bytes | str, encoding: str = "utf-8") -> Maker:
    raw = data.encode(encoding) if isinstance(data, str) else data

    def make(path: Path) -> None:
        path.write_bytes(raw)

    return make


def front_matter(yaml_text: str) -> Maker:
    return content(f"---\n{yaml_text}\n---\n# 有前言的文章\n\n正文。\n")


def link_to(target: str) -> Maker:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def sparse(size: int) -> Maker:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def hostile_files(outside: Path) -> list[Hostile]:
    plain = content("# 普通\n\n内容。\n")
    names = [
        "北京新闻".encode("gbk") + b".md",
        "臺北新聞".encode("big5") + b".md",
        b"\xff\xfe lone bytes.md",
        b"caf\xe9 latin-1.md",
        b"-rf.md",
        b"--help.md",
        b" leading space.md",
        b"trailing space .md",
        b"back\\slash.md",
        b"x[/tmp] [archive].md",
        b"[bold red]markup[/].md",
        b"\x1b[31mred\x1b]0;title\x07.md",
        b"bell\x07.md",
        b"new\nline.md",
        b"carriage\rreturn.md",
        b"tab\there.md",
        "rtl\u202egnp.md".encode(),
        "zero\u200bwidth.md".encode(),
        "nfc \u00e9.md".encode(),
        "nfd e\u0301.md".encode(),
        "emoji 😀.md".encode(),
        "full-width ＃ ＭＤ.md".encode(),
        b"UPPER.MD",
        b"long-" + b"x" * 240 + b".md",
        b"kind.markdown",
        b"plain.txt",
        b"/".join([b"deep"] * 40) + b"/bottom.md",
    ]
    files = [Hostile(b"names/" + name, plain, ARTICLE) for name in names]

    encodings: list[tuple[str, Maker, str]] = [
        ("utf8-bom.md", content(b"\xef\xbb\xbf" + SIMPLIFIED.encode()), ARTICLE),
        ("utf16le-bom.md", content(b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le")), ARTICLE),
        ("utf16be-bom.md", content(b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be")), ARTICLE),
        ("utf16le.md", content(SIMPLIFIED, "utf-16-le"), ARTICLE),
        ("utf16be.md", content(SIMPLIFIED, "utf-16-be"), ARTICLE),
        ("gb18030.md", content(SIMPLIFIED, "gb18030"), ARTICLE),
        ("gbk.txt", content(SIMPLIFIED, "gbk"), ARTICLE),
        ("big5.md", content(TRADITIONAL, "big5"), ARTICLE),
        ("shift-jis.md", content(JAPANESE, "shift_jis"), ARTICLE),
        ("crlf.md", content(SIMPLIFIED.replace("\n", "\r\n")), ARTICLE),
        ("cr-only.md", content(SIMPLIFIED.replace("\n", "\r")), ARTICLE),
        ("bom-then-odd-bytes.md", content(b"\xff\xfe" + b"\x00\xd8" + b"a"), PROBLEM),
        ("nul-binary.md", content(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40), PROBLEM),
        ("random.md", content(bytes(range(1, 256)) * 8), PROBLEM),
        ("utf8-cut.md", content(SIMPLIFIED.encode()[:-2]), BOTH),
    ]
    bombs: list[tuple[str, Maker, str]] = [
        ("alias-bomb.md", front_matter(BOMB + "title: *h"), BOTH),
        ("recursive-alias.md", front_matter("a: &a [*a]"), BOTH),
        ("deep-nesting.md", front_matter("x: " + "[" * 5000 + "]" * 5000), BOTH),
        ("huge-front-matter.md", front_matter("note: " + "长" * 70_000), BOTH),
        ("unclosed-front-matter.md", content("---\ntitle: x\n# 没有结束\n"), ARTICLE),
        ("list-front-matter.md", front_matter("- a\n- b"), BOTH),
        ("huge-int.md", front_matter("date: " + "9" * 5000), BOTH),
        ("bad-date.md", front_matter("date: 2023-02-30"), BOTH),
        ("python-tag.md", front_matter("x: !!python/object/apply:os.system ['true']"), BOTH),
        ("merge-bomb.md", front_matter(BOMB + "m: {<<: *h}"), BOTH),
        ("title-mapping.md", front_matter("title: {a: 1}"), ARTICLE),
        ("escaped-surrogate.md", front_matter('title: "\\ud800 x"'), ARTICLE),
    ]
    sizes: list[tuple[str, Maker, str]] = [
        ("empty.md", content(b""), ARTICLE),
        ("one-byte.md", content(b"x"), ARTICLE),
        ("one-long-line.md", content("长" * 300_000), ARTICLE),
        ("many-lines.md", content("行\n" * 100_000), ARTICLE),
        ("over-the-limit.md", sparse(65 * 1024 * 1024), PROBLEM),
        ("only-whitespace.md", content(" \n\t\n\u3000\n"), ARTICLE),
    ]
    contents: list[tuple[str, Maker, str]] = [
        ("escapes.md", content("# 标题\x1b]0;owned\x07\x1b[2J\n\n\x9b31m正文\x07\n"), ARTICLE),
        ("quote-nesting.md", content("> " * 5000 + "深\n"), ARTICLE),
        ("brackets.md", content("[" * 50_000 + "\n"), ARTICLE),
        ("heading-flood.md", content("# 标题\n" * 20_000), ARTICLE),
        ("bidi-title.md", content("# \u202e反转标题\u202c\n"), ARTICLE),
    ]
    links: list[tuple[str, Maker, str]] = [
        ("out-of-library.md", link_to(str(outside)), PROBLEM),
        ("proc-status.md", link_to("/proc/self/status"), PROBLEM),
        ("dev-zero.md", link_to("/dev/zero"), PROBLEM),
        ("dangling.md", link_to("/nonexistent/file.md"), PROBLEM),
        ("loop-a.md", link_to("loop-b.md"), PROBLEM),
        ("loop-b.md", link_to("loop-a.md"), PROBLEM),
        ("to-a-folder.md", link_to("."), ARTICLE),  # a linked folder is not walked, nor listed
        ("inside.md", link_to("../sizes/empty.md"), ARTICLE),
        ("to-a-fifo.md", link_to("fifo.md"), PROBLEM),
    ]
    special: list[tuple[str, Maker, str]] = [
        ("fifo.md", fifo, PROBLEM),
        ("socket.md", unix_socket, PROBLEM),
    ]
    for group, entries in (
        ("encodings", encodings),
        ("bombs", bombs),
        ("sizes", sizes),
        ("contents", contents),
    ):
        files += [
            Hostile(f"{group}/{name}".encode(), make, expect) for name, make, expect in entries
        ]
    files += [Hostile(f"links/{name}".encode(), make, expect) for name, make, expect in links]
    files += [Hostile(f"links/{name}".encode(), make, expect) for name, make, expect in special]
    return files


def build(root: Path, outside: Path) -> list[Hostile]:
    files = hostile_files(outside)
    for hostile in sorted(files, key=lambda h: h.make is not fifo):  # FIFOs before links to them
        target = Path(os.fsdecode(os.path.join(os.fsencode(root), hostile.name)))
        target.parent.mkdir(parents=True, exist_ok=True)
        hostile.make(target)
    return files


UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_library_of_hostile_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# 库外\n", encoding="utf-8")
    root = tmp_path / "library"
    files = build(root, outside)
    assert len(files) >= 60

    code, out, err = run(capsys, "index", str(root), "--json", "--no-facts")
    assert code == 0, err
    report = json.loads(out)
    reported = {problem["path"] for problem in report["problems"]}
    code, out, _ = run(capsys, "list", str(root), "--json")
    assert code == 0
    listed = [entry["path"] for entry in json.loads(out)]
    assert len(listed) == len(set(listed))

    expected = {h.path for h in files if h.expect in (ARTICLE, BOTH)} - {"links/to-a-folder.md"}
    assert set(listed) == expected
    must_report = {h.path for h in files if h.expect in (PROBLEM, BOTH)}
    assert must_report <= reported, sorted(must_report - reported)
    assert reported <= {h.path for h in files}  # nothing else is reported
    assert report["added"] == len(expected)

    for args in (("index", str(root), "--no-facts"), ("list", str(root))):
        code, out, err = run(capsys, *args)
        assert code == 0 and not UNSAFE.search(out + err), args

    # Every listed file is readable under its own name, and a second sync reads nothing again.
    from reader import open_library

    library = open_library(root)
    for path in listed:
        article = library.article(path)
        assert article is not None and isinstance(article.text, str)
    again = library.sync(facts=False)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)


def test_facts_of_the_hostile_articles_never_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import open_library
    from reader.store import facts_cache

    monkeypatch.setattr(facts_cache, "FACTS_MAX_CHARS", 2000)
    root = tmp_path / "library"
    wanted = {"contents/escapes.md", "sizes/one-long-line.md", "encodings/gbk.txt"}
    for hostile in hostile_files(tmp_path / "outside.md"):
        if hostile.path in wanted or hostile.path.startswith("names/"):
            target = root / hostile.path
            target.parent.mkdir(parents=True, exist_ok=True)
            hostile.make(target)
    library = open_library(root)
    real = facts_cache.extract_dicts

    def fails_on_escapes(items: list[tuple[str, str | None]]) -> list[dict[str, object]]:
        if any("owned" in text for text, _ in items):
            raise ValueError("the extractor tripped")
        return real(items)

    monkeypatch.setattr(facts_cache, "extract_dicts", fails_on_escapes)
    report = library.sync()
    assert report.facts_extracted == report.added
    notes = {problem.path: problem.reason for problem in report.problems}
    assert notes["contents/escapes.md"].startswith("facts not extracted: ValueError")
    assert notes["sizes/one-long-line.md"].startswith("facts from the first")
    assert library.facts("encodings/gbk.txt").entities  # 北京 and friends
