"""Sources in any language: a small curated dataset of three TEST FIXTURE articles (Arabic,
English, Russian, in tests/fixtures/multilingual/) built by the real seed script and served by
the real app. An English quote needs no gloss; search folds Cyrillic as it folds Arabic and
Latin, and reports each source's own language."""

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.localized import Localized, SingleLanguage, localized_fields
from app.main import create_app
from app.rendered import unpaired_public_fields
from app.representations import csv_columns, unpaired_fields
from app.schemas import Public
from bench.servers import Server, start
from seed.__main__ import main as seed_main
from tests.helpers import API, items, run_module

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "multilingual"
FIXTURE_DATA = FIXTURES / "data"
FIXTURE_DOCUMENTS = FIXTURES / "documents"
FIXTURE_OPTIONS = ["--data-dir", str(FIXTURE_DATA), "--documents-dir", str(FIXTURE_DOCUMENTS)]


@contextmanager
def serving(database: Path, data_dir: Path, documents_dir: Path) -> Iterator[TestClient]:
    """The real app serving a database built from curated data other than seed/data/, told
    where that data is as a deployment would tell it (PARLEY_DATA_DIR, PARLEY_DOCUMENTS_DIR).
    Building is off: a database not built from that data would be refused, not rebuilt."""
    settings = Settings(
        database_path=database,
        data_dir=data_dir,
        documents_dir=documents_dir,
        build_database_if_missing=False,
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = tmp_path_factory.mktemp("multilingual") / "parley.sqlite3"
    assert seed_main(["--database", str(database), *FIXTURE_OPTIONS]) == 0
    with serving(database, FIXTURE_DATA, FIXTURE_DOCUMENTS) as test_client:
        yield test_client


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture's curated files that a test may break."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


def check(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = seed_main(
        ["--check", "--data-dir", str(data_dir), "--documents-dir", str(FIXTURE_DOCUMENTS)]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def search(client: TestClient, q: str, **params: str) -> list[dict[str, Any]]:
    return items(client.get(f"{API}/search", params={"q": q, **params}))


def matched_text(client: TestClient, result: dict[str, Any]) -> str:
    text = client.get(f"{API}/sources/{result['id']}").json()["text"]
    return str(text[result["match"]["start"] : result["match"]["end"]])


def test_every_fixture_file_says_it_is_a_test_fixture() -> None:
    for path in [path for path in FIXTURES.parent.rglob("*") if path.is_file()]:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert "TEST FIXTURE" in first_line, path


def test_each_source_carries_the_language_of_its_curated_entry(client: TestClient) -> None:
    languages = {source["id"]: source["language"] for source in items(client.get(f"{API}/sources"))}
    assert languages == {
        "fixture-talks-ar": "ar",
        "fixture-talks-en": "en",
        "fixture-talks-ru": "ru",
    }


def test_a_russian_word_finds_the_russian_source_in_russian(client: TestClient) -> None:
    [result] = search(client, "переговоров", type="source")
    assert result["id"] == "fixture-talks-ru"
    assert result["match"]["field"] == "text"
    assert result["match"]["language"] == "ru"
    assert matched_text(client, result) == "переговоров"


@pytest.mark.parametrize("q", ["ещё", "ЕЩЁ", "еще", "Еще", "ЕЩЕ"])
def test_a_cyrillic_query_matches_whatever_its_case_and_yo(client: TestClient, q: str) -> None:
    [result] = search(client, q, type="source")
    assert (result["id"], result["match"]["language"]) == ("fixture-talks-ru", "ru")
    assert matched_text(client, result) == "ещё"


def test_a_statement_quote_matches_in_the_language_of_its_source(client: TestClient) -> None:
    [result] = search(client, "КОНСТРУКТИВНЫМИ", type="statement")
    assert result["id"] == "darchiev-talks-constructive"
    assert (result["match"]["field"], result["match"]["language"]) == ("quote", "ru")


def test_english_and_arabic_source_text_report_their_own_language(client: TestClient) -> None:
    [english] = search(client, "Constructive", type="source")
    assert (english["id"], english["match"]["language"]) == ("fixture-talks-en", "en")
    assert matched_text(client, english) == "constructive"
    [arabic] = search(client, "بناءة", type="source")
    assert (arabic["id"], arabic["match"]["language"]) == ("fixture-talks-ar", "ar")


@pytest.mark.parametrize("q", ["Александр Дарчиев", "дарчиев", "ДАРЧИЕВ"])
def test_a_cyrillic_alias_finds_its_participant(client: TestClient, q: str) -> None:
    first = search(client, q)[0]
    assert (first["type"], first["id"]) == ("participant", "alexander-darchiev")
    assert (first["match"]["field"], first["match"]["language"]) == ("alias", "ru")


def test_an_english_quote_is_its_own_gloss(client: TestClient) -> None:
    assert not (FIXTURE_DATA / "glosses" / "fixture-talks-en.yaml").exists()
    english = items(client.get(f"{API}/sources/fixture-talks-en/citations"))
    assert len(english) == 3
    assert all((c["gloss_en"], c["gloss_by"]) == (c["quote"], "source") for c in english)
    russian = items(client.get(f"{API}/sources/fixture-talks-ru/citations"))
    assert {c["gloss_by"] for c in russian} == {"curators"}
    assert "Ambassador Alexander Darchiev" in {c["gloss_en"] for c in russian}


def test_a_russian_quote_without_a_gloss_is_rejected(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glosses = data_dir / "glosses" / "fixture-talks-ru.yaml"
    quote = "Посол Александр Дарчиев"
    text = glosses.read_text(encoding="utf-8")
    entry = f'  - quote: "{quote}"\n    gloss_en: "Ambassador Alexander Darchiev"\n'
    assert entry in text
    glosses.write_text(text.replace(entry, ""), encoding="utf-8")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "participants.yaml: alexander-darchiev > citation 3: "
        f"no English gloss in glosses/fixture-talks-ru.yaml for «{quote}»"
    ) in output


def test_an_english_source_has_no_glosses_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "glosses" / "fixture-talks-en.yaml").write_text(
        "gloss_by: curators\nglosses: []\n", encoding="utf-8"
    )
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "glosses/fixture-talks-en.yaml: source 'fixture-talks-en' is in English, so its quotes "
        "need no gloss; delete this file"
    ) in output


def test_an_english_quote_not_in_its_document_is_reported_once(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements = data_dir / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(
        text.replace("called the talks constructive", "called them constructive"), encoding="utf-8"
    )
    code, output = check(data_dir, capsys)
    assert code == 1
    assert "(1 problem(s))" in output
    assert "quote not found verbatim in the document (source 'fixture-talks-en')" in output


def set_russian_source_language(data_dir: Path, line: str) -> None:
    sources = data_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert text.count("  language: ru\n") == 1
    sources.write_text(text.replace("  language: ru\n", line), encoding="utf-8")


@pytest.mark.parametrize("tag", ["Russian", "RU", "ru_RU", "русский"])
def test_a_source_language_must_look_like_a_bcp47_tag(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tag: str
) -> None:
    set_russian_source_language(data_dir, f"  language: {tag}\n")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "sources.yaml: source 3 (fixture-talks-ru), field language: expected a BCP 47 language "
        f"tag such as ar, en, ru or en-GB, found '{tag}'"
    ) in output


def test_an_alias_language_must_look_like_a_bcp47_tag(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    participants = data_dir / "participants.yaml"
    text = participants.read_text(encoding="utf-8")
    participants.write_text(text.replace("      language: ru\n", "      language: Russian\n", 1))
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "participants.yaml: participant 1 (alexander-darchiev) > alias 2 (Александр Дарчиев), "
        "field language: expected a BCP 47 language tag such as ar, en, ru or en-GB, found "
        "'Russian'"
    ) in output


def test_a_region_or_script_subtag_is_accepted(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_russian_source_language(data_dir, "  language: ru-Cyrl-RU\n")
    code, output = check(data_dir, capsys)
    assert code == 0, output


def test_a_source_must_say_its_language(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No default: a new article is never silently taken for Arabic.
    set_russian_source_language(data_dir, "")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "sources.yaml: source 3 (fixture-talks-ru): the required field language is missing"
        in output
    )


def test_the_fixture_documents_are_fully_accounted_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert seed_main(["--coverage", *FIXTURE_OPTIONS]) == 0
    assert "uncovered:" not in capsys.readouterr().out


def test_a_server_told_of_other_curated_data_refuses_a_database_built_from_ours(
    database_path: Path,
) -> None:
    # The suite's database was built from seed/data/; this server is told to serve the fixture's.
    settings = Settings(
        database_path=database_path,
        data_dir=FIXTURE_DATA,
        documents_dir=FIXTURE_DOCUMENTS,
        build_database_if_missing=False,
    )
    with (
        pytest.raises(RuntimeError, match="was built from other curated data"),
        TestClient(create_app(settings)),
    ):
        pass


class Placed(Public):
    """A record as a curator might extend one: a place named in English only."""

    location_en: str | None
    gloss_en: Annotated[str, SingleLanguage("en")]
    city: Localized[str]


def test_a_localized_text_is_a_field_per_language_where_it_is_declared() -> None:
    assert list(Placed.model_fields) == ["location_en", "gloss_en", "city_en", "city_ar"]
    assert localized_fields(Placed) == {"city_en": "city", "city_ar": "city"}
    assert Placed.model_fields["city_ar"].is_required()


def test_a_text_in_one_language_is_found_unless_declared_single_language() -> None:
    assert unpaired_fields(Placed) == ["Placed.location_en"]
    assert csv_columns(Placed, "ar") == ("location_en", "gloss_en", "city")


def test_the_served_schemas_give_every_text_in_every_language() -> None:
    assert unpaired_public_fields() == []


def test_a_language_the_curated_data_lacks_stops_the_build_naming_each_text() -> None:
    result = run_module("seed", "--check", env=os.environ | {"PARLEY_LANGUAGES": "en,ar,ru"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert re.search(
        r"participants\.yaml: participant \d+ \(alexander-darchiev\): "
        r"the required field name_ru is missing",
        output,
    ), output
    assert "wording.yaml: the top level: the required field statement_title_ru is missing" in output


THREE_LANGUAGES = FIXTURES / "three-languages"


@pytest.fixture(scope="module")
def russian_too(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app as a deployment adding Russian runs it: the language in PARLEY_LANGUAGES, the
    texts in the curated files, the database built at start-up. No code knows of Russian."""
    database = tmp_path_factory.mktemp("three-languages") / "parley.sqlite3"
    env = {
        "PARLEY_LANGUAGES": "en,ar,ru",
        "PARLEY_DATABASE_PATH": str(database),
        "PARLEY_DATA_DIR": str(THREE_LANGUAGES),
        "PARLEY_DOCUMENTS_DIR": str(FIXTURE_DOCUMENTS),
        "PARLEY_PORT": "{port}",
    }
    with start("parley", [sys.executable, "-m", "app"], env, f"{API}/health", cpu=None) as server:
        yield server


def get_json(server: Server, path: str, **params: str) -> Any:
    response = httpx.get(f"{server.base_url}{API}{path}", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_configured_third_language_is_served_in_every_record(russian_too: Server) -> None:
    meeting = get_json(russian_too, "/rounds/1")
    assert meeting["name_ru"] == "Тестовый раунд"
    assert list(meeting)[3:6] == ["name_en", "name_ar", "name_ru"]
    speaker = get_json(russian_too, "/statements")["items"][0]["speaker"]
    assert speaker["name_ru"] == "Александр Дарчиев"
    assert get_json(russian_too, "/rounds/1", lang="ru")["name"] == "Тестовый раунд"


def test_lang_ru_gives_every_text_once_in_russian(russian_too: Server) -> None:
    statement = get_json(russian_too, "/statements", lang="ru")["items"][0]
    assert statement["gist"] == "Посол назвал переговоры конструктивными."
    assert "gist_en" not in statement and "gist_ru" not in statement
    assert statement["speaker"]["name"] == "Александр Дарчиев"
    titles = {source["id"]: source["title"] for source in statement["reported_in"]}
    assert titles["fixture-talks-ru"] == "Тестовая статья: новый раунд переговоров (на русском)"


def test_csv_has_a_column_per_language_and_one_under_lang(russian_too: Server) -> None:
    url = f"{russian_too.base_url}{API}/participants"
    every = httpx.get(url, params={"format": "csv"}).text.splitlines()[0].split(",")
    assert every[3:6] == ["name_en", "name_ar", "name_ru"]
    russian = httpx.get(url, params={"format": "csv", "lang": "ru"}).text.splitlines()
    assert russian[0].split(",")[3] == "name"
    assert russian[1].split(",")[3] == "Александр Дарчиев"


def test_search_finds_russian_curated_text_and_labels_in_russian(russian_too: Server) -> None:
    found = get_json(russian_too, "/search", q="конструктивными", lang="ru")["items"]
    gist = next(hit for hit in found if hit["match"]["field"] == "gist")
    assert gist["match"]["language"] == "ru"
    # The statement's label is worded by the fixture's wording.yaml, in Russian.
    assert gist["label"] == "Заявление: Александр Дарчиев"


def test_the_openapi_document_offers_the_third_language(russian_too: Server) -> None:
    document = httpx.get(f"{russian_too.base_url}/openapi.json").json()
    assert "name_ru" in document["components"]["schemas"]["RoundPublic"]["required"]
    languages = [
        parameter["schema"]
        for parameter in document["paths"][f"{API}/rounds"]["get"]["parameters"]
        if parameter["name"] == "lang"
    ]
    assert "ru" in json.dumps(languages)


def test_a_russian_name_is_found_in_another_case(client: TestClient) -> None:
    # The article says «Дарчиев»; a reader types the genitive, «Дарчиева».
    found = search(client, "Дарчиева")
    assert "alexander-darchiev" in {hit["id"] for hit in found}
    # The Russian article is found too, its match the word as it prints it.
    article = next(hit for hit in found if hit["type"] == "source")
    assert (article["id"], article["match"]["language"]) == ("fixture-talks-ru", "ru")
    assert matched_text(client, article) == "Дарчиев"
