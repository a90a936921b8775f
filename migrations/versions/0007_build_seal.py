"""the build's seal and time: a digest of the file's own bytes, and when it was built

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

``dataset_meta.content_hash`` lets start-up check that a file is byte for byte what its build
wrote (app/core/seal.py), and gives every ETag its basis; ``built_at`` is the build's time, kept in
the file rather than read from the file system, where a copy or a ``touch`` changes it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A default only so the columns can be added to a table that has its row already.
    for column in ("built_at", "content_hash"):
        op.add_column(
            "dataset_meta", sa.Column(column, sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("dataset_meta") as table:
        table.drop_column("content_hash")
        table.drop_column("built_at")
