"""Application assembly: create_app(settings) -> Litestar."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import httpx
from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig

from service.clients.fetch import Resolver, parse_networks, system_resolver
from service.db.checkpoint import Checkpointer
from service.db.engine import is_sqlite, make_engine, make_sessionmaker
from service.http.claimreview import conflicts_claimreview, fact_claimreview
from service.http.claims import AssertionController, ClaimController
from service.http.deps import (
    provide_session,
    provide_settings,
    read_guard,
)
from service.http.entities import EntityController
from service.http.errors import EXCEPTION_HANDLERS, document_problem_responses
from service.http.facts import ConflictController, FactController
from service.http.health import health
from service.http.ratelimit import WriteRateLimiter, parse_rate
from service.http.read_cache import ReadCache, before_read
from service.http.review import review_page
from service.http.sources import SourceController
from service.http.webhooks import WebhookController
from service.services.collector import spare_long_lived
from service.services.data_version import PostgresVersionProbe, SqliteVersionProbe
from service.services.knowledge import KnowledgeCache
from service.services.webhook_dispatch import Dispatcher, DispatchPolicy
from service.settings import Settings

# Server-rendered pages (the review page); Jinja autoescapes everything they show.
TEMPLATES = Path(__file__).parent / "templates"

try:
    VERSION = version("factcheck")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    VERSION = "0.0.0"


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="factcheck",
        version=VERSION,
        description=(
            "Fact-checking API for newsrooms: sources, claims, numeric assertions, entities, "
            "facts and verdicts. Errors are RFC 9457 application/problem+json. "
            "GET /assertions and GET /facts also answer as CSV or NDJSON, streamed, with the "
            "same filters: `format=csv|ndjson` or `Accept: text/csv` / `application/x-ndjson`."
        ),
        path="/schema",
        render_plugins=[JsonRenderPlugin(), SwaggerRenderPlugin()],
        use_handler_docstrings=True,
    )


OPEN_PATHS = frozenset({"/health"})
# Failures particular to one operation; the rest follow from each operation's shape.
SPECIFIC_PROBLEMS = {"addEntityAlias": (409,), "createWebhook": (502,)}


def create_app(settings: Settings | None = None, *, resolver: Resolver | None = None) -> Litestar:
    """Build the app; the engine, session factory and HTTP client belong to it.

    `resolver` answers the DNS questions of URL fetches (the system resolver by default).
    """
    settings = settings or Settings.from_env()
    write_rate = parse_rate(settings.write_rate)
    engine = make_engine(
        settings.database_url, pool_size=settings.db_pool_size, echo=settings.db_echo
    )
    http_client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.fetch_timeout_seconds, connect=5.0),
        headers={"User-Agent": f"factcheck/{VERSION}"},
        follow_redirects=False,
        # Proxies from the environment would connect on our behalf to unchecked addresses.
        trust_env=False,
    )
    sessionmaker = make_sessionmaker(engine)
    # GET handlers of claims, assertions, facts and conflicts read through their own pool:
    # autocommit, writes refused (see make_engine). An in-memory SQLite database exists once
    # per connection, so there the one engine serves both.
    in_memory = is_sqlite(settings.database_url) and ":memory:" in settings.database_url
    read_engine = (
        engine
        if in_memory
        else make_engine(
            settings.database_url,
            pool_size=settings.db_pool_size,
            echo=settings.db_echo,
            read_only=True,
        )
    )
    # A SQLite database's file (none in memory).
    sqlite_file = (
        read_engine.url.database if is_sqlite(settings.database_url) and not in_memory else None
    )
    # The write-ahead log is checkpointed in the background, not by a committing request.
    checkpointer = Checkpointer(sqlite_file) if sqlite_file else None
    cache_on = settings.read_cache_mb > 0
    version_probe: SqliteVersionProbe | PostgresVersionProbe | None = None
    if cache_on and sqlite_file:
        version_probe = SqliteVersionProbe(sqlite_file)
    elif cache_on and read_engine.dialect.name == "postgresql":
        dsn = read_engine.url.set(drivername="postgresql")
        version_probe = PostgresVersionProbe(dsn.render_as_string(hide_password=False))
    webhook_client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.webhook_timeout_seconds, connect=5.0),
        headers={"User-Agent": f"factcheck-webhooks/{VERSION}"},
        follow_redirects=False,
        # Proxies from the environment would connect on our behalf to unchecked addresses.
        trust_env=False,
    )
    # Sends webhook deliveries after their transaction committed (services/webhook_dispatch.py).
    # Its own small pool: webhook traffic never waits for, or takes, a request's connection.
    dispatch_engine = make_engine(settings.database_url, pool_size=2, echo=settings.db_echo)
    dispatcher = Dispatcher(
        make_sessionmaker(dispatch_engine),
        webhook_client,
        DispatchPolicy(
            poll_seconds=settings.webhook_poll_seconds,
            max_attempts=settings.webhook_max_attempts,
            retry_seconds=settings.webhook_retry_seconds,
            timeout_seconds=settings.webhook_timeout_seconds,
            allowed_networks=parse_networks(settings.fetch_allowed_networks),
        ),
        resolver or system_resolver,
    )
    state = State(
        {
            "settings": settings,
            "engine": engine,
            "sessionmaker": sessionmaker,
            "read_engine": read_engine,
            "read_sessionmaker": make_sessionmaker(read_engine),
            "read_cache": ReadCache(settings.read_cache_mb * 1024 * 1024),
            "version_probe": version_probe,
            "webhook_dispatcher": dispatcher,
            "http_client": http_client,
            "knowledge": KnowledgeCache(),
            "resolver": resolver or system_resolver,
            "write_limiter": WriteRateLimiter(write_rate) if write_rate else None,
        }
    )

    async def start(app: Litestar) -> None:
        # The server answers (/health included) only once this is done.
        await state.knowledge.warm(sessionmaker)
        spare_long_lived("start-up")  # modules and the app, walked by every full collection
        if checkpointer is not None:
            checkpointer.start()
        if settings.webhook_dispatch:
            dispatcher.start()

    async def close(app: Litestar) -> None:
        await dispatcher.stop()
        if checkpointer is not None:
            await checkpointer.stop()
        await dispatch_engine.dispose()
        await webhook_client.aclose()
        await http_client.aclose()
        await engine.dispose()
        await read_engine.dispose()
        if isinstance(version_probe, PostgresVersionProbe):
            await version_probe.close()
        elif version_probe is not None:
            version_probe.close()

    app = Litestar(
        route_handlers=[
            SourceController,
            ClaimController,
            AssertionController,
            FactController,
            ConflictController,
            EntityController,
            WebhookController,
            fact_claimreview,
            conflicts_claimreview,
            review_page,
            health,
        ],
        dependencies={
            "db_session": Provide(provide_session),
            "settings": Provide(provide_settings, sync_to_thread=False),
        },
        middleware=[read_guard(OPEN_PATHS)],
        # GET /assertions and /facts as CSV or NDJSON (format= or Accept), streamed; then
        # the read cache (http/read_cache.py).
        before_request=before_read,
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=openapi_config(),
        request_max_body_size=settings.max_body_bytes,
        # Level 6 (zlib's default), not Litestar's 9: a 464 KB /conflicts page compresses in
        # 5.2 ms of CPU instead of 7.9 ms, into 2.6% more bytes.
        compression_config=CompressionConfig(
            backend="gzip", minimum_size=2048, gzip_compress_level=6
        ),
        state=state,
        template_config=TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine),
        on_startup=[start],
        on_shutdown=[close],
    )
    document_problem_responses(app, OPEN_PATHS, SPECIFIC_PROBLEMS)
    return app


def create_app_from_env() -> Litestar:
    """Factory for `uvicorn --factory` workers: each worker reads the environment itself."""
    return create_app(Settings.from_env())
