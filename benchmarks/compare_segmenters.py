"""Compare jieba implementations on real news: load time, tagging speed, memory, agreement.

    pip install jieba rjieba jieba_fast_dat        # the candidates (not kbreader dependencies)
    python benchmarks/compare_segmenters.py /work/shared/data/news-dev

Each implementation runs in a fresh process (load time and peak RSS are its own), tags every
article with HMM on, and writes its (word, tag) pairs; agreement is then counted against
jieba.posseg on the same articles: (word, tag) pairs at the same offsets, word boundaries
alone, and the tags of jieba's proper nouns (nr, ns, nt, nz, nrt, nrfg). An implementation
whose words do not put the text back together is reported as such: offsets would be wrong.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_RUN = r"""
import json, sys, time
name, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.md"))]
start = time.perf_counter()
if name == "jieba":
    import logging, jieba, jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    tag = lambda t: [(p.word, p.flag) for p in jieba.posseg.lcut(t)]
elif name == "rjieba":
    import rjieba
    tag = lambda t: rjieba.tag(t, True)
else:
    import logging, jieba_fast_dat, jieba_fast_dat.posseg
    jieba_fast_dat.setLogLevel(logging.WARNING)
    jieba_fast_dat.initialize()
    tag = lambda t: [(p.word, p.flag) for p in jieba_fast_dat.posseg.lcut(t)]
tag("中华人民共和国")
load = time.perf_counter() - start
start = time.perf_counter()
pairs = [tag(t) for t in texts]
seconds = time.perf_counter() - start
size = sum(len(t.encode("utf-8")) for t in texts) / 1024
hwm = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
json.dump({"pairs": pairs, "texts": texts}, open(out, "w"), ensure_ascii=False)
print(json.dumps({"load": load, "kbs": size / seconds, "rss": int(hwm) / 1024}))
"""
PROPER = frozenset(("nr", "ns", "nt", "nz", "nrt", "nrfg"))


def _spans(pairs: list[list[str]]) -> set[tuple[int, int, str]]:
    out: set[tuple[int, int, str]] = set()
    offset = 0
    for word, flag in pairs:
        out.add((offset, offset + len(word), flag))
        offset += len(word)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", nargs="*", default=["jieba", "rjieba", "jieba_fast_dat"])
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    tagged: dict[str, list[list[list[str]]]] = {}
    texts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only:
            out = Path(tmp) / f"{name}.json"
            run = subprocess.run(
                [sys.executable, "-c", _RUN, name, str(args.folder), str(out)],
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                print(f"{name}: not run ({run.stderr.strip().splitlines()[-1:]})")
                continue
            results[name] = json.loads(run.stdout)
            data = json.loads(out.read_text(encoding="utf-8"))
            tagged[name], texts = data["pairs"], data["texts"]
    reference = tagged.get("jieba")
    for name, figures in results.items():
        line = (
            f"{name:15} load {figures['load']:.2f} s, {figures['kbs']:7.0f} KB/s,"
            f" peak RSS {figures['rss']:.0f} MB"
        )
        if reference is not None and name != "jieba":
            same = pairs = words = proper = proper_same = covered = 0
            for text, ref, got in zip(texts, reference, tagged[name], strict=True):
                covered += "".join(w for w, _ in got) == text
                ref_spans, got_spans = _spans(ref), _spans(got)
                same += len(ref_spans & got_spans)
                pairs += len(ref_spans)
                words += len({s[:2] for s in ref_spans} & {s[:2] for s in got_spans})
                for span in ref_spans:
                    if span[2] in PROPER:
                        proper += 1
                        proper_same += span in got_spans
            line += (
                f"; agreement with jieba: (word, tag) {same / pairs:.3f}, words {words / pairs:.3f},"
                f" proper-noun tags {_share(proper_same, proper):.3f};"
                f" texts covered exactly {covered}/{len(texts)}"
            )
        print(line)
    return 0


def _share(same: int, total: int) -> float:
    return same / total if total else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
