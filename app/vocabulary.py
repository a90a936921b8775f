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


class SubjectKind(StrEnum):
    """What a disputed field belongs to."""

    round = "round"
    participant = "participant"
    issue = "issue"
