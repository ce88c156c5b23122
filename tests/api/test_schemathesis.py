"""Generated attacks: schemathesis drives every operation of openapi/openapi.json against a
real server, with valid and invalid inputs, a bounded number of examples per operation.

No response may be a 5xx, have a status the document does not list, or break its documented
schema or content type. Then every status the document lists for an operation must be
reachable: seen during the generated run, or produced by a targeted probe below.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import hypothesis
import hypothesis.errors
import msgspec
import pytest
import schemathesis
from hypothesis import HealthCheck
from litestar.testing import AsyncTestClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.app import create_app
from service.settings import Settings
from tests.conftest import ROOT, seed_payloads
from tests.integration.test_concurrency import free_port, running_server

DOCUMENT = ROOT / "openapi" / "openapi.json"
SCHEMA = schemathesis.openapi.from_path(DOCUMENT)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 20, schemathesis.GenerationMode.NEGATIVE: 20}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Statuses seen per operation ("GET /sources/{source_id}") during the generated run.
OBSERVED: dict[str, set[int]] = {}


def label(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def documented() -> dict[str, set[int]]:
    paths = json.loads(DOCUMENT.read_text(encoding="utf-8"))["paths"]
    return {
        label(method, path): {int(status) for status in operation["responses"]}
        for path, item in paths.items()
        for method, operation in item.items()
    }


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[str]:
    with running_server(database_url, workers=1, env={"FACTCHECK_EXTRACT_TIMEOUT": "20"}) as (
        base,
        _,
    ):
        with httpx.Client(base_url=base, timeout=60) as client:
            for payload in seed_payloads()[:2]:
                response = client.post("/sources", json=payload)
                assert response.status_code in {200, 201}, response.text
        yield base


def hermetic(case: schemathesis.Case) -> schemathesis.Case:
    """Point generated URLs (pages to fetch, webhook targets) at a refused local address.

    The server would otherwise resolve, and perhaps fetch, arbitrary names on the internet.
    Fetch failures (502) are probed separately with a local closed port.
    """
    if isinstance(case.body, dict) and isinstance(case.body.get("url"), str):
        case.body = {**case.body, "url": f"http://127.0.0.1:9/{abs(hash(case.body['url']))}"}
    return case


@pytest.mark.parametrize("operation", OPERATIONS, ids=[label(o.method, o.path) for o in OPERATIONS])
def test_generated_requests(server: str, operation: Any) -> None:
    seen = OBSERVED.setdefault(label(operation.method, operation.path), set())
    for mode, count in EXAMPLES.items():

        @hypothesis.settings(
            max_examples=count,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy(generation_mode=mode).map(hermetic))
        def run(case: schemathesis.Case) -> None:
            response = case.call(base_url=server, timeout=60)
            seen.add(response.status_code)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except hypothesis.errors.Unsatisfiable:
            # Nothing to make invalid (an operation without parameters or body).
            assert mode is schemathesis.GenerationMode.NEGATIVE


# Targeted probes for statuses a short generated run may not produce. Each is built from
# the operation's shape, so new operations get them too.
def fill(path: str, value: object) -> str:
    parts = []
    for part in path.split("/"):
        parts.append(str(value) if part.startswith("{") else part)
    return "/".join(parts)


# Valid bodies for the success probes of writes, by the end of their path.
VALID_BODIES = {
    "/sources": {"text": "Officials said 40 homes were flooded in the valley on Monday."},
    "/webhooks": {"url": "http://127.0.0.1:9/hook", "events": ["fact.conflict"]},
    "/aliases": {"alias": "a name nobody else uses"},
}


async def existing_id(client: AsyncTestClient[Any], path: str) -> int:
    collection = path.split("/{", 1)[0]
    items = (await client.get(collection, params={"limit": 1})).json()["items"]
    assert items, f"nothing stored under {collection} to probe {path} with"
    return int(items[0]["id"])


async def probe(
    client: AsyncTestClient[Any], method: str, path: str, status: int, **extra: Any
) -> int:
    has_id = "{" in path
    writes = method in {"POST", "PUT", "PATCH"}
    body: Any = {}
    target = fill(path, 1)
    headers = {"content-type": "application/json"}
    if status < 300:
        target = fill(path, await existing_id(client, path)) if has_id else path
        body = next((v for k, v in VALID_BODIES.items() if path.endswith(k)), {})
    elif status == 404:
        target = fill(path, 2**62)
        body = {"text": "Five people died.", "alias": "x", "url": "http://example.com/hook"}
    elif status == 400:
        if has_id:
            target = fill(path, 0)
        elif writes:
            body = b"{not json"
        else:
            target += "?limit=0"
    elif status == 422:
        if writes:
            body = {"unknown-field": 1}
        else:
            target += "?cursor=%21%21"
    elif status == 415:
        headers = {"content-type": "text/plain"}
        body = b"text"
    elif status == 413:
        body = {"text": "x" * 5_000}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = await client.request(
        method, target, content=content if writes else None, headers={**headers, **extra}
    )
    if status == 200 and writes and response.status_code == 201:
        # The same body again: "already stored" is the 200 of a create.
        response = await client.request(method, target, content=content, headers=headers)
    return response.status_code


@pytest.mark.anyio
async def test_every_documented_status_is_reachable(
    database_url: str, engine: Any, server: str
) -> None:
    missing: dict[str, set[int]] = {}
    for name, statuses in documented().items():
        left = statuses - OBSERVED.get(name, set())
        if left:
            missing[name] = left
    assert OBSERVED, "the generated run came first"

    plain = Settings(database_url=database_url, max_body_bytes=2_000, write_rate="off")
    keyed = Settings(database_url=database_url, api_keys=("k",), read_keys_required=True)
    limited = Settings(database_url=database_url, write_rate="1/hour")
    fetching = Settings(database_url=database_url, fetch_allowed_networks=("127.0.0.1/32",))
    async with AsyncTestClient(app=create_app(fetching)) as seeding:
        for payload in seed_payloads()[:2]:
            created = await seeding.post("/sources", json=msgspec.to_builtins(payload))
            assert created.status_code == 201, created.text
    async with (
        AsyncTestClient(app=create_app(plain)) as client,
        AsyncTestClient(app=create_app(keyed)) as keyed_client,
        AsyncTestClient(app=create_app(limited)) as limited_client,
        AsyncTestClient(app=create_app(fetching)) as fetching_client,
    ):
        # Writes first, so that the reads and deletes probed later find something.
        by_method = {"POST": 0, "GET": 1, "DELETE": 2}
        for name, statuses in sorted(
            missing.items(), key=lambda item: (by_method.get(item[0].split()[0], 1), item[0])
        ):
            method, path = name.split(" ", 1)
            for status in sorted(statuses):
                if status == 401:
                    got = await probe(keyed_client, method, path, 404)
                elif status == 429:
                    await probe(limited_client, method, path, 404)
                    got = await probe(limited_client, method, path, 404)
                elif status == 502 and name == "POST /sources":
                    url = f"http://127.0.0.1:{free_port()}/closed"
                    got = (await fetching_client.post("/sources", json={"url": url})).status_code
                elif status == 409 and name.endswith("/aliases"):
                    first, second = (await client.get("/entities?limit=2")).json()["items"]
                    target = fill(path, second["id"])
                    response = await client.post(target, json={"alias": first["name"]})
                    got = response.status_code
                elif status == 502 and name == "POST /webhooks":
                    body = {"url": "http://no-such-host.invalid/", "events": ["fact.conflict"]}
                    got = (await client.post("/webhooks", json=body)).status_code
                elif status < 300:
                    got = await probe(fetching_client, method, path, status)
                else:
                    got = await probe(client, method, path, status)
                if got == status:
                    statuses.discard(status)
    assert {name: s for name, s in missing.items() if s} == {}
