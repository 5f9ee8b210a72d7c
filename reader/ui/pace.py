"""The reader's delays, in one place so tests can set them to zero (and never wait on a clock)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pace:
    search_debounce: float = 0.15
    """Seconds after the last keystroke before results-as-you-type search (0: at once)."""
    position_save_delay: float = 1.5
    """Seconds after hand scrolling stops before the position is written (0: at once). Jumps,
    restores, quitting and a hang-up write it at once whatever this says."""
    list_refresh: float = 1.0
    """Seconds between list refreshes while a first sync fills the library (0: every file)."""
    background_facts: bool = True
    """Extract every article's facts after a sync (in a child process)."""


IMMEDIATE = Pace(0, 0, 0, background_facts=False)
"""For tests: nothing waits on the clock and no child process runs."""
