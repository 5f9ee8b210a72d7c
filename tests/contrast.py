"""Is a fenced code block readable? Measured from the cells a real terminal shows.

As a script (run by hand; needs tmux and an installed ``kbreader``)::

    python tests/contrast.py --size 80x24 --theme textual-light

starts ``kbreader`` in a private tmux server on a library holding one article with a code
block, reads the screen back with ``tmux capture-pane -e`` and prints, for each cell of the
code's text, the foreground/background pair and its WCAG contrast ratio; it exits non-zero
if any pair is equal or below 4.5:1. The tests use :func:`cells` and :func:`contrast` on
captured samples and on the app's own rendering.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RGB = tuple[int, int, int]
CODE_LINE = 'return "代码" + name'
ARTICLE = f"""# 代码块

说明文字。

```python
def hello(name):
    {CODE_LINE}
```
"""
# xterm's 16 system colours (what tmux reports for 30–37/90–97 and 38;5;0–15)
_SYSTEM = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
    (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
    (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
]  # fmt: skip
DEFAULT_FG: RGB = (229, 229, 229)
DEFAULT_BG: RGB = (0, 0, 0)
_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def palette(index: int) -> RGB:
    """The xterm 256-colour palette."""
    if index < 16:
        return _SYSTEM[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[index // 36], steps[index // 6 % 6], steps[index % 6]
    level = 8 + (index - 232) * 10
    return level, level, level


def luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Cell:
    char: str
    fg: RGB
    bg: RGB


def cells(line: str) -> Iterator[Cell]:
    """The cells of one line of ``tmux capture-pane -e`` output, with their colours (reverse
    video swapped, defaults resolved to xterm's)."""
    fg: RGB | None = None
    bg: RGB | None = None
    reverse = False
    position = 0
    for match in _SGR.finditer(line + "\x1b[m"):
        for char in line[position : match.start()]:
            front, back = fg or DEFAULT_FG, bg or DEFAULT_BG
            yield Cell(char, back, front) if reverse else Cell(char, front, back)
        position = match.end()
        codes = [int(code) if code else 0 for code in match.group(1).split(";")]
        while codes:
            code = codes.pop(0)
            if code == 0:
                fg = bg = None
                reverse = False
            elif code == 7:
                reverse = True
            elif code == 27:
                reverse = False
            elif code in (38, 48) and codes:
                kind = codes.pop(0)
                if kind == 5 and codes:
                    colour: RGB | None = palette(codes.pop(0))
                elif kind == 2 and len(codes) >= 3:
                    colour = (codes.pop(0), codes.pop(0), codes.pop(0))
                else:
                    colour = None
                if code == 38:
                    fg = colour
                else:
                    bg = colour
            elif code == 39:
                fg = None
            elif code == 49:
                bg = None
            elif 30 <= code <= 37 or 90 <= code <= 97:
                fg = _SYSTEM[code - 30 if code < 90 else code - 82]
            elif 40 <= code <= 47 or 100 <= code <= 107:
                bg = _SYSTEM[code - 40 if code < 100 else code - 92]


def code_cells(screen: str, text: str = CODE_LINE) -> list[Cell]:
    """The cells showing ``text`` (the code block's line) on a captured screen."""
    for line in screen.splitlines():
        row = list(cells(line))
        plain = "".join(cell.char for cell in row)
        at = plain.find(text)
        if at >= 0:
            return [cell for cell in row[at : at + len(text)] if not cell.char.isspace()]
    raise LookupError(f"{text!r} is not on the screen")


def measure(size: str, theme: str | None) -> list[Cell]:
    """Run kbreader in tmux at ``size`` with ``theme`` and capture the code block's cells."""
    width, height = size.split("x")
    kbreader = Path(sys.executable).parent / "kbreader"
    with tempfile.TemporaryDirectory() as home:
        root = Path(home)
        (root / "library").mkdir()
        (root / "library" / "code.md").write_text(ARTICLE, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            env[var] = str(root / var.lower())
        env.setdefault("TERM", "xterm-256color")
        if theme:
            config = root / "xdg_config_home" / "kbreader" / "config.yaml"
            config.parent.mkdir(parents=True)
            config.write_text(f"theme: {theme}\n", encoding="utf-8")
        tmux = ["tmux", "-S", str(root / "tmux.sock")]
        command = f"{kbreader} {root / 'library'}"
        subprocess.run(
            [*tmux, "new-session", "-d", "-x", width, "-y", height, command], env=env, check=True
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                screen = subprocess.run(
                    [*tmux, "capture-pane", "-e", "-p"], capture_output=True, text=True, check=True
                ).stdout
                try:
                    return code_cells(screen)
                except LookupError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        finally:
            subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24", help="columns x rows, e.g. 200x50")
    parser.add_argument("--theme", default=None, help="a Textual theme (default: the app's)")
    args = parser.parse_args()
    found = measure(args.size, args.theme)
    pairs = sorted({(cell.fg, cell.bg) for cell in found})
    worst = min(contrast(fg, bg) for fg, bg in pairs)
    for fg, bg in pairs:
        print(f"fg {fg} bg {bg} contrast {contrast(fg, bg):.2f}:1")
    readable = all(fg != bg for fg, bg in pairs) and worst >= 4.5
    print(f"{args.size} {args.theme or 'default theme'}: {len(found)} cells, worst {worst:.2f}:1 "
          f"-> {'readable' if readable else 'NOT readable'}")  # fmt: skip
    return 0 if readable else 1


if __name__ == "__main__":
    sys.exit(main())
