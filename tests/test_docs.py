"""The README documents every endpoint and every setting."""

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.core.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_endpoint_is_documented(client: TestClient, settings: Settings) -> None:
    documented = set(re.findall(r"^\| `(/[^`?]*)", README, flags=re.MULTILINE))
    paths = client.get("/openapi.json").json()["paths"]
    served = {re.sub(r"\{\w+_id\}", "{id}", p.removeprefix(settings.api_prefix)) for p in paths}
    # A list's CSV twin is documented once, as the rule for every list.
    tables = {path for path in served if path.endswith(".csv")}
    assert tables and "/api/v1/rounds/2/issues.csv" in README
    # Both ways: no endpoint undocumented, and no row of the table for one that is not served.
    assert served - tables == documented


def test_every_setting_is_documented() -> None:
    prefix = Settings.model_config.get("env_prefix", "")
    for name in Settings.model_fields:
        assert f"`{prefix}{name.upper()}`" in README, f"{prefix}{name.upper()} is undocumented"
