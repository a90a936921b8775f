"""Several server processes on one port, each accepting on a listening socket of its own.

uvicorn's own workers share one listening socket, and whichever process wakes first takes
the connection: under a steady load one worker often took them all (3 runs in 4 here left one
process with 96-99% of the work). With ``SO_REUSEPORT`` each worker binds its own socket to
the port and the kernel spreads new connections over them evenly.

The parent starts the workers, starts again any that dies (a worker that fails before serving
stops them all: it would fail the same way again), and on SIGTERM or SIGINT stops them and
waits, within the shutdown setting, for them to finish.
"""

import logging
import multiprocessing
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as EventType
from types import FrameType

import uvicorn

log = logging.getLogger("parley")

# A worker's exit status when its server never started (it could not bind, or its app's
# start-up failed): restarting it would fail the same way, so the parent stops instead.
EXIT_NEVER_STARTED = 3
# Time past the shutdown setting before a worker that has not stopped is killed.
KILL_AFTER_SECONDS = 5.0


def listening_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    """A socket bound to the address: shared with other processes' sockets on the port only
    with ``reuse_port`` (each worker's), otherwise the port's only one (so a second server is
    told the port is taken). Responses leave at once: asyncio sets TCP_NODELAY only on sockets
    it can tell are TCP, which a socket handed to it is not, and each response then waited
    40 ms for a delayed ACK; set here, every connection inherits it."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listening.set_inheritable(True)
    return listening


def run_worker(make_config: Callable[[], uvicorn.Config], serving: EventType) -> None:
    """One worker process: its own socket on the port, then uvicorn's server on it; ``serving``
    is set once the server has started."""
    config = make_config()
    server = uvicorn.Server(config)
    try:
        listening = listening_socket(config.host, config.port, reuse_port=True)
    except OSError as error:
        log.error("worker cannot listen on %s:%d: %s", config.host, config.port, error)
        sys.exit(EXIT_NEVER_STARTED)

    def announce() -> None:
        while not (server.started or server.should_exit):
            time.sleep(0.05)
        if server.started:
            serving.set()

    threading.Thread(target=announce, daemon=True).start()
    server.run(sockets=[listening])
    sys.exit(0 if server.started else EXIT_NEVER_STARTED)


def serve_workers(
    make_config: Callable[[], uvicorn.Config], count: int, shutdown_seconds: float
) -> int:
    """Run ``count`` workers until SIGTERM or SIGINT; the exit status for ``python -m app``."""
    # Spawned, not forked: a worker starts from a clean interpreter, as uvicorn's do.
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signal: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    for each in (signal.SIGTERM, signal.SIGINT):
        signal.signal(each, stop)

    def start() -> tuple[BaseProcess, EventType]:
        serving = context.Event()
        process = context.Process(target=run_worker, args=(make_config, serving))
        process.start()
        return process, serving

    workers = [start() for _ in range(count)]
    status = 0
    while not stopping:
        time.sleep(0.2)
        for index, (worker, serving) in enumerate(workers):
            if worker.is_alive() or stopping:
                continue
            if not serving.is_set():
                log.error("a worker failed to start (exit status %s); stopping", worker.exitcode)
                stopping, status = True, 1
                break
            log.warning("worker %d exited (%s); starting another", worker.pid, worker.exitcode)
            workers[index] = start()
    for worker, _ in workers:
        if worker.is_alive():
            worker.terminate()  # SIGTERM: its server's own graceful stop
    deadline = time.monotonic() + shutdown_seconds + KILL_AFTER_SECONDS
    for worker, _ in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            worker.kill()
            worker.join()
    return status
