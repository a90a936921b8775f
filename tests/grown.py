"""A copy of the curated data grown by three more articles, as a curator would grow it.

Three short TEST FIXTURE articles (English, Russian, Arabic), brought in with
``python -m seed add-source`` and cited from existing and new records: new quotes for round 2,
for an issue raised there and for Darchiev; a new statement, a new issue and a new
announcement. The suite runs against a build of it (``PARLEY_TEST_DATA=grown``) to show that
its tests hold facts, not today's counts: only tests marked ``five_articles`` may fail there.
"""

import shutil
from pathlib import Path
from typing import Any

import yaml

from app.core.config import CURATED_DATA_DIR, CURATED_DOCUMENTS_DIR
from seed.__main__ import main as seed_main

HEADER = "TEST FIXTURE — an invented article, not a real one: tests/grown.py adds it.\n\n"
ARTICLES: dict[str, tuple[str, str]] = {
    "grown-wire-en": (
        "en",
        HEADER + "Russian and US diplomats held a second round of talks in Istanbul. "
        "Ambassador Alexander Darchiev said the sides discussed resuming direct flights.\n",
    ),
    "grown-agency-ru": (
        "ru",
        HEADER + "Посол Александр Дарчиев заявил, что стороны обсудили работу консульств.\n",
    ),
    "grown-daily-ar": (
        "ar",
        HEADER + "قال السفير ألكسندر دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات.\n",
    ),
}
TITLES = {
    "grown-wire-en": ("A second round in Istanbul (test fixture)", "جولة ثانية في إسطنبول (اختبار)"),
    "grown-agency-ru": ("Darchiev on the consulates (test fixture)", "دارتشييف والقنصليات (اختبار)"),
    "grown-daily-ar": ("Reopening consulates (test fixture)", "إعادة فتح القنصليات (اختبار)"),
}
GLOSSES = {
    "grown-agency-ru": {
        "Посол Александр Дарчиев заявил, что стороны обсудили работу консульств": (
            "Ambassador Alexander Darchiev said the sides discussed the work of the consulates"
        ),
    },
    "grown-daily-ar": {
        "قال السفير ألكسندر دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات": (
            "Ambassador Alexander Darchiev said the two sides would discuss reopening the "
            "consulates"
        ),
    },
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, value: Any) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _cite(source: str, quote: str) -> dict[str, str]:
    return {"source": source, "quote": quote}


def _record(records: list[dict[str, Any]], record_id: str) -> dict[str, Any]:
    return next(record for record in records if record.get("id") == record_id)


def grow(into: Path) -> tuple[Path, Path]:
    """Copy the curated data and documents under ``into``, add the three articles and what
    cites them, and return the data and documents directories."""
    data = Path(shutil.copytree(CURATED_DATA_DIR, into / "data"))
    documents = Path(shutil.copytree(CURATED_DOCUMENTS_DIR, into / "documents"))
    where = ["--data-dir", str(data), "--documents-dir", str(documents)]
    for source_id, (language, text) in ARTICLES.items():
        article = into / f"{source_id}.txt"
        article.write_text(text, encoding="utf-8")
        code = seed_main(["add-source", str(article), "--id", source_id, "--lang", language, *where])
        assert code == 0, f"add-source {source_id} exited {code}"

    sources = _load(data / "sources.yaml")
    for entry in sources:
        if entry["id"] in ARTICLES:
            title_en, title_ar = TITLES[entry["id"]]
            entry.update(title_en=title_en, title_ar=title_ar, published_precision="unknown")
            for optional in ("attribution_ar", "attribution_en", "published_date"):
                entry.pop(optional, None)
            entry.update(published_note=None, published_origin=None)
            entry["uncited"] = [
                {"quote": HEADER.strip(), "reason": "boilerplate", "note": "The fixture's header."}
            ]
    _dump(data / "sources.yaml", [_without_none(entry) for entry in sources])
    for source_id, glosses in GLOSSES.items():
        _dump(
            data / "glosses" / f"{source_id}.yaml",
            {
                "gloss_by": "curators",
                "glosses": [{"quote": q, "gloss_en": g} for q, g in glosses.items()],
            },
        )

    rounds = _load(data / "rounds.yaml")
    round_2 = _record(rounds, "round-2")
    round_2["citations"].append(
        _cite("grown-wire-en", "Russian and US diplomats held a second round of talks in Istanbul")
    )
    flights = next(link for link in round_2["issues"] if link["issue"] == "direct-flights")
    flights["citations"].append(
        _cite("grown-wire-en", "the sides discussed resuming direct flights")
    )
    round_2["issues"].append(
        {
            "issue": "grown-consulates",
            "raised_by": [],
            "on_agenda": True,
            "outcome": "discussed",
            "citations": [
                _cite(
                    "grown-agency-ru",
                    "Посол Александр Дарчиев заявил, что стороны обсудили работу консульств",
                )
            ],
        }
    )
    _dump(data / "rounds.yaml", rounds)

    issues = _load(data / "issues.yaml")
    issues.append(
        {
            "id": "grown-consulates",
            "name_en": "Work of the consulates (test fixture)",
            "name_ar": "عمل القنصليات (اختبار)",
            "summary_en": "The work and reopening of consulates (test fixture).",
            "summary_ar": "عمل القنصليات وإعادة فتحها (اختبار).",
            "citations": [
                _cite(
                    "grown-daily-ar",
                    "قال السفير ألكسندر دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات",
                )
            ],
        }
    )
    _dump(data / "issues.yaml", issues)

    participants = _load(data / "participants.yaml")
    _record(participants, "alexander-darchiev")["citations"].append(
        _cite("grown-wire-en", "Ambassador Alexander Darchiev")
    )
    _dump(data / "participants.yaml", participants)

    statements = _load(data / "statements.yaml")
    statements.append(
        {
            "id": "grown-darchiev-consulates",
            "speaker": "alexander-darchiev",
            "round": "round-2",
            "issues": ["grown-consulates"],
            "date_precision": "unknown",
            "gist_en": "Darchiev said the sides would discuss reopening the consulates.",
            "gist_ar": "قال دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات.",
            "citations": [
                _cite(
                    "grown-daily-ar",
                    "قال السفير ألكسندر دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات",
                )
            ],
        }
    )
    _dump(data / "statements.yaml", statements)
    return data, documents


def _without_none(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value is not None}
