"""Turning validated curated data into table rows: references resolved, quotes located."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import SQLModel

from app.models import (
    Citation,
    Fact,
    Issue,
    Participant,
    ParticipantAlias,
    ParticipantTitle,
    Round,
    RoundIssue,
    RoundIssueRaiser,
    RoundParticipant,
    RoundVenue,
    Source,
)
from seed.curation import CuratedCitation, CuratedRound
from seed.loading import CuratedData, SeedError
from seed.quotes import QuoteNotFound, locate_quote

# Insertion order: every table after the tables its foreign keys point to.
TABLE_ORDER: tuple[type[SQLModel], ...] = (
    Fact,
    Source,
    Round,
    Participant,
    Issue,
    RoundVenue,
    ParticipantTitle,
    ParticipantAlias,
    RoundParticipant,
    RoundIssue,
    RoundIssueRaiser,
    Citation,
)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Dataset:
    rows: dict[type[SQLModel], list[SQLModel]] = field(
        default_factory=lambda: {table: [] for table in TABLE_ORDER}
    )

    def add(self, row: SQLModel) -> None:
        self.rows[type(row)].append(row)

    def count(self, table: type[SQLModel]) -> int:
        return len(self.rows[table])

    def rows_by_table(self) -> Iterable[tuple[type[SQLModel], list[SQLModel]]]:
        """Each table with its rows, in an order that satisfies every foreign key."""
        for table in TABLE_ORDER:
            yield table, self.rows[table]


class _Builder:
    def __init__(self, data: CuratedData) -> None:
        self.data = data
        self.dataset = Dataset()
        self.problems: list[str] = []
        self.source_texts: dict[str, str] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def fact(self, kind: str, subject_id: str, citations: list[CuratedCitation], where: str) -> int:
        fact_id = self.dataset.count(Fact) + 1
        self.dataset.add(Fact(id=fact_id, kind=kind, subject_id=subject_id))
        for number, citation in enumerate(citations, start=1):
            self.cite(fact_id, citation, f"{where} > citation {number}")
        return fact_id

    def cite(self, fact_id: int, citation: CuratedCitation, where: str) -> None:
        text = self.source_texts.get(citation.source)
        if text is None:
            self.problem(where, f"unknown source '{citation.source}'")
            return
        try:
            start, end = locate_quote(text, citation.quote, citation.occurrence)
        except QuoteNotFound as error:
            self.problem(where, f"{error} (source '{citation.source}'): «{citation.quote}»")
            return
        self.dataset.add(
            Citation(
                id=self.dataset.count(Citation) + 1,
                fact_id=fact_id,
                source_id=citation.source,
                quote=citation.quote,
                quote_start=start,
                quote_end=end,
            )
        )

    def check_unique(self, where: str, what: str, keys: Iterable[object]) -> None:
        for key, count in Counter(keys).items():
            if count > 1:
                self.problem(where, f"{what} '{key}' is defined {count} times")

    def check_one_preferred(self, where: str, what: str, preferred: list[bool]) -> None:
        if preferred and preferred.count(True) != 1:
            self.problem(where, f"exactly one {what} must be `preferred: true`")

    def build(self) -> Dataset:
        self.add_sources()
        self.add_participants()
        self.add_issues()
        self.add_rounds()
        if self.problems:
            raise SeedError(self.problems)
        return self.dataset

    def add_sources(self) -> None:
        self.check_unique("sources.yaml", "source id", (s.id for s in self.data.sources))
        self.check_unique("sources.yaml", "document", (s.document for s in self.data.sources))
        described = {source.document for source in self.data.sources}
        for name in self.data.documents:
            if name not in described:
                self.problem(f"documents/{name}", "document has no entry in sources.yaml")
        for source in self.data.sources:
            document = self.data.documents.get(source.document)
            if document is None:
                self.problem(
                    f"sources.yaml: {source.id}", f"document '{source.document}' does not exist"
                )
                continue
            self.source_texts[source.id] = document.text
            self.dataset.add(
                Source(
                    **source.model_dump(mode="json"),
                    text=document.text,
                    sha256=document.sha256,
                    char_count=len(document.text),
                )
            )

    def add_participants(self) -> None:
        participants = self.data.participants
        self.check_unique("participants.yaml", "participant id", (p.id for p in participants))
        for participant in participants:
            where = f"participants.yaml: {participant.id}"
            self.dataset.add(
                Participant(
                    **participant.model_dump(
                        mode="json", exclude={"citations", "titles", "aliases"}
                    ),
                    fact_id=self.fact("participant", participant.id, participant.citations, where),
                )
            )
            self.check_one_preferred(where, "title", [t.preferred for t in participant.titles])
            self.check_unique(where, "title", (t.title_en for t in participant.titles))
            for title in participant.titles:
                subject = f"{participant.id}/title/{slugify(title.title_en)}"
                self.dataset.add(
                    ParticipantTitle(
                        id=self.dataset.count(ParticipantTitle) + 1,
                        participant_id=participant.id,
                        title_en=title.title_en,
                        title_ar=title.title_ar,
                        is_preferred=title.preferred,
                        note=title.note,
                        fact_id=self.fact(
                            "participant_title",
                            subject,
                            title.citations,
                            f"{where} > title '{title.title_en}'",
                        ),
                    )
                )
            self.check_unique(where, "alias", (a.alias for a in participant.aliases))
            for alias in participant.aliases:
                alias_where = f"{where} > alias '{alias.alias}'"
                for citation in alias.citations:
                    if alias.alias not in citation.quote:
                        self.problem(alias_where, f"quote «{citation.quote}» does not contain it")
                self.dataset.add(
                    ParticipantAlias(
                        id=self.dataset.count(ParticipantAlias) + 1,
                        participant_id=participant.id,
                        alias=alias.alias,
                        language=alias.language,
                        fact_id=self.fact(
                            "participant_alias",
                            f"{participant.id}/alias/{alias.alias}",
                            alias.citations,
                            alias_where,
                        ),
                    )
                )

    def add_issues(self) -> None:
        self.check_unique("issues.yaml", "issue id", (i.id for i in self.data.issues))
        for issue in self.data.issues:
            self.dataset.add(
                Issue(
                    **issue.model_dump(mode="json", exclude={"citations"}),
                    fact_id=self.fact(
                        "issue", issue.id, issue.citations, f"issues.yaml: {issue.id}"
                    ),
                )
            )

    def add_rounds(self) -> None:
        rounds = self.data.rounds
        self.check_unique("rounds.yaml", "round id", (r.id for r in rounds))
        self.check_unique(
            "rounds.yaml", "round number", (r.number for r in rounds if r.number is not None)
        )
        participant_ids = {p.id for p in self.data.participants}
        issue_ids = {i.id for i in self.data.issues}
        for meeting in rounds:
            where = f"rounds.yaml: {meeting.id}"
            if (meeting.kind == "round") != (meeting.number is not None):
                self.problem(where, "a numbered meeting must have `kind: round`, and only it")
            self.dataset.add(
                Round(
                    **meeting.model_dump(
                        mode="json", exclude={"citations", "venues", "participants", "issues"}
                    ),
                    fact_id=self.fact("round", meeting.id, meeting.citations, where),
                )
            )
            self.add_venues(meeting, where)
            self.add_round_participants(meeting, where, participant_ids)
            self.add_round_issues(meeting, where, issue_ids)

    def add_venues(self, meeting: CuratedRound, where: str) -> None:
        self.check_one_preferred(where, "venue", [v.preferred for v in meeting.venues])
        self.check_unique(where, "venue", (v.name_en for v in meeting.venues))
        for venue in meeting.venues:
            self.dataset.add(
                RoundVenue(
                    id=self.dataset.count(RoundVenue) + 1,
                    round_id=meeting.id,
                    name_en=venue.name_en,
                    name_ar=venue.name_ar,
                    is_preferred=venue.preferred,
                    note=venue.note,
                    fact_id=self.fact(
                        "round_venue",
                        f"{meeting.id}/venue/{slugify(venue.name_en)}",
                        venue.citations,
                        f"{where} > venue '{venue.name_en}'",
                    ),
                )
            )

    def add_round_participants(
        self, meeting: CuratedRound, where: str, participant_ids: set[str]
    ) -> None:
        self.check_unique(where, "participant", (p.participant for p in meeting.participants))
        for link in meeting.participants:
            link_where = f"{where} > participant '{link.participant}'"
            if link.participant not in participant_ids:
                self.problem(link_where, "participant is not defined in participants.yaml")
                continue
            self.dataset.add(
                RoundParticipant(
                    round_id=meeting.id,
                    participant_id=link.participant,
                    role=link.role.value,
                    note=link.note,
                    fact_id=self.fact(
                        "round_participant",
                        f"{meeting.id}/participant/{link.participant}",
                        link.citations,
                        link_where,
                    ),
                )
            )

    def add_round_issues(self, meeting: CuratedRound, where: str, issue_ids: set[str]) -> None:
        self.check_unique(where, "issue", (i.issue for i in meeting.issues))
        for link in meeting.issues:
            link_where = f"{where} > issue '{link.issue}'"
            if link.issue not in issue_ids:
                self.problem(link_where, "issue is not defined in issues.yaml")
                continue
            self.check_unique(link_where, "raised_by side", link.raised_by)
            self.dataset.add(
                RoundIssue(
                    round_id=meeting.id,
                    issue_id=link.issue,
                    on_agenda=link.on_agenda,
                    outcome=link.outcome.value,
                    note=link.note,
                    fact_id=self.fact(
                        "round_issue",
                        f"{meeting.id}/issue/{link.issue}",
                        link.citations,
                        link_where,
                    ),
                )
            )
            for side in sorted(set(link.raised_by)):
                self.dataset.add(
                    RoundIssueRaiser(round_id=meeting.id, issue_id=link.issue, side=side.value)
                )


def build_dataset(data: CuratedData) -> Dataset:
    """Resolve and check everything; raise ``SeedError`` listing every problem."""
    return _Builder(data).build()
