"""Write docs/outline.svg: the real app showing an article's outline (t), via Textual's SVG
export, on a small library made for it in a temporary folder.

    python docs/make_outline_screenshot.py

Uses a temporary XDG home, so your own index and state are untouched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REPORT = """---
title: 2023年城市科技创新发展报告
date: 2023-12-20
source: https://example.com/report-2023
tags: [科技, 城市]
---

# 2023年城市科技创新发展报告

## 一、总体情况

2023年，全市研发投入强度达到6.7%，技术合同成交额突破8500亿元，同比增长7.9%。
国家高新技术企业总数超过2.8万家，每万人发明专利拥有量达到262件。

## 二、重点领域

### （一）人工智能

北京人工智能企业超过1900家，约占全国的四成；大模型数量居全国首位。

### （二）生物医药

生物医药产业规模突破9000亿元，创新药获批数量创历史新高。

### （三）集成电路

集成电路设计、制造、装备全链条布局，重点项目有序推进。

## 三、国际合作

共建“一带一路”科技创新合作持续深化，联合实验室、科技园区和技术转移中心遍布多国。

## 四、下一步工作

加快建设国际科技创新中心，推动更多原创成果落地转化。

[附表：主要指标](指标.md) · [上一年度报告](2022.md)
"""


async def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            os.environ[var] = f"{home}/{var.lower()}"
        library = Path(home) / "library"
        library.mkdir()
        (library / "2023.md").write_text(REPORT, encoding="utf-8")
        sys.path.insert(0, str(ROOT))
        from reader.config import Config
        from reader.ui.app import KbReaderApp
        from reader.ui.outline_screen import OutlineScreen

        app = KbReaderApp(library, Config(facts_panel=False), article="2023.md")
        async with app.run_test(size=(100, 30)) as pilot:
            while app.main_screen.state.article is None:
                await asyncio.gather(*(w.wait() for w in app.workers), return_exceptions=True)
                await pilot.pause()
            app.main_screen.pane.focus()
            await pilot.press(*"jjjjjjjjjjj", "t")  # reading the second section
            while not isinstance(app.screen, OutlineScreen):
                await asyncio.gather(*(w.wait() for w in app.workers), return_exceptions=True)
                await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            app.save_screenshot(filename="outline.svg", path=str(ROOT / "docs"))
    print(ROOT / "docs" / "outline.svg")


if __name__ == "__main__":
    asyncio.run(main())
