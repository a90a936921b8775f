"""statements events versions coverage

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 15:28:19.999878
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dataset_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data_version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_meta")),
    )
    op.create_table(
        "fact_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("subject_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_fact_version_fact_id_fact")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_version")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_fact_version_fact_id")),
    )
    with op.batch_alter_table("fact_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fact_version_subject", ["subject_kind", "subject_id", "field"], unique=False
        )

    op.create_table(
        "source_coverage",
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("cited", sa.Integer(), nullable=False),
        sa.Column("marked", sa.Integer(), nullable=False),
        sa.Column("uncovered", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_coverage_source_id_source")
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_coverage")),
    )
    op.create_table(
        "source_uncited",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_uncited_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_uncited")),
    )
    with op.batch_alter_table("source_uncited", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_source_uncited_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "issue_item",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("place_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("place_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_issue_item_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issue.id"], name=op.f("fk_issue_item_issue_id_issue")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_item")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_issue_item_fact_id")),
    )
    with op.batch_alter_table("issue_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issue_item_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "statement",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("speaker_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("statement_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("gist_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gist_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_statement_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_statement_round_id_round")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["participant.id"], name=op.f("fk_statement_speaker_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_statement_fact_id")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statement_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("earliest_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("latest_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("summary_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("statement_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_event_fact_id_fact")),
        sa.ForeignKeyConstraint(["round_id"], ["round.id"], name=op.f("fk_event_round_id_round")),
        sa.ForeignKeyConstraint(
            ["statement_id"], ["statement.id"], name=op.f("fk_event_statement_id_statement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_earliest_date", ["earliest_date", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_fact_id"), ["fact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_kind"), ["kind"], unique=False)

    op.create_table(
        "statement_issue",
        sa.Column("statement_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issue.id"], name=op.f("fk_statement_issue_issue_id_issue")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_issue_statement_id_statement"),
        ),
        sa.PrimaryKeyConstraint("statement_id", "issue_id", name=op.f("pk_statement_issue")),
    )
    with op.batch_alter_table("statement_issue", schema=None) as batch_op:
        batch_op.create_index("ix_statement_issue_issue_id", ["issue_id"], unique=False)

    op.create_table(
        "event_participant",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_participant_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_event_participant_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("event_id", "participant_id", name=op.f("pk_event_participant")),
    )
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_participant_participant_id", ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_event_participant_participant_id")

    op.drop_table("event_participant")
    with op.batch_alter_table("statement_issue", schema=None) as batch_op:
        batch_op.drop_index("ix_statement_issue_issue_id")

    op.drop_table("statement_issue")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_kind"))
        batch_op.drop_index(batch_op.f("ix_event_fact_id"))
        batch_op.drop_index("ix_event_earliest_date")

    op.drop_table("event")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statement_round_id"))

    op.drop_table("statement")
    with op.batch_alter_table("issue_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_item_issue_id"))

    op.drop_table("issue_item")
    with op.batch_alter_table("source_uncited", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_uncited_source_id"))

    op.drop_table("source_uncited")
    op.drop_table("source_coverage")
    with op.batch_alter_table("fact_version", schema=None) as batch_op:
        batch_op.drop_index("ix_fact_version_subject")

    op.drop_table("fact_version")
    op.drop_table("dataset_meta")
