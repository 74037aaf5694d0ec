"""Forget a staff member's authenticator and backup codes, when their phone is lost or replaced.

    python manage.py reset_second_factor USERNAME

They set up a new authenticator the next time they sign in with their password, so confirm who is
asking before running this (in person or by a call to a number you already know), and consider
resetting their password too. Any session of theirs stops counting as verified at once.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from secondfactor.devices import remove_devices


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and backup codes; they set up a new one at next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account's user name, as used to sign in.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account with the user name {username!r}.") from None
        authenticators, codes = remove_devices(user)
        if not authenticators and not codes:
            self.stdout.write(f"{username} had no authenticator and no backup codes; nothing to remove.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {username}'s authenticator ({authenticators}) and {codes} unused backup code(s). "
                "They will set up a new authenticator when they next sign in."
            )
        )
