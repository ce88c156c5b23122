"""The one place where errors become RFC 9457 problem+json responses."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from litestar import Litestar, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.routes import HTTPRoute
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_502_BAD_GATEWAY,
)

from service.domain import errors
from service.http.ratelimit import RateLimited
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
    RateLimited: HTTP_429_TOO_MANY_REQUESTS,
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
    if isinstance(exc, RateLimited):
        headers = {"Retry-After": str(exc.retry_after)}
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
    if any(_article_too_long(d) for d in details):
        status = HTTP_413_REQUEST_ENTITY_TOO_LARGE
    detail = "; ".join(d.get("message", "") for d in details) or "the request is not valid"
    return problem(status, detail, code="validation_failed", errors_=details or None)


def _article_too_long(detail: dict[str, str]) -> bool:
    # An article longer than the schema allows is "too large" (413), like one over the
    # configured limit, not a malformed request.
    return (
        detail.get("source") == "body"
        and detail.get("key", "").removeprefix("$.") in {"text", "html"}
        and "length <=" in detail.get("message", "")
    )


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


PROBLEM_DESCRIPTIONS = {
    400: "The request is malformed: a body that is not JSON, a parameter of the wrong type.",
    401: "An API key is required (`Authorization: Bearer <key>`) and none valid was given.",
    404: "No such resource.",
    409: "The resource conflicts with an existing one.",
    413: "The body or the article is larger than the configured limits.",
    415: "The body is not application/json.",
    422: "The request is well-formed but its content cannot be used.",
    429: "Too many writes with this key: wait `Retry-After` seconds.",
    502: "A page to fetch by URL could not be fetched.",
}


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for problem+json responses with the given statuses."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=PROBLEM_DESCRIPTIONS[status],
            media_type=PROBLEM_JSON,
            generate_examples=False,
        )
        for status in statuses
    }


def document_problem_responses(
    app: Litestar, open_paths: frozenset[str], specific: Mapping[str, tuple[int, ...]]
) -> None:
    """Add the problem responses every operation can give to its OpenAPI entry.

    What an operation can fail with follows from its shape: any path parameter can name a
    missing resource (404) or be out of range (400), query parameters can be invalid (400)
    and a cursor unreadable (422), every route but `open_paths` may need a key (401), writes
    can be refused for their key (401) or rate (429) and bodies for their type, size or
    content (415, 413, 400, 422). `specific` adds the failures particular to an operation
    (by operation id); statuses a handler declares itself are kept.
    """
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith("/schema"):
            continue
        for handler in route.route_handlers:
            if "OPTIONS" in handler.http_methods:
                continue
            statuses = _statuses(handler, route, open_paths)
            statuses.update(specific.get(str(handler.operation_id), ()))
            declared = handler.responses or {}
            handler.responses = {**problem_responses(*sorted(statuses)), **declared}


def _statuses(handler: HTTPRouteHandler, route: HTTPRoute, open_paths: frozenset[str]) -> set[int]:
    parameters = set(handler.parsed_fn_signature.parameters)
    statuses: set[int] = set()
    if route.path not in open_paths:
        statuses.add(401)
    if route.path_parameters:
        statuses |= {400, 404}
    if parameters - {"data", "db_session", "settings", "state", "request"}:
        statuses.add(400)
    if "cursor" in parameters:
        statuses.add(422)
    if handler.http_methods & {"POST", "PUT", "PATCH", "DELETE"}:
        statuses |= {401, 429}
    if "data" in parameters:
        statuses |= {400, 413, 415, 422}
    return statuses
