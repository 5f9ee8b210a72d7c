"""Pilot waits on messages, not on the clock.

Textual's Pilot follows every key (twice) and every ``pause()`` with ``wait_for_idle``: it sleeps
1/50 s again and again until the process used less than 1 ms of CPU in one sleep, at most 1 s.
That is a guess from the clock: on a loaded machine, or while a worker thread of the app works, it
waits the full second, and it never knows whether the key was handled. Measured on the suite:
122 s of its 279 s of test time were spent in it (n=3 workers, 2 cores).

Here it waits instead until every message queued so far in the app and in every node of its
screen stack is handled, a few rounds deep (what a key's handler posts is handled too), and a key
sent by the headless driver is queued at once rather than one loop turn later. What a test needs
from a worker it waits for with ``tests.app_support.settle``, as before.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import textual.app
import textual.pilot
from textual._context import active_app
from textual._wait import wait_for_idle
from textual.app import App
from textual.driver import Driver
from textual.drivers.headless_driver import HeadlessDriver
from textual.message import Message
from textual.message_pump import MessagePump

ROUNDS = 3  # a handler posts messages, whose handlers post more: a few rounds reach them


def _resolve(done: asyncio.Future[None]) -> None:
    # A Python function, not ``done.set_result``: Textual counts a callback's parameters with
    # inspect.signature, cached on the function; a builtin method is parsed again each time
    # (12 % of an app test's CPU when this was ``set_result``).
    done.set_result(None)


async def handled(app: App[Any]) -> None:
    """Every message queued so far in the app and its screens' nodes is handled (each node runs a
    callback queued behind them: an event, not a clock)."""
    loop = asyncio.get_running_loop()
    for _ in range(ROUNDS):
        waiting = []
        nodes: list[MessagePump] = [app]
        for screen in app.screen_stack:
            nodes.extend(screen.walk_children(with_self=True))
        for node in nodes:
            done = loop.create_future()
            if node.call_later(_resolve, done):
                waiting.append(done)
        await asyncio.gather(*waiting)


async def wait_until_handled(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Stands in for ``textual._wait.wait_for_idle`` (same signature; the times are unused):
    what is queued is handled, then one frame is laid out and drawn (what the screen's refresh
    timer did during the old sleeps), and what that posted is handled too."""
    app = active_app.get()
    await handled(app)
    app.screen._on_timer_update()
    await handled(app)


def send_at_once(self: Driver, message: Message) -> None:
    """The headless driver runs on the app's loop: queue the message now, in order."""
    if threading.get_ident() == self._app._thread_id:
        self._app.post_message(message)
    else:
        original_send(self, message)


original_send = HeadlessDriver.send_message


def install() -> None:
    # Fail loudly if a Textual release moves these: the suite would silently get slow again.
    modules = (textual.app, textual.pilot)
    if all(module.wait_for_idle is wait_until_handled for module in modules):
        return
    assert all(module.wait_for_idle is wait_for_idle for module in modules)
    for module in modules:
        module.wait_for_idle = wait_until_handled  # type: ignore[attr-defined]
    HeadlessDriver.send_message = send_at_once  # type: ignore[method-assign]
