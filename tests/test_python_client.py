"""A Python client generated from ``/openapi.json`` by openapi-python-client works: generated
without a warning about the document, imported, and called over a socket in English and Arabic,
typed data back."""

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from bench.servers import Server

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def parley_client(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The generated package, imported: ``parley_client`` and its ``api`` modules."""
    workdir = tmp_path_factory.mktemp("python-client")
    document = workdir / "openapi.json"
    document.write_text(json.dumps(httpx.get(f"{server.base_url}/openapi.json").json()))
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(document), "--meta", "none"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
        # Its formatting step runs ruff, from this environment.
        env=os.environ | {"PATH": f"{GENERATOR.parent}:{os.environ.get('PATH', '')}"},
        check=False,
    )
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    # Every schema and operation generated: no part of the document skipped.
    assert "Warning" not in said and "Unable to parse" not in said, said
    sys.path.insert(0, str(workdir))
    try:
        yield importlib.import_module("parley_client")
    finally:
        sys.path.remove(str(workdir))
        for name in [name for name in sys.modules if name.startswith("parley_client")]:
            del sys.modules[name]


@pytest.fixture
def client(parley_client: Any, server: Server) -> Iterator[Any]:
    """A generated client of the live server, closed after the test."""
    with parley_client.Client(base_url=server.base_url) as generated:
        yield generated


def module(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_a_generated_client_reads_a_round_in_both_shapes(client: Any) -> None:
    read_round = module("parley_client.api.rounds.read_round")
    models = module("parley_client.models")
    bilingual = read_round.sync(number=2, client=client)
    assert isinstance(bilingual, models.RoundPublic)
    assert bilingual.name_ar and bilingual.name_en
    arabic = read_round.sync(number=2, client=client, lang="ar")
    assert isinstance(arabic, models.RoundPublicLocalized)
    assert arabic.name == bilingual.name_ar


def test_a_generated_client_pages_a_list_and_searches(client: Any) -> None:
    issues = module("parley_client.api.rounds.read_round_issues").sync(number=2, client=client)
    assert "direct-flights" in {issue.id for issue in issues.items}
    flights = next(issue for issue in issues.items if issue.id == "direct-flights")
    assert [side.value for side in flights.raised_by] == ["RU"]
    found = module("parley_client.api.search.read_search").sync(client=client, q="دارشيف")
    assert found.items[0].id == "alexander-darchiev"


def test_a_generated_client_gets_problems_as_problems(client: Any) -> None:
    missing = module("parley_client.api.rounds.read_round").sync(number=99, client=client)
    assert isinstance(missing, module("parley_client.models").Problem)
    assert missing.status == 404
