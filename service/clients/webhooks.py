"""Send one webhook delivery: signed, address-checked, never following redirects.

The body is signed with HMAC-SHA256 under the webhook's secret; receivers recompute
`sha256=<hex>` over the raw body they got and compare it with `X-Factcheck-Signature`
in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx
import msgspec

from service.clients.fetch import Network, check_host
from service.domain.errors import FetchFailed, FetchForbidden

SIGNATURE_HEADER = "X-Factcheck-Signature"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"


class SendOutcome(msgspec.Struct, frozen=True, kw_only=True):
    delivered: bool
    status_code: int | None
    error: str | None
    duration_ms: int
    # True when trying again cannot help (the target's address is not allowed).
    permanent: bool = False


def sign(secret: str, body: bytes) -> str:
    """The signature header value for `body`: `sha256=` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def check_target(url: str, allowed: Sequence[Network]) -> None:
    """Raise FetchForbidden/FetchFailed unless `url` is http(s) on an address we may contact."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchFailed(f"not an http(s) URL: {url!r}")
    await check_host(
        parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), allowed
    )


async def send(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    *,
    secret: str,
    event: str,
    delivery_id: int,
    allowed: Sequence[Network],
) -> SendOutcome:
    """POST `body` to `url` once; any 2xx is delivered, everything else is reported."""
    started = time.perf_counter()

    def elapsed() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        await check_target(url, allowed)
    except FetchForbidden as error:
        return SendOutcome(
            delivered=False, status_code=None, error=error.detail, duration_ms=0, permanent=True
        )
    except FetchFailed as error:
        return SendOutcome(delivered=False, status_code=None, error=error.detail, duration_ms=0)
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(secret, body),
        EVENT_HEADER: event,
        DELIVERY_HEADER: str(delivery_id),
    }
    try:
        # Stream so a large answer is never read: only the status matters.
        async with client.stream(
            "POST", url, content=body, headers=headers, follow_redirects=False
        ) as response:
            status = response.status_code
    except httpx.TimeoutException:
        return SendOutcome(
            delivered=False, status_code=None, error="timed out", duration_ms=elapsed()
        )
    except httpx.HTTPError as error:
        reason = f"{type(error).__name__}: {error}"[:500]
        return SendOutcome(delivered=False, status_code=None, error=reason, duration_ms=elapsed())
    if 200 <= status < 300:
        return SendOutcome(delivered=True, status_code=status, error=None, duration_ms=elapsed())
    return SendOutcome(
        delivered=False,
        status_code=status,
        error=f"the target answered {status}",
        duration_ms=elapsed(),
    )
