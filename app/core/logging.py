"""Logging for ``python -m app``: one JSON object per line on standard error.

Request entries (the ``parley.access`` logger) carry their fields as the record's ``entry``;
everything else (start-up, uvicorn's own messages, errors) is wrapped with its level and logger.
"""

import json
import logging
import time
from typing import Any


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
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
        return json.dumps(line, ensure_ascii=False)


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the app and uvicorn, given to uvicorn so that every
    worker process configures it too."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
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
