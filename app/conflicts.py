"""Facts on which the sources disagree, gathered from every table that keeps versions."""

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from app.models import FactVersion, Issue, Participant, ParticipantTitle, Round, RoundVenue
from app.presenters import load_by_id, load_citations
from app.schemas import ConflictPublic, SubjectRef, VersionPublic

SUBJECT_TABLES: dict[str, Any] = {"round": Round, "participant": Participant, "issue": Issue}


def load_conflicts(session: Session) -> list[ConflictPublic]:
    # (subject kind, subject id, field) -> versions as (value_en, value_ar, preferred, note, fact)
    groups: dict[tuple[str, str, str], list[tuple[str, str, bool, str | None, int]]] = defaultdict(
        list
    )
    for venue in session.exec(select(RoundVenue).order_by(col(RoundVenue.id))):
        groups["round", venue.round_id, "venue"].append(
            (venue.name_en, venue.name_ar, venue.is_preferred, venue.note, venue.fact_id)
        )
    for title in session.exec(select(ParticipantTitle).order_by(col(ParticipantTitle.id))):
        groups["participant", title.participant_id, "title"].append(
            (title.title_en, title.title_ar, title.is_preferred, title.note, title.fact_id)
        )
    for version in session.exec(select(FactVersion).order_by(col(FactVersion.id))):
        groups[version.subject_kind, version.subject_id, version.field].append(
            (
                version.value_en,
                version.value_ar,
                version.is_preferred,
                version.note,
                version.fact_id,
            )
        )
    disputed = {key: versions for key, versions in groups.items() if len(versions) > 1}
    citations = load_citations(session, [v[4] for versions in disputed.values() for v in versions])
    subjects = {
        kind: load_by_id(session, table, [key[1] for key in disputed if key[0] == kind])
        for kind, table in SUBJECT_TABLES.items()
    }
    conflicts = []
    for (kind, subject_id, field_name), versions in sorted(disputed.items()):
        subject = subjects[kind][subject_id]
        conflicts.append(
            ConflictPublic(
                subject=SubjectRef(
                    kind=kind, id=subject_id, name_en=subject.name_en, name_ar=subject.name_ar
                ),
                field=field_name,
                versions=[
                    VersionPublic(
                        value_en=value_en,
                        value_ar=value_ar,
                        preferred=preferred,
                        note=note,
                        citations=citations[fact_id],
                    )
                    # The preferred version first, the others in curated order.
                    for value_en, value_ar, preferred, note, fact_id in sorted(
                        versions, key=lambda version: not version[2]
                    )
                ],
            )
        )
    return conflicts
