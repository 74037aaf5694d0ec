"""What stands between the form and the inbox: spam checks and duplicate checks.

No third party and no cookie is involved. A honeypot field catches bots that fill everything; a signed
time stamp catches bots that post faster than anyone can type; a per-client rate limit (counted where
every process sees it, keyed on a keyed hash of the address, so no address is ever stored) catches
floods. A one-time token and a keyed hash of the answers stop the same enquiry being stored twice.
"""

import json
import logging
import time
import uuid

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from operations import rate_limits
from operations.client_address import client_address

logger = logging.getLogger(__name__)

STAMP_SALT = "volunteers.form-stamp"
RATE_KEY_SALT = "volunteers.rate-limit"
FINGERPRINT_SALT = "volunteers.fingerprint"
RATE_KEY_PREFIX = "volunteers:"


def new_token() -> uuid.UUID:
    return uuid.uuid4()


def parse_token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def issue_stamp(token: uuid.UUID) -> str:
    """A signed note of when this form (with this token) was handed out."""
    return signing.dumps({"token": str(token), "t": time.time()}, salt=STAMP_SALT)


def stamp_age(stamp: str, token: uuid.UUID) -> float | None:
    """Seconds since the form with this token was handed out; None if the stamp is not ours or not its."""
    try:
        payload = signing.loads(stamp or "", salt=STAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("token") != str(token):
        return None
    try:
        return time.time() - float(payload["t"])
    except (KeyError, TypeError, ValueError):
        return None


def client_key_for_address(address: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of an address: stable, and not reversible."""
    return salted_hmac(RATE_KEY_SALT, address, algorithm="sha256").hexdigest()


def client_key(request) -> str:
    return client_key_for_address(client_address(request))


def rate_limit_allows(request) -> bool:
    """Count one submission for this client; False once it is over VOLUNTEER_RATE_LIMIT in the window.

    The count is shared by every process and server (operations/rate_limits.py). A limit of 0 turns
    the check off. If the counter's store is unreachable the form still works: losing a real
    person's enquiry is worse than letting a few spam ones through.
    """
    limit = settings.VOLUNTEER_RATE_LIMIT
    if limit <= 0:
        return True
    try:
        count = rate_limits.count_hit(
            RATE_KEY_PREFIX + client_key(request), settings.VOLUNTEER_RATE_WINDOW_SECONDS
        )
    except Exception as exc:  # noqa: BLE001  (any store's connection error)
        logger.warning(
            "Rate-limit store unavailable (%s); letting the submission through.", type(exc).__name__
        )
        return True
    return count <= limit


def answers_fingerprint(answers: dict) -> str:
    """A keyed hash of everything the person typed, ignoring case and spacing.

    Going back and pressing Send again on a freshly loaded form carries a new token; the same answers
    within a day are still one enquiry.
    """

    def normal(value):
        if isinstance(value, list | tuple):
            return sorted(normal(item) for item in value)
        return " ".join(str(value).split()).casefold()

    canonical = json.dumps({key: normal(value) for key, value in sorted(answers.items())}, sort_keys=True)
    return salted_hmac(FINGERPRINT_SALT, canonical, algorithm="sha256").hexdigest()
