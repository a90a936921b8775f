"""The checked-in TypeScript types are exactly what openapi-typescript generates from today's
document; a client written against them compiles with ``tsc --strict``; and a client through
openapi-fetch, typed by the generated paths alone (no casts, no media-type arguments), compiles
strictly and reads the live server in English and Arabic, CSV and errors too."""

import json
import shutil
import subprocess
from pathlib import Path

from fastapi.testclient import TestClient

from bench.servers import Server
from tests.node import TYPESCRIPT, npm, npx

TYPES_DIR = Path(__file__).parent / "openapi"
# Exact versions: the comparison is of generated text, which changes between releases, and the
# compiler's verdict on a client depends on the fetch library's types.
OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"
OPENAPI_FETCH = "openapi-fetch@0.17.0"
WHAT = "TYPESCRIPT CHECKS"


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def compile_strictly(directory: Path, entry: str, *, emit: bool = False) -> None:
    """``tsc --strict`` on one file of ``directory``, into ``directory/out`` when emitting."""
    output = ["--outDir", "out"] if emit else ["--noEmit"]
    run(
        [
            npx(WHAT),
            "--yes",
            "--package",
            TYPESCRIPT,
            "--",
            "tsc",
            "--strict",
            *output,
            "--target",
            "es2022",
            "--module",
            "es2022",
            "--moduleResolution",
            "bundler",
            "--lib",
            "es2022,dom",
            entry,
        ],
        directory,
    )


def copy_in(directory: Path, *names: str) -> None:
    for name in names:
        shutil.copy(TYPES_DIR / name, directory / name)


def test_checked_in_types_are_what_openapi_typescript_generates(
    client: TestClient, tmp_path: Path
) -> None:
    """Regenerate tests/openapi/parley.d.ts with the command in this test when it fails."""
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(client.get("/openapi.json").json()), encoding="utf-8")
    generated = tmp_path / "parley.d.ts"
    run([npx(WHAT), "--yes", OPENAPI_TYPESCRIPT, str(document), "-o", str(generated)], tmp_path)
    checked_in = (TYPES_DIR / "parley.d.ts").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == checked_in


def test_a_client_against_the_types_compiles_strictly(tmp_path: Path) -> None:
    copy_in(tmp_path, "parley.d.ts", "usage.ts")
    compile_strictly(tmp_path, "usage.ts")


def test_an_openapi_fetch_client_compiles_strictly_and_reads_the_server(
    server: Server, tmp_path: Path
) -> None:
    copy_in(tmp_path, "parley.d.ts", "fetch_client.ts", "run_fetch_client.mjs")
    (tmp_path / "package.json").write_text('{"private": true, "type": "module"}')
    run([npm(WHAT), "install", "--no-save", "--no-audit", "--no-fund", OPENAPI_FETCH], tmp_path)
    compile_strictly(tmp_path, "fetch_client.ts", emit=True)
    said = json.loads(run(["node", "run_fetch_client.mjs", server.base_url], tmp_path))
    assert "Resumption of direct flights" in said["raisedByRussia"]
    assert said["roundNameInArabic"].startswith("الجولة الثانية")
    assert said["search"][0] == "alexander-darchiev"
    assert said["issuesTable"].startswith("id,name_en,name_ar,")
    assert said["missingRound"] == "404 404 No round numbered 9."
