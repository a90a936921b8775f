"""The access log: one JSON line per request on the ``parley.access`` logger, handed to the
logging handlers in batches.

Logging a line as a request finishes cost a cold request about a fifth of its time (a frame
walk, a record, a format and a write, each time). A request now only appends its fields; the
lines are made into records and handed to the handlers together, at most ``delay`` seconds
after the first of them (``PARLEY_ACCESS_LOG_DELAY_SECONDS``, 50 ms unless set), or as soon as
``MAX_PENDING`` are waiting, and whatever is waiting when the app stops. Each record keeps the
time its request finished.

What a hard kill (SIGKILL, a crash of the interpreter) loses: the lines of the requests that
finished in the last ``delay`` seconds before it. A normal stop (SIGTERM, Ctrl-C) loses none.
"""

import asyncio
import atexit
import json
import logging
from contextlib import ExitStack
from typing import Any

from app.core.logging import JsonLinesHandler

# A flood must not hold an unbounded list: this many waiting lines are handed on at once.
MAX_PENDING = 1000


class Entry(dict[str, Any]):
    """A request's fields; as a log message, their JSON (made only if a handler asks)."""

    def __str__(self) -> str:
        return json.dumps(self, ensure_ascii=False)


class AccessLog:
    def __init__(self, logger: logging.Logger, delay: float) -> None:
        self.logger = logger
        self.delay = delay
        self._pending: list[tuple[float, Entry]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None
        # The lines still waiting when the interpreter exits without the app's shutdown.
        atexit.register(self.flush)

    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)

    def add(self, finished_at: float, entry: Entry) -> None:
        """Keep a request's line, written at most ``delay`` seconds from now. ``finished_at``
        is its time as ``time.time()`` gives it."""
        self._pending.append((finished_at, entry))
        loop = asyncio.get_running_loop()
        # A timer set on a loop that has since ended never fires (a test client without a
        # lifespan runs each request on a loop of its own): what it waited for goes now.
        stale = self._timer is not None and self._timer_loop is not loop
        if len(self._pending) >= MAX_PENDING or not self.delay or stale:
            self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.delay, self.flush)
            self._timer_loop = loop

    def flush(self) -> None:
        """Hand every waiting line to the logger's handlers, in the order the requests ended."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        with ExitStack() as writing:
            # A handler that can write many lines at once (ours) does, once for the batch.
            for handler in handlers_of(self.logger):
                if isinstance(handler, JsonLinesHandler):
                    writing.enter_context(handler.batch())
            self._hand_on(batch)

    def _hand_on(self, batch: list[tuple[float, Entry]]) -> None:
        for finished_at, entry in batch:
            record = self.logger.makeRecord(
                self.logger.name,
                logging.INFO,
                __file__,
                0,
                entry,
                (),
                None,
                extra={"entry": entry},
            )
            record.created = finished_at
            record.msecs = (finished_at - int(finished_at)) * 1000
            self.logger.handle(record)


def handlers_of(logger: logging.Logger) -> list[logging.Handler]:
    """Every handler a record of ``logger`` reaches, as ``Logger.callHandlers`` finds them."""
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found += current.handlers
        current = current.parent if current.propagate else None
    return found
