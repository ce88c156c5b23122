"""Fetch an article by URL, safely.

Redirects are followed by hand so that every hop is checked; each hop's host is resolved once
and refused when any address is loopback, private, link-local, reserved, unspecified or a
cloud metadata endpoint, unless configuration allows that network explicitly. The request
then goes to the checked address itself (the Host header and TLS server name carry the host
name), so a second DNS answer cannot lead the connection elsewhere (DNS rebinding). Bodies
are capped while they stream, the whole fetch has a deadline, and only HTML or plain text is
accepted.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import msgspec

from service.domain.errors import FetchFailed, FetchForbidden

MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# Answers the addresses of a host name (as strings); injectable so tests can play DNS.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]


class FetchedPage(msgspec.Struct, frozen=True):
    url: str
    body: str
    is_html: bool


def parse_networks(specs: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet (IPv4-mapped and 6to4 forms unwrapped)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if address.sixtofour is not None:
            return is_public(address.sixtofour)
    return address.is_global and not address.is_multicast


async def system_resolver(host: str, port: int) -> Sequence[str]:
    """The operating system's answer for `host`."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def checked_address(
    host: str, port: int, allowed: Sequence[Network], resolver: Resolver = system_resolver
) -> IPAddress:
    """The address to connect to for `host`; FetchForbidden unless every answer may be used."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            answers = await resolver(host, port)
            addresses = [ipaddress.ip_address(answer.split("%")[0]) for answer in answers]
        except (OSError, UnicodeError, ValueError) as error:
            raise FetchFailed(f"cannot resolve host {host!r}") from error
    if not addresses:
        raise FetchFailed(f"cannot resolve host {host!r}")
    for address in addresses:
        if any(address in network for network in allowed):
            continue
        if not is_public(address):
            raise FetchForbidden(f"refusing to fetch from non-public address {address}")
    return addresses[0]


async def check_host(host: str, port: int, allowed: Sequence[Network]) -> None:
    """Raise FetchForbidden unless every address `host` resolves to may be contacted."""
    await checked_address(host, port, allowed)


def pinned_request(client: httpx.AsyncClient, url: str, address: IPAddress) -> httpx.Request:
    """A GET of `url` sent to `address`: the URL names the address, Host and SNI the host."""
    parts = urlsplit(url)
    hostport = parts.netloc.rpartition("@")[2]
    ip = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{ip}:{parts.port}" if parts.port else ip
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    # No keep-alive: a pooled connection is keyed by address and could be reused for
    # another host name on that address with the first one's TLS identity.
    headers = {"Host": hostport, "Connection": "close"}
    return client.build_request("GET", target, headers=headers, extensions=extensions)


async def fetch_page(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    allowed_networks: Sequence[Network] = (),
    resolver: Resolver = system_resolver,
    deadline_seconds: float | None = None,
) -> FetchedPage:
    """GET `url` and return its text; raise FetchFailed/FetchForbidden with a clear reason."""
    try:
        async with asyncio.timeout(deadline_seconds):
            return await _fetch(client, url, max_bytes, allowed_networks, resolver)
    except TimeoutError as error:
        raise FetchFailed("the page did not answer in time") from error


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    max_bytes: int,
    allowed_networks: Sequence[Network],
    resolver: Resolver,
) -> FetchedPage:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchFailed(f"not an http(s) URL: {current!r}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchFailed(f"not a valid port in {current!r}") from error
        address = await checked_address(parts.hostname, port, allowed_networks, resolver)
        try:
            request = pinned_request(client, current, address)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed("redirect without a location")
                    current = urljoin(current, location)
                    continue
                return await _page(response, current, max_bytes)
            finally:
                await response.aclose()
        except httpx.TimeoutException as error:
            raise FetchFailed("the page did not answer in time") from error
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchFailed(f"the page could not be fetched: {type(error).__name__}") from error
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


async def _page(response: httpx.Response, url: str, max_bytes: int) -> FetchedPage:
    if response.status_code >= 400:
        raise FetchFailed(f"the page answered {response.status_code}")
    if response.status_code != 200:
        raise FetchFailed(f"the page answered {response.status_code}, not 200")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise FetchFailed(f"unsupported content type {content_type or 'none'!r}")
    body = await _read_capped(response, max_bytes)
    text = body.decode(_encoding(response.charset_encoding), errors="replace")
    # NUL is never part of an article, and some databases refuse it in text.
    return FetchedPage(url=url, body=text.replace("\x00", ""), is_html=content_type != "text/plain")


def _encoding(declared: str | None) -> str:
    if declared:
        try:
            return codecs.lookup(declared).name
        except LookupError:
            pass
    return "utf-8"


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"the page is larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(f"the page is larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
