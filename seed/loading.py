"""Reading the curated YAML files and the source documents, reporting every problem found."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from seed.curation import (
    CuratedEvent,
    CuratedGlosses,
    CuratedIssue,
    CuratedParticipant,
    CuratedRound,
    CuratedSource,
    CuratedStatement,
    CuratedVersionSet,
)

SEED_DIR = Path(__file__).resolve().parent
DATA_DIR = SEED_DIR / "data"
DOCUMENTS_DIR = SEED_DIR / "documents"

CURATED_FILES = (
    "sources.yaml",
    "participants.yaml",
    "issues.yaml",
    "rounds.yaml",
    "statements.yaml",
    "events.yaml",
    "versions.yaml",
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
    documents: dict[str, Document]
    data_version: str
    """Hash of every curated file and document: the version of the data."""


Record = TypeVar("Record", bound=BaseModel)


def _describe_location(raw: Any, location: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a path that names records by their ids."""
    parts: list[str] = []
    node = raw
    for key in location:
        child = None
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            child = node[key]
            label = next(
                (
                    child[k]
                    for k in ("id", "issue", "participant", "alias", "name_en", "title_en")
                    if isinstance(child, dict) and k in child
                ),
                None,
            )
            parts.append(f"[{key}]" + (f" ({label})" if label else ""))
        else:
            if isinstance(node, dict):
                child = node.get(key)
            parts.append(f".{key}")
        node = child
    return "".join(parts).lstrip(".")


def _read_yaml(path: Path, shape: Any, problems: list[str], empty: Any = None) -> Any:
    """The file validated as ``shape``, or None after recording every problem in it.

    An empty file reads as ``empty``.
    """
    if not path.is_file():
        problems.append(f"{path.name}: file is missing")
        return None
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw = empty if raw is None else raw
    except yaml.YAMLError as error:
        problems.append(f"{path.name}: not valid YAML: {error}")
        return None
    try:
        return TypeAdapter(shape).validate_python(raw)
    except ValidationError as error:
        for detail in error.errors():
            where = _describe_location(raw, tuple(detail["loc"]))
            problems.append(f"{path.name}: {where}: {detail['msg']}")
        return None


def _read_yaml_list(path: Path, model: type[Record], problems: list[str]) -> list[Record]:
    records: list[Record] | None = _read_yaml(path, list[model], problems, empty=[])  # type: ignore[valid-type]
    return records or []


def _read_glosses(glosses_dir: Path, problems: list[str]) -> dict[str, CuratedGlosses]:
    glosses = {}
    for path in sorted(glosses_dir.glob("*.yaml")):
        file_glosses = _read_yaml(path, CuratedGlosses, problems)
        if file_glosses is not None:
            glosses[path.stem] = file_glosses
    return glosses


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


def _hash_inputs(data_dir: Path, documents: dict[str, Document]) -> str:
    digest = hashlib.sha256()
    gloss_files = sorted((data_dir / GLOSSES_DIR).glob("*.yaml"))
    for path in [data_dir / name for name in CURATED_FILES] + gloss_files:
        if path.is_file():
            name = path.relative_to(data_dir).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for document in documents.values():
        digest.update(document.name.encode() + b"\0" + document.sha256.encode() + b"\0")
    return digest.hexdigest()


def load_curated(data_dir: Path = DATA_DIR, documents_dir: Path = DOCUMENTS_DIR) -> CuratedData:
    problems: list[str] = []
    sources = _read_yaml_list(data_dir / "sources.yaml", CuratedSource, problems)
    participants = _read_yaml_list(data_dir / "participants.yaml", CuratedParticipant, problems)
    issues = _read_yaml_list(data_dir / "issues.yaml", CuratedIssue, problems)
    rounds = _read_yaml_list(data_dir / "rounds.yaml", CuratedRound, problems)
    statements = _read_yaml_list(data_dir / "statements.yaml", CuratedStatement, problems)
    events = _read_yaml_list(data_dir / "events.yaml", CuratedEvent, problems)
    versions = _read_yaml_list(data_dir / "versions.yaml", CuratedVersionSet, problems)
    glosses = _read_glosses(data_dir / GLOSSES_DIR, problems)
    documents = read_documents(documents_dir)
    if problems:
        raise SeedError(problems)
    return CuratedData(
        sources=sources,
        participants=participants,
        issues=issues,
        rounds=rounds,
        statements=statements,
        events=events,
        versions=versions,
        glosses=glosses,
        documents=documents,
        data_version=_hash_inputs(data_dir, documents),
    )
