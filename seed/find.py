"""``python -m seed find "TEXT"``: where a candidate quote occurs, and what already cites it.

A quote is found the way the seed script finds it: verbatim, each occurrence numbered as
``occurrence: N`` counts them. Text that occurs nowhere verbatim is looked for once more with
search normalisation (case, accents, Arabic letter forms and marks ignored), to show the exact
text to copy.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from app.search.normalize import normalize, normalize_with_offsets
from seed.loading import CuratedData, citation_sites, read_curated
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


def _documents(data: CuratedData) -> list[SourceDocument]:
    by_name = {source.document: source for source in data.sources}
    documents = []
    for name, document in data.documents.items():
        source = by_name.get(name)
        documents.append(
            SourceDocument(
                name=name,
                source_id=source.id if source else None,
                language=source.language if source else None,
                text=document.text,
            )
        )
    return documents


def _claims(data: CuratedData) -> dict[str, list[tuple[Span, str]]]:
    """By source id: every span a fact cites or a curator marked uncited, described."""
    texts = {
        source.id: data.documents[source.document].text
        for source in data.sources
        if source.document in data.documents
    }
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


def find_occurrences(data: CuratedData, quote: str) -> list[Occurrence]:
    """Every verbatim occurrence of ``quote`` in every document, with what overlaps it."""
    claims = _claims(data)
    found = []
    for document in _documents(data):
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


def near_matches(data: CuratedData, quote: str) -> list[tuple[SourceDocument, Span]]:
    """Where ``quote`` occurs once both it and the documents are normalised, as original spans."""
    wanted = normalize(quote)
    if not wanted:
        return []
    matches = []
    for document in _documents(data):
        normalised, origin = normalize_with_offsets(document.text)
        for start in occurrences(normalised, wanted):
            end = origin[start + len(wanted) - 1] + 1
            matches.append((document, Span(origin[start], end)))
    return matches[:MAX_NEAR_MATCHES]


def citation_yaml(source_id: str, quote: str, occurrence: int | None) -> str:
    """A citation to paste into a record's ``citations:``; JSON strings are YAML strings."""
    text = f"{{source: {source_id}, quote: {json.dumps(quote, ensure_ascii=False)}"
    return text + (f", occurrence: {occurrence}}}" if occurrence else "}")


def run_find(quote: str, data_dir: Path, documents_dir: Path) -> int:
    data, problems = read_curated(data_dir, documents_dir)
    if problems:
        print(
            f"seed: note: the curated data has {len(problems)} problem(s) "
            "(`python -m seed --check` lists them); citations in those files are not shown"
        )
    found = find_occurrences(data, quote)
    if found:
        documents = len({occurrence.document.name for occurrence in found})
        print(f"«{quote}» occurs {len(found)} time(s) in {documents} document(s):")
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
    near = near_matches(data, quote)
    if near:
        print("Ignoring case, accents, Arabic letter forms and marks, it matches:")
        for document, span in near:
            print(f"  {document} {span}: «{document.text[span.start : span.end]}»")
        print("Quotes must be copied exactly: cite the text between « and » instead.")
    return EXIT_NOT_FOUND
