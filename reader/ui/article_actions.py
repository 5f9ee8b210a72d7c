"""What ``o`` and ``E`` do with the open article: hand its URL or its file to the outside."""

from __future__ import annotations

import subprocess
from pathlib import Path

from textual.app import App

from reader.editor import EditorError, editor_command
from reader.store import Article
from reader.text.sanitize import clipboard_url, visible
from reader.ui.state import Notice


def copy_source(app: App[None], article: Article) -> Notice:
    if not article.source:
        return Notice("This article names no source URL.")
    url = clipboard_url(article.source)
    if url is None:
        # A control character could end the OSC 52 sequence and talk to the terminal.
        return Notice(f"Not copied (not a plain URL): {visible(article.source)}")
    app.copy_to_clipboard(url)  # OSC 52: the terminal decides; nothing is fetched
    return Notice(f"Source (copied where the terminal allows): {url}")


def edit(app: App[None], path: Path) -> Notice | None:
    """Open ``path`` in ``$EDITOR``, else ``$VISUAL``, else ``vi``, with the terminal handed
    over; None once the editor has exited (the caller re-syncs), else why it could not start."""
    try:
        command = editor_command(path)
    except EditorError as error:
        return Notice(visible(str(error)), error=True)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except FileNotFoundError:
        return Notice(f"No editor {visible(command[0])} here: set $EDITOR.", error=True)
    except Exception as error:  # noqa: BLE001 - e.g. no terminal to hand over to
        return Notice(f"Could not start the editor: {visible(str(error))}", error=True)
    return None
