"""Component-class styles resolved the way Textual resolves a widget's own colours.

``get_component_rich_style(partial=True)`` drops translucency and ``auto`` colours: with
``background: $boost`` (the foreground at 4 %) and ``color: $text`` (auto 87 %) it gives the
full foreground on both sides — white on white. Here each component's background is laid over
the widget's, and the text colour over the result, so every theme stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color, ColorParseError
from textual.widget import Widget

# WCAG's ratio for body text. Themes are chosen in true colour; a 256- or 16-colour terminal
# shows the nearest palette colours, and textual-light's accent on its panel drops to 2.4:1.
READABLE = 4.5
_SYSTEMS = {"256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}
# What a terminal shows for the 16 system colours is its own choice; xterm's are the common
# reference (tmux reports them too). Rich's own table for them is far from it (cyan 0,128,128
# where xterm shows 0,205,205: white on the cursor then reads 2:1, not 4.8:1).
_XTERM_16 = (
    *((0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205)),
    *((0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0)),
    *((255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)),
)


def layered_style(widget: Widget, components: Iterable[str]) -> Style:
    """The widget's colours with each component class in ``components`` laid on top, in order."""
    _, _, background, color = widget.colors
    text_style = Style()
    for name in components:
        try:
            styles = widget.get_component_styles(name)
        except KeyError:
            continue
        if styles.has_rule("background"):
            background = background + styles.background
        if styles.has_rule("color"):
            # ``color: auto 87%`` keeps its "auto" in a separate rule, not in the colour.
            auto = styles.has_rule("auto_color") and styles.auto_color
            color = Color(0, 0, 0, styles.color.a, auto=True) if auto else styles.color
        text_style += styles.text_style
    # An ``auto`` colour is the contrasting text colour of the final background: Textual's
    # pick (by brightness alone) while it reads at 4.5:1, else whichever of black and white
    # reads better (white on solarized's violet is 3.9:1, black 4.8:1).
    if color.auto:
        picked = background.get_contrast_text(color.a)
        if _contrast(background + picked, background) < 4.5:
            picked = max(
                (Color(255, 255, 255, color.a), Color(0, 0, 0, color.a)),
                key=lambda text: _contrast(background + text, background),
            )
        color = picked
    foreground = readable(background + color, background, widget.app.console.color_system)
    return text_style + Style(color=foreground.rich_color, bgcolor=background.rich_color)


def _shown(value: Color, color_system: str | None) -> Color:
    """``value`` as a terminal of ``color_system`` shows it: its palette's nearest colour."""
    system = _SYSTEMS.get(color_system or "")
    if system is None:
        return value
    nearest = RichColor.from_rgb(value.r, value.g, value.b).downgrade(system)
    if nearest.number is not None and nearest.number < 16:
        return Color(*_XTERM_16[nearest.number])
    r, g, b = nearest.get_truecolor()
    return Color(r, g, b)


def readable(color: Color, background: Color, color_system: str | None) -> Color:
    """``color``, or the nearest blend of it towards black or white that reads at
    ``READABLE`` on ``background`` as the terminal shows both (its palette's nearest)."""
    shown = partial(_shown, color_system=color_system)
    ratio = _contrast(shown(color), shown(background))
    if ratio >= READABLE:
        return color
    # Towards whichever end reads better on the background as shown: textual-light's dark
    # blue cursor is xterm's grey in 16 colours, where black reads 5.3:1 and white 4.0:1.
    target = max(
        (Color(0, 0, 0), Color(255, 255, 255)),
        key=lambda end: _contrast(shown(end), shown(background)),
    )
    best = color
    for step in range(1, 11):
        candidate = color.blend(target, step / 10)
        candidate_ratio = _contrast(shown(candidate), shown(background))
        if candidate_ratio > ratio:
            best, ratio = candidate, candidate_ratio
        if ratio >= READABLE:
            break
    return best


def _contrast(first: Color, second: Color) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


_TEXT_COLOURS = (
    *("text-primary", "text-secondary", "text-accent"),
    *("text-warning", "text-error", "text-success"),
)
_PAGES = ("background", "surface", "panel")


def readable_theme(variables: dict[str, str], color_system: str | None) -> dict[str, str]:
    """The theme's variables with its text colours reading at ``READABLE`` on its pages
    (background, surface, panel) and the block cursor's text on the cursor, as the terminal
    shows them: textual-light's warning on its surface reads 3.4:1 in 256 colours, and
    textual-dark's near-white on its cursor blue 3.6:1 (black: 5.4:1)."""
    variables = _readable_cursor(_pages_that_hold_text(variables, color_system), color_system)
    try:
        pages = [Color.parse(variables[name]) for name in _PAGES]
    except (KeyError, ColorParseError):
        return variables
    changed = dict(variables)
    for name in _TEXT_COLOURS:
        try:
            colour = Color.parse(variables[name])
        except (KeyError, ColorParseError):
            continue
        if colour.ansi is not None:
            continue
        for page in sorted(pages, key=lambda page: _contrast(page + colour, page)):
            colour = readable(page + colour, page, color_system)
        changed[name] = colour.hex
    muted = _readable_muted(variables.get("text-muted", ""), pages, color_system)
    if muted is not None:
        changed["text-muted"] = muted
    return changed


def _pages_that_hold_text(variables: dict[str, str], color_system: str | None) -> dict[str, str]:
    """The theme's variables with each page on which its own "auto" text does not read, as the
    terminal shows both, given a colour where it does (the background's, else black or white),
    and so every variable that was that page's colour: in 16 colours textual-dark's dark panel
    (under the status line, the footer and the facts column) is xterm's bright black, where its
    white text reads 4.0:1; nord's background is too."""
    changed = dict(variables)
    for name in ("background", *(page for page in _PAGES if page != "background")):
        try:
            page = Color.parse(changed[name])
        except (KeyError, ColorParseError):
            continue
        # Textual's "auto" text on the page: picked from the theme's colour, read on the shown.
        text = page.get_contrast_text()
        if _contrast(_shown(text, color_system), _shown(page, color_system)) >= READABLE:
            continue
        dark = text.brightness > 0.5  # (white text: a dark page)
        stays_dark = name != "background" and _holds_text(changed["background"], color_system)
        replacement = changed["background"] if stays_dark else ("#000000" if dark else "#FFFFFF")
        for key, value in variables.items():
            if value == variables[name]:
                changed[key] = replacement
    return changed


def _holds_text(colour: str, color_system: str | None) -> bool:
    page = Color.parse(colour)
    text = _shown(page.get_contrast_text(), color_system)
    return _contrast(text, _shown(page, color_system)) >= READABLE


def _readable_muted(written: str, pages: list[Color], color_system: str | None) -> str | None:
    """``text-muted`` ("auto 60%": the contrasting text, see-through) made just opaque
    enough to read at ``READABLE`` on every page as the terminal shows it (nord's status
    line read 3.0:1 in 256 colours); None when it is not an ``auto`` colour."""
    try:
        alpha = _auto_opacity(written)
    except ValueError:
        return None
    if alpha is None:
        return None
    for opacity in range(round(alpha * 100), 101, 5):
        if all(
            _contrast(
                _shown(page + page.get_contrast_text(opacity / 100), color_system),
                _shown(page, color_system),
            )
            >= READABLE
            for page in pages
        ):
            return f"auto {opacity}%"
    return "auto 100%"


def _auto_opacity(written: str) -> float | None:
    """0.87 for "auto 87%" (Textual's contrasting text, see-through); None for a colour."""
    written = written.strip()
    if not written.startswith("auto"):
        return None
    return float(written.removeprefix("auto").strip().rstrip("%") or 100) / 100


def _readable_cursor(variables: dict[str, str], color_system: str | None) -> dict[str, str]:
    try:
        background = Color.parse(variables["block-cursor-background"])
        written = variables["block-cursor-foreground"]
        alpha = _auto_opacity(written)
        if alpha is not None:
            foreground = background.get_contrast_text(alpha)
        else:
            foreground = Color.parse(written)
    except (KeyError, ValueError, ColorParseError):
        return variables
    if background.ansi is not None or foreground.ansi is not None:
        return variables  # the terminal's own colours: it decides how they look
    shown = readable(background + foreground, background, color_system)
    return {**variables, "block-cursor-foreground": shown.hex}
