"""The one answer to "which address is this visitor at?", for every part of the site.

The volunteer form's rate limit and the staff sign-in lockout (django-axes, through its
AXES_CLIENT_IP_CALLABLE setting) both ask `client_address`. Behind DJANGO_PROXY_COUNT trusted
proxies, REMOTE_ADDR is the nearest proxy, the same for everyone; each proxy appends the address it
was talking to to X-Forwarded-For, so the visitor is the entry that many places from the right.
Entries further left are whatever the visitor chose to send, and are never read.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind PROXY_COUNT proxies the one the first proxy saw.

    A forwarded header shorter than the proxy count, or an entry that is no address, means the
    request did not come through every proxy as configured; then REMOTE_ADDR is the safe answer.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
