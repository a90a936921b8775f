"""``python -m seed add-source FILE --id ID --lang LANG``: bring a new article into the data.

Copies the article byte for byte into the documents as ``NNN_<first 16 hex of its sha256>.txt``
(the next number), appends its entry to ``sources.yaml`` with a ``TODO`` for every field only a
reader can fill in (the seed script refuses a ``TODO`` until it is replaced), writes an empty
glosses file when the article is not in English, and prints its coverage: every sentence, each
still to be cited or marked.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from seed.coverage import coverage_table, measure, uncovered_lines
from seed.curation import CuratedSource, LanguageTag, Slug, quotes_need_glosses
from seed.loading import GLOSSES_DIR, display_path, parse_yaml, read_documents
from seed.shapes import PLACEHOLDER, expected_words, field_words, found

NUMBERED = re.compile(r"^(\d{3})_")
# Fields add-source fills in itself; every other field of a source gets a placeholder.
KNOWN_FIELDS = ("id", "document", "language")


class Refused(Exception):
    """The article cannot be added as asked; nothing was written."""


class CannotWrite(Exception):
    """Reading the article or writing the data failed; whatever was written is removed."""


@dataclass(frozen=True)
class AddedSource:
    source_id: str
    language: str
    document: Path
    sha256: str
    sources_file: Path
    glosses_file: Path | None
    text: str


def _checked(value: str, shape: Any, option: str) -> str:
    try:
        return str(TypeAdapter(shape).validate_python(value))
    except ValidationError as error:
        # The same words as a curated file's problems: what the option takes, what it got.
        expected = expected_words(error.errors()[0], shape, "")
        raise Refused(f"{option}: expected {expected}, found {found(value)}") from None


def _existing_ids(sources_file: Path) -> set[str]:
    try:
        entries = parse_yaml(sources_file.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        return set()
    except (OSError, yaml.YAMLError) as error:
        raise Refused(
            f"{display_path(sources_file)} cannot be read ({error}); "
            "fix it first (`python -m seed --check`)"
        ) from None
    return {str(entry["id"]) for entry in entries if isinstance(entry, dict) and "id" in entry}


def source_entry(source_id: str, document: str, language: str) -> str:
    """The new entry for sources.yaml: known fields filled in, a placeholder for the rest.

    Written from the source model's own fields, so a field added to the model is asked for.
    """
    lines = [
        f"- id: {source_id}",
        f"  document: {document}",
        f"  language: {language}",
        f"  # Added by `python -m seed add-source`: replace every {PLACEHOLDER} below (the seed",
        "  # script refuses them) and delete the optional lines that do not apply.",
    ]
    for name, info in CuratedSource.model_fields.items():
        if name in KNOWN_FIELDS:
            continue
        value = "[]" if isinstance(info.default, list) else PLACEHOLDER
        words = field_words(info)
        lines.append(f"  {name}: {value}" + (f"  # {words}" if words else ""))
    return "\n".join(lines) + "\n"


def glosses_file_text(source_id: str, document: str) -> str:
    return (
        f"# English glosses of the quotes cited from {source_id} ({document}),\n"
        "# in document order: faithful to the original, fragments rendered as fragments.\n"
        "gloss_by: curators\n"
        "glosses: []\n"
    )


def _next_number(documents_dir: Path) -> int:
    numbers = [
        int(match.group(1))
        for path in documents_dir.glob("*.txt")
        if (match := NUMBERED.match(path.name))
    ]
    return max(numbers, default=-1) + 1


def add_source(
    article: Path, source_id: str, language: str, data_dir: Path, documents_dir: Path
) -> AddedSource:
    """Add the article, or raise ``Refused`` (nothing written) or ``CannotWrite``."""
    source_id = _checked(source_id, Slug, "--id")
    language = _checked(language, LanguageTag, "--lang")
    try:
        content = article.read_bytes()
    except OSError as error:
        raise CannotWrite(f"{article}: cannot read it: {error.strerror}") from None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(
            f"{article}: not UTF-8 text (byte {error.start}); save it as UTF-8 first"
        ) from None
    if not text.strip():
        raise Refused(f"{article}: the file is empty")
    sources_file = data_dir / "sources.yaml"
    if source_id in _existing_ids(sources_file):
        raise Refused(f"source id '{source_id}' is already in {display_path(sources_file)}")
    glosses_file = data_dir / GLOSSES_DIR / f"{source_id}.yaml"
    if glosses_file.exists():
        raise Refused(f"{display_path(glosses_file)} already exists")
    sha256 = hashlib.sha256(content).hexdigest()
    for existing in read_documents(documents_dir).values():
        if existing.sha256 == sha256:
            raise Refused(
                f"{article} is already in the documents, as "
                f"{display_path(documents_dir / existing.name)}"
            )

    name = f"{_next_number(documents_dir):03d}_{sha256[:16]}.txt"
    document = documents_dir / name
    needs_glosses = quotes_need_glosses(language)
    written: list[Path] = []
    try:
        with document.open("xb") as copy:
            written.append(document)
            copy.write(content)
        if needs_glosses:
            with glosses_file.open("x", encoding="utf-8") as glosses:
                written.append(glosses_file)
                glosses.write(glosses_file_text(source_id, name))
        before = sources_file.read_text(encoding="utf-8") if sources_file.exists() else ""
        # A blank line between entries, as in the rest of the file.
        separator = "" if not before else "\n" if before.endswith("\n") else "\n\n"
        with sources_file.open("a", encoding="utf-8") as sources:
            sources.write(separator + source_entry(source_id, name, language))
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise CannotWrite(f"{error.filename}: cannot write it: {error.strerror}") from None
    return AddedSource(
        source_id=source_id,
        language=language,
        document=document,
        sha256=sha256,
        sources_file=sources_file,
        glosses_file=glosses_file if needs_glosses else None,
        text=text,
    )


def report(added: AddedSource) -> list[str]:
    """What add-source prints: what it wrote, what is left to do, and the coverage table."""
    lines = [
        f"seed: added source '{added.source_id}' ({added.language}): "
        f"{display_path(added.document)} (sha256 {added.sha256[:16]}…)",
        f"seed: appended its entry to {display_path(added.sources_file)}: "
        f"replace every {PLACEHOLDER} in it",
    ]
    if added.glosses_file is not None:
        lines.append(
            f"seed: wrote {display_path(added.glosses_file)}: "
            "give every quote you cite from it an English gloss there"
        )
    else:
        lines.append("seed: its quotes are in English, so they need no gloss")
    coverage = {added.source_id: measure(added.text, [], [])}
    lines += coverage_table(coverage)
    lines += uncovered_lines(coverage, {added.source_id: added.document.name})
    return lines
