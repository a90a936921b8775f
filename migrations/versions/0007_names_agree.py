"""names agree: table columns named as the curated files and the public schema name them

``is_preferred`` becomes ``preferred``; a quote's ``quote_start``/``quote_end`` become
``start``/``end``; the note on a round's participant or issue becomes ``role_note`` or
``outcome_note``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 15:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMES: dict[str, list[tuple[str, str]]] = {
    "round_venue": [("is_preferred", "preferred")],
    "participant_title": [("is_preferred", "preferred")],
    "fact_version": [("is_preferred", "preferred")],
    "citation": [("quote_start", "start"), ("quote_end", "end")],
    "source_uncited": [("quote_start", "start"), ("quote_end", "end")],
    "round_participant": [("note", "role_note")],
    "round_issue": [("note", "outcome_note")],
}


def rename(direction: int) -> None:
    # SQLite renames a column in place (and in its indexes); batch mode would rebuild each
    # table and write its constraints in an order that varies from run to run, and builds
    # must be byte-for-byte repeatable.
    for table, columns in RENAMES.items():
        for old, new in columns:
            before, after = (old, new)[::direction]
            op.execute(f'ALTER TABLE {table} RENAME COLUMN "{before}" TO "{after}"')


def upgrade() -> None:
    op.drop_index("ix_citation_source_id_quote_start", table_name="citation")
    rename(1)
    op.create_index("ix_citation_source_id_start", "citation", ["source_id", "start"])


def downgrade() -> None:
    op.drop_index("ix_citation_source_id_start", table_name="citation")
    rename(-1)
    op.create_index("ix_citation_source_id_quote_start", "citation", ["source_id", "quote_start"])
