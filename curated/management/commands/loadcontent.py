"""python manage.py loadcontent [DIR] — upsert curated Markdown content by language and slug."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curated.front_matter import ContentError
from curated.loading import load_content


class Command(BaseCommand):
    help = (
        "Load curated Markdown content (modalities/*.md, articles/*.md, and their translations in "
        "es/modalities/*.md, es/articles/*.md) and upsert it by language and slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.CONTENT_DIR))

    def handle(self, *args, directory, **options):
        try:
            report = load_content(Path(directory))
        except ContentError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        verbosity = options["verbosity"]
        if verbosity == 0:
            return
        for label in report.created:
            self.stdout.write(f"created   {label}")
        for label in report.updated:
            self.stdout.write(f"updated   {label}")
        if verbosity >= 2:
            for label in report.unchanged:
                self.stdout.write(f"unchanged {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged (skipped)."
            )
        )
