"""The curation rules a program can hold, held by the seed script: each broken on a private copy
of the curated files, each reported in words."""

import shutil
from pathlib import Path

import pytest

from seed.__main__ import main as seed_main
from tests.helpers import DATA_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "golden"
FIXTURE_DOCUMENTS = FIXTURE / "documents"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A copy of the golden fixture's curated files: rules pinned on data that does not grow."""
    return Path(shutil.copytree(FIXTURE / "data", tmp_path / "fixture"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text not found in {path.name}: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(
    data_dir: Path, capsys: pytest.CaptureFixture[str], documents_dir: Path | None = None
) -> str:
    where = ["--data-dir", str(data_dir)]
    if documents_dir is not None:
        where += ["--documents-dir", str(documents_dir)]
    assert seed_main(["--check", *where]) == 1
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_a_date_says_where_it_comes_from(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "rounds.yaml", "  date_origin: curators\n", "")
    edit(data_dir / "rounds.yaml", "  date_origin: articles\n", "  date_origin: curators\n")
    edit(
        data_dir / "rounds.yaml",
        "    without a year; it is 2025, the year of the Riyadh meeting it followed.\n",
        "    without a year.\n",
    )
    output = problems(data_dir, capsys)
    assert (
        "rounds.yaml: round-2: a date needs its origin: articles, curators or inherited" in output
    )


def test_a_resolved_date_needs_a_note(
    fixture_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = fixture_dir / "events.yaml"
    edit(events, "  date_origin: articles\n", "  date_origin: curators\n")
    edit(events, "  date_note_en: Agreed at round 1, on its day.\n", "")
    edit(events, '  date_note_ar: "اتُّفق عليه في الجولة الأولى، في يومها."\n', "")
    assert "events.yaml: next-meeting-agreed: a date of origin 'curators' needs a note" in problems(
        fixture_dir, capsys, FIXTURE_DOCUMENTS
    )


def test_a_statement_date_must_lie_in_its_window(
    fixture_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        fixture_dir / "statements.yaml",
        '  latest_date: "2025-04-10"\n',
        '  latest_date: "2025-04-10"\n  statement_date: "2025-04-20"\n',
    )
    assert "lies outside 2025-04-10 to 2025-04-10" in problems(
        fixture_dir, capsys, FIXTURE_DOCUMENTS
    )


def test_every_clause_of_a_document_is_accounted_for(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Round 2's citation of Coulter without its «في حين» ("while"): two words left between a
    # citation and the next, in a sentence otherwise cited whole.
    edit(
        data_dir / "rounds.yaml",
        '"في حين يصل الوفد الاميركي برئاسة سوناتا كولتر"',
        '"يصل الوفد الاميركي برئاسة سوناتا كولتر"',
    )
    edit(
        data_dir / "glosses" / "istanbul-meeting-preview.yaml",
        '  - quote: "في حين يصل الوفد الاميركي برئاسة سوناتا كولتر"\n'
        '    gloss_en: "while the American delegation arrives, headed by Sonata Coulter"\n',
        "",
    )
    assert seed_main(["--coverage", "--data-dir", str(data_dir)]) == 1
    output = capsys.readouterr().out.splitlines()
    assert output[-1] == "uncovered: 002_e30cf6466af3328a.txt [389:395] «في حين»"
    preview = next(line for line in output if line.startswith("istanbul-meeting-preview"))
    assert preview.split()[1:5] == ["13", "10", "2", "1"]  # sentences: cited, marked, uncovered
    assert preview.split()[-1] == "99.7%"  # of its characters accounted for


def test_a_span_marked_as_not_cited_holds_no_citation(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The writer's comment on European worries, marked to run on over Trump's cited name.
    edit(
        data_dir / "sources.yaml",
        'يقلق الدول الأوروبية كثيرا خاصة على خلفية"',
        'يقلق الدول الأوروبية كثيرا خاصة على خلفية إعلان الرئيس الأمريكي دونالد ترامب"',
    )
    assert (
        "sources.yaml: istanbul-meeting-preview > uncited 2: marked as not cited (commentary), "
        "but a citation reaches into it: «الرئيس الأمريكي دونالد ترامب»"
    ) in problems(data_dir, capsys)


def test_glosses_follow_their_document(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glosses = data_dir / "glosses" / "istanbul-meeting-preview.yaml"
    text = glosses.read_text(encoding="utf-8")
    venue = (
        '  - quote: "وسيجري اللقاء في القنصلية الروسية في المدينة"\n'
        '    gloss_en: "The meeting will take place at the Russian consulate in the city"\n'
    )
    glosses.write_text(text.replace(venue, "").replace("glosses:\n", "glosses:\n" + venue))
    assert (
        "glosses/istanbul-meeting-preview.yaml: glosses out of document order: «وتفيد وسائل "
        "الإعلام بأن ممثلي روسيا والولايات المتحدة"
    ) in problems(data_dir, capsys)


@pytest.mark.parametrize(
    ("file_name", "old", "new", "said"),
    [
        # True of the fixture's articles, and wrong the day a third gives the title.
        (
            "participants.yaml",
            "fixture-daily and fixture-agency give the higher title",
            "two sources give the higher title",
            "participants.yaml: jane-roe > titles 2 > note_en: states a count of sources "
            "(«two sources»)",
        ),
        # The number is itself the sources.
        (
            "participants.yaml",
            "fixture-daily and fixture-agency give the higher title",
            "two give the higher title",
            "states a count of sources («two give»)",
        ),
        # In Arabic too: the dual is a count.
        (
            "rounds.yaml",
            "تضعها الوكالة، نقلا عن الوزارة، في البعثة.",
            "يضعها مصدران في البعثة.",
            "rounds.yaml: round-2 > venues 2 > note_ar: states a count of sources («مصدران»)",
        ),
    ],
)
def test_a_note_that_counts_its_sources_is_refused(
    fixture_dir: Path,
    capsys: pytest.CaptureFixture[str],
    file_name: str,
    old: str,
    new: str,
    said: str,
) -> None:
    # The count is computed (support, source_count); a note names the sources instead.
    edit(fixture_dir / file_name, old, new)
    assert said in problems(fixture_dir, capsys, FIXTURE_DOCUMENTS)
