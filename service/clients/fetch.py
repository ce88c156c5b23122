"""Fetch an article by URL, safely.

Redirects are followed by hand so that every hop is checked; each hop's host is resolved and
refused when any address is loopback, private, link-local, reserved or a cloud metadata
endpoint, unless configuration allows that network explicitly. Bodies are capped while they
stream, and only HTML or plain text is accepted.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

import httpx
import msgspec

from service.domain.errors import FetchFailed, FetchForbidden

MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchedPage(msgspec.Struct, frozen=True):
    url: str
    body: str
    is_html: bool


def parse_networks(specs: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


async def check_host(host: str, port: int, allowed: Sequence[Network]) -> None:
    """Raise FetchForbidden unless every address `host` resolves to may be contacted."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as error:
            raise FetchFailed(f"cannot resolve host {host!r}") from error
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for address in addresses:
        if any(address in network for network in allowed):
            continue
        if not is_public(address):
            raise FetchForbidden(f"refusing to fetch from non-public address {address}")


async def fetch_page(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    allowed_networks: Sequence[Network] = (),
) -> FetchedPage:
    """GET `url` and return its text; raise FetchFailed/FetchForbidden with a clear reason."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchFailed(f"not an http(s) URL: {current!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        await check_host(parts.hostname, port, allowed_networks)
        try:
            async with client.stream("GET", current, follow_redirects=False) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed("redirect without a location")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(f"the page answered {response.status_code}")
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
                if content_type.lower() not in ACCEPTED_TYPES:
                    raise FetchFailed(f"unsupported content type {content_type or 'none'!r}")
                body = await _read_capped(response, max_bytes)
                text = body.decode(response.encoding or "utf-8", errors="replace")
                return FetchedPage(url=current, body=text, is_html=content_type != "text/plain")
        except httpx.TimeoutException as error:
            raise FetchFailed("the page did not answer in time") from error
        except httpx.HTTPError as error:
            raise FetchFailed(f"the page could not be fetched: {type(error).__name__}") from error
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"the page is larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(f"the page is larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
