"""data version triggers: a per-session count of committed writes, for the read cache

Revision ID: 5c1e0a7d2b9f
Revises: dfbe07e561d2
Create Date: 2026-11-21 13:00:00

The first writing statement of a transaction on a table the read endpoints show bumps the
row of its server process in `data_versions` (PostgreSQL only). The sum of the versions
grows with every committed write and never repeats, so the read cache keys its answers on it
(services/data_version.py). One row per process: concurrent writers never wait on one
another, and no lock is taken that could order against the advisory locks of fact refreshes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1e0a7d2b9f"
down_revision: str | Sequence[str] | None = "dfbe07e561d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRACKED = (
    "sources",
    "claims",
    "claim_entities",
    "assertions",
    "facts",
    "conflict_pairs",
    "entities",
    "entity_aliases",
)


def upgrade() -> None:
    op.create_table(
        "data_versions",
        sa.Column("writer", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("writer", name=op.f("pk_data_versions")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- Once per transaction: one bump already changes the version at commit, and
            -- every further update of the same row in one transaction would lengthen the
            -- chain of its versions that the next update walks (quadratic in bulk writes).
            IF current_setting('factcheck.data_version_bumped', true) = 'on' THEN
                RETURN NULL;
            END IF;
            PERFORM set_config('factcheck.data_version_bumped', 'on', true);
            INSERT INTO data_versions (writer, version) VALUES (pg_backend_pid(), 1)
            ON CONFLICT (writer) DO UPDATE SET version = data_versions.version + 1;
            RETURN NULL;
        END
        $$
        """
    )
    for table in TRACKED:
        op.execute(
            f"CREATE TRIGGER data_version_{table} "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TRACKED:
            op.execute(f"DROP TRIGGER data_version_{table} ON {table}")
        op.execute("DROP FUNCTION bump_data_version()")
    op.drop_table("data_versions")
