"""Send every volunteer notification that is due, now.

    python manage.py deliver_notifications

The task worker (`manage.py db_worker`) does this by itself after each enquiry and on each retry;
this command is for an operator after an outage, or for cron as a safety net.
"""

from django.core.management.base import BaseCommand

from volunteers import outbox


class Command(BaseCommand):
    help = "Send every volunteer notification that is due (the worker normally does this)."

    def handle(self, *args, **options):
        report = outbox.drain()
        self.stdout.write(
            f"Sent {report.sent}; will retry {report.retrying}; gave up on {report.gave_up}; "
            f"nobody to send to {report.cancelled}."
        )
