"""Response models: the public contract. Table models never leave the app."""

from enum import StrEnum
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from app.localized import Localized, LocalizedModelMeta, SingleLanguage
from app.vocabulary import (
    Claim,
    DateOrigin,
    DatePrecision,
    EventKind,
    FactKind,
    MeetingAspect,
    MeetingKind,
    MeetingStatus,
    Outcome,
    ParticipantKind,
    Role,
    Side,
    SubjectKind,
    Support,
    UncitedReason,
)

Item = TypeVar("Item")

# Examples in the OpenAPI document, copied from the seeded database.
EXAMPLE_CITATION: JsonDict = {
    "source_id": "constructive-talks-istanbul",
    "quote": "كما أثار الجانب الروسي مسألة استئناف الرحلات الجوية المباشرة "
    "بين روسيا والولايات المتحدة",
    "start": 3421,
    "end": 3509,
    "prefix": "سية لاستعادة العلاقات الطبيعية. ",
    "suffix": ".\n\nوذكرت روسيا أن القيود الغربية",
    "document_sha256": "9b7d23c17ec9345ea05f5481b1bfbe6798c086ad4b6ccd094527b2964ef204ba",
    "gloss_en": "The Russian side also raised the question of resuming direct flights between "
    "Russia and the United States",
    "gloss_by": "curators",
}


class Public(BaseModel, metaclass=LocalizedModelMeta):
    model_config = ConfigDict(from_attributes=True)


class Page(Public, Generic[Item]):
    """The envelope of every list."""

    items: list[Item]
    total: int = Field(description="How many items match, across all pages.")
    limit: int
    offset: int


class CitationPublic(Public):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_CITATION]})

    source_id: str
    quote: str = Field(description="Copied verbatim from the source's text.")
    start: int = Field(description="Offset of the quote's first character in the source text.")
    end: int = Field(description="Offset just past the quote's last character.")
    prefix: str = Field(description="Up to 32 characters of the source just before the quote.")
    suffix: str = Field(description="Up to 32 characters of the source just after the quote.")
    document_sha256: str = Field(description="SHA-256 of the source document quoted from.")
    gloss_en: Annotated[str, SingleLanguage("en")] = Field(
        description="An English rendering of the quote; the quote itself when the source is in "
        "English."
    )
    gloss_by: str = Field(
        description='Who wrote the gloss: "curators" for the Parley curators, "source" when the '
        "quote is English and so its own gloss."
    )
    claims: list[Claim] = Field(
        description="The record's claims this quote supports, the record's own first; empty "
        "for background, cited for context only."
    )
    inferred: bool = Field(
        description="True when the quote supports its claims only through the curators' "
        "reading (an identification, a general phrase taken as this issue); `note` says what "
        "was inferred. An inferred citation never counts towards a grade."
    )
    note: Localized[str | None]


Citations = list[CitationPublic]
# Every fact-bearing object declares these three, in this order, just before its citations.
SupportGrade = Annotated[
    Support,
    Field(
        description="The grade of the record's own claim (see `claims` for the others): "
        "single_source: one article; corroborated: two or more articles agree; disputed: the "
        "articles give different versions (see /conflicts); inferred: only the curators' reading "
        "of the citations supports it. Graded at seed time."
    ),
]
SourceCount = Annotated[
    int,
    Field(
        description="Distinct articles among the citations that support the record's own claim "
        "directly (neither inferred nor background)."
    ),
]


class ClaimGrade(Public):
    support: Support = Field(
        description="Graded as the record's own support, from the citations of this claim only: "
        "single_source, corroborated, disputed, or inferred when only the curators' reading "
        "supports it."
    )
    source_count: int = Field(
        description="Distinct articles among the citations that support this claim directly."
    )


ClaimGrades = Annotated[
    dict[Claim, ClaimGrade],
    Field(
        description="Each thing the record asserts, graded on its own: the record's own claim "
        "(e.g. came_up for a meeting's issue), and each other claim the record makes (raised_by, "
        "on_agenda, outcome...). A citation lists the claims it supports."
    ),
]
# Every dated record says where its date comes from, in these words.
DateOriginField = Annotated[
    DateOrigin | None,
    Field(
        description="Where the date comes from: `articles`, `curators` (resolved from outside "
        "the articles) or `inherited` (computed from a date the curators resolved)."
    ),
]


class VenuePublic(Public):
    name: Localized[str]
    preferred: bool = Field(description="The version shown first; the others disagree with it.")
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class AspectPublic(Public):
    """How the meeting went in one respect, as the sources give it."""

    aspect: MeetingAspect
    value: Localized[str] = Field(description='In the sources\' words: "more than six hours".')
    preferred: bool = Field(description="The version shown first; the others disagree with it.")
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class RoundPublic(Public):
    number: int
    id: str
    status: MeetingStatus
    name: Localized[str]
    start_date: str | None = Field(description="ISO 8601 date, as precise as date_precision says.")
    date_precision: DatePrecision
    date_note: Localized[str | None] = Field(
        description="How the date was derived from the sources."
    )
    date_origin: DateOriginField
    city: Localized[str | None]
    venues: list[VenuePublic] = Field(
        description="Every venue the sources give, the preferred one first."
    )
    aspects: list[AspectPublic] = Field(
        description="How the meeting went, as the sources give it: its duration, whether it was "
        "closed to the press, how it ended; in that order, every version of each, the preferred "
        "first. Empty when the sources say none of it."
    )
    summary: Localized[str]
    note: Localized[str | None]
    disputed_fields: list[str] = Field(
        description="Fields on which the sources disagree; see /conflicts for every version."
    )
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class MeetingRef(Public):
    """A meeting as it appears inside another record: the Riyadh meeting has no number."""

    id: str
    number: int | None
    kind: MeetingKind
    status: MeetingStatus
    name: Localized[str]
    start_date: str | None
    date_precision: DatePrecision


class TitlePublic(Public):
    title: Localized[str]
    preferred: bool
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class AliasPublic(Public):
    alias: str
    language: str
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class ParticipantSummary(Public):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "sonata-coulter",
                    "kind": "person",
                    "side": "US",
                    "name_en": "Sonata Coulter",
                    "name_ar": "سوناتا كولتر",
                    "title_en": "Deputy Assistant Secretary of State for European and "
                    "Eurasian Affairs",
                    "title_ar": "نائبة مساعد وزير الخارجية الأمريكية لشؤون أوروبا وأوراسيا",
                }
            ]
        }
    )

    id: str
    kind: ParticipantKind
    side: Side | None = Field(description="ISO 3166-1 alpha-2 code of the side, if any.")
    name: Localized[str]
    title: Localized[str | None] = Field(
        description="The preferred title, if the sources give one."
    )


class ParticipantPublic(ParticipantSummary):
    description: Localized[str]
    note: Localized[str | None]
    titles: list[TitlePublic] = Field(description="Every title the sources give, preferred first.")
    aliases: list[AliasPublic] = Field(description="Every spelling of the name in the sources.")
    disputed_fields: list[str] = Field(
        description="Fields on which the sources disagree; see /conflicts for every version."
    )
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class RoundParticipantPublic(ParticipantSummary):
    """A participant in one round; ``citations`` support the participation and role."""

    role: Role
    role_note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class ParticipantRoundPublic(Public):
    round: MeetingRef
    role: Role
    role_note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class IssueFields(Public):
    id: str
    name: Localized[str]
    summary: Localized[str]
    note: Localized[str | None]


class IssueItemPublic(Public):
    """A named thing an issue is about, such as one of the seized properties."""

    id: str
    name: Localized[str]
    place: Localized[str | None]
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class IssuePublic(IssueFields):
    items: list[IssueItemPublic] = Field(description="Named things the issue is about.")
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class RoundIssuePublic(IssueFields):
    """An issue as raised in one round; ``citations`` support the raising, not the issue."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "direct-flights",
                    "name_en": "Resumption of direct flights",
                    "name_ar": "استئناف الرحلات الجوية المباشرة",
                    "summary_en": "Restoring direct air links between Russia and the United "
                    'States, halted "with the beginning of the conflict" (the source does not '
                    "name it), to widen trade relations and contacts.",
                    "summary_ar": "استئناف الرحلات الجوية المباشرة بين روسيا والولايات المتحدة، "
                    "التي توقفت مع بداية الصراع، من أجل توسيع العلاقات التجارية والاتصالات.",
                    "note": None,
                    "raised_by": ["RU"],
                    "on_agenda": True,
                    "outcome": "raised",
                    "outcome_note": "Darchiev said both sides stressed the importance of "
                    "resuming flights.",
                    "support": "corroborated",
                    "source_count": 4,
                    "citations": [EXAMPLE_CITATION],
                }
            ]
        }
    )

    raised_by: list[Side] = Field(description="The sides that raised it; empty when unnamed.")
    on_agenda: bool
    outcome: Outcome
    outcome_note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class IssueRoundPublic(Public):
    """How an issue stood in one meeting."""

    round: MeetingRef
    raised_by: list[Side]
    on_agenda: bool
    outcome: Outcome
    outcome_note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class IssueDetail(IssuePublic):
    path: list[IssueRoundPublic] = Field(
        description="The issue's path through the meetings in date order, e.g. "
        "limited_progress in round 1, then raised in round 2; as /issues/{id}/rounds lists it."
    )


class SourcePublic(Public):
    id: str
    document: str = Field(description="File name of the document as shipped.")
    title: Localized[str]
    attribution: Localized[str | None]
    published_date: str | None
    published_precision: DatePrecision
    published_note: Localized[str | None]
    published_origin: DateOriginField
    language: str
    outlet: str | None = Field(
        description="The publication, as it names itself; null when the curators have not "
        "recorded it."
    )
    outlet_language: str | None = Field(
        description="BCP 47 tag of the outlet's own language, when it differs from the "
        "document's; null when not recorded."
    )
    url: str | None = Field(description="Where the article was published; null when not recorded.")
    sha256: str = Field(description="SHA-256 of the document's UTF-8 bytes.")
    char_count: int


class UncitedSpan(Public):
    start: int
    end: int
    reason: UncitedReason
    note: Localized[str | None]


class SourceDetail(SourcePublic):
    text: str = Field(description="The full document text; citation offsets index into it.")
    uncited: list[UncitedSpan] = Field(
        description="Spans deliberately not cited (site furniture, unrelated text), in text order."
    )


class CitedFact(Public):
    kind: FactKind = Field(description="What the fact is about: the kind of record stating it.")
    subject_id: str
    support: SupportGrade
    source_count: SourceCount


class SourceCitationPublic(CitationPublic):
    fact: CitedFact


class ParticipantRef(Public):
    id: str
    kind: ParticipantKind
    side: Side | None
    name: Localized[str]


class IssueRef(Public):
    id: str
    name: Localized[str]


class IssueInRound(Public):
    """How an issue stood in one round."""

    raised_by: list[Side]
    on_agenda: bool
    outcome: Outcome
    outcome_note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class OutcomeChange(Public):
    before: Outcome | None = Field(description="The outcome in the first round named, if there.")
    after: Outcome | None = Field(description="The outcome in the second round named, if there.")
    changed: bool


class IssueComparison(Public):
    issue: IssueRef
    change: Literal["new", "carried_over", "dropped"] = Field(
        description="new: only in the later round; dropped: only in the earlier; "
        "carried_over: in both."
    )
    outcome: OutcomeChange = Field(description="How the issue's outcome moved between the two.")
    before: IssueInRound | None = Field(description="In the first round named, if there.")
    after: IssueInRound | None = Field(description="In the second round named, if there.")


class AspectComparison(Public):
    """One aspect of how two meetings went, side by side (each side's preferred version)."""

    aspect: MeetingAspect
    before: AspectPublic | None
    after: AspectPublic | None


class RoundComparison(Public):
    before: MeetingRef
    after: MeetingRef
    issues: list[IssueComparison]
    aspects: list[AspectComparison] = Field(
        description="How each meeting went, aspect by aspect, for every aspect either has; null "
        "on the side the sources say nothing of."
    )


class SourceRef(Public):
    """An article, with the credit line it gives itself ("agencies"), if any."""

    id: str
    title: Localized[str]
    attribution: Localized[str | None]


class AttributionPublic(Public):
    """Whom the reporting article credits for a statement, in its own words."""

    via: ParticipantRef | None = Field(
        description="The credited participant, when it is one (a news agency such as TASS)."
    )
    text: Localized[str]
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class StatementPublic(Public):
    """Who said what: the gist in both languages, the article's own words as citations.

    Three parties are kept apart: the ``speaker`` who said it, the articles that report it
    (``reported_in``), and whoever an article credits for the report (``attribution``).
    """

    id: str
    speaker: ParticipantRef
    reported_in: list[SourceRef] = Field(description="The articles quoted in the citations.")
    attribution: AttributionPublic | None = Field(
        description='Whom the article credits ("according to TASS"); null when it credits no one.'
    )
    round: MeetingRef | None = Field(
        description="The meeting the articles say the statement was made at or is about; null "
        "when they do not say. Where an article only places it near a meeting, `note` says so."
    )
    issues: list[IssueRef]
    statement_date: str | None
    date_precision: DatePrecision
    date_note: Localized[str | None]
    date_origin: DateOriginField
    earliest_date: str | None = Field(
        description='First day the statement may have been made (said "earlier", "on or '
        'before"...); null when nothing bounds it from below.'
    )
    latest_date: str | None = Field(description="Last day the statement may have been made.")
    gist: Localized[str]
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class ParticipantDetail(ParticipantPublic):
    statements: list[StatementPublic] = Field(description="What this participant said.")


class EventPublic(Public):
    id: str
    kind: EventKind
    event_date: str | None = Field(description="ISO 8601: a day (YYYY-MM-DD) or a month (YYYY-MM).")
    date_precision: DatePrecision
    date_note: Localized[str | None] = Field(
        description="How the date was derived from the sources."
    )
    date_origin: DateOriginField
    earliest_date: str | None = Field(
        description="First day the date may denote; null when nothing bounds it from below (a "
        'statement said "on or before" a day).'
    )
    latest_date: str | None = Field(description="Last day the date may denote.")
    title: Localized[str]
    summary: Localized[str | None]
    round: MeetingRef | None
    statement_id: str | None
    participants: list[ParticipantRef]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class VersionPublic(Public):
    value: Localized[str]
    preferred: bool
    note: Localized[str | None]
    support: SupportGrade
    source_count: SourceCount
    claims: ClaimGrades
    citations: Citations


class SubjectRef(Public):
    kind: SubjectKind
    id: str
    name: Localized[str]


class ConflictPublic(Public):
    """A fact on which the sources disagree, with every version and its citations."""

    subject: SubjectRef
    field: str
    versions: list[VersionPublic] = Field(description="The preferred version first.")


class CharacterCoverage(Public):
    """Coverage counted in characters: letters and digits, so spacing and punctuation weigh
    nothing and a single unaccounted word shows."""

    total: int
    cited: int = Field(description="Inside at least one citation.")
    marked: int = Field(description="Inside a span marked as not about the talks, and no citation.")
    uncovered: int = Field(description="Neither cited nor marked.")
    cited_share: float
    accounted_share: float = Field(description="Cited or marked, as a share of `total`.")


class CoverageFigures(Public):
    sentences: int
    cited: int = Field(description="Sentences covered more by citations than by marks.")
    marked: int = Field(description="Sentences marked by the curators as not about the talks.")
    uncovered: int = Field(
        description="Sentences with at least one character neither cited nor marked."
    )
    cited_share: float
    accounted_share: float
    characters: CharacterCoverage


class DocumentCoverage(CoverageFigures):
    source_id: str
    document: str


class CoveragePublic(Public):
    documents: list[DocumentCoverage]
    total: CoverageFigures


class MetaPublic(Public):
    data_version: str = Field(description="SHA-256 of the curated files and documents built.")
    built_at: str = Field(description="When the database file was built (UTC, ISO 8601).")
    counts: dict[str, int] = Field(description="Rows per kind of record.")
    coverage: CoveragePublic


class SearchType(StrEnum):
    round = "round"
    participant = "participant"
    issue = "issue"
    statement = "statement"
    event = "event"
    source = "source"


class SearchMatch(Public):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "field": "text",
                    "language": "ar",
                    "start": 1314,
                    "end": 1327,
                    "snippet": "…بما في ذلك <mark>عقار كيلينورث</mark> في لونغ آيلاند…",
                }
            ]
        }
    )

    field: str = Field(description="Which field matched: name, alias, title, summary, text...")
    language: str = Field(
        description="The language of the matched text, a BCP 47 tag: `en` or `ar` for a "
        "record's bilingual fields, the source's own language (`ar`, `en`, `ru`...) for its text."
    )
    start: int = Field(description="Offset of the match in the field's original text.")
    end: int = Field(description="Offset just past the match.")
    snippet: str = Field(
        description="HTML: the match in <mark> with context either side; text is escaped."
    )


class SearchResult(Public):
    type: SearchType
    id: str
    label: Localized[str]
    score: float = Field(description="Lower is better (bm25, weighted by field).")
    match: SearchMatch
    via: str | None = Field(
        description="For a source found through a record's name in the other language, "
        "that record as `type:id`."
    )


class SearchPage(Page[SearchResult]):
    """A page of search results, and what to search for instead when nothing matched."""

    suggestions: list[str] = Field(
        description="For a search that found nothing: the query with each word that is no "
        "known name replaced by the nearest one (`Darchev` gives `darchiev`). Empty otherwise."
    )


class Health(Public):
    status: Literal["ok", "degraded"] = Field(
        description="`degraded` (with a 503) when the file served was changed in place, which "
        "a build never does: answers may fail or mix two files until the process restarts."
    )
    data_version: str = Field(description="The data version this server process serves.")
    file_replaced: bool = Field(
        description="Whether a rebuild has since replaced the database file on disk; the "
        "process keeps serving the build it opened until it is restarted."
    )
    file_changed: bool = Field(
        description="Whether the file served was written to in place since start-up (copied "
        "over or truncated rather than replaced by a rebuild)."
    )
    file_checked: bool = Field(
        description="Whether the file served was checked at start-up to be byte for byte what "
        "its build wrote (its seal; a damaged file is never served); false when that check is "
        "turned off."
    )
