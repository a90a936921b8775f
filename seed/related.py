"""The dataset's rows by what they belong to: every lookup a response needs, made once in memory
from the rows the build has just resolved (the tables are written from the same rows)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypedDict, TypeVar

from app.models import (
    Citation,
    EventParticipant,
    Fact,
    FactClaim,
    Issue,
    IssueItem,
    Meeting,
    MeetingAspectVersion,
    MeetingIssue,
    MeetingIssueRaiser,
    MeetingParticipant,
    MeetingVenue,
    Participant,
    ParticipantAlias,
    ParticipantTitle,
    Source,
    SourceUncited,
    Statement,
    StatementAttribution,
    StatementIssue,
)
from app.schemas import CitationPublic, ClaimGrade
from app.vocabulary import Claim, MeetingAspect, Support
from seed.dataset import Dataset
from seed.versions import Version, VersionKey, disputed_groups, versions_in

Row = TypeVar("Row")
Key = TypeVar("Key")


def fields(row: Any) -> dict[str, Any]:
    """A row's columns as a dict, for building a response model from it."""
    return {column: getattr(row, column) for column in type(row).model_fields}


def grouped(rows: Iterable[Row], key: Callable[[Row], Key]) -> dict[Key, list[Row]]:
    """Rows by ``key``, each group in the order given."""
    groups: dict[Key, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


# Rows that are versions of a field, one of them preferred.
Versioned = TypeVar("Versioned", MeetingVenue, MeetingAspectVersion, ParticipantTitle, Version)


def preferred_first(rows: list[Versioned]) -> list[Versioned]:
    """Versions of a field: the preferred one first, the others in curated (id) order."""
    return sorted(rows, key=lambda row: not row.preferred)


class Evidence(TypedDict):
    """What every fact-bearing response object carries about its support."""

    support: Support
    source_count: int
    claims: dict[Claim, ClaimGrade]
    citations: list[CitationPublic]


class Related:
    """Rows by id, and each row's dependents in the order the API lists them. Rows within a
    table are in id order, as the build numbers them."""

    def __init__(self, dataset: Dataset) -> None:
        of = dataset.of
        self.dataset = dataset
        self.facts = {fact.id: fact for fact in of(Fact)}
        self.meetings = {meeting.id: meeting for meeting in of(Meeting)}
        self.participants = {participant.id: participant for participant in of(Participant)}
        self.issues = {issue.id: issue for issue in of(Issue)}
        self.sources = {source.id: source for source in of(Source)}
        self.citations = grouped(of(Citation), lambda c: c.fact_id)
        self.claims = grouped(
            sorted(of(FactClaim), key=lambda c: (c.fact_id, c.position)), lambda c: c.fact_id
        )
        self.venues = grouped(preferred_first(of(MeetingVenue)), lambda v: v.meeting_id)
        # By aspect in the vocabulary's order, each aspect's preferred version first.
        aspect_rank = {aspect.value: rank for rank, aspect in enumerate(MeetingAspect)}
        self.aspects = grouped(
            sorted(
                of(MeetingAspectVersion), key=lambda a: (aspect_rank[a.aspect], not a.preferred)
            ),
            lambda a: a.meeting_id,
        )
        self.titles = grouped(preferred_first(of(ParticipantTitle)), lambda t: t.participant_id)
        self.aliases = grouped(of(ParticipantAlias), lambda a: a.participant_id)
        # An item's id is its slug: items are listed by it.
        self.items = grouped(sorted(of(IssueItem), key=lambda i: i.id), lambda i: i.issue_id)
        self.raisers = {
            key: sorted(raiser.side for raiser in raisers)
            for key, raisers in grouped(
                of(MeetingIssueRaiser), lambda r: (r.meeting_id, r.issue_id)
            ).items()
        }
        self.issues_of_meeting = grouped(of(MeetingIssue), lambda link: link.meeting_id)
        self.meetings_of_issue = grouped(of(MeetingIssue), lambda link: link.issue_id)
        self.people_of_meeting = grouped(of(MeetingParticipant), lambda link: link.meeting_id)
        self.meetings_of_person = grouped(of(MeetingParticipant), lambda link: link.participant_id)
        self.statement_issues = grouped(of(StatementIssue), lambda link: link.statement_id)
        self.attributions = {a.statement_id: a for a in of(StatementAttribution)}
        self.statements_by_speaker = grouped(of(Statement), lambda s: s.speaker_id)
        self.event_participants = grouped(of(EventParticipant), lambda link: link.event_id)
        self.uncited = grouped(
            sorted(of(SourceUncited), key=lambda span: span.start), lambda span: span.source_id
        )
        self.citations_of_source = grouped(
            sorted(of(Citation), key=lambda c: (c.start, c.id)), lambda c: c.source_id
        )
        self.disputed: dict[VersionKey, list[Version]] = disputed_groups(versions_in(of))
        self.disputed_fields: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kind, subject_id, field_name in sorted(self.disputed):
            self.disputed_fields[kind, subject_id].append(field_name)
        self._cited: dict[int, CitationPublic] = {}

    def evidence(self, fact_id: int) -> Evidence:
        fact = self.facts[fact_id]
        # Curated order: curators list the most direct quote first.
        return Evidence(
            support=Support(fact.support),
            source_count=fact.source_count,
            claims={
                Claim(graded.claim): ClaimGrade(
                    support=Support(graded.support), source_count=graded.source_count
                )
                for graded in self.claims[fact_id]
            },
            citations=[self.cite(citation) for citation in self.citations.get(fact_id, [])],
        )

    def cite(self, citation: Citation) -> CitationPublic:
        public = self._cited.get(citation.id)
        if public is None:
            # The table's columns are named as the public schema names them.
            public = self._cited[citation.id] = CitationPublic.model_validate(
                fields(citation) | {"claims": citation.claims.split()}
            )
        return public

    def preferred_title(self, participant_id: str) -> ParticipantTitle | None:
        return next((t for t in self.titles.get(participant_id, []) if t.preferred), None)
