"""When the database is away, visitors get the friendly 503 page quickly instead of an error."""

import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

RETRY_AFTER_SECONDS = 30
# Connection-level failures only; a programming error stays a 500 so it gets fixed.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def database_unavailable_response(request):
    """The 503 page; it renders from the template alone, so it needs no database."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def current_exception_is_database_outage() -> bool:
    return is_database_outage(sys.exc_info()[1])


class DatabaseUnavailableMiddleware:
    """Turns a database error raised by a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable_response(request)
        return None
