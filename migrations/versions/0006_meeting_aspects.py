"""meeting aspects: how a meeting went (its duration, whether closed to the press, how it ended)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Each version of each aspect is a cited fact, like a venue: ``meeting_aspect``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.localized import localized_columns

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_aspect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(), nullable=False),
        sa.Column("aspect", sa.String(), nullable=False),
        *localized_columns("value", nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        *localized_columns("note", nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_aspect_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_aspect_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_aspect")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_aspect_fact_id")),
    )
    op.create_index(op.f("ix_meeting_aspect_meeting_id"), "meeting_aspect", ["meeting_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_aspect_meeting_id"), table_name="meeting_aspect")
    op.drop_table("meeting_aspect")
