"""Keep what readers search for, and who they are, out of every log line.

`OneShortLine` is attached to the loggers of routine refusals (a forged Host header): scanners send
them by the dozen, and a traceback each would bury the log. One line says what was refused.

`StripQueryStrings` is attached to every log handler (settings.LOGGING for Django and runserver,
config/gunicorn.conf.py for gunicorn's access and error logs). It removes the query string from any
URL in a record's message and arguments, so `/search/?q=nightmares` is logged as `/search/`.

`MaskRequestDetails` is attached to gunicorn's error log. When gunicorn refuses a malformed request
it writes the client's address and quotes the piece it could not parse, which can be the rest of a
search typed into the address (`GET /search/?q=bad dreams HTTP/1.1` fails on "dreams HTTP/1.1").
The filter drops the address and replaces every quoted piece, so the line keeps only what went wrong
("Invalid request: Invalid HTTP Version: '[masked]'"), as the access log keeps only method, path and status.
"""

import logging
import re
from collections.abc import Mapping

# A "?" and what follows it up to whitespace or a quote: the query of a URL in a request line
# ("GET /search/?q=x HTTP/1.1"), a message ("Error handling request /search/?q=x") or a full URL.
# Deliberately broad: a question mark in ordinary prose loses the word after it, which costs a log
# reader little, while a narrower pattern could let a query through.
_QUERY = re.compile(r"\?[^\s\"']*")


_TRACEBACK_FORMATTER = logging.Formatter()

# gunicorn's "Invalid request from ip=ADDRESS: ..." (an IPv6 address holds colons; ": " ends it).
_FROM_ADDRESS = re.compile(r" from ip=\S*?(?=: |\s|$)")
# A Python repr of a string, in single or double quotes, as gunicorn's parse errors quote them.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'" + r'|"(?:[^"\\]|\\.)*"')
MASK = "'[masked]'"


def strip_query_strings(text: str) -> str:
    """`text` with the query string of every URL in it removed."""
    return _QUERY.sub("", text)


def _clean(value):
    return strip_query_strings(value) if isinstance(value, str) else value


class StripQueryStrings(logging.Filter):
    """Removes query strings from log records, so search terms never reach a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = strip_query_strings(record.msg)
        if isinstance(record.args, Mapping):
            # gunicorn's access log formats with a mapping of "atoms"; clean it in place so the
            # mapping keeps its own type and lookups.
            for key, value in list(record.args.items()):
                if isinstance(value, str):
                    record.args[key] = strip_query_strings(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(_clean(arg) for arg in record.args)
        if record.exc_info and not record.exc_text:
            # An exception message may quote a URL; format the traceback now, cleaned, so the
            # handler's formatter reuses this text instead of formatting the raw one.
            record.exc_text = strip_query_strings(_TRACEBACK_FORMATTER.formatException(record.exc_info))
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            # django.request attaches the request object, which carries the full query string;
            # no formatter or handler (an error mail, for instance) may print it.
            record.request = None
        return True


def mask_request_details(text: str) -> str:
    """`text` without the client address and with every quoted piece of a request replaced."""
    return _QUOTED.sub(MASK, _FROM_ADDRESS.sub("", text))


class MaskRequestDetails(logging.Filter):
    """Masks client addresses and quoted request pieces in gunicorn's error log (see above)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # gunicorn formats these messages itself, so the details are in the message, not in args.
        message = record.getMessage()
        masked = mask_request_details(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


# Long enough for Django's whole "Invalid HTTP_HOST header ..." sentence with a normal host name.
SHORT_LINE_LENGTH = 240


class OneShortLine(logging.Filter):
    """Logs a refusal as one line: no traceback, no request, the message cut to a fixed length.

    The message is what was refused (a forged host name, say); the client's address is never part
    of it, and the request that would carry the address is dropped before any handler sees it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = " ".join(record.getMessage().split())
        if len(message) > SHORT_LINE_LENGTH:
            message = message[: SHORT_LINE_LENGTH - 1] + "…"
        record.msg, record.args = message, ()
        record.exc_info = record.exc_text = record.stack_info = None
        record.request = None
        return True
