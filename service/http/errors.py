"""The one place where errors become RFC 9457 problem+json responses."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_502_BAD_GATEWAY,
)

from service.domain import errors
from service.schemas.common import Problem

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("factcheck.http")

# Domain error -> HTTP status. The most specific class wins (the table is walked by MRO).
STATUS_BY_ERROR: dict[type[errors.FactcheckError], int] = {
    errors.NotFound: HTTP_404_NOT_FOUND,
    errors.InvalidInput: HTTP_422_UNPROCESSABLE_ENTITY,
    errors.TooLarge: HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    errors.UnsupportedContent: HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    errors.FetchFailed: HTTP_502_BAD_GATEWAY,
    errors.FetchForbidden: HTTP_422_UNPROCESSABLE_ENTITY,
    errors.AlreadyExists: HTTP_409_CONFLICT,
    errors.Unauthorized: HTTP_401_UNAUTHORIZED,
    errors.FactcheckError: HTTP_400_BAD_REQUEST,
}

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def problem(
    status: int,
    detail: str,
    *,
    code: str = "",
    errors_: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    body = Problem(
        type="about:blank",
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        code=code,
        errors=errors_,
    )
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def domain_error(_: Request[Any, Any, Any], exc: errors.FactcheckError) -> Response[Problem]:
    status = next(STATUS_BY_ERROR[c] for c in type(exc).__mro__ if c in STATUS_BY_ERROR)
    headers = {"WWW-Authenticate": "Bearer"} if status == HTTP_401_UNAUTHORIZED else None
    return problem(status, exc.detail, code=exc.code, headers=headers)


def validation_error(_: Request[Any, Any, Any], exc: ValidationException) -> Response[Problem]:
    details = [
        {k: str(v) for k, v in item.items() if k in {"message", "key", "source"}}
        for item in (exc.extra if isinstance(exc.extra, list) else [])
        if isinstance(item, dict)
    ]
    malformed = not details or any("malformed" in d.get("message", "").lower() for d in details)
    in_body = any(d.get("source") == "body" for d in details)
    status = HTTP_422_UNPROCESSABLE_ENTITY if in_body and not malformed else HTTP_400_BAD_REQUEST
    detail = "; ".join(d.get("message", "") for d in details) or "the request is not valid"
    return problem(status, detail, code="validation_failed", errors_=details or None)


def http_error(_: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    status = exc.status_code
    detail = exc.detail if status < 500 else "the server could not complete the request"
    return problem(status, detail, code="http_error", headers=exc.headers)


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    # Say nothing internal to the client; the log keeps the traceback.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "the server could not complete the request",
        code="internal_error",
    )


EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {
    errors.FactcheckError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}
