"""Email addresses a moderator replies to: which ones the form accepts, and how a reply link is built.

A volunteer's address ends up in a `mailto:` link in the inbox. Characters that mean something in a
link (`?`, `&`, `=`, `%`, `#`) are legal in an address's local part, so `victim?cc=attacker@...` would
pass a plain syntax check and turn Reply into a message that copies someone else in. Addresses that
point at the moderator's own machine or network (`localhost`, a bare host name, an IP literal) are no
way to reach a volunteer either. The form refuses both, with a message saying what to change, and
every link is built percent-encoded, so even an address stored before these checks stays one address.
"""

import ipaddress
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# Characters with a meaning inside a link, plus the quotation mark that opens a quoted local part.
LINK_CHARACTERS = frozenset('?&=%#"')


def _is_local_domain(domain: str) -> bool:
    domain = domain.rstrip(".").lower()
    if domain.startswith("[") or "." not in domain:
        return True
    if domain == "localhost" or domain.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        return False
    return True


def validate_reply_address(value: str) -> None:
    """Refuse addresses a `mailto:` link could misread, and addresses that reach no real mailbox."""
    if not value:
        return
    local, _, domain = value.rpartition("@")
    if any(char in LINK_CHARACTERS for char in local):
        raise ValidationError(
            gettext(
                # The % is a character to avoid, not a placeholder.
                # xgettext:no-python-format
                "Enter an email address without the characters ? & = % # or quotation marks, "
                "like name@example.com"
            ),
            code="link_characters",
        )
    if not local or _is_local_domain(domain):
        raise ValidationError(
            gettext("Enter an email address with a full domain name after the @, like name@example.com"),
            code="local_domain",
        )


def mailto_url(address: str) -> str:
    """A `mailto:` link to exactly this one address: everything but the @ is percent-encoded, so no
    part of it can become a header (cc, bcc, subject, body) or a second recipient."""
    return "mailto:" + quote(address, safe="@")
