"""date origins and statement windows: where each date comes from, and when a statement said
"earlier" or "on or before" a day may have been made

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString()
ADDED = {
    "round": ["date_origin"],
    "statement": ["date_origin", "earliest_date", "latest_date"],
    "event": ["date_origin"],
    "source": ["published_origin"],
}


def upgrade() -> None:
    for table, columns in ADDED.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.add_column(sa.Column(column, TEXT, nullable=True))


def downgrade() -> None:
    for table, columns in ADDED.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
