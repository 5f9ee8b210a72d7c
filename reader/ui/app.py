"""The kbreader Textual app: config, theme, keymap, the one error path for workers, and saving
what the reader did on quit or hang-up."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import unicodedata
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.keys import Keys
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader.config import Config, load_config
from reader.paths import data_dir, styles_dir, write_crash_log
from reader.store.state import UserState
from reader.text import segment
from reader.ui import keys
from reader.ui.errors import explain
from reader.ui.help_screen import HelpScreen, describe_bindings, keys_label
from reader.ui.main_screen import MainScreen
from reader.ui.messages import DictionaryLoaded, TaskFailed
from reader.ui.pace import Pace
from reader.ui.styling import readable_theme

# What the ? screen says the shell can do (tests/test_docs.py checks it against the CLI).
COMMANDS = [
    ("kbreader [PATH]", "open the reader on a folder (default: the bundled sample library)"),
    ("kbreader index PATH", "sync the index: counts and problems (--json)"),
    ("kbreader list PATH", "articles, newest first (--json)"),
    ("kbreader search QUERY PATH", "ranked results with snippets (--json, --limit N)"),
    ("kbreader facts FILE", "numbers, dates and entities (--json / --yaml; - for stdin)"),
    ("kbreader entities PATH", "the library's entities and how many articles mention each"),
]


class KbReaderApp(App[None]):
    TITLE = "kbreader"
    CSS_PATH = [
        styles_dir() / name for name in ("app.tcss", "reading.tcss", "library.tcss", "tools.tcss")
    ]
    BINDINGS: ClassVar[list[BindingType]] = keys.APP

    def __init__(
        self,
        library_path: Path | None = None,
        config: Config | None = None,
        pace: Pace | None = None,
        article: str | None = None,
    ) -> None:
        """``article``: a path in the library to show first (``kbreader FILE.md``)."""
        super().__init__()
        self.config = config if config is not None else load_config()
        self.library_path = library_path if library_path is not None else self.config.library
        self.problems: list[str] = list(self.config.errors)
        # A theme picked in the palette outlives a restart (in user state, never in the
        # user's config); a theme named in the config wins once the config changes it. App-wide
        # choices are kept as the preferences of the library named "".
        self.preferences = UserState(data_dir() / "state.sqlite3", "")
        self._saved_theme = self._read_saved_theme()
        self._theme_applied = False  # the theme set at start is the config's, not a choice
        self.main_screen = MainScreen(self.library_path, self.config, pace or Pace(), article)

    crash_log: Path | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an error nothing handled: it ends the app (exit status 1). Keep
        # the traceback in a log first, so the one line printed on exit can name it.
        self.crash_log = write_crash_log(error)
        super()._handle_exception(error)

    def get_css_variables(self) -> dict[str, str]:
        return readable_theme(super().get_css_variables(), self.console.color_system)

    def _read_saved_theme(self) -> tuple[str, str] | None:
        try:
            saved = self.preferences.library_preference("theme")
        except Exception as error:  # noqa: BLE001 - a broken state file must not stop the reader
            self.problems.append(f"Saved theme not read: {error}")
            return None
        chosen, _, under = (saved or "").partition("\n")
        return (chosen, under) if chosen else None

    def on_mount(self) -> None:
        self._apply_theme()
        self._apply_keymap()
        dictionary = self.config.user_dictionary
        if dictionary is not None and dictionary.is_file():
            segment.add_user_dictionary(dictionary)
        elif dictionary is not None:
            self.problems.append(
                f"{self.config.where('user_dictionary')}: user_dictionary not found: {dictionary}"
            )
        self.main_screen.update(problems=tuple(self.problems))
        self.push_screen(self.main_screen)
        if hasattr(signal, "SIGHUP"):
            loop = asyncio.get_running_loop()
            signal.signal(signal.SIGHUP, lambda *_: self._hung_up(loop))

    def on_unmount(self) -> None:
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, signal.SIG_DFL)

    def _hung_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """The signal handler proper (the main thread, between two bytecodes). A terminal that
        hangs up sends SIGCONT right after SIGHUP; Textual's driver takes any SIGCONT for the
        end of a Ctrl+Z and starts the terminal again — a second input thread, spinning on the
        dead terminal, and an exit that never came (a stray process at full CPU). Python runs
        pending handlers by signal number, so SIGHUP's comes first and drops that one."""
        signal.signal(signal.SIGCONT, signal.SIG_DFL)
        loop.call_soon_threadsafe(self.hang_up)

    def _apply_theme(self) -> None:
        wanted = self.config.theme
        saved = self._saved_theme
        if saved is not None and saved[1] == (wanted or "") and saved[0] in self.available_themes:
            wanted = saved[0]
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            known = ", ".join(sorted(self.available_themes))
            self.problems.append(
                f"{self.config.where('theme')}: unknown theme '{wanted}' (known: {known})"
            )  # noqa: E501
        self._theme_applied = True

    def watch_theme(self, theme: str) -> None:
        if self._theme_applied:
            value = f"{theme}\n{self.config.theme or ''}"
            write = partial(self.preferences.set_library_preference, "theme", value)
            self.main_screen.writes.put(write)

    def _apply_keymap(self) -> None:
        """The config's remaps one by one: a bad entry is named with its line and dropped alone."""
        known = {binding.id for binding in keys.all_bindings() if binding.id}
        keymap: dict[str, str] = {}
        for binding_id, key_names in self.config.keys.items():
            where = self.config.where(f"keys.{binding_id}")
            if binding_id not in known:
                self.problems.append(
                    f"{where}: keys: unknown binding id '{binding_id}' (? lists them)"
                )  # noqa: E501
            elif not all(is_key_name(key) for key in key_names.split(",")):
                self.problems.append(
                    f"{where}: keys: '{binding_id}: {key_names}' is not a key "
                    "(examples: j, ctrl+f, pagedown, question_mark)"
                )
            else:
                keymap[binding_id] = key_names
        self.set_keymap(keymap)

    # ------------------------------------------------------------ the one error path

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """Every worker runs with exit_on_error=False: what one raises ends up here, as a line a
        reader can act on, and the screen stops waiting for that worker's answer."""
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        title, message = explain(event.worker.error)
        self.log.error(f"{event.worker.group}: {title}: {message}")
        failed = TaskFailed(event.worker.group, title, message)
        self.main_screen.post_message(failed)
        if self.screen is not self.main_screen:  # a screen on top waits for its own tasks
            self.screen.post_message(failed)

    def on_dictionary_loaded(self, message: DictionaryLoaded) -> None:
        self.problems.extend(message.errors)
        self.main_screen.update(problems=tuple(self.problems))

    # ------------------------------------------------------------ help, quit, palette

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keymap = {binding_id: ",".join(keys_) for binding_id, keys_ in self._keymap_lists()}
        sections = [
            describe_bindings(title, bindings_of(found), keymap) for title, found in keys.WHERE
        ]  # noqa: E501
        self.push_screen(HelpScreen(sections, COMMANDS, self.main_screen.state.problems))

    def _keymap_lists(self) -> Iterable[tuple[str, list[str]]]:
        for binding_id, key_names in self._keymap.items():
            yield binding_id, [key_names] if isinstance(key_names, str) else list(key_names)

    async def action_quit(self) -> None:
        self.main_screen.save_now()
        self.exit()

    def hang_up(self) -> None:
        """SIGHUP (the terminal closed, the SSH link dropped): save, then go."""
        self.main_screen.save_now()
        self.exit(return_code=129)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen
        for binding in bindings_of(keys.SCREEN):
            if binding.id != "back":
                run = partial(main.run_action, binding.action)
                yield SystemCommand(binding.description, f"key: {keys_label(binding.key)}", run)
        yield SystemCommand("Help: every key", "The ? screen, with binding ids", self.action_help)


def bindings_of(bindings: list[BindingType]) -> list[Binding]:
    return [binding for binding in bindings if isinstance(binding, Binding)]


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


def run_app(library_path: Path | None, article: str | None = None) -> int:
    # multiprocessing's resource tracker passes sys.stderr's descriptor to its child; once
    # Textual has replaced sys.stderr that fails, so start it while stderr is still real.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    app = KbReaderApp(library_path, article=article)
    app.run()
    if app.crash_log is not None:
        print(
            f"kbreader: the reader stopped after an error; details in {app.crash_log}",
            file=sys.stderr,
        )  # noqa: E501
        return app.return_code or 1
    return app.return_code or 0
