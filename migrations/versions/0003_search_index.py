"""search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

A full-text index over every record's text in both languages. It is an FTS5 virtual table,
which SQLAlchemy models cannot express, so it is created here by hand and left out of the
model/migration comparison (see ``migrations/env.py``).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # `terms` holds the normalised, prefix-stripped tokens the seed script computes; matching
    # is done on them only. Everything else is carried along for ranking and display.
    op.execute(
        """
        CREATE VIRTUAL TABLE search_entry USING fts5(
            terms,
            kind UNINDEXED,
            record_id UNINDEXED,
            field UNINDEXED,
            language UNINDEXED,
            weight UNINDEXED,
            original UNINDEXED,
            counterpart UNINDEXED,
            label_en UNINDEXED,
            label_ar UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 0'
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_entry")
