"""The PostgreSQL version probe shares reads, but never one that started before a request."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable

import pytest

from service.services.data_version import PostgresVersionProbe

pytestmark = pytest.mark.anyio


class ScriptedProbe(PostgresVersionProbe):
    """A probe whose reads return the commit count at the moment each read started."""

    def __init__(self) -> None:
        super().__init__("postgresql://unused")
        self.commits = 0
        self.reads = 0
        self.release = asyncio.Event()

    async def _fetch(self) -> Hashable | None:
        self.reads += 1
        seen = self.commits  # a snapshot is taken when the statement starts
        await self.release.wait()
        self.release.clear()
        return seen


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_a_request_arriving_during_a_read_waits_for_the_next_one() -> None:
    probe = ScriptedProbe()
    first = asyncio.create_task(probe.read())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert probe.reads == 1  # the first read is running
    probe.commits += 1  # a write commits while it runs
    late = [asyncio.create_task(probe.read()) for _ in range(5)]
    await asyncio.sleep(0)
    probe.release.set()
    assert await first == 0
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    probe.release.set()
    # Every late request sees the commit, and one read served all five.
    assert await asyncio.gather(*late) == [1] * 5
    assert probe.reads == 2


async def test_a_cancelled_request_does_not_cancel_the_shared_read() -> None:
    probe = ScriptedProbe()
    doomed = asyncio.create_task(probe.read())
    survivor = asyncio.create_task(probe.read())
    await asyncio.sleep(0)
    doomed.cancel()
    await asyncio.sleep(0)
    probe.release.set()
    assert await survivor == 0
    assert doomed.cancelled()


async def test_an_unreachable_server_answers_none() -> None:
    probe = PostgresVersionProbe("postgresql://nobody@127.0.0.1:9/none")
    assert await probe.read() is None
    await probe.close()
