"""spans: where each stored record's lang and CSV forms lie in its JSON

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Each stored record (``rendered_item``, ``rendered_document``) keeps, beside its JSON, the byte
ranges its ``lang`` forms (and a list item its CSV cells) are cut from (``app/spans.py``), so a
request joins slices rather than parsing and rewriting the record.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rendered_document") as batch_op:
        batch_op.add_column(sa.Column("lang_spans", sa.LargeBinary(), nullable=False))
    with op.batch_alter_table("rendered_item") as batch_op:
        batch_op.add_column(sa.Column("lang_spans", sa.LargeBinary(), nullable=False))
        batch_op.add_column(sa.Column("csv_spans", sa.LargeBinary(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("rendered_item") as batch_op:
        batch_op.drop_column("csv_spans")
        batch_op.drop_column("lang_spans")
    with op.batch_alter_table("rendered_document") as batch_op:
        batch_op.drop_column("lang_spans")
