"""The background facts pass takes the articles the reader opens meanwhile (and the app
never loads the tagger during that pass)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.store.facts_pass import FactsPass


def _request_reaches(facts_pass: FactsPass) -> list[int]:
    """What the pass takes once the waiting thread's request is in (it may still be on
    its way: looked at again until it is)."""
    for _ in range(10_000):
        asked = facts_pass.take_asked()
        if asked:
            return asked
        time.sleep(0.001)
    raise AssertionError("the request never reached the pass")


def test_an_article_asked_for_during_a_pass_waits_until_the_pass_is_through_with_it() -> None:
    facts_pass = FactsPass()
    answers: list[bool] = []
    with facts_pass.running():
        waiter = threading.Thread(target=lambda: answers.append(facts_pass.wait_for(7)))
        waiter.start()
        assert _request_reaches(facts_pass) == [7]
        assert waiter.is_alive() and answers == []  # the pass holds it
        facts_pass.done_with([7])
        waiter.join(timeout=60)
    assert answers == [True]
    assert facts_pass.wait_for(7) is False  # no pass runs: the caller extracts it itself


def test_a_pass_that_ends_first_lets_the_request_go() -> None:
    facts_pass = FactsPass()
    answers: list[bool] = []
    with facts_pass.running():
        waiter = threading.Thread(target=lambda: answers.append(facts_pass.wait_for(3)))
        waiter.start()
        assert _request_reaches(facts_pass) == [3]
    waiter.join(timeout=60)  # stopped passes (a quit, a re-sync) must not strand a request
    assert answers == [True]


def _waiting(facts_pass: FactsPass) -> None:
    """Returns once a thread waits on the pass (threading.Condition keeps its waiters)."""
    for _ in range(10_000):
        if facts_pass._changed._waiters:  # type: ignore[attr-defined]
            return
        time.sleep(0.001)
    raise AssertionError("no request waits for the pass")


def test_an_article_asked_for_before_an_announced_pass_starts_waits_for_that_pass() -> None:
    facts_pass = FactsPass()
    facts_pass.announce()  # the app's sync runs; its facts pass follows
    answers: list[bool] = []
    waiter = threading.Thread(target=lambda: answers.append(facts_pass.wait_for(4)))
    waiter.start()
    _waiting(facts_pass)  # not extracting it itself: waiting for the pass to start
    with facts_pass.running():
        assert _request_reaches(facts_pass) == [4]
        facts_pass.done_with([4])
        waiter.join(timeout=60)
    assert answers == [True]


def test_a_withdrawn_announcement_lets_the_request_extract_on_its_own() -> None:
    facts_pass = FactsPass()
    facts_pass.announce()
    answers: list[bool] = []
    waiter = threading.Thread(target=lambda: answers.append(facts_pass.wait_for(9)))
    waiter.start()
    _waiting(facts_pass)
    facts_pass.withdraw()  # the sync failed, or a re-sync comes first: no pass follows
    waiter.join(timeout=60)
    assert answers == [False]


_OPENED_DURING_THE_PASS = """
import sys, threading
from pathlib import Path
from reader import open_library
library = open_library(Path(sys.argv[1]))
library.sync(facts=False)
opened = []
readers = []

def open_the_oldest():
    opened.append(library.facts("z.md"))

def progress(phase, done, total, path):
    if done == 1:  # the pass runs: the reader opens an article it has not reached
        readers.append(threading.Thread(target=open_the_oldest))
        readers[0].start()

library.update_facts(progress, in_subprocess=True)
readers[0].join()
numbers = [n["text"] for n in opened[0].to_dict()["numbers"]]
print("numpy" in sys.modules, "reader.facts.tagger" in sys.modules, numbers)
"""


# The app's first start: the article opens while the sync runs, before the pass has begun.
_OPENED_BEFORE_THE_PASS = """
import sys, threading, time
from pathlib import Path
from reader import open_library
library = open_library(Path(sys.argv[1]))
library.announce_facts_pass()
library.sync(facts=False)
opened = []
reader = threading.Thread(target=lambda: opened.append(library.facts("z.md")))
reader.start()
for _ in range(10_000):
    if library._facts_pass._changed._waiters:  # the request waits for the pass
        break
    time.sleep(0.001)
else:
    sys.exit("the request did not wait for the pass")
library.update_facts(in_subprocess=True)
reader.join()
numbers = [n["text"] for n in opened[0].to_dict()["numbers"]]
print("numpy" in sys.modules, "reader.facts.tagger" in sys.modules, numbers)
"""


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    for day in range(1, 13):
        (root / f"{day:02}.md").write_text(
            f"---\ndate: 2024-03-{day:02}\n---\n# 第{day}天\n\n上海举办{day}场活动。\n",
            encoding="utf-8",
        )
    (root / "z.md").write_text(
        "---\ndate: 2001-01-01\n---\n# 旧闻\n\n北京有258位数学家参加。\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize(
    "script", [_OPENED_DURING_THE_PASS, _OPENED_BEFORE_THE_PASS], ids=["during", "before"]
)
def test_the_app_opening_an_article_during_or_before_the_pass_does_not_load_the_tagger(
    tmp_path: Path, script: str
) -> None:
    out = subprocess.run(
        [sys.executable, "-c", script, str(_library(tmp_path))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().split(maxsplit=2) == ["False", "False", "['258位']"]
