"""Latin-script names in Chinese text: organisations (OpenAI, GitHub), products (GPT-4,
ChatGPT) and people (KOSAL Sovanvisal).

A Latin word is typed by what the Chinese around it says: 公司, 团队, 宣布, CEO after it make
an organisation; 发布, 推出, 基于 before it or 模型, 芯片, 版本 after it make a product; a title
before it or a speech verb after it make a person. Words that are only capitals and short
(AI, CEO, GDP) are common nouns, not names. The list of well-known Latin-script
organisations (data/latin_orgs.txt) settles the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.facts import lexicon as lx
from reader.facts.entity_base import LATIN_NAME, LETTERS, FinderBase, Span
from reader.facts.gazetteer import DATA
from reader.facts.model import EntityType

# One Latin name: words of letters and digits joined by spaces, dots, hyphens (GPT-4o, Llama 3).
_LATIN = re.compile(
    # (The look-behind after the first letter, where it lets the engine skip to a letter:
    # as LATIN_NAME's.)
    rf"[{LETTERS}](?<![{LETTERS}0-9_\-.].)[{LETTERS}0-9]*(?:[\-.+][{LETTERS}0-9]+)*"
    rf"(?:[ ](?:[A-Z0-9][{LETTERS}0-9]*(?:[\-.][{LETTERS}0-9]+)*"
    r"|mini|pro|max|plus|turbo|ultra|lite|nano))*"
    rf"(?![{LETTERS}0-9_])"
)
_ORG_AFTER = lx.words(
    "公司 集团 团队 实验室 基金会 研究院 官方 旗下 首席执行官 首席 CEO 创始人 联合创始人 "
    "总裁 董事长 宣布 表示 称 回应 披露 声明 发言人 开发 推出 发布了 发布 开源了 开源 "
    "的研究人员 的工程师 股价 市值 财报 估值 融资"
)
_PRODUCT_BEFORE = lx.words(
    "发布了 发布 推出了 推出 上线了 上线 开源了 开源 升级 使用 基于 搭载 接入 集成 训练 版本的"
)
_PRODUCT_AFTER = lx.words(
    "模型 大模型 应用 平台 系统 芯片 手机 浏览器 插件 版本 编辑器 框架 数据库 语言 服务 "
    "App APP 客户端 接口 操作系统 处理器 显卡"
)
# Capitalised words that are Latin common nouns or abbreviations in Chinese news.
_COMMON = frozenset(
    lx.words(
        "AI GDP CPI PPI PMI CEO CTO CFO APP App IT ID VR AR XR API GPU CPU NPC PC TV VS vs "
        "OK USB PDF PPT WiFi Wi-Fi LED LCD IP IPO ETF SUV DNA RNA mRNA PM PM2.5 SOS COVID "
        "COVID-19 G20 G7 4G 5G 6G The A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"
    )
)


# A last word of digits only (a year or a count when lx.COUNT_UNITS follows).
_COUNTED = re.compile(r"[ ][0-9]+$")
_VERSIONED = re.compile(r"[A-Za-z][\-\s]?[0-9]|[0-9](?:\.[0-9])+")
# What is said of a product rather than of a company: it is opened, offered, made free ...
_OFFERED = lx.words("向 免费 正式 上线 开放 更新 支持 用户")


@lru_cache(maxsize=1)
def known_organisations() -> frozenset[str]:
    lines = (DATA / "latin_orgs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class LatinRules(FinderBase):
    def latin_entities(self) -> None:
        text = self.text
        for match in LATIN_NAME.finditer(text):
            if self.person_cue(match.start(), match.end()):
                name = re.sub(r"\s+", " ", match.group(0))
                self.add(Span(match.start(), match.end(), "person", name))
        for match in _LATIN.finditer(text):
            start, end = match.span()
            name = match.group(0)
            counted = _COUNTED.search(name)
            if counted is not None and text[end : end + 1] in lx.COUNT_UNITS:
                # IASP 2025年世界大会, Istanbul 5人: the number is the Chinese text's (a year,
                # a count), not a version of the name.
                end = start + counted.start()
                name = name[: counted.start()]
            if not self.free(start, end) or name in _COMMON or len(name) < 2:
                continue
            if name not in known_organisations() and not _namelike(name):
                continue
            kind = self._latin_kind(name, start, end)
            if kind is not None:
                self.add(Span(start, end, kind, name))

    def _latin_kind(self, name: str, start: int, end: int) -> EntityType | None:
        if self.text_after(end, _PRODUCT_AFTER) or self.text_before(start, _PRODUCT_BEFORE):
            return "product" if name not in known_organisations() else "organization"
        if name in known_organisations() or self.text_after(end, _ORG_AFTER):
            return "organization"
        if _VERSIONED.search(name) or self.text_after(end, _OFFERED):
            return "product"  # GPT-3.5 Turbo, Llama 3.1, iPhone 15; Copilot向学生开放
        return None

    def bracketed_names(self) -> None:
        """英伟达（NVIDIA）, 世界卫生组织（WHO）: the Chinese name before a known Latin one in
        brackets is the same organisation."""
        for span in list(self.spans):
            if span.type != "organization" or not span.name.isascii():
                continue
            if self.text[span.start - 1 : span.start] not in "（(" or span.start < 2:
                continue
            index = self.index_at.get(span.start - 1)
            before = self.token_before(index) if index is not None else None
            if (
                before is not None
                and before.end == span.start - 1
                and len(before.word) >= 2
                and all("\u4e00" <= ch <= "\u9fff" for ch in before.word)
                and self.free(before.start, before.end)
            ):
                self.add(Span(before.start, before.end, "organization", before.word, [span.name]))


def _namelike(name: str) -> bool:
    """OpenAI, GitHub, GPT-4, Llama 3: a capital, a digit or an inner capital; not a plain
    lower-case English word, nor an all-capitals abbreviation of two or three letters."""
    if name.isupper() and len(name) <= 3 and name.isalpha():
        return False
    return name[0].isupper() or any(ch.isdigit() for ch in name)
