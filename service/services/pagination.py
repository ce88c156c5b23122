"""Opaque keyset cursors: a page continues strictly after the last row it returned."""

from __future__ import annotations

import base64
import binascii

import msgspec

from service.domain.errors import InvalidInput


def encode_cursor(*values: int | float) -> str:
    raw = msgspec.json.encode(list(values))
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> tuple[float, ...]:
    """Decode a cursor made by `encode_cursor` with `arity` values, or raise InvalidInput."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = msgspec.json.decode(base64.urlsafe_b64decode(padded), type=list[float | int])
    except (binascii.Error, ValueError, msgspec.DecodeError) as error:
        raise InvalidInput("cursor is not valid: pass back next_cursor unchanged") from error
    if len(values) != arity:
        raise InvalidInput("cursor is not valid: pass back next_cursor unchanged")
    return tuple(values)
