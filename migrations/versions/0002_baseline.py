"""baseline: the whole schema in one step

Revision ID: 0002
Revises:
Create Date: 2026-12-02

Every database is built whole by the seed script, and a file with any other schema head is
rebuilt rather than upgraded, so no database ever replays a chain of revisions: the revisions
that led here were squashed into this one (they stay in the git history). It replaces the first
baseline, 0001, when the meeting tables took their names (``meeting``, ``meeting_issue``...);
ids only move forward, so a file built at 0001 is rebuilt, never taken for current. A schema
change is a new revision on top of this, reviewed like code: see "Changing the schema" in the
README.

A text given in every configured language (a ``Localized`` field of ``app/models.py``) has a
column per language, ``name_en``, ``name_ar``...: ``localized_columns`` creates them from the
same setting the models read, so a build for another set of languages gets its columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.localized import localized_columns

revision: str = "0002"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dataset_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data_version", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_meta")),
    )
    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("support", sa.String(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact")),
        sa.UniqueConstraint("kind", "subject_id", name=op.f("uq_fact_kind")),
    )
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_support"), ["support"], unique=False)

    op.create_table(
        "rendered_count",
        sa.Column("list", sa.String(), nullable=False),
        sa.Column("parent", sa.String(), nullable=False),
        sa.Column("support", sa.String(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("list", "parent", "support", name=op.f("pk_rendered_count")),
    )
    op.create_table(
        "rendered_document",
        sa.Column("resource", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("resource", "key", name=op.f("pk_rendered_document")),
    )
    op.create_table(
        "rendered_item",
        sa.Column("list", sa.String(), nullable=False),
        sa.Column("parent", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("support", sa.String(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.String(), nullable=True),
        *localized_columns("name", nullable=True),
        sa.Column("side", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("kind_rank", sa.Integer(), nullable=True),
        sa.Column("speaker_id", sa.String(), nullable=True),
        sa.Column("round_number", sa.Integer(), nullable=True),
        sa.Column("statement_date", sa.String(), nullable=True),
        sa.Column("earliest_date", sa.String(), nullable=True),
        sa.Column("latest_date", sa.String(), nullable=True),
        sa.Column("document", sa.String(), nullable=True),
        sa.Column("published_date", sa.String(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("list", "parent", "position", name=op.f("pk_rendered_item")),
    )
    with op.batch_alter_table("rendered_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rendered_item_support", ["list", "parent", "support", "position"], unique=False
        )

    op.create_table(
        "search_record",
        sa.Column("entry", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("counterpart", sa.String(), nullable=True),
        *localized_columns("label", nullable=False),
        sa.PrimaryKeyConstraint("entry", name=op.f("pk_search_record")),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        *localized_columns("title", nullable=False),
        *localized_columns("attribution", nullable=True),
        sa.Column("published_date", sa.String(), nullable=True),
        sa.Column("published_precision", sa.String(), nullable=False),
        sa.Column("published_note", sa.String(), nullable=True),
        sa.Column("published_origin", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("char_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("document", name=op.f("uq_source_document")),
    )
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("quote", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(), nullable=False),
        sa.Column("suffix", sa.String(), nullable=False),
        sa.Column("document_sha256", sa.String(), nullable=False),
        sa.Column("gloss_en", sa.String(), nullable=False),
        sa.Column("gloss_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_citation_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_citation_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citation_fact_id"), ["fact_id"], unique=False)
        batch_op.create_index("ix_citation_source_id_start", ["source_id", "start"], unique=False)

    op.create_table(
        "fact_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(), nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        *localized_columns("value", nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
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
        "issue",
        sa.Column("id", sa.String(), nullable=False),
        *localized_columns("name", nullable=False),
        *localized_columns("summary", nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_issue_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_issue_fact_id")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        *localized_columns("name", nullable=False),
        sa.Column("start_date", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_note", sa.String(), nullable=True),
        sa.Column("date_origin", sa.String(), nullable=True),
        *localized_columns("city", nullable=True),
        *localized_columns("summary", nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_meeting_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_fact_id")),
        sa.UniqueConstraint("number", name=op.f("uq_meeting_number")),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=True),
        *localized_columns("name", nullable=False),
        *localized_columns("description", nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_participant_fact_id_fact")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_participant_fact_id")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_participant_side"), ["side"], unique=False)

    op.create_table(
        "source_coverage",
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("cited", sa.Integer(), nullable=False),
        sa.Column("marked", sa.Integer(), nullable=False),
        sa.Column("uncovered", sa.Integer(), nullable=False),
        sa.Column("cited_characters", sa.Integer(), nullable=False),
        sa.Column("marked_characters", sa.Integer(), nullable=False),
        sa.Column("uncovered_characters", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_coverage_source_id_source")
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_coverage")),
    )
    op.create_table(
        "source_uncited",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("quote", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
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
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("issue_id", sa.String(), nullable=False),
        *localized_columns("name", nullable=False),
        *localized_columns("place", nullable=True),
        sa.Column("note", sa.String(), nullable=True),
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
        "meeting_issue",
        sa.Column("meeting_id", sa.String(), nullable=False),
        sa.Column("issue_id", sa.String(), nullable=False),
        sa.Column("on_agenda", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("outcome_note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_issue_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issue.id"], name=op.f("fk_meeting_issue_issue_id_issue")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_issue_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("meeting_id", "issue_id", name=op.f("pk_meeting_issue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_issue_fact_id")),
    )
    with op.batch_alter_table("meeting_issue", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_issue_issue_id", ["issue_id"], unique=False)

    op.create_table(
        "meeting_participant",
        sa.Column("meeting_id", sa.String(), nullable=False),
        sa.Column("participant_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("role_note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_participant_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_participant_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_meeting_participant_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "participant_id", name=op.f("pk_meeting_participant")
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_participant_fact_id")),
    )
    with op.batch_alter_table("meeting_participant", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_participant_participant_id", ["participant_id"], unique=False
        )

    op.create_table(
        "meeting_venue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(), nullable=False),
        *localized_columns("name", nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_venue_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_venue_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_venue")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_venue_fact_id")),
    )
    with op.batch_alter_table("meeting_venue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_venue_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "participant_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.String(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
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
        sa.Column("participant_id", sa.String(), nullable=False),
        *localized_columns("title", nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
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
        "statement",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.String(), nullable=False),
        sa.Column("meeting_id", sa.String(), nullable=True),
        sa.Column("statement_date", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_note", sa.String(), nullable=True),
        sa.Column("date_origin", sa.String(), nullable=True),
        sa.Column("earliest_date", sa.String(), nullable=True),
        sa.Column("latest_date", sa.String(), nullable=True),
        *localized_columns("gist", nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_statement_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_statement_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["participant.id"], name=op.f("fk_statement_speaker_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_statement_fact_id")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statement_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("event_date", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_note", sa.String(), nullable=True),
        sa.Column("date_origin", sa.String(), nullable=True),
        sa.Column("earliest_date", sa.String(), nullable=True),
        sa.Column("latest_date", sa.String(), nullable=True),
        *localized_columns("title", nullable=False),
        *localized_columns("summary", nullable=True),
        sa.Column("meeting_id", sa.String(), nullable=True),
        sa.Column("statement_id", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["fact.id"], name=op.f("fk_event_fact_id_fact")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_event_meeting_id_meeting")
        ),
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
        "meeting_issue_raiser",
        sa.Column("meeting_id", sa.String(), nullable=False),
        sa.Column("issue_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id", "issue_id"],
            ["meeting_issue.meeting_id", "meeting_issue.issue_id"],
            name="fk_meeting_issue_raiser_meeting_issue",
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "issue_id", "side", name=op.f("pk_meeting_issue_raiser")
        ),
    )
    with op.batch_alter_table("meeting_issue_raiser", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_issue_raiser_side", ["side", "issue_id"], unique=False)

    op.create_table(
        "statement_attribution",
        sa.Column("statement_id", sa.String(), nullable=False),
        sa.Column("via_id", sa.String(), nullable=True),
        *localized_columns("text", nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_statement_attribution_fact_id_fact")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_attribution_statement_id_statement"),
        ),
        sa.ForeignKeyConstraint(
            ["via_id"], ["participant.id"], name=op.f("fk_statement_attribution_via_id_participant")
        ),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_statement_attribution")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_statement_attribution_fact_id")),
    )
    op.create_table(
        "statement_issue",
        sa.Column("statement_id", sa.String(), nullable=False),
        sa.Column("issue_id", sa.String(), nullable=False),
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
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("participant_id", sa.String(), nullable=False),
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

    # The full-text index: an FTS5 virtual table, which SQLAlchemy models cannot express, so it
    # is created here by hand and left out of the model/migration comparison
    # (``migrations/env_filters.py``). `terms` holds the normalised, prefix-stripped tokens the
    # seed script computes; matching is done on them only, the rest is carried for ranking and
    # display.
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
            {labels},
            tokenize = 'unicode61 remove_diacritics 0'
        )
        """.format(
            labels=", ".join(
                f"{c.name} UNINDEXED" for c in localized_columns("label", nullable=False)
            )
        )
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_entry")
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_event_participant_participant_id")

    op.drop_table("event_participant")
    with op.batch_alter_table("statement_issue", schema=None) as batch_op:
        batch_op.drop_index("ix_statement_issue_issue_id")

    op.drop_table("statement_issue")
    op.drop_table("statement_attribution")
    with op.batch_alter_table("meeting_issue_raiser", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_issue_raiser_side")

    op.drop_table("meeting_issue_raiser")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_kind"))
        batch_op.drop_index(batch_op.f("ix_event_fact_id"))
        batch_op.drop_index("ix_event_earliest_date")

    op.drop_table("event")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statement_meeting_id"))

    op.drop_table("statement")
    with op.batch_alter_table("participant_title", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_title_participant_id"))

    op.drop_table("participant_title")
    with op.batch_alter_table("participant_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_alias_participant_id"))

    op.drop_table("participant_alias")
    with op.batch_alter_table("meeting_venue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_venue_meeting_id"))

    op.drop_table("meeting_venue")
    with op.batch_alter_table("meeting_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_participant_participant_id")

    op.drop_table("meeting_participant")
    with op.batch_alter_table("meeting_issue", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_issue_issue_id")

    op.drop_table("meeting_issue")
    with op.batch_alter_table("issue_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_item_issue_id"))

    op.drop_table("issue_item")
    with op.batch_alter_table("source_uncited", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_uncited_source_id"))

    op.drop_table("source_uncited")
    op.drop_table("source_coverage")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_side"))
        batch_op.drop_index(batch_op.f("ix_participant_kind"))

    op.drop_table("participant")
    op.drop_table("meeting")
    op.drop_table("issue")
    with op.batch_alter_table("fact_version", schema=None) as batch_op:
        batch_op.drop_index("ix_fact_version_subject")

    op.drop_table("fact_version")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index("ix_citation_source_id_start")
        batch_op.drop_index(batch_op.f("ix_citation_fact_id"))

    op.drop_table("citation")
    op.drop_table("source")
    op.drop_table("search_record")
    with op.batch_alter_table("rendered_item", schema=None) as batch_op:
        batch_op.drop_index("ix_rendered_item_support")

    op.drop_table("rendered_item")
    op.drop_table("rendered_document")
    op.drop_table("rendered_count")
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fact_support"))

    op.drop_table("fact")
    op.drop_table("dataset_meta")
