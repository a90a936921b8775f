"""Table models: the database schema. Response models live in ``app/schemas.py``."""

from sqlalchemy import ForeignKeyConstraint, Index, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.localized import Localized, LocalizedTableMeta

# Stable constraint names make Alembic revisions reviewable and batch mode reliable on SQLite.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class Table(SQLModel, metaclass=LocalizedTableMeta):
    """Every table: ``Localized`` texts become one column per configured language."""


class Fact(Table, table=True):
    """Anchor for everything that can be cited: each fact-bearing row points to one."""

    __table_args__ = (UniqueConstraint("kind", "subject_id"),)

    id: int = Field(primary_key=True)
    kind: str
    subject_id: str
    """Readable key of what the fact is about, e.g. ``round-2/direct-flights``."""
    support: str = Field(index=True)
    source_count: int
    """Distinct articles among the citations of the fact's own claim, inferred ones aside."""


class FactClaim(Table, table=True):
    """One claim a fact makes, graded from the citations that support it."""

    __tablename__ = "fact_claim"

    fact_id: int = Field(foreign_key="fact.id", primary_key=True)
    claim: str = Field(primary_key=True)
    position: int
    """The claim's place in its kind's list (``CLAIMS``): the fact's own claim is 0."""
    support: str
    source_count: int


class Source(Table, table=True):
    id: str = Field(primary_key=True)
    document: str = Field(unique=True)
    title: Localized[str]
    attribution: Localized[str | None] = None
    published_date: str | None = None
    published_precision: str
    published_note: Localized[str | None] = None
    published_origin: str | None = None
    language: str
    outlet: str | None = None
    outlet_language: str | None = None
    url: str | None = None
    text: str
    sha256: str
    char_count: int


class SourceUncited(Table, table=True):
    """A span of a source the curators marked as not about the talks, with the reason."""

    __tablename__ = "source_uncited"

    id: int = Field(primary_key=True)
    source_id: str = Field(foreign_key="source.id", index=True)
    reason: str
    note: Localized[str | None] = None
    quote: str
    start: int
    end: int


class SourceCoverage(Table, table=True):
    """How much of a source the curated data accounts for, computed by the seed script."""

    __tablename__ = "source_coverage"

    source_id: str = Field(foreign_key="source.id", primary_key=True)
    # In sentences...
    sentences: int
    cited: int
    marked: int
    uncovered: int
    # ...and in characters (letters and digits), where a single unaccounted word shows.
    cited_characters: int
    marked_characters: int
    uncovered_characters: int


class DatasetMeta(Table, table=True):
    """One row describing the build: which curated data it came from, when, and the seal of the
    file's bytes (app/core/seal.py)."""

    __tablename__ = "dataset_meta"

    id: int = Field(primary_key=True)
    data_version: str
    built_at: str
    content_hash: str


class Meeting(Table, table=True):
    id: str = Field(primary_key=True)
    number: int | None = Field(default=None, unique=True)
    kind: str
    status: str
    name: Localized[str]
    start_date: str | None = None
    date_precision: str
    date_note: Localized[str | None] = None
    date_origin: str | None = None
    city: Localized[str | None] = None
    summary: Localized[str]
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class MeetingAspectVersion(Table, table=True):
    """One version of how a meeting went in one respect (its duration, its press access, how it
    ended)."""

    __tablename__ = "meeting_aspect"

    id: int = Field(primary_key=True)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    aspect: str
    value: Localized[str]
    preferred: bool
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class MeetingVenue(Table, table=True):
    __tablename__ = "meeting_venue"

    id: int = Field(primary_key=True)
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    name: Localized[str]
    preferred: bool
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class Participant(Table, table=True):
    id: str = Field(primary_key=True)
    kind: str = Field(index=True)
    side: str | None = Field(default=None, index=True)
    name: Localized[str]
    description: Localized[str]
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class ParticipantTitle(Table, table=True):
    __tablename__ = "participant_title"

    id: int = Field(primary_key=True)
    participant_id: str = Field(foreign_key="participant.id", index=True)
    title: Localized[str]
    preferred: bool
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class ParticipantAlias(Table, table=True):
    __tablename__ = "participant_alias"
    __table_args__ = (UniqueConstraint("participant_id", "alias"),)

    id: int = Field(primary_key=True)
    participant_id: str = Field(foreign_key="participant.id", index=True)
    alias: str
    language: str
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class Issue(Table, table=True):
    id: str = Field(primary_key=True)
    name: Localized[str]
    summary: Localized[str]
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class IssueItem(Table, table=True):
    """A named thing an issue is about, such as one of the seized properties."""

    __tablename__ = "issue_item"

    id: str = Field(primary_key=True)
    issue_id: str = Field(foreign_key="issue.id", index=True)
    name: Localized[str]
    place: Localized[str | None] = None
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class FactVersion(Table, table=True):
    """One version of a disputed field, for fields without a table of their own."""

    __tablename__ = "fact_version"
    __table_args__ = (Index("ix_fact_version_subject", "subject_kind", "subject_id", "field"),)

    id: int = Field(primary_key=True)
    subject_kind: str
    subject_id: str
    field: str
    value: Localized[str]
    preferred: bool
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class Statement(Table, table=True):
    id: str = Field(primary_key=True)
    speaker_id: str = Field(foreign_key="participant.id", index=True)
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", index=True)
    statement_date: str | None = None
    date_precision: str
    date_note: Localized[str | None] = None
    date_origin: str | None = None
    earliest_date: str | None = None
    latest_date: str | None = None
    gist: Localized[str]
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class StatementIssue(Table, table=True):
    __tablename__ = "statement_issue"
    __table_args__ = (Index("ix_statement_issue_issue_id", "issue_id"),)

    statement_id: str = Field(foreign_key="statement.id", primary_key=True)
    issue_id: str = Field(foreign_key="issue.id", primary_key=True)


class StatementAttribution(Table, table=True):
    """Whom the reporting article credits for a statement ("according to TASS")."""

    __tablename__ = "statement_attribution"

    statement_id: str = Field(foreign_key="statement.id", primary_key=True)
    via_id: str | None = Field(default=None, foreign_key="participant.id")
    """The credited participant (a news agency), if any; None for "agencies" and the like."""
    text: Localized[str]
    note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class Event(Table, table=True):
    """A dated entry of the timeline: a meeting, an appointment, an announcement, a statement."""

    __table_args__ = (Index("ix_event_earliest_date", "earliest_date", "id"),)

    id: str = Field(primary_key=True)
    kind: str = Field(index=True)
    event_date: str | None = None
    date_precision: str
    date_note: Localized[str | None] = None
    date_origin: str | None = None
    earliest_date: str | None = None
    latest_date: str | None = None
    title: Localized[str]
    summary: Localized[str | None] = None
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id")
    statement_id: str | None = Field(default=None, foreign_key="statement.id")
    # Meeting and statement events share the fact (and so the citations) of what they date.
    fact_id: int = Field(foreign_key="fact.id", index=True)


class EventParticipant(Table, table=True):
    __tablename__ = "event_participant"
    __table_args__ = (Index("ix_event_participant_participant_id", "participant_id"),)

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    participant_id: str = Field(foreign_key="participant.id", primary_key=True)


class MeetingParticipant(Table, table=True):
    __tablename__ = "meeting_participant"
    __table_args__ = (Index("ix_meeting_participant_participant_id", "participant_id"),)

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True)
    participant_id: str = Field(foreign_key="participant.id", primary_key=True)
    role: str
    role_note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class MeetingIssue(Table, table=True):
    __tablename__ = "meeting_issue"
    __table_args__ = (Index("ix_meeting_issue_issue_id", "issue_id"),)

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True)
    issue_id: str = Field(foreign_key="issue.id", primary_key=True)
    on_agenda: bool
    outcome: str
    outcome_note: Localized[str | None] = None
    fact_id: int = Field(foreign_key="fact.id", unique=True)


class MeetingIssueRaiser(Table, table=True):
    """Which side raised an issue in a round; an issue both sides raised has two rows."""

    __tablename__ = "meeting_issue_raiser"
    __table_args__ = (
        ForeignKeyConstraint(
            ["meeting_id", "issue_id"],
            ["meeting_issue.meeting_id", "meeting_issue.issue_id"],
            name="fk_meeting_issue_raiser_meeting_issue",
        ),
        Index("ix_meeting_issue_raiser_side", "side", "issue_id"),
    )

    meeting_id: str = Field(primary_key=True)
    issue_id: str = Field(primary_key=True)
    side: str = Field(primary_key=True)


class Citation(Table, table=True):
    __table_args__ = (Index("ix_citation_source_id_start", "source_id", "start"),)

    id: int = Field(primary_key=True)
    fact_id: int = Field(foreign_key="fact.id", index=True)
    source_id: str = Field(foreign_key="source.id")
    quote: str
    start: int
    end: int
    # W3C Web Annotation TextQuoteSelector context, so a quote can be re-found after an edit.
    prefix: str
    suffix: str
    document_sha256: str
    # An English rendering of the quote, and who wrote it: the curators, or the source itself
    # when it is in English.
    gloss_en: str
    gloss_by: str
    claims: str
    """The claims the quote supports, space-separated, the fact's own first; empty for
    background."""
    inferred: bool
    note: Localized[str | None] = None


class RenderedDocument(Table, table=True):
    """A record's public representation, rendered by the seed script through its response schema.

    The server answers a record's URL with these bytes, or renders ``lang`` from them; nothing
    is assembled from tables per request.
    """

    __tablename__ = "rendered_document"

    resource: str = Field(primary_key=True)
    """What kind of document: round, participant, issue, source, comparison, meta, export."""
    key: str = Field(primary_key=True)
    """The record's key as its URL names it: a round's number, a slug, ``1/2`` for a
    comparison, empty for a singleton."""
    body: bytes
    """UTF-8 JSON in every language; ``lang`` is cut or rendered from it per request."""
    lang_spans: bytes
    """Where each ``lang`` form lies in ``body`` (``app.spans``)."""


class RenderedItem(Table, table=True):
    """One item of a list, rendered once through its response schema, with the keys the list
    filters and sorts on. ``position`` is the list's default order."""

    __tablename__ = "rendered_item"
    __table_args__ = (Index("ix_rendered_item_support", "list", "parent", "support", "position"),)

    list: str = Field(primary_key=True)
    parent: str = Field(primary_key=True)
    """The record a nested list belongs to (a round's number, a slug); empty for top lists."""
    position: int = Field(primary_key=True)
    item_id: str
    """The listed record's id: what ``q`` and the link-table filters select on."""
    support: str | None = None
    claims: str | None = None
    """Each claim's grade, as a JSON object (``{"raised_by": "single_source"}``)."""
    number: int | None = None
    start_date: str | None = None
    name: Localized[str | None] = None
    side: str | None = None
    kind: str | None = None
    kind_rank: int | None = None
    """The kind's place in its vocabulary, for sorting events by kind."""
    speaker_id: str | None = None
    round_number: int | None = None
    statement_date: str | None = None
    earliest_date: str | None = None
    latest_date: str | None = None
    document: str | None = None
    published_date: str | None = None
    body: bytes
    """UTF-8 JSON in every language; ``lang`` and CSV are cut or rendered from it per request."""
    lang_spans: bytes
    """Where each ``lang`` form lies in ``body`` (``app.spans``)."""
    csv_spans: bytes
    """Where each cell of each CSV row lies in ``body`` (``app.spans``)."""


class RenderedCount(Table, table=True):
    """How many items a list has, in all and per support grade, so a page needs no count."""

    __tablename__ = "rendered_count"

    list: str = Field(primary_key=True)
    parent: str = Field(primary_key=True)
    support: str = Field(primary_key=True)
    """A support grade, or empty for every item."""
    total: int


class SearchRecord(Table, table=True):
    """What a search hit needs besides the text, one row per ``search_entry`` row.

    Kept apart from the full-text table, whose rows hold whole articles: reading a label there
    means reading past the article.
    """

    __tablename__ = "search_record"

    entry: int = Field(primary_key=True)
    """The ``search_entry`` rowid."""
    kind: str
    record_id: str
    field: str
    language: str
    weight: float
    counterpart: str | None = None
    """The same field in the other language."""
    label: Localized[str]
