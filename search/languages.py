"""The languages search answers in, and where each one's data files are.

Every language of the site (settings.LANGUAGES) has its own index, synonym map, crisis phrases and
fixed pages: a reader of /es/ searches the Spanish pages, in Spanish words. The site's own language
keeps the plain file names (search/synonyms.yaml); each other language has companion files in the
same format, named with its code (search/synonyms.es.yaml, search/crisis.es.yaml,
search/fixed_pages.es.yaml). What search knows of a language's words sits with each concern (stop
words in search/text.py, crisis spellings in search/crisis.py, ...); the Spanish ones come from
search/spanish.py.
"""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import translation

from editorial.languages import reading_language
from search.spanish import fold_accents

DATA_DIR = Path(__file__).resolve().parent
# Languages whose words are compared with their letters folded, not as written: Spanish is often
# typed without accents, so its index, synonym map and snippets all read "pánico" as "panico".
LETTER_FOLDS: dict[str, Callable[[str], str]] = {"es": fold_accents}


def languages() -> tuple[str, ...]:
    """Every language search answers in, the site's own first."""
    codes = [code for code, _name in settings.LANGUAGES]
    return tuple(sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE))


def search_language(code: str | None = None) -> str:
    """The language to answer a search in: `code` as one of languages() ("es-mx" reads as "es"), the
    reader's (the active language) when None, the site's own for a language the site does not have."""
    if not code:
        return reading_language()
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def letter_fold(language: str) -> Callable[[str], str] | None:
    """How `language` folds letters (the same text, letter for letter), or None: compared as written."""
    return LETTER_FOLDS.get(language)


def language_name(code: str) -> str:
    """The language's own name ("Español"), for the command line."""
    return str(dict(settings.LANGUAGES).get(code, code))


def data_file(name: str, language: str) -> Path:
    """search/<name>.yaml for the site's own language, search/<name>.<code>.yaml for another."""
    if language == settings.LANGUAGE_CODE:
        return DATA_DIR / f"{name}.yaml"
    return DATA_DIR / f"{name}.{language}.yaml"
