"""``python -m seed``: validate the curated data and build the SQLite database.

Two tools help curate it: ``add-source`` brings a new article in, ``find`` says where a
candidate quote occurs and what already cites it.
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from app.core.config import describe_invalid_settings, get_settings

if TYPE_CHECKING:
    from seed.dataset import Dataset

# Exit statuses: the curated data (or what a tool was asked to add) is at fault, or where the
# database or data is written is.
EXIT_INVALID_DATA = 1
EXIT_ENVIRONMENT = 2


def _add_data_options(
    parser: argparse.ArgumentParser, data_dir: object, documents_dir: object
) -> None:
    """Where the curated files and documents are (default: PARLEY_DATA_DIR and
    PARLEY_DOCUMENTS_DIR, as the server reads them). Hidden: tests work on copies."""
    parser.add_argument("--data-dir", type=Path, default=data_dir, help=argparse.SUPPRESS)
    parser.add_argument("--documents-dir", type=Path, default=documents_dir, help=argparse.SUPPRESS)


def _add_tool_data_options(parser: argparse.ArgumentParser) -> None:
    # No defaults of their own: an option given before the tool's name stays the main
    # parser's, and one given after it overrides it.
    _add_data_options(parser, argparse.SUPPRESS, argparse.SUPPRESS)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    main_parser.add_argument(
        "--check", action="store_true", help="validate the curated data without writing anything"
    )
    main_parser.add_argument(
        "--coverage",
        action="store_true",
        help="report how many sentences of each document are cited or marked; write nothing",
    )
    main_parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help="where to write the database (default: PARLEY_DATABASE_PATH or seed/build/)",
    )
    _add_data_options(main_parser, None, None)
    tools = main_parser.add_subparsers(dest="tool", metavar="{add-source,find,cite}")

    add = tools.add_parser(
        "add-source",
        help="copy a new article into the documents and start its entry in sources.yaml",
        description="Copy a new article into seed/documents/, append its entry to "
        "sources.yaml with a TODO for every field to fill in, start its glosses file when it "
        "is not in English, and print its coverage.",
    )
    add.add_argument("file", type=Path, help="the article, as UTF-8 text")
    add.add_argument("--id", required=True, help="the new source's id, like wire-report-3")
    add.add_argument(
        "--lang", required=True, help="the article's language as a BCP 47 tag: ar, en, ru..."
    )
    _add_tool_data_options(add)

    find = tools.add_parser(
        "find",
        help="where a candidate quote occurs, and what already cites it",
        description="Where each TEXT occurs verbatim in every document (offsets, and the "
        "occurrence number a citation would need), and the facts and marks that already "
        "cover text overlapping it. Exits 1 when one occurs nowhere verbatim.",
    )
    find.add_argument("text", nargs="+", help="the candidate quote (several: one each)")
    _add_tool_data_options(find)

    cite = tools.add_parser(
        "cite",
        help="write citations of a source into a record of the curated files",
        description="Find each QUOTE in the source as the validator does, append it to the "
        "citations of RECORD, and, for a source not in English, put its gloss (or a TODO to "
        "fill in) in glosses/<source>.yaml in document order. RECORD is named as the API names "
        "facts: round-2, round-2/issue/direct-flights, round-2/participant/<id>, "
        "round-2/venue/<name slug>, round-2/duration/<value slug> (or press, ending), "
        "<participant>/title/<slug>, <participant>/alias/<alias>, "
        "<issue>/item/<id>, a statement or event id, <statement>/attribution, or "
        "round/round-2/<field>/<version number>. Nothing is written if the seed script would "
        "refuse the result; the refusal is printed in its words.",
    )
    cite.add_argument("record", help="the record to cite, e.g. round-2/issue/direct-flights")
    cite.add_argument("--source", required=True, help="the source id")
    cite.add_argument(
        "--quote", required=True, action="append", help="the exact text (repeat for several)"
    )
    cite.add_argument(
        "--supports",
        default="",
        help="the record's other claims the quotes support, comma-separated: raised_by,outcome",
    )
    cite.add_argument("--occurrence", type=int, help="which occurrence of a repeated quote")
    cite.add_argument(
        "--gloss", action="append", default=[], help="the English gloss of each --quote, in order"
    )
    cite.add_argument(
        "--background", action="store_true", help="cite as background (supports no claim)"
    )
    _add_tool_data_options(cite)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as error:
        for line in describe_invalid_settings(error):
            print(f"seed: {line}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    args.data_dir = args.data_dir or settings.data_dir
    args.documents_dir = args.documents_dir or settings.documents_dir
    if args.tool == "add-source":
        return _add_source(args)
    if args.tool == "cite":
        return _cite(args)
    if args.tool == "find":
        from seed.find import run_find

        if not all(text.strip() for text in args.text):
            print("seed: find: give the text to look for", file=sys.stderr)
            return EXIT_INVALID_DATA
        return run_find(args.text, args.data_dir, args.documents_dir)

    return _build(args, settings.database_path)


def _build(args: argparse.Namespace, default_database: Path) -> int:
    # Imported here, not at the top: the curation tools start without the build's machinery.
    from app.models import Citation, Event, Issue, Meeting, Participant, Source, Statement
    from seed.build import BuildEnvironmentError, write_database
    from seed.dataset import build_dataset
    from seed.loading import SeedError, load_curated

    try:
        dataset = build_dataset(load_curated(args.data_dir, args.documents_dir))
    except SeedError as error:
        print(f"seed: {error.report()}", file=sys.stderr)
        return EXIT_INVALID_DATA

    counts = ", ".join(
        f"{dataset.count(table)} {label}"
        for table, label in (
            (Meeting, "meetings"),
            (Participant, "participants"),
            (Issue, "issues"),
            (Statement, "statements"),
            (Event, "events"),
            (Source, "sources"),
            (Citation, "citations"),
        )
    )
    if args.coverage:
        return print_coverage(dataset)
    if args.check:
        print(f"seed: curated data is valid: {counts}")
        return 0
    target = args.database or default_database
    try:
        write_database(dataset, target)
    except BuildEnvironmentError as error:
        print(f"seed: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print(f"seed: built {target}: {counts}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from seed.cite import CiteRefused, Request, cite

    request = Request(
        address=args.record,
        source=args.source,
        quotes=args.quote,
        supports=[claim.strip() for claim in args.supports.split(",") if claim.strip()],
        occurrence=args.occurrence,
        glosses=args.gloss,
        about="background" if args.background else None,
    )
    try:
        written = cite(request, args.data_dir, args.documents_dir)
    except CiteRefused as refusal:
        print(f"seed: cite: {refusal}", file=sys.stderr)
        return EXIT_INVALID_DATA
    print("\n".join(f"seed: cite: {line}" for line in written))
    return 0


def _add_source(args: argparse.Namespace) -> int:
    from seed.add_source import CannotWrite, Refused, add_source, report

    try:
        added = add_source(args.file, args.id, args.lang, args.data_dir, args.documents_dir)
    except Refused as refusal:
        print(f"seed: add-source: {refusal}", file=sys.stderr)
        return EXIT_INVALID_DATA
    except CannotWrite as error:
        print(f"seed: add-source: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print("\n".join(report(added)))
    return 0


def print_coverage(dataset: "Dataset") -> int:
    """Print the coverage table and every unaccounted sentence; fail when there is one."""
    from app.models import Source
    from seed.coverage import coverage_table, uncovered_lines

    documents = {row.id: row.document for row in dataset.rows[Source]}  # type: ignore[attr-defined]
    lines = coverage_table(dataset.coverage)
    uncovered = uncovered_lines(dataset.coverage, documents)
    print("\n".join(lines + uncovered))
    return 1 if uncovered else 0


if __name__ == "__main__":
    sys.exit(main())
