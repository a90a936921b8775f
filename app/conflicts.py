"""Facts on which the sources disagree, gathered from every table that keeps versions."""

from typing import Any

from sqlmodel import Session, col, select

from app.models import FactVersion, Issue, Participant, ParticipantTitle, Round, RoundVenue
from app.presenters import load_by_id, load_evidence
from app.schemas import ConflictPublic, SubjectRef, VersionPublic
from app.versions import disputed_groups, group_versions

SUBJECT_TABLES: dict[str, Any] = {"round": Round, "participant": Participant, "issue": Issue}


def load_conflicts(session: Session) -> list[ConflictPublic]:
    disputed = disputed_groups(
        group_versions(
            session.exec(select(RoundVenue).order_by(col(RoundVenue.id))).all(),
            session.exec(select(ParticipantTitle).order_by(col(ParticipantTitle.id))).all(),
            session.exec(select(FactVersion).order_by(col(FactVersion.id))).all(),
        )
    )
    evidence = load_evidence(session, [v.fact_id for vs in disputed.values() for v in vs])
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
                        value_en=version.value_en,
                        value_ar=version.value_ar,
                        preferred=version.preferred,
                        note=version.note,
                        **evidence[version.fact_id],
                    )
                    # The preferred version first, the others in curated order.
                    for version in sorted(versions, key=lambda version: not version.preferred)
                ],
            )
        )
    return conflicts
