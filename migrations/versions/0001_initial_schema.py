"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 15:16:01.041082
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("subject_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact")),
        sa.UniqueConstraint("kind", "subject_id", name=op.f("uq_fact_kind")),
    )
    op.create_table(
        "source",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attribution_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attribution_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("published_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("char_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("document", name=op.f("uq_source_document")),
    )
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_citation_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_citation_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citation_fact_id"), ["fact_id"], unique=False)
        batch_op.create_index(
            "ix_citation_source_id_quote_start", ["source_id", "quote_start"], unique=False
        )

    op.create_table(
        "issue",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_issue_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_issue_fact_id")),
    )
    op.create_table(
        "participant",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_participant_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_participant_fact_id")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_participant_side"), ["side"], unique=False)

    op.create_table(
        "round",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("city_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("city_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("summary_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_round_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_round_fact_id")),
        sa.UniqueConstraint("number", name=op.f("uq_round_number")),
    )
    op.create_table(
        "participant_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("alias", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_participant_alias_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_participant_alias_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_alias")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_participant_alias_fact_id")),
        sa.UniqueConstraint(
            "participant_id", "alias", name=op.f("uq_participant_alias_participant_id")
        ),
    )
    with op.batch_alter_table("participant_alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_alias_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "participant_title",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_participant_title_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_participant_title_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_title")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_participant_title_fact_id")),
    )
    with op.batch_alter_table("participant_title", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_title_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "round_issue",
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("on_agenda", sa.Boolean(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_round_issue_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issue.id"], name=op.f("fk_round_issue_issue_id_issue")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_round_issue_round_id_round")
        ),
        sa.PrimaryKeyConstraint("round_id", "issue_id", name=op.f("pk_round_issue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_round_issue_fact_id")),
    )
    with op.batch_alter_table("round_issue", schema=None) as batch_op:
        batch_op.create_index("ix_round_issue_issue_id", ["issue_id"], unique=False)

    op.create_table(
        "round_participant",
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_round_participant_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_round_participant_participant_id_participant"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_round_participant_round_id_round")
        ),
        sa.PrimaryKeyConstraint("round_id", "participant_id", name=op.f("pk_round_participant")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_round_participant_fact_id")),
    )
    with op.batch_alter_table("round_participant", schema=None) as batch_op:
        batch_op.create_index(
            "ix_round_participant_participant_id", ["participant_id"], unique=False
        )

    op.create_table(
        "round_venue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_ar", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_round_venue_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["round.id"], name=op.f("fk_round_venue_round_id_round")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_venue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_round_venue_fact_id")),
    )
    with op.batch_alter_table("round_venue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_venue_round_id"), ["round_id"], unique=False)

    op.create_table(
        "round_issue_raiser",
        sa.Column("round_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id", "issue_id"],
            ["round_issue.round_id", "round_issue.issue_id"],
            name="fk_round_issue_raiser_round_issue",
        ),
        sa.PrimaryKeyConstraint("round_id", "issue_id", "side", name=op.f("pk_round_issue_raiser")),
    )
    with op.batch_alter_table("round_issue_raiser", schema=None) as batch_op:
        batch_op.create_index("ix_round_issue_raiser_side", ["side", "issue_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("round_issue_raiser", schema=None) as batch_op:
        batch_op.drop_index("ix_round_issue_raiser_side")

    op.drop_table("round_issue_raiser")
    with op.batch_alter_table("round_venue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_venue_round_id"))

    op.drop_table("round_venue")
    with op.batch_alter_table("round_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_round_participant_participant_id")

    op.drop_table("round_participant")
    with op.batch_alter_table("round_issue", schema=None) as batch_op:
        batch_op.drop_index("ix_round_issue_issue_id")

    op.drop_table("round_issue")
    with op.batch_alter_table("participant_title", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_title_participant_id"))

    op.drop_table("participant_title")
    with op.batch_alter_table("participant_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_alias_participant_id"))

    op.drop_table("participant_alias")
    op.drop_table("round")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_side"))
        batch_op.drop_index(batch_op.f("ix_participant_kind"))

    op.drop_table("participant")
    op.drop_table("issue")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index("ix_citation_source_id_quote_start")
        batch_op.drop_index(batch_op.f("ix_citation_fact_id"))

    op.drop_table("citation")
    op.drop_table("source")
    op.drop_table("fact")
