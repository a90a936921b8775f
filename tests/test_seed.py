"""The seed script: validation failures are reported clearly; builds are atomic and repeatable."""

import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.core.seal import is_sealed_as
from app.vocabulary import FactKind, SubjectKind
from seed.__main__ import main as seed_main
from seed.quotes import QuoteNotFound, locate_quote
from tests.helpers import DATA_DIR, DOCUMENTS_DIR, run_module


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the curated files that a test may break."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = seed_main(["--check", "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_the_curated_data_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = check(DATA_DIR, capsys)
    assert code == 0, output
    assert re.fullmatch(
        r"seed: curated data is valid: \d+ meetings, \d+ participants, \d+ issues, "
        r"\d+ statements, \d+ events, \d+ sources, \d+ citations",
        output.strip(),
    ), output


def test_a_quote_not_in_its_document_names_file_record_and_quote(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "rounds.yaml", "وأكد دارشيف خلال المحادثات", "وأكد دارشيف أثناء المحادثات")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert "rounds.yaml: round-2 > issue 'seized-diplomatic-property' > citation 1" in output
    assert "quote not found verbatim" in output
    assert "source 'constructive-talks-istanbul'" in output
    assert "وأكد دارشيف أثناء المحادثات" in output


def test_every_cited_quote_needs_a_gloss_and_every_gloss_a_cited_quote(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glosses = data_dir / "glosses" / "ryabkov-new-round.yaml"
    text = glosses.read_text(encoding="utf-8")
    quote = "نائب وزير الخارجية الروسي سيرجي ريابكوف"
    assert f'  - quote: "{quote}"\n' in text
    edit(glosses, f'  - quote: "{quote}"\n', '  - quote: "ريابكوف يتحدث"\n')
    code, output = check(data_dir, capsys)
    assert code == 1
    assert f"no English gloss in glosses/ryabkov-new-round.yaml for «{quote}»" in output
    assert "glosses/ryabkov-new-round.yaml: gloss of a quote no fact cites: «ريابكوف يتحدث»" in (
        output
    )


def test_an_attribution_must_name_a_defined_participant(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "statements.yaml", "    via: tass\n", "    via: reuters\n")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "statements.yaml: darchiev-progress-on-missions > attribution: "
        "participant 'reuters' is not defined" in output
    )


def test_an_undefined_reference_is_reported(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        data_dir / "rounds.yaml",
        "- issue: people-to-people-contacts",
        "- issue: people-to-people-contact",
    )
    edit(data_dir / "issues.yaml", "- source: ryabkov-new-round", "- source: ryabkov-old-round")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "rounds.yaml: round-2 > issue 'people-to-people-contact': "
        "issue is not defined in issues.yaml" in output
    )
    assert "unknown source 'ryabkov-old-round'" in output


def test_a_missing_field_is_reported_with_the_record_id(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "participants.yaml", "  name_en: Sonata Coulter\n", "")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "participants.yaml: participant 2 (sonata-coulter): the required field name_en is missing"
        in output
    )


def test_a_fact_without_citations_is_rejected(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        data_dir / "issues.yaml",
        "  citations:\n    - source: istanbul-round-two-opens\n"
        '      quote: "إزالة العقوبات الدبلوماسية المفروضة في السنوات السابقة"\n',
        "  citations: []\n",
    )
    code, output = check(data_dir, capsys)
    assert code == 1
    assert (
        "issues.yaml: issue 5 (diplomatic-sanctions), field citations: expected at least 1 "
        "citation, found an empty list" in output
    )


def test_an_ambiguous_quote_must_say_which_occurrence(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "participants.yaml", "          occurrence: 2\n", "")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert "quote appears 2 times in the document; add `occurrence: N`" in output


def test_an_alias_must_appear_in_its_quotes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_dir / "participants.yaml", "    - alias: دارشييف", "    - alias: دارشييييف")
    code, output = check(data_dir, capsys)
    assert code == 1
    assert "alias 'دارشييييف'" in output and "does not contain it" in output


def test_a_document_without_a_source_entry_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = Path(shutil.copytree(DOCUMENTS_DIR, tmp_path / "documents"))
    (documents / "005_unlisted.txt").write_text("نص", encoding="utf-8")
    code = seed_main(["--check", "--documents-dir", str(documents)])
    assert code == 1
    assert "documents/005_unlisted.txt: document has no entry in sources.yaml" in (
        capsys.readouterr().err
    )


def test_locate_quote_gives_code_point_offsets() -> None:
    assert locate_quote("أ ب ج ب", "ب", occurrence=2) == (6, 7)
    with pytest.raises(QuoteNotFound, match="appears 2 times"):
        locate_quote("أ ب ج ب", "ب")
    with pytest.raises(QuoteNotFound, match="requested but the quote appears 2"):
        locate_quote("أ ب ج ب", "ب", occurrence=3)


def test_builds_are_repeatable(
    tmp_path: Path, database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the same build time (``SOURCE_DATE_EPOCH``, the reproducible-builds convention),
    the same curated files give the same bytes, and so the same seal."""
    with sqlite3.connect(database_path) as connection:
        built_at, sealed = connection.execute(
            "SELECT built_at, content_hash FROM dataset_meta"
        ).fetchone()
    epoch = int(datetime.fromisoformat(built_at).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    again = tmp_path / "again.sqlite3"
    assert seed_main(["--database", str(again)]) == 0
    assert dump(again) == dump(database_path)
    assert again.read_bytes() == database_path.read_bytes()
    assert is_sealed_as(again, sealed)


def test_a_build_time_that_is_not_a_number_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert seed_main(["--database", str(tmp_path / "parley.sqlite3")]) == 1
    assert "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds" in capsys.readouterr().err


def test_any_byte_changed_breaks_the_seal(tmp_path: Path, database_path: Path) -> None:
    with sqlite3.connect(f"file:{database_path}?mode=ro", uri=True) as connection:
        sealed = connection.execute("SELECT content_hash FROM dataset_meta").fetchone()[0]
    assert is_sealed_as(database_path, sealed)
    data = database_path.read_bytes()
    for at in (0, 100, len(data) // 2, len(data) - 1, data.index(sealed.encode())):
        changed = tmp_path / f"changed-{at}.sqlite3"
        changed.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
        assert not is_sealed_as(changed, sealed), at


def test_a_failed_build_leaves_the_old_database_untouched(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "parley.sqlite3"
    assert seed_main(["--database", str(target)]) == 0
    before = target.read_bytes()
    edit(data_dir / "rounds.yaml", "number: 2", "number: 1")
    assert seed_main(["--database", str(target), "--data-dir", str(data_dir)]) == 1
    assert "round number '1' is defined 2 times" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "parley.sqlite3"]


def test_check_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "never.sqlite3"
    assert seed_main(["--check", "--database", str(target)]) == 0
    assert not target.exists()


def test_the_command_line_entry_point(tmp_path: Path) -> None:
    result = run_module("seed", "--database", str(tmp_path / "cli.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"seed: built {tmp_path / 'cli.sqlite3'}: 4 meetings")


def test_the_vocabularies_name_exactly_the_kinds_in_the_data(database_path: Path) -> None:
    with sqlite3.connect(f"file:{database_path}?mode=ro", uri=True) as connection:
        fact_kinds = {kind for (kind,) in connection.execute("SELECT DISTINCT kind FROM fact")}
        subject_kinds = {
            kind
            for (kind,) in connection.execute(
                "SELECT DISTINCT kind FROM rendered_item WHERE list = 'conflicts'"
            )
        }
    assert fact_kinds == {kind.value for kind in FactKind}
    assert subject_kinds <= {kind.value for kind in SubjectKind} and subject_kinds
