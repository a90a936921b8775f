"""The README's "Adding a sixth article", followed as a curator follows it, on copies of the
curated data: an English and a Russian report (TEST FIXTURES this test writes) are brought in
with ``add-source``, cited with ``cite`` (a participant, a round's city, a duration, a second
venue version), built and served; search, ``/conflicts``, the round and the explorer then show
them."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from seed.__main__ import main as seed_main
from tests.helpers import API, DATA_DIR, DOCUMENTS_DIR, items
from tests.live_server import live_server
from tests.test_curation_tools import fill_in, run
from tests.test_explore import explore
from tests.test_languages import serving

ENGLISH = (
    "TEST FIXTURE — an invented wire report, not a real article.\n\n"
    "Istanbul, 10 April (Fixture Wire) - Russian and US diplomats met for more than five hours "
    "in Istanbul on Thursday. Alexander Darchiev, Russia's new ambassador to Washington, led the "
    "Russian delegation.\n"
)
RUSSIAN = (
    "ТЕСТОВЫЕ ДАННЫЕ — вымышленная заметка, не настоящая статья.\n\n"
    "Стамбул, 10 апреля. Переговоры прошли в резиденции российского посла, сообщил Дарчиев.\n"
)
SOURCE_FIELDS = {
    "attribution_ar": None,
    "attribution_en": None,
    "published_date": '"2025-04-10"',
    "published_precision": "day",
    "published_note_en": "The dateline gives the day; the year is the fixture's.",
    "published_note_ar": "يذكر تاريخ الخبر اليوم؛ والسنة من بيانات الاختبار.",
    "published_origin": "articles",
    "outlet": None,
    "outlet_language": None,
    "url": None,
}
# What the curator types into round 2 by hand: the new venue version and the duration, each
# waiting for its first citation (`cite` writes it).
NEW_VENUE = """    - name_en: Residence of the Russian ambassador
      name_ar: مقر إقامة السفير الروسي
      preferred: false
      note_en: Only ria-istanbul gives the ambassador's residence. The Arabic is the curators'.
      note_ar: لا يذكر مقر إقامة السفير إلا ria-istanbul. والنص العربي من محرري البيانات.
      citations: []
"""
NEW_DURATION = """    - aspect: duration
      value_en: more than five hours
      value_ar: أكثر من خمس ساعات
      note_en: The Arabic is the curators' translation.
      note_ar: النص العربي ترجمة محرري البيانات.
      citations: []
"""


def type_in(rounds: Path) -> None:
    """Add the venue version and the duration to round 2, as a curator types them."""
    text = rounds.read_text(encoding="utf-8")
    start = text.index("- id: round-2\n")
    end = text.find("\n- id: ", start + 1)
    stop = end if end != -1 else len(text)
    block = text[start:stop]
    block = block.replace("\n  venues:\n", "\n  venues:\n" + NEW_VENUE, 1)
    if "\n  aspects:\n" in block:
        block = block.replace("\n  aspects:\n", "\n  aspects:\n" + NEW_DURATION, 1)
    else:
        block = block.replace(
            "\n  participants:\n", "\n  aspects:\n" + NEW_DURATION + "  participants:\n", 1
        )
    rounds.write_text(text[:start] + block + text[stop:], encoding="utf-8")


def seed(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """``python -m seed ARGUMENTS`` on the copies, which must succeed: what it printed."""
    code, output = run(project, capsys, *arguments)
    assert code == 0, output
    return output


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """The copies after the walk-through, and the database built from them."""
    root = tmp_path_factory.mktemp("walkthrough")
    yield root / "data", root / "documents", root / "parley.sqlite3"


def test_a_curator_adds_two_articles_with_cite(
    walked: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, documents, database = walked
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(DOCUMENTS_DIR, documents)
    project = (data, documents)
    (tmp_path / "wire.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "ria.txt").write_text(RUSSIAN, encoding="utf-8")

    # 1-2. Bring each in and fill in its entry (each entry is the last one as it is filled).
    for source_id, article, language, titles in (
        (
            "wire-istanbul",
            "wire.txt",
            "en",
            ('"Diplomats meet in Istanbul"', '"دبلوماسيون يلتقون في إسطنبول"'),
        ),
        ("ria-istanbul", "ria.txt", "ru", ('"Talks at the residence"', '"محادثات في مقر الإقامة"')),
    ):
        seed(
            project,
            capsys,
            "add-source",
            str(tmp_path / article),
            "--id",
            source_id,
            "--lang",
            language,
        )
        fields = {"title_en": titles[0], "title_ar": titles[1]} | SOURCE_FIELDS
        fill_in(data / "sources.yaml", source_id, fields)

    # 3-4. Cite: the ambassador, his role, the round's city, and a quote that does not exist.
    said = seed(
        project,
        capsys,
        "cite",
        "round-2/participant/alexander-darchiev",
        "--source",
        "wire-istanbul",
        "--quote",
        "Alexander Darchiev, Russia's new ambassador to Washington, led the Russian delegation",
        "--supports",
        "role",
    )
    assert re.search(
        r"rounds\.yaml:\d+-\d+: round-2 > participant 'alexander-darchiev': cites", said
    )
    seed(
        project,
        capsys,
        "cite",
        "round-2",
        "--source",
        "wire-istanbul",
        "--quote",
        "Russian and US diplomats met for more than five hours in Istanbul on Thursday",
        "--supports",
        "city",
    )

    # A second venue version and a duration: typed by hand, then cited.
    type_in(data / "rounds.yaml")
    seed(
        project,
        capsys,
        "cite",
        "round-2/duration/more-than-five-hours",
        "--source",
        "wire-istanbul",
        "--quote",
        "for more than five hours",
    )
    said = seed(
        project,
        capsys,
        "cite",
        "round-2/venue/residence-of-the-russian-ambassador",
        "--source",
        "ria-istanbul",
        "--quote",
        "в резиденции российского посла",
        "--gloss",
        "at the residence of the Russian ambassador",
    )
    assert "glosses/ria-istanbul.yaml: glossed «в резиденции российского посла»" in said

    # A quote that is not verbatim is refused, with the text to copy; nothing is written.
    before = (data / "rounds.yaml").read_bytes()
    arguments = ["cite", "round-2", "--source", "ria-istanbul"]
    arguments += ["--quote", "в резиденции Российского посла"]
    code = seed_main([*arguments, "--data-dir", str(data), "--documents-dir", str(documents)])
    refusal = capsys.readouterr().err
    assert code == 1 and "«в резиденции российского посла»" in refusal
    assert (data / "rounds.yaml").read_bytes() == before

    # 5. Check and build.
    assert "curated data is valid" in seed(project, capsys, "--check")
    seed(project, capsys, "--database", str(database))


@pytest.fixture(scope="module")
def client(walked: tuple[Path, Path, Path]) -> Iterator[Any]:
    data, documents, database = walked
    assert database.exists(), "the walk-through did not build its database"
    with serving(database, data, documents) as test_client:
        yield test_client


def test_the_new_articles_are_served_where_a_reader_looks(client: Any) -> None:
    round_2 = client.get(f"{API}/rounds/2").json()
    duration = next(a for a in round_2["aspects"] if a["aspect"] == "duration")
    assert duration["value_en"] == "more than five hours"
    assert {c["source_id"] for c in duration["citations"]} == {"wire-istanbul"}
    assert "wire-istanbul" in {
        c["source_id"] for c in round_2["citations"] if "city" in c["claims"]
    }
    # The second venue version is a conflict, cited from the Russian report, glossed.
    venue = next(
        c
        for c in items(client.get(f"{API}/conflicts?limit=500"))
        if (c["subject"]["id"], c["field"]) == ("round-2", "venue")
    )
    residence = next(
        v for v in venue["versions"] if v["value_en"] == "Residence of the Russian ambassador"
    )
    [citation] = residence["citations"]
    assert (citation["source_id"], citation["gloss_en"]) == (
        "ria-istanbul",
        "at the residence of the Russian ambassador",
    )
    assert residence["support"] == "disputed"
    # Search finds both articles, in English and in Russian.
    found = items(client.get(f"{API}/search", params={"q": "residence"}))
    assert any(hit["id"] == "round-2" for hit in found)
    found = items(client.get(f"{API}/search", params={"q": "резиденции", "type": "source"}))
    assert {hit["id"] for hit in found} == {"ria-istanbul"}


def test_the_explorer_shows_the_new_version_and_duration(
    walked: tuple[Path, Path, Path], browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, documents, database = walked
    assert database.exists(), "the walk-through did not build its database"
    monkeypatch.setenv("PARLEY_DATA_DIR", str(data))
    monkeypatch.setenv("PARLEY_DOCUMENTS_DIR", str(documents))
    with live_server(database) as server:
        page, _ = explore(browser, server, "#/round/2")
        expect(page.locator('[data-aspect="duration"] .aspect-value')).to_have_text(
            "more than five hours"
        )
        expect(
            page.locator(".venue h3").filter(has_text="Residence of the Russian ambassador")
        ).to_have_count(1)
