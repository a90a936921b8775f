"""What the seed script renders and the API serves: every list and kind of document, each with
the response model it is rendered through (the public contract) and the keys it is stored by."""

from enum import StrEnum

from pydantic import BaseModel

from app.representations import records_within, unpaired_fields
from app.schemas import (
    ConflictPublic,
    EventPublic,
    IssueDetail,
    IssuePublic,
    IssueRoundPublic,
    MetaPublic,
    ParticipantDetail,
    ParticipantPublic,
    ParticipantRoundPublic,
    RoundComparison,
    RoundIssuePublic,
    RoundParticipantPublic,
    RoundPublic,
    SearchResult,
    SourceCitationPublic,
    SourceDetail,
    SourcePublic,
    StatementPublic,
)


class Listing(StrEnum):
    """A list the API serves; nested lists are stored per parent record."""

    rounds = "rounds"
    round_issues = "round_issues"
    round_participants = "round_participants"
    participants = "participants"
    participant_rounds = "participant_rounds"
    issues = "issues"
    issue_rounds = "issue_rounds"
    statements = "statements"
    events = "events"
    conflicts = "conflicts"
    sources = "sources"
    source_citations = "source_citations"
    search = "search"
    """The answer to a one-word search, stored per word (the parent): what a search for that
    word serves, in rank order."""


ITEM_MODELS: dict[Listing, type[BaseModel]] = {
    Listing.rounds: RoundPublic,
    Listing.round_issues: RoundIssuePublic,
    Listing.round_participants: RoundParticipantPublic,
    Listing.participants: ParticipantPublic,
    Listing.participant_rounds: ParticipantRoundPublic,
    Listing.issues: IssuePublic,
    Listing.issue_rounds: IssueRoundPublic,
    Listing.statements: StatementPublic,
    Listing.events: EventPublic,
    Listing.conflicts: ConflictPublic,
    Listing.sources: SourcePublic,
    Listing.source_citations: SourceCitationPublic,
    Listing.search: SearchResult,
}

# Lists stored without CSV spans, each CSV row rendered per request instead: a search's CSV is
# rarely asked for, and its spans would be a quarter of the stored answers' bytes.
CSV_RENDERED_PER_REQUEST = frozenset({Listing.search})


class DocumentKind(StrEnum):
    """A kind of single document the API serves."""

    round = "round"
    participant = "participant"
    issue = "issue"
    source = "source"
    comparison = "comparison"
    """Two rounds issue by issue, keyed ``a/b``."""
    meta = "meta"
    export = "export"
    """Every table as one JSON document; stored in both languages only."""


DOCUMENT_MODELS: dict[DocumentKind, type[BaseModel] | None] = {
    DocumentKind.round: RoundPublic,
    DocumentKind.participant: ParticipantDetail,
    DocumentKind.issue: IssueDetail,
    DocumentKind.source: SourceDetail,
    DocumentKind.comparison: RoundComparison,
    DocumentKind.meta: MetaPublic,
    DocumentKind.export: None,
}


def unpaired_public_fields() -> list[str]:
    """Public fields in one configured language without their siblings in the others: ``lang``
    could not give them once, so a build refuses them."""
    served: list[type[BaseModel]] = [*ITEM_MODELS.values(), SearchResult]
    served += [model for model in DOCUMENT_MODELS.values() if model is not None]
    records = {record for model in served for record in records_within(model)}
    return sorted(name for record in records for name in unpaired_fields(record))
