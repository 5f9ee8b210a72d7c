"""The kbreader Textual app: config, theme, keymap and the one main screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.config import Config, load_config
from reader.paths import styles_dir
from reader.text import segment
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
            self.notify(error, title="Config", severity="warning", timeout=15)

    def _apply_keymap(self) -> None:
        known = {binding.id for binding in all_bindings() if binding.id}
        unknown = sorted(set(self.config.keys) - known)
        for binding_id in unknown:
            self.config.errors.append(
                f"{self.config.path}: keys: unknown binding id '{binding_id}' (see ? for the ids)"
            )
        self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})

    def warm_up(self) -> None:
        # jieba's dictionary takes most of a second: the screen loads it off the UI thread once
        # the list is on screen, so the first search and the facts panel do not wait for it.
        self.run_worker(segment.tokenizer, thread=True, group="warm-up", exit_on_error=False)

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
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)


def all_bindings() -> list[Binding]:
    bindings: list[Binding] = []
    for owner in (KbReaderApp, MainScreen, ArticleList, ArticleView, FactsPanel):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                bindings.append(binding)
    bindings.append(Binding("ctrl+p", "command_palette", "Command palette", id="command_palette"))
    return bindings


def run_app(library_path: Path | None) -> int:
    KbReaderApp(library_path).run()
    return 0
