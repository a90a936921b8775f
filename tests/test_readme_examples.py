"""Every curl line of the README, run as printed against a live server over a real socket,
prints what the README says it prints.

The commands run in bash exactly as written, with ``localhost:8000`` reached on the test
server's port by curl's ``--connect-to`` (so the Host header, and the ETags and links that
depend on it, stay as printed). In the printed output ``…`` stands for text left out, and
whitespace is not compared (the README pretty-prints JSON that the API sends compact).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.servers import Server
from tests.live_server import address

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, str]]:
    """(command, printed output) for each ``$ curl`` line in the README's console blocks."""
    examples = []
    for block in re.findall(r"^```console\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL):
        for chunk in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            if chunk.startswith("$ curl"):
                command, _, printed = chunk.partition("\n")
                examples.append((command.removeprefix("$ "), printed.rstrip("\n")))
    return examples


def matches(printed: str, actual: str) -> bool:
    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", text)

    pattern = ".*?".join(re.escape(piece) for piece in squeeze(printed).split("…"))
    return re.fullmatch(pattern, squeeze(actual), flags=re.DOTALL) is not None


EXAMPLES = console_examples()


def test_the_readme_has_its_examples() -> None:
    assert len(EXAMPLES) >= 20
    assert any("--data-urlencode 'q=دارشيف'" in command for command, _ in EXAMPLES)


@pytest.mark.parametrize(("command", "printed"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_prints_what_the_readme_shows(
    server: Server, command: str, printed: str
) -> None:
    assert shutil.which("curl"), "curl is needed to run the README's examples"
    host, port = address(server)
    connect = f'curl() {{ command curl --connect-to localhost:8000:{host}:{port} "$@"; }}'
    result = subprocess.run(
        ["bash", "-c", f"{connect}\n{command}"], capture_output=True, text=True, timeout=30
    )
    assert matches(printed, result.stdout), f"README shows:\n{printed}\n\nprints:\n{result.stdout}"
