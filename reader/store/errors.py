"""The store's user-facing failures: each is one line to show, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path


class LibraryError(Exception):
    """The library or its cache cannot be used (missing, not a folder, unreadable, damaged)."""


class DiskFullError(LibraryError):
    """No space left where kbreader writes: nothing is damaged, nothing was moved aside.

    Whatever was being written is rolled back; the same command goes on where it stopped
    once there is room again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            f"the disk is full: cannot write in {folder} ({free_space(folder)} free);"
            " free some space and run again"
        )


def free_space(folder: Path) -> str:
    """The free space of ``folder``'s file system, for a person ("12.0 MB", "0 bytes")."""
    for candidate in (folder, *folder.parents):
        try:
            free = shutil.disk_usage(candidate).free
        except OSError:
            continue
        return human_size(free)
    return "unknown space"


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000:
            return f"{value:.1f} {unit}"
    return f"{value / 1000:.1f} TB"
