"""The README documents every endpoint and every setting."""

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.core.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_endpoint_is_documented(client: TestClient, settings: Settings) -> None:
    documented = set(re.findall(r"^\| `([^`?]+)", README, flags=re.MULTILINE))
    paths = client.get("/openapi.json").json()["paths"]
    assert len(paths) >= 20
    for path in paths:
        path = path.removeprefix(settings.api_prefix)
        path = re.sub(r"\{\w+_id\}", "{id}", path)
        assert path in documented, f"{path} is not in the README's endpoint table"


def test_every_setting_is_documented() -> None:
    prefix = Settings.model_config.get("env_prefix", "")
    for name in Settings.model_fields:
        assert f"`{prefix}{name.upper()}`" in README, f"{prefix}{name.upper()} is undocumented"


# The README's examples that show an error, and the status they show.
ERROR_EXAMPLES = {"/api/v1/rounds/9": 404, "/api/v1/issues?limit=abc": 422}


def test_every_curl_example_in_the_readme_answers(client: TestClient) -> None:
    examples = re.findall(r"^\$ curl [^\n]*?'?localhost:8000(/[^\s']+)", README, re.MULTILINE)
    assert len(examples) >= 20
    for path in examples:
        response = client.get(path)
        assert response.status_code == ERROR_EXAMPLES.get(path, 200), path
