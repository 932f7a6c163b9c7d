"""Logging filters for the portal's own loggers."""

import logging


class CacheUnavailable(logging.Filter):
    """Turn django_redis's report of a cache call it let fail open into one warning line.

    With Redis away, every cache call of every page is answered as a miss and reported; a traceback
    at ERROR level for each would bury the log, although the portal serves on without the cache.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = "cache unavailable, serving without it: %s: %s"
            record.args = (type(error).__name__, error)
            record.exc_info = None
            record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
