"""citation selector context

Each citation keeps up to 32 characters either side of its quote and the SHA-256 of its
document (W3C TextQuoteSelector prefix and suffix). Existing rows get empty strings; the seed
script rebuilds the data.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 17:02:48.452573
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "prefix", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "suffix", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "document_sha256",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_column("document_sha256")
        batch_op.drop_column("suffix")
        batch_op.drop_column("prefix")
