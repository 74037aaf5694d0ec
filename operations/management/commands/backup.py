"""python manage.py backup [--output DIR] — write a consistent copy of the database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Write a consistent backup of the database (SQLite online backup, or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.VAR_DIR / "backups"), help="Folder for the backup."
        )

    def handle(self, *args, output, **options):
        try:
            path = backup_database(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
