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
from urllib.parse import urlsplit, urlunsplit

import httpx
import msgspec

from service.clients.fetch import IPAddress, Network, Resolver, checked_address, system_resolver
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


async def check_target(
    url: str, allowed: Sequence[Network], resolver: Resolver = system_resolver
) -> IPAddress:
    """The address to send to; FetchForbidden/FetchFailed unless `url` may be contacted."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchFailed(f"not an http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return await checked_address(parts.hostname, port, allowed, resolver)


def _pinned_post(
    client: httpx.AsyncClient, url: str, address: IPAddress, body: bytes, headers: dict[str, str]
) -> httpx.Request:
    # Send to the address that was checked, not to a second DNS answer (rebinding); the
    # Host header and TLS name stay the URL's host.
    parts = urlsplit(url)
    ip = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{ip}:{parts.port}" if parts.port else ip
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    headers = headers | {"Host": parts.netloc.rpartition("@")[2], "Connection": "close"}
    return client.build_request(
        "POST", target, content=body, headers=headers, extensions=extensions
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
    resolver: Resolver = system_resolver,
) -> SendOutcome:
    """POST `body` to `url` once; any 2xx is delivered, everything else is reported."""
    started = time.perf_counter()

    def elapsed() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        address = await check_target(url, allowed, resolver)
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
        request = _pinned_post(client, url, address, body, headers)
        response = await client.send(request, stream=True, follow_redirects=False)
        status = response.status_code
        await response.aclose()
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
