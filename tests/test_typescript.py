"""The checked-in TypeScript types are exactly what openapi-typescript generates from today's
document, and a client written against them compiles with ``tsc --strict``."""

import json
import shutil
import subprocess
from pathlib import Path

from fastapi.testclient import TestClient

from tests.node import TYPESCRIPT, npx

TYPES_DIR = Path(__file__).parent / "openapi"
# Exact versions: the comparison is of generated text, which changes between releases.
OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_checked_in_types_are_what_openapi_typescript_generates(
    client: TestClient, tmp_path: Path
) -> None:
    """Regenerate tests/openapi/parley.d.ts with the command in this test when it fails."""
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(client.get("/openapi.json").json()), encoding="utf-8")
    generated = tmp_path / "parley.d.ts"
    run(
        [
            npx("TYPESCRIPT CHECKS"),
            "--yes",
            OPENAPI_TYPESCRIPT,
            str(document),
            "-o",
            str(generated),
        ],
        tmp_path,
    )
    checked_in = (TYPES_DIR / "parley.d.ts").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == checked_in


def test_a_client_against_the_types_compiles_strictly(tmp_path: Path) -> None:
    for name in ("parley.d.ts", "usage.ts"):
        shutil.copy(TYPES_DIR / name, tmp_path / name)
    run(
        [
            npx("TYPESCRIPT CHECKS"),
            "--yes",
            "--package",
            TYPESCRIPT,
            "--",
            "tsc",
            "--strict",
            "--noEmit",
            "--target",
            "es2022",
            "--module",
            "es2022",
            "--moduleResolution",
            "bundler",
            "--lib",
            "es2022,dom",
            "usage.ts",
        ],
        tmp_path,
    )
