"""The user's settings from ``$XDG_CONFIG_HOME/kbreader/config.yaml`` (``KBREADER_CONFIG`` wins).

A bad file never stops the reader: each problem names the key and line, that setting keeps its
default, and everything else still applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.bounded import yaml_limits
from reader.bounded.files import UnreadableFile, read_regular_file
from reader.paths import config_path

DEFAULT_READING_WIDTH = 88


@dataclass
class Config:
    library: Path | None = None
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    ambiguous_width: int = 1
    reading_width: int = DEFAULT_READING_WIDTH
    user_dictionary: Path | None = None
    facts_panel: bool = True
    traditional_simplified: bool = True  # search: 台湾 finds 臺灣, and the reverse
    follow_external_links: bool = False
    path: Path | None = None
    errors: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """The line each setting is on, and each ``keys`` entry as ``keys.<id>``: later checks
    (an unknown theme, a remap that is not a key) name it too."""

    def where(self, setting: str) -> str:
        """``config.yaml line 4`` for a setting (or ``keys.search``), for error messages."""
        line = self.lines.get(setting)
        return f"{self.path}" + (f" line {line}" if line else "")


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a path")
    return Path(value).expanduser()


def _int_in(low: int, high: int) -> Any:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}")
        return value

    return check


def _ambiguous(value: Any) -> int:
    if value not in (1, 2):
        raise ValueError(
            "expected 1 or 2 (cells for “ ” … · — and other ambiguous-width characters)"
        )
    return int(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a name")
    return value.strip()


def _keys(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of binding id to key(s), e.g. search: ctrl+k")
    # Entries that are not strings are kept as they are: the app reports each one by name
    # and drops only that entry, so one typo never throws away every remap.
    return {
        str(binding_id): key.strip() if isinstance(key, str) else repr(key)
        for binding_id, key in value.items()
    }


_FIELDS = {
    "library": _path,
    "theme": _str,
    "keys": _keys,
    "ambiguous_width": _ambiguous,
    "reading_width": _int_in(20, 400),
    "user_dictionary": _path,
    "facts_panel": _bool,
    "traditional_simplified": _bool,
    "follow_external_links": _bool,
}


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    config = Config(path=path)
    try:
        # Never a FIFO or a device (open would block, or read forever), never a huge file.
        raw = read_regular_file(path, limit=yaml_limits.CONFIG_LIMITS.max_chars * 4)
        text = raw.decode("utf-8")
    except UnreadableFile as error:
        if not error.missing:
            config.errors.append(f"{path}: cannot read ({error.reason}); using defaults")
        return config
    except UnicodeDecodeError as error:
        config.errors.append(f"{path}: not UTF-8 ({error.reason}); using defaults")
        return config
    try:
        root = yaml_limits.compose(text, yaml_limits.CONFIG_LIMITS)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        config.errors.append(f"{path}{where}: not valid YAML ({problem}); using defaults")
        return config
    if root is None:
        return config
    if not isinstance(root, yaml.MappingNode):
        config.errors.append(
            f"{path} line {root.start_mark.line + 1}: expected key: value settings"
        )
        return config
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            config.errors.append(f"{path} line {line}: a setting name must be a plain word")
            continue
        key = key_node.value
        config.lines[key] = line
        if key == "keys" and isinstance(value_node, yaml.MappingNode):
            for entry, _ in value_node.value:
                config.lines[f"keys.{entry.value}"] = entry.start_mark.line + 1
        check = _FIELDS.get(key)
        if check is None:
            known = ", ".join(_FIELDS)
            config.errors.append(f"{path} line {line}: unknown setting '{key}' (known: {known})")
            continue
        try:
            setattr(config, key, check(yaml_limits.construct(value_node)))
        except (ValueError, OverflowError, yaml.YAMLError) as error:
            config.errors.append(f"{path} line {line}: '{key}': {error}; using the default")
    return config
