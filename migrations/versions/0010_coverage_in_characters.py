"""coverage in characters: how many letters and digits of each source are cited, marked as
deliberately uncited, or not accounted for

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 17:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ADDED = ["cited_characters", "marked_characters", "uncovered_characters"]


def upgrade() -> None:
    with op.batch_alter_table("source_coverage") as batch:
        for column in ADDED:
            # Every database is built whole by the seed script; the default only lets the
            # column be added to a table that already has rows.
            batch.add_column(sa.Column(column, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("source_coverage") as batch:
        for column in reversed(ADDED):
            batch.drop_column(column)
