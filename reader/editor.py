"""Which editor ``E`` starts: ``$EDITOR``, then ``$VISUAL``, then ``vi``.

A value is a command line as a shell would split it (``code --wait``, ``"/opt/My Editor/ed"``);
the file goes last, as one argument, never through a shell.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

FALLBACK_EDITOR = "vi"
EDITOR_VARIABLES = ("EDITOR", "VISUAL")


class EditorError(Exception):
    """The editor setting cannot be run (say, an unclosed quote in ``$EDITOR``)."""


def editor_command(file: Path | str, environ: Mapping[str, str] | None = None) -> list[str]:
    """The argument list that opens ``file`` in the user's editor."""
    environ = os.environ if environ is None else environ
    for name in EDITOR_VARIABLES:
        value = environ.get(name, "")
        if not value.strip():
            continue
        try:
            words = shlex.split(value)
        except ValueError as error:
            raise EditorError(f"${name} is not a command line ({error}): {value!r}") from None
        if words:
            return [*words, str(file)]
    return [FALLBACK_EDITOR, str(file)]
