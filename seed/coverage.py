"""How much of each document the curated data accounts for, sentence by sentence.

A sentence is a run of text between Arabic or Latin sentence punctuation (. ، ؛ ؟ : ! ?) or
line breaks. It is accounted for when citations and marked (deliberately uncited) spans cover at
least half of its characters; it counts as cited when citations cover more of it than marks do.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SENTENCE_BREAK = re.compile(r"[.،؛؟:!?\n]+")
HAS_WORD = re.compile(r"\w")
ACCOUNTED_SHARE = 0.5


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentCoverage:
    sentences: int
    cited: int
    marked: int
    uncovered: list[Sentence]

    @property
    def accounted_share(self) -> float:
        return 1.0 if self.sentences == 0 else 1 - len(self.uncovered) / self.sentences

    @property
    def cited_share(self) -> float:
        return 0.0 if self.sentences == 0 else self.cited / self.sentences


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    start = 0
    for separator in [*SENTENCE_BREAK.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        # A lone dash or bullet between line breaks is layout, not a sentence.
        if HAS_WORD.search(stripped):
            offset = start + chunk.index(stripped)
            sentences.append(Sentence(offset, offset + len(stripped), stripped))
        if separator:
            start = separator.end()
    return sentences


def _covered(sentence: Sentence, spans: Iterable[tuple[int, int]]) -> int:
    """How many of the sentence's characters fall inside the union of the spans."""
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(max(start, sentence.start), min(end, sentence.end)))
    return len(inside)


def measure(
    text: str, cited: list[tuple[int, int]], marked: list[tuple[int, int]]
) -> DocumentCoverage:
    counts = {"cited": 0, "marked": 0}
    uncovered = []
    for sentence in split_sentences(text):
        length = sentence.end - sentence.start
        by_citation = _covered(sentence, cited)
        by_mark = _covered(sentence, marked)
        if _covered(sentence, cited + marked) < ACCOUNTED_SHARE * length:
            uncovered.append(sentence)
        elif by_citation >= by_mark:
            counts["cited"] += 1
        else:
            counts["marked"] += 1
    return DocumentCoverage(
        sentences=counts["cited"] + counts["marked"] + len(uncovered),
        cited=counts["cited"],
        marked=counts["marked"],
        uncovered=uncovered,
    )


def coverage_table(coverage: Mapping[str, DocumentCoverage]) -> list[str]:
    """The lines of the coverage table: a row per document, then the total."""
    lines = [
        f"{'document':<28} {'sentences':>9} {'cited':>6} {'marked':>6} {'uncovered':>9} "
        f"{'cited %':>8} {'accounted %':>11}"
    ]
    totals = [0, 0, 0, 0]
    for source_id, document in coverage.items():
        row = [document.sentences, document.cited, document.marked, len(document.uncovered)]
        totals = [total + value for total, value in zip(totals, row, strict=True)]
        lines.append(
            f"{source_id:<28} {row[0]:>9} {row[1]:>6} {row[2]:>6} {row[3]:>9} "
            f"{document.cited_share:>8.1%} {document.accounted_share:>11.1%}"
        )
    sentences, cited, marked, uncovered = totals
    # An empty document has nothing to account for: 0 of 0 reads as fully accounted.
    cited_share = cited / sentences if sentences else 0.0
    accounted_share = 1 - uncovered / sentences if sentences else 1.0
    lines.append(
        f"{'total':<28} {sentences:>9} {cited:>6} {marked:>6} {uncovered:>9} "
        f"{cited_share:>8.1%} {accounted_share:>11.1%}"
    )
    return lines


def uncovered_lines(
    coverage: Mapping[str, DocumentCoverage], documents: Mapping[str, str]
) -> list[str]:
    """One line per sentence still unaccounted for, with its document and offsets."""
    return [
        f"uncovered: {documents[source_id]} [{sentence.start}:{sentence.end}] «{sentence.text}»"
        for source_id, document in coverage.items()
        for sentence in document.uncovered
    ]
