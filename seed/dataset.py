"""Turning validated curated data into table rows: references resolved, quotes located."""

import calendar
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import TypeVar, cast

from pydantic import BaseModel
from sqlmodel import SQLModel

from app.core.seal import PLACEHOLDER
from app.localized import LANGUAGES, by_language, keyed, localized_name, text_in, texts
from app.models import (
    Citation,
    DatasetMeta,
    Event,
    EventParticipant,
    Fact,
    FactClaim,
    FactVersion,
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
    SourceCoverage,
    SourceUncited,
    Statement,
    StatementAttribution,
    StatementIssue,
)
from app.rendered import unpaired_public_fields
from app.vocabulary import CLAIMS, Claim, DateOrigin, EventKind, FactKind, MeetingStatus, Support
from seed.coverage import DocumentCoverage, measure
from seed.curation import (
    ORIGINAL_GLOSS_BY,
    CuratedCitation,
    CuratedRound,
    CuratedStatement,
    quotes_need_glosses,
    script_mismatch,
)
from seed.loading import GLOSSES_DIR, CuratedData, SeedError, cited_records, curated_records
from seed.notes import stated_counts
from seed.quotes import QuoteNotFound, locate_quote
from seed.versions import disputed_groups, versions_in

# Insertion order: every table after the tables its foreign keys point to.
TABLE_ORDER: tuple[type[SQLModel], ...] = (
    Fact,
    FactClaim,
    DatasetMeta,
    Source,
    SourceUncited,
    SourceCoverage,
    Meeting,
    Participant,
    Issue,
    IssueItem,
    MeetingVenue,
    MeetingAspectVersion,
    ParticipantTitle,
    ParticipantAlias,
    MeetingParticipant,
    MeetingIssue,
    MeetingIssueRaiser,
    FactVersion,
    Statement,
    StatementIssue,
    StatementAttribution,
    Event,
    EventParticipant,
    Citation,
)


Row = TypeVar("Row", bound=SQLModel)

# Characters of context kept either side of a quote (W3C TextQuoteSelector prefix/suffix).
SELECTOR_CONTEXT = 32


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def date_bounds(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day a date may denote: a month covers all its days.

    Raises ValueError for a date that does not exist.
    """
    if value is None:
        return None, None
    if len(value) == len("2025-04"):
        year, month = (int(part) for part in value.split("-"))
        last_day = calendar.monthrange(year, month)[1]
        return date(year, month, 1).isoformat(), date(year, month, last_day).isoformat()
    return date.fromisoformat(value).isoformat(), date.fromisoformat(value).isoformat()


@dataclass
class Dataset:
    rows: dict[type[SQLModel], list[SQLModel]] = field(
        default_factory=lambda: {table: [] for table in TABLE_ORDER}
    )
    coverage: dict[str, DocumentCoverage] = field(default_factory=dict)
    statement_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each statement's title by language code, by statement id: its speaker's name worded by
    ``wording.yaml``. The timeline and search both label a statement by it."""

    def add(self, row: SQLModel) -> None:
        self.rows[type(row)].append(row)

    def of(self, table: type[Row]) -> list[Row]:
        return cast(list[Row], self.rows[table])

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
        self.source_languages: dict[str, str] = {}
        # Where each mark (a span deliberately not cited) is in sources.yaml, by its row id.
        self.mark_places: dict[int, str] = {}
        self.source_hashes: dict[str, str] = {}
        self.round_facts: dict[str, int] = {}
        self.fact_keys: set[tuple[str, str]] = set()
        # The claims each fact makes, its own first, and each citation's, by row id.
        self.fact_claims: dict[int, tuple[Claim, ...]] = {}
        self.citation_claims: dict[int, tuple[Claim, ...]] = {}
        # A participant's name by language code, by id.
        self.participant_names: dict[str, dict[str, str]] = {}
        # (source id, quote) -> (English gloss, who wrote it); and the pairs cited so far.
        self.glosses: dict[tuple[str, str], tuple[str, str]] = {
            (source_id, gloss.quote): (gloss.gloss_en, glosses.gloss_by)
            for source_id, glosses in data.glosses.items()
            for gloss in glosses.glosses
        }
        self.glossed: set[tuple[str, str]] = set()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def fact(
        self,
        kind: FactKind,
        subject_id: str,
        citations: list[CuratedCitation],
        where: str,
        claims: Sequence[Claim] = (),
    ) -> int:
        """A fact and its citations. ``claims`` are the claims it makes besides its own (the
        first of its kind's): those of its kind for which the record has a value."""
        if (kind, subject_id) in self.fact_keys:
            self.problem(where, f"a {kind} '{subject_id}' is already defined")
        self.fact_keys.add((kind, subject_id))
        fact_id = self.dataset.count(Fact) + 1
        own = CLAIMS[kind][0]
        self.fact_claims[fact_id] = (own, *claims)
        # Graded once every citation is in: see grade_support.
        self.dataset.add(
            Fact(
                id=fact_id,
                kind=kind.value,
                subject_id=subject_id,
                support=Support.single_source.value,
                source_count=0,
            )
        )
        supported: set[Claim] = set()
        for number, citation in enumerate(citations, start=1):
            supported.update(self.cite(fact_id, kind, citation, f"{where} > citation {number}"))
        self.check_claims_cited(fact_id, supported, where)
        return fact_id

    def claims_of(
        self, fact_id: int, kind: FactKind, citation: CuratedCitation, where: str
    ) -> tuple[Claim, ...]:
        """What a citation supports: its fact's own claim and the ones it lists; nothing when it
        is background. Listing a claim its fact does not make is refused."""
        if citation.about == "background":
            if citation.supports:
                self.problem(where, "a background citation supports no claim; drop `supports`")
            return ()
        made = self.fact_claims[fact_id]
        for claim in citation.supports:
            if claim not in CLAIMS[kind]:
                known = ", ".join(CLAIMS[kind][1:]) or "none besides its own"
                self.problem(
                    where,
                    f"a {kind} makes no `{claim}` claim (its other claims: {known})",
                )
            elif claim not in made and claim == Claim.date:
                self.problem(
                    where,
                    "supports `date`, but the record's date is not the articles' (its date_origin "
                    "is not `articles`): if this article gives the date, set `date_origin: "
                    "articles` and say in date_note which article gives it",
                )
            elif claim not in made:
                self.problem(
                    where,
                    f"supports `{claim}`, but the record has no {claim} to support",
                )
            elif claim == made[0]:
                self.problem(
                    where,
                    f"`{claim}` is the record's own claim, which every citation supports; "
                    "drop it from `supports`",
                )
        return (made[0], *(claim for claim in made[1:] if claim in citation.supports))

    def check_claims_cited(self, fact_id: int, supported: set[Claim], where: str) -> None:
        """No claim without a citation: each claim the record makes is ``supported`` by at
        least one of its citations, if only an inferred one."""
        for claim in self.fact_claims[fact_id]:
            if claim not in supported:
                self.problem(
                    where,
                    f"claims `{claim}`, but no citation supports it: add `{claim}` to the "
                    "`supports` of each citation that says it, or correct the record",
                )

    def locate(
        self, source_id: str, quote: str, occurrence: int | None, where: str
    ) -> tuple[int, int] | None:
        text = self.source_texts.get(source_id)
        if text is None:
            self.problem(where, f"unknown source '{source_id}'")
            return None
        try:
            return locate_quote(text, quote, occurrence)
        except QuoteNotFound as error:
            self.problem(where, f"{error} (source '{source_id}'): «{quote}»")
            return None

    def check_date(self, where: str, value: str | None) -> tuple[str | None, str | None]:
        try:
            return date_bounds(value)
        except ValueError:
            self.problem(where, f"'{value}' is not a real date")
            return None, None

    def check_origin(
        self, where: str, value: str | None, origin: DateOrigin | None, note: str | None
    ) -> None:
        """A date says where it comes from, and one not taken from the articles says how."""
        if value is None and origin is not None:
            self.problem(where, "a date origin without a date")
        elif value is not None and origin is None:
            self.problem(where, "a date needs its origin: articles, curators or inherited")
        elif origin in (DateOrigin.curators, DateOrigin.inherited) and not note:
            self.problem(where, f"a date of origin '{origin}' needs a note saying how it was found")

    def check_window(
        self, where: str, value: str | None, earliest: str | None, latest: str | None
    ) -> tuple[str | None, str | None]:
        """The days a date may denote: its own bounds, narrowed or widened by a curated range."""
        first, last = self.check_date(where, value)
        first = self.check_date(where, earliest)[0] or first
        last = self.check_date(where, latest)[1] or last
        if first and last and first > last:
            self.problem(where, f"earliest_date {first} is after latest_date {last}")
        if value is not None and first and last:
            own_first, own_last = date_bounds(value)
            if (own_first or first) < first or (own_last or last) > last:
                self.problem(where, f"the date {value} lies outside {first} to {last}")
        return first, last

    def check_dated(
        self,
        where: str,
        value: str | None,
        earliest: str | None,
        latest: str | None,
        origin: DateOrigin | None,
        note: str | None,
    ) -> tuple[str | None, str | None]:
        """A date, a window or both: the bounds checked, and where they come from (a window open
        at one end is still a date)."""
        bounds = self.check_window(where, value, earliest, latest)
        self.check_origin(where, value or earliest or latest, origin, note)
        return bounds

    def check_defined(self, where: str, what: str, key: str | None, defined: set[str]) -> bool:
        if key is not None and key not in defined:
            self.problem(where, f"{what} '{key}' is not defined")
            return False
        return True

    def gloss_of(self, citation: CuratedCitation, where: str) -> tuple[str, str]:
        """The English rendering of a located quote and who wrote it. A quote from an English
        document is its own; any other needs the curators' gloss."""
        if not quotes_need_glosses(self.source_languages[citation.source]):
            return citation.quote, ORIGINAL_GLOSS_BY
        self.glossed.add((citation.source, citation.quote))
        gloss = self.glosses.get((citation.source, citation.quote))
        if gloss is None:
            self.problem(
                where,
                f"no English gloss in {GLOSSES_DIR}/{citation.source}.yaml for «{citation.quote}»",
            )
            return "", ""
        return gloss

    def cite(
        self, fact_id: int, kind: FactKind, citation: CuratedCitation, where: str
    ) -> tuple[Claim, ...]:
        """Locate and record a citation; the claims it supports, whether or not it is found."""
        if citation.inferred and text_in(citation, "note", "en") is None:
            self.problem(
                where,
                "an inferred citation needs a note saying what was inferred (note_en, note_ar)",
            )
        claims = self.claims_of(fact_id, kind, citation, where)
        span = self.locate(citation.source, citation.quote, citation.occurrence, where)
        if span is None:
            return claims
        start, end = span
        text = self.source_texts[citation.source]
        gloss_en, gloss_by = self.gloss_of(citation, where)
        citation_id = self.dataset.count(Citation) + 1
        self.citation_claims[citation_id] = claims
        self.dataset.add(
            Citation(
                id=citation_id,
                fact_id=fact_id,
                source_id=citation.source,
                quote=citation.quote,
                start=start,
                end=end,
                prefix=text[max(0, start - SELECTOR_CONTEXT) : start],
                suffix=text[end : end + SELECTOR_CONTEXT],
                document_sha256=self.source_hashes[citation.source],
                gloss_en=gloss_en,
                gloss_by=gloss_by,
                claims=" ".join(claims),
                inferred=citation.inferred,
                **texts(citation, "note"),
            )
        )
        return claims

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
        self.add_versions()
        self.add_statements()
        self.add_events()
        self.check_marks_are_uncited()
        self.add_coverage()
        self.check_glosses()
        self.grade_support()
        self.check_public_languages()
        self.check_arabic_written()
        self.check_notes()
        self.dataset.add(
            DatasetMeta(
                id=1,
                data_version=self.data.data_version,
                built_at=build_time(),
                content_hash=PLACEHOLDER,
            )
        )
        if self.problems:
            raise SeedError(self.problems)
        return self.dataset

    def labelled_records(self) -> Iterator[tuple[str, BaseModel]]:
        """Every curated record, with where it is: ``rounds.yaml: round-2``."""
        for file_name, records in curated_records(self.data):
            for number, record in enumerate(records, start=1):
                label = getattr(record, "id", None) or getattr(record, "subject_id", number)
                yield f"{file_name}: {label}", record

    def check_notes(self) -> None:
        """No note states a count of sources, which the next article can make wrong."""
        for place, record in self.labelled_records():
            for where, words in stated_counts(record, place):
                self.problem(
                    where,
                    f"states a count of sources («{words}»), which the next article can make "
                    "wrong: name the sources, or say it without the count (support and "
                    "source_count are computed)",
                )

    def check_arabic_written(self) -> None:
        """The API is bilingual whatever the sources' languages: a record only articles not in
        Arabic support still has its Arabic, which the curators wrote, and its note says so."""
        for place, record in self.labelled_records():
            for where, cited in cited_records(record, place):
                languages = {
                    self.source_languages.get(citation.source, "ar").split("-")[0]
                    for citation in cited.citations
                }
                if "ar" in languages or not hasattr(cited, localized_name("note", "en")):
                    continue
                if "curators" not in (text_in(cited, "note", "en") or ""):
                    self.problem(
                        where,
                        "only articles not in Arabic support this record, so its Arabic is the "
                        "curators' own: say so in its note (note_en, note_ar), e.g. \"The Arabic "
                        "is the curators' translation.\"",
                    )

    def check_public_languages(self) -> None:
        """Every public text is served in every configured language, so ``lang`` can give it
        once: a field named for one language is declared ``Localized`` or ``SingleLanguage``."""
        for name in unpaired_public_fields():
            text = name.rpartition(".")[2].rpartition("_")[0]
            self.problem(
                f"app/schemas.py: {name}",
                f"a text in one language; declare `{text}: Localized[...]` to give it in every "
                "configured language, or mark it SingleLanguage",
            )

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
            self.check_origin(
                f"sources.yaml: {source.id}",
                source.published_date,
                source.published_origin,
                text_in(source, "published_note", "en"),
            )
            self.source_texts[source.id] = document.text
            self.source_languages[source.id] = source.language
            self.source_hashes[source.id] = document.sha256
            self.dataset.add(
                Source(
                    **source.model_dump(mode="json"),
                    text=document.text,
                    sha256=document.sha256,
                    char_count=len(document.text),
                )
            )
            for number, mark in enumerate(source.uncited, start=1):
                where = f"sources.yaml: {source.id} > uncited {number}"
                span = self.locate(source.id, mark.quote, mark.occurrence, where)
                if span is not None:
                    self.mark_places[self.dataset.count(SourceUncited) + 1] = where
                    self.dataset.add(
                        SourceUncited(
                            id=self.dataset.count(SourceUncited) + 1,
                            source_id=source.id,
                            reason=mark.reason.value,
                            **texts(mark, "note"),
                            quote=mark.quote,
                            start=span[0],
                            end=span[1],
                        )
                    )

    def add_participants(self) -> None:
        participants = self.data.participants
        self.check_unique("participants.yaml", "participant id", (p.id for p in participants))
        for participant in participants:
            where = f"participants.yaml: {participant.id}"
            self.participant_names[participant.id] = by_language(participant, "name")
            self.dataset.add(
                Participant(
                    **participant.model_dump(
                        mode="json", exclude={"citations", "titles", "aliases"}
                    ),
                    fact_id=self.fact(
                        FactKind.participant, participant.id, participant.citations, where
                    ),
                )
            )
            self.check_one_preferred(where, "title", [t.preferred for t in participant.titles])
            self.check_unique(
                where, "title", (text_in(t, "title", "en") for t in participant.titles)
            )
            for title in participant.titles:
                title_en = text_in(title, "title", "en")
                subject = f"{participant.id}/title/{slugify(title_en)}"
                self.dataset.add(
                    ParticipantTitle(
                        id=self.dataset.count(ParticipantTitle) + 1,
                        participant_id=participant.id,
                        **texts(title, "title"),
                        preferred=title.preferred,
                        **texts(title, "note"),
                        fact_id=self.fact(
                            FactKind.participant_title,
                            subject,
                            title.citations,
                            f"{where} > title '{title_en}'",
                        ),
                    )
                )
            self.check_unique(where, "alias", (a.alias for a in participant.aliases))
            for alias in participant.aliases:
                alias_where = f"{where} > alias '{alias.alias}'"
                mismatch = script_mismatch(alias.alias, alias.language)
                if mismatch:
                    self.problem(
                        alias_where,
                        f"language '{alias.language}' does not fit the spelling: {mismatch}; "
                        "tag an alias with the language it is spelt in (BCP 47: ar, en, ru...)",
                    )
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
                            FactKind.participant_alias,
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
                    **issue.model_dump(mode="json", exclude={"citations", "items"}),
                    fact_id=self.fact(
                        FactKind.issue, issue.id, issue.citations, f"issues.yaml: {issue.id}"
                    ),
                )
            )
            for item in issue.items:
                self.dataset.add(
                    IssueItem(
                        **item.model_dump(mode="json", exclude={"citations"}),
                        issue_id=issue.id,
                        fact_id=self.fact(
                            FactKind.issue_item,
                            f"{issue.id}/item/{item.id}",
                            item.citations,
                            f"issues.yaml: {issue.id} > item '{item.id}'",
                        ),
                    )
                )
        self.check_unique(
            "issues.yaml", "item id", (item.id for i in self.data.issues for item in i.items)
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
            self.check_date(where, meeting.start_date)
            self.check_origin(
                where, meeting.start_date, meeting.date_origin, text_in(meeting, "date_note", "en")
            )
            # A date the curators resolved from outside the articles is no claim of theirs:
            # its origin and note say so, and no citation grades it.
            dated_and_placed = (
                (Claim.date, meeting.start_date if meeting.date_origin == "articles" else None),
                (Claim.city, text_in(meeting, "city", "en")),
            )
            self.round_facts[meeting.id] = self.fact(
                FactKind.round,
                meeting.id,
                meeting.citations,
                where,
                claims=[claim for claim, value in dated_and_placed if value is not None],
            )
            self.dataset.add(
                Meeting(
                    **meeting.model_dump(
                        mode="json", exclude={"citations", "venues", "participants", "issues"}
                    ),
                    fact_id=self.round_facts[meeting.id],
                )
            )
            self.add_venues(meeting, where)
            self.add_aspects(meeting, where)
            self.add_round_participants(meeting, where, participant_ids)
            self.add_round_issues(meeting, where, issue_ids)

    def add_venues(self, meeting: CuratedRound, where: str) -> None:
        self.check_one_preferred(where, "venue", [v.preferred for v in meeting.venues])
        self.check_unique(where, "venue", (text_in(v, "name", "en") for v in meeting.venues))
        for venue in meeting.venues:
            name_en = text_in(venue, "name", "en")
            self.dataset.add(
                MeetingVenue(
                    id=self.dataset.count(MeetingVenue) + 1,
                    meeting_id=meeting.id,
                    **texts(venue, "name"),
                    preferred=venue.preferred,
                    **texts(venue, "note"),
                    fact_id=self.fact(
                        FactKind.round_venue,
                        f"{meeting.id}/venue/{slugify(name_en)}",
                        venue.citations,
                        f"{where} > venue '{name_en}'",
                    ),
                )
            )

    def add_aspects(self, meeting: CuratedRound, where: str) -> None:
        """How the meeting went, one fact per version of each aspect; versions of one aspect
        are graded disputed, as venues are."""
        by_aspect: dict[str, list[bool]] = {}
        for aspect in meeting.aspects:
            by_aspect.setdefault(aspect.aspect.value, []).append(aspect.preferred)
        for name, preferred in by_aspect.items():
            self.check_one_preferred(where, f"{name} version", preferred)
        for aspect in meeting.aspects:
            value_en = text_in(aspect, "value", "en")
            self.dataset.add(
                MeetingAspectVersion(
                    id=self.dataset.count(MeetingAspectVersion) + 1,
                    meeting_id=meeting.id,
                    aspect=aspect.aspect.value,
                    **texts(aspect, "value"),
                    preferred=aspect.preferred,
                    **texts(aspect, "note"),
                    fact_id=self.fact(
                        FactKind.round_aspect,
                        f"{meeting.id}/{aspect.aspect.value}/{slugify(value_en)}",
                        aspect.citations,
                        f"{where} > {aspect.aspect.value} '{value_en}'",
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
                MeetingParticipant(
                    meeting_id=meeting.id,
                    participant_id=link.participant,
                    role=link.role.value,
                    **texts(link, "role_note"),
                    fact_id=self.fact(
                        FactKind.round_participant,
                        f"{meeting.id}/participant/{link.participant}",
                        link.citations,
                        link_where,
                        claims=[Claim.role],
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
                MeetingIssue(
                    meeting_id=meeting.id,
                    issue_id=link.issue,
                    on_agenda=link.on_agenda,
                    outcome=link.outcome.value,
                    **texts(link, "outcome_note"),
                    fact_id=self.fact(
                        FactKind.round_issue,
                        f"{meeting.id}/issue/{link.issue}",
                        link.citations,
                        link_where,
                        claims=[
                            *([Claim.raised_by] if link.raised_by else []),
                            Claim.on_agenda,
                            Claim.outcome,
                        ],
                    ),
                )
            )
            for side in sorted(set(link.raised_by)):
                self.dataset.add(
                    MeetingIssueRaiser(meeting_id=meeting.id, issue_id=link.issue, side=side.value)
                )

    def add_versions(self) -> None:
        defined = {
            "round": {r.id for r in self.data.rounds},
            "participant": {p.id for p in self.data.participants},
            "issue": {i.id for i in self.data.issues},
        }
        keys = [(v.subject_kind, v.subject_id, v.field) for v in self.data.versions]
        self.check_unique("versions.yaml", "version set", (" ".join(k) for k in keys))
        for version_set in self.data.versions:
            kind, subject_id, field_name = (
                version_set.subject_kind,
                version_set.subject_id,
                version_set.field,
            )
            where = f"versions.yaml: {kind} '{subject_id}' {field_name}"
            self.check_defined(where, kind, subject_id, defined[kind])
            self.check_one_preferred(where, "version", [v.preferred for v in version_set.versions])
            for language in LANGUAGES:
                values = (text_in(v, "value", language) for v in version_set.versions)
                self.check_unique(where, "version", values)
            for version in version_set.versions:
                subject = f"{subject_id}/{field_name}/{text_in(version, 'value', 'ar')}"
                self.dataset.add(
                    FactVersion(
                        id=self.dataset.count(FactVersion) + 1,
                        subject_kind=kind.value,
                        subject_id=subject_id,
                        field=field_name,
                        **texts(version, "value"),
                        preferred=version.preferred,
                        **texts(version, "note"),
                        fact_id=self.fact(
                            FactKind.fact_version,
                            f"{kind}/{subject}",
                            version.citations,
                            f"{where} > version '{text_in(version, 'value', 'en')}'",
                        ),
                    )
                )

    def add_statements(self) -> None:
        statements = self.data.statements
        self.check_unique("statements.yaml", "statement id", (s.id for s in statements))
        round_ids = {r.id for r in self.data.rounds}
        issue_ids = {i.id for i in self.data.issues}
        for statement in statements:
            where = f"statements.yaml: {statement.id}"
            if not (
                self.check_defined(where, "speaker", statement.speaker, set(self.participant_names))
                and self.check_defined(where, "round", statement.round, round_ids)
            ):
                continue
            earliest, latest = self.check_dated(
                where,
                statement.statement_date,
                statement.earliest_date,
                statement.latest_date,
                statement.date_origin,
                text_in(statement, "date_note", "en"),
            )
            fact_id = self.fact(FactKind.statement, statement.id, statement.citations, where)
            self.dataset.statement_titles[statement.id] = self.statement_title(statement.speaker)
            self.dataset.add(
                Statement(
                    id=statement.id,
                    speaker_id=statement.speaker,
                    meeting_id=statement.round,
                    statement_date=statement.statement_date,
                    date_precision=statement.date_precision.value,
                    **texts(statement, "date_note"),
                    date_origin=statement.date_origin,
                    earliest_date=statement.earliest_date,
                    latest_date=statement.latest_date,
                    **texts(statement, "gist"),
                    **texts(statement, "note"),
                    fact_id=fact_id,
                )
            )
            self.add_attribution(statement, where)
            self.check_unique(where, "issue", statement.issues)
            for issue_id in sorted(set(statement.issues)):
                if self.check_defined(where, "issue", issue_id, issue_ids):
                    self.dataset.add(StatementIssue(statement_id=statement.id, issue_id=issue_id))
            # On the timeline when anything dates it, if only "on or before" a day.
            if statement.statement_date is not None or earliest or latest:
                self.add_event(
                    Event(
                        id=statement.id,
                        kind=EventKind.statement.value,
                        event_date=statement.statement_date,
                        date_precision=statement.date_precision.value,
                        **texts(statement, "date_note"),
                        date_origin=statement.date_origin,
                        earliest_date=earliest,
                        latest_date=latest,
                        **keyed("title", self.dataset.statement_titles[statement.id]),
                        **texts(statement, "gist", named="summary"),
                        meeting_id=statement.round,
                        statement_id=statement.id,
                        fact_id=fact_id,
                    ),
                    [statement.speaker],
                )

    def statement_title(self, speaker: str) -> dict[str, str]:
        names = self.participant_names[speaker]
        templates = by_language(self.data.wording, "statement_title")
        return {code: templates[code].format(speaker=names[code]) for code in LANGUAGES}

    def add_attribution(self, statement: CuratedStatement, where: str) -> None:
        attribution = statement.attribution
        if attribution is None:
            return
        where = f"{where} > attribution"
        self.check_defined(where, "participant", attribution.via, set(self.participant_names))
        self.dataset.add(
            StatementAttribution(
                statement_id=statement.id,
                via_id=attribution.via,
                **texts(attribution, "text"),
                **texts(attribution, "note"),
                fact_id=self.fact(FactKind.attribution, statement.id, attribution.citations, where),
            )
        )

    def add_event(self, event: Event, participant_ids: Iterable[str]) -> None:
        self.dataset.add(event)
        for participant_id in sorted(set(participant_ids)):
            self.dataset.add(EventParticipant(event_id=event.id, participant_id=participant_id))

    def add_events(self) -> None:
        # Held meetings are events in their own right, dated and cited as the meeting is.
        for meeting in self.data.rounds:
            if meeting.status != MeetingStatus.held or meeting.start_date is None:
                continue
            earliest, latest = date_bounds(meeting.start_date)
            self.add_event(
                Event(
                    id=meeting.id,
                    kind=EventKind.meeting.value,
                    event_date=meeting.start_date,
                    date_precision=meeting.date_precision.value,
                    **texts(meeting, "date_note"),
                    date_origin=meeting.date_origin,
                    earliest_date=earliest,
                    latest_date=latest,
                    **texts(meeting, "name", named="title"),
                    meeting_id=meeting.id,
                    fact_id=self.round_facts[meeting.id],
                ),
                [link.participant for link in meeting.participants],
            )
        round_ids = {r.id for r in self.data.rounds}
        for event in self.data.events:
            where = f"events.yaml: {event.id}"
            if event.kind in (EventKind.meeting, EventKind.statement):
                self.problem(
                    where,
                    f"{event.kind.value} events are derived; curate the "
                    f"{'round' if event.kind == EventKind.meeting else 'statement'}",
                )
                continue
            defined = self.check_defined(where, "round", event.round, round_ids)
            for participant_id in event.participants:
                defined &= self.check_defined(
                    where, "participant", participant_id, set(self.participant_names)
                )
            if not defined:
                continue
            # A curated range overrides the one the date alone implies.
            earliest, latest = self.check_dated(
                where,
                event.event_date,
                event.earliest_date,
                event.latest_date,
                event.date_origin,
                text_in(event, "date_note", "en"),
            )
            self.add_event(
                Event(
                    **event.model_dump(
                        mode="json",
                        exclude={
                            "citations",
                            "participants",
                            "round",
                            "earliest_date",
                            "latest_date",
                        },
                    ),
                    earliest_date=earliest,
                    latest_date=latest,
                    meeting_id=event.round,
                    fact_id=self.fact(FactKind.event, event.id, event.citations, where),
                ),
                event.participants,
            )
        self.check_unique("events", "event id", (e.id for e in self.dataset.rows[Event]))  # type: ignore[attr-defined]

    def check_glosses(self) -> None:
        """A gloss must render a quote that is cited; anything else is a stale or stray entry."""
        for source_id, glosses in self.data.glosses.items():
            where = f"{GLOSSES_DIR}/{source_id}.yaml"
            if source_id not in self.source_texts:
                self.problem(where, f"'{source_id}' is not a source id")
                continue
            if not quotes_need_glosses(self.source_languages[source_id]):
                self.problem(
                    where,
                    f"source '{source_id}' is in English, so its quotes need no gloss; "
                    "delete this file",
                )
                continue
            self.check_unique(where, "gloss of quote", (gloss.quote for gloss in glosses.glosses))
            text = self.source_texts[source_id]
            placed: list[tuple[int, int, str]] = []
            for gloss in glosses.glosses:
                if (source_id, gloss.quote) not in self.glossed:
                    self.problem(where, f"gloss of a quote no fact cites: «{gloss.quote}»")
                else:
                    placed.append((text.index(gloss.quote), len(gloss.quote), gloss.quote))
            # Read beside the article, the glosses follow it: by first occurrence, shorter first.
            for before, after in pairwise(placed):
                if after < before:
                    self.problem(
                        where,
                        f"glosses out of document order: «{after[2]}» comes before «{before[2]}»",
                    )

    def grade_support(self) -> None:
        """Grade each claim of every fact from the citations that support it directly: the
        distinct articles among them make it single-source or corroborated; a version the
        articles disagree on is disputed; a claim only inferred citations support is inferred.
        A fact's own grade is its own claim's."""
        sources: dict[tuple[int, Claim], set[str]] = {}
        for citation in self.dataset.of(Citation):
            if citation.inferred:
                continue
            for claim in self.citation_claims[citation.id]:
                sources.setdefault((citation.fact_id, claim), set()).add(citation.source_id)
        disputed = {
            version.fact_id
            for versions in disputed_groups(versions_in(self.dataset.of)).values()
            for version in versions
        }
        for fact in self.dataset.of(Fact):
            for position, claim in enumerate(self.fact_claims[fact.id]):
                count = len(sources.get((fact.id, claim), ()))
                if position == 0 and fact.id in disputed:
                    grade = Support.disputed
                elif count > 1:
                    grade = Support.corroborated
                elif count == 1:
                    grade = Support.single_source
                else:
                    grade = Support.inferred
                self.dataset.add(
                    FactClaim(
                        fact_id=fact.id,
                        claim=claim.value,
                        position=position,
                        support=grade.value,
                        source_count=count,
                    )
                )
                if position == 0:
                    fact.support, fact.source_count = grade.value, count

    def check_marks_are_uncited(self) -> None:
        """A mark says a span is deliberately not cited, so no citation may reach into it: a
        name cited inside a marked sentence means the mark must be split around it."""
        cited_by_source: dict[str, list[Citation]] = {}
        for citation in self.dataset.of(Citation):
            cited_by_source.setdefault(citation.source_id, []).append(citation)
        for mark in self.dataset.of(SourceUncited):
            for citation in cited_by_source.get(mark.source_id, []):
                if citation.start < mark.end and mark.start < citation.end:
                    self.problem(
                        self.mark_places[mark.id],
                        f"marked as not cited ({mark.reason}), but a citation reaches into it: "
                        f"«{citation.quote}»",
                    )

    def add_coverage(self) -> None:
        spans: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {
            source_id: ([], []) for source_id in self.source_texts
        }
        for citation in self.dataset.rows[Citation]:
            assert isinstance(citation, Citation)
            spans[citation.source_id][0].append((citation.start, citation.end))
        for mark in self.dataset.rows[SourceUncited]:
            assert isinstance(mark, SourceUncited)
            spans[mark.source_id][1].append((mark.start, mark.end))
        for source_id, text in self.source_texts.items():
            coverage = measure(text, *spans[source_id])
            self.dataset.coverage[source_id] = coverage
            self.dataset.add(
                SourceCoverage(
                    source_id=source_id,
                    sentences=coverage.sentences.total,
                    cited=coverage.sentences.cited,
                    marked=coverage.sentences.marked,
                    uncovered=coverage.sentences.uncovered,
                    cited_characters=coverage.characters.cited,
                    marked_characters=coverage.characters.marked,
                    uncovered_characters=coverage.characters.uncovered,
                )
            )


def build_dataset(data: CuratedData) -> Dataset:
    """Resolve and check everything; raise ``SeedError`` listing every problem."""
    return _Builder(data).build()


def build_time() -> str:
    """When this build ran (UTC, ISO 8601), or ``SOURCE_DATE_EPOCH`` when it is set: the
    reproducible-builds convention, under which the same curated files give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch and not epoch.isdigit():
        raise SeedError([f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"])
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")
