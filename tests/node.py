"""Node.js for the checks that need it (generated TypeScript types, tsc)."""

import os
import shutil

import pytest

# Exact version: the checks compare generated text and compiler verdicts across runs.
TYPESCRIPT = "typescript@5.9.3"


def npx(what: str) -> str:
    """npx, or a loud skip (a failure in CI) naming the check that could not run."""
    return node_command("npx", what)


def npm(what: str) -> str:
    return node_command("npm", what)


def node_command(name: str, what: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    message = f"{what} NOT RUN: Node.js ({name}) is not installed (apt-get install nodejs npm)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
