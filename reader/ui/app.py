"""The kbreader Textual app: config, theme, keymap and the one main screen."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.keys import Keys
from textual.screen import Screen

from reader.config import Config, load_config
from reader.paths import styles_dir, write_crash_log
from reader.text import segment
from reader.text.sanitize import visible
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.help_screen import HelpScreen, describe_bindings
from reader.ui.main_screen import MainScreen


class KbReaderApp(App[None]):
    TITLE = "kbreader"
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "reading.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("tab", "focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="focus_previous"),
    ]

    def __init__(self, library_path: Path | None = None, config: Config | None = None) -> None:
        super().__init__()
        self.config = config if config is not None else load_config()
        self.library_path = library_path if library_path is not None else self.config.library
        self.main_screen = MainScreen(self.library_path, self.config)

    crash_log: Path | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an error nothing handled: it ends the app (exit status 1). Keep
        # the traceback in a log first, so the one line printed on exit can name it.
        self.crash_log = write_crash_log(error)
        super()._handle_exception(error)

    def on_mount(self) -> None:
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.config.errors.append(
                    f"{self.config.path}: unknown theme '{self.config.theme}' "
                    f"(known: {', '.join(sorted(self.available_themes))})"
                )
        self._apply_keymap()
        if self.config.user_dictionary is not None:
            if self.config.user_dictionary.is_file():
                segment.add_user_dictionary(self.config.user_dictionary)
            else:
                self.config.errors.append(
                    f"{self.config.path}: user_dictionary not found: {self.config.user_dictionary}"
                )
        self.push_screen(self.main_screen)
        for error in self.config.errors:
            self.notify(
                visible(error), title="Config", severity="warning", timeout=15, markup=False
            )

    def _apply_keymap(self) -> None:
        """Apply the config's remaps one by one: a bad entry is named and dropped alone."""
        known = {binding.id for binding in all_bindings() if binding.id}
        keymap: dict[str, str] = {}
        for binding_id, keys in self.config.keys.items():
            if binding_id not in known:
                self.config.errors.append(
                    f"{self.config.path}: keys: unknown binding id '{binding_id}' (see ? for the ids)"
                )
            elif not all(is_key_name(key) for key in keys.split(",")):
                self.config.errors.append(
                    f"{self.config.path}: keys: '{binding_id}: {keys}' is not a key "
                    "(examples: j, ctrl+f, pagedown, question_mark)"
                )
            else:
                keymap[binding_id] = keys
        self.set_keymap(keymap)

    def warm_up(self) -> None:
        # jieba's dictionary takes most of a second: the screen loads it off the UI thread once
        # the list is on screen, so the first search and the facts panel do not wait for it.
        self.run_worker(self._load_jieba, thread=True, group="warm-up", exit_on_error=False)

    def _load_jieba(self) -> None:
        segment.tokenizer()
        for error in segment.user_dictionary_errors:
            self.call_from_thread(
                self.notify,
                visible(error),
                title="Config",
                severity="warning",
                timeout=15,
                markup=False,  # the path is the user's: [/x] in it is not markup
            )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(describe_bindings(all_bindings(), dict(self._keymap_strings())))
        )

    def _keymap_strings(self) -> Iterable[tuple[str, str]]:
        for binding_id, keys in self._keymap.items():
            yield binding_id, keys if isinstance(keys, str) else ",".join(keys)

    async def action_quit(self) -> None:
        self.main_screen.save_state_now()
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen
        for binding in MainScreen.BINDINGS:
            assert isinstance(binding, Binding)
            action = getattr(main, f"action_{binding.action}", None)
            if action is not None and binding.id not in ("back",):
                yield SystemCommand(binding.description, f"key: {binding.key}", action)
        yield SystemCommand("Help: every key", "The ? screen, with binding ids", self.action_help)


_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAMES = {key.value for key in Keys} | {"space", "enter", "tab", "backspace", "delete"}


def is_key_name(key: str) -> bool:
    """A key as Textual names it: a character, a named key, or modifiers plus one of those."""
    *modifiers, name = key.strip().split("+")
    if not name or any(modifier not in _MODIFIERS for modifier in modifiers):
        return False
    if len(name) == 1 and name.isprintable():
        return True
    if name in _KEY_NAMES or re.fullmatch(r"f[0-9]{1,2}", name):
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))  # question_mark, left_square_bracket...
    except KeyError:
        return False
    return True


def all_bindings() -> list[Binding]:
    bindings: list[Binding] = []
    for owner in (KbReaderApp, MainScreen, ArticleList, ArticleView, FactsPanel):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                bindings.append(binding)
    bindings.append(Binding("ctrl+p", "command_palette", "Command palette", id="command_palette"))
    return bindings


def run_app(library_path: Path | None) -> int:
    # multiprocessing's resource tracker passes sys.stderr's descriptor to its child; once
    # Textual has replaced sys.stderr that fails, so start it while stderr is still real.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    app = KbReaderApp(library_path)
    app.run()
    if app.crash_log is not None or app.return_code:
        where = f"; details in {app.crash_log}" if app.crash_log else ""
        print(f"kbreader: the reader stopped after an error{where}", file=sys.stderr)
        return app.return_code or 1
    return 0
