"""What the discreet summary leaves out, so a page found on a table gives nothing away.

The discreet print carries no site name, no logo and a neutral title. Text taken from the content
(a therapy's format, a fact behind a reason) is left out whenever it holds a word that names what
happened to the reader; editors may use those words elsewhere on the site, and this filter keeps
the printout safe whatever they write.
"""

from pages.discretion import names_the_topic


def is_discreet(text: str) -> bool:
    # The same words, in every language of the site, that tab titles never show.
    return not names_the_topic(str(text))


def discreet_or_empty(text: str) -> str:
    """The text itself when it gives nothing away, else nothing."""
    return str(text) if is_discreet(text) else ""
