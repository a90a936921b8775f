"""How much of each document the curated data accounts for, in sentences and in characters.

Every word of a document must be accounted for: inside a citation, or inside a span the curators
marked as deliberately uncited. A clause left between two of them (a connective such as «بما في
ذلك», "including", or an attribution such as «وتفيد وسائل الإعلام بأن», "media report that") is
unaccounted for however short it is, so a sentence that is mostly cited cannot hide it.

Characters are letters and digits only (``\\w``): spaces and punctuation weigh nothing. A sentence
is a run of text between Arabic or Latin sentence punctuation (. ، ؛ ؟ : ! ?) or line breaks. It is
unaccounted for when any of its characters is; otherwise it counts as cited when citations cover
more of its characters than marks do, and as marked when they do not.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SENTENCE_BREAK = re.compile(r"[.،؛؟:!?\n]+")
WORD_CHARACTER = re.compile(r"\w")
# What an unaccounted clause is trimmed of before it is shown: the spaces and commas that join it
# to the text around it.
CLAUSE_EDGES = " \t\r\n,،;؛"

# What covers a character: a citation wins over a mark where both do.
NOT_COVERED, MARKED, CITED = 0, 1, 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Tally:
    """Counts of one unit (sentences or characters): cited, marked, and not accounted for."""

    cited: int = 0
    marked: int = 0
    uncovered: int = 0

    @property
    def total(self) -> int:
        return self.cited + self.marked + self.uncovered

    @property
    def cited_share(self) -> float:
        return self.cited / self.total if self.total else 0.0

    @property
    def accounted_share(self) -> float:
        # An empty document has nothing to account for: 0 of 0 reads as fully accounted.
        return 1 - self.uncovered / self.total if self.total else 1.0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.cited + other.cited,
            self.marked + other.marked,
            self.uncovered + other.uncovered,
        )


@dataclass(frozen=True)
class DocumentCoverage:
    sentences: Tally
    characters: Tally
    # Every clause no citation or mark covers, in document order.
    unaccounted: list[Span] = field(default_factory=list)


def split_sentences(text: str) -> list[Span]:
    sentences = []
    start = 0
    for separator in [*SENTENCE_BREAK.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        # A lone dash or bullet between line breaks is layout, not a sentence.
        if WORD_CHARACTER.search(stripped):
            offset = start + chunk.index(stripped)
            sentences.append(Span(offset, offset + len(stripped), stripped))
        if separator:
            start = separator.end()
    return sentences


def _cover(
    length: int, cited: Iterable[tuple[int, int]], marked: Iterable[tuple[int, int]]
) -> bytearray:
    """What covers each character of the text: NOT_COVERED, MARKED or CITED."""
    layer = bytearray(length)
    for covering, spans in ((MARKED, marked), (CITED, cited)):
        for start, end in spans:
            layer[start:end] = bytes([covering]) * (end - start)
    return layer


def _unaccounted_clauses(text: str, sentence: Span, layer: bytearray) -> list[Span]:
    """The runs of the sentence that nothing covers and that hold a word, trimmed of joins."""
    clauses = []
    position = sentence.start
    while position < sentence.end:
        if layer[position] != NOT_COVERED:
            position += 1
            continue
        run_start = position
        while position < sentence.end and layer[position] == NOT_COVERED:
            position += 1
        run = text[run_start:position]
        if WORD_CHARACTER.search(run):
            trimmed = run.strip(CLAUSE_EDGES)
            start = run_start + run.index(trimmed)
            clauses.append(Span(start, start + len(trimmed), trimmed))
    return clauses


def measure(
    text: str, cited: list[tuple[int, int]], marked: list[tuple[int, int]]
) -> DocumentCoverage:
    layer = _cover(len(text), cited, marked)
    sentences = Tally()
    characters = Tally()
    unaccounted: list[Span] = []
    for sentence in split_sentences(text):
        counts = [0, 0, 0]
        for match in WORD_CHARACTER.finditer(text, sentence.start, sentence.end):
            counts[layer[match.start()]] += 1
        in_sentence = Tally(
            cited=counts[CITED], marked=counts[MARKED], uncovered=counts[NOT_COVERED]
        )
        characters += in_sentence
        if in_sentence.uncovered:
            sentences += Tally(uncovered=1)
            unaccounted += _unaccounted_clauses(text, sentence, layer)
        elif in_sentence.cited >= in_sentence.marked:
            sentences += Tally(cited=1)
        else:
            sentences += Tally(marked=1)
    return DocumentCoverage(sentences, characters, unaccounted)


def total_coverage(coverage: Iterable[DocumentCoverage]) -> DocumentCoverage:
    sentences, characters = Tally(), Tally()
    for document in coverage:
        sentences += document.sentences
        characters += document.characters
    return DocumentCoverage(sentences, characters)


def coverage_table(coverage: Mapping[str, DocumentCoverage]) -> list[str]:
    """The lines of the coverage table: a row per document, then the total."""

    def row(name: str, document: DocumentCoverage) -> str:
        sentences, characters = document.sentences, document.characters
        return (
            f"{name:<28} {sentences.total:>9} {sentences.cited:>6} {sentences.marked:>6} "
            f"{sentences.uncovered:>9} {characters.total:>10} {characters.cited_share:>8.1%} "
            f"{characters.accounted_share:>11.1%}"
        )

    return [
        f"{'document':<28} {'sentences':>9} {'cited':>6} {'marked':>6} {'uncovered':>9} "
        f"{'characters':>10} {'cited %':>8} {'accounted %':>11}",
        *(row(source_id, document) for source_id, document in coverage.items()),
        row("total", total_coverage(coverage.values())),
    ]


def uncovered_lines(
    coverage: Mapping[str, DocumentCoverage], documents: Mapping[str, str]
) -> list[str]:
    """One line per clause still unaccounted for, with its document and offsets."""
    return [
        f"uncovered: {documents[source_id]} [{clause.start}:{clause.end}] «{clause.text}»"
        for source_id, document in coverage.items()
        for clause in document.unaccounted
    ]
