"""``python -m seed``: validate the curated data and build the SQLite database."""

import argparse
import sys
from pathlib import Path

from app.core.config import get_settings
from app.models import Citation, Issue, Participant, Round, Source
from seed.build import write_database
from seed.dataset import build_dataset
from seed.loading import DATA_DIR, DOCUMENTS_DIR, SeedError, load_curated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="validate the curated data without writing anything"
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
        print(
            f"seed: the curated data is not valid ({len(error.problems)} problem(s)):",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1

    counts = ", ".join(
        f"{dataset.count(table)} {label}"
        for table, label in (
            (Round, "meetings"),
            (Participant, "participants"),
            (Issue, "issues"),
            (Source, "sources"),
            (Citation, "citations"),
        )
    )
    if args.check:
        print(f"seed: curated data is valid: {counts}")
        return 0
    target = args.database or get_settings().database_path
    write_database(dataset, target)
    print(f"seed: built {target}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
