"""A copy of the curated data grown by three more articles, as a curator would grow it.

Three short TEST FIXTURE articles (English, Russian, Arabic), brought in with
``python -m seed add-source`` and cited from existing and new records: new quotes for round 2,
for an issue raised there and for Darchiev; a new statement, a new issue and a new
announcement. The suite runs against a build of it (``PARLEY_TEST_DATA=grown``) to show that
its tests hold facts, not today's counts: only tests marked ``five_articles`` may fail there.
"""

import json
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
    "grown-wire-en": (
        "A second round in Istanbul (test fixture)",
        "جولة ثانية في إسطنبول (اختبار)",
    ),
    "grown-agency-ru": (
        "Darchiev on the consulates (test fixture)",
        "دارتشييف والقنصليات (اختبار)",
    ),
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


def _cite(source: str, quote: str, supports: str = "") -> str:
    claims = f", supports: [{supports}]" if supports else ""
    return f"{{source: {source}, quote: {json.dumps(quote, ensure_ascii=False)}{claims}}}"


def _insert_after(path: Path, *anchors: str, line: str) -> None:
    """Insert ``line`` just after the last of ``anchors``, each found after the one before: how
    a curator adds a citation to a record's list."""
    text = path.read_text(encoding="utf-8")
    at = 0
    for anchor in anchors:
        at = text.index(anchor, at) + len(anchor)
    path.write_text(text[:at] + line + "\n" + text[at:], encoding="utf-8")


def _append(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + yaml.safe_dump(records, allow_unicode=True, sort_keys=False))


def grow(into: Path) -> tuple[Path, Path]:
    """Copy the curated data and documents under ``into``, add the three articles and what
    cites them, and return the data and documents directories."""
    data = Path(shutil.copytree(CURATED_DATA_DIR, into / "data"))
    documents = Path(shutil.copytree(CURATED_DOCUMENTS_DIR, into / "documents"))
    where = ["--data-dir", str(data), "--documents-dir", str(documents)]
    sources_file = data / "sources.yaml"
    curated_sources = sources_file.read_text(encoding="utf-8")
    added = []
    for source_id, (language, text) in ARTICLES.items():
        article = into / f"{source_id}.txt"
        article.write_text(text, encoding="utf-8")
        code = seed_main(
            ["add-source", str(article), "--id", source_id, "--lang", language, *where]
        )
        assert code == 0, f"add-source {source_id} exited {code}"
        # The entry add-source appended, filled in as a curator fills in its TODOs.
        entry = yaml.safe_load(sources_file.read_text(encoding="utf-8"))[-1]
        title_en, title_ar = TITLES[source_id]
        added.append(
            {
                "id": source_id,
                "document": entry["document"],
                "language": language,
                "title_ar": title_ar,
                "title_en": title_en,
                "published_precision": "unknown",
                "uncited": [
                    {
                        "quote": HEADER.strip(),
                        "reason": "boilerplate",
                        "note_en": "Fixture header.",
                        "note_ar": "سطر العنوان في بيانات الاختبار.",
                    }
                ],
            }
        )
    sources_file.write_text(curated_sources, encoding="utf-8")
    _append(sources_file, added)
    for source_id, glosses in GLOSSES.items():
        (data / "glosses" / f"{source_id}.yaml").write_text(
            yaml.safe_dump(
                {
                    "gloss_by": "curators",
                    "glosses": [{"quote": q, "gloss_en": g} for q, g in glosses.items()],
                },
                allow_unicode=True,
                sort_keys=False,
            ),
            encoding="utf-8",
        )

    consulates_ru = "Посол Александр Дарчиев заявил, что стороны обсудили работу консульств"
    consulates_ar = "قال السفير ألكسندر دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات"
    rounds = data / "rounds.yaml"
    held = "Russian and US diplomats held a second round of talks in Istanbul"
    _insert_after(
        rounds, "- id: round-2\n", "\n  citations:\n", line=f"    - {_cite('grown-wire-en', held)}"
    )
    flights = "the sides discussed resuming direct flights"
    _insert_after(
        rounds,
        "- id: round-2\n",
        "    - issue: direct-flights\n",
        "      citations:\n",
        line=f"        - {_cite('grown-wire-en', flights, 'on_agenda')}",
    )
    _insert_after(
        rounds,
        "- id: round-2\n",
        "\n  issues:\n",
        line="    - issue: grown-consulates\n      raised_by: []\n      on_agenda: true\n"
        "      outcome: discussed\n      citations:\n"
        f"        - {_cite('grown-agency-ru', consulates_ru, 'on_agenda, outcome')}",
    )
    _insert_after(
        data / "participants.yaml",
        "- id: alexander-darchiev\n",
        "\n  citations:\n",
        line=f"    - {_cite('grown-wire-en', 'Ambassador Alexander Darchiev said')}",
    )
    _append(
        data / "issues.yaml",
        [
            {
                "id": "grown-consulates",
                "name_en": "Work of the consulates (test fixture)",
                "name_ar": "عمل القنصليات (اختبار)",
                "summary_en": "The work and reopening of consulates (test fixture).",
                "summary_ar": "عمل القنصليات وإعادة فتحها (اختبار).",
                "citations": [{"source": "grown-daily-ar", "quote": consulates_ar}],
            }
        ],
    )
    _append(
        data / "statements.yaml",
        [
            {
                "id": "grown-darchiev-consulates",
                "speaker": "alexander-darchiev",
                "round": "round-2",
                "issues": ["grown-consulates"],
                "date_precision": "unknown",
                "gist_en": "Darchiev said the sides would discuss reopening the consulates.",
                "gist_ar": "قال دارتشييف إن الجانبين سيبحثان إعادة فتح القنصليات.",
                "citations": [{"source": "grown-daily-ar", "quote": consulates_ar}],
            }
        ],
    )
    return data, documents
