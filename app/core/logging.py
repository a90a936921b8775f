"""Logging for ``python -m app``: one JSON object per line on standard error.

Request entries (the ``parley.access`` logger) carry their fields as the record's ``entry``;
everything else (start-up, uvicorn's own messages, errors) is wrapped with its level and logger.
"""

import contextlib
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import orjson


class JsonLineFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        # The time to the second, written once per second rather than once per line.
        self._second = -1
        self._stamp = ""

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        line: dict[str, Any] = {
            "time": f"{self._stamp}.{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        entry = getattr(record, "entry", None)
        if isinstance(entry, dict):
            line.update(entry)
        else:
            line["message"] = record.getMessage()
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        # orjson writes UTF-8 as it is (Arabic stays readable) at a fraction of json's cost;
        # anything it cannot write is written as its text. What orjson refuses outright (a lone
        # surrogate from an undecodable file name, an integer past 64 bits) json still writes.
        try:
            return orjson.dumps(line, default=str).decode()
        except TypeError:
            return json.dumps(line, ensure_ascii=False, default=str)


class JsonLinesHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that, inside ``batch()``, writes the lines of many records at once."""

    def __init__(self, stream: Any = None) -> None:
        super().__init__(stream)
        self._held: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._held is None:
            super().emit(record)
            return
        try:
            self._held.append(self.format(record) + self.terminator)
        except Exception:
            self.handleError(record)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            if held:
                try:
                    self.stream.write("".join(held))
                    self.flush()
                except Exception:
                    self.handleError(logging.makeLogRecord({"msg": f"{len(held)} lines"}))


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the app and uvicorn, given to uvicorn so that every
    worker process configures it too."""
    handler = {
        "()": JsonLinesHandler,
        "formatter": "json",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLineFormatter}},
        "handlers": {"stderr": handler},
        "loggers": {
            name: {"handlers": ["stderr"], "level": level, "propagate": False}
            for name in ("parley", "app", "seed", "uvicorn", "uvicorn.error", "asyncio")
        },
    }
