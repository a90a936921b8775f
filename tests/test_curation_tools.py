"""The curators' tools: ``add-source`` brings an article in, ``find`` says where a quote occurs
and what cites it, and a malformed curated file is reported in words. Every test works on a
copy of seed/data and seed/documents; the article added is a TEST FIXTURE
(tests/fixtures/multilingual/incoming/)."""

import re
import shutil
from pathlib import Path

import pytest

from seed.__main__ import main as seed_main
from tests.helpers import API, DATA_DIR, DOCUMENTS_DIR, run_module
from tests.test_languages import FIXTURE_DOCUMENTS, FIXTURES, serving

ARTICLE = FIXTURES / "incoming" / "wire_report_en.txt"
RUSSIAN_ARTICLE = next(FIXTURE_DOCUMENTS.glob("002_*.txt"))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the curated files and the documents that the tools may write to."""
    data = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    documents = Path(shutil.copytree(DOCUMENTS_DIR, tmp_path / "documents"))
    return data, documents


def run(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *arguments: str
) -> tuple[int, str]:
    """``python -m seed ARGUMENTS`` on the copies: its exit status and everything it printed."""
    data, documents = project
    where = ["--data-dir", str(data), "--documents-dir", str(documents)]
    code = seed_main([*arguments, *where])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def contents(*directories: Path) -> dict[Path, bytes]:
    return {
        path: path.read_bytes()
        for directory in directories
        for path in directory.rglob("*")
        if path.is_file()
    }


def fill_in(sources: Path, source_id: str, values: dict[str, str | None]) -> None:
    """Do what the curator does to a new entry: replace each TODO, delete what does not apply
    (a value of None), and drop add-source's reminder."""
    text = sources.read_text(encoding="utf-8")
    start = text.index(f"- id: {source_id}\n")
    lines = []
    for line in text[start:].splitlines():
        field = line.strip().split(":")[0]
        if line.lstrip().startswith("#"):
            continue
        if "TODO" in line:
            assert field in values, f"add-source asks for a field the test does not fill: {line}"
            if values[field] is not None:
                lines.append(f"  {field}: {values[field]}")
            continue
        lines.append(line)
    sources.write_text(text[:start] + "\n".join(lines) + "\n", encoding="utf-8")


def test_a_curator_adds_an_article(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, documents = project
    # 1. Bring the article in.
    code, output = run(
        project, capsys, "add-source", str(ARTICLE), "--id", "wire-round-two", "--lang", "en"
    )
    assert code == 0, output
    [new_name] = {path.name for path in documents.iterdir()} - {
        path.name for path in DOCUMENTS_DIR.iterdir()
    }
    added = documents / new_name
    # Numbered after the documents already there, and named by its hash.
    shipped = len(list(DOCUMENTS_DIR.glob("*.txt")))
    assert re.fullmatch(rf"{shipped:03d}_[0-9a-f]{{16}}\.txt", added.name)
    assert added.read_bytes() == ARTICLE.read_bytes()
    assert f"seed: added source 'wire-round-two' (en): {added}" in output
    assert "its quotes are in English, so they need no gloss" in output
    assert not (data / "glosses" / "wire-round-two.yaml").exists()
    assert re.search(r"^wire-round-two +4 +0 +0 +4 +286 +0\.0% +0\.0%$", output, re.M), output
    assert "«Alexander Darchiev, Russia's new ambassador to Washington, led the" in output

    # 2. Until every TODO is filled in, the check names each one.
    code, output = run(project, capsys, "--check")
    assert code == 1
    assert (
        f"source {shipped + 1} (wire-round-two), field title_en: still the placeholder 'TODO'"
        in output
    )
    fill_in(
        data / "sources.yaml",
        "wire-round-two",
        {
            "title_ar": '"دبلوماسيون روس وأمريكيون يلتقون في إسطنبول"',
            "title_en": '"Russian and US diplomats meet in Istanbul"',
            "attribution_ar": None,
            "attribution_en": None,
            "published_date": '"2025-04-10"',
            "published_precision": "day",
            "published_note_en": "The dateline gives the day.",
            "published_note_ar": "يذكر تاريخ الخبر اليوم.",
            "published_origin": "articles",
            # The dateline names the wire only as "Wire": no outlet the curators can confirm.
            "outlet": None,
            "outlet_language": None,
            "url": None,
        },
    )

    # 3. Find the sentence to cite; nothing cites it yet.
    sentence = "Alexander Darchiev, Russia's new ambassador to Washington"
    code, output = run(project, capsys, "find", sentence)
    assert code == 0, output
    assert f"wire-round-two [en] {added.name}: occurrence 1 of 1 [175:232]" in output
    assert "not cited or marked yet" in output
    cite_as = re.search(r"cite as: (\{.*\})$", output, re.M)
    assert cite_as is not None
    assert cite_as.group(1) == f'{{source: wire-round-two, quote: "{sentence}"}}'

    # 4. Cite it on an existing record: paste the line find printed into its citations.
    participants = data / "participants.yaml"
    text = participants.read_text(encoding="utf-8")
    record = text.index("- id: alexander-darchiev\n")
    citations = text.index("  citations:\n", record) + len("  citations:\n")
    participants.write_text(
        text[:citations] + f"    - {cite_as.group(1)}\n" + text[citations:], encoding="utf-8"
    )
    code, output = run(project, capsys, "find", sentence)
    assert "cited by participants.yaml: participant alexander-darchiev > citation 1" in output

    # 5. Check, build, serve.
    code, output = run(project, capsys, "--check")
    assert code == 0, output
    assert f"{shipped + 1} sources" in output
    database = tmp_path / "parley.sqlite3"
    code, output = run(project, capsys, "--database", str(database))
    assert code == 0, output
    with serving(database, data, documents) as client:
        source = client.get(f"{API}/sources/wire-round-two").json()
        assert (source["language"], source["title_en"]) == (
            "en",
            "Russian and US diplomats meet in Istanbul",
        )
        assert source["text"] == ARTICLE.read_text(encoding="utf-8")
        darchiev = client.get(f"{API}/participants/alexander-darchiev").json()
        assert {
            "source_id": "wire-round-two",
            "quote": sentence,
            "gloss_en": sentence,
            "gloss_by": "source",
        }.items() <= next(
            citation
            for citation in darchiev["citations"]
            if citation["source_id"] == "wire-round-two"
        ).items()
        found = client.get(f"{API}/search", params={"q": "embassies", "type": "source"}).json()
        hit = next(hit for hit in found["items"] if hit["id"] == "wire-round-two")
        assert (hit["match"]["field"], hit["match"]["language"]) == ("text", "en")


def test_a_russian_article_starts_an_empty_glosses_file(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = project
    code, output = run(
        project, capsys, "add-source", str(RUSSIAN_ARTICLE), "--id", "tass-report", "--lang", "ru"
    )
    assert code == 0, output
    glosses = data / "glosses" / "tass-report.yaml"
    assert f"seed: wrote {glosses}: give every quote you cite from it an English gloss" in output
    assert glosses.read_text(encoding="utf-8").endswith("gloss_by: curators\nglosses: []\n")
    assert "  language: ru\n" in (data / "sources.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("arguments", "refusal"),
    [
        (
            [str(ARTICLE), "--id", "ryabkov-new-round", "--lang", "en"],
            "source id 'ryabkov-new-round' is already in",
        ),
        (
            [
                str(DOCUMENTS_DIR / "001_d7c668814b458cef.txt"),
                "--id",
                "again",
                "--lang",
                "ar",
            ],
            "001_d7c668814b458cef.txt is already in the documents, as ",
        ),
        (
            [str(ARTICLE), "--id", "wire-round-two", "--lang", "English"],
            "--lang: expected a BCP 47 language tag such as ar, en, ru or en-GB, found 'English'",
        ),
        (
            [str(ARTICLE), "--id", "Wire Report", "--lang", "en"],
            "--id: expected an id of lowercase letters, digits and hyphens, like round-2, "
            "found 'Wire Report'",
        ),
    ],
    ids=["existing-id", "same-document", "bad-language", "bad-id"],
)
def test_add_source_refuses_and_writes_nothing(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    refusal: str,
) -> None:
    data, documents = project
    before = contents(data, documents)
    code, output = run(project, capsys, "add-source", *arguments)
    assert code == 1
    assert output.startswith("seed: add-source: ") and refusal in output, output
    assert contents(data, documents) == before


def test_find_numbers_each_occurrence_and_names_what_covers_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The headline is printed twice: once cited, once marked as a repeat.
    headline = "محادثات “بناءة” بين روسيا وأمريكا فى إسطنبول لتطبيع عمل البعثات"
    assert seed_main(["find", headline]) == 0
    output = capsys.readouterr().out
    assert f"«{headline}» occurs 2 time(s) in 1 document(s):" in output
    first, second = output.split("constructive-talks-istanbul [ar] 001_d7c668814b458cef.txt: ")[1:]
    assert first.startswith("occurrence 1 of 2 [0:63]")
    assert "occurrence: 1}" in first and "cited by " in first
    assert second.startswith("occurrence 2 of 2 [77:140]")
    assert (
        "marked uncited (repeated) in sources.yaml: "
        "source constructive-talks-istanbul > uncited span 1 [77:140]"
    ) in second


def test_find_shows_the_exact_text_of_a_near_miss(capsys: pytest.CaptureFixture[str]) -> None:
    # Typed with harakat and a plain alef; the article has neither.
    assert seed_main(["find", "الرِّحلات الجويه المباشرة"]) == 1
    output = capsys.readouterr().out
    assert "does not occur verbatim in any document" in output
    assert (
        "  constructive-talks-istanbul [ar] 001_d7c668814b458cef.txt [1508:1531]: "
        "«الرحلات الجوية المباشرة»"
    ) in output


def test_find_works_while_the_curated_data_has_problems(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = project
    run(project, capsys, "add-source", str(ARTICLE), "--id", "wire-round-two", "--lang", "en")
    # Two quotes in one call: one in the new article, one cited many times in the others.
    code, output = run(project, capsys, "find", "the talks were constructive", "سوناتا كولتر")
    assert code == 0
    # The new entry's TODOs are problems of that entry alone: the note names its file, and
    # every other entry's citations are still shown.
    note = next(line for line in output.splitlines() if line.startswith("seed: note:"))
    assert f"{data / 'sources.yaml'}" in note or "sources.yaml" in note
    assert "rounds.yaml" not in note
    shipped = len(list(DOCUMENTS_DIR.glob("*.txt")))
    assert f"wire-round-two [en] {shipped:03d}_" in output
    coulter = output[output.index("«سوناتا كولتر» occurs") :]
    cited = [line for line in coulter.splitlines() if line.strip().startswith("cited by ")]
    assert any("participants.yaml: participant sonata-coulter > alias" in line for line in cited)
    assert "not cited or marked yet" not in coulter


def test_the_tools_run_from_the_command_line() -> None:
    result = run_module("seed", "find", "ألكسندر دارشييف")
    assert result.returncode == 0, result.stderr
    assert "istanbul-meeting-preview [ar] 002_e30cf6466af3328a.txt: occurrence 1 of 1" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        (
            "glosses/ryabkov-new-round.yaml",
            "gloss_by: curators\nglosses:\n",
            "",
            "glosses/ryabkov-new-round.yaml: expected a mapping with the fields gloss_by and "
            "glosses at the top level, found a list",
        ),
        (
            "participants.yaml",
            "  name_en: Sonata Coulter\n",
            "  name: Sonata Coulter\n",
            "participants.yaml: participant 2 (sonata-coulter): unknown field name; the fields "
            "allowed here are citations, id, kind, side, name_en, name_ar,",
        ),
        (
            "participants.yaml",
            "  name_en: Sonata Coulter\n",
            "",
            "participants.yaml: participant 2 (sonata-coulter): the required field name_en is "
            "missing",
        ),
        (
            "sources.yaml",
            'published_date: "2025-05"\n',
            "published_date: 2025-05-01\n",
            "sources.yaml: source 5 (ryabkov-new-round), field published_date: expected a date "
            "written YYYY-MM-DD, or YYYY-MM for a month, found the unquoted date 2025-05-01 "
            "(write it in quotes)",
        ),
        (
            "sources.yaml",
            "      reason: heading\n",
            "      reason: headline\n",
            "sources.yaml: source 1 (istanbul-round-two-opens) > uncited span 1 («أهداف الجولة "
            "الثانية من المباحثات الروس…»), field reason: expected one of 'boilerplate', "
            "'unrelated', 'commentary', 'repeated' or 'heading', found 'headline'",
        ),
    ],
    ids=["glosses-as-a-list", "unknown-field", "missing-field", "unquoted-date", "bad-reason"],
)
def test_a_malformed_curated_file_is_reported_in_words(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    problem: str,
) -> None:
    data, _ = project
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {file}: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, output = run(project, capsys, "--check")
    assert code == 1
    assert f"  - {data}/{problem}" in output, output
