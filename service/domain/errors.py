"""The one error tree of factcheck. Codes are stable; HTTP statuses live in `http/`."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of every error the service raises on purpose."""

    code = "error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(FactcheckError):
    code = "not_found"


class InvalidInput(FactcheckError):
    """The request is well-formed but its content cannot be used."""

    code = "invalid_input"


class EmptyArticle(InvalidInput):
    code = "empty_article"


class TooLarge(FactcheckError):
    code = "too_large"


class UnsupportedContent(FactcheckError):
    code = "unsupported_content"


class FetchFailed(FactcheckError):
    """A URL could not be fetched (refused, timed out, wrong type, too large)."""

    code = "fetch_failed"


class FetchForbidden(FetchFailed):
    """A URL points at an address the configuration does not allow."""

    code = "fetch_forbidden"


class AlreadyExists(FactcheckError):
    code = "already_exists"


class Unauthorized(FactcheckError):
    code = "unauthorized"
