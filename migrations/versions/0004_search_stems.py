"""search stems: each row of the full-text index also holds its tokens stemmed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A query word matches a field's tokens as written or stemmed (``app/search/normalize.py``), so
"flight" finds "flights" and "Дарчиева" finds "Дарчиев". FTS5 tables cannot gain a column, so
the index is created again with ``stems`` beside ``terms``; the build fills it.
"""

from collections.abc import Sequence

from alembic import op

from app.localized import localized_columns

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(with_stems: bool) -> None:
    labels = ", ".join(f"{c.name} UNINDEXED" for c in localized_columns("label", nullable=False))
    op.execute("DROP TABLE search_entry")
    op.execute(
        f"""
        CREATE VIRTUAL TABLE search_entry USING fts5(
            terms,
            {"stems," if with_stems else ""}
            kind UNINDEXED,
            record_id UNINDEXED,
            field UNINDEXED,
            language UNINDEXED,
            weight UNINDEXED,
            original UNINDEXED,
            counterpart UNINDEXED,
            {labels},
            tokenize = 'unicode61 remove_diacritics 0'
        )
        """
    )


def upgrade() -> None:
    _create(with_stems=True)


def downgrade() -> None:
    _create(with_stems=False)
