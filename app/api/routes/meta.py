from datetime import UTC, datetime

from fastapi import APIRouter, Request
from sqlalchemy import func
from sqlmodel import SQLModel, col, select

from app.api.deps import SessionDep
from app.models import (
    Citation,
    DatasetMeta,
    Event,
    FactVersion,
    Issue,
    IssueItem,
    Participant,
    Round,
    Source,
    SourceCoverage,
    Statement,
)
from app.schemas import CoverageFigures, CoveragePublic, DocumentCoverage, MetaPublic

router = APIRouter(tags=["meta"])

COUNTED: dict[str, type[SQLModel]] = {
    "meetings": Round,
    "participants": Participant,
    "issues": Issue,
    "issue_items": IssueItem,
    "statements": Statement,
    "events": Event,
    "versions": FactVersion,
    "sources": Source,
    "citations": Citation,
}


def figures(sentences: int, cited: int, marked: int, uncovered: int) -> dict[str, float | int]:
    return {
        "sentences": sentences,
        "cited": cited,
        "marked": marked,
        "uncovered": uncovered,
        "cited_share": round(cited / sentences, 4) if sentences else 0.0,
        "accounted_share": round(1 - uncovered / sentences, 4) if sentences else 1.0,
    }


@router.get("/meta")
def read_meta(request: Request, session: SessionDep) -> MetaPublic:
    """The data version, when it was built, row counts and how much of each source is cited."""
    meta = session.exec(select(DatasetMeta)).one()
    rows = session.exec(
        select(SourceCoverage, Source.document)
        .join(Source, col(Source.id) == col(SourceCoverage.source_id))
        .order_by(col(Source.document))
    ).all()
    documents = [
        DocumentCoverage(
            source_id=coverage.source_id,
            document=document,
            **figures(coverage.sentences, coverage.cited, coverage.marked, coverage.uncovered),
        )
        for coverage, document in rows
    ]
    total = CoverageFigures(
        **figures(
            *(
                sum(getattr(d, name) for d in documents)
                for name in ("sentences", "cited", "marked", "uncovered")
            )
        )
    )
    built = request.app.state.settings.database_path.stat().st_mtime
    return MetaPublic(
        data_version=meta.data_version,
        built_at=datetime.fromtimestamp(built, UTC).isoformat(timespec="seconds"),
        counts={
            name: session.exec(select(func.count()).select_from(table)).one()
            for name, table in COUNTED.items()
        },
        coverage=CoveragePublic(documents=documents, total=total),
    )
