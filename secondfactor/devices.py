"""A staff member's second factor: one authenticator app (TOTP) and ten one-time backup codes.

Both are django-otp devices. The authenticator is set up at the first sign-in: a secret is made and
kept unconfirmed until the person types a code their app shows, which proves the app holds it. Then
ten backup codes are made (django-otp's static device: each is deleted when used), shown once.

django-otp refuses a code it accepted before (the TOTP device remembers the last time step used) and
slows down guessing: after each wrong code a device waits twice as long before it checks another.
"""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"


def normalise_code(code: str) -> str:
    """Codes as people type them: `123 456`, `ABCD-EFGH` and `abcdefgh ` mean the same."""
    return "".join(code.split()).replace("-", "").lower()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_any_device(user) -> bool:
    """An authenticator, or backup codes left (someone whose phone is gone may still sign in)."""
    return has_authenticator(user) or StaticToken.objects.filter(device__user=user).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same secret on every visit until it is confirmed, so a
    reload does not invalidate what the person already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32 (what apps ask for when typed in), in groups of four for reading aloud."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_authenticator(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending authenticator if `code` is what it shows now; then make the backup codes.
    Returns the new backup codes (to show once), or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or has_authenticator(device.user):
        return None  # set up in another tab meanwhile: only one authenticator per person
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_backup_codes(device.user)


@transaction.atomic
def issue_backup_codes(user) -> list[str]:
    """Ten fresh one-time codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@dataclass(frozen=True)
class Verification:
    device: object | None = None  # the device that accepted the code
    wait_until: datetime | None = None  # set when the code was not checked: too many wrong codes

    @property
    def accepted(self) -> bool:
        return self.device is not None

    @property
    def used_backup_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def verify_code(user, code: str) -> Verification:
    """Check `code` against the user's confirmed devices. Rows are locked while checking, so two
    requests with the same code cannot both pass."""
    code = normalise_code(code)
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                return Verification(wait_until=(details or {}).get("locked_until"))
        for device in devices:
            if code and device.verify_token(code):
                return Verification(device=device)
    return Verification()


@transaction.atomic
def remove_devices(user) -> tuple[int, int]:
    """Forget the user's authenticator and backup codes (a lost phone); they set up a new one at
    their next sign-in. Sessions verified with the old device stop counting as verified at once.
    Returns (authenticators removed, backup codes removed)."""
    codes = StaticToken.objects.filter(device__user=user).count()
    StaticDevice.objects.filter(user=user).delete()
    authenticators, _ = TOTPDevice.objects.filter(user=user).delete()
    return authenticators, codes
