"""``python -m app``: serve the API with uvicorn, building the database first if it is missing.

Settings come from ``PARLEY_*`` environment variables; ``--host``, ``--port`` and ``--workers``
override the matching ones. A bad setting or invalid curated data stops start-up with a short
report and a non-zero exit, never a traceback.
"""

import argparse
import logging
import logging.config
import os
import resource
import sys
from functools import partial

import uvicorn
from pydantic import ValidationError

from app.core.config import (
    Settings,
    describe_invalid_settings,
    unknown_variables,
)
from app.core.logging import logging_config
from app.server import ACCEPT_BACKLOG, server_config
from app.workers import listening_socket, serve_workers

log = logging.getLogger("parley")

EXIT_INVALID_DATA = 1
EXIT_BAD_SETTING = 2
# No database it may serve: damaged, or out of date with building off, or unwritable.
EXIT_UNUSABLE_DATABASE = 3
# The address is taken (another server on the port) or not this machine's.
EXIT_CANNOT_LISTEN = 4


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description="Serve the Parley API. Each option defaults to its PARLEY_* variable.",
    )
    parser.add_argument("--host", help="interface to listen on (PARLEY_HOST, default 127.0.0.1)")
    parser.add_argument("--port", help="port to listen on (PARLEY_PORT, default 8000)")
    parser.add_argument("--workers", help="server processes (PARLEY_WORKERS, default 1)")
    return parser.parse_args(argv)


def load_settings(arguments: argparse.Namespace) -> Settings:
    """The settings, with command-line options standing in for their variables."""
    for option in ("host", "port", "workers"):
        value = getattr(arguments, option)
        if value is not None:
            # Through the environment, so the workers uvicorn starts see the same settings.
            os.environ[f"PARLEY_{option.upper()}"] = value
    return Settings()


def named_as_given(line: str, arguments: argparse.Namespace) -> str:
    """A settings problem named as the user gave it: ``--port=...`` rather than its variable."""
    for option in ("host", "port", "workers"):
        variable = f"PARLEY_{option.upper()}="
        if getattr(arguments, option) is not None and line.startswith(variable):
            return f"--{option}={line.removeprefix(variable)}"
    return line


def allow_enough_open_files(connections: int) -> int:
    """Raise this process's open-file limit to what the system allows, and return how many
    connections it can hold: each holds a descriptor, and a process out of them has its
    clients refused by the system before the cap can answer them with a 503."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        wanted = max(soft, connections + 256) if hard == resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        soft = wanted
    # Room for the database, logs, and a whole batch of connections accepted at once (asyncio
    # accepts up to the backlog before the cap sees any of them).
    room = int(soft) - 64 - ACCEPT_BACKLOG if soft != resource.RLIM_INFINITY else connections
    if connections > room:
        log.warning(
            "PARLEY_MAX_CONNECTIONS=%d lowered to %d: the open-file limit is %d",
            connections,
            max(room, 1),
            soft,
        )
        return max(room, 1)
    return connections


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        settings = load_settings(arguments)
    except ValidationError as error:
        for line in describe_invalid_settings(error):
            print(f"python -m app: {named_as_given(line, arguments)}", file=sys.stderr)
        return EXIT_BAD_SETTING
    try:
        # Bound before any start-up work, so a port in use is one line at once rather than an
        # error after a build; held through start-up so no other server takes it meanwhile.
        listening = listening_socket(settings.host, settings.port, reuse_port=False)
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            f"python -m app: cannot listen on {settings.host}:{settings.port}: {reason} "
            "(another server on that port? choose one with --port)",
            file=sys.stderr,
        )
        return EXIT_CANNOT_LISTEN
    log_config = logging_config()
    logging.config.dictConfig(log_config)
    for line in unknown_variables():
        log.warning(line)
    # Through the environment, so that every worker applies the same cap.
    os.environ["PARLEY_MAX_CONNECTIONS"] = str(allow_enough_open_files(settings.max_connections))

    # Built here, once, before any worker starts: workers then find it current.
    from app.main import CHECKED_FILE, SERVED_FILE, ensure_database, file_identity, pin_build
    from seed.build import BuildEnvironmentError, remove_stale_builds
    from seed.loading import SeedError

    try:
        if ensure_database(settings):
            # The app's start-up in this process and in each worker need not read it again.
            os.environ[CHECKED_FILE] = file_identity(settings.database_path)
    except SeedError as error:
        print(f"python -m app: {error.report()}", file=sys.stderr)
        return EXIT_INVALID_DATA
    except (BuildEnvironmentError, RuntimeError) as error:
        print(f"python -m app: {error}", file=sys.stderr)
        return EXIT_UNUSABLE_DATABASE

    if settings.workers == 1:
        server = uvicorn.Server(server_config(log_config, settings))
        server.run(sockets=[listening])
        return 0 if server.started else 1
    # Several processes, each on a socket of its own (app/workers.py), serving one build: the
    # one checked here, pinned under a second name, which a worker restarted after a rebuild
    # opens too.
    try:
        remove_stale_builds(settings.database_path)
        pinned = pin_build(settings.database_path)
    except OSError as error:
        print(
            f"python -m app: cannot pin {settings.database_path} for its workers "
            f"({error.strerror or error}): the directory must be writable",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE_DATABASE
    os.environ[SERVED_FILE] = str(pinned)
    # The workers bind the port themselves; this socket only held it through start-up.
    listening.close()
    try:
        return serve_workers(
            partial(server_config, log_config), settings.workers, settings.shutdown_timeout_seconds
        )
    finally:
        pinned.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
