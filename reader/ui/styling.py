"""Component-class styles resolved the way Textual resolves a widget's own colours.

``get_component_rich_style(partial=True)`` drops translucency and ``auto`` colours: with
``background: $boost`` (the foreground at 4 %) and ``color: $text`` (auto 87 %) it gives the
full foreground on both sides — white on white. Here each component's background is laid over
the widget's, and the text colour over the result, so every theme stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from textual.color import Color
from textual.widget import Widget


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
    foreground = background + color
    return text_style + Style(color=foreground.rich_color, bgcolor=background.rich_color)


def _contrast(first: Color, second: Color) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
