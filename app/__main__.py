"""``python -m app``: serve the API with uvicorn, building the database first if it is missing.

Settings come from ``PARLEY_*`` environment variables; ``--host``, ``--port`` and ``--workers``
override the matching ones. A bad setting or invalid curated data stops start-up with a short
report and a non-zero exit, never a traceback.
"""

import argparse
import logging
import logging.config
import os
import socket
import sys

import uvicorn
from pydantic import ValidationError
from uvicorn.supervisors import Multiprocess

from app.core.config import Settings, describe_invalid_settings
from app.core.logging import logging_config

log = logging.getLogger("parley")

EXIT_BAD_SETTING = 2
EXIT_INVALID_DATA = 1


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


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    try:
        settings = load_settings(arguments)
    except ValidationError as error:
        for line in describe_invalid_settings(error):
            print(f"python -m app: {named_as_given(line, arguments)}", file=sys.stderr)
        return EXIT_BAD_SETTING
    log_config = logging_config()
    logging.config.dictConfig(log_config)

    # Built here, once, before any worker starts: workers then find it current.
    from app.main import ensure_database
    from seed.loading import SeedError

    try:
        ensure_database(settings)
    except SeedError as error:
        print(f"python -m app: {error.report()}", file=sys.stderr)
        return EXIT_INVALID_DATA
    except RuntimeError as error:
        print(f"python -m app: {error}", file=sys.stderr)
        return EXIT_INVALID_DATA

    config = uvicorn.Config(
        "app.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        # asyncio's own loop, not uvloop: under hundreds of busy connections uvloop served some
        # of them (and new ones, /health included) only after seconds, and wrk timed them out;
        # asyncio shares the loop fairly, at 3% less throughput here.
        loop="asyncio",
        # One JSON line per request comes from the app itself (the parley.access logger).
        access_log=False,
        log_config=log_config,
        server_header=False,
    )
    server = uvicorn.Server(config)
    if settings.workers == 1:
        server.run()
        return 0 if server.started else 1
    # Several processes share one listening socket, bound here. Responses must leave at once:
    # asyncio sets TCP_NODELAY only on sockets it can tell are TCP, which a shared socket's
    # connections are not, and each response then waited 40 ms for a delayed ACK. Set on the
    # listening socket, the option is inherited by every connection it accepts.
    listening = config.bind_socket()
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[listening]).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
