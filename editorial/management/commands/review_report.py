"""python manage.py review_report — what is overdue for clinical review or due soon (for cron).

Prints the same list as the admin's "Review dates" page and exits with status 1 when any published
explainer or article is overdue for review or has no review date, so cron or CI can raise the alarm.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.models import REVIEW_WARNING_DAYS
from editorial.review import review_schedule

EXIT_NEEDS_REVIEW = 1


class Command(BaseCommand):
    help = "List published content overdue for review or due soon; exit 1 if anything is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=REVIEW_WARNING_DAYS,
            help=f"How far ahead 'due soon' looks, in days (default {REVIEW_WARNING_DAYS}).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        schedule = review_schedule(within_days=days)
        self._section("Overdue for review", schedule.overdue, schedule.today)
        self._section("No next review date set", schedule.undated, schedule.today)
        self._section(f"Due within {days} days", schedule.due_soon, schedule.today)
        if schedule.needs_action:
            count = schedule.needs_action_count
            raise CommandError(
                f"{count} published item{'s' if count != 1 else ''} need{'' if count != 1 else 's'} "
                "a clinical review now.",
                returncode=EXIT_NEEDS_REVIEW,
            )
        self.stdout.write(self.style.SUCCESS("Nothing is overdue for review."))

    def _section(self, heading, items, today):
        self.stdout.write(f"{heading}: {len(items)}")
        for item in items:
            days = item.days_from(today)
            if days is None:
                when = "no date"
            elif days < 0:
                when = f"{item.next_review_due.isoformat()} ({-days} days overdue)"
            else:
                when = f"{item.next_review_due.isoformat()} (in {days} days)"
            link = f"{settings.SITE_URL}{item.admin_url}" if item.admin_url else ""
            self.stdout.write(f"  {when:<32} {item.kind:<10} {item.title}  {link}".rstrip())
