"""Where kbreader keeps its files: never inside the library folder.

XDG variables win (tests point them at a temporary folder); otherwise platformdirs decides.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "kbreader"
PACKAGE_DIR = Path(__file__).resolve().parent


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    if value and os.path.isabs(value):
        return Path(value) / APP_NAME
    return Path(fallback)


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", platformdirs.user_data_dir(APP_NAME))


def config_path() -> Path:
    override = os.environ.get("KBREADER_CONFIG")
    if override:
        return Path(override)
    return _xdg("XDG_CONFIG_HOME", platformdirs.user_config_dir(APP_NAME)) / "config.yaml"


def _bundled(name: str) -> Path:
    # Installed wheel: the folder ships inside the package. Source checkout or editable
    # install: it sits at the top of the repository.
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def styles_dir() -> Path:
    return _bundled("styles")


def library_key(library_root: Path) -> str:
    """A stable, file-name-safe key for a library folder (its resolved absolute path)."""
    resolved = str(library_root.resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = "".join(ch if ch.isalnum() else "-" for ch in library_root.resolve().name)[:32]
    return f"{stem or 'library'}-{digest}"


CRASH_LOGS_KEPT = 5


def state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", platformdirs.user_state_dir(APP_NAME))


def write_crash_log(error: BaseException) -> Path | None:
    """Write ``error``'s traceback to a new log in the state folder; its path, or None.

    The screen gets one line naming this file; the details stay out of the terminal."""
    import time
    import traceback

    folder = state_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    log = folder / f"crash-{stamp}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"kbreader crashed at {time.strftime('%Y-%m-%d %H:%M:%S')}\n\n")
            handle.writelines(traceback.format_exception(error))
        for old in sorted(folder.glob("crash-*.log"), reverse=True)[CRASH_LOGS_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return log
