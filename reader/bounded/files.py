"""Reading a file's bytes without ever blocking or reading what is not a plain file.

A FIFO, a device or a socket can sit where a file was a moment ago: the file is opened
non-blocking (so a FIFO's open returns at once), then ``fstat`` on the open descriptor decides.
Only a regular file below the size limit is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot become an article (binary, undecodable, unreadable, not a file)."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing  # the file is not there (any more): not a problem to report


MAX_ARTICLE_BYTES = 64 * 1024 * 1024
# The kernel's pseudo-files: never read, whatever a link or a setting says.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "not a regular file (a FIFO)"),
    (stat.S_ISSOCK, "not a regular file (a socket)"),
    (stat.S_ISCHR, "not a regular file (a device)"),
    (stat.S_ISBLK, "not a regular file (a device)"),
)


def in_system_folder(path: Path) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in SYSTEM_FOLDERS)


def read_regular_file(path: Path, *, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    ``follow_links=False`` refuses a file that became a symbolic link since it was listed.
    Raises :class:`UnreadableFile` with the reason otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise UnreadableFile("became a link while it was read; read again next time") from None
        if isinstance(error, FileNotFoundError):
            raise UnreadableFile("no such file", missing=True) from None
        if isinstance(error, IsADirectoryError):
            raise UnreadableFile("is a folder, not a file") from None
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        for is_kind, reason in _KINDS:
            if is_kind(info.st_mode):
                raise UnreadableFile(reason)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(too_big(info.st_size, limit))
        return _read_all(fd, info.st_size, limit)
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _read_all(fd: int, expected: int, limit: int) -> bytes:
    chunks = []
    total = 0
    want = expected + 1  # one more byte tells a file that grew since fstat
    while True:
        chunk = os.read(fd, max(want - total, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise UnreadableFile(too_big(total, limit))
    return b"".join(chunks)


def too_big(size: int, limit: int) -> str:
    return f"too big ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"
