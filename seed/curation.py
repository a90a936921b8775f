"""The shape of the curated files in ``seed/data/``, validated with the API's own vocabularies."""

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.localized import LANGUAGES, Localized, LocalizedModelMeta, localized_texts, text_in
from app.vocabulary import (
    Claim,
    DateOrigin,
    DatePrecision,
    EventKind,
    MeetingAspect,
    MeetingKind,
    MeetingStatus,
    Outcome,
    ParticipantKind,
    Role,
    Side,
    SubjectKind,
    UncitedReason,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
# A BCP 47 language tag, checked for shape in its canonical case: a 2-3 letter language, then
# optional script, region and variant subtags ("ar", "en", "ru", "en-GB", "sr-Latn").
LANGUAGE_TAG_PATTERN = (
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*$"
)
LanguageTag = Annotated[str, StringConstraints(pattern=LANGUAGE_TAG_PATTERN)]
# The one language a quote needs no gloss in: glosses are English.
GLOSS_LANGUAGE = "en"
# Who "wrote" the gloss of a quote from an English document: the document itself.
ORIGINAL_GLOSS_BY = "source"


# The languages commonly written in each non-Latin script an alias may be spelt in; a spelling
# in one of these scripts is tagged with one of its languages (or names the script: ``-Cyrl``).
SCRIPT_LANGUAGES: dict[str, tuple[str, frozenset[str]]] = {
    "Arab": ("\u0600-\u06ff\u0750-\u077f", frozenset({"ar", "fa", "ur", "ps", "ku"})),
    "Cyrl": ("\u0400-\u04ff", frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky"})),
}


def script_mismatch(spelling: str, language: str) -> str | None:
    """Why ``language`` (a BCP 47 tag) cannot be the language ``spelling`` is written in, or
    None: an Arabic-script spelling is not ``en``, a Latin one not ``ru``."""
    primary, *subtags = language.split("-")
    for script, (letters, languages) in SCRIPT_LANGUAGES.items():
        written_in = re.search(f"[{letters}]", spelling) is not None
        if written_in and primary not in languages and script not in subtags:
            return f"it is written in {script} script, which '{language}' is not written in"
        latin = not written_in and re.search("[A-Za-z]", spelling) is not None
        if latin and primary in languages and "Latn" not in subtags:
            return f"it is written in Latin script; a transliteration is '{primary}-Latn'"
    return None


def quotes_need_glosses(language: str) -> bool:
    """Quotes from an English document are their own English rendering; quotes in any other
    language need a curated gloss in ``glosses/<source id>.yaml``."""
    return language.split("-")[0] != GLOSS_LANGUAGE


class Curated(BaseModel, metaclass=LocalizedModelMeta):
    # A misspelt key in a curated file must fail the build, not vanish.
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _every_language_or_none(self) -> "Curated":
        """An optional text (a note) is given in every configured language or in none: an
        Arabic reader is never served the English of a note."""
        for text in localized_texts(type(self)):
            given = [code for code in LANGUAGES if text_in(self, text, code) is not None]
            if given and len(given) < len(LANGUAGES):
                missing = ", ".join(f"{text}_{code}" for code in LANGUAGES if code not in given)
                raise ValueError(f"{text} is given in {', '.join(given)} but not as {missing}")
        return self


class CuratedCitation(Curated):
    source: Slug
    quote: Annotated[str, StringConstraints(min_length=1)]
    occurrence: Annotated[int, Field(ge=1)] | None = None
    """Which occurrence of the quote is meant, when it appears more than once in the document."""
    about: Literal["meeting", "background"] = "meeting"
    """On a meeting's issue: whether the sentence reports the meeting itself, or background
    (what the sides have complained of in recent years). Only the first puts an issue on a
    meeting's agenda or names who raised it there; a background citation supports no claim."""
    supports: list[Claim] = []
    """The record's claims this citation supports besides the record's own (which every
    citation about it supports): e.g. ``[raised_by, outcome]`` on a meeting's issue when the
    sentence says who raised it and what became of it."""
    inferred: bool = False
    """The citation supports its claims only through the curators' reading (an
    identification, a general phrase taken as this issue). It is served, marked, and never
    counts towards a grade; ``note`` must say what was inferred."""
    note: Localized[Text | None] = None


class Cited(Curated):
    citations: Annotated[list[CuratedCitation], Field(min_length=1)]


class CuratedUncited(Curated):
    """A span of a source that is deliberately not cited, and why."""

    quote: Annotated[str, StringConstraints(min_length=1)]
    occurrence: Annotated[int, Field(ge=1)] | None = None
    reason: UncitedReason
    note: Localized[Text | None] = None


class CuratedSource(Curated):
    id: Slug
    document: Text
    title: Localized[Text]
    attribution: Localized[Text | None] = None
    published_date: IsoDate | None = None
    published_precision: DatePrecision
    published_note: Localized[Text | None] = None
    published_origin: DateOrigin | None = None
    language: LanguageTag
    """The language the document is written in; no default, so a new article is never
    silently taken for Arabic."""
    outlet: Text | None = None
    """The publication, as it names itself ("Reuters", "RIA Novosti"); null when not recorded."""
    outlet_language: LanguageTag | None = None
    """The outlet's own language, when it differs from the document's (a translated report)."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where the article was published."""
    uncited: list[CuratedUncited] = []


class CuratedTitle(Cited):
    title: Localized[Text]
    preferred: bool
    note: Localized[Text | None] = None


class CuratedAlias(Cited):
    alias: Text
    # A BCP 47 tag, like a source's: an alias may be in any script.
    language: LanguageTag = "ar"


class CuratedParticipant(Cited):
    id: Slug
    kind: ParticipantKind
    side: Side | None
    name: Localized[Text]
    description: Localized[Text]
    note: Localized[Text | None] = None
    titles: list[CuratedTitle] = []
    aliases: list[CuratedAlias] = []


class CuratedIssueItem(Cited):
    id: Slug
    name: Localized[Text]
    place: Localized[Text | None] = None
    note: Localized[Text | None] = None


class CuratedIssue(Cited):
    id: Slug
    name: Localized[Text]
    summary: Localized[Text]
    note: Localized[Text | None] = None
    items: list[CuratedIssueItem] = []


class CuratedVenue(Cited):
    name: Localized[Text]
    preferred: bool
    note: Localized[Text | None] = None


class CuratedMeetingAspect(Cited):
    """How a meeting went, in one respect, as one or more sources give it: a second version of
    the same aspect is another entry, one of them preferred."""

    aspect: MeetingAspect
    value: Localized[Text]
    preferred: bool = True
    note: Localized[Text | None] = None


class CuratedRoundParticipant(Cited):
    participant: Slug
    role: Role
    role_note: Localized[Text | None] = None


class CuratedRoundIssue(Cited):
    issue: Slug
    raised_by: list[Side]
    on_agenda: bool
    outcome: Outcome
    outcome_note: Localized[Text | None] = None


class CuratedRound(Cited):
    id: Slug
    number: Annotated[int, Field(ge=1)] | None = None
    kind: MeetingKind
    status: MeetingStatus
    name: Localized[Text]
    start_date: IsoDate | None = None
    date_precision: DatePrecision
    date_note: Localized[Text | None] = None
    date_origin: DateOrigin | None = None
    city: Localized[Text | None] = None
    summary: Localized[Text]
    note: Localized[Text | None] = None
    venues: list[CuratedVenue] = []
    aspects: list[CuratedMeetingAspect] = []
    participants: list[CuratedRoundParticipant] = []
    issues: list[CuratedRoundIssue] = []


class CuratedVersion(Cited):
    value: Localized[Text]
    preferred: bool
    note: Localized[Text | None] = None


class CuratedVersionSet(Curated):
    """The versions the sources give of one field of one record."""

    subject_kind: SubjectKind
    subject_id: Slug
    field: Text
    versions: Annotated[list[CuratedVersion], Field(min_length=2)]


class CuratedAttribution(Cited):
    """Whom the article credits for a statement: "according to TASS", "agencies"."""

    via: Slug | None = None
    """The credited participant, when it is one."""
    text: Localized[Text]
    note: Localized[Text | None] = None


class CuratedStatement(Cited):
    id: Slug
    speaker: Slug
    round: Slug | None = None
    issues: list[Slug] = []
    statement_date: IsoDate | None = None
    date_precision: DatePrecision
    date_note: Localized[Text | None] = None
    date_origin: DateOrigin | None = None
    earliest_date: IsoDate | None = None
    latest_date: IsoDate | None = None
    """For a statement said "earlier" or "on or before" a day: the range it may fall in."""
    gist: Localized[Text]
    note: Localized[Text | None] = None
    attribution: CuratedAttribution | None = None


class CuratedEvent(Cited):
    """A timeline entry that is neither a meeting nor a statement (those are derived)."""

    id: Slug
    kind: EventKind
    event_date: IsoDate | None = None
    date_precision: DatePrecision
    date_note: Localized[Text | None] = None
    date_origin: DateOrigin | None = None
    earliest_date: IsoDate | None = None
    latest_date: IsoDate | None = None
    """For an approximate date: the range it may fall in, when wider than event_date."""
    title: Localized[Text]
    summary: Localized[Text | None] = None
    round: Slug | None = None
    participants: list[Slug] = []


# A sentence the build fills with a participant's name, in the same language.
SpeakerTemplate = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"\{speaker\}")]


class CuratedWording(Curated):
    """How the build words what it derives rather than reads, in every language:
    ``wording.yaml``. A new language adds its wording here, not in code."""

    statement_title: Localized[SpeakerTemplate]
    """A statement's title on the timeline and in search, e.g. ``Statement by {speaker}``."""


class CuratedGloss(Curated):
    quote: Annotated[str, StringConstraints(min_length=1)]
    gloss_en: Text


class CuratedGlosses(Curated):
    """The English glosses of every quote cited from one source: ``glosses/<source id>.yaml``."""

    gloss_by: Text
    glosses: list[CuratedGloss]
