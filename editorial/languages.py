"""The language a reader reads in, and the language every page exists in.

The reader's language comes from the address (/es/... is Spanish): the URL-language middleware
activates it, and whatever reads content for readers asks `reading_language()` rather than the
request. English is the site's own language: every page is written in it first, and a page with no
version in the reader's language yet is shown in English inside the reader's frame.
"""

from django.conf import settings
from django.utils import translation


def site_language() -> str:
    """The language every page exists in, and the one shown where a translation is missing."""
    return settings.LANGUAGE_CODE


def reading_language() -> str:
    """The active language, as one of settings.LANGUAGES ("es-mx" reads as "es")."""
    code = translation.get_language()
    if not code:
        return site_language()
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return site_language()


def version_label(item) -> str:
    """A content row's title as staff see it in lists: a translation names its language, in
    English ("EMDR (Spanish)"), so that two versions of one page are never mistaken for each other."""
    if item.language == site_language():
        return item.title
    return f"{item.title} ({translation.get_language_info(item.language)['name']})"
