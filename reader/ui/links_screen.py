"""``l``: the open article's links and images, numbered, with their text and where they lead;
Enter answers with the link (the screen follows it: an article of the library opens, a URL
away is shown and copied, never fetched)."""

from __future__ import annotations

from rich.text import Text

from reader.text.linebreak import fill
from reader.text.outline import Link
from reader.text.sanitize import visible
from reader.ui.picker import PickerScreen


def link_row(number: int, link: Link, width: int, room: int | None = None) -> Text:
    """The link's number, text and, below, its URL: broken where a URL may break (after a
    slash, never inside a number) within ``room`` cells, every line under the first."""
    kind = "image" if link.kind == "image" else ""
    text = visible(link.text) or ("(no alt text)" if link.kind == "image" else "(no text)")
    row = Text(f"{number:>{width}}  ")
    if kind:
        row.append(f"{kind}: ", style="italic")
    row.append(text, style="bold")
    indent = " " * (width + 2)
    url = visible(link.shown_url)
    lines = fill(url, room - len(indent)) if room is not None and room > len(indent) + 8 else [url]
    row.append("".join(f"\n{indent}{line}" for line in lines), style="dim")
    return row


class LinksScreen(PickerScreen[Link]):
    def __init__(self, links: list[Link], title: str = "Links") -> None:
        width = len(str(len(links)))
        rows = [(link_row(number, link, width), link) for number, link in enumerate(links, 1)]
        images = sum(link.kind == "image" for link in links)
        count = f"{len(links) - images} link{'' if len(links) - images == 1 else 's'}"
        if images:
            count += f", {images} image{'' if images == 1 else 's'}"
        super().__init__(
            f"{title} · {count}",
            rows,
            hint="Enter: open an article, copy a URL (never fetched) · Esc: close",
            rows_for=lambda room: [
                link_row(number, link, width, room) for number, link in enumerate(links, 1)
            ],
        )
