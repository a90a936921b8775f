"""The curation rules a program can hold, held by the seed script: each broken on a private copy
of the curated files, each reported in words."""

import shutil
from pathlib import Path

import pytest

from seed.__main__ import main as seed_main
from tests.helpers import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text not found in {path.name}: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert seed_main(["--check", "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_background_alone_cannot_put_an_issue_on_a_meetings_agenda(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The visas link of round 2, with both its citations marked as background.
    rounds = data_dir / "rounds.yaml"
    for quote in (
        '"مثل القيود على حركة الدبلوماسيين وإصدار تأشيرات الدخول"',
        '"مشيرًا إلى تقدم محدود في قضايا التأشيرات وتخفيف قيود السفر"',
    ):
        edit(rounds, f"quote: {quote}\n", f"quote: {quote}\n          about: background\n")
    assert (
        "rounds.yaml: round-2 > issue 'visas': on the agenda, or raised by a side, only on a "
        "citation about the meeting itself" in problems(data_dir, capsys)
    )


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


def test_a_resolved_date_needs_a_note(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = data_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    start = text.index("  date_note: >-\n    The preview, published the day before round 2")
    end = text.index("  date_origin: inherited", start)
    events.write_text(text[:start] + text[end:], encoding="utf-8")
    assert (
        "events.yaml: darchiev-appointed-ambassador: a date of origin 'inherited' needs a note"
        in problems(data_dir, capsys)
    )


def test_a_statement_date_must_lie_in_its_window(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        data_dir / "statements.yaml",
        '  earliest_date: "2025-03-29"\n  latest_date: "2025-04-09"\n',
        '  earliest_date: "2025-03-29"\n  latest_date: "2025-04-09"\n'
        '  statement_date: "2025-04-20"\n',
    )
    assert "lies outside 2025-03-29 to 2025-04-09" in problems(data_dir, capsys)


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
        # True of today's articles, and wrong the day a third spells it so.
        (
            "versions.yaml",
            "used by istanbul-round-two-opens and\n        toxic-legacy-talks.",
            "used by two sources.",
            "versions.yaml: alexander-darchiev > versions 1 > note: states a count of sources "
            "(«two sources»)",
        ),
        # The number is itself the sources.
        (
            "participants.yaml",
            "constructive-talks-istanbul and ryabkov-new-round call him",
            "two call him",
            "states a count of sources («two call»)",
        ),
    ],
)
def test_a_note_that_counts_its_sources_is_refused(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    file_name: str,
    old: str,
    new: str,
    said: str,
) -> None:
    # The count is computed (support, source_count); a note names the sources instead.
    edit(data_dir / file_name, old, new)
    assert said in problems(data_dir, capsys)
