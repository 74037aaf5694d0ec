"""How staff pages write dates and name people, so the inbox, the admin and History read alike."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Day, short month, year and time: "3 Nov 2026, 14:05". Every staff page uses it.
STAFF_DATETIME_FORMAT = "j M Y, H:i"
STAFF_DATE_FORMAT = "j M Y"


def staff_datetime(value) -> str:
    """A date and time in the staff format, in the site's time zone."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, STAFF_DATETIME_FORMAT)


def staff_name(user) -> str:
    """What staff pages call a colleague: the first name, or the user name when none is set."""
    if user is None:
        return _("Nobody")
    return (user.first_name or "").strip() or user.get_username()
