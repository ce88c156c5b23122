"""Alembic environment: async engines, the URL from FACTCHECK_DATABASE_URL, batch mode on SQLite.

`service.db.migrate` passes an open connection in `config.attributes["connection"]`; the
`alembic` command line builds its own engine from the settings.
"""

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from service.db import models  # noqa: F401  (registers every table on the metadata)
from service.db.base import Base, UTCDateTime
from service.settings import Settings

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations stand alone: render the UTC decorator as the plain column type it wraps.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_new_engine(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(configure)
    await engine.dispose()


def run() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline migrations are not supported: run against a database")
    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        return
    url = config.attributes.get("url") or Settings.from_env().database_url
    asyncio.run(run_with_new_engine(url))


run()
