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
