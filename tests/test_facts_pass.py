"""The background facts pass takes the articles the reader opens meanwhile (and the app
never loads the tagger during that pass)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

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


def test_the_app_opening_an_article_during_the_pass_does_not_load_the_tagger(
    tmp_path: Path,
) -> None:
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
    out = subprocess.run(
        [sys.executable, "-c", _OPENED_DURING_THE_PASS, str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().split(maxsplit=2) == ["False", "False", "['258位']"]
