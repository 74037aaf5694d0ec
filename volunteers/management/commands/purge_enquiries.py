"""Remove the personal details of enquiries closed longer ago than the retention period.

    python manage.py purge_enquiries [--days N] [--dry-run]

Closed means accepted, declined, spam or archived. Personal details are overwritten (not kept
anywhere) and internal notes deleted; status, interests and dates stay, so counts still add up.
Output and logs carry counts and enquiry numbers only, never personal details.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from volunteers.models import Enquiry

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Remove personal details of enquiries closed more than N days ago (VOLUNTEER_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention period in days (default: VOLUNTEER_RETENTION_DAYS, "
            f"now {settings.VOLUNTEER_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be removed; change nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.VOLUNTEER_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        due = Enquiry.objects.due_for_purge(days).order_by("pk")
        ids = list(due.values_list("pk", flat=True))
        if dry_run:
            self.stdout.write(
                f"Dry run: would remove the personal details of {len(ids)} "
                f"{'enquiry' if len(ids) == 1 else 'enquiries'} closed more than {days} days ago"
                + (f" ({', '.join(f'#{pk}' for pk in ids)})." if ids else ".")
            )
            return
        for enquiry in Enquiry.objects.filter(pk__in=ids):
            enquiry.anonymise()
        logger.info(
            "purge_enquiries: removed personal details of %d enquiries (retention %d days).", len(ids), days
        )
        self.stdout.write(
            f"Removed the personal details of {len(ids)} {'enquiry' if len(ids) == 1 else 'enquiries'} "
            f"closed more than {days} days ago. {Enquiry.objects.count()} enquiries remain counted."
        )
