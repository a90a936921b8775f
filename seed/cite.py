"""``python -m seed cite RECORD --source ID --quote TEXT``: write citations into the curated YAML.

A record is named as its fact is everywhere else (``fact.subject_id`` in the API): ``round-2``,
``round-2/issue/direct-flights``, ``round-2/participant/sonata-coulter``,
``round-2/venue/<venue's English name, slugified>``, ``alexander-darchiev/title/<slug>``,
``alexander-darchiev/alias/<alias>``, ``seized-diplomatic-property/item/<item id>``,
``round-2/duration/<value's English, slugified>`` (also ``press``, ``ending``), a statement or
event id, ``<statement id>/attribution``, or a version as
``<subject kind>/<subject id>/<field>/<its number, from 1>``.

Each quote is found as the validator finds it (the near matches are offered when it is not
verbatim); the citation is written at the end of the record's ``citations``, and a quote from a
document not in English gets its gloss (or a ``TODO`` stub) in ``glosses/<source id>.yaml`` in
document order. The files are parsed with ruamel.yaml, which says where each node is; the new
lines go in there, so every other byte of the file (comments, order, folded text) stays as the
curator wrote it. Before anything is written, the edited files are checked as a build checks
them: a citation the seed script would refuse is refused, in the seed script's words.
"""

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from app.vocabulary import MeetingAspect
from seed.curation import quotes_need_glosses
from seed.dataset import build_dataset, slugify
from seed.find import near_matches, source_documents
from seed.loading import GLOSSES_DIR, SeedError, display_path, read_curated
from seed.quotes import QuoteNotFound, locate_quote

# Which file holds the records a top-level id can name, in the order they are looked up.
RECORD_FILES = ("rounds.yaml", "participants.yaml", "issues.yaml", "statements.yaml", "events.yaml")
# A nested record: the list it is in, and how an entry of it is named in an address.
NESTED: dict[str, tuple[str, Any]] = {
    "issue": ("issues", lambda entry: entry.get("issue")),
    "participant": ("participants", lambda entry: entry.get("participant")),
    "venue": ("venues", lambda entry: slugify(str(entry.get("name_en", "")))),
    "title": ("titles", lambda entry: slugify(str(entry.get("title_en", "")))),
    "alias": ("aliases", lambda entry: entry.get("alias")),
    "item": ("items", lambda entry: entry.get("id")),
} | {
    # How a meeting went: round-2/duration/<value's English, slugified>.
    aspect.value: (
        "aspects",
        lambda entry, aspect=aspect.value: (
            slugify(str(entry.get("value_en", ""))) if entry.get("aspect") == aspect else None
        ),
    )
    for aspect in MeetingAspect
}
VERSION_SUBJECTS = ("round", "participant", "issue")
GLOSS_PLACEHOLDER = "TODO"


class CiteRefused(Exception):
    """What ``cite`` will not write, in words; nothing has been written."""


@dataclass
class Target:
    """A record found in a curated file: its mapping, and its place for messages."""

    file: str
    record: CommentedMap
    label: str


@dataclass
class Edit:
    """Lines to insert into one file, by line number (0-based, before that line)."""

    insertions: list[tuple[int, list[str]]] = field(default_factory=list)
    replacements: list[tuple[int, str]] = field(default_factory=list)

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        for number, line in self.replacements:
            lines[number] = line
        for number, new in sorted(self.insertions, key=lambda item: -item[0]):
            lines[number:number] = new
        return "\n".join(lines)


def _yaml() -> YAML:
    parser = YAML(typ="rt")
    parser.preserve_quotes = True
    return parser


def _load(path: Path) -> Any:
    return _yaml().load(path.read_text(encoding="utf-8"))


def find_record(data_dir: Path, address: str) -> Target:
    """The record ``address`` names, or ``CiteRefused`` saying why there is none."""
    parts = address.split("/")
    if parts[0] in VERSION_SUBJECTS and len(parts) == 4:
        return _find_version(data_dir, *parts)
    for file_name in RECORD_FILES:
        records = _load(data_dir / file_name) or []
        for record in records:
            if isinstance(record, CommentedMap) and record.get("id") == parts[0]:
                return _descend(Target(file_name, record, parts[0]), parts[1:], address)
    raise CiteRefused(f"no record '{parts[0]}' in {', '.join(RECORD_FILES)}")


def _descend(target: Target, rest: list[str], address: str) -> Target:
    if not rest:
        return target
    if rest == ["attribution"]:
        attribution = target.record.get("attribution")
        if not isinstance(attribution, CommentedMap):
            raise CiteRefused(f"{target.label} has no attribution")
        return Target(target.file, attribution, f"{target.label} > attribution")
    if len(rest) != 2 or rest[0] not in NESTED:
        kinds = ", ".join(f"{name}/<id>" for name in NESTED)
        raise CiteRefused(f"'{address}': after the record's id, give one of {kinds}, attribution")
    kind, key = rest
    list_name, name_of = NESTED[kind]
    for entry in target.record.get(list_name) or []:
        if isinstance(entry, CommentedMap) and name_of(entry) == key:
            return Target(target.file, entry, f"{target.label} > {kind} '{key}'")
    named = (name_of(e) for e in target.record.get(list_name) or [] if isinstance(e, CommentedMap))
    known = ", ".join(str(name) for name in named if name is not None)
    raise CiteRefused(f"{target.label} has no {kind} '{key}' (it has: {known or 'none'})")


def _find_version(data_dir: Path, kind: str, subject: str, field_name: str, number: str) -> Target:
    for version_set in _load(data_dir / "versions.yaml") or []:
        if (version_set.get("subject_kind"), version_set.get("subject_id")) == (kind, subject) and (
            version_set.get("field") == field_name
        ):
            versions = version_set.get("versions") or []
            if number.isdigit() and 1 <= int(number) <= len(versions):
                label = f"{kind} '{subject}' {field_name} > version {number}"
                return Target("versions.yaml", versions[int(number) - 1], label)
            raise CiteRefused(f"{kind} '{subject}' {field_name} has versions 1 to {len(versions)}")
    raise CiteRefused(f"versions.yaml has no version set for {kind} '{subject}' {field_name}")


def _extent(lines: list[str], start: int, dash_column: int) -> int:
    """The line just past a list item starting at ``start`` whose dash is at ``dash_column``."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        stripped = line.lstrip()
        if stripped and len(line) - len(stripped) <= dash_column:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines between records belong to neither
    return end


def _item_lines(entry: dict[str, Any], dash_column: int) -> list[str]:
    """A mapping as a block list item, in the curated files' style."""
    lines = []
    for number, (key, value) in enumerate(entry.items()):
        lead = " " * dash_column + ("- " if number == 0 else "  ")
        if isinstance(value, list):
            written = "[" + ", ".join(value) + "]"
        elif isinstance(value, str) and key in ("quote", "gloss_en", "note_en", "note_ar"):
            written = json.dumps(value, ensure_ascii=False)
        else:
            written = str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f"{lead}{key}: {written}")
    return lines


def append_to_list(
    edit: Edit, lines: list[str], owner: CommentedMap, key: str, entries: list[dict[str, Any]]
) -> tuple[int, int]:
    """Lines that add ``entries`` at the end of ``owner``'s block list ``key``; returns the
    lines they will occupy (1-based, inclusive) once the edit is applied."""
    sequence = owner.get(key)
    key_line, key_column = owner.lc.key(key)
    if isinstance(sequence, CommentedSeq) and sequence:
        last_line, last_column = sequence.lc.item(len(sequence) - 1)
        dash_column = (
            last_column - 2
            if lines[last_line][last_column - 2 : last_column] == "- "
            else last_column
        )
        at = _extent(lines, last_line, dash_column)
    else:
        # An empty list, written `key: []` or with no value yet: it becomes a block list.
        dash_column = key_column + 2
        edit.replacements.append((key_line, " " * key_column + f"{key}:"))
        at = key_line + 1
    new = [line for entry in entries for line in _item_lines(entry, dash_column)]
    edit.insertions.append((at, new))
    return at + 1, at + len(new)


def gloss_position(text: str, glosses: CommentedSeq, quote: str) -> int:
    """The index a gloss of ``quote`` takes: by first occurrence in the document, the shorter
    first for the same start, as the seed script wants them."""
    key = (text.find(quote), len(quote))
    for index, gloss in enumerate(glosses):
        if (text.find(str(gloss.get("quote"))), len(str(gloss.get("quote")))) > key:
            return index
    return len(glosses)


def insert_gloss(
    edit: Edit, lines: list[str], document: str, file: CommentedMap, quote: str, gloss: str
) -> None:
    glosses = file.get("glosses")
    if not isinstance(glosses, CommentedSeq) or not glosses:
        append_to_list(edit, lines, file, "glosses", [{"quote": quote, "gloss_en": gloss}])
        return
    index = gloss_position(document, glosses, quote)
    first_line, first_column = glosses.lc.item(0)
    dash_column = (
        first_column - 2
        if lines[first_line][first_column - 2 : first_column] == "- "
        else first_column
    )
    if index < len(glosses):
        at = glosses.lc.item(index)[0]
    else:
        last_line = glosses.lc.item(len(glosses) - 1)[0]
        at = _extent(lines, last_line, dash_column)
    edit.insertions.append((at, _item_lines({"quote": quote, "gloss_en": gloss}, dash_column)))


@dataclass(frozen=True)
class Request:
    address: str
    source: str
    quotes: list[str]
    supports: list[str]
    occurrence: int | None = None
    glosses: list[str] = field(default_factory=list)
    about: str | None = None


def _locate_all(request: Request, text: str, documents: Any) -> None:
    for quote in request.quotes:
        try:
            locate_quote(text, quote, request.occurrence)
        except QuoteNotFound as error:
            lines = [f"«{quote}»: {error} (source '{request.source}')"]
            near = [
                (d, s) for d, s in near_matches(documents, quote) if d.source_id == request.source
            ]
            if near:
                lines.append("ignoring case, accents, Arabic letter forms and marks, it matches:")
                lines += [f"  «{d.text[s.start : s.end]}» {s}" for d, s in near]
            raise CiteRefused("\n".join(lines)) from None


def plan(request: Request, data_dir: Path, documents_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The new text of each file to change, and what will be said of each change."""
    data, _ = read_curated(data_dir, documents_dir)
    documents = source_documents(data, data_dir)
    by_id = {document.source_id: document for document in documents if document.source_id}
    document = by_id.get(request.source)
    if document is None:
        raise CiteRefused(f"unknown source '{request.source}' (sources.yaml has no entry for it)")
    if request.occurrence is not None and len(request.quotes) != 1:
        raise CiteRefused("--occurrence names the occurrence of one quote: give one --quote")
    if request.glosses and len(request.glosses) != len(request.quotes):
        raise CiteRefused("give one --gloss per --quote, in the same order, or none")
    _locate_all(request, document.text, documents)

    target = find_record(data_dir, request.address)
    path = data_dir / target.file
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    already = {
        (str(c.get("source")), str(c.get("quote")))
        for c in target.record.get("citations") or []
        if isinstance(c, CommentedMap)
    }
    for quote in request.quotes:
        if (request.source, quote) in already:
            raise CiteRefused(f"{target.label} already cites «{quote}» from {request.source}")
    entries: list[dict[str, Any]] = []
    for quote in request.quotes:
        entry: dict[str, Any] = {"source": request.source, "quote": quote}
        if request.occurrence is not None:
            entry["occurrence"] = request.occurrence
        if request.about:
            entry["about"] = request.about
        if request.supports:
            entry["supports"] = request.supports
        entries.append(entry)
    edit = Edit()
    first, last = append_to_list(edit, lines, target.record, "citations", entries)
    changed = {target.file: edit.apply(text)}
    said = [
        f"{display_path(path)}:{first}-{last}: {target.label}: cites «{q}»" for q in request.quotes
    ]

    if document.language and quotes_need_glosses(document.language):
        gloss_name = f"{GLOSSES_DIR}/{request.source}.yaml"
        gloss_path = data_dir / gloss_name
        gloss_text = gloss_path.read_text(encoding="utf-8")
        gloss_file = _yaml().load(gloss_text)
        known = {str(g.get("quote")): g.get("gloss_en") for g in gloss_file.get("glosses") or []}
        gloss_edit = Edit()
        gloss_lines = gloss_text.split("\n")
        for number, quote in enumerate(request.quotes):
            if quote in known:
                said.append(f"{display_path(gloss_path)}: «{quote}» is already glossed")
                continue
            gloss = request.glosses[number] if request.glosses else GLOSS_PLACEHOLDER
            insert_gloss(gloss_edit, gloss_lines, document.text, gloss_file, quote, gloss)
            said.append(
                f"{display_path(gloss_path)}: glossed «{quote}»"
                + (": replace its TODO with the English" if gloss == GLOSS_PLACEHOLDER else "")
            )
        if gloss_edit.insertions:
            changed[gloss_name] = gloss_edit.apply(gloss_text)
    return changed, said


def _problems(data_dir: Path, documents_dir: Path) -> list[str]:
    data, problems = read_curated(data_dir, documents_dir)
    if problems:
        return problems
    try:
        build_dataset(data)
    except SeedError as error:
        return error.problems
    return []


def check_as_a_build(changed: dict[str, str], data_dir: Path, documents_dir: Path) -> list[str]:
    """The problems the edited files would have that the files have not now, in the seed
    script's words."""
    before = set(_problems(data_dir, documents_dir))
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(shutil.copytree(data_dir, Path(scratch) / "data"))
        for name, text in changed.items():
            # A gloss still to write is no reason to stop there: checked as if written.
            stub = f"gloss_en: {json.dumps(GLOSS_PLACEHOLDER)}"
            (copy / name).write_text(text.replace(stub, 'gloss_en: "(to write)"'), encoding="utf-8")
        after = [
            problem.replace(display_path(copy), display_path(data_dir))
            for problem in _problems(copy, documents_dir)
        ]
    return [problem for problem in after if problem not in before]


def cite(request: Request, data_dir: Path, documents_dir: Path) -> list[str]:
    """Write the citations (and gloss stubs) ``request`` asks for; what was written, a line each.
    Raises ``CiteRefused``, having written nothing, for what the seed script would refuse."""
    changed, said = plan(request, data_dir, documents_dir)
    refused = check_as_a_build(changed, data_dir, documents_dir)
    if refused:
        raise CiteRefused(
            "the seed script would refuse this:\n" + "\n".join(f"  - {p}" for p in refused)
        )
    for name, text in changed.items():
        (data_dir / name).write_text(text, encoding="utf-8")
    return said
