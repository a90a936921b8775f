"""Reading the curated YAML files and the source documents, reporting every problem found."""

import functools
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from app.core.config import CURATED_DATA_DIR, CURATED_DOCUMENTS_DIR
from app.localized import LANGUAGES
from seed.curation import (
    Cited,
    CuratedCitation,
    CuratedEvent,
    CuratedGlosses,
    CuratedIssue,
    CuratedParticipant,
    CuratedRound,
    CuratedSource,
    CuratedStatement,
    CuratedVersionSet,
    CuratedWording,
)
from seed.shapes import (
    ITEM_NOUNS,
    RECORD_NOUNS,
    describe_error,
    describe_placeholder,
    label_of,
    placeholders,
)

CURATED_FILES = (
    "sources.yaml",
    "participants.yaml",
    "issues.yaml",
    "rounds.yaml",
    "statements.yaml",
    "events.yaml",
    "versions.yaml",
    "wording.yaml",
)
# One file per source, named by its id: the English gloss of every quote cited from it.
GLOSSES_DIR = "glosses"


class SeedError(Exception):
    """The curated data cannot be built; ``problems`` says every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the curated data")
        self.problems = problems

    def report(self) -> str:
        """What the seed script prints: a heading and one line per problem."""
        lines = [f"the curated data is not valid ({len(self.problems)} problem(s)):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    sha256: str


@dataclass(frozen=True)
class CuratedData:
    sources: list[CuratedSource]
    participants: list[CuratedParticipant]
    issues: list[CuratedIssue]
    rounds: list[CuratedRound]
    statements: list[CuratedStatement]
    events: list[CuratedEvent]
    versions: list[CuratedVersionSet]
    glosses: dict[str, CuratedGlosses]
    """By source id."""
    wording: CuratedWording | None
    """None when ``wording.yaml`` has problems (reported), which a build never gets past."""
    documents: dict[str, Document]
    data_version: str
    """Hash of every curated file and document: the version of the data."""


Record = TypeVar("Record", bound=BaseModel)


def display_path(path: Path) -> str:
    """A path as a curator would type it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


_UNREADABLE = object()
# libyaml's parser when PyYAML was built with it: the same safe loading, several times faster
# (reading the curated files is most of what a curation tool's call costs).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text as plain data, as ``yaml.safe_load`` reads it."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def _parse(path: Path, problems: list[str], empty: Any) -> Any:
    """The file's YAML, or ``_UNREADABLE`` after recording why; an empty file reads as
    ``empty``."""
    shown = display_path(path)
    if not path.is_file():
        problems.append(f"{shown}: file is missing")
        return _UNREADABLE
    try:
        raw = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        problems.append(f"{shown}: not valid YAML: {error}")
        return _UNREADABLE
    return empty if raw is None else raw


@functools.cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    """One validator per shape, built once: a file's records are validated one by one."""
    return TypeAdapter(shape)


def _validated(
    path: Path,
    shape: Any,
    raw: Any,
    value: Any,
    problems: list[str],
    at: tuple[int | str, ...] = (),
) -> Any:
    """``value`` (found at ``at`` in the file's ``raw`` YAML) validated as ``shape``, or None
    after recording every problem in it, in words. A value still a ``TODO`` placeholder is
    reported as such, not as whatever type it fails to be."""
    shown = display_path(path)
    file_shape = list[shape] if at else shape
    unfilled = [(*at, *location) for location in placeholders(value)]
    found: list[str] = [
        f"{shown}: {describe_placeholder(path.name, file_shape, raw, location)}"
        for location in unfilled
    ]
    try:
        validated = _adapter(shape).validate_python(value)
    except ValidationError as error:
        validated = None
        for detail in error.errors():
            location = (*at, *detail["loc"])
            if location not in unfilled:
                located = cast(ErrorDetails, {**detail, "loc": location})
                found.append(f"{shown}: {describe_error(path.name, file_shape, raw, located)}")
    problems += found
    return None if found else validated


def _read_yaml(path: Path, shape: Any, problems: list[str], empty: Any = None) -> Any:
    """The file validated as ``shape``, or None after recording every problem in it."""
    raw = _parse(path, problems, empty)
    return None if raw is _UNREADABLE else _validated(path, shape, raw, raw, problems)


def _read_yaml_list(path: Path, model: type[Record], problems: list[str]) -> list[Record]:
    """The file's records, each validated on its own: a record with problems is left out (after
    recording them) and the others are kept, so the curation tools still see every citation
    the rest of the file holds. A build refuses the file all the same."""
    raw = _parse(path, problems, [])
    if raw is _UNREADABLE:
        return []
    if not isinstance(raw, list):
        return _read_yaml(path, list[model], problems, empty=[]) or []  # type: ignore[valid-type]
    records = [
        _validated(path, model, raw, entry, problems, (index,)) for index, entry in enumerate(raw)
    ]
    return [record for record in records if record is not None]


def _read_glosses(glosses_dir: Path, problems: list[str]) -> dict[str, CuratedGlosses]:
    glosses = {}
    for path in sorted(glosses_dir.glob("*.yaml")):
        file_glosses = _read_yaml(path, CuratedGlosses, problems)
        if file_glosses is not None:
            glosses[path.stem] = file_glosses
    return glosses


@dataclass(frozen=True)
class CitationSite:
    """Where a citation is in the curated files: ``participants.yaml``, participant
    ``alexander-darchiev``, ``alias 'دارشيف' > citation 1``."""

    file: str
    record_kind: str
    record_id: str
    field: str
    citation: CuratedCitation


def _nested(model: BaseModel, path: list[str]) -> Iterator[tuple[list[str], BaseModel]]:
    """``model`` and every record nested in it (citations aside), each with the path to it in
    words: ``["alias 'دارشيف'"]``, ``["attribution"]``."""
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _nested(value, [*path, name])
        elif isinstance(value, list):
            noun = ITEM_NOUNS.get(name, name)
            for number, item in enumerate(value, start=1):
                if isinstance(item, BaseModel) and not isinstance(item, CuratedCitation):
                    label = label_of(item.__dict__) or str(number)
                    yield from _nested(item, [*path, f"{noun} '{label}'"])


def _sites_in(model: BaseModel) -> Iterator[tuple[str, CuratedCitation]]:
    for path, record in _nested(model, []):
        if isinstance(record, Cited):
            noun = ITEM_NOUNS.get("citations", "citations")
            for number, citation in enumerate(record.citations, start=1):
                yield " > ".join([*path, f"{noun} {number}"]), citation


def cited_records(model: BaseModel, where: str) -> Iterator[tuple[str, Cited]]:
    """``model`` and every record nested in it that carries citations, each with where it is."""
    for path, record in _nested(model, []):
        if isinstance(record, Cited):
            yield " > ".join([where, *path]), record


def curated_records(data: CuratedData) -> list[tuple[str, Sequence[BaseModel]]]:
    """Each curated file of records, by name, with its records in file order."""
    return [
        ("sources.yaml", data.sources),
        ("participants.yaml", data.participants),
        ("issues.yaml", data.issues),
        ("rounds.yaml", data.rounds),
        ("statements.yaml", data.statements),
        ("events.yaml", data.events),
        ("versions.yaml", data.versions),
    ]


def citation_sites(data: CuratedData) -> Iterator[CitationSite]:
    """Every citation in the curated files, with where it is (sources have none)."""
    for file_name, records in curated_records(data):
        for number, record in enumerate(records, start=1):
            if isinstance(record, CuratedVersionSet):
                record_id = f"{record.subject_kind}/{record.subject_id}/{record.field}"
            else:
                record_id = str(getattr(record, "id", number))
            for field, citation in _sites_in(record):
                yield CitationSite(file_name, RECORD_NOUNS[file_name], record_id, field, citation)


def read_documents(documents_dir: Path) -> dict[str, Document]:
    documents = {}
    for path in sorted(documents_dir.glob("*.txt")):
        content = path.read_bytes()
        documents[path.name] = Document(
            name=path.name,
            text=content.decode("utf-8"),
            sha256=hashlib.sha256(content).hexdigest(),
        )
    return documents


def curated_data_version(
    data_dir: Path = CURATED_DATA_DIR, documents_dir: Path = CURATED_DOCUMENTS_DIR
) -> str:
    """The version of the curated data without parsing or validating it: what a server
    compares with its database's before deciding whether anything needs building."""
    return _hash_inputs(data_dir, read_documents(documents_dir))


def _hash_inputs(data_dir: Path, documents: dict[str, Document]) -> str:
    digest = hashlib.sha256()
    # The languages records are built in are an input too: changing them rebuilds the file.
    digest.update(b"languages\0" + ",".join(LANGUAGES).encode() + b"\0")
    gloss_files = sorted((data_dir / GLOSSES_DIR).glob("*.yaml"))
    for path in [data_dir / name for name in CURATED_FILES] + gloss_files:
        if path.is_file():
            name = path.relative_to(data_dir).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for document in documents.values():
        digest.update(document.name.encode() + b"\0" + document.sha256.encode() + b"\0")
    return digest.hexdigest()


def read_curated(
    data_dir: Path = CURATED_DATA_DIR, documents_dir: Path = CURATED_DOCUMENTS_DIR
) -> tuple[CuratedData, list[str]]:
    """Whatever of the curated data can be read, and every problem found reading it: a file
    with problems reads as empty. The curation tools work with this; a build never does."""
    problems: list[str] = []
    data = CuratedData(
        sources=_read_yaml_list(data_dir / "sources.yaml", CuratedSource, problems),
        participants=_read_yaml_list(data_dir / "participants.yaml", CuratedParticipant, problems),
        issues=_read_yaml_list(data_dir / "issues.yaml", CuratedIssue, problems),
        rounds=_read_yaml_list(data_dir / "rounds.yaml", CuratedRound, problems),
        statements=_read_yaml_list(data_dir / "statements.yaml", CuratedStatement, problems),
        events=_read_yaml_list(data_dir / "events.yaml", CuratedEvent, problems),
        versions=_read_yaml_list(data_dir / "versions.yaml", CuratedVersionSet, problems),
        glosses=_read_glosses(data_dir / GLOSSES_DIR, problems),
        wording=_read_yaml(data_dir / "wording.yaml", CuratedWording, problems),
        documents=read_documents(documents_dir),
        data_version="",
    )
    return replace(data, data_version=_hash_inputs(data_dir, data.documents)), problems


def load_curated(
    data_dir: Path = CURATED_DATA_DIR, documents_dir: Path = CURATED_DOCUMENTS_DIR
) -> CuratedData:
    data, problems = read_curated(data_dir, documents_dir)
    if problems:
        raise SeedError(problems)
    return data
