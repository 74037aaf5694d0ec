"""Keep what readers search for out of every log line."""

import logging
import re

# Any "?query" after a path, in a request line or a message.
_QUERY = re.compile(r"\?[^\s\"']*")


class StripQueryStrings(logging.Filter):
    """Removes query strings from log records, so search terms never reach a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = (
                tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in record.args)
                if isinstance(record.args, tuple)
                else record.args
            )
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", record.msg)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            # django.request attaches the request; make sure formatters cannot print its query.
            record.request = None
        return True
