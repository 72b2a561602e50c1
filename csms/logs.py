"""How `csms serve` writes its log: one line per event on stderr, readable text by default,
JSON lines with `CSMS_LOG_FORMAT=json` (for a log shipper).

Every line carries the time (UTC, ISO 8601), the level, the logger, this node's id and, when
the line is about a station or an HTTP request, the station id and the request id. Those two
come from context variables set where the work starts (the OCPP connection's task, the HTTP
middleware), so a line logged deep inside a service carries them without being handed them.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal

STATION_ID: ContextVar[str | None] = ContextVar("station_id", default=None)
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)

# Fields of a LogRecord that are not the caller's `extra`.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "node"}


class _Context(logging.Filter):
    """Puts the node, station and request ids on every record."""

    def __init__(self, node_id: str) -> None:
        super().__init__()
        self._node_id = node_id

    def filter(self, record: logging.LogRecord) -> bool:
        record.node = self._node_id
        if not hasattr(record, "station_id"):
            record.station_id = STATION_ID.get()
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


def _time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ids = [f"node={record.node}"]  # type: ignore[attr-defined]
        if record.station_id:  # type: ignore[attr-defined]
            ids.append(f"station={record.station_id}")  # type: ignore[attr-defined]
        if record.request_id:  # type: ignore[attr-defined]
            ids.append(f"request={record.request_id}")  # type: ignore[attr-defined]
        line = (
            f"{_time(record)} {record.levelname:<7} {record.name} "
            f"[{' '.join(ids)}] {record.getMessage()}"
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "node": record.node,  # type: ignore[attr-defined]
            "station_id": record.station_id,  # type: ignore[attr-defined]
            "request_id": record.request_id,  # type: ignore[attr-defined]
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure(
    *, node_id: str, log_format: Literal["text", "json"] = "text", level: str = "INFO"
) -> None:
    """The process's one log configuration (stderr); uvicorn's loggers go through it too."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_Context(node_id))
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "websockets"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # websockets logs every handshake failure at INFO with a traceback: our own lines say it.
    logging.getLogger("websockets").setLevel("WARNING")


__all__ = ["REQUEST_ID", "STATION_ID", "JsonFormatter", "TextFormatter", "configure"]
