"""``python -m app``: serve the API with uvicorn, building the database first if it is missing."""

import socket
import sys

import uvicorn
from uvicorn.supervisors import Multiprocess

from app.core.config import get_settings


def main() -> None:
    settings = get_settings()
    config = uvicorn.Config(
        "app.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        # asyncio's own loop, not uvloop: under hundreds of busy connections uvloop served some
        # of them (and new ones, /health included) only after seconds, and wrk timed them out;
        # asyncio shares the loop fairly, at 3% less throughput here.
        loop="asyncio",
        # Requests are logged as JSON by the app itself (the parley.access logger).
        access_log=False,
        server_header=False,
    )
    server = uvicorn.Server(config)
    if settings.workers == 1:
        server.run()
        sys.exit(0 if server.started else 1)
    # Several processes share one listening socket, bound here. Responses must leave at once:
    # asyncio sets TCP_NODELAY only on sockets it can tell are TCP, which a shared socket's
    # connections are not, and each response then waited 40 ms for a delayed ACK. Set on the
    # listening socket, the option is inherited by every connection it accepts.
    listening = config.bind_socket()
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[listening]).run()


if __name__ == "__main__":
    main()
