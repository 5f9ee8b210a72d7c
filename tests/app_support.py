"""Shared helpers for the app's Pilot tests."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import SEED_PATH

OTHER_ARTICLE = (
    "# 上海港口新闻\n\n日期：2022-01-05\n\n上海港集装箱吞吐量创新高，全年超过4700万标准箱。\n"
)
THIRD_ARTICLE = "# 深圳科技周\n\n日期：2021-03-01\n\n深圳举办科技周活动，吸引10万名观众。\n"


def make_library(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_PATH, root / SEED_PATH.name)
    (root / "shanghai.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    (root / "shenzhen.md").write_text(THIRD_ARTICLE, encoding="utf-8")
    return root


async def wait_for(
    pilot: Pilot[None], predicate: Callable[[], object], timeout: float = 15.0
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)
