"""search record: what a search hit needs besides the text, apart from the full-text rows

Reading a hit's label from ``search_entry`` means reading past the whole article stored in
the same row; this table holds the small columns, keyed by the ``search_entry`` rowid.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 14:55:03.904757
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_record",
        sa.Column("entry", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("record_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("counterpart", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("label_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("label_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("entry", name=op.f("pk_search_record")),
    )


def downgrade() -> None:
    op.drop_table("search_record")
