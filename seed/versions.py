"""Which facts are versions of one another: the sources' differing accounts of one field.

Four tables keep versions (a round's venues and aspects, a participant's titles, and any other
field in ``fact_version``). The seed script grades the facts of a group with more than one
version as disputed, and ``/conflicts`` serves the same groups, so both read them through here.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.localized import texts
from app.models import FactVersion, MeetingAspectVersion, MeetingVenue, ParticipantTitle

VersionKey = tuple[str, str, str]
"""(subject kind, subject id, field), e.g. ``("round", "round-2", "venue")``."""


@dataclass(frozen=True)
class Version:
    value: dict[str, str]
    """In every language, keyed as the public version is (``value_en``...)."""
    preferred: bool
    note: dict[str, str | None]
    """In every language, keyed as the public version is (``note_en``...)."""
    fact_id: int


def group_versions(
    venues: Iterable[MeetingVenue],
    titles: Iterable[ParticipantTitle],
    fact_versions: Iterable[FactVersion],
    aspects: Iterable[MeetingAspectVersion] = (),
) -> dict[VersionKey, list[Version]]:
    """Every versioned field with its versions, in the order given."""
    groups: dict[VersionKey, list[Version]] = defaultdict(list)
    for venue in venues:
        groups["round", venue.meeting_id, "venue"].append(
            Version(
                texts(venue, "name", "value"), venue.preferred, texts(venue, "note"), venue.fact_id
            )
        )
    for title in titles:
        groups["participant", title.participant_id, "title"].append(
            Version(
                texts(title, "title", "value"), title.preferred, texts(title, "note"), title.fact_id
            )
        )
    for version in fact_versions:
        groups[version.subject_kind, version.subject_id, version.field].append(
            Version(
                texts(version, "value"), version.preferred, texts(version, "note"), version.fact_id
            )
        )
    for aspect in aspects:
        groups["round", aspect.meeting_id, aspect.aspect].append(
            Version(texts(aspect, "value"), aspect.preferred, texts(aspect, "note"), aspect.fact_id)
        )
    return groups


def versions_in(of: Callable[[type[Any]], list[Any]]) -> dict[VersionKey, list[Version]]:
    """Every versioned field of a dataset, read with its ``of`` (rows of a table): the one
    list of the tables that keep versions, for the grading and the serving alike."""
    return group_versions(
        of(MeetingVenue), of(ParticipantTitle), of(FactVersion), of(MeetingAspectVersion)
    )


def disputed_groups(groups: dict[VersionKey, list[Version]]) -> dict[VersionKey, list[Version]]:
    """The fields on which the sources give more than one version."""
    return {key: versions for key, versions in groups.items() if len(versions) > 1}
