"""``python -m seed``: validate the curated data and build the SQLite database."""

import argparse
import sys
from pathlib import Path

from app.core.config import get_settings
from app.models import Citation, Event, Issue, Participant, Round, Source, Statement
from seed.build import BuildEnvironmentError, write_database
from seed.dataset import Dataset, build_dataset
from seed.loading import DATA_DIR, DOCUMENTS_DIR, SeedError, load_curated

# Exit statuses: the curated data is at fault, or where the database is written is.
EXIT_INVALID_DATA = 1
EXIT_ENVIRONMENT = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="validate the curated data without writing anything"
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="report how many sentences of each document are cited or marked; write nothing",
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help="where to write the database (default: PARLEY_DATABASE_PATH or seed/build/)",
    )
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--documents-dir", type=Path, default=DOCUMENTS_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    try:
        dataset = build_dataset(load_curated(args.data_dir, args.documents_dir))
    except SeedError as error:
        print(f"seed: {error.report()}", file=sys.stderr)
        return EXIT_INVALID_DATA

    counts = ", ".join(
        f"{dataset.count(table)} {label}"
        for table, label in (
            (Round, "meetings"),
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
    target = args.database or get_settings().database_path
    try:
        write_database(dataset, target)
    except BuildEnvironmentError as error:
        print(f"seed: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    print(f"seed: built {target}: {counts}")
    return 0


def print_coverage(dataset: Dataset) -> int:
    """Print the coverage table and every unaccounted sentence; fail when there is one."""
    documents = {row.id: row.document for row in dataset.rows[Source]}  # type: ignore[attr-defined]
    header = f"{'document':<28} {'sentences':>9} {'cited':>6} {'marked':>6} {'uncovered':>9} "
    print(header + f"{'cited %':>8} {'accounted %':>11}")
    totals = [0, 0, 0, 0]
    for source_id, coverage in dataset.coverage.items():
        row = [coverage.sentences, coverage.cited, coverage.marked, len(coverage.uncovered)]
        totals = [total + value for total, value in zip(totals, row, strict=True)]
        print(
            f"{source_id:<28} {row[0]:>9} {row[1]:>6} {row[2]:>6} {row[3]:>9} "
            f"{coverage.cited_share:>8.1%} {coverage.accounted_share:>11.1%}"
        )
    sentences, cited, marked, uncovered = totals
    print(
        f"{'total':<28} {sentences:>9} {cited:>6} {marked:>6} {uncovered:>9} "
        f"{cited / sentences:>8.1%} {1 - uncovered / sentences:>11.1%}"
    )
    for source_id, coverage in dataset.coverage.items():
        for sentence in coverage.uncovered:
            print(
                f"uncovered: {documents[source_id]} [{sentence.start}:{sentence.end}] "
                f"«{sentence.text}»"
            )
    return 1 if uncovered else 0


if __name__ == "__main__":
    sys.exit(main())
