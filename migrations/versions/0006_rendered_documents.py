"""rendered documents: what the API serves, rendered by the seed script

Every record and every list item in each representation the API offers (both languages,
`lang=en`, `lang=ar`, CSV rows), with the keys each list filters and sorts on, and each
list's counts. Derived data: the seed script fills these tables from the others.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 13:59:20.332368
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rendered_count",
        sa.Column("list", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("parent", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("support", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("list", "parent", "support", name=op.f("pk_rendered_count")),
    )
    op.create_table(
        "rendered_document",
        sa.Column("resource", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("body_en", sa.LargeBinary(), nullable=True),
        sa.Column("body_ar", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("resource", "key", name=op.f("pk_rendered_document")),
    )
    op.create_table(
        "rendered_item",
        sa.Column("list", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("parent", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("support", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("start_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind_rank", sa.Integer(), nullable=True),
        sa.Column("speaker_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("round_number", sa.Integer(), nullable=True),
        sa.Column("statement_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("earliest_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("latest_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("body_en", sa.LargeBinary(), nullable=False),
        sa.Column("body_ar", sa.LargeBinary(), nullable=False),
        sa.Column("csv", sa.LargeBinary(), nullable=False),
        sa.Column("csv_en", sa.LargeBinary(), nullable=False),
        sa.Column("csv_ar", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("list", "parent", "position", name=op.f("pk_rendered_item")),
    )
    with op.batch_alter_table("rendered_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rendered_item_support", ["list", "parent", "support", "position"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("rendered_item", schema=None) as batch_op:
        batch_op.drop_index("ix_rendered_item_support")

    op.drop_table("rendered_item")
    op.drop_table("rendered_document")
    op.drop_table("rendered_count")
