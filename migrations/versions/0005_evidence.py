"""evidence: support grades, glosses, attributions

Each fact gets the support grade the seed script computes from its citations and the number
of distinct articles citing it; each citation gets the curators' English gloss and who wrote
it; a statement can carry the attribution its article gives ("according to TASS"). Existing
rows get placeholder values; the seed script rebuilds the data.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 06:18:00.567965
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statement_attribution",
        sa.Column("statement_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("via_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("text_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_statement_attribution_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_attribution_statement_id_statement"),
        ),
        sa.ForeignKeyConstraint(
            ["via_id"], ["participant.id"], name=op.f("fk_statement_attribution_via_id_participant")
        ),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_statement_attribution")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_statement_attribution_fact_id")),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "gloss_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "gloss_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )

    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "support",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="single_source",
            )
        )
        batch_op.add_column(
            sa.Column("source_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_fact_support"), ["support"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fact_support"))
        batch_op.drop_column("source_count")
        batch_op.drop_column("support")

    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_column("gloss_by")
        batch_op.drop_column("gloss_en")

    op.drop_table("statement_attribution")
