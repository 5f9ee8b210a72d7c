"""Write a deterministic synthetic library shaped like the seed article.

    python benchmarks/make_corpus.py N OUT [--seed S]

Each article: `# title`, a bold date line, a bold source URL line, `###` subheadings, an image,
and 2,500–3,500 characters of Chinese drawn from jieba's bundled dictionary (weighted by word
frequency), with numbers (150余场, 258位, 2020年6月), names, “quotes”, 《titles》 and some Latin.
The same N and seed always give the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
from itertools import accumulate
from pathlib import Path

MEASURES = [
    "位",
    "场",
    "篇",
    "家",
    "个",
    "种",
    "项",
    "名",
    "次",
    "年",
    "亿元",
    "万元",
    "件",
    "所",
    "座",
]
APPROX = ["", "", "", "余", "多", "以上", "近", "约", "超过"]
LATIN = ["IASP", "AI", "5G", "GDP", "CPU", "Python", "WTO", "APEC", "iPhone", "ChatGPT"]
PUNCT = ["，"] * 6 + ["、"] * 2 + ["；"]


class Vocabulary:
    def __init__(self, rng: random.Random) -> None:
        import jieba

        self.rng = rng
        words: dict[str, tuple[list[str], list[int]]] = {}
        path = Path(jieba.__file__).parent / "dict.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) != 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2][:2]
            bucket = words.setdefault(tag, ([], []))
            bucket[0].append(word)
            bucket[1].append(freq)
        self.tables = {tag: (ws, list(accumulate(fs))) for tag, (ws, fs) in words.items()}

    def pick(self, tag: str) -> str:
        words, cumulative = self.tables.get(tag) or self.tables["n"]
        index = bisect.bisect(cumulative, self.rng.random() * cumulative[-1])
        return words[min(index, len(words) - 1)]


def person(rng: random.Random, vocab: Vocabulary) -> str:
    if rng.random() < 0.15:
        return vocab.pick("nr") + "·" + vocab.pick("nr")
    return rng.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗") + "".join(
        rng.choice("伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华凌齐春礼济武")
        for _ in range(rng.randint(1, 2))
    )


def number_phrase(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return f"{rng.randint(2, 999)}{rng.choice(APPROX)}{rng.choice(MEASURES)}"
    if kind < 0.7:
        return f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月"
    if kind < 0.8:
        return f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
    if kind < 0.9:
        return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    return f"第{rng.randint(1, 60)}届"


def sentence(rng: random.Random, vocab: Vocabulary) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(8, 22)):
        roll = rng.random()
        if roll < 0.06:
            parts.append(number_phrase(rng))
        elif roll < 0.09:
            parts.append(person(rng, vocab))
        elif roll < 0.12:
            parts.append(vocab.pick("ns"))
        elif roll < 0.14:
            parts.append(vocab.pick("nt"))
        elif roll < 0.16:
            parts.append("“" + vocab.pick("n") + vocab.pick("v") + "”")
        elif roll < 0.175:
            parts.append("《" + vocab.pick("n") + vocab.pick("n") + "》")
        elif roll < 0.185:
            parts.append(f" {rng.choice(LATIN)} ")
        elif roll < 0.24:
            parts.append(rng.choice(PUNCT))
        else:
            parts.append(vocab.pick(rng.choice("nnnvvadm")))
    text = "".join(parts).strip().strip("，、；")
    return text + rng.choice("。。。。！？")


def article(index: int, rng: random.Random, vocab: Vocabulary) -> str:
    when = dt.datetime(2015, 1, 1) + dt.timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))
    title = "".join(vocab.pick(rng.choice("nnv")) for _ in range(rng.randint(3, 6)))
    lines = [
        f"# {title}",
        "",
        f"**{when:%Y-%m-%d %H:%M}**",
        "",
        f"**http://news.example.com/{when:%Y-%m/%d}/content_{index:06d}.htm**",
        "",
        "### " + "".join(vocab.pick("n") for _ in range(rng.randint(4, 9))) + "——",
        "",
        f"![](http://news.example.com/images/{index:06d}.jpg)",
        "",
    ]
    target = rng.randint(2500, 3500)
    size = 0
    while size < target:
        paragraph = "".join(sentence(rng, vocab) for _ in range(rng.randint(2, 5)))
        paragraph = (
            paragraph[: max(1, target - size)]
            if size + len(paragraph) > target + 200
            else paragraph
        )
        lines += [" " + paragraph, ""]
        size += len(paragraph)
        if rng.random() < 0.15:
            lines += [" " + "".join(vocab.pick("n") for _ in range(3)), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20231019)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)
    for index in range(args.count):
        folder = args.out / f"{index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{index:06d}.md").write_text(
            article(index, rng, vocab), encoding="utf-8"
        )
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
