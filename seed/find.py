"""``python -m seed find "TEXT" ...``: where each candidate quote occurs, and what already
cites it.

A quote is found the way the seed script finds it: verbatim, each occurrence numbered as
``occurrence: N`` counts them. Text that occurs nowhere verbatim is looked for once more with
search normalisation (case, accents, Arabic letter forms and marks ignored), to show the exact
text to copy.

An entry of a curated file with problems (a new source's TODOs) hides only its own citations:
every other entry is read and shown, and the note names the files with problems.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.search.normalize import normalize, normalize_with_offsets
from seed.loading import CuratedData, citation_sites, parse_yaml, read_curated
from seed.quotes import QuoteNotFound, locate_quote, occurrences

# Exit statuses: found verbatim; not found verbatim (whether or not a normalised match was).
EXIT_FOUND = 0
EXIT_NOT_FOUND = 1
# Normalised matches shown when the text is not found verbatim.
MAX_NEAR_MATCHES = 10


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def __str__(self) -> str:
        return f"[{self.start}:{self.end}]"


@dataclass(frozen=True)
class SourceDocument:
    """A document with the source entry that describes it, if it has one yet."""

    name: str
    source_id: str | None
    language: str | None
    text: str

    def __str__(self) -> str:
        source = self.source_id or "(no entry in sources.yaml)"
        return f"{source} [{self.language or '?'}] {self.name}"


@dataclass(frozen=True)
class Occurrence:
    document: SourceDocument
    number: int
    """1-based, as ``occurrence: N`` counts."""
    count: int
    span: Span
    already: list[str]
    """What already cites or marks text overlapping it, one line each."""


def source_documents(data: CuratedData, data_dir: Path) -> list[SourceDocument]:
    """Every document, named by its entry in sources.yaml.

    An entry is read as written, valid or not: a source just added still has its TODOs, and
    its document should be found under its id all the same.
    """
    entries: dict[str, tuple[str, str | None]] = {
        source.document: (source.id, source.language) for source in data.sources
    }
    try:
        written = parse_yaml((data_dir / "sources.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        written = None
    for entry in written if isinstance(written, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("document"), str):
            language = entry.get("language")
            entries.setdefault(
                entry["document"],
                (str(entry.get("id")), language if isinstance(language, str) else None),
            )
    return [
        SourceDocument(
            name=name,
            source_id=entries[name][0] if name in entries else None,
            language=entries[name][1] if name in entries else None,
            text=document.text,
        )
        for name, document in data.documents.items()
    ]


def _claims(
    data: CuratedData, documents: list[SourceDocument]
) -> dict[str, list[tuple[Span, str]]]:
    """By source id: every span a fact cites or a curator marked uncited, described. A source
    is known by its entry as written, so one still being filled in is searched too."""
    texts = {document.source_id: document.text for document in documents if document.source_id}
    claims: dict[str, list[tuple[Span, str]]] = {source_id: [] for source_id in texts}

    def claim(source_id: str, quote: str, occurrence: int | None, description: str) -> None:
        if source_id not in texts:
            return
        try:
            start, end = locate_quote(texts[source_id], quote, occurrence)
        except QuoteNotFound:
            return  # `python -m seed --check` reports it; here it claims nothing
        claims[source_id].append((Span(start, end), description))

    for site in citation_sites(data):
        cited = site.citation
        description = f"cited by {site.file}: {site.record_kind} {site.record_id} > {site.field}"
        claim(cited.source, cited.quote, cited.occurrence, description)
    for source in data.sources:
        for number, mark in enumerate(source.uncited, start=1):
            description = (
                f"marked uncited ({mark.reason.value}) in sources.yaml: "
                f"source {source.id} > uncited span {number}"
            )
            claim(source.id, mark.quote, mark.occurrence, description)
    return claims


def find_occurrences(
    claims: dict[str, list[tuple[Span, str]]], documents: list[SourceDocument], quote: str
) -> list[Occurrence]:
    """Every verbatim occurrence of ``quote`` in the documents, with what overlaps it."""
    found = []
    for document in documents:
        starts = occurrences(document.text, quote)
        for number, start in enumerate(starts, start=1):
            span = Span(start, start + len(quote))
            already = [
                f"{description} {claimed}"
                for claimed, description in claims.get(document.source_id or "", [])
                if claimed.overlaps(span)
            ]
            found.append(Occurrence(document, number, len(starts), span, already))
    return found


def near_matches(documents: list[SourceDocument], quote: str) -> list[tuple[SourceDocument, Span]]:
    """Where ``quote`` occurs once both it and the documents are normalised, as original spans."""
    wanted = normalize(quote)
    if not wanted:
        return []
    matches = []
    for document in documents:
        normalised, origin = normalize_with_offsets(document.text)
        for start in occurrences(normalised, wanted):
            end = origin[start + len(wanted) - 1] + 1
            matches.append((document, Span(origin[start], end)))
    return matches[:MAX_NEAR_MATCHES]


def citation_yaml(source_id: str, quote: str, occurrence: int | None) -> str:
    """A citation to paste into a record's ``citations:``; JSON strings are YAML strings."""
    text = f"{{source: {source_id}, quote: {json.dumps(quote, ensure_ascii=False)}"
    return text + (f", occurrence: {occurrence}}}" if occurrence else "}")


def files_with_problems(problems: list[str]) -> list[str]:
    """The files named at the head of each problem, each once, in order."""
    return list(dict.fromkeys(problem.split(": ", 1)[0] for problem in problems))


def run_find(quotes: list[str], data_dir: Path, documents_dir: Path) -> int:
    data, problems = read_curated(data_dir, documents_dir)
    if problems:
        print(
            f"seed: note: {len(problems)} problem(s) in {', '.join(files_with_problems(problems))} "
            "(`python -m seed --check` lists them); the citations of the entries with problems "
            "are not shown, every other entry's are"
        )
    documents = source_documents(data, data_dir)
    claims = _claims(data, documents)
    statuses = [report_quote(claims, documents, quote) for quote in quotes]
    return EXIT_FOUND if all(status == EXIT_FOUND for status in statuses) else EXIT_NOT_FOUND


def report_quote(
    claims: dict[str, list[tuple[Span, str]]], documents: list[SourceDocument], quote: str
) -> int:
    found = find_occurrences(claims, documents, quote)
    if found:
        in_documents = len({occurrence.document.name for occurrence in found})
        print(f"«{quote}» occurs {len(found)} time(s) in {in_documents} document(s):")
        for occurrence in found:
            document = occurrence.document
            print(
                f"{document}: occurrence {occurrence.number} of {occurrence.count} "
                f"{occurrence.span}"
            )
            if document.source_id:
                number = occurrence.number if occurrence.count > 1 else None
                print(f"  cite as: {citation_yaml(document.source_id, quote, number)}")
            for line in occurrence.already or ["not cited or marked yet"]:
                print(f"  {line}")
        return EXIT_FOUND
    print(f"«{quote}» does not occur verbatim in any document.")
    near = near_matches(documents, quote)
    if near:
        print("Ignoring case, accents, Arabic letter forms and marks, it matches:")
        for document, span in near:
            print(f"  {document} {span}: «{document.text[span.start : span.end]}»")
        print("Quotes must be copied exactly: cite the text between « and » instead.")
    return EXIT_NOT_FOUND
