"""An SQLite connection whose opening is cancelled is closed, and its thread ended, before the
cancelled task returns (service/db/sqlite_connection.py).

Each test runs its own event loop to the end, as a server's or test client's loop ends: the
connection's thread must never answer a loop that is gone ("Event loop is closed" in a thread).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from service.db.engine import make_engine
from service.db.sqlite_connection import connect_threaded
from service.db.sqlite_inline import connect_inline


class StalledOpen:
    """`sqlite3.connect` of the test's database, in a connection's thread that the machine
    leaves waiting until released (opened elsewhere: at once)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = threading.Event()
        self.release = threading.Event()
        self.opened: list[sqlite3.Connection] = []
        self._connect = sqlite3.connect

    def __call__(self, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if threading.current_thread() is threading.main_thread() or Path(args[0]) != self.path:
            return self._connect(*args, **kwargs)
        self.started.set()
        self.release.wait(10)
        connection = self._connect(*args, **kwargs)
        self.opened.append(connection)
        return connection

    async def cancel_when_started(self, task: asyncio.Future[Any]) -> None:
        """Cancel `task` while its connection is being opened; release the opening later."""
        await asyncio.get_running_loop().run_in_executor(None, self.started.wait, 10)
        task.cancel()
        asyncio.get_running_loop().call_later(0.1, self.release.set)
        with pytest.raises(asyncio.CancelledError):
            await task


@pytest.fixture
def stalled_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StalledOpen]:
    stalled = StalledOpen(tmp_path / "test.db")
    monkeypatch.setattr(sqlite3, "connect", stalled)
    yield stalled
    stalled.release.set()  # let a thread still opening finish before the test ends


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException | None]:
    errors: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    return errors


def _wait_for_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """Threads started since `before` that are still alive after a short grace time."""
    started = [thread for thread in threading.enumerate() if thread not in before]
    for thread in started:
        thread.join(2)
    return [thread for thread in started if thread.is_alive()]


@pytest.mark.parametrize("connect", [connect_threaded, connect_inline])
def test_a_cancelled_open_is_closed_before_the_task_returns(
    stalled_open: StalledOpen,
    thread_errors: list[BaseException | None],
    connect: Callable[..., Any],
) -> None:
    before = set(threading.enumerate())

    async def open_and_cancel() -> None:
        connection = connect(stalled_open.path)

        async def open_it() -> None:
            await connection

        await stalled_open.cancel_when_started(asyncio.ensure_future(open_it()))

    asyncio.run(open_and_cancel())
    stalled_open.release.set()  # if the cancelled task did not wait, the thread goes on now
    assert _wait_for_threads(before) == []
    assert thread_errors == []
    (opened,) = stalled_open.opened
    with pytest.raises(sqlite3.ProgrammingError):  # closed, not left to the collector
        opened.execute("SELECT 1")


@pytest.mark.parametrize("read_only", [False, True])
def test_a_request_cancelled_while_its_connection_opens_leaves_no_thread(
    stalled_open: StalledOpen,
    thread_errors: list[BaseException | None],
    read_only: bool,
) -> None:
    path = stalled_open.path
    sqlite3.connect(path).close()
    before = set(threading.enumerate())

    async def query_and_cancel() -> None:
        engine = make_engine(f"sqlite+aiosqlite:///{path}", read_only=read_only)

        async def query() -> None:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))

        try:
            await stalled_open.cancel_when_started(asyncio.ensure_future(query()))
        finally:
            await engine.dispose()

    asyncio.run(query_and_cancel())
    stalled_open.release.set()
    assert _wait_for_threads(before) == []
    assert thread_errors == []
