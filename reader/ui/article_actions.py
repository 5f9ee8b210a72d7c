"""What ``o`` and ``E`` do with the open article: hand its URL or its file to the outside."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App

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
    """Open ``path`` in ``$VISUAL``/``$EDITOR`` with the terminal handed over; None once the
    editor has exited (the caller re-syncs), else why it could not start."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return Notice("Set $EDITOR to open articles in your editor.", error=True)
    try:
        with app.suspend():
            subprocess.run([*shlex.split(editor), str(path)], check=False)
    except Exception as error:  # noqa: BLE001 - e.g. no terminal to hand over to
        return Notice(f"Could not start the editor: {visible(str(error))}", error=True)
    return None
