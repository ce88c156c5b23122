"""sources engine version: which engine extracted each source's claims

Revision ID: de6c4a581219
Revises: 5c1e0a7d2b9f
Create Date: 2026-12-07 09:16:03.334944

`factcheck reextract` re-reads the sources whose engine version differs from the running
engine's. Sources stored before this revision keep NULL: their engine is unknown, so they
count as stale. Indexed: the stale ones are counted (GET /health) and found by it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "de6c4a581219"
down_revision: str | Sequence[str] | None = "5c1e0a7d2b9f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engine_version", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_sources_engine_version"), ["engine_version"], unique=False
        )


def downgrade() -> None:
    # In place, never by copying the table: dropping `sources` to replace it would delete
    # every claim and assertion through ON DELETE CASCADE (SQLite enforces foreign keys
    # here). SQLite drops a column itself since 3.35.
    with op.batch_alter_table("sources", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_engine_version"))
        batch_op.drop_column("engine_version")
