"""claims and bilingual notes: a grade per claim, citations that say what they support, notes
in every language, and where a source came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

``fact_claim`` grades each thing a fact asserts on its own (``raised_by``, ``on_agenda``...).
A citation records the claims it supports, whether it supports them only through the
curators' reading (``inferred``), and a note. Every curators' note becomes a text in every
configured language (``note_en``, ``note_ar``...), like names and summaries. A source gains an
optional outlet, outlet language and URL. ``rendered_item`` keeps each claim's grade for the
lists' ``claim`` filter.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.localized import localized_columns

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with a curators' note, and the note's name there.
NOTES: tuple[tuple[str, str], ...] = (
    ("source", "published_note"),
    ("source_uncited", "note"),
    ("participant", "note"),
    ("participant_title", "note"),
    ("issue", "note"),
    ("issue_item", "note"),
    ("meeting", "date_note"),
    ("meeting", "note"),
    ("meeting_venue", "note"),
    ("meeting_participant", "role_note"),
    ("meeting_issue", "outcome_note"),
    ("fact_version", "note"),
    ("statement", "date_note"),
    ("statement", "note"),
    ("statement_attribution", "note"),
    ("event", "date_note"),
)


# SQLite alters these tables in place (ALTER TABLE ... ADD/DROP COLUMN): no table is rebuilt,
# so every build writes the same schema text, byte for byte. The citation table, which gains
# required columns (which ADD COLUMN cannot give), is created again: a build migrates an empty
# file.
CITATION_COLUMNS = (
    ("id", sa.Integer()),
    ("fact_id", sa.Integer()),
    ("source_id", sa.String()),
    ("quote", sa.String()),
    ("start", sa.Integer()),
    ("end", sa.Integer()),
    ("prefix", sa.String()),
    ("suffix", sa.String()),
    ("document_sha256", sa.String()),
    ("gloss_en", sa.String()),
    ("gloss_by", sa.String()),
)


def _drop_column(table: str, column: str) -> None:
    op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')


def _create_citation(with_claims: bool) -> None:
    claims = [
        sa.Column("claims", sa.String(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        *localized_columns("note", nullable=True),
    ]
    op.create_table(
        "citation",
        *(sa.Column(name, kind, nullable=False) for name, kind in CITATION_COLUMNS),
        *(claims if with_claims else []),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_citation_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_citation_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
    )
    op.create_index(op.f("ix_citation_fact_id"), "citation", ["fact_id"], unique=False)
    op.create_index("ix_citation_source_id_start", "citation", ["source_id", "start"], unique=False)


def _drop_citation() -> None:
    op.drop_index("ix_citation_source_id_start", table_name="citation")
    op.drop_index(op.f("ix_citation_fact_id"), table_name="citation")
    op.drop_table("citation")


def upgrade() -> None:
    op.create_table(
        "fact_claim",
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("claim", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("support", sa.String(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_fact_claim_fact_id_fact")),
        sa.PrimaryKeyConstraint("fact_id", "claim", name=op.f("pk_fact_claim")),
    )
    for table, note in NOTES:
        _drop_column(table, note)
        for column in localized_columns(note, nullable=True):
            op.add_column(table, column)
    _drop_citation()
    _create_citation(with_claims=True)
    for name in ("outlet", "outlet_language", "url"):
        op.add_column("source", sa.Column(name, sa.String(), nullable=True))
    op.add_column("rendered_item", sa.Column("claims", sa.String(), nullable=True))


def downgrade() -> None:
    _drop_column("rendered_item", "claims")
    for name in ("url", "outlet_language", "outlet"):
        _drop_column("source", name)
    _drop_citation()
    _create_citation(with_claims=False)
    for table, note in reversed(NOTES):
        for column in localized_columns(note, nullable=True):
            _drop_column(table, column.name)
        op.add_column(table, sa.Column(note, sa.String(), nullable=True))
    op.drop_table("fact_claim")
