"""The vocabularies the data uses, in one place: the tables store their values, the response
schemas declare them (so the OpenAPI document lists exactly these), and the seed script
validates the curated files against them."""

from enum import StrEnum


class Side(StrEnum):
    """A negotiating side, as an ISO 3166-1 alpha-2 country code."""

    RU = "RU"
    US = "US"


class ParticipantKind(StrEnum):
    person = "person"
    organization = "organization"


class MeetingKind(StrEnum):
    round = "round"
    """A numbered round of the embassy talks."""
    ministerial = "ministerial"
    """The foreign ministers' meeting that preceded the rounds; not a numbered round."""


class MeetingStatus(StrEnum):
    held = "held"
    announced = "announced"


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    approximate = "approximate"
    unknown = "unknown"


class DateOrigin(StrEnum):
    """Where a calendar date comes from. The articles often give only a weekday or "last week";
    a date the curators had to resolve from outside them is marked so, and so is every date
    computed from one."""

    articles = "articles"
    """The articles give this date (a year may be inferred from the articles themselves)."""
    curators = "curators"
    """Resolved by the curators from outside the five articles; date_note says how."""
    inherited = "inherited"
    """Computed from a date the curators resolved (round 2's); date_note says from which."""


class Role(StrEnum):
    delegation_head = "delegation_head"
    """Led its side's delegation."""
    minister = "minister"
    """Met as foreign minister (the Riyadh meeting)."""
    spokesperson = "spokesperson"
    """Spoke publicly for a ministry about the round."""
    announcer = "announcer"
    """Announced the round."""
    delegation = "delegation"
    """Sent experts to the delegation."""


class Outcome(StrEnum):
    raised = "raised"
    """Raised by a side, with no result reported."""
    proposed = "proposed"
    """Put forward by a side as a proposal."""
    discussed = "discussed"
    """Reported as discussed, with no side or result named."""
    limited_progress = "limited_progress"
    excluded = "excluded"
    """Explicitly kept off the agenda."""
    planned = "planned"
    """Announced for a round that had not yet taken place."""
    listed = "listed"
    """Listed among a round's goals as it opened; no source reports that it was discussed."""


class MeetingAspect(StrEnum):
    """How a meeting went, as the sources give it: each a cited fact, with versions when they
    differ."""

    duration = "duration"
    """How long it lasted, in the sources' words ("more than six hours")."""
    press = "press"
    """Whether it was open or closed to the press ("away from the media")."""
    ending = "ending"
    """How it ended: who left first, a statement to the press or none."""


class EventKind(StrEnum):
    meeting = "meeting"
    appointment = "appointment"
    announcement = "announcement"
    statement = "statement"


class Support(StrEnum):
    """How well a fact is supported, graded by the seed script from its citations."""

    single_source = "single_source"
    """Cited from one article only."""
    corroborated = "corroborated"
    """Cited from two or more articles that agree."""
    disputed = "disputed"
    """One of several versions the articles give of the same thing; see ``/conflicts``."""
    inferred = "inferred"
    """Supported only through the curators' reading of the citations (an identification, a
    general phrase taken as this issue); the citations' notes say what was inferred."""


class Claim(StrEnum):
    """One thing a record asserts, graded on its own from the citations that support it. Each
    kind of record asserts its first claim (what the record is about) and, where the record
    has the field, the others of its kind: see ``CLAIMS``."""

    stated = "stated"
    """That the sources state it: a participant, title, spelling, issue, venue or version."""
    occurred = "occurred"
    """That the meeting or event took place (or, for an announced round, was announced)."""
    date = "date"
    """The meeting's date, when the articles give it (``date_origin: articles``)."""
    city = "city"
    """The meeting's city."""
    took_part = "took_part"
    """That the participant took part in the meeting."""
    role = "role"
    """The participant's role in the meeting."""
    came_up = "came_up"
    """That the issue came up in (or was named for) the meeting."""
    raised_by = "raised_by"
    """Which side raised it."""
    on_agenda = "on_agenda"
    """Whether it was on the meeting's agenda."""
    outcome = "outcome"
    """What became of it there."""
    said = "said"
    """That the speaker said it."""


class UncitedReason(StrEnum):
    """Why a span of a source is deliberately not cited."""

    boilerplate = "boilerplate"
    """Site furniture: navigation, "most read" lists, related headlines, share buttons."""
    unrelated = "unrelated"
    """Text about something other than the talks."""
    commentary = "commentary"
    """The writer's general commentary, stating no fact about the talks."""
    repeated = "repeated"
    """A repeat of text already cited, such as a headline printed twice."""
    heading = "heading"
    """A section heading of the article, announcing what the cited text below it says."""


class FactKind(StrEnum):
    """What a fact is about: the table of the row that states it."""

    round = "round"
    round_venue = "round_venue"
    round_aspect = "round_aspect"
    round_participant = "round_participant"
    round_issue = "round_issue"
    participant = "participant"
    participant_title = "participant_title"
    participant_alias = "participant_alias"
    issue = "issue"
    issue_item = "issue_item"
    fact_version = "fact_version"
    statement = "statement"
    attribution = "attribution"
    event = "event"


# The claims each kind of record can make, the record's own first: its ``support`` grades that
# one. A claim is made only when the record has the field (a round with no city makes no
# ``city`` claim; an issue raised by no named side, no ``raised_by`` claim).
CLAIMS: dict[FactKind, tuple[Claim, ...]] = {
    FactKind.round: (Claim.occurred, Claim.date, Claim.city),
    FactKind.round_participant: (Claim.took_part, Claim.role),
    FactKind.round_issue: (Claim.came_up, Claim.raised_by, Claim.on_agenda, Claim.outcome),
    FactKind.statement: (Claim.said,),
    FactKind.event: (Claim.occurred,),
} | {
    kind: (Claim.stated,)
    for kind in (
        FactKind.round_venue,
        FactKind.round_aspect,
        FactKind.participant,
        FactKind.participant_title,
        FactKind.participant_alias,
        FactKind.issue,
        FactKind.issue_item,
        FactKind.fact_version,
        FactKind.attribution,
    )
}


class SubjectKind(StrEnum):
    """What a disputed field belongs to."""

    round = "round"
    participant = "participant"
    issue = "issue"
