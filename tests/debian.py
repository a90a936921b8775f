"""Programs from Debian's packages that some checks need (Chromium, nginx): found on the PATH,
or installed with apt when missing and the tests run as root; otherwise a loud skip (a failure
in CI) naming the checks that could not run."""

import fcntl
import os
import shutil
import subprocess

import pytest


def debian_program(program: str, package: str, what: str) -> str:
    found = shutil.which(program)
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        # Test workers run in parallel: one installs, the others wait for it.
        with open(f"/tmp/parley-{package}-install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not shutil.which(program):
                for command in (
                    ["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", package],
                ):
                    subprocess.run(
                        command,
                        check=False,
                        capture_output=True,
                        timeout=900,
                        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                    )
        found = shutil.which(program)
        if found:
            return found
    message = (
        f"{what} NOT RUN: Debian's {package} is not installed and could not be installed "
        f"(run `apt-get install {package}` as root)."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
