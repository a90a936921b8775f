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
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column(note)
            for column in localized_columns(note, nullable=True):
                batch_op.add_column(column)
    with op.batch_alter_table("citation") as batch_op:
        batch_op.add_column(sa.Column("claims", sa.String(), nullable=False))
        batch_op.add_column(sa.Column("inferred", sa.Boolean(), nullable=False))
        for column in localized_columns("note", nullable=True):
            batch_op.add_column(column)
    with op.batch_alter_table("source") as batch_op:
        batch_op.add_column(sa.Column("outlet", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("outlet_language", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("url", sa.String(), nullable=True))
    with op.batch_alter_table("rendered_item") as batch_op:
        batch_op.add_column(sa.Column("claims", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rendered_item") as batch_op:
        batch_op.drop_column("claims")
    with op.batch_alter_table("source") as batch_op:
        for name in ("url", "outlet_language", "outlet"):
            batch_op.drop_column(name)
    with op.batch_alter_table("citation") as batch_op:
        for column in localized_columns("note", nullable=True):
            batch_op.drop_column(column.name)
        batch_op.drop_column("inferred")
        batch_op.drop_column("claims")
    for table, note in reversed(NOTES):
        with op.batch_alter_table(table) as batch_op:
            for column in localized_columns(note, nullable=True):
                batch_op.drop_column(column.name)
            batch_op.add_column(sa.Column(note, sa.String(), nullable=True))
    op.drop_table("fact_claim")
